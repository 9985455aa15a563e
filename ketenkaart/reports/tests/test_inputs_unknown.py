"""The wire-format parsers name every unknown field (nested ones with dots) and always return a
value or errors, never neither; the API answers 400 naming the field and stores nothing."""

import pytest

from ketenkaart.api.tests.conftest import assert_problem, invalid_names
from ketenkaart.reports import inputs
from ketenkaart.reports.models import Report
from ketenkaart.reports.tests.test_api import MELDINGEN, police_body, signaler_body


def test_the_police_parser_names_unknown_fields_at_every_level():
    body = police_body()
    body["kleur"] = "blauw"
    body["melder"]["rang"] = "agent"
    body["personen"][0]["adres"] = "x"
    body["formulieren"][0]["bijlage"] = "y"

    message, errors = inputs.parse_police_message(body)

    assert message is None
    assert set(errors.by_field) == {
        "kleur",
        "melder.rang",
        "personen.0.adres",
        "formulieren.0.bijlage",
    }


def test_a_police_message_without_unknown_fields_parses():
    message, errors = inputs.parse_police_message(police_body())
    assert message is not None and not errors


@pytest.mark.parametrize(
    "data",
    [None, {}, [], "", 0, {"melder": None}, {"personen": [None]}, {"personen": "x"}, {"x": 1}],
)
@pytest.mark.parametrize("parse", [inputs.parse_police_message, inputs.parse_report])
def test_a_parser_returns_a_value_or_errors_never_neither(parse, data):
    value, errors = parse(data)
    assert (value is None) == bool(errors)


def test_an_unknown_field_in_a_signalers_melding_is_400_and_nothing_is_stored(api, school, child):
    body = signaler_body(child)
    body["registratienummer"] = "PL-1"
    body["personen"][0]["schoolklas"] = "7b"

    response = api(school).post(MELDINGEN, body)

    assert_problem(response, 400)
    assert invalid_names(response) == {"registratienummer", "personen.0.schoolklas"}
    assert not Report.objects.exists()


def test_an_unknown_field_in_a_police_message_is_400_and_nothing_is_stored(api, police):
    body = police_body()
    body["formulieren"][0]["bijlage"] = "y"

    response = api(police).post(MELDINGEN, body)

    assert_problem(response, 400)
    assert invalid_names(response) == {"formulieren.0.bijlage"}
    assert not Report.objects.exists()
