"""The dossier pages end to end over HTTP, with the personas of the root conftest."""

import datetime
import json

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.households import services
from ketenkaart.households.models import (
    CourtMeasure,
    Handover,
    HandoverOffer,
    Household,
    Involvement,
    LegalBasis,
    MeasureType,
    Member,
    MemberRole,
    Person,
)
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.django_db

VALID_BSN = "111222333"


def dossier_url(household):
    return reverse("households:detail", kwargs={"household_id": household.pk})


def url(name, household, **kwargs):
    return reverse(f"households:{name}", kwargs={"household_id": household.pk, **kwargs})


@pytest.fixture
def as_user(client):
    def login(professional):
        client.force_login(professional.user)
        return client

    return login


@pytest.fixture
def measure(household, child, involved):
    return f.CourtMeasureFactory(household=household, child=child, recorded_by=involved)


@pytest.fixture
def local_colleague(household, local_team):
    """A second wijkcoach of the local team, not yet involved."""
    return f.ProfessionalFactory(
        user__username="wijkcoach-twee", organisation=local_team, role=Role.YOUTH_PROFESSIONAL
    )


def lead_of(household):
    return Involvement.objects.get(household=household, is_lead=True).professional


# Reading the dossier


def test_the_regisseur_sees_the_dossier(as_user, involved, colleague, household):
    response = as_user(involved).get(dossier_url(household))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Gezin De Vries" in content
    assert "Noor De Vries" in content
    assert "Wie kunt u bellen" in content
    assert escape(involved.display_name) in content
    assert colleague.phone in content
    assert "Vrijwillig kader" in content
    assert "******" in content
    assert household.members.first().person.bsn not in content


def test_a_vt_colleague_of_another_organisation_sees_the_dossier(as_user, colleague, household):
    response = as_user(colleague).get(dossier_url(household))
    assert response.status_code == 200
    assert "Noor De Vries" in response.content.decode()


def test_the_dossier_shows_measures_and_the_court_ordered_frame(
    as_user, involved, household, measure
):
    content = as_user(involved).get(dossier_url(household)).content.decode()
    assert "Gedwongen kader" in content
    assert "Ondertoezichtstelling (OTS)" in content
    assert measure.ends_on.strftime("%d-%m-%Y") in content
    assert url("measure_extend", household, measure_id=measure.pk) in content


def test_the_dossier_warns_well_ahead_of_a_measure_ending(as_user, involved, household, child):
    today = timezone.localdate()
    f.CourtMeasureFactory(
        household=household,
        child=child,
        starts_on=today - datetime.timedelta(days=300),
        ends_on=today + datetime.timedelta(days=30),
        recorded_by=involved,
    )
    content = as_user(involved).get(dossier_url(household)).content.decode()
    assert "vraag verlenging op tijd aan" in content


# Nobody else


@pytest.fixture
def family_pages(household, measure):
    names = ["detail", "member_add", "involvement_add", "hand_over", "measure_add", "access_log"]
    pages = [url(name, household) for name in names]
    pages += [
        url("measure_extend", household, measure_id=measure.pk),
        url("measure_end", household, measure_id=measure.pk),
    ]
    return pages


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_outsider_gets_404_for_every_family_page(
    as_user, outsider, involved, household, family_pages, method
):
    client = as_user(outsider)
    before = (Member.objects.count(), Involvement.objects.count(), Handover.objects.count())
    for page in family_pages:
        response = getattr(client, method)(page, {"reason": "x", "professional": outsider.pk})
        # The detail and log pages only answer GET; the gate still answers 404 before that.
        assert response.status_code in (404, 405), page
        if response.status_code == 405:
            assert method == "post"
            continue
        assert response.status_code == 404, page
    assert (Member.objects.count(), Involvement.objects.count(), Handover.objects.count()) == before
    assert lead_of(household) == involved


def test_the_outsider_gets_404_for_every_family_page_and_is_audited(
    as_user, outsider, household, family_pages
):
    client = as_user(outsider)
    for page in family_pages:
        assert client.get(page).status_code == 404
    denied = AccessEvent.objects.filter(
        household_id=household.pk, actor_user_id=outsider.user.pk, outcome=Outcome.DENIED
    )
    # The measure pages are refused by the gate before the measure is looked up.
    assert denied.count() == len(family_pages)


def test_a_household_that_does_not_exist_answers_404_like_one_not_visible(as_user, involved):
    missing = reverse(
        "households:detail", kwargs={"household_id": "00000000-0000-4000-8000-000000000000"}
    )
    assert as_user(involved).get(missing).status_code == 404


def test_police_gets_404_and_an_empty_list(as_user, police, household, involved):
    client = as_user(police)
    assert client.get(dossier_url(household)).status_code == 404
    response = client.get(reverse("households:mine"))
    assert response.status_code == 200
    assert response.context["total"] == 0
    assert "Gezin De Vries" not in response.content.decode()
    assert client.get(reverse("households:create")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, household):
    response = client.get(dossier_url(household))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# Audit and toegangslog


def test_every_dossier_read_leaves_an_audit_row_and_the_toegangslog_shows_it(
    client, involved, colleague, household
):
    reads = AccessEvent.objects.filter(
        household_id=household.pk, actor_user_id=colleague.user.pk, action="household.read"
    )
    client.force_login(colleague.user)
    client.get(dossier_url(household))
    client.get(dossier_url(household))
    assert reads.count() == 2
    assert set(reads.values_list("legal_basis", flat=True)) == {"involvement"}

    client.force_login(involved.user)
    response = client.get(url("access_log", household))
    assert response.status_code == 200
    content = response.content.decode()
    assert escape(colleague.display_name) in content
    assert "Veilig Thuis Test" in content
    assert "Dossier bekeken" in content
    assert "Betrokken bij het gezin" in content
    assert AccessEvent.objects.filter(
        household_id=household.pk, actor_user_id=involved.user.pk, action="access_log.read"
    ).exists()


def test_only_the_regisseur_gets_a_link_to_the_toegangslog(as_user, involved, colleague, household):
    log = url("access_log", household)
    assert log in as_user(involved).get(dossier_url(household)).content.decode()
    client = as_user(colleague)
    assert log not in client.get(dossier_url(household)).content.decode()
    assert client.get(log).status_code == 404


def test_the_privacy_officer_of_the_region_reads_the_toegangslog(
    as_user, privacy_officer, involved, household
):
    response = as_user(privacy_officer).get(url("access_log", household))
    assert response.status_code == 200
    assert "Privacy officer van de regio" in response.content.decode()


def test_the_toegangslog_is_paginated(as_user, involved, colleague, household):
    client = as_user(colleague)
    for _ in range(55):
        client.get(dossier_url(household))
    client = as_user(involved)
    first = client.get(url("access_log", household))
    assert len(first.context["rows"]) == 50
    second = client.get(url("access_log", household), {"pagina": 2})
    assert len(second.context["rows"]) >= 5


# Regie


def test_a_handover_asks_reviews_and_moves_only_when_accepted_so_there_are_never_two(
    as_user, involved, local_colleague, household
):
    form = {"professional": local_colleague.pk, "reason": "Wijkcoach gaat met verlof."}
    review = as_user(involved).post(url("hand_over", household), form)
    assert review.status_code == 200
    assert "Controleer de overdracht" in review.content.decode()
    assert lead_of(household) == involved  # the review changes nothing

    sent = as_user(involved).post(url("hand_over", household), {**form, "stap": "bevestigen"})
    assert sent.status_code == 302
    assert sent.url == dossier_url(household)
    assert lead_of(household) == involved  # still the regisseur until it is accepted
    offer = HandoverOffer.objects.get(household=household)

    accepted = as_user(local_colleague).post(
        reverse("households:offer", kwargs={"offer_id": offer.pk}), {"besluit": "aanvaarden"}
    )
    assert accepted.status_code == 302
    leads = Involvement.objects.filter(household=household, is_lead=True)
    assert [i.professional for i in leads] == [local_colleague]
    content = as_user(involved).get(dossier_url(household)).content.decode()
    assert "Wijkcoach gaat met verlof." in content
    assert (
        f"Regie overgedragen van {involved.display_name} aan {local_colleague.display_name}"
        in content
    )


def test_adding_an_involvement_never_makes_a_second_regisseur(
    as_user, involved, local_colleague, household
):
    parent = household.members.get(role=MemberRole.PARENT)
    parent.has_custody = True
    parent.save()
    response = as_user(involved).post(
        url("involvement_add", household),
        {
            "professional": local_colleague.pk,
            "role_in_family": "Gezinscoach",
            "legal_basis": LegalBasis.CONSENT,
            "consented_by": [parent.person_id],
        },
    )
    assert response.status_code == 302
    assert Involvement.objects.filter(household=household, is_lead=True).count() == 1
    assert (
        Involvement.objects.get(household=household, professional=local_colleague).role_in_family
        == "Gezinscoach"
    )


def test_a_handover_to_a_gi_without_an_active_measure_is_refused_and_nothing_changes(
    as_user, involved, jeugdbeschermer, household
):
    handovers = Handover.objects.count()
    response = as_user(involved).post(
        url("hand_over", household),
        {"professional": jeugdbeschermer.pk, "reason": "OTS verwacht."},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "de regie kan alleen naar een gecertificeerde instelling" in content
    assert 'href="#id_professional"' in content  # the error summary links to the field
    assert "OTS verwacht." in content  # what was typed is kept
    assert lead_of(household) == involved
    assert Handover.objects.count() == handovers
    assert not Involvement.objects.filter(
        household=household, professional=jeugdbeschermer
    ).exists()


def test_a_handover_needs_a_reason(as_user, involved, local_colleague, household):
    response = as_user(involved).post(
        url("hand_over", household), {"professional": local_colleague.pk, "reason": ""}
    )
    assert response.status_code == 200
    assert "Vul dit veld in." in response.content.decode()
    assert lead_of(household) == involved


# Members


def test_an_invalid_bsn_is_refused_with_a_clear_message_and_nothing_is_stored(
    as_user, involved, household
):
    persons, members = Person.objects.count(), Member.objects.count()
    response = as_user(involved).post(
        url("member_add", household),
        {
            "given_names": "Sem",
            "surname": "De Vries",
            "birth_date": "2019-04-02",
            "bsn": "123456789",
            "role": MemberRole.CHILD,
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Dit is geen geldig BSN. Controleer de negen cijfers." in content
    assert 'aria-describedby="id_bsn_helptext id_bsn_error"' in content
    assert 'value="Sem"' in content
    assert 'value="2019-04-02"' in content
    assert (Person.objects.count(), Member.objects.count()) == (persons, members)


def test_a_member_is_added_and_shows_on_the_dossier(as_user, involved, household):
    client = as_user(involved)
    response = client.post(
        url("member_add", household),
        {
            "given_names": "Sem",
            "surname": "De Vries",
            "birth_date": "2019-04-02",
            "bsn": VALID_BSN,
            "role": MemberRole.CHILD,
        },
    )
    assert response.status_code == 302
    content = client.get(dossier_url(household)).content.decode()
    assert "Sem De Vries" in content
    assert "******333" in content
    assert VALID_BSN not in content
    assert "Gezinslid toegevoegd: Sem De Vries (Kind)" in content


def test_a_read_only_emergency_reader_cannot_open_the_forms(as_user, outsider, household):
    from ketenkaart.access.models import EmergencyAccess

    EmergencyAccess.objects.create(
        household=household,
        professional=outsider,
        reason="Acute zorg, regisseur onbereikbaar.",
        granted_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    client = as_user(outsider)
    assert client.get(dossier_url(household)).status_code == 200
    assert client.get(url("member_add", household)).status_code == 403
    response = client.post(
        url("member_add", household), {"given_names": "X", "surname": "Y", "role": "other"}
    )
    assert response.status_code == 403
    assert not Person.objects.filter(given_names="X").exists()


# Court measures


def test_a_measure_with_a_gi_jeugdbeschermer_moves_regie_to_the_gi(
    as_user, involved, jeugdbeschermer, household, child
):
    today = timezone.localdate()
    response = as_user(involved).post(
        url("measure_add", household),
        {
            "child": child.pk,
            "type": MeasureType.SUPERVISION,
            "starts_on": today.isoformat(),
            "ends_on": (today + datetime.timedelta(days=300)).isoformat(),
            "court": "Rechtbank Gelderland",
            "lead_to": jeugdbeschermer.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert lead_of(household) == jeugdbeschermer
    content = as_user(jeugdbeschermer).get(dossier_url(household)).content.decode()
    assert "Gedwongen kader" in content
    assert "Regie naar de gecertificeerde instelling" in content


def test_a_measure_longer_than_the_law_allows_is_refused_at_the_end_date(
    as_user, involved, household, child
):
    today = timezone.localdate()
    response = as_user(involved).post(
        url("measure_add", household),
        {
            "child": child.pk,
            "type": MeasureType.PROVISIONAL_SUPERVISION,
            "starts_on": today.isoformat(),
            "ends_on": (today + datetime.timedelta(days=200)).isoformat(),
            "court": "Rechtbank Gelderland",
        },
    )
    assert response.status_code == 200
    assert "langer dan de wet toestaat" in response.content.decode()
    assert 'id="id_ends_on_error"' in response.content.decode()
    assert not CourtMeasure.objects.filter(household=household).exists()


def test_a_measure_is_extended_and_ended(as_user, involved, household, measure):
    client = as_user(involved)
    new_end = measure.ends_on + datetime.timedelta(days=200)
    response = client.post(
        url("measure_extend", household, measure_id=measure.pk),
        {"ends_on": new_end.isoformat(), "court": ""},
    )
    assert response.status_code == 302
    extension = CourtMeasure.objects.get(extends=measure)
    assert extension.ends_on == new_end
    response = client.post(
        url("measure_end", household, measure_id=extension.pk),
        {"ended_on": extension.starts_on.isoformat(), "reason": ""},
    )
    assert response.status_code == 302
    extension.refresh_from_db()
    assert extension.ended_on == extension.starts_on


def test_ending_the_last_measure_under_gi_regie_asks_who_gets_regie_back(
    as_user, involved, jeugdbeschermer, household, measure
):
    client = as_user(involved)
    services.lead_hand_over(by=involved, household=household, to=jeugdbeschermer, reason="OTS")
    assert lead_of(household) == jeugdbeschermer
    client = as_user(jeugdbeschermer)
    end_url = url("measure_end", household, measure_id=measure.pk)
    response = client.post(end_url, {"ended_on": timezone.localdate().isoformat()})
    assert response.status_code == 200
    assert "kies de professional van het lokale team" in response.content.decode()
    measure.refresh_from_db()
    assert measure.ended_on is None
    response = client.post(
        end_url, {"ended_on": timezone.localdate().isoformat(), "lead_to": involved.pk}
    )
    assert response.status_code == 302
    assert lead_of(household) == involved


# Search before create


def search(client, **data):
    return client.post(reverse("households:create"), data)


def test_search_before_create_finds_an_existing_household_by_bsn(
    as_user, involved, household, child
):
    response = search(as_user(involved), bsn=child.bsn)
    assert response.status_code == 200
    content = response.content.decode()
    assert dossier_url(household) in content
    assert "Gezin De Vries" in content
    assert "Zelfde BSN" in content


def test_search_finds_a_household_the_user_cannot_see_but_shows_only_the_regisseur_contact(
    as_user, outsider, involved, household, child
):
    response = search(as_user(outsider), bsn=child.bsn)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Er bestaat al een gezin met deze gegevens." in content
    assert escape(involved.display_name) in content
    assert "Wijkteam Testdorp" in content
    assert involved.phone in content
    assert "De Vries" not in content
    assert "Noor" not in content
    assert dossier_url(household) not in content
    assert child.bsn not in content  # not even the typed BSN is echoed back


def test_search_is_audited_without_its_terms(as_user, outsider, household, child):
    search(as_user(outsider), bsn=child.bsn, surname="De Vries", birth_date="2015-01-01")
    event = AccessEvent.objects.get(action="person.search", actor_user_id=outsider.user.pk)
    assert event.outcome == Outcome.ALLOWED
    rows = AccessEvent.objects.filter(actor_user_id=outsider.user.pk)
    dumped = json.dumps([model_to_dict(row) for row in rows], default=str)
    assert child.bsn not in dumped
    assert "Vries" not in dumped
    assert "2015" not in dumped
    # The family itself sees in its toegangslog that it was found.
    assert rows.filter(action="household.search_match", household_id=household.pk).exists()


def test_search_finds_a_household_by_surname_and_birth_date(as_user, involved, household, child):
    response = search(
        as_user(involved), surname="de vries", birth_date=child.birth_date.isoformat()
    )
    assert dossier_url(household) in response.content.decode()


def test_search_refuses_an_invalid_bsn_or_no_terms(as_user, involved):
    client = as_user(involved)
    assert "Dit is geen geldig BSN" in search(client, bsn="123456789").content.decode()
    assert "Vul een BSN in, of een achternaam" in search(client, surname="Jansen").content.decode()
    assert not AccessEvent.objects.filter(action="person.search").exists()


def test_creating_a_household_needs_a_search_first(as_user, involved):
    response = as_user(involved).get(reverse("households:create"), {"stap": "gegevens"})
    assert response.status_code == 302
    assert response.url == reverse("households:create")


def test_a_household_is_created_after_the_search_and_its_creator_leads(
    as_user, involved, municipality
):
    client = as_user(involved)
    search(client, bsn=VALID_BSN)
    step_two = reverse("households:create") + "?stap=gegevens"
    assert client.get(step_two).status_code == 200
    response = client.post(
        step_two,
        {
            "name": "Gezin Bakker",
            "municipality": municipality.pk,
            "role_in_family": "Gezinscoach",
            "legal_basis": LegalBasis.CONSENT,
        },
    )
    household = Household.objects.get(name="Gezin Bakker")
    assert response.status_code == 302
    assert response.url == dossier_url(household)
    assert lead_of(household) == involved
    # The search is used up: the next family needs a new search.
    assert client.get(step_two).status_code == 302


# Login and layout


def test_the_login_page_shows_the_demo_notice_only_in_demo_mode(client, settings):
    settings.DEMO_MODE = False
    content = client.get(reverse("login")).content.decode()
    assert "Dit is een demo" not in content
    assert "<code>demo</code>" not in content

    settings.DEMO_MODE = True
    content = client.get(reverse("login")).content.decode()
    assert "Dit is een demo" in content
    assert "Het wachtwoord van elk demo-account is <code>demo</code>." in content


def test_logging_in_leads_to_the_overview_and_logging_out_needs_a_post(client, involved, household):
    response = client.post(
        reverse("login"), {"username": "wijkcoach-test", "password": "geheim-wachtwoord"}
    )
    assert response.status_code == 302
    assert response.url == reverse("start")
    assert "Overzicht" in client.get(response.url).content.decode()
    content = client.get(reverse("households:mine")).content.decode()
    assert "Gezin De Vries" in content
    assert 'lang="nl"' in content
    assert 'href="#inhoud"' in content
    assert "Wijkteam Testdorp" in content
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("households:mine")).status_code == 302


def test_a_wrong_password_gets_a_dutch_message(client, involved):
    response = client.post(reverse("login"), {"username": "wijkcoach-test", "password": "fout"})
    assert response.status_code == 200
    assert "De gebruikersnaam of het wachtwoord klopt niet." in response.content.decode()


def test_my_households_shows_the_warning_when_many_are_involved_and_nobody_leads(
    as_user, colleague, household, involved
):
    Involvement.objects.filter(household=household, is_lead=True).update(is_lead=False)
    f.InvolvementFactory(household=household)
    content = as_user(colleague).get(reverse("households:mine")).content.decode()
    assert "Geen regisseur" in content
    assert "niemand heeft de regie" in content


# Query counts


def bulk_households(n, *, lead, municipality):
    """n households led by `lead`, each with a parent and a child, inserted in bulk."""
    households = Household.objects.bulk_create(
        [
            Household(
                name=f"Gezin Volume {i:04d}",
                region_id=municipality.region_id,
                municipality=municipality,
            )
            for i in range(n)
        ]
    )
    persons = Person.objects.bulk_create(
        [Person(given_names=f"P{i}", surname="Volume") for i in range(2 * n)]
    )
    Member.objects.bulk_create(
        [
            Member(household=h, person=persons[2 * i + k], role=role)
            for i, h in enumerate(households)
            for k, role in enumerate((MemberRole.PARENT, MemberRole.CHILD))
        ]
    )
    Involvement.objects.bulk_create(
        [
            Involvement(
                household=h,
                professional=lead,
                organisation=lead.organisation,
                role_in_family="Gezinscoach",
                legal_basis=LegalBasis.CONSENT,
                started_on=timezone.localdate(),
                is_lead=True,
            )
            for h in households
        ]
    )
    return households


def enrich(household, child, lead):
    """Make the dossier itself much fuller: more members, people involved, measures, handovers."""
    for _ in range(15):
        f.MemberFactory(household=household, role=MemberRole.CHILD)
    for _ in range(15):
        f.InvolvementFactory(household=household)
    for _ in range(5):
        f.CourtMeasureFactory(household=household, child=child, recorded_by=lead)
        Handover.objects.create(
            household=household,
            from_professional=lead,
            to_professional=lead,
            reason="Volume",
            occurred_at=timezone.now(),
            recorded_by=lead,
        )


def count_queries(client, page):
    with CaptureQueriesContext(connection) as context:
        response = client.get(page)
    assert response.status_code == 200
    return len(context)


def test_my_households_needs_as_many_queries_for_1000_households_as_for_10(
    as_user, involved, municipality
):
    client = as_user(involved)
    page = reverse("households:mine")
    bulk_households(9, lead=involved, municipality=municipality)
    client.get(page)  # warm up: session and stream heads exist from here on
    few = count_queries(client, page)
    bulk_households(990, lead=involved, municipality=municipality)
    many = count_queries(client, page)
    assert few == many
    response = client.get(page)
    assert response.context["total"] == 1000


def test_the_dossier_needs_as_many_queries_for_1000_households_as_for_10(
    as_user, involved, household, child, municipality
):
    client = as_user(involved)
    page = dossier_url(household)
    bulk_households(9, lead=involved, municipality=municipality)
    client.get(page)
    few = count_queries(client, page)
    bulk_households(990, lead=involved, municipality=municipality)
    enrich(household, child, involved)
    many = count_queries(client, page)
    assert few == many


def test_the_toegangslog_needs_as_many_queries_for_many_readers_as_for_one(
    as_user, involved, household
):
    client = as_user(involved)
    page = url("access_log", household)
    client.get(page)
    few = count_queries(client, page)
    for _ in range(30):
        reader = f.InvolvementFactory(household=household).professional
        client.force_login(reader.user)
        client.get(dossier_url(household))
    client.force_login(involved.user)
    many = count_queries(client, page)
    assert few == many
