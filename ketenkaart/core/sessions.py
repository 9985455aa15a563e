"""The session engine (settings.SESSION_ENGINE): Django's database store, writing the logged-in
user's id beside the session data (`core.models.UserSession`)."""

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.core.exceptions import ValidationError


class SessionStore(DatabaseStore):
    @classmethod
    def get_model_class(cls):
        from ketenkaart.core.models import UserSession

        return UserSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = get_user_model()._meta.pk.to_python(data.get(SESSION_KEY))
        except ValidationError:
            session.user_id = None
        return session
