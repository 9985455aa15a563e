"""The logged-in user of a request, read in one statement with the professional record and
organisation that nearly every page asks for next (issue 17): three statements on every page
became one, compiled once and prepared (core/precompiled.py). On a page with a session that one
is the session's own statement (core/sessions.py): while the request runs, its session is at
hand here, and its user row is taken when it is the user the session names."""

from django.contrib.auth import backends, get_user_model
from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import IntegerField

from ketenkaart.core import sessions
from ketenkaart.core.precompiled import Param, Precompiled

_USER = Precompiled(
    lambda: (
        get_user_model()
        .objects.select_related("professional__organisation")
        .filter(pk=Param("user", IntegerField()))[:1]
    )
)


def with_professional(user_id: object) -> AbstractBaseUser | None:
    """The user with this id (as a session holds it), its professional and organisation
    loaded; None when there is none. The row the request's session brought is taken once,
    and only when it is this user; otherwise the user is read."""
    session = sessions.current.get()
    row = getattr(session, "user_row", None)  # another engine's store has none
    if session is not None and row is not None:
        session.user_row = None
        if str(row.pk) == str(user_id):
            return row
    user: AbstractBaseUser | None = _USER.first(user=user_id)
    return user


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, with the request's session at hand for `with_professional` while the request
    runs (a context variable, reset after the response, so no row outlives its request)."""

    async_capable = False

    def __call__(self, request):
        token = sessions.current.set(getattr(request, "session", None))
        try:
            return super().__call__(request)
        finally:
            sessions.current.reset(token)


class SessionUser:
    """Every backend's `get_user`: `with_professional`, and nobody for an account that is no
    longer active, so a deactivated account's sessions end at their next request however it
    logged in (Django's ModelBackend refuses it; mozilla-django-oidc's does not)."""

    def get_user(self, user_id):
        user = with_professional(user_id)
        return user if user is not None and user.is_active else None


class ModelBackend(SessionUser, backends.ModelBackend):
    """Django's backend for a username and password, with the session's user as above."""
