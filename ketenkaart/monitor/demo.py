"""Synthetic history for the demo region, so every chart of the monitor shows a trend: a year
(KETENKAART_DEMO_HISTORY_WEEKS) of meldingen, adviezen, assessments, investigations, joint
visits, referrals, toetsen, ventieltafel requests, good moments, consults, buffers and
questionnaire answers. Everything is fictional, written in bulk (no audit rows: nobody read
or changed anything), about history families that only colleagues without a login are
involved with. Then the monitor's job runs once. Idempotent: a second run adds nothing."""

import datetime
import random

from django.conf import settings
from django.utils import timezone

from ketenkaart.core.calendar import add_working_days
from ketenkaart.households.models import (
    Handover,
    Household,
    Involvement,
    LegalBasis,
    Member,
    MemberRole,
    Person,
)
from ketenkaart.monitor import jobs
from ketenkaart.monitor.demo_common import moment as _moment
from ketenkaart.monitor.demo_common import pick as _pick
from ketenkaart.monitor.demo_rest import MoreHistory
from ketenkaart.referrals.models import CareKind, Referral
from ketenkaart.reports.models import (
    AdviceRequest,
    Investigation,
    JointVisit,
    JointVisitStatus,
    Outcome,
    RadarClass,
    Report,
    ReportSource,
    ReportStatus,
    SafetyAssessment,
)
from ketenkaart.safety_teams.models import BoardCheck, BoardCheckOutcome

PREFIX = "Historiegezin"
FAMILIES = 240
COLLEAGUES = ("demo-wijkteam", "demo-cjg", "demo-ggz", "demo-schuldhulp")
OUTCOME_MIX = [
    (Outcome.INVESTIGATION, 15),
    (Outcome.LOCAL_TEAM, 30),
    (Outcome.INVOLVED_PROFESSIONAL, 10),
    (Outcome.CONDITIONS, 15),
    (Outcome.CLOSE, 20),
    (Outcome.CONVERT_TO_ADVICE, 10),
]
STATUS_OF = {
    Outcome.INVESTIGATION: ReportStatus.INVESTIGATED,
    Outcome.LOCAL_TEAM: ReportStatus.HANDED_OVER,
    Outcome.INVOLVED_PROFESSIONAL: ReportStatus.HANDED_OVER,
    Outcome.CONDITIONS: ReportStatus.CLOSED,
    Outcome.CLOSE: ReportStatus.CLOSED,
    Outcome.CONVERT_TO_ADVICE: ReportStatus.ADVICE,
}


def seed(demo) -> None:
    weeks = settings.KETENKAART.get("DEMO_HISTORY_WEEKS", 0)
    if weeks and not Household.objects.filter(region=demo.region, name__startswith=PREFIX).exists():
        History(demo, weeks).build()
    jobs.refresh(full=True)


class History(MoreHistory):
    def __init__(self, demo, weeks: int):
        self.demo = demo
        self.region = demo.region
        self.rng = random.Random(20260101)  # noqa: S311 - synthetic data, not a secret
        self.today = timezone.localdate()
        self.first = self.today - datetime.timedelta(weeks=weeks)
        self.weeks = weeks
        pros = demo.professionals
        self.vt = pros["veiligthuis"]
        self.raad = pros["raad"]
        self.table_member = pros["ventieltafel"]
        self.colleagues = [pros[name] for name in COLLEAGUES if name in pros]
        self.reporter = pros.get("demo-jgz", pros["school"])

    def progress(self, day: datetime.date) -> float:
        """0 at the start of the history, 1 today: for trends."""
        return max(0.0, min(1.0, (day - self.first).days / max(1, (self.today - self.first).days)))

    def build(self) -> None:
        self.families()
        self.reports()
        self.care()
        self.table()
        self.community()
        self.questionnaire()

    # -- families, involvements and regie --------------------------------------------------

    def families(self) -> None:
        rng = self.rng
        districts = list(self.demo.districts.items())
        households = []
        for number in range(1, FAMILIES + 1):
            (municipality, _district_name), district = rng.choice(districts)
            households.append(
                Household(
                    name=f"{PREFIX} {number:03d}",
                    region=self.region,
                    municipality=self.demo.municipalities[municipality],
                    district=district,
                )
            )
        Household.objects.bulk_create(households)
        self.households = households
        involvements, handovers, persons, members = [], [], [], []
        for household in households:
            start = self.first + datetime.timedelta(days=rng.randint(-60, self.weeks * 7 - 14))
            count = rng.choice((1, 2, 2, 3, 3, 4))
            chosen = rng.sample(self.colleagues, min(count, len(self.colleagues)))
            end = start + datetime.timedelta(days=rng.randint(60, 300))
            ended = end if end < self.today else None

            # Regie grows more often present over the year: fewer families without a lead.
            leads = rng.random() < 0.6 + 0.35 * self.progress(start)
            # Some families change regisseur once, a month or more after the first.
            changed = start + datetime.timedelta(days=rng.randint(30, 150))
            change = (
                leads
                and len(chosen) > 1
                and rng.random() < 0.35
                and changed < (ended or self.today)
                and changed > start + datetime.timedelta(days=7)
            )
            lead_index = 1 if change else 0
            for index, professional in enumerate(chosen):
                began = start + datetime.timedelta(days=7 * index)
                if began > self.today:
                    began = self.today
                involvements.append(
                    Involvement(
                        household=household,
                        professional=professional,
                        organisation_id=professional.organisation_id,
                        role_in_family=str(professional.organisation),
                        legal_basis=LegalBasis.CONSENT,
                        started_on=began,
                        ended_on=ended if ended and ended >= began else None,
                        is_lead=bool(leads and index == lead_index and ended is None),
                    )
                )
            if leads:
                handovers.append(
                    Handover(
                        household=household,
                        to_professional=chosen[0],
                        reason="Eerste regisseur (synthetische historie).",
                        occurred_at=_moment(start, rng),
                        recorded_by=chosen[0],
                    )
                )
            if change:
                handovers.append(
                    Handover(
                        household=household,
                        from_professional=chosen[0],
                        to_professional=chosen[1],
                        reason="Wissel van regisseur (synthetische historie).",
                        occurred_at=_moment(changed, rng),
                        recorded_by=chosen[0],
                    )
                )
            if rng.random() < 0.25:
                person = Person(given_names="Ouder", surname=f"Historie {household.name[-3:]}")
                persons.append(person)
                members.append(Member(household=household, person=person, role=MemberRole.PARENT))
        Involvement.objects.bulk_create(involvements)
        Handover.objects.bulk_create(handovers)
        Person.objects.bulk_create(persons)
        Member.objects.bulk_create(members)
        self.parents = members

    # -- Veilig Thuis --------------------------------------------------------------------------

    def reports(self) -> None:
        rng = self.rng
        reports, assessments, investigations, advice, visits = [], [], [], [], []
        for week in range(self.weeks):
            monday = self.first + datetime.timedelta(weeks=week)
            share = self.progress(monday)
            for _n in range(rng.randint(75, 95)):
                day = monday + datetime.timedelta(days=rng.randint(0, 4))
                if day >= self.today:
                    continue
                received = _moment(day, rng)
                source = _pick(
                    rng,
                    [
                        (ReportSource.POLICE, 68),
                        (ReportSource.PROFESSIONAL, 24),
                        (ReportSource.CITIZEN, 5),
                        (ReportSource.VEILIG_THUIS, 3),
                    ],
                )
                radar = _pick(
                    rng,
                    [
                        (RadarClass.FIRST, 32 + 4 * share),
                        (RadarClass.REPEAT, 38 - 2 * share),
                        (RadarClass.WHILE_INVOLVED, 28 - 2 * share),
                    ],
                )
                household = rng.choice(self.households) if rng.random() < 0.7 else None
                report = Report(
                    region=self.region,
                    source=source,
                    reporter_name="Melder (synthetisch)",
                    reporter_phone="0800-0000000",
                    anonymity_promised=False,
                    summary="Synthetische melding voor de monitor.",
                    received_at=received,
                    assess_by=add_working_days(day, 5),
                    radar=radar,
                    household=household,
                )
                outcome = _pick(rng, OUTCOME_MIX)
                # Timeliness improves over the year: from about 84% to about 95%.
                late = rng.random() > 0.84 + 0.11 * share
                assessed_day = add_working_days(
                    day, rng.randint(6, 9) if late else rng.randint(1, 5)
                )
                if assessed_day >= self.today:
                    report.status = ReportStatus.RECEIVED
                    reports.append(report)
                    continue
                report.status = STATUS_OF[outcome]
                reports.append(report)
                assessments.append(
                    SafetyAssessment(
                        report=report,
                        assessed_by=self.vt,
                        assessed_at=_moment(assessed_day, rng),
                        acute_unsafety=False,
                        structural_unsafety=outcome == Outcome.INVESTIGATION,
                        multi_problem=False,
                        outcome=outcome,
                        reasoning="Synthetische beoordeling.",
                        within_deadline=assessed_day <= report.assess_by,
                    )
                )
                if outcome == Outcome.INVESTIGATION:
                    weeks = rng.uniform(6, 12 - 1.5 * share)
                    done = assessed_day + datetime.timedelta(days=int(weeks * 7))
                    investigations.append(
                        Investigation(
                            report=report,
                            started_on=assessed_day,
                            due_on=assessed_day + datetime.timedelta(weeks=10),
                            completed_at=_moment(done, rng) if done < self.today else None,
                        )
                    )
                    if done >= self.today:
                        report.status = ReportStatus.INVESTIGATION
                if household is not None and rng.random() < 0.06 + 0.06 * share:
                    visits.append(
                        JointVisit(
                            household=household,
                            report=report,
                            region=self.region,
                            vt_professional=self.vt,
                            partner=self.colleagues[0],
                            reason="Gezin staat niet open voor hulp (synthetisch).",
                            planned_for=_moment(add_working_days(day, rng.randint(2, 8)), rng),
                            status=JointVisitStatus.DONE,
                            planned_by=self.vt,
                        )
                    )
            for _n in range(rng.randint(70, 95)):
                day = monday + datetime.timedelta(days=rng.randint(0, 4))
                if day < self.today:
                    advice.append(
                        AdviceRequest(
                            region=self.region,
                            question="Synthetische adviesvraag.",
                            received_at=_moment(day, rng),
                        )
                    )
        Report.objects.bulk_create(reports, batch_size=2000)
        SafetyAssessment.objects.bulk_create(assessments, batch_size=2000)
        Investigation.objects.bulk_create(investigations, batch_size=2000)
        AdviceRequest.objects.bulk_create(advice, batch_size=2000)
        JointVisit.objects.bulk_create([v for v in visits if v.planned_for.date() < self.today])

    # -- referrals and the Raad ------------------------------------------------------------

    def care(self) -> None:
        rng = self.rng
        referrals, checks = [], []
        for week in range(self.weeks):
            monday = self.first + datetime.timedelta(weeks=week)
            share = self.progress(monday)
            for _n in range(rng.randint(9, 13)):
                household = rng.choice(self.households)
                # The aim of West-Brabant West: fewer referrals by the GI and the court.
                by = _pick(
                    rng,
                    [
                        ("local_team", 45 + 20 * share),
                        ("certified_institution", 35 - 12 * share),
                        ("court", 20 - 8 * share),
                    ],
                )
                referrals.append(
                    Referral(
                        household=household,
                        region=self.region,
                        municipality_id=household.municipality_id,
                        care_kind=rng.choice(CareKind.values),
                        referred_by=by,
                        referred_on=min(
                            self.today, monday + datetime.timedelta(days=rng.randint(0, 4))
                        ),
                        recorded_by=self.colleagues[0],
                        recorded_at=_moment(monday, rng),
                    )
                )
            for _n in range(rng.randint(3, 5)):
                day = monday + datetime.timedelta(days=rng.randint(0, 4))
                if day >= self.today:
                    continue
                sufficed = rng.random() < 0.4 + 0.25 * share
                checks.append(
                    BoardCheck(
                        household=rng.choice(self.households),
                        region=self.region,
                        requested_by=self.colleagues[0],
                        created_at=_moment(day - datetime.timedelta(days=21), rng),
                        map_version=1,
                        package={"synthetisch": True},
                        outcome=BoardCheckOutcome.CHECK_SUFFICED
                        if sufficed
                        else BoardCheckOutcome.FULL_INVESTIGATION,
                        outcome_by=self.raad,
                        outcome_at=_moment(day, rng),
                    )
                )
        Referral.objects.bulk_create(referrals)
        BoardCheck.objects.bulk_create(checks)
