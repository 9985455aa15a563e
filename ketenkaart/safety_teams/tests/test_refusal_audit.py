"""Issue 9: a refusal inside an atomic service keeps its audit row. The service's transaction
rolls back (nothing it began stays), and the row that says "refused" is written after it."""

import datetime

import pytest
from django.db import transaction

from ketenkaart.api.tests.conftest import Api, assert_problem
from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.audit.refusals import record_refusal, refusals_kept
from ketenkaart.households.models import Handover, Involvement
from ketenkaart.organisations.models import Role
from ketenkaart.safety_teams.tests.conftest import MEETING_AT
from ketenkaart.testing import factories as f

DURING = MEETING_AT + datetime.timedelta(minutes=30)


def _refusals(user, household):
    return AccessEvent.objects.filter(
        actor_user_id=user.pk,
        action="household.write",
        outcome=Outcome.DENIED,
        household_id=household.pk,
    )


def test_the_refused_matching_keeps_its_refusal_row_through_the_api(
    time_machine, household, item, involved, jeugdbeschermer, local_team
):
    stranger = f.ProfessionalFactory(organisation=local_team, role=Role.YOUTH_PROFESSIONAL)
    time_machine.move_to(DURING, tick=False)
    response = Api(jeugdbeschermer.user).post(
        "/api/v1/matching",
        {"agendapunt": str(item.pk), "professional": str(stranger.pk), "reden": "Past goed."},
    )
    assert_problem(response, 403)
    assert _refusals(jeugdbeschermer.user, household).count() == 1
    assert not Involvement.objects.filter(household=household, professional=stranger).exists()
    assert not Handover.objects.filter(to_professional=stranger).exists()


def test_the_refused_matching_keeps_its_refusal_row_through_the_web(
    client, time_machine, household, item, involved, jeugdbeschermer, local_team
):
    stranger = f.ProfessionalFactory(organisation=local_team, role=Role.YOUTH_PROFESSIONAL)
    time_machine.move_to(DURING, tick=False)
    client.force_login(jeugdbeschermer.user)
    client.post(
        f"/agendapunten/{item.pk}/matching", {"professional": stranger.pk, "reason": "Past."}
    )
    assert _refusals(jeugdbeschermer.user, household).count() == 1
    assert not Involvement.objects.filter(household=household, professional=stranger).exists()


class _Refused(Exception):
    pass


def test_a_refusal_recorded_in_a_rolled_back_transaction_is_written_after_it(household, involved):
    with refusals_kept():
        with pytest.raises(_Refused), transaction.atomic():
            record_refusal(user=involved.user, action="household.write", household_id=household.pk)
            raise _Refused
        # Not yet: the request (the block) is still running.
        assert not _refusals(involved.user, household).exists()
    assert _refusals(involved.user, household).count() == 1
