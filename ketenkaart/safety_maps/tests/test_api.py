"""/api/v1/gezinnen/{id}/veiligheidskaart: ETag and If-Match, 428/412 as problem+json with
nothing stored, versions, one version, the difference, the PDF, and the gate."""

import pytest

from ketenkaart.api.tests.conftest import assert_problem, url
from ketenkaart.audit.models import AccessEvent
from ketenkaart.safety_maps import api_content, selectors, services
from ketenkaart.safety_maps.models import SafetyMapVersion
from ketenkaart.safety_maps.tests.conftest import FAMILY_WORDS, add_versions, content, save


def body(**sections):
    """A PUT body: stored sections (English keys) in the API's Dutch shape."""
    return {"inhoud": api_content.to_api(content(**sections))}


def test_get_returns_the_map_with_an_etag(api, involved, household, first_version):
    response = api(involved).get(url(household, "/veiligheidskaart"))

    assert response.status_code == 200
    data = response.json()
    assert data["versie"] == 1
    assert data["inhoud"]["woordenVanHetGezin"] == FAMILY_WORDS
    assert response["ETag"] == f'"{first_version.map_id}-1"'


def test_put_without_if_match_is_428_and_stores_nothing(api, involved, household, first_version):
    response = api(involved).put(url(household, "/veiligheidskaart"), body())

    assert_problem(response, 428)
    assert SafetyMapVersion.objects.count() == 1


def test_put_with_a_stale_if_match_is_412_and_stores_nothing(
    api, involved, colleague, household, first_version
):
    client = api(involved)
    etag = client.get(url(household, "/veiligheidskaart"))["ETag"]
    save(colleague, household, 1, strengths=["Intussen"])

    response = client.put(
        url(household, "/veiligheidskaart"), body(strengths=["Mijn versie"]), HTTP_IF_MATCH=etag
    )

    problem = assert_problem(response, 412)
    assert "versie is 2" in problem["detail"]
    assert SafetyMapVersion.objects.count() == 2
    assert SafetyMapVersion.objects.get(number=2).content["strengths"] == ["Intussen"]


def test_put_with_the_current_etag_saves_a_new_version(api, involved, household, first_version):
    client = api(involved)
    etag = client.get(url(household, "/veiligheidskaart"))["ETag"]

    response = client.put(
        url(household, "/veiligheidskaart"),
        {
            **body(strengths=["Rust"]),
            "schalen": [
                {
                    "deelnemer": {"soort": "professional", "id": str(involved.pk)},
                    "score": 5,
                    "reden": "Beter",
                }
            ],
        },
        HTTP_IF_MATCH=etag,
    )

    assert response.status_code == 200, response.content
    assert response.json()["versie"] == 2
    assert response.json()["schalen"][0]["score"] == 5
    assert response["ETag"] == f'"{first_version.map_id}-2"'
    assert AccessEvent.objects.filter(action="safety_map.version.saved").count() == 2


def test_the_first_put_uses_the_etag_of_the_empty_map(api, involved, household):
    client = api(involved)
    empty = client.get(url(household, "/veiligheidskaart"))
    assert empty.json()["versie"] == 0

    response = client.put(url(household, "/veiligheidskaart"), body(), HTTP_IF_MATCH=empty["ETag"])
    assert response.status_code == 200, response.content
    again = client.put(url(household, "/veiligheidskaart"), body(), HTTP_IF_MATCH=empty["ETag"])
    assert_problem(again, 412)
    assert SafetyMapVersion.objects.count() == 1


def test_invalid_content_is_400_with_invalid_params(api, involved, household, first_version):
    client = api(involved)
    etag = client.get(url(household, "/veiligheidskaart"))["ETag"]

    response = client.put(
        url(household, "/veiligheidskaart"),
        body(worries=[{"whatHappened": "", "impact": "x" * 3000}]),
        HTTP_IF_MATCH=etag,
    )

    problem = assert_problem(response, 400)
    names = {p["name"] for p in problem["invalidParams"]}
    assert "inhoud.zorgen.0.watGebeurde" in names
    assert "inhoud.zorgen.0.gevolg" in names


def test_only_veilig_thuis_changes_the_safety_conditions(
    api, involved, colleague, household, first_version
):
    client = api(involved)
    etag = client.get(url(household, "/veiligheidskaart"))["ETag"]
    refused = client.put(
        url(household, "/veiligheidskaart"),
        body(safetyConditions=["Geen alcohol"]),
        HTTP_IF_MATCH=etag,
    )
    assert_problem(refused, 403)
    assert SafetyMapVersion.objects.count() == 1

    vt = api(colleague)
    accepted = vt.put(
        url(household, "/veiligheidskaart"),
        body(safetyConditions=["Geen alcohol"]),
        HTTP_IF_MATCH=etag,
    )
    assert accepted.status_code == 200


def test_versions_are_listed_paginated_and_read_one_by_one(api, involved, household, first_version):
    save(involved, household, 1, strengths=["Oma helpt"])
    client = api(involved)

    listing = client.get(url(household, "/veiligheidskaart/versies?paginaGrootte=1"))
    one = client.get(url(household, "/veiligheidskaart/versies/1"))
    missing = client.get(url(household, "/veiligheidskaart/versies/9"))

    assert listing.status_code == 200
    assert listing.json()["aantal"] == 2
    assert listing.json()["resultaten"][0]["versie"] == 2
    assert listing.json()["resultaten"][0]["gewijzigd"] == ["watGaatGoed"]
    assert one.json()["inhoud"]["watGaatGoed"] == ["Moeder brengt Noor elke dag naar school."]
    assert_problem(missing, 404)


def test_the_difference_between_two_versions(api, involved, household, first_version):
    save(involved, household, 1, strengths=["Oma helpt"])

    response = api(involved).get(url(household, "/veiligheidskaart/versies/verschil?van=1&tot=2"))

    assert response.status_code == 200
    [change] = response.json()["onderdelen"]
    assert change["onderdeel"] == "watGaatGoed"
    assert change["toegevoegd"] == ["Oma helpt"]
    assert change["verwijderd"] == ["Moeder brengt Noor elke dag naar school."]
    assert_problem(
        api(involved).get(url(household, "/veiligheidskaart/versies/verschil?van=x&tot=2")), 400
    )


def test_accept_pdf_gives_the_familys_pdf_and_is_audited(api, involved, household, first_version):
    response = api(involved).get(url(household, "/veiligheidskaart"), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AccessEvent.objects.filter(action="safety_map.export.pdf").exists()


@pytest.mark.parametrize(
    "rest",
    [
        "/veiligheidskaart",
        "/veiligheidskaart/versies",
        "/veiligheidskaart/versies/1",
        "/veiligheidskaart/versies/verschil?van=1&tot=1",
    ],
)
def test_an_outsider_gets_404_for_the_map_versions_and_diff(
    api, outsider, household, first_version, rest
):
    assert_problem(api(outsider).get(url(household, rest)), 404)


def test_an_outsider_gets_404_for_the_pdf_and_cannot_put(api, outsider, household, first_version):
    client = api(outsider)
    pdf = client.get(url(household, "/veiligheidskaart"), HTTP_ACCEPT="application/pdf")
    put = client.put(url(household, "/veiligheidskaart"), body(), HTTP_IF_MATCH="*")

    assert pdf.status_code == 404
    assert pdf["Content-Type"] == "application/problem+json"
    assert_problem(put, 404)
    assert SafetyMapVersion.objects.count() == 1


def test_what_get_returns_can_be_put_back_unchanged(api, involved, household, first_version, child):
    """One representation: the GET body, sent back with If-Match, is a new version with the
    same content and the same scores (an unchanged score is not given again)."""
    save(
        involved,
        household,
        1,
        scores=[services.ScoreInput("professional", involved.pk, 4, "Zorgen blijven.")],
        worries=[{"whatHappened": "Ruzie", "impact": "Noor slaapt slecht"}],
        agreements=[
            {"who": "Moeder", "what": "Belt oma", "monitoredBy": "", "until": "2027-01-31"}
        ],
        network=[{"name": "Oma", "relation": "oma", "helpsWith": "", "kind": "family"}],
        agreed_with="moeder",
    )
    client = api(involved)
    got = client.get(url(household, "/veiligheidskaart"))
    assert got.json()["inhoud"]["netwerk"][0]["soort"] == "familie"
    assert set(got.json()["inhoud"]) == set(api_content.SECTION_KEYS.values()) - {"schalen"}

    put = client.put(url(household, "/veiligheidskaart"), got.json(), HTTP_IF_MATCH=got["ETag"])

    assert put.status_code == 200, put.content
    assert put.json()["versie"] == 3
    assert put.json()["inhoud"] == got.json()["inhoud"]
    assert put.json()["schalen"] == got.json()["schalen"]
    again = client.get(url(household, "/veiligheidskaart")).json()
    assert again["inhoud"] == got.json()["inhoud"]
    stored = SafetyMapVersion.objects.get(number=3)
    assert stored.content == SafetyMapVersion.objects.get(number=2).content
    assert stored.changed_sections == []
    # The echoed agreement belonged to version 2; version 3 was not agreed with the family.
    assert again["afgesprokenMetGezin"] == {"afgesproken": False, "met": None, "op": None}


def test_a_new_agreement_is_marked_and_an_unknown_field_is_named(api, involved, household):
    client = api(involved)
    empty = client.get(url(household, "/veiligheidskaart"))
    unknown = client.put(
        url(household, "/veiligheidskaart"),
        {**body(), "inhoud": {**body()["inhoud"], "worries": []}},
        HTTP_IF_MATCH=empty["ETag"],
    )
    problem = assert_problem(unknown, 400)
    assert [p["name"] for p in problem["invalidParams"]] == ["inhoud.worries"]
    assert SafetyMapVersion.objects.count() == 0

    agreed = client.put(
        url(household, "/veiligheidskaart"),
        {**body(), "afgesprokenMetGezin": {"met": "vader"}},
        HTTP_IF_MATCH=empty["ETag"],
    )
    assert agreed.status_code == 200, agreed.content
    assert agreed.json()["afgesprokenMetGezin"]["met"] == "vader"
    assert agreed.json()["afgesprokenMetGezin"]["afgesproken"] is True


def put_scored(client, household, etag, n):
    return client.put(
        url(household, "/veiligheidskaart"),
        {
            **body(strengths=[f"Versie {n}"]),
            "schalen": [
                {
                    "deelnemer": {"soort": "professional", "id": str(client.user_pk)},
                    "score": n % 10,
                    "reden": f"Reden {n}",
                }
            ],
        },
        HTTP_IF_MATCH=etag,
    )


# The session with its user; the acting professional with its organisation, and the household
# with its write grant in one statement (the gate, since the dossier-read change of issue 17);
# the map with its current version, the last version agreed with the family (one step on a
# partial index) and the scores;
# then, in the save's transaction (two savepoint statements), the write grant again, the scored
# professional's involvement, the conditional update of the map, the version, its score and
# the audit row; and the scores of the new version for the answer.
PUT_QUERIES = 15


def test_a_put_costs_the_same_queries_on_a_new_map_and_one_with_1000_versions(
    api, involved, household, first_version, django_assert_num_queries
):
    client = api(involved)
    client.user_pk = involved.pk
    etag = client.get(url(household, "/veiligheidskaart"))["ETag"]
    agreed = save(involved, household, 1, agreed_with="moeder", strengths=["Afgesproken"])
    save(involved, household, 2, strengths=["Daarna"])
    etag = client.get(url(household, "/veiligheidskaart"))["ETag"]
    with django_assert_num_queries(PUT_QUERIES):
        response = put_scored(client, household, etag, 3)
    assert response.status_code == 200, response.content
    assert response.json()["versie"] == 4
    assert response.json()["schalen"][0]["score"] == 3
    assert response.json()["afgesprokenMetGezin"]["afgesproken"] is False
    assert selectors.map_state(household).last_agreed == agreed

    first_version.map.refresh_from_db()
    add_versions(first_version.map, involved, 1_000)
    etag = client.get(url(household, "/veiligheidskaart"))["ETag"]
    with django_assert_num_queries(PUT_QUERIES):
        response = put_scored(client, household, etag, 4)
    assert response.status_code == 200, response.content
    assert response.json()["versie"] == 1_005
    assert response["ETag"] == f'"{first_version.map_id}-1005"'
    # What the answer says is what a fresh read says.
    again = client.get(url(household, "/veiligheidskaart"))
    assert again.json() == response.json()
    assert again["ETag"] == response["ETag"]


def test_a_put_without_a_new_score_answers_the_scores_the_map_had_without_reading_them_again(
    api, involved, household, first_version, django_assert_num_queries
):
    client = api(involved)
    client.user_pk = involved.pk
    etag = client.get(url(household, "/veiligheidskaart"))["ETag"]
    scored = put_scored(client, household, etag, 7)
    assert scored.status_code == 200, scored.content

    # The same score and reason once more is no new score: the answer's scales are the ones
    # the map showed before the save (no statement for them, none for a score to store).
    with django_assert_num_queries(PUT_QUERIES - 2):
        again = put_scored(client, household, scored["ETag"], 7)
    assert again.status_code == 200, again.content
    assert again.json()["versie"] == 3
    # No scales at all: the involvement check goes too.
    with django_assert_num_queries(PUT_QUERIES - 3):
        unscored = client.put(
            url(household, "/veiligheidskaart"),
            body(strengths=["Zonder schaal"]),
            HTTP_IF_MATCH=again["ETag"],
        )
    assert unscored.status_code == 200, unscored.content
    assert [s["score"] for s in unscored.json()["schalen"]] == [7]
    read = client.get(url(household, "/veiligheidskaart"))
    assert unscored.json() == read.json()
    assert unscored["ETag"] == read["ETag"] == f'"{first_version.map_id}-4"'
