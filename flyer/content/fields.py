"""The field types of the content model: length limits, addresses, dates, tracking parameters.

Each raises pydantic's custom errors, which ``flyer.content.messages`` turns into located problems.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from flyer.content.messages import excerpt
from flyer.content.source import printable
from flyer.content.tracking import PARAMETER_NAME
from flyer.content.urls import check_contact_url, check_web_url

__all__ = [
    "ContactUrl",
    "EventDate",
    "TrackingKey",
    "TrackingValue",
    "WebUrl",
    "limit",
    "not_blank",
    "prose",
    "switch",
]


def limit(n: int, what: str) -> AfterValidator:
    def check(value: str) -> str:
        if len(value) > n:
            raise PydanticCustomError(
                "too_long",
                "is {length} characters long; at most {limit} fit in {what}",
                {"length": len(value), "limit": n, "what": what},
            )
        return value

    return AfterValidator(check)


def not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "must not be empty")
    return value


def _address(check: Callable[[str], str | None]) -> AfterValidator:
    """A validator refusing an address ``check`` gives a reason against (web, or contact)."""

    def accepted(value: str) -> str:
        reason = check(value)
        if reason:
            raise PydanticCustomError(
                "url", "'{url}' {reason}", {"url": excerpt(value), "reason": printable(reason)}
            )
        return value

    return AfterValidator(accepted)


def prose(most: int, what: str) -> Any:
    """Text that is not blank and at most ``most`` characters long (``what`` names it in the message)."""
    return Annotated[str, AfterValidator(not_blank), limit(most, what)]


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
            raise PydanticCustomError(
                "date", "'{value}' is not a real date", {"value": excerpt(value)}
            ) from None
    return value


EventDate = Annotated[dt.date | str, BeforeValidator(_date)]


def _parameter_name(value: str) -> str:
    if not PARAMETER_NAME.fullmatch(value):
        raise PydanticCustomError(
            "parameter_name",
            "'{value}' is not a safe parameter name (letters, digits and . _ ~ - only)",
            {"value": excerpt(value)},
        )
    return value


TrackingKey = Annotated[str, AfterValidator(_parameter_name)]
TrackingValue = Annotated[str, AfterValidator(not_blank), limit(200, "a tracking value")]
