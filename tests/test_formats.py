"""Sizes, orientations, folds and pinned sections: trim sizes, page counts, panel geometry."""

from __future__ import annotations

from pathlib import Path

import pytest

from flyer.app.build import compile_flyer
from flyer.content.model import load
from flyer.document import QR, Box, Document, Image, Link, Rule, Text
from flyer.geometry import PAPER_SIZES_MM, mm
from flyer.layout import layout
from flyer.verify.checks import verify

from .conftest import SAMPLE, SAMPLE_DIR, SAMPLE_LOGO
from .test_layout import check_invariants

SHORT = """\
title: Les outils de la co-construction territoriale
subtitle: Repères et parcours pour « jouer collectif »
organisation: {name: Le RAMEAU, url: "https://www.lerameau.fr/", logo: assets/logo.svg}
event: {name: Salon des maires, date: 2021-11-16, place: Paris Expo Porte de Versailles, stand: MIA}
page: {size: SIZE, orientation: ORIENTATION}
intro: Les élus sont prêts à jouer collectif. Ce flyer rassemble les outils pour passer à l'action.
sections:
  - title: Comprendre
    items:
      - {kind: fiche, title: Les dynamiques d'engagement, description: L'étude IMPACT-Élus locaux., url: "https://www.lerameau.fr/le-programme-impact/"}
      - {kind: site, title: L'Observatoire des partenariats, url: "https://observatoire-des-partenariats.fr/le-cheminement"}
  - title: Agir
    items:
      - {kind: parcours, title: Agir ensemble en Territoire, url: "https://innovationterritoriale.plateformecapitalisation.org/accueil"}
footer: Imprimé par nos soins. Ne pas jeter sur la voie publique.
"""


def short(size: str, orientation: str = "portrait") -> str:
    return SHORT.replace("SIZE", size).replace("ORIENTATION", orientation)


def build(text: str, name: str = "content.yaml") -> tuple[Document, dict[str, bytes]]:
    built = compile_flyer(text.encode(), name, SAMPLE_DIR, ["screen", "print"])
    return built.document, built.pdfs


@pytest.mark.parametrize("size", sorted(PAPER_SIZES_MM))
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_trim_size_follows_size_and_orientation(size: str, orientation: str) -> None:
    # One resource, so that it fits even an A6 in landscape.
    flyer = load(short(size, orientation).split("  - title: Agir")[0])
    document = layout(flyer)
    w, h = PAPER_SIZES_MM[size]
    if orientation == "landscape":
        w, h = h, w
    assert (document.width, document.height) == pytest.approx((mm(w), mm(h)))
    check_invariants(flyer, document)


@pytest.mark.parametrize("size", ["A5", "A6", "DL", "letter"])
def test_every_size_passes_verify(size: str) -> None:
    flyer = load(short(size))
    _, pdfs = build(short(size))
    for profile, data in pdfs.items():
        report = verify(data, flyer, profile)  # type: ignore[arg-type]
        assert report.passed, [(c.name, c.figure, c.details) for c in report.failed]


def crossing(document: Document) -> list[object]:
    """Items (other than backgrounds) that straddle a fold line."""
    out = []
    for page_index, x in document.folds:
        for item in document.pages[page_index].items:
            if isinstance(item, Box) and item.background:
                continue
            rect = item.tile if isinstance(item, QR) else item.rect
            if isinstance(item, (Text, QR, Image, Box, Rule, Link)) and rect.x < x < rect.right:
                out.append(item)
    return out


def test_trifold_has_six_panels_and_nothing_crosses_a_fold() -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace("orientation: portrait,", "fold: trifold,")
    flyer = load(text)
    document = layout(flyer)
    assert len(document.pages) == 2
    assert (document.width, document.height) == pytest.approx((mm(297), mm(210)))
    outside = sorted(x for p, x in document.folds if p == 0)
    inside = sorted(x for p, x in document.folds if p == 1)
    # Outside: inner flap | back | cover; the flap is narrower so it folds in cleanly.
    flap, back, cover = outside[0], outside[1] - outside[0], document.width - outside[1]
    assert flap < back == pytest.approx(cover)
    assert back - flap == pytest.approx(mm(2))
    assert flap == pytest.approx(document.width - inside[1])
    assert crossing(document) == []
    check_invariants(flyer, document)
    # The cover carries the title and the organisation.
    cover_texts = [i.text for i in document.pages[0].items if isinstance(i, Text) and i.x >= outside[1]]
    assert any(t.startswith("Budget") for t in cover_texts) and "Ville de Saint-Aubin" in cover_texts


def test_trifold_renditions_pass_verify_and_mark_the_folds() -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace("orientation: portrait,", "fold: trifold,")
    flyer = load(text)
    document, pdfs = build(text)
    for profile, data in pdfs.items():
        report = verify(data, flyer, profile)  # type: ignore[arg-type]
        assert report.passed, [(c.name, c.figure, c.details) for c in report.failed]
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdfs["print"])
    image = pdf[0].render(scale=2).to_pil().convert("L")
    offset = mm(3 + 12)  # bleed + slug, as render lays out the print page
    for page_index, x in document.folds:
        if page_index == 0:
            column = int((offset + x) * 2)
            above = [image.getpixel((column, y)) for y in range(int(mm(1) * 2), int((offset - mm(4)) * 2))]
            assert min(above) < 200, "no fold mark above the fold line"
    pdf.close()


def test_half_fold_has_four_panels() -> None:
    flyer = load(short("A4").replace("orientation: portrait", "fold: half"))
    document = layout(flyer)
    assert len(document.pages) == 2
    assert sorted(x for _, x in document.folds) == pytest.approx([mm(148.5), mm(148.5)])
    assert crossing(document) == []
    check_invariants(flyer, document)
    _, pdfs = build(short("A4").replace("orientation: portrait", "fold: half"))
    for profile, data in pdfs.items():
        report = verify(data, flyer, profile)  # type: ignore[arg-type]
        assert report.passed, [(c.name, c.figure, c.details) for c in report.failed]


def test_fold_needs_an_a4_sheet() -> None:
    from flyer.errors import ContentError

    with pytest.raises(ContentError) as caught:
        load(short("A5").replace("orientation: portrait", "fold: trifold"))
    assert caught.value.problems[0].path == "page"


def test_a_section_pinned_to_page_2_starts_on_the_verso() -> None:
    text = short("A4").replace("  - title: Agir\n", "  - title: Agir\n    page: 2\n")
    document = layout(load(text))
    assert len(document.pages) == 2
    heads = {i.text: n for n, p in enumerate(document.pages) for i in p.items if isinstance(i, Text)}
    assert heads["Agir"] == 1 and heads["Comprendre"] == 0


def test_english_flyer_uses_english_labels(tmp_path: Path) -> None:
    text = short("A5").replace("title: Les outils", "lang: en\ntitle: Les outils")
    document = layout(load(text))
    texts = {i.text for p in document.pages for i in p.items if isinstance(i, Text)}
    assert "FACT SHEET" in texts and "Scan a code or click a title." in texts


def test_a_raster_logo_is_cmyk_in_print_and_warned_under_300_dpi(tmp_path: Path) -> None:
    from PIL import Image as PILImage

    (tmp_path / "assets").mkdir()
    PILImage.new("RGB", (120, 120), (30, 60, 110)).save(tmp_path / "assets" / "logo.png")
    text = short("A4").replace("assets/logo.svg", "assets/logo.png")
    built = compile_flyer(text.encode(), "content.yaml", tmp_path, ["screen", "print"])
    assert [w.path for w in built.warnings if "dpi" in w.message] == ["organisation.logo"]
    assert b"/DeviceRGB" not in built.pdfs["print"]
    assert b"/DeviceCMYK" in built.pdfs["print"]
    assert b"/DeviceRGB" in built.pdfs["screen"]
    flyer = load(text)
    assert verify(built.pdfs["print"], flyer, "print").passed


@pytest.mark.parametrize("size", ["A4", "DL"])
def test_an_illustration_sits_beside_or_above_the_intro(tmp_path: Path, size: str) -> None:
    from PIL import Image as PILImage

    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.svg").write_bytes(SAMPLE_LOGO.read_bytes())
    PILImage.new("RGB", (1500, 1000), (120, 150, 90)).save(tmp_path / "assets" / "photo.jpg")
    text = short(size).replace("intro:", "illustration: assets/photo.jpg\nintro:")
    built = compile_flyer(text.encode(), "content.yaml", tmp_path, ["screen", "print"])
    page = built.document.pages[0]
    (photo,) = [i for i in page.items if isinstance(i, Image) and i.picture.name == "assets/photo.jpg"]
    intro = [i for i in page.items if isinstance(i, Text) and i.text.startswith("Les élus")]
    assert intro and not any(photo.rect.overlaps(t.rect) for t in page.items if isinstance(t, Text))
    if size == "A4":
        assert photo.rect.x > intro[0].rect.right  # beside
    else:
        assert photo.rect.bottom <= intro[0].rect.y  # above
    check_invariants(load(text), built.document)
    assert b"/DeviceRGB" not in built.pdfs["print"]


def test_a_missing_illustration_points_at_its_key(tmp_path: Path) -> None:
    from flyer.errors import ContentError

    text = short("A4").replace("intro:", "illustration: assets/nope.jpg\nintro:")
    with pytest.raises(ContentError) as caught:
        compile_flyer(text.encode(), "content.yaml", SAMPLE_DIR, ["screen"])
    (problem,) = caught.value.problems
    assert problem.path == "illustration" and problem.line == 6


def test_footer_mail_address_is_its_own_mailto_link() -> None:
    text = short("A4").replace(
        'url: "https://www.lerameau.fr/", logo',
        'url: "https://www.lerameau.fr/", email: "mailto:contact@example.org", logo',
    )
    document = layout(load(text))
    items = [i for p in document.pages for i in p.items]
    (mail_text,) = [i for i in items if isinstance(i, Text) and i.text == "contact@example.org"]
    mail_links = [i for i in items if isinstance(i, Link) and i.url == "mailto:contact@example.org"]
    site_links = [i for i in items if isinstance(i, Link) and i.url == "https://www.lerameau.fr/"]
    assert len(mail_links) == 1 and mail_links[0].rect.contains(mail_text.rect)
    assert site_links and not any(link.rect.overlaps(mail_text.rect) for link in site_links)
    _, pdfs = build(text)
    report = verify(pdfs["screen"], load(text), "screen")
    assert report.passed, [(c.name, c.details) for c in report.failed]


def test_text_in_an_svg_logo_uses_embedded_fonts(tmp_path: Path) -> None:
    from .pdfread import fonts

    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60">'
        '<text x="10" y="40" font-family="Arial" font-size="28" fill="#1d3f6e">Mon logo</text>'
        '<text x="140" y="40" font-family="Arial" font-weight="bold" font-size="20">Ok</text></svg>',
        encoding="utf-8",
    )
    built = compile_flyer(short("A4").encode(), "content.yaml", tmp_path, ["screen", "print"])
    for data in built.pdfs.values():
        found = fonts(data)
        assert found and all(f["embedded"] for f in found), found
        # The flyer's own font, not whatever the machine's fontconfig offers (or Helvetica).
        assert all("SourceSansPro" in str(f["name"]) for f in found), found


def test_a_raster_logo_used_on_both_pages_is_embedded_once(tmp_path: Path) -> None:
    from PIL import Image as PILImage

    from .pdfread import reader

    (tmp_path / "assets").mkdir()
    PILImage.new("RGB", (900, 900), (30, 60, 110)).save(tmp_path / "assets" / "logo.png")
    text = SAMPLE.read_text(encoding="utf-8").replace("assets/logo.svg", "assets/logo.png")
    built = compile_flyer(text.encode(), "content.yaml", tmp_path, ["screen", "print"])
    assert sum(isinstance(i, Image) for p in built.document.pages for i in p.items) == 2
    for data in built.pdfs.values():
        images = {
            ref.idnum
            for page in reader(data).pages
            for ref in (page["/Resources"].get("/XObject") or {}).values()
            if ref.get_object().get("/Subtype") == "/Image"
        }
        assert len(images) == 1
