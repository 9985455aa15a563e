"""`ketenkaart token create --user NAME` prints a new bearer token as the last word of its
output; only its hash is stored, so it is shown this once. `token revoke --user NAME` ends
every token of that user. A token expires after `--days` (default `KETENKAART_API_TOKEN_DAYS`,
90)."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ketenkaart.api.models import ApiToken, hash_token


class Command(BaseCommand):
    help = "Maak of trek API-tokens in (Authorization: Bearer <token>)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "revoke"])
        parser.add_argument("--user", required=True, help="De gebruikersnaam.")
        parser.add_argument("--name", default="", help="Waar het token voor is (optioneel).")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Na hoeveel dagen het token verloopt (standaard KETENKAART_API_TOKEN_DAYS).",
        )

    def handle(self, *args, action, user, name, days=None, **options):
        account = get_user_model().objects.filter(username=user).first()
        if account is None:
            raise CommandError(f"Onbekende gebruiker: {user}")
        if action == "revoke":
            count = ApiToken.objects.filter(user=account, revoked_at__isnull=True).update(
                revoked_at=timezone.now()
            )
            self.stdout.write(f"{count} token(s) van {user} ingetrokken.")
            return
        days = settings.API_TOKEN_DAYS if days is None else days
        if not 1 <= days <= settings.API_TOKEN_DAYS:
            raise CommandError(f"--days moet tussen 1 en {settings.API_TOKEN_DAYS} liggen.")
        raw = ApiToken.new_raw()
        expires_at = timezone.now() + datetime.timedelta(days=days)
        ApiToken.objects.create(
            user=account, name=name, digest=hash_token(raw), expires_at=expires_at
        )
        self.stdout.write(
            f"Nieuw token voor {user}, geldig tot {expires_at:%Y-%m-%d %H:%M} UTC; bewaar het "
            f"nu, het wordt niet opnieuw getoond: {raw}"
        )
