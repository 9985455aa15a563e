"""Personas for access tests: the involved professional, a colleague of another organisation
who is involved too, and an outsider who must get a 404."""

import datetime
import importlib
from collections.abc import Iterator

import pytest
from django.db import connection

from ketenkaart.households.models import MemberRole
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f


@pytest.fixture
def region(db):
    return f.RegionFactory(name="Regio Testland")


@pytest.fixture
def municipality(region):
    return f.MunicipalityFactory(region=region, name="Testdorp")


@pytest.fixture
def local_team(region):
    return f.OrganisationFactory(region=region, name="Wijkteam Testdorp")


@pytest.fixture
def gi_org(region):
    return f.OrganisationFactory(region=region, name="Jeugdbescherming Test", gi=True)


@pytest.fixture
def vt_org(region):
    return f.OrganisationFactory(region=region, name="Veilig Thuis Test", veilig_thuis=True)


@pytest.fixture
def household(municipality):
    household = f.HouseholdFactory(municipality=municipality, name="Gezin De Vries")
    f.MemberFactory(household=household, role=MemberRole.PARENT, person__surname="De Vries")
    f.MemberFactory(
        household=household,
        role=MemberRole.CHILD,
        person__surname="De Vries",
        person__given_names="Noor",
        person__birth_date=datetime.date(2016, 3, 1),
    )
    return household


@pytest.fixture
def child(household):
    return household.members.get(role=MemberRole.CHILD).person


@pytest.fixture
def involved(household, local_team):
    """The regisseur: a wijkcoach of the local team, involved and leading."""
    professional = f.ProfessionalFactory(
        user__username="wijkcoach-test", organisation=local_team, role=Role.YOUTH_PROFESSIONAL
    )
    f.InvolvementFactory(household=household, professional=professional, is_lead=True)
    return professional


@pytest.fixture
def colleague(household, vt_org):
    """A professional of another organisation (Veilig Thuis), also involved."""
    professional = f.ProfessionalFactory(
        user__username="vt-test", organisation=vt_org, role=Role.VEILIG_THUIS
    )
    f.InvolvementFactory(household=household, professional=professional)
    return professional


@pytest.fixture
def outsider(local_team):
    """A professional of the same organisation type, involved with nobody."""
    return f.ProfessionalFactory(user__username="buitenstaander-test", role=Role.YOUTH_PROFESSIONAL)


@pytest.fixture
def jeugdbeschermer(gi_org):
    return f.ProfessionalFactory(
        user__username="gi-test", organisation=gi_org, role=Role.CHILD_PROTECTOR
    )


@pytest.fixture
def police(region):
    org = f.OrganisationFactory(region=region, police=True, name="Politie Test")
    return f.ProfessionalFactory(user__username="politie-test", organisation=org, role=Role.POLICE)


@pytest.fixture
def privacy_officer(region, local_team):
    return f.ProfessionalFactory(
        user__username="privacy-test", organisation=local_team, role=Role.PRIVACY_OFFICER
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Tests create many users; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _second_factor_off(settings):
    # Most tests log in with `force_login`, which gives no second factor; the login tests in
    # ketenkaart/core/tests turn the requirement back on.
    settings.TWO_FACTOR_REQUIRED = False


@pytest.fixture(autouse=True)
def _reproducible_names():
    # Synthetic names are random; the same ones every run keep a failure reproducible.
    f.fake.seed_instance(20261123)


@pytest.fixture(autouse=True)
def _audit_log_flushable(request) -> Iterator[None]:
    """Let a transactional test database be emptied after each test, audit rows included.

    The live server and parallel-writer tests need `transactional_db`, which empties every
    table after the test. On
    SQLite that is a DELETE, and the insert-only triggers on the audit log refuse it; so drop
    them for the flush and put them back as the migration made them. PostgreSQL empties
    tables with TRUNCATE, which row triggers do not see.
    """
    if not {"live_server", "transactional_db"} & set(request.fixturenames):
        yield
        return
    # Requested here, so that this teardown runs before the flush.
    request.getfixturevalue("transactional_db")
    yield
    if connection.vendor != "sqlite":
        return
    triggers = importlib.import_module("ketenkaart.audit.migrations.0003_sealed_log_keyed_hashes")
    with connection.schema_editor() as editor:
        for table in triggers.TABLES:
            for verb in ("update", "delete"):
                editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
            editor.execute(f"DELETE FROM {table}")  # noqa: S608 - table names are constants
        triggers.add_triggers(None, editor)
