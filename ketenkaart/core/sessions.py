"""The session engine (settings.SESSION_ENGINE): Django's database store, writing the logged-in
user's id beside the session data (`core.models.UserSession`), and reading the session of a
request with a statement compiled once and prepared (issue 17: every page reads it). The same
statement brings the session's user with their professional and organisation, which the
authentication backends take instead of a statement of their own (`core.users`)."""

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.core.exceptions import ValidationError
from django.db.models import CharField, DateTimeField
from django.utils import timezone

from ketenkaart.core.precompiled import Param, Precompiled


def _session():
    from ketenkaart.core.models import UserSession

    return UserSession.objects.select_related("user__professional__organisation").filter(
        session_key=Param("key", CharField()), expire_date__gt=Param("now", DateTimeField())
    )[:1]


_SESSION = Precompiled(_session)


class SessionStore(DatabaseStore):
    # The user row the session's statement brought; `core.users.with_professional` takes it.
    user_row = None

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
        return session

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = get_user_model()._meta.pk.to_python(data.get(SESSION_KEY))
        except ValidationError:
            session.user_id = None
        return session
