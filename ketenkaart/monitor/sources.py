"""Events per day for the event indicators, aggregated in the database where it can: each
source yields (indicator, region, municipality, day, series, series label, base, total).
`since` limits the rows read to those on or after that day (the job's incremental run)."""

import datetime
from collections.abc import Iterator

from django.db.models import Count, F, IntegerField, Min, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from ketenkaart.buffers.models import GoodMoment
from ketenkaart.community.models import Consult
from ketenkaart.exemptions.models import (
    CostBenefit,
    Decision,
    Domain,
    ExemptionRequest,
    PolicySignal,
)
from ketenkaart.exemptions.models import Outcome as TableOutcome
from ketenkaart.questionnaires.models import Answer, QuestionKind
from ketenkaart.referrals.models import Referral, Referrer
from ketenkaart.reports.models import (
    HANDOVER_OUTCOMES,
    AdviceRequest,
    Investigation,
    JointVisit,
    JointVisitStatus,
    Outcome,
    RadarClass,
    Report,
    ReportSource,
    SafetyAssessment,
)
from ketenkaart.safety_teams.models import BoardCheck, BoardCheckOutcome

Event = tuple[str, object, object, datetime.date, str, str, int, float]


def _yes(condition: Q):
    return Sum(
        Value(1),
        filter=condition,
        output_field=IntegerField(),
        default=0,
    )


def _since(queryset, field: str, since: datetime.date | None):
    if since is None:
        return queryset
    moment = datetime.datetime.combine(
        since, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    return queryset.filter(**{f"{field}__gte": moment})


def _grouped(queryset, day_field: str, region: str, municipality: str | None, series=None):
    values = {"region_key": F(region), "day": TruncDate(day_field)}
    values["muni_key"] = F(municipality) if municipality else Value(None, IntegerField())
    if series is not None:
        values["series_key"] = series
    return queryset.values(**values)


def meldingen(since) -> Iterator[Event]:
    reports = _since(Report.objects.all(), "received_at", since)
    rows = _grouped(
        reports, "received_at", "region_id", "household__municipality_id", F("source")
    ).annotate(
        n=Count("id"),
        police=_yes(Q(source=ReportSource.POLICE)),
        first=_yes(Q(radar=RadarClass.FIRST)),
        repeat=_yes(Q(radar=RadarClass.REPEAT)),
        involved=_yes(Q(radar=RadarClass.WHILE_INVOLVED)),
    )
    sources = dict(ReportSource.choices)
    radar = dict(RadarClass.choices)
    for r in rows.order_by():
        key = (r["region_key"], r["muni_key"], r["day"])
        yield ("meldingen", *key, "", "", r["n"], r["n"])
        label = str(sources.get(r["series_key"], r["series_key"]))
        yield ("meldingen_melder", *key, r["series_key"], label, r["n"], r["n"])
        yield ("aandeel_politie", *key, "", "", r["n"], r["police"])
        for series, field in (
            (RadarClass.FIRST, "first"),
            (RadarClass.REPEAT, "repeat"),
            (RadarClass.WHILE_INVOLVED, "involved"),
        ):
            yield ("meldingen_radar", *key, series.value, str(radar[series]), r["n"], r[field])


def adviezen(since) -> Iterator[Event]:
    rows = _grouped(
        _since(AdviceRequest.objects.all(), "received_at", since), "received_at", "region_id", None
    ).annotate(n=Count("id"))
    for r in rows.order_by():
        yield ("adviezen", r["region_key"], None, r["day"], "", "", r["n"], r["n"])


def assessments(since) -> Iterator[Event]:
    rows = _grouped(
        _since(SafetyAssessment.objects.all(), "assessed_at", since),
        "assessed_at",
        "report__region_id",
        "report__household__municipality_id",
    ).annotate(
        n=Count("id"),
        in_time=_yes(Q(within_deadline=True)),
        investigation=_yes(Q(outcome=Outcome.INVESTIGATION)),
    )
    for r in rows.order_by():
        key = (r["region_key"], r["muni_key"], r["day"])
        yield ("beoordeling_tijdig", *key, "", "", r["n"], r["in_time"])
        yield ("naar_onderzoek", *key, "", "", r["n"], r["investigation"])


def investigations(since) -> Iterator[Event]:
    done = _since(Investigation.objects.filter(completed_at__isnull=False), "completed_at", since)
    # Completed on or before its due day: within the 10-week norm.
    rows = (
        done.annotate(done_on=TruncDate("completed_at"))
        .values(
            region_key=F("report__region_id"),
            muni_key=F("report__household__municipality_id"),
            day=F("done_on"),
        )
        .annotate(n=Count("id"), in_time=_yes(Q(done_on__lte=F("due_on"))))
    )
    for r in rows.order_by():
        key = (r["region_key"], r["muni_key"], r["day"])
        yield ("onderzoek_tijdig", *key, "", "", r["n"], r["in_time"])


def first_help(since) -> Iterator[Event]:
    """Per melding its first moment of help; row by row (a mean of days), in one query each."""
    handed = dict(
        SafetyAssessment.objects.filter(outcome__in=HANDOVER_OUTCOMES).values_list(
            "report_id", "assessed_at"
        )
    )
    visits = dict(
        JointVisit.objects.filter(status=JointVisitStatus.DONE, report__isnull=False)
        .values("report_id")
        .annotate(first=Min("planned_for"))
        .values_list("report_id", "first")
    )
    reports = Report.objects.filter(pk__in=set(handed) | set(visits)).values_list(
        "pk", "region_id", "household__municipality_id", "received_at"
    )
    zone = timezone.get_current_timezone()
    for pk, region, municipality, received in reports.iterator(chunk_size=5000):
        moments = [m for m in (handed.get(pk), visits.get(pk)) if m is not None]
        first = min(moments)
        day = first.astimezone(zone).date()
        if since is not None and day < since:
            continue
        days = max(0, (day - received.astimezone(zone).date()).days)
        yield ("tijd_tot_hulp", region, municipality, day, "", "", 1, days)


def joint_visits(since) -> Iterator[Event]:
    rows = _grouped(
        _since(JointVisit.objects.filter(status=JointVisitStatus.DONE), "planned_for", since),
        "planned_for",
        "region_id",
        "household__municipality_id",
    ).annotate(n=Count("id"))
    for r in rows.order_by():
        yield ("huisbezoeken", r["region_key"], r["muni_key"], r["day"], "", "", r["n"], r["n"])


def referrals(since) -> Iterator[Event]:
    queryset = Referral.objects.all()
    if since is not None:
        queryset = queryset.filter(referred_on__gte=since)
    labels = dict(Referrer.choices)
    rows = queryset.values(
        region_key=F("region_id"),
        muni_key=F("municipality_id"),
        day=F("referred_on"),
        series_key=F("referred_by"),
    ).annotate(n=Count("id"))
    for r in rows.order_by():
        label = str(labels.get(r["series_key"], r["series_key"]))
        key = (r["region_key"], r["muni_key"], r["day"])
        yield ("verwijzingen", *key, r["series_key"], label, r["n"], r["n"])


def board_checks(since) -> Iterator[Event]:
    done = BoardCheck.objects.exclude(outcome=BoardCheckOutcome.PENDING)
    rows = _grouped(
        _since(done, "outcome_at", since), "outcome_at", "region_id", "household__municipality_id"
    ).annotate(n=Count("id"), sufficed=_yes(Q(outcome=BoardCheckOutcome.CHECK_SUFFICED)))
    for r in rows.order_by():
        key = (r["region_key"], r["muni_key"], r["day"])
        yield ("raad_toets", *key, "", "", r["n"], r["sufficed"])


def exemptions(since) -> Iterator[Event]:
    domains = dict(Domain.choices)
    rows = _grouped(
        _since(ExemptionRequest.objects.all(), "asked_at", since),
        "asked_at",
        "region_id",
        "municipality_id",
        F("domain"),
    ).annotate(n=Count("id"))
    for r in rows.order_by():
        key = (r["region_key"], r["muni_key"], r["day"])
        label = str(domains.get(r["series_key"], r["series_key"]))
        yield ("ventieltafel_aanvragen", *key, r["series_key"], label, r["n"], r["n"])
    outcomes = dict(TableOutcome.choices)
    rows = _grouped(
        _since(Decision.objects.all(), "decided_at", since),
        "decided_at",
        "request__region_id",
        "request__municipality_id",
        F("outcome"),
    ).annotate(n=Count("id"))
    for r in rows.order_by():
        key = (r["region_key"], r["muni_key"], r["day"])
        label = str(outcomes.get(r["series_key"], r["series_key"]))
        yield ("ventieltafel_besluiten", *key, r["series_key"], label, r["n"], r["n"])
    granted = CostBenefit.objects.filter(
        request__decision__outcome__in=(
            TableOutcome.GRANTED,
            TableOutcome.GRANTED_WITH_CONDITIONS,
        )
    )
    rows = _grouped(
        _since(granted, "request__decision__decided_at", since),
        "request__decision__decided_at",
        "request__region_id",
        "request__municipality_id",
    ).annotate(n=Count("id"), saving=Sum("saving", default=0))
    for r in rows.order_by():
        key = (r["region_key"], r["muni_key"], r["day"])
        yield ("ventieltafel_besparing", *key, "", "", r["n"], float(r["saving"]))
    rows = _grouped(
        _since(PolicySignal.objects.all(), "raised_at", since),
        "raised_at",
        "table__municipality__region_id",
        "table__municipality_id",
    ).annotate(n=Count("id"))
    for r in rows.order_by():
        yield ("beleidssignalen", r["region_key"], r["muni_key"], r["day"], "", "", r["n"], r["n"])


def community(since) -> Iterator[Event]:
    moments = GoodMoment.objects.all()
    if since is not None:
        moments = moments.filter(occurred_on__gte=since)
    rows = moments.values(
        region_key=F("household__region_id"),
        muni_key=F("household__municipality_id"),
        day=F("occurred_on"),
        series_key=Coalesce(F("household__district__name"), Value("")),
    ).annotate(n=Count("id"))
    for r in rows.order_by():
        key = (r["region_key"], r["muni_key"], r["day"])
        label = r["series_key"] or "—"
        yield ("goede_momenten", *key, r["series_key"], label, r["n"], r["n"])
    rows = _grouped(
        _since(Consult.objects.all(), "created_at", since),
        "created_at",
        "district__municipality__region_id",
        "district__municipality_id",
        F("district__name"),
    ).annotate(n=Count("id"))
    for r in rows.order_by():
        key = (r["region_key"], r["muni_key"], r["day"])
        yield ("consulten", *key, r["series_key"], r["series_key"], r["n"], r["n"])


def questionnaires(since) -> Iterator[Event]:
    answers = Answer.objects.filter(question__kind=QuestionKind.CLOSED)
    if since is not None:
        answers = answers.filter(response__submitted_on__gte=since)
    rows = answers.values(
        region_key=F("question__questionnaire__region_id"),
        day=F("response__submitted_on"),
        series_key=F("question_id"),
        label=F("question__text"),
    ).annotate(n=Count("id"), yes=_yes(Q(choice="ja")))
    for r in rows.order_by():
        yield (
            "vragenlijsten",
            r["region_key"],
            None,
            r["day"],
            str(r["series_key"]),
            r["label"],
            r["n"],
            r["yes"],
        )


ALL = (
    meldingen,
    adviezen,
    assessments,
    investigations,
    first_help,
    joint_visits,
    referrals,
    board_checks,
    exemptions,
    community,
    questionnaires,
)
