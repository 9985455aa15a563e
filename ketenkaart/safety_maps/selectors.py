"""Reads of the veiligheidskaart. Every household arrives here through the access gate; each
read costs a fixed number of queries however many versions the map has."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, IntegerField, Q, QuerySet, UUIDField, Window
from django.db.models.functions import RowNumber

from ketenkaart.core.precompiled import Param, Precompiled
from ketenkaart.households.models import Household, Involvement, Member
from ketenkaart.organisations.models import OrganisationType, Role
from ketenkaart.safety_maps.content import normalised
from ketenkaart.safety_maps.models import (
    ParticipantKind,
    SafetyMap,
    SafetyMapVersion,
    SafetyScore,
)


def map_of(household: Household) -> SafetyMap | None:
    return SafetyMap.objects.filter(household=household).first()


def versions(safety_map: SafetyMap) -> QuerySet[SafetyMapVersion]:
    """Newest first, with author and organisation; content deferred (the history needs none)."""
    return (
        SafetyMapVersion.objects.filter(map=safety_map)
        .select_related("author__user", "organisation")
        .defer("content")
        .order_by("-number")
    )


def version(safety_map: SafetyMap, number: int) -> SafetyMapVersion | None:
    return (
        SafetyMapVersion.objects.filter(map=safety_map, number=number)
        .select_related("author__user", "organisation")
        .first()
    )


def effective_scores(
    safety_map: SafetyMap | None,
    number: int,
    *,
    with_names: bool = True,
    person_ids=None,
    professional_ids=None,
) -> list[SafetyScore]:
    """Each participant's latest score at version `number`: one query (a window function).

    With `person_ids`/`professional_ids` only those participants (the scale indexes serve it).
    """
    if safety_map is None or number < 1:
        return []
    some = person_ids is not None or professional_ids is not None
    if with_names and not some:
        rows = _SCORES.rows(map=safety_map.pk, number=number)  # the map's every read and save
    else:
        scores = SafetyScore.objects.filter(map=safety_map, number__lte=number)
        if some:
            scores = scores.filter(
                Q(person_id__in=list(person_ids or ()))
                | Q(professional_id__in=list(professional_ids or ()))
            )
        rows = _latest(scores, with_names=with_names)
    return sorted(rows, key=lambda s: (s.participant_kind != ParticipantKind.MEMBER, s.pk))


def _latest(rows: QuerySet[SafetyScore], *, with_names: bool) -> QuerySet[SafetyScore]:
    rows = rows.annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("participant_kind"), F("person_id"), F("professional_id")],
            order_by=F("number").desc(),
        )
    ).filter(rank=1)
    if with_names:
        rows = rows.select_related("person", "professional__user", "professional__organisation")
    return rows


# Read on every visit of the map page and twice by every save through the API: compiled once
# (core/precompiled.py; the window function's compilation was a quarter of a save, issue 17).
_SCORES = Precompiled(
    lambda: _latest(
        SafetyScore.objects.filter(
            map_id=Param("map", UUIDField()), number__lte=Param("number", IntegerField())
        ),
        with_names=True,
    )
)


@dataclass(frozen=True)
class Participant:
    kind: str
    id: object
    name: str
    description: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, str(self.id))


def participants(household: Household) -> list[Participant]:
    """Who may give a score: the family's members and the professionals involved now."""
    members = household.members.select_related("person").order_by("role", "person__birth_date")
    involvements = (
        Involvement.objects.filter(household=household, ended_on__isnull=True)
        .select_related("professional__user", "organisation")
        .order_by("-is_lead", "organisation__name")
    )
    result = [
        Participant(ParticipantKind.MEMBER, m.person_id, m.person.full_name, m.get_role_display())
        for m in members
    ]
    seen = set()
    for involvement in involvements:
        if involvement.professional_id in seen:
            continue
        seen.add(involvement.professional_id)
        result.append(
            Participant(
                ParticipantKind.PROFESSIONAL,
                involvement.professional_id,
                involvement.professional.display_name,
                involvement.organisation.name,
            )
        )
    return result


def is_veilig_thuis(professional) -> bool:
    """Who may set the safety conditions: a Veilig Thuis worker at a Veilig Thuis organisation."""
    return (
        professional is not None
        and professional.role == Role.VEILIG_THUIS
        and professional.organisation.type == OrganisationType.VEILIG_THUIS
    )


@dataclass
class MapState:
    """The map as the map page shows it: its current version, content and scales."""

    household: Household
    safety_map: SafetyMap | None
    current: SafetyMapVersion | None
    content: dict
    scores: list[SafetyScore]
    last_agreed: SafetyMapVersion | None = None

    @property
    def number(self) -> int:
        return self.current.number if self.current else 0


# The map page and the map API read it on every visit: compiled once (core/precompiled.py).
_CURRENT = Precompiled(
    lambda: SafetyMapVersion.objects.filter(
        map__household_id=Param("household", UUIDField()), number=F("map__current_number")
    ).select_related("map", "author__user", "organisation")[:1]
)

# The last version agreed with the family before version `number` (the partial index
# safety_map_version_agreed): one step, on every visit too.
_LAST_AGREED = Precompiled(
    lambda: (
        SafetyMapVersion.objects.filter(
            map_id=Param("map", UUIDField()),
            number__lt=Param("number", IntegerField()),
            agreed_with_family=True,
        )
        .defer("content")
        .order_by("-number")[:1]
    )
)


def map_state(household: Household, number: int | None = None) -> MapState:
    """The current version (or version `number`), in a fixed number of queries."""
    current = None
    if number is None:
        # The map and its current version in one query; the map alone when it has none yet.
        current = _CURRENT.first(household=household.pk)
    safety_map = current.map if current is not None else map_of(household)
    if safety_map is None:
        return MapState(household, None, None, normalised(None), [])
    wanted = safety_map.current_number if number is None else number
    if current is None and wanted:
        current = version(safety_map, wanted)
    if number is not None and current is None:
        return MapState(household, safety_map, None, normalised(None), [])
    last_agreed = None
    if current is not None and not current.agreed_with_family:
        last_agreed = _LAST_AGREED.first(map=safety_map.pk, number=current.number)
    return MapState(
        household,
        safety_map,
        current,
        normalised(current.content if current else None),
        effective_scores(safety_map, wanted),
        last_agreed,
    )


def state_after_save(before: MapState, saved: SafetyMapVersion, author) -> MapState:
    """The map just after `saved` was stored on top of `before` (the state it was based on),
    built from what the save already knows: no query when the save gave no new score (each
    participant's latest score is then the one `before` showed), else one for the scores with
    their names."""
    saved.author = author
    saved.organisation = author.organisation
    safety_map = before.safety_map or saved.map
    safety_map.current_number = saved.number
    last_agreed = None
    if not saved.agreed_with_family:
        previous = before.current
        last_agreed = previous if previous and previous.agreed_with_family else before.last_agreed
    scores = before.scores
    if "scores" in saved.changed_sections or before.number != saved.number - 1:
        scores = effective_scores(safety_map, saved.number)
    return MapState(
        before.household, safety_map, saved, normalised(saved.content), scores, last_agreed
    )


@dataclass
class ScaleSeries:
    """One participant's scale over time, oldest first."""

    kind: str
    name: str
    description: str
    points: list[SafetyScore] = field(default_factory=list)


def scale_series(safety_map: SafetyMap | None) -> list[ScaleSeries]:
    """Every participant's scale over time, in one indexed query."""
    if safety_map is None:
        return []
    rows = (
        SafetyScore.objects.filter(map=safety_map)
        .select_related("person", "professional__user", "professional__organisation")
        .order_by("number", "pk")
    )
    series: dict[tuple, ScaleSeries] = {}
    for row in rows:
        if row.key not in series:
            description = (
                row.professional.organisation.name
                if row.participant_kind == ParticipantKind.PROFESSIONAL
                else ""
            )
            series[row.key] = ScaleSeries(row.participant_kind, row.participant_name, description)
        series[row.key].points.append(row)
    return sorted(series.values(), key=lambda s: (s.kind != ParticipantKind.MEMBER, s.name))


def scores_by_version(version_ids) -> dict:
    """The scores given with each of these versions (one query, for a page of the history)."""
    grouped = defaultdict(list)
    for row in SafetyScore.objects.filter(version_id__in=list(version_ids)).select_related(
        "person", "professional__user"
    ):
        grouped[row.version_id].append(row)
    return grouped


def member_names(household: Household) -> list[str]:
    return [
        m.person.full_name
        for m in Member.objects.filter(household=household).select_related("person")
    ]


def first_day(safety_map: SafetyMap) -> datetime.datetime | None:
    first = SafetyMapVersion.objects.filter(map=safety_map, number=1).defer("content").first()
    return first.created_at if first else None
