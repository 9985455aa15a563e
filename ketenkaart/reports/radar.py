"""The radar: which known household and persons an incoming melding is about, and whether it is
a first report, a repeat report, or a report while Veilig Thuis is still involved.

The matching rule is search-before-create's exact rule (households.search.household_matches):
the same BSN, or the same surname (case-insensitive) with the same birth date. It is not scoped
to the acting user (Veilig Thuis receives meldingen under Wmo 2015 art. 5.2.6, whoever sent
them), and it works on a whole batch at once in a fixed number of queries, so a file import of
100,000 police messages does not run three queries per person.
"""

import datetime
import uuid
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Upper

from ketenkaart.households.models import Involvement, Member, Person
from ketenkaart.organisations.models import OrganisationType
from ketenkaart.reports.inputs import PersonInput
from ketenkaart.reports.models import OPEN_STATUSES, RadarClass, Report


@dataclass
class RadarResult:
    household_id: uuid.UUID | None
    person_ids: list[uuid.UUID | None]  # aligned with the persons given; None where no match
    radar: str


def _bsn_matches(bsns: set[str]) -> dict[str, uuid.UUID]:

    if not bsns:
        return {}
    return dict(Person.objects.filter(bsn__in=bsns).values_list("bsn", "pk"))


def _name_matches(keys: set[tuple[str, datetime.date]]) -> dict[tuple, list]:
    if not keys:
        return {}
    found: dict[tuple, list] = {}
    # UPPER, as the person search's iexact compiles to on PostgreSQL: the index on
    # (UPPER(surname), birth_date) serves it (households/0002_person_upper_surname_index).
    rows = (
        Person.objects.annotate(surname_upper=Upper("surname"))
        .filter(
            surname_upper__in={surname for surname, _ in keys},
            birth_date__in={day for _, day in keys},
        )
        .values_list("surname_upper", "birth_date", "pk")
    )
    for surname, day, pk in rows:
        if (surname, day) in keys:
            found.setdefault((surname, day), []).append(pk)
    return found


def _key(person: PersonInput) -> tuple[str, datetime.date] | None:
    if person.birth_date is None or not person.surname:
        return None
    return (person.surname.strip().upper(), person.birth_date)


def match(batch: list[list[PersonInput]], *, on: datetime.date, exclude=()) -> list[RadarResult]:
    """One result per melding in `batch` (each a list of persons), classified as of day `on`.

    Meldingen earlier in the batch count as open reports for the ones after them; `exclude`
    names stored meldingen to leave out (to classify a stored melding again).
    """
    by_bsn = _bsn_matches({p.bsn for persons in batch for p in persons if p.bsn})
    by_name = _name_matches(
        {k for persons in batch for p in persons if not p.bsn and (k := _key(p)) is not None}
    )
    person_ids_per_report = []
    all_person_ids = set()
    for persons in batch:
        ids = []
        for person in persons:
            if person.bsn:
                pk = by_bsn.get(person.bsn)
            else:
                candidates = by_name.get(_key(person), []) if _key(person) else []
                pk = candidates[0] if len(candidates) == 1 else None  # two namesakes: no guess
            ids.append(pk)
            if pk is not None:
                all_person_ids.add(pk)
        person_ids_per_report.append(ids)

    households_of: dict[object, list] = {}
    for person_id, household_id in Member.objects.filter(person_id__in=all_person_ids).values_list(
        "person_id", "household_id"
    ):
        households_of.setdefault(person_id, []).append(household_id)

    chosen = []
    for ids in person_ids_per_report:
        counts = Counter(h for pk in ids if pk is not None for h in households_of.get(pk, []))
        # The household most of the persons belong to; on a tie the one named first.
        chosen.append(counts.most_common(1)[0][0] if counts else None)

    classes = _classes(chosen, on=on, exclude=exclude)
    return [
        RadarResult(household_id, ids, radar)
        for ids, household_id, radar in zip(person_ids_per_report, chosen, classes, strict=True)
    ]


def classify(household_id, *, on: datetime.date, exclude=()) -> str:
    """The class of one melding about `household_id` (linked by hand by Veilig Thuis)."""
    return _classes([household_id], on=on, exclude=exclude)[0]


def _classes(chosen: list, *, on: datetime.date, exclude=()) -> list[str]:
    household_ids = {h for h in chosen if h is not None}
    vt = Involvement.objects.filter(
        household_id__in=household_ids, organisation__type=OrganisationType.VEILIG_THUIS
    )
    involved_on = set(
        vt.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on), started_on__lte=on).values_list(
            "household_id", flat=True
        )
    )
    involved_before = set(vt.filter(started_on__lte=on).values_list("household_id", flat=True))
    earlier = {}
    for household_id, status in (
        Report.objects.filter(household_id__in=household_ids, received_at__date__lte=on)
        .exclude(pk__in=exclude)
        .values_list("household_id", "status")
    ):
        earlier[household_id] = earlier.get(household_id, False) or status in OPEN_STATUSES

    classes = []
    for household_id in chosen:
        if household_id is None:
            radar = RadarClass.FIRST
        elif household_id in involved_on or earlier.get(household_id):
            radar = RadarClass.WHILE_INVOLVED
        elif household_id in involved_before or household_id in earlier:
            radar = RadarClass.REPEAT
        else:
            radar = RadarClass.FIRST
        if household_id is not None:
            earlier[household_id] = True  # this melding is open for the ones after it
        classes.append(radar)
    return classes
