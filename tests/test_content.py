"""The content model: what YAML values mean, and how problems point at the line."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from flyer.content.model import Flyer, json_schema, load
from flyer.errors import ContentError, Problem

from .conftest import MINIMAL, ROOT, SHOWCASE


def problems(text: str) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        load(text, "c.yaml")
    return list(caught.value.problems)


def test_default_content_loads() -> None:
    flyer = load(SHOWCASE.read_bytes(), str(SHOWCASE))
    assert flyer.lang == "fr"
    assert sum(len(s.items) for s in flyer.sections) >= 9


def test_minimal_content_gets_defaults() -> None:
    flyer = load(MINIMAL)
    assert flyer.page.size == "A4" and flyer.page.max_pages == 2
    item = flyer.sections[0].items[0]
    assert item.qr is True and item.kind == "site"


def test_yes_and_no_are_booleans_only_where_a_boolean_is_expected() -> None:
    text = MINIMAL.replace("url: https://example.org/", "url: https://example.org/\n        qr: no")
    text = text.replace("title: Un titre", "title: yes")
    flyer = load(text)
    assert flyer.title == "yes"
    assert flyer.sections[0].items[0].qr is False


def test_a_typed_date_is_a_date_and_free_text_stays_text() -> None:
    flyer = load(MINIMAL + "event: {name: Salon, date: 2021-11-16}\n")
    assert flyer.event is not None and flyer.event.date == dt.date(2021, 11, 16)
    flyer = load(MINIMAL + "event: {name: Salon, date: du 16 au 18 novembre}\n")
    assert flyer.event is not None and flyer.event.date == "du 16 au 18 novembre"


def test_numbers_in_text_fields_stay_text() -> None:
    assert load(MINIMAL.replace("title: Un titre", "title: 2021")).title == "2021"


def test_unknown_key_names_the_closest_known_key() -> None:
    found = problems(MINIMAL.replace("title: Un titre", "title: Un titre\nsubtitel: x"))
    assert [(p.path, p.line, p.column) for p in found] == [("subtitel", 2, 1)]
    assert "subtitle" in found[0].hint


def test_duplicate_keys_are_rejected_at_the_second() -> None:
    found = problems("title: a\ntitle: b\n" + MINIMAL.split("\n", 1)[1])
    assert found[0].line == 2 and "duplicate" in found[0].message


def test_every_problem_is_reported_at_once() -> None:
    text = MINIMAL.replace("url: https://example.org/", "url: ftp://example.org/\n        kind: vido")
    text = text.replace("title: Un titre", "title: Un titre\npage: {size: A3}")
    found = problems(text)
    paths = {p.path for p in found}
    assert {"page.size", "sections[0].items[0].url", "sections[0].items[0].kind"} <= paths
    kind = next(p for p in found if p.path.endswith("kind"))
    assert kind.line == 8 and "video" in kind.hint


@pytest.mark.parametrize(
    "url",
    [
        "/relative/page",
        "www.example.org",
        "https://exa mple.org",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,x",
        "ftp://example.org/",
    ],
)
def test_item_urls_must_be_absolute_http(url: str) -> None:
    found = problems(MINIMAL.replace("https://example.org/", url))
    assert [p.path for p in found] == ["sections[0].items[0].url"]
    assert found[0].line == 6


def test_mailto_is_accepted_for_contact_fields_only() -> None:
    load(MINIMAL + "organisation: {name: X, email: 'mailto:a@b.fr'}\n")
    assert problems(MINIMAL.replace("https://example.org/", "mailto:a@b.fr"))


def test_missing_required_keys_and_empty_sections() -> None:
    found = problems("subtitle: x\nsections: []\n")
    assert {p.path for p in found} == {"title", "sections"}


def test_schema_is_committed_and_fresh() -> None:
    import json

    committed = json.loads((ROOT / "content.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema()
    assert SHOWCASE.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=./content.schema.json"
    )


def test_every_schema_key_is_described() -> None:
    schema = json_schema()
    for name, definition in schema["$defs"].items():
        for key, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{key}"
    assert all(p.get("description") for p in schema["properties"].values())
    assert set(schema["properties"]) == {f.name for f in dataclasses.fields(Flyer)}


def test_every_schema_property_has_a_description_and_an_example() -> None:
    schema = json_schema()
    models = {"Flyer": schema, **schema["$defs"]}
    missing = [
        f"{name}.{key}: {what}"
        for name, definition in models.items()
        for key, prop in definition.get("properties", {}).items()
        for what in ("description", "examples")
        if not prop.get(what)
    ]
    assert not missing, missing


def test_the_schema_is_written_byte_for_byte_as_committed(capsys: pytest.CaptureFixture[str]) -> None:
    from flyer.app.cli import main

    assert main(["schema"]) == 0
    assert capsys.readouterr().out == (ROOT / "content.schema.json").read_text(encoding="utf-8")


def test_attribute_docstrings_are_read_for_the_schema_not_at_import() -> None:
    from flyer.content.fielddocs import attribute_docs
    from flyer.content.reference import pydantic_model

    # nothing parsed when the model was built
    assert pydantic_model(Flyer).model_fields["title"].description is None
    assert attribute_docs(Flyer)["title"] == "The flyer's title; also the PDF's Title."
    assert json_schema()["properties"]["title"]["description"] == "The flyer's title; also the PDF's Title."
