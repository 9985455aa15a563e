"""The second factor: required outside demo mode, set up on first login, recovery codes."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenkaart.audit.models import AccessEvent
from ketenkaart.core.login import audit, second_factor
from ketenkaart.testing import factories as f

PASSWORD = "geheim-wachtwoord"


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def account(db):
    return f.ProfessionalFactory(user__username="tweestaps").user


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def log_in(client, next_url=""):
    data = {"username": "tweestaps", "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/inloggen", data)


def test_without_a_device_the_password_leads_to_setting_one_up(client, account):
    response = log_in(client)
    assert response.status_code == 302
    # Nothing with family data is reachable before the second step.
    mine = client.get(reverse("households:mine"))
    assert mine.status_code == 302
    assert mine["Location"] == reverse("second_factor_setup")
    api = client.get("/api/v1/gezinnen")
    assert api.status_code == 401
    assert api["Content-Type"].startswith("application/problem+json")

    setup = client.get(reverse("second_factor_setup"))
    assert setup.status_code == 200
    assert "<svg" in setup.content.decode()
    # Neither the page nor a wrong code stores a device; the key waits in the session.
    assert not TOTPDevice.objects.filter(user=account).exists()
    pending = TOTPDevice(key=client.session[second_factor.PENDING_KEY])

    wrong = client.post(reverse("second_factor_setup"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "Deze code klopt niet" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=account).exists()
    assert client.get(reverse("second_factor_setup")).status_code == 200
    assert client.session[second_factor.PENDING_KEY] == pending.key

    done = client.post(reverse("second_factor_setup"), {"code": code_for(pending)})
    assert done.status_code == 200
    codes = re.findall(r"<code>([a-z0-9]+)</code>", done.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.values_list("token", flat=True))
    device = TOTPDevice.objects.get(user=account)
    assert device.key == pending.key
    assert device.confirmed
    assert client.get(reverse("households:mine")).status_code == 200
    assert AccessEvent.objects.filter(action=audit.SECOND_FACTOR_ENROLLED).count() == 1


@pytest.fixture
def device(account):
    return TOTPDevice.objects.create(user=account, name="app", confirmed=True)


def test_with_a_device_the_code_is_asked_and_a_wrong_one_refused(client, account, device):
    response = log_in(client, next_url=reverse("households:mine"))
    assert response["Location"].startswith(reverse("second_factor"))
    assert client.get(reverse("households:mine")).status_code == 302

    wrong = client.post(reverse("second_factor"), {"code": "123456"})
    assert wrong.status_code == 200
    assert "Deze code klopt niet" in wrong.content.decode()
    assert client.get(reverse("households:mine")).status_code == 302
    assert AccessEvent.objects.filter(action=audit.SECOND_FACTOR_FAILED).count() == 1

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.save()
    right = client.post(
        reverse("second_factor"),
        {"code": code_for(device), "next": reverse("households:mine")},
    )
    assert right.status_code == 302
    assert right["Location"] == reverse("households:mine")
    assert client.get(reverse("households:mine")).status_code == 200
    assert AccessEvent.objects.filter(action=audit.SECOND_FACTOR_VERIFIED).count() == 1


def test_a_recovery_code_works_once(client, account, device):
    from django_otp.plugins.otp_static.models import StaticDevice

    recovery = StaticDevice.objects.create(user=account, name="herstel")
    recovery.token_set.create(token="herstel1")

    log_in(client)
    assert client.post(reverse("second_factor"), {"code": "herstel1"}).status_code == 302
    assert client.get(reverse("households:mine")).status_code == 200
    assert AccessEvent.objects.filter(action=audit.RECOVERY_CODE_USED).count() == 1
    assert not recovery.token_set.exists()

    client.post(reverse("logout"))
    log_in(client)
    again = client.post(reverse("second_factor"), {"code": "herstel1"})
    assert again.status_code == 200
    assert client.get(reverse("households:mine")).status_code == 302


def test_demo_mode_skips_the_second_factor_and_the_login_page_says_so(client, account, settings):
    settings.TWO_FACTOR_REQUIRED = False
    settings.DEMO_MODE = True

    page = client.get("/inloggen").content.decode()
    assert "slaat u de tweede stap van het inloggen over" in page

    log_in(client)
    assert client.get(reverse("households:mine")).status_code == 200
