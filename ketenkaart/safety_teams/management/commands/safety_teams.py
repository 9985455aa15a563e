"""`ketenkaart safety_teams plan|deadlines|notices`: the periodic work a scheduler calls daily."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from ketenkaart.households.models import Household
from ketenkaart.safety_teams import services
from ketenkaart.safety_teams.models import SafetyTeam


class Command(BaseCommand):
    help = (
        "plan: maak de vaste overleggen van de komende dagen aan; deadlines: herinner eigenaren "
        "aan acties die morgen verlopen of te laat zijn; notices: vertel professionals van "
        "verschillende organisaties rond hetzelfde kind van elkaar (zonder inhoud)."
    )

    def add_arguments(self, parser):
        parser.add_argument("task", choices=["plan", "deadlines", "notices"])
        parser.add_argument("--days", type=int, default=14, help="plan: hoeveel dagen vooruit")
        parser.add_argument(
            "--since-days",
            type=int,
            default=2,
            help="notices: gezinnen met een betrokkenheid die in zoveel dagen is begonnen",
        )

    def handle(self, *args, task, days, since_days, **options):
        today = timezone.localdate()
        if task == "plan":
            made = sum(
                len(services.meetings_plan(team=team, start=today, days=days))
                for team in SafetyTeam.objects.all()
            )
            self.stdout.write(f"{made} overleggen aangemaakt.")
        elif task == "deadlines":
            self.stdout.write(f"{services.action_deadlines_notify(day=today)} herinneringen.")
        else:
            since = today - datetime.timedelta(days=since_days)
            households = Household.objects.filter(
                closed_at__isnull=True, involvements__started_on__gte=since
            ).distinct()
            sent = sum(
                services.involvement_notices_send(household=household)
                for household in households.iterator()
            )
            self.stdout.write(f"{sent} berichten over wie er ook betrokken is.")
