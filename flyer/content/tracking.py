"""Campaign tracking: query parameters added to the addresses a flyer links to.

Merge rules, for one address:

- the parameters already in the address are kept as written, in their order;
- the content's ``tracking`` parameters are appended after them, except a parameter the address
  already sets: the address wins (a link written with its own ``utm_source`` means it);
- ``utm_medium`` says where the click came from: when tracking is on and neither the address nor
  ``tracking`` sets it, it is the medium (``qr`` for QR codes, ``pdf`` for screen links, ``html``
  for the web page);
- without tracking parameters, or for a ``mailto:`` or ``tel:`` contact, the address is exactly
  ``href(url)``.

The short address printed for people never carries parameters: only links and QR codes do.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from flyer.content.urls import href

__all__ = ["MEDIUM_KEY", "PARAMETER_NAME", "tracked"]

#: A safe query parameter name: letters, digits and ``._~-`` (no encoding needed, no ``&`` or ``=``).
PARAMETER_NAME = re.compile(r"[A-Za-z0-9._~-]{1,64}")
#: The parameter that names the medium a visit came from.
MEDIUM_KEY = "utm_medium"


def tracked(url: str, params: Mapping[str, str], medium: str) -> str:
    """Add the tracking ``params`` (and ``utm_medium=medium`` unless set) to the ASCII form of ``url``."""
    return _tracked(url, tuple(params.items()), medium)


@lru_cache(maxsize=8192)  # layout asks for every card's addresses at each density level it tries
def _tracked(url: str, params: tuple[tuple[str, str], ...], medium: str) -> str:
    link = href(url)
    if not params or not link.startswith(("http://", "https://")):
        return link
    parts = urlsplit(link)
    present = {name for name, _ in parse_qsl(parts.query, keep_blank_values=True)}
    added = [(k, v) for k, v in params if k not in present]
    if MEDIUM_KEY not in present and all(k != MEDIUM_KEY for k, _ in params):
        added.append((MEDIUM_KEY, medium))
    if not added:
        return link
    extra = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in added)
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit(parts._replace(query=query))
