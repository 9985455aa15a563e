"""Changing and closing a questionnaire: only its builder (policy of the region, or the team
member who made it), changes only while nobody answered, closing stops answers and reminders.
The web and the API obey the one rule of the service; a refusal changes nothing."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from ketenkaart.api.tests.conftest import Api, assert_problem, invalid_names
from ketenkaart.audit.models import AccessEvent
from ketenkaart.core.errors import DomainError
from ketenkaart.notifications.models import Notification
from ketenkaart.organisations.models import Role
from ketenkaart.questionnaires import jobs, services
from ketenkaart.questionnaires.models import Invitation, Questionnaire, Response, Status
from ketenkaart.testing import factories as f

IN_A_MONTH = datetime.date.today() + datetime.timedelta(days=30)


@pytest.fixture
def policy(local_team):
    return f.ProfessionalFactory(
        user__username="beleid-vl", organisation=local_team, role=Role.POLICY
    )


def build(by, organisations, title="Samenwerking"):
    return services.questionnaire_create(
        by=by,
        title=title,
        audience="professionals",
        organisations=organisations,
        closed_questions=["Weet u wie u kunt bellen?", "Raakt u sneller in gesprek?"],
        open_question="Wat kan beter?",
        closes_on=IN_A_MONTH,
    )


def state(questionnaire):
    """Everything a change could touch, to check that a refusal changed nothing."""
    q = Questionnaire.objects.get(pk=questionnaire.pk)
    return (
        q.title,
        q.audience,
        q.status,
        q.closes_on,
        sorted(str(pk) for pk in q.organisations.values_list("pk", flat=True)),
        list(q.questions.values_list("position", "text", "kind")),
        sorted(str(pk) for pk in q.invitations.values_list("pk", flat=True)),
        Response.objects.filter(questionnaire=q).count(),
    )


def answer(invitation):
    services.response_submit(
        invitation=invitation,
        choices={str(q.pk): "ja" for q in invitation.questionnaire.questions.filter(kind="closed")},
    )


def test_a_draft_is_changed_title_questions_and_recipients(policy, local_team, region):
    other = f.OrganisationFactory(region=region, name="GGD")
    questionnaire = build(policy, [local_team])
    services.questionnaire_update(
        by=policy,
        questionnaire=questionnaire,
        title="Bereikbaarheid",
        organisations=[other],
        closed_questions=["Voelde u zich gesteund?"],
        open_question="Nog iets?",
    )
    assert state(questionnaire)[0] == "Bereikbaarheid"
    assert list(questionnaire.organisations.all()) == [other]
    assert list(questionnaire.questions.values_list("text", "kind")) == [
        ("Voelde u zich gesteund?", "closed"),
        ("Nog iets?", "open"),
    ]
    assert AccessEvent.objects.filter(
        action="questionnaire.updated", object_id=str(questionnaire.pk)
    ).exists()


def test_a_sent_one_without_answers_reinvites_whoever_is_asked_now(
    policy, involved, local_team, region
):
    other = f.OrganisationFactory(region=region, name="GGD")
    nurse = f.ProfessionalFactory(organisation=other, role=Role.YOUTH_PROFESSIONAL)
    questionnaire = build(policy, [local_team])
    services.questionnaire_send(by=policy, questionnaire=questionnaire)
    services.questionnaire_update(by=policy, questionnaire=questionnaire, organisations=[other])
    assert list(Invitation.objects.values_list("professional_id", flat=True)) == [nurse.pk]
    assert Notification.objects.filter(
        recipient=nurse, link__contains="/vragenlijsten/invullen/"
    ).exists()


def test_after_the_first_answer_a_change_is_refused_and_changes_nothing(
    policy, involved, local_team
):
    questionnaire = build(policy, [local_team])
    services.questionnaire_send(by=policy, questionnaire=questionnaire)
    answer(Invitation.objects.get(professional=involved))
    before = state(questionnaire)
    with pytest.raises(DomainError) as error:
        services.questionnaire_update(by=policy, questionnaire=questionnaire, title="Anders")
    assert error.value.code == "conflict"
    assert "al geantwoord" in error.value.message
    assert state(questionnaire) == before
    # The page says so and offers no form; the POST is refused the same way.
    client = Client()
    client.force_login(policy.user)
    url = f"/vragenlijsten/{questionnaire.pk}/wijzigen"
    assert client.get(url).status_code == 302
    response = client.post(
        url,
        {
            "title": "Anders",
            "audience": "professionals",
            "organisations": [str(local_team.pk)],
            "closed_questions": "Een?",
            "open_question": "Twee?",
            "closes_on": IN_A_MONTH.isoformat(),
        },
    )
    assert response.status_code == 400
    assert "al geantwoord" in response.content.decode()
    assert state(questionnaire) == before


def test_invalid_changes_name_the_field_and_change_nothing(policy, local_team):
    questionnaire = build(policy, [local_team])
    before = state(questionnaire)
    with pytest.raises(DomainError) as error:
        services.questionnaire_update(
            by=policy, questionnaire=questionnaire, closed_questions=["  "]
        )
    assert error.value.field == "closed_questions"
    with pytest.raises(DomainError) as error:
        services.questionnaire_update(
            by=policy, questionnaire=questionnaire, organisations=[f.OrganisationFactory()]
        )
    assert error.value.field == "organisations"
    assert state(questionnaire) == before


def test_closing_stops_answers_and_reminders_and_the_link_says_so(
    policy, involved, local_team, time_machine
):
    questionnaire = build(policy, [local_team])
    services.questionnaire_send(by=policy, questionnaire=questionnaire)
    invitation = Invitation.objects.get(professional=involved)
    client = Client()
    client.force_login(policy.user)
    assert client.post(f"/vragenlijsten/{questionnaire.pk}/sluiten").status_code == 302
    assert Questionnaire.objects.get(pk=questionnaire.pk).status == Status.CLOSED
    assert AccessEvent.objects.filter(
        action="questionnaire.closed", object_id=str(questionnaire.pk)
    ).exists()
    # The link says it is closed; an answer is refused by the service too.
    answering = Client()
    answering.force_login(involved.user)
    url = f"/vragenlijsten/invullen/{invitation.token}"
    page = answering.get(url)
    assert page.status_code == 410
    assert "Deze vragenlijst is gesloten" in page.content.decode()
    assert answering.post(url, {"q1": "ja", "q2": "ja"}).status_code == 410
    with pytest.raises(DomainError):
        answer(invitation)
    assert not Response.objects.exists()
    # No reminders, even after a week.
    time_machine.move_to(timezone.now() + datetime.timedelta(days=8))
    assert jobs.remind() == 0
    assert not Notification.objects.filter(title__startswith="Herinnering").exists()
    # Closed once; a closed one is not changed either.
    before = state(questionnaire)
    with pytest.raises(DomainError):
        services.questionnaire_close(by=policy, questionnaire=questionnaire)
    with pytest.raises(DomainError) as error:
        services.questionnaire_update(by=policy, questionnaire=questionnaire, title="Anders")
    assert "gesloten" in error.value.message
    assert state(questionnaire) == before


@pytest.mark.parametrize("who", ["signaler", "other_region_policy", "other_team_member"])
def test_other_roles_and_regions_are_refused_and_nothing_changes(who, policy, involved, local_team):
    questionnaire = build(policy, [local_team])
    services.questionnaire_send(by=policy, questionnaire=questionnaire)
    stranger = {
        "signaler": lambda: f.ProfessionalFactory(organisation=local_team, role=Role.REPORTER),
        "other_region_policy": lambda: f.ProfessionalFactory(role=Role.POLICY),
        # A team member of the region may build questionnaires, but not change another's.
        "other_team_member": lambda: involved,
    }[who]()
    before = state(questionnaire)
    with pytest.raises(DomainError) as error:
        services.questionnaire_update(by=stranger, questionnaire=questionnaire, title="Anders")
    assert error.value.code == "forbidden"
    with pytest.raises(DomainError):
        services.questionnaire_close(by=stranger, questionnaire=questionnaire)
    client = Client()
    client.force_login(stranger.user)
    assert client.get(f"/vragenlijsten/{questionnaire.pk}").status_code in (403, 404)
    assert client.post(f"/vragenlijsten/{questionnaire.pk}/sluiten").status_code in (403, 404)
    api = Api(stranger.user)
    assert api.client.patch(
        f"/api/v1/vragenlijsten/{questionnaire.pk}",
        {"titel": "Anders"},
        content_type="application/json",
    ).status_code in (403, 404)
    assert api.post(f"/api/v1/vragenlijsten/{questionnaire.pk}/sluiten").status_code in (403, 404)
    assert state(questionnaire) == before


def test_a_team_member_changes_and_closes_their_own(involved, local_team):
    questionnaire = build(involved, [local_team])
    services.questionnaire_update(by=involved, questionnaire=questionnaire, title="Eigen")
    services.questionnaire_close(by=involved, questionnaire=questionnaire)
    assert state(questionnaire)[:3] == ("Eigen", "professionals", Status.CLOSED)


def test_the_api_patches_closes_and_names_every_invalid_field(policy, involved, local_team):
    questionnaire = build(policy, [local_team])
    api = Api(policy.user)
    url = f"/api/v1/vragenlijsten/{questionnaire.pk}"
    before = state(questionnaire)
    bad = api.client.patch(
        url,
        {"titel": "", "sluitOp": "morgen", "kleur": "rood"},
        content_type="application/json",
    )
    assert_problem(bad, 400)
    assert {"kleur"} <= invalid_names(bad)
    bad = api.client.patch(url, {"titel": "", "sluitOp": "morgen"}, content_type="application/json")
    assert_problem(bad, 400)
    assert invalid_names(bad) == {"titel", "sluitOp"}
    bad = api.client.patch(url, {"sluitOp": "2020-01-01"}, content_type="application/json")
    assert invalid_names(assert_problem(bad, 400) and bad) == {"sluitOp"}
    assert state(questionnaire) == before
    ok = api.client.patch(
        url, {"titel": "Via de API", "geslotenVragen": ["Een?"]}, content_type="application/json"
    )
    assert ok.status_code == 200, ok.content
    body = ok.json()
    assert body["titel"] == "Via de API" and [v["vraag"] for v in body["vragen"]] == [
        "Een?",
        "Wat kan beter?",
    ]
    assert body["stand"] == "concept" and body["aantalAntwoorden"] == 0
    services.questionnaire_send(by=policy, questionnaire=questionnaire)
    answer(Invitation.objects.get(professional=involved))
    before = state(questionnaire)
    refused = api.client.patch(url, {"titel": "Later"}, content_type="application/json")
    assert "al geantwoord" in assert_problem(refused, 409)["detail"]
    assert state(questionnaire) == before
    closed = api.post(f"{url}/sluiten")
    assert closed.status_code == 200 and closed.json()["stand"] == "gesloten"
    assert closed.json()["aantalAntwoorden"] == 1 and closed.json()["aantalUitgenodigd"] == 2
    assert_problem(api.post(f"{url}/sluiten"), 409)


def test_the_status_page_shows_counts_only(policy, involved, local_team):
    questionnaire = build(policy, [local_team])
    services.questionnaire_send(by=policy, questionnaire=questionnaire)
    answer(Invitation.objects.get(professional=involved))
    client = Client()
    client.force_login(policy.user)
    page = client.get(f"/vragenlijsten/{questionnaire.pk}").content.decode()
    assert "Verstuurd" in page and "al geantwoord" in page
    assert involved.user.username not in page and involved.user.last_name not in page


def test_query_counts_of_the_status_page_edit_and_close(
    policy, local_team, django_assert_num_queries
):
    questionnaire = build(policy, [local_team])
    client = Client()
    client.force_login(policy.user)
    with django_assert_num_queries(6):
        assert client.get(f"/vragenlijsten/{questionnaire.pk}").status_code == 200
    with django_assert_num_queries(7):
        assert client.get(f"/vragenlijsten/{questionnaire.pk}/wijzigen").status_code == 200
    api = Api(policy.user)
    with django_assert_num_queries(13):
        assert (
            api.client.patch(
                f"/api/v1/vragenlijsten/{questionnaire.pk}",
                {"titel": "Nieuw"},
                content_type="application/json",
            ).status_code
            == 200
        )
    with django_assert_num_queries(10):
        assert api.post(f"/api/v1/vragenlijsten/{questionnaire.pk}/sluiten").status_code == 200


def test_the_api_speaks_dutch_values_and_a_get_can_be_sent_back(policy, local_team):
    """One shape: what GET shows as voorWie, PATCH accepts; the stored English value is refused."""
    questionnaire = build(policy, [local_team])
    api = Api(policy.user)
    url = f"/api/v1/vragenlijsten/{questionnaire.pk}"
    shown = api.get(url).json()
    assert (shown["voorWie"], shown["stand"]) == ("professionals", "concept")
    assert {v["soort"] for v in shown["vragen"]} == {"gesloten", "open"}
    before = state(questionnaire)
    refused = api.client.patch(url, {"voorWie": "parents"}, content_type="application/json")
    assert invalid_names(assert_problem(refused, 400) and refused) == {"voorWie"}
    assert state(questionnaire) == before
    changed = api.client.patch(url, {"voorWie": "ouders"}, content_type="application/json")
    assert changed.status_code == 200 and changed.json()["voorWie"] == "ouders"
    assert Questionnaire.objects.get(pk=questionnaire.pk).audience == "parents"
    again = api.client.patch(
        url, {"voorWie": changed.json()["voorWie"]}, content_type="application/json"
    )
    assert again.status_code == 200
