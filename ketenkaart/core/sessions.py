"""The session engine (settings.SESSION_ENGINE): Django's database store, writing the logged-in
user's id beside the session data (`core.models.UserSession`), and reading the session of a
request with a statement compiled once and prepared (issue 17: every page reads it). The same
statement brings the session's user with their professional and organisation, which the
authentication backends take instead of a statement of their own (`core.users`), and the
professional's unread count, which the menu shows (`notifications.selectors.unread_on_page`)."""

from contextvars import ContextVar

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.core.exceptions import ValidationError
from django.db.models import CharField, DateTimeField, OuterRef
from django.utils import timezone

from ketenkaart.core.precompiled import Param, Precompiled

_KEY_CHARS = frozenset(VALID_KEY_CHARS)

# The session of the request being answered (set by core.users.AuthenticationMiddleware).
current: ContextVar["SessionStore | None"] = ContextVar("ketenkaart_session", default=None)


def _session():
    from ketenkaart.core.models import UserSession
    from ketenkaart.notifications.selectors import unread_of

    return (
        UserSession.objects.select_related("user__professional__organisation")
        .annotate(unread=unread_of(OuterRef("user__professional__pk")))
        .filter(
            session_key=Param("key", CharField()), expire_date__gt=Param("now", DateTimeField())
        )[:1]
    )


_SESSION = Precompiled(_session)


class SessionStore(DatabaseStore):
    # What the session's statement brought: the user row, which `core.users.with_professional`
    # takes, and (professional id, unread count), which `unread_on_page` takes unless this
    # request changed that professional's messages first (`forget_unread`).
    user_row = None
    unread = None

    def _validate_session_key(self, key):
        # Django's: at least 8 characters; and only characters of the keys Django makes, so a
        # hostile cookie (a NUL byte, which PostgreSQL refuses in text) is no session, not an
        # error. At most the column's 40.
        return super()._validate_session_key(key) and len(key) <= 40 and set(key) <= _KEY_CHARS

    @classmethod
    def get_model_class(cls):
        from ketenkaart.core.models import UserSession

        return UserSession

    def _get_session_from_db(self):
        # As Django's: an unknown or expired key is forgotten, so a new one is made on save.
        session = _SESSION.first(key=self.session_key, now=timezone.now())
        if session is None:
            self._session_key = None
        else:
            self.user_row = session.user
            professional = getattr(session.user, "professional", None)
            if professional is not None:
                self.unread = (professional.pk, session.unread)
        return session

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = get_user_model()._meta.pk.to_python(data.get(SESSION_KEY))
        except ValidationError:
            session.user_id = None
        return session


def forget_unread(professional_id: object) -> None:
    """The request being answered changed this professional's messages: the count its session's
    statement brought is no longer the one to show."""
    session = current.get()
    brought = getattr(session, "unread", None)  # another engine's store has none
    if session is not None and brought is not None and brought[0] == professional_id:
        session.unread = None
