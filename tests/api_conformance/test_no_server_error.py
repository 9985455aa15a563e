"""Every input a client can send answers 4xx, never 500 (one test per server error found)."""

import json

import pytest

from ketenkaart.api.tests.conftest import assert_problem, invalid_names
from ketenkaart.reports.models import AdviceRequest, Report
from tests.bodies import leaves, replaced

ROLES = ("signaleerder", "veilig_thuis", "politie")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("body", ["{}", ""], ids=["leeg-object", "lege-body"])
def test_an_empty_melding_names_what_is_missing(api, roles, role, body):
    response = api(roles[role]).client.post(
        "/api/v1/meldingen", body, content_type="application/json"
    )
    problem = assert_problem(response, 400)
    assert problem["invalidParams"], problem
    assert "personen" in invalid_names(response)
    assert Report.objects.count() == 0


def test_an_empty_omzetting_names_what_is_missing(api, signaler):
    advice_id = api(signaler).post("/api/v1/adviezen", {"vraag": "Moet ik melden?"}).json()["id"]
    response = api(signaler).post(f"/api/v1/adviezen/{advice_id}/omzetting", {})
    assert_problem(response, 400)
    assert {"personen", "omschrijving"} <= invalid_names(response)
    assert Report.objects.count() == 0
    assert AdviceRequest.objects.count() == 1


def test_a_malformed_municipality_id_is_a_400_on_that_parameter(api, involved):
    response = api(involved).get("/api/v1/referentiekosten?gemeente=abc")
    assert_problem(response, 400)
    assert invalid_names(response) == {"gemeente"}


@pytest.mark.parametrize("depth", [33, 1000, 100_000])
def test_deep_nesting_is_a_400(api, signaler, depth):
    body = "[" * depth + "]" * depth
    response = api(signaler).client.post("/api/v1/meldingen", body, content_type="application/json")
    assert "dieper genest" in assert_problem(response, 400)["detail"]
    assert Report.objects.count() == 0


def test_brackets_inside_strings_do_not_count_as_nesting(api, signaler):
    body = json.dumps({"omschrijving": "[" * 500})
    response = api(signaler).client.post("/api/v1/meldingen", body, content_type="application/json")
    assert "dieper genest" not in assert_problem(response, 400)["detail"]


def test_a_body_over_the_limit_is_a_413(api, signaler, settings):
    settings.API_MAX_BODY_BYTES = 1000
    body = json.dumps({"omschrijving": "x" * 2000})
    response = api(signaler).client.post("/api/v1/meldingen", body, content_type="application/json")
    problem = assert_problem(response, 413)
    assert "1.000 bytes" in problem["detail"]
    assert Report.objects.count() == 0


def test_a_10_mb_body_is_a_413_with_the_default_limit(api, signaler):
    body = json.dumps({"omschrijving": "x" * 10_000_000})
    response = api(signaler).client.post("/api/v1/meldingen", body, content_type="application/json")
    assert_problem(response, 413)


def test_a_body_within_the_limit_is_parsed(api, signaler, settings):
    settings.API_MAX_BODY_BYTES = 100_000
    body = json.dumps({"omschrijving": "x" * 2000})
    response = api(signaler).client.post("/api/v1/meldingen", body, content_type="application/json")
    assert "personen" in invalid_names(assert_problem(response, 400) and response)


def test_a_duplicate_key_is_a_400_naming_it(api, signaler):
    body = '{"omschrijving": "een", "omschrijving": "twee"}'
    response = api(signaler).client.post("/api/v1/meldingen", body, content_type="application/json")
    assert_problem(response, 400)
    assert invalid_names(response) == {"omschrijving"}
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ('{"omschrijving": "\\ud800"}', "ongeldig teken"),
        ("{nee", "geen geldige JSON"),
        (b"\xff\xfe{}", "UTF-8"),
    ],
)
def test_bad_json_is_a_dutch_400(api, signaler, body, fragment):
    response = api(signaler).client.post("/api/v1/meldingen", body, content_type="application/json")
    assert fragment in assert_problem(response, 400)["detail"]


def test_a_server_error_carries_the_request_id(client, settings):
    from ketenkaart.api.middleware import ApiMiddleware

    def boom(request):
        from django.http import HttpResponseServerError

        return HttpResponseServerError("<h1>Server Error</h1>")

    request = (
        __import__("django.test", fromlist=["RequestFactory"])
        .RequestFactory()
        .get("/api/v1/gezinnen")
    )
    request.request_id = "3f0c1a6e-1111-4222-8333-944455556666"
    response = ApiMiddleware(boom)(request)
    assert response.status_code == 500
    body = json.loads(response.content)
    assert body["requestId"] == request.request_id
    assert response["Content-Type"] == "application/problem+json"


MELDING = {
    "melder": {"naam": "A. Melder", "telefoon": "0201234567", "organisatie": "", "email": ""},
    "personen": [
        {
            "rol": "kind",
            "voornamen": "Kees",
            "tussenvoegsel": "",
            "achternaam": "Proef",
            "geboortedatum": "2018-01-01",
            "bsn": "",
        }
    ],
    "omschrijving": "Zorgen om een kind.",
    "acuut": False,
}


@pytest.mark.parametrize("wrong", [{}, [], 12, None], ids=["object", "lijst", "getal", "null"])
@pytest.mark.parametrize("path", list(leaves(MELDING)), ids=lambda p: ".".join(map(str, p)))
def test_a_wrong_type_in_any_field_of_a_melding_is_a_400_naming_it(api, signaler, path, wrong):
    """Found by schemathesis: ``"rol": {}`` was looked up in a dict and crashed.

    ``null`` on an optional field means "not given" and may be accepted; any other wrong type
    is refused on that field, and nothing is stored.
    """
    body = replaced(MELDING, path, wrong)
    response = api(signaler).client.post(
        "/api/v1/meldingen", json.dumps(body), content_type="application/json"
    )
    if wrong is None and response.status_code == 201:
        assert Report.objects.count() == 1
        return
    assert_problem(response, 400)
    named = invalid_names(response)
    field = ".".join(map(str, path))
    assert field in named or field.rsplit(".", 1)[0] in named, named
    assert Report.objects.count() == 0
