"""A small fixed world for the monitor: every indicator can be counted by hand from it.

Frozen on Tuesday 31 March 2026. Region "Regio Klein" with Aadorp (A) and Beestad (B)."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest

from ketenkaart.buffers.models import BufferObservation, GoodMoment
from ketenkaart.community.models import Consult
from ketenkaart.exemptions.models import (
    CostBenefit,
    Decision,
    ExemptionRequest,
    ExemptionTable,
    PolicySignal,
)
from ketenkaart.households.models import Handover, MemberRole
from ketenkaart.organisations.models import Role
from ketenkaart.questionnaires.models import Answer, Question, Questionnaire, Response
from ketenkaart.referrals.models import Referral
from ketenkaart.reports.models import (
    Investigation,
    JointVisit,
    Report,
    SafetyAssessment,
)
from ketenkaart.safety_teams.models import BoardCheck
from ketenkaart.testing import factories as f

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
TODAY = datetime.date(2026, 3, 31)


def at(day: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour), AMS)


def d(day: str) -> datetime.date:
    return datetime.date.fromisoformat(day)


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(at("2026-03-31", 12), tick=False)


class World:
    pass


@pytest.fixture
def world(db, frozen):
    w = World()
    w.region = f.RegionFactory(name="Regio Klein")
    w.a = f.MunicipalityFactory(region=w.region, name="Aadorp")
    w.b = f.MunicipalityFactory(region=w.region, name="Beestad")
    w.district = f.DistrictFactory(municipality=w.a, name="Noord")
    team = f.OrganisationFactory(region=w.region, name="Wijkteam Klein")
    vt_org = f.OrganisationFactory(region=w.region, name="VT Klein", veilig_thuis=True)
    w.vt = f.ProfessionalFactory(organisation=vt_org, role=Role.VEILIG_THUIS)
    w.pros = [f.ProfessionalFactory(organisation=team) for _ in range(5)]
    p1, p2, p3, p4, p5 = w.pros
    w.policy = f.ProfessionalFactory(
        user__username="beleid-klein", organisation=team, role=Role.POLICY
    )
    # HA in Aadorp: three involved from 1 January, nobody leads.
    w.ha = f.HouseholdFactory(municipality=w.a, district=w.district, name="Gezin Aalders")
    parent = f.MemberFactory(household=w.ha, role=MemberRole.PARENT).person
    for p in (p1, p2, p3):
        f.InvolvementFactory(household=w.ha, professional=p, started_on=d("2026-01-01"))
    # HB in Beestad: p4 from 10 February (first regie), p5 from 1 March, regie to p5 on 5 March.
    w.hb = f.HouseholdFactory(municipality=w.b, name="Gezin Bakker")
    f.InvolvementFactory(household=w.hb, professional=p4, started_on=d("2026-02-10"))
    f.InvolvementFactory(household=w.hb, professional=p5, started_on=d("2026-03-01"), is_lead=True)
    Handover.objects.create(
        household=w.hb,
        to_professional=p4,
        reason="eerste",
        occurred_at=at("2026-02-10"),
        recorded_by=p4,
    )
    Handover.objects.create(
        household=w.hb,
        from_professional=p4,
        to_professional=p5,
        reason="wissel",
        occurred_at=at("2026-03-05"),
        recorded_by=p4,
    )

    def report(day, source, radar, household=None):
        return Report.objects.create(
            region=w.region,
            source=source,
            reporter_name="Melder",
            reporter_phone="0800",
            anonymity_promised=False,
            summary="x",
            received_at=at(day),
            assess_by=d(day) + datetime.timedelta(days=7),
            radar=radar,
            household=household,
        )

    r1 = report("2026-01-05", "police", "first", w.ha)
    r2 = report("2026-01-06", "professional", "repeat", w.ha)
    r3 = report("2026-01-07", "police", "while_involved")
    report("2026-02-02", "citizen", "first", w.hb)

    def assess(r, day, within, outcome):
        SafetyAssessment.objects.create(
            report=r,
            assessed_by=w.vt,
            assessed_at=at(day),
            acute_unsafety=False,
            structural_unsafety=False,
            multi_problem=False,
            outcome=outcome,
            reasoning="x",
            within_deadline=within,
        )

    assess(r1, "2026-01-09", True, "local_team")
    assess(r2, "2026-01-14", False, "investigation")
    assess(r3, "2026-01-08", True, "close")
    Investigation.objects.create(
        report=r2,
        started_on=d("2026-01-14"),
        due_on=d("2026-03-25"),
        completed_at=at("2026-03-20"),
    )
    JointVisit.objects.create(
        household=w.ha,
        report=r2,
        region=w.region,
        vt_professional=w.vt,
        partner=p1,
        reason="x",
        planned_for=at("2026-01-20"),
        status="done",
        planned_by=w.vt,
    )
    for by in ("local_team", "court"):
        Referral.objects.create(
            household=w.hb,
            region=w.region,
            municipality=w.b,
            care_kind="foster_care",
            referred_by=by,
            referred_on=d("2026-02-16"),
            recorded_by=p4,
            recorded_at=at("2026-02-16"),
        )
    for outcome in ("check_sufficed", "full_investigation"):
        BoardCheck.objects.create(
            household=w.ha,
            region=w.region,
            requested_by=p1,
            created_at=at("2026-03-01"),
            map_version=1,
            package={},
            outcome=outcome,
            outcome_by=p1,
            outcome_at=at("2026-03-10"),
        )
    table = ExemptionTable.objects.create(municipality=w.a)
    request = ExemptionRequest.objects.create(
        table=table,
        household=w.ha,
        region=w.region,
        municipality=w.a,
        pseudonym="V-TEST",
        asked_by=p1,
        asked_at=at("2026-01-12"),
        deadline=d("2026-01-26"),
        domain="housing",
        bottleneck="x",
        rule="r",
        rule_key="r",
        legal_basis="x",
        risks="x",
        alternatives="x",
        exception_asked="x",
        status="decided",
    )
    Decision.objects.create(
        request=request,
        outcome="granted",
        reasoning="x",
        decided_by=p1,
        decided_at=at("2026-02-03"),
    )
    CostBenefit.objects.create(
        request=request,
        horizon_months=12,
        saving=Decimal("1500.00"),
        updated_by=p1,
        updated_at=at("2026-02-03"),
    )
    PolicySignal.objects.create(
        table=table, kind="domain", key="housing", label="Wonen", raised_at=at("2026-02-04")
    )
    GoodMoment.objects.create(
        household=w.ha,
        what="x",
        noticed_by="ouder",
        occurred_on=d("2026-01-15"),
        recorded_by=p1,
        recorded_at=at("2026-01-15"),
    )
    Consult.objects.create(
        district=w.district, asked_by=p1, contact=p2, question="x", created_at=at("2026-02-20")
    )

    def observe(area, footing, day):
        BufferObservation.objects.create(
            household=w.ha,
            parent=parent,
            view="parent",
            area=area,
            footing=footing,
            words="x",
            observed_on=d(day),
            recorded_by=p1,
            recorded_at=at(day),
        )

    observe("network", "needs_support", "2026-01-10")
    observe("network", "growing", "2026-02-15")
    observe("safety", "carries", "2026-02-01")
    observe("safety", "growing", "2026-03-10")
    questionnaire = Questionnaire.objects.create(
        region=w.region,
        title="Pols",
        audience="professionals",
        status="open",
        closes_on=d("2026-04-30"),
        created_by=w.policy,
        created_at=at("2026-02-01"),
    )
    w.q1 = Question.objects.create(
        questionnaire=questionnaire, position=1, text="Weet u wie u kunt bellen?", kind="closed"
    )
    for choice in ("ja", "nee"):
        response = Response.objects.create(
            questionnaire=questionnaire, submitted_on=d("2026-02-10")
        )
        Answer.objects.create(response=response, question=w.q1, choice=choice)
    return w
