"""The second factor's workflows (ASVS 2.5, 2.7, 2.8, 3.3): set up an authenticator app,
replace it oneself (password and a current code first), and the privacy officer's reset for
one who lost both phone and recovery codes. django-otp keeps the devices and checks the codes;
this module decides when a device may be created, replaced or removed, and records it."""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import devices_for_user, match_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from ketenkaart.access import gate
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.core.login import audit as login_audit
from ketenkaart.core.models import UserSession

RECOVERY_CODES = 10
APP_DEVICE_NAME = "Authenticator-app"
# The key being set up lives in the session, not in the database: a page view creates no
# device, and a wrong code leaves nothing behind.
PENDING_KEY = "kk_totp_pending_key"
# After password and a current code, the user may set up a new app for this long.
REPLACE_UNTIL = "kk_totp_replace_until"
REPLACE_WINDOW_SECONDS = 10 * 60

SECOND_FACTOR_REPLACED = "auth.second_factor.replaced"
SECOND_FACTOR_RESET = "auth.second_factor.reset"
SESSIONS_ENDED = "auth.sessions.ended"


def pending_device(request) -> TOTPDevice:
    """The app being set up in this session, unsaved; its key is made once per session."""
    key = request.session.get(PENDING_KEY)
    if not key:
        key = request.session[PENDING_KEY] = default_key()
    return TOTPDevice(user=request.user, name=APP_DEVICE_NAME, key=key, confirmed=False)


def code_fits(device: TOTPDevice, code: str) -> bool:
    """django-otp's TOTP check for a device not saved yet (its own `verify_token` saves the
    device to count failures, which would store an unconfirmed device for a wrong code)."""
    try:
        token = int(code)
    except ValueError:
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not totp.verify(token, device.tolerance):
        return False
    device.last_t = totp.t()
    return True


def may_replace(request) -> bool:
    return request.session.get(REPLACE_UNTIL, 0) >= time.time()


def replace_allow(request) -> None:
    request.session[REPLACE_UNTIL] = time.time() + REPLACE_WINDOW_SECONDS
    request.session.pop(PENDING_KEY, None)


def replace_check(*, user, password: str, code: str, request) -> None:
    """Before a new app: the password and a current code (app or recovery code), so that a
    stolen session alone cannot swap the factor. A wrong answer is audited and changes no
    device (a recovery code is only used up when the password was right too)."""
    if not user.check_password(password):
        login_audit.second_factor_recorded(
            user=user, request=request, action=login_audit.SECOND_FACTOR_FAILED, succeeded=False
        )
        raise DomainError(_("Dit wachtwoord klopt niet."), field="password")
    if match_token(user, code) is None:
        login_audit.second_factor_recorded(
            user=user, request=request, action=login_audit.SECOND_FACTOR_FAILED, succeeded=False
        )
        raise DomainError(
            _("Deze code klopt niet of is verlopen. Vul de code uit uw app of een herstelcode in."),
            field="code",
        )
    replace_allow(request)


@transaction.atomic
def enrol(*, request, device: TOTPDevice) -> list[str]:
    """Store the confirmed app and new recovery codes. At most one app per user: every other
    TOTP device (an unconfirmed leftover, or the old app when replacing) goes. A replacement
    ends the user's other sessions and tells the user."""
    user = request.user
    replacing = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    if replacing and not may_replace(request):
        raise DomainError(_("Bevestig eerst uw wachtwoord en een code."), code="forbidden")
    TOTPDevice.objects.filter(user=user).delete()
    device.confirmed = True
    device.save()
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=_("Herstelcodes"))
    codes = [
        recovery.token_set.create(token=StaticToken.random_token()).token
        for _ in range(RECOVERY_CODES)
    ]
    request.session.pop(PENDING_KEY, None)
    request.session.pop(REPLACE_UNTIL, None)
    action = SECOND_FACTOR_REPLACED if replacing else login_audit.SECOND_FACTOR_ENROLLED
    audit.record(user=user, action=action, object_type="user", object_id=user.pk, request=request)
    if replacing:
        sessions_end(user=user, keep=request.session.session_key, by=user, request=request)
        _tell(
            user,
            _("Uw authenticator-app is vervangen"),
            _(
                "U hebt een nieuwe authenticator-app ingesteld en nieuwe herstelcodes gekregen. "
                "Andere sessies zijn uitgelogd. Was u dit niet? Neem dan direct contact op met "
                "de privacy officer van uw organisatie."
            ),
        )
    return codes


def sessions_end(*, user, keep: str | None, by, request=None) -> int:
    """End every session of `user` but `keep`: one DELETE on the sessions' user column."""
    ended, _by_model = UserSession.objects.filter(user=user).exclude(session_key=keep).delete()
    audit.record(
        user=by,
        action=SESSIONS_ENDED,
        object_type="user",
        object_id=user.pk,
        request=request,
    )
    return ended


def _tell(user, title: str, body: str) -> None:
    professional = gate.professional_of(user)
    if professional is None:
        return
    from ketenkaart.notifications.models import Kind
    from ketenkaart.notifications.services import notify

    notify(
        recipient=professional,
        kind=Kind.ACTION,
        title=title,
        body=body,
        link=reverse("second_factor_replace"),
    )


@transaction.atomic
def second_factor_reset(*, by, username: str, identity_checked: bool, request=None):
    """The privacy officer (functioneel beheer, DESIGN.md) resets the second factor of a
    professional of their own region who lost both phone and recovery codes, after checking
    who asks (outside Ketenkaart). Every device goes and every session ends, so the user sets
    up a new app at the next login. The same answer for an unknown name and one of another
    region, so the form reveals no accounts; a refusal is audited and changes nothing."""
    from ketenkaart.audit.refusals import record_refusal

    officer = gate.professional_of(by)
    if officer is None or not gate.is_privacy_officer(by):
        raise DomainError(
            _("Alleen de privacy officer herstelt een tweede stap."), code="forbidden"
        )
    if not identity_checked:
        raise DomainError(
            _("Stel eerst vast dat het echt de eigenaar van het account is die vraagt."),
            field="identity_checked",
        )
    target = (
        get_user_model()
        .objects.filter(
            username=username.strip(),
            professional__organisation__region_id=officer.organisation.region_id,
        )
        .first()
    )
    if target is None or target.pk == by.pk:
        record_refusal(user=by, action=SECOND_FACTOR_RESET, object_type="user", request=request)
        raise DomainError(
            _("U kunt de tweede stap van dit account niet herstellen."), field="username"
        )
    for device in devices_for_user(target, confirmed=None):
        device.delete()
    sessions_end(user=target, keep=None, by=by, request=request)
    audit.record(
        user=by,
        action=SECOND_FACTOR_RESET,
        object_type="user",
        object_id=target.pk,
        request=request,
    )
    _tell(
        target,
        _("Uw tweede stap van het inloggen is hersteld"),
        _(
            "De privacy officer heeft uw authenticator-app en herstelcodes verwijderd. Bij het "
            "volgende inloggen stelt u een nieuwe app in. Was u dit niet? Neem dan direct "
            "contact op met de privacy officer."
        ),
    )
    return target
