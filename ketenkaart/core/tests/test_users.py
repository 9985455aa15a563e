"""The session's user is read in one statement with its professional and organisation
(core/users.py), through the password backend and the OIDC backend alike, and an expired or
unknown session is still nobody (core/sessions.py)."""

import datetime

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.test import Client
from django.utils import timezone

from ketenkaart.core.models import UserSession
from ketenkaart.core.oidc import MunicipalityOIDCBackend
from ketenkaart.core.users import ModelBackend, with_professional
from ketenkaart.testing import factories as f

PASSWORD = "geheim-wachtwoord"  # the factories' own


def test_the_user_comes_with_its_professional_and_organisation(db, django_assert_num_queries):
    professional = f.ProfessionalFactory()
    with django_assert_num_queries(1):
        user = with_professional(str(professional.user.pk))  # as the session holds it
        assert user.professional.organisation.name == professional.organisation.name
    assert with_professional("999999") is None


def test_an_account_without_a_professional_record_reads_as_before(db):
    parent = f.UserFactory()
    user = with_professional(parent.pk)
    assert user == parent and not hasattr(user, "professional")


@pytest.mark.parametrize("backend", [ModelBackend, MunicipalityOIDCBackend])
def test_both_backends_read_the_user_in_one_statement(db, backend, django_assert_num_queries):
    professional = f.ProfessionalFactory()
    with django_assert_num_queries(1):
        user = backend().get_user(professional.user.pk)
        assert user.professional.role == professional.role


def test_the_password_backend_still_refuses_an_inactive_account(db):
    professional = f.ProfessionalFactory(user__is_active=False)
    assert ModelBackend().get_user(professional.user.pk) is None


def test_a_password_login_is_read_back_and_an_expired_session_is_nobody(db):
    professional = f.ProfessionalFactory()
    client = Client()
    client.post("/inloggen", {"username": professional.user.username, "password": PASSWORD})
    assert client.session[BACKEND_SESSION_KEY] == "ketenkaart.core.users.ModelBackend"
    assert client.get("/start").wsgi_request.user == professional.user

    UserSession.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert not client.get("/start").wsgi_request.user.is_authenticated
