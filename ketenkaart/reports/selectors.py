"""Reads of M3, always given the acting user: every list starts from the gate's visible_*.
Lists cost a fixed number of queries, whatever the number of meldingen."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.access import gate
from ketenkaart.core import calendar
from ketenkaart.core.labels import labels
from ketenkaart.core.links import link
from ketenkaart.households.models import Involvement
from ketenkaart.notifications import selectors as inbox
from ketenkaart.notifications.models import Kind, Notification
from ketenkaart.reports.models import (
    AdviceRequest,
    Investigation,
    JointVisit,
    MeldcodeTrail,
    RadarClass,
    Report,
    ReporterFeedback,
    ReportSource,
    ReportStatus,
    SafetyAssessment,
)


def assessment_queue(user) -> QuerySet[Report]:
    """The region's meldingen awaiting a veiligheidsbeoordeling, the most urgent first."""
    return (
        gate.visible_reports(user)
        .filter(status=ReportStatus.RECEIVED)
        .select_related("household")
        .order_by("assess_by", "-acute", "received_at", "pk")
    )


QUEUE_SORTS = {
    "termijn": ("assess_by", "-acute", "received_at", "pk"),
    "ontvangen": ("-received_at", "pk"),
}
URGENCY = {"acuut"}


def filter_queue(
    reports: QuerySet[Report], *, query: str = "", source: str = "", urgency: str = "", sort=""
) -> QuerySet[Report]:
    """Narrow the queue by family name, source and urgency; the deadline first by default."""
    if query:
        reports = reports.filter(household__name__icontains=query)
    if source:
        reports = reports.filter(source=source)
    if urgency == "acuut":
        reports = reports.filter(acute=True)
    return reports.order_by(*QUEUE_SORTS.get(sort, QUEUE_SORTS["termijn"]))


def queue_rows(reports, *, day: datetime.date) -> list[Report]:
    """Attach what a row of the queue shows: `overdue`, `due_today`, `due_soon`,
    `working_days_left`, the `source_label` and `radar_label`, its `title_text`, its
    `detail_url` and its two dates as text, as the template's |date:"d-m-Y" and "d-m-Y H:i"
    write them (no queries). Fifty rows at national scale:
    Django's get_FOO_display builds a dict of every choice, each translated, on every call,
    its date filter costs 30 µs where strftime costs one, `{% url %}` 10–20 µs where
    core.links costs one, and a blocktranslate per row is a gettext per row."""
    reports = list(reports)
    next_working_day = calendar.add_working_days(day, 1)
    about, unknown = _("Melding over %(name)s"), _("Melding, gezin nog niet bekend")
    # The choices' labels are lazy: translated once here, not at every row's {{ }}.
    sources, radar = labels(ReportSource), labels(RadarClass)
    # Most meldingen share a handful of deadlines: count the working days once per date.
    days_left: dict[datetime.date, int] = {}
    for report in reports:
        report.title_text = about % {"name": report.household.name} if report.household else unknown
        report.detail_url = link("reports:detail", "report_id", report.pk)
        report.source_label = sources.get(report.source, report.source)
        report.radar_label = radar.get(report.radar, report.radar)
        report.assess_by_text = report.assess_by.strftime("%d-%m-%Y")
        report.received_text = timezone.localtime(report.received_at).strftime("%d-%m-%Y %H:%M")
        report.overdue = report.assess_by < day
        report.due_today = report.assess_by == day
        report.due_soon = day < report.assess_by <= next_working_day
        if report.assess_by not in days_left:
            days_left[report.assess_by] = calendar.working_days_between(day, report.assess_by)
        report.working_days_left = days_left[report.assess_by]
    return reports


def feedback_due(user) -> QuerySet[ReporterFeedback]:
    """Feedback Veilig Thuis still owes reporters: a task until given."""
    return feedback_due_on(gate.visible_reports(user))


def feedback_due_on(reports: QuerySet[Report]) -> QuerySet[ReporterFeedback]:
    """feedback_due on the meldingen the gate gave (the VT page's prepared lists, queue.py)."""
    return (
        ReporterFeedback.objects.filter(report__in=reports, given_at__isnull=True)
        .select_related("report")
        .order_by("due_on", "pk")
    )


def open_investigations(user) -> QuerySet[Investigation]:
    return open_investigations_on(gate.visible_reports(user))


def open_investigations_on(reports: QuerySet[Report]) -> QuerySet[Investigation]:
    return (
        Investigation.objects.filter(report__in=reports, completed_at__isnull=True)
        .select_related("report__household")
        .order_by("due_on", "pk")
    )


def my_reports(user) -> QuerySet[Report]:
    """A reporter's own meldingen with their status (never the dossier)."""
    return gate.visible_reports(user).order_by("-received_at", "pk")


def feedback_given(reports) -> dict:
    """Given feedback per report id, for a reporter's list (one query)."""
    rows = ReporterFeedback.objects.filter(report__in=reports, given_at__isnull=False).order_by(
        "given_at"
    )
    found: dict = {}
    for row in rows:
        found.setdefault(row.report_id, []).append(row)
    return found


def advice_list(user) -> QuerySet[AdviceRequest]:
    return ordered_advice(gate.visible_advice(user))


def ordered_advice(advice: QuerySet[AdviceRequest]) -> QuerySet[AdviceRequest]:
    return advice.order_by("answered_at", "-received_at", "pk")


def trails(user) -> QuerySet[MeldcodeTrail]:
    return gate.visible_trails(user).order_by("-updated_at", "pk")


def joint_visits(user) -> QuerySet[JointVisit]:
    return listed_visits(gate.visible_joint_visits(user))


def listed_visits(visits: QuerySet[JointVisit]) -> QuerySet[JointVisit]:
    return visits.select_related("household", "vt_professional__user", "partner__user").order_by(
        "status", "planned_for"
    )


@dataclass
class RadarView:
    earlier: list[Report]
    involvements: list[Involvement]


def radar_view(report: Report) -> RadarView:
    """For Veilig Thuis: earlier meldingen about the family and who is involved now."""
    if report.household_id is None:
        return RadarView([], [])
    earlier = list(
        Report.objects.filter(household_id=report.household_id)
        .exclude(pk=report.pk)
        .order_by("-received_at")[:20]
    )
    involvements = list(
        Involvement.objects.filter(household_id=report.household_id, ended_on__isnull=True)
        .select_related("professional__user", "organisation")
        .order_by("-is_lead", "organisation__name")
    )
    return RadarView(earlier, involvements)


@dataclass
class ReportDetail:
    report: Report
    persons: list
    forms: list
    assessment: object | None
    investigation: object | None
    feedback: list
    visits: list


def report_detail(report: Report) -> ReportDetail:
    return ReportDetail(
        report=report,
        persons=list(report.persons.select_related("person").order_by("role", "surname")),
        forms=list(report.police_forms.order_by("received_at", "form_reference")),
        assessment=SafetyAssessment.objects.filter(report=report)
        .select_related("assessed_by__user", "handed_to__user", "handed_to__organisation")
        .first(),
        investigation=Investigation.objects.filter(report=report).first(),
        feedback=list(report.feedback.order_by("moment")),
        visits=list(
            report.joint_visits.select_related("vt_professional__user", "partner__user").order_by(
                "planned_for"
            )
        ),
    )


def converted_report(advice: AdviceRequest) -> Report | None:
    """The melding an advies became, if it did."""
    return Report.objects.filter(from_advice=advice).first()


def handover_notices(messages: QuerySet[Notification]) -> QuerySet[Notification]:
    """Of an inbox, the messages telling its owner VT handed them a family."""
    return messages.filter(kind=Kind.HANDOVER, link__startswith="/meldingen/")


def handover_messages(user, report: Report | None = None) -> QuerySet[Notification]:
    """The messages in the shared inbox telling this user VT handed them a family."""
    professional = gate.professional_of(user)
    if professional is None:
        return Notification.objects.none()
    messages = handover_notices(inbox.inbox(professional))
    if report is not None:
        messages = messages.filter(link=reverse("reports:detail", kwargs={"report_id": report.pk}))
    return messages
