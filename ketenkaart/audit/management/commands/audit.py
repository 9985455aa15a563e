"""`ketenkaart audit verify|seal|checkpoint|export|prune`: check, seal, checkpoint, export or
prune the toegangslog (docs/operations.md#the-audit-log)."""

import datetime
import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ketenkaart.audit import export, prune, seal, verify
from ketenkaart.core import replica


class Command(BaseCommand):
    help = "Controleer, verzegel of exporteer de toegangslog."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["verify", "seal", "checkpoint", "export", "prune"])
        parser.add_argument(
            "--incremental",
            action="store_true",
            help="verify: alleen vanaf het laatste externe controlepunt",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="prune: laat zien wat weg zou gaan"
        )
        parser.add_argument("--since", type=datetime.date.fromisoformat, help="export: vanaf")
        parser.add_argument("--until", type=datetime.date.fromisoformat, help="export: tot")
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args: Any, action: str, **options: Any) -> None:

        if action == "checkpoint":
            point = seal.checkpoint_create()
            self.stdout.write(f"Controlepunt {point.pk} bij zegel {point.position}.")
        elif action == "seal":
            result = seal.seal(batch_size=options["batch_size"])
            self.stdout.write(f"Verzegeld: {result.sealed} regels.")
            if result.refused:
                raise CommandError(
                    f"Niet verzegeld, sleutel klopt niet: regels {result.refused[:20]}."
                )
        elif action == "export":
            with replica.reads():  # an export may read the replica (DATABASE_REPLICA_URL)
                for row in export.logboek_rows(since=options["since"], until=options["until"]):
                    self.stdout.write(json.dumps(row, ensure_ascii=False, sort_keys=True))
        elif action == "prune":
            self._prune(dry_run=options["dry_run"])
        else:
            report = verify.verify(incremental=options["incremental"])
            for problem in report.problems:
                self.stderr.write(problem)
            if not report.ok:
                raise CommandError(f"Toegangslog is aangetast: {len(report.problems)} problemen.")
            self.stdout.write(
                f"Toegangslog intact: {report.events} regels, {report.sealed} verzegeld, "
                f"{report.checkpoints} controlepunten"
                + (f", gecontroleerd vanaf zegel {report.start + 1}." if report.start else ".")
            )

    def _prune(self, *, dry_run: bool) -> None:
        result = prune.prune(dry_run=dry_run)
        if result.refused:
            for problem in result.refused:
                self.stderr.write(problem)
            raise CommandError("Niet opgeschoond: de toegangslog is aangetast (zie verify).")
        when = f"{result.cutoff:%Y-%m-%d}"
        if not result.position:
            self.stdout.write(f"Niets op te schonen van vóór {when}.")
        elif dry_run:
            self.stdout.write(
                f"Zou {result.events} regels van vóór {when} weghalen, tot zegel {result.position}."
            )
        else:
            self.stdout.write(
                f"Opgeschoond: {result.events} regels van vóór {when}, tot zegel {result.position}."
            )
