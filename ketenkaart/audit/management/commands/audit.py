"""`ketenkaart audit verify|seal|checkpoint|export`: check, seal, checkpoint or export the
toegangslog (docs/operations.md#the-audit-log)."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from ketenkaart.audit import export, seal, verify
from ketenkaart.core import replica


class Command(BaseCommand):
    help = "Controleer, verzegel of exporteer de toegangslog."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "seal", "checkpoint", "export"])
        parser.add_argument("--since", type=datetime.date.fromisoformat, help="export: vanaf")
        parser.add_argument("--until", type=datetime.date.fromisoformat, help="export: tot")
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, action, **options):
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
        else:
            report = verify.verify()
            for problem in report.problems:
                self.stderr.write(problem)
            if not report.ok:
                raise CommandError(f"Toegangslog is aangetast: {len(report.problems)} problemen.")
            self.stdout.write(
                f"Toegangslog intact: {report.events} regels, {report.sealed} verzegeld, "
                f"{report.checkpoints} controlepunten."
            )
