"""Attribute docstrings of the content model, read only when the JSON Schema is made.

pydantic's ``use_attribute_docstrings`` re-parses every model's source at import (~15 ms of each
cold build) for descriptions only the schema shows; ``describe`` adds them to the schema instead.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
from typing import Any

__all__ = ["attribute_docs", "describe"]


def attribute_docs(cls: type) -> dict[str, str]:
    """``name: type`` fields followed by a string literal in ``cls``'s body: name → its docstring."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError):
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs = {}
    for node, after in itertools.pairwise(body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[node.target.id] = inspect.cleandoc(after.value.value)
    return docs


def describe(schema: dict[str, Any], root: Any, models: list[tuple[Any, type]]) -> dict[str, Any]:
    """Give each model's properties in ``schema`` the description their docstring holds in the class
    it is made from (as pydantic would with ``use_attribute_docstrings``), where the field declares
    none itself. ``models``: (pydantic model, the class whose source holds the docstrings)."""
    definitions = schema.get("$defs", {})
    for model, documented in models:
        target = schema if model is root else definitions.get(model.__name__)
        if target is None:
            continue
        docs = attribute_docs(documented)
        for name, field in model.model_fields.items():
            key = field.alias or name
            if name in docs and field.description is None and key in target.get("properties", {}):
                # pydantic sorts a property's keys: the description takes the place it would have.
                described = {**target["properties"][key], "description": docs[name]}
                target["properties"][key] = dict(sorted(described.items()))
    return schema
