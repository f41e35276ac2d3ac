"""The closed word lists of the content, each written once: resource kinds, languages, built-in looks.

Everything that needs one of these lists (the model, the labels, the JSON Schema) imports it from here,
so a new kind or language is one edit here plus its words in ``flyer.text.labels``; a new look is one
edit here plus its colours in ``flyer.content.theme`` (checked when that module loads). Paper sizes
live with their millimetres in ``flyer.geometry``.
"""

from __future__ import annotations

import typing
from typing import Literal

__all__ = ["KINDS", "LANGS", "THEMES", "Kind", "Lang", "ThemeName"]

Kind = Literal["fiche", "video", "dossier", "film", "parcours", "article", "site"]
KINDS: tuple[Kind, ...] = typing.get_args(Kind)

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = typing.get_args(Lang)

ThemeName = Literal["civic", "garden", "gazette"]
THEMES: tuple[ThemeName, ...] = typing.get_args(ThemeName)
