"""Session rules for every request: the idle and absolute timeouts (ASVS 3.3.1, 3.3.2), the
second factor before anything else (ASVS 2.7), and no caching of pages (ASVS 8.2.1)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import user_has_device

from ketenkaart.core.login.audit import LOGOUT_REASON, SESSION_EXPIRED

LOGGED_IN_AT = "kk_logged_in_at"
LAST_SEEN_AT = "kk_last_seen_at"
# The last-seen time is written at most this often, so not every request saves the session.
SEEN_RESOLUTION = 60
OIDC_BACKEND = "ketenkaart.core.oidc.MunicipalityOIDCBackend"
# DigiD (through the municipality's provider) is itself a second factor for the family.
FAMILY_OIDC_BACKEND = "ketenkaart.portal.digid.FamilyOIDCBackend"
# Paths a user who still owes the second factor may reach.
SECOND_FACTOR_PATHS = ("/inloggen/", "/uitloggen", "/static/")


def _now() -> float:
    return timezone.now().timestamp()


def session_started(sender, request, user, **kwargs) -> None:
    """On login (a `user_logged_in` receiver): the clocks of both timeouts start."""
    now = _now()
    request.session[LOGGED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            session = request.session
            now = _now()
            started = session.get(LOGGED_IN_AT)
            seen = session.get(LAST_SEEN_AT, started)
            if (
                started is None
                or now - started > settings.SESSION_COOKIE_AGE
                or now - seen > settings.SESSION_IDLE_TIMEOUT
            ):
                setattr(request, LOGOUT_REASON, SESSION_EXPIRED)
                logout(request)
                messages.info(
                    request, _("Uw sessie is verlopen. Log opnieuw in om verder te werken.")
                )
            elif now - seen > SEEN_RESOLUTION:
                session[LAST_SEEN_AT] = now
        return self.get_response(request)


def needs_second_factor(request) -> bool:
    """A local account owes a second factor until it has given one; an OIDC login brings the
    identity provider's own (the municipality's policy)."""
    user = request.user
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    if request.session.get(BACKEND_SESSION_KEY) in (OIDC_BACKEND, FAMILY_OIDC_BACKEND):
        return False
    # Right after the password, `login()` has put a user without django-otp's attributes.
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified is not None and is_verified())


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_second_factor(request) and not request.path_info.startswith(SECOND_FACTOR_PATHS):
            if request.path_info.startswith("/api/"):
                # The API middleware turns this into problem+json.
                return HttpResponse(status=401)
            if user_has_device(request.user, confirmed=True):
                return redirect("second_factor")
            return redirect("second_factor_setup")
        return self.get_response(request)


class NoStoreMiddleware:
    """No page is kept in a browser's or a proxy's cache: nearly every one carries personal
    data, and a shared computer's back button must not show a dossier after logout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        return response
