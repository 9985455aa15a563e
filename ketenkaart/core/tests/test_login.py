"""Logging in: lockout, the audit trail of every login, passwords, timeouts, no caching."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.core.login import audit
from ketenkaart.testing import factories as f

PASSWORD = "geheim-wachtwoord"
LOGIN = "/inloggen"


@pytest.fixture
def account(db):
    return f.ProfessionalFactory(user__username="inlogger").user


def post_login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_thirty_wrong_passwords_lock_the_account_and_leave_audit_rows(client, account, settings):
    responses = [post_login(client, "inlogger", f"fout-{n}") for n in range(30)]

    limit = settings.AXES_FAILURE_LIMIT
    assert [r.status_code for r in responses[: limit - 1]] == [200] * (limit - 1)
    assert all(r.status_code == 429 for r in responses[limit - 1 :])
    assert "Te veel mislukte pogingen" in responses[-1].content.decode()
    failed = AccessEvent.objects.filter(action=audit.LOGIN_FAILED, actor_user_id=account.pk)
    assert failed.count() == 30
    assert set(failed.values_list("outcome", flat=True)) == {Outcome.DENIED}
    assert AccessEvent.objects.filter(action=audit.LOCKED_OUT, actor_user_id=account.pk).exists()
    # Locked out: even the right password does not log in now.
    locked = post_login(client, "inlogger", PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert not AccessEvent.objects.filter(action=audit.LOGIN).exists()


def test_the_lockout_ends_after_the_cool_off_time(client, account, settings):
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC), tick=False):
        for n in range(settings.AXES_FAILURE_LIMIT):
            post_login(client, "inlogger", f"fout-{n}")
        assert post_login(client, "inlogger", PASSWORD).status_code == 429
    later = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC) + settings.AXES_COOLOFF_TIME
    with time_machine.travel(later + datetime.timedelta(seconds=1), tick=False):
        response = post_login(client, "inlogger", PASSWORD)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(account.pk)


def test_a_login_and_a_logout_are_audited(client, account):
    response = post_login(client, "inlogger", PASSWORD)
    assert response.status_code == 302

    login = AccessEvent.objects.get(action=audit.LOGIN)
    assert (login.actor_user_id, login.outcome, login.legal_basis) == (
        account.pk,
        Outcome.ALLOWED,
        "password",
    )
    assert login.request_id

    client.post(reverse("logout"))
    assert AccessEvent.objects.filter(action=audit.LOGOUT, actor_user_id=account.pk).count() == 1
    assert "_auth_user_id" not in client.session


def test_a_failed_login_of_an_unknown_name_is_audited_without_the_name(client, db):
    post_login(client, "iemand-anders", "wat-dan-ook")

    event = AccessEvent.objects.get(action=audit.LOGIN_FAILED)
    assert (event.actor_user_id, event.actor_username, event.outcome) == (None, "", "denied")


def test_every_auth_action_has_a_dutch_label():
    codes = [value for name, value in vars(audit).items() if name.isupper() and "." in value]
    assert sorted(codes) == sorted(audit.ACTIONS)


@pytest.mark.parametrize("password", ["zomer2026", "kort-1", "123456789012", "inlogger-inlogger"])
def test_weak_passwords_are_refused(db, password):
    user = get_user_model()(username="inlogger-inlogger")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_uncommon_password_is_accepted(db):
    validate_password("paars-kompas-fietsbel-42", get_user_model()(username="nieuw"))


def test_zomer2026_is_refused_when_setting_a_password(admin_client, account):
    before = account.password

    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[account.pk]),
        {"password1": "zomer2026", "password2": "zomer2026", "usable_password": "true"},
    )

    assert response.status_code == 200
    account.refresh_from_db()
    assert account.password == before
    assert "Dit wachtwoord is te kort: gebruik ten minste 12 tekens." in response.content.decode()


START = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)


def _logged_in_at(client, when):
    with time_machine.travel(when, tick=False):
        assert post_login(client, "inlogger", PASSWORD).status_code == 302


def test_an_idle_session_ends(client, account, settings):
    _logged_in_at(client, START)
    idle = datetime.timedelta(seconds=settings.SESSION_IDLE_TIMEOUT)

    with time_machine.travel(START + idle - datetime.timedelta(minutes=1), tick=False):
        assert client.get(reverse("start")).status_code in (200, 302)  # the home, or to it
        assert "_auth_user_id" in client.session
    with time_machine.travel(START + 2 * idle - datetime.timedelta(minutes=2), tick=False):
        # Still within the idle time of the previous request: the clock moved on with it.
        assert "_auth_user_id" in client.session
        client.get(reverse("start"))
        assert "_auth_user_id" in client.session
    with time_machine.travel(START + 3 * idle, tick=False):
        response = client.get(reverse("households:mine"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    expired = AccessEvent.objects.get(action=audit.SESSION_EXPIRED)
    assert expired.actor_user_id == account.pk


def test_a_busy_session_still_ends_at_its_absolute_age(client, account, settings):
    _logged_in_at(client, START)
    step = datetime.timedelta(minutes=20)
    when = START
    while when + step < START + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE):
        when += step
        with time_machine.travel(when, tick=False):
            client.get(reverse("start"))
            assert "_auth_user_id" in client.session
    with time_machine.travel(when + step + datetime.timedelta(minutes=1), tick=False):
        client.get(reverse("start"))

    assert "_auth_user_id" not in client.session
    assert AccessEvent.objects.filter(action=audit.SESSION_EXPIRED).count() == 1
