"""`ketenkaart monitor refresh [--full] [--since JJJJ-MM-DD]`: recompute the monitor's
aggregates (ketenkaart.monitor.jobs.refresh); `ketenkaart monitor remind`: remind who has not
answered an open questionnaire (ketenkaart.questionnaires.jobs.remind)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from ketenkaart.monitor import jobs
from ketenkaart.questionnaires import jobs as questionnaire_jobs


class Command(BaseCommand):
    help = (
        "refresh: ververs de cijfers van de monitor (standaard vanaf het vorige kwartaal; "
        "--full: de hele bewaarde geschiedenis). remind: herinner wie een open vragenlijst "
        "nog niet invulde."
    )

    def add_arguments(self, parser):
        parser.add_argument("task", choices=["refresh", "remind"])
        parser.add_argument("--full", action="store_true", help="refresh: alle periodes")
        parser.add_argument("--since", help="refresh: vanaf deze datum (JJJJ-MM-DD)")

    def handle(self, *args, task, full, since, **options):
        if task == "remind":
            sent = questionnaire_jobs.remind()
            self.stdout.write(f"{sent} herinneringen verstuurd.")
            return
        day = None
        if since:
            try:
                day = datetime.date.fromisoformat(since)
            except ValueError as error:
                raise CommandError("Gebruik --since als JJJJ-MM-DD.") from error
        result = jobs.refresh(full=full, since=day)
        self.stdout.write(
            f"{result.cells} cellen vanaf {result.since.isoformat()} in {result.seconds:.1f} s."
        )
