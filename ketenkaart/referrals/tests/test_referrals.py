"""Recording a referral on the dossier: the service asks the gate again, the page and the API
parse only, refusals change nothing."""

import datetime

import pytest
from django.test import Client

from ketenkaart.api.tests.conftest import Api, assert_problem, invalid_names
from ketenkaart.audit.models import AccessEvent
from ketenkaart.core.errors import DomainError
from ketenkaart.referrals import services
from ketenkaart.referrals.models import Referral

TODAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 12), tick=False)


def record(by, household, **kw):
    return services.referral_record(
        by=by,
        household=household,
        care_kind=kw.get("care_kind", "foster_care"),
        referred_by=kw.get("referred_by", "certified_institution"),
        referred_on=kw.get("referred_on", TODAY),
    )


def test_it_records_a_referral_with_its_area_and_an_audit_row(involved, household):
    referral = record(involved, household)
    assert referral.region_id == household.region_id
    assert referral.municipality_id == household.municipality_id
    assert AccessEvent.objects.filter(
        action="referral.recorded", household_id=household.pk, object_id=str(referral.pk)
    ).exists()


def test_the_service_refuses_who_is_not_involved(outsider, household):
    with pytest.raises(DomainError) as error:
        record(outsider, household)
    assert error.value.code == "forbidden"
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"care_kind": "spa"}, "care_kind"),
        ({"referred_by": "buurman"}, "referred_by"),
        ({"referred_on": TODAY + datetime.timedelta(days=1)}, "referred_on"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(involved, household, kw, field):
    with pytest.raises(DomainError) as error:
        record(involved, household, **kw)
    assert error.value.field == field
    assert not Referral.objects.exists()


def test_the_page_lists_and_records(involved, household):
    client = Client()
    client.force_login(involved.user)
    url = f"/gezinnen/{household.pk}/verwijzingen"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"care_kind": "residential", "referred_by": "court", "referred_on": "2026-02-20"}
    )
    assert response.status_code == 302
    assert Referral.objects.get().referred_by == "court"
    response = client.post(url, {"care_kind": "", "referred_by": "court", "referred_on": "x"})
    assert response.status_code == 400
    assert "Vul dit veld in." in response.content.decode()
    assert Referral.objects.count() == 1


def test_the_page_hides_the_family_from_an_outsider(outsider, household):
    client = Client()
    client.force_login(outsider.user)
    url = f"/gezinnen/{household.pk}/verwijzingen"
    assert client.get(url).status_code == 404
    data = {"care_kind": "residential", "referred_by": "court", "referred_on": "2026-02-20"}
    assert client.post(url, data).status_code == 404
    assert not Referral.objects.exists()


def test_the_api_creates_and_lists(involved, household):
    api = Api(involved.user)
    url = f"/api/v1/gezinnen/{household.pk}/verwijzingen"
    response = api.post(
        url, {"soortZorg": "pleegzorg", "verwezenDoor": "wijkteam", "datum": "2026-03-01"}
    )
    assert response.status_code == 201, response.content
    body = api.get(url).json()
    assert body["aantal"] == 1 and body["resultaten"][0]["verwezenDoor"] == "wijkteam"


def test_the_api_names_every_invalid_field_and_stores_nothing(involved, household):
    api = Api(involved.user)
    url = f"/api/v1/gezinnen/{household.pk}/verwijzingen"
    response = api.post(url, {"soortZorg": "x", "verwezenDoor": "y", "datum": "gisteren"})
    assert_problem(response, 400)
    assert invalid_names(response) == {"soortZorg", "verwezenDoor", "datum"}
    response = api.post(
        url, {"soortZorg": "pleegzorg", "verwezenDoor": "kinderrechter", "datum": "2027-01-01"}
    )
    assert_problem(response, 400)
    assert invalid_names(response) == {"datum"}
    assert not Referral.objects.exists()


def test_the_api_hides_the_family_from_an_outsider(outsider, household):
    api = Api(outsider.user)
    url = f"/api/v1/gezinnen/{household.pk}/verwijzingen"
    assert_problem(api.get(url), 404)
    data = {"soortZorg": "pleegzorg", "verwezenDoor": "kinderrechter", "datum": "2026-03-01"}
    assert_problem(api.post(url, data), 404)
    assert not Referral.objects.exists()


def test_the_dossier_links_to_the_referrals(involved, household):
    client = Client()
    client.force_login(involved.user)
    html = client.get(f"/gezinnen/{household.pk}").content.decode()
    assert f'href="/gezinnen/{household.pk}/verwijzingen"' in html
