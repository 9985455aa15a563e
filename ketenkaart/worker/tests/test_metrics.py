"""GET /metrics: request metrics per view, job runs and the sealer's lag, behind a token or the
beheer role; and log lines without personal data."""

import datetime
import json
import logging
import sys

import pytest
from django.urls import reverse
from django.utils import timezone

from ketenkaart.audit import seal
from ketenkaart.audit import services as audit
from ketenkaart.core.logging import JsonFormatter, TaskFailureFilter
from ketenkaart.worker import metrics, services

TOKEN = "m" * 40


@pytest.fixture
def token(settings, tmp_path):
    settings.KETENKAART_METRICS_TOKEN = TOKEN
    settings.KETENKAART_AUDIT = {
        **settings.KETENKAART_AUDIT,
        "CHECKPOINT_FILE": str(tmp_path / "controlepunten.jsonl"),
    }
    return TOKEN


def scrape(client, token=TOKEN):
    return client.get(reverse("worker:metrics"), HTTP_AUTHORIZATION=f"Bearer {token}")


def value(text: str, name: str) -> float:
    [line] = [line for line in text.splitlines() if line.startswith(name + " ")]
    return float(line.split()[-1])


@pytest.mark.django_db
def test_no_token_or_a_wrong_one_gets_401_and_no_figures(client, token, involved):
    for response in (client.get(reverse("worker:metrics")), scrape(client, "x" * 40)):
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == 'Bearer realm="metrics"'
        assert b"django_http" not in response.content
    client.force_login(involved.user)  # a caseworker is not beheer
    assert client.get(reverse("worker:metrics")).status_code == 401


@pytest.mark.django_db
def test_without_a_token_setting_no_bearer_is_accepted(client, settings):
    settings.KETENKAART_METRICS_TOKEN = ""
    assert scrape(client, "").status_code == 401


def test_beheer_may_read_the_metrics_when_logged_in(client, token, privacy_officer):
    client.force_login(privacy_officer.user)
    assert client.get(reverse("worker:metrics")).status_code == 200


def test_request_metrics_count_per_view_with_latency_and_errors(client, token, involved):
    client.force_login(involved.user)
    client.get(reverse("households:mine"))
    client.get(
        reverse(
            "households:detail", kwargs={"household_id": "0" * 8 + "-0000-4000-8000-" + "0" * 12}
        )
    )
    text = scrape(client).content.decode()
    assert (
        'django_http_requests_latency_seconds_by_view_method_count{method="GET",view="households:mine"}'
        in text
    )
    assert (
        'django_http_responses_total_by_status_view_method_total{method="GET",status="404",view="households:detail"}'
        in text
    )
    # Labels are views, never the ids in the path.
    assert "0000-4000-8000" not in text


def test_job_runs_and_seal_lag_are_exported(client, token, involved, household):
    services.schedules_sync()
    services.run_now("audit.seal", here=True)
    text = scrape(client).content.decode()
    assert value(text, 'ketenkaart_job_last_run_success{job="audit.seal"}') == 1.0
    assert 'ketenkaart_job_last_run_timestamp_seconds{job="audit.seal"}' in text
    assert 'job="safety_teams.plan"' not in text  # never ran: no figure rather than a false one
    assert value(text, "ketenkaart_audit_unsealed_rows") == 0
    assert value(text, "ketenkaart_audit_seal_lag_seconds") == 0

    audit.record(user=involved.user, action="household.read", household_id=household.pk)
    lag, waiting = metrics.audit_seal_lag()
    assert waiting == 1 and lag >= 0
    text = scrape(client).content.decode()  # the scrape itself writes no audit row
    assert value(text, "ketenkaart_audit_unsealed_rows") == waiting
    seal.seal()
    assert metrics.audit_seal_lag() == (0.0, 0)


def test_seal_lag_grows_with_the_oldest_waiting_row(token, involved, household, time_machine):
    time_machine.move_to(timezone.now() - datetime.timedelta(minutes=10), tick=False)
    audit.record(user=involved.user, action="household.read", household_id=household.pk)
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=10), tick=False)
    lag, waiting = metrics.audit_seal_lag()
    assert waiting == 1 and 590 <= lag <= 610


def test_json_log_lines_have_fixed_fields_and_no_exception_text():
    formatter = JsonFormatter()
    try:
        raise ValueError("BSN 123456782 bestaat al")
    except ValueError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "opslaan mislukt", None, sys.exc_info()
        )
    record.request_id = "abc"
    line = json.loads(formatter.format(record))
    assert line["message"] == "opslaan mislukt" and line["request_id"] == "abc"
    assert line["exception"] == "ValueError"
    assert "123456782" not in json.dumps(line)


def test_a_failed_task_is_logged_without_its_traceback():
    message = (
        "Failed 'ketenkaart.worker.tasks.audit_seal' (abc-def) - duplicate (bsn)=(123456782) : "
        'Traceback (most recent call last):\n  File "x"\n'
        "django.db.utils.IntegrityError: duplicate (bsn)=(123456782)\n"
    )
    record = logging.LogRecord("django-q", logging.ERROR, __file__, 1, message, None, None)
    assert TaskFailureFilter().filter(record)
    assert (
        record.getMessage()
        == "Failed 'ketenkaart.worker.tasks.audit_seal' (abc-def) - IntegrityError"
    )


def test_logging_config_keeps_sql_and_request_details_out(settings):
    loggers = settings.LOGGING["loggers"]
    assert loggers["django.db.backends"]["level"] != "DEBUG"
    assert loggers["django.request"]["level"] == "ERROR"
    assert "task_failure" in settings.LOGGING["handlers"]["console"]["filters"]
