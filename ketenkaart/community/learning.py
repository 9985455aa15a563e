"""The leerwerkgemeenschap (issue 14; the Leeuwarden/Weststellingwerf practice in DOMAIN.md): a
district's project group with a fixed membership meets monthly — a theory part, cases
discussed pseudonymised (attitude and conduct, not case management), attendance, notes and
what was organised around a case. It never links to a family: every free text is refused
when it holds a BSN or a name of a family of the district, as the ventieltafel's filter does
for its texts (exemptions.services)."""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.audit import services as audit
from ketenkaart.community.models import LearningCase, LearningCommunity, LearningSession
from ketenkaart.core.errors import DomainError
from ketenkaart.exemptions.services import NOT_NAMES, WORD, contains_bsn
from ketenkaart.households.models import Household, Member
from ketenkaart.organisations.models import District, Professional

MAX_TEXT = 4000
MAX_CASES = 5


@dataclass(frozen=True)
class CaseInput:
    pseudonym: str
    discussion: str
    organised: str = ""


def district_names(district: District) -> set[str]:
    """The words that would name a family of this district: household names, members' given
    names and surnames. Two queries."""
    words: set[str] = set()
    for name in Household.objects.filter(district=district).values_list("name", flat=True):
        words |= {w.casefold() for w in WORD.findall(name)}
    for given, surname in Member.objects.filter(household__district=district).values_list(
        "person__given_names", "person__surname"
    ):
        words |= {w.casefold() for w in WORD.findall(f"{given} {surname}")}
    return words - NOT_NAMES


def _pseudonymous(value: str, field: str, names: set[str], *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(_("Vul dit veld in."), field=field)
    if len(value) > MAX_TEXT:
        raise DomainError(_("Gebruik hoogstens %(n)s tekens.") % {"n": MAX_TEXT}, field=field)
    if contains_bsn(value):
        raise DomainError(
            _(
                "Er staat een BSN in deze tekst. In de leerwerkgemeenschap blijft het gezin anoniem."
            ),
            field=field,
        )
    if any(word.casefold() in names for word in WORD.findall(value)):
        raise DomainError(
            _(
                "Er staat een naam van een gezin uit de wijk in deze tekst. Bespreek de casus "
                "zonder namen: schrijf bijvoorbeeld 'moeder van een tweeling'."
            ),
            field=field,
        )
    return value


def _require_member(by: Professional, community: LearningCommunity) -> None:
    if not community.members.filter(pk=by.pk).exists():
        raise DomainError(
            _("Alleen leden van deze leerwerkgemeenschap leggen een bijeenkomst vast."),
            code="forbidden",
        )


@transaction.atomic
def learning_session_record(
    *,
    by: Professional,
    community: LearningCommunity,
    held_on: datetime.date,
    theory: str,
    notes: str = "",
    attendees: list[Professional] | tuple = (),
    cases: list[CaseInput] | tuple = (),
) -> LearningSession:
    """One monthly meeting with its attendance and its pseudonymised cases."""
    _require_member(by, community)
    if held_on > timezone.localdate():
        raise DomainError(_("Deze datum ligt in de toekomst."), field="held_on")
    member_ids = set(community.members.values_list("pk", flat=True))
    if not attendees:
        raise DomainError(_("Vink aan wie er waren."), field="attendees")
    if any(a.pk not in member_ids for a in attendees):
        raise DomainError(
            _("Alleen leden staan op de presentielijst: het lidmaatschap ligt vast."),
            field="attendees",
        )
    if len(cases) > MAX_CASES:
        raise DomainError(
            _("Bespreek hoogstens %(n)s casussen per bijeenkomst.") % {"n": MAX_CASES},
            field="cases",
        )
    names = district_names(community.district)
    theory = _pseudonymous(theory, "theory", names)
    notes = _pseudonymous(notes, "notes", names, required=False)
    checked = []
    for n, case in enumerate(cases, start=1):
        checked.append(
            LearningCase(
                pseudonym=_pseudonymous(case.pseudonym, f"case_{n}_pseudonym", names)[:60],
                discussion=_pseudonymous(case.discussion, f"case_{n}_discussion", names),
                organised=_pseudonymous(
                    case.organised, f"case_{n}_organised", names, required=False
                ),
            )
        )
    try:
        with transaction.atomic():
            session = LearningSession.objects.create(
                community=community,
                held_on=held_on,
                theory=theory,
                notes=notes,
                recorded_by=by,
                recorded_at=timezone.now(),
            )
    except IntegrityError:
        raise DomainError(
            _("Op deze datum is al een bijeenkomst vastgelegd."), field="held_on"
        ) from None
    session.attendees.set(attendees)
    for case in checked:
        case.session = session
    LearningCase.objects.bulk_create(checked)
    audit.record(
        user=by.user,
        action="learning_session.recorded",
        object_type="learning_session",
        object_id=session.pk,
    )
    return session


@transaction.atomic
def learning_community_create(
    *, name: str, district: District, members: list[Professional]
) -> LearningCommunity:
    """Set up by the district (admin or the demo): the membership is fixed from here."""
    if any(m.organisation.region_id != district.municipality.region_id for m in members):
        raise DomainError(_("Alle leden werken in de regio van de wijk."), field="members")
    community = LearningCommunity.objects.create(
        name=name.strip(), district=district, created_at=timezone.now()
    )
    community.members.set(members)
    return community
