"""Render the README's preview images: a sparse, a typical (the default flyer) and a dense flyer.

python docs/make_previews.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flyer.app.build import compile_flyer  # noqa: E402
from tests.generated import FORMATS, content  # noqa: E402

#: Pixels per point: about 43 dpi, enough to judge a layout, small enough for a README.
SCALE = 0.6


def strip(pdf: bytes, out: Path) -> None:
    document = pdfium.PdfDocument(pdf)
    pages = [page.render(scale=SCALE).to_pil().convert("RGB") for page in document]
    gap = 12
    sheet = Image.new(
        "RGB", (sum(p.width for p in pages) + gap * (len(pages) - 1), max(p.height for p in pages)), "#9a9a9a"
    )
    x = 0
    for page in pages:
        sheet.paste(page, (x, 0))
        x += page.width + gap
    sheet.quantize(colors=64).save(out, optimize=True)


#: Debian's fonts-dejavu-core: the brand-font preview sets the default flyer in DejaVu Sans.
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def main() -> None:
    default = (ROOT / "content.yaml").read_text(encoding="utf-8")
    flyers = {
        "preview.png": default,
        "preview-sparse.png": content(FORMATS["A5 recto"], 2, 1),
        "preview-dense.png": content(FORMATS["A5 recto-verso"], 14, 3),
        "gazette-preview.png": default.replace("  name: civic", "  name: gazette"),
        "brand-preview.png": default.replace(
            "  name: civic",
            "  name: civic\n  fonts: {regular: fonts/DejaVuSans.ttf, bold: fonts/DejaVuSans-Bold.ttf}",
        ),
    }
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(ROOT / "assets", project / "assets")
        (project / "fonts").mkdir()
        for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
            shutil.copy(DEJAVU / name, project / "fonts" / name)
        for name, text in flyers.items():
            built = compile_flyer(text.encode(), "content.yaml", project, ["screen"])
            strip(built.pdfs["screen"], ROOT / "docs" / name)
            print(f"docs/{name}")


if __name__ == "__main__":
    main()
