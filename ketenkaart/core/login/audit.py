"""Every login, failed login, lockout, second factor and logout is one row in the audit log.

The hooks are the auth signals Django and django-axes send (the libraries' own integration
points); the rows are written through `audit.services.record` like every other event.
"""

from django.contrib.auth import get_user_model

from ketenkaart.audit import services as audit
from ketenkaart.audit.actions import ACTIONS as DECLARED
from ketenkaart.audit.models import Outcome

LOGIN = "auth.login"
LOGIN_FAILED = "auth.login.failed"
LOCKED_OUT = "auth.login.locked_out"
LOGOUT = "auth.logout"
SESSION_EXPIRED = "auth.session.expired"
SECOND_FACTOR_VERIFIED = "auth.second_factor.verified"
SECOND_FACTOR_FAILED = "auth.second_factor.failed"
SECOND_FACTOR_ENROLLED = "auth.second_factor.enrolled"
RECOVERY_CODE_USED = "auth.recovery_code.used"

# The login events of the one vocabulary (ketenkaart/audit/actions.py holds their labels).
ACTIONS = {
    code: DECLARED[code]
    for code in (
        LOGIN,
        LOGIN_FAILED,
        LOCKED_OUT,
        LOGOUT,
        SESSION_EXPIRED,
        SECOND_FACTOR_VERIFIED,
        SECOND_FACTOR_FAILED,
        SECOND_FACTOR_ENROLLED,
        RECOVERY_CODE_USED,
    )
}

# The session key that says why a logout happened, for the row the logout signal writes.
LOGOUT_REASON = "kk_logout_reason"


def _account(username: str | None):
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


def _through_a_request(request) -> bool:
    # Every request through the middleware has an id. A login without one is the test client's
    # `force_login`, which builds a bare request; it is no login through the front door.
    return request is not None and hasattr(request, "request_id")


def on_logged_in(sender, request, user, **kwargs) -> None:
    if not _through_a_request(request):
        return
    backend = getattr(user, "backend", "") or ""
    audit.record(
        user=user,
        action=LOGIN,
        object_type="user",
        object_id=user.pk,
        legal_basis="oidc" if backend.endswith("OIDCBackend") else "password",
        request=request,
    )


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # The username typed is only used to find the account; a password never reaches here
    # (Django masks it), and an unknown username is not stored (it may be a mistyped password).
    user = _account(credentials.get("username"))
    audit.record(
        user=user,
        action=LOGIN_FAILED,
        outcome=Outcome.DENIED,
        object_type="user",
        object_id=user.pk if user else "",
        request=request,
    )


def on_locked_out(sender, request=None, username=None, **kwargs) -> None:
    user = _account(username)
    audit.record(
        user=user,
        action=LOCKED_OUT,
        outcome=Outcome.DENIED,
        object_type="user",
        object_id=user.pk if user else "",
        request=request,
    )


def on_logged_out(sender, request, user, **kwargs) -> None:
    if user is None or not _through_a_request(request):
        return
    audit.record(
        user=user,
        action=getattr(request, LOGOUT_REASON, LOGOUT),
        object_type="user",
        object_id=user.pk,
        request=request,
    )


def second_factor_recorded(*, user, request, action: str, succeeded: bool) -> None:
    audit.record(
        user=user,
        action=action,
        outcome=Outcome.ALLOWED if succeeded else Outcome.DENIED,
        object_type="user",
        object_id=user.pk,
        request=request,
    )


def connect() -> None:
    from axes.signals import user_locked_out
    from django.contrib.auth import signals

    signals.user_logged_in.connect(on_logged_in, dispatch_uid="kk_audit_logged_in")
    signals.user_login_failed.connect(on_login_failed, dispatch_uid="kk_audit_login_failed")
    signals.user_logged_out.connect(on_logged_out, dispatch_uid="kk_audit_logged_out")
    user_locked_out.connect(on_locked_out, dispatch_uid="kk_audit_locked_out")
