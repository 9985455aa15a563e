"""DigiD for families through the municipality's OIDC provider, a configurable alternative to
the one-time code (issue 16; the same mozilla-django-oidc support as the professionals' login in
ketenkaart.core.oidc, with a client of its own: KETENKAART_FAMILY_OIDC_*, docs/operations.md).

The provider's BSN claim (its name is configurable, KETENKAART_FAMILY_OIDC_BSN_CLAIM) logs in a
member who already has an account, or one the regisseur invited with a code that is still open;
no one else. The BSN is never logged, audited or put in a URL: the audit row names the person id,
and the match is checked on keyed digests (HMAC-SHA256, compared in constant time)."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from mozilla_django_oidc import views
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.nl import bsn as bsn_number

from ketenkaart.access.family import grant_for_member
from ketenkaart.audit import services as audit
from ketenkaart.core.users import SessionUser
from ketenkaart.households.models import Member
from ketenkaart.portal.models import FamilyAccount, Invitation

# mozilla-django-oidc's setting names, read from the family's own client.
_FAMILY_SETTINGS = {
    "OIDC_RP_CLIENT_ID": "KETENKAART_FAMILY_OIDC_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET": "KETENKAART_FAMILY_OIDC_CLIENT_SECRET",
    "OIDC_RP_SIGN_ALGO": "KETENKAART_FAMILY_OIDC_SIGN_ALGO",
    "OIDC_RP_SCOPES": "KETENKAART_FAMILY_OIDC_SCOPES",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "KETENKAART_FAMILY_OIDC_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT": "KETENKAART_FAMILY_OIDC_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT": "KETENKAART_FAMILY_OIDC_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT": "KETENKAART_FAMILY_OIDC_JWKS_ENDPOINT",
    "OIDC_RP_IDP_SIGN_KEY": "KETENKAART_FAMILY_OIDC_IDP_SIGN_KEY",
}
_FIXED = {
    "OIDC_AUTHENTICATION_CALLBACK_URL": "portal:digid_callback",
    "OIDC_USE_PKCE": True,
    "OIDC_CREATE_USER": False,
    "OIDC_STORE_ACCESS_TOKEN": False,
    "OIDC_STORE_ID_TOKEN": False,
    "LOGIN_REDIRECT_URL": "/mijn-gezin",
    "LOGIN_REDIRECT_URL_FAILURE": "/mijn-gezin/uitnodiging",
}


def family_setting(attr, *args):
    if attr in _FIXED:
        return _FIXED[attr]
    name = _FAMILY_SETTINGS.get(attr, attr)
    return getattr(settings, name, *args) if args else getattr(settings, name)


def _digest(bsn: str) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), bsn.encode(), hashlib.sha256).digest()


def _bsn_from(claims) -> str:
    value = str(claims.get(settings.KETENKAART_FAMILY_OIDC_BSN_CLAIM) or "").strip()
    try:
        return bsn_number.validate(value) if len(value) >= 8 else ""
    except StdnumValidationError:
        return ""


def member_for_bsn(bsn: str) -> tuple[Member, FamilyAccount | None] | None:
    """The member this BSN may log in as: one with an account already, else one with an open
    invitation from the regisseur (unused, not revoked, not expired) who may have an account."""
    members = [
        m
        for m in Member.objects.filter(person__bsn=bsn).select_related("person")
        if hmac.compare_digest(_digest(m.person.bsn), _digest(bsn))
    ]
    accounts = list(
        FamilyAccount.objects.filter(member__in=members, user__is_active=True).select_related(
            "user", "member"
        )
    )
    if len(accounts) == 1:
        return accounts[0].member, accounts[0]
    if accounts:
        return None  # more than one family: the code says which; DigiD cannot
    now = timezone.now()
    invited = [
        i.member
        for i in Invitation.objects.filter(member__in=members).select_related("member__person")
        if i.is_open_at(now) and grant_for_member(i.member) is not None
    ]
    return (invited[0], None) if len(invited) == 1 else None


@transaction.atomic
def account_through_digid(member: Member, request=None) -> FamilyAccount:
    """The invited member's account, made at their first DigiD login; the invitation is used
    up. The username is random (it goes into the audit log): no name, no BSN."""
    User = get_user_model()
    user = User(username=f"digid-{secrets.token_hex(8)}", first_name=member.person.given_names)
    user.set_unusable_password()
    user.save()
    account = FamilyAccount.objects.create(
        user=user, member=member, household=member.household, created_at=timezone.now()
    )
    now = timezone.now()
    invitation = next(
        i for i in Invitation.objects.select_for_update().filter(member=member) if i.is_open_at(now)
    )
    invitation.used_at = now
    invitation.save(update_fields=["used_at"])
    audit.record(
        user=user,
        action="family.invitation.redeemed",
        household_id=member.household_id,
        object_type="invitation",
        object_id=invitation.pk,
        person_ids=[member.person_id],
        legal_basis=grant_for_member(member) or "",  # never none: only open invitations come here
        request=request,
    )
    return account


class FamilyOIDCBackend(SessionUser, OIDCAuthenticationBackend):
    """Answers only on the family's own callback, so the professionals' backend and this one
    never exchange each other's codes."""

    @staticmethod
    def get_settings(attr, *args):
        return family_setting(attr, *args)

    def authenticate(self, request, **kwargs):
        if not settings.KETENKAART_FAMILY_OIDC_ENABLED or request is None:
            return None
        if request.path != reverse("portal:digid_callback"):
            return None
        return super().authenticate(request, **kwargs)

    def verify_claims(self, claims) -> bool:
        return bool(_bsn_from(claims))

    def describe_user_by_claims(self, claims) -> str:
        return "a family member"  # never the BSN in a log line

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        bsn = _bsn_from(claims)
        if not bsn:
            return None
        found = member_for_bsn(bsn)
        if found is None:
            return None
        member, account = found
        if account is None:
            account = account_through_digid(member, request=self.request)
        return account.user


class _OnlyWhenEnabled:
    @staticmethod
    def get_settings(attr, *args):
        return family_setting(attr, *args)

    def dispatch(self, request, *args, **kwargs):
        if not settings.KETENKAART_FAMILY_OIDC_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class FamilyAuthenticationRequestView(_OnlyWhenEnabled, views.OIDCAuthenticationRequestView):
    """Sends the browser to the municipality's provider (DigiD), with state, nonce and PKCE."""


class FamilyAuthenticationCallbackView(_OnlyWhenEnabled, views.OIDCAuthenticationCallbackView):
    """Takes DigiD's answer back; the code is exchanged and the ID token checked."""
