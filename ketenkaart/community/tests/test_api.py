"""/api/v1/wijken/{id}/gids and /api/v1/consulten: personas and problem+json."""

import pytest

from ketenkaart.api.tests.conftest import Api, assert_problem, invalid_names
from ketenkaart.community.models import Consult
from ketenkaart.community.tests.conftest import QUESTION

pytestmark = pytest.mark.django_db


def api(professional):
    return Api(professional.user)


def test_the_guide_reads_for_the_region_and_404s_elsewhere(teacher, stranger, district, contact):
    data = api(teacher).get(f"/api/v1/wijken/{district.pk}/gids").json()

    assert [e["naam"] for e in data["resultaten"]] == ["Sanne (wijkteam)"]
    assert set(data["resultaten"][0]) == {
        "id",
        "onderwerp",
        "naam",
        "rol",
        "organisatie",
        "telefoon",
        "email",
        "waarEnWanneer",
    }
    assert_problem(api(stranger).get(f"/api/v1/wijken/{district.pk}/gids"), 404)


def test_an_unknown_subject_is_a_problem_at_onderwerp(teacher, district, contact):
    response = api(teacher).get(f"/api/v1/wijken/{district.pk}/gids?onderwerp=kapper")

    assert_problem(response, 400)
    assert invalid_names(response) == {"onderwerp"}


def test_a_consult_is_asked_and_read_by_asker_and_contact_only(
    teacher, contact, involved, district
):
    response = api(teacher).post("/api/v1/consulten", {"wijk": str(district.pk), "vraag": QUESTION})

    assert response.status_code == 201, response.content
    consult_id = response.json()["id"]
    assert api(contact).get(f"/api/v1/consulten/{consult_id}").status_code == 200
    assert_problem(api(involved).get(f"/api/v1/consulten/{consult_id}"), 404)
    assert api(contact).get("/api/v1/consulten").json()["aantal"] == 1
    assert api(involved).get("/api/v1/consulten").json()["aantal"] == 0


def test_a_consult_naming_a_bsn_is_a_problem_at_vraag_and_nothing_stored(
    teacher, district, contact
):
    response = api(teacher).post(
        "/api/v1/consulten", {"wijk": str(district.pk), "vraag": "Kind met BSN 123456782"}
    )

    assert_problem(response, 400)
    assert invalid_names(response) == {"vraag"}
    assert not Consult.objects.exists()


def test_a_consult_in_another_region_is_a_problem_at_wijk(stranger, district, contact):
    response = api(stranger).post("/api/v1/consulten", {"wijk": str(district.pk), "vraag": "x"})

    assert_problem(response, 400)
    assert invalid_names(response) == {"wijk"}
    assert not Consult.objects.exists()
