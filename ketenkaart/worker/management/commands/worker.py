"""`ketenkaart worker`: the one process for scheduled and background work (docs/operations.md,
"The worker"). Writes the registry (ketenkaart/worker/jobs.py) into the schedules, then runs
django-q2's cluster until it is stopped (SIGTERM or Ctrl-C). `--sync-only` only writes the
schedules; `--run NAME` runs one job now in this process and records it like the worker."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_q.models import Task

from ketenkaart.worker import services
from ketenkaart.worker.jobs import registered


class Command(BaseCommand):
    help = "Voer geplande taken uit (django-q2), volgens ketenkaart/worker/jobs.py."

    def add_arguments(self, parser):
        parser.add_argument("--sync-only", action="store_true", help="alleen het rooster bijwerken")
        parser.add_argument("--run", metavar="NAAM", help="voer één taak nu uit")
        parser.add_argument("--list", action="store_true", help="toon de taken en hun rooster")

    def handle(self, *args, sync_only, run, list, **options):
        counts = services.schedules_sync()
        self.stdout.write(
            "Rooster bijgewerkt: {added} nieuw, {changed} gewijzigd, {removed} weg.".format(
                **counts
            )
        )
        if list:
            for job in registered():
                self.stdout.write(f"{job.cron:<14} {job.name}")
            return
        if run:
            names = [job.name for job in registered()]
            if run not in names:
                raise CommandError(f"Onbekende taak {run!r}; kies uit: {', '.join(names)}.")
            task = Task.objects.get(id=services.run_now(run, here=True))
            self.stdout.write(f"{run}: {'gelukt' if task.success else 'mislukt'}.")
            if not task.success:
                raise CommandError(f"{run} is mislukt: {services.error_kind(task.result)}.")
            return
        if not sync_only:
            call_command("qcluster")
