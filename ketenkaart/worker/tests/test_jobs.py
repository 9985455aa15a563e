"""Jobs run through the worker's own API (django-q2 in this process) leave their effect and a
recorded status; a failing job is recorded as failed and shown as such."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule, Task
from django_q.scheduler import scheduler

from ketenkaart.audit import services as audit
from ketenkaart.audit.models import AccessEvent, SealCheckpoint, SealEntry
from ketenkaart.notifications.models import Notification
from ketenkaart.organisations.models import Role
from ketenkaart.questionnaires import services as questionnaires
from ketenkaart.questionnaires.models import Invitation, Questionnaire
from ketenkaart.testing import factories as f
from ketenkaart.worker import jobs, services


@pytest.fixture
def checkpoint_file(tmp_path, settings):
    path = tmp_path / "controlepunten.jsonl"
    settings.KETENKAART_AUDIT = {**settings.KETENKAART_AUDIT, "CHECKPOINT_FILE": str(path)}
    return path


@pytest.fixture
def written(involved, household, checkpoint_file):
    return [
        audit.record(user=involved.user, action="household.read", household_id=household.pk)
        for _ in range(3)
    ]


def test_the_registry_holds_todays_scheduler_lines_once():
    names = [job.name for job in jobs.registered()]
    assert len(names) == len(set(names))
    assert {
        "audit.seal",
        "audit.checkpoint",
        "households.measures_expire",
        "safety_teams.plan",
        "safety_teams.deadlines",
        "safety_teams.notices",
        "questionnaires.remind",
    } <= set(names)
    assert jobs.by_name("questionnaires.remind").cron == "0 8 * * *"
    assert all(jobs.importable(job.func) for job in jobs.registered())


def test_optional_jobs_are_registered_only_when_their_function_imports(monkeypatch):
    missing = jobs.Job("x.y", "ketenkaart.does_not_exist.jobs.run", "* * * * *", "x")
    present = jobs.Job("x.z", "ketenkaart.worker.tasks.audit_seal", "* * * * *", "x")
    monkeypatch.setattr(jobs, "OPTIONAL_JOBS", (missing, present))
    names = [job.name for job in jobs.registered()]
    assert "x.z" in names and "x.y" not in names


@pytest.mark.django_db
def test_sync_writes_the_schedules_once_and_removes_what_left(monkeypatch):
    assert services.schedules_sync()["added"] == len(jobs.registered())
    assert services.schedules_sync() == {"added": 0, "changed": 0, "removed": 0}
    seal = Schedule.objects.get(name="audit.seal")
    assert (seal.schedule_type, seal.cron, seal.repeats) == (Schedule.CRON, "* * * * *", -1)
    assert seal.next_run > timezone.now()  # never at once on the first start
    Schedule.objects.create(name="handmatig", func="math.floor", schedule_type=Schedule.HOURLY)
    monkeypatch.setattr(jobs, "JOBS", jobs.JOBS[1:])  # audit.seal dropped from the registry
    assert services.schedules_sync()["removed"] == 1
    assert not Schedule.objects.filter(name="audit.seal").exists()
    assert Schedule.objects.filter(name="handmatig").exists()  # not ours: left alone


def test_the_seal_job_seals_and_is_recorded_as_a_success(written):
    task_id = services.run_now("audit.seal", here=True)
    assert SealEntry.objects.filter(event_id__in=[e.pk for e in written]).count() == 3
    assert SealCheckpoint.objects.count() == 1
    task = Task.objects.get(id=task_id)
    assert (task.group, task.success, task.result) == ("audit.seal", True, "3 regels verzegeld")


def test_a_failing_job_is_recorded_as_failed_and_seals_nothing_wrong(written, involved):
    forged = AccessEvent(
        occurred_at=written[-1].occurred_at,
        actor_user_id=involved.user.pk,
        action="household.read",
        outcome="allowed",
        mac="f" * 64,
    )
    forged.save(force_insert=True)
    services.schedules_sync()
    task = Task.objects.get(id=services.run_now("audit.seal", here=True))
    assert task.success is False
    assert services.error_kind(task.result) == "JobFailed"
    assert not SealEntry.objects.filter(event_id=forged.pk).exists()
    [row] = [row for row in services.status() if row.job.name == "audit.seal"]
    assert row.failed and row.last_error == "JobFailed"
    assert row.last_failure == task.started


def test_the_scheduler_runs_a_due_job_and_moves_its_next_run(written, monkeypatch):
    services.schedules_sync()
    due = timezone.now() - datetime.timedelta(minutes=1)
    Schedule.objects.filter(name="audit.seal").update(next_run=due)
    # The cluster's scheduler process starts by closing its old connections; here that would
    # close the test's own.
    monkeypatch.setattr("django_q.scheduler.close_old_django_connections", lambda: None)
    scheduler()  # queues what is due
    assert services.work_here() == 1
    assert SealEntry.objects.count() == 3
    assert Task.objects.get(group="audit.seal").success is True
    assert Schedule.objects.get(name="audit.seal").next_run > timezone.now()
    # Jobs that were not due did not run.
    assert not Task.objects.exclude(group="audit.seal").exists()


@pytest.mark.django_db
def test_measures_expire_job_runs_the_command(monkeypatch):
    called = []
    monkeypatch.setattr(
        "ketenkaart.households.management.commands.measures_expire.regie_return_after_measures",
        lambda: called.append(1) or 2,
    )
    task = Task.objects.get(id=services.run_now("households.measures_expire", here=True))
    assert called == [1]
    assert (task.success, task.result) == (True, "2 gezin(nen) zonder lopende maatregel behandeld")


def test_the_reminder_job_reminds_who_has_not_answered_once(involved, local_team):
    policy = f.ProfessionalFactory(organisation=local_team, role=Role.POLICY)
    questionnaire = questionnaires.questionnaire_create(
        by=policy,
        title="Samenwerking",
        audience="professionals",
        organisations=[local_team],
        closed_questions=["Weet u wie u kunt bellen?"],
        open_question="Wat kan beter?",
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    questionnaires.questionnaire_send(by=policy, questionnaire=questionnaire)
    questionnaires.response_submit(
        invitation=Invitation.objects.get(professional=policy),
        choices={str(q.pk): "ja" for q in questionnaire.questions.filter(kind="closed")},
    )
    Questionnaire.objects.filter(pk=questionnaire.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=8)
    )
    reminders = Notification.objects.filter(title__startswith="Herinnering")

    first = Task.objects.get(id=services.run_now("questionnaires.remind", here=True))
    assert (first.group, first.success) == ("questionnaires.remind", True)
    assert first.result == "1 herinnering(en) voor vragenlijsten verstuurd"  # a count, no name
    assert list(reminders.values_list("recipient", flat=True)) == [involved.pk]
    second = Task.objects.get(id=services.run_now("questionnaires.remind", here=True))
    assert (second.success, second.result) == (
        True,
        "0 herinnering(en) voor vragenlijsten verstuurd",
    )
    assert reminders.count() == 1


def test_worker_command_runs_one_job_and_fails_loudly(written, involved):
    call_command("worker", "--run", "audit.seal")
    assert SealEntry.objects.count() == 3
    AccessEvent(
        occurred_at=written[-1].occurred_at,
        actor_user_id=involved.user.pk,
        action="household.read",
        outcome="allowed",
        mac="0" * 64,
    ).save(force_insert=True)
    with pytest.raises(CommandError, match=r"audit\.seal is mislukt: JobFailed"):
        call_command("worker", "--run", "audit.seal")
    with pytest.raises(CommandError, match="Onbekende taak"):
        call_command("worker", "--run", "bestaat.niet")


def test_error_kind_names_only_the_exception_type():
    stored = (
        "duplicate key (bsn)=(123456782) : Traceback (most recent call last):\n"
        '  File "x.py", line 1\n'
        "django.db.utils.IntegrityError: duplicate key (bsn)=(123456782)\n"
    )
    assert services.error_kind(stored) == "IntegrityError"
    assert services.error_kind("") == ""


def test_status_page_shows_last_run_and_failure_to_beheer_only(
    client, written, privacy_officer, involved, django_assert_num_queries
):
    services.schedules_sync()
    services.run_now("audit.seal", here=True)
    AccessEvent(
        occurred_at=written[-1].occurred_at,
        actor_user_id=involved.user.pk,
        action="household.read",
        outcome="allowed",
        mac="0" * 64,
    ).save(force_insert=True)
    services.run_now("audit.seal", here=True)
    url = reverse("worker:status")
    client.force_login(involved.user)
    assert client.get(url).status_code == 403
    client.force_login(privacy_officer.user)
    with django_assert_num_queries(3):
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Toegangslog verzegelen" in page
    assert "mislukt" in page and "JobFailed" in page
    assert "1 taak is de laatste keer mislukt." in page
    assert "nog nooit" in page  # the daily jobs have not run yet
