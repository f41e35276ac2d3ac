"""The files on disk the commands read and write: the content file (bounded), outputs written atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from flyer.errors import ContentError, Problem

__all__ = ["check_folders", "process_umask", "read_content", "write_atomically"]


def read_content(path: Path) -> bytes:
    """The content file's bytes; a ``ContentError`` when it is a folder, missing, unreadable or huge."""
    limit = 16 * 1024 * 1024  # a content file is a few kilobytes; never read a stray video
    if path.is_dir():
        raise ContentError(
            [
                Problem(
                    f"'{path}' is a folder, not a content file",
                    file=str(path),
                    hint=f"try {path / 'content.yaml'}",
                )
            ]
        )
    from flyer.content.files import not_regular

    kind = not_regular(path)
    if kind:
        raise ContentError(
            [
                Problem(
                    f"'{path}' is {kind}, not a content file",
                    file=str(path),
                    hint="give the path of a file saved on disk",
                )
            ]
        )
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise ContentError(
            [
                Problem(
                    f"'{path}' does not exist",
                    file=str(path),
                    hint="give the path of your content file: flyer build path/to/content.yaml",
                )
            ]
        ) from None
    except OSError as exc:
        raise ContentError(
            [Problem(f"'{path}' cannot be read: {exc.strerror or exc}", file=str(path))]
        ) from None
    if len(raw) > limit:
        raise ContentError(
            [
                Problem(
                    f"'{path}' is larger than {limit // (1024 * 1024)} MB; a content file is a few kilobytes",
                    file=str(path),
                    hint="check that this is your content file",
                )
            ]
        )
    return raw


def process_umask() -> int:
    """The process umask (reading it means setting it: put it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_folders(folders: set[Path]) -> None:
    """Raise ``NotADirectoryError`` (readable) when a file stands where a folder must be made."""
    import errno

    for folder in sorted(folders):
        blocker = next((p for p in (folder, *folder.parents) if p.exists() or p.is_symlink()), None)
        if blocker is not None and not blocker.is_dir():
            what = "a file, not a folder" if blocker.is_file() else "not a folder"
            raise NotADirectoryError(errno.ENOTDIR, f"'{blocker}' is {what}", str(blocker))


def write_atomically(files: dict[Path, bytes], *, sync: bool = True) -> None:
    """Write every file or none: temporary files in the same folder, then renames.

    A crash or a concurrent build never leaves a truncated PDF: readers see the old file or the new.
    ``sync=False`` skips the fsync (previews, remade on the next save): still atomic, less durable.
    Raise ``OSError`` (with a readable ``strerror``) when a folder cannot be made or written.
    """
    check_folders({target.parent for target in files})
    from flyer.app.interrupt import deferred

    with deferred():  # Ctrl-C waits until every file is renamed (or none is)
        _write_all(files, sync)


def _write_all(files: dict[Path, bytes], sync: bool) -> None:
    temps: list[tuple[Path, Path]] = []
    renamed: set[Path] = set()
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            temps.append((Path(name), target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                # mkstemp makes the file private (0600); give it the mode a plain open() would.
                os.fchmod(handle.fileno(), 0o666 & ~process_umask())
                if sync:
                    os.fsync(handle.fileno())
        for temp, target in temps:
            os.replace(temp, target)
            renamed.add(temp)
    finally:
        # Only our own leftovers: once renamed, the name may already be another build's temp file.
        for temp, _ in temps:
            if temp not in renamed:
                temp.unlink(missing_ok=True)
