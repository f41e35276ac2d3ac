"""The reference validator: pydantic models made from the content model's dataclasses.

Content the fast reader (``flyer.content.reader``) does not take as it is comes here: pydantic
validates it with the same rules, each marker of ``flyer.content.rules`` turned into pydantic's own
(a ``Limit`` into an after-validator raising its custom error, a ``Range`` into ``ge``/``le``...),
and ``flyer.content.messages`` locates every problem. What pydantic accepts (it coerces more than
the reader: ``yes``, ``1e2``) is copied into the dataclasses. The JSON Schema is made here too.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal, TypeVar, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    ValidationError,
    create_model,
    model_validator,
)
from pydantic import Tag as PydanticTag
from pydantic_core import PydanticCustomError, PydanticUndefined

from flyer.content.messages import ModelShape, located
from flyer.content.rules import Before, ByShape, Check, Invalid, Length, Pattern, Range
from flyer.content.source import Source, printable_problem
from flyer.errors import ContentError

__all__ = ["check", "pydantic_model", "pydantic_type", "schema", "to_plain"]

T = TypeVar("T")
_CONFIG = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def check(source: Source, root: type[T], models: Sequence[type]) -> T:
    """Validate with pydantic: an instance of the dataclass ``root``, or ``ContentError`` with every
    problem, located. ``models``: every class of the model (the model passes them: this module
    never imports it)."""
    problems = list(source.problems)
    model = pydantic_model(typing.cast(type, root))
    try:
        validated = model.model_validate(source.data)
    except ValidationError as exc:
        shape = ModelShape(model, _branches(models))
        problems += located(exc.errors(), source, shape, {p.path for p in problems})
        raise ContentError(
            sorted((printable_problem(p) for p in problems), key=lambda p: (p.line, p.column))
        ) from None
    if problems:
        raise ContentError(problems)
    return typing.cast(T, to_plain(validated))


def schema(root: type, models: Sequence[type]) -> dict[str, Any]:
    """The JSON Schema of the content, for editors (yaml-language-server)."""
    from flyer.content.fielddocs import describe

    made = describe(
        pydantic_model(root).model_json_schema(mode="validation"),
        pydantic_model(root),
        [(pydantic_model(m), m) for m in models],
    )
    made["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return made


@functools.cache
def pydantic_model(cls: type) -> type[BaseModel]:
    """The pydantic model of a dataclass of the content model (made once)."""
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        given: dict[str, Any] = {"examples": f.metadata["examples"]}
        if f.default is not dataclasses.MISSING:
            given["default"] = _pydantic_value(f.default)
        if f.default_factory is not dataclasses.MISSING:
            given["default_factory"] = f.default_factory
        fields[f.name] = (pydantic_type(f.type), Field(**given))
    validators: dict[str, Any] = {}
    rule: Callable[[Any], Invalid | None] | None = getattr(cls, "broken", None)
    if rule is not None:
        validators["broken"] = model_validator(mode="after")(_after_rule(rule))
    title = getattr(cls, "TITLE", None)
    made: type[BaseModel] = create_model(  # type: ignore[call-overload]
        cls.__name__,
        __config__=ConfigDict(**_CONFIG, title=title) if title else _CONFIG,
        __doc__=cls.__doc__,
        __module__=__name__,
        __validators__=validators,
        **fields,
    )
    _PLAIN[made] = cls
    return made


_PLAIN: dict[type[BaseModel], type] = {}


def _after_rule(rule: Callable[[Any], Invalid | None]) -> Callable[[Any], Any]:
    def broken(self: Any) -> Any:
        _raise(rule(self))
        return self

    return broken


def _raise(problem: Invalid | None) -> None:
    if problem is not None:
        raise PydanticCustomError(problem.kind, problem.template, problem.values)


def pydantic_type(annotation: Any) -> Any:
    """A dataclass type with its rules, as pydantic's: models for dataclasses, validators for marks."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Annotated:
        return _annotated(args[0], args[1:])
    if dataclasses.is_dataclass(annotation) and isinstance(annotation, type):
        return pydantic_model(annotation)
    if origin in (Union, types.UnionType):
        return functools.reduce(lambda a, b: a | b, [pydantic_type(a) for a in args])
    if origin in (list, tuple, dict):
        return origin[tuple(pydantic_type(a) for a in args)]
    if origin is Literal or isinstance(annotation, type):  # str, int, float, bool, date, None
        return annotation
    raise TypeError(f"no pydantic type for {annotation!r}")


def _annotated(base: Any, marks: tuple[Any, ...]) -> Any:
    made = pydantic_type(base)
    converted: list[Any] = []
    for mark in marks:
        if isinstance(mark, ByShape):
            made = _by_shape(made, mark)
            converted.append(Discriminator(_shape_of(mark)))
        elif isinstance(mark, Before):
            accepts = PydanticUndefined if mark.accepts is None else pydantic_type(mark.accepts)
            converted.append(BeforeValidator(_before(mark.convert), json_schema_input_type=accepts))
        elif isinstance(mark, Check):
            converted.append(AfterValidator(_after(mark)))
        elif isinstance(mark, Pattern):
            converted.append(Field(pattern=mark.regex))
        elif isinstance(mark, Length):
            converted.append(Field(min_length=mark.least, max_length=mark.most))
        elif isinstance(mark, Range) and base is float:
            converted.append(Field(ge=mark.least, le=mark.most, allow_inf_nan=False))
        elif isinstance(mark, Range):
            converted.append(Field(ge=mark.least, le=mark.most))
        else:
            raise TypeError(f"no pydantic rule for {mark!r}")
    return Annotated[(made, *converted)]  # type: ignore[valid-type]


def _by_shape(union: Any, mark: ByShape) -> Any:
    """Each branch of the union tagged: text is ``mark.text``, a model ``mark.mapping``."""
    tagged = [
        Annotated[member, PydanticTag(mark.text if member is str else mark.mapping)]  # type: ignore[valid-type]
        for member in typing.get_args(union)
    ]
    return functools.reduce(lambda a, b: a | b, tagged)


def _shape_of(mark: ByShape) -> Callable[[Any], str]:
    return lambda value: mark.text if isinstance(value, str) else mark.mapping


def _branches(models: Sequence[type]) -> frozenset[str]:
    """The tags ``ByShape`` gives union branches: in pydantic's error locations, never data keys."""
    tags: set[str] = set()

    def visit(annotation: Any) -> None:
        for arg in typing.get_args(annotation):
            if isinstance(arg, ByShape):
                tags.update((arg.mapping, arg.text))
            elif not isinstance(arg, str | int | float) and arg is not None:
                visit(arg)

    for cls in models:
        for f in dataclasses.fields(cls):
            visit(f.type)
    return frozenset(tags)


def _before(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def converted(value: Any) -> Any:
        try:
            return convert(value)
        except Invalid as problem:
            raise PydanticCustomError(problem.kind, problem.template, problem.values) from None

    return converted


def _after(mark: Check) -> Callable[[Any], Any]:
    def checked(value: Any) -> Any:
        _raise(mark.problem(value))
        return value

    return checked


def _pydantic_value(value: Any) -> Any:
    """A default of the dataclasses (a model instance) as the pydantic model's."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        model = pydantic_model(type(value))
        return model(**{f.name: _pydantic_value(getattr(value, f.name)) for f in dataclasses.fields(value)})
    return value


def to_plain(value: Any) -> Any:
    """What pydantic validated, as the dataclasses."""
    if isinstance(value, BaseModel):
        cls = _PLAIN[type(value)]
        return cls(**{name: to_plain(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(to_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value
