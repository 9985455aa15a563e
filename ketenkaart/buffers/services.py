"""Writing buffers, good-parent moments and the network. Each function is one workflow in one
transaction with its audit row; the caller has passed the gate with a write grant."""

import datetime
import uuid
from typing import Any, overload

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.audit import services as audit
from ketenkaart.buffers.models import Area, BufferObservation, Footing, GoodMoment, View
from ketenkaart.buffers.selectors import PARENT_ROLES
from ketenkaart.core.errors import DomainError
from ketenkaart.core.text import clean_text
from ketenkaart.households.models import Household, Member, Person
from ketenkaart.organisations.models import Professional
from ketenkaart.safety_maps import selectors as map_selectors
from ketenkaart.safety_maps import services as map_services
from ketenkaart.safety_maps.content import MAX_ITEMS, NETWORK_CLOSENESS, NETWORK_KINDS
from ketenkaart.safety_maps.models import SafetyMapVersion

MAX_WORDS = 2000
MAX_NOTICED_BY = 200
# Appending to the network meets a concurrent map save now and then; it is safe to retry.
NETWORK_ATTEMPTS = 3


def _day(value: object, field: str) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise DomainError(_("Gebruik een datum als JJJJ-MM-DD."), field=field)
    if value > timezone.localdate():
        raise DomainError(_("Deze datum ligt in de toekomst."), field=field)
    return value


@overload
def _parent(household: Household, parent_id: uuid.UUID | None) -> Person: ...
@overload
def _parent(
    household: Household, parent_id: uuid.UUID | None, *, required: bool
) -> Person | None: ...
def _parent(
    household: Household, parent_id: uuid.UUID | None, *, required: bool = True
) -> Person | None:
    if parent_id is None and not required:
        return None
    member = (
        Member.objects.select_related("person")
        .filter(household=household, person_id=parent_id, role__in=PARENT_ROLES)
        .first()
        if parent_id
        else None
    )
    if member is None:
        raise DomainError(_("Kies een ouder of verzorger van dit gezin."), field="parent")
    return member.person


@transaction.atomic
def buffer_observation_record(
    *,
    by: Professional,
    household: Household,
    parent_id: uuid.UUID,
    view: str,
    area: str,
    footing: str,
    words: str,
    observed_on: datetime.date,
) -> BufferObservation:
    """One view of one buffer or work-floor task at one moment. The other view at the same
    moment is its own row and stays untouched: views are never merged."""
    parent = _parent(household, parent_id)
    if view not in View.values:
        raise DomainError(_("Kies wiens kijk dit is."), field="view")
    if area not in Area.values:
        raise DomainError(_("Kies een buffer of een taak."), field="area")
    if footing not in Footing.values:
        raise DomainError(_("Kies hoe het nu draagt."), field="footing")
    words = clean_text(words, "words", MAX_WORDS)
    observed_on = _day(observed_on, "observed_on")
    if BufferObservation.objects.filter(
        household=household, parent=parent, view=view, area=area, observed_on=observed_on
    ).exists():
        raise DomainError(
            _("Voor deze ouder, dit perspectief en deze buffer is op die dag al iets vastgelegd."),
            field="observed_on",
        )
    observation = BufferObservation.objects.create(
        household=household,
        parent=parent,
        view=view,
        area=area,
        footing=footing,
        words=words,
        observed_on=observed_on,
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    audit.record(
        user=by.user,
        action="buffers.observation.recorded",
        household_id=household.pk,
        object_type="buffer_observation",
        object_id=observation.pk,
        person_ids=[parent.pk],
    )
    return observation


@transaction.atomic
def good_moment_record(
    *,
    by: Professional,
    household: Household,
    what: str,
    noticed_by: str,
    occurred_on: datetime.date,
    parent_id: uuid.UUID | None = None,
    in_parents_words: bool = False,
) -> GoodMoment:
    parent = _parent(household, parent_id, required=False)
    moment = GoodMoment.objects.create(
        household=household,
        parent=parent,
        what=clean_text(what, "what", MAX_WORDS),
        in_parents_words=bool(in_parents_words),
        noticed_by=clean_text(noticed_by, "noticed_by", MAX_NOTICED_BY),
        occurred_on=_day(occurred_on, "occurred_on"),
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    audit.record(
        user=by.user,
        action="good_moment.recorded",
        household_id=household.pk,
        object_type="good_moment",
        object_id=moment.pk,
        person_ids=[parent.pk] if parent else [],
    )
    return moment


def _network_row(
    *, name: str, relation: str, helps_with: str, kind: str, closeness: str
) -> dict[str, str]:
    row = {
        "name": clean_text(name, "name", 200),
        "relation": clean_text(relation, "relation", 200, required=False),
        "helpsWith": clean_text(helps_with, "helpsWith", MAX_WORDS, required=False),
    }
    if kind not in NETWORK_KINDS:
        raise DomainError(_("Kies wie dit is voor het gezin."), field="kind")
    if closeness not in NETWORK_CLOSENESS:
        raise DomainError(_("Kies hoe dichtbij deze persoon staat."), field="closeness")
    row["kind"] = kind
    row["closeness"] = closeness
    return row


def network_person_add(
    *,
    by: Professional,
    household: Household,
    name: str,
    relation: str = "",
    helps_with: str = "",
    kind: str,
    closeness: str,
) -> SafetyMapVersion:
    """Add a person to the family's network: a new version of the safety map, whose network
    section is the one place the network lives."""
    row = _network_row(
        name=name, relation=relation, helps_with=helps_with, kind=kind, closeness=closeness
    )
    for attempt in range(NETWORK_ATTEMPTS):
        state = map_selectors.map_state(household)
        if len(state.content["network"]) >= MAX_ITEMS:
            raise DomainError(
                _("Het netwerk heeft al %(n)s mensen; haal eerst iemand weg.") % {"n": MAX_ITEMS},
                field="name",
            )
        content = {**state.content, "network": [*state.content["network"], row]}
        try:
            return _save_network(by, household, content, state.number, "network.person.added")
        except map_services.StaleVersion:
            if attempt == NETWORK_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def network_person_remove(
    *, by: Professional, household: Household, index: int, base_number: int
) -> SafetyMapVersion:
    """Remove the person at `index` of the version the user saw; StaleVersion if it moved on,
    so that nobody removes a different person than the one they chose."""
    state = map_selectors.map_state(household)
    if state.number != base_number:
        raise map_services.StaleVersion(state.number)
    rows = list(state.content["network"])
    if not 0 <= index < len(rows):
        raise DomainError(_("Deze persoon staat niet (meer) in het netwerk."), field="index")
    del rows[index]
    content = {**state.content, "network": rows}
    return _save_network(by, household, content, base_number, "network.person.removed")


@transaction.atomic
def _save_network(
    by: Professional,
    household: Household,
    content: dict[str, Any],
    base_number: int,
    action: str,
) -> SafetyMapVersion:

    version = map_services.safety_map_save(
        by=by, household=household, content=content, base_number=base_number
    )
    audit.record(
        user=by.user,
        action=action,
        household_id=household.pk,
        object_type="network",
        object_id=version.pk,
    )
    return version
