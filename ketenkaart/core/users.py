"""The logged-in user of a request, read in one statement with the professional record and
organisation that nearly every page asks for next (issue 17): three statements on every page
became one, compiled once and prepared (core/precompiled.py)."""

from django.contrib.auth import backends, get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import IntegerField

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
    loaded; None when there is none."""
    user: AbstractBaseUser | None = _USER.first(user=user_id)
    return user


class ModelBackend(backends.ModelBackend):
    """Django's backend for a username and password; only the session's user is read with
    `with_professional`."""

    def get_user(self, user_id):
        user = with_professional(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
