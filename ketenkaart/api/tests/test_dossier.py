"""Working on a family through the API: the services decide, the API says why in Dutch."""

import datetime

import pytest
from django.utils import timezone

from ketenkaart.api.tests.conftest import assert_problem, invalid_names, url
from ketenkaart.audit.models import AccessEvent
from ketenkaart.households.models import (
    CourtMeasure,
    Handover,
    HandoverOffer,
    Household,
    Involvement,
    Member,
    MemberRole,
    Person,
)
from ketenkaart.testing import factories as f

VALID_BSN = "111222333"
# GET /regie: the gate and its audit row, the lead, the frame, the handovers, the open request.
# 11 until the gate found the grant in the household's own statement (access/gate.py), which
# also spares the organisation's row when the grant is the professional's own involvement; the
# session's user comes with its professional and organisation in one (core/users.py), and in
# the session's own statement (core/sessions.py).
QUERIES_READING_REGIE = 7


def test_it_creates_a_household_with_its_creator_as_regisseur(api, involved, municipality):
    response = api(involved).post(
        "/api/v1/gezinnen",
        {"naam": "Gezin Bakker", "gemeente": str(municipality.pk), "rolBijGezin": "Wijkcoach"},
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == f"/api/v1/gezinnen/{body['id']}"
    assert body["regisseur"]["naam"] == involved.display_name
    assert body["kader"] == "vrijwillig"
    assert AccessEvent.objects.filter(action="household.created", household_id=body["id"]).exists()


def test_it_lists_every_invalid_field_when_creating_a_household(api, involved):
    before = Household.objects.count()

    response = api(involved).post(
        "/api/v1/gezinnen", {"naam": "", "gemeente": "geen-uuid", "grondslag": "omdat"}
    )

    body = assert_problem(response, 400)
    assert invalid_names(response) == {"naam", "gemeente", "grondslag"}
    assert all(param["reason"] for param in body["invalidParams"])
    assert Household.objects.count() == before


def test_it_refuses_police_to_create_a_household(api, police, municipality):
    response = api(police).post(
        "/api/v1/gezinnen", {"naam": "Gezin Bakker", "gemeente": str(municipality.pk)}
    )

    assert_problem(response, 403)
    assert not Household.objects.filter(name="Gezin Bakker").exists()


def test_it_adds_a_member_with_a_valid_bsn(api, household, involved):
    response = api(involved).post(
        url(household, "/leden"),
        {
            "voornamen": "Sam",
            "achternaam": "De Vries",
            "geboortedatum": "2015-04-01",
            "bsn": VALID_BSN,
            "rol": "kind",
        },
    )

    assert response.status_code == 201, response.content
    assert response.json()["bsn"] == VALID_BSN
    member = Member.objects.get(pk=response.json()["id"])
    assert member.role == MemberRole.CHILD
    assert AccessEvent.objects.filter(
        action="household.member.added", person_ids=[str(member.person_id)]
    ).exists()


def test_it_refuses_an_invalid_bsn_and_stores_nothing(api, household, involved):
    persons, members = Person.objects.count(), Member.objects.count()

    response = api(involved).post(
        url(household, "/leden"),
        {"voornamen": "Sam", "achternaam": "De Vries", "bsn": "123456789", "rol": "kind"},
    )

    body = assert_problem(response, 400)
    assert invalid_names(response) == {"bsn"}
    assert body["invalidParams"][0]["reason"] == (
        "Dit is geen geldig BSN. Controleer de negen cijfers."
    )
    assert (Person.objects.count(), Member.objects.count()) == (persons, members)


def test_it_lists_all_invalid_member_fields_at_once(api, household, involved):
    response = api(involved).post(
        url(household, "/leden"),
        {"achternaam": "", "geboortedatum": "1-4-2015", "bsn": "12", "rol": "opa"},
    )

    assert_problem(response, 400)
    assert invalid_names(response) == {"voornamen", "achternaam", "geboortedatum", "bsn", "rol"}


def test_it_names_the_api_field_when_a_service_refuses(api, household, involved):
    response = api(involved).post(
        url(household, "/leden"),
        {"voornamen": "Noor", "achternaam": "De Vries", "rol": "kind", "heeftGezag": True},
    )

    assert_problem(response, 400)
    assert invalid_names(response) == {"heeftGezag"}


def test_it_shows_the_full_bsn_in_the_dossier_but_never_in_a_list(api, household, involved):
    person = household.members.first().person

    dossier = api(involved).get(url(household)).json()
    members = api(involved).get(url(household, "/leden")).json()["resultaten"]
    caseload = api(involved).get("/api/v1/gezinnen").content.decode()

    assert person.bsn in {m["bsn"] for m in dossier["leden"]}
    assert all("bsn" not in m for m in members)
    assert person.masked_bsn in {m["bsnGemaskeerd"] for m in members}
    assert person.bsn not in caseload


def test_it_shows_who_to_call(api, household, involved, colleague):
    involvements = api(involved).get(url(household, "/betrokkenen")).json()["resultaten"]

    lead = involvements[0]
    assert lead["isRegisseur"] is True
    assert lead["naam"] == involved.display_name
    assert lead["telefoon"] == involved.phone
    assert lead["organisatie"] == "Wijkteam Testdorp"
    assert {i["naam"] for i in involvements} == {involved.display_name, colleague.display_name}


def _ask(api, by, household, to, reason="OTS uitgesproken"):
    """The regisseur asks `to` to take over regie (POST regie/verzoeken); returns the answer."""
    return api(by).post(
        url(household, "/regie/verzoeken"), {"regisseur": str(to.pk), "reden": reason}
    )


def _hand_over(api, by, household, to, reason="OTS uitgesproken"):
    """A handover through the API: the question, then the receiver's acceptance."""
    asked = _ask(api, by, household, to, reason)
    assert asked.status_code == 201, asked.content
    accepted = api(to).post(f"/api/v1/regie-verzoeken/{asked.json()['id']}/aanvaarding", {})
    assert accepted.status_code == 200, accepted.content
    return accepted


@pytest.mark.parametrize("method", ["put", "post", "patch", "delete"])
def test_regie_is_read_only_and_an_unsafe_method_changes_nothing(
    api, household, involved, jeugdbeschermer, measure, method
):
    # One shape per resource: what GET returns is not PUT back; regie moves by a question the
    # receiver accepts (regie/verzoeken), as on the web.
    before = api(involved).get(url(household, "/regie")).json()

    response = getattr(api(involved).client, method)(
        url(household, "/regie"),
        {"regisseur": str(jeugdbeschermer.pk), "reden": "OTS"},
        content_type="application/json",
    )

    body = assert_problem(response, 405)
    assert body["detail"] == f'Methode "{method.upper()}" niet toegestaan.'
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert Involvement.objects.get(household=household, is_lead=True).professional == involved
    assert not HandoverOffer.objects.exists()
    assert api(involved).get(url(household, "/regie")).json() == before


def test_it_refuses_a_handover_to_a_gi_without_a_measure_and_changes_nothing(
    api, household, involved, jeugdbeschermer
):
    handovers = Handover.objects.count()

    response = _ask(api, involved, household, jeugdbeschermer, "OTS verwacht")

    body = assert_problem(response, 400)
    assert body["detail"] == (
        "De regie kan alleen naar een gecertificeerde instelling als de rechter een "
        "maatregel heeft opgelegd. Leg eerst de maatregel vast."
    )
    assert invalid_names(response) == {"regisseur"}
    assert Involvement.objects.get(household=household, is_lead=True).professional == involved
    assert not Involvement.objects.filter(professional=jeugdbeschermer).exists()
    assert Handover.objects.count() == handovers
    assert not HandoverOffer.objects.exists()


def test_it_requires_a_reason_for_a_handover(api, household, involved, jeugdbeschermer):
    response = api(involved).post(
        url(household, "/regie/verzoeken"), {"regisseur": str(jeugdbeschermer.pk)}
    )

    body = assert_problem(response, 400)
    assert body["invalidParams"] == [
        {"name": "reden", "code": "required", "reason": "Geef een reden voor de overdracht."}
    ]
    assert not HandoverOffer.objects.exists()


def test_it_hands_regie_to_the_gi_while_a_measure_runs_once_the_gi_accepts(
    api, household, involved, jeugdbeschermer, measure
):
    asked = _ask(api, involved, household, jeugdbeschermer)

    # Asked, not moved: the regisseur keeps regie, and GET /regie links to the open question.
    pending = api(involved).get(url(household, "/regie")).json()
    assert pending["regisseur"]["naam"] == involved.display_name
    assert pending["openVerzoek"]["id"] == asked.json()["id"]
    assert pending["openVerzoek"]["gevraagd"] == str(jeugdbeschermer.pk)
    assert pending["openVerzoek"]["url"] == f"/api/v1/regie-verzoeken/{asked.json()['id']}"
    assert not Handover.objects.exists()

    accepted = api(jeugdbeschermer).post(pending["openVerzoek"]["url"] + "/aanvaarding", {})

    assert accepted.status_code == 200, accepted.content
    regie = api(involved).get(url(household, "/regie")).json()
    assert regie["regisseur"]["naam"] == jeugdbeschermer.display_name
    assert regie["kader"] == "gedwongen"
    assert regie["overdrachten"][0]["reden"] == "OTS uitgesproken"
    assert regie["openVerzoek"] is None
    assert api(jeugdbeschermer).get(url(household, "/regie")).json() == regie


def test_it_records_a_measure_and_passes_regie_to_the_gi(
    api, household, involved, jeugdbeschermer, child
):
    today = timezone.localdate()
    response = api(involved).post(
        url(household, "/maatregelen"),
        {
            "kind": str(child.pk),
            "soort": "ots",
            "ingangsdatum": today.isoformat(),
            "einddatum": (today + datetime.timedelta(days=300)).isoformat(),
            "rechtbank": "Rechtbank Zeeland-West-Brabant",
            "regieNaar": str(jeugdbeschermer.pk),
        },
    )

    assert response.status_code == 201, response.content
    measure = response.json()
    assert measure["actief"] is True
    assert response["Location"].endswith(f"/maatregelen/{measure['id']}")
    assert (
        Involvement.objects.get(household=household, is_lead=True).professional == jeugdbeschermer
    )


def test_it_refuses_a_measure_longer_than_the_law_allows(api, household, involved, child):
    today = timezone.localdate()
    response = api(involved).post(
        url(household, "/maatregelen"),
        {
            "kind": str(child.pk),
            "soort": "voorlopige_ots",
            "ingangsdatum": today.isoformat(),
            "einddatum": (today + datetime.timedelta(days=200)).isoformat(),
            "rechtbank": "Rechtbank Zeeland-West-Brabant",
        },
    )

    assert_problem(response, 400)
    assert invalid_names(response) == {"einddatum"}
    assert not CourtMeasure.objects.exists()


def test_it_refuses_a_measure_for_someone_outside_the_family(api, household, involved):
    stranger = f.PersonFactory()
    today = timezone.localdate()

    response = api(involved).post(
        url(household, "/maatregelen"),
        {
            "kind": str(stranger.pk),
            "soort": "ots",
            "ingangsdatum": today.isoformat(),
            "einddatum": today.isoformat(),
            "rechtbank": "Rechtbank",
        },
    )

    assert_problem(response, 400)
    assert invalid_names(response) == {"kind"}


def test_it_extends_a_measure_as_a_new_dated_state(api, household, involved, measure):
    new_end = measure.ends_on + datetime.timedelta(days=200)

    response = api(involved).post(
        url(household, f"/maatregelen/{measure.pk}/verlenging"), {"einddatum": new_end.isoformat()}
    )

    assert response.status_code == 201, response.content
    extension = response.json()
    assert extension["verlengt"] == str(measure.pk)
    assert extension["ingangsdatum"] == (measure.ends_on + datetime.timedelta(days=1)).isoformat()
    assert api(involved).get(url(household, f"/maatregelen/{extension['id']}")).status_code == 200


def test_it_refuses_a_second_extension_with_a_conflict(api, household, involved, measure):
    new_end = (measure.ends_on + datetime.timedelta(days=200)).isoformat()
    target = url(household, f"/maatregelen/{measure.pk}/verlenging")
    api(involved).post(target, {"einddatum": new_end})

    response = api(involved).post(target, {"einddatum": new_end})

    assert_problem(response, 409)
    assert CourtMeasure.objects.count() == 2


def test_it_ends_a_measure_and_asks_who_gets_regie_back(
    api, household, involved, jeugdbeschermer, measure
):
    _hand_over(api, involved, household, jeugdbeschermer, "OTS")
    target = url(household, f"/maatregelen/{measure.pk}/beeindiging")
    today = timezone.localdate().isoformat()

    refused = api(jeugdbeschermer).post(target, {"beeindigdOp": today})
    ended = api(jeugdbeschermer).post(target, {"beeindigdOp": today, "regieNaar": str(involved.pk)})

    assert_problem(refused, 400)
    assert invalid_names(refused) == {"regieNaar"}
    assert ended.status_code == 200, ended.content
    assert ended.json()["beeindigdOp"] == today
    assert Involvement.objects.get(household=household, is_lead=True).professional == involved


def test_it_answers_404_for_a_measure_of_another_family(api, household, involved):
    other = f.CourtMeasureFactory()

    assert_problem(api(involved).get(url(household, f"/maatregelen/{other.pk}")), 404)


@pytest.mark.parametrize(
    "body",
    [
        {"bsn": VALID_BSN},
        {"achternaam": "de vries", "geboortedatum": "2015-04-01"},
    ],
)
def test_it_finds_a_known_family_by_bsn_or_name_and_birth_date(api, household, involved, body):
    f.MemberFactory(
        household=household,
        role=MemberRole.CHILD,
        person__surname="De Vries",
        person__bsn=VALID_BSN,
        person__birth_date=datetime.date(2015, 4, 1),
    )

    response = api(involved).post("/api/v1/personen/zoeken", body)

    assert response.status_code == 200, response.content
    [match] = response.json()["resultaten"]
    assert match["zichtbaar"] is True
    assert match["gezin"] == {"id": str(household.pk), "naam": "Gezin De Vries"}


def test_it_names_only_the_regisseur_of_a_family_the_searcher_may_not_see(
    api, household, involved, outsider
):
    person = household.members.first().person

    response = api(outsider).post("/api/v1/personen/zoeken", {"bsn": person.bsn})

    [match] = response.json()["resultaten"]
    assert match["zichtbaar"] is False
    assert match["gezin"] is None
    assert match["regisseur"]["naam"] == involved.display_name
    assert "De Vries" not in response.content.decode()


def test_it_asks_for_enough_search_terms(api, involved):
    response = api(involved).post("/api/v1/personen/zoeken", {"achternaam": "Jansen"})

    assert_problem(response, 400)
    assert invalid_names(response) == {"geboortedatum"}


def test_options_on_regie_lists_only_the_safe_methods(api, household, involved):
    response = api(involved).client.options(url(household, "/regie"))

    assert response.status_code == 204
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("open_request", [False, True])
def test_reading_regie_takes_a_fixed_number_of_queries(
    api, household, involved, jeugdbeschermer, measure, django_assert_num_queries, open_request
):
    if open_request:
        assert _ask(api, involved, household, jeugdbeschermer).status_code == 201
    client = api(involved)
    client.get(url(household, "/regie"))  # warm the session and the caches

    with django_assert_num_queries(QUERIES_READING_REGIE):
        response = client.get(url(household, "/regie"))

    assert response.status_code == 200
    assert (response.json()["openVerzoek"] is not None) is open_request
