"""`ketenkaart import_zorgmeldingen FILE --user politie` imports police zorgmeldingen from a
JSON, JSON Lines or CSV file. Safe to run again after an interruption: nothing is stored twice
and no melding is stored half."""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ketenkaart.organisations.models import Professional, Role
from ketenkaart.reports.importer import CSV_COLUMNS, UnknownColumns, import_file


class Command(BaseCommand):
    help = "Importeer zorgmeldingen van de politie uit een bestand (JSON, JSONL of CSV)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user", required=True, help="Het (systeem)account van de politie dat meldt."
        )
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, file: Path, user: str, batch_size: int, **options):
        account = get_user_model().objects.filter(username=user).first()
        professional = Professional.objects.filter(user=account).first() if account else None
        if professional is None or professional.role != Role.POLICE:
            raise CommandError(f"{user} is geen account van de politie.")
        if not file.exists():
            raise CommandError(f"Bestand niet gevonden: {file}")
        started = time.perf_counter()

        def progress(result):
            if options["verbosity"] >= 2:
                self.stdout.write(f"batch {result.batches}: {result.created} nieuw tot nu toe")

        try:
            result = import_file(file, by=professional, batch_size=batch_size, progress=progress)
        except UnknownColumns as error:
            raise CommandError(
                f"Onbekende kolommen, niets geïmporteerd: {error}. "
                f"Bekende kolommen: {', '.join(CSV_COLUMNS)}."
            ) from error
        seconds = time.perf_counter() - started
        for position, fields in result.invalid[:50]:
            # Position and field names only: the content may hold personal data.
            self.stderr.write(f"bericht {position} overgeslagen, ongeldig: {', '.join(fields)}")
        self.stdout.write(
            f"{result.created} nieuwe meldingen, {result.extended} aangevuld met een formulier, "
            f"{result.unchanged} al aanwezig, {len(result.invalid)} ongeldig; "
            f"{result.batches} batches in {seconds:.1f} s"
        )
        if result.references:
            ranges = ", ".join(
                first if first == last else f"{first} t/m {last}"
                for first, last in result.references
            )
            self.stdout.write(f"kenmerken van de nieuwe meldingen: {ranges}")
