"""Mijn gezinnen's precompiled caseload (selectors.caseload_page) gives the rows, count and
warnings of the ordinary queryset for every kind of list: alone or as a team, searched (with
LIKE's own characters), each frame and sort, every page; and it still shows nothing else."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.utils import timezone

from ketenkaart.core.precompiled import Paged
from ketenkaart.households import selectors
from ketenkaart.households.models import MemberRole
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f

NAMES = ["Gezin Bakker", "Gezin 50%_korting", "Gezin Amrani", "Gezin De Vries", "Gezin Bakkum"]


def _ordinary(user, day, **listing):
    return selectors.filter_caseload(selectors.caseload(user, day=day), **listing)


def _pages(object_list, per_page):
    paginator = Paginator(object_list, per_page)
    return paginator.count, [
        [(h.pk, h.involved_count, h.lead_family, h.has_measure, h.measure_due_on) for h in page]
        for page in (paginator.page(n) for n in paginator.page_range)
    ]


@pytest.fixture
def caseload(involved, municipality):
    day = timezone.localdate()
    for number, name in enumerate(NAMES):
        household = f.HouseholdFactory(municipality=municipality, name=name)
        f.InvolvementFactory(household=household, professional=involved, is_lead=number % 2 == 0)
        if number % 2:
            child = f.MemberFactory(household=household, role=MemberRole.CHILD).person
            f.CourtMeasureFactory(  # ends within the warning period: a measure due
                household=household,
                child=child,
                recorded_by=involved,
                ends_on=day + datetime.timedelta(days=20 * number),
            )
    f.HouseholdFactory(municipality=municipality, name="Gezin Bakker-Elders")  # not theirs
    return day


@pytest.mark.parametrize("team", [False, True])
@pytest.mark.parametrize("query", ["", "bak", "50%_", "%", "_"])
@pytest.mark.parametrize("frame", ["", "gedwongen", "vrijwillig"])
@pytest.mark.parametrize("sort", ["naam", "gemeente", "nieuwste", "onbekend"])
def test_each_kind_of_list_gives_the_ordinary_rows(caseload, involved, team, query, frame, sort):
    if team:
        involved.organisation.works_as_team = True
        involved.organisation.save()
        colleague = f.ProfessionalFactory(organisation=involved.organisation)
        f.InvolvementFactory(
            household=f.HouseholdFactory(name="Gezin Bakker-Team"), professional=colleague
        )
    listing = {"query": query, "frame": frame, "sort": sort}
    ordinary = _ordinary(involved.user, caseload, **listing)
    precompiled = selectors.caseload_page(involved.user, day=caseload, **listing)
    assert isinstance(precompiled, Paged)
    for per_page in (2, 50):
        assert _pages(precompiled, per_page) == _pages(ordinary, per_page)
    if query == "50%_" and frame != "vrijwillig":  # it has a measure
        assert [h.name for h in Paginator(precompiled, 50).page(1)] == ["Gezin 50%_korting"]


def test_the_warnings_are_those_of_the_ordinary_list(caseload, involved):
    ordinary = selectors.with_warnings(_ordinary(involved.user, caseload), day=caseload)
    page = Paginator(selectors.caseload_page(involved.user, day=caseload), 50).page(1)
    listed = selectors.with_warnings(page.object_list, day=caseload)
    assert [h.warnings for h in listed] == [h.warnings for h in ordinary]
    assert any(h.warnings for h in listed)


@pytest.mark.parametrize("threshold", [0, 1, 3])
@pytest.mark.parametrize("team", [False, True])
def test_the_warned_list_is_the_ordinary_list_with_warnings(
    caseload, involved, settings, team, threshold
):
    settings.KETENKAART = {**settings.KETENKAART, "NO_LEAD_WARNING_THRESHOLD": threshold}
    involved.organisation.works_as_team = team
    involved.organisation.save()
    if team:  # a colleague's family, no regisseur: warned at a threshold of 1, not of 3
        colleague = f.ProfessionalFactory(organisation=involved.organisation)
        f.InvolvementFactory(
            household=f.HouseholdFactory(name="Gezin Kaya"), professional=colleague
        )
    ordinary = selectors.with_warnings(_ordinary(involved.user, caseload), day=caseload)
    warned = selectors.caseload_page(involved.user, day=caseload, warned=True)
    listed = selectors.with_warnings(warned[:50], day=caseload)
    expected = [(h.pk, h.warnings) for h in ordinary if h.warnings]
    assert [(h.pk, h.warnings) for h in listed] == expected
    assert warned.count() == len(expected) and expected
    assert len(warned[:2]) == min(2, len(expected))
    if threshold == 3:  # families with a regisseur or one professional and no measure
        assert any(not h.warnings for h in ordinary)


def test_someone_who_works_with_no_families_sees_none(caseload, db):
    policy = f.ProfessionalFactory(role=Role.POLICY)
    assert Paginator(selectors.caseload_page(policy.user, day=caseload), 50).count == 0


@pytest.mark.parametrize("zoek", ["a\x00b", "%" * 500, "'; DROP TABLE x; --", "\\"])
def test_a_hostile_search_is_a_list_not_an_error(client, caseload, involved, zoek):
    client.force_login(involved.user)
    response = client.get("/", {"zoek": zoek, "kader": "{}", "sorteer": "[]", "pagina": "-1"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) <= 50
