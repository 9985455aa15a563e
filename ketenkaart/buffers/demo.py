"""Demo buffers, good-parent moments and networks for three practice stories, with several
moments in time so the film shows. Called by the demo loader after the safety maps; idempotent:
a household with any buffer observation is left alone.

- the refugee mother of twins, around whom childcare, the community worker and JGZ organised
  help (story 5);
- the father with a drinking problem on a waiting list, with the mother's buffers strengthened
  (story 4);
- the family with debts whose pride in homework without a fight is the first good-parent moment
  (story 6); its last moment lies long enough ago that the regisseur sees the signal.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from ketenkaart.buffers import services
from ketenkaart.buffers.models import BufferObservation
from ketenkaart.demo.synthetic import synthetic_bsn
from ketenkaart.households.models import Household, Involvement, MemberRole

# (days ago, view, area, footing, words)
TWINS = {
    "observations": [
        (
            120,
            "parent",
            "solidary_community",
            "needs_support",
            "Ik ken hier niemand. Alles is nieuw en ik durf niet te vragen.",
        ),
        (
            120,
            "professional",
            "solidary_community",
            "needs_support",
            "Moeder staat er alleen voor; er is nog niemand om haar heen.",
        ),
        (120, "parent", "network", "needs_support", "Ik doe alles alleen, dag en nacht."),
        (
            60,
            "parent",
            "solidary_community",
            "growing",
            "De juf van de opvang ging mee naar het consultatiebureau.",
        ),
        (
            60,
            "professional",
            "solidary_community",
            "growing",
            "Kinderopvang, opbouwwerk en JGZ hebben samen een plan om haar heen gemaakt.",
        ),
        (60, "parent", "network", "growing", "Op donderdag ga ik naar de moedergroep."),
        (
            10,
            "parent",
            "network",
            "carries",
            "Ik heb twee vriendinnen in de moedergroep. Zij passen soms op.",
        ),
        (
            10,
            "professional",
            "network",
            "growing",
            "Er is een netwerk; de taakverdeling thuis ligt nog bij moeder alleen.",
        ),
        (10, "parent", "caring", "carries", "De tweeling heeft een ritme en ik ook."),
    ],
    "moments": [
        (
            55,
            "Ik ben zelf naar het consultatiebureau gegaan en heb mijn vragen gesteld.",
            True,
            "moeder zelf",
        ),
        (
            12,
            "De tweeling sliep de hele nacht en moeder vertelde het trots aan de groep.",
            False,
            "opbouwwerker",
        ),
    ],
    "network": [
        (
            "Pedagogisch medewerker opvang",
            "kinderopvang",
            "gaat mee naar afspraken",
            "professional",
            "close",
        ),
        (
            "Moedergroep van het opbouwwerk",
            "opbouwwerk",
            "elke donderdag, met oppas",
            "volunteer",
            "middle",
        ),
        (
            "JGZ-verpleegkundige",
            "consultatiebureau",
            "groei en slaap van de tweeling",
            "professional",
            "middle",
        ),
    ],
}
WAITING_FATHER = {
    "parent_female": True,
    "observations": [
        (
            90,
            "parent",
            "meta_position",
            "needs_support",
            "Ik ben alleen maar bezig met hem en zijn drinken; de kinderen zie ik niet meer.",
        ),
        (
            90,
            "professional",
            "meta_position",
            "needs_support",
            "Moeder staat midden in de zorg om vader; er is weinig ruimte om afstand te nemen.",
        ),
        (90, "parent", "network", "needs_support", "Ik schaam me; niemand weet het."),
        (
            45,
            "parent",
            "network",
            "growing",
            "Ik heb het mijn zus verteld. Zij neemt de jongste mee op woensdag.",
        ),
        (
            45,
            "professional",
            "network",
            "growing",
            "Zus van moeder helpt; de taken thuis zijn opnieuw verdeeld.",
        ),
        (
            45,
            "parent",
            "meta_position",
            "growing",
            "Ik merk dat de oudste stil wordt als vader gedronken heeft.",
        ),
        (
            7,
            "parent",
            "meta_position",
            "carries",
            "Ik weet nu wat ik doe als hij drinkt: dan gaan wij naar mijn zus.",
        ),
        (
            7,
            "professional",
            "meta_position",
            "growing",
            "Moeder ziet wat de kinderen nodig hebben en heeft een plan; vader wacht nog op behandeling.",
        ),
        (
            7,
            "parent",
            "good_parent_experiences",
            "growing",
            "De kinderen vertellen me weer wat er op school gebeurt.",
        ),
    ],
    "moments": [
        (
            40,
            "De oudste vroeg zelf om samen te praten, en dat ging goed.",
            False,
            "mentor van school",
        ),
        (
            6,
            "Ik heb de kinderen rustig uitgelegd waarom papa op een wachtlijst staat.",
            True,
            "moeder zelf",
        ),
    ],
    "network": [
        (
            "Zus van moeder",
            "tante",
            "neemt de jongste mee op woensdag; opvang als vader drinkt",
            "family",
            "close",
        ),
    ],
}
DEBTS = {
    "observations": [
        (
            100,
            "parent",
            "good_parent_experiences",
            "needs_support",
            "Alles gaat over de schulden. Ik heb het gevoel dat ik niets goed doe.",
        ),
        (
            100,
            "professional",
            "good_parent_experiences",
            "needs_support",
            "De zorgen over geld nemen alle ruimte; wat goed gaat, valt weg.",
        ),
        (
            75,
            "parent",
            "good_parent_experiences",
            "growing",
            "We hebben huiswerk gemaakt zonder ruzie. Daar ben ik trots op.",
        ),
        (
            75,
            "professional",
            "good_parent_experiences",
            "growing",
            "Moeder kon zelf benoemen wat goed ging; daar bouwen we op.",
        ),
        (
            75,
            "parent",
            "demands",
            "growing",
            "Ik vraag elke dag of het huiswerk af is, en dat lukt.",
        ),
        (
            50,
            "parent",
            "network",
            "growing",
            "Mijn vriend neemt de post open met de schuldhulpverlener.",
        ),
        (
            50,
            "professional",
            "network",
            "growing",
            "De taken rond geld zijn verdeeld; moeder houdt ruimte voor de kinderen.",
        ),
    ],
    "moments": [
        (75, "We hebben huiswerk gemaakt zonder ruzie. Daar ben ik trots op.", True, "moeder zelf"),
        (
            52,
            "De jongste was op tijd klaar voor het leerlingenvervoer, een week lang.",
            False,
            "intern begeleider",
        ),
    ],
    "network": [],
}
STORIES = ((5, TWINS), (4, WAITING_FATHER), (6, DEBTS))


def _household(seed: int, region) -> Household | None:
    return Household.objects.filter(
        region=region, members__person__bsn=synthetic_bsn(seed * 100)
    ).first()


def _seed(household: Household, story: dict) -> bool:
    if BufferObservation.objects.filter(household=household).exists():
        return False
    lead = (
        Involvement.objects.filter(household=household, is_lead=True, ended_on__isnull=True)
        .select_related("professional__user")
        .first()
    )
    parents = [
        m.person
        for m in household.members.select_related("person").filter(
            role__in=(MemberRole.PARENT, MemberRole.CARER)
        )
    ]
    if lead is None or not parents:
        return False
    parent = parents[0]
    if story.get("parent_female"):
        # The mother is the second parent in that story; her given names tell her apart.
        parent = parents[-1]
    today = timezone.localdate()
    for days_ago, view, area, footing, words in story["observations"]:
        services.buffer_observation_record(
            by=lead.professional,
            household=household,
            parent_id=parent.pk,
            view=view,
            area=area,
            footing=footing,
            words=words,
            observed_on=today - datetime.timedelta(days=days_ago),
        )
    for days_ago, what, own_words, noticed_by in story["moments"]:
        services.good_moment_record(
            by=lead.professional,
            household=household,
            what=what,
            noticed_by=noticed_by,
            occurred_on=today - datetime.timedelta(days=days_ago),
            parent_id=parent.pk,
            in_parents_words=own_words,
        )
    for name, relation, helps_with, kind, closeness in story["network"]:
        services.network_person_add(
            by=lead.professional,
            household=household,
            name=name,
            relation=relation,
            helps_with=helps_with,
            kind=kind,
            closeness=closeness,
        )
    return True


@transaction.atomic
def seed(demo) -> int:
    """Buffers, moments and network for the three stories; returns how many were seeded."""
    seeded = 0
    for number, story in STORIES:
        household = _household(number, demo.region)
        if household is not None and _seed(household, story):
            seeded += 1
    return seeded
