"""The serializer built once per class (api.validation) validates as a new one does: the same
data for a valid body, the same errors for a refused one, and nothing kept between bodies."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from rest_framework import serializers

from ketenkaart.api.validation import shared, validated
from ketenkaart.safety_maps.api import MapSerializer
from ketenkaart.safety_maps.api_content import Inhoud, to_api
from ketenkaart.safety_maps.content import ContentError, validate_content

VALID = {
    "inhoud": {
        "zorgen": [{"watGebeurde": "Ruzie bij het ophalen.", "gevolg": "Noor was bang."}],
        "afspraken": [{"wie": "Oma", "wat": "Haalt Noor op.", "totWanneer": "2026-12-31"}],
        "netwerk": [{"naam": "Oma", "soort": "familie", "nabijheid": "dichtbij"}],
        "watGaatGoed": ["Noor gaat graag naar school."],
    },
    "schalen": [],
}
REFUSED = [
    None,  # a JSON body `null`: DRF's is_valid says "No data provided"
    [],
    "tekst",
    {"inhoud": {"zorgen": [{"watGebeurde": ""}]}},
    {"inhoud": {"afspraken": [{"wie": "Oma", "wat": "x", "totWanneer": "morgen"}]}},
    {"inhoud": {"netwerk": [{"naam": "Oma", "soort": "kennis"}]}, "schalen": "geen lijst"},
    {"inhoud": {"watGaatGoed": "geen lijst"}},
]


def _errors_of_a_new_one(data):
    serializer = MapSerializer(data=data)
    assert not serializer.is_valid()
    return serializer.errors


def test_a_valid_body_gives_what_a_new_serializer_gives():
    fresh = MapSerializer(data=VALID)
    assert fresh.is_valid(), fresh.errors
    assert validated(MapSerializer, VALID) == fresh.validated_data
    agreement = validated(MapSerializer, VALID)["inhoud"]["agreements"][0]
    assert agreement["until"] == datetime.date(2026, 12, 31)


@pytest.mark.parametrize("body", REFUSED)
def test_a_refused_body_has_the_errors_of_a_new_serializer(body):
    with pytest.raises(serializers.ValidationError) as refused:
        validated(MapSerializer, body)
    assert refused.value.detail == _errors_of_a_new_one(body)


def test_nothing_is_kept_between_bodies():
    expected = MapSerializer(data=VALID)
    assert expected.is_valid()
    for body in REFUSED:
        with pytest.raises(serializers.ValidationError):
            validated(MapSerializer, body)
        assert validated(MapSerializer, VALID) == expected.validated_data
    assert shared(MapSerializer) is shared(MapSerializer)


def test_bodies_validated_at_once_each_get_their_own_answer():
    expected = MapSerializer(data=VALID)
    assert expected.is_valid()

    def answer(body):
        try:
            return validated(MapSerializer, body)
        except serializers.ValidationError as refused:
            return refused.detail

    bodies = [VALID, *REFUSED] * 30
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(answer, bodies))
    for body, found in zip(bodies, answers, strict=True):
        assert found == (expected.validated_data if body is VALID else _errors_of_a_new_one(body))


def test_the_maps_content_is_stored_and_answered_as_before():
    stored = validate_content({"worries": [{"whatHappened": "Ruzie", "impact": "Bang"}]})
    assert stored["worries"] == [{"whatHappened": "Ruzie", "impact": "Bang"}]
    assert to_api(stored) == Inhoud(stored).data
    assert to_api(stored)["zorgen"] == [{"watGebeurde": "Ruzie", "gevolg": "Bang"}]
    for body in (None, {"worries": [{"whatHappened": ""}]}, {"strengths": "geen lijst"}):
        with pytest.raises(ContentError):
            validate_content(body)
        assert validate_content({"strengths": ["Oma helpt."]})["strengths"] == ["Oma helpt."]
