"""Demo guide for two districts and one consult: a worried teacher and the wijkteam's contact.
Called by the demo loader; idempotent (a district with entries is left alone). Only work
contact details, all synthetic."""

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
    return seeded
