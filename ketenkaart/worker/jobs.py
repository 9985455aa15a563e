"""The one registry of scheduled work: every job the worker runs, with its cron line, in one
place. `ketenkaart worker` writes these into django-q2's schedules and runs them; nothing else
needs a crontab. Add a job here, not in a crontab."""

from dataclasses import dataclass
from importlib import import_module

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Job:
    name: str  # stable key; also the django-q2 schedule's name and its tasks' group
    func: str  # dotted path of a function without arguments
    cron: str  # minute hour day-of-month month day-of-week, in TIME_ZONE
    description: object


JOBS: tuple[Job, ...] = (
    Job(
        "audit.seal",
        "ketenkaart.worker.tasks.audit_seal",
        "* * * * *",
        _("Toegangslog verzegelen (elke minuut)"),
    ),
    Job(
        "audit.checkpoint",
        "ketenkaart.worker.tasks.audit_checkpoint",
        "7 * * * *",
        _("Controlepunt van de toegangslog (elk uur)"),
    ),
    Job(
        "audit.verify",
        "ketenkaart.worker.tasks.audit_verify",
        "30 2 * * *",
        _("Toegangslog controleren (dagelijks)"),
    ),
    Job(
        "households.measures_expire",
        "ketenkaart.worker.tasks.measures_expire",
        "15 0 * * *",
        _("Regie terug naar het lokale team na afloop van een maatregel (dagelijks)"),
    ),
    Job(
        "safety_teams.plan",
        "ketenkaart.worker.tasks.safety_teams_plan",
        "0 5 * * *",
        _("Vaste overleggen van de komende 14 dagen aanmaken (dagelijks)"),
    ),
    Job(
        "safety_teams.deadlines",
        "ketenkaart.worker.tasks.safety_teams_deadlines",
        "0 6 * * *",
        _("Herinneringen aan acties die verlopen (dagelijks)"),
    ),
    Job(
        "safety_teams.notices",
        "ketenkaart.worker.tasks.safety_teams_notices",
        "30 6 * * *",
        _("Professionals rond hetzelfde kind van elkaar op de hoogte brengen (dagelijks)"),
    ),
    Job(
        "questionnaires.remind",
        "ketenkaart.worker.tasks.questionnaires_remind",
        "0 8 * * *",
        _("Herinneringen voor vragenlijsten (dagelijks)"),
    ),
    Job(
        "sessions.clear_expired",
        "ketenkaart.worker.tasks.sessions_clear_expired",
        "45 * * * *",
        _("Verlopen sessies opruimen (elk uur)"),
    ),
    # `recompute_deadlines` is not periodic: run it once after the working-day calendar changed.
)

# Slots for jobs of apps built beside this one: registered only when their function imports.
OPTIONAL_JOBS: tuple[Job, ...] = (
    # Issue: monitoring of the chain (ketenkaart/monitor).
    Job(
        "monitor.refresh",
        "ketenkaart.monitor.jobs.refresh",
        "*/15 * * * *",
        _("Monitor bijwerken (elk kwartier)"),
    ),
    # Issue: retention (ketenkaart/retention): list what is due for deletion, delete nothing.
    Job(
        "retention.list_due",
        "ketenkaart.retention.jobs.list_due",
        "0 3 * * *",
        _("Bewaartermijnen: verlopen dossiers op een rij (dagelijks)"),
    ),
)


def importable(func: str) -> bool:
    module, _dot, name = func.rpartition(".")
    try:
        return callable(getattr(import_module(module), name, None))
    except ImportError:
        return False


def registered() -> list[Job]:
    """Every job the worker runs here: the fixed ones and the optional ones that import."""
    return [*JOBS, *(job for job in OPTIONAL_JOBS if importable(job.func))]


def by_name(name: str) -> Job:
    for job in registered():
        if job.name == name:
            return job
    raise KeyError(name)
