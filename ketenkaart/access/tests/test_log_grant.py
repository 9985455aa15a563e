"""access_log_grant with the regisseur already loaded (the dossier page) gives the same answer
as without, and sends no query."""

import pytest

from ketenkaart.access import gate
from ketenkaart.households.models import Involvement
from ketenkaart.testing import factories as f


def lead_id(household):
    lead = Involvement.objects.filter(
        household=household, is_lead=True, ended_on__isnull=True
    ).first()
    return lead.professional_id if lead else None


@pytest.mark.parametrize("who", ["involved", "colleague", "outsider", "privacy_officer"])
def test_it_answers_as_the_gate_does(request, household, who, django_assert_num_queries):
    professional = request.getfixturevalue(who)
    expected = gate.access_log_grant(professional.user, household)
    lead = lead_id(household)
    with django_assert_num_queries(0):
        assert gate.access_log_grant(professional.user, household, lead) == expected
    assert (expected is not None) == (who in ("involved", "privacy_officer"))


def test_a_privacy_officer_of_another_region_gets_no_log(household):
    elsewhere = f.ProfessionalFactory(
        organisation=f.OrganisationFactory(region=f.RegionFactory()),
        role="privacy_officer",
    )
    assert gate.access_log_grant(elsewhere.user, household, lead_id(household)) is None
    assert gate.access_log_grant(elsewhere.user, household) is None


def test_the_former_regisseur_gets_no_log_after_the_handover(household, involved, colleague):
    Involvement.objects.filter(household=household).update(is_lead=False)
    Involvement.objects.filter(household=household, professional=colleague).update(is_lead=True)
    assert gate.access_log_grant(involved.user, household, lead_id(household)) is None
    assert gate.access_log_grant(involved.user, household) is None
