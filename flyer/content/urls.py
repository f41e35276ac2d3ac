"""Web addresses: what is accepted, how it is encoded for links and QR codes, how it is printed."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import SplitResult, quote, unquote, urlsplit, urlunsplit

from flyer.content.deceptive import host_problem, invisible_problem, label_is_deceptive

__all__ = [
    "MAX_LENGTH",
    "ascii_form",
    "check_contact_url",
    "check_web_url",
    "href",
    "idna_host",
    "short_address",
]

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
    invisible = invisible_problem(url)
    if invisible:
        return invisible
    parts = _split(url)
    if isinstance(parts, str):
        return parts
    if parts.scheme.lower() not in ("http", "https"):
        if not parts.scheme or parts.scheme.lower() == "www":
            return "is not an absolute address (it must start with https://)"
        return f"uses the '{parts.scheme}:' scheme; only http:// and https:// addresses are allowed"
    if "@" in parts.netloc:
        # « https://www.saint-aubin.fr@evil.example » opens evil.example; a password is dropped.
        opened = parts.netloc.rsplit("@", 1)[1]
        return f"has user information before « @ »: it opens '{opened}', not what is written before it"
    host = (parts.hostname or "").removesuffix(".")
    labels = _DOTS.split(host)
    if len(labels) < 2 or "" in labels:
        return "has no valid host name after https://"
    deceptive = host_problem(host)
    if deceptive:
        return deceptive
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
    if lowered.startswith(("mailto:", "tel:")) and invisible_problem(url):
        return invisible_problem(url)
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

    Each label not in ASCII goes through the ``idna`` package's UTS #46 processing (mapping, NFC,
    CONTEXTJ and bidi rules) and is punycoded with ``xn--``: ``Bücher.example`` →
    ``xn--bcher-kva.example``, ``faß.de`` → ``xn--fa-hia.de`` (Python's own ``idna`` codec is
    IDNA 2003 and would send it to ``fass.de``). Raise ``UnicodeError`` when a label is refused,
    empty or longer than 63 characters, or the name longer than 253.
    """
    if host.isascii():
        return host.lower()
    labels = []
    for label in _DOTS.split(host):
        if not label.isascii():
            import idna  # ~5 ms, for the few hosts that are not plain ASCII

            label = idna.encode(label, uts46=True, transitional=False).decode("ascii")
        label = label.lower()
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


def ascii_form(url: str) -> str:
    """The punycode form of an address's host (what to write when a look-alike host is meant)."""
    parts = urlsplit(url)
    try:
        host = ".".join(
            label
            if label.isascii()
            else "xn--" + unicodedata.normalize("NFC", label).encode("punycode").decode()
            for label in (parts.hostname or "").split(".")
        )
    except UnicodeError:
        return url
    return urlunsplit(parts._replace(netloc=host))


def _shown_label(label: str) -> str:
    """A host label as people read it: Unicode when it is safe to (as browsers decide), else xn--."""
    if not label.startswith("xn--"):
        return label
    import idna

    try:
        text = idna.decode(label)
    except (idna.IDNAError, UnicodeError):
        return label
    return label if label_is_deceptive(text) else text


_NON_ASCII_ESCAPES = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")


def _shown_part(encoded: str) -> str:
    """A path or query as people read it: escapes of non-ASCII letters decoded (``%C3%A9`` → é).

    ASCII escapes stay (``%26`` shown as « & » would change what the address says), and so does
    a sequence that is not UTF-8 or decodes to something invisible.
    """

    def decode(match: re.Match[str]) -> str:
        try:
            text = unquote(match.group(0), errors="strict")
        except UnicodeDecodeError:
            return match.group(0)
        return match.group(0) if invisible_problem(text) or _SPACE.search(text) else text

    return _NON_ASCII_ESCAPES.sub(decode, encoded)


@lru_cache(maxsize=4096)
def short_address(url: str) -> str:
    """What people type: no scheme, no ``www.``, no trailing slash, no tracking parameters.

    Derived from the exact target (:func:`href`), so it names the host the code opens: a host
    written in punycode stays so unless its Unicode form is safe to show.
    """
    if url.lower().startswith(("mailto:", "tel:")):
        return url.split(":", 1)[1]
    try:
        parts = urlsplit(href(url))
    except (UnicodeError, ValueError):
        parts = urlsplit(url)
    host = ".".join(_shown_label(label) for label in (parts.hostname or "").split("."))
    host = host.removeprefix("www.")
    if parts.port is not None:
        host += f":{parts.port}"
    rest = _shown_part(parts.path.rstrip("/"))
    query = "&".join(
        pair for pair in parts.query.split("&") if pair and not _TRACKING.fullmatch(pair.split("=", 1)[0])
    )
    if query:
        rest += "?" + _shown_part(query)
    return host + rest
