"""`ketenkaart audit verify` checks every hash chain; `ketenkaart audit checkpoint` seals heads."""

from django.core.management.base import BaseCommand, CommandError

from ketenkaart.audit import services


class Command(BaseCommand):
    help = "Controleer of seal de toegangslog."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "checkpoint"])

    def handle(self, *args, action, **options):
        if action == "checkpoint":
            checkpoint = services.checkpoint_create()
            self.stdout.write(f"Controlepunt {checkpoint.pk}: {len(checkpoint.heads)} stromen.")
            return
        report = services.verify()
        for problem in report.problems:
            self.stderr.write(problem)
        if not report.ok:
            raise CommandError(f"Toegangslog is aangetast: {len(report.problems)} problemen.")
        self.stdout.write(
            f"Toegangslog intact: {report.events} regels in {report.streams} stromen."
        )
