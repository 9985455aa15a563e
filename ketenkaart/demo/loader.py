"""The demo region "Regio Vlietland": organisations of every type, one account per role, and
families modelled on the practice stories. Everything is fictional and goes through the services,
so audit rows and handovers exist as in real use.

Idempotent: organisations and accounts are found by their unique names, a family by the BSN of
its first member (fixed per story), and whatever already exists is left as it is.
"""

import datetime
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from faker import Faker

from ketenkaart.demo.synthetic import household_name, mobile_phone, surname, synthetic_bsn
from ketenkaart.households import services
from ketenkaart.households.legal_basis import ConsentBy, consent_givers
from ketenkaart.households.models import Household, LegalBasis, MeasureType, MemberRole, Person
from ketenkaart.organisations.models import (
    District,
    Expertise,
    Municipality,
    Organisation,
    OrganisationType,
    Professional,
    Region,
    Role,
)

DEMO_PASSWORD = "demo"  # noqa: S105 - demo mode only; the command refuses to run without it
REGION_NAME = "Regio Vlietland"
# Stable identifiers, so links into the demo survive a reload on a fresh database.
NAMESPACE = uuid.UUID("6f0c5b8e-6d43-4c1e-9a55-0b8e3f4d2a17")

MUNICIPALITIES = {
    "Vlietdam": ["Centrum", "Havenkwartier", "De Weiden"],
    "Rietveen": ["Dorp", "Rietlanden"],
    "Oeverloo": ["Oude Kern", "Molenwijk"],
}
ALL = tuple(MUNICIPALITIES)


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    type: str
    municipalities: tuple[str, ...] = ALL
    works_as_team: bool = False


T = OrganisationType
ORGANISATIONS = [
    OrganisationSpec("gemeente", "Gemeente Vlietdam", T.MUNICIPALITY, ("Vlietdam",)),
    OrganisationSpec("wijkteam", "Wijkteam Vlietdam", T.LOCAL_TEAM, ("Vlietdam",)),
    OrganisationSpec("sociaalteam", "Sociaal Team Rietveen", T.LOCAL_TEAM, ("Rietveen",)),
    OrganisationSpec("cjg", "CJG Oeverloo", T.LOCAL_TEAM, ("Oeverloo",)),
    OrganisationSpec("vt", "Veilig Thuis Vlietland", T.VEILIG_THUIS, works_as_team=True),
    OrganisationSpec(
        "raad", "Raad voor de Kinderbescherming, locatie Vlietland", T.CHILD_PROTECTION_BOARD
    ),
    OrganisationSpec("gi", "Jeugdbescherming Vlietland", T.CERTIFIED_INSTITUTION),
    OrganisationSpec("politie", "Politie basisteam Vlietland", T.POLICE),
    OrganisationSpec("school", "Basisschool De Vlietspreeuw", T.EDUCATION, ("Vlietdam",)),
    OrganisationSpec("kinderopvang", "Kinderopvang Het Rietnest", T.CHILDCARE, ("Rietveen",)),
    OrganisationSpec("jgz", "JGZ Vlietland", T.YOUTH_HEALTH_CARE),
    OrganisationSpec("huisarts", "Huisartsenpraktijk Aan de Vliet", T.GENERAL_PRACTITIONER),
    OrganisationSpec("woning", "Woonstichting Vlietwonen", T.HOUSING_CORPORATION),
    OrganisationSpec("schuldhulp", "Schuldhulp Vlietland", T.DEBT_SUPPORT),
    OrganisationSpec("vervoer", "Leerlingenvervoer Vlietland", T.PUPIL_TRANSPORT),
    OrganisationSpec("ggz", "GGZ Vlietland", T.MENTAL_HEALTH),
    OrganisationSpec("maatjes", "Maatjesproject Vlietland", T.OTHER),
]


@dataclass(frozen=True)
class AccountSpec:
    username: str
    organisation: str
    role: str
    expertise: tuple[str, ...] = ()
    capacity: int = 15
    districts: tuple[tuple[str, str], ...] = ()
    # Only the accounts of DESIGN.md log in; colleagues exist to be involved and called.
    login: bool = True


E = Expertise
R = Role
ACCOUNTS = [
    AccountSpec(
        "jeugdprofessional",
        "wijkteam",
        R.YOUTH_PROFESSIONAL,
        (E.ADDICTION, E.DEBTS, E.SAFETY_PLUS),
        16,
        (("Vlietdam", "Centrum"), ("Vlietdam", "De Weiden")),
    ),
    AccountSpec(
        "wijkcoach",
        "sociaalteam",
        R.YOUTH_PROFESSIONAL,
        (E.DIVORCE_CONFLICT, E.LANGUAGE),
        14,
        (("Rietveen", "Dorp"), ("Rietveen", "Rietlanden")),
    ),
    AccountSpec("veiligthuis", "vt", R.VEILIG_THUIS, (E.SAFETY_PLUS,), 20),
    AccountSpec("raad", "raad", R.CHILD_PROTECTION_BOARD, (E.DIVORCE_CONFLICT,), 12),
    AccountSpec("gi", "gi", R.CHILD_PROTECTOR, (E.SAFETY_PLUS, E.MILD_INTELLECTUAL_DISABILITY), 15),
    AccountSpec("politie", "politie", R.POLICE),
    AccountSpec("school", "school", R.REPORTER),
    AccountSpec("ventieltafel", "gemeente", R.EXEMPTION_TABLE),
    AccountSpec("beleid", "gemeente", R.POLICY),
    AccountSpec("privacy", "gemeente", R.PRIVACY_OFFICER),
    AccountSpec(
        "buitenstaander",
        "wijkteam",
        R.YOUTH_PROFESSIONAL,
        (E.MENTAL_HEALTH,),
        15,
        (("Vlietdam", "Havenkwartier"),),
    ),
    # Colleagues without a login.
    AccountSpec(
        "demo-wijkteam",
        "wijkteam",
        R.YOUTH_PROFESSIONAL,
        (E.MENTAL_HEALTH,),
        15,
        (("Vlietdam", "Havenkwartier"),),
        login=False,
    ),
    AccountSpec(
        "demo-cjg",
        "cjg",
        R.YOUTH_PROFESSIONAL,
        (E.LANGUAGE,),
        15,
        (("Oeverloo", "Oude Kern"), ("Oeverloo", "Molenwijk")),
        login=False,
    ),
    AccountSpec("demo-ggz", "ggz", R.YOUTH_PROFESSIONAL, (E.ADDICTION,), 20, login=False),
    AccountSpec("demo-schuldhulp", "schuldhulp", R.YOUTH_PROFESSIONAL, (E.DEBTS,), 25, login=False),
    AccountSpec("demo-woning", "woning", R.REPORTER, login=False),
    AccountSpec("demo-jgz", "jgz", R.REPORTER, login=False),
    AccountSpec("demo-huisarts", "huisarts", R.REPORTER, login=False),
    AccountSpec("demo-kinderopvang", "kinderopvang", R.REPORTER, login=False),
    AccountSpec("demo-vervoer", "vervoer", R.REPORTER, login=False),
    AccountSpec("demo-maatje", "maatjes", R.REPORTER, login=False),
]
LOGIN_USERNAMES = [account.username for account in ACCOUNTS if account.login]


@dataclass
class Demo:
    region: Region
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    districts: dict[tuple[str, str], District] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    professionals: dict[str, Professional] = field(default_factory=dict)


def _stable_id(kind: str, name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{name}")


def _faker(seed: int) -> Faker:
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    return fake


def _build_region() -> Demo:
    region, _ = Region.objects.get_or_create(
        name=REGION_NAME, defaults={"id": _stable_id("region", REGION_NAME)}
    )
    demo = Demo(region=region)
    for name, districts in MUNICIPALITIES.items():
        municipality, _ = Municipality.objects.get_or_create(
            name=name, defaults={"region": region, "id": _stable_id("municipality", name)}
        )
        demo.municipalities[name] = municipality
        for district_name in districts:
            demo.districts[name, district_name], _ = District.objects.get_or_create(
                municipality=municipality,
                name=district_name,
                defaults={"id": _stable_id("district", f"{name}/{district_name}")},
            )
    for spec in ORGANISATIONS:
        fake = _faker(zlib.crc32(spec.name.encode()))
        organisation, created = Organisation.objects.get_or_create(
            name=spec.name,
            defaults={
                "id": _stable_id("organisation", spec.name),
                "type": spec.type,
                "region": region,
                "works_as_team": spec.works_as_team,
                "phone": fake.numerify("088-#######"),
            },
        )
        if created:
            organisation.municipalities.set([demo.municipalities[m] for m in spec.municipalities])
        demo.organisations[spec.key] = organisation
    return demo


def _build_accounts(demo: Demo) -> None:
    User = get_user_model()
    for spec in ACCOUNTS:
        fake = _faker(zlib.crc32(spec.username.encode()))
        first_name = fake.first_name()
        prefix, last_name = surname(fake)
        user, created = User.objects.get_or_create(
            username=spec.username,
            defaults={"first_name": first_name, "last_name": f"{prefix} {last_name}".strip()},
        )
        if created:
            if spec.login:
                user.set_password(DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user.save(update_fields=["password"])
        professional, created = Professional.objects.get_or_create(
            user=user,
            defaults={
                "id": _stable_id("professional", spec.username),
                "organisation": demo.organisations[spec.organisation],
                "role": spec.role,
                "expertise": [str(tag) for tag in spec.expertise],
                "caseload_capacity": spec.capacity,
                "phone": mobile_phone(fake),
            },
        )
        if created and spec.districts:
            professional.districts.set([demo.districts[key] for key in spec.districts])
        demo.professionals[spec.username] = professional


class Family:
    """One story's household under construction: seeded names, fixed BSNs, relative dates."""

    def __init__(self, demo: Demo, seed: int, *, by: str, municipality: str, district: str):
        self.demo = demo
        self.seed = seed
        self.fake = _faker(seed)
        self.prefix, self.surname = surname(self.fake)
        self.today = timezone.localdate()
        self.by = demo.professionals[by]
        self.municipality = demo.municipalities[municipality]
        self.district = demo.districts[municipality, district]
        self.household: Household | None = None
        self._members = 0

    @property
    def anchor_bsn(self) -> str:
        """The first member's BSN: it says whether this story was loaded before."""
        return synthetic_bsn(self.seed * 100)

    def exists(self) -> bool:
        return Person.objects.filter(
            bsn=self.anchor_bsn, memberships__household__region=self.demo.region
        ).exists()

    def create(self, role_in_family: str, legal_basis: str = LegalBasis.CONSENT) -> Household:
        self.household = services.household_create(
            by=self.by,
            name=household_name(self.prefix, self.surname),
            municipality=self.municipality,
            district=self.district,
            role_in_family=role_in_family,
            legal_basis=legal_basis,
        )
        return self.household

    def born(self, years: int, days: int | None = None) -> datetime.date:
        days = self.fake.random_int(0, 330) if days is None else days
        return self.today - relativedelta(years=years) - datetime.timedelta(days=days)

    def member(
        self,
        role: str,
        *,
        female: bool,
        age: int,
        custody: bool = False,
        own_surname: bool = False,
        birth_date: datetime.date | None = None,
    ) -> Person:
        prefix, last_name = surname(self.fake) if own_surname else (self.prefix, self.surname)
        given = self.fake.first_name_female() if female else self.fake.first_name_male()
        member = services.member_add(
            by=self.by,
            household=self.household,
            given_names=given,
            surname_prefix=prefix,
            surname=last_name,
            birth_date=birth_date or self.born(age),
            bsn=synthetic_bsn(self.seed * 100 + self._members),
            role=role,
            has_custody=custody,
        )
        self._members += 1
        return member.person

    def involve(
        self, username: str, role_in_family: str, legal_basis: str, *, days_ago: int
    ) -> None:
        services.involvement_add(
            by=self.by,
            household=self.household,
            professional=self.demo.professionals[username],
            role_in_family=role_in_family,
            legal_basis=legal_basis,
            started_on=self.today - datetime.timedelta(days=days_ago),
            consented_by=self.consenting() if legal_basis == LegalBasis.CONSENT else (),
        )

    def consenting(self) -> list:
        """Who consented in the demo: the parents with authority and every child of 12 or
        over (legal_basis.consent_givers); without children, every adult for themselves."""
        members = list(self.household.members.select_related("person"))
        if not any(m.role == MemberRole.CHILD for m in members):
            return [m.person_id for m in members]
        return [
            m.person_id
            for m in members
            if (m.role != MemberRole.CHILD and m.has_custody)
            or (
                m.role == MemberRole.CHILD
                and consent_givers(m.person.birth_date, self.today) != ConsentBy.PARENTS
            )
        ]


P, C, K = MemberRole.PARENT, MemberRole.CARER, MemberRole.CHILD
B = LegalBasis


def _harassed_by_neighbours(demo: Demo) -> Family:
    """Blijvend Veilig / Ventieltafel: neighbours harass the family; only urgent housing helps."""
    f = Family(demo, 1, by="jeugdprofessional", municipality="Vlietdam", district="Havenkwartier")
    if f.exists():
        return f
    f.create("Regisseur, wijkteam")
    f.member(P, female=True, age=36, custody=True, own_surname=True)
    f.member(P, female=False, age=38, custody=True)
    f.member(K, female=True, age=9)
    f.member(K, female=False, age=6)
    f.involve("demo-woning", "Woonconsulent, urgentieaanvraag", B.CONSENT, days_ago=40)
    f.involve("politie", "Wijkagent, meldingen van burenoverlast", B.LEGAL_DUTY, days_ago=60)
    f.involve("school", "Leerkracht groep 6", B.CONSENT, days_ago=30)
    return f


def _fight_at_handover(demo: Demo) -> Family:
    """Samen op pad: separated parents fight in front of the children at the weekend handover."""
    f = Family(demo, 2, by="wijkcoach", municipality="Rietveen", district="Rietlanden")
    if f.exists():
        return f
    f.create("Regisseur, sociaal team")
    f.member(P, female=True, age=34, custody=True, own_surname=True)
    f.member(P, female=False, age=37, custody=True)
    f.member(K, female=False, age=7)
    f.member(K, female=True, age=4)
    f.involve(
        "veiligthuis",
        "Veilig Thuis, melding na escalatie bij de overdracht",
        B.VT_WMO_5_2_6,
        days_ago=21,
    )
    f.involve("politie", "Politie, zorgmelding na incident", B.LEGAL_DUTY, days_ago=23)
    f.involve("raad", "Raadsonderzoeker, toets gezag en omgang", B.BOARD_BW_1_240, days_ago=7)
    return f


def _pregnant_facing_eviction(demo: Demo) -> Family:
    """Ventieltafel seed example: heavily pregnant, rent arrears, eviction near."""
    f = Family(demo, 3, by="jeugdprofessional", municipality="Vlietdam", district="De Weiden")
    if f.exists():
        return f
    f.create("Regisseur, wijkteam")
    # Expecting her first child: a parent-to-be without custody yet.
    f.member(P, female=True, age=20)
    f.involve("demo-woning", "Woonconsulent, huurachterstand en ontruiming", B.CONSENT, days_ago=25)
    f.involve("demo-schuldhulp", "Schuldhulpverlener, huurachterstand", B.CONSENT, days_ago=20)
    f.involve("demo-jgz", "JGZ-verpleegkundige, prenataal huisbezoek", B.CONSENT, days_ago=14)
    f.involve("demo-huisarts", "Huisarts", B.CONSENT, days_ago=90)
    return f


def _father_waiting_for_treatment(demo: Demo) -> Family:
    """Veiligheidskaart: a father with an alcohol addiction on the waiting list for treatment."""
    f = Family(demo, 4, by="demo-wijkteam", municipality="Vlietdam", district="Centrum")
    if f.exists():
        return f
    household = f.create("Aanmelder, wijkteam")
    f.member(P, female=False, age=42, custody=True)
    f.member(P, female=True, age=39, custody=True, own_surname=True)
    f.member(K, female=False, age=15)
    f.member(K, female=True, age=12)
    f.member(K, female=False, age=8)
    services.lead_hand_over(
        by=f.by,
        household=household,
        to=demo.professionals["jeugdprofessional"],
        reason="Jeugdprofessional met expertise verslaving neemt de regie over.",
    )
    f.involve(
        "demo-ggz", "Verslavingszorg, op de wachtlijst voor behandeling", B.CONSENT, days_ago=35
    )
    f.involve("demo-huisarts", "Huisarts van vader", B.CONSENT, days_ago=120)
    f.involve(
        "veiligthuis",
        "Veilig Thuis, veiligheidsvoorwaarden en monitoring",
        B.VT_WMO_5_2_6,
        days_ago=50,
    )
    f.involve("school", "Mentor van de oudste", B.CONSENT, days_ago=45)
    return f


def _refugee_mother_of_twins(demo: Demo) -> Family:
    """Solidaire gemeenschap: a single refugee mother of twins, without a network yet."""
    f = Family(demo, 5, by="wijkcoach", municipality="Rietveen", district="Dorp")
    if f.exists():
        return f
    f.create("Regisseur, sociaal team")
    f.member(P, female=True, age=27, custody=True)
    twins = f.born(2)
    f.member(K, female=True, age=2, birth_date=twins)
    f.member(K, female=False, age=2, birth_date=twins)
    f.involve("demo-jgz", "JGZ-verpleegkundige", B.CONSENT, days_ago=100)
    f.involve("demo-kinderopvang", "Pedagogisch medewerker, VVE-plek", B.CONSENT, days_ago=30)
    f.involve("demo-maatje", "Taalmaatje en steun in het netwerk", B.CONSENT, days_ago=60)
    return f


def _debts_block_support(demo: Demo) -> Family:
    """Ventieltafel: debts absorb everything, so parenting support never lands."""
    f = Family(demo, 6, by="jeugdprofessional", municipality="Vlietdam", district="De Weiden")
    if f.exists():
        return f
    f.create("Regisseur, wijkteam")
    f.member(P, female=True, age=33, custody=True)
    f.member(C, female=False, age=35, own_surname=True)
    f.member(K, female=True, age=13)
    f.member(K, female=False, age=10)
    f.involve("demo-schuldhulp", "Schuldhulpverlener, budgetbeheer", B.CONSENT, days_ago=70)
    f.involve("demo-vervoer", "Leerlingenvervoer naar speciaal onderwijs", B.CONSENT, days_ago=200)
    f.involve("school", "Intern begeleider", B.CONSENT, days_ago=150)
    return f


def _under_supervision(demo: Demo) -> Family:
    """Gedwongen kader: an OTS, so regie lies with the GI jeugdbeschermer."""
    f = Family(demo, 7, by="wijkcoach", municipality="Rietveen", district="Rietlanden")
    if f.exists():
        return f
    household = f.create("Regisseur, sociaal team")
    f.member(P, female=True, age=38, custody=True)
    f.member(P, female=False, age=41, custody=True)
    f.member(K, female=True, age=14)
    child = f.member(K, female=False, age=11)
    f.involve("veiligthuis", "Veilig Thuis, onderzoek afgerond", B.VT_WMO_5_2_6, days_ago=240)
    f.involve(
        "raad", "Raadsonderzoeker, verzoek ondertoezichtstelling", B.BOARD_BW_1_240, days_ago=150
    )
    starts_on = f.today - datetime.timedelta(days=60)
    # The regisseur records the judge's measure; regie passes to the GI with it. (The GI is
    # not involved yet, so may not change the family before that.)
    services.measure_record(
        by=f.by,
        household=household,
        child=child,
        type=MeasureType.SUPERVISION,
        starts_on=starts_on,
        ends_on=starts_on + relativedelta(years=1) - datetime.timedelta(days=1),
        court="Rechtbank Vlietland, kinderrechter",
        lead_to=demo.professionals["gi"],
    )
    return f


def _many_involved_nobody_leads(demo: Demo) -> Family:
    """The warning M1 asks for: many professionals, nobody with regie."""
    f = Family(demo, 8, by="veiligthuis", municipality="Vlietdam", district="Centrum")
    if f.exists():
        return f
    f.create("Veilig Thuis, veiligheidsbeoordeling", B.VT_WMO_5_2_6)
    f.member(P, female=True, age=31, custody=True)
    f.member(K, female=False, age=6)
    f.member(K, female=True, age=3)
    f.involve(
        "jeugdprofessional",
        "Jeugdprofessional, gevraagd de regie op te pakken",
        B.CONSENT,
        days_ago=5,
    )
    f.involve("school", "Leerkracht groep 3", B.CONSENT, days_ago=80)
    f.involve("demo-jgz", "Jeugdarts", B.CONSENT, days_ago=200)
    f.involve("demo-huisarts", "Huisarts", B.CONSENT, days_ago=300)
    f.involve("politie", "Politie, zorgmelding", B.LEGAL_DUTY, days_ago=12)
    return f


STORIES: list[Callable[[Demo], Family]] = [
    _harassed_by_neighbours,
    _fight_at_handover,
    _pregnant_facing_eviction,
    _father_waiting_for_treatment,
    _refugee_mother_of_twins,
    _debts_block_support,
    _under_supervision,
    _many_involved_nobody_leads,
]


# Capabilities add their own demo on top of the region and its families: each is a dotted path
# to a function taking the Demo, idempotent like the rest.
EXTENSIONS: list[str] = [
    "ketenkaart.safety_maps.demo.seed",
    "ketenkaart.exemptions.demo.seed",
    "ketenkaart.safety_teams.demo.seed",
    "ketenkaart.reports.demo.seed",
    "ketenkaart.buffers.demo.seed",
    "ketenkaart.community.demo.seed",
    "ketenkaart.community.demo.seed_help_offer",
    "ketenkaart.safety_teams.demo.seed_board_check",
    "ketenkaart.households.demo.seed",
    "ketenkaart.retention.demo.seed",
    "ketenkaart.access.demo.seed",
    "ketenkaart.questionnaires.demo.seed",
    "ketenkaart.portal.demo.seed",
    "ketenkaart.monitor.demo.seed",
]


@transaction.atomic
def load_demo() -> Demo:
    """Create whatever of the demo region is missing; leave what exists untouched."""
    demo = _build_region()
    _build_accounts(demo)
    for story in STORIES:
        story(demo)
    for path in EXTENSIONS:
        import_string(path)(demo)
    return demo
