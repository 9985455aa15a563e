"""Demo of M3, on top of the demo region (called by the loader through EXTENSIONS):

- the separated parents' weekend-handover fight arrives as a police zorgmelding in two parts,
  Veilig Thuis sets safety conditions (into the family's map) and plans a visit with the
  wijkcoach, and gives the police its feedback;
- a teacher's meldcode trail about a withdrawn, unkempt child, with an advies from VT;
- an overdue and a due-today veiligheidsbeoordeling in the queue.

Idempotent: each part is skipped when it exists. Dates are moved into the past after the
services ran (only here, for the demo).
"""

import datetime

from django.utils import timezone

from ketenkaart.core import calendar
from ketenkaart.demo.synthetic import synthetic_bsn
from ketenkaart.households.models import Household, MemberRole
from ketenkaart.reports import radar, services
from ketenkaart.reports.inputs import PersonInput, PoliceForm, PoliceMessage, ReporterInput
from ketenkaart.reports.models import (
    MeldcodeTrail,
    Outcome,
    PersonRole,
    PoliceReport,
    Report,
)

FIGHT_REFERENCE = "PL1700-2025-DEMO-0002"
ROLES = {MemberRole.CHILD: PersonRole.CHILD, MemberRole.PARENT: PersonRole.PARENT}


def _household(demo, seed: int) -> Household | None:
    return Household.objects.filter(
        region=demo.region, members__person__bsn=synthetic_bsn(seed * 100)
    ).first()


def _persons(household: Household) -> list[PersonInput]:
    return [
        PersonInput(
            role=ROLES.get(m.role, PersonRole.OTHER),
            given_names=m.person.given_names,
            surname_prefix=m.person.surname_prefix,
            surname=m.person.surname,
            birth_date=m.person.birth_date,
            bsn=m.person.bsn,
        )
        for m in household.members.select_related("person").order_by("role", "person__birth_date")
    ]


def _backdate(report: Report, days_ago: int) -> None:
    received_at = timezone.now() - datetime.timedelta(days=days_ago)
    on = timezone.localdate(received_at)
    persons = [
        PersonInput(
            role=p.role,
            given_names=p.given_names,
            surname=p.surname,
            birth_date=p.birth_date,
            bsn=p.bsn,
        )
        for p in report.persons.all()
    ]
    # Classify as the radar would have on the day it arrived.
    Report.objects.filter(pk=report.pk).update(
        received_at=received_at,
        assess_by=services.assessment_deadline(received_at, report.acute),
        radar=radar.match([persons], on=on, exclude=[report.pk])[0].radar,
    )
    PoliceReport.objects.filter(report=report).update(received_at=received_at)


def _fight_at_handover(demo) -> None:
    household = _household(demo, 2)
    police = demo.professionals.get("politie")
    if (
        household is None
        or police is None
        or Report.objects.filter(police_reference=FIGHT_REFERENCE).exists()
    ):
        return
    officer = ReporterInput(
        name="Brigadier M. de Wit", phone="0900-8844", organisation=police.organisation.name
    )
    persons = _persons(household)
    parts = [
        PoliceForm(
            reference="ZM-2025-1187",
            kind="Zorgmelding jeugd",
            text="Vrijdagavond bij de weekendoverdracht bij het huis van moeder: harde ruzie "
            "tussen de ouders op straat, vader duwde moeder tegen de auto. De kinderen (7 en 4) "
            "stonden erbij en huilden. Buren belden 112.",
            occurred_on=timezone.localdate() - datetime.timedelta(days=24),
        ),
        PoliceForm(
            reference="MU-2025-0934",
            kind="Mutatie huiselijk geweld",
            text="Derde melding van burenoverlast bij overdrachten dit jaar. Beide ouders "
            "verwijten elkaar; geen aangifte gedaan. Ouders hebben samen gezag.",
            occurred_on=timezone.localdate() - datetime.timedelta(days=24),
        ),
    ]
    # The two police forms arrive as two messages about one incident: one melding.
    for form in parts:
        services.police_messages_receive(
            by=police,
            messages=[PoliceMessage(FIGHT_REFERENCE, officer, persons, [form], acute=False)],
        )
    report = Report.objects.get(police_reference=FIGHT_REFERENCE)
    _backdate(report, 23)
    report.refresh_from_db()
    vt = demo.professionals["veiligthuis"]
    services.assessment_record(
        by=vt,
        report=report,
        acute_unsafety=False,
        structural_unsafety=True,
        multi_problem=False,
        outcome=Outcome.CONDITIONS,
        reasoning="Herhaald geweld bij de overdrachten waar de kinderen bij zijn; ouders willen "
        "geen hulp. Veilig Thuis stelt voorwaarden en monitort.",
        safety_conditions=[
            "Geen ruzie, duwen of schelden waar de kinderen bij zijn.",
            "De weekendoverdracht gaat via school of via oma, niet aan de deur.",
        ],
        monitoring="Elke twee weken contact met school en met beide ouders.",
        monitor_until=timezone.localdate() + datetime.timedelta(days=90),
    )
    feedback = report.feedback.get()
    services.feedback_give(
        by=vt,
        feedback=feedback,
        follow_up_started=True,
        taken_over_by=vt.organisation.name,
        reporter_has_role=False,
        message="Veilig Thuis heeft veiligheidsvoorwaarden gesteld en monitort.",
    )
    services.joint_visit_plan(
        by=vt,
        household=household,
        partner=demo.professionals["wijkcoach"],
        planned_for=timezone.now().replace(hour=10, minute=0, second=0, microsecond=0)
        + datetime.timedelta(days=2),
        reason="Beide ouders staan niet open voor hulp; samen op pad om de voorwaarden te "
        "bespreken en hulp bij de omgang aan te bieden.",
        report=report,
    )


TRAIL_SUBJECT = "Leerling groep 4, teruggetrokken en onverzorgd"


def _teachers_trail(demo) -> None:
    teacher = demo.professionals.get("school")
    if (
        teacher is None
        or MeldcodeTrail.objects.filter(owner=teacher, subject=TRAIL_SUBJECT).exists()
    ):
        return
    trail = services.trail_start(by=teacher, subject=TRAIL_SUBJECT)
    services.trail_record_steps(
        by=teacher,
        trail=trail,
        signals="Sinds de herfstvakantie stil en teruggetrokken, speelt niet meer buiten. "
        "Komt vaak in dezelfde vieze kleding, heeft geen ontbijt gehad, ruikt naar urine.",
        colleague_consulted="Besproken met de intern begeleider (aandachtsfunctionaris).",
        conversation="Gesprek met moeder: zij is oververmoeid sinds de scheiding en werkt "
        "nachtdiensten. Ze schrok en wil graag hulp.",
        weighing="Zorgen over de basiszorg; geen aanwijzingen voor geweld.",
    )
    advice = services.advice_request(
        by=teacher,
        question="Leerling van 8 komt onverzorgd en stil op school; moeder wil hulp. Moet ik "
        "melden of kan ik zelf hulp organiseren?",
        trail=trail,
    )
    services.advice_answer(
        by=demo.professionals["veiligthuis"],
        advice=advice,
        answer="Zolang moeder hulp aanvaardt en er geen acute onveiligheid is, kunt u samen met "
        "het wijkteam hulp organiseren. Spreek af wanneer u opnieuw weegt; meld als het niet "
        "verbetert.",
    )
    for question, answer, reasons in [
        (1, True, "Vermoeden van verwaarlozing van de basiszorg."),
        (2, False, "Geen acute onveiligheid; nog geen structureel patroon."),
        (3, True, "Met het wijkteam kan ik hulp organiseren."),
        (4, True, "Moeder wil hulp en heeft een afspraak met het wijkteam gemaakt."),
    ]:
        trail = services.trail_answer(
            by=teacher, trail=trail, question=question, answer=answer, reasons=reasons
        )


def _queue(demo) -> None:
    today = timezone.localdate()
    reporter = demo.professionals.get("school")
    if reporter is None:
        return
    specs = [
        (
            8,
            "Kinderen komen steeds zonder lunch en met blauwe plekken op school.",
            calendar.subtract_working_days(today, 7),
            False,
        ),
    ]
    if calendar.is_working_day(today):
        specs.append(
            (
                6,
                "Oudste kind vertelt dat het thuis onveilig voelt als er geldzorgen zijn.",
                calendar.subtract_working_days(today, 5),
                False,
            )
        )
    else:
        specs.append(
            (
                6,
                "Oudste kind vertelt dat het thuis onveilig voelt als er geldzorgen zijn.",
                today,
                True,
            )
        )
    for seed, summary, received_on, acute in specs:
        household = _household(demo, seed)
        if household is None or Report.objects.filter(summary=summary).exists():
            continue
        received_at = timezone.make_aware(
            datetime.datetime.combine(received_on, datetime.time(9, 30))
        )
        services.report_create(
            by=reporter,
            reporter=ReporterInput(
                name=reporter.display_name,
                phone=reporter.phone or "088-0000000",
                organisation=reporter.organisation.name,
            ),
            summary=summary,
            persons=[p for p in _persons(household) if p.role == PersonRole.CHILD][:1],
            acute=acute,
            received_at=received_at,
        )


def seed(demo) -> None:
    _fight_at_handover(demo)
    _teachers_trail(demo)
    _queue(demo)
