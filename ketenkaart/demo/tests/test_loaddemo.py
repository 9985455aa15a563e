"""`ketenkaart loaddemo`: refuses outside demo mode, loads every role and story, and is idempotent."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from stdnum.nl import bsn as bsn_number

from ketenkaart.access import gate
from ketenkaart.audit import services as audit
from ketenkaart.audit.models import AccessEvent
from ketenkaart.demo import loader
from ketenkaart.households.models import (
    CourtMeasure,
    Handover,
    Household,
    Involvement,
    Member,
    MemberRole,
    Person,
)
from ketenkaart.organisations.models import (
    District,
    Municipality,
    Organisation,
    OrganisationType,
    Professional,
    Region,
    Role,
)
from ketenkaart.portal.demo import FAMILY_LOGINS

EXPECTED_ROLES = {
    "jeugdprofessional": Role.YOUTH_PROFESSIONAL,
    "wijkcoach": Role.YOUTH_PROFESSIONAL,
    "veiligthuis": Role.VEILIG_THUIS,
    "raad": Role.CHILD_PROTECTION_BOARD,
    "gi": Role.CHILD_PROTECTOR,
    "politie": Role.POLICE,
    "school": Role.REPORTER,
    "ventieltafel": Role.EXEMPTION_TABLE,
    "beleid": Role.POLICY,
    "privacy": Role.PRIVACY_OFFICER,
    "buitenstaander": Role.YOUTH_PROFESSIONAL,
}
COUNTED = [
    Region,
    Municipality,
    District,
    Organisation,
    get_user_model(),
    Professional,
    Household,
    Person,
    Member,
    Involvement,
    Handover,
    CourtMeasure,
    AccessEvent,
]


@pytest.fixture
def demo_mode(settings):
    settings.DEMO_MODE = True
    # Hashing eleven passwords with the production hasher would dominate these tests.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings


@pytest.fixture
def demo(demo_mode, db):
    call_command("loaddemo", stdout=None)
    return Region.objects.get(name=loader.REGION_NAME)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_it_refuses_without_demo_mode(settings, db):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="alleen geladen in demomodus"):
        call_command("loaddemo")
    assert not Region.objects.exists()
    assert not get_user_model().objects.exists()


def test_loading_twice_changes_nothing(demo):
    before = counts()
    call_command("loaddemo")
    assert counts() == before
    assert before["Household"] == len(loader.STORIES)


def test_every_demo_account_exists_with_its_role_and_password(demo):
    for username, role in EXPECTED_ROLES.items():
        professional = Professional.objects.select_related("user").get(user__username=username)
        assert professional.role == role, username
        assert professional.user.check_password("demo"), username
        assert professional.phone
        assert professional.user.get_full_name()
    # The professionals, and the family portal's parent (DESIGN.md) and youth (issue 16).
    assert set(loader.LOGIN_USERNAMES) == set(EXPECTED_ROLES)
    assert set(login_usernames()) == set(EXPECTED_ROLES) | set(FAMILY_LOGINS)


def test_the_family_accounts_are_a_parent_with_authority_and_a_youth_of_14(demo):
    from ketenkaart.access.family import FamilyGrant, grant_for_member
    from ketenkaart.portal.models import FamilyAccount

    ouder = FamilyAccount.objects.get(user__username="ouder")
    jongere = FamilyAccount.objects.get(user__username="jongere")
    assert ouder.household == jongere.household
    assert grant_for_member(ouder.member) == FamilyGrant.PARENT
    assert grant_for_member(jongere.member) == FamilyGrant.YOUNG_YOUTH
    assert ouder.user.check_password("demo") and not hasattr(ouder.user, "professional")


def login_usernames():
    """The accounts that can log in: exactly the ones DESIGN.md lists."""
    return [user.username for user in get_user_model().objects.all() if user.has_usable_password()]


def test_colleagues_without_a_demo_account_cannot_log_in(demo):
    colleague = get_user_model().objects.get(username="demo-ggz")
    assert not colleague.has_usable_password()


def test_every_organisation_type_is_in_the_region(demo):
    types = set(Organisation.objects.filter(region=demo).values_list("type", flat=True))
    assert types == set(OrganisationType.values)
    assert Organisation.objects.get(type=OrganisationType.VEILIG_THUIS, region=demo).works_as_team
    local_teams = Organisation.objects.filter(region=demo, type=OrganisationType.LOCAL_TEAM)
    assert not local_teams.filter(works_as_team=True).exists()


def test_outsider_is_involved_with_nobody_and_sees_nothing(demo):
    outsider = Professional.objects.get(user__username="buitenstaander")
    assert not Involvement.objects.filter(professional=outsider).exists()
    assert not gate.visible_households(outsider.user).exists()


def test_jeugdprofessional_and_wijkcoach_have_a_caseload(demo):
    def involved(username):
        return Involvement.objects.filter(
            professional__user__username=username, ended_on__isnull=True
        )

    assert involved("jeugdprofessional").count() >= 4
    assert involved("jeugdprofessional").filter(is_lead=True).count() >= 3
    assert involved("wijkcoach").count() >= 2
    assert involved("veiligthuis").count() >= 2
    jeugdprofessional = get_user_model().objects.get(username="jeugdprofessional")
    assert (
        gate.visible_households(jeugdprofessional).count() == involved("jeugdprofessional").count()
    )


def test_every_open_household_has_at_most_one_lead(demo):
    leads = Household.objects.filter(closed_at__isnull=True).annotate(
        leads=Count("involvements", filter=Q(involvements__is_lead=True))
    )
    assert max(household.leads for household in leads) == 1
    # One story has many involved and nobody with regie, so the warning shows.
    without = [household for household in leads if household.leads == 0]
    assert len(without) == 1
    threshold = django_settings.KETENKAART["NO_LEAD_WARNING_THRESHOLD"]
    assert without[0].involvements.filter(ended_on__isnull=True).count() >= max(4, threshold)


def test_the_supervised_family_is_led_by_the_gi(demo):
    measure = CourtMeasure.objects.get(household__region=demo)
    lead = measure.household.involvements.get(is_lead=True)
    assert lead.professional.user.username == "gi"
    handover = measure.household.handovers.first()
    assert handover.to_professional == lead.professional
    assert handover.from_professional.user.username == "wijkcoach"


def test_members_have_roles_custody_and_valid_bsns(demo):
    members = Member.objects.filter(household__region=demo).select_related("person")
    assert {member.role for member in members} >= {
        MemberRole.PARENT,
        MemberRole.CARER,
        MemberRole.CHILD,
    }
    assert members.filter(has_custody=True).exists()
    assert not members.filter(role=MemberRole.CHILD, has_custody=True).exists()
    bsns = [member.person.bsn for member in members]
    assert all(bsn_number.is_valid(bsn) for bsn in bsns)
    assert len(set(bsns)) == len(bsns)


def test_the_demo_leaves_an_intact_audit_trail(demo):
    assert AccessEvent.objects.filter(action="household.created").count() == len(loader.STORIES)
    assert AccessEvent.objects.filter(action="household.lead.handed_over").exists()
    assert audit.verify().ok
