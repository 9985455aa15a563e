"""/api/v1/mijn-gezin: the family member's own map, words, score, toegangslog and download;
problem+json on bad input; fixed query counts."""

import pytest
from django.utils import timezone

from ketenkaart.households.models import MemberRole
from ketenkaart.portal.models import Contribution, FamilyAccount
from ketenkaart.testing import factories as f


@pytest.fixture
def parent_api(client, household, involved):
    member = household.members.get(role=MemberRole.PARENT)
    member.has_custody = True
    member.save()
    user = f.UserFactory(username="ouder-api")
    FamilyAccount.objects.create(
        user=user, member=member, household=household, created_at=timezone.now()
    )
    client.force_login(user)
    return client


def test_it_reads_the_own_map(parent_api, involved, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        response = parent_api.get("/api/v1/mijn-gezin")
    assert response.status_code == 200
    body = response.json()
    assert body["versie"] == 0
    assert body["betrokkenen"][0]["naam"] == involved.display_name
    assert response["API-Version"]


def test_it_writes_words_and_a_score(parent_api):
    assert (
        parent_api.post(
            "/api/v1/mijn-gezin/woorden",
            {"tekst": "Wij doen ons best."},
            content_type="application/json",
        ).status_code
        == 201
    )
    response = parent_api.post(
        "/api/v1/mijn-gezin/score",
        {"score": 7, "reden": "Rustiger thuis."},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["score"] == 7
    assert Contribution.objects.count() == 2


def test_a_bad_score_names_every_invalid_field(parent_api):
    response = parent_api.post(
        "/api/v1/mijn-gezin/score",
        {"score": 12, "reden": ""},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"score", "reden"}
    assert not Contribution.objects.exists()


def test_the_toegangslog_and_download(
    parent_api, involved, household, django_assert_max_num_queries
):
    from ketenkaart.audit import services as audit

    audit.record(
        user=involved.user,
        action="household.read",
        household_id=household.pk,
        legal_basis="involvement",
    )
    with django_assert_max_num_queries(8):
        lines = parent_api.get("/api/v1/mijn-gezin/toegangslog").json()["resultaten"]
    assert lines[0]["organisatie"] == involved.organisation.name
    assert lines[0]["waarom"] == "Betrokken bij het gezin"
    assert involved.display_name not in str(lines)  # organisation and role, no names
    assert parent_api.get("/api/v1/mijn-gezin/download").status_code == 200


def test_a_professional_gets_404(client, involved):
    client.force_login(involved.user)
    assert client.get("/api/v1/mijn-gezin").status_code == 404
    assert (
        client.post(
            "/api/v1/mijn-gezin/woorden", {"tekst": "x"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert not Contribution.objects.exists()
