"""What a field of the content model accepts, written as plain data beside its type (``Annotated``).

The model (``flyer.content.model``) declares each rule once with these markers. Two readers apply
them: ``flyer.content.reader`` builds the model from valid content without importing pydantic, and
``flyer.content.reference`` turns them into pydantic's validators, which report every problem of
content that is not valid, and make the JSON Schema. Nothing here imports pydantic.
"""

from __future__ import annotations

from collections.abc import Callable
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
    "Predicate",
    "Range",
    "examples",
]


class Invalid(ValueError):
    """A broken rule: pydantic's error ``kind``, its message template and the template's values."""

    def __init__(self, kind: str, template: str, values: dict[str, Any] | None = None) -> None:
        super().__init__(kind, template, values)
        self.kind = kind
        self.template = template
        self.values = values or {}


# Plain classes with slots, not dataclasses: creating a dataclass compiles its methods, about half a
# millisecond of every start each, and a marker needs none of them.
class Check:
    """A rule on the validated value (after its type is read and its text stripped)."""

    __slots__ = ()

    def problem(self, value: Any) -> Invalid | None:
        """What is wrong with ``value``, or ``None``."""
        raise NotImplementedError


class NotBlank(Check):
    """Text with something else than spaces."""

    __slots__ = ()

    def problem(self, value: str) -> Invalid | None:
        return None if value.strip() else Invalid("blank", "must not be empty")


class Limit(Check):
    """Text of at most ``most`` characters; ``what`` names it in the message."""

    __slots__ = ("most", "what")

    def __init__(self, most: int, what: str) -> None:
        self.most = most
        self.what = what

    def problem(self, value: str) -> Invalid | None:
        if len(value) <= self.most:
            return None
        return Invalid(
            "too_long",
            "is {length} characters long; at most {limit} fit in {what}",
            {"length": len(value), "limit": self.most, "what": self.what},
        )


class Predicate(Check):
    """Any other rule: ``test`` returns what is wrong, or ``None``."""

    __slots__ = ("test",)

    def __init__(self, test: Callable[[Any], Invalid | None]) -> None:
        self.test = test

    def problem(self, value: Any) -> Invalid | None:
        return self.test(value)


class Pattern:
    """Text matching the regular expression ``regex`` (searched, as pydantic does: anchor it)."""

    __slots__ = ("regex",)

    def __init__(self, regex: str) -> None:
        self.regex = regex


class Length:
    """Text or a list of at least ``least`` and at most ``most`` characters or entries."""

    __slots__ = ("least", "most")

    def __init__(self, least: int | None = None, most: int | None = None) -> None:
        self.least = least
        self.most = most


class Range:
    """A finite number from ``least`` to ``most``."""

    __slots__ = ("least", "most")

    def __init__(self, least: int, most: int) -> None:
        self.least = least
        self.most = most


class Before:
    """``convert`` the value as written before its type is read (it raises ``Invalid``);
    the schema offers ``accepts`` as what may be written, when it differs from the type."""

    __slots__ = ("accepts", "convert")

    def __init__(self, convert: Callable[[Any], Any], accepts: Any = None) -> None:
        self.convert = convert
        self.accepts = accepts


class ByShape:
    """A union of a model and text read by the value's shape: text is the ``text`` branch (a name),
    anything else the ``mapping`` branch. The branch names appear only in pydantic's error locations."""

    __slots__ = ("mapping", "text")

    def __init__(self, mapping: str, text: str) -> None:
        self.mapping = mapping
        self.text = text


def examples(values: list[Any]) -> dict[str, Any]:
    """A field's metadata: the examples its JSON Schema shows."""
    return {"examples": values}
