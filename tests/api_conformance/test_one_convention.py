"""One envelope, one moment and one amount convention, checked on the whole OpenAPI document
and on live answers: a new list that answers a bare array, a moment in UTC or an amount as a
number fails here (ketenkaart/api/formats.py; docs/api.md, "Conventions")."""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator

from ketenkaart.api.formats import AMOUNT_PATTERN, TIMESTAMP_PATTERN
from ketenkaart.reports.tests.test_api import MELDINGEN, signaler_body
from ketenkaart.safety_maps import services as maps
from ketenkaart.safety_maps.content import EMPTY_CONTENT

METHODS = ("get", "put", "post", "delete", "patch")
ENVELOPE = {"aantal", "volgende", "vorige", "resultaten"}


@pytest.fixture(scope="module")
def document() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def resolve(document, node: dict) -> dict:
    while "$ref" in node:
        node = document["components"]["schemas"][node["$ref"].split("/")[-1]]
    if "allOf" in node and len(node["allOf"]) == 1:
        return {
            **resolve(document, node["allOf"][0]),
            **{k: v for k, v in node.items() if k != "allOf"},
        }
    return node


def responses(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            for code, response in operation["responses"].items():
                if code.startswith("2"):
                    for media, content in response.get("content", {}).items():
                        if "json" in media:
                            yield f"{method.upper()} {path} {code}", content["schema"]


def properties(document):
    for name, schema in document["components"]["schemas"].items():
        for field, node in (schema.get("properties") or {}).items():
            yield f"{name}.{field}", resolve(document, node)


def test_every_collection_answers_the_envelope(document):
    bare = [
        where
        for where, schema in responses(document)
        if resolve(document, schema).get("type") == "array"
    ]
    assert bare == []
    lists = [
        where
        for where, schema in responses(document)
        if set(resolve(document, schema).get("properties", {})) >= ENVELOPE
    ]
    assert len(lists) >= 25


def test_every_amount_is_a_string_with_two_decimals(document):
    wrong = [
        where
        for where, node in properties(document)
        if node.get("type") == "number"
        or (node.get("format") == "decimal" and node.get("pattern") != AMOUNT_PATTERN)
    ]
    assert wrong == []


def test_every_moment_is_a_date_time(document):
    # Fields named for a moment (…Op, opgeslagen, ontvangen) are documented as date-time or date.
    named = [
        (where, node)
        for where, node in properties(document)
        if re.search(r"(Op|opgeslagen|ontvangen|Tijdstip)$", where) and node.get("type") == "string"
    ]
    assert named
    assert [w for w, node in named if node.get("format") not in ("date-time", "date")] == []


def check(document, schema: dict, value, found: dict, where="") -> None:
    """Walk a live answer along its schema; every moment and amount must follow the one form."""
    schema = resolve(document, schema)
    if value is None:
        return
    if schema.get("format") == "date-time":
        found["moments"].append(where)
        assert re.match(TIMESTAMP_PATTERN, value), (where, value)
    elif schema.get("format") == "decimal":
        found["amounts"].append(where)
        assert re.match(AMOUNT_PATTERN, value), (where, value)
    elif isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            check(document, schema["items"], item, found, f"{where}.{index}")
    elif isinstance(value, dict):
        for key, node in (schema.get("properties") or {}).items():
            if key in value:
                check(document, node, value[key], found, f"{where}.{key}")


def test_live_answers_follow_the_conventions(
    document, api, household, involved, vt, signaler, child
):
    maps.safety_map_save(
        by=involved,
        household=household,
        content={**EMPTY_CONTENT, "strengths": ["Oma helpt"]},
        scores=[maps.ScoreInput("professional", involved.pk, 6, "Rustiger")],
        base_number=0,
        agreed_with="moeder",
    )
    report = api(signaler).post(MELDINGEN, signaler_body(child)).json()["id"]
    gets = [
        (involved, "/gezinnen"),
        (involved, f"/gezinnen/{household.pk}"),
        (involved, f"/gezinnen/{household.pk}/leden"),
        (involved, f"/gezinnen/{household.pk}/betrokkenen"),
        (involved, f"/gezinnen/{household.pk}/regie"),
        (involved, f"/gezinnen/{household.pk}/veiligheidskaart"),
        (involved, f"/gezinnen/{household.pk}/veiligheidskaart/versies"),
        (involved, f"/gezinnen/{household.pk}/toegangslog"),
        (involved, "/referentiekosten"),
        (vt, "/meldingen"),
        (vt, f"/meldingen/{report}"),
        (signaler, f"/meldingen/{report}"),
    ]
    found = {"moments": [], "amounts": []}
    for professional, path in gets:
        response = api(professional).get(f"/api/v1{path}")
        assert response.status_code == 200, (path, response.content)
        operation = next(
            op
            for template, item in document["paths"].items()
            if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), path)
            for method, op in item.items()
            if method == "get"
        )
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        check(document, schema, response.json(), found, path)
    assert len(found["moments"]) >= 10
    assert found["amounts"]


# Stored values that are Dutch (or a law's article) as they are, so the API may show them.
STORED_AND_DUTCH = {
    "bw_1_240",
    "jeugdwet_7_3_11",
    "wmo_4_1_1",
    "wmo_5_2_6",
    "open",
    "professional",
    "professionals",
    "veilig_thuis",
    "privacy_officer",
    "school",
    "sport",
}


def test_every_enum_value_is_dutch(document):
    """No stored (English) choice value leaks into the API: each is mapped at the edge."""
    from django.db import models

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    stored = {
        value
        for choices in subclasses(models.TextChoices)
        if choices.__module__.startswith("ketenkaart")
        for value in choices.values
    }
    values = {
        value
        for schema in document["components"]["schemas"].values()
        for value in schema.get("enum", [])
        if value
    }
    assert len(values) > 100
    assert (values & stored) - STORED_AND_DUTCH == set()
