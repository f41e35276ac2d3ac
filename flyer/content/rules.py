"""What a field of the content model accepts, written as plain data beside its type (``Annotated``).

The model (``flyer.content.model``) declares each rule once with these markers. Two readers apply
them: ``flyer.content.reader`` builds the model from valid content without importing pydantic, and
``flyer.content.reference`` turns them into pydantic's validators, which report every problem of
content that is not valid, and make the JSON Schema. Nothing here imports pydantic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Before",
    "ByShape",
    "Check",
    "Invalid",
    "Length",
    "Limit",
    "NotBlank",
    "Pattern",
    "Range",
    "Test",
    "examples",
]


class Invalid(ValueError):
    """A broken rule: pydantic's error ``kind``, its message template and the template's values."""

    def __init__(self, kind: str, template: str, values: dict[str, Any] | None = None) -> None:
        super().__init__(kind, template, values)
        self.kind = kind
        self.template = template
        self.values = values or {}


class Check:
    """A rule on the validated value (after its type is read and its text stripped)."""

    def problem(self, value: Any) -> Invalid | None:
        """What is wrong with ``value``, or ``None``."""
        raise NotImplementedError


@dataclass(frozen=True)
class NotBlank(Check):
    """Text with something else than spaces."""

    def problem(self, value: str) -> Invalid | None:
        return None if value.strip() else Invalid("blank", "must not be empty")


@dataclass(frozen=True)
class Limit(Check):
    """Text of at most ``most`` characters; ``what`` names it in the message."""

    most: int
    what: str

    def problem(self, value: str) -> Invalid | None:
        if len(value) <= self.most:
            return None
        return Invalid(
            "too_long",
            "is {length} characters long; at most {limit} fit in {what}",
            {"length": len(value), "limit": self.most, "what": self.what},
        )


@dataclass(frozen=True)
class Test(Check):
    """Any other rule: ``test`` returns what is wrong, or ``None``."""

    test: Callable[[Any], Invalid | None]

    def problem(self, value: Any) -> Invalid | None:
        return self.test(value)


@dataclass(frozen=True)
class Pattern:
    """Text matching the regular expression ``regex`` (searched, as pydantic does: anchor it)."""

    regex: str


@dataclass(frozen=True)
class Length:
    """Text or a list of at least ``least`` and at most ``most`` characters or entries."""

    least: int | None = None
    most: int | None = None


@dataclass(frozen=True)
class Range:
    """A finite number from ``least`` to ``most``."""

    least: int
    most: int


@dataclass(frozen=True)
class Before:
    """``convert`` the value as written before its type is read (it raises ``Invalid``);
    the schema offers ``accepts`` as what may be written, when it differs from the type."""

    convert: Callable[[Any], Any]
    accepts: Any = None


@dataclass(frozen=True)
class ByShape:
    """A union of a model and text read by the value's shape: text is the ``text`` branch (a name),
    anything else the ``mapping`` branch. The branch names appear only in pydantic's error locations."""

    mapping: str
    text: str


def examples(values: list[Any]) -> dict[str, Any]:
    """A field's metadata: the examples its JSON Schema shows."""
    return {"examples": values}
