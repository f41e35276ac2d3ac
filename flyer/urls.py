"""Web addresses: what is accepted, how it is encoded for links and QR codes, how it is printed."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

__all__ = ["check_contact_url", "check_web_url", "href", "short_address"]

_SPACE = re.compile(r"\s")
# RFC 3986 reserved and unreserved characters, plus '%' for existing escapes: left as they are.
_SAFE_PATH = "/:@!$&'()*+,;=-._~%"
_SAFE_QUERY = _SAFE_PATH + "?"


def check_web_url(url: str) -> str | None:
    """Return why ``url`` is not an absolute http(s) address, or ``None`` when it is."""
    if _SPACE.search(url):
        return "contains a space (write %20, or remove it)"
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        if not parts.scheme or parts.scheme.lower() == "www":
            return "is not an absolute address (it must start with https://)"
        return f"uses the '{parts.scheme}:' scheme; only http:// and https:// addresses are allowed"
    host = parts.hostname or ""
    if not host or "." not in host.strip("."):
        return "has no valid host name after https://"
    try:
        href(url)
    except UnicodeError:
        return "has a host name that cannot be encoded (IDNA)"
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
    return check_web_url(url)


def href(url: str) -> str:
    """ASCII form used in links and QR codes: IDNA host, percent-encoded path and query."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    netloc = ascii_host
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


def short_address(url: str) -> str:
    """What people type: no scheme, no ``www.``, no trailing slash; host as written (Unicode)."""
    if url.lower().startswith(("mailto:", "tel:")):
        return url.split(":", 1)[1]
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    rest = parts.path.rstrip("/")
    if parts.query:
        rest += "?" + parts.query
    return host + rest
