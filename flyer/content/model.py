"""The content model: YAML text → a validated, frozen ``Flyer``; and its JSON Schema.

Every problem is collected and located (file, line, column, key path) before anything is raised.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    ValidationError,
    model_validator,
)
from pydantic import Tag as PydanticTag
from pydantic_core import PydanticCustomError

from flyer.content.fields import (
    ContactUrl,
    EventDate,
    TrackingKey,
    TrackingValue,
    WebUrl,
    limit,
    prose,
    switch,
)
from flyer.content.messages import ModelShape, excerpt, located
from flyer.content.source import Source, parse_yaml, printable_problem
from flyer.content.vocabulary import THEMES, Kind, Lang, ThemeName
from flyer.errors import ContentError
from flyer.geometry import PaperSize

__all__ = [
    "THEMES",
    "Colour",
    "Event",
    "Flyer",
    "Item",
    "Organisation",
    "Page",
    "Section",
    "Theme",
    "json_schema",
    "load",
    "validate",
]


_HEX = re.compile(r"#?([0-9a-fA-F]{6})")


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True
    )  # attribute docstrings: read by flyer.content.fielddocs for the schema only


#: An ink percentage: a print shop's numbers are 0 to 100 (never NaN or 1e308).
_Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]


class Colour(_Model):
    """A colour declared once: RGB for screens, CMYK for the print shop."""

    rgb: str = Field(pattern=r"^#[0-9a-fA-F]{6}$", examples=["#1d3f6e"])
    """Screen colour, ``#RRGGBB``."""
    cmyk: tuple[_Percent, _Percent, _Percent, _Percent] | None = Field(
        default=None, examples=[[95, 65, 15, 35]]
    )
    """Print colour in percent (C, M, Y, K); computed from ``rgb`` when left out. At most 300 % in all."""

    @model_validator(mode="after")
    def _ink_limit(self) -> Colour:
        # ISO 12647-2 coated paper (FOGRA39) takes 300-330 % of ink; PDF/X preflights check 300 %.
        if self.cmyk is not None and (total := sum(self.cmyk)) > 300:
            raise PydanticCustomError(
                "ink_limit",
                "C + M + Y + K is {total} %, over the 300 % of ink a print shop accepts",
                {"total": f"{total:g}"},
            )
        return self


def _colour(value: Any) -> Any:
    if isinstance(value, str):
        match = _HEX.fullmatch(value.strip())
        if not match:
            raise PydanticCustomError(
                "colour", "'{value}' is not a colour like #1d3f6e", {"value": excerpt(value)}
            )
        return {"rgb": "#" + match.group(1).lower()}
    return value


# Editors see both accepted forms: "#1d3f6e" or {rgb: …, cmyk: […]}.
ColourSpec = Annotated[
    Colour,
    BeforeValidator(
        _colour, json_schema_input_type=Annotated[str, Field(pattern=r"^#?[0-9a-fA-F]{6}$")] | Colour
    ),
]


class Item(_Model):
    """One resource: a card with its label, title, description, address and QR code."""

    kind: Kind = Field(default="site", examples=["fiche"])
    """What it is; printed as a label in the flyer's language (« Fiche-repère », « Vidéo »)."""
    title: prose(160, "a card title") = Field(examples=["Les dynamiques d'engagement des collectivités"])  # type: ignore[valid-type]
    """The resource's title; clickable in the screen PDF."""
    description: Annotated[str, limit(320, "a card description")] = Field(
        default="", examples=["L'étude IMPACT-Élus locaux en une page."]
    )
    """One or two sentences shown under the title."""
    url: WebUrl = Field(examples=["https://www.lerameau.fr/le-programme-impact/"])
    """Absolute http(s) address the QR code and the link point to."""
    qr: bool = Field(default=True, examples=[True])
    """Print a QR code for this resource."""


class Section(_Model):
    """A group of resources under one heading."""

    title: prose(120, "a section title") = Field(examples=["Comprendre"])  # type: ignore[valid-type]
    """Section heading."""
    items: list[Item] = Field(
        min_length=1,
        max_length=40,
        examples=[[{"kind": "site", "title": "Le site du programme", "url": "https://example.org/"}]],
    )
    """The resources of this section (at least one)."""
    page: int | None = Field(default=None, ge=1, le=2, examples=[2])
    """Start this section on page 1 (recto) or 2 (verso) instead of where the flow puts it."""


class Organisation(_Model):
    """Who publishes the flyer."""

    name: prose(120, "the organisation's name") = Field(examples=["Le RAMEAU"])  # type: ignore[valid-type]
    """Name, printed in the title band and the footer; the PDF's Author."""
    url: ContactUrl | None = Field(default=None, examples=["https://www.lerameau.fr/"])
    """Web site (or mailto:/tel:), clickable in the footer."""
    logo: str | None = Field(default=None, examples=["assets/logo.svg"])
    """Logo file (PNG, JPEG or SVG), relative to the content file's folder."""
    email: ContactUrl | None = Field(default=None, examples=["mailto:contact@example.org"])
    """Contact address, printed in the footer."""


class Event(_Model):
    """The event where the flyer is handed out."""

    name: prose(160, "the event's name") = Field(examples=["Salon des maires et des collectivités locales"])  # type: ignore[valid-type]
    """Event name, printed in the title band."""
    date: EventDate | None = Field(default=None, examples=["2021-11-16"])
    """First day, written 2021-11-16 (printed « 16 novembre 2021 »), or free text."""
    end_date: EventDate | None = Field(default=None, examples=["2021-11-18"])
    """Last day, for events over several days."""
    place: Annotated[str, limit(160, "the place")] | None = Field(
        default=None, examples=["Paris Expo Porte de Versailles"]
    )
    """Where it takes place."""
    stand: Annotated[str, limit(120, "the stand")] | None = Field(default=None, examples=["MIA"])
    """Stand or booth where the flyer is handed out."""


class Page(_Model):
    """Paper size and how far the content may flow."""

    size: PaperSize = Field(default="A4", examples=["A4"])
    """Trimmed paper size."""
    orientation: Literal["portrait", "landscape"] = Field(default="portrait", examples=["portrait"])
    """Page orientation."""
    max_pages: int = Field(default=2, ge=1, le=2, examples=[2])
    """1 = recto only; 2 = the content may continue on the verso."""
    fold: Literal["none", "half", "trifold"] = Field(default="none", examples=["trifold"])
    """none; half (A4 folded to A5, 4 panels); trifold (dépliant 3 volets, A4 landscape, 6 panels)."""

    @model_validator(mode="after")
    def _fold_on_a4(self) -> Page:
        if self.fold != "none" and self.size != "A4":
            raise PydanticCustomError(
                "fold_size",
                "a {fold} fold is made from an A4 sheet, not {size}",
                {"fold": self.fold, "size": self.size},
            )
        return self


_COLOUR_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def _colour_ref(value: Any) -> Any:
    if isinstance(value, str) and not _HEX.fullmatch(value.strip()) and _COLOUR_NAME.fullmatch(value.strip()):
        return value.strip()  # a name from theme.colours, resolved (and checked) by flyer/brandcolours.py
    return _colour(value)


# The branches of a colour reference, as pydantic names them in an error's location (never data keys).
_AS_COLOUR, _AS_NAME = "<colour>", "<colour name>"
# A colour, or the name of one declared in theme.colours.
ColourRef = Annotated[
    Annotated[Colour, PydanticTag(_AS_COLOUR)] | Annotated[str, PydanticTag(_AS_NAME)],
    # One branch per input (a name is text, a colour a mapping): an error names only what was meant.
    Discriminator(lambda value: _AS_NAME if isinstance(value, str) else _AS_COLOUR),
    BeforeValidator(
        _colour_ref,
        json_schema_input_type=Annotated[str, Field(pattern=r"^(#?[0-9a-fA-F]{6}|[A-Za-z][A-Za-z0-9_-]*)$")]
        | Colour,
    ),
]


class Fonts(_Model):
    """Brand font files inside the project: TrueType or OpenType (TrueType or CFF outlines)."""

    regular: Annotated[str, Field(min_length=1)] = Field(examples=["assets/fonts/Brand-Regular.otf"])
    """Body text, descriptions, addresses."""
    bold: Annotated[str, Field(min_length=1)] = Field(examples=["assets/fonts/Brand-Bold.otf"])
    """Title, headings, card titles, labels."""
    semibold: Annotated[str, Field(min_length=1)] | None = Field(
        default=None, examples=["assets/fonts/Brand-Semibold.otf"]
    )
    """Event line, addresses, footer names; the bold face when left out."""
    italic: Annotated[str, Field(min_length=1)] | None = Field(
        default=None, examples=["assets/fonts/Brand-Italic.otf"]
    )
    """Offered to the HTML companion; the regular face when left out."""


class Theme(_Model):
    """Colours (and the brand's fonts), declared once: RGB on screen, CMYK in print."""

    name: ThemeName = Field(default="civic", examples=["civic"])
    """Built-in look: civic (deep blue, warm accent), garden (green, ochre) or gazette (ink and red, serif titles)."""
    colours: dict[Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_-]*$")], ColourSpec] = Field(
        default_factory=dict, examples=[{"bleu-marine": {"rgb": "#1d3f6e", "cmyk": [95, 70, 20, 25]}}]
    )
    """The brand's named colours; primary, accent and text may name one of them."""
    primary: ColourRef | None = Field(default=None, examples=["#1d3f6e"])
    """Title band and section headings; overrides the look's own."""
    accent: ColourRef | None = Field(default=None, examples=["#b4441c"])
    """Kind labels and the call to action."""
    text: ColourRef | None = Field(default=None, examples=["#262626"])
    """Body text (dark grey by default)."""
    fonts: Fonts | None = Field(
        default=None,
        examples=[{"regular": "assets/fonts/Brand-Regular.otf", "bold": "assets/fonts/Brand-Bold.otf"}],
    )
    """The brand's own font files (.ttf or .otf, inside the project), in place of the theme's."""


class Print(_Model):
    """The print shop's printing condition: the output intent of the PDF/X-4 print file."""

    profile: str | None = Field(default=None, examples=["assets/PSOcoated_v3.icc"])
    """The shop's CMYK output profile (ICC), relative to the content file's folder; default: the
    bundled ECI « ISO Coated v2 300 % » (FOGRA39)."""
    condition: Annotated[str, limit(60, "the condition")] = Field(default="FOGRA39", examples=["FOGRA51"])
    """The printing condition's identifier (OutputConditionIdentifier), as the shop names it."""
    description: Annotated[str, limit(200, "the description")] | None = Field(
        default=None, examples=["PSO Coated v3, offset on premium coated paper"]
    )
    """A readable name of the condition (OutputCondition); defaults to the identifier."""

    @model_validator(mode="after")
    def _profile_for_condition(self) -> Print:
        if self.profile is None and self.condition != "FOGRA39":
            raise PydanticCustomError(
                "print_profile",
                "the condition {condition} needs its ICC profile: the bundled one is for FOGRA39",
                {"condition": self.condition},
            )
        return self


class Flyer(_Model):
    """A flyer: a title band, an introduction, sections of resources and a footer."""

    model_config = ConfigDict(title="flyer content")

    title: prose(140, "the title") = Field(examples=["Les outils de la co-construction territoriale"])  # type: ignore[valid-type]
    """The flyer's title; also the PDF's Title."""
    subtitle: Annotated[str, limit(200, "the subtitle")] | None = Field(
        default=None, examples=["Des repères et des parcours pour « jouer collectif »"]
    )
    """One line under the title."""
    lang: Lang = Field(default="fr", examples=["fr"])
    """Language of the text: drives typography, hyphenation and the flyer's own labels."""
    organisation: Organisation | None = Field(
        default=None,
        examples=[{"name": "Le RAMEAU", "url": "https://www.lerameau.fr/", "logo": "assets/logo.svg"}],
    )
    """Who publishes the flyer."""
    event: Event | None = Field(
        default=None, examples=[{"name": "Salon des maires", "date": "2021-11-16", "place": "Paris"}]
    )
    """Where and when it is handed out."""
    page: Page = Field(default=Page(), examples=[{"size": "A4", "orientation": "portrait", "max_pages": 2}])
    """Paper size, orientation and number of pages."""
    theme: Theme = Field(default=Theme(), examples=[{"name": "civic", "primary": "#1d3f6e"}])
    """Colours."""
    intro: Annotated[str, limit(900, "the introduction")] | None = Field(
        default=None, examples=["Ce flyer rassemble les outils pour passer à l'action."]
    )
    """One paragraph under the title band; the call to action follows it."""
    illustration: str | None = Field(default=None, examples=["assets/illustration.jpg"])
    """Picture (PNG, JPEG or SVG) shown beside the introduction, relative to the content file's folder."""
    call_to_action: Annotated[bool | prose(120, "the call to action"), BeforeValidator(switch)] = (  # type: ignore[valid-type]
        Field(default=True, examples=["Scannez un code ou cliquez sur un titre."])
    )
    """The line after the introduction: ``true`` (the default) for « Scannez un code ou cliquez sur
    un titre. », your own wording, or ``false`` for none. Left out when the intro already ends with it."""
    print: Print = Field(
        default=Print(), examples=[{"profile": "assets/PSOcoated_v3.icc", "condition": "FOGRA51"}]
    )
    """Printing condition of the print file: the shop's ICC profile and its identifier (default FOGRA39)."""
    sections: list[Section] = Field(
        min_length=1,
        max_length=12,
        examples=[[{"title": "Comprendre", "items": [{"title": "Le site", "url": "https://example.org/"}]}]],
    )
    """Groups of resources (at least one)."""
    footer: Annotated[str, limit(500, "the footer")] | None = Field(
        default=None, examples=["Imprimé par nos soins. Ne pas jeter sur la voie publique."]
    )
    """Legal mentions: the printer (« Imprimé par nos soins »), « Ne pas jeter sur la voie publique »."""
    tracking: dict[TrackingKey, TrackingValue] = Field(
        default_factory=dict,
        examples=[
            {"utm_source": "salon-des-maires", "utm_campaign": "co-construction-2021"},
        ],
    )
    """Query parameters added to every link and QR code (not to printed addresses); ``utm_medium``
    defaults to ``qr`` on QR codes and ``pdf`` on screen links; an address's own parameters win."""


def validate(source: Source) -> Flyer:
    """Build the model from parsed YAML; raise ``ContentError`` with every problem."""
    problems = list(source.problems)
    try:
        flyer = Flyer.model_validate(source.data)
    except ValidationError as exc:
        shape = ModelShape(Flyer, frozenset((_AS_COLOUR, _AS_NAME)))
        problems += located(exc.errors(), source, shape, {p.path for p in problems})
        raise ContentError(
            sorted((printable_problem(p) for p in problems), key=lambda p: (p.line, p.column))
        ) from None
    if problems:
        raise ContentError(problems)
    return flyer


def load(raw: bytes | str, file: str = "content.yaml") -> Flyer:
    """Parse and validate content text (bytes are decoded as UTF-8, BOM allowed)."""
    return validate(parse_yaml(raw, file))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the content, for editors (yaml-language-server)."""
    from flyer.content.fielddocs import describe

    models = [
        m for m in globals().values() if isinstance(m, type) and issubclass(m, _Model) and m is not _Model
    ]
    schema = describe(Flyer.model_json_schema(mode="validation"), Flyer, models)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
