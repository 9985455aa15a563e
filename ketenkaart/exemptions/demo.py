"""Demo requests for the ventieltafel, called by the demo loader (`seed`): the heavily pregnant
woman facing eviction, the harassed family's urgent housing, and three pupil-transport requests
that the table grants, which raises a policy signal. Idempotent: a household that already has
the request (same rule) is left alone."""

from decimal import Decimal

from ketenkaart.demo.synthetic import synthetic_bsn
from ketenkaart.exemptions import selectors, services
from ketenkaart.exemptions.models import (
    Domain,
    Evidence,
    ExemptionRequest,
    Outcome,
    Party,
    Period,
    ReferenceCost,
    Urgency,
)
from ketenkaart.households.models import Household, Member

M, B = "muddling_on", "breaking_through"
CRISIS_KEY = "crisisplaatsing-baby-vlietdam"
PUPIL_RULE = (
    "Verordening leerlingenvervoer: vervoer alleen naar de dichtstbijzijnde passende school"
)


def _household(demo, story_seed: int) -> Household | None:
    """A story's household, found by its first member's fixed BSN (see the loader)."""
    return Household.objects.filter(
        region=demo.region, members__person__bsn=synthetic_bsn(story_seed * 100)
    ).first()


def _item(scenario, description, amount, period, months=1, payer=Party.MUNICIPALITY, **extra):
    return {
        "scenario": scenario,
        "description": description,
        "amount": Decimal(amount),
        "period": period,
        "quantity": Decimal(extra.pop("quantity", 1)),
        "months": months,
        "payer": payer,
        "reference_cost": extra.pop("reference_cost", None),
        "low": extra.pop("low", None),
        "high": extra.pop("high", None),
    }


def _from_catalogue(catalogue, key, scenario, months, payer=Party.MUNICIPALITY, quantity=1):
    row = next(row for row in catalogue if row.key == key)
    return _item(
        scenario,
        row.item,
        row.amount,
        row.period,
        months,
        payer,
        reference_cost=row,
        low=row.low,
        high=row.high,
        quantity=quantity,
    )


def _ask(demo, household, *, by="jeugdprofessional", **fields) -> ExemptionRequest | None:
    key = services.rule_key(fields["rule"])
    existing = ExemptionRequest.objects.filter(household=household, rule_key=key).first()
    if existing is not None:
        return None
    return services.request_submit(by=demo.professionals[by], household=household, **fields)


def _crisis_placement(demo) -> None:
    """Residential youth care tariffs are unverified nationally, so Vlietdam adds its own."""
    vlietdam = demo.municipalities["Vlietdam"]
    if ReferenceCost.objects.filter(key=CRISIS_KEY, municipality=vlietdam).exists():
        return
    services.reference_cost_add(
        by=demo.professionals["ventieltafel"],
        municipality=vlietdam,
        overrides=None,
        key=CRISIS_KEY,
        item="Crisisplaatsing van een baby (pleegzorg met begeleiding)",
        unit="per kind per dag",
        period=Period.DAY,
        amount=Decimal("180.00"),
        low=Decimal("150.00"),
        high=Decimal("220.00"),
        source="Eigen tarief gemeente Vlietdam (demobedrag)",
        year="2025",
        price_level="2025",
        evidence=Evidence.INDICATIVE,
        note="Eigen bedrag van de gemeente: landelijke tarieven zijn niet gecontroleerd.",
    )


def _eviction(demo, catalogue) -> None:
    household = _household(demo, 3)
    if household is None:
        return
    exemption = _ask(
        demo,
        household,
        domain=Domain.HOUSING,
        urgency=Urgency.URGENT,
        bottleneck="Jonge vrouw, hoogzwanger, wordt over drie weken uit huis gezet om een "
        "huurachterstand. Zonder woning kan de hulp rond de geboorte niet beginnen.",
        rule="Huurachterstand wordt alleen via een schuldregeling afgelost, niet door de gemeente",
        legal_basis="Beleidsregels schuldhulpverlening Vlietdam (demo), artikel 3.2",
        risks="Ze gaat naar de maatschappelijke opvang; de baby wordt waarschijnlijk na de "
        "geboorte uit huis geplaatst. Dat kost de gemeente in de eerste drie maanden al meer "
        "dan €20.000.",
        alternatives="Betalingsregeling met de verhuurder (geweigerd na eerdere achterstand), "
        "schuldhulp (wachttijd te lang), opvang bij familie (niet mogelijk).",
        exception_asked="De gemeente lost de huurachterstand van €4.800 in één keer af; "
        "schuldhulp neemt daarna budgetbeheer op zich.",
    )
    if exemption is None:
        return
    mother = Member.objects.filter(household=household).first()
    services.cost_benefit_save(
        by=demo.professionals["jeugdprofessional"],
        request=exemption,
        horizon_months=3,
        discount_rate=Decimal(0),
        sensitivity=Decimal(20),
        items=[
            _from_catalogue(catalogue, "opvangplek", M, 3),
            _from_catalogue(catalogue, CRISIS_KEY, M, 3),
            _item(B, "Huurachterstand in één keer aflossen", "4800", Period.ONCE),
        ],
        impacts=[
            {
                "member": mother,
                "label": "",
                "muddling_on": -2,
                "breaking_through": 1,
                "note": "Bevalt vanuit de opvang en raakt haar kind waarschijnlijk kwijt; "
                "met de doorbraak blijft ze thuis en kan ze zich voorbereiden.",
            },
            {
                "member": None,
                "label": "Ongeboren kind",
                "muddling_on": -2,
                "breaking_through": 2,
                "note": "Uithuisplaatsing direct na de geboorte tegenover opgroeien bij moeder.",
            },
        ],
    )


def _harassed(demo) -> None:
    household = _household(demo, 1)
    if household is None:
        return
    exemption = _ask(
        demo,
        household,
        domain=Domain.HOUSING,
        urgency=Urgency.URGENT,
        bottleneck="Het gezin wordt al maanden door buren lastiggevallen en bedreigd. De "
        "kinderen durven niet meer buiten te spelen; hulp in huis komt niet aan zolang ze "
        "daar wonen.",
        rule="Urgentieregeling: burenoverlast geeft geen recht op urgentie",
        legal_basis="Huisvestingsverordening Vlietdam (demo), artikel 2.5",
        risks="Escalatie met geweld, schoolverzuim van beide kinderen, langdurige jeugdhulp.",
        alternatives="Buurtbemiddeling (buren weigeren), meldingen bij de politie, "
        "gesprekken met de verhuurder.",
        exception_asked="Urgentie voor een eengezinswoning in een andere wijk.",
    )
    if exemption is None:
        return
    services.cost_benefit_save(
        by=demo.professionals["jeugdprofessional"],
        request=exemption,
        horizon_months=12,
        discount_rate=Decimal(0),
        sensitivity=Decimal(25),
        items=[
            _item(
                M, "Extra inzet wijkteam en wijkagent (eigen schatting)", "1200", Period.MONTH, 12
            ),
            _item(M, "Jeugdhulp voor beide kinderen (eigen schatting)", "900", Period.MONTH, 12),
            _item(B, "Verhuiskosten en inrichting (eigen schatting)", "3500", Period.ONCE),
            _item(B, "Hogere huur", "150", Period.MONTH, 12, Party.FAMILY),
        ],
        impacts=[],
    )
    woning = demo.professionals.get("demo-woning")
    convener = demo.professionals["ventieltafel"]
    if woning is not None and not exemption.invitations.filter(professional=woning).exists():
        services.invitation_add(by=convener, request=exemption, professional=woning)


def _pupil_transport(demo, catalogue) -> None:
    convener = demo.professionals["ventieltafel"]
    stories = [
        (
            6,
            "De oudste kan alleen op een school voor speciaal onderwijs buiten de gemeente "
            "goed functioneren; die school is niet de dichtstbijzijnde.",
        ),
        (
            4,
            "Het middelste kind is na een verhuizing binnen de gemeente teruggevallen; de "
            "vertrouwde school ligt nu net buiten de afstandsgrens.",
        ),
        (
            8,
            "Het oudste kind zit thuis sinds de overstap naar de dichtstbijzijnde school; de "
            "vorige school wil het kind terugnemen.",
        ),
    ]
    for seed, bottleneck in stories:
        household = _household(demo, seed)
        if household is None:
            continue
        exemption = _ask(
            demo,
            household,
            domain=Domain.PUPIL_TRANSPORT,
            bottleneck=bottleneck,
            rule=PUPIL_RULE,
            legal_basis="Verordening leerlingenvervoer Vlietdam (demo), artikel 4",
            risks="Thuiszitten, schooluitval en zwaardere jeugdhulp; het gezin raakt uit balans.",
            alternatives="Begeleiding op de dichtstbijzijnde school, openbaar vervoer met een "
            "maatje (lukt niet zelfstandig).",
            exception_asked="Leerlingenvervoer naar de school die wel past, voor één schooljaar.",
        )
        if exemption is None:
            continue
        services.cost_benefit_save(
            by=demo.professionals["jeugdprofessional"],
            request=exemption,
            horizon_months=12,
            discount_rate=Decimal(0),
            sensitivity=Decimal(20),
            items=[
                _item(
                    M, "Extra jeugdhulp bij thuiszitten (eigen schatting)", "600", Period.MONTH, 12
                ),
                _from_catalogue(catalogue, "leerlingenvervoer", B, 12),
            ],
            impacts=[],
        )
        services.decision_record(
            by=convener,
            request=exemption,
            outcome=Outcome.GRANTED,
            reasoning="Vervoer naar de passende school is goedkoper dan thuiszitten en houdt "
            "het gezin in balans.",
        )


def seed(demo) -> None:
    vlietdam = demo.municipalities["Vlietdam"]
    services.table_for(vlietdam)
    _crisis_placement(demo)
    catalogue = selectors.catalogue(vlietdam)
    _eviction(demo, catalogue)
    _harassed(demo)
    _pupil_transport(demo, catalogue)
