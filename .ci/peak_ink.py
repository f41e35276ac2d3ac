"""Peak ink of print PDFs inside their BleedBox, measured by Ghostscript's separations (tiffsep).

An independent reader of what `flyer verify`'s pdfx-ink check reads from the content streams.
usage: peak_ink.py FILE.pdf...   exit 1 when a page goes over 300 % inside its BleedBox.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pikepdf
from PIL import Image, ImageMath

LIMIT, DPI = 300.0, 100
PLATES = ("Cyan", "Magenta", "Yellow", "Black")


def peaks(pdf: Path) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        subprocess.run(
            [
                "gs",
                "-q",
                "-dNOPAUSE",
                "-dBATCH",
                "-dSAFER",
                "-sDEVICE=tiffsep",
                f"-r{DPI}",
                f"-sOutputFile={out}/p%d.tif",
                str(pdf),
            ],
            check=True,
        )
        found = []
        with pikepdf.open(pdf) as doc:
            for n, page in enumerate(doc.pages, start=1):
                # tiffsep plates: 0 is full ink, 255 none.
                plates = [Image.open(out / f"p{n}({c}).tif").convert("I") for c in PLATES]
                height, s = plates[0].size[1], DPI / 72
                x0, y0, x1, y1 = (float(v) for v in page.BleedBox)
                box = (round(x0 * s), round(height - y1 * s), round(x1 * s), round(height - y0 * s))
                c, m, y, k = (p.crop(box) for p in plates)
                total = ImageMath.lambda_eval(
                    lambda a: 1020 - a["c"] - a["m"] - a["y"] - a["k"], c=c, m=m, y=y, k=k
                )
                found.append(100 * float(total.getextrema()[1]) / 255)
        return found


def main() -> int:
    failed = False
    for name in sys.argv[1:]:
        values = peaks(Path(name))
        over = max(values) > LIMIT + 1  # one sample of rounding
        failed |= over
        print(f"{name}: peak ink {', '.join(f'{v:.0f} %' for v in values)} {'OVER 300 %' if over else 'ok'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
