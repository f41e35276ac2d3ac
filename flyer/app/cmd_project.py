"""``flyer serve``, ``flyer init`` and ``flyer schema``."""

from __future__ import annotations

import argparse
from pathlib import Path

from flyer.app.disk import write_atomically
from flyer.app.say import EXIT_CONTENT, EXIT_OK, UsageError, report
from flyer.errors import Problem


def cmd_serve(args: argparse.Namespace) -> int:
    from flyer.app.serve import loopback, serve

    if not loopback(args.bind):
        raise UsageError(
            f"--bind {args.bind}: flyer serve binds to the loopback address only (127.0.0.1 or ::1)"
        )
    try:
        return serve(Path(args.content), host=args.bind, port=args.port, dpi=args.dpi)
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.bind}:{args.port}: {exc.strerror or exc}") from None


def cmd_init(args: argparse.Namespace) -> int:
    from flyer.app.scaffold import files

    folder = Path(args.folder)
    content = folder / "content.yaml"
    if content.exists() or content.is_symlink():
        report(
            [
                Problem(
                    f"'{content}' already exists; flyer init never overwrites a content file",
                    file=str(content),
                    hint="choose a new folder: flyer init my-flyer",
                )
            ]
        )
        return EXIT_CONTENT
    new = {folder / name: data for name, data in files().items() if not (folder / name).exists()}
    try:
        write_atomically(new)
    except OSError as exc:
        report([Problem(f"cannot write to '{folder}': {exc.strerror or exc}", hint="choose another folder")])
        return EXIT_CONTENT
    for path in new:
        print(f"wrote {path}")
    go = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder} && "
    print(f"next: edit {content}, then {go}flyer build")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from flyer.content.model import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK
