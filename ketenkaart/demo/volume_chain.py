"""Synthetic volume of the chain's work for benchmarks: meldingen to Veilig Thuis and requests to
the ventieltafel, so that the Veilig Thuis queue and the ventieltafel queue hold what a region
holds (used by `ketenkaart.demo.volume.generate`).

One household with children in four had a melding in the last year (about 18% of all
households: 17,942 meldingen at 100,000; the national rate is 127,340 a year at 500,000); those
received in the last week still wait for their veiligheidsbeoordeling (about 70 per region at
100,000 households, a triage officer's week). One household in a hundred asked the ventieltafel of its
municipality for an exception in the last year; those of the last month are still open. Each
region gets one ventieltafel convener. No services and no audit rows: this is load, not use.
"""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from ketenkaart.core import calendar
from ketenkaart.exemptions.models import (
    Decision,
    Domain,
    ExemptionRequest,
    ExemptionTable,
    Outcome,
    Status,
    Urgency,
)
from ketenkaart.organisations.models import Organisation, OrganisationType, Professional, Role
from ketenkaart.reports.models import (
    PersonRole,
    RadarClass,
    Report,
    ReportPerson,
    ReportSource,
    ReportStatus,
)

REPORT_SHARE = 0.25
REPORT_DAYS = 365
OPEN_REPORT_DAYS = 7
REQUEST_SHARE = 0.01
OPEN_REQUEST_DAYS = 30
# The username prefix and first name of the professionals made once per region.
REGION_ROLES = {
    Role.EXEMPTION_TABLE: ("synth-ventieltafel-", "Ventieltafel"),
    Role.PRIVACY_OFFICER: ("synth-privacy-", "Privacy"),
}
DONE_STATUSES = [
    ReportStatus.CLOSED,
    ReportStatus.HANDED_OVER,
    ReportStatus.CONDITIONS,
    ReportStatus.INVESTIGATED,
    ReportStatus.ADVICE,
]
SOURCES = [ReportSource.POLICE, ReportSource.PROFESSIONAL, ReportSource.CITIZEN]
RULES = [
    ("Een huurachterstand van drie maanden leidt tot ontbinding.", "BW 7:231"),
    ("Leerlingenvervoer alleen boven zes kilometer.", "Verordening leerlingenvervoer art. 4"),
    ("Geen bijzondere bijstand voor schulden.", "Participatiewet art. 35"),
    (
        "Wachttijd voor urgentie op een woning is twaalf maanden.",
        "Huisvestingsverordening art. 2.5",
    ),
]


def chain_tables(table_class) -> dict:
    """The raw-insert tables for the chain's rows (see volume.Table)."""
    return {
        "reports": table_class(
            Report,
            [
                "id",
                "region",
                "source",
                "submitted_by",
                "reporter_name",
                "reporter_organisation",
                "reporter_phone",
                "reporter_email",
                "anonymity_promised",
                "anonymity_requested",
                "anonymity_withdrawal_reason",
                "summary",
                "acute",
                "received_at",
                "assess_by",
                "status",
                "household",
                "radar",
                "police_reference",
                "reference",
            ],
        ),
        "report_persons": table_class(
            ReportPerson,
            [
                "id",
                "report",
                "role",
                "given_names",
                "surname_prefix",
                "surname",
                "birth_date",
                "bsn",
                "person",
            ],
        ),
        "exemption_requests": table_class(
            ExemptionRequest,
            [
                "id",
                "table",
                "household",
                "region",
                "municipality",
                "pseudonym",
                "asked_by",
                "asked_at",
                "deadline",
                "domain",
                "urgency",
                "bottleneck",
                "rule",
                "rule_key",
                "legal_basis",
                "risks",
                "alternatives",
                "exception_asked",
                "status",
            ],
        ),
        "decisions": table_class(
            Decision,
            ["id", "request", "outcome", "reasoning", "conditions", "decided_by", "decided_at"],
        ),
    }


def exemption_tables(municipality_ids) -> dict[str, str]:
    """Each municipality's ventieltafel (made when missing), by municipality id (hex)."""
    tables = {}
    for municipality_id in municipality_ids:
        table, _created = ExemptionTable.objects.get_or_create(
            municipality_id=uuid.UUID(municipality_id)
        )
        tables[municipality_id] = table.pk.hex
    return tables


def region_professionals(region_ids, role: Role = Role.EXEMPTION_TABLE) -> dict[str, str]:
    """One professional of `role` per region at the region's municipality organisation (which
    serves all its municipalities), made once: the ventieltafel's convener, the privacy
    officer. Their professional ids (hex) by region id."""
    User = get_user_model()
    prefix, first_name = REGION_ROLES[role]
    found = {}
    for region_id in region_ids:
        username = f"{prefix}{region_id[:12]}"
        existing = Professional.objects.filter(user__username=username).first()
        if existing is not None:
            found[region_id] = existing.pk.hex
            continue
        organisation = Organisation.objects.get(
            region_id=uuid.UUID(region_id), type=OrganisationType.MUNICIPALITY
        )
        user = User.objects.create(
            username=username,
            first_name=first_name,
            last_name=f"regio {region_id[:6]}",
            password=make_password(None),
        )
        professional = Professional.objects.create(user=user, organisation=organisation, role=role)
        found[region_id] = professional.pk.hex
    return found


class ChainRows:
    """Builds a household's meldingen and ventieltafel requests as tuples for the raw inserts."""

    def __init__(self, generator, tables: dict[str, str], conveners: dict[str, str]):
        self.g = generator
        self.tables = tables
        self.conveners = conveners
        self.deadlines: dict[datetime.date, str] = {}
        self.pseudonyms = 0
        self.run = uuid.uuid4().hex[:6].upper()

    def _assess_by(self, received: datetime.datetime) -> str:
        day = received.date()
        if day not in self.deadlines:
            self.deadlines[day] = calendar.add_working_days(day, 5).isoformat()
        return self.deadlines[day]

    def household(self, batch, pool, household_id, municipality_id, kids, asker) -> None:
        rng = self.g.rng
        now = self.g.now
        if kids and rng.random() < REPORT_SHARE:
            days = rng.randint(0, REPORT_DAYS - 1)
            received = now - datetime.timedelta(days=days, seconds=rng.randint(0, 86399))
            waiting = days < OPEN_REPORT_DAYS
            report_id = self.g.ids.next()
            source = rng.choice(SOURCES)
            batch.reports.append(
                (
                    report_id,
                    pool.region_id,
                    source,
                    None,
                    "Synthetische melder",
                    "",
                    "0900-0000",
                    "",
                    False,
                    False,
                    "",
                    "Zorgen over de veiligheid van een kind.",
                    False,  # an acute melding would be due the day it came in
                    self.g.timestamp(received),
                    self._assess_by(received),
                    ReportStatus.RECEIVED if waiting else rng.choice(DONE_STATUSES),
                    household_id,
                    rng.choice(RadarClass.values),
                    "",
                    "",
                )
            )
            person_id, given, prefix, surname, birth_date, bsn = rng.choice(kids)
            batch.report_persons.append(
                (
                    self.g.ids.next(),
                    report_id,
                    PersonRole.CHILD,
                    given,
                    prefix,
                    surname,
                    birth_date,
                    bsn,
                    person_id,
                )
            )
        if asker is not None and rng.random() < REQUEST_SHARE:
            days = rng.randint(0, 364)
            asked = now - datetime.timedelta(days=days, seconds=rng.randint(0, 86399))
            urgent = rng.random() < 0.1
            rule, legal_basis = rng.choice(RULES)
            self.pseudonyms += 1
            request_id = self.g.ids.next()
            decided = days >= OPEN_REQUEST_DAYS
            batch.exemption_requests.append(
                (
                    request_id,
                    self.tables[municipality_id],
                    household_id,
                    pool.region_id,
                    municipality_id,
                    f"S{self.run}-{self.pseudonyms:07d}",
                    asker,
                    self.g.timestamp(asked),
                    calendar.add_working_days(asked.date(), 2 if urgent else 10).isoformat(),
                    rng.choice(Domain.values),
                    Urgency.URGENT if urgent else Urgency.NORMAL,
                    "De regel werkt hier tegen het belang van het kind.",
                    rule,
                    " ".join(rule.casefold().split()),
                    legal_basis,
                    "Het gezin raakt zijn woning kwijt.",
                    "Een betalingsregeling is geprobeerd.",
                    "Uitstel van de ontbinding met zes maanden.",
                    Status.DECIDED if decided else Status.SUBMITTED,
                )
            )
            if decided:
                outcome = rng.choice([Outcome.GRANTED, Outcome.REFUSED])
                batch.decisions.append(
                    (
                        self.g.ids.next(),
                        request_id,
                        outcome,
                        "Besproken aan tafel; het belang van het kind weegt zwaarder.",
                        "",
                        self.conveners[pool.region_id],
                        self.g.timestamp(asked + datetime.timedelta(days=rng.randint(1, 14))),
                    )
                )
