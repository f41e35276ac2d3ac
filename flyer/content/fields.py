"""The field types of the content model: length limits, addresses, dates, tracking parameters.

Each is a type with its rules (``flyer.content.rules``); a broken rule is an ``Invalid``, which the
reference validator reports as pydantic's custom error and ``flyer.content.messages`` locates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any

from flyer.content.rules import Before, Invalid, Limit, NotBlank, Predicate
from flyer.content.source import excerpt, printable
from flyer.content.tracking import PARAMETER_NAME
from flyer.content.urls import check_contact_url, check_web_url

__all__ = [
    "ContactUrl",
    "EventDate",
    "TrackingKey",
    "TrackingValue",
    "WebUrl",
    "switch",
]


def _address(check: Callable[[str], str | None]) -> Predicate:
    """A rule refusing an address ``check`` gives a reason against (web, or contact)."""

    def accepted(value: str) -> Invalid | None:
        reason = check(value)
        if reason:
            return Invalid("url", "'{url}' {reason}", {"url": excerpt(value), "reason": printable(reason)})
        return None

    return Predicate(accepted)


def switch(value: Any) -> Any:
    """``true``/``false`` (YAML scalars stay text here) as booleans; any other text as itself."""
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return value


WebUrl = Annotated[str, _address(check_web_url)]
ContactUrl = Annotated[str, _address(check_contact_url)]
_ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def _date(value: Any) -> Any:
    """Dates are typed as ``2021-11-16``; anything else is printed as written."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat("-".join(f"{int(p):02d}" for p in value.strip().split("-")))
        except ValueError:
            raise Invalid("date", "'{value}' is not a real date", {"value": excerpt(value)}) from None
    return value


EventDate = Annotated[dt.date | str, Before(_date)]


def _parameter_name(value: str) -> Invalid | None:
    if PARAMETER_NAME.fullmatch(value):
        return None
    return Invalid(
        "parameter_name",
        "'{value}' is not a safe parameter name (letters, digits and . _ ~ - only)",
        {"value": excerpt(value)},
    )


TrackingKey = Annotated[str, Predicate(_parameter_name)]
TrackingValue = Annotated[str, NotBlank(), Limit(200, "a tracking value")]
