"""Legal holds on the page: the privacy officer or the regisseur places one with a reason and
lifts it; audited; anyone else is refused and nothing changes."""

import pytest
from django.urls import reverse

from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.retention.models import LegalHold

pytestmark = pytest.mark.django_db


def page(household):
    return reverse("retention:household", kwargs={"household_id": household.pk})


def place(household):
    return reverse("retention:hold_place", kwargs={"household_id": household.pk})


def lift(hold):
    return reverse(
        "retention:hold_lift", kwargs={"household_id": hold.household_id, "hold_id": hold.pk}
    )


def test_the_privacy_officer_places_and_lifts_a_hold(
    client, household, involved, privacy_officer, django_assert_max_num_queries
):
    client.force_login(privacy_officer.user)
    with django_assert_max_num_queries(16):
        assert client.get(page(household)).status_code == 200
    assert AccessEvent.objects.filter(
        action="retention.household.read", household_id=household.pk
    ).exists()
    response = client.post(
        place(household), {"reason": "procedure", "note": "Klacht bij de rechter, tot juni."}
    )
    assert response.status_code == 302
    hold = LegalHold.objects.get(household=household)
    assert (hold.reason, hold.note, hold.placed_by, hold.lifted_at) == (
        "procedure",
        "Klacht bij de rechter, tot juni.",
        privacy_officer,
        None,
    )
    placed = AccessEvent.objects.get(action="retention.hold.placed")
    assert (placed.object_id, placed.legal_basis) == (str(hold.pk), "privacy_officer")
    content = client.get(page(household)).content.decode()
    assert "Klacht bij de rechter, tot juni." in content and "Blokkade opheffen" in content

    assert client.post(lift(hold)).status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_at is not None and hold.lifted_by == privacy_officer
    assert AccessEvent.objects.filter(action="retention.hold.lifted").count() == 1
    # Lifting twice is refused and changes nothing.
    lifted_at = hold.lifted_at
    client.post(lift(hold))
    hold.refresh_from_db()
    assert hold.lifted_at == lifted_at
    assert AccessEvent.objects.filter(action="retention.hold.lifted").count() == 1


def test_the_regisseur_places_a_hold_too(client, household, involved):
    client.force_login(involved.user)
    assert client.get(page(household)).status_code == 200
    assert client.post(place(household), {"reason": "procedure", "note": ""}).status_code == 302
    placed = AccessEvent.objects.get(action="retention.hold.placed")
    assert placed.legal_basis == "lead"
    assert LegalHold.objects.get(household=household).placed_by == involved


def test_a_reason_is_needed_on_its_field_and_nothing_changes(client, household, involved):
    client.force_login(involved.user)
    response = client.post(place(household), {"reason": "", "note": "x"})
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    assert not LegalHold.objects.exists()
    assert not AccessEvent.objects.filter(action="retention.hold.placed").exists()


def test_an_involved_colleague_who_is_not_regisseur_gets_404_and_nothing_changes(
    client, household, involved, colleague
):
    hold = LegalHold.objects.create(
        household=household, reason="procedure", placed_by=involved, placed_at="2026-01-01T10:00Z"
    )
    client.force_login(colleague.user)
    assert client.get(page(household)).status_code == 404
    assert client.post(place(household), {"reason": "procedure"}).status_code == 404
    assert client.post(lift(hold)).status_code == 404
    assert LegalHold.objects.count() == 1
    hold.refresh_from_db()
    assert hold.lifted_at is None
    assert not AccessEvent.objects.filter(
        action__in=["retention.hold.placed", "retention.hold.lifted"]
    ).exists()
    assert AccessEvent.objects.filter(
        action="retention.hold.place", outcome=Outcome.DENIED
    ).exists()
