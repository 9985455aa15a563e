"""Reads for the buffers pages and API, each in a fixed number of queries. The caller has
passed the gate; these functions never decide visibility."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import UUIDField
from django.utils import timezone

from ketenkaart.access import gate
from ketenkaart.buffers.models import Area, BufferObservation, GoodMoment, View
from ketenkaart.core.precompiled import Param, Precompiled
from ketenkaart.households.models import Household, Member, MemberRole, Person
from ketenkaart.safety_maps import selectors as map_selectors
from ketenkaart.safety_maps.content import NETWORK_CLOSENESS, NETWORK_KINDS

DEFAULT_SIGNAL_DAYS = 42
PARENT_ROLES = (MemberRole.PARENT, MemberRole.CARER)


def signal_days() -> int:
    """How long without a recorded good-parent moment before the regisseur is told."""
    return int(getattr(settings, "KETENKAART_GOOD_MOMENT_SIGNAL_DAYS", DEFAULT_SIGNAL_DAYS))


def parents(household: Household) -> list[Person]:
    return [
        m.person
        for m in Member.objects.select_related("person")
        .filter(household=household, role__in=PARENT_ROLES)
        .order_by("added_at")
    ]


@dataclass
class ViewFilm:
    """One view (the parent's or the professional's) of one parent, moment by moment."""

    view: str
    label: str
    days: list[datetime.date] = field(default_factory=list)
    # area -> day -> observation
    cells: dict = field(default_factory=lambda: defaultdict(dict))
    observations: list[BufferObservation] = field(default_factory=list)

    def rows(self):
        """[(area value, area label, [observation or None per day])] for every area."""
        return [
            (area.value, area.label, [self.cells[area.value].get(day) for day in self.days])
            for area in Area
        ]


@dataclass
class ParentFilm:
    parent: Person
    views: list[ViewFilm]


def films(household: Household) -> list[ParentFilm]:
    """Per parent, the two views side by side; each keeps its own moments. Two queries."""
    people = parents(household)
    by_parent: dict = {
        p.pk: {v.value: ViewFilm(v.value, str(v.label)) for v in View} for p in people
    }
    for obs in BufferObservation.objects.filter(household=household).select_related(
        "recorded_by__user"
    ):
        film = by_parent.get(obs.parent_id, {}).get(obs.view)
        if film is None:
            continue
        film.observations.append(obs)
        film.cells[obs.area][obs.observed_on] = obs
        if obs.observed_on not in film.days:
            film.days.append(obs.observed_on)
    return [
        ParentFilm(p, [by_parent[p.pk][View.PARENT], by_parent[p.pk][View.PROFESSIONAL]])
        for p in people
    ]


def observations(household: Household):
    return (
        BufferObservation.objects.filter(household=household)
        .select_related("parent", "recorded_by__user")
        .order_by("observed_on", "parent_id", "view", "area")
    )


def moments(household: Any):
    """A household's (or a Param's) good moments, newest first."""
    return GoodMoment.objects.filter(household=household).select_related(
        "parent", "recorded_by__user"
    )


# The map page shows the newest few at its top, before the worries, on every visit (issue 14; all
# on the moments page): compiled once (core/precompiled.py).
FIRST_MOMENTS = 3
_FIRST = Precompiled(lambda: moments(Param("household", UUIDField()))[:FIRST_MOMENTS])


def first_moments(household: Household) -> list[GoodMoment]:
    """The FIRST_MOMENTS newest good moments, as `moments(household)[:FIRST_MOMENTS]`."""
    return _FIRST.rows(household, household=household.pk)


def newest_moment(household: Household) -> GoodMoment | None:
    """The newest good moment, which the dossier shows: the same statement as the map page's."""
    return next(iter(first_moments(household)), None)


@dataclass(frozen=True)
class MomentSignal:
    """No good-parent moment for the configured period: a reason to act, not a verdict."""

    since: datetime.date
    days: int
    period: int
    ever: bool  # whether any moment was ever recorded


def moment_signal(household: Household, *, today: datetime.date | None = None):
    """The signal when the last moment (or, with none, the family's start) lies `period` days
    or more in the past; None otherwise. One query."""
    today = today or timezone.localdate()
    period = signal_days()
    last = (
        GoodMoment.objects.filter(household=household)
        .order_by("-occurred_on")
        .values_list("occurred_on", flat=True)
        .first()
    )
    since = last or timezone.localtime(household.created_at).date()
    days = (today - since).days
    if days < period:
        return None
    return MomentSignal(since=since, days=days, period=period, ever=last is not None)


def is_lead(professional, household: Household) -> bool:
    return gate.is_lead(professional, household, active_only=True)


@dataclass(frozen=True)
class NetworkPerson:
    index: int
    name: str
    relation: str
    helps_with: str
    kind: str
    kind_label: str
    closeness: str
    closeness_label: str


def network(household: Household) -> tuple[int, list[NetworkPerson]]:
    """The map version the network was read from, and its people. The network lives in the
    safety map's network section; older rows without kind or closeness read as unknown."""
    state = map_selectors.map_state(household)
    people = [
        NetworkPerson(
            index=index,
            name=row.get("name", ""),
            relation=row.get("relation", ""),
            helps_with=row.get("helpsWith", ""),
            kind=row.get("kind", ""),
            kind_label=str(NETWORK_KINDS.get(row.get("kind", ""), "")),
            closeness=row.get("closeness", ""),
            closeness_label=str(NETWORK_CLOSENESS.get(row.get("closeness", ""), "")),
        )
        for index, row in enumerate(state.content["network"])
    ]
    return state.number, people
