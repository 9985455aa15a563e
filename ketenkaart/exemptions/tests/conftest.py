"""Personas of the ventieltafel on top of the root conftest: the convener of the family's
municipality, an invited partner, the policy officer, and a convener elsewhere."""

from decimal import Decimal

import pytest

from ketenkaart.exemptions import services
from ketenkaart.exemptions.models import Domain, Party
from ketenkaart.organisations.models import OrganisationType, Role
from ketenkaart.testing import factories as f


@pytest.fixture
def municipal_org(region, municipality):
    org = f.OrganisationFactory(
        region=region, name="Gemeente Testdorp", type=OrganisationType.MUNICIPALITY
    )
    org.municipalities.set([municipality])
    return org


@pytest.fixture
def convener(municipal_org):
    return f.ProfessionalFactory(
        user__username="ventieltafel-test", organisation=municipal_org, role=Role.EXEMPTION_TABLE
    )


@pytest.fixture
def policy(municipal_org):
    return f.ProfessionalFactory(
        user__username="beleid-test", organisation=municipal_org, role=Role.POLICY
    )


@pytest.fixture
def partner(region):
    org = f.OrganisationFactory(
        region=region, name="Woonstichting Test", type=OrganisationType.HOUSING_CORPORATION
    )
    return f.ProfessionalFactory(user__username="woning-test", organisation=org, role=Role.REPORTER)


@pytest.fixture
def other_convener(region):
    elsewhere = f.MunicipalityFactory(region=region, name="Elders")
    org = f.OrganisationFactory(
        region=region, name="Gemeente Elders", type=OrganisationType.MUNICIPALITY
    )
    org.municipalities.set([elsewhere])
    return f.ProfessionalFactory(
        user__username="ventieltafel-elders", organisation=org, role=Role.EXEMPTION_TABLE
    )


REQUEST_TEXTS = {
    "bottleneck": "Moeder en kinderen worden door buren bedreigd.",
    "rule": "Urgentieregeling: burenoverlast geeft geen urgentie",
    "legal_basis": "Huisvestingsverordening artikel 2.5",
    "risks": "Escalatie en schoolverzuim.",
    "alternatives": "Buurtbemiddeling, politie.",
    "exception_asked": "Urgentie voor een andere woning.",
}


@pytest.fixture
def make_request(involved):
    def make(household, *, by=None, domain=Domain.HOUSING, **texts):
        return services.request_submit(
            by=by or involved, household=household, domain=domain, **{**REQUEST_TEXTS, **texts}
        )

    return make


@pytest.fixture
def exemption(make_request, household, convener):
    return make_request(household)


def item(scenario="muddling_on", amount="100", period="month", **extra) -> dict:
    return {
        "scenario": scenario,
        "description": extra.pop("description", "Post"),
        "amount": Decimal(amount),
        "period": period,
        "quantity": Decimal(extra.pop("quantity", "1")),
        "months": extra.pop("months", 12),
        "payer": extra.pop("payer", Party.MUNICIPALITY),
        "reference_cost": None,
        "low": extra.pop("low", None),
        "high": extra.pop("high", None),
    }
