"""Issue 11, finding 7: the basis of every share passes the rules; consent by age."""

import datetime

import pytest

from ketenkaart.audit.models import AccessEvent
from ketenkaart.core.errors import DomainError
from ketenkaart.households import legal_basis, services
from ketenkaart.households.models import Involvement, LegalBasis, MeasureType
from ketenkaart.organisations.models import OrganisationType, Role
from ketenkaart.testing import factories as f

D = datetime.date


@pytest.fixture
def teacher(region):
    org = f.OrganisationFactory(region=region, type=OrganisationType.EDUCATION)
    return f.ProfessionalFactory(organisation=org, role=Role.REPORTER)


def test_a_school_cannot_use_the_gi_basis_without_an_ots(household, involved, teacher):
    with pytest.raises(DomainError) as error:
        services.involvement_add(
            by=involved, household=household, professional=teacher, role_in_family="Mentor",
            legal_basis=LegalBasis.GI_JEUGDWET_7_3_11,
        )  # fmt: skip
    assert error.value.field == "legal_basis"
    assert not Involvement.objects.filter(professional=teacher).exists()


def test_a_wijkteam_cannot_use_the_raad_basis(household, involved, local_team):
    colleague = f.ProfessionalFactory(organisation=local_team)
    with pytest.raises(DomainError):
        services.involvement_add(
            by=involved, household=household, professional=colleague, role_in_family="Coach",
            legal_basis=LegalBasis.BOARD_BW_1_240,
        )  # fmt: skip
    assert not Involvement.objects.filter(professional=colleague).exists()


def test_the_gi_basis_fits_only_during_an_ots(household, involved, child, jeugdbeschermer):
    assert LegalBasis.GI_JEUGDWET_7_3_11 not in legal_basis.allowed_bases(
        jeugdbeschermer.organisation, household
    )
    services.measure_record(
        by=involved, household=household, child=child, type=MeasureType.SUPERVISION,
        starts_on=D.today(), ends_on=D.today() + datetime.timedelta(days=200), court="Rechtbank",
    )  # fmt: skip
    involvement = services.involvement_add(
        by=involved, household=household, professional=jeugdbeschermer,
        role_in_family="Jeugdbeschermer", legal_basis=LegalBasis.GI_JEUGDWET_7_3_11,
    )  # fmt: skip
    assert involvement.legal_basis == LegalBasis.GI_JEUGDWET_7_3_11


def test_the_vt_handover_basis_fits_only_when_vt_shares(household, involved, local_team, vt_org):
    """Wmo 2015 art. 4.1.1 lid 2 is Veilig Thuis's own task of informing an organisation that
    can give fitting help: a wijkteam cannot record it for a colleague, and 5.2.6 (towards VT)
    never fits a local team."""
    colleague = f.ProfessionalFactory(organisation=local_team)
    assert LegalBasis.VT_HANDOVER_WMO_4_1_1 in legal_basis.allowed_bases(
        local_team, household, sender=vt_org
    )
    assert LegalBasis.VT_HANDOVER_WMO_4_1_1 not in legal_basis.allowed_bases(
        vt_org, household, sender=vt_org
    )
    assert LegalBasis.VT_WMO_5_2_6 not in legal_basis.allowed_bases(
        local_team, household, sender=vt_org
    )
    for basis in (LegalBasis.VT_HANDOVER_WMO_4_1_1, LegalBasis.VT_WMO_5_2_6):
        with pytest.raises(DomainError) as error:
            services.involvement_add(
                by=involved, household=household, professional=colleague,
                role_in_family="Coach", legal_basis=basis,
            )  # fmt: skip
        assert error.value.field == "legal_basis"
    assert not Involvement.objects.filter(professional=colleague).exists()


def test_vt_and_the_raad_have_their_own_bases(household, vt_org, region):
    raad = f.OrganisationFactory(region=region, type=OrganisationType.CHILD_PROTECTION_BOARD)
    assert LegalBasis.VT_WMO_5_2_6 in legal_basis.allowed_bases(vt_org, household)
    assert LegalBasis.BOARD_BW_1_240 in legal_basis.allowed_bases(raad, household)
    assert LegalBasis.VT_WMO_5_2_6 not in legal_basis.allowed_bases(raad, household)


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        (D(2015, 1, 2), legal_basis.ConsentBy.PARENTS),  # 11 on 1 Jan 2027
        (D(2015, 1, 1), legal_basis.ConsentBy.CHILD_AND_PARENTS),  # 12 that day
        (D(2011, 1, 2), legal_basis.ConsentBy.CHILD_AND_PARENTS),  # 15
        (D(2011, 1, 1), legal_basis.ConsentBy.CHILD),  # 16
    ],
)
def test_who_gives_consent_depends_on_age(birth, expected):
    assert legal_basis.consent_givers(birth, D(2027, 1, 1)) == expected


def test_a_consent_without_the_youth_of_16_is_refused():
    with pytest.raises(DomainError) as error:
        legal_basis.check_consent(
            birth_date=D(2010, 1, 1), parents_consent=True, child_consent=False,
            day=D(2027, 1, 1),
        )  # fmt: skip
    assert error.value.field == "child_consent"


def test_the_toets_package_is_audited_with_bw_1_240(household, involved):
    from ketenkaart.safety_teams import services as team_services

    team_services.board_check_create(by=involved, household=household)
    event = AccessEvent.objects.get(action="board_check.created")
    assert event.legal_basis == LegalBasis.BOARD_BW_1_240
