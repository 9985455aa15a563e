"""OIDC login for the municipality's identity provider (mozilla-django-oidc), configured from
the environment (docs/operations.md). It logs in an account that exists already, matched on one
claim (`OIDC_USERNAME_CLAIM`, `preferred_username` by default); it never creates one, since an
account without its professional record (organisation, role) may do nothing here."""

from django.conf import settings
from django.http import Http404
from mozilla_django_oidc import views
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from ketenkaart.core.users import SessionUser

FAMILY_CALLBACK_PREFIX = "/mijn-gezin/"


class MunicipalityOIDCBackend(SessionUser, OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED:
            return None
        # The family's DigiD callback has its own client (ketenkaart.portal.digid): its code is
        # never sent to this provider.
        if request is not None and request.path.startswith(FAMILY_CALLBACK_PREFIX):
            return None
        return super().authenticate(request, **kwargs)

    def verify_claims(self, claims) -> bool:
        return bool(claims.get(settings.OIDC_USERNAME_CLAIM))

    def filter_users_by_claims(self, claims):
        username = claims.get(settings.OIDC_USERNAME_CLAIM)
        if not username:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(username=username, is_active=True)

    def update_user(self, user, claims):
        return user  # the account is kept here, not by the identity provider


class _OnlyWhenEnabled:
    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class AuthenticationRequestView(_OnlyWhenEnabled, views.OIDCAuthenticationRequestView):
    """Sends the browser to the identity provider (with state, nonce and PKCE)."""


class AuthenticationCallbackView(_OnlyWhenEnabled, views.OIDCAuthenticationCallbackView):
    """Takes the provider's answer back; the code is exchanged and the ID token checked."""
