"""`ketenkaart loaddemo`: the fictional region "Regio Vlietland" with its accounts and families."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ketenkaart.demo import loader
from ketenkaart.households.models import Household, Involvement, Person
from ketenkaart.organisations.models import Organisation, Professional
from ketenkaart.portal.demo import FAMILY_LOGINS


class Command(BaseCommand):
    # Like loaddata: a data command that does not depend on the URL configuration.
    requires_system_checks = []
    help = "Laad de demoregio met demo-accounts (wachtwoord 'demo'). Alleen in demomodus."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "De demo wordt alleen geladen in demomodus: de demo-accounts hebben het "
                "wachtwoord 'demo'. Zet KETENKAART_DEMO=1 en probeer het opnieuw."
            )
        demo = loader.load_demo()
        region = demo.region
        households = Household.objects.filter(region=region)
        self.stdout.write(
            f"{region.name}: {Organisation.objects.filter(region=region).count()} organisaties, "
            f"{Professional.objects.filter(organisation__region=region).count()} professionals, "
            f"{households.count()} gezinnen, "
            f"{Person.objects.filter(memberships__household__region=region).count()} personen, "
            f"{Involvement.objects.filter(household__region=region).count()} betrokkenheden."
        )
        self.stdout.write(
            "Demo-accounts (wachtwoord 'demo'): "
            + ", ".join([*loader.LOGIN_USERNAMES, *FAMILY_LOGINS])
            + " (Mijn gezin: /mijn-gezin)."
        )
