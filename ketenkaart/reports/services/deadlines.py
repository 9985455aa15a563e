"""Deadlines of the veiligheidsbeoordeling and the nightly recompute."""

import datetime

from django.db import transaction
from django.utils import timezone

from ketenkaart.core import calendar
from ketenkaart.reports.models import (
    Report,
    ReportStatus,
)
from ketenkaart.reports.services.common import ASSESSMENT_WORKING_DAYS


def assessment_deadline(received_at: datetime.datetime, acute: bool) -> datetime.date:
    """At the latest 5 working days after receipt; an acute melding at once (the same day)."""
    received_on = timezone.localdate(received_at)
    if acute:
        return received_on
    return calendar.add_working_days(received_on, ASSESSMENT_WORKING_DAYS)


@transaction.atomic
def deadlines_recompute() -> dict[str, int]:
    """Stored deadlines of open work, computed again from the current working-day calendar.
    Acute meldingen keep "at once" (their day of receipt or of becoming acute)."""
    from ketenkaart.exemptions.models import ExemptionRequest, Status
    from ketenkaart.exemptions.services import deadline_for

    changed = {"meldingen": 0, "ventieltafelverzoeken": 0}
    reports = []
    for report in Report.objects.filter(status=ReportStatus.RECEIVED, acute=False).only(
        "id", "received_at", "acute", "assess_by"
    ):
        due = assessment_deadline(report.received_at, False)
        if due != report.assess_by:
            report.assess_by = due
            reports.append(report)
    Report.objects.bulk_update(reports, ["assess_by"], batch_size=1000)
    changed["meldingen"] = len(reports)
    requests = []
    for request in ExemptionRequest.objects.filter(status=Status.SUBMITTED).select_related("table"):
        due = deadline_for(request.table, request.urgency, timezone.localdate(request.asked_at))
        if due != request.deadline:
            request.deadline = due
            requests.append(request)
    ExemptionRequest.objects.bulk_update(requests, ["deadline"], batch_size=1000)
    changed["ventieltafelverzoeken"] = len(requests)
    return changed
