"""One event per change: the gate's attempt (`household.member.add`) is written only when no
change followed it in the request; a change is the service's one row (`…added`)."""

from ketenkaart.audit import services as audit
from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.households.models import MemberRole

VALID_BSN = "111222333"
FORM = {
    "given_names": "Sem",
    "surname": "De Vries",
    "birth_date": "2019-04-02",
    "bsn": VALID_BSN,
    "role": MemberRole.CHILD,
}


def _rows(client, path, data) -> list[tuple[str, str]]:
    before = list(AccessEvent.objects.values_list("pk", flat=True))
    client.post(path, data)
    return list(
        AccessEvent.objects.exclude(pk__in=before).order_by("pk").values_list("action", "outcome")
    )


def test_a_change_is_one_event(client, involved, household):
    client.force_login(involved.user)

    rows = _rows(client, f"/gezinnen/{household.pk}/leden/nieuw", FORM)

    assert rows == [("household.member.added", Outcome.ALLOWED)]


def test_a_form_sent_back_with_errors_is_the_attempt_once(client, involved, household):
    client.force_login(involved.user)
    members = household.members.count()

    rows = _rows(client, f"/gezinnen/{household.pk}/leden/nieuw", {**FORM, "birth_date": "x"})

    assert rows == [("household.member.add", Outcome.ALLOWED)]
    assert household.members.count() == members


def test_a_refused_attempt_is_one_refusal(client, outsider, household):
    client.force_login(outsider.user)
    members = household.members.count()

    rows = _rows(client, f"/gezinnen/{household.pk}/leden/nieuw", FORM)

    assert rows == [("household.member.add", Outcome.DENIED)]
    assert household.members.count() == members


def test_an_attempt_whose_change_was_rolled_back_is_still_written(rf, involved, household):
    from django.db import transaction

    request = rf.post("/")
    request.user = involved.user
    with audit.deferred_attempts():
        audit.record(
            user=involved.user,
            action="household.member.add",
            household_id=household.pk,
            request=request,
        )
        assert not AccessEvent.objects.exists()  # kept back
        try:
            with transaction.atomic():
                audit.record(
                    user=involved.user,
                    action="household.member.added",
                    household_id=household.pk,
                )
                raise RuntimeError
        except RuntimeError:
            pass
    assert list(AccessEvent.objects.values_list("action", flat=True)) == ["household.member.add"]


def test_outside_a_request_an_attempt_is_written_at_once(rf, involved, household):
    request = rf.post("/")
    audit.record(
        user=involved.user,
        action="household.member.add",
        household_id=household.pk,
        request=request,
    )
    assert AccessEvent.objects.filter(action="household.member.add").count() == 1
