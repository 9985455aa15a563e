"""The dossier's four lists come from one statement (issue 17) and are what four ordinary
querysets give: the same objects in the same order, with their related rows loaded, and the
same API answer to the byte."""

import datetime
import json

from django.utils import timezone

from ketenkaart.households import selectors
from ketenkaart.households.api import plain
from ketenkaart.households.models import (
    CourtMeasure,
    Handover,
    Involvement,
    Member,
    MemberRole,
)
from ketenkaart.testing import factories as f


def _family(household, child, involved, colleague):
    ending = f.CourtMeasureFactory(
        household=household,
        child=child,
        recorded_by=involved,
        ends_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    f.CourtMeasureFactory(
        household=household, child=child, recorded_by=involved, extends=ending, court="Later"
    )
    f.MemberFactory(household=household, role=MemberRole.PARENT, has_custody=True)
    # Two involvements of one organisation: the order between them is fixed all the same.
    f.InvolvementFactory(household=household, organisation=colleague.organisation)
    f.InvolvementFactory(household=household, ended_on=timezone.localdate())  # not listed
    Handover.objects.create(
        household=household,
        from_professional=None,
        to_professional=involved,
        reason="Start",
        occurred_at=timezone.now() - datetime.timedelta(days=2),
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
    # Another family's rows must not come along.
    other = f.HouseholdFactory(municipality=household.municipality)
    f.MemberFactory(household=other)
    f.InvolvementFactory(household=other, professional=involved)


def _ordinary(household, day) -> selectors.Dossier:
    """The same dossier from four ordinary querysets, one statement each."""
    members = list(
        Member.objects.filter(household=household)
        .select_related("person")
        .order_by("role", "person__birth_date", "pk")
    )
    involvements = list(
        Involvement.objects.filter(household=household, ended_on__isnull=True)
        .select_related("professional__user", "organisation")
        .order_by("-is_lead", "organisation__name", "pk")
    )
    measures = list(
        CourtMeasure.objects.filter(household=household)
        .select_related("child")
        .order_by("-starts_on", "pk")
    )
    handovers = list(
        Handover.objects.filter(household=household)
        .select_related("from_professional__user", "to_professional__user", "recorded_by__user")
        .order_by("-occurred_at", "pk")
    )
    one = selectors.dossier(household, day=day)
    return selectors.Dossier(
        household=household,
        members=members,
        involvements=involvements,
        lead=next((i for i in involvements if i.is_lead), None),
        measures=measures,
        handovers=handovers,
        warnings=one.warnings,
        frame_court_ordered=one.frame_court_ordered,
    )


def test_the_lists_are_what_ordinary_querysets_give(household, child, involved, colleague):
    _family(household, child, involved, colleague)
    day = timezone.localdate()
    dossier = selectors.dossier(household, day=day)
    expected = _ordinary(household, day)

    assert len(dossier.members) == 3 and len(dossier.involvements) == 3
    assert len(dossier.measures) == 2 and len(dossier.handovers) == 2
    for name in ("members", "involvements", "measures", "handovers"):
        assert getattr(dossier, name) == getattr(expected, name), name
    assert [m.person.surname for m in dossier.members] == [
        m.person.surname for m in expected.members
    ]
    assert dossier.handovers[1].from_professional is None
    assert dossier.handovers[0].recorded_by.user.username == "vt-test"
    assert dossier.measures[0].child.given_names == "Noor"
    assert dossier.lead is not None and dossier.lead.professional.user.username == "wijkcoach-test"
    assert {w.code for w in dossier.warnings} >= {"lead_not_gi"}
    assert json.dumps(plain.dossier(dossier, day=day)) == json.dumps(
        plain.dossier(expected, day=day)
    )


def test_the_lists_are_one_statement_with_their_related_rows(
    household, child, involved, colleague, django_assert_num_queries
):
    _family(household, child, involved, colleague)
    selectors.dossier(household)  # compiled on this connection
    with django_assert_num_queries(1):
        dossier = selectors.dossier(household)
        plain.dossier(dossier, day=timezone.localdate())
        assert all(m.household is household for m in dossier.members)


def test_an_empty_family_has_empty_lists(municipality, django_assert_num_queries):
    household = f.HouseholdFactory(municipality=municipality)
    with django_assert_num_queries(1):
        dossier = selectors.dossier(household)
    assert (dossier.members, dossier.involvements, dossier.measures, dossier.handovers) == (
        [],
        [],
        [],
        [],
    )
