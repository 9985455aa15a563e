"""Demo maps: each demo household gets a safety map with versions over months, so "the whole
film" shows. Called by the demo loader (`seed`); idempotent: a household that
has a map already is left alone.

Versions go through the service (audit rows included), then their dates are moved back into
the past; that is the only place where stored versions are changed, and only for the demo.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from ketenkaart.households.models import Household, Involvement, MemberRole
from ketenkaart.organisations.models import OrganisationType
from ketenkaart.safety_maps import services
from ketenkaart.safety_maps.content import EMPTY_CONTENT
from ketenkaart.safety_maps.models import SafetyMap, SafetyMapVersion, SafetyScore


def _story(parent: str, child: str) -> list[dict]:
    """The map as it grows, version by version (days ago, what changes, scores)."""
    words = (
        f"{parent}: 'We willen rust in huis. {child} moet weer gewoon naar school kunnen en "
        "niet bang zijn als het 's avonds laat wordt. We vragen zelf om hulp als het misgaat.'"
    )
    return [
        {
            "days_ago": 180,
            "sections": {
                "familyWords": words,
                "worries": [
                    {
                        "whatHappened": "Op 3 avonden in twee weken harde ruzie tussen de "
                        "ouders, waarbij met spullen is gegooid.",
                        "impact": f"{child} lag wakker, was moe op school en zei bang te zijn.",
                    }
                ],
                "dangerStatement": f"Als de ruzies doorgaan, raakt {child} lichamelijk gewond "
                "of raakt zo gespannen dat school en vriendschappen misgaan.",
                "complicatingFactors": ["Schulden en een dreigende huisuitzetting"],
            },
            "scores": {
                "parent": (4, "Het gaat niet goed, maar we willen het zelf oplossen."),
                "lead": (3, "Herhaalde ruzies; nog geen afspraken."),
            },
        },
        {
            "days_ago": 150,
            "sections": {
                "strengths": [
                    f"{parent} brengt {child} elke dag op tijd naar school.",
                    "Vorige maand belde de moeder zelf de buurvrouw toen het uit de hand liep.",
                ],
                "network": [
                    {"name": "Oma Ria", "relation": "grootmoeder", "helpsWith": "Opvang na school"},
                    {
                        "name": "Buurvrouw Saskia",
                        "relation": "buurvrouw",
                        "helpsWith": "Bellen bij ruzie",
                    },
                ],
            },
        },
        {
            "days_ago": 120,
            "vt": True,
            "sections": {
                "safetyConditions": [
                    f"Er wordt niet geschreeuwd of gegooid waar {child} bij is.",
                    "Bij ruzie gaat één ouder de deur uit, naar oma.",
                ],
            },
            "scores": {"vt": (3, "Voorwaarden net gesteld; nog niet getoetst.")},
        },
        {
            "days_ago": 90,
            "sections": {
                "safetyGoals": [
                    f"{child} slaapt elke nacht rustig door.",
                    "De ouders lossen onenigheid op zonder geweld.",
                ],
                "agreements": [
                    {
                        "who": "Vader",
                        "what": "Gaat naar oma als hij merkt dat hij boos wordt.",
                        "monitoredBy": "Oma Ria",
                        "until": None,
                    },
                    {
                        "who": "Moeder",
                        "what": "Belt de wijkcoach na elke ruzie.",
                        "monitoredBy": "Wijkcoach",
                        "until": None,
                    },
                ],
            },
            "scores": {
                "parent": (5, "Het is rustiger sinds oma helpt."),
                "lead": (4, "Afspraken gemaakt, nog te kort om te zeggen."),
            },
        },
        {"days_ago": 75, "agreed": "moeder en vader"},
        {
            "days_ago": 30,
            "sections": {
                "stepsTaken": [
                    {
                        "step": "Aanmelding schuldhulp",
                        "result": "Wachtlijst van 3 maanden; via de ventieltafel versneld.",
                    },
                    {"step": "Time-out afspraak", "result": "Twee keer gebruikt; werkte."},
                ],
            },
            "scores": {
                "parent": (7, "Geen ruzies meer waar de kinderen bij waren."),
                "lead": (6, "Afspraken worden nagekomen, oma is een vaste steun."),
                "vt": (6, "Voorwaarden nageleefd volgens het netwerk."),
            },
        },
    ]


def _seed(household: Household) -> int:
    involvements = list(
        Involvement.objects.filter(household=household, ended_on__isnull=True)
        .select_related("professional__user", "professional__organisation")
        .order_by("-is_lead", "started_on")
    )
    # Only who works with the family writes its map (a school or the police never does).
    involvements = [i for i in involvements if i.professional.works_with_families]
    if not involvements:
        return 0
    lead = involvements[0].professional
    vt = next(
        (
            i.professional
            for i in involvements
            if i.professional.organisation.type == OrganisationType.VEILIG_THUIS
        ),
        None,
    )
    members = list(household.members.select_related("person").order_by("role"))
    parent = next(
        (m.person for m in members if m.role in (MemberRole.PARENT, MemberRole.CARER)), None
    )
    child = next((m.person for m in members if m.role == MemberRole.CHILD), None)
    content = dict(EMPTY_CONTENT)
    now = timezone.now()
    dates = {}
    number = 0
    for step in _story(
        parent.given_names if parent else "De ouder", child.given_names if child else "het kind"
    ):
        if step.get("vt") and vt is None:
            continue
        author = vt if step.get("vt") else lead
        content = {**content, **step.get("sections", {})}
        scores = []
        for who, (score, reason) in step.get("scores", {}).items():
            if who == "parent" and parent is not None:
                scores.append(services.ScoreInput("member", parent.pk, score, reason))
            elif who == "lead":
                scores.append(services.ScoreInput("professional", lead.pk, score, reason))
            elif who == "vt" and vt is not None:
                scores.append(services.ScoreInput("professional", vt.pk, score, reason))
        version = services.safety_map_save(
            by=author,
            household=household,
            content=content,
            scores=scores,
            base_number=number,
            agreed_with=step.get("agreed", ""),
        )
        number = version.number
        dates[number] = now - datetime.timedelta(days=step["days_ago"])
    safety_map = SafetyMap.objects.get(household=household)
    for number, when in dates.items():
        SafetyMapVersion.objects.filter(map=safety_map, number=number).update(created_at=when)
        SafetyMapVersion.objects.filter(
            map=safety_map, number=number, agreed_with_family=True
        ).update(agreed_at=when)
        SafetyScore.objects.filter(map=safety_map, number=number).update(given_at=when)
    SafetyMap.objects.filter(pk=safety_map.pk).update(updated_at=dates[number])
    return number


@transaction.atomic
def seed(demo) -> int:
    """Give every demo household without a map one with several versions; returns how many."""
    households = Household.objects.filter(region=demo.region, safety_map__isnull=True)
    return sum(1 for household in households.order_by("created_at") if _seed(household))
