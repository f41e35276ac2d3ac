"""The Typst peer: the same flyer made the way a native tool would (segno codes, a Typst template).

A yardstick for ``bench/bench_build.py``, not a product: it reads ``content.yaml``, encodes one QR
code per item with segno (error correction Q, never Micro QR), and compiles a two-column A4 flyer
(title band, intro, sections of cards with code, kind, title, description and short address, footer)
with ``typst.compile``. One PDF, RGB, no bleed, no verification.

Run: python bench/peer_typst.py content.yaml out.pdf   (needs the ``bench`` extra: typst, segno)
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import segno
import typst
import yaml

TEMPLATE = r"""
#let data = json("data.json")
#set page(paper: "a4", margin: (x: 12mm, top: 0mm, bottom: 12mm))
#set text(font: "Source Sans Pro", size: 9pt, lang: data.lang, fill: rgb("#222222"))
#set par(justify: true, leading: 0.5em)
#let brand = rgb("#1f4e79")
#block(width: 100% + 24mm, inset: (x: 12mm, y: 8mm), fill: brand, below: 5mm)[
  #set text(fill: white)
  #grid(columns: (1fr, 22mm), gutter: 4mm,
    [#text(size: 24pt, weight: "bold", data.title) \ #text(size: 13pt, data.subtitle) \
     #text(size: 10pt, data.event)],
    if data.logo != none { image(data.logo, width: 22mm) })
]
#data.intro
#text(weight: "bold", fill: brand)[ Scannez un code ou cliquez sur un titre.]
#for section in data.sections [
  #v(3mm)
  #text(size: 13pt, weight: "bold", fill: brand, section.title)
  #grid(columns: (1fr, 1fr), gutter: 5mm, ..section.items.map(item => grid(
    columns: (24mm, 1fr), gutter: 3mm,
    image(item.qr, width: 24mm),
    [#text(size: 7pt, weight: "bold", fill: rgb("#b5491b"), upper(item.kind)) \
     #link(item.url, text(size: 10pt, weight: "bold", item.title)) \
     #item.description \ #text(size: 7pt, item.short)],
  )))
]
#v(1fr)
#line(length: 100%, stroke: 0.5pt + brand)
#text(size: 7.5pt, data.footer)
"""


def short(url: str) -> str:
    """The address without scheme, ``www.`` and trailing slash, as printed under a code."""
    bare = url.split("://", 1)[-1]
    return bare.removeprefix("www.").rstrip("/")


def build(content: Path, out: Path) -> None:
    """Write the peer's PDF of ``content`` to ``out``."""
    raw = yaml.safe_load(content.read_text(encoding="utf-8"))
    fonts = Path(__import__("font_source_sans_pro").__file__).parent / "files"
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        sections = []
        for s, section in enumerate(raw["sections"]):
            items = []
            for i, item in enumerate(section["items"]):
                name = f"qr-{s}-{i}.svg"
                segno.make(item["url"], error="q", micro=False).save(str(root / name), border=4)
                items.append(
                    {
                        "kind": item.get("kind", "site"),
                        "title": item["title"],
                        "description": item.get("description", ""),
                        "url": item["url"],
                        "short": short(item["url"]),
                        "qr": name,
                    }
                )
            sections.append({"title": section["title"], "items": items})
        logo = (raw.get("organisation") or {}).get("logo")
        if logo:
            (root / "logo.svg").write_bytes((content.parent / logo).read_bytes())
        event = raw.get("event") or {}
        data = {
            "lang": raw.get("lang", "fr"),
            "title": raw["title"],
            "subtitle": raw.get("subtitle", ""),
            "event": " · ".join(str(event[k]) for k in ("name", "place", "stand") if event.get(k)),
            "logo": "logo.svg" if logo else None,
            "intro": raw.get("intro", ""),
            "sections": sections,
            "footer": raw.get("footer", ""),
        }
        (root / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        (root / "main.typ").write_text(TEMPLATE, encoding="utf-8")
        pdf = typst.compile(str(root / "main.typ"), root=str(root), font_paths=[str(fonts)])
    out.write_bytes(pdf)


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]))
