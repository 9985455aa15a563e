"""`ketenkaart generate --households N`: synthetic volume for benchmarks, in bulk."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ketenkaart.demo import volume

LABELS = {
    "users": "gebruikers",
    "professionals": "professionals",
    "professional_districts": "wijktoewijzingen",
    "households": "gezinnen",
    "persons": "personen",
    "members": "gezinsleden",
    "involvements": "betrokkenheden",
    "handovers": "overdrachten",
    "measures": "maatregelen",
    "reports": "meldingen",
    "report_persons": "personen in meldingen",
    "exemption_requests": "ventielaanvragen",
    "decisions": "besluiten van de ventieltafel",
}


class Command(BaseCommand):
    # Like loaddata: a data command that does not depend on the URL configuration.
    requires_system_checks = []
    help = (
        "Voeg synthetische gezinnen toe (met personen, betrokkenen, regie en maatregelen) "
        "voor belastingtests. Snel, zonder toegangslog."
    )

    def add_arguments(self, parser):
        parser.add_argument("--households", type=int, required=True, help="aantal gezinnen")
        parser.add_argument("--batch-size", type=int, default=5_000)
        parser.add_argument("--seed", type=int, default=None, help="voor herhaalbare data")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="ook met productie-instellingen (alleen voor een testomgeving)",
        )

    def handle(self, *args, households, batch_size, seed, allow_production, **options):
        if households < 1:
            raise CommandError("Geef een positief aantal gezinnen op.")
        if batch_size < 1:
            raise CommandError("De batchgrootte moet positief zijn.")
        if settings.PRODUCTION and not allow_production:
            raise CommandError(
                "Dit voegt synthetische gezinnen toe. Met productie-instellingen alleen met "
                "--allow-production, en nooit in een omgeving met echte gezinnen."
            )
        verbose = options["verbosity"] >= 2

        def progress(done, seconds):
            if verbose:
                self.stdout.write(f"  {done} gezinnen na {seconds:.1f} s")

        try:
            result = volume.generate(
                households=households, batch_size=batch_size, seed=seed, progress=progress
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        rows = ", ".join(f"{count} {LABELS.get(name, name)}" for name, count in result.rows.items())
        self.stdout.write(
            f"{result.households} gezinnen toegevoegd in {result.seconds:.1f} s op "
            f"{connection.vendor}: {result.total_rows} rijen "
            f"({result.total_rows / result.seconds:,.0f} per seconde) — {rows}."
        )
