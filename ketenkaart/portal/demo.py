"""Demo accounts of Mijn gezin: `ouder`, the mother of the family under supervision (story 7),
and `jongere`, her daughter of 14, both with password `demo` (demo mode only). Idempotent."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from ketenkaart.demo.synthetic import synthetic_bsn
from ketenkaart.households.models import Member, MemberRole
from ketenkaart.portal.models import Contribution, ContributionKind, FamilyAccount

FAMILY_LOGINS = ["ouder", "jongere"]
STORY = 7  # _under_supervision: mother and father with authority, a daughter of 14, a son of 11


def _account(username: str, member: Member | None) -> None:
    if member is None or FamilyAccount.objects.filter(member=member).exists():
        return
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": member.person.given_names}
    )
    if created:
        from ketenkaart.demo.loader import DEMO_PASSWORD

        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    FamilyAccount.objects.create(
        user=user, member=member, household=member.household, created_at=timezone.now()
    )


def seed(demo) -> int:
    members = Member.objects.filter(
        household__region=demo.region,
        person__bsn__in=[synthetic_bsn(STORY * 100 + n) for n in range(4)],
    ).select_related("person", "household")
    by_bsn = {m.person.bsn: m for m in members}
    mother = by_bsn.get(synthetic_bsn(STORY * 100))
    daughter = by_bsn.get(synthetic_bsn(STORY * 100 + 2))
    if mother is None:
        return 0
    _account("ouder", mother)
    _account("jongere", daughter if daughter and daughter.role == MemberRole.CHILD else None)
    if not Contribution.objects.filter(household=mother.household).exists():
        Contribution.objects.create(
            household=mother.household,
            member=mother,
            kind=ContributionKind.WORDS,
            text="Ik wil dat de kinderen thuis kunnen blijven. Ik doe mijn best met de afspraken.",
            created_at=timezone.now(),
        )
    _rights_request(mother)
    return 1


def _rights_request(mother: Member) -> None:
    """The mother asks to correct one line of the dossier: the regisseur's answer page."""
    from ketenkaart.access.family import FamilyView, grant_for_member
    from ketenkaart.portal import services
    from ketenkaart.portal.models import RequestKind, RightsRequest

    if RightsRequest.objects.filter(household=mother.household).exists():
        return
    account = FamilyAccount.objects.get(member=mother)
    grant = grant_for_member(mother)
    if grant is None:
        return
    view = FamilyView(account, mother, mother.household, grant)
    services.rights_request_submit(
        view=view,
        kind=RequestKind.CORRECTION,
        text="Er staat dat ik de afspraken niet nakom; ik heb alleen één keer afgezegd.",
    )
