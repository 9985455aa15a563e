"""Synthetic volume for benchmarks: households, persons, members, involvements, regie, measures,
and the chain's work on them (meldingen, ventieltafel requests: `volume_chain`).

Bulk inserts in batches, no services and no audit rows: this is load, not a story. The rows still
keep every rule the database and the services keep — at most one regisseur per household, and it
is a local-team professional unless a measure is active, then a GI jeugdbeschermer; unique valid
BSNs; children without custody; ended involvements never lead.
"""

import datetime
import random
import secrets
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from faker import Faker

from ketenkaart.demo.synthetic import (
    MAX_BSN_SEED,
    VOLUME_MIN_BSN_SEED,
    household_name,
    seed_of_bsn,
    split_surname,
    synthetic_bsn,
)
from ketenkaart.demo.volume_chain import (
    ChainRows,
    chain_tables,
    exemption_tables,
    region_professionals,
)
from ketenkaart.households.models import (
    CourtMeasure,
    Handover,
    Household,
    Involvement,
    LegalBasis,
    MeasureType,
    Member,
    MemberRole,
    Person,
)
from ketenkaart.organisations.models import (
    District,
    Municipality,
    Organisation,
    OrganisationType,
    Professional,
    Region,
    Role,
)

REGION_PREFIX = "Synthetische regio"
# 26 Veilig Thuis regions nationally (DOMAIN.md); a small run uses fewer.
MAX_REGIONS = 26
HOUSEHOLDS_PER_REGION_MIN = 2_000
MUNICIPALITIES_PER_REGION = 4
DISTRICTS_PER_MUNICIPALITY = 4
# Roughly two and a half involvements per household and twenty families per professional.
HOUSEHOLDS_PER_PROFESSIONAL = 8

# Household sizes and their weights: 3.0 persons on average (1.5 million at 500,000).
SIZES = (1, 2, 3, 4, 5, 6)
SIZE_WEIGHTS = (15, 20, 30, 22, 9, 4)
MAX_SIZE = max(SIZES)
EXTRA_INVOLVEMENTS = (0, 1, 2, 3, 4)
EXTRA_WEIGHTS = (30, 30, 25, 10, 5)
CLOSED_SHARE = 0.05
NO_LEAD_SHARE = 0.06
MEASURE_SHARE = 0.03

T = OrganisationType
# Per region: organisation types besides the local teams, the role of their professionals, the
# share of the region's professionals, their role in a family, and the legal basis.
PARTNERS = [
    (T.VEILIG_THUIS, Role.VEILIG_THUIS, 8, "Veilig Thuis", LegalBasis.VT_WMO_5_2_6),
    (
        T.CHILD_PROTECTION_BOARD,
        Role.CHILD_PROTECTION_BOARD,
        3,
        "Raadsonderzoeker",
        LegalBasis.BOARD_BW_1_240,
    ),
    (T.POLICE, Role.POLICE, 5, "Wijkagent", LegalBasis.LEGAL_DUTY),
    (T.EDUCATION, Role.REPORTER, 6, "Leerkracht", LegalBasis.CONSENT),
    (T.CHILDCARE, Role.REPORTER, 2, "Pedagogisch medewerker", LegalBasis.CONSENT),
    (T.YOUTH_HEALTH_CARE, Role.REPORTER, 3, "JGZ-verpleegkundige", LegalBasis.CONSENT),
    (T.GENERAL_PRACTITIONER, Role.REPORTER, 3, "Huisarts", LegalBasis.CONSENT),
    (T.HOUSING_CORPORATION, Role.REPORTER, 2, "Woonconsulent", LegalBasis.CONSENT),
    (T.DEBT_SUPPORT, Role.YOUTH_PROFESSIONAL, 3, "Schuldhulpverlener", LegalBasis.CONSENT),
    (T.PUPIL_TRANSPORT, Role.REPORTER, 1, "Leerlingenvervoer", LegalBasis.CONSENT),
    (T.MENTAL_HEALTH, Role.YOUTH_PROFESSIONAL, 4, "GGZ-behandelaar", LegalBasis.CONSENT),
    (T.OTHER, Role.REPORTER, 1, "Vrijwilliger", LegalBasis.CONSENT),
]
LOCAL_TEAM_SHARE = 50
GI_SHARE = 5
ROLE_IN_FAMILY = {spec[0]: spec[3] for spec in PARTNERS}
LEGAL_BASIS = {spec[0]: spec[4] for spec in PARTNERS}


@dataclass
class Staff:
    """A generated professional, as ids only (UUIDs as 32 hex digits, as the inserts take them)."""

    id: str
    organisation_id: str
    type: str


@dataclass
class RegionPool:
    region_id: str
    municipalities: list[tuple[str, list[str]]]
    organisations: dict[str, str] = field(default_factory=dict)
    local_team_of: dict[str, str] = field(default_factory=dict)
    local_staff: dict[str, list[Staff]] = field(default_factory=dict)
    gi_staff: list[Staff] = field(default_factory=list)
    partner_staff: list[Staff] = field(default_factory=list)


@dataclass
class Result:
    """What a run added, per kind of row, and how long it took."""

    households: int = 0
    rows: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


class NamePool:
    """Faker's nl_NL name lists, read once: calling Faker per row would dominate the run time."""

    def __init__(self):
        provider = Faker("nl_NL").provider("faker.providers.person")
        self.female = list(dict.fromkeys(provider.first_names_female))
        self.male = list(dict.fromkeys(provider.first_names_male))
        surnames = (split_surname(name) for name in dict.fromkeys(provider.last_names))
        self.surnames = [name for name in surnames if name is not None]


class BsnSource:
    """Unique synthetic BSNs above every BSN already stored (or, if there is no room left above,
    from the volume range with the stored ones skipped)."""

    def __init__(self, needed: int):
        highest = Person.objects.exclude(bsn="").aggregate(highest=Max("bsn"))["highest"]
        start = VOLUME_MIN_BSN_SEED
        if highest is not None:
            start = max(start, seed_of_bsn(highest) + 1)
        self.taken: set[str] = set()
        if start + needed > MAX_BSN_SEED:
            start = VOLUME_MIN_BSN_SEED
            self.taken = set(Person.objects.exclude(bsn="").values_list("bsn", flat=True))
            if start + needed + len(self.taken) > MAX_BSN_SEED:
                raise ValueError("Er is geen ruimte meer voor zoveel synthetische BSN's.")
        self.seed = start

    def next(self) -> str:
        while True:
            bsn = synthetic_bsn(self.seed)
            self.seed += 1
            if bsn not in self.taken:
                return bsn


def _region_pools(count: int) -> list[RegionPool]:
    """The synthetic regions with their municipalities, districts and organisations."""
    pools = []
    for number in range(1, count + 1):
        name = f"{REGION_PREFIX} {number:02d}"
        region = Region.objects.filter(name=name).first()
        if region is None:
            region = _region_create(name, number)
        pool = RegionPool(region_id=region.pk.hex, municipalities=[])
        districts: dict[str, list[str]] = {}
        for district_id, municipality_id in District.objects.filter(
            municipality__region=region
        ).values_list("id", "municipality_id"):
            districts.setdefault(municipality_id.hex, []).append(district_id.hex)
        for municipality_id in (
            Municipality.objects.filter(region=region).order_by("name").values_list("id", flat=True)
        ):
            pool.municipalities.append(
                (municipality_id.hex, districts.get(municipality_id.hex, []))
            )
        for org_id, org_type, municipality_id in Organisation.objects.filter(
            region=region
        ).values_list("id", "type", "municipalities"):
            if org_type == T.LOCAL_TEAM:
                pool.local_team_of[municipality_id.hex] = org_id.hex
            else:
                pool.organisations[org_type] = org_id.hex
        pools.append(pool)
    return pools


@transaction.atomic
def _region_create(name: str, number: int) -> Region:
    region = Region.objects.create(name=name)
    municipalities = [
        Municipality(region=region, name=f"Synthetische gemeente {number:02d}-{m}")
        for m in range(1, MUNICIPALITIES_PER_REGION + 1)
    ]
    Municipality.objects.bulk_create(municipalities)
    District.objects.bulk_create(
        District(municipality=municipality, name=f"Wijk {d}")
        for municipality in municipalities
        for d in range(1, DISTRICTS_PER_MUNICIPALITY + 1)
    )
    organisations = [
        Organisation(
            name=f"Wijkteam {municipality.name}", type=T.LOCAL_TEAM, region=region, phone=""
        )
        for municipality in municipalities
    ]
    served_by: list[tuple[Organisation, list[Municipality]]] = [
        (org, [municipality])
        for org, municipality in zip(organisations, municipalities, strict=True)
    ]
    for org_type in [T.MUNICIPALITY, T.CERTIFIED_INSTITUTION, *(spec[0] for spec in PARTNERS)]:
        org = Organisation(
            name=f"{T(org_type).label} {name}",
            type=org_type,
            region=region,
            works_as_team=org_type == T.VEILIG_THUIS,
        )
        organisations.append(org)
        served_by.append((org, municipalities))
    Organisation.objects.bulk_create(organisations)
    Through = Organisation.municipalities.through
    Through.objects.bulk_create(
        Through(organisation_id=org.pk, municipality_id=m.pk) for org, ms in served_by for m in ms
    )
    return region


def _staff_create(pools: list[RegionPool], count: int, rng: random.Random, names: NamePool):
    """A new set of professionals spread over the regions, without a usable password."""
    User = get_user_model()
    run = uuid.uuid4().hex[:8]
    kinds: list[tuple[str, str]] = [(T.LOCAL_TEAM, Role.YOUTH_PROFESSIONAL)] * LOCAL_TEAM_SHARE
    kinds += [(T.CERTIFIED_INSTITUTION, Role.CHILD_PROTECTOR)] * GI_SHARE
    for org_type, role, share, _, _ in PARTNERS:
        kinds += [(org_type, role)] * share
    users, professionals, district_links = [], [], []
    Through = Professional.districts.through
    per_region = max(len(kinds), count // len(pools))
    unusable = make_password(None)
    for pool in pools:
        for i in range(per_region):
            org_type, role = kinds[i % len(kinds)]
            municipality_id, district_ids = pool.municipalities[i % len(pool.municipalities)]
            if org_type == T.LOCAL_TEAM:
                org_id = pool.local_team_of[municipality_id]
            else:
                org_id = pool.organisations[org_type]
            female = rng.random() < 0.7
            prefix, surname = rng.choice(names.surnames)
            user = User(
                username=f"synth-{run}-{len(users):06d}",
                first_name=rng.choice(names.female if female else names.male),
                last_name=f"{prefix} {surname}".strip(),
                password=unusable,
            )
            users.append(user)
            professional = Professional(
                id=uuid.uuid4().hex,
                user=user,
                organisation_id=org_id,
                role=role,
                caseload_capacity=rng.choice((12, 15, 16, 18, 20)),
                phone=f"06-{rng.randrange(10**8):08d}",
            )
            professionals.append(professional)
            staff = Staff(professional.id, org_id, org_type)
            if org_type == T.LOCAL_TEAM:
                pool.local_staff.setdefault(municipality_id, []).append(staff)
                if district_ids:
                    district_links.append(
                        Through(
                            professional_id=professional.id, district_id=rng.choice(district_ids)
                        )
                    )
            elif org_type == T.CERTIFIED_INSTITUTION:
                pool.gi_staff.append(staff)
            else:
                pool.partner_staff.append(staff)
    with transaction.atomic():
        # SQLite and PostgreSQL both return the new ids from a bulk insert.
        User.objects.bulk_create(users, batch_size=2000)
        for professional in professionals:
            professional.user_id = professional.user.pk
        Professional.objects.bulk_create(professionals, batch_size=2000)
        Through.objects.bulk_create(district_links, batch_size=2000)
    return {
        "users": len(users),
        "professionals": len(professionals),
        "professional_districts": len(district_links),
    }


class OrderedIds:
    """UUIDs in the version 7 layout (RFC 9562): a millisecond timestamp, then a counter, then
    random bits. New rows then land at the end of every index that holds them, instead of at a
    random page; with random version 4 ids the inserts slow down as the tables grow."""

    def __init__(self):
        self.prefix = int(time.time() * 1000) << 80 | 0x7 << 76
        self.counter = 0

    def next(self) -> str:
        self.counter += 1
        high, low = divmod(self.counter, 1 << 30)  # 12 + 30 bits of counter
        value = self.prefix | high << 64 | 0b10 << 62 | low << 32 | secrets.randbits(32)
        return f"{value:032x}"


class Table:
    """Raw multi-row inserts for one model: the ORM's per-object work would take most of the time.

    Values are given in the form both backends accept (UUIDs as 32 hex digits, dates as ISO
    text); a concrete field left out gets its default, so a field added later does not break this.
    """

    def __init__(self, model, columns: list[str]):
        self.model = model
        self.table = model._meta.db_table
        fields = [model._meta.get_field(name) for name in columns]
        self.fixed: list[tuple[str, object]] = []
        for extra in model._meta.concrete_fields:
            if extra in fields:
                continue
            if not (extra.has_default() or extra.null):
                raise ValueError(f"{model.__name__}.{extra.name} heeft een waarde nodig.")
            self.fixed.append(
                (extra.column, extra.get_db_prep_save(extra.get_default(), connection))
            )
        self.columns = [f.column for f in fields] + [column for column, _ in self.fixed]
        self.tail = tuple(value for _, value in self.fixed)

    def insert(self, rows: list[tuple]) -> int:
        if not rows:
            return 0
        if self.tail:
            rows = [row + self.tail for row in rows]
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        table = connection.ops.quote_name(self.table)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(self.columns))
                # Table and column names come from the models, values are parameters.
                sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
                cursor.executemany(sql, rows)
        return len(rows)


class Batch:
    """The rows of one batch of households, built as tuples and inserted together."""

    def __init__(self):
        self.households: list[tuple] = []
        self.persons: list[tuple] = []
        self.members: list[tuple] = []
        self.involvements: list[tuple] = []
        self.handovers: list[tuple] = []
        self.measures: list[tuple] = []
        self.reports: list[tuple] = []
        self.report_persons: list[tuple] = []
        self.exemption_requests: list[tuple] = []
        self.decisions: list[tuple] = []


class Generator:
    def __init__(self, *, pools: list[RegionPool], rng: random.Random, names: NamePool, bsns):
        self.pools = pools
        self.chain = ChainRows(
            self,
            exemption_tables(m for pool in pools for m, _ in pool.municipalities),
            region_professionals(pool.region_id for pool in pools),
        )
        region_professionals((pool.region_id for pool in pools), Role.PRIVACY_OFFICER)
        self.rng = rng
        self.names = names
        self.bsns = bsns
        self.ids = OrderedIds()
        self.now = timezone.now()
        self.today = timezone.localdate()
        # Days back from today as ISO dates, computed once.
        self.dates = [
            (self.today - datetime.timedelta(days=n)).isoformat() for n in range(100 * 366)
        ]
        self.timestamp = connection.ops.adapt_datetimefield_value
        self.now_value = self.timestamp(self.now)
        self.tables = {
            "households": Table(
                Household,
                ["id", "name", "region", "municipality", "district", "created_at", "closed_at"],
            ),
            "persons": Table(
                Person, ["id", "given_names", "surname_prefix", "surname", "birth_date", "bsn"]
            ),
            "members": Table(
                Member, ["id", "household", "person", "role", "has_custody", "added_at"]
            ),
            "involvements": Table(
                Involvement,
                [
                    "id",
                    "household",
                    "professional",
                    "organisation",
                    "role_in_family",
                    "legal_basis",
                    "started_on",
                    "ended_on",
                    "is_lead",
                ],
            ),
            "handovers": Table(
                Handover,
                [
                    "id",
                    "household",
                    "from_professional",
                    "to_professional",
                    "reason",
                    "occurred_at",
                    "recorded_by",
                ],
            ),
            "measures": Table(
                CourtMeasure,
                [
                    "id",
                    "household",
                    "child",
                    "type",
                    "starts_on",
                    "ends_on",
                    "court",
                    "recorded_by",
                    "recorded_at",
                ],
            ),
            **chain_tables(Table),
        }

    def insert(self, batch: Batch) -> Counter:
        counts = Counter()
        with transaction.atomic():
            for name, table in self.tables.items():
                counts[name] = table.insert(getattr(batch, name))
        return counts

    def _person(self, batch: Batch, household_id: str, name, *, female, age, role, custody, added):
        rng = self.rng
        prefix, surname = name
        person_id = self.ids.next()
        low, high = age
        batch.persons.append(
            (
                person_id,
                rng.choice(self.names.female if female else self.names.male),
                prefix,
                surname,
                self.dates[rng.randint(low * 365, high * 365 + 364)],
                self.bsns.next(),
            )
        )
        batch.members.append((self.ids.next(), household_id, person_id, role, custody, added))
        return person_id

    def household(self, batch: Batch, pool: RegionPool) -> None:
        rng = self.rng
        municipality_id, district_ids = rng.choice(pool.municipalities)
        family_name = rng.choice(self.names.surnames)
        age_days = rng.randint(0, 3 * 365)
        created = self.timestamp(
            self.now - datetime.timedelta(days=age_days, seconds=rng.randint(0, 86399))
        )
        closed = rng.random() < CLOSED_SHARE and age_days > 30
        household_id = self.ids.next()
        batch.households.append(
            (
                household_id,
                household_name(*family_name),
                pool.region_id,
                municipality_id,
                rng.choice(district_ids) if district_ids and rng.random() < 0.9 else None,
                created,
                self.timestamp(self.now - datetime.timedelta(days=rng.randint(1, age_days)))
                if closed
                else None,
            )
        )

        size = rng.choices(SIZES, SIZE_WEIGHTS)[0]
        adults = 1 if size == 1 or rng.random() < 0.35 else 2
        children = size - adults
        for n in range(adults):
            if children == 0:
                # A household without children: nobody in it is a parent.
                role, custody, name, age = MemberRole.OTHER, False, family_name, (18, 85)
            else:
                carer = n == 1 and rng.random() < 0.1
                own_name = n == 0 and adults == 2 and rng.random() < 0.5
                role = MemberRole.CARER if carer else MemberRole.PARENT
                custody = not carer
                name = rng.choice(self.names.surnames) if own_name else family_name
                age = (20, 55)
            self._person(
                batch,
                household_id,
                name,
                female=n == 0,
                age=age,
                role=role,
                custody=custody,
                added=created,
            )
        kids = [
            self._person(
                batch,
                household_id,
                family_name,
                female=rng.random() < 0.5,
                age=(0, 17),
                role=MemberRole.CHILD,
                custody=False,
                added=created,
            )
            for _ in range(children)
        ]
        local = self._involvements(
            batch, pool, household_id, municipality_id, kids, closed, age_days
        )
        kid_rows = batch.persons[len(batch.persons) - children :] if children else []
        self.chain.household(
            batch, pool, household_id, municipality_id, kid_rows, None if closed else local
        )

    def _involvements(self, batch, pool, household_id, municipality_id, kids, closed, age_days):
        rng = self.rng
        local = rng.choice(pool.local_staff[municipality_id])
        measure = bool(kids and pool.gi_staff) and not closed and rng.random() < MEASURE_SHARE
        has_lead = not closed and (measure or rng.random() >= NO_LEAD_SHARE)
        extras = rng.choices(EXTRA_INVOLVEMENTS, EXTRA_WEIGHTS)[0]
        chosen = [local, *rng.sample(pool.partner_staff, min(extras, len(pool.partner_staff)))]
        for staff in chosen:
            started = rng.randint(0, age_days)
            ended = None
            if closed:
                ended = self.dates[max(0, started - rng.randint(30, 365))]
            is_lead = has_lead and not measure and staff is local
            batch.involvements.append(
                (
                    self.ids.next(),
                    household_id,
                    staff.id,
                    staff.organisation_id,
                    "Regisseur" if is_lead else ROLE_IN_FAMILY.get(staff.type, "Jeugdprofessional"),
                    LEGAL_BASIS.get(staff.type, LegalBasis.CONSENT),
                    self.dates[started],
                    ended,
                    is_lead,
                )
            )
        if has_lead:
            occurred = self.now - datetime.timedelta(days=age_days)
            batch.handovers.append(
                (
                    self.ids.next(),
                    household_id,
                    None,
                    local.id,
                    "Regie bij het aanmaken van het dossier.",
                    self.timestamp(occurred),
                    local.id,
                )
            )
        if measure:
            self._measure(batch, pool, household_id, local, rng.choice(kids), age_days)
        return local.id

    def _measure(self, batch, pool, household_id, local, child_id, age_days) -> None:
        rng = self.rng
        gi = rng.choice(pool.gi_staff)
        if rng.random() < 0.2:
            type_, started, length = MeasureType.PROVISIONAL_SUPERVISION, rng.randint(0, 80), 89
        else:
            type_, started, length = MeasureType.SUPERVISION, rng.randint(0, 300), 364
        started = min(started, age_days)
        starts_on = self.today - datetime.timedelta(days=started)
        batch.measures.append(
            (
                self.ids.next(),
                household_id,
                child_id,
                type_,
                starts_on.isoformat(),
                (starts_on + datetime.timedelta(days=length)).isoformat(),
                "Rechtbank Synthetisch",
                gi.id,
                self.timestamp(self.now - datetime.timedelta(days=started)),
            )
        )
        batch.involvements.append(
            (
                self.ids.next(),
                household_id,
                gi.id,
                gi.organisation_id,
                "Jeugdbeschermer",
                LegalBasis.COURT_MEASURE,
                starts_on.isoformat(),
                None,
                True,
            )
        )
        batch.handovers.append(
            (
                self.ids.next(),
                household_id,
                local.id,
                gi.id,
                f"Regie naar de gecertificeerde instelling: {MeasureType(type_).label}.",
                self.timestamp(self.now - datetime.timedelta(days=started)),
                gi.id,
            )
        )


def generate(
    *, households: int, batch_size: int = 5_000, seed: int | None = None, progress=None
) -> Result:
    """Add `households` synthetic households with everything that hangs under them."""
    started = time.perf_counter()
    if connection.vendor == "sqlite":
        # The default page cache (2 MB) makes index updates read from disk as tables grow.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")
    rng = random.Random(seed)
    names = NamePool()
    region_count = min(MAX_REGIONS, max(1, households // HOUSEHOLDS_PER_REGION_MIN))
    pools = _region_pools(region_count)
    result = Result()
    result.rows.update(
        _staff_create(pools, max(1, households // HOUSEHOLDS_PER_PROFESSIONAL), rng, names)
    )
    generator = Generator(pools=pools, rng=rng, names=names, bsns=BsnSource(households * MAX_SIZE))
    done = 0
    while done < households:
        batch = Batch()
        for n in range(done, min(households, done + batch_size)):
            generator.household(batch, pools[n % len(pools)])
        result.rows.update(generator.insert(batch))
        done += len(batch.households)
        if progress is not None:
            progress(done, time.perf_counter() - started)
    result.households = done
    result.seconds = time.perf_counter() - started
    return result
