"""`Authorization: Bearer <token>` for scripts and systems. Only a hash of a token is stored."""

from django.db.models import CharField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from ketenkaart.api.models import LAST_USED_RESOLUTION, ApiToken, hash_token
from ketenkaart.core.precompiled import Param, Precompiled

# The token, its user and professional in one statement, compiled once (every API request).
_TOKEN = Precompiled(
    lambda: ApiToken.objects.select_related("user__professional__organisation").filter(
        digest=Param("digest", CharField()), revoked_at__isnull=True
    )[:1]
)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        # The scheme is case-insensitive (RFC 9110); anything else is for another backend.
        if not header or header[0].lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ongeldige Authorization-header."))
        token = _TOKEN.first(digest=hash_token(header[1]))
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Onbekend of ingetrokken token."))
        now = timezone.now()
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed(
                _("Dit token is verlopen. Vraag functioneel beheer om een nieuw token.")
            )
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
