"""Demo questionnaires: policy sent one to the wijkteam Vlietdam and keeps a second as a
draft, so the answer link and the send page have a row. Called by the demo loader;
idempotent (a region with questionnaires is left as it is)."""

import datetime

from django.db import transaction
from django.utils import timezone

from ketenkaart.questionnaires import services
from ketenkaart.questionnaires.models import Audience, Questionnaire

CLOSED = ["Weet u wie u in de wijk kunt bellen?", "Raakt u sneller in gesprek met ouders?"]
OPEN = "Wat zou het samenwerken in de wijk makkelijker maken?"


@transaction.atomic
def seed(demo) -> int:
    if Questionnaire.objects.filter(region=demo.region).exists():
        return 0
    by = demo.professionals["beleid"]
    closes_on = timezone.localdate() + datetime.timedelta(days=30)
    for title, send in (("Samenwerking in de wijk", True), ("Samenwerking met school", False)):
        questionnaire = services.questionnaire_create(
            by=by,
            title=title,
            audience=Audience.PROFESSIONALS,
            organisations=[demo.organisations["wijkteam"]],
            closed_questions=CLOSED,
            open_question=OPEN,
            closes_on=closes_on,
        )
        if send:
            services.questionnaire_send(by=by, questionnaire=questionnaire)
    return 2
