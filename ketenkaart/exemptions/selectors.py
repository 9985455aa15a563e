"""Reads of the ventieltafel, always given the acting user. Who sees what comes from the gate:
involved professionals see names, the table, invited parties and policy a pseudonym."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum, UUIDField
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.access import gate
from ketenkaart.core.labels import labels
from ketenkaart.core.links import link
from ketenkaart.core.precompiled import Param, Precompiled
from ketenkaart.exemptions import costbenefit as cb
from ketenkaart.exemptions.models import (
    CostBenefit,
    Domain,
    ExemptionRequest,
    HumanImpact,
    Outcome,
    PolicySignal,
    ReferenceCost,
    SignalStatus,
    Status,
)
from ketenkaart.households.models import Member, MemberRole
from ketenkaart.organisations.models import Municipality, Role

# Age bands instead of birth dates for whoever sees a request pseudonymised.
AGE_BANDS = ((0, 3), (4, 11), (12, 15), (16, 17), (18, 22), (23, 29), (30, 39), (40, 54))


def age_band(age: int | None) -> str:
    if age is None:
        return _("leeftijd onbekend")
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return _("%(low)d–%(high)d jaar") % {"low": low, "high": high}
    return _("55 jaar of ouder")


@dataclass(frozen=True)
class PersonView:
    member_id: object
    label: str


def members(exemption: ExemptionRequest, *, named: bool) -> list[PersonView]:
    """The family as this reader may see it: names, or role and age band."""
    today = timezone.localdate()
    rows = (
        Member.objects.filter(household_id=exemption.household_id)
        .select_related("person")
        .order_by("role", "person__birth_date")
    )
    people = []
    for member in rows:
        role = MemberRole(member.role).label
        if named:
            label = f"{member.person.full_name} ({role.lower()})"
        else:
            label = f"{role}, {age_band(member.person.age_on(today))}"
        people.append(PersonView(member.pk, label))
    return people


def impact_rows(analysis: CostBenefit | None, people: list[PersonView]) -> list[dict]:
    if analysis is None:
        return []
    labels = {person.member_id: person.label for person in people}
    rows = []
    for impact in analysis.impacts.all():
        label = labels.get(impact.member_id, impact.label) if impact.member_id else impact.label
        rows.append({"impact": impact, "label": label})
    return rows


def analysis_of(exemption: ExemptionRequest) -> CostBenefit | None:
    return (
        CostBenefit.objects.filter(request=exemption)
        .prefetch_related(
            "items__reference_cost",
            Prefetch("impacts", queryset=HumanImpact.objects.order_by("position")),
        )
        .first()
    )


def party_rows(analysis: CostBenefit) -> list[dict]:
    """Per party: what it pays in each scenario and what breaking through saves it."""
    from ketenkaart.exemptions.models import Party
    from ketenkaart.exemptions.services import to_analysis

    items = [
        {
            "scenario": item.scenario,
            "amount": item.amount,
            "period": item.period,
            "quantity": item.quantity,
            "months": item.months,
            "start_month": item.start_month,
            "payer": item.payer,
            "low": item.low,
            "high": item.high,
        }
        for item in analysis.items.all()
    ]
    result = cb.calculate(
        to_analysis(
            horizon_months=analysis.horizon_months,
            discount_rate=analysis.discount_rate,
            sensitivity=analysis.sensitivity,
            items=items,
        )
    )
    return [
        {
            "party": Party(party).label,
            "muddling_on": cb.format_euros(paid.get(cb.MUDDLING_ON, 0)),
            "breaking_through": cb.format_euros(paid.get(cb.BREAKING_THROUGH, 0)),
            "gain": cb.format_euros(result.gain(party)),
        }
        for party, paid in sorted(result.by_party.items())
    ]


def _base(requests: QuerySet[ExemptionRequest] | None = None) -> QuerySet[ExemptionRequest]:
    """What the gate let through, shaped for a list: soonest deadline first."""
    requests = ExemptionRequest.objects.all() if requests is None else requests
    return requests.select_related("municipality", "decision", "cost_benefit").order_by(
        "deadline", "asked_at"
    )


def own_requests(user) -> QuerySet[ExemptionRequest]:
    """Requests about families this user may read (shown with the family's name)."""
    return _base().select_related("household").filter(household__in=gate.visible_households(user))


def queue(user, *, open_only: bool = True) -> QuerySet[ExemptionRequest]:
    """The convener's queue: requests to the tables of the municipalities they serve."""
    requests = _base(gate.exemption_queue(user))
    return requests.filter(status=Status.SUBMITTED) if open_only else requests


def prepared_queue() -> QuerySet[ExemptionRequest]:
    """queue(user) with the convener's organisation as a Param, `organisation`: what the
    ventieltafel's start page prepares (views.index, ListQuery.run_prepared)."""
    requests = _base(gate.exemption_queue_of(Param("organisation", UUIDField())))
    return requests.filter(status=Status.SUBMITTED)


INVITED_SHOWN = 100
# The open requests a professional was invited to, as the ventieltafel's start page shows them:
# compiled once and prepared (issue 17).
_OPEN_INVITATIONS = Precompiled(
    lambda: _base(gate.exemption_invitations_of(Param("professional", UUIDField()))).filter(
        status=Status.SUBMITTED
    )[:INVITED_SHOWN]
)


def open_invitations(professional) -> list[ExemptionRequest]:
    """The open requests this professional was invited to, the first INVITED_SHOWN."""
    return _OPEN_INVITATIONS.rows(professional=professional.pk)


def readable_requests(user) -> QuerySet[ExemptionRequest]:
    """Everything the user may open (for the API list), without duplicates."""
    ids = gate.readable_exemption_requests(user).values("pk")
    return _base().filter(pk__in=ids)


def named_household_ids(user, page: list[ExemptionRequest]) -> set:
    """Of the families on one page of requests, those this user may see named: one query over
    the page's ids, not a set of every family the user may see."""
    ids = {exemption.household_id for exemption in page}
    if not ids:
        return set()
    visible = gate.visible_households(user).filter(pk__in=ids)
    return set(visible.values_list("pk", flat=True))


def is_overdue(exemption: ExemptionRequest, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return exemption.status == Status.SUBMITTED and exemption.deadline < today


def request_rows(
    requests: list[ExemptionRequest], *, named: bool, today: datetime.date | None = None
) -> list[ExemptionRequest]:
    """Attach what a row of exemptions/_request_rows.html shows: `title_text`, `detail_url`,
    `domain_label`, `deadline_text`, `state_label` and `overdue` (only when `today` is
    given: the table's queue). No queries. The choices' labels are translated once per list,
    not by get_FOO_display on every row, and the links reversed once per process
    (core.links; issue 17)."""
    domains, states, outcomes = labels(Domain), labels(Status), labels(Outcome)
    for_name = _("Aanvraag voor %(name)s")
    row: Any  # a request with the row's texts attached
    for row in requests:
        row.detail_url = link("exemptions:detail", "request_id", row.pk)
        row.title_text = for_name % {"name": row.household.name} if named else ""
        row.domain_label = domains.get(row.domain, row.domain)
        row.deadline_text = row.deadline.strftime("%d-%m-%Y")
        decided = row.status == Status.DECIDED
        row.state_label = outcomes.get(row.decision.outcome) if decided else None
        row.state_label = row.state_label or states.get(row.status, row.status)
        row.overdue = today is not None and is_overdue(row, today)
    return requests


def precedents(user, *, domain: str = "", rule: str = "", exclude=None):
    """Past decisions, pseudonymised, of the tables this user sits at or asks."""
    found = _base(gate.visible_precedents(user)).order_by("-decision__decided_at")
    if domain:
        found = found.filter(domain=domain)
    if rule:
        found = found.filter(rule_key__icontains=" ".join(rule.casefold().split()))
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    return found


def similar_precedents(exemption: ExemptionRequest, user):
    """Same domain or same rule, decided earlier."""
    return precedents(user, exclude=exemption).filter(
        Q(domain=exemption.domain) | Q(rule_key=exemption.rule_key)
    )[:10]


def catalogue(municipality: Municipality | None) -> list[ReferenceCost]:
    """The current catalogue for a municipality: the latest national version of each item,
    replaced by the municipality's latest own version where it has one, plus its own items."""
    rows = ReferenceCost.objects.filter(
        Q(municipality__isnull=True) | Q(municipality=municipality)
        if municipality is not None
        else Q(municipality__isnull=True)
    ).order_by("key", "version")
    national: dict[str, ReferenceCost] = {}
    own: dict[str, ReferenceCost] = {}
    for row in rows:
        (own if row.municipality_id else national)[row.key] = row
    current = {**national, **own}
    for key, row in current.items():
        row.overrides_national = key in national and key in own
    return sorted(current.values(), key=lambda row: row.item.casefold())


def signals(user) -> QuerySet[PolicySignal]:
    """Signals with their count and summed costs and savings, in a constant number of queries."""
    return (
        gate.visible_policy_signals(user)
        .select_related("table__municipality")
        .annotate(
            case_count=Count("requests", distinct=True),
            total_cost=Sum("requests__cost_benefit__cost_breaking_through"),
            total_saving=Sum("requests__cost_benefit__saving"),
        )
        .order_by("status", "-raised_at")
    )


def access_signal(request, signal_id) -> PolicySignal:
    professional = gate.professional_of(request.user)
    grant = (
        gate.Grant.POLICY
        if professional and professional.role == Role.POLICY
        else (gate.Grant.EXEMPTION_TABLE)
    )
    return gate.access_among(
        request,
        signals(request.user),
        signal_id,
        action="exemption.signal.read",
        object_type="policysignal",
        grant=grant,
    ).obj


def signal_cases(signal: PolicySignal) -> QuerySet[ExemptionRequest]:
    return signal.requests.select_related("decision", "cost_benefit").order_by("asked_at")


OPEN = SignalStatus.OPEN
