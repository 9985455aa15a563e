"""Workflows of Mijn gezin: the regisseur's invitation, the member's first login, what the
family writes itself and its requests. One transaction each, with its audit row."""

import datetime
import hashlib
import secrets
from typing import cast

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.access import gate
from ketenkaart.access.family import FamilyView, grant_for_member
from ketenkaart.access.search import count_in_window
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.core.text import clean_text
from ketenkaart.households.models import Household, Involvement, Member
from ketenkaart.notifications.models import Kind
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import Professional
from ketenkaart.portal.models import (
    Contribution,
    ContributionKind,
    FamilyAccount,
    Invitation,
    RequestKind,
    RightsRequest,
)

# Letters and digits a parent reads from a letter without doubt (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12  # 12 of 31 signs: about 59 bits, and it expires
MAX_TEXT = 2000
# AVG art. 12 lid 3: a request is answered within one month; earlier destruction within three
# months (Jeugdwet art. 7.3.9 lid 1 jo. BW 7:455).
ANSWER_WITHIN = {
    RequestKind.CORRECTION: relativedelta(months=1),
    RequestKind.DESTRUCTION: relativedelta(months=3),
}


def invitation_days() -> int:
    return int(settings.KETENKAART.get("FAMILY_INVITATION_DAYS", 14))


def _hash(code: str) -> str:
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def require_lead(by: Professional, household: Household) -> None:
    """Only the regisseur invites the family (one family, one regisseur)."""
    if not gate.is_lead(by, household):
        raise DomainError(_("Alleen de regisseur van dit gezin nodigt gezinsleden uit."))


@transaction.atomic
def invitation_create(
    *, by: Professional, household: Household, member: Member
) -> tuple[Invitation, str]:
    """A new one-time code for `member`; earlier open codes for them are revoked. Returns the
    code itself once: only its hash is kept."""
    gate.require_write(by, household)
    require_lead(by, household)
    if member.household_id != household.pk:
        raise DomainError(_("Kies een gezinslid van dit gezin."), field="member")
    if grant_for_member(member) is None:
        raise DomainError(
            _(
                "Dit gezinslid kan geen account krijgen: alleen ouders en verzorgers met gezag, "
                "en jongeren vanaf 12 jaar."
            ),
            field="member",
        )
    if FamilyAccount.objects.filter(member=member).exists():
        raise DomainError(_("Dit gezinslid heeft al een account."), field="member")
    now = timezone.now()
    Invitation.objects.filter(member=member, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    code = _new_code()
    invitation = Invitation.objects.create(
        household=household,
        member=member,
        code_hash=_hash(code),
        created_by=by,
        created_at=now,
        expires_at=now + datetime.timedelta(days=invitation_days()),
    )
    audit.record(
        user=by.user,
        action="family.invitation.created",
        household_id=household.pk,
        object_type="invitation",
        object_id=invitation.pk,
        person_ids=[member.person_id],
        legal_basis="lead",
    )
    return invitation, code


def open_invitation(code: str) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("member__person", "household")
        .filter(code_hash=_hash(code))
        .first()
    )
    if invitation is None or not invitation.is_open_at(timezone.now()):
        return None
    return invitation


def code_allowance(request: HttpRequest | None) -> None:
    """Count one try of an invitation code from this address; past KETENKAART["FAMILY_CODE_LIMIT"]
    (tries/seconds) refused, audited, until the window ends (ASVS 2.2.1, as the login's lockout
    and the person search's limit: gate.count_in_window)."""
    if request is None:
        return
    count, seconds = (int(n) for n in str(settings.KETENKAART["FAMILY_CODE_LIMIT"]).split("/"))
    address = request.META.get("REMOTE_ADDR") or "unknown"
    used, wait = count_in_window(f"family-code:{address}", seconds)
    if used <= count:
        return
    audit.record(
        user=None,
        action="family.invitation.limited",
        outcome="denied",
        object_type="invitation",
        request=request,
    )
    raise DomainError(
        _("U heeft te vaak een code geprobeerd. Probeer het over %(n)s minuten opnieuw.")
        % {"n": max(1, -(-wait // 60))},
        field="code",
        code="too_many",
    )


def invitation_redeem(
    *, code: str, username: str, password: str, request: HttpRequest | None = None
) -> FamilyAccount:
    """The member's first login: the code once, then their own username and password. Tries
    are throttled per address (`code_allowance`): a code of its length is not guessed."""
    code_allowance(request)
    invitation = open_invitation(code)
    if invitation is None:
        audit.record(
            user=None,
            action="family.invitation.redeemed",
            outcome="denied",
            object_type="invitation",
            request=request,
        )
        raise DomainError(
            _("Deze code klopt niet of is verlopen. Vraag uw regisseur om een nieuwe code."),
            field="code",
        )
    # The refusals above are written outside the account's transaction: they stay.
    return _account_from_invitation(invitation, username, password, request)


@transaction.atomic
def _account_from_invitation(
    invitation: Invitation, username: str, password: str, request: HttpRequest | None
) -> FamilyAccount:
    member = invitation.member
    if grant_for_member(member) is None or FamilyAccount.objects.filter(member=member).exists():
        raise DomainError(_("Met deze code kan geen account meer worden gemaakt."), field="code")
    User = get_user_model()
    username = username.strip()
    if not username or User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("Kies een andere gebruikersnaam."), field="username")
    # The username goes into the audit log, which is never erased: no name in it.
    person = member.person
    lowered = username.lower()
    if any(
        part and len(part) > 2 and part.lower() in lowered
        for part in (*person.given_names.split(), *person.surname.split())
    ):
        raise DomainError(_("Kies een gebruikersnaam zonder uw naam erin."), field="username")
    user = User(username=username, first_name=member.person.given_names)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="password") from error
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as error:
        raise DomainError(_("Kies een andere gebruikersnaam."), field="username") from error
    account = FamilyAccount.objects.create(
        user=user, member=member, household=invitation.household, created_at=timezone.now()
    )
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    audit.record(
        user=user,
        action="family.invitation.redeemed",
        household_id=invitation.household_id,
        object_type="invitation",
        object_id=invitation.pk,
        person_ids=[member.person_id],
        legal_basis=grant_for_member(member) or "",  # never none: checked above
        request=request,
    )
    return account


def _current_number(household: Household) -> int:
    from ketenkaart.safety_maps.models import SafetyMap

    return (
        SafetyMap.objects.filter(household=household)
        .values_list("current_number", flat=True)
        .first()
        or 0
    )


@transaction.atomic
def contribution_add(
    *,
    view: FamilyView,
    kind: str,
    text: str = "",
    score: int | None = None,
    map_number: int | None = None,
    occurred_on: datetime.date | None = None,
) -> Contribution:
    """One thing the member writes: own words, own score with a reason, a good moment, that
    the map was discussed with them, or a reaction to a version."""
    if kind not in ContributionKind.values:
        raise DomainError(_("Kies wat u wilt doen."), field="kind")
    current = _current_number(view.household)
    if kind == ContributionKind.SCALE:
        # Signs of Safety: 0 = so unsafe the children cannot stay now, 10 = safe enough to close.
        if score is None or not 0 <= score <= 10:
            raise DomainError(_("Kies een score van 0 tot en met 10."), field="score")
        text = clean_text(text, "text", MAX_TEXT)
    elif kind == ContributionKind.DISCUSSED:
        if current == 0:
            raise DomainError(_("Er is nog geen kaart om te bespreken."))
        text = clean_text(text, "text", MAX_TEXT, required=False)
    else:
        text = clean_text(text, "text", MAX_TEXT)
        score = None
    if kind in (ContributionKind.DISCUSSED, ContributionKind.REACTION):
        map_number = map_number or current
        if not 1 <= map_number <= current:
            raise DomainError(_("Deze versie van de kaart bestaat niet."), field="map_number")
    else:
        map_number = current or None
    if kind == ContributionKind.GOOD_MOMENT:
        occurred_on = occurred_on or timezone.localdate()
        if occurred_on > timezone.localdate():
            raise DomainError(_("Kies een dag die al geweest is."), field="occurred_on")
    else:
        occurred_on = None
    contribution = Contribution.objects.create(
        household=view.household,
        member=view.member,
        kind=kind,
        text=text,
        score=score if kind == ContributionKind.SCALE else None,
        map_number=map_number,
        occurred_on=occurred_on,
        created_at=timezone.now(),
    )
    audit.record(
        user=cast(FamilyAccount, view.account).user,  # FamilyView.account is typed `object`
        action=f"family.contribution.{kind}",
        household_id=view.household.pk,
        object_type="contribution",
        object_id=contribution.pk,
        person_ids=[view.member.person_id],
        legal_basis=view.grant,
    )
    tell_lead(
        view.household,
        _("Het gezin schreef iets in Mijn gezin: %(kind)s")
        % {"kind": ContributionKind(kind).label},
    )
    return contribution


def tell_lead(household: Household, title: str) -> None:
    lead = (
        Involvement.objects.filter(household=household, is_lead=True)
        .select_related("professional__user")
        .first()
    )
    if lead is not None:
        notify(
            recipient=lead.professional,
            kind=Kind.ACTION,
            title=title,
            link=f"/gezinnen/{household.pk}/gezinsportaal",
        )


@transaction.atomic
def rights_request_submit(*, view: FamilyView, kind: str, text: str) -> RightsRequest:
    """A request for correction or for earlier destruction, with its answer deadline."""
    if kind not in RequestKind.values:
        raise DomainError(_("Kies wat voor verzoek het is."), field="kind")
    text = clean_text(text, "text", MAX_TEXT)
    now = timezone.now()
    request = RightsRequest.objects.create(
        household=view.household,
        member=view.member,
        kind=kind,
        text=text,
        created_at=now,
        due_on=timezone.localdate() + ANSWER_WITHIN[RequestKind(kind)],
    )
    audit.record(
        user=cast(FamilyAccount, view.account).user,  # FamilyView.account is typed `object`
        action=f"family.request.{kind}",
        household_id=view.household.pk,
        object_type="rights_request",
        object_id=request.pk,
        person_ids=[view.member.person_id],
        legal_basis=view.grant,
    )
    tell_lead(
        view.household,
        _("Het gezin diende een verzoek in: %(kind)s") % {"kind": RequestKind(kind).label},
    )
    return request


@transaction.atomic
def rights_request_answer(
    *, by: Professional, request: RightsRequest, answer: str
) -> RightsRequest:
    """The regisseur answers a request (a correction made, or why not; why earlier destruction
    is refused). Granting earlier destruction is the privacy officer's destruction itself."""
    household = request.household
    gate.require_write(by, household)
    require_lead(by, household)
    if request.answered_at is not None:
        raise DomainError(_("Dit verzoek is al beantwoord."), code="conflict")
    request.answer = clean_text(answer, "answer", MAX_TEXT)
    request.answered_at = timezone.now()
    request.save(update_fields=["answer", "answered_at"])
    audit.record(
        user=by.user,
        action="family.request.answered",
        household_id=household.pk,
        object_type="rights_request",
        object_id=request.pk,
        legal_basis="lead",
    )
    return request
