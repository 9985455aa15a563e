"""The Dutch API Design Rules as Ketenkaart applies them: no trailing slash, problem+json,
API-Version on every response, an OpenAPI 3.0 document, bearer tokens."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from drf_spectacular.validation import validate_schema

from ketenkaart.api.models import ApiToken, hash_token
from ketenkaart.api.tests.conftest import assert_problem, url
from ketenkaart.households.models import Member


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/gezinnen/",
        "/api/v1/gezinnen/{id}/",
        "/api/v1/gezinnen/{id}/leden/",
        "/api/v1/openapi.json/",
        "/api/v1/onbekend",
        "/api/v1/gezinnen/geen-uuid",
        "/api/v1/",
        "/api/v1",
        "/api/v2/gezinnen",
        "/api/",
    ],
)
def test_a_trailing_slash_or_unknown_path_answers_404_problem(api, household, involved, path):
    response = api(involved).get(path.format(id=household.pk))

    body = assert_problem(response, 404)
    assert body["title"] == "Niet gevonden"
    assert response["API-Version"] == settings.API_VERSION


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/v1/gezinnen", 200),
        ("get", "/api/v1/gezinnen/{id}", 200),
        ("get", "/api/v1/openapi.json", 200),
        ("get", "/api/v1/gezinnen/", 404),
        ("delete", "/api/v1/gezinnen/{id}", 405),
        ("post", "/api/v1/gezinnen", 400),
    ],
)
def test_every_api_response_carries_the_api_version(api, household, involved, method, path, status):
    client = api(involved).client

    response = getattr(client, method)(
        path.format(id=household.pk), content_type="application/json"
    )

    assert response.status_code == status
    assert response["API-Version"] == settings.API_VERSION
    assert response["Cache-Control"] == "no-store"


def test_a_page_outside_the_api_has_no_api_version(client, db):
    assert "API-Version" not in client.get("/healthz")


def test_a_method_that_does_not_exist_answers_405_problem(api, household, involved):
    response = api(involved).client.delete(url(household))

    body = assert_problem(response, 405)
    assert body["detail"] == 'Methode "DELETE" niet toegestaan.'


def test_bad_json_answers_400_problem_and_stores_nothing(api, household, involved):
    before = Member.objects.count()

    response = api(involved).client.post(
        url(household, "/leden"), '{"voornamen": "Sam",', content_type="application/json"
    )

    body = assert_problem(response, 400)
    assert body["detail"] == "De invoer is geen geldige JSON."
    assert Member.objects.count() == before


def test_a_form_post_answers_415_problem(api, household, involved):
    before = Member.objects.count()

    response = api(involved).client.post(
        url(household, "/leden"), {"voornamen": "Sam", "achternaam": "X", "rol": "kind"}
    )

    assert_problem(response, 415)
    assert Member.objects.count() == before


def test_a_json_array_instead_of_an_object_answers_400(api, household, involved):
    response = api(involved).client.post(
        url(household, "/leden"), "[]", content_type="application/json"
    )

    assert_problem(response, 400)


def test_the_openapi_document_is_served_and_valid_openapi_3_0(client, db):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.0.")
    validate_schema(document)
    assert "/gezinnen/{gezin}/regie" in document["paths"]
    assert not [p for p in document["paths"] if p.endswith("/")]
    assert response["API-Version"] == document["info"]["version"] == settings.API_VERSION


def test_the_openapi_document_generates_without_warnings(tmp_path):
    target = tmp_path / "openapi.json"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    assert target.stat().st_size > 0


def test_every_schema_property_is_camel_case(client, db):
    document = json.loads(client.get("/api/v1/openapi.json").content)

    names = {
        name
        for schema in document["components"]["schemas"].values()
        for name in schema.get("properties", {})
    }
    assert not [name for name in names if "_" in name or "-" in name or name[0].isupper()]


def test_a_bearer_token_authenticates(household, involved, client):
    out = io.StringIO()
    call_command("token", "create", "--user", involved.user.username, stdout=out)
    token = out.getvalue().split()[-1]

    response = client.get(url(household), HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 200
    assert response.json()["id"] == str(household.pk)


def test_the_token_command_prints_the_token_last_and_stores_only_its_hash(involved):
    out = io.StringIO()

    call_command("token", "create", "--user", involved.user.username, stdout=out)

    token = out.getvalue().split()[-1]
    stored = ApiToken.objects.get(user=involved.user)
    assert stored.digest == hash_token(token)
    assert token not in {stored.digest, stored.name}


def test_a_revoked_or_unknown_token_answers_401(household, involved, client):
    out = io.StringIO()
    call_command("token", "create", "--user", involved.user.username, stdout=out)
    token = out.getvalue().split()[-1]
    call_command("token", "revoke", "--user", involved.user.username, stdout=io.StringIO())

    revoked = client.get(url(household), HTTP_AUTHORIZATION=f"Bearer {token}")
    unknown = client.get(url(household), HTTP_AUTHORIZATION="Bearer verzonnen")

    assert_problem(revoked, 401)
    assert_problem(unknown, 401)


def test_a_bearer_token_needs_no_csrf_token(household, involved, municipality):
    from django.test import Client

    out = io.StringIO()
    call_command("token", "create", "--user", involved.user.username, stdout=out)
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        "/api/v1/gezinnen",
        {"naam": "Gezin Smit", "gemeente": str(municipality.pk)},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {out.getvalue().split()[-1]}",
    )

    assert response.status_code == 201, response.content


def test_a_session_write_needs_a_csrf_token(involved, municipality):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(involved.user)

    response = client.post(
        "/api/v1/gezinnen",
        {"naam": "Gezin Smit", "gemeente": str(municipality.pk)},
        content_type="application/json",
    )

    assert_problem(response, 403)
