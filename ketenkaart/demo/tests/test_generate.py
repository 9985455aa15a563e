"""`ketenkaart generate`: bulk volume that still keeps the dossier's rules."""

import datetime
import random

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from django.utils import timezone
from stdnum.nl import bsn as bsn_number

from ketenkaart.demo import volume
from ketenkaart.demo.synthetic import VOLUME_MIN_BSN_SEED, seed_of_bsn, synthetic_bsn
from ketenkaart.households.models import (
    CourtMeasure,
    Household,
    Involvement,
    Member,
    MemberRole,
    Person,
    active_measures_q,
)
from ketenkaart.organisations.models import OrganisationType
from ketenkaart.testing import factories as f


@pytest.fixture
def generated(db):
    call_command("generate", "--households", "50", "--seed", "7")
    return Household.objects.all()


def test_it_adds_households_with_members_and_valid_unique_bsns(generated):
    assert generated.count() == 50
    assert not generated.filter(members__isnull=True).exists()
    bsns = list(Person.objects.values_list("bsn", flat=True))
    assert len(bsns) >= 100
    assert all(bsn_number.is_valid(bsn) for bsn in bsns)
    assert len(set(bsns)) == len(bsns)


def test_generated_regie_follows_the_rules(generated):
    leads = generated.annotate(leads=Count("involvements", filter=Q(involvements__is_lead=True)))
    assert max(household.leads for household in leads) == 1
    assert not Involvement.objects.filter(is_lead=True, household__closed_at__isnull=False).exists()
    assert not Involvement.objects.filter(is_lead=True, ended_on__isnull=False).exists()
    today = timezone.localdate()
    for lead in Involvement.objects.filter(is_lead=True).select_related("organisation"):
        if lead.organisation.type == OrganisationType.CERTIFIED_INSTITUTION:
            assert CourtMeasure.objects.filter(
                active_measures_q(today), household=lead.household_id
            ).exists()
        else:
            assert lead.organisation.is_local_team
            assert lead.professional.works_with_families
    assert not Member.objects.filter(role=MemberRole.CHILD, has_custody=True).exists()


def test_generated_rows_read_back_through_the_orm(generated):
    household = generated.filter(members__role=MemberRole.CHILD).first()
    assert household.created_at <= timezone.now()
    member = household.members.select_related("person").first()
    assert member.person.birth_date < timezone.localdate()
    involvement = household.involvements.first()
    assert involvement.started_on >= household.created_at.date() - datetime.timedelta(days=1)


def test_generate_stays_clear_of_existing_bsns(db):
    taken = f.PersonFactory(bsn=synthetic_bsn(VOLUME_MIN_BSN_SEED + 5))
    call_command("generate", "--households", "20")
    generated = Person.objects.exclude(pk=taken.pk).values_list("bsn", flat=True)
    assert min(seed_of_bsn(bsn) for bsn in generated) > VOLUME_MIN_BSN_SEED + 5


def test_generate_twice_adds_up(db):
    call_command("generate", "--households", "30")
    call_command("generate", "--households", "30")
    assert Household.objects.count() == 60
    bsns = list(Person.objects.values_list("bsn", flat=True))
    assert len(set(bsns)) == len(bsns)


def test_loaddemo_after_generate_still_works(settings, db):
    settings.DEMO_MODE = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("generate", "--households", "20")
    call_command("loaddemo")
    call_command("loaddemo")
    assert Household.objects.count() == 28


def test_it_refuses_production_settings_unless_asked(settings, db):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="productie"):
        call_command("generate", "--households", "5")
    assert not Household.objects.exists()


def test_synthetic_bsns_are_valid_unique_and_invertible():
    seeds = [*range(2000), *random.Random(3).sample(range(9_000_000), 2000)]
    made = [synthetic_bsn(seed) for seed in seeds]
    assert all(bsn_number.is_valid(bsn) for bsn in made)
    assert len(set(made)) == len(set(seeds))
    assert [seed_of_bsn(bsn) for bsn in made] == seeds


def test_ordered_ids_sort_in_creation_order():
    ids = volume.OrderedIds()
    made = [ids.next() for _ in range(1000)]
    assert made == sorted(made)
    assert len(set(made)) == len(made)


def test_generate_skips_stored_bsns_when_there_is_no_room_above(db):
    f.PersonFactory(bsn=synthetic_bsn(8_999_999))
    in_the_way = f.PersonFactory(bsn=synthetic_bsn(VOLUME_MIN_BSN_SEED))
    call_command("generate", "--households", "5")
    bsns = list(Person.objects.values_list("bsn", flat=True))
    assert len(set(bsns)) == len(bsns)
    assert Person.objects.filter(bsn=in_the_way.bsn).count() == 1


def test_it_fills_the_veilig_thuis_and_ventieltafel_queues(db):
    from ketenkaart.access import gate
    from ketenkaart.exemptions import selectors as exemptions
    from ketenkaart.exemptions.models import ExemptionRequest, Status
    from ketenkaart.organisations.models import Professional, Role
    from ketenkaart.reports import selectors as reports
    from ketenkaart.reports.models import Report, ReportStatus

    call_command("generate", "--households", "2000", "--seed", "3")

    assert 300 < Report.objects.count() < 700
    waiting = Report.objects.filter(status=ReportStatus.RECEIVED)
    assert waiting.exists()
    today = timezone.localdate()
    assert not waiting.filter(assess_by__lt=today - datetime.timedelta(days=14)).exists()
    # Every melding is about a child of the family it names.
    assert not Report.objects.filter(persons__isnull=True).exists()
    assert not Report.objects.exclude(
        persons__person__memberships__household=F("household")
    ).exists()
    vt = Professional.objects.filter(role=Role.VEILIG_THUIS).select_related("user").first()
    assert gate.is_vt_team(vt)
    assert reports.assessment_queue(vt.user).count() == waiting.count()

    requests = ExemptionRequest.objects.all()
    assert requests.filter(status=Status.SUBMITTED).exists()
    assert not requests.filter(status=Status.DECIDED, decision__isnull=True).exists()
    assert not requests.exclude(household__municipality=F("municipality")).exists()
    convener = Professional.objects.get(role=Role.EXEMPTION_TABLE)
    assert (
        exemptions.queue(convener.user).count() == requests.filter(status=Status.SUBMITTED).count()
    )
