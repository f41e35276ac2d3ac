"""The tagged screen PDF: marked content from the tagging layer, the structure tree, PDF/UA-1 validators."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import page
import pikepdf
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from flyer.app.build import compile_flyer
from flyer.errors import ContentError
from flyer.verify.checks import verify
from flyer.verify.pdfua_rules import UA_CHECKS, marked_content, ua_problems

from .conftest import MINIMAL, SAMPLE_DIR, SAMPLE_LOGO

CONTENT = """\
title: Des outils pour agir ensemble
subtitle: Un sous-titre
organisation: {name: Le RAMEAU, url: "https://www.lerameau.fr/", email: "mailto:contact@example.org", logo: assets/logo.svg}
event: {name: Salon des maires, date: 2021-11-16, place: Paris}
intro: Une introduction courte.
sections:
  - title: Comprendre
    items:
      - {kind: fiche, title: Une fiche, description: Deux phrases., url: "https://example.org/a"}
      - {kind: video, title: Une vidéo, url: "https://example.org/b"}
  - title: Agir
    items:
      - {kind: site, title: Un site sans code, url: "https://example.org/c", qr: false}
footer: Mentions légales.
"""


def build(tmp_path: Path, text: str) -> bytes:
    (tmp_path / "assets").mkdir(exist_ok=True)
    (tmp_path / "assets" / "logo.svg").write_bytes(SAMPLE_LOGO.read_bytes())
    return compile_flyer(text.encode(), "content.yaml", tmp_path, ["screen"]).pdfs["screen"]


@pytest.fixture(scope="module")
def screen(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return build(tmp_path_factory.mktemp("tagged"), CONTENT)


def elements(pdf: pikepdf.Pdf) -> list[Any]:
    out: list[Any] = []

    def walk(node: Any) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            out.append(node)
            walk(node.get("/K", pikepdf.Array()))

    walk(pdf.Root.StructTreeRoot.K)
    return out


def test_marked_content_is_balanced_and_covers_every_painting_operator(screen: bytes) -> None:
    with pikepdf.open(io.BytesIO(screen)) as pdf:
        for p in pdf.pages:
            ops = [str(i.operator) for i in pikepdf.parse_content_stream(p)]
            assert ops.count("BDC") + ops.count("BMC") == ops.count("EMC") > 0
            assert list(marked_content(p)) == []


def test_the_print_rendition_is_tagged_from_the_same_items_marks_as_artifacts(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir(exist_ok=True)
    (tmp_path / "assets" / "logo.svg").write_bytes(SAMPLE_LOGO.read_bytes())
    printed = compile_flyer(CONTENT.encode(), "content.yaml", tmp_path, ["print"]).pdfs["print"]
    problems = ua_problems(printed)
    # Tagged like the screen file, without links (none in print); it does not claim PDF/UA.
    assert problems.pop("ua-document") == ["no XMP pdfuaid:part 1"]
    assert problems == {name: [] for name in UA_CHECKS if name != "ua-document"}
    with pikepdf.open(io.BytesIO(printed)) as pdf:
        roles = [str(e.S) for e in elements(pdf)]
        content = pdf.pages[0].Contents.read_bytes()
    assert roles.count("/H2") == 2 and "/Link" in roles
    assert b"/Artifact BMC\n/FlyerRegistration CS 1 SCN" in content


def test_the_checker_sees_painting_outside_marked_content_and_unbalanced_marks() -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].Contents = pdf.make_stream(b"/P <</MCID 0>> BDC 0 0 1 1 re f EMC 0 0 2 2 re f /Artifact BMC")
    assert list(marked_content(pdf.pages[0])) == [
        "1 marked-content sequence(s) not closed",
        "1 painting operator(s) outside marked content",
    ]


def test_the_checker_sees_an_inline_image_outside_marks_and_an_mcid_the_tree_lacks() -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    content = (
        b"/P <</MCID 0>> BDC 0 0 1 1 re f EMC BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI /P <</MCID 3>> BDC EMC"
    )
    pdf.pages[0].Contents = pdf.make_stream(content)
    assert list(marked_content(pdf.pages[0])) == ["1 painting operator(s) outside marked content"]
    element = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.P, K=[0]))
    pdf.Root.StructTreeRoot = pikepdf.Dictionary(
        Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([element]), ParentTree={"/Nums": [0, [element]]}
    )
    pdf.pages[0].obj.StructParents = 0
    out = io.BytesIO()
    pdf.save(out)
    assert ua_problems(out.getvalue())["ua-structure"] == ["page 1: an MCID without its structure element"]


def test_an_element_whose_only_kid_is_written_alone_is_read() -> None:
    # ``/K 0`` (one MCID) and ``/K << /Type /OBJR … >>`` are as valid as arrays (ISO 32000-1 14.7.2).
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].Contents = pdf.make_stream(b"/P <</MCID 0>> BDC 0 0 1 1 re f EMC")
    element = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.P, K=0))
    link = pdf.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.Link, K=pikepdf.Dictionary(Type=pikepdf.Name.OBJR))
    )
    pdf.Root.StructTreeRoot = pikepdf.Dictionary(
        Type=pikepdf.Name.StructTreeRoot,
        K=pikepdf.Array([element, link]),
        ParentTree={"/Nums": [0, [element]]},
    )
    pdf.pages[0].obj.StructParents = 0
    out = io.BytesIO()
    pdf.save(out)
    problems = ua_problems(out.getvalue())
    # The MCID is found; the OBJR holding nothing is a problem, not a traceback.
    assert problems["ua-structure"] == ["an OBJR of /Link without the annotation it holds"]
    assert problems["ua-marked-content"] == []


def test_page_validation_finds_the_screen_pdf_compliant(screen: bytes, tmp_path: Path) -> None:
    for pdf in (
        screen,
        build(tmp_path, MINIMAL),
        build(tmp_path, CONTENT.replace("intro:", "page: {fold: half}\nintro:")),
    ):
        report = page.validate_pdf_bytes(pdf, profile="ua1")
        assert report.is_compliant, [(f.rule_id, f.message) for f in report.failures]


def test_structure_reads_in_order_title_first_then_intro_sections_footer(screen: bytes) -> None:
    with pikepdf.open(io.BytesIO(screen)) as pdf:
        parts = [[str(kid.S) for kid in part.K] for part in pdf.Root.StructTreeRoot.K.K]
        roles = [str(e.S) for e in elements(pdf)]
    # band, intro, two sections, footer (one page: no about block on a verso)
    assert parts == [
        ["/P", "/H1", "/P", "/P", "/Figure"],
        ["/P", "/P"],
        ["/H2", "/L"],
        ["/H2", "/L"],
        ["/Link", "/Link", "/Link", "/P"],
    ]
    assert roles.count("/H2") == 2 and roles.count("/LI") == 3 and roles.count("/L") == 2


def test_a_fold_reads_its_cover_before_its_back_panel(tmp_path: Path) -> None:
    pdf_bytes = build(tmp_path, CONTENT.replace("intro:", "page: {fold: trifold}\nintro:"))
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        roles = [str(e.S) for e in elements(pdf)]
    assert roles[:4] == ["/Document", "/Sect", "/P", "/H1"]  # the band: eyebrow, title…


def test_every_link_annotation_is_held_by_a_link_element(screen: bytes) -> None:
    with pikepdf.open(io.BytesIO(screen)) as pdf:
        held = {
            kid.Obj.objgen
            for e in elements(pdf)
            if str(e.S) == "/Link"
            for kid in e.K
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.OBJR
        }
        annots = [a for p in pdf.pages for a in p.obj.get("/Annots", [])]
        assert {a.objgen for a in annots} == held and len(annots) > 5
        assert all(p.obj.Tabs == pikepdf.Name.S for p in pdf.pages if "/Annots" in p.obj)
        parents = pdf.Root.StructTreeRoot.ParentTree.Nums
        by_key = {int(parents[i]): parents[i + 1] for i in range(0, len(parents), 2)}
        assert all(str(by_key[int(a.StructParent)].S) == "/Link" for a in annots)


def test_qr_figures_and_the_logo_have_alternative_text(screen: bytes) -> None:
    with pikepdf.open(io.BytesIO(screen)) as pdf:
        figures = [e for e in elements(pdf) if str(e.S) == "/Figure"]
        alts = [str(f.Alt) for f in figures]
        assert all("/BBox" in f.A for f in figures)
    assert alts == ["Le RAMEAU", "Code QR vers Fiche-repère – Une fiche", "Code QR vers Vidéo – Une vidéo"]


def test_catalog_and_xmp_say_pdf_ua(screen: bytes) -> None:
    with pikepdf.open(io.BytesIO(screen)) as pdf:
        assert pdf.Root.MarkInfo.Marked is True and str(pdf.Root.Lang) == "fr"
        xmp = pdf.Root.Metadata.read_bytes().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and "Des outils pour agir ensemble" in xmp
    assert ua_problems(screen) == {name: [] for name in ua_problems(screen)}


def test_no_to_unicode_entry_maps_to_u0000(screen: bytes) -> None:
    with pikepdf.open(io.BytesIO(screen)) as pdf:
        maps = [
            o.ToUnicode.read_bytes()
            for o in pdf.objects
            if isinstance(o, pikepdf.Dictionary) and "/ToUnicode" in o
        ]
    assert maps and not any(b"<0000>" in m.split(b"endcodespacerange")[1] for m in maps)


def test_verify_fails_a_screen_pdf_whose_qr_figure_lost_its_alt(screen: bytes) -> None:
    with pikepdf.open(io.BytesIO(screen)) as pdf:
        figure = next(e for e in elements(pdf) if str(e.S) == "/Figure" and str(e.Alt).startswith("Code QR"))
        del figure.Alt
        out = io.BytesIO()
        pdf.save(out)
    report = verify(out.getvalue(), profile="screen")
    assert [c.name for c in report.failed] == ["ua-figures-alt"]
    assert verify(screen, profile="screen").passed


def test_the_screen_pdf_is_tagged_the_same_way_twice(tmp_path: Path) -> None:
    assert build(tmp_path, CONTENT) == build(tmp_path, CONTENT)


def make_content(sections: list[list[tuple[str, str]]], intro: str) -> str:
    lines = [f"title: {intro[:40] or 'Titre'!r}", f"intro: {intro!r}", "sections:"]
    for s, items in enumerate(sections):
        lines.append(f"  - title: 'Section {s}'\n    items:")
        for t, (title, desc) in enumerate(items):
            lines.append(
                f"      - {{title: {title or 'x'!r}, description: {desc!r}, url: 'https://example.org/{s}/{t}'}}"
            )
    return "\n".join(lines) + "\n"


latin = st.text(alphabet=st.characters(codec="latin-1", categories=["L", "N", "Zs", "P"]), max_size=100).map(
    lambda t: t.replace("'", "’")
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.tuples(latin, latin), min_size=1, max_size=4), min_size=1, max_size=3), latin)
@example([[("Une ressource", "Sa description, en deux lignes peut-être.")], [("Une autre", "")]], "Intro")
def test_generated_content_makes_a_compliant_tagged_pdf(
    sections: list[list[tuple[str, str]]], intro: str
) -> None:
    try:
        built = compile_flyer(make_content(sections, intro).encode(), "content.yaml", SAMPLE_DIR, ["screen"])
    except ContentError:
        return
    pdf = built.pdfs["screen"]
    assert ua_problems(pdf) == {name: [] for name in UA_CHECKS}
    report = page.validate_pdf_bytes(pdf, profile="ua1")
    assert report.is_compliant, [(f.rule_id, f.message) for f in report.failures]


def test_verify_fails_an_untagged_screen_pdf_on_each_ua_requirement(screen: bytes) -> None:
    with pikepdf.open(io.BytesIO(screen)) as pdf:
        del pdf.Root.StructTreeRoot, pdf.Root.MarkInfo, pdf.Root.Metadata
        for p in pdf.pages:
            del p.obj.Tabs
        out = io.BytesIO()
        pdf.save(out)
    problems = ua_problems(out.getvalue())
    assert problems["ua-structure"] == ["no structure tree"]
    assert problems["ua-document"] == ["no MarkInfo /Marked true", "no XMP pdfuaid:part 1", "no XMP dc:title"]
    assert "page 1: links but no /Tabs /S" in problems["ua-links-tagged"]
    assert any(
        p.startswith("page 1: ") and p.endswith("link(s) not in a Link element")
        for p in problems["ua-links-tagged"]
    )


def test_a_section_resumed_on_the_verso_stays_one_list_under_one_heading(tmp_path: Path) -> None:
    items = "\n".join(
        f"      - {{kind: fiche, title: Ressource numéro {i} au titre assez long, description: Une description "
        f'de deux lignes pour remplir la carte et la page., url: "https://example.org/r{i}"}}'
        for i in range(30)
    )
    pdf_bytes = build(
        tmp_path, f"title: Une longue section\nsections:\n  - title: Tout\n    items:\n{items}\n"
    )
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        assert len(pdf.pages) == 2
        roles = [str(e.S) for e in elements(pdf)]
    assert roles.count("/H2") == 1 and roles.count("/L") == 1 and roles.count("/LI") == 30
    assert page.validate_pdf_bytes(pdf_bytes, profile="ua1").is_compliant
