"""The map's content: one schema, used by the web forms, the API and the services alike.

Content is stored as JSON with the API's camelCase keys, so a version reads the same
everywhere. `SECTIONS` names every section in the order the map shows them.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.validation import shared, validated
from ketenkaart.core.errors import DomainError

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

MAX_ITEMS = 30
MAX_SHORT = 200
MAX_TEXT = 2000
MAX_LONG = 5000

TEXT_MESSAGES: dict[str, "str | StrPromise"] = {
    "blank": _("Vul dit veld in."),
    "required": _("Vul dit veld in."),
    "invalid": _("Vul hier tekst in."),
    "max_length": _("Gebruik hoogstens {max_length} tekens."),
    "null": _("Vul hier tekst in."),
}
LIST_MESSAGES: dict[str, "str | StrPromise"] = {
    "max_length": _("Gebruik hoogstens {max_length} onderdelen."),
    "not_a_list": _("Geef een lijst."),
    "invalid": _("Geef een lijst."),
}
DATE_MESSAGES: dict[str, "str | StrPromise"] = {
    "invalid": _("Gebruik een datum als JJJJ-MM-DD."),
    "datetime": _("Gebruik een datum als JJJJ-MM-DD, zonder tijd."),
    "required": _("Vul een datum in."),
    "null": _("Vul een datum in."),
}


def text(max_length: int = MAX_TEXT, *, required: bool = True, **kwargs) -> serializers.CharField:
    return StrictCharField(
        max_length=max_length,
        required=required,
        allow_blank=not required,
        default="" if not required else serializers.empty,
        trim_whitespace=True,
        error_messages=TEXT_MESSAGES,
        **kwargs,
    )


def text_list(max_length: int = MAX_TEXT) -> serializers.ListField:
    return serializers.ListField(
        child=text(max_length),
        max_length=MAX_ITEMS,
        required=False,
        default=list,
        error_messages=LIST_MESSAGES,
    )


class Shape(serializers.Serializer):
    default_error_messages = {"invalid": _("Geef een object met de velden van dit onderdeel.")}


class WorrySerializer(Shape):
    whatHappened = text(help_text=_("Wat er gebeurde, concreet."))
    impact = text(help_text=_("Wat het met de kinderen deed."))


class StepSerializer(Shape):
    step = text(help_text=_("Wat er is geprobeerd."))
    result = text(required=False, help_text=_("Wat het opleverde, of waarom het niet werkte."))


class AgreementSerializer(Shape):
    who = text(MAX_SHORT, help_text=_("Wie het doet."))
    what = text(help_text=_("Wat er gebeurt."))
    monitoredBy = text(MAX_SHORT, required=False, help_text=_("Wie erop let."))
    until = serializers.DateField(
        required=False, allow_null=True, default=None, error_messages=DATE_MESSAGES
    )


# The network is kept here, in the map, and nowhere else: the network map (ecomap) of the
# buffers app reads and writes these same rows, so the two never drift apart. `kind` and
# `closeness` are optional so that every older version still validates.
NETWORK_KINDS = {
    "family": _("Familie"),
    "friend": _("Vriend of vriendin"),
    "neighbour": _("Buurt"),
    "volunteer": _("Vrijwilliger"),
    "professional": _("Professional"),
}
NETWORK_CLOSENESS = {
    "close": _("Dichtbij"),
    "middle": _("Tussenin"),
    "far": _("Verder weg"),
}


def choice(options: dict, help_text) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=list(options.items()),
        required=False,
        help_text=help_text,
        error_messages={"invalid_choice": _('"{input}" is geen geldige keuze.')},
    )


class NetworkSerializer(Shape):
    name = text(MAX_SHORT, help_text=_("Naam van wie helpt."))
    relation = text(MAX_SHORT, required=False, help_text=_("Bijvoorbeeld oma, buurvrouw."))
    helpsWith = text(required=False, help_text=_("Waarmee deze persoon helpt."))
    kind = choice(NETWORK_KINDS, _("familie, vriend, buurt, vrijwilliger of professional."))
    closeness = choice(NETWORK_CLOSENESS, _("Hoe dichtbij: close, middle of far."))


def items(serializer_class) -> serializers.ListSerializer:
    return serializer_class(
        many=True, max_length=MAX_ITEMS, required=False, default=list, error_messages=LIST_MESSAGES
    )


class ContentSerializer(Shape):
    familyWords = text(
        MAX_LONG, required=False, help_text=_("Het verhaal in de woorden van het gezin.")
    )
    worries = items(WorrySerializer)
    dangerStatement = text(
        MAX_LONG,
        required=False,
        help_text=_("Wat er met de kinderen gebeurt als er niets verandert."),
    )
    complicatingFactors = text_list()
    strengths = text_list()
    stepsTaken = items(StepSerializer)
    safetyGoals = text_list()
    agreements = items(AgreementSerializer)
    network = items(NetworkSerializer)
    safetyConditions = text_list()


EMPTY_CONTENT: dict = {
    "familyWords": "",
    "worries": [],
    "dangerStatement": "",
    "complicatingFactors": [],
    "strengths": [],
    "stepsTaken": [],
    "safetyGoals": [],
    "agreements": [],
    "network": [],
    "safetyConditions": [],
}


class ContentError(DomainError):
    """Content that does not fit the schema; `errors` as DRF gives them, keyed by field."""

    def __init__(self, errors):
        field, message = _first_error(errors)
        super().__init__(message, field=field)
        self.errors = errors


def _first_error(errors) -> tuple[str | None, str]:
    # The first message and the section it belongs to, for a form or a problem+json.
    if isinstance(errors, dict):
        for key, value in errors.items():
            return (None if key == "non_field_errors" else key), _first_error(value)[1]
    if isinstance(errors, list):
        for value in errors:
            if value:
                return None, _first_error(value)[1]
    return None, str(errors)


def validate_content(data) -> dict:
    """The content in its stored shape (dates as ISO text), or ContentError."""
    try:
        valid = validated(ContentSerializer, data)
    except serializers.ValidationError as error:
        raise ContentError(error.detail) from None
    return _plain(shared(ContentSerializer).to_representation(valid))


def _plain(value):
    # to_representation gives ReturnDict/OrderedDict; store plain JSON types.
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def normalised(content: dict | None) -> dict:
    """Stored content with every section present (older versions may lack a new section)."""
    return {**EMPTY_CONTENT, **(content or {})}


# -- sections ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    key: str  # the content key
    slug: str  # the Dutch URL part
    title: "str | StrPromise"
    kind: str  # "text", "list", "items" or "scores"
    help: "str | StrPromise" = ""
    fields: "tuple[tuple[str, str | StrPromise], ...]" = ()  # for "items": (key, label)

    @property
    def anchor(self) -> str:
        return f"onderdeel-{self.slug}"


SECTIONS: tuple[Section, ...] = (
    Section(
        "familyWords",
        "woorden-van-het-gezin",
        _("In de woorden van het gezin"),
        "text",
        _("Wat het gezin zelf zegt over wat er speelt en wat het wil. Schrijf hun woorden op."),
    ),
    Section(
        "worries",
        "zorgen",
        _("Zorgen"),
        "items",
        _("Wat er is gebeurd, en wat dat met de kinderen deed."),
        (("whatHappened", _("Wat er gebeurde")), ("impact", _("Gevolg voor de kinderen"))),
    ),
    Section(
        "dangerStatement",
        "gevaarsuitspraak",
        _("Gevaarsuitspraak"),
        "text",
        _("Wat er met de kinderen gebeurt als er niets verandert."),
    ),
    Section(
        "complicatingFactors",
        "complicerende-factoren",
        _("Wat het moeilijker maakt"),
        "list",
        _("Complicerende factoren. Eén per regel."),
    ),
    Section(
        "strengths",
        "wat-gaat-goed",
        _("Wat gaat goed"),
        "list",
        _("Ook momenten waarop het goed ging. Eén per regel."),
    ),
    Section(
        "stepsTaken",
        "stappen",
        _("Wat er al is geprobeerd"),
        "items",
        _("Genomen stappen, en wat wel en niet werkte."),
        (("step", _("Stap")), ("result", _("Wat het opleverde"))),
    ),
    Section(
        "safetyGoals",
        "veiligheidsdoelen",
        _("Veiligheidsdoelen"),
        "list",
        _("Eerst directe veiligheid, dan blijvende veiligheid. Eén per regel."),
    ),
    Section(
        "agreements",
        "afspraken",
        _("Afspraken"),
        "items",
        _("Wie doet wat, wie let erop, en tot wanneer."),
        (
            ("who", _("Wie")),
            ("what", _("Wat")),
            ("monitoredBy", _("Wie let erop")),
            ("until", _("Tot wanneer")),
        ),
    ),
    Section(
        "network",
        "netwerk",
        _("Netwerk van het gezin"),
        "items",
        _("De mensen om het gezin heen die helpen."),
        (("name", _("Naam")), ("relation", _("Relatie")), ("helpsWith", _("Helpt met"))),
    ),
    Section(
        "safetyConditions",
        "veiligheidsvoorwaarden",
        _("Veiligheidsvoorwaarden van Veilig Thuis"),
        "list",
        _("De ondergrens. Alleen Veilig Thuis stelt ze vast of wijzigt ze. Eén per regel."),
    ),
    Section(
        "scores",
        "veiligheidsschaal",
        _("Veiligheidsschaal"),
        "scores",
        _(
            "0 = zo onveilig dat de kinderen nu niet bij de ouders kunnen blijven; 10 = veilig "
            "genoeg om de hulp af te sluiten. Ieder geeft een eigen score met een reden; "
            "scores worden nooit gemiddeld."
        ),
    ),
)
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}
SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}
CONTENT_SECTIONS = tuple(s for s in SECTIONS if s.kind != "scores")
