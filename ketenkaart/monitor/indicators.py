"""The indicators: code, title, definition, norm and unit. The definition is what the page and
the API show beside every number, so a policy officer knows exactly what was counted.

Sources of the norms: Veilig Thuis Handelingsprotocol 2019 (veiligheidsbeoordeling within 5
working days; onderzoek within 10 weeks) and the VNG/VT-sector's own targets (90% and 80% of
cases within those terms, as used in the Veilig Thuis sector's Kwaliteitskader). National
comparisons from CBS Veilig Thuis statistics 2023.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Kind(StrEnum):
    COUNT = "count"  # value = base
    SHARE = "share"  # value = 100 * total / base
    MEAN = "mean"  # value = total / base
    SUM = "sum"  # value = total; base is the number of cases summed


class Unit(StrEnum):
    NUMBER = "aantal"
    PERCENT = "procent"
    DAYS = "dagen"
    PER_FAMILY = "per gezin"
    PER_100_FAMILIES = "per 100 gezinnen"
    EURO = "euro"


@dataclass(frozen=True)
class Indicator:
    code: str
    title: object
    definition: object
    kind: Kind
    unit: Unit
    theme: object
    norm: float | None = None
    # True: a count per series plus the total series ("").
    with_total: bool = False
    # False for a snapshot (the state at a period's end): a quarter is then not the sum of
    # its months, which secondary suppression (monitor.suppression) needs to know.
    additive_in_time: bool = True

    def value(self, base: int, total: float) -> float | None:
        if self.kind == Kind.COUNT:
            return float(base)
        if base == 0:
            return None
        if self.kind == Kind.SHARE:
            return round(100 * total / base, 1)
        if self.kind == Kind.MEAN:
            return round(total / base, 1)
        return round(total, 0)


VT = _("Veilig Thuis")
REGIE = _("Betrokkenen en regie")
CARE = _("Zorg en de Raad")
TABLE = _("Ventieltafel")
BUFFERS = _("Buffers en gemeenschap")
ASKED = _("Vragenlijsten")

REGISTRY: tuple[Indicator, ...] = (
    Indicator(
        "meldingen",
        _("Meldingen"),
        _("Het aantal meldingen dat Veilig Thuis in de periode ontving (datum van ontvangst)."),
        Kind.COUNT,
        Unit.NUMBER,
        VT,
    ),
    Indicator(
        "adviezen",
        _("Adviezen"),
        _(
            "Het aantal adviesvragen aan Veilig Thuis in de periode (datum van ontvangst). "
            "Adviezen hebben geen gemeente: alleen de regio telt ze."
        ),
        Kind.COUNT,
        Unit.NUMBER,
        VT,
    ),
    Indicator(
        "meldingen_melder",
        _("Meldingen naar soort melder"),
        _(
            "Meldingen in de periode naar wie meldde: politie (zorgmelding), een professional, "
            "Veilig Thuis op eigen titel of een burger."
        ),
        Kind.COUNT,
        Unit.NUMBER,
        VT,
        with_total=True,
    ),
    Indicator(
        "aandeel_politie",
        _("Aandeel meldingen van de politie"),
        _(
            "Het deel van de meldingen in de periode dat van de politie kwam. Landelijk komt "
            "ongeveer 70% van de meldingen van politie of justitie (CBS, 2023)."
        ),
        Kind.SHARE,
        Unit.PERCENT,
        VT,
    ),
    Indicator(
        "meldingen_radar",
        _("Eerste, herhaalde en lopende meldingen"),
        _(
            "Het deel van de meldingen in de periode dat een eerste melding was, een herhaalde "
            "melding over een bekend gezin, of een melding terwijl Veilig Thuis nog betrokken "
            "was. Landelijk 2023: 31,9% / 38,1% / 28,5% (CBS)."
        ),
        Kind.SHARE,
        Unit.PERCENT,
        VT,
    ),
    Indicator(
        "beoordeling_tijdig",
        _("Veiligheidsbeoordeling binnen 5 werkdagen"),
        _(
            "Het deel van de veiligheidsbeoordelingen in de periode dat binnen de termijn lag: "
            "5 werkdagen na ontvangst, bij acute onveiligheid dezelfde dag (datum van de "
            "beoordeling). Norm: 90%."
        ),
        Kind.SHARE,
        Unit.PERCENT,
        VT,
        norm=90.0,
    ),
    Indicator(
        "onderzoek_tijdig",
        _("Onderzoek afgerond binnen 10 weken"),
        _(
            "Het deel van de onderzoeken van Veilig Thuis dat in de periode werd afgerond en "
            "binnen 10 weken na de start klaar was (datum van afronding). Norm: 80%."
        ),
        Kind.SHARE,
        Unit.PERCENT,
        VT,
        norm=80.0,
    ),
    Indicator(
        "naar_onderzoek",
        _("Aandeel meldingen naar onderzoek"),
        _(
            "Het deel van de veiligheidsbeoordelingen in de periode met als besluit: onderzoek "
            "door Veilig Thuis (datum van de beoordeling)."
        ),
        Kind.SHARE,
        Unit.PERCENT,
        VT,
    ),
    Indicator(
        "tijd_tot_hulp",
        _("Dagen van melding tot eerste hulp"),
        _(
            "Gemiddeld aantal kalenderdagen van ontvangst van de melding tot het eerste "
            "moment van hulp: de overdracht aan het lokale team of een betrokken professional, "
            "of het eerste afgelegde gezamenlijke huisbezoek, wat eerst kwam. Geteld in de "
            "periode van dat eerste moment."
        ),
        Kind.MEAN,
        Unit.DAYS,
        VT,
    ),
    Indicator(
        "huisbezoeken",
        _("Gezamenlijke huisbezoeken"),
        _(
            "Het aantal afgelegde huisbezoeken van Veilig Thuis samen met de wijkcoach "
            "(Samen op pad), naar de geplande datum."
        ),
        Kind.COUNT,
        Unit.NUMBER,
        VT,
    ),
    Indicator(
        "professionals_per_gezin",
        _("Professionals per gezin"),
        _(
            "Gemiddeld aantal actieve betrokkenheden per gezin met ten minste één actieve "
            "betrokkenheid, op de laatste dag van de periode."
        ),
        Kind.MEAN,
        Unit.PER_FAMILY,
        REGIE,
        additive_in_time=False,
    ),
    Indicator(
        "veel_betrokken_geen_regie",
        _("Gezinnen met veel betrokkenen en niemand met regie"),
        _(
            "Het aantal gezinnen met ten minste zoveel actieve betrokkenen als de "
            "waarschuwingsdrempel van het dossier (standaard 3) en geen regisseur, op de "
            "laatste dag van de periode. De regisseur op een dag is wie de laatste overdracht "
            "van regie vóór die dag kreeg, zolang die nog betrokken is."
        ),
        Kind.COUNT,
        Unit.NUMBER,
        REGIE,
        additive_in_time=False,
    ),
    Indicator(
        "regiewisselingen",
        _("Regiewisselingen per 100 gezinnen"),
        _(
            "Het aantal overdrachten van regie van de ene regisseur naar de andere in de "
            "periode, per 100 gezinnen met een actieve betrokkenheid op de laatste dag van de "
            "periode. De eerste toewijzing van regie telt niet mee."
        ),
        Kind.SHARE,
        Unit.PER_100_FAMILIES,
        REGIE,
        additive_in_time=False,
    ),
    Indicator(
        "verwijzingen",
        _("Verwijzingen naar tweedelijnszorg"),
        _(
            "Het aantal verwijzingen naar tweedelijnszorg in de periode (datum van "
            "verwijzing), naar wie verwees: het wijkteam, de GI of de rechter."
        ),
        Kind.COUNT,
        Unit.NUMBER,
        CARE,
        with_total=True,
    ),
    Indicator(
        "raad_toets",
        _("De Raad: toets volstond"),
        _(
            "Van de toetsen die de Raad voor de Kinderbescherming in de periode afrondde: het "
            "deel waarvoor de toets volstond, zonder volledig raadsonderzoek (datum van de "
            "uitkomst)."
        ),
        Kind.SHARE,
        Unit.PERCENT,
        CARE,
    ),
    Indicator(
        "ventieltafel_aanvragen",
        _("Ventieltafel: aanvragen per domein"),
        _("Het aantal aanvragen aan de ventieltafel in de periode, naar domein."),
        Kind.COUNT,
        Unit.NUMBER,
        TABLE,
        with_total=True,
    ),
    Indicator(
        "ventieltafel_besluiten",
        _("Ventieltafel: besluiten"),
        _("Het aantal besluiten van de ventieltafel in de periode, naar uitkomst."),
        Kind.COUNT,
        Unit.NUMBER,
        TABLE,
        with_total=True,
    ),
    Indicator(
        "ventieltafel_besparing",
        _("Ventieltafel: geschatte besparing"),
        _(
            "De som van de geschatte besparingen (maatschappelijke kosten-batenanalyse: "
            "doormodderen min doorbraak) van de aanvragen die in de periode werden toegekend, "
            "in euro's."
        ),
        Kind.SUM,
        Unit.EURO,
        TABLE,
    ),
    Indicator(
        "beleidssignalen",
        _("Beleidssignalen"),
        _(
            "Het aantal beleidsvragen dat ontstond doordat uitzonderingen in één domein of op "
            "één regel vaker voorkwamen dan de drempel van de ventieltafel."
        ),
        Kind.COUNT,
        Unit.NUMBER,
        TABLE,
    ),
    Indicator(
        "buffers_vooruit",
        _("Ouders van wie de eigen kijk vooruitging"),
        _(
            "Van de ouders met ten minste twee eigen kijken (zoals de ouder het ziet) op "
            "dezelfde buffer of taak tot de laatste dag van de periode: het deel van wie de "
            "laatste kijk op ten minste één buffer beter is dan de eerste, en op geen enkele "
            "slechter (van 'kan steun gebruiken' via 'groeit' naar 'draagt')."
        ),
        Kind.SHARE,
        Unit.PERCENT,
        BUFFERS,
        additive_in_time=False,
    ),
    Indicator(
        "goede_momenten",
        _("Goede momenten per wijk"),
        _("Het aantal vastgelegde goede-ouderervaringen in de periode, naar wijk van het gezin."),
        Kind.COUNT,
        Unit.NUMBER,
        BUFFERS,
        with_total=True,
    ),
    Indicator(
        "consulten",
        _("Consulten per wijk"),
        _(
            "Het aantal laagdrempelige consulten van bezorgde professionals in de periode, "
            "naar wijk."
        ),
        Kind.COUNT,
        Unit.NUMBER,
        BUFFERS,
        with_total=True,
    ),
    Indicator(
        "vragenlijsten",
        _("Vragenlijsten: aandeel 'ja'"),
        _(
            "Per gesloten vraag van de vragenlijsten: het deel van de antwoorden in de periode "
            "dat 'ja' was. Antwoorden zijn anoniem; een vraag met minder antwoorden dan de "
            "drempel wordt niet getoond."
        ),
        Kind.SHARE,
        Unit.PERCENT,
        ASKED,
    ),
)

BY_CODE = {indicator.code: indicator for indicator in REGISTRY}
