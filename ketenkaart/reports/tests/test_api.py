"""The M3 API: police and signalers post, each sees only their own; bad input names every
invalid field and stores nothing; the police message is idempotent on its reference."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from ketenkaart.api.models import ApiToken, hash_token
from ketenkaart.api.tests.conftest import assert_problem, invalid_names
from ketenkaart.households.models import Involvement
from ketenkaart.reports.models import JointVisit, MeldcodeTrail, Report, ReportStatus
from ketenkaart.testing import factories as f

MELDINGEN = "/api/v1/meldingen"


def police_body(reference="PL1700-2025-000123", forms=("Z-1",), bsn=""):
    return {
        "registratienummer": reference,
        "acuut": False,
        "melder": {"naam": "Agent Jansen", "telefoon": "0900-8844", "organisatie": "Politie"},
        "personen": [
            {
                "rol": "kind",
                "voornamen": "Sem",
                "achternaam": "Verbeek",
                "geboortedatum": "2017-06-01",
                "bsn": bsn,
            }
        ],
        "formulieren": [
            {"kenmerk": ref, "soort": "Zorgmelding jeugd", "inhoud": f"Inhoud {ref}"}
            for ref in forms
        ],
    }


def signaler_body(child, **extra):
    return {
        "melder": {"naam": "Lotte Leerkracht", "telefoon": "06-11112222"},
        "omschrijving": "Noor is stil en ongewassen.",
        "personen": [
            {
                "rol": "kind",
                "voornamen": child.given_names,
                "achternaam": child.surname,
                "geboortedatum": child.birth_date.isoformat(),
                "bsn": child.bsn,
            }
        ],
        **extra,
    }


@pytest.fixture
def police_client(police):
    raw = ApiToken.new_raw()
    ApiToken.objects.create(user=police.user, name="BVH-koppeling", digest=hash_token(raw))
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_the_police_system_token_posts_one_message_once(police_client):
    first = post(police_client, MELDINGEN, police_body())
    again = post(police_client, MELDINGEN, police_body())

    assert first.status_code == 201, first.content
    assert again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    assert first["Location"] == f"{MELDINGEN}/{first.json()['id']}"
    assert Report.objects.count() == 1


def test_a_second_police_form_joins_the_melding(police_client):
    post(police_client, MELDINGEN, police_body(forms=("Z-1",)))
    response = post(police_client, MELDINGEN, police_body(forms=("Z-2",)))
    assert response.status_code == 200
    assert Report.objects.get().police_forms.count() == 2


def test_bad_police_input_names_every_invalid_field_and_stores_nothing(police_client):
    body = police_body()
    body["registratienummer"] = ""
    body["melder"] = {"naam": "", "telefoon": ""}
    body["personen"][0]["bsn"] = "123456789"
    body["personen"][0]["geboortedatum"] = "01-06-2017"
    body["personen"][0]["rol"] = "buurman"
    body["formulieren"] = [{"kenmerk": "", "soort": "x", "inhoud": ""}]
    body["acuut"] = "ja"

    response = post(police_client, MELDINGEN, body)

    assert_problem(response, 400)
    assert invalid_names(response) == {
        "registratienummer",
        "melder.naam",
        "melder.telefoon",
        "personen.0.bsn",
        "personen.0.geboortedatum",
        "personen.0.rol",
        "formulieren.0.kenmerk",
        "formulieren.0.inhoud",
        "acuut",
    }
    assert not Report.objects.exists()


def test_a_nul_byte_in_a_text_is_named_and_stores_nothing(police_client):
    body = police_body()
    body["melder"]["naam"] = "Agent\x00Jansen"
    body["formulieren"][0]["inhoud"] = "Zorgmelding\x00"

    response = post(police_client, MELDINGEN, body)

    assert_problem(response, 400)
    assert invalid_names(response) == {"melder.naam", "formulieren.0.inhoud"}
    assert "nul-teken" in response.content.decode()
    assert not Report.objects.exists()


def test_a_melding_without_reporter_answers_400(api, school, child):
    body = signaler_body(child)
    del body["melder"]
    response = api(school).post(MELDINGEN, body)
    assert_problem(response, 400)
    assert invalid_names(response) == {"melder.naam", "melder.telefoon"}
    assert not Report.objects.exists()


def test_a_signaler_sees_only_their_own_meldingen_and_only_the_status(
    api, school, other_school, child, police_client
):
    created = api(school).post(MELDINGEN, signaler_body(child))
    assert created.status_code == 201, created.content
    post(police_client, MELDINGEN, police_body())
    report_id = created.json()["id"]

    mine = api(school).get(MELDINGEN).json()
    assert [r["id"] for r in mine["resultaten"]] == [report_id]
    detail = api(school).get(f"{MELDINGEN}/{report_id}").json()
    assert detail["stand"] == "ontvangen"
    assert re.fullmatch(r"VT-\d{4}-000001", detail["kenmerk"])  # the number to quote (issue 13)
    assert "personen" not in detail and "gezin" not in detail

    assert api(other_school).get(MELDINGEN).json()["aantal"] == 0
    assert_problem(api(other_school).get(f"{MELDINGEN}/{report_id}"), 404)


def test_police_and_signalers_get_404_on_dossiers_even_when_listed_as_involved(
    api, police, school, household
):
    f.InvolvementFactory(household=household, professional=police)
    f.InvolvementFactory(household=household, professional=school)
    for who in (police, school):
        assert_problem(api(who).get(f"/api/v1/gezinnen/{household.pk}"), 404)
        assert api(who).get("/api/v1/gezinnen").json()["aantal"] == 0


def test_vt_sees_the_regions_meldingen_and_vt_elsewhere_does_not(api, vt, other_vt, school, child):
    report_id = api(school).post(MELDINGEN, signaler_body(child)).json()["id"]
    body = api(vt).get(f"{MELDINGEN}/{report_id}").json()
    assert body["melder"]["naam"] == "Lotte Leerkracht"
    assert body["radar"] == "eerste_melding"
    assert_problem(api(other_vt).get(f"{MELDINGEN}/{report_id}"), 404)


def test_vt_assesses_through_the_api_and_the_reporter_sees_the_status(api, vt, school, child):
    report_id = api(school).post(MELDINGEN, signaler_body(child)).json()["id"]
    url = f"{MELDINGEN}/{report_id}/veiligheidsbeoordeling"

    bad = api(vt).post(url, {"besluit": "weet niet", "onderbouwing": ""})
    assert_problem(bad, 400)
    assert invalid_names(bad) >= {
        "besluit",
        "onderbouwing",
        "acuteOnveiligheid",
        "structureleOnveiligheid",
        "multiprobleem",
    }

    response = api(vt).post(
        url,
        {
            "acuteOnveiligheid": False,
            "structureleOnveiligheid": True,
            "multiprobleem": False,
            "besluit": "onderzoek",
            "onderbouwing": "Ouders ontkennen.",
            "redenenOnderzoek": ["ontkent_of_weigert_hulp"],
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["besluit"] == "onderzoek"
    assert api(school).get(f"{MELDINGEN}/{report_id}").json()["stand"] == "onderzoek"
    assert_problem(api(school).post(url, {}), 403)
    assert Report.objects.get().status == ReportStatus.INVESTIGATION


def test_a_meldcode_trail_through_the_api(api, school, other_school):
    created = api(school).post("/api/v1/meldcode-trajecten", {"onderwerp": "Leerling groep 5"})
    assert created.status_code == 201, created.content
    url = f"/api/v1/meldcode-trajecten/{created.json()['id']}"
    api(school).put(f"{url}/stappen", {"signalen": "Teruggetrokken"})
    for question, answer in ((1, True), (2, True)):
        response = api(school).post(
            f"{url}/antwoorden", {"vraag": question, "antwoord": answer, "redenen": "Omdat"}
        )
        assert response.status_code == 201, response.content
    body = response.json()
    assert body["stand"] == "melden_verplicht"
    assert [a["antwoord"] for a in body["antwoorden"]][2:] == ["samen_met_veilig_thuis"] * 3
    assert body["volgendeVraag"] is None
    assert_problem(api(other_school).get(url), 404)
    assert MeldcodeTrail.objects.count() == 1


def test_an_advies_may_be_anonymous(api, school, vt):
    response = api(school).post(
        "/api/v1/adviezen", {"vraag": "Moet ik melden?", "anoniem": True, "naam": "Lotte"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["naam"] == ""
    assert api(vt).get("/api/v1/adviezen").json()["aantal"] == 1


def test_a_joint_visit_is_planned_and_recorded(api, vt, school, child, involved, outsider):
    report_id = api(school).post(MELDINGEN, signaler_body(child)).json()["id"]
    when = (timezone.now() + datetime.timedelta(days=2)).isoformat()
    response = api(vt).post(
        "/api/v1/huisbezoeken",
        {
            "melding": report_id,
            "partner": str(involved.pk),
            "geplandOp": when,
            "reden": "Gezin staat niet open voor hulp.",
        },
    )
    assert response.status_code == 201, response.content
    visit_url = f"/api/v1/huisbezoeken/{response.json()['id']}"
    assert api(involved).get(visit_url).status_code == 200
    assert_problem(api(outsider).get(visit_url), 404)
    recorded = api(involved).post(
        f"{visit_url}/verslag",
        {
            "doorgegaan": True,
            "hoeHetGing": "Moeder liet ons binnen.",
            "gezinStaatOpenVoorHulp": True,
        },
    )
    assert recorded.status_code == 200, recorded.content
    assert JointVisit.objects.get().family_open_to_help is True
    assert not Involvement.objects.filter(professional=outsider).exists()
