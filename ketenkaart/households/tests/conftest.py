"""Fixtures shared by the households tests."""

import pytest

from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f


@pytest.fixture
def coach2(household, local_team):
    """A second youth professional of the local team, involved in the family (not its lead)."""
    professional = f.ProfessionalFactory(organisation=local_team, role=Role.YOUTH_PROFESSIONAL)
    f.InvolvementFactory(household=household, professional=professional, is_lead=False)
    return professional
