"""The statements of Mijn gezinnen and the dossier page, pinned: the same number for one family
or a full caseload, for a small family or a large one (issue 17)."""

from django.urls import reverse

from ketenkaart.households.models import MemberRole
from ketenkaart.testing import factories as f

# The session with its user, professional, organisation and the menu's unread count
# (core/sessions.py, core/users.py); the count and the page; the audit row.
MINE_QUERIES = 4
# The session with its user, professional, organisation and unread count; the gate (the
# household with the grant's rules, audit row); the dossier's four lists in one statement; the
# first good moment. 13 while the grant and each list were statements of their own, 9 while the
# user, professional and organisation were three, 7 while the session was a fourth, 6 while the
# unread count was.
DOSSIER_QUERIES = 5


def test_mijn_gezinnen_costs_4_queries_for_one_family_or_forty(
    client, involved, household, municipality, django_assert_num_queries
):
    client.force_login(involved.user)
    url = reverse("households:mine")
    client.get(url)
    with django_assert_num_queries(MINE_QUERIES):
        assert client.get(url).context["total"] == 1
    for n in range(39):
        other = f.HouseholdFactory(municipality=municipality, name=f"Gezin {n:02}")
        f.InvolvementFactory(household=other, professional=involved, is_lead=n % 2 == 0)
        f.InvolvementFactory(household=other)
        child = f.MemberFactory(household=other, role=MemberRole.CHILD).person
        if n % 5 == 0:
            f.CourtMeasureFactory(household=other, child=child, recorded_by=involved)
    with django_assert_num_queries(MINE_QUERIES):
        response = client.get(url)
    assert response.context["total"] == 40
    assert len(response.context["page"].object_list) == 40


def test_the_dossier_page_costs_5_queries_for_a_small_or_a_large_family(
    client, involved, household, colleague, django_assert_num_queries
):
    client.force_login(involved.user)
    url = reverse("households:detail", kwargs={"household_id": household.pk})
    client.get(url)
    with django_assert_num_queries(DOSSIER_QUERIES):
        response = client.get(url)
    assert response.context["can_read_log"] is True
    for _ in range(6):
        child = f.MemberFactory(household=household, role=MemberRole.CHILD).person
        f.CourtMeasureFactory(household=household, child=child, recorded_by=involved)
        f.InvolvementFactory(household=household)
    with django_assert_num_queries(DOSSIER_QUERIES):
        response = client.get(url)
    assert len(response.context["dossier"].measures) == 6
    assert response.context["can_read_log"] is True


def test_an_involved_colleague_is_not_offered_the_access_log(client, household, colleague):
    client.force_login(colleague.user)
    response = client.get(reverse("households:detail", kwargs={"household_id": household.pk}))
    assert response.context["can_read_log"] is False
    assert reverse("households:access_log", kwargs={"household_id": household.pk}) not in (
        response.content.decode()
    )
