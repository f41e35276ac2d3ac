"""The flyer's own words in each language it speaks: kind labels, call to action, dates."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from flyer.content.vocabulary import Lang

if TYPE_CHECKING:
    from flyer.content.model import Event, Flyer

__all__ = ["call_to_action", "event_details", "event_line", "format_dates", "kind_label", "text"]


_KIND_LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "fiche": "Fiche-repère",
        "video": "Vidéo",
        "dossier": "Dossier",
        "film": "Film",
        "parcours": "Parcours",
        "article": "Article",
        "site": "Site",
    },
    "en": {
        "fiche": "Fact sheet",
        "video": "Video",
        "dossier": "Report",
        "film": "Film",
        "parcours": "Learning path",
        "article": "Article",
        "site": "Website",
    },
}

_TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "call_to_action": "Scannez un code ou cliquez sur un titre.",
        "continued": "Suite au verso →",
        "continued_head": "(suite)",
        "qr_alt": "Code QR vers",
        "stand": "Stand",
        "link": "Ouvrir",
        "qr_code": "Code QR",
    },
    "en": {
        "call_to_action": "Scan a code or click a title.",
        "continued": "Continued overleaf →",
        "continued_head": "(continued)",
        "qr_alt": "QR code to",
        "stand": "Stand",
        "link": "Open",
        "qr_code": "QR code",
    },
}

_MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def kind_label(kind: str, lang: Lang) -> str:
    """The printed label of a resource kind (« Fiche-repère »)."""
    return _KIND_LABELS[lang][kind]


def text(key: str, lang: Lang) -> str:
    """One of the flyer's fixed phrases in ``lang``."""
    return _TEXT[lang][key]


def _plain(words: str) -> str:
    return re.sub(r"[\W_]+", " ", words.casefold()).strip()


def call_to_action(flyer: Flyer) -> str | None:
    """The call to action, in the flyer's own words or the content's, unless the content turns it
    off or the intro already ends with it: the same line on paper and in the HTML companion."""
    if flyer.call_to_action is False:
        return None
    wording = (
        flyer.call_to_action if isinstance(flyer.call_to_action, str) else text("call_to_action", flyer.lang)
    )
    if flyer.intro and _plain(flyer.intro).endswith(_plain(wording)):
        return None
    return wording


def _day(day: dt.date, lang: Lang) -> str:
    if lang == "fr":
        return "1er" if day.day == 1 else str(day.day)
    return str(day.day)


def format_dates(start: dt.date, end: dt.date | None, lang: Lang) -> str:
    """« 16–18 novembre 2021 », « 30 novembre – 2 décembre 2021 », "16–18 November 2021"."""
    months = _MONTHS[lang]

    def full(d: dt.date) -> str:
        return f"{_day(d, lang)}\u00a0{months[d.month - 1]} {d.year}"

    if end is None or end == start:
        return full(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{_day(start, lang)}–{_day(end, lang)}\u00a0{months[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{_day(start, lang)}\u00a0{months[start.month - 1]} – {full(end)}"
    return f"{full(start)} – {full(end)}"


def event_line(event: Event, lang: Lang) -> str:
    """« Salon des maires · 16–18 novembre 2021 »: the name and the dates (typed or free text)."""
    parts = [event.name]
    if isinstance(event.date, dt.date):
        end = event.end_date if isinstance(event.end_date, dt.date) else None
        parts.append(format_dates(event.date, end, lang))
    elif event.date:
        parts.append(event.date)
    return " · ".join(parts)


def event_details(event: Event, lang: Lang) -> str:
    """« Paris Expo Porte de Versailles · Stand MIA »: where to find the stand."""
    parts = [p for p in (event.place,) if p]
    if event.stand:
        # « Stand F12 », but « Hall 2 – allée C – stand 27 » as written: it already names itself.
        word = text("stand", lang)
        names_itself = re.search(rf"\b{re.escape(word)}\b", event.stand, re.IGNORECASE)
        parts.append(event.stand if names_itself else f"{word}\u00a0{event.stand}")
    return " · ".join(parts)
