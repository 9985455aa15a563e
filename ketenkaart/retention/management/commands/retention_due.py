"""`ketenkaart retention_due`: the dossiers due for destruction, ids only, for a scheduler; the
privacy officer confirms each in Ketenkaart (/vernietiging)."""

from django.core.management.base import BaseCommand

from ketenkaart.retention.jobs import list_due


class Command(BaseCommand):
    help = "Toont de dossiers waarvan de bewaartermijn voorbij is (alleen ids)."

    def handle(self, *args, **options):
        rows = list_due()
        for row in rows:
            kind = "verzoek" if row.on_request else "termijn"
            self.stdout.write(f"{row.household_id} {kind} {row.destroy_on or '-'}")
        self.stdout.write(self.style.SUCCESS(f"{len(rows)} dossier(s) te vernietigen"))
