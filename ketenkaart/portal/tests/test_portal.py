"""Mijn gezin end to end: the invitation, the first login, reading one's own family only,
the age rules, the family's own words and score, the toegangslog without the promised
reporter, and the download."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from ketenkaart.audit.models import AccessEvent
from ketenkaart.households.models import MemberRole
from ketenkaart.portal import services
from ketenkaart.portal.models import Contribution, FamilyAccount, Invitation, RightsRequest
from ketenkaart.questionnaires.models import Audience, Questionnaire, Status
from ketenkaart.questionnaires.models import Invitation as QuestionnaireInvitation
from ketenkaart.reports.models import Report
from ketenkaart.testing import factories as f

TODAY = datetime.date(2026, 3, 2)


def born(years: int) -> datetime.date:
    return TODAY.replace(year=TODAY.year - years) - datetime.timedelta(days=30)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def parent(household):
    member = household.members.get(role=MemberRole.PARENT)
    member.has_custody = True
    member.save()
    return member


def make_account(member, username):
    user = f.UserFactory(username=username)
    return FamilyAccount.objects.create(
        user=user, member=member, household=member.household, created_at=timezone.now()
    )


@pytest.fixture
def parent_client(client, parent):
    account = make_account(parent, "ouder-test")
    client.force_login(account.user)
    return client


def test_regisseur_invites_and_the_code_is_kept_only_as_a_hash(involved, parent):
    _invitation, code = services.invitation_create(
        by=involved, household=parent.household, member=parent
    )
    assert len(code) == 14 and code.count("-") == 2
    stored = Invitation.objects.get()
    assert code.replace("-", "") not in stored.code_hash
    assert stored.expires_at == stored.created_at + datetime.timedelta(days=14)
    assert AccessEvent.objects.filter(action="family.invitation.created").exists()


def test_the_code_works_once_and_makes_a_family_account(client, involved, parent):
    _inv, code = services.invitation_create(by=involved, household=parent.household, member=parent)
    data = {
        "code": code.lower(),
        "username": "mama-test",
        "password": "een lang wachtwoord 42",
        "password_again": "een lang wachtwoord 42",
    }
    response = client.post("/mijn-gezin/uitnodiging", data)
    assert response.status_code == 302 and response.url == "/mijn-gezin"
    assert FamilyAccount.objects.get().member == parent
    client.logout()
    again = client.post("/mijn-gezin/uitnodiging", {**data, "username": "nog-een"})
    assert again.status_code == 400
    assert "klopt niet of is verlopen" in again.content.decode()
    assert FamilyAccount.objects.count() == 1
    assert not get_user_model().objects.filter(username="nog-een").exists()


def test_an_expired_code_makes_no_account(client, involved, parent, time_machine):
    _inv, code = services.invitation_create(by=involved, household=parent.household, member=parent)
    time_machine.shift(datetime.timedelta(days=14, seconds=1))
    response = client.post(
        "/mijn-gezin/uitnodiging",
        {"code": code, "username": "laat", "password": "x" * 14, "password_again": "x" * 14},
    )
    assert response.status_code == 400
    assert not FamilyAccount.objects.exists()


def test_only_the_regisseur_invites(colleague, parent):
    from ketenkaart.core.errors import DomainError

    with pytest.raises(DomainError):
        services.invitation_create(by=colleague, household=parent.household, member=parent)
    assert not Invitation.objects.exists()


def test_a_ten_year_old_gets_no_account_and_a_fourteen_year_old_does(involved, household):
    from ketenkaart.core.errors import DomainError

    ten = f.MemberFactory(household=household, role=MemberRole.CHILD, person__birth_date=born(10))
    fourteen = f.MemberFactory(
        household=household, role=MemberRole.CHILD, person__birth_date=born(14)
    )
    with pytest.raises(DomainError, match="geen account"):
        services.invitation_create(by=involved, household=household, member=ten)
    assert not Invitation.objects.filter(member=ten).exists()
    services.invitation_create(by=involved, household=household, member=fourteen)
    assert Invitation.objects.filter(member=fourteen).exists()


def test_a_parent_without_authority_gets_no_account(involved, household):
    from ketenkaart.core.errors import DomainError

    stepparent = f.MemberFactory(household=household, role=MemberRole.PARENT, has_custody=False)
    with pytest.raises(DomainError):
        services.invitation_create(by=involved, household=household, member=stepparent)


def test_a_parent_reads_their_own_map(parent_client, involved):
    response = parent_client.get("/mijn-gezin")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Onze veiligheidskaart" in body
    assert involved.display_name in body  # who is involved and how to reach them
    event = AccessEvent.objects.filter(action="family.map.read").get()
    assert event.legal_basis == "family_parent"


def test_the_other_familys_parent_gets_404(client, household, municipality, involved):
    other = f.HouseholdFactory(municipality=municipality, name="Gezin Ander")
    other_parent = f.MemberFactory(household=other, role=MemberRole.PARENT, has_custody=True)
    client.force_login(make_account(other_parent, "andere-ouder").user)
    assert client.get(f"/gezinnen/{household.pk}").status_code == 404
    assert client.get(f"/api/v1/gezinnen/{household.pk}").status_code == 404
    assert client.get(f"/gezinnen/{household.pk}/gezinsportaal").status_code == 404
    page = client.get("/mijn-gezin").content.decode()
    assert household.name not in page
    assert involved.display_name not in page


def test_a_professional_has_no_mijn_gezin(client, involved):
    client.force_login(involved.user)
    assert client.get("/mijn-gezin").status_code == 404


def test_a_parent_writes_own_words_and_score(parent_client, parent, involved):
    response = parent_client.post("/mijn-gezin/woorden", {"text": "Wij willen samen verder."})
    assert response.status_code == 302
    response = parent_client.post("/mijn-gezin/score", {"score": "6", "text": "Het gaat beter."})
    assert response.status_code == 302
    rows = Contribution.objects.filter(member=parent).order_by("created_at")
    assert [(c.kind, c.score) for c in rows] == [("words", None), ("scale", 6)]
    page = parent_client.get("/mijn-gezin").content.decode()
    assert "Wij willen samen verder." in page and "Het gaat beter." in page
    assert involved.notifications.count() == 2  # the regisseur is told


def test_a_score_without_a_reason_is_refused_on_its_field(parent_client):
    response = parent_client.post("/mijn-gezin/score", {"score": "11", "text": ""})
    assert response.status_code == 400
    assert not Contribution.objects.exists()
    body = response.content.decode()
    assert "Controleer wat u hebt ingevuld" in body


def test_a_fourteen_year_old_reads_the_map_but_downloads_only_their_own(client, household, parent):
    youth = f.MemberFactory(household=household, role=MemberRole.CHILD, person__birth_date=born(14))
    client.force_login(make_account(youth, "jongere-test").user)
    assert client.get("/mijn-gezin").status_code == 200
    data = json.loads(client.get("/mijn-gezin/download.json").content)
    assert [p["voornamen"] for p in data["gezinsleden"]] == [youth.person.given_names]
    assert "maatregelen" not in data
    event = AccessEvent.objects.filter(action="family.map.read").get()
    assert event.legal_basis == "family_youth_12_15"


def test_a_child_who_is_under_12_has_no_access_even_with_an_account(client, household):
    child = household.members.get(role=MemberRole.CHILD)  # born 2016: 9 or 10
    client.force_login(make_account(child, "kind-test").user)
    assert client.get("/mijn-gezin").status_code == 403
    assert AccessEvent.objects.filter(action="family.map.read", outcome="denied").exists()


@pytest.fixture
def promised_report(household, region, vt_org):
    school = f.OrganisationFactory(region=region, name="Basisschool De Geheime Melder")
    reporter = f.ProfessionalFactory(
        user__username="melder-test", organisation=school, role="reporter"
    )
    report = Report.objects.create(
        region=region,
        household=household,
        submitted_by=reporter,
        reporter_name="Juf Verborgen",
        reporter_phone="06-12345678",
        anonymity_promised=True,
        **_report_fields(),
    )
    # The reporter and Veilig Thuis read the report; both leave an audit row on the household.
    from ketenkaart.audit import services as audit

    audit.record(
        user=reporter.user,
        action="report.read",
        household_id=household.pk,
        legal_basis="own_report",
    )
    vt = f.ProfessionalFactory(user__username="vt-lezer", organisation=vt_org, role="veilig_thuis")
    audit.record(
        user=vt.user, action="report.read", household_id=household.pk, legal_basis="vt_region_team"
    )
    return report


def _report_fields() -> dict:
    return {
        "source": "professional",
        "received_at": timezone.now(),
        "assess_by": TODAY + datetime.timedelta(days=7),
        "radar": "first",
        "summary": "Zorgen over het kind.",
    }


def test_a_promised_reporter_never_shows_in_the_toegangslog_or_download(
    parent_client, promised_report
):
    page = parent_client.get("/mijn-gezin/wie-keek").content.decode()
    assert "Veilig Thuis Test" in page
    assert "De Geheime Melder" not in page and "Juf Verborgen" not in page
    download = parent_client.get("/mijn-gezin/download.json").content.decode()
    assert "Geheime Melder" not in download and "Juf Verborgen" not in download
    assert "melder-test" not in download and "vt-lezer" not in download  # no usernames either
    assert "Veilig Thuis Test" in download


def test_a_request_for_earlier_destruction_gets_its_three_month_deadline(parent_client, parent):
    response = parent_client.post(
        "/mijn-gezin/verzoeken", {"kind": "destruction", "text": "De hulp is klaar."}
    )
    assert response.status_code == 302
    request = RightsRequest.objects.get()
    assert request.due_on == datetime.date(2026, 6, 2)
    assert request.member == parent


def test_the_pdf_download_is_a_pdf(parent_client):
    response = parent_client.get("/mijn-gezin/download.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_pages_cost_a_fixed_number_of_queries(
    parent_client, parent, involved, colleague, django_assert_num_queries
):
    for n in range(3):
        services.contribution_add(view=_view(parent), kind="words", text=f"Woorden {n}")
    for title in ("Gesteund?", "Opnieuw verteld?"):
        _open_questionnaire(parent.household, by=involved, title=title)
    # 11 since the map save's change (issue 17): the map and its current version are read as
    # two statements here; to fold back into one (see the session note). 12 since issue 15:
    # one statement for the questionnaires the parents may answer, however many there are;
    # 11 again since the session's user comes with its professional in one (core/users.py);
    # 10 since that one is the session's own statement (core/sessions.py).
    with django_assert_num_queries(10):
        body = parent_client.get("/mijn-gezin").content.decode()
    assert "Gesteund?" in body and "Opnieuw verteld?" in body
    with django_assert_num_queries(5):
        parent_client.get("/mijn-gezin/wie-keek")


def _open_questionnaire(household, *, by, title):
    questionnaire = Questionnaire.objects.create(
        region=household.region,
        title=title,
        audience=Audience.PARENTS,
        status=Status.OPEN,
        closes_on=TODAY + datetime.timedelta(days=30),
        created_by=by,
        created_at=timezone.now(),
        sent_at=timezone.now(),
    )
    return QuestionnaireInvitation.objects.create(questionnaire=questionnaire, household=household)


def _view(member):
    from ketenkaart.access.family import FamilyView, grant_for_member

    account = FamilyAccount.objects.get(member=member)
    return FamilyView(account, member, member.household, grant_for_member(member))


def test_a_username_with_ones_own_name_is_refused(client, involved, parent):
    _inv, code = services.invitation_create(by=involved, household=parent.household, member=parent)
    name = parent.person.surname.lower().replace(" ", "")
    response = client.post(
        "/mijn-gezin/uitnodiging",
        {
            "code": code,
            "username": f"x{name}1",
            "password": "een lang wachtwoord 42",
            "password_again": "een lang wachtwoord 42",
        },
    )
    assert response.status_code == 400
    assert "zonder uw naam" in response.content.decode()
    assert not FamilyAccount.objects.exists()
    assert Invitation.objects.get().used_at is None


def test_the_regisseur_answers_a_request_and_the_family_sees_it(parent_client, involved, colleague):
    from django.test import Client

    client = Client()  # the professionals' own browser; parent_client stays the parent
    parent_client.post(
        "/mijn-gezin/verzoeken", {"kind": "correction", "text": "Mijn adres klopt niet."}
    )
    request = RightsRequest.objects.get()
    url = f"/gezinnen/{request.household_id}/gezinsportaal/verzoeken/{request.pk}/antwoord"
    client.force_login(colleague.user)  # involved, but not the regisseur
    client.post(url, {"answer": "Aangepast."})
    request.refresh_from_db()
    assert request.answered_at is None
    client.force_login(involved.user)
    assert client.get(f"/gezinnen/{request.household_id}/gezinsportaal").status_code == 200
    assert client.post(url, {"answer": "Het adres is aangepast."}).status_code == 302
    request.refresh_from_db()
    assert request.answer == "Het adres is aangepast."
    assert "Het adres is aangepast." in parent_client.get("/mijn-gezin/verzoeken").content.decode()
