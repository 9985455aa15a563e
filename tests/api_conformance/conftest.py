"""Conformance tests of the API as a chain partner sees it: the three roles that write the most
(a signaleerder, Veilig Thuis and the police), and the family and advies they work on."""

import pytest

from ketenkaart.api.tests.conftest import Api
from ketenkaart.organisations.models import OrganisationType, Role
from ketenkaart.testing import factories as f


@pytest.fixture
def api():
    def make(professional=None, **headers):
        return Api(professional.user if professional is not None else None, **headers)

    return make


@pytest.fixture
def signaler(region):
    org = f.OrganisationFactory(
        region=region, name="Basisschool Conform", type=OrganisationType.EDUCATION
    )
    return f.ProfessionalFactory(
        user__username="school-conform", organisation=org, role=Role.REPORTER
    )


@pytest.fixture
def vt(vt_org):
    return f.ProfessionalFactory(
        user__username="vt-conform", organisation=vt_org, role=Role.VEILIG_THUIS
    )


@pytest.fixture
def roles(signaler, vt, police):
    return {"signaleerder": signaler, "veilig_thuis": vt, "politie": police}
