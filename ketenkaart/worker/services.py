"""Writing the registry into django-q2's schedules, running a job now, and each job's last run.

django-q2 (ORM broker: the queue is a table in the same database, SQLite or PostgreSQL, no
Redis) runs the schedules in one process, `ketenkaart worker`. Every run is stored as a
django-q2 Task whose group is the job's name; failures are always kept, successes up to
Q_CLUSTER["save_limit"]."""

import datetime
import re
from dataclasses import dataclass
from multiprocessing import Queue, Value
from typing import Any

from croniter import croniter
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.conf import Conf
from django_q.models import Schedule, Task
from django_q.monitor import monitor
from django_q.signing import SignedPackage
from django_q.tasks import async_task
from django_q.worker import worker

from ketenkaart.worker.jobs import Job, by_name, registered

# Our schedules are recognised by the package of their function; others (if an operator
# adds one in the admin) are left alone.
_OURS = "ketenkaart."


def next_run(cron: str, after: datetime.datetime | None = None) -> datetime.datetime:
    return croniter(cron, timezone.localtime(after or timezone.now())).get_next(datetime.datetime)


@transaction.atomic
def schedules_sync() -> dict[str, int]:
    """Make django-q2's schedules match the registry: add, change, remove. A new or changed
    job first runs at its next cron time, never at once. Safe to run again."""
    jobs = {job.name: job for job in registered()}
    counts = {"added": 0, "changed": 0, "removed": 0}
    existing = {s.name: s for s in Schedule.objects.filter(func__startswith=_OURS)}
    for name, schedule in existing.items():
        if name not in jobs:
            schedule.delete()
            counts["removed"] += 1
    for name, job in jobs.items():
        schedule = existing.get(name)
        if schedule is None:
            Schedule.objects.create(
                name=name,
                func=job.func,
                schedule_type=Schedule.CRON,
                cron=job.cron,
                repeats=-1,
                next_run=next_run(job.cron),
            )
            counts["added"] += 1
        elif (schedule.func, schedule.cron, schedule.schedule_type) != (
            job.func,
            job.cron,
            Schedule.CRON,
        ):
            schedule.func, schedule.cron, schedule.schedule_type = job.func, job.cron, Schedule.CRON
            schedule.repeats, schedule.next_run = -1, next_run(job.cron)
            schedule.save()
            counts["changed"] += 1
    return counts


def run_now(name: str, *, here: bool = False) -> str:
    """Queue a registered job for the worker now; with `here`, also run the queue in this
    process the way the cluster does (its worker, then its monitor, which records the run,
    failure included). Returns the task id."""
    job = by_name(name)
    task_id: str = async_task(job.func, group=job.name, sync=False)
    if here:
        work_here()
    return task_id


def work_here() -> int:
    """Take what is queued now and run it in this process through django-q2's own worker and
    monitor (the cluster's code without its processes). django-q2's `sync` mode would not do:
    it raises a failure instead of recording it."""
    broker = get_broker()
    tasks = broker.dequeue() or []
    task_queue: Queue[Any] = Queue()
    result_queue: Queue[Any] = Queue()
    for ack_id, package in tasks:
        task = SignedPackage.loads(package)
        task["cluster"], task["ack_id"], task["sync"] = Conf.CLUSTER_NAME, ack_id, False
        task_queue.put(task)
    task_queue.put("STOP")
    # Conf.SYNC keeps this process's database connections open (the cluster's processes close
    # theirs between tasks); the tasks themselves are not in sync mode, so a failure is stored.
    sync, Conf.SYNC = Conf.SYNC, True
    try:
        worker(task_queue, result_queue, Value("f", -1))
        result_queue.put("STOP")
        monitor(result_queue, broker)
    finally:
        Conf.SYNC = sync
    for queue in (task_queue, result_queue):
        queue.close()
        queue.join_thread()
    return len(tasks)


@dataclass(frozen=True)
class JobStatus:
    job: Job
    next_run: datetime.datetime | None
    last_started: datetime.datetime | None
    last_stopped: datetime.datetime | None
    last_success: bool | None
    last_failure: datetime.datetime | None
    last_error: str  # the exception's type only: its text may quote data

    @property
    def failed(self) -> bool:
        return self.last_success is False


_EXCEPTION = re.compile(r"^([A-Za-z_][\w.]*)(?::|$)")


def error_kind(result: object) -> str:
    """The exception type from django-q2's stored "message : traceback" (its last line)."""
    lines = [line for line in str(result or "").strip().splitlines() if line.strip()]
    match = _EXCEPTION.match(lines[-1].strip()) if lines else None
    return match.group(1).rsplit(".", 1)[-1] if match else ""


def status() -> list[JobStatus]:
    """Each registered job with its next run and its last run, in two queries."""
    runs = Task.objects.filter(group=OuterRef("name")).order_by("-started")
    failures = runs.filter(success=False)
    rows = {
        row["name"]: row
        for row in Schedule.objects.filter(name__in=[job.name for job in registered()])
        .annotate(
            last_started=Subquery(runs.values("started")[:1]),
            last_stopped=Subquery(runs.values("stopped")[:1]),
            last_success=Subquery(runs.values("success")[:1]),
            last_failure=Subquery(failures.values("started")[:1]),
            last_failure_id=Subquery(failures.values("id")[:1]),
        )
        .values(
            "name",
            "next_run",
            "last_started",
            "last_stopped",
            "last_success",
            "last_failure",
            "last_failure_id",
        )
    }
    # Task.result is a pickled field: read it through the model (a second query).
    errors = {
        task.id: error_kind(task.result)
        for task in Task.objects.filter(
            id__in=[row["last_failure_id"] for row in rows.values() if row["last_failure_id"]]
        ).only("id", "result")
    }
    result = []
    for job in registered():
        row = rows.get(job.name, {})
        result.append(
            JobStatus(
                job=job,
                next_run=row.get("next_run"),
                last_started=row.get("last_started"),
                last_stopped=row.get("last_stopped"),
                last_success=row.get("last_success"),
                last_failure=row.get("last_failure"),
                last_error=errors.get(row.get("last_failure_id"), ""),
            )
        )
    return result
