import datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction

from ketenkaart.audit.models import AccessEvent
from ketenkaart.core.errors import DomainError
from ketenkaart.demo.synthetic import synthetic_bsn
from ketenkaart.households import selectors, services
from ketenkaart.households.models import (
    CourtMeasure,
    Handover,
    Household,
    Involvement,
    MeasureType,
    Member,
    MemberRole,
    Person,
)
from ketenkaart.testing import factories as f

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)):
        yield


def lead_of(household):
    return Involvement.objects.get(household=household, is_lead=True).professional


class TestHouseholdCreate:
    def test_a_local_team_creator_becomes_regisseur(self, municipality, local_team):
        wijkcoach = f.ProfessionalFactory(organisation=local_team)
        household = services.household_create(
            by=wijkcoach, name="Gezin Bakker", municipality=municipality, role_in_family="Wijkcoach"
        )
        assert lead_of(household) == wijkcoach
        assert household.region == municipality.region
        assert AccessEvent.objects.filter(
            household_id=household.pk, action="household.created"
        ).exists()

    def test_a_veilig_thuis_creator_is_involved_but_not_regisseur(self, municipality, vt_org):
        vt = f.ProfessionalFactory(organisation=vt_org)
        household = services.household_create(
            by=vt, name="Gezin Smit", municipality=municipality, role_in_family="Casemanager"
        )
        assert not Involvement.objects.filter(household=household, is_lead=True).exists()
        assert Involvement.objects.filter(household=household, professional=vt).exists()

    def test_a_household_needs_a_name(self, municipality, local_team):
        with pytest.raises(DomainError):
            services.household_create(
                by=f.ProfessionalFactory(organisation=local_team),
                name="  ",
                municipality=municipality,
                role_in_family="",
            )
        assert not Household.objects.exists()


class TestMemberAdd:
    def test_an_invalid_bsn_is_refused_and_nothing_is_stored(self, household, involved):
        before = Person.objects.count()
        with pytest.raises(DomainError) as error:
            services.member_add(
                by=involved,
                household=household,
                given_names="Sam",
                surname="De Vries",
                bsn="123456789",
                role=MemberRole.CHILD,
            )
        assert error.value.field == "bsn"
        assert "geen geldig BSN" in error.value.message
        assert Person.objects.count() == before

    def test_an_eight_digit_bsn_gets_a_leading_zero(self, household, involved):
        bsn = next(b for b in map(synthetic_bsn, range(1, 10**6)) if b.startswith("0"))
        member = services.member_add(
            by=involved,
            household=household,
            given_names="Sam",
            surname="De Vries",
            bsn=bsn[1:],
            role=MemberRole.OTHER,
        )
        assert member.person.bsn == bsn

    def test_all_zeros_is_not_a_bsn(self):
        with pytest.raises(DomainError):
            services.normalise_bsn("000000000")

    def test_a_known_bsn_links_the_existing_person(self, household, involved):
        person = f.PersonFactory(surname="Jansen")
        other = f.HouseholdFactory(municipality=household.municipality)
        f.InvolvementFactory(household=other, professional=involved)
        services.member_add(
            by=involved,
            household=other,
            given_names=person.given_names,
            surname="jansen",
            bsn=person.bsn,
            role=MemberRole.PARENT,
        )
        assert Member.objects.get(household=other).person == person

    def test_a_child_cannot_have_custody(self, household, involved):
        with pytest.raises(DomainError):
            services.member_add(
                by=involved,
                household=household,
                given_names="Mo",
                surname="De Vries",
                role=MemberRole.CHILD,
                has_custody=True,
            )


class TestLeadHandOver:
    def test_the_database_refuses_a_second_regisseur(self, household, involved, colleague):
        with pytest.raises(IntegrityError), transaction.atomic():
            Involvement.objects.filter(household=household, professional=colleague).update(
                is_lead=True
            )

    def test_a_handover_moves_regie_and_keeps_one(self, household, involved, local_team):
        other = f.ProfessionalFactory(organisation=local_team)
        handover = services.lead_hand_over(
            by=involved, household=household, to=other, reason="Verhuizing van de wijkcoach"
        )
        assert lead_of(household) == other
        assert Involvement.objects.filter(household=household, is_lead=True).count() == 1
        assert handover.from_professional == involved
        assert AccessEvent.objects.filter(action="household.lead.handed_over").count() == 1

    def test_a_handover_needs_a_reason(self, household, involved, local_team):
        with pytest.raises(DomainError) as error:
            services.lead_hand_over(
                by=involved,
                household=household,
                to=f.ProfessionalFactory(organisation=local_team),
                reason=" ",
            )
        assert error.value.field == "reason"
        assert lead_of(household) == involved

    def test_a_handover_to_a_gi_without_a_measure_is_refused(
        self, household, involved, jeugdbeschermer
    ):
        with pytest.raises(DomainError) as error:
            services.lead_hand_over(
                by=involved, household=household, to=jeugdbeschermer, reason="Zorgen nemen toe"
            )
        assert "maatregel" in error.value.message
        assert lead_of(household) == involved
        assert not Handover.objects.exists()

    def test_veilig_thuis_cannot_take_regie_in_the_voluntary_frame(
        self, household, involved, colleague
    ):
        with pytest.raises(DomainError) as error:
            services.lead_hand_over(by=involved, household=household, to=colleague, reason="x")
        assert "lokale team" in error.value.message

    def test_police_can_never_be_regisseur(self, household, involved, police):
        with pytest.raises(DomainError):
            services.lead_hand_over(by=involved, household=household, to=police, reason="x")


class TestCourtMeasures:
    def record_ots(self, household, involved, child, lead_to=None, months=12):
        return services.measure_record(
            by=involved,
            household=household,
            child=child,
            type=MeasureType.SUPERVISION,
            starts_on=TODAY,
            ends_on=TODAY.replace(year=TODAY.year + 1) - datetime.timedelta(days=1)
            if months == 12
            else TODAY + datetime.timedelta(days=30 * months),
            court="Rechtbank Zeeland-West-Brabant",
            lead_to=lead_to,
        )

    def test_a_measure_hands_regie_to_the_gi(self, household, involved, child, jeugdbeschermer):
        self.record_ots(household, involved, child, lead_to=jeugdbeschermer)
        assert lead_of(household) == jeugdbeschermer
        assert services.has_active_measure(household)

    def test_an_ots_longer_than_a_year_is_refused(self, household, involved, child):
        with pytest.raises(DomainError) as error:
            self.record_ots(household, involved, child, months=13)
        assert error.value.field == "ends_on"
        assert not CourtMeasure.objects.exists()

    def test_a_provisional_ots_lasts_at_most_three_months(self, household, involved, child):
        with pytest.raises(DomainError):
            services.measure_record(
                by=involved,
                household=household,
                child=child,
                type=MeasureType.PROVISIONAL_SUPERVISION,
                starts_on=TODAY,
                ends_on=TODAY + datetime.timedelta(days=100),
                court="Rechtbank",
            )

    def test_a_measure_is_for_a_child_of_the_household(self, household, involved):
        parent = household.members.get(role=MemberRole.PARENT).person
        with pytest.raises(DomainError) as error:
            self.record_ots(household, involved, parent)
        assert error.value.field == "child"

    def test_while_a_measure_runs_regie_cannot_go_back_to_the_local_team(
        self, household, involved, child, jeugdbeschermer
    ):
        self.record_ots(household, involved, child, lead_to=jeugdbeschermer)
        with pytest.raises(DomainError) as error:
            services.lead_hand_over(
                by=jeugdbeschermer, household=household, to=involved, reason="Gaat beter"
            )
        assert "gecertificeerde instelling" in error.value.message
        assert lead_of(household) == jeugdbeschermer

    def test_ending_the_measure_returns_regie_to_the_local_team(
        self, household, involved, child, jeugdbeschermer
    ):
        measure = self.record_ots(household, involved, child, lead_to=jeugdbeschermer)
        services.measure_end(
            by=jeugdbeschermer,
            measure=measure,
            ended_on=TODAY,
            lead_to=involved,
            reason="Doelen bereikt",
        )
        assert lead_of(household) == involved
        assert not services.has_active_measure(household)
        assert Handover.objects.filter(to_professional=involved, reason="Doelen bereikt").exists()

    def test_ending_the_measure_without_naming_the_local_team_is_refused(
        self, household, involved, child, jeugdbeschermer
    ):
        measure = self.record_ots(household, involved, child, lead_to=jeugdbeschermer)
        with pytest.raises(DomainError) as error:
            services.measure_end(by=jeugdbeschermer, measure=measure, ended_on=TODAY)
        assert error.value.field == "lead_to"
        measure.refresh_from_db()
        assert measure.ended_on is None

    def test_an_extension_is_a_new_dated_state_of_at_most_a_year(self, household, involved, child):
        measure = self.record_ots(household, involved, child)
        with pytest.raises(DomainError):
            services.measure_extend(
                by=involved,
                measure=measure,
                ends_on=measure.ends_on + datetime.timedelta(days=400),
                court="",
            )
        extension = services.measure_extend(
            by=involved,
            measure=measure,
            ends_on=measure.ends_on + datetime.timedelta(days=365),
            court="",
        )
        assert extension.starts_on == measure.ends_on + datetime.timedelta(days=1)
        assert extension.extends == measure

    def test_an_expired_measure_cannot_be_extended(self, household, involved, child):
        measure = f.CourtMeasureFactory(
            household=household,
            child=child,
            starts_on=TODAY - datetime.timedelta(days=400),
            ends_on=TODAY - datetime.timedelta(days=40),
        )
        with pytest.raises(DomainError):
            services.measure_extend(
                by=involved, measure=measure, ends_on=TODAY + datetime.timedelta(days=200), court=""
            )

    def test_custody_termination_without_end_date_ends_before_the_18th_birthday(
        self, household, involved, child, gi_org
    ):
        measure = services.measure_record(
            by=involved,
            household=household,
            child=child,
            type=MeasureType.CUSTODY_TERMINATION,
            starts_on=TODAY,
            ends_on=None,
            court="Rechtbank",
            guardian_kind="institution",
            guardian_organisation=gi_org,
        )
        # Noor, born 1 March 2016, turns 18 on 1 March 2034.
        assert measure.ends_on == datetime.date(2034, 2, 28)
        assert measure.is_active_on(datetime.date(2034, 2, 28))
        assert not measure.is_active_on(datetime.date(2034, 3, 1))


class TestCaseloadWarnings:
    def warnings_of(self, household):
        listed = Household.objects.filter(pk=household.pk)
        [row] = selectors.with_warnings(selectors.annotate_overview(listed, TODAY), day=TODAY)
        return [w.code for w in row.warnings]

    def test_an_ots_warns_ninety_days_ahead_but_not_earlier(self, household, involved, child):
        f.CourtMeasureFactory(
            household=household, child=child, ends_on=TODAY + datetime.timedelta(days=90)
        )
        assert "measure_ending" in self.warnings_of(household)
        CourtMeasure.objects.update(ends_on=TODAY + datetime.timedelta(days=91))
        assert "measure_ending" not in self.warnings_of(household)

    def test_an_extended_measure_does_not_warn(self, household, involved, child):
        measure = f.CourtMeasureFactory(
            household=household, child=child, ends_on=TODAY + datetime.timedelta(days=30)
        )
        services.measure_extend(
            by=involved,
            measure=measure,
            ends_on=measure.ends_on + datetime.timedelta(days=300),
            court="",
        )
        assert "measure_ending" not in self.warnings_of(household)

    def test_many_involved_without_regisseur_warns(self, household, colleague, local_team):
        for _ in range(2):
            f.InvolvementFactory(household=household)
        assert "no_lead" in self.warnings_of(household)
        f.InvolvementFactory(
            household=household, is_lead=True, professional__organisation=local_team
        )
        assert "no_lead" not in self.warnings_of(household)


class TestHandoverNotices:
    def test_the_receiver_hears_the_map_waits_and_the_previous_regisseur_who_leads(
        self, household, involved, local_team, colleague
    ):
        from ketenkaart.notifications.models import Kind, Notification

        other = f.ProfessionalFactory(organisation=local_team)
        services.lead_hand_over(by=colleague, household=household, to=other, reason="Verhuisd.")
        to_receiver = Notification.objects.get(recipient=other)
        assert to_receiver.kind == Kind.HANDOVER
        assert "overdrachtspakket" in to_receiver.body
        assert to_receiver.link.endswith(str(household.pk))
        to_previous = Notification.objects.get(recipient=involved)
        assert other.display_name in to_previous.title
        assert not Notification.objects.filter(recipient=colleague).exists()

    def test_nobody_is_told_what_they_did_themselves(self, household, involved, local_team):
        from ketenkaart.notifications.models import Notification

        other = f.ProfessionalFactory(organisation=local_team)
        f.InvolvementFactory(household=household, professional=other)
        services.lead_hand_over(by=other, household=household, to=other, reason="Ik neem over.")
        assert list(Notification.objects.values_list("recipient_id", flat=True)) == [involved.pk]
