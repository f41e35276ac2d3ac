"""The fast reader against the reference (pydantic): whatever the reader takes, pydantic reads the same.

Content is generated from the model's own types (every field, present or not, valid or nearly: spaces
around text, « yes » for a boolean, « 1e2 » for a number, a key too many), so a rule added to the model
is exercised here without a new test.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from typing import Annotated, Any, Literal, Union

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flyer.content.model import MODELS, Flyer, load
from flyer.content.reader import read
from flyer.content.reference import check
from flyer.content.rules import Before
from flyer.content.source import Source, parse_yaml
from flyer.errors import ContentError

from .conftest import MINIMAL, ROOT, SAMPLE

_TEXTS = [
    "x",
    " Un titre ",
    "",
    "   ",
    "a" * 161,
    "\x1cx",
    "x\u00a0",
    "\u202fx\u3000",
    "x\udcff",  # a lone surrogate: ``--set`` bytes that are not UTF-8
    "#1d3f6e",
    "1D3F6E",
    "#12345",
    "bleu-marine",
    "https://example.org/a?b=c",
    " https://example.org/ ",
    "http://exa mple.org/",
    "mailto:contact@example.org",
    "tel:+33123456789",
    "2021-11-16",
    "2021-2-3",
    "2021-02-30",
    "16 novembre",
    "utm_source",
    "bad key",
    "true",
    "False",
    "yes",
    "A4",
    "trifold",
    "fiche",
    "gazette",
    "fr",
]
_NUMBERS = ["0", "1", "2", "3", "02", " 2", "2.0", "+2", "1e2", "12.5", "95", "100", "101", "-1", "nan", "x"]
_BOOLS = ["true", "false", "True", "yes", "no", "1", "x"]
_SHAPES: list[Any] = [None, [], {}, ["x"], {"a": "b"}]
#: What may be written anywhere: a valid document gets one of these somewhere, or a key too many.
_ANY = [*_TEXTS, *_NUMBERS, *_BOOLS, *_SHAPES, "   x", "x" * 5000]


@functools.cache
def _leaves(annotation: Any) -> tuple[Any, ...]:
    """The written values of the pools pydantic accepts for a leaf type of the model (with its rules)."""
    from pydantic import TypeAdapter

    from flyer.content.reference import (
        pydantic_model,  # noqa: F401  (the markers' pydantic form)
        pydantic_type,  # the test reaches in: one leaf type alone
    )

    adapter = TypeAdapter(pydantic_type(annotation), config={"str_strip_whitespace": True})
    pool = [*_TEXTS, *_NUMBERS, *_BOOLS, None, *_choices(annotation)]
    accepted = []
    for value in pool:
        try:
            adapter.validate_python(value)
        except ValueError:
            continue
        accepted.append(value)
    return tuple(accepted)


def _choices(annotation: Any) -> list[Any]:
    """The values of the ``Literal`` types in ``annotation``."""
    if typing.get_origin(annotation) is Literal:
        return list(typing.get_args(annotation))
    return [c for a in typing.get_args(annotation) for c in _choices(a)]


def _valid(annotation: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values as YAML gives them (text, None, lists, mappings) that pydantic accepts for a type of the
    model, each leaf on its own (rules across fields may still refuse the whole)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if dataclasses.is_dataclass(annotation) and isinstance(annotation, type):
        fields = dataclasses.fields(annotation)
        required = [f for f in fields if f.default is f.default_factory is dataclasses.MISSING]
        return st.fixed_dictionaries(
            {f.name: _valid(f.type, depth + 1) for f in required},
            optional={f.name: _valid(f.type, depth + 1) for f in fields if f not in required},
        )
    if origin is Annotated and _structured(args[0]):
        accepts = [m.accepts for m in args[1:] if isinstance(m, Before) and m.accepts is not None]
        return st.one_of(_valid(args[0], depth), *(_valid(a, depth) for a in accepts))
    if origin in (Union, types.UnionType) and any(_structured(a) for a in args):
        return st.one_of(*(_valid(a, depth) for a in args))
    if origin is list:
        return st.lists(_valid(args[0], depth + 1), min_size=1, max_size=2 if depth < 2 else 1)
    if origin is tuple:
        return st.tuples(*(_valid(a, depth + 1) for a in args)).map(list)
    if origin is dict:
        return st.dictionaries(st.sampled_from(_leaves(args[0])), _valid(args[1], depth + 1), max_size=2)
    leaves = _leaves(annotation)
    assert leaves, f"no value of the pools is valid for {annotation}"
    return st.sampled_from(leaves)


def _structured(annotation: Any) -> bool:
    """Whether a type holds a model, a list or a mapping somewhere (not a leaf)."""
    if dataclasses.is_dataclass(annotation) or typing.get_origin(annotation) in (list, tuple, dict):
        return True
    return any(_structured(a) for a in typing.get_args(annotation) if not isinstance(a, str | int | float))


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            out += _paths(child, (*path, key))
    elif isinstance(value, list):
        for n, child in enumerate(value):
            out += _paths(child, (*path, n))
    return out


@st.composite
def _documents(draw: st.DrawFn, cls: type = Flyer) -> Any:
    """A valid document of ``cls``, as often as not with one defect: a value replaced, a key removed,
    a key too many or a list too long."""
    document = draw(_valid(cls))
    if draw(st.booleans()):
        return document
    path = draw(st.sampled_from(_paths(document)))
    if not path:
        return draw(st.sampled_from(_ANY))
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    change = draw(st.sampled_from(["replace", "remove", "add", "grow"]))
    if change == "grow" and isinstance(parent[path[-1]], list) and parent[path[-1]]:
        parent[path[-1]] = parent[path[-1]] * 41  # over every list's most
    elif change == "replace":
        now = parent[path[-1]]
        near = _NUMBERS if now in _NUMBERS else _BOOLS if now in _BOOLS else _ANY  # a number for a number
        parent[path[-1]] = draw(st.sampled_from(near))
    elif change == "remove" and isinstance(parent, dict):
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent["titel"] = "x"
    return document


def _reference(data: Any) -> Flyer | None:
    try:
        return check(Source(data=data, file="content.yaml"), Flyer, MODELS)
    except ContentError:
        return None


def test_what_the_reader_takes_pydantic_reads_the_same() -> None:
    taken = {"reader": 0, "pydantic": 0}

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_documents(Flyer))
    def agree(data: dict[str, Any]) -> None:
        fast = read(Flyer, data)
        reference = _reference(data)
        if fast is not None:
            assert reference == fast and repr(reference) == repr(fast)  # repr: True is not 1.0
        if reference is None:
            assert fast is None
        taken["reader"] += fast is not None
        taken["pydantic"] += reference is not None

    agree()
    # Not vacuous: the reader takes many documents, and pydantic refuses some.
    assert taken["reader"] > 40 and taken["pydantic"] < 400, taken


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_each_model_alone_the_reader_and_pydantic_agree(data: st.DataObject) -> None:
    from flyer.content.reference import pydantic_model, to_plain

    cls = data.draw(st.sampled_from(MODELS[:-1]))
    value = data.draw(_documents(cls))
    fast = read(cls, value)
    try:
        reference = to_plain(pydantic_model(cls).model_validate(value))
    except ValueError:
        reference = None
    if fast is not None:
        assert reference == fast and repr(reference) == repr(fast)
    if reference is None:
        assert fast is None


def test_the_reader_strips_exactly_what_pydantic_strips() -> None:
    import sys

    from pydantic import ConfigDict, TypeAdapter

    from flyer.content.reader import WHITE_SPACE

    strip = TypeAdapter(str, config=ConfigDict(str_strip_whitespace=True))
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or not (char.isspace() or char in WHITE_SPACE or code < 0x100):
            continue
        assert strip.validate_python(f"{char}x{char}") == f"{char}x{char}".strip(WHITE_SPACE), hex(code)


def test_a_model_given_by_default_is_each_flyer_s_own() -> None:
    first, second = (read(Flyer, parse_yaml(MINIMAL, "c.yaml").data) for _ in range(2))
    assert first is not None and second is not None
    assert first.theme == second.theme and first.theme is not second.theme
    assert first.theme.colours is not second.theme.colours


# Content using every key of the model, valid: the reader takes it, without pydantic.
_EVERY_KEY = """\
title: " Un titre "
subtitle: Un sous-titre
lang: en
organisation: {name: Org, url: "https://example.org/", logo: assets/logo.svg, email: "mailto:a@example.org"}
event: {name: Salon, date: 2021-11-16, end_date: 18 novembre, place: Paris, stand: B12}
page: {size: A4, orientation: landscape, max_pages: 1, fold: trifold}
theme:
  name: gazette
  colours: {bleu: "#1D3F6E", rouge: {rgb: "#b4441c", cmyk: [0, 80, 95, 12.5]}}
  primary: bleu
  accent: "#b4441c"
  text: {rgb: "#262626"}
  fonts: {regular: a.otf, bold: b.otf, semibold: c.otf, italic: d.otf}
intro: Une introduction.
illustration: assets/illustration.jpg
call_to_action: "false"
print: {profile: assets/shop.icc, condition: FOGRA51, description: PSO}
sections:
  - title: Comprendre
    page: 2
    items:
      - {kind: video, title: Un titre, description: Une description, url: "https://example.org/v", qr: "false"}
footer: Imprimé par nos soins.
tracking: {utm_source: salon, utm_campaign: co-construction}
"""


@pytest.mark.parametrize(
    "text",
    [
        _EVERY_KEY,
        MINIMAL,
        SAMPLE.read_text(encoding="utf-8"),
        (ROOT / "content.yaml").read_text(encoding="utf-8"),
    ],
    ids=["every-key", "minimal", "sample", "showcase"],
)
def test_valid_content_is_read_without_pydantic_as_pydantic_reads_it(text: str) -> None:
    source = parse_yaml(text, "content.yaml")
    fast = read(Flyer, source.data)
    assert fast is not None
    assert fast == _reference(source.data)


def test_every_key_is_read_as_written() -> None:
    flyer = load(_EVERY_KEY)
    assert flyer.title == "Un titre"
    assert flyer.event is not None and flyer.event.date == dt.date(2021, 11, 16)
    assert flyer.event.end_date == "18 novembre"
    assert flyer.theme.colours["bleu"].rgb == "#1d3f6e"
    assert flyer.theme.colours["rouge"].cmyk == (0.0, 80.0, 95.0, 12.5)
    assert flyer.call_to_action is False
    assert flyer.sections[0].page == 2 and flyer.sections[0].items[0].qr is False


def test_what_only_pydantic_coerces_is_still_accepted() -> None:
    # « yes » and « 1e2 »-like forms are not the reader's: pydantic reads them, the build goes on.
    text = MINIMAL + "page: {max_pages: ' 1'}\n"
    source = parse_yaml(
        text.replace("url: https://example.org/", "url: https://example.org/\n        qr: yes"), "c.yaml"
    )
    assert read(Flyer, source.data) is None
    flyer = load(text.replace("url: https://example.org/", "url: https://example.org/\n        qr: yes"))
    assert flyer.sections[0].items[0].qr is True and flyer.page.max_pages == 1


def test_a_lone_surrogate_is_left_to_pydantic_which_refuses_it() -> None:
    data = parse_yaml(MINIMAL, "c.yaml").data
    for key in ("title", "illustration"):  # printed or not
        assert read(Flyer, {**data, key: "T\udcff"}) is None
        assert _reference({**data, key: "T\udcff"}) is None
