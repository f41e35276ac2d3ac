"""Addresses that would lie to the reader: look-alike hosts, invisible characters, fake separators.

A QR code on a printed flyer is a trust device: the short address people read must name the host
the code opens. Following Unicode TR 39 (security mechanisms) and what browsers do before they show
a host in Unicode:

- no invisible, format or control character anywhere (zero-width, bidi controls, C0/C1), written
  or percent-encoded (``%E2%80%AE`` prints as a right-to-left override);
- no compatibility form of a separator (fullwidth « ． », « ／ », ideographic « 。 »): it looks
  like one but is not where the browser cuts the address;
- each label of the host in one script (Latin with Han, Hiragana, Katakana or Hangul is Japanese,
  Chinese or Korean writing), and not a whole label of Cyrillic or Greek letters that all look Latin
  (``аррlе``): the punycode form written by hand (``xn--…``) is how a deliberate one is asked for.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

__all__ = ["describe", "host_problem", "invisible_problem", "label_is_deceptive"]

# Invisible although not in a C* category: fillers and blanks that render as nothing.
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u17b4\u17b5")
# What the eye takes for a separator of an address: ``. / : @ ? # %`` and backslash.
_SEPARATORS = frozenset("./:@?#%\\")
# Look-alikes of « / » and « . » that NFKC does not map to them, and what they pass for.
_SLASH_AND_DOT_LOOKALIKES = {
    **dict.fromkeys("\u2044\u2215\u29f8\u2571\u27cb", "/"),
    **dict.fromkeys("\u3002\uff61\u2024\u2027\u0701\u0702\ua60e\u2e31", "."),
}
# Cyrillic, Greek and Armenian letters drawn like Latin ones (UTS #39 whole-script confusables).
_LATIN_LOOKALIKES = frozenset(
    "асԁеһіјӏорԛѕԝхуүѵԍҽъьАВЕКМНОРСТХЅІЈ"  # Cyrillic
    "αβεικνορτυχωϲϳѕΑΒΕΗΙΚΜΝΟΡΤΥΧΖ"  # Greek
    "օհոսզ"  # Armenian
)
# Latin letters that are not accented ASCII letters but pass for one (dotless i, script a and g,
# long s, small capitals): Chrome shows hosts with them in punycode.
_ASCII_LOOKALIKES = frozenset("ıɑɡſɩʟᴏɢʜɪᴋᴍɴᴘʀꜱᴛᴜᴠᴡʏᴢƅȷĸƖǀɾʋ")
# Scripts Latin may be written with in one label (Japanese, Chinese, Korean).
_WITH_LATIN = frozenset({"HAN", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO"})


def describe(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``: how a character is named in a message."""
    name = unicodedata.name(char, "") or {
        "\x1b": "ESCAPE",
        "\x00": "NULL",
        "\t": "TAB",
        "\n": "LINE FEED",
        "\r": "CARRIAGE RETURN",
        "\x7f": "DELETE",
    }.get(char, "a control character")
    return f"U+{ord(char):04X} ({name})"


def is_invisible(char: str) -> bool:
    """A character that prints as nothing or changes how others print (C*, Z* but space, fillers)."""
    category = unicodedata.category(char)
    return (category[0] == "C" or category in ("Zl", "Zp") or char in _INVISIBLE_LETTERS) and char != " "


def invisible_problem(url: str) -> str | None:
    """Why ``url`` carries an invisible or fake-separator character (written or %-encoded), or None."""
    for where, text in (("", url), (" (percent-encoded)", _decoded(url))):
        for char in text:
            if is_invisible(char):
                return f"contains the invisible character {describe(char)}{where}"
            folded = unicodedata.normalize("NFKC", char)
            looks = _SLASH_AND_DOT_LOOKALIKES.get(char) or (folded if _SEPARATORS & set(folded) else "")
            if looks and looks != char:
                return f"contains {describe(char)}{where}, which only looks like « {looks} »"
    return None


def _decoded(url: str) -> str:
    """The characters ``%XX`` escapes stand for (only those: the rest is checked as written)."""
    escapes = re.findall(r"(?:%[0-9A-Fa-f]{2})+", url)
    return "".join(unquote(e, errors="replace") for e in escapes)


def _script(char: str) -> str | None:
    """The script of a letter (first word of its Unicode name); None for digits, marks, hyphens."""
    if not unicodedata.category(char).startswith("L"):
        return None
    name = unicodedata.name(char, "")
    if name.startswith("CJK ") or name.startswith("IDEOGRAPHIC"):
        return "HAN"
    return name.split(" ", 1)[0] or None


def label_is_deceptive(label: str) -> str | None:
    """Why one Unicode host label could pass for another, or None."""
    scripts = {s for s in map(_script, label) if s}
    if len(scripts) > 1 and not (scripts - {"LATIN"}) <= _WITH_LATIN:
        # Name the first letter of a script other than the label's first one: the look-alike.
        first = next(s for s in map(_script, label) if s)
        odd = next(c for c in label if _script(c) not in (None, first))
        names = " and ".join(sorted(s.title() for s in scripts))
        return f"mixes the {names} scripts: {describe(odd)} among them"
    fake = next((c for c in label if c in _ASCII_LOOKALIKES), None)
    if fake:
        return f"has {describe(fake)}, which passes for a plain Latin letter"
    if scripts and scripts != {"LATIN"} and all(c in _LATIN_LOOKALIKES or not c.isalpha() for c in label):
        script = next(iter(scripts)).title()
        return f"is written in {script} letters that look like Latin ones"
    return None


def host_problem(host: str) -> str | None:
    """Why a host name (as written, Unicode allowed) could deceive the reader, or None."""
    for label in host.split("."):
        if label.isascii():
            continue
        why = label_is_deceptive(unicodedata.normalize("NFC", label.lower()))
        if why:
            return f"has a host name whose part '{label}' {why}"
    return None
