"""The veiligheidsteam API: Dutch resources, camelCase, problem+json, outsiders get 404."""

import datetime

from ketenkaart.api.tests.conftest import Api, assert_problem
from ketenkaart.safety_teams.tests.conftest import MEETING_AT


def test_a_member_reads_teams_meetings_and_the_agenda(time_machine, involved, team, item):
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=5), tick=False)
    api = Api(involved.user)
    assert api.get("/api/v1/veiligheidsteams").json()["resultaten"][0]["naam"] == team.name
    meetings = api.get("/api/v1/casusoverleggen").json()["resultaten"]
    assert meetings[0]["id"] == str(item.meeting_id)
    agenda = api.get(f"/api/v1/casusoverleggen/{item.meeting_id}/agendapunten").json()["resultaten"]
    assert agenda[0]["kaartversie"] == 0 and agenda[0]["expertise"] == ["veiligheid_plus"]


def test_matching_and_actions_over_the_api(time_machine, involved, jeugdbeschermer, item):
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=5), tick=False)
    api = Api(jeugdbeschermer.user)
    candidates = api.get(f"/api/v1/matching?agendapunt={item.pk}").json()["resultaten"]
    assert {"score", "vol", "redenen", "vrijePlekken"} <= set(candidates[0])
    owner = Api(involved.user)
    assert owner.get("/api/v1/acties").json()["resultaten"] == []


def test_it_hides_meetings_from_an_outsider(time_machine, outsider, item):
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=5), tick=False)
    api = Api(outsider.user)
    assert_problem(api.get(f"/api/v1/casusoverleggen/{item.meeting_id}"), 404)
    assert_problem(api.get(f"/api/v1/casusoverleggen/{item.meeting_id}/agendapunten"), 404)
    assert_problem(api.get(f"/api/v1/matching?agendapunt={item.pk}"), 404)
    assert api.get("/api/v1/casusoverleggen").json()["resultaten"] == []


def test_only_members_plan_meetings(time_machine, outsider, involved, team):
    time_machine.move_to(MEETING_AT - datetime.timedelta(days=1), tick=False)
    body = {"veiligheidsteam": str(team.pk), "begint": MEETING_AT.isoformat()}
    assert_problem(Api(outsider.user).post("/api/v1/casusoverleggen", body), 404)
    response = Api(involved.user).post("/api/v1/casusoverleggen", body)
    assert response.status_code == 201, response.content
    assert response.json()["inzageTot"]


def test_an_account_that_is_no_professional_owns_no_actions(
    time_machine, django_user_model, involved, jeugdbeschermer, item
):
    """A family's account (no professional) once got a 500 from the task list: now a 403
    problem, and nothing of anyone's actions shows (the write matrix's read companion)."""
    from ketenkaart.safety_teams.models import Action

    time_machine.move_to(MEETING_AT)
    before = Action.objects.count()
    account = django_user_model.objects.create_user("geen-professional", password="x")
    response = Api(account).get("/api/v1/acties")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    assert "resultaten" not in response.json()
    assert Action.objects.count() == before
