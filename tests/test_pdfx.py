"""The PDF/X-4 print rendition: output intent, XMP, registration marks, peak ink, and the checks that catch them."""

from __future__ import annotations

import dataclasses
import io
from importlib import resources
from pathlib import Path

import pikepdf
import pytest
from PIL import Image as PILImage

from flyer.app.build import compile_flyer
from flyer.document import Box, Paint, PlacedPage
from flyer.draw.pdf import Profile, render
from flyer.draw.separation import MAX_INK, bundled_profile, separate, separate_colour
from flyer.errors import ContentError
from flyer.verify.checks import verify
from flyer.verify.pdfx_rules import PDFX_CHECKS, pdfx_problems, peak_ink

from .conftest import MINIMAL

LOGO = """\
organisation: {name: Une association, url: "https://example.org/", logo: logo.png}
"""


def build(tmp_path: Path, text: str) -> bytes:
    return compile_flyer(text.encode(), "content.yaml", tmp_path, ["print"]).pdfs["print"]


@pytest.fixture(scope="module")
def print_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("pdfx")
    # A rich RGB black logo: Pillow's naive conversion would make it C100 M100 Y100 K0.
    PILImage.new("RGB", (400, 200), (0, 0, 0)).save(folder / "logo.png")
    return build(folder, MINIMAL + LOGO)


def edited(pdf_bytes: bytes, change: object) -> bytes:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        change(pdf)  # type: ignore[operator]
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def test_every_pdfx_check_passes(print_pdf: bytes) -> None:
    problems, ink = pdfx_problems(print_pdf)
    assert problems == {name: [] for name in PDFX_CHECKS}
    assert 200 < ink <= MAX_INK


def test_one_output_intent_embeds_the_fogra39_profile(print_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(print_pdf)) as pdf:
        assert pdf.pdf_version == "1.6"
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX" and str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert str(intent.RegistryName) == "http://www.color.org" and str(intent.OutputCondition)
        assert intent.DestOutputProfile.read_bytes() == bundled_profile()
        info = pdf.trailer.Info
        assert info.Trapped == "/False" and str(info.Title) == "Un titre" and "/ID" in pdf.trailer
        assert str(info.GTS_PDFXVersion) == "PDF/X-4"
        xmp = pdf.Root.Metadata.read_bytes().decode()
    for needle in (
        "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>",
        "<pdf:Trapped>False</pdf:Trapped>",
        "<xmp:CreateDate>2000-01-01T00:00:00+00:00</xmp:CreateDate>",
        "<xmpMM:DocumentID>uuid:",
        "<xmpMM:VersionID>1</xmpMM:VersionID>",
        "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>",
    ):
        assert needle in xmp


def test_verify_fails_a_print_file_without_its_output_intent(print_pdf: bytes) -> None:
    def drop(pdf: pikepdf.Pdf) -> None:
        del pdf.Root.OutputIntents

    assert verify(print_pdf, profile="print").passed
    report = verify(edited(print_pdf, drop), profile="print")
    assert [c.name for c in report.failed] == ["pdfx-output-intent"]


def test_marks_are_in_the_registration_colour_not_400_percent_cmyk(print_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(print_pdf)) as pdf:
        page = pdf.pages[0]
        spaces = list(page.Resources.ColorSpace.values())
        content = page.Contents.read_bytes()
    assert [str(s[0]) + str(s[1]) for s in spaces] == ["/Separation/All"]
    assert b"1 1 1 1 K" not in content and b"CS 1 SCN" in content

    def fake(pdf: pikepdf.Pdf) -> None:
        page = pdf.pages[0]
        page.Contents = pdf.make_stream(
            page.Contents.read_bytes().replace(b"/FlyerRegistration CS 1 SCN", b"1 1 1 1 K")
        )

    problems, _ = pdfx_problems(edited(print_pdf, fake))
    assert problems["pdfx-registration"] == [
        "page 1: marks not in /Separation /All",
        "page 1: 2 colour(s) of 400 % DeviceCMYK",  # crop marks, then fold marks
    ]
    assert problems["pdfx-ink"] == ["peak ink 400 % over 300 %"]


def test_a_rich_black_image_is_separated_with_black_ink_under_the_limit() -> None:
    black = separate(PILImage.new("RGB", (4, 4), (0, 0, 0)), bundled_profile()).getpixel((0, 0))
    assert isinstance(black, tuple)
    assert black[3] > 230 and sum(black) <= 255 * MAX_INK / 100
    c, m, y, k = separate_colour((0.1, 0.25, 0.45), bundled_profile())
    assert 0 < k < 0.5 and c > m > y


def test_a_cmyk_image_is_held_to_the_ink_limit() -> None:
    heavy = separate(PILImage.new("CMYK", (2, 2), (255, 255, 255, 255)), bundled_profile()).getpixel((0, 0))
    assert isinstance(heavy, tuple)
    assert heavy[3] == 255 and sum(heavy) <= 255 * MAX_INK / 100 + 2


def test_the_ink_limit_catches_a_colour_over_300_percent(tmp_path: Path) -> None:
    document = compile_flyer(MINIMAL.encode(), "content.yaml", tmp_path, []).document
    heavy = Paint((0.1, 0.1, 0.1), (0.9, 0.9, 0.9, 0.9))
    items = [dataclasses.replace(i, fill=heavy) if isinstance(i, Box) else i for i in document.pages[0].items]
    pdf = render(dataclasses.replace(document, pages=(PlacedPage(tuple(items)),)), "print")
    assert peak_ink(pdf) == pytest.approx(360)
    assert [c.name for c in verify(pdf, profile="print").failed] == ["pdfx-ink"]


def test_a_theme_colour_over_300_percent_is_a_content_problem(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        build(tmp_path, MINIMAL + 'theme: {primary: {rgb: "#101010", cmyk: [90, 90, 90, 90]}}\n')
    (problem,) = caught.value.problems
    assert problem.path == "theme.primary" and "360 %, over the 300 %" in problem.message


def test_the_print_rendition_is_byte_identical_run_to_run(tmp_path: Path, print_pdf: bytes) -> None:
    PILImage.new("RGB", (400, 200), (0, 0, 0)).save(tmp_path / "logo.png")
    assert build(tmp_path, MINIMAL + LOGO) == print_pdf


def test_the_eci_profiles_ship_with_their_licence() -> None:
    folder = resources.files("flyer").joinpath("icc")
    names = {p.name for p in folder.iterdir()}
    assert {"ISOcoated_v2_300_eci.icc", "ISOcoated_v2_eci.icc", "LICENSE-HEIDELBERG.txt"} <= names


def test_the_print_shop_names_its_own_profile_and_condition(tmp_path: Path) -> None:
    shop = resources.files("flyer").joinpath("icc", "ISOcoated_v2_eci.icc").read_bytes()
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "shop.icc").write_bytes(shop)
    text = MINIMAL + "print: {profile: assets/shop.icc, condition: FOGRA51, description: PSO Coated v3}\n"
    pdf = build(tmp_path, text)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        (intent,) = doc.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "FOGRA51"
        assert str(intent.OutputCondition) == "PSO Coated v3"
        assert intent.DestOutputProfile.read_bytes() == shop
    assert verify(pdf, profile="print").passed


@pytest.mark.parametrize(
    ("print_key", "message"),
    [
        ("{profile: assets/srgb.icc}", "'assets/srgb.icc' is a RGB profile, not a CMYK one"),
        ("{profile: assets/none.icc}", "'assets/none.icc' does not exist"),
        ("{profile: ../outside.icc}", "'../outside.icc' is outside the project folder"),
        ("{condition: FOGRA51}", "the condition FOGRA51 needs its ICC profile"),
    ],
)
def test_a_wrong_print_profile_is_a_located_content_problem(
    tmp_path: Path, print_key: str, message: str
) -> None:
    from PIL import ImageCms

    project = tmp_path / "project"
    (project / "assets").mkdir(parents=True)
    (project / "assets" / "srgb.icc").write_bytes(
        ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    )
    (tmp_path / "outside.icc").write_bytes(bundled_profile())
    with pytest.raises(ContentError) as caught:
        build(project, MINIMAL + f"print: {print_key}\n")
    (problem,) = caught.value.problems
    assert message in problem.message and problem.line == 7 and problem.path.startswith("print")


def _no_xmp_version(pdf: pikepdf.Pdf) -> None:
    xmp = pdf.Root.Metadata.read_bytes().replace(
        b"<pdfxid:GTS_PDFXVersion>PDF/X-4", b"<pdfxid:GTS_PDFXVersion>PDF/X-1a"
    )
    pdf.Root.Metadata = pdf.make_stream(xmp, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)


def _later_info_date(pdf: pikepdf.Pdf) -> None:
    pdf.trailer.Info.ModDate = pikepdf.String("D:20240101120000+00'00'")


def _untrapped(pdf: pikepdf.Pdf) -> None:
    del pdf.trailer.Info.Trapped


@pytest.mark.parametrize(
    ("change", "check", "problem"),
    [
        (_no_xmp_version, "pdfx-version", "no XMP pdfxid:GTS_PDFXVersion PDF/X-4"),
        (
            _later_info_date,
            "pdfx-metadata",
            "XMP xmp:ModifyDate is not Info /ModDate (2024-01-01T12:00:00+00:00)",
        ),
        (_untrapped, "pdfx-metadata", "Info /Trapped is not /True or /False"),
    ],
)
def test_each_pdfx_requirement_is_named_when_it_fails(
    print_pdf: bytes, change: object, check: str, problem: str
) -> None:
    problems, _ = pdfx_problems(edited(print_pdf, change))
    assert problems[check] == [problem]
    assert [name for name, found in problems.items() if found] == [check]


def test_the_deflated_profile_is_kept_and_a_damaged_entry_is_never_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zlib

    from flyer.draw import pdfx

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("FLYER_NO_CACHE", raising=False)
    profile = b"not really a profile, but bytes to deflate" * 100
    pdfx._deflated.cache_clear()
    first = pdfx._deflated(profile)
    assert zlib.decompress(first) == profile
    (path,) = (tmp_path / "flyer").glob("icc-*.zz")
    assert path.read_bytes().endswith(first)
    path.write_bytes(path.read_bytes()[:-40])  # cut short, as by a full disk
    pdfx._deflated.cache_clear()
    assert pdfx._deflated(profile) == first
    assert path.read_bytes().endswith(first)  # written again
    pdfx._deflated.cache_clear()


def test_separated_colours_are_kept_and_equal_to_a_fresh_separation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flyer.draw import separation

    colours = [(0.1, 0.2, 0.3), (1.0, 1.0, 1.0), (0.0, 0.0, 0.0), (0.9, 0.4, 0.05)]
    profile = separation.bundled_profile()

    def separated() -> list[tuple[float, float, float, float]]:
        separation.separate_colour.cache_clear()
        separation._separated.cache_clear()
        return [separation.separate_colour(rgb, profile) for rgb in colours]

    monkeypatch.setenv("FLYER_NO_CACHE", "1")
    fresh = separated()
    monkeypatch.delenv("FLYER_NO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert separated() == fresh  # computed, then stored
    (entry,) = (tmp_path / "flyer").glob("cmyk-*")
    assert separated() == fresh  # read back
    entry.write_bytes(entry.read_bytes()[:-3])
    assert separated() == fresh  # a damaged entry is computed again
    assert fresh[2][3] > 0.9 and sum(fresh[2]) <= 3.0  # black is mostly K, within the ink limit
    separation.separate_colour.cache_clear()
    separation._separated.cache_clear()


def test_document_ids_are_version_4_uuids_as_the_uuid_module_writes_them() -> None:
    import os
    import uuid

    from flyer.draw.pdfx import _uuid

    for raw in [bytes(16), b"\xff" * 16, *(os.urandom(16) for _ in range(200))]:
        assert _uuid(raw) == str(uuid.UUID(bytes=raw, version=4))


def test_the_file_ids_follow_the_content(tmp_path: Path) -> None:
    # Same flyer, same ids (trailer /ID, XMP DocumentID); a change anywhere in the file, new ones:
    # its text, a code's address, a link without a code (the footer's), the printing condition.
    (tmp_path / "assets").mkdir()
    shop = resources.files("flyer").joinpath("icc", "ISOcoated_v2_eci.icc").read_bytes()
    (tmp_path / "assets" / "shop.icc").write_bytes(shop)

    def ids(text: str, rendition: Profile = "print") -> tuple[bytes, ...]:
        data = compile_flyer(text.encode(), "content.yaml", tmp_path, [rendition]).pdfs[rendition]
        with pikepdf.open(io.BytesIO(data)) as pdf:
            xmp = bytes(pdf.Root.Metadata.read_bytes())
            document = xmp.split(b"<xmpMM:DocumentID>")[1].split(b"<")[0] if rendition == "print" else b""
            return (*(bytes(part) for part in pdf.trailer.ID), document)

    org = 'organisation: {name: Une association, url: "https://example.org/"}\n'
    shop_print = "print: {profile: assets/shop.icc}\n"
    cases: list[tuple[Profile, str, list[str]]] = [
        (
            "print",
            MINIMAL + org,
            [
                MINIMAL.replace("title: Un titre", "title: Un autre titre") + org,
                MINIMAL.replace("https://example.org/\n", "https://example.org/b\n") + org,
                MINIMAL + org + shop_print,
            ],
        ),
        # The same profile for another condition: only the output intent differs.
        (
            "print",
            MINIMAL + org + shop_print,
            [MINIMAL + org + shop_print.replace("}", ", condition: FOGRA39L}")],
        ),
        # The footer's link goes elsewhere; what it shows (« example.org ») is the same.
        (
            "screen",
            MINIMAL + org,
            [MINIMAL + org.replace("https://example.org/", "https://www.example.org/")],
        ),
    ]
    for rendition, same, changes in cases:
        base = ids(same, rendition)
        assert ids(same, rendition) == base
        for changed in changes:
            other = ids(changed, rendition)
            assert all(a != b for a, b in zip(other, base, strict=True) if a or b), (rendition, changed)


GRADIENT_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80" width="200" height="80">'
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#c03"/><stop offset="1" stop-color="#03c"/>'
    '</linearGradient><radialGradient id="r"><stop offset="0" stop-color="#fc0"/><stop offset="1" stop-color="#063"/>'
    '</radialGradient></defs><rect x="0" y="0" width="100" height="80" fill="url(#g)"/>'
    '<circle cx="150" cy="40" r="35" fill="url(#r)"/></svg>'
)


def _shadings(pdf: bytes) -> list[tuple[str, str]]:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return [
            (str(name), str(shading.ColorSpace))
            for page in doc.pages
            for name, shading in (page.obj.Resources.get("/Shading") or {}).items()
        ]


def test_a_logo_s_gradients_are_separated_to_cmyk(tmp_path: Path) -> None:
    # svglib paints an SVG's gradients as shadings, which reportlab's CMYK enforcement lets through.
    (tmp_path / "logo.svg").write_text(GRADIENT_SVG, encoding="utf-8")
    pdf = build(tmp_path, MINIMAL + LOGO.replace("logo.png", "logo.svg"))
    shadings = _shadings(pdf)
    assert len(shadings) == 2 and {space for _, space in shadings} == {"/DeviceCMYK"}
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        stops = [list(s.Function.C0) for s in doc.pages[0].obj.Resources.Shading.values()]
    # Each stop through the printer's profile, as the logo's flat colours are.
    profile = bundled_profile()
    expected = [separate_colour((0.8, 0.0, 0.2), profile), separate_colour((1.0, 0.8, 0.0), profile)]
    assert sorted(tuple(float(v) for v in stop) for stop in stops) == sorted(expected)
    assert verify(pdf, profile="print").passed


def test_an_rgb_gradient_fails_the_print_check(print_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(print_pdf)) as doc:
        function = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 0, 0], C1=[0, 0, 1], N=1)
        shading = pikepdf.Dictionary(
            ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB, Coords=[0, 0, 9, 0], Function=function
        )
        doc.pages[0].obj.Resources.Shading = pikepdf.Dictionary(Sh9=shading)
        out = io.BytesIO()
        doc.save(out)
    report = verify(out.getvalue(), profile="print")
    (check,) = [c for c in report.checks if c.name == "no-rgb"]
    assert not check.passed and "page 1: gradient /Sh9 is RGB" in check.details


def test_a_description_of_the_bundled_condition_is_written(tmp_path: Path) -> None:
    pdf = build(tmp_path, MINIMAL + "print: {description: Offset sur papier couché}\n")
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        (intent,) = doc.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert str(intent.OutputCondition) == "Offset sur papier couché"
        assert intent.DestOutputProfile.read_bytes() == bundled_profile()
