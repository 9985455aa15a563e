"""Reads of the family dossier. Every household arrives here through the access gate."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import (
    CharField,
    Count,
    DateField,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    UUIDField,
)
from django.db.models.functions import Coalesce, Lower
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.access import gate
from ketenkaart.core.precompiled import Paged, Param, Precompiled, PrecompiledLists, counted
from ketenkaart.households.models import (
    CourtMeasure,
    Handover,
    Household,
    Involvement,
    Member,
    MemberRole,
    active_measures_q,
)


def no_lead_threshold() -> int:
    return settings.KETENKAART["NO_LEAD_WARNING_THRESHOLD"]


def measure_warning_days(measure_type: str) -> int:
    return settings.KETENKAART["MEASURE_WARNING_DAYS"].get(measure_type, 90)


def _due_for_extension_q(day: Any, until: dict[str, Any] | None = None) -> Q:
    """Active measures, not yet extended, whose end falls within their type's warning period
    (`until`: the last end date per type, if not computed from `day`; see _due_until)."""
    until = until or _due_until(day)
    due = Q()
    for measure_type in settings.KETENKAART["MEASURE_WARNING_DAYS"]:
        due |= Q(type=measure_type, ends_on__lte=until[measure_type])
    return active_measures_q(day) & due & Q(extension__isnull=True)


def _due_until(day: datetime.date) -> dict[str, datetime.date]:
    return {
        measure_type: day + datetime.timedelta(days=days)
        for measure_type, days in settings.KETENKAART["MEASURE_WARNING_DAYS"].items()
    }


def annotate_overview(
    households: QuerySet[Household], day: Any, until: dict[str, Any] | None = None
) -> QuerySet[Household]:
    """Add what a caseload list shows: involvement count, regisseur, frame, a measure due.
    (`day` and `until` may be Params: the precompiled caseload below.)"""
    active = Involvement.objects.filter(household=OuterRef("pk"), ended_on__isnull=True)
    lead = Involvement.objects.filter(household=OuterRef("pk"), is_lead=True)
    measures = CourtMeasure.objects.filter(active_measures_q(day), household=OuterRef("pk"))
    due = CourtMeasure.objects.filter(_due_for_extension_q(day, until), household=OuterRef("pk"))
    return households.annotate(
        involved_count=Subquery(
            active.order_by().values("household").annotate(n=Count("pk")).values("n")[:1]
        ),
        lead_professional_id=Subquery(lead.values("professional_id")[:1]),
        lead_given=Subquery(lead.values("professional__user__first_name")[:1]),
        lead_family=Subquery(lead.values("professional__user__last_name")[:1]),
        lead_organisation=Subquery(lead.values("organisation__name")[:1]),
        has_measure=Exists(measures),
        next_measure_end=Subquery(
            measures.order_by().values("household").annotate(m=Min("ends_on")).values("m")[:1]
        ),
        measure_due_on=Subquery(
            due.order_by().values("household").annotate(m=Min("ends_on")).values("m")[:1]
        ),
    )


@dataclass(frozen=True)
class Warning:
    code: str
    text: str


def overview_warnings(household: Household, day: datetime.date) -> list[Warning]:
    """Warnings from an annotated household (see annotate_overview)."""
    warnings = []
    if (
        household.lead_professional_id is None
        and (household.involved_count or 0) >= no_lead_threshold()
    ):
        warnings.append(
            Warning(
                "no_lead",
                _("%(n)s professionals betrokken en niemand heeft de regie.")
                % {"n": household.involved_count},
            )
        )
    if household.measure_due_on is not None:
        warnings.append(
            Warning(
                "measure_ending",
                _("Maatregel eindigt over %(n)s dagen: vraag verlenging op tijd aan.")
                % {"n": (household.measure_due_on - day).days},
            )
        )
    return warnings


def caseload(user, *, day: datetime.date) -> QuerySet[Household]:
    """The households this user may see, annotated for a list; page it, then add warnings."""
    return (
        annotate_overview(gate.visible_households(user), day)
        .select_related("municipality")
        .order_by("name", "pk")
    )


CASELOAD_SORTS = {
    "naam": ("name", "pk"),
    "gemeente": ("municipality__name", "name", "pk"),
    "nieuwste": ("-created_at", "pk"),
}
FRAMES = {"vrijwillig", "gedwongen"}


def warned_q(threshold: Any) -> Q:
    """The annotated households (see annotate_overview) that overview_warnings warns about:
    no regisseur among `threshold` or more professionals, or a measure due. `threshold` is
    no_lead_threshold() or a Param."""
    involved = Coalesce(F("involved_count"), 0)
    return Q(GreaterThanOrEqual(involved, threshold), lead_professional_id__isnull=True) | Q(
        measure_due_on__isnull=False
    )


def filter_caseload(
    households: QuerySet[Household],
    *,
    query: str = "",
    frame: str = "",
    sort: str = "naam",
    warned: Any = None,
) -> QuerySet[Household]:
    """Narrow an annotated caseload (see caseload) by family name and frame, then sort it.
    `warned` (a no-lead threshold, see warned_q): only the households with a warning."""
    if warned is not None:
        households = households.filter(warned_q(warned))
    if query:
        households = households.filter(name__icontains=query)
    if frame == "gedwongen":
        households = households.filter(has_measure=True)
    elif frame == "vrijwillig":
        households = households.filter(has_measure=False)
    return households.order_by(*CASELOAD_SORTS.get(sort, CASELOAD_SORTS["naam"]))


def caseload_page(
    user,
    *,
    day: datetime.date,
    query: str = "",
    frame: str = "",
    sort: str = "naam",
    warned: bool = False,
) -> Paged | QuerySet[Household]:
    """caseload and filter_caseload as a Paginator pages them: for a professional who works
    with families, the count and the page as precompiled statements (one pair per kind of
    list: team or not, searched or not, frame, sort, only those with a warning), since Mijn
    gezinnen is every day's first click and the home shows its warnings (issue 17). The same
    rows as filter_caseload(caseload(…)) (tested)."""
    professional = gate.family_reader(user)
    if professional is None:
        return filter_caseload(
            caseload(user, day=day),
            query=query,
            frame=frame,
            sort=sort,
            warned=no_lead_threshold() if warned else None,
        )
    team = gate.team_of(professional)
    sort = sort if sort in CASELOAD_SORTS else "naam"
    # The warning periods' measure types are part of the SQL text; their days are values.
    types = tuple(settings.KETENKAART["MEASURE_WARNING_DAYS"])
    kind = (team is not None, bool(query), frame if frame in FRAMES else "", sort, warned, types)
    if kind not in _CASELOADS:
        _CASELOADS[kind] = _caseload_statements(*kind)
    values = {
        "professional": professional.pk,
        "team": team,
        "now": timezone.now(),
        "day": day,
        "query": query,
        "threshold": no_lead_threshold(),
        **{f"until_{t}": limit for t, limit in _due_until(day).items()},
    }
    return Paged(*_CASELOADS[kind], **values)


_CaseloadKind = tuple[bool, bool, str, str, bool, tuple[str, ...]]
_CASELOADS: dict[_CaseloadKind, tuple[Precompiled, Precompiled]] = {}


def _caseload_statements(
    team: bool, searched: bool, frame: str, sort: str, warned: bool, types: tuple[str, ...]
) -> tuple[Precompiled, Precompiled]:
    def listed() -> QuerySet[Household]:
        visible = gate.households_visible_to(
            Param("professional", UUIDField()),
            Param("team", UUIDField()) if team else None,
            Param("now", DateTimeField()),
        )
        until = {t: Param(f"until_{t}", DateField()) for t in types}
        households = annotate_overview(visible, Param("day", DateField()), until)
        if searched:
            # A search within the caseload reads the caseload: LOWER(name), which no index
            # serves. UPPER(name) has the region list's trigram index (migration 0008), and a
            # generic plan that starts from it reads every family in the country whose name
            # holds a common fragment ("Gez"); test_query_plans explains both plans.
            households = households.alias(lowered=Lower("name")).filter(
                lowered__contains=Lower(Param("query", CharField()))
            )
        return filter_caseload(
            households.select_related("municipality"),
            frame=frame,
            sort=sort,
            warned=Param("threshold", IntegerField()) if warned else None,
        )

    return (
        Precompiled(lambda: listed()[:1], paged=True),
        Precompiled(lambda: counted(listed())),
    )


def with_warnings(households, *, day: datetime.date) -> list[Household]:
    """Attach each listed household's warnings (from its annotations; no queries)."""
    households = list(households)
    for household in households:
        household.warnings = overview_warnings(household, day)
    return households


@dataclass
class Dossier:
    household: Household
    members: list[Member]
    involvements: list[Involvement]
    lead: Involvement | None
    measures: list[CourtMeasure]
    handovers: list[Handover]
    warnings: list[Warning]
    frame_court_ordered: bool

    @property
    def children(self) -> list[Member]:
        return [m for m in self.members if m.role == MemberRole.CHILD]

    @property
    def person_ids(self) -> list:
        return [m.person_id for m in self.members]


def _of_household():
    return Param("household", UUIDField())


# The dossier's four lists, read in one statement compiled once per connection: every click
# reads them (issue 17).
_MEMBERS = Precompiled(
    lambda: (
        Member.objects.filter(household_id=_of_household())
        .select_related("person")
        .order_by("role", "person__birth_date", "pk")
    )
)
_INVOLVEMENTS = Precompiled(
    lambda: (
        Involvement.objects.filter(household_id=_of_household(), ended_on__isnull=True)
        .select_related("professional__user", "organisation")
        .order_by("-is_lead", "organisation__name", "pk")
    )
)
_MEASURES = Precompiled(
    lambda: (
        CourtMeasure.objects.filter(household_id=_of_household())
        .select_related("child")
        .order_by("-starts_on", "pk")
    )
)
_HANDOVERS = Precompiled(
    lambda: (
        Handover.objects.filter(household_id=_of_household())
        .select_related("from_professional__user", "to_professional__user", "recorded_by__user")
        .order_by("-occurred_at", "pk")
    )
)
_LISTS = PrecompiledLists(_MEMBERS, _INVOLVEMENTS, _MEASURES, _HANDOVERS)


def dossier(household: Household, *, day: datetime.date | None = None) -> Dossier:
    """Everything on the dossier page, in a fixed number of queries whatever the volume."""
    day = day or timezone.localdate()
    members, involvements, measures, handovers = _LISTS.rows(
        household=household.pk, known=household
    )
    lead = next((i for i in involvements if i.is_lead), None)
    active = [m for m in measures if m.is_active_on(day)]
    warnings = []
    if lead is None and len(involvements) >= no_lead_threshold():
        warnings.append(
            Warning(
                "no_lead",
                _("%(n)s professionals betrokken en niemand heeft de regie.")
                % {"n": len(involvements)},
            )
        )
    for measure in active:
        if measure.ends_on is None:
            continue
        extended = any(m.extends_id == measure.pk for m in measures)
        days_left = (measure.ends_on - day).days
        if not extended and days_left <= measure_warning_days(measure.type):
            warnings.append(
                Warning(
                    "measure_ending",
                    _(
                        "%(measure)s voor %(child)s eindigt op %(date)s: vraag verlenging op tijd aan."
                    )
                    % {
                        "measure": measure.get_type_display(),
                        "child": measure.child.given_names,
                        "date": measure.ends_on.strftime("%d-%m-%Y"),
                    },
                )
            )
    if active and (lead is None or lead.organisation.type != "certified_institution"):
        warnings.append(
            Warning(
                "lead_not_gi", _("Er loopt een maatregel: de regie hoort bij de jeugdbeschermer.")
            )
        )
    if not active and lead is not None and lead.organisation.type == "certified_institution":
        warnings.append(
            Warning(
                "lead_back",
                _("Er loopt geen maatregel meer: draag de regie over aan het lokale team."),
            )
        )
    return Dossier(
        household=household,
        members=members,
        involvements=involvements,
        lead=lead,
        measures=measures,
        handovers=handovers,
        warnings=warnings,
        frame_court_ordered=bool(active),
    )


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    is_date: bool
    text: str
    detail: str = ""


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def timeline(dossier: Dossier) -> list[TimelineEntry]:
    """The family's history, newest first, from what the dossier already loaded."""
    entries = []
    for handover in dossier.handovers:
        to = handover.to_professional.display_name
        if handover.from_professional is None:
            text = _("Regie bij %(to)s") % {"to": to}
        else:
            text = _("Regie overgedragen van %(from)s aan %(to)s") % {
                "from": handover.from_professional.display_name,
                "to": to,
            }
        entries.append(TimelineEntry(handover.occurred_at, False, text, handover.reason))
    for measure in dossier.measures:
        values = {
            "measure": measure.get_type_display(),
            "child": measure.child.full_name,
            "end": measure.ends_on.strftime("%d-%m-%Y") if measure.ends_on else _("onbepaald"),
        }
        if measure.extends_id:
            text = _("%(measure)s voor %(child)s verlengd tot %(end)s") % values
        else:
            text = _("%(measure)s voor %(child)s vastgelegd, tot %(end)s") % values
        entries.append(TimelineEntry(measure.recorded_at, False, text, measure.court))
        if measure.ended_on:
            entries.append(
                TimelineEntry(
                    _start_of(measure.ended_on),
                    True,
                    _("%(measure)s voor %(child)s beëindigd") % values,
                )
            )
    for member in dossier.members:
        entries.append(
            TimelineEntry(
                member.added_at,
                False,
                _("Gezinslid toegevoegd: %(name)s (%(role)s)")
                % {"name": member.person.full_name, "role": member.get_role_display()},
            )
        )
    for involvement in dossier.involvements:
        entries.append(
            TimelineEntry(
                _start_of(involvement.started_on),
                True,
                _("Betrokken: %(name)s, %(organisation)s (%(role)s)")
                % {
                    "name": involvement.professional.display_name,
                    "organisation": involvement.organisation.name,
                    "role": involvement.role_in_family,
                },
            )
        )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)
