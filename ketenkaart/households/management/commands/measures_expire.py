"""`ketenkaart measures_expire` (daily): when the last measure of a family ran out, was ended
or lapsed unused, regie returns to the local team through the handover service."""

from django.core.management.base import BaseCommand

from ketenkaart.households.measure_services import regie_return_after_measures


class Command(BaseCommand):
    help = "Geef de regie terug aan het lokale team waar geen maatregel meer loopt."

    def handle(self, *args, **options):
        count = regie_return_after_measures()
        self.stdout.write(f"{count} gezin(nen) zonder lopende maatregel behandeld")
