import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone

from ketenkaart.access import gate
from ketenkaart.access.services import emergency_access_open
from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.core.errors import DomainError
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f


def request_as(professional):
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    request.user = professional.user
    request.request_id = "3f1c2a9e-0000-4000-8000-000000000001"
    return request


def test_it_shows_the_family_to_its_regisseur(household, involved):
    assert gate.access_household(request_as(involved), household.pk).obj == household
    event = AccessEvent.objects.get(household_id=household.pk)
    assert (event.action, event.outcome, event.legal_basis) == (
        "household.read",
        Outcome.ALLOWED,
        "involvement",
    )
    assert event.client_address == "192.0.2.7"
    assert event.actor_organisation_id == involved.organisation_id


def test_it_shows_the_family_to_an_involved_colleague_of_another_organisation(household, colleague):
    assert gate.access_household(request_as(colleague), household.pk).obj == household


def test_it_hides_the_family_from_an_outsider_and_audits_the_attempt(household, outsider):
    with pytest.raises(Http404):
        gate.access_household(request_as(outsider), household.pk)
    event = AccessEvent.objects.get(household_id=household.pk)
    assert event.outcome == Outcome.DENIED
    assert event.actor_username == outsider.user.username


def test_a_missing_family_looks_the_same_as_a_hidden_one(outsider):
    with pytest.raises(Http404):
        gate.access_household(request_as(outsider), "6c1b9a52-1d41-4c36-9d5e-3b2c6ad2a0aa")
    with pytest.raises(Http404):
        gate.access_household(request_as(outsider), "not-a-uuid")
    assert AccessEvent.objects.filter(outcome=Outcome.DENIED, household_id=None).count() == 2


def test_police_never_read_a_dossier_even_when_involved(household, police):
    f.InvolvementFactory(household=household, professional=police)
    assert not gate.visible_households(police.user).exists()
    with pytest.raises(Http404):
        gate.access_household(request_as(police), household.pk)


@pytest.mark.parametrize("role", [Role.POLICY, Role.REPORTER, Role.EXEMPTION_TABLE])
def test_roles_without_casework_see_no_family(household, local_team, role):
    professional = f.ProfessionalFactory(organisation=local_team, role=role)
    f.InvolvementFactory(household=household, professional=professional)
    assert not gate.visible_households(professional.user).exists()


def test_a_team_organisation_shares_sight_of_its_families(household, colleague, vt_org):
    teammate = f.ProfessionalFactory(organisation=vt_org, role=Role.VEILIG_THUIS)
    assert gate.grant_for(teammate.user, household) == gate.Grant.TEAM
    assert list(gate.visible_households(teammate.user)) == [household]


def test_a_local_team_does_not_share_sight_of_its_families(household, involved, local_team):
    teammate = f.ProfessionalFactory(organisation=local_team)
    assert gate.grant_for(teammate.user, household) is None


def test_an_ended_involvement_ends_sight(household, colleague):
    household.involvements.filter(professional=colleague).update(ended_on=timezone.localdate())
    assert gate.grant_for(colleague.user, household) is None


def test_emergency_access_reads_but_does_not_write_and_expires(household, outsider):
    emergency_access_open(
        by=outsider, household=household, reason="Acute melding politie, regisseur onbereikbaar"
    )
    assert gate.access_household(request_as(outsider), household.pk).obj == household
    with pytest.raises(PermissionDenied):
        gate.access_household(request_as(outsider), household.pk, write=True)
    later = timezone.now() + datetime.timedelta(hours=5)
    with time_machine.travel(later), pytest.raises(Http404):
        gate.access_household(request_as(outsider), household.pk)


def test_emergency_access_needs_a_real_reason(household, outsider):
    with pytest.raises(DomainError):
        emergency_access_open(by=outsider, household=household, reason="even kijken")
    assert gate.grant_for(outsider.user, household) is None


def test_the_access_log_is_for_the_regisseur_and_the_privacy_officer(
    household, involved, colleague, privacy_officer
):
    assert gate.access_household_log(request_as(involved), household.pk) == household
    assert gate.access_household_log(request_as(privacy_officer), household.pk) == household
    with pytest.raises(Http404):
        gate.access_household_log(request_as(colleague), household.pk)


def test_a_privacy_officer_of_another_region_cannot_read_the_access_log(household):
    elsewhere = f.ProfessionalFactory(role=Role.PRIVACY_OFFICER)
    with pytest.raises(Http404):
        gate.access_household_log(request_as(elsewhere), household.pk)


def test_a_privacy_officer_does_not_read_the_dossier(household, privacy_officer):
    with pytest.raises(Http404):
        gate.access_household(request_as(privacy_officer), household.pk)
