"""/api/v1/meldingen/{id}/gezin: Veilig Thuis links a melding to a family it knows (PUT) or
opens the family from it (POST). Only the region's VT team; every refusal changes nothing."""

import datetime

import pytest

from ketenkaart.api.tests.conftest import assert_problem, invalid_names
from ketenkaart.audit.models import AccessEvent
from ketenkaart.households.models import Household
from ketenkaart.reports import services
from ketenkaart.reports.inputs import PersonInput
from ketenkaart.reports.models import PersonRole, RadarClass
from ketenkaart.reports.tests.conftest import REPORTER
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.django_db
BORN = datetime.date(2016, 3, 1)


def path(report) -> str:
    return f"/api/v1/meldingen/{report.pk}/gezin"


@pytest.fixture
def unplaced(school):
    """A melding about a child Ketenkaart does not know yet: the radar placed it nowhere."""
    return services.report_create(
        by=school,
        reporter=REPORTER,
        summary="Kim is vaak alleen thuis.",
        persons=[
            PersonInput(
                role=PersonRole.CHILD, given_names="Kim", surname="Onbekend", birth_date=BORN
            )
        ],
    )


@pytest.fixture
def later_family(municipality):
    """The family, opened later by the wijkteam, with Kim as a member."""
    household = f.HouseholdFactory(municipality=municipality, name="Gezin Onbekend")
    member = f.MemberFactory(
        household=household, person__surname="onbekend", person__birth_date=BORN, person__bsn=""
    )
    return household, member


def test_vt_links_a_melding_to_the_family_it_is_about(
    api, vt, unplaced, later_family, django_assert_num_queries
):
    household, member = later_family
    assert unplaced.household_id is None
    client = api(vt)

    with django_assert_num_queries(19):
        response = client.put(path(unplaced), {"gezin": str(household.pk)})

    assert response.status_code == 200, response.content
    assert response.json()["gezin"] == str(household.pk)
    unplaced.refresh_from_db()
    assert unplaced.household_id == household.pk
    assert unplaced.radar == RadarClass.FIRST
    assert unplaced.persons.get().person_id == member.person_id
    event = AccessEvent.objects.get(action="report.household_linked")
    assert event.household_id == household.pk

    again = api(vt).put(path(unplaced), {"gezin": str(household.pk)})
    assert_problem(again, 409)


def test_a_family_the_melding_is_not_about_or_an_unknown_id_get_the_same_400(
    api, vt, unplaced, household
):
    client = api(vt)
    not_about = client.put(path(unplaced), {"gezin": str(household.pk)})
    unknown = client.put(path(unplaced), {"gezin": "00000000-0000-4000-8000-000000000000"})

    for response in (not_about, unknown):
        problem = assert_problem(response, 400)
        assert invalid_names(response) == {"gezin"}
    assert not_about.json()["detail"] == unknown.json()["detail"] == problem["detail"]
    unplaced.refresh_from_db()
    assert unplaced.household_id is None
    assert unplaced.persons.get().person_id is None


def test_only_the_regions_vt_team_places_a_melding(api, school, other_vt, unplaced, later_family):
    household, _member = later_family
    assert_problem(api(school).put(path(unplaced), {"gezin": str(household.pk)}), 403)
    assert_problem(api(school).post(path(unplaced), {"naam": "x"}), 403)
    assert_problem(api(other_vt).put(path(unplaced), {"gezin": str(household.pk)}), 404)
    unplaced.refresh_from_db()
    assert unplaced.household_id is None
    assert Household.objects.count() == 1


def test_vt_opens_the_family_from_the_melding(api, vt, unplaced, municipality):
    before = Household.objects.count()
    response = api(vt).post(
        path(unplaced), {"naam": "Gezin Onbekend", "gemeente": str(municipality.pk)}
    )

    assert response.status_code == 201, response.content
    unplaced.refresh_from_db()
    household = Household.objects.get(pk=unplaced.household_id)
    assert response["Location"] == f"/api/v1/gezinnen/{household.pk}"
    assert Household.objects.count() == before + 1
    assert household.members.get().person_id == unplaced.persons.get().person_id

    again = api(vt).post(path(unplaced), {"naam": "Nog een", "gemeente": str(municipality.pk)})
    assert_problem(again, 409)
    assert Household.objects.count() == before + 1


def test_bad_input_names_every_field_and_stores_nothing(api, vt, unplaced):
    other_region = f.MunicipalityFactory()
    client = api(vt)

    missing = client.post(path(unplaced), {})
    elsewhere = client.post(path(unplaced), {"naam": "Gezin X", "gemeente": str(other_region.pk)})
    unknown = client.put(path(unplaced), {"gezin": "x", "familie": 1})

    assert invalid_names(missing) == {"naam", "gemeente"}
    assert invalid_names(elsewhere) == {"gemeente"}
    assert invalid_names(unknown) == {"familie"}
    unplaced.refresh_from_db()
    assert unplaced.household_id is None
    assert not Household.objects.exists()
