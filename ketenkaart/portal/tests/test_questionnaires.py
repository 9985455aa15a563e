"""Questionnaires in Mijn gezin: a parent sees the open questionnaires their family is asked
to answer, with the link and the closing date, on the page's one audited read; answering
through that link leaves nothing that says who answered."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ketenkaart.audit.models import AccessEvent
from ketenkaart.households.models import MemberRole
from ketenkaart.organisations.models import Role
from ketenkaart.portal.models import FamilyAccount
from ketenkaart.questionnaires import services as questionnaires
from ketenkaart.questionnaires.models import Answer, Invitation, Response
from ketenkaart.testing import factories as f

TODAY = datetime.date(2026, 3, 2)
BLOCK = "Wilt u een paar vragen beantwoorden?"


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC), tick=False)


def make_account(member, username):
    user = f.UserFactory(username=username)
    return FamilyAccount.objects.create(
        user=user, member=member, household=member.household, created_at=timezone.now()
    )


@pytest.fixture
def parent(household):
    member = household.members.get(role=MemberRole.PARENT)
    member.has_custody = True
    member.save()
    return member


@pytest.fixture
def parent_client(client, parent):
    client.force_login(make_account(parent, "ouder-test").user)
    return client


@pytest.fixture
def policy(local_team):
    return f.ProfessionalFactory(
        user__username="beleid-vl", organisation=local_team, role=Role.POLICY
    )


def sent_to_parents(policy, local_team, title="Voelde u zich gesteund?"):
    questionnaire = questionnaires.questionnaire_create(
        by=policy,
        title=title,
        audience="parents",
        organisations=[local_team],
        closed_questions=[
            "Voelde u zich gesteund?",
            "Hoefde u uw verhaal niet opnieuw te vertellen?",
        ],
        open_question="Wat kan beter?",
        closes_on=TODAY + datetime.timedelta(days=30),
    )
    questionnaires.questionnaire_send(by=policy, questionnaire=questionnaire)
    return questionnaire


def answer_link(invitation):
    return reverse("questionnaires:answer", kwargs={"token": invitation.token})


def test_a_parent_sees_the_open_questionnaire_with_its_link_and_closing_day(
    parent_client, involved, policy, local_team, household
):
    sent_to_parents(policy, local_team)
    invitation = Invitation.objects.get(household=household)
    before = AccessEvent.objects.count()
    response = parent_client.get("/mijn-gezin")
    assert response.status_code == 200
    body = response.content.decode()
    assert BLOCK in body
    assert "Uw antwoorden zijn anoniem: niemand kan zien wat u invult." in body
    assert f'href="{answer_link(invitation)}"' in body
    assert "1 april 2026" in body  # its closing day
    # The block rides on the page's own audited read: still exactly one row.
    assert AccessEvent.objects.count() == before + 1
    assert AccessEvent.objects.order_by("-pk").first().action == "family.map.read"


def test_nothing_shows_when_the_family_is_asked_nothing(parent_client, involved):
    body = parent_client.get("/mijn-gezin").content.decode()
    assert BLOCK not in body and "/vragenlijsten/invullen/" not in body


def test_an_answered_questionnaire_no_longer_shows(
    parent_client, involved, policy, local_team, household
):
    questionnaire = sent_to_parents(policy, local_team)
    questionnaires.response_submit(
        invitation=Invitation.objects.get(household=household),
        choices={str(q.pk): "ja" for q in questionnaire.questions.filter(kind="closed")},
    )
    assert BLOCK not in parent_client.get("/mijn-gezin").content.decode()


def test_a_closed_questionnaire_no_longer_shows(
    parent_client, involved, policy, local_team, household
):
    questionnaire = sent_to_parents(policy, local_team)
    questionnaires.questionnaire_close(by=policy, questionnaire=questionnaire)
    assert BLOCK not in parent_client.get("/mijn-gezin").content.decode()
    assert not Invitation.objects.get(household=household).answered


def test_a_questionnaire_past_its_closing_day_no_longer_shows(
    client, parent, involved, policy, local_team, time_machine
):
    sent_to_parents(policy, local_team)  # closes on 1 April
    user = make_account(parent, "ouder-test").user
    client.force_login(user)
    assert BLOCK in client.get("/mijn-gezin").content.decode()
    time_machine.move_to(datetime.datetime(2026, 4, 2, 10, 0, tzinfo=datetime.UTC), tick=False)
    client.force_login(user)  # a fresh session: the old one timed out meanwhile
    response = client.get("/mijn-gezin")
    assert response.status_code == 200
    assert BLOCK not in response.content.decode()


def test_another_households_questionnaire_does_not_show(
    client, parent, involved, policy, local_team, household, municipality
):
    other = f.HouseholdFactory(municipality=municipality, name="Gezin Ander")
    other_parent = f.MemberFactory(household=other, role=MemberRole.PARENT, has_custody=True)
    f.InvolvementFactory(household=other, professional=involved, is_lead=True)
    sent_to_parents(policy, local_team)
    ours = Invitation.objects.get(household=household)
    theirs = Invitation.objects.get(household=other)
    # Our household answered; the other family's invitation is still open and must not show.
    questionnaires.response_submit(
        invitation=ours,
        choices={str(q.pk): "ja" for q in ours.questionnaire.questions.filter(kind="closed")},
    )
    client.force_login(make_account(parent, "ouder-test").user)
    body = client.get("/mijn-gezin").content.decode()
    assert BLOCK not in body and str(theirs.token) not in body
    client.force_login(make_account(other_parent, "andere-ouder").user)
    body = client.get("/mijn-gezin").content.decode()
    assert BLOCK in body and str(theirs.token) in body and str(ours.token) not in body


def test_a_youth_is_not_shown_the_parents_questionnaire(
    client, involved, policy, local_team, household
):
    youth = f.MemberFactory(
        household=household,
        role=MemberRole.CHILD,
        person__birth_date=TODAY.replace(year=2009),  # 17
    )
    sent_to_parents(policy, local_team)
    client.force_login(make_account(youth, "jongere-test").user)
    response = client.get("/mijn-gezin")
    assert response.status_code == 200
    assert BLOCK not in response.content.decode()


def test_a_parent_answers_through_the_portal_and_nothing_says_who(
    parent_client, parent, involved, policy, local_team, household
):
    sent_to_parents(policy, local_team)
    invitation = Invitation.objects.get(household=household)
    link = answer_link(invitation)
    assert link in parent_client.get("/mijn-gezin").content.decode()
    rows_before = set(AccessEvent.objects.values_list("pk", flat=True))
    # The parent is logged in to Mijn gezin, not as a professional: the token is the key.
    page = parent_client.get(link)
    assert page.status_code == 200
    assert "Uw antwoorden zijn anoniem" in page.content.decode()
    done = parent_client.post(link, {"q1": "ja", "q2": "deels", "q3": "Fijn geholpen."})
    assert done.status_code == 200
    assert "Bedankt voor uw antwoorden" in done.content.decode()
    # Answering wrote no audit row at all: none naming the parent, the household or the link.
    assert set(AccessEvent.objects.values_list("pk", flat=True)) == rows_before
    # The response keeps only its questionnaire and the day; the invitation only *that* it was
    # answered.
    response = Response.objects.get()
    assert {field.name for field in Response._meta.get_fields()} == {
        "id",
        "questionnaire",
        "submitted_on",
        "answers",
    }
    assert {field.name for field in Answer._meta.get_fields()} == {
        "id",
        "response",
        "question",
        "choice",
        "text",
    }
    assert sorted(response.answers.values_list("choice", "text")) == [
        ("", "Fijn geholpen."),
        ("deels", ""),
        ("ja", ""),
    ]
    invitation.refresh_from_db()
    assert invitation.answered and invitation.reminded_on is None
    # Once only, and the block is gone from the portal.
    assert parent_client.get(link).status_code == 404
    assert BLOCK not in parent_client.get("/mijn-gezin").content.decode()
    assert Response.objects.count() == 1
