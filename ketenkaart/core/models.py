"""The login session, with its user as a column."""

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class UserSession(AbstractBaseSession):
    """Django's database session plus the user it belongs to, kept in step by the session
    store (`core/sessions.py`, Django's "extending database-backed session engines"). Ending
    every session of one user (a replaced or reset second factor) is then one indexed DELETE,
    not a decode of every live session in the country."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = "sessie"
        verbose_name_plural = "sessies"

    @classmethod
    def get_session_store_class(cls):
        from ketenkaart.core.sessions import SessionStore

        return SessionStore
