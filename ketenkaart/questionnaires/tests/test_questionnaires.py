"""Questionnaires: built by policy or a team, sent to professionals or (through the regisseur)
to parents, answered anonymously once, reminded once, shown only from the threshold on."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from ketenkaart.core.errors import DomainError
from ketenkaart.notifications.models import Notification
from ketenkaart.organisations.models import Role
from ketenkaart.portal.models import FamilyAccount
from ketenkaart.questionnaires import jobs, services
from ketenkaart.questionnaires.models import Answer, Invitation, Questionnaire, Response
from ketenkaart.testing import factories as f


@pytest.fixture
def policy(local_team):
    return f.ProfessionalFactory(
        user__username="beleid-vl", organisation=local_team, role=Role.POLICY
    )


def build(by, organisations, audience="professionals"):
    return services.questionnaire_create(
        by=by,
        title="Samenwerking",
        audience=audience,
        organisations=organisations,
        closed_questions=["Weet u wie u kunt bellen?", "Raakt u sneller in gesprek?"],
        open_question="Wat kan beter?",
        closes_on=datetime.date.today() + datetime.timedelta(days=30),
    )


def test_policy_builds_and_sends_to_the_professionals_of_chosen_organisations(
    policy, involved, local_team
):
    questionnaire = build(policy, [local_team])
    assert [q.kind for q in questionnaire.questions.all()] == ["closed", "closed", "open"]
    sent = services.questionnaire_send(by=policy, questionnaire=questionnaire)
    assert sent == 2  # the wijkcoach and policy itself work there
    assert Notification.objects.filter(
        recipient=involved, link__contains="/vragenlijsten/invullen/"
    ).exists()
    with pytest.raises(DomainError):
        services.questionnaire_send(by=policy, questionnaire=questionnaire)
    assert Invitation.objects.count() == 2


def test_a_signaler_may_not_build_one(local_team):
    school = f.ProfessionalFactory(organisation=local_team, role=Role.REPORTER)
    with pytest.raises(DomainError):
        build(school, [local_team])


def test_organisations_of_another_region_are_refused(policy):
    elsewhere = f.OrganisationFactory(name="Elders")
    with pytest.raises(DomainError) as error:
        build(policy, [elsewhere])
    assert error.value.field == "organisations"


def test_parents_are_asked_through_their_regisseur(policy, involved, household, local_team):
    questionnaire = build(policy, [local_team], audience="parents")
    assert services.questionnaire_send(by=policy, questionnaire=questionnaire) == 1
    invitation = Invitation.objects.get()
    assert invitation.household_id == household.pk and invitation.professional_id is None
    assert Notification.objects.filter(recipient=involved, title__contains="ouders").exists()
    # What Mijn gezin shows the parents (portal.selectors.open_questionnaires).
    assert list(services.parent_invitations(household)) == [invitation]
    # No parent of this family has Mijn gezin: the regisseur is not told to look there.
    assert "Mijn gezin" not in Notification.objects.get(recipient=involved).body


def test_the_regisseur_hears_the_parents_also_find_it_in_mijn_gezin(
    policy, involved, household, local_team, municipality, time_machine
):
    with_portal = household
    parent = with_portal.members.get(role="parent")
    parent.has_custody = True
    parent.save()
    FamilyAccount.objects.create(
        user=f.UserFactory(), member=parent, household=with_portal, created_at=timezone.now()
    )
    # A parent without authority has no Mijn gezin (access.family.grant_for_member).
    without = f.HouseholdFactory(municipality=municipality, name="Gezin Zonder")
    no_authority = f.MemberFactory(household=without, role="parent", has_custody=False)
    FamilyAccount.objects.create(
        user=f.UserFactory(), member=no_authority, household=without, created_at=timezone.now()
    )
    other_lead = f.ProfessionalFactory(organisation=local_team)
    f.InvolvementFactory(household=without, professional=other_lead, is_lead=True)
    questionnaire = build(policy, [local_team], audience="parents")
    assert services.questionnaire_send(by=policy, questionnaire=questionnaire) == 2
    told = Notification.objects.get(recipient=involved)
    assert told.title == "Vragenlijst voor de ouders: “Samenwerking”"
    assert "De ouders vinden de vragenlijst ook in Mijn gezin." in told.body
    assert "Mijn gezin" not in Notification.objects.get(recipient=other_lead).body
    # The one reminder says so too.
    time_machine.move_to(timezone.now() + datetime.timedelta(days=8))
    assert jobs.remind() == 2
    reminder = Notification.objects.filter(recipient=involved).latest("created_at")
    assert reminder.title.startswith("Herinnering: ")
    assert "ook in Mijn gezin" in reminder.body


def test_an_answer_is_stored_without_who_gave_it_and_only_once(policy, involved, local_team):
    questionnaire = build(policy, [local_team])
    services.questionnaire_send(by=policy, questionnaire=questionnaire)
    invitation = Invitation.objects.get(professional=involved)
    client = Client()
    client.force_login(involved.user)
    url = f"/vragenlijsten/invullen/{invitation.token}"
    assert client.get(url).status_code == 200
    assert client.post(url, {"q1": "ja"}).status_code == 400  # q2 missing
    assert not Response.objects.exists()
    assert client.post(url, {"q1": "ja", "q2": "nee", "q3": "Meer overleg."}).status_code == 200
    response = Response.objects.get()
    assert {f.name for f in Response._meta.get_fields()} == {
        "id",
        "questionnaire",
        "submitted_on",
        "answers",
    }
    assert sorted(Answer.objects.values_list("choice", "text")) == [
        ("", "Meer overleg."),
        ("ja", ""),
        ("nee", ""),
    ]
    assert response.submitted_on == datetime.date.today()
    invitation.refresh_from_db()
    assert invitation.answered
    assert client.post(url, {"q1": "nee", "q2": "nee"}).status_code == 404
    assert Response.objects.count() == 1


def test_someone_elses_link_is_a_404(policy, involved, outsider, local_team):
    questionnaire = build(policy, [local_team])
    services.questionnaire_send(by=policy, questionnaire=questionnaire)
    invitation = Invitation.objects.get(professional=involved)
    client = Client()
    client.force_login(outsider.user)
    assert (
        client.post(
            f"/vragenlijsten/invullen/{invitation.token}", {"q1": "ja", "q2": "ja"}
        ).status_code
        == 404
    )
    assert not Response.objects.exists()


def test_reminders_go_once_after_a_week_to_who_has_not_answered(
    policy, involved, local_team, time_machine
):
    questionnaire = build(policy, [local_team])
    services.questionnaire_send(by=policy, questionnaire=questionnaire)
    mine = Invitation.objects.get(professional=policy)
    services.response_submit(
        invitation=mine,
        choices={str(q.pk): "ja" for q in questionnaire.questions.filter(kind="closed")},
    )
    assert jobs.remind() == 0  # not a week yet
    time_machine.move_to(timezone.now() + datetime.timedelta(days=8))
    assert jobs.remind() == 1
    assert (
        Notification.objects.filter(recipient=involved, title__startswith="Herinnering").count()
        == 1
    )
    assert jobs.remind() == 0


def test_results_show_from_the_threshold_on(policy, involved, local_team, settings):
    settings.KETENKAART = {**settings.KETENKAART, "MONITOR_MIN_CELL": 2}
    questionnaire = build(policy, [local_team])
    services.questionnaire_send(by=policy, questionnaire=questionnaire)
    client = Client()
    client.force_login(policy.user)
    closed = {str(q.pk): "ja" for q in questionnaire.questions.filter(kind="closed")}
    invitations = list(Invitation.objects.all())
    services.response_submit(
        invitation=invitations[0], choices=closed, open_answer="Geheim verhaal"
    )
    page = client.get("/vragenlijsten").content.decode()
    assert "Geheim verhaal" not in page and "minder dan 2 antwoorden" in page
    services.response_submit(invitation=invitations[1], choices=closed)
    page = client.get("/vragenlijsten").content.decode()
    assert "Geheim verhaal" in page


def test_the_form_builds_a_draft_and_names_what_is_wrong(policy, local_team):
    client = Client()
    client.force_login(policy.user)
    data = {
        "title": "Pols",
        "audience": "professionals",
        "organisations": [str(local_team.pk)],
        "closed_questions": "Weet u wie u kunt bellen?\nVoelde u zich gesteund?",
        "open_question": "Wat kan beter?",
        "closes_on": (datetime.date.today() + datetime.timedelta(days=9)).isoformat(),
    }
    response = client.post("/vragenlijsten/nieuw", {**data, "closes_on": "2020-01-01"})
    assert response.status_code == 400
    assert "De sluitdatum moet in de toekomst liggen." in response.content.decode()
    assert not Questionnaire.objects.exists()
    assert client.post("/vragenlijsten/nieuw", data).status_code == 302
    assert Questionnaire.objects.get().questions.count() == 3


def test_a_signaler_gets_no_questionnaire_pages(local_team):
    school = f.ProfessionalFactory(organisation=local_team, role=Role.REPORTER)
    client = Client()
    client.force_login(school.user)
    assert client.get("/vragenlijsten").status_code == 403
    assert client.post("/vragenlijsten/nieuw", {"title": "x"}).status_code == 403
    assert not Questionnaire.objects.exists()


def test_a_parent_answers_through_the_link_without_an_account(
    policy, involved, household, local_team
):
    questionnaire = build(policy, [local_team], audience="parents")
    services.questionnaire_send(by=policy, questionnaire=questionnaire)
    invitation = Invitation.objects.get()
    url = f"/vragenlijsten/invullen/{invitation.token}"
    client = Client()
    page = client.get(url).content.decode()
    assert "Uw antwoorden zijn anoniem" in page
    # The questions' fields are dressed like every form's: they reflow on a phone (WCAG 1.4.10).
    assert 'class="utrecht-textarea' in page and 'class="utrecht-radio-button' in page
    refused = client.post(url, {"q1": "ja"})
    assert refused.status_code == 400 and not Response.objects.exists()
    assert "Vul dit veld in." in refused.content.decode()  # the house's message, at q2
    assert client.post(url, {"q1": "ja", "q2": "deels"}).status_code == 200
    assert Response.objects.count() == 1
    assert client.get(url).status_code == 404  # once only
