"""The session table keeps each session's user as a column (core/sessions.py), so ending the
sessions of one user costs the same whatever the number of live sessions in the country, and
the hourly job clears the expired ones."""

import datetime

from django.test import Client
from django.utils import timezone

from ketenkaart.audit.models import AccessEvent
from ketenkaart.core.login.second_factor import SESSIONS_ENDED, sessions_end
from ketenkaart.core.models import UserSession
from ketenkaart.testing import factories as f
from ketenkaart.worker import tasks


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_login_writes_its_user_beside_the_session_and_logout_removes_it(db):
    user = f.ProfessionalFactory().user
    client = _logged_in(user)
    session = UserSession.objects.get(session_key=client.session.session_key)
    assert session.user_id == user.pk
    assert session.get_decoded()["_auth_user_id"] == str(user.pk)
    client.post("/uitloggen")
    assert not UserSession.objects.filter(user=user).exists()


def test_an_anonymous_session_has_no_user(db):
    client = Client()
    client.get("/inloggen")  # the login form's CSRF and the throttle's state
    session = client.session
    session["iets"] = 1
    session.save()
    assert UserSession.objects.get(session_key=session.session_key).user_id is None


def test_ending_a_users_sessions_is_one_delete_whatever_the_others(db, django_assert_num_queries):
    user = f.ProfessionalFactory().user
    kept, other = _logged_in(user), _logged_in(user)
    bystanders = [_logged_in(f.ProfessionalFactory().user) for _ in range(20)]
    others_before = set(UserSession.objects.exclude(user=user).values_list("pk", flat=True))
    # One DELETE of the sessions and one INSERT of the audit row; no session is decoded.
    with django_assert_num_queries(2) as captured:
        ended = sessions_end(user=user, keep=kept.session.session_key, by=user)
    assert ended == 1
    assert not any("session_data" in q["sql"] for q in captured.captured_queries)
    assert set(UserSession.objects.filter(user=user).values_list("pk", flat=True)) == {
        kept.session.session_key
    }
    assert set(UserSession.objects.exclude(user=user).values_list("pk", flat=True)) == (
        others_before
    )
    assert other.get("/")["Location"].startswith("/inloggen")
    assert bystanders[0].get("/").status_code == 200
    assert AccessEvent.objects.filter(action=SESSIONS_ENDED, object_id=user.pk).count() == 1


def test_the_hourly_job_clears_expired_sessions_only(db):
    live = _logged_in(f.ProfessionalFactory().user).session.session_key
    old = _logged_in(f.ProfessionalFactory().user).session.session_key
    UserSession.objects.filter(pk=old).update(
        expire_date=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert tasks.sessions_clear_expired() == "1 verlopen sessies opgeruimd"
    assert set(UserSession.objects.values_list("pk", flat=True)) == {live}
