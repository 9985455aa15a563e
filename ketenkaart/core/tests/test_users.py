"""The session's user is read in one statement with its professional and organisation
(core/users.py), through the password backend and the OIDC backend alike; on a page that one
is the session's own statement (core/sessions.py); and an expired or unknown session, a
deactivated account or a changed password is still nobody."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ketenkaart.core import sessions
from ketenkaart.core.models import UserSession
from ketenkaart.core.oidc import MunicipalityOIDCBackend
from ketenkaart.core.sessions import SessionStore
from ketenkaart.core.users import ModelBackend, with_professional
from ketenkaart.notifications.models import Kind, Notification
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import Organisation, Professional
from ketenkaart.testing import factories as f

User = get_user_model()

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


# The session's statement brings its user (core/sessions.py, core/users.py).
FLOOR = "/over/help"  # a signed-in page that reads nothing of its own
BACKENDS = [
    "ketenkaart.core.users.ModelBackend",
    "ketenkaart.core.oidc.MunicipalityOIDCBackend",
    "ketenkaart.portal.digid.FamilyOIDCBackend",  # mozilla-django-oidc's kept a deactivated one
]


def _statements_of(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_a_page_reads_the_session_its_user_and_the_unread_count_in_one_statement(db):
    professional = f.ProfessionalFactory()
    for n in range(2):
        notify(recipient=professional, kind=Kind.HANDOVER, title=f"Bericht {n}")
    notify(recipient=f.ProfessionalFactory(), kind=Kind.HANDOVER, title="Voor een ander")
    client = Client()
    client.force_login(professional.user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(FLOOR)
    assert len(captured.captured_queries) == 1  # on PostgreSQL an EXECUTE of this one:
    statement = sessions._SESSION.compiled(connections["default"])[1]
    for model in (UserSession, User, Professional, Organisation, Notification):
        assert connection.ops.quote_name(model._meta.db_table) in statement
    assert response.wsgi_request.user == professional.user
    assert '2<span class="kk-visually-hidden"> ongelezen' in response.content.decode()


def test_a_write_to_the_readers_messages_drops_the_count_the_session_brought(db):
    professional, other = f.ProfessionalFactory(), f.ProfessionalFactory()
    session = SessionStore()
    session.unread = (professional.pk, 5)
    token = sessions.current.set(session)
    try:
        notify(recipient=other, kind=Kind.HANDOVER, title="Voor een ander")
        assert session.unread == (professional.pk, 5)
        notify(recipient=professional, kind=Kind.HANDOVER, title="Voor de lezer")
        assert session.unread is None
    finally:
        sessions.current.reset(token)


def test_a_session_whose_column_names_someone_else_still_gets_its_own_user(db):
    professional, other = f.ProfessionalFactory(), f.ProfessionalFactory()
    client = Client()
    client.force_login(professional.user)
    UserSession.objects.filter(session_key=client.session.session_key).update(user=other.user)
    request = client.get(FLOOR).wsgi_request
    assert request.user == professional.user  # the session's data, read apart
    assert request.user.professional.organisation == professional.organisation


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_deactivated_account_and_a_changed_password_end_the_session(db, backend):
    deactivated, changed = f.ProfessionalFactory(), f.ProfessionalFactory()
    clients = {}
    for professional in (deactivated, changed):
        clients[professional] = Client()
        clients[professional].force_login(professional.user, backend=backend)
        assert clients[professional].get(FLOOR).wsgi_request.user.is_authenticated
    deactivated.user.is_active = False
    deactivated.user.save(update_fields=["is_active"])
    changed.user.set_password("een-ander-wachtwoord")
    changed.user.save(update_fields=["password"])
    for client in clients.values():
        assert not client.get(FLOOR).wsgi_request.user.is_authenticated
    assert UserSession.objects.filter(user=changed.user).count() == 0  # flushed


def test_the_row_does_not_outlive_its_request(db, django_assert_num_queries):
    professional = f.ProfessionalFactory()
    client = Client()
    client.force_login(professional.user)
    client.get(FLOOR)
    assert sessions.current.get() is None
    with django_assert_num_queries(1):  # read, not taken from the last request's session
        assert with_professional(professional.user.pk) == professional.user


@pytest.mark.parametrize("key", ["", "x", "abcdefgh\x00ij", "a" * 5000, "é" * 40, "{}"])
def test_a_hostile_session_cookie_is_nobody_and_no_error(db, key):
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    sessions_before = UserSession.objects.count()
    response = client.get(FLOOR)
    assert response.status_code == 200  # a public page, answered as to anybody
    assert not response.wsgi_request.user.is_authenticated
    assert UserSession.objects.count() == sessions_before
