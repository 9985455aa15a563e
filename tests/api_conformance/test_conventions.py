"""Conventions a client relies on: 404 for what does not exist whatever the method, OPTIONS,
paging parameters checked, unknown fields refused by name, errors in Dutch."""

import pytest
from django.test import Client

from ketenkaart.api.tests.conftest import assert_problem, invalid_names
from ketenkaart.households.models import Household


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/bestaat-niet",
        "/api/v1/gezinnen/",
        "/api/v1/gezinnen/geen-uuid",
        "/api/v1/meldingen/123/veiligheidsbeoordeling",
    ],
)
def test_an_unsafe_method_on_an_unknown_path_is_a_404_not_a_csrf_403(involved, method, path):
    client = Client(enforce_csrf_checks=True)
    client.force_login(involved.user)
    response = getattr(client, method)(path, "{}", content_type="application/json")
    assert_problem(response, 404)
    assert Household.objects.count() == 1


def test_options_answers_the_allowed_methods(api, involved):
    response = api(involved).client.options("/api/v1/gezinnen")
    assert response.status_code == 204
    assert {"GET", "POST", "OPTIONS"} <= {m.strip() for m in response["Allow"].split(",")}


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("pagina=abc", "pagina"),
        ("pagina=0", "pagina"),
        ("paginaGrootte=10000", "paginaGrootte"),
        ("paginaGrootte=-1", "paginaGrootte"),
    ],
)
def test_a_malformed_paging_parameter_is_a_400_naming_it(api, involved, query, name):
    response = api(involved).get(f"/api/v1/gezinnen?{query}")
    assert_problem(response, 400)
    assert invalid_names(response) == {name}


def test_the_largest_page_size_is_allowed(api, involved):
    response = api(involved).get("/api/v1/gezinnen?paginaGrootte=200")
    assert response.status_code == 200
    assert response.json()["aantal"] == 1


def test_an_unknown_field_is_a_400_naming_it_and_nothing_is_stored(api, involved, household):
    response = api(involved).post(
        "/api/v1/gezinnen", {"naam": "Gezin Nieuw", "wijk": None, "kleur": "blauw"}
    )
    assert_problem(response, 400)
    assert "kleur" in invalid_names(response)
    assert Household.objects.count() == 1


def test_no_data_is_answered_in_dutch(api, involved):
    response = api(involved).client.post(
        "/api/v1/gezinnen", "null", content_type="application/json"
    )
    body = assert_problem(response, 400)
    reasons = " ".join(param["reason"] for param in body["invalidParams"])
    assert "No data provided" not in reasons
    assert Household.objects.count() == 1
