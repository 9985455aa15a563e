"""The persons concerned on the row of a melding's read (NEN 7513 §5.2, "betrokkene"): the
Person ids the melding's reported persons were matched to, and the linked household's members
for a reported person without a match. See docs/access-control.md."""

from django.test import RequestFactory

from ketenkaart.access import gate
from ketenkaart.audit.models import AccessEvent
from ketenkaart.households.models import Member
from ketenkaart.reports.models import PersonRole, ReportPerson


def _read(professional, report) -> AccessEvent:
    request = RequestFactory().get("/")
    request.user = professional.user
    gate.access_report(request, report.pk)
    return AccessEvent.objects.filter(action="report.read").latest("pk")


def _stranger(report) -> ReportPerson:
    return ReportPerson.objects.create(
        report=report, role=PersonRole.CHILD, given_names="Sem", surname="Onbekend"
    )


def test_a_matched_person_is_named_by_the_person_it_was_matched_to(vt, report, child):
    report.persons.update(person=child)  # the radar's match

    event = _read(vt, report)

    assert event.person_ids == [str(child.pk)]
    assert event.legal_basis == gate.ReportGrant.VT_REGION


def test_an_unmatched_person_of_a_linked_melding_is_named_by_the_familys_members(
    vt, report, child, household
):
    report.persons.update(person=child)
    _stranger(report)
    report.household = household
    report.save(update_fields=["household"])
    members = {
        str(p) for p in Member.objects.filter(household=household).values_list("person", flat=True)
    }

    event = _read(vt, report)

    assert set(event.person_ids) == members and str(child.pk) in members
    assert event.household_id == household.pk


def test_an_unmatched_person_of_an_unlinked_melding_names_only_the_matched(vt, report, child):
    report.persons.update(person=child)
    _stranger(report)
    report.household = None
    report.save(update_fields=["household"])

    assert _read(vt, report).person_ids == [str(child.pk)]


def test_all_matched_in_a_linked_melding_names_no_other_member(vt, report, child, household):
    report.persons.update(person=child)
    report.household = household
    report.save(update_fields=["household"])

    assert _read(vt, report).person_ids == [str(child.pk)]


def test_naming_the_persons_costs_no_query(vt, report, child, household, django_assert_num_queries):
    report.persons.update(person=child)
    _stranger(report)
    report.household = household
    report.save(update_fields=["household"])
    request = RequestFactory().get("/")
    request.user = vt.user
    gate.access_report(request, report.pk)  # warm the user's professional and organisation
    # One SELECT of the melding (with the persons as columns of it), the grant's check, the
    # INSERT of the row.
    with django_assert_num_queries(2):
        gate.access_report(request, report.pk)


def test_the_reporter_is_named_the_same_persons(school, report, household):
    """The reporter reads their own melding: the same persons, whatever the grant."""
    report.persons.update(person=None)  # nobody matched
    report.household = household
    report.save(update_fields=["household"])
    members = {
        str(p) for p in Member.objects.filter(household=household).values_list("person", flat=True)
    }

    event = _read(school, report)

    assert set(event.person_ids) == members
    assert event.legal_basis == gate.ReportGrant.OWN
