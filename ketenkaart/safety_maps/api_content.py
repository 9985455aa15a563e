"""The map's content at the API edge, in Dutch.

The content is stored with English keys (`familyWords`, `worries`, …): the web forms, the
exports, the buffers app's network map and every stored version read them. The API does not
migrate them; it maps them here, both ways, with one serializer whose Dutch fields name their
stored key as `source`. So what GET returns is what PUT takes, and validation errors name the
Dutch field (`inhoud.zorgen.0.watGebeurde`).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ketenkaart.api.serializers import MappedChoiceField
from ketenkaart.api.validation import shared
from ketenkaart.safety_maps import content as stored

# Stored key → API key, for the sections (and the scores) where a key is named in an answer:
# `gewijzigd` of a version and `onderdeel` of a difference.
SECTION_KEYS = {
    "familyWords": "woordenVanHetGezin",
    "worries": "zorgen",
    "dangerStatement": "gevaarsuitspraak",
    "complicatingFactors": "complicerendeFactoren",
    "strengths": "watGaatGoed",
    "stepsTaken": "genomenStappen",
    "safetyGoals": "veiligheidsdoelen",
    "agreements": "afspraken",
    "network": "netwerk",
    "safetyConditions": "veiligheidsvoorwaarden",
    "scores": "schalen",
}
NETWORK_KINDS = {
    "family": "familie",
    "friend": "vriend",
    "neighbour": "buurt",
    "volunteer": "vrijwilliger",
    "professional": "professional",
}
NETWORK_CLOSENESS = {"close": "dichtbij", "middle": "tussenin", "far": "verder_weg"}
NETWORK_KIND_VALUES = list(NETWORK_KINDS.values())
NETWORK_CLOSENESS_VALUES = list(NETWORK_CLOSENESS.values())


def section_key(key: str) -> str:
    return SECTION_KEYS.get(key, key)


def text(source: str, max_length: int = stored.MAX_TEXT, *, required: bool = True, **kwargs):
    return stored.text(max_length, required=required, source=source, **kwargs)


def text_list(source: str, help_text) -> serializers.ListField:
    return serializers.ListField(
        child=stored.text(stored.MAX_TEXT),
        max_length=stored.MAX_ITEMS,
        required=False,
        default=list,
        error_messages=stored.LIST_MESSAGES,
        source=source,
        help_text=help_text,
    )


def items(serializer_class, source: str, help_text) -> serializers.ListSerializer:
    return serializer_class(
        many=True,
        max_length=stored.MAX_ITEMS,
        required=False,
        default=list,
        error_messages=stored.LIST_MESSAGES,
        source=source,
        help_text=help_text,
    )


def choice(mapping: dict, source: str, help_text) -> MappedChoiceField:
    return MappedChoiceField(mapping, required=False, source=source, help_text=help_text)


class Zorg(stored.Shape):
    watGebeurde = text("whatHappened", help_text=_("Wat er gebeurde, concreet."))
    gevolg = text("impact", help_text=_("Wat het met de kinderen deed."))


class Stap(stored.Shape):
    stap = text("step", help_text=_("Wat er is geprobeerd."))
    resultaat = text(
        "result", required=False, help_text=_("Wat het opleverde, of waarom het niet werkte.")
    )


class Afspraak(stored.Shape):
    wie = text("who", stored.MAX_SHORT, help_text=_("Wie het doet."))
    wat = text("what", help_text=_("Wat er gebeurt."))
    wieLetErop = text("monitoredBy", stored.MAX_SHORT, required=False, help_text=_("Wie erop let."))
    totWanneer = serializers.DateField(
        source="until",
        required=False,
        allow_null=True,
        default=None,
        error_messages=stored.DATE_MESSAGES,
    )


class Netwerklid(stored.Shape):
    naam = text("name", stored.MAX_SHORT, help_text=_("Naam van wie helpt."))
    relatie = text(
        "relation", stored.MAX_SHORT, required=False, help_text=_("Bijvoorbeeld oma, buurvrouw.")
    )
    helptMet = text("helpsWith", required=False, help_text=_("Waarmee deze persoon helpt."))
    soort = choice(
        NETWORK_KINDS, "kind", _("familie, vriend, buurt, vrijwilliger of professional.")
    )
    nabijheid = choice(NETWORK_CLOSENESS, "closeness", _("dichtbij, tussenin of verder_weg."))


class Inhoud(stored.Shape):
    """The map's sections (Signs of Safety), with their Dutch API names."""

    class Meta:
        ref_name = "VeiligheidskaartInhoud"

    woordenVanHetGezin = text(
        "familyWords",
        stored.MAX_LONG,
        required=False,
        help_text=_("Het verhaal in de woorden van het gezin."),
    )
    zorgen = items(Zorg, "worries", _("Wat er is gebeurd, en wat dat met de kinderen deed."))
    gevaarsuitspraak = text(
        "dangerStatement",
        stored.MAX_LONG,
        required=False,
        help_text=_("Wat er met de kinderen gebeurt als er niets verandert."),
    )
    complicerendeFactoren = text_list("complicatingFactors", _("Wat het moeilijker maakt."))
    watGaatGoed = text_list("strengths", _("Wat gaat goed, ook momenten waarop het goed ging."))
    genomenStappen = items(Stap, "stepsTaken", _("Wat er al is geprobeerd, en wat het opleverde."))
    veiligheidsdoelen = text_list("safetyGoals", _("Eerst directe, dan blijvende veiligheid."))
    afspraken = items(Afspraak, "agreements", _("Wie doet wat, wie let erop, tot wanneer."))
    netwerk = items(Netwerklid, "network", _("De mensen om het gezin heen die helpen."))
    veiligheidsvoorwaarden = text_list(
        "safetyConditions", _("De ondergrens; alleen Veilig Thuis stelt ze vast of wijzigt ze.")
    )


def to_api(content: dict | None) -> dict:
    """Stored content (any version, older ones too) in its API shape."""
    return _plain(shared(Inhoud).to_representation(stored.normalised(content)))


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
