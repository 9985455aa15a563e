"""Issue 11, finding 4: court measures as the Civil Code defines them. Each failed before."""

import datetime

import pytest
import time_machine

from ketenkaart.core.errors import DomainError
from ketenkaart.households import measure_services, services
from ketenkaart.households.models import (
    CourtMeasure,
    Handover,
    Involvement,
    MeasureType,
    active_measures_q,
)
from ketenkaart.notifications.models import Notification
from ketenkaart.testing import factories as f

TODAY = datetime.date(2026, 11, 23)
YEAR_END = datetime.date(2027, 11, 22)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)):
        yield


def record(by, household, child, type_, ends_on=YEAR_END, starts_on=TODAY, **extra):
    return services.measure_record(
        by=by,
        household=household,
        child=child,
        type=type_,
        starts_on=starts_on,
        ends_on=ends_on,
        court="Rechtbank",
        **extra,
    )


@pytest.fixture
def ots(household, involved, child):
    return record(involved, household, child, MeasureType.SUPERVISION)


def test_a_machtiging_without_an_ots_is_refused(household, involved, child):
    with pytest.raises(DomainError) as error:
        record(involved, household, child, MeasureType.OUT_OF_HOME_PLACEMENT)
    assert error.value.field == "supervision"
    assert not CourtMeasure.objects.exists()


def test_a_machtiging_may_not_outlast_its_ots(household, involved, child):
    short = record(
        involved, household, child, MeasureType.SUPERVISION, ends_on=TODAY.replace(month=12)
    )
    with pytest.raises(DomainError) as error:
        record(involved, household, child, MeasureType.OUT_OF_HOME_PLACEMENT, supervision=short)
    assert error.value.field == "ends_on"
    assert CourtMeasure.objects.count() == 1


def test_an_unused_machtiging_lapses_after_three_months(household, involved, child, ots):
    placement = record(
        involved, household, child, MeasureType.OUT_OF_HOME_PLACEMENT, supervision=ots
    )
    assert placement.lapses_on == datetime.date(2027, 2, 23)
    assert placement.is_active_on(datetime.date(2027, 2, 22))
    assert not placement.is_active_on(datetime.date(2027, 2, 23))
    assert (
        not CourtMeasure.objects.filter(pk=placement.pk, **{})
        .filter(active_measures_q(datetime.date(2027, 3, 1)))
        .exists()
    )
    with pytest.raises(DomainError):
        measure_services.measure_use(
            by=involved, measure=placement, used_on=datetime.date(2027, 3, 1)
        )


def test_a_used_machtiging_does_not_lapse(household, involved, child, ots):
    placement = record(
        involved, household, child, MeasureType.OUT_OF_HOME_PLACEMENT, supervision=ots
    )
    placement = measure_services.measure_use(
        by=involved, measure=placement, used_on=datetime.date(2026, 12, 1)
    )
    assert placement.lapses_on is None
    assert placement.is_active_on(datetime.date(2027, 6, 1))


def test_the_machtiging_ends_with_its_ots(household, involved, child, ots):
    placement = record(
        involved, household, child, MeasureType.OUT_OF_HOME_PLACEMENT, supervision=ots
    )
    services.measure_end(by=involved, measure=ots, ended_on=datetime.date(2027, 1, 10))
    placement.refresh_from_db()
    assert placement.ended_on == datetime.date(2027, 1, 10)


def test_no_measure_runs_past_the_18th_birthday(household, involved, child):
    child.birth_date = datetime.date(2009, 1, 15)
    child.save()
    with pytest.raises(DomainError) as error:
        record(involved, household, child, MeasureType.SUPERVISION)
    assert error.value.field == "ends_on"
    assert not CourtMeasure.objects.exists()


def test_guardianship_by_a_named_natural_person(household, involved, child):
    with pytest.raises(DomainError) as error:
        record(
            involved, household, child, MeasureType.CUSTODY_TERMINATION, ends_on=None,
            guardian_kind="person",
        )  # fmt: skip
    assert error.value.field == "guardian_name"
    measure = record(
        involved, household, child, MeasureType.CUSTODY_TERMINATION, ends_on=None,
        guardian_kind="person", guardian_name="Pleegmoeder J. Bos",
    )  # fmt: skip
    assert (measure.guardian_kind, measure.guardian_name) == ("person", "Pleegmoeder J. Bos")


def test_a_custody_termination_replaces_the_running_ots_and_machtiging(
    household, involved, child, ots, gi_org
):
    placement = record(
        involved, household, child, MeasureType.OUT_OF_HOME_PLACEMENT, supervision=ots
    )
    start = datetime.date(2027, 1, 5)
    record(
        involved, household, child, MeasureType.CUSTODY_TERMINATION, ends_on=None,
        starts_on=start, guardian_kind="institution", guardian_organisation=gi_org,
    )  # fmt: skip
    ots.refresh_from_db()
    placement.refresh_from_db()
    assert ots.ended_on == start and placement.ended_on == start


def test_when_the_last_measure_runs_out_regie_returns_to_the_local_team(
    household, involved, child, jeugdbeschermer
):
    record(
        involved, household, child, MeasureType.SUPERVISION,
        ends_on=datetime.date(2026, 12, 31), lead_to=jeugdbeschermer,
    )  # fmt: skip
    assert Involvement.objects.get(household=household, is_lead=True).professional == (
        jeugdbeschermer
    )
    assert measure_services.regie_return_after_measures(datetime.date(2026, 12, 31)) == 0
    assert measure_services.regie_return_after_measures(datetime.date(2027, 1, 1)) == 1
    lead = Involvement.objects.get(household=household, is_lead=True)
    assert lead.professional == involved
    handover = Handover.objects.order_by("-occurred_at").first()
    assert handover.to_professional == involved
    # The receiver is told through the handover service (the GI recorded it, not the wijkcoach).
    assert Notification.objects.filter(recipient=involved).exists()
    assert measure_services.regie_return_after_measures(datetime.date(2027, 1, 2)) == 0


def test_without_a_local_team_professional_the_gi_gets_a_task(household, child, jeugdbeschermer):
    f.CourtMeasureFactory(
        household=household,
        child=child,
        starts_on=TODAY - datetime.timedelta(days=300),
        ends_on=TODAY - datetime.timedelta(days=1),
    )
    f.InvolvementFactory(household=household, professional=jeugdbeschermer, is_lead=True)
    assert measure_services.regie_return_after_measures(TODAY) == 1
    task = Notification.objects.get(recipient=jeugdbeschermer)
    assert task.kind == "action"
