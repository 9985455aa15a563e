"""The plain-dict reads (households/api/plain.py) give exactly what the serializers of the schema give."""

import datetime
import json

from django.utils import timezone

from ketenkaart.audit import services as audit
from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.households import selectors
from ketenkaart.households.api import plain
from ketenkaart.households.api import serializers as s
from ketenkaart.households.models import Handover, MemberRole
from ketenkaart.testing import factories as f


def _json(data) -> object:
    return json.loads(json.dumps(data))


def test_the_dossier_is_the_serializers_output(household, child, involved, colleague, police):
    ending = f.CourtMeasureFactory(
        household=household,
        child=child,
        recorded_by=involved,
        ends_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    f.CourtMeasureFactory(
        household=household, child=child, recorded_by=involved, ended_on=timezone.localdate()
    )
    ending.refresh_from_db()
    f.MemberFactory(household=household, role=MemberRole.PARENT, has_custody=True)
    Handover.objects.create(
        household=household,
        from_professional=None,
        to_professional=involved,
        reason="Start",
        occurred_at=timezone.now(),
        recorded_by=involved,
    )
    Handover.objects.create(
        household=household,
        from_professional=involved,
        to_professional=colleague,
        reason="Tijdelijk",
        occurred_at=timezone.now(),
        recorded_by=colleague,
    )
    day = timezone.localdate()
    dossier = selectors.dossier(household, day=day)
    assert dossier.warnings and dossier.handovers and len(dossier.measures) == 2
    expected = _json(s.DossierSerializer(dossier).data)
    assert _json(plain.dossier(dossier, day=day)) == expected


def test_the_access_log_lines_are_the_serializers_output(household, involved, police):
    audit.record(user=involved.user, action="household.read", household_id=household.pk)
    audit.record(
        user=police.user,
        action="household.read",
        outcome=Outcome.DENIED,
        household_id=household.pk,
        legal_basis="",
    )
    audit.record(user=None, action="household.read", household_id=household.pk)
    events = AccessEvent.objects.filter(household_id=household.pk).order_by("pk")
    names = {involved.organisation_id: involved.organisation.name}
    expected = _json(
        s.AccessEventSerializer(events, many=True, context={"organisation_names": names}).data
    )
    rows = list(events.values(*plain.ACCESS_EVENT_FIELDS))
    assert _json(plain.access_events(rows, names)) == expected
