"""The content model: what a flyer's content is, as frozen dataclasses; YAML → a validated ``Flyer``.

Each field's rules sit in its type (``flyer.content.rules``) and are declared only here. Valid
content is read by ``flyer.content.reader`` without pydantic (importing it and building its
models was a third of a cold build); content the reader does not take as it is goes to
``flyer.content.reference``: pydantic models made from these classes, which report every problem
at once, located (file, line, column, key path), and make the JSON Schema.
"""

# No ``from __future__ import annotations``: the reader reads each field's type from the class.
import re
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Literal

from flyer.content.fields import (
    ContactUrl,
    EventDate,
    TrackingKey,
    TrackingValue,
    WebUrl,
    switch,
)
from flyer.content.reader import read
from flyer.content.rules import Before, ByShape, Invalid, Length, Limit, NotBlank, Pattern, Range, examples
from flyer.content.source import Source, excerpt, parse_yaml
from flyer.content.vocabulary import THEMES, Kind, Lang, ThemeName
from flyer.geometry import PaperSize

__all__ = [
    "MODELS",
    "THEMES",
    "Colour",
    "Event",
    "Flyer",
    "Fonts",
    "Item",
    "Organisation",
    "Page",
    "Print",
    "Section",
    "Theme",
    "json_schema",
    "load",
    "validate",
]


_HEX = re.compile(r"#?([0-9a-fA-F]{6})")
#: An ink percentage: a print shop's numbers are 0 to 100 (never NaN or 1e308).
_Percent = Annotated[float, Range(0, 100)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Colour:
    """A colour declared once: RGB for screens, CMYK for the print shop."""

    rgb: Annotated[str, Pattern(r"^#[0-9a-fA-F]{6}$")] = field(metadata=examples(["#1d3f6e"]))
    """Screen colour, ``#RRGGBB``."""
    cmyk: tuple[_Percent, _Percent, _Percent, _Percent] | None = field(
        default=None, metadata=examples([[95, 65, 15, 35]])
    )
    """Print colour in percent (C, M, Y, K); computed from ``rgb`` when left out. At most 300 % in all."""

    def broken(self) -> Invalid | None:
        """The rule across fields: the ink limit."""
        # ISO 12647-2 coated paper (FOGRA39) takes 300-330 % of ink; PDF/X preflights check 300 %.
        if self.cmyk is not None and (total := sum(self.cmyk)) > 300:
            return Invalid(
                "ink_limit",
                "C + M + Y + K is {total} %, over the 300 % of ink a print shop accepts",
                {"total": f"{total:g}"},
            )
        return None


def _colour(value: Any) -> Any:
    if isinstance(value, str):
        match = _HEX.fullmatch(value.strip())
        if not match:
            raise Invalid("colour", "'{value}' is not a colour like #1d3f6e", {"value": excerpt(value)})
        return {"rgb": "#" + match.group(1).lower()}
    return value


# Editors see both accepted forms: "#1d3f6e" or {rgb: …, cmyk: […]}.
ColourSpec = Annotated[
    Colour, Before(_colour, accepts=Annotated[str, Pattern(r"^#?[0-9a-fA-F]{6}$")] | Colour)
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One resource: a card with its label, title, description, address and QR code."""

    kind: Kind = field(default="site", metadata=examples(["fiche"]))
    """What it is; printed as a label in the flyer's language (« Fiche-repère », « Vidéo »)."""
    title: Annotated[str, NotBlank(), Limit(160, "a card title")] = field(
        metadata=examples(["Les dynamiques d'engagement des collectivités"])
    )
    """The resource's title; clickable in the screen PDF."""
    description: Annotated[str, Limit(320, "a card description")] = field(
        default="", metadata=examples(["L'étude IMPACT-Élus locaux en une page."])
    )
    """One or two sentences shown under the title."""
    url: WebUrl = field(metadata=examples(["https://www.lerameau.fr/le-programme-impact/"]))
    """Absolute http(s) address the QR code and the link point to."""
    qr: bool = field(default=True, metadata=examples([True]))
    """Print a QR code for this resource."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """A group of resources under one heading."""

    title: Annotated[str, NotBlank(), Limit(120, "a section title")] = field(
        metadata=examples(["Comprendre"])
    )
    """Section heading."""
    items: Annotated[list[Item], Length(1, 40)] = field(
        metadata=examples(
            [[{"kind": "site", "title": "Le site du programme", "url": "https://example.org/"}]]
        )
    )
    """The resources of this section (at least one)."""
    page: Annotated[int, Range(1, 2)] | None = field(default=None, metadata=examples([2]))
    """Start this section on page 1 (recto) or 2 (verso) instead of where the flow puts it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Organisation:
    """Who publishes the flyer."""

    name: Annotated[str, NotBlank(), Limit(120, "the organisation's name")] = field(
        metadata=examples(["Le RAMEAU"])
    )
    """Name, printed in the title band and the footer; the PDF's Author."""
    url: ContactUrl | None = field(default=None, metadata=examples(["https://www.lerameau.fr/"]))
    """Web site (or mailto:/tel:), clickable in the footer."""
    logo: str | None = field(default=None, metadata=examples(["assets/logo.svg"]))
    """Logo file (PNG, JPEG or SVG), relative to the content file's folder."""
    email: ContactUrl | None = field(default=None, metadata=examples(["mailto:contact@example.org"]))
    """Contact address, printed in the footer."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """The event where the flyer is handed out."""

    name: Annotated[str, NotBlank(), Limit(160, "the event's name")] = field(
        metadata=examples(["Salon des maires et des collectivités locales"])
    )
    """Event name, printed in the title band."""
    date: EventDate | None = field(default=None, metadata=examples(["2021-11-16"]))
    """First day, written 2021-11-16 (printed « 16 novembre 2021 »), or free text."""
    end_date: EventDate | None = field(default=None, metadata=examples(["2021-11-18"]))
    """Last day, for events over several days."""
    place: Annotated[str, Limit(160, "the place")] | None = field(
        default=None, metadata=examples(["Paris Expo Porte de Versailles"])
    )
    """Where it takes place."""
    stand: Annotated[str, Limit(120, "the stand")] | None = field(default=None, metadata=examples(["MIA"]))
    """Stand or booth where the flyer is handed out."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """Paper size and how far the content may flow."""

    size: PaperSize = field(default="A4", metadata=examples(["A4"]))
    """Trimmed paper size."""
    orientation: Literal["portrait", "landscape"] = field(default="portrait", metadata=examples(["portrait"]))
    """Page orientation."""
    max_pages: Annotated[int, Range(1, 2)] = field(default=2, metadata=examples([2]))
    """1 = recto only; 2 = the content may continue on the verso."""
    fold: Literal["none", "half", "trifold"] = field(default="none", metadata=examples(["trifold"]))
    """none; half (A4 folded to A5, 4 panels); trifold (dépliant 3 volets, A4 landscape, 6 panels)."""

    def broken(self) -> Invalid | None:
        """The rule across fields: folds are made from A4."""
        if self.fold != "none" and self.size != "A4":
            return Invalid(
                "fold_size",
                "a {fold} fold is made from an A4 sheet, not {size}",
                {"fold": self.fold, "size": self.size},
            )
        return None


_COLOUR_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def _colour_ref(value: Any) -> Any:
    if isinstance(value, str) and not _HEX.fullmatch(value.strip()) and _COLOUR_NAME.fullmatch(value.strip()):
        return value.strip()  # a name from theme.colours, resolved (and checked) by flyer/brandcolours.py
    return _colour(value)


# A colour, or the name of one declared in theme.colours. One branch per input (a name is text, a
# colour a mapping): an error names only what was meant.
ColourRef = Annotated[
    Colour | str,
    ByShape(mapping="<colour>", text="<colour name>"),
    Before(
        _colour_ref, accepts=Annotated[str, Pattern(r"^(#?[0-9a-fA-F]{6}|[A-Za-z][A-Za-z0-9_-]*)$")] | Colour
    ),
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Fonts:
    """Brand font files inside the project: TrueType or OpenType (TrueType or CFF outlines)."""

    regular: Annotated[str, Length(1)] = field(metadata=examples(["assets/fonts/Brand-Regular.otf"]))
    """Body text, descriptions, addresses."""
    bold: Annotated[str, Length(1)] = field(metadata=examples(["assets/fonts/Brand-Bold.otf"]))
    """Title, headings, card titles, labels."""
    semibold: Annotated[str, Length(1)] | None = field(
        default=None, metadata=examples(["assets/fonts/Brand-Semibold.otf"])
    )
    """Event line, addresses, footer names; the bold face when left out."""
    italic: Annotated[str, Length(1)] | None = field(
        default=None, metadata=examples(["assets/fonts/Brand-Italic.otf"])
    )
    """Offered to the HTML companion; the regular face when left out."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Theme:
    """Colours (and the brand's fonts), declared once: RGB on screen, CMYK in print."""

    name: ThemeName = field(default="civic", metadata=examples(["civic"]))
    """Built-in look: civic (deep blue, warm accent), garden (green, ochre) or gazette (ink and red, serif titles)."""
    colours: dict[Annotated[str, Pattern(r"^[A-Za-z][A-Za-z0-9_-]*$")], ColourSpec] = field(
        default_factory=dict,
        metadata=examples([{"bleu-marine": {"rgb": "#1d3f6e", "cmyk": [95, 70, 20, 25]}}]),
    )
    """The brand's named colours; primary, accent and text may name one of them."""
    primary: ColourRef | None = field(default=None, metadata=examples(["#1d3f6e"]))
    """Title band and section headings; overrides the look's own."""
    accent: ColourRef | None = field(default=None, metadata=examples(["#b4441c"]))
    """Kind labels and the call to action."""
    text: ColourRef | None = field(default=None, metadata=examples(["#262626"]))
    """Body text (dark grey by default)."""
    fonts: Fonts | None = field(
        default=None,
        metadata=examples(
            [{"regular": "assets/fonts/Brand-Regular.otf", "bold": "assets/fonts/Brand-Bold.otf"}]
        ),
    )
    """The brand's own font files (.ttf or .otf, inside the project), in place of the theme's."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Print:
    """The print shop's printing condition: the output intent of the PDF/X-4 print file."""

    profile: str | None = field(default=None, metadata=examples(["assets/PSOcoated_v3.icc"]))
    """The shop's CMYK output profile (ICC), relative to the content file's folder; default: the
    bundled ECI « ISO Coated v2 300 % » (FOGRA39)."""
    condition: Annotated[str, Limit(60, "the condition")] = field(
        default="FOGRA39", metadata=examples(["FOGRA51"])
    )
    """The printing condition's identifier (OutputConditionIdentifier), as the shop names it."""
    description: Annotated[str, Limit(200, "the description")] | None = field(
        default=None, metadata=examples(["PSO Coated v3, offset on premium coated paper"])
    )
    """A readable name of the condition (OutputCondition); defaults to the identifier."""

    def broken(self) -> Invalid | None:
        """The rule across fields: a condition other than FOGRA39 brings its profile."""
        if self.profile is None and self.condition != "FOGRA39":
            return Invalid(
                "print_profile",
                "the condition {condition} needs its ICC profile: the bundled one is for FOGRA39",
                {"condition": self.condition},
            )
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Flyer:
    """A flyer: a title band, an introduction, sections of resources and a footer."""

    #: The JSON Schema's title.
    TITLE: ClassVar[str] = "flyer content"

    title: Annotated[str, NotBlank(), Limit(140, "the title")] = field(
        metadata=examples(["Les outils de la co-construction territoriale"])
    )
    """The flyer's title; also the PDF's Title."""
    subtitle: Annotated[str, Limit(200, "the subtitle")] | None = field(
        default=None, metadata=examples(["Des repères et des parcours pour « jouer collectif »"])
    )
    """One line under the title."""
    lang: Lang = field(default="fr", metadata=examples(["fr"]))
    """Language of the text: drives typography, hyphenation and the flyer's own labels."""
    organisation: Organisation | None = field(
        default=None,
        metadata=examples(
            [{"name": "Le RAMEAU", "url": "https://www.lerameau.fr/", "logo": "assets/logo.svg"}]
        ),
    )
    """Who publishes the flyer."""
    event: Event | None = field(
        default=None,
        metadata=examples([{"name": "Salon des maires", "date": "2021-11-16", "place": "Paris"}]),
    )
    """Where and when it is handed out."""
    page: Page = field(
        default=Page(), metadata=examples([{"size": "A4", "orientation": "portrait", "max_pages": 2}])
    )
    """Paper size, orientation and number of pages."""
    theme: Theme = field(default=Theme(), metadata=examples([{"name": "civic", "primary": "#1d3f6e"}]))
    """Colours."""
    intro: Annotated[str, Limit(900, "the introduction")] | None = field(
        default=None, metadata=examples(["Ce flyer rassemble les outils pour passer à l'action."])
    )
    """One paragraph under the title band; the call to action follows it."""
    illustration: str | None = field(default=None, metadata=examples(["assets/illustration.jpg"]))
    """Picture (PNG, JPEG or SVG) shown beside the introduction, relative to the content file's folder."""
    call_to_action: Annotated[
        bool | Annotated[str, NotBlank(), Limit(120, "the call to action")], Before(switch)
    ] = field(
        default=True,
        metadata=examples(["Scannez un code ou cliquez sur un titre."]),
    )
    """The line after the introduction: ``true`` (the default) for « Scannez un code ou cliquez sur
    un titre. », your own wording, or ``false`` for none. Left out when the intro already ends with it."""
    print: Print = field(
        default=Print(), metadata=examples([{"profile": "assets/PSOcoated_v3.icc", "condition": "FOGRA51"}])
    )
    """Printing condition of the print file: the shop's ICC profile and its identifier (default FOGRA39)."""
    sections: Annotated[list[Section], Length(1, 12)] = field(
        metadata=examples(
            [[{"title": "Comprendre", "items": [{"title": "Le site", "url": "https://example.org/"}]}]]
        )
    )
    """Groups of resources (at least one)."""
    footer: Annotated[str, Limit(500, "the footer")] | None = field(
        default=None, metadata=examples(["Imprimé par nos soins. Ne pas jeter sur la voie publique."])
    )
    """Legal mentions: the printer (« Imprimé par nos soins »), « Ne pas jeter sur la voie publique »."""
    tracking: dict[TrackingKey, TrackingValue] = field(
        default_factory=dict,
        metadata=examples([{"utm_source": "salon-des-maires", "utm_campaign": "co-construction-2021"}]),
    )
    """Query parameters added to every link and QR code (not to printed addresses); ``utm_medium``
    defaults to ``qr`` on QR codes and ``pdf`` on screen links; an address's own parameters win."""


#: The model's classes, the root last.
MODELS: tuple[type, ...] = (Colour, Item, Section, Organisation, Event, Page, Fonts, Theme, Print, Flyer)


def validate(source: Source) -> Flyer:
    """Build the model from parsed YAML; raise ``ContentError`` with every problem."""
    if not source.problems:
        flyer = read(Flyer, source.data)
        if flyer is not None:
            return flyer
    # Not accepted as it is: pydantic says why (every problem, located), or reads what it coerces.
    from flyer.content.reference import check

    return check(source, Flyer, MODELS)


def load(raw: bytes | str, file: str = "content.yaml") -> Flyer:
    """Parse and validate content text (bytes are decoded as UTF-8, BOM allowed)."""
    return validate(parse_yaml(raw, file))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the content, for editors (yaml-language-server)."""
    from flyer.content.reference import schema

    return schema(Flyer, MODELS)
