"""The accessible HTML companion: one self-contained page with the flyer's text, links and QR codes.

No script, no external resource: inline CSS, QR codes as inline SVG drawn from the same symbols as
the PDF. Headings follow the flyer (h1 title, h2 sections, h3 resources); every text is escaped.
"""

from __future__ import annotations

import base64
import re
from html import escape, unescape

from flyer.content.model import Flyer, Item
from flyer.content.theme import BLACK, WHITE, below_aa, contrast, palette, rgb_hex
from flyer.content.tracking import tracked
from flyer.content.urls import short_address
from flyer.document import Document, Image, Paint, Picture
from flyer.fontset import NNBSP, FontSet
from flyer.qr import QUIET_ZONE, symbol
from flyer.text.htmlfonts import FAMILY, font_faces
from flyer.text.labels import call_to_action, event_details, event_line, kind_label, text
from flyer.text.typography import typeset

__all__ = ["OUTPUT_NAME", "html", "logo_of", "qr_svg"]

#: File name of the HTML companion in the output folder.
OUTPUT_NAME = "flyer.html"


def _readable(colour: Paint, background: Paint, fallback: Paint) -> Paint:
    """``colour`` when it reaches AA contrast on ``background``, else ``fallback``."""
    return colour if below_aa(colour, background) is None else fallback


def qr_svg(payload: str, label: str) -> str:
    """An inline SVG QR code of ``payload`` with a 4-module quiet zone and ``label`` as its name: the
    symbol the PDF prints (error correction M for a long address), encoded once for both."""
    code = symbol(payload)
    size = code.modules + 2 * QUIET_ZONE
    path = "".join(f"M{c} {r}h{n}v1h-{n}z" for r, c, n in code.runs)
    name = escape(label)
    return (
        f'<svg class="qr" role="img" aria-label="{name}" viewBox="{-QUIET_ZONE} {-QUIET_ZONE} {size} {size}"'
        f' xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges">'
        f"<title>{name}</title>"
        f'<rect x="{-QUIET_ZONE}" y="{-QUIET_ZONE}" width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{path}"/></svg>'
    )


def _css(flyer: Flyer) -> str:
    colours = palette(flyer.theme)
    band = colours.primary
    on_band = WHITE if contrast(WHITE, band) >= contrast(BLACK, band) else BLACK
    ink = _readable(colours.text, WHITE, BLACK)
    link = _readable(colours.primary, colours.tint, ink)
    accent = _readable(colours.accent, colours.tint, ink)
    muted = _readable(colours.muted, colours.tint, ink)
    return f"""
:root {{ color-scheme: light; --band: {rgb_hex(band.rgb)}; --on-band: {rgb_hex(on_band.rgb)}; --ink: {rgb_hex(ink.rgb)};
  --link: {rgb_hex(link.rgb)}; --accent: {rgb_hex(accent.rgb)}; --muted: {rgb_hex(muted.rgb)}; --tint: {rgb_hex(colours.tint.rgb)}; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ margin: 0; background: #fff; color: var(--ink); line-height: 1.5; font-size: 1.0625rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Source Sans Pro", "Helvetica Neue", Arial,
  sans-serif; }}
.wrap {{ max-width: 48rem; margin: 0 auto; padding: 0 1rem; }}
header {{ background: var(--band); color: var(--on-band); padding: 1.5rem 0 1.25rem; }}
header p {{ margin: 0.25rem 0; }}
.nowrap {{ white-space: nowrap; }}
header .logo {{ float: right; width: 4rem; height: auto; background: #fff; padding: 0.4rem;
  border-radius: 0.4rem; margin: 0 0 0.5rem 1rem; }}
.eyebrow {{ font-weight: 600; font-size: 0.9375rem; letter-spacing: 0.01em; }}
h1 {{ font-size: clamp(1.625rem, 5vw + 0.5rem, 2.5rem); line-height: 1.15; margin: 0.5rem 0; }}
.subtitle {{ font-size: 1.125rem; }}
.details {{ font-size: 0.9375rem; }}
main {{ padding-bottom: 1.5rem; }}
.intro {{ font-size: 1.125rem; margin: 1.25rem 0 0.5rem; }}
.cta {{ color: var(--accent); font-weight: 600; margin: 0 0 0.5rem; }}
h2 {{ color: var(--link); font-size: 1.375rem; line-height: 1.25; margin: 1.75rem 0 0.75rem;
  padding-bottom: 0.25rem; border-bottom: 2px solid var(--band); }}
.cards {{ list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 21rem), 1fr)); }}
.card {{ background: var(--tint); border-radius: 0.5rem; padding: 0.875rem; display: grid;
  grid-template-columns: minmax(0, 1fr) auto; column-gap: 0.875rem; align-items: start; }}
.card .head {{ grid-column: 1; grid-row: 1; }}
.card .body {{ grid-column: 1 / -1; grid-row: 2; }}
.card .qr {{ grid-column: 2; grid-row: 1; margin-bottom: 0.5rem; }}
.kind {{ color: var(--accent); font-weight: 600; font-size: 0.875rem; text-transform: uppercase;
  letter-spacing: 0.04em; margin: 0; }}
h3 {{ font-size: 1.125rem; line-height: 1.3; margin: 0.125rem 0 0.375rem; }}
.card p {{ margin: 0 0 0.375rem; }}
.address {{ font-size: 0.9375rem; overflow-wrap: anywhere; }}
.address a {{ color: var(--muted); }}
.qr {{ width: 6.5rem; height: 6.5rem; background: #fff; border-radius: 0.25rem; }}
a {{ color: var(--link); text-decoration-thickness: 0.08em; text-underline-offset: 0.15em; }}
h3 a {{ color: var(--ink); }}
a:hover {{ text-decoration-thickness: 0.15em; }}
a:focus-visible {{ outline: 3px solid var(--accent); outline-offset: 2px; border-radius: 2px; }}
header a, header a:focus-visible {{ color: var(--on-band); outline-color: var(--on-band); }}
footer {{ border-top: 1px solid var(--muted); padding: 1rem 0 2rem; font-size: 0.9375rem; }}
footer p {{ margin: 0.25rem 0; }}
.org {{ font-weight: 600; }}
@media (max-width: 30rem) {{ .qr {{ width: 5.5rem; height: 5.5rem; }} .card {{ padding: 0.75rem; }} }}
@media print {{ header {{ background: none; color: #000; }} a {{ color: #000; }} }}
"""


def _item(item: Item, flyer: Flyer) -> str:
    lang = flyer.lang
    kind = kind_label(item.kind, lang)
    link = escape(tracked(item.url, flyer.tracking, "html"))
    title = escape(typeset(item.title, lang))
    parts = [
        '<li class="card"><div class="head">',
        f'<p class="kind">{escape(kind)}</p>',
        f'<h3><a href="{link}">{title}</a></h3></div><div class="body">',
    ]
    if item.description:
        parts.append(f"<p>{escape(typeset(item.description, lang))}</p>")
    parts.append(f'<p class="address"><a href="{link}">{escape(short_address(item.url))}</a></p></div>')
    if item.qr:
        label = f"{text('qr_code', lang)}\u00a0: {kind} – {item.title}"
        parts.append(qr_svg(tracked(item.url, flyer.tracking, "qr"), label))
    parts.append("</li>")
    return "".join(parts)


def logo_of(document: Document, flyer: Flyer) -> Picture | None:
    """The organisation's logo as laid out in the document, if it has one."""
    name = flyer.organisation.logo if flyer.organisation else None
    for page in document.pages:
        for item in page.items:
            if isinstance(item, Image) and item.picture.name == name:
                return item.picture
    return None


def _logo_img(logo: Picture, alt: str) -> str:
    """An inline ``<img>`` (data URI: the page stays one self-contained file)."""
    from flyer.content.svgsafe import sanitized_svg

    mime = {"svg": "image/svg+xml", "png": "image/png", "jpeg": "image/jpeg"}[logo.format]
    # An SVG is sent on as a sanitized copy: drawing only, no script or external reference.
    raw = sanitized_svg(logo.data, logo.name or "logo.svg") if logo.format == "svg" else logo.data
    data = base64.b64encode(raw).decode("ascii")
    return f'<img class="logo" src="data:{mime};base64,{data}" alt="{escape(alt)}">'


def html(flyer: Flyer, logo: Picture | None = None, fonts: FontSet | None = None) -> str:
    """The flyer as one accessible, self-contained HTML5 page (in ``fonts`` when they are the brand's)."""
    lang = flyer.lang

    def t(value: str) -> str:
        return escape(typeset(value, lang))

    head = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(flyer.title)}</title>",
    ]
    if flyer.subtitle:
        head.append(f'<meta name="description" content="{escape(flyer.subtitle)}">')
    if flyer.organisation:
        head.append(f'<meta name="author" content="{escape(flyer.organisation.name)}">')
    head += ["", "</head>", "<body>"]  # the style is filled in last: its fonts cover the page's text

    header = ['<header><div class="wrap">']
    if logo is not None and flyer.organisation:
        header.append(_logo_img(logo, flyer.organisation.name))
    if flyer.event:
        # « 16–18 » stays on one line: browsers may break after an en dash.
        eyebrow = re.sub(r"(\d+–\d+)", r'<span class="nowrap">\1</span>', t(event_line(flyer.event, lang)))
        header.append(f'<p class="eyebrow">{eyebrow}</p>')
    elif flyer.organisation:
        header.append(f'<p class="eyebrow">{t(flyer.organisation.name)}</p>')
    header.append(f"<h1>{t(flyer.title)}</h1>")
    if flyer.subtitle:
        header.append(f'<p class="subtitle">{t(flyer.subtitle)}</p>')
    if flyer.event and event_details(flyer.event, lang):
        header.append(f'<p class="details">{t(event_details(flyer.event, lang))}</p>')
    header.append("</div></header>")

    body = ['<main class="wrap">']
    if flyer.intro:
        body.append(f'<p class="intro">{t(flyer.intro)}</p>')
    cta = call_to_action(flyer)
    if cta:
        body.append(f'<p class="cta">{t(cta)}</p>')
    for n, section in enumerate(flyer.sections, start=1):
        body.append(f'<section aria-labelledby="s{n}"><h2 id="s{n}">{t(section.title)}</h2>')
        body.append('<ul class="cards">')
        body += [_item(item, flyer) for item in section.items]
        body.append("</ul></section>")
    body.append("</main>")

    footer = ['<footer><div class="wrap">']
    org = flyer.organisation
    if org:
        contacts = [
            f'<a href="{escape(tracked(u, flyer.tracking, "html"))}">{escape(short_address(u))}</a>'
            for u in (org.url, org.email)
            if u
        ]
        footer.append(f'<p><span class="org">{t(org.name)}</span>{"".join(" · " + c for c in contacts)}</p>')
    if flyer.footer:
        footer.append(f"<p>{t(flyer.footer)}</p>")
    footer.append("</div></footer>")

    page = [*header, *body, *footer]
    if fonts is not None and fonts.nnbsp != NNBSP:  # the brand font lacks U+202F: as in the PDF
        page = [part.replace(NNBSP, fonts.nnbsp) for part in page]
    faces = font_faces(fonts, unescape("".join(page)))
    style = _css(flyer)
    if faces:
        style = faces + style.replace("font-family: system-ui", f'font-family: "{FAMILY}", system-ui', 1)
    head[-3] = f"<style>{style}</style>"
    return "\n".join([*head, *page, "</body>", "</html>", ""])
