"""Bounds the model alone cannot state: final address lengths (with tracking) and date order.

Checked on the validated model, before layout: a ``tracking:`` mapping (or a variants column that
adds to it) lengthens every link and QR code, so the address actually encoded is measured against
the same limits as an item's own address, and a problem is pointed at the parameter that made it
too long.
"""

from __future__ import annotations

import datetime as dt

from flyer.content.deceptive import describe, is_invisible
from flyer.content.model import Flyer
from flyer.content.tracking import tracked
from flyer.content.urls import MAX_LENGTH, href
from flyer.errors import Problem
from flyer.qr import MIN_MODULE_MM, modules_of, version_of

__all__ = ["bound_problems"]

# The widest code the layout prints (flyer.layout.scale.DENSE_QR_MM): more modules would be
# under MIN_MODULE_MM each. Kept here too so that this check never depends on layout internals.
_DENSE_QR_MM = 30.0


def _too_dense(link: str) -> bool:
    try:
        modules = modules_of(version_of(link))
    except ValueError:  # beyond QR version 40: no symbol at all
        return True
    return modules * MIN_MODULE_MM > _DENSE_QR_MM


def _tracking_problems(flyer: Flyer) -> list[Problem]:
    if not flyer.tracking:
        return []
    hidden = [
        Problem(
            f"the character {describe(c)} is not allowed in a tracking value",
            f"tracking.{key}",
            hint="remove it: a tracking value is a plain word such as salon-2021",
        )
        for key, value in flyer.tracking.items()
        for c in value[:1000]
        if is_invisible(c) or c in "\n\t"
    ]
    if hidden:
        return hidden[:1]
    last = f"tracking.{list(flyer.tracking)[-1]}"  # a variants column or --set points here too
    for s, section in enumerate(flyer.sections):
        for i, item in enumerate(section.items):
            where = f"sections[{s}].items[{i}].url"
            for medium in ("qr", "pdf", "html"):
                link = tracked(item.url, flyer.tracking, medium)
                if len(link) > MAX_LENGTH and len(href(item.url)) <= MAX_LENGTH:
                    return [
                        Problem(
                            f"with the tracking parameters, the address of {where} is {len(link)} characters"
                            f" long; at most {MAX_LENGTH} are accepted",
                            last,
                            hint="use fewer or shorter tracking parameters",
                        )
                    ]
                if medium == "qr" and item.qr and _too_dense(link) and not _too_dense(href(item.url)):
                    return [
                        Problem(
                            f"with the tracking parameters, the QR code of {where} ({len(link)} characters)"
                            " would be too dense to scan",
                            last,
                            hint="use fewer or shorter tracking parameters, or a short link",
                        )
                    ]
    return []


def _date_problems(flyer: Flyer) -> list[Problem]:
    event = flyer.event
    if event is None or event.end_date is None:
        return []
    start, end = event.date, event.end_date
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        return [
            Problem(
                f"the event ends ({end.isoformat()}) before it starts ({start.isoformat()})",
                "event.end_date",
                hint="swap date and end_date, or correct the year",
            )
        ]
    if start is None:
        return [Problem("an end_date needs a date", "event.end_date", hint="add 'date:' under event")]
    return []


def bound_problems(flyer: Flyer) -> list[Problem]:
    """Every bound of ``flyer`` that its own fields cannot check alone."""
    return [*_tracking_problems(flyer), *_date_problems(flyer)]
