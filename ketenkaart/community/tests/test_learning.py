"""Issue 14: the leerwerkgemeenschap. Readable by its members only (a colleague of another
organisation who is no member and an outsider get 404); cases pseudonymised: a text with a
name of a family of the district or a BSN is refused and nothing is stored."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketenkaart.api.tests.conftest import Api
from ketenkaart.audit.models import AccessEvent
from ketenkaart.community import learning
from ketenkaart.community.models import LearningCase, LearningSession
from ketenkaart.core.errors import DomainError
from ketenkaart.testing import factories as f

TODAY = datetime.date.today()


@pytest.fixture
def group(household, district, involved, teacher, contact):
    """The project group of the family's district: the wijkcoach, a teacher, the contact."""
    household.district = district
    household.save(update_fields=["district"])
    return learning.learning_community_create(
        name="Leerwerkgemeenschap Oost",
        district=district,
        members=[involved, teacher, contact],
    )


def _data(group, **extra):
    return {
        "held_on": TODAY.isoformat(),
        "theory": "De vier buffers van ouderschap",
        "attendees": [str(p.pk) for p in group.members.all()],
        "notes": "",
        "case_1_pseudonym": "Moeder van een tweeling",
        "case_1_discussion": "Hoe zeg je 'ik zie dat het niet goed met je gaat'?",
        "case_1_organised": "Opvang gaat mee naar het consultatiebureau.",
        **extra,
    }


def _url(name, group):
    return reverse(f"community:{name}", kwargs={"community_id": group.pk})


def test_a_member_records_a_session_with_a_pseudonymised_case(client, group, teacher):
    client.force_login(teacher.user)
    assert client.get(_url("learning_session_add", group)).status_code == 200
    response = client.post(_url("learning_session_add", group), _data(group))
    assert response.status_code == 302, response.context["form"].errors
    session = LearningSession.objects.get()
    assert session.attendees.count() == 3
    assert session.cases.get().pseudonym == "Moeder van een tweeling"
    page = client.get(_url("learning_community", group)).content.decode()
    assert "Opvang gaat mee naar het consultatiebureau." in page
    assert AccessEvent.objects.filter(action="learning_session.recorded").count() == 1


@pytest.mark.parametrize(
    "field,value",
    [
        ("case_1_pseudonym", "Familie {surname}"),
        ("case_1_discussion", "Moeder ({given}) vertelde over de schulden"),
        ("notes", "BSN 111222333 nagevraagd"),
        ("theory", "{surname}"),
    ],
)
def test_a_name_of_a_district_family_or_a_bsn_is_refused_and_nothing_stored(
    client, group, teacher, child, field, value
):
    client.force_login(teacher.user)
    text = value.format(surname=child.surname, given=child.given_names.split()[0])
    response = client.post(_url("learning_session_add", group), _data(group, **{field: text}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not LearningSession.objects.exists() and not LearningCase.objects.exists()


def test_attendance_is_the_fixed_membership_only(client, group, teacher, outsider):
    client.force_login(teacher.user)
    data = _data(group)
    data["attendees"] = [*data["attendees"], str(outsider.pk)]
    response = client.post(_url("learning_session_add", group), data)
    assert response.status_code == 200 and "attendees" in response.context["form"].errors
    assert not LearningSession.objects.exists()


def test_only_members_read_it(client, group, colleague, outsider):
    """A colleague of another organisation, involved with a family of the district but no
    member, and an outsider: 404 on every page, audited; the list shows them nothing."""
    for who in (colleague, outsider):
        client.force_login(who.user)
        for name in ("learning_community", "learning_session_add"):
            assert client.get(_url(name, group)).status_code == 404
        assert client.post(_url("learning_session_add", group), _data(group)).status_code == 404
        listing = client.get(reverse("community:learning_communities")).content.decode()
        assert group.name not in listing
        detail = reverse("api:learning-community", kwargs={"leerwerkgemeenschap": group.pk})
        assert Api(who.user).get(detail).status_code == 404
    assert not LearningSession.objects.exists()
    assert (
        AccessEvent.objects.filter(action="learning_community.read", outcome="denied").count() >= 4
    )


def test_the_api_records_and_reads_a_session(group, involved, child):
    url = reverse("api:learning-sessions", kwargs={"leerwerkgemeenschap": group.pk})
    body = {
        "datum": TODAY.isoformat(),
        "theorie": "Het ouderlijk werkvloer",
        "aanwezig": [str(involved.pk)],
        "casussen": [{"schuilnaam": f"Gezin {child.surname}", "besproken": "x"}],
    }
    response = Api(involved.user).post(url, body)
    assert response.status_code == 400 and "casussen" in str(response.json())
    assert not LearningSession.objects.exists()
    response = Api(involved.user).post(url, {"datum": "gisteren"})
    assert response.status_code == 400
    assert all(k in str(response.json()) for k in ("datum", "theorie", "aanwezig"))
    body["casussen"] = [{"schuilnaam": "Vader op de wachtlijst", "besproken": "Houding"}]
    response = Api(involved.user).post(url, body)
    assert response.status_code == 201, response.content
    detail = Api(involved.user).get(
        reverse("api:learning-community", kwargs={"leerwerkgemeenschap": group.pk})
    )
    assert detail.json()["bijeenkomsten"][0]["casussen"][0]["schuilnaam"] == (
        "Vader op de wachtlijst"
    )
    listing = Api(involved.user).get(reverse("api:learning-communities")).json()
    assert [c["id"] for c in listing["resultaten"]] == [str(group.pk)]


def test_the_page_costs_the_same_queries_for_1_and_8_sessions(client, group, involved):
    members = list(group.members.all())

    def add(day):
        learning.learning_session_record(
            by=involved, community=group, held_on=day, theory="Theorie",
            attendees=members, cases=[learning.CaseInput("Casus", "Besproken")],
        )  # fmt: skip

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(_url("learning_community", group)).status_code == 200
        return len(context.captured_queries)

    client.force_login(involved.user)
    add(TODAY)
    one = queries()
    for n in range(1, 8):
        add(TODAY - datetime.timedelta(days=30 * n))
    assert queries() == one


def test_a_member_of_another_region_cannot_be_added(district, involved):
    elsewhere = f.ProfessionalFactory()
    with pytest.raises(DomainError) as error:
        learning.learning_community_create(
            name="X", district=district, members=[involved, elsewhere]
        )
    assert error.value.field == "members"
