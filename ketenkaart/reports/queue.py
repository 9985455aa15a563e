"""The Veilig Thuis team's page (/meldingen): the region's queue and its side lists as
statements compiled once per connection (issue 17). Each list is the one its selector gives for
the acting user (tested against them); only the region, the professional and the filters are
values, so on PostgreSQL the server plans each statement once per database session."""

from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, QuerySet, UUIDField

from ketenkaart.access import gate
from ketenkaart.core.precompiled import Paged, Param, Precompiled, counted
from ketenkaart.notifications.models import Notification
from ketenkaart.notifications.selectors import inbox_of
from ketenkaart.organisations.models import Professional
from ketenkaart.reports import selectors
from ketenkaart.reports.models import (
    AdviceRequest,
    Investigation,
    JointVisit,
    Report,
    ReporterFeedback,
    ReportStatus,
)

SHOWN = 50  # rows per side list, as before
NOTICES = 20
# What a row of the queue shows (templates/reports/queue.html, selectors.queue_rows): not the
# melding's content or its reporter, which the page does not show (need-to-know), and fifty
# rows of them cost time to read and to build.
ROW = ("source", "acute", "received_at", "assess_by", "radar", "household__name")


def _region() -> Param:
    return Param("region", UUIDField())


def _professional() -> Param:
    return Param("professional", UUIDField())


def _queue_statements(searched: bool, source: bool, acute: bool, sort: str):
    def listed() -> QuerySet[Report]:
        waiting = (
            gate.region_reports(_region())
            .filter(status=ReportStatus.RECEIVED)
            .select_related("household")
            .only(*ROW)
        )
        return selectors.filter_queue(
            waiting,
            query=Param("query", CharField()) if searched else "",  # type: ignore[arg-type]
            source=Param("source", CharField()) if source else "",  # type: ignore[arg-type]
            urgency="acuut" if acute else "",
            sort=sort,
        )

    return (
        Precompiled(lambda: listed()[:1], paged=True),
        Precompiled(lambda: counted(listed())),
    )


_QUEUES: dict[tuple[bool, bool, bool, str], tuple[Precompiled, Precompiled]] = {}

# The side lists: the selectors' own lists on the region's meldingen, adviezen and visits.
_FEEDBACK = Precompiled(lambda: selectors.feedback_due_on(gate.region_reports(_region()))[:SHOWN])
_INVESTIGATIONS = Precompiled(
    lambda: selectors.open_investigations_on(gate.region_reports(_region()))[:SHOWN]
)
_ADVICE = Precompiled(
    lambda: selectors.ordered_advice(
        gate.region_advice(_region()).filter(answered_at__isnull=True)
    )[:SHOWN]
)
_VISITS = Precompiled(
    lambda: selectors.listed_visits(
        gate.joint_visits_of(_professional(), _region()).filter(status="planned")
    )[:SHOWN]
)
_NOTICES = Precompiled(lambda: selectors.handover_notices(inbox_of(_professional()))[:NOTICES])


@dataclass
class TeamLists:
    feedback_due: list[ReporterFeedback]
    investigations: list[Investigation]
    advice: list[AdviceRequest]
    visits: list[JointVisit]
    notices: list[Notification]


def queue(
    professional: Professional, *, query: str = "", source: str = "", urgency: str = "", sort=""
) -> Paged:
    """selectors.filter_queue(selectors.assessment_queue(user), …) for the region's VT team, as
    a Paginator pages it: its count and each page a prepared statement."""
    region = _team_region(professional)
    sort = sort if sort in selectors.QUEUE_SORTS else "termijn"
    kind = (bool(query), bool(source), urgency == "acuut", sort)
    if kind not in _QUEUES:
        _QUEUES[kind] = _queue_statements(*kind)
    return Paged(*_QUEUES[kind], region=region, query=query, source=source)


def team_lists(professional: Professional) -> TeamLists:
    """The side lists of the VT team's page: feedback owed, open investigations, unanswered
    adviezen, planned joint visits and the handover notices, SHOWN rows each."""
    values: dict[str, Any] = {"region": _team_region(professional), "professional": professional.pk}
    return TeamLists(
        feedback_due=_FEEDBACK.rows(**values),
        investigations=_INVESTIGATIONS.rows(**values),
        advice=_ADVICE.rows(**values),
        visits=_VISITS.rows(**values),
        notices=_NOTICES.rows(**values),
    )


def _team_region(professional: Professional) -> Any:
    region = gate.vt_region(professional)
    if region is None:
        raise ValueError("reports.queue is the VT team's page: ask gate.is_vt_team first")
    return region
