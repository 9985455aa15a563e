"""Reminders: once, after REMIND_AFTER_DAYS, to whoever has not answered an open
questionnaire (professionals themselves; for parents their regisseur; Mijn gezin shows it
until it closes anyway). The worker runs it daily (job `questionnaires.remind`, in
ketenkaart.worker.jobs), also as `ketenkaart monitor remind`."""

import datetime

from django.db import transaction
from django.utils import timezone

from ketenkaart.questionnaires import services
from ketenkaart.questionnaires.models import Invitation, Status

REMIND_AFTER_DAYS = 7


@transaction.atomic
def remind(*, day: datetime.date | None = None) -> int:
    day = day or timezone.localdate()
    sent_before = timezone.now() - datetime.timedelta(days=REMIND_AFTER_DAYS)
    due = Invitation.objects.filter(
        answered=False,
        reminded_on__isnull=True,
        questionnaire__status=Status.OPEN,
        questionnaire__closes_on__gte=day,
        questionnaire__sent_at__lte=sent_before,
    ).select_related("questionnaire", "professional__user")
    count = 0
    for invitation in due:
        services._tell(invitation, reminder=True)
        count += 1
    Invitation.objects.filter(pk__in=[i.pk for i in due]).update(reminded_on=day)
    return count
