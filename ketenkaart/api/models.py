"""Bearer tokens for scripts and systems; only a hash of the token is stored."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def default_expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=settings.API_TOKEN_DAYS)


# `last_used_at` is written at most this often, so a busy token costs no write per request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("omschrijving"), max_length=120, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Every token ends (OWASP ASVS 3.5): no token lives longer than its expiry.
    expires_at = models.DateTimeField(_("verloopt op"), default=default_expiry)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self) -> str:
        return self.name or f"token {self.pk}"

    @staticmethod
    def new_raw() -> str:
        return secrets.token_urlsafe(32)
