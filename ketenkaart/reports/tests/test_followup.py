"""Converting an advies, promising anonymity, opening a family from a melding, the persons of a
later police form, handovers in the shared inbox, and feedback and investigations over the API:
end to end over HTTP with the VT team, the reporter and an outsider."""

import datetime
import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from ketenkaart.api.tests.conftest import assert_problem, invalid_names
from ketenkaart.households.models import Member
from ketenkaart.notifications.models import Kind, Notification
from ketenkaart.reports import services
from ketenkaart.reports.inputs import PersonInput, ReporterInput
from ketenkaart.reports.models import (
    InvestigationReason,
    Outcome,
    PersonRole,
    RadarClass,
    Report,
    ReporterFeedback,
    ReportStatus,
)
from ketenkaart.reports.tests.conftest import child_input, police_message
from ketenkaart.testing import factories as f

SECRET = "Geheime Melder"


def page(client, who, url, data=None):
    client.force_login(who.user)
    return client.post(url, data) if data is not None else client.get(url)


@pytest.fixture
def advice(school):
    return services.advice_request(by=school, question="Noor is stil; moet ik melden?")


def convert_form(child, **extra):
    return {
        "reporter_name": "Lotte Leerkracht",
        "reporter_phone": "06-11112222",
        "summary": "Noor is stil en ongewassen.",
        "child_given_names": child.given_names,
        "child_surname": child.surname,
        "child_bsn": child.bsn,
        **extra,
    }


def convert_body(child, **extra):
    return {
        "melder": {"naam": "Lotte Leerkracht", "telefoon": "06-11112222"},
        "omschrijving": "Noor is stil en ongewassen.",
        "personen": [
            {
                "rol": "kind",
                "voornamen": child.given_names,
                "achternaam": child.surname,
                "bsn": child.bsn,
            }
        ],
        **extra,
    }


def investigate(vt, report):
    return services.assessment_record(
        by=vt,
        report=report,
        acute_unsafety=False,
        structural_unsafety=True,
        multi_problem=False,
        outcome=Outcome.INVESTIGATION,
        reasoning="Het gezin ontkent.",
        investigation_reasons=[InvestigationReason.REFUSES_HELP],
    )


# -- 1. advies → melding -----------------------------------------------------------------------


def test_vt_converts_an_advies_into_a_melding_from_its_page(client, vt, school, advice, child):
    detail = reverse("reports:advice", kwargs={"advice_id": advice.pk})
    convert = reverse("reports:advice_convert", kwargs={"advice_id": advice.pk})
    assert convert in page(client, vt, detail).content.decode()
    response = page(client, vt, convert, convert_form(child))
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:detail", kwargs={"report_id": report.pk})
    assert report.from_advice == advice
    # The signaler who asked stays the reporter, and sees the melding as their own.
    assert report.submitted_by == school
    assert report.household_id == Member.objects.get(person=child).household_id
    again = page(client, vt, convert)
    assert again.status_code == 302 and Report.objects.count() == 1


def test_converting_without_a_phone_shows_the_error_and_stores_nothing(client, vt, advice, child):
    url = reverse("reports:advice_convert", kwargs={"advice_id": advice.pk})
    response = page(client, vt, url, convert_form(child, reporter_phone=""))
    assert response.status_code == 200
    assert "Controleer wat u hebt ingevuld" in response.content.decode()
    assert not Report.objects.exists()


def test_the_convert_page_is_vt_only(client, advice, school, other_school, outsider):
    url = reverse("reports:advice_convert", kwargs={"advice_id": advice.pk})
    assert page(client, school, url).status_code == 403
    for who in (other_school, outsider):
        assert page(client, who, url).status_code == 404


def test_the_api_converts_an_advies_for_vt_only_as_the_page_does(api, vt, school, advice, child):
    url = f"/api/v1/adviezen/{advice.pk}/omzetting"
    members = Member.objects.count()
    # The school that asked reads its advies but does not turn it into a melding (web: 403).
    refused = assert_problem(api(school).post(url, convert_body(child)), 403)
    assert "Alleen Veilig Thuis" in refused["detail"]
    assert not Report.objects.exists() and Member.objects.count() == members
    response = api(vt).post(url, convert_body(child))
    assert response.status_code == 201, response.content
    report = Report.objects.get()
    assert report.submitted_by == school
    assert response["Location"] == f"/api/v1/meldingen/{report.pk}"
    assert response.json()["id"] == str(report.pk)
    assert_problem(api(vt).post(url, convert_body(child)), 409)
    other = services.advice_request(by=school, question="Nog een vraag", anonymous=True)
    response = api(vt).post(f"/api/v1/adviezen/{other.pk}/omzetting", convert_body(child))
    assert response.status_code == 201, response.content
    assert response.json()["melder"]["naam"] == "Lotte Leerkracht"


def test_the_api_refuses_a_conversion_without_reporter_and_names_every_field(
    api, vt, advice, child
):
    body = convert_body(child, melder={"naam": "", "telefoon": ""})
    del body["omschrijving"]
    response = api(vt).post(f"/api/v1/adviezen/{advice.pk}/omzetting", body)
    assert_problem(response, 400)
    assert invalid_names(response) == {"melder.naam", "melder.telefoon", "omschrijving"}
    assert not Report.objects.exists()


def test_the_api_hides_an_advies_from_others(api, advice, other_school, police, child):
    for who in (other_school, police):
        response = api(who).post(f"/api/v1/adviezen/{advice.pk}/omzetting", convert_body(child))
        assert_problem(response, 404)
    assert not Report.objects.exists()


# -- 2. anonymity after the melding arrived ----------------------------------------------------


@pytest.fixture
def secret_report(school, child):
    return services.report_create(
        by=school,
        reporter=ReporterInput(name=SECRET, phone="06-99998888"),
        summary="Noor vertelt dat vader haar slaat.",
        persons=[child_input(child)],
    )


def test_vt_promises_anonymity_and_the_case_can_only_go_to_investigation(
    client, vt, secret_report, local_team
):
    url = reverse("reports:anonymity", kwargs={"report_id": secret_report.pk})
    detail = reverse("reports:detail", kwargs={"report_id": secret_report.pk})
    assert url in page(client, vt, detail).content.decode()
    assert page(client, vt, url, {}).status_code == 200  # the confirmation is required
    response = page(client, vt, url, {"confirm": "on"})
    assert response.status_code == 302
    secret_report.refresh_from_db()
    assert secret_report.anonymity_promised
    receiver = f.ProfessionalFactory(organisation=local_team)
    response = page(
        client,
        vt,
        reverse("reports:assess", kwargs={"report_id": secret_report.pk}),
        {"outcome": Outcome.LOCAL_TEAM, "reasoning": "x", "handed_to": str(receiver.pk)},
    )
    assert response.status_code == 200
    assert "anonimiteit toegezegd" in response.content.decode()
    investigate(vt, secret_report)
    secret_report.refresh_from_db()
    assert secret_report.status == ReportStatus.INVESTIGATION
    assert InvestigationReason.ANONYMITY in secret_report.assessment.investigation_reasons


def test_after_the_promise_the_reporter_is_hidden_from_whom_vt_hands_to(
    client, api, vt, secret_report, local_team
):
    receiver = f.ProfessionalFactory(organisation=local_team)
    investigate(vt, secret_report)
    response = api(vt).post(f"/api/v1/meldingen/{secret_report.pk}/anonimiteit")
    assert response.status_code == 200, response.content
    assert response.json()["anonimiteitToegezegd"] is True
    services.investigation_complete(
        by=vt,
        investigation=secret_report.investigation,
        conclusion="Onveilig.",
        follow_up="Wijkteam",
        handed_to=receiver,
    )
    # The investigation carries the promise as one of its reasons.
    secret_report.assessment.refresh_from_db()
    assert InvestigationReason.ANONYMITY in secret_report.assessment.investigation_reasons
    detail = page(
        client, receiver, reverse("reports:detail", kwargs={"report_id": secret_report.pk})
    )
    assert detail.status_code == 200
    assert SECRET not in detail.content.decode()
    export = page(
        client, receiver, reverse("reports:export", kwargs={"report_id": secret_report.pk})
    )
    assert SECRET not in export.content.decode()
    body = api(receiver).get(f"/api/v1/meldingen/{secret_report.pk}").json()
    assert body["melder"] is None
    assert SECRET in str(api(vt).get(f"/api/v1/meldingen/{secret_report.pk}").json())


def test_only_vt_promises_anonymity_and_only_once(
    client, api, vt, school, other_school, outsider, secret_report
):
    url = f"/api/v1/meldingen/{secret_report.pk}/anonimiteit"
    assert_problem(api(school).post(url), 403)
    for who in (other_school, outsider):
        assert_problem(api(who).post(url), 404)
    web = reverse("reports:anonymity", kwargs={"report_id": secret_report.pk})
    assert page(client, school, web).status_code == 403
    assert page(client, outsider, web).status_code == 404
    assert api(vt).post(url).status_code == 200
    assert_problem(api(vt).post(url), 409)


def test_a_promise_after_a_closed_assessment_is_refused(api, vt, report):
    services.assessment_record(
        by=vt,
        report=report,
        acute_unsafety=False,
        structural_unsafety=False,
        multi_problem=False,
        outcome=Outcome.CLOSE,
        reasoning="Geen zorgen.",
    )
    assert_problem(api(vt).post(f"/api/v1/meldingen/{report.pk}/anonimiteit"), 409)
    report.refresh_from_db()
    assert not report.anonymity_promised


# -- 3. a family from a melding the radar could not place --------------------------------------


@pytest.fixture
def unknown_report(police):
    return services.police_messages_receive(by=police, messages=[police_message()]).created[0]


def test_vt_opens_a_family_from_an_unmatched_melding(client, vt, unknown_report, municipality):
    url = reverse("reports:household_create", kwargs={"report_id": unknown_report.pk})
    detail = reverse("reports:detail", kwargs={"report_id": unknown_report.pk})
    assert url in page(client, vt, detail).content.decode()
    form = page(client, vt, url).content.decode()
    assert "Geen gezin gevonden" in form and "Gezin Onbekend" in form
    response = page(client, vt, url, {"name": "Gezin Onbekend", "municipality": municipality.pk})
    assert response.status_code == 302
    unknown_report.refresh_from_db()
    household = unknown_report.household
    assert household.name == "Gezin Onbekend"
    member = Member.objects.get(household=household)
    assert (member.person.given_names, member.role) == ("Kim", "child")
    assert unknown_report.persons.get().person_id == member.person_id
    # VT is involved through the household service, on Wmo 2015 art. 5.2.6.
    assert household.involvements.get().professional == vt
    assert page(client, vt, url).status_code == 302  # already linked


def test_the_family_page_shows_matches_first_and_asks_to_confirm(
    client, vt, unknown_report, municipality
):
    known = f.HouseholdFactory(municipality=municipality, name="Gezin Bekend")
    f.MemberFactory(
        household=known,
        role="child",
        person__given_names="Kim",
        person__surname="Onbekend",
        person__birth_date=datetime.date(2016, 3, 1),
    )
    url = reverse("reports:household_create", kwargs={"report_id": unknown_report.pk})
    form = page(client, vt, url).content.decode()
    assert "Zelfde achternaam en geboortedatum" in form
    response = page(client, vt, url, {"name": "Gezin Onbekend", "municipality": municipality.pk})
    assert response.status_code == 200
    unknown_report.refresh_from_db()
    assert unknown_report.household_id is None
    response = page(
        client,
        vt,
        url,
        {"name": "Gezin Onbekend", "municipality": municipality.pk, "none_of_these": "on"},
    )
    assert response.status_code == 302


def test_the_family_page_is_vt_only(client, unknown_report, police, outsider, school):
    url = reverse("reports:household_create", kwargs={"report_id": unknown_report.pk})
    assert page(client, police, url).status_code == 403
    for who in (outsider, school):
        assert page(client, who, url).status_code == 404


# -- 4. persons of a later police form ---------------------------------------------------------


def test_persons_of_a_later_police_form_are_matched_by_the_radar(police, household, child):
    first = services.police_messages_receive(by=police, messages=[police_message()]).created[0]
    assert first.household_id is None
    later = police_message(
        forms=("F2",),
        persons=[
            PersonInput(role=PersonRole.CHILD, given_names="Noor", surname="x", bsn=child.bsn)
        ],
    )
    receipt = services.police_messages_receive(by=police, messages=[later])
    assert receipt.extended == [first]
    first.refresh_from_db()
    assert first.household_id == household.pk
    assert first.radar == RadarClass.FIRST
    assert first.persons.get(bsn=child.bsn).person_id == child.pk
    # Sent again: nothing new, no person twice.
    receipt = services.police_messages_receive(by=police, messages=[later])
    assert receipt.unchanged == [first]
    assert first.persons.count() == 2


# -- 5. handovers in the shared inbox ----------------------------------------------------------


def test_a_handover_lands_in_the_receivers_inbox_and_is_read_on_opening(
    client, vt, report, local_team
):
    receiver = f.ProfessionalFactory(organisation=local_team)
    services.assessment_record(
        by=vt,
        report=report,
        acute_unsafety=False,
        structural_unsafety=False,
        multi_problem=True,
        outcome=Outcome.LOCAL_TEAM,
        reasoning="Wijkteam.",
        handed_to=receiver,
    )
    message = Notification.objects.get(recipient=receiver)
    url = reverse("reports:detail", kwargs={"report_id": report.pk})
    assert (message.kind, message.link) == (Kind.HANDOVER, url)
    assert "Gezin De Vries" in message.title and "Lotte" not in message.title + message.body
    listed = page(client, receiver, reverse("reports:index"))
    assert url in listed.content.decode() and _unread_in_menu(listed) == 1
    opened = page(client, receiver, url)
    assert opened.status_code == 200
    message.refresh_from_db()
    assert message.read_at is not None
    # The page draws after its read: not the count its session's statement brought.
    assert _unread_in_menu(opened) == 0


def _unread_in_menu(response) -> int:
    [count] = [item["count"] for item in response.context["menu"] if item["label"] == "Berichten"]
    return count


def test_the_data_migration_moves_handover_notices_into_the_inbox(vt, report, local_team):
    receiver = f.ProfessionalFactory(organisation=local_team)
    apps = (
        MigrationLoader(connection)
        .project_state(("reports", "0002_handover_notices_to_inbox"))
        .apps
    )
    notice_model = apps.get_model("reports", "HandoverNotice")
    # The table as it stood before 0003 removed it (rolled back with the test).
    columns = ", ".join(
        f"{connection.ops.quote_name(field.column)} {field.db_type(connection)}"
        + (" PRIMARY KEY" if field.primary_key else "")
        for field in notice_model._meta.local_fields
    )
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {notice_model._meta.db_table} ({columns})")
    notice_model.objects.create(
        report_id=report.pk, recipient_id=receiver.pk, created_at=report.received_at
    )
    migration = importlib.import_module(
        "ketenkaart.reports.migrations.0002_handover_notices_to_inbox"
    )
    migration.notices_to_inbox(apps, None)
    message = Notification.objects.get(recipient=receiver)
    assert message.kind == Kind.HANDOVER
    assert message.link == reverse("reports:detail", kwargs={"report_id": report.pk})
    assert message.title == "Veilig Thuis heeft het gezin Gezin De Vries aan u overgedragen"
    assert message.read_at is None


# -- 6. feedback and investigation over the API ------------------------------------------------


def test_vt_completes_an_investigation_and_gives_feedback_over_the_api(api, vt, report):
    investigate(vt, report)
    url = f"/api/v1/meldingen/{report.pk}/onderzoek"
    assert api(vt).get(url).json()["afgerond"] is None
    response = api(vt).post(url, {"conclusie": "", "vervolg": ""})
    assert_problem(response, 400)
    assert invalid_names(response) == {"conclusie", "vervolg"}
    response = api(vt).post(url, {"conclusie": "Onveilig.", "vervolg": "Hulp via wijkteam."})
    assert response.status_code == 200, response.content
    assert response.json()["afgerond"] is not None
    assert_problem(api(vt).post(url, {"conclusie": "x", "vervolg": "y"}), 409)

    items = api(vt).get(f"/api/v1/meldingen/{report.pk}/terugkoppelingen").json()["resultaten"]
    assert [i["moment"] for i in items] == ["na_veiligheidsbeoordeling", "na_onderzoek"]
    feedback_url = f"/api/v1/meldingen/{report.pk}/terugkoppelingen/{items[1]['id']}"
    response = api(vt).post(feedback_url, {"vervolgGestart": True})
    assert_problem(response, 400)
    assert invalid_names(response) == {"overgenomenDoor"}
    response = api(vt).post(
        feedback_url, {"vervolgGestart": True, "overgenomenDoor": "Wijkteam Testdorp"}
    )
    assert response.status_code == 200, response.content
    assert ReporterFeedback.objects.get(pk=items[1]["id"]).given_by == vt
    assert_problem(api(vt).post(feedback_url, {"vervolgGestart": False}), 409)


def test_the_reporter_sees_feedback_but_cannot_give_it_and_others_get_404(
    api, vt, school, other_school, outsider, report
):
    investigate(vt, report)
    item = report.feedback.get()
    feedback_url = f"/api/v1/meldingen/{report.pk}/terugkoppelingen/{item.pk}"
    investigation_url = f"/api/v1/meldingen/{report.pk}/onderzoek"
    assert_problem(api(school).post(feedback_url, {"vervolgGestart": False}), 403)
    assert_problem(api(school).post(investigation_url, {"conclusie": "x", "vervolg": "y"}), 403)
    for who in (other_school, outsider):
        assert_problem(api(who).post(feedback_url, {"vervolgGestart": False}), 404)
        assert_problem(api(who).get(investigation_url), 404)
    item.refresh_from_db()
    assert item.given_at is None
    assert_problem(api(vt).post(f"/api/v1/meldingen/{report.pk}/terugkoppelingen/{vt.pk}"), 404)
