"""The dataclass method table: the same classes from kept code, and kept code only for the same source."""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

# A child process: installing the table patches ``dataclasses`` for the whole interpreter.
_PROBE = r"""
import dataclasses, inspect, json, os, sys
from flyer.app import classcode
if sys.argv[1] == "install":
    classcode.install()
classcode._MAX = int(os.environ.get("PROBE_MAX", classcode._MAX))

@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Point:
    x: int
    y: int = 2
    tags: tuple[str, ...] = ()
    notes: list[str] = dataclasses.field(default_factory=list, compare=False, repr=False)

@dataclasses.dataclass
class Box:
    width: float
    height: float = 1.5

    def area(self) -> float:
        return self.width * self.height

a, b = Point(x=1), Point(x=1, notes=["ignored by eq"])
try:
    a.x = 3
    frozen = "mutable"
except dataclasses.FrozenInstanceError as exc:
    frozen = type(exc).__name__
box = Box(2.0)
box.height = 4.0
print(json.dumps({
    "repr": [repr(a), repr(box)],
    "eq": [a == b, a == Point(x=2), box == Box(2.0, 4.0)],
    "hash": hash(a) == hash(b),
    "frozen": frozen,
    "fresh_default": a.notes is not Point(x=1).notes,
    "signature": [str(inspect.signature(Point)), str(inspect.signature(Box))],
    "annotations": [repr(Point.__init__.__annotations__), repr(Box.__init__.__annotations__)],
    "qualname": [Point.__init__.__qualname__, Point.__setattr__.__qualname__, Box.__eq__.__qualname__],
    "area": box.area(),
    "slots": Point.__slots__,
}))
classcode.keep()
print(json.dumps({"compiled_new": classcode._new, "kept": len(classcode._codes)}))
"""


def _env(cache_home: Path, **env: str) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if k != "FLYER_NO_CACHE"}
    return {**kept, "XDG_CACHE_HOME": str(cache_home), **env}


def _run(
    mode: str, cache_home: Path, probe: str = _PROBE, **env: str
) -> tuple[dict[str, object], dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-c", probe, mode], capture_output=True, text=True, env=_env(cache_home, **env)
    )
    assert done.returncode == 0, done.stderr
    described, counts = (json.loads(line) for line in done.stdout.splitlines())
    return described, counts


def _table(cache_home: Path) -> Path:
    (table,) = (cache_home / "flyer").glob("classcode-*.marshal")
    return table


def test_classes_from_kept_code_behave_as_freshly_compiled_ones(tmp_path: Path) -> None:
    plain, _ = _run("plain", tmp_path / "unused")
    first, counts = _run("install", tmp_path)
    assert counts["compiled_new"] is True and _table(tmp_path).stat().st_size > 0
    second, counts = _run("install", tmp_path)
    assert counts["compiled_new"] is False  # every method came from the table
    assert plain == first == second
    assert plain["frozen"] == "FrozenInstanceError" and plain["eq"] == [True, False, True]


def test_a_changed_class_compiles_only_what_its_source_changed(tmp_path: Path) -> None:
    _, before = _run("install", tmp_path)
    # Defaults are passed to the code, not written in it: a new default needs no new code...
    described, counts = _run("install", tmp_path, _PROBE.replace("    y: int = 2\n", "    y: int = 5\n"))
    assert counts["compiled_new"] is False and "y=5" in str(described["repr"])
    # ...a new field does (its __init__, __repr__, __eq__ and __hash__ read it).
    described, counts = _run(
        "install", tmp_path, _PROBE.replace("    y: int = 2\n", "    y: int = 2\n    z: int = 7\n")
    )
    assert counts["compiled_new"] is True and "z=7" in str(described["repr"])
    assert int(str(counts["kept"])) > int(str(before["kept"]))


def test_a_table_grown_too_large_keeps_only_what_the_run_used(tmp_path: Path) -> None:
    _, first = _run("install", tmp_path)
    grown = _PROBE.replace("    y: int = 2\n", "    y: int = 2\n    z: int = 7\n")
    _, second = _run("install", tmp_path, grown)
    assert int(str(second["kept"])) > int(str(first["kept"]))  # the old methods were kept beside
    _, pruned = _run("install", tmp_path, grown.replace("z: int = 7", "w: int = 7"), PROBE_MAX="1")
    table = marshal.loads(_table(tmp_path).read_bytes()[32:])
    assert len(table) < int(str(pruned["kept"]))  # stored: this run's methods only
    assert not any("z=" in source or "'z'" in source for source in table)


@pytest.mark.parametrize("damage", ["truncated", "not marshal", "not a table", "not code"])
def test_a_damaged_table_is_compiled_again(tmp_path: Path, damage: str) -> None:
    expected, _ = _run("install", tmp_path)
    table = _table(tmp_path)
    raw = table.read_bytes()
    if damage == "truncated":
        table.write_bytes(raw[: len(raw) // 2])
    else:
        kept = marshal.loads(raw[32:])
        value = {
            "not marshal": b"\x00garbage",
            "not a table": marshal.dumps(["a", "list"]),
            "not code": marshal.dumps(dict.fromkeys(kept, "print('ran')")),  # text where code goes
        }[damage]
        table.write_bytes(hashlib.sha256(value).digest() + value)  # a sound entry of bad content
    described, counts = _run("install", tmp_path)
    assert described == expected and counts["compiled_new"] is True


def test_no_table_when_the_cache_is_off(tmp_path: Path) -> None:
    described, counts = _run("install", tmp_path, FLYER_NO_CACHE="1")
    assert counts["compiled_new"] is True and not (tmp_path / "flyer").exists()
    assert described["frozen"] == "FrozenInstanceError"


def test_the_command_line_keeps_the_table(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "flyer", "schema"], capture_output=True, env=_env(tmp_path))
    assert done.returncode == 0, done.stderr
    assert _table(tmp_path).stat().st_size > 0
