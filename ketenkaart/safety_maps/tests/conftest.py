"""Helpers for the map's tests: content to save, and a map with many versions in bulk."""

import datetime

import pytest
from django.utils import timezone

from ketenkaart.api.tests.conftest import Api
from ketenkaart.safety_maps import services
from ketenkaart.safety_maps.content import EMPTY_CONTENT
from ketenkaart.safety_maps.models import SafetyMap, SafetyMapVersion, SafetyScore

FAMILY_WORDS = (
    "We willen dat Noor weer rustig kan slapen en dat er thuis niet meer geschreeuwd wordt."
)


def content(**sections) -> dict:
    return {**EMPTY_CONTENT, "familyWords": FAMILY_WORDS, **sections}


def save(by, household, base_number, scores=(), agreed_with="", **sections):
    return services.safety_map_save(
        by=by,
        household=household,
        content=content(**sections),
        scores=scores,
        base_number=base_number,
        agreed_with=agreed_with,
    )


def add_versions(safety_map: SafetyMap, author, count: int, *, with_scores_for=None) -> None:
    """`count` more versions on an existing map, in bulk (as years of use would leave)."""
    start = safety_map.current_number
    now = timezone.now()
    versions = SafetyMapVersion.objects.bulk_create(
        SafetyMapVersion(
            map=safety_map,
            number=start + n + 1,
            content=content(strengths=[f"Moment {start + n + 1} ging goed"]),
            changed_sections=["strengths"],
            author=author,
            organisation_id=author.organisation_id,
            created_at=now - datetime.timedelta(days=count - n),
            agreed_with_family=False,
        )
        for n in range(count)
    )
    if with_scores_for is not None:
        SafetyScore.objects.bulk_create(
            SafetyScore(
                version=v,
                map=safety_map,
                number=v.number,
                participant_kind="professional",
                professional=with_scores_for,
                score=v.number % 11,
                reason="Bulk",
                given_at=v.created_at,
            )
            for v in versions
        )
    SafetyMap.objects.filter(pk=safety_map.pk).update(current_number=start + count)
    safety_map.refresh_from_db()


@pytest.fixture
def first_version(involved, household):
    return save(involved, household, 0, strengths=["Moeder brengt Noor elke dag naar school."])


@pytest.fixture
def api():
    """A JSON client per professional, as in the API's own tests."""

    def make(professional=None):
        return Api(professional.user if professional is not None else None)

    return make
