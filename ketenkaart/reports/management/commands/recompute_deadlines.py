"""`ketenkaart recompute_deadlines` recomputes the stored deadlines of open work after the
working-day calendar changed (a new Royal decree under Atw art. 3 lid 3, or the setting
KETENKAART["EXTRA_NON_WORKING_DAYS"]): the veiligheidsbeoordeling of meldingen still awaiting it
and the decision date of ventieltafel requests still open. Safe to run again."""

from django.core.management.base import BaseCommand

from ketenkaart.reports.services import deadlines_recompute


class Command(BaseCommand):
    help = "Herbereken de termijnen van openstaand werk na een wijziging van de werkdagen."

    def handle(self, *args, **options):
        changed = deadlines_recompute()
        for name, count in changed.items():
            self.stdout.write(f"{name}: {count} termijn(en) aangepast")
