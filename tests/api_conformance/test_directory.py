"""`ik`, `professionals`, `gemeenten` and `wijken`: the own region only, nothing more than the
directory needs, each read audited."""

from ketenkaart.api.tests.conftest import assert_problem, invalid_names
from ketenkaart.audit.models import AccessEvent
from ketenkaart.testing import factories as f


def test_ik_tells_who_i_am(api, involved):
    body = api(involved).get("/api/v1/ik").json()
    assert body["id"] == str(involved.pk)
    assert body["organisatie"] == involved.organisation.name
    assert body["regio"] == "Regio Testland"
    assert AccessEvent.objects.filter(action="me.read").count() == 1


def test_ik_needs_a_login(api):
    assert_problem(api().get("/api/v1/ik"), 401)


def test_the_directory_shows_the_own_region_and_no_more_than_it_needs(
    api, involved, colleague, django_assert_num_queries
):
    stranger = f.ProfessionalFactory(organisation=f.OrganisationFactory(name="Elders"))
    client = api(involved)
    client.get("/api/v1/ik")
    f.ProfessionalFactory.create_batch(5, organisation=involved.organisation)
    # The session with its user, professional and organisation; count, page; the audit row.
    with django_assert_num_queries(4):
        response = client.get("/api/v1/professionals")
    body = response.json()
    ids = {row["id"] for row in body["resultaten"]}
    assert {str(involved.pk), str(colleague.pk)} <= ids
    assert str(stranger.pk) not in ids
    assert set(body["resultaten"][0]) == {
        "id",
        "naam",
        "organisatie",
        "organisatieId",
        "functie",
        "telefoon",
    }
    assert AccessEvent.objects.filter(action="professional.list").count() == 1


def test_the_directory_searches_by_name_organisation_and_district(api, involved, colleague):
    colleague.user.last_name = "Zoekbaar"
    colleague.user.save()
    by_name = api(involved).get("/api/v1/professionals?naam=zoekb").json()["resultaten"]
    assert [row["id"] for row in by_name] == [str(colleague.pk)]
    by_org = (
        api(involved)
        .get(f"/api/v1/professionals?organisatie={colleague.organisation_id}")
        .json()["resultaten"]
    )
    assert [row["id"] for row in by_org] == [str(colleague.pk)]
    district = f.DistrictFactory(municipality__region=involved.organisation.region)
    involved.districts.add(district)
    by_district = api(involved).get(f"/api/v1/professionals?wijk={district.pk}").json()
    assert [row["id"] for row in by_district["resultaten"]] == [str(involved.pk)]


def test_a_malformed_directory_filter_is_a_400(api, involved):
    response = api(involved).get("/api/v1/professionals?organisatie=abc")
    assert_problem(response, 400)
    assert invalid_names(response) == {"organisatie"}


def test_municipalities_and_districts_of_the_own_region(api, involved, municipality):
    other = f.MunicipalityFactory(name="Ver Weg")
    district = f.DistrictFactory(municipality=municipality, name="Centrum")
    f.DistrictFactory(municipality=other, name="Elders")
    names = [row["naam"] for row in api(involved).get("/api/v1/gemeenten").json()["resultaten"]]
    assert "Testdorp" in names and "Ver Weg" not in names
    rows = api(involved).get(f"/api/v1/wijken?gemeente={municipality.pk}").json()["resultaten"]
    assert [row["id"] for row in rows] == [str(district.pk)]
    assert [r["naam"] for r in api(involved).get("/api/v1/wijken").json()["resultaten"]] == [
        "Centrum"
    ]
