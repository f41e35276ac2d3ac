"""The closed word lists of the content, each written once: resource kinds and languages.

Everything that needs one of these lists (the model, the labels, the JSON Schema) imports it from here,
so a new kind or language is one edit here plus its words in ``flyer.text.labels``.
"""

from __future__ import annotations

import typing
from typing import Literal

__all__ = ["KINDS", "LANGS", "Kind", "Lang"]

Kind = Literal["fiche", "video", "dossier", "film", "parcours", "article", "site"]
KINDS: tuple[Kind, ...] = typing.get_args(Kind)

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = typing.get_args(Lang)
