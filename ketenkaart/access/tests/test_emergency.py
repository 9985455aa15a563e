"""Break the glass: bounded, audited with the emergency basis, told to the regisseur, reviewed
by the privacy officer; it ends exactly at its end."""

import datetime

import pytest

from ketenkaart.access import emergency, gate
from ketenkaart.access.models import EmergencyAccess
from ketenkaart.audit.models import AccessEvent
from ketenkaart.core.errors import DomainError

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
REASON = "Politie belt: kind alleen thuis aangetroffen, moeder onbereikbaar."


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


def test_it_opens_for_the_outsider_and_tells_the_regisseur(clock, outsider, household, involved):
    access = emergency.emergency_open(by=outsider, household=household, reason=REASON, hours=2)
    assert access.expires_at == START + datetime.timedelta(hours=2)
    assert access.review_due_on == datetime.date(2026, 3, 7)
    assert involved.notifications.get().kind == "privacy"
    assert AccessEvent.objects.get(action="household.emergency_access.opened").emergency


def test_it_expires_exactly_at_its_end(clock, client, outsider, household):
    emergency.emergency_open(by=outsider, household=household, reason=REASON, hours=1)
    clock.move_to(START + datetime.timedelta(minutes=59, seconds=59, microseconds=999999))
    client.force_login(outsider.user)  # after the move: the session's idle timeout
    page = client.get(f"/gezinnen/{household.pk}")
    assert page.status_code == 200
    assert "Noodtoegang." in page.content.decode()  # the banner
    read = AccessEvent.objects.filter(action="household.read").latest("pk")
    assert read.emergency and read.legal_basis == "emergency_access"
    clock.move_to(START + datetime.timedelta(hours=1))
    client.force_login(outsider.user)
    assert client.get(f"/gezinnen/{household.pk}").status_code == 404
    assert gate.grant_for(outsider.user, household) is None


def test_it_is_bounded_and_needs_a_reason(clock, outsider, household):
    with pytest.raises(DomainError) as error:
        emergency.emergency_open(by=outsider, household=household, reason=REASON, hours=25)
    assert error.value.field == "hours"
    with pytest.raises(DomainError) as error:
        emergency.emergency_open(by=outsider, household=household, reason="even kijken", hours=1)
    assert error.value.field == "reason"
    assert not EmergencyAccess.objects.exists()


def test_the_involved_need_no_emergency_access(clock, involved, household):
    with pytest.raises(DomainError):
        emergency.emergency_open(by=involved, household=household, reason=REASON, hours=1)
    assert not EmergencyAccess.objects.exists()


def test_it_shows_in_the_review_queue_and_is_reviewed(
    clock, client, outsider, household, privacy_officer
):
    access = emergency.emergency_open(by=outsider, household=household, reason=REASON, hours=4)
    client.force_login(privacy_officer.user)
    listed = client.get("/api/v1/noodtoegang").json()
    assert [row["id"] for row in listed["resultaten"]] == [str(access.pk)]
    assert listed["resultaten"][0]["beoordelenUiterlijk"] == "2026-03-07"
    flagged = client.post(
        f"/api/v1/noodtoegang/{access.pk}/beoordeling",
        {"uitkomst": "nagaan"},
        content_type="application/json",
    )
    assert flagged.status_code == 400
    assert flagged.json()["invalidParams"][0]["name"] == "notitie"
    access.refresh_from_db()
    assert access.reviewed_at is None
    ok = client.post(
        f"/api/v1/noodtoegang/{access.pk}/beoordeling",
        {"uitkomst": "terecht"},
        content_type="application/json",
    )
    assert ok.status_code == 200
    assert client.get("/api/v1/noodtoegang").json()["resultaten"] == []
    page = client.get("/noodtoegang")
    assert page.status_code == 200


def test_only_the_privacy_officer_sees_the_queue(client, outsider):
    client.force_login(outsider.user)
    assert client.get("/api/v1/noodtoegang").status_code == 403
    assert client.get("/noodtoegang").status_code == 403


def test_the_api_opens_it(clock, client, outsider, household):
    client.force_login(outsider.user)
    response = client.post(
        f"/api/v1/gezinnen/{household.pk}/noodtoegang",
        {"reden": REASON, "uren": 3},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["tot"].startswith("2026-03-02T")
    bad = client.post(
        f"/api/v1/gezinnen/{household.pk}/noodtoegang",
        {"reden": REASON, "uren": 48},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert EmergencyAccess.objects.count() == 1
