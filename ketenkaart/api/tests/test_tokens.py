"""API tokens end: an expiry on every token, its last use recorded (OWASP ASVS 3.5)."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from ketenkaart.api.models import ApiToken
from ketenkaart.api.tests.conftest import url

START = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)


def create_token(user, *args) -> str:
    out = io.StringIO()
    call_command("token", "create", "--user", user.username, *args, stdout=out)
    return out.getvalue().split()[-1]


def test_a_token_expires_after_its_days_and_then_answers_401(household, involved, client):
    with time_machine.travel(START, tick=False):
        token = create_token(involved.user, "--days", "30")
    stored = ApiToken.objects.get(user=involved.user)
    assert stored.expires_at == START + datetime.timedelta(days=30)

    with time_machine.travel(START + datetime.timedelta(days=29, hours=23), tick=False):
        fresh = client.get(url(household), HTTP_AUTHORIZATION=f"Bearer {token}")
    with time_machine.travel(START + datetime.timedelta(days=30, seconds=1), tick=False):
        expired = client.get(url(household), HTTP_AUTHORIZATION=f"Bearer {token}")

    assert fresh.status_code == 200
    assert expired.status_code == 401
    assert expired["Content-Type"].startswith("application/problem+json")
    assert "verlopen" in expired.json()["detail"]
    stored.refresh_from_db()
    assert stored.last_used_at == START + datetime.timedelta(days=29, hours=23)


def test_every_token_has_an_expiry_by_default(involved, settings):
    with time_machine.travel(START, tick=False):
        create_token(involved.user)
    stored = ApiToken.objects.get(user=involved.user)
    assert stored.expires_at == START + datetime.timedelta(days=settings.API_TOKEN_DAYS)
    assert stored.last_used_at is None


def test_a_token_longer_than_the_maximum_is_refused(involved, settings):
    with pytest.raises(CommandError):
        create_token(involved.user, "--days", str(settings.API_TOKEN_DAYS + 1))
    assert not ApiToken.objects.exists()


def test_last_use_is_written_at_most_once_a_minute(household, involved, client):
    with time_machine.travel(START, tick=False):
        token = create_token(involved.user)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    with time_machine.travel(START + datetime.timedelta(hours=1), tick=False):
        client.get(url(household), **headers)
    with time_machine.travel(START + datetime.timedelta(hours=1, seconds=30), tick=False):
        client.get(url(household), **headers)
    stored = ApiToken.objects.get(user=involved.user)
    assert stored.last_used_at == START + datetime.timedelta(hours=1)
    with time_machine.travel(START + datetime.timedelta(hours=1, minutes=2), tick=False):
        client.get(url(household), **headers)
    stored.refresh_from_db()
    assert stored.last_used_at == START + datetime.timedelta(hours=1, minutes=2)
