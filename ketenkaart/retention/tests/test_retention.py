"""Retention and destruction: the date per dossier (the longest period applies), holds that
block it, and destruction that leaves no row of the family anywhere but the audit log."""

import datetime
import zoneinfo

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models
from django.utils import timezone

from ketenkaart.audit import seal
from ketenkaart.audit.models import AccessEvent
from ketenkaart.audit.verify import verify
from ketenkaart.core.errors import DomainError
from ketenkaart.households.models import CourtMeasure, Household, Involvement, Member, MemberRole
from ketenkaart.organisations.models import Professional, Role
from ketenkaart.portal.models import FamilyAccount, RequestKind, RightsRequest
from ketenkaart.retention import jobs, rules, services
from ketenkaart.retention.models import Anchor, LegalHold, RetentionPeriod
from ketenkaart.testing import factories as f

FROZEN = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))


def _end_help(household, on: datetime.date) -> None:
    Involvement.objects.filter(household=household).update(
        ended_on=on, is_lead=False, started_on=on - datetime.timedelta(days=30)
    )


def test_the_longest_period_of_the_organisations_involved_applies(
    household, involved, colleague, time_machine
):
    time_machine.move_to(FROZEN, tick=False)
    _end_help(household, datetime.date(2025, 1, 10))
    verdict = rules.verdict(household)
    # Jeugdhulp: 20 years after the help ended. VT: until the youngest (born 2016) is 18.
    assert verdict.destroy_on == datetime.date(2045, 1, 10)
    RetentionPeriod.objects.create(
        organisation_type="veilig_thuis", anchor=Anchor.YOUNGEST_MAJORITY, years=30
    )
    assert rules.verdict(household).destroy_on == datetime.date(2064, 3, 1)


def test_no_date_while_help_runs(household, involved):
    assert rules.verdict(household).destroy_on is None
    assert jobs.list_due() == []


def test_a_dossier_is_due_after_its_period_and_listed(household, involved, time_machine):
    _end_help(household, datetime.date(2000, 1, 1))
    Member.objects.filter(household=household, role=MemberRole.CHILD).delete()
    time_machine.move_to(datetime.datetime(2020, 1, 2, 9, tzinfo=datetime.UTC), tick=False)
    assert jobs.list_due() == [
        jobs.Due(household.pk, datetime.date(2020, 1, 1), on_request=False, request_due_on=None)
    ]


def test_a_legal_hold_or_a_measure_in_force_blocks_it(
    household, involved, privacy_officer, child, time_machine
):
    _end_help(household, datetime.date(2000, 1, 1))
    Member.objects.filter(household=household, role=MemberRole.CHILD).update(role=MemberRole.OTHER)
    time_machine.move_to(datetime.datetime(2021, 1, 2, 9, tzinfo=datetime.UTC), tick=False)
    hold = services.legal_hold_place(by=privacy_officer, household=household, reason="procedure")
    assert jobs.list_due() == []
    with pytest.raises(DomainError):
        services.household_destroy(by=privacy_officer, household=household)
    assert Household.objects.filter(pk=household.pk).exists()
    services.legal_hold_lift(by=privacy_officer, hold=hold)
    CourtMeasure.objects.create(
        household=household,
        child=child,
        type="supervision",
        starts_on=datetime.date(2020, 6, 1),
        ends_on=datetime.date(2021, 6, 1),
        court="Rechtbank Test",
        recorded_by=privacy_officer,
        recorded_at=timezone.now(),
    )
    assert rules.verdict(household).holds == ["measure_in_force"]
    with pytest.raises(DomainError):
        services.household_destroy(by=privacy_officer, household=household)
    assert Household.objects.filter(pk=household.pk).exists()


def test_only_the_privacy_officer_destroys(household, involved, outsider):
    with pytest.raises(DomainError):
        services.household_destroy(by=involved, household=household, on_request=True)
    assert Household.objects.filter(pk=household.pk).exists()


# -- destruction of a demo family, checked over every table ------------------------------------


@pytest.fixture
def demo(settings, db, time_machine, tmp_path):
    settings.DEMO_MODE = True
    settings.KETENKAART_AUDIT = {
        **settings.KETENKAART_AUDIT,
        "CHECKPOINT_FILE": str(tmp_path / "controlepunten.jsonl"),
    }
    time_machine.move_to(FROZEN, tick=False)
    call_command("loaddemo", stdout=None)


def _values(household) -> tuple[set[str], set[str]]:
    """The family's ids and identifying values (BSNs, names) before destruction."""
    members = list(Member.objects.filter(household=household).select_related("person"))
    ids = {str(household.pk)} | {str(m.pk) for m in members} | {str(m.person_id) for m in members}
    marks = {m.person.bsn for m in members if m.person.bsn} | {m.person.full_name for m in members}
    return ids, marks


def _rows_mentioning(ids: set[str], marks: set[str]) -> list[str]:
    found = []
    hexes = {i.replace("-", "") for i in ids}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label == "audit":
            continue
        for row in model._base_manager.all().values_list(
            *[fl.attname for fl in model._meta.concrete_fields]
        ):
            text = repr(row)
            if any(i in text for i in ids | hexes) or any(m in text for m in marks):
                found.append(model._meta.label)
                break
    return found


def test_destruction_leaves_no_row_of_the_family_but_the_audit_log(demo, client):
    officer = Professional.objects.get(user__username="privacy")
    # The family of the `ouder` account (story 7) is under supervision: a measure in force.
    portal_family = FamilyAccount.objects.get(user__username="ouder").household
    assert rules.verdict(portal_family).holds == ["measure_in_force"]
    with pytest.raises(DomainError):
        services.household_destroy(by=officer, household=portal_family, on_request=True)
    # Story 7 without its measure, with an open request for earlier destruction.
    CourtMeasure.objects.filter(household=portal_family).delete()
    parent = FamilyAccount.objects.get(user__username="ouder").member
    RightsRequest.objects.create(
        household=portal_family,
        member=parent,
        kind=RequestKind.DESTRUCTION,
        text="De hulp is klaar.",
        created_at=timezone.now(),
        due_on=datetime.date(2026, 6, 2),
    )
    household = portal_family
    ids, marks = _values(household)
    users = list(
        FamilyAccount.objects.filter(household=household).values_list("user_id", flat=True)
    )
    assert len(users) == 2  # ouder and jongere
    assert _rows_mentioning(ids, marks)  # the check sees the family before
    others_before = Household.objects.exclude(pk=household.pk).count()
    client.force_login(officer.user)
    listed = client.get("/api/v1/vernietiging").json()["resultaten"]
    assert {
        "gezin": str(household.pk),
        "vernietigenVanaf": None,
        "opVerzoek": True,
        "verzoekBeantwoordenUiterlijk": "2026-06-02",
    } in listed
    response = client.post(
        f"/api/v1/vernietiging/{household.pk}/bevestiging",
        {"gecontroleerd": True, "opVerzoek": True},
        content_type="application/json",
    )
    assert response.status_code == 204
    connection.check_constraints()  # the deferred foreign keys hold
    assert _rows_mentioning(ids, marks) == []
    assert Household.objects.count() == others_before
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(pk__in=users).exists()
    # The tombstone: ids only, never a name or a BSN; every audit row likewise.
    tombstone = AccessEvent.objects.get(action="retention.household.destroyed")
    assert tombstone.household_id == household.pk
    for event in AccessEvent.objects.filter(household_id=household.pk).values():
        assert not any(m in repr(event) for m in marks)
    seal.seal()
    report = verify()
    assert report.ok, report.problems
    # The professionals and organisations stay.
    assert Professional.objects.filter(user__username="wijkcoach").exists()


def test_every_table_is_reached_through_the_model_graph():
    """A model with a foreign key to the household (or to a row under it) is collected
    without a list: the graph walk names every such model."""
    household_models = {
        m
        for m in apps.get_models(include_auto_created=True)
        for fl in m._meta.concrete_fields
        if isinstance(fl, models.ForeignKey | models.OneToOneField)
        and fl.related_model is Household
    }
    assert {m._meta.label for m in household_models} >= {
        "households.Member",
        "safety_maps.SafetyMap",
        "portal.Contribution",
        "retention.LegalHold",
        "access.EmergencyAccess",
    }
    assert Role.PRIVACY_OFFICER  # (the privacy officer is who destroys)
    assert LegalHold._meta.get_field("household").remote_field.on_delete is models.CASCADE


def test_the_due_list_costs_the_same_queries_for_one_or_many(
    municipality, local_team, privacy_officer, client, django_assert_num_queries, time_machine
):
    time_machine.move_to(datetime.datetime(2030, 1, 2, 9, tzinfo=datetime.UTC), tick=False)

    def closed_family():
        household = f.HouseholdFactory(municipality=municipality)
        f.InvolvementFactory(
            household=household,
            organisation=local_team,
            started_on=datetime.date(2000, 1, 1),
            ended_on=datetime.date(2001, 1, 1),
        )
        return household

    closed_family()
    client.force_login(privacy_officer.user)
    with django_assert_num_queries(10) as one:
        assert client.get("/api/v1/vernietiging").json()["aantal"] == 1
    for _ in range(4):
        closed_family()
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get("/api/v1/vernietiging").json()["aantal"] == 5
