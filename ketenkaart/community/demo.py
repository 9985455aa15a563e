"""Demo guide for two districts and one consult: a worried teacher and the wijkteam's contact.
Called by the demo loader; idempotent (a district with entries is left alone). Only work
contact details, all synthetic."""

import datetime

from django.db import transaction

from ketenkaart.community import services
from ketenkaart.community.models import Consult, GuideEntry, Subject

# district -> [(account, subject, name, role, phone, where and when)]
GUIDE = {
    ("Vlietdam", "Centrum"): [
        (
            "jeugdprofessional",
            Subject.LOCAL_TEAM,
            None,
            "Contactpersoon wijkteam Centrum",
            "0201110001",
            "dinsdagochtend in de leraarskamer van De Vlietspreeuw",
        ),
        (
            "school",
            Subject.SCHOOL,
            "Intern begeleider",
            "Intern begeleider groep 1–8",
            "0201110002",
            "maandag t/m donderdag op school",
        ),
        (
            "demo-jgz",
            Subject.YOUTH_HEALTH,
            "JGZ-verpleegkundige",
            "Jeugdverpleegkundige 0–4",
            "0201110003",
            "consultatiebureau, woensdag inloop 9–11 uur",
        ),
        (
            "demo-kinderopvang",
            Subject.CHILDCARE,
            "Pedagogisch coach",
            "Coach VVE-groepen",
            "0201110004",
            "dagelijks op de opvang",
        ),
    ],
    ("Rietveen", "Dorp"): [
        (
            "wijkcoach",
            Subject.LOCAL_TEAM,
            None,
            "Contactpersoon sociaal team Dorp",
            "0201110005",
            "donderdag in het dorpshuis",
        ),
        (
            "demo-maatje",
            Subject.COMMUNITY_WORK,
            "Opbouwwerker",
            "Moedergroep en taalmaatjes",
            "0201110006",
            "donderdagmiddag moedergroep, met oppas",
        ),
    ],
}
QUESTION = (
    "Een leerling uit groep 5 komt sinds de herfstvakantie in zomerkleren naar school en heeft "
    "vaak honger. Ik wil niet meteen melden; hoe kijkt u ernaar?"
)


@transaction.atomic
def seed(demo) -> int:
    seeded = 0
    for key, rows in GUIDE.items():
        district = demo.districts[key]
        if GuideEntry.objects.filter(district=district).exists():
            continue
        for account, subject, name, role, phone, where in rows:
            professional = demo.professionals[account]
            entry = services.guide_entry_save(
                by=professional,
                district=district,
                subject=subject,
                contact_name=name or professional.display_name,
                role=role,
                phone=phone,
                where_and_when=where,
            )
            if subject == Subject.LOCAL_TEAM:
                GuideEntry.objects.filter(pk=entry.pk).update(professional=professional)
        seeded += 1
    centrum = demo.districts["Vlietdam", "Centrum"]
    if not Consult.objects.filter(district=centrum).exists():
        consult = services.consult_ask(
            by=demo.professionals["school"], district=centrum, question=QUESTION
        )
        services.consult_reply(
            by=consult.contact,
            consult=consult,
            text="Goed dat u het vraagt. Ik ben dinsdag op school; zullen we dan even praten?",
        )
    _seed_learning_community(demo)
    return seeded


def _seed_learning_community(demo) -> None:
    """The Centrum project group: wijkteam, school, JGZ and childcare, with one meeting whose
    case is discussed pseudonymised (the mother of twins around whom help was organised)."""
    from django.utils import timezone

    from ketenkaart.community import learning
    from ketenkaart.community.models import LearningCommunity

    centrum = demo.districts["Vlietdam", "Centrum"]
    if LearningCommunity.objects.filter(district=centrum).exists():
        return
    members = [
        demo.professionals[a]
        for a in ("jeugdprofessional", "school", "demo-jgz", "demo-kinderopvang")
    ]
    group = learning.learning_community_create(
        name="Leerwerkgemeenschap Centrum", district=centrum, members=members
    )
    learning.learning_session_record(
        by=members[0],
        community=group,
        held_on=timezone.localdate() - datetime.timedelta(days=20),
        theory="De buffers van ouderschap: wat een ouder draagt als het tegenzit.",
        notes="Volgende keer: hoe vraag je een ouder wat goed gaat?",
        attendees=members[:3],
        cases=[
            learning.CaseInput(
                pseudonym="Moeder van een tweeling",
                discussion=(
                    "Beginnen bij wat moeder zwaar valt, niet bij wat de kinderen tekortkomen: "
                    "'ik zie dat het niet goed met je gaat, hoe kan ik je helpen?'"
                ),
                organised=(
                    "De opvang gaat mee naar het consultatiebureau; de opbouwwerker nodigt "
                    "moeder uit voor de moedergroep."
                ),
            )
        ],
    )


@transaction.atomic
def seed_help_offer(demo) -> int:
    """A team member offers a sports club on the first agenda item of a family whose
    regisseur logs in (so the offer can be answered); idempotent: an offer in the region is
    left as it is."""
    from ketenkaart.community import offers
    from ketenkaart.community.models import HelpOffer, OfferKind
    from ketenkaart.demo.loader import LOGIN_USERNAMES
    from ketenkaart.households.models import Involvement
    from ketenkaart.safety_teams.models import AgendaItem

    if HelpOffer.objects.filter(household__region=demo.region).exists():
        return 0
    led = Involvement.objects.filter(
        is_lead=True, ended_on__isnull=True, professional__user__username__in=LOGIN_USERNAMES
    ).values("household_id")
    item = (
        AgendaItem.objects.filter(household__region=demo.region, household_id__in=led)
        .order_by("meeting__starts_at", "question", "pk")
        .first()
    )
    if item is None:
        return 0
    helper = item.meeting.participants.order_by("user__username").first()
    if helper is None:
        return 0
    offers.help_offer_make(
        by=helper,
        item=item,
        kind=OfferKind.SPORT,
        description="De sportclub in de wijk heeft plek voor de kinderen, op woensdagmiddag.",
    )
    return 1
