"""Who records the course of a court measure (an extension, an early end): the judge decides;
the GI carries the measure out and asks for the extension; the regisseur records it. Any other
involved professional is refused in the service, so the web page and the API agree."""

import datetime

import pytest
from django.urls import reverse

from ketenkaart.api.tests.conftest import Api, assert_problem
from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.audit.refusals import refusals_kept
from ketenkaart.core.errors import DomainError
from ketenkaart.households import services
from ketenkaart.households.models import CourtMeasure
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def ots(household, child, involved):
    return f.CourtMeasureFactory(household=household, child=child, recorded_by=involved)


@pytest.fixture
def gi_involved(household, jeugdbeschermer):
    f.InvolvementFactory(household=household, professional=jeugdbeschermer, is_lead=False)
    return jeugdbeschermer


def state(measure):
    measure.refresh_from_db()
    return (measure.ended_on, CourtMeasure.objects.count())


def test_the_gi_that_carries_out_the_measure_extends_and_ends_it(ots, gi_involved):
    extension = services.measure_extend(
        by=gi_involved, measure=ots, ends_on=ots.ends_on + datetime.timedelta(days=100), court=""
    )
    assert extension.extends == ots and extension.recorded_by == gi_involved
    services.measure_end(by=gi_involved, measure=extension, ended_on=extension.starts_on)
    extension.refresh_from_db()
    assert extension.ended_on == extension.starts_on


def test_the_regisseur_records_the_judges_extension(ots, involved):
    services.measure_extend(
        by=involved, measure=ots, ends_on=ots.ends_on + datetime.timedelta(days=30), court=""
    )
    assert CourtMeasure.objects.filter(extends=ots).exists()


def test_another_involved_professional_may_not_extend_or_end(ots, colleague):
    before = state(ots)
    with refusals_kept(), pytest.raises(DomainError) as extend:
        services.measure_extend(
            by=colleague, measure=ots, ends_on=ots.ends_on + datetime.timedelta(days=30), court=""
        )
    with refusals_kept(), pytest.raises(DomainError) as end:
        services.measure_end(by=colleague, measure=ots, ended_on=ots.starts_on)
    assert extend.value.code == end.value.code == "forbidden"
    assert state(ots) == before
    refusals = AccessEvent.objects.filter(
        action="household.measure.change", outcome=Outcome.DENIED, actor_user_id=colleague.user.pk
    )
    assert refusals.count() == 2


def test_a_gi_professional_who_left_the_family_may_not_end_it(ots, household, jeugdbeschermer):
    f.InvolvementFactory(
        household=household,
        professional=jeugdbeschermer,
        started_on=datetime.date(2025, 1, 1),
        ended_on=datetime.date(2025, 6, 1),
    )
    before = state(ots)
    with pytest.raises(DomainError):
        services.measure_end(by=jeugdbeschermer, measure=ots, ended_on=ots.starts_on)
    assert state(ots) == before


def test_the_api_refuses_an_involved_non_gi_professional_and_changes_nothing(
    household, ots, colleague, gi_involved
):
    base = f"/api/v1/gezinnen/{household.pk}/maatregelen/{ots.pk}"
    before = state(ots)
    new_end = (ots.ends_on + datetime.timedelta(days=30)).isoformat()
    assert_problem(Api(colleague.user).post(f"{base}/verlenging", {"einddatum": new_end}), 403)
    assert_problem(
        Api(colleague.user).post(f"{base}/beeindiging", {"beeindigdOp": str(ots.starts_on)}), 403
    )
    assert state(ots) == before
    response = Api(gi_involved.user).post(f"{base}/verlenging", {"einddatum": new_end})
    assert response.status_code == 201, response.content


def test_the_web_page_refuses_the_same_professional_with_the_services_message(
    client, household, ots, colleague
):
    before = state(ots)
    client.force_login(colleague.user)
    url = reverse(
        "households:measure_end", kwargs={"household_id": household.pk, "measure_id": ots.pk}
    )
    response = client.post(url, {"ended_on": ots.starts_on.isoformat()})
    assert response.status_code == 200
    assert "gecertificeerde instelling" in response.content.decode()
    assert state(ots) == before
