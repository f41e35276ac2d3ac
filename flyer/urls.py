"""Web addresses: what is accepted, how it is encoded for links and QR codes, how it is printed."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import SplitResult, quote, unquote, urlsplit, urlunsplit

__all__ = ["MAX_LENGTH", "check_contact_url", "check_web_url", "href", "idna_host", "short_address"]

#: Longest address accepted, once encoded: far beyond what a QR code on a flyer can hold.
MAX_LENGTH = 1000
# Full stops that UTS #46 maps to « . » between the labels of a host name.
_DOTS = re.compile("[.\u3002\uff0e\uff61]")

_SPACE = re.compile(r"\s")
# RFC 3986 reserved and unreserved characters, plus '%' for existing escapes: left as they are.
_SAFE_PATH = "/:@!$&'()*+,;=-._~%"
_SAFE_QUERY = _SAFE_PATH + "?"


def _split(url: str) -> SplitResult | str:
    """``urlsplit`` and its port, or why they fail (bad port, bad brackets, look-alike characters)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError when the port is not a number in range
    except ValueError as exc:
        return f"is not a valid address ({str(exc).rstrip('.')})"
    return parts


def check_web_url(url: str) -> str | None:
    """Return why ``url`` is not an absolute http(s) address, or ``None`` when it is."""
    if _SPACE.search(url):
        return "contains a space (write %20, or remove it)"
    parts = _split(url)
    if isinstance(parts, str):
        return parts
    if parts.scheme.lower() not in ("http", "https"):
        if not parts.scheme or parts.scheme.lower() == "www":
            return "is not an absolute address (it must start with https://)"
        return f"uses the '{parts.scheme}:' scheme; only http:// and https:// addresses are allowed"
    host = (parts.hostname or "").removesuffix(".")
    labels = _DOTS.split(host)
    if len(labels) < 2 or "" in labels:
        return "has no valid host name after https://"
    try:
        encoded = href(url)
    except UnicodeError:
        return "has a host name that cannot be encoded (IDNA)"
    if len(encoded) > MAX_LENGTH:
        return f"is {len(encoded)} characters long once encoded; at most {MAX_LENGTH} are accepted"
    return None


def check_contact_url(url: str) -> str | None:
    """Like :func:`check_web_url`, but ``mailto:`` and ``tel:`` are accepted too."""
    lowered = url.lower()
    if lowered.startswith("mailto:"):
        return (
            None
            if re.fullmatch(r"mailto:[^@\s]+@[^@\s]+\.[^@\s]+", url, re.I)
            else "is not a valid mailto: address"
        )
    if lowered.startswith("tel:"):
        return None if re.fullmatch(r"tel:\+?[0-9 .()-]{4,}", url, re.I) else "is not a valid tel: number"
    if re.fullmatch(r"[^@\s/:]+@[^@\s/]+\.[^@\s/]+", url):
        return f"is an e-mail address without its scheme (write mailto:{url})"
    if re.fullmatch(r"\+?[0-9][0-9 .()-]{3,}", url):
        return f"is a phone number without its scheme (write tel:{url.replace(' ', '')})"
    return check_web_url(url)


def idna_host(host: str) -> str:
    """ASCII form of a host name, as browsers write it (IDNA 2008, UTS #46 non-transitional).

    Each label is normalised (NFKC, lower case) and, when not ASCII, punycoded with ``xn--``:
    ``Bücher.example`` → ``xn--bcher-kva.example``, ``faß.de`` → ``xn--fa-hia.de`` (Python's own
    ``idna`` codec is IDNA 2003 and would send it to ``fass.de``). Raise ``UnicodeError`` when a
    label is empty or longer than 63 characters, or the name longer than 253.
    """
    if host.isascii():
        return host.lower()
    labels = []
    for label in _DOTS.split(unicodedata.normalize("NFKC", host).lower()):
        label = unicodedata.normalize("NFC", label)
        if not label.isascii():
            label = "xn--" + label.encode("punycode").decode("ascii")
        if not label or len(label) > 63:
            raise UnicodeError(f"invalid label in host name {host!r}")
        labels.append(label)
    ascii_host = ".".join(labels)
    if len(ascii_host) > 253:
        raise UnicodeError(f"host name {host!r} is too long")
    return ascii_host


def href(url: str) -> str:
    """ASCII form used in links and QR codes: IDNA host, percent-encoded path and query."""
    parts = urlsplit(url)
    netloc = idna_host(parts.hostname or "")
    if parts.port is not None:
        netloc += f":{parts.port}"
    if parts.username:
        netloc = f"{quote(parts.username, safe='')}@{netloc}"
    return urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            quote(parts.path, safe=_SAFE_PATH),
            quote(parts.query, safe=_SAFE_QUERY + "="),
            quote(parts.fragment, safe=_SAFE_QUERY),
        )
    )


#: Query parameters that only say where a visit came from: never printed for people to type.
_TRACKING = re.compile(r"(?:utm_|mtm_|pk_|matomo_)\w*|fbclid|gclid|msclkid|mc_[ce]id|_ga", re.IGNORECASE)


def _readable(text: str) -> str:
    """Percent-escapes of UTF-8 letters decoded (« %C3%AEle » reads « île »); others kept."""

    def decode(match: re.Match[str]) -> str:
        chunk = unquote(match.group(0), errors="strict") if _is_utf8(match.group(0)) else match.group(0)
        if all(unicodedata.category(c)[0] in "LNM" for c in chunk):
            return chunk
        return match.group(0)

    return re.sub(r"(?:%[0-9A-Fa-f]{2})+", decode, text)


def _is_utf8(escapes: str) -> bool:
    try:
        bytes.fromhex(escapes.replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def short_address(url: str) -> str:
    """What people type: no scheme, no ``www.``, no trailing slash, no tracking parameters; host and
    path as they read (Unicode letters, not percent-escapes)."""
    if url.lower().startswith(("mailto:", "tel:")):
        return url.split(":", 1)[1]
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    rest = _readable(parts.path.rstrip("/"))
    query = "&".join(
        pair for pair in parts.query.split("&") if pair and not _TRACKING.fullmatch(pair.split("=", 1)[0])
    )
    if query:
        rest += "?" + _readable(query)
    return host + rest
