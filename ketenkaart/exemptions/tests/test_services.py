"""The ventieltafel's workflows: their state changes, audit events and refusals."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine

from ketenkaart.audit.models import AccessEvent
from ketenkaart.core.errors import DomainError
from ketenkaart.demo.synthetic import synthetic_bsn
from ketenkaart.exemptions import selectors, services
from ketenkaart.exemptions.models import (
    CostBenefit,
    CostItem,
    Decision,
    Domain,
    ExemptionRequest,
    Outcome,
    PolicySignal,
    ReferenceCost,
    SignalBasis,
    SignalStatus,
    Status,
    Urgency,
)
from ketenkaart.exemptions.tests.conftest import item

pytestmark = pytest.mark.django_db
AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


# Requests


def test_submitting_stores_a_pseudonym_a_deadline_and_an_audit_event(make_request, household):
    with time_machine.travel(datetime.datetime(2025, 4, 30, 10, tzinfo=AMS), tick=False):
        exemption = make_request(household)
    assert exemption.pseudonym.startswith("V-") and len(exemption.pseudonym) == 6
    assert exemption.display_pseudonym == f"Gezin {exemption.pseudonym}"
    # 10 working days after Wed 30 April 2025, skipping 5 May (every year, not only lustrum
    # years), Ascension is 29 May: 1,2 May, 6,7,8,9,12,13,14,15 May → Thursday 15 May.
    assert exemption.deadline == datetime.date(2025, 5, 15)
    assert exemption.rule_key == "urgentieregeling: burenoverlast geeft geen urgentie"
    event = AccessEvent.objects.get(action="exemption.request.submitted")
    assert event.household_id == household.pk


def test_an_urgent_request_gets_the_short_lead_time(make_request, household):
    with time_machine.travel(datetime.datetime(2025, 5, 2, 10, tzinfo=AMS), tick=False):
        exemption = make_request(household, urgency=Urgency.URGENT)
    # Friday 2 May + 2 working days: Monday 5 May is a holiday → Tue 6, Wed 7 May.
    assert exemption.deadline == datetime.date(2025, 5, 7)


def test_a_bsn_in_a_text_for_the_table_is_refused(make_request, household):
    bsn = synthetic_bsn(777)
    with pytest.raises(services.InvalidInput) as error:
        make_request(
            household, risks=f"Moeder (BSN {bsn[:4]}.{bsn[4:6]}.{bsn[6:]}) raakt huis kwijt"
        )
    assert "risks" in error.value.errors
    assert "BSN" in error.value.errors["risks"]
    assert not ExemptionRequest.objects.exists()


def test_a_number_that_fails_the_eleven_test_is_not_taken_for_a_bsn():
    assert not services.contains_bsn("Kenmerk 123456789 en bedrag 4800")
    assert services.contains_bsn(f"nummer {synthetic_bsn(5)}")


def test_a_family_members_name_in_a_text_is_refused_every_field_named(make_request, household):
    with pytest.raises(services.InvalidInput) as error:
        make_request(household, bottleneck="Noor wordt gepest", alternatives="Gesprek met Vries")
    assert set(error.value.errors) == {"bottleneck", "alternatives"}
    assert "naam" in error.value.errors["bottleneck"]
    assert not ExemptionRequest.objects.exists()


# Cost-benefit


def save(exemption, involved, items, **kwargs):
    values = {"horizon_months": 12, "discount_rate": Decimal(0), "sensitivity": Decimal(20)}
    return services.cost_benefit_save(
        by=involved,
        request=exemption,
        items=items,
        impacts=kwargs.pop("impacts", []),
        **{**values, **kwargs},
    )


def test_the_analysis_is_stored_with_its_result_and_audited(exemption, involved, child):
    member = exemption.household.members.get(person=child)
    analysis = save(
        exemption,
        involved,
        [item("muddling_on", "1000", "month"), item("breaking_through", "3000", "once")],
        impacts=[
            {"member": member, "label": "", "muddling_on": -2, "breaking_through": 1, "note": ""}
        ],
    )
    # 1000 × 12 − 3000 = 9000; low 800 × 12 − 3600 = 6000; high 1200 × 12 − 2400 = 12000.
    assert analysis.saving == Decimal("9000.00")
    assert (analysis.saving_low, analysis.saving_high) == (Decimal("6000.00"), Decimal("12000.00"))
    assert analysis.summary.startswith("Doorbraak bespaart naar schatting €9.000 over 12 maanden")
    assert analysis.items.count() == 2 and analysis.impacts.count() == 1
    assert AccessEvent.objects.filter(action="exemption.cost_benefit.saved").count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount": Decimal("-1")}, "amount"),
        ({"amount": Decimal("20000000")}, "amount"),
        ({"months": 121}, "months"),
        ({"months": 0}, "months"),
        ({"quantity": Decimal("0")}, "quantity"),
        ({"quantity": Decimal("5000")}, "quantity"),
        ({"amount": None}, "amount"),
    ],
)
def test_invalid_amounts_are_refused_and_nothing_is_stored(exemption, involved, changes, field):
    bad = {**item(), **changes}
    with pytest.raises(services.InvalidInput) as error:
        save(exemption, involved, [item(), bad])
    assert f"items.1.{field}" in error.value.errors
    assert not CostBenefit.objects.exists()
    assert not CostItem.objects.exists()


def test_an_absurd_horizon_and_every_bad_item_are_named_at_once(exemption, involved):
    with pytest.raises(services.InvalidInput) as error:
        save(
            exemption,
            involved,
            [item(amount="-5"), item(months=500)],
            horizon_months=240,
            discount_rate=Decimal("-1"),
        )
    assert set(error.value.errors) == {
        "horizon_months",
        "discount_rate",
        "items.0.amount",
        "items.1.months",
    }


def test_a_replaced_analysis_keeps_no_old_items(exemption, involved):
    save(exemption, involved, [item(), item("breaking_through")])
    save(exemption, involved, [item(amount="50")])
    assert CostItem.objects.count() == 1


def test_a_text_line_ignores_non_numbers():
    assert services.parse_amount("€ 1.250,50") == Decimal("1250.50")
    assert services.parse_amount("1.250") == Decimal("1250")
    assert services.parse_amount("19.5") == Decimal("19.5")
    with pytest.raises(ValueError):
        services.parse_amount("veel")
    with pytest.raises(ValueError):
        services.parse_amount("NaN")


# The decision


def test_a_decision_needs_reasoning(exemption, convener):
    with pytest.raises(services.InvalidInput) as error:
        services.decision_record(
            by=convener, request=exemption, outcome=Outcome.GRANTED, reasoning="   "
        )
    assert "reasoning" in error.value.errors
    assert not Decision.objects.exists()
    exemption.refresh_from_db()
    assert exemption.status == Status.SUBMITTED


def test_granted_with_conditions_needs_the_conditions(exemption, convener):
    with pytest.raises(services.InvalidInput) as error:
        services.decision_record(
            by=convener,
            request=exemption,
            outcome=Outcome.GRANTED_WITH_CONDITIONS,
            reasoning="Goed onderbouwd",
        )
    assert "conditions" in error.value.errors


def test_the_convener_decides_once_and_it_is_kept_who_and_when(exemption, convener):
    decision = services.decision_record(
        by=convener, request=exemption, outcome=Outcome.REFUSED, reasoning="Er is een alternatief"
    )
    assert decision.decided_by == convener and decision.decided_at is not None
    exemption.refresh_from_db()
    assert exemption.status == Status.DECIDED
    assert AccessEvent.objects.filter(action="exemption.decision.recorded").exists()
    with pytest.raises(DomainError) as error:
        services.decision_record(
            by=convener, request=exemption, outcome=Outcome.GRANTED, reasoning="Toch wel"
        )
    assert error.value.code == "conflict"


def test_only_the_convener_of_the_municipality_decides(exemption, other_convener, involved):
    for professional in (other_convener, involved):
        with pytest.raises(DomainError):
            services.decision_record(
                by=professional, request=exemption, outcome=Outcome.GRANTED, reasoning="Ja"
            )


def test_past_decisions_are_found_as_precedents_by_domain_and_rule(
    make_request, household, convener
):
    first = make_request(household)
    services.decision_record(by=convener, request=first, outcome=Outcome.GRANTED, reasoning="Ja")
    other = make_request(household, rule="Een andere regel", domain=Domain.DEBTS)
    services.decision_record(by=convener, request=other, outcome=Outcome.REFUSED, reasoning="Nee")
    new = make_request(household)
    assert list(selectors.similar_precedents(new, convener.user)) == [first]
    assert list(selectors.precedents(convener.user, domain=Domain.DEBTS)) == [other]
    assert list(selectors.precedents(convener.user, rule="burenoverlast")) == [first]


# Policy signals


def grant(exemption, convener):
    services.decision_record(
        by=convener, request=exemption, outcome=Outcome.GRANTED, reasoning="Past in de lijn"
    )


def test_a_signal_is_raised_exactly_when_the_threshold_is_reached(
    make_request, household, convener
):
    for _ in range(2):
        grant(make_request(household), convener)
    assert not PolicySignal.objects.exists()  # 2 of 3: not yet

    third = make_request(household)
    assert not PolicySignal.objects.exists()  # asked, not granted: does not count
    grant(third, convener)
    signal = PolicySignal.objects.get()
    assert signal.status == SignalStatus.OPEN
    assert signal.kind == "rule"
    assert signal.requests.count() == 3
    assert AccessEvent.objects.filter(action="exemption.signal.raised").count() == 1

    grant(make_request(household), convener)
    assert PolicySignal.objects.count() == 1  # still one open signal, now with four cases
    assert PolicySignal.objects.get().requests.count() == 4


def test_refusals_and_old_decisions_do_not_count(make_request, household, convener):
    with time_machine.travel(datetime.datetime(2024, 1, 10, 10, tzinfo=AMS), tick=False):
        grant(make_request(household), convener)
    with time_machine.travel(datetime.datetime(2025, 6, 10, 10, tzinfo=AMS), tick=False):
        grant(make_request(household), convener)
        services.decision_record(
            by=convener, request=make_request(household), outcome=Outcome.REFUSED, reasoning="Nee"
        )
        assert not PolicySignal.objects.exists()


def test_different_rules_in_one_domain_raise_a_domain_signal(make_request, household, convener):
    for rule in ("Regel een", "Regel twee", "Regel drie"):
        grant(make_request(household, rule=rule, domain=Domain.PUPIL_TRANSPORT), convener)
    signal = PolicySignal.objects.get()
    assert (signal.kind, signal.key) == ("domain", Domain.PUPIL_TRANSPORT)


def test_a_table_may_count_asked_exceptions_and_its_own_threshold(
    make_request, household, convener
):
    table = services.table_for(household.municipality)
    table.signal_basis = SignalBasis.ASKED
    table.signal_threshold = 2
    table.save()
    make_request(household)
    assert not PolicySignal.objects.exists()
    make_request(household)
    assert PolicySignal.objects.get().requests.count() == 2


def test_policy_answers_a_signal_with_reasons_and_recurrence_starts_counting_again(
    make_request, household, convener, policy
):
    for _ in range(3):
        grant(make_request(household), convener)
    signal = PolicySignal.objects.get()
    with pytest.raises(DomainError):
        services.signal_respond(by=policy, signal=signal, taken_up=False, response="")
    with pytest.raises(DomainError):
        services.signal_respond(by=convener, signal=signal, taken_up=True, response="Ja")
    services.signal_respond(
        by=policy, signal=signal, taken_up=True, response="Wordt een beleidsvraag"
    )
    signal.refresh_from_db()
    assert signal.status == SignalStatus.TAKEN_UP and signal.responded_by == policy
    grant(make_request(household), convener)
    assert PolicySignal.objects.count() == 1  # the answered cases do not count again


# Reference costs


def test_the_catalogue_is_seeded_with_the_sourced_domain_figures():
    rows = {row.key: row for row in selectors.catalogue(None)}
    assert rows["leerlingenvervoer"].amount == Decimal("3978.00")
    assert rows["leerlingenvervoer"].year == "2023/24"
    assert rows["leerlingenvervoer"].period == "year"
    assert rows["leerlingenvervoer"].source.startswith("Oberon, Monitor Leerlingenvervoer")
    # The foster-care allowance by age band (DOMAIN.md, Regeling Jeugdwet 2021).
    bands = {
        key: rows[key].amount
        for key in (
            "pleegzorgvergoeding",
            "pleegzorgvergoeding-9-11",
            "pleegzorgvergoeding-12-15",
            "pleegzorgvergoeding-16-17",
        )
    }
    assert list(bands.values()) == [
        Decimal("19.23"),
        Decimal("19.49"),
        Decimal("21.22"),
        Decimal("23.43"),
    ]
    assert "Alleen de vergoeding" in rows["pleegzorgvergoeding"].note
    assert rows["pleegzorg-toeslag"].amount == Decimal("3.68")
    assert (rows["opvangplek"].year, rows["opvangplek"].price_level) == ("2025", "2025")
    assert rows["opvangplek"].high == Decimal("70000.00")
    assert rows["opvangplek"].evidence == "indicative"
    assert (rows["huisuitzetting"].year, rows["huisuitzetting"].price_level) == ("2016", "2016")
    assert rows["huisuitzetting"].evidence == "weak"
    # Sources are publications, never a file path.
    assert all(row.source and "docs/" not in row.source for row in rows.values())


def test_a_municipal_override_is_a_new_row_and_the_catalogue_stays(municipality, convener):
    national = {row.key: row for row in selectors.catalogue(None)}["opvangplek"]
    override = services.reference_cost_add(
        by=convener,
        municipality=municipality,
        overrides=national,
        item="Opvangplek Testdorp",
        unit="per plek per jaar",
        period="year",
        amount=Decimal("18000"),
        source="Begroting Testdorp",
        evidence="reasonable",
    )
    national.refresh_from_db()
    assert national.amount == Decimal("15000.00")
    assert override.key == "opvangplek" and override.version == 1
    current = {row.key: row for row in selectors.catalogue(municipality)}
    assert current["opvangplek"].pk == override.pk
    again = services.reference_cost_add(
        by=convener,
        municipality=municipality,
        overrides=national,
        item="Opvangplek Testdorp",
        unit="per plek per jaar",
        period="year",
        amount=Decimal("18500"),
        source="Begroting Testdorp 2026",
        evidence="reasonable",
    )
    assert again.version == 2
    assert {row.key: row for row in selectors.catalogue(municipality)}["opvangplek"].pk == again.pk
    assert {row.key: row for row in selectors.catalogue(None)}["opvangplek"].pk == national.pk


def test_a_negative_catalogue_amount_is_refused(municipality, convener, involved):
    with pytest.raises(services.InvalidInput):
        services.reference_cost_add(
            by=convener,
            municipality=municipality,
            item="Post",
            unit="per stuk",
            period="once",
            amount=Decimal("-3"),
            source="Bron",
            evidence="weak",
        )
    with pytest.raises(DomainError):
        services.reference_cost_add(
            by=involved,
            municipality=municipality,
            item="Post",
            unit="per stuk",
            period="once",
            amount=Decimal("3"),
            source="Bron",
            evidence="weak",
        )
    assert not ReferenceCost.objects.filter(municipality=municipality).exists()


def test_a_catalogue_items_own_low_and_high_make_the_range():
    shelter = {row.key: row for row in selectors.catalogue(None)}["opvangplek"]
    item = {
        "scenario": "muddling_on",
        "reference_cost": shelter,
        "amount": shelter.amount,
        "period": "year",
        "quantity": Decimal(1),
        "months": 12,
        "payer": "municipality",
    }
    analysis = services.to_analysis(
        horizon_months=12, discount_rate=Decimal(0), sensitivity=Decimal(20), items=[item]
    )
    assert (analysis.items[0].low, analysis.items[0].high) == (
        Decimal("15000.00"),
        Decimal("70000.00"),
    )
