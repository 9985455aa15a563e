"""Issue 11: the machtiging uithuisplaatsing carried out, on the web and through the API, so
it does not lapse after 3 months unused (art. 1:265c lid 3 BW). Refusals change nothing."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from ketenkaart.api.tests.conftest import Api
from ketenkaart.audit.models import AccessEvent
from ketenkaart.households import services
from ketenkaart.households.models import CourtMeasure, MeasureType
from ketenkaart.households.tests.test_measure_rules import YEAR_END

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)):
        yield


@pytest.fixture
def api():
    return lambda professional: Api(professional.user)


@pytest.fixture
def placement(household, involved, child):
    ots = services.measure_record(
        by=involved, household=household, child=child, type=MeasureType.SUPERVISION,
        starts_on=TODAY, ends_on=YEAR_END, court="Rechtbank",
    )  # fmt: skip
    return services.measure_record(
        by=involved, household=household, child=child, type=MeasureType.OUT_OF_HOME_PLACEMENT,
        starts_on=TODAY, ends_on=YEAR_END, court="Rechtbank", supervision=ots,
    )  # fmt: skip


def _state(measure):
    measure = CourtMeasure.objects.get(pk=measure.pk)
    return measure.used_on, measure.lapses_on


def _web(household, measure):
    return reverse(
        "households:measure_use", kwargs={"household_id": household.pk, "measure_id": measure.pk}
    )


def _api(household, measure):
    return reverse("api:measure-use", kwargs={"gezin": household.pk, "maatregel": measure.pk})


def test_the_regisseur_records_the_use_on_the_web(client, household, involved, placement):
    assert placement.lapses_on == datetime.date(2027, 2, 23)
    client.force_login(involved.user)
    page = client.get(reverse("households:detail", kwargs={"household_id": household.pk}))
    assert _web(household, placement) in page.content.decode()
    assert client.get(_web(household, placement)).status_code == 200
    response = client.post(_web(household, placement), {"used_on": "2026-12-01"})
    assert response.status_code == 302
    assert _state(placement) == (datetime.date(2026, 12, 1), None)
    assert AccessEvent.objects.filter(
        action="household.measure.used", object_id=placement.pk
    ).exists()


def test_a_use_after_the_lapse_date_is_refused_and_changes_nothing(
    client, household, involved, placement
):
    before = _state(placement)
    client.force_login(involved.user)
    response = client.post(_web(household, placement), {"used_on": "2027-02-23"})
    assert response.status_code == 200
    assert "used_on" in response.context["form"].errors
    response = client.post(_web(household, placement), {"used_on": "geen datum"})
    assert "used_on" in response.context["form"].errors
    assert _state(placement) == before


def test_an_ots_has_no_use(client, household, involved, placement):
    ots = placement.supervision
    client.force_login(involved.user)
    response = client.post(_web(household, ots), {"used_on": "2026-12-01"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert CourtMeasure.objects.get(pk=ots.pk).used_on is None


def test_outsiders_cannot_record_a_use(client, api, household, placement, outsider, police):
    before = _state(placement)
    for who in (outsider, police):
        client.force_login(who.user)
        assert client.post(_web(household, placement), {"used_on": "2026-12-01"}).status_code == 404
        response = api(who).post(_api(household, placement), {"tenUitvoerGelegdOp": "2026-12-01"})
        assert response.status_code == 404
    assert _state(placement) == before
    assert not AccessEvent.objects.filter(action="household.measure.used").exists()


def test_the_api_records_the_use(api, household, involved, placement):
    url = _api(household, placement)
    response = api(involved).post(url, {})
    assert response.status_code == 400 and "tenUitvoerGelegdOp" in str(response.json())
    response = api(involved).post(url, {"tenUitvoerGelegdOp": "2027-03-01"})
    assert response.status_code == 400 and "tenUitvoerGelegdOp" in str(response.json())
    assert _state(placement) == (None, datetime.date(2027, 2, 23))
    response = api(involved).post(url, {"tenUitvoerGelegdOp": "2026-12-01"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["tenUitvoerGelegdOp"] == "2026-12-01" and body["vervaltOp"] is None
    again = api(involved).post(url, {"tenUitvoerGelegdOp": "2026-12-02"})
    assert again.status_code == 409
    assert _state(placement) == (datetime.date(2026, 12, 1), None)
