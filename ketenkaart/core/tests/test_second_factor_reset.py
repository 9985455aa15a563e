"""Replacing one's authenticator app (password and a current code first; the old app works
until the new one is confirmed; other sessions end; audited; the user is told), and the
privacy officer's reset for one who lost both phone and recovery codes."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.core.login import second_factor
from ketenkaart.core.models import UserSession
from ketenkaart.notifications.models import Notification
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f

PASSWORD = "geheim-wachtwoord"


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def account(db, local_team):
    return f.ProfessionalFactory(user__username="tweestaps", organisation=local_team).user


@pytest.fixture
def device(account):
    device = TOTPDevice.objects.create(user=account, name="oud", confirmed=True)
    recovery = StaticDevice.objects.create(user=account, name="herstel")
    recovery.token_set.create(token="herstel1")
    recovery.token_set.create(token="herstel2")
    return device


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def unthrottle(device):
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.save()


def logged_in(code: str) -> Client:
    client = Client()
    client.post("/inloggen", {"username": "tweestaps", "password": PASSWORD})
    assert client.post(reverse("second_factor"), {"code": code}).status_code == 302
    return client


def devices(user):
    return (
        sorted(TOTPDevice.objects.filter(user=user).values_list("key", "confirmed")),
        sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)),
    )


def test_a_user_replaces_the_app_and_gets_new_codes_and_other_sessions_end(account, device):
    other = logged_in("herstel2")  # the old phone, still logged in elsewhere
    client = logged_in("herstel1")  # lost the phone: in with a recovery code
    assert "Authenticator-app vervangen" in client.get(reverse("households:mine")).content.decode()

    page = reverse("second_factor_replace")
    assert client.get(page).status_code == 200
    unthrottle(device)  # the recovery codes above counted as wrong app codes (django-otp)
    response = client.post(page, {"password": PASSWORD, "code": code_for(device)})
    assert response["Location"] == reverse("second_factor_setup")
    # Until the new app is confirmed, the old one still stands.
    setup = client.get(reverse("second_factor_setup"))
    assert "Stel uw nieuwe authenticator-app in" in setup.content.decode()
    assert TOTPDevice.objects.get(user=account) == device

    new = TOTPDevice(key=client.session[second_factor.PENDING_KEY])
    done = client.post(reverse("second_factor_setup"), {"code": code_for(new)})
    codes = re.findall(r"<code>([a-z0-9]+)</code>", done.content.decode())
    assert len(codes) == 10
    assert devices(account) == ([(new.key, True)], sorted(codes))
    assert client.get(reverse("households:mine")).status_code == 200
    # The other session is gone: it is asked to log in again.
    assert other.get(reverse("households:mine"))["Location"].startswith("/inloggen")
    assert UserSession.objects.count() == 1
    actions = set(AccessEvent.objects.values_list("action", flat=True))
    assert {second_factor.SECOND_FACTOR_REPLACED, second_factor.SESSIONS_ENDED} <= actions
    assert Notification.objects.get(recipient__user=account).title == (
        "Uw authenticator-app is vervangen"
    )


@pytest.mark.parametrize("wrong", ["password", "code"])
def test_without_the_password_and_a_current_code_nothing_changes(account, device, wrong):
    client = logged_in(code_for(device))
    unthrottle(device)
    before = devices(account)
    data = {"password": PASSWORD, "code": "herstel1"}
    data[wrong] = "fout-123456"
    response = client.post(reverse("second_factor_replace"), data)
    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()
    # The setup page stays closed: a stolen session alone cannot swap the factor.
    setup = client.get(reverse("second_factor_setup"))
    assert setup.status_code == 302
    assert client.post(reverse("second_factor_setup"), {"code": "123456"}).status_code == 302
    assert devices(account) == before
    assert AccessEvent.objects.filter(
        action="auth.second_factor.failed", outcome=Outcome.DENIED
    ).exists()
    assert not Notification.objects.exists()


def test_the_replace_window_closes(account, device, time_machine):
    time_machine.move_to("2026-11-23 10:00:00+00:00", tick=False)
    client = logged_in(code_for(device))
    client.post(reverse("second_factor_replace"), {"password": PASSWORD, "code": "herstel1"})
    time_machine.move_to("2026-11-23 10:11:00+00:00", tick=False)
    assert client.get(reverse("second_factor_setup")).status_code == 302


# -- the privacy officer's reset ------------------------------------------------------------


@pytest.fixture
def officer(privacy_officer):
    TOTPDevice.objects.create(user=privacy_officer.user, name="app", confirmed=True)
    client = Client()
    client.force_login(privacy_officer.user)
    return client


RESET = "/tweede-stap-herstellen"


def test_the_privacy_officer_resets_a_user_of_the_region(officer, account, device, privacy_officer):
    victim = logged_in("herstel1")
    response = officer.post(RESET, {"username": "tweestaps", "identity_checked": "on"})
    assert response.status_code == 302
    assert devices(account) == ([], [])
    assert victim.get(reverse("households:mine"))["Location"].startswith("/inloggen")
    row = AccessEvent.objects.get(action=second_factor.SECOND_FACTOR_RESET)
    assert (row.actor_user_id, row.object_id) == (privacy_officer.user.pk, str(account.pk))
    assert Notification.objects.filter(recipient__user=account).count() == 1
    # At the next login the user must set up a new app.
    client = Client()
    client.post("/inloggen", {"username": "tweestaps", "password": PASSWORD})
    assert client.get(reverse("households:mine"))["Location"] == reverse("second_factor_setup")


def test_the_reset_needs_the_identity_checked(officer, account, device):
    before = devices(account)
    response = officer.post(RESET, {"username": "tweestaps"})
    assert response.status_code == 200
    assert "eigenaar van het account" in response.content.decode()
    assert devices(account) == before


def test_no_reset_of_another_regions_user_nor_of_an_unknown_name(officer, device, account):
    stranger = f.ProfessionalFactory(user__username="elders")
    TOTPDevice.objects.create(user=stranger.user, name="app", confirmed=True)
    before = devices(account), devices(stranger.user)
    answers = [
        officer.post(RESET, {"username": name, "identity_checked": "on"}).content.decode()
        for name in ("elders", "bestaat-niet")
    ]
    # The same answer for both: the form tells no one which accounts exist elsewhere.
    assert all("kunt de tweede stap van dit account niet herstellen" in a for a in answers)
    assert (devices(account), devices(stranger.user)) == before
    denied = AccessEvent.objects.filter(
        action=second_factor.SECOND_FACTOR_RESET, outcome=Outcome.DENIED
    )
    assert denied.count() == 2
    assert not Notification.objects.exists()


def test_only_the_privacy_officer_resets(client, account, device, region, local_team):
    coach = f.ProfessionalFactory(organisation=local_team, role=Role.YOUTH_PROFESSIONAL)
    client.force_login(coach.user)
    before = devices(account)
    response = client.post(RESET, {"username": "tweestaps", "identity_checked": "on"})
    assert response.status_code == 403
    assert devices(account) == before
