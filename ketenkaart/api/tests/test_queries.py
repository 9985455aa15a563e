"""The number of SQL queries per request does not grow with the data."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ketenkaart.api.tests.conftest import url
from ketenkaart.demo.synthetic import synthetic_bsn
from ketenkaart.households.models import Household, Involvement, LegalBasis, Member, Person


def add_households(professional, municipality, count: int, start: int) -> None:
    """`count` households the professional is involved in, each with two members (bulk)."""
    households = Household.objects.bulk_create(
        Household(
            name=f"Gezin {start + n}", region_id=municipality.region_id, municipality=municipality
        )
        for n in range(count)
    )
    persons = Person.objects.bulk_create(
        Person(
            given_names="Kind",
            surname=f"Achternaam{start + n}",
            bsn=synthetic_bsn(500_000 + start * 2 + n),
            birth_date=datetime.date(2015, 1, 1),
        )
        for n in range(count * 2)
    )
    Member.objects.bulk_create(
        Member(household=h, person=p, role="child")
        for h, p in zip(households * 2, persons, strict=True)
    )
    Involvement.objects.bulk_create(
        Involvement(
            household=h,
            professional=professional,
            organisation=professional.organisation,
            role_in_family="Wijkcoach",
            legal_basis=LegalBasis.CONSENT,
            started_on=timezone.localdate(),
        )
        for h in households
    )


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(context.captured_queries)


def test_the_list_costs_the_same_queries_for_10_and_1000_households(api, involved, municipality):
    client = api(involved)
    add_households(involved, municipality, 9, start=0)
    with_10 = count_queries(client, "/api/v1/gezinnen")

    add_households(involved, municipality, 990, start=10)
    with_1000 = count_queries(client, "/api/v1/gezinnen")

    assert with_10 == with_1000


def test_the_dossier_costs_the_same_queries_for_10_and_1000_households(
    api, household, involved, colleague, measure, municipality
):
    client = api(involved)
    add_households(involved, municipality, 9, start=0)
    with_10 = count_queries(client, url(household))

    add_households(involved, municipality, 990, start=10)
    add_households(colleague, municipality, 5, start=2000)
    with_1000 = count_queries(client, url(household))

    assert with_10 == with_1000


def test_the_dossier_costs_the_same_queries_for_a_small_and_a_large_family(
    api, household, involved, municipality, region
):
    from ketenkaart.testing import factories as f

    client = api(involved)
    small = count_queries(client, url(household))

    for _ in range(10):
        f.MemberFactory(household=household)
        f.InvolvementFactory(household=household, professional=f.ProfessionalFactory())
    large = count_queries(client, url(household))

    assert small == large


def test_the_toegangslog_costs_the_same_queries_for_few_and_many_rows(
    api, household, involved, colleague
):
    client = api(involved)
    few = count_queries(client, url(household, "/toegangslog"))

    reader = api(colleague)
    for _ in range(55):
        reader.get(url(household))
    many = count_queries(client, url(household, "/toegangslog"))

    assert few == many
