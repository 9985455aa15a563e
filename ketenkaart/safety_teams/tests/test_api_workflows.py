"""The veiligheidsteam's writes over the API: agenda, outcome, closing actions, matching, the
Raad's toets and the inbox. Refused input answers 400 naming every invalid field and stores
nothing; whoever may not see the thing gets 404."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from ketenkaart.api.tests.conftest import Api, assert_problem, invalid_names
from ketenkaart.audit.models import AccessEvent
from ketenkaart.households.models import Involvement
from ketenkaart.notifications.models import Kind, Notification
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import Role
from ketenkaart.safety_teams import services
from ketenkaart.safety_teams.models import (
    Action,
    ActionState,
    AgendaItem,
    BoardCheck,
    BoardCheckOutcome,
    Decision,
    ItemStatus,
)
from ketenkaart.safety_teams.tests.conftest import MEETING_AT
from ketenkaart.testing import factories as f

DURING = MEETING_AT + datetime.timedelta(minutes=5)


def patch(api: Api, url: str, data: dict):
    return api.client.patch(url, data, content_type="application/json")


# -- agendapunten ------------------------------------------------------------------------------


def test_a_member_puts_a_family_on_the_agenda(time_machine, involved, household, meeting):
    response = Api(involved.user).post(
        f"/api/v1/casusoverleggen/{meeting.pk}/agendapunten",
        {"gezin": str(household.pk), "vraag": "Wie neemt de regie?", "expertise": ["verslaving"]},
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["gezin"] == str(household.pk) and body["expertise"] == ["verslaving"]
    assert AgendaItem.objects.get(pk=body["id"]).presented_by == involved


def test_the_agenda_refuses_bad_input_naming_every_field_and_stores_nothing(
    time_machine, involved, meeting
):
    response = Api(involved.user).post(
        f"/api/v1/casusoverleggen/{meeting.pk}/agendapunten",
        {"gezin": "geen-uuid", "vraag": "   ", "expertise": ["astrologie"]},
    )

    assert_problem(response, 400)
    assert invalid_names(response) == {"gezin", "vraag", "expertise.0"}
    assert not AgendaItem.objects.exists()


def test_the_agenda_hides_meeting_and_family_from_an_outsider(
    time_machine, outsider, household, meeting
):
    api = Api(outsider.user)
    body = {"gezin": str(household.pk), "vraag": "Wat nu?"}
    assert_problem(api.post(f"/api/v1/casusoverleggen/{meeting.pk}/agendapunten", body), 404)
    assert not AgendaItem.objects.exists()


# -- uitkomst ----------------------------------------------------------------------------------


def outcome_url(item) -> str:
    return f"/api/v1/casusoverleggen/{item.meeting_id}/agendapunten/{item.pk}/uitkomst"


def test_a_participant_records_advice_and_a_decision(
    time_machine, involved, jeugdbeschermer, board_member, item
):
    time_machine.move_to(DURING, tick=False)
    response = Api(jeugdbeschermer.user).post(
        outcome_url(item),
        {
            "advies": "Toets door de Raad aanvragen.",
            "besluit": "Regie blijft bij het wijkteam.",
            "akkoord": [str(involved.pk), str(board_member.pk)],
        },
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "besproken" and body["advies"].startswith("Toets")
    assert set(body["besluiten"][0]["akkoord"]) == {str(involved.pk), str(board_member.pk)}
    assert AccessEvent.objects.filter(action="case_meeting.decision.recorded").exists()


def test_an_outcome_refuses_bad_input_naming_every_field_and_stores_nothing(
    time_machine, jeugdbeschermer, item
):
    time_machine.move_to(DURING, tick=False)
    api = Api(jeugdbeschermer.user)

    shape = api.post(outcome_url(item), {"advies": "", "besluit": "x" * 4001, "akkoord": ["nee"]})
    assert_problem(shape, 400)
    assert invalid_names(shape) == {"advies", "besluit", "akkoord.0"}

    # A decision nobody agreed to: the service refuses it, the advice is not kept either.
    rule = api.post(outcome_url(item), {"advies": "Advies", "besluit": "Besluit"})
    assert_problem(rule, 400)
    assert invalid_names(rule) == {"akkoord"}
    stranger = f.ProfessionalFactory()
    unknown = api.post(
        outcome_url(item), {"advies": "Advies", "besluit": "Besluit", "akkoord": [str(stranger.pk)]}
    )
    assert invalid_names(unknown) == {"akkoord"}

    item.refresh_from_db()
    assert item.status == ItemStatus.PLANNED and item.advice == ""
    assert not Decision.objects.exists()


def test_an_outcome_is_hidden_from_an_outsider_and_refused_to_a_non_participant(
    time_machine, outsider, team, item
):
    time_machine.move_to(DURING, tick=False)
    assert_problem(Api(outsider.user).post(outcome_url(item), {"advies": "Iets"}), 404)
    latecomer = f.ProfessionalFactory(role=Role.CHILD_PROTECTOR)
    team.members.add(latecomer)  # sees the team's meetings, but did not take part in this one
    assert_problem(Api(latecomer.user).post(outcome_url(item), {"advies": "Iets"}), 403)
    item.refresh_from_db()
    assert item.advice == ""


# -- acties ------------------------------------------------------------------------------------


@pytest.fixture
def action(time_machine, jeugdbeschermer, involved, item):
    time_machine.move_to(DURING, tick=False)
    return services.action_create(
        by=jeugdbeschermer,
        item=item,
        description="Gesprek met oma.",
        owner=involved,
        due_on=MEETING_AT.date() + datetime.timedelta(days=3),
    )


def test_the_owner_closes_an_action(involved, action):
    response = patch(Api(involved.user), f"/api/v1/acties/{action.pk}", {"status": "afgerond"})

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "afgerond"
    action.refresh_from_db()
    assert action.state == ActionState.DONE and action.closed_at
    assert AccessEvent.objects.filter(action="case_meeting.action.done").exists()


def test_closing_refuses_bad_input_and_stores_nothing(involved, action):
    api = Api(involved.user)
    for body in ({"status": "open"}, {}):
        response = patch(api, f"/api/v1/acties/{action.pk}", body)
        assert_problem(response, 400)
        assert invalid_names(response) == {"status"}
    action.refresh_from_db()
    assert action.state == ActionState.OPEN and action.closed_at is None


def test_an_action_is_hidden_from_an_outsider(outsider, action):
    response = patch(Api(outsider.user), f"/api/v1/acties/{action.pk}", {"status": "afgerond"})
    assert_problem(response, 404)
    action.refresh_from_db()
    assert action.state == ActionState.OPEN


# -- matching ----------------------------------------------------------------------------------


@pytest.fixture
def candidate(local_team, municipality):
    local_team.municipalities.add(municipality)
    return f.ProfessionalFactory(organisation=local_team, role=Role.YOUTH_PROFESSIONAL)


def test_the_team_makes_the_chosen_candidate_regisseur(
    time_machine, involved, jeugdbeschermer, candidate, household, item
):
    time_machine.move_to(DURING, tick=False)
    response = Api(involved.user).post(
        "/api/v1/matching",
        {"agendapunt": str(item.pk), "professional": str(candidate.pk), "reden": "Kent de taal."},
    )

    assert response.status_code == 200, response.content
    assert response.json() == {"gezin": str(household.pk), "regisseur": str(candidate.pk)}
    assert Involvement.objects.get(household=household, is_lead=True).professional == candidate
    assert Notification.objects.filter(recipient=candidate, kind=Kind.MATCH).exists()
    assert Notification.objects.filter(recipient=candidate, kind=Kind.HANDOVER).exists()
    # The previous regisseur assigned the candidate themselves: nothing to tell them.
    assert not Notification.objects.filter(recipient=involved).exists()


def test_matching_refuses_bad_input_naming_every_field_and_stores_nothing(
    time_machine, involved, household, item
):
    time_machine.move_to(DURING, tick=False)
    response = Api(involved.user).post(
        "/api/v1/matching", {"agendapunt": "x", "professional": "y", "reden": ""}
    )

    assert_problem(response, 400)
    assert invalid_names(response) == {"agendapunt", "professional", "reden"}
    assert Involvement.objects.get(household=household, is_lead=True).professional == involved
    assert not Notification.objects.exists()


def test_matching_is_hidden_from_an_outsider(time_machine, outsider, candidate, household, item):
    time_machine.move_to(DURING, tick=False)
    response = Api(outsider.user).post(
        "/api/v1/matching",
        {"agendapunt": str(item.pk), "professional": str(candidate.pk), "reden": "Waarom niet."},
    )
    assert_problem(response, 404)
    assert not Involvement.objects.filter(household=household, professional=candidate).exists()


# -- de toets van de Raad ----------------------------------------------------------------------


@pytest.fixture
def raad(board_member, household):
    f.InvolvementFactory(household=household, professional=board_member)
    return board_member


def test_the_regisseur_makes_a_package_and_downloads_it(involved, household):
    api = Api(involved.user)

    created = api.post(f"/api/v1/gezinnen/{household.pk}/toetsen")
    assert created.status_code == 201, created.content
    check = created.json()
    assert check["uitkomst"] == "onbekend" and check["pakket"]["soort"] == "toets"
    assert created["Location"] == f"/api/v1/gezinnen/{household.pk}/toetsen/{check['id']}"

    listed = api.get(f"/api/v1/gezinnen/{household.pk}/toetsen").json()
    assert [row["id"] for row in listed["resultaten"]] == [check["id"]]
    detail = api.get(created["Location"]).json()
    assert detail["pakket"]["dossier"]
    pdf = api.get(created["Location"], HTTP_ACCEPT="application/pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Toetspakket" in text
    assert AccessEvent.objects.filter(action="board_check.export.pdf").exists()


def test_the_raad_records_the_outcome_once(involved, raad, household):
    check = services.board_check_create(by=involved, household=household)
    url = f"/api/v1/gezinnen/{household.pk}/toetsen/{check.pk}/uitkomst"
    api = Api(raad.user)

    response = api.post(url, {"uitkomst": "toets_volstond"})
    assert response.status_code == 200, response.content
    assert response.json()["uitkomst"] == "toets_volstond"
    check.refresh_from_db()
    assert check.outcome == BoardCheckOutcome.CHECK_SUFFICED and check.outcome_by == raad
    assert_problem(api.post(url, {"uitkomst": "volledig_onderzoek"}), 409)


def test_only_the_raad_records_an_outcome_and_bad_input_stores_nothing(
    involved, colleague, raad, household
):
    check = services.board_check_create(by=involved, household=household)
    url = f"/api/v1/gezinnen/{household.pk}/toetsen/{check.pk}/uitkomst"

    for persona in (involved, colleague):  # they may read the family, but are not the Raad
        assert_problem(Api(persona.user).post(url, {"uitkomst": "toets_volstond"}), 403)
    bad = Api(raad.user).post(url, {"uitkomst": "onbekend"})
    assert_problem(bad, 400)
    assert invalid_names(bad) == {"uitkomst"}
    check.refresh_from_db()
    assert check.outcome == BoardCheckOutcome.PENDING


def test_a_reader_who_may_not_change_the_dossier_makes_no_package(
    time_machine, jeugdbeschermer, household, item
):
    time_machine.move_to(DURING, tick=False)  # the meeting's grant: read only
    api = Api(jeugdbeschermer.user)
    assert api.get(f"/api/v1/gezinnen/{household.pk}/toetsen").status_code == 200
    assert_problem(api.post(f"/api/v1/gezinnen/{household.pk}/toetsen"), 403)
    assert not BoardCheck.objects.exists()


def test_the_toets_is_hidden_from_an_outsider(involved, outsider, household):
    check = services.board_check_create(by=involved, household=household)
    api = Api(outsider.user)
    base = f"/api/v1/gezinnen/{household.pk}/toetsen"
    assert_problem(api.get(base), 404)
    assert_problem(api.post(base), 404)
    assert_problem(api.get(f"{base}/{check.pk}"), 404)
    assert_problem(api.get(f"{base}/{check.pk}", HTTP_ACCEPT="application/pdf"), 404)
    assert_problem(api.post(f"{base}/{check.pk}/uitkomst", {"uitkomst": "toets_volstond"}), 404)
    assert BoardCheck.objects.count() == 1


def count_queries(api: Api, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert api.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_toets_list_costs_the_same_queries_for_2_and_12_packages(involved, household):
    api = Api(involved.user)
    url = f"/api/v1/gezinnen/{household.pk}/toetsen"
    for _ in range(2):
        services.board_check_create(by=involved, household=household)
    with_2 = count_queries(api, url)
    for _ in range(10):
        services.board_check_create(by=involved, household=household)
    assert count_queries(api, url) == with_2


# -- berichten ---------------------------------------------------------------------------------


def test_a_professional_reads_and_marks_their_own_messages(involved):
    note = notify(recipient=involved, kind=Kind.ACTION, title="Nieuwe actie", body="Bellen")
    api = Api(involved.user)

    rows = api.get("/api/v1/berichten").json()["resultaten"]
    assert [(r["id"], r["soort"], r["gelezen"]) for r in rows] == [(str(note.pk), "actie", None)]
    response = api.post(f"/api/v1/berichten/{note.pk}/gelezen")
    assert response.status_code == 200, response.content
    assert response.json()["gelezen"]
    note.refresh_from_db()
    assert note.read_at is not None
    assert AccessEvent.objects.filter(action="notification.read", object_id=note.pk).exists()


def test_nobody_reads_anothers_messages(involved, outsider):
    note = notify(recipient=involved, kind=Kind.ACTION, title="Nieuwe actie", body="Bellen")
    api = Api(outsider.user)
    assert api.get("/api/v1/berichten").json()["resultaten"] == []
    assert_problem(api.post(f"/api/v1/berichten/{note.pk}/gelezen"), 404)
    note.refresh_from_db()
    assert note.read_at is None


def test_the_inbox_costs_the_same_queries_for_2_and_12_messages(involved):
    api = Api(involved.user)
    for n in range(2):
        notify(recipient=involved, kind=Kind.DEADLINE, title=f"Termijn {n}")
    with_2 = count_queries(api, "/api/v1/berichten")
    for n in range(10):
        notify(recipient=involved, kind=Kind.MATCH, title=f"Matching {n}")
    assert count_queries(api, "/api/v1/berichten") == with_2


def test_an_action_over_the_api_shows_up_in_the_owners_list(involved, action):
    rows = Api(involved.user).get("/api/v1/acties").json()["resultaten"]
    assert [r["id"] for r in rows] == [str(action.pk)]
    assert Action.objects.count() == 1
