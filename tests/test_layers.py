"""The folders are the pipeline: no import cycle, no stage importing a later one."""

from __future__ import annotations

import ast
from pathlib import Path

import flyer

from .importgraph import cycles, import_graph, later_stage_imports, private_imports, stage_of

PACKAGE = Path(flyer.__file__).parent


def test_no_import_cycle() -> None:
    assert cycles(import_graph(PACKAGE)) == []


def test_no_stage_imports_a_later_stage() -> None:
    assert later_stage_imports(import_graph(PACKAGE)) == []


def test_every_module_sits_in_a_stage_folder_or_is_a_shared_value() -> None:
    # The root holds only the values every stage shares, the entry point, and two services every
    # stage may use: the machine cache and the signal timing.
    shared = {"errors", "geometry", "qr", "fontset", "document", "entry", "__main__", "__init__"}
    shared |= {"cache", "signals"}
    at_root = {p.stem for p in PACKAGE.glob("*.py")}
    assert at_root <= shared, at_root - shared
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert folders == {"content", "text", "layout", "draw", "verify", "app", "qr"}  # qr: a shared value too


def test_no_module_is_over_400_lines() -> None:
    lengths = {
        str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines())
        for p in PACKAGE.rglob("*.py")
    }
    assert {name: n for name, n in lengths.items() if n > 400} == {}


def test_the_stages_are_in_pipeline_order() -> None:
    order = ["flyer.errors", "flyer.content.model", "flyer.text.labels", "flyer.layout.flow"]
    order += ["flyer.draw.pdf", "flyer.verify.checks", "flyer.app.cli", "flyer.entry"]
    assert [stage_of(m) for m in order] == sorted(stage_of(m) for m in order)
    assert len({stage_of(m) for m in order}) == len(order)


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "flyer"
    for name, text in {"__init__.py": "", **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_check_sees_a_cycle_even_through_a_deferred_import(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/cli.py": "from flyer.app.batch import run\n",
            "app/batch.py": "def run():\n    from .cli import main\n",
        },
    )
    assert cycles(import_graph(root)) == [["flyer.app.batch", "flyer.app.cli"]]


def test_the_check_sees_an_earlier_stage_importing_a_later_one(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "content/__init__.py": "",
            "content/model.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..text import labels\n",
            "text/__init__.py": "",
            "text/labels.py": "from flyer.content.model import Event\n",
            "errors.py": "from flyer.layout import layout\n",
            "layout/__init__.py": "",
        },
    )
    graph = import_graph(root)
    assert later_stage_imports(graph) == [
        "flyer.content.model imports flyer.text.labels",
        "flyer.errors imports flyer.layout",
    ]


def test_no_module_uses_another_modules_private_name() -> None:
    # What two modules share is public: a private name can change without a look outside its module.
    assert private_imports(PACKAGE) == []


def test_the_check_sees_private_names_taken_from_another_module(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "verify/__init__.py": "",
            "verify/read.py": "_S = 1\nclass _Page: ...\ndef _own():\n    return _S\n__version__ = '1'\n",
            "verify/codes.py": "from flyer.verify.read import _S, __version__\nfrom .read import _Page\n",
            "verify/text.py": "from flyer.verify import read\nimport flyer.verify.read as r\nx = read._S + r._own()\n",
            "verify/checks.py": "import flyer.verify.read\ny = flyer.verify.read._S\n",
        },
    )
    assert private_imports(root) == [
        "flyer.verify.checks uses flyer.verify.read._S",
        "flyer.verify.codes imports flyer.verify.read._Page",
        "flyer.verify.codes imports flyer.verify.read._S",
        "flyer.verify.text uses flyer.verify.read._S",
        "flyer.verify.text uses flyer.verify.read._own",
    ]


def test_no_assert_outside_the_tests() -> None:
    # ``python -O`` drops asserts: a rule held by one would silently stop holding.
    found = [
        f"{p.relative_to(PACKAGE)}:{node.lineno}"
        for p in sorted(PACKAGE.rglob("*.py"))
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.Assert)
    ]
    assert found == []


def test_each_vocabulary_is_written_once() -> None:
    # The model's accepted values are the vocabulary's, and each vocabulary's data covers it.
    from flyer.content.model import Flyer, Item, Page, Theme
    from flyer.content.theme import _LOOKS
    from flyer.content.vocabulary import KINDS, LANGS, THEMES
    from flyer.geometry import PAPER_SIZES_MM
    from flyer.text.labels import _KIND_LABELS

    def accepted(model: type, key: str) -> set[str]:
        from flyer.content.reference import pydantic_model

        return set(pydantic_model(model).model_json_schema()["properties"][key]["enum"])

    assert accepted(Item, "kind") == set(KINDS) == set(_KIND_LABELS["fr"]) == set(_KIND_LABELS["en"])
    assert accepted(Flyer, "lang") == set(LANGS) == set(_KIND_LABELS)
    assert accepted(Theme, "name") == set(THEMES) == set(_LOOKS)
    assert accepted(Page, "size") == set(PAPER_SIZES_MM)
