"""The neighbourhood guide and the consult over HTTP and through the services: who sees what,
constant queries on the guide, and a conversion that carries no data the consult did not have."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.community import selectors, services
from ketenkaart.community.models import Consult, ConsultStatus, GuideEntry, Subject
from ketenkaart.community.tests.conftest import QUESTION
from ketenkaart.core.errors import DomainError
from ketenkaart.reports.models import MeldcodeTrail
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.django_db
# -- the guide ---------------------------------------------------------------------------------


def test_every_professional_of_the_region_reads_the_guide(client, teacher, district, contact):
    client.force_login(teacher.user)

    html = client.get(f"/wijken/{district.pk}/gids").content.decode()

    assert "Sanne (wijkteam)" in html
    assert "dinsdag in de leraarskamer" in html
    assert AccessEvent.objects.filter(action="guide.read", object_id=str(district.pk)).exists()


def test_the_guide_of_another_region_is_a_404(client, stranger, district, contact):
    client.force_login(stranger.user)

    assert client.get(f"/wijken/{district.pk}/gids").status_code == 404
    assert AccessEvent.objects.filter(action="guide.read", outcome=Outcome.DENIED).exists()


def test_the_guide_is_searchable_by_subject_and_words(teacher, district, contact, local_team):
    services.guide_entry_save(
        by=contact,
        district=district,
        subject=Subject.SPORT,
        contact_name="Trainer Kees",
        role="Jeugdtrainer voetbal",
        phone="0612345678",
    )

    assert [e.contact_name for e in selectors.guide(district, subject=Subject.SPORT)] == [
        "Trainer Kees"
    ]
    assert [e.contact_name for e in selectors.guide(district, query="voetbal")] == ["Trainer Kees"]


def test_an_organisation_adds_its_own_entry_without_a_family_in_it(client, teacher, district):
    client.force_login(teacher.user)

    response = client.post(
        f"/wijken/{district.pk}/gids/nieuw",
        {
            "subject": "school",
            "contact_name": "Meester Ali",
            "role": "Intern begeleider",
            "phone": "0207654321",
        },
    )

    assert response.status_code == 302
    entry = GuideEntry.objects.get(contact_name="Meester Ali")
    assert entry.organisation == teacher.organisation


def test_an_entry_without_phone_or_email_is_refused_at_phone(client, teacher, district):
    client.force_login(teacher.user)

    response = client.post(
        f"/wijken/{district.pk}/gids/nieuw",
        {"subject": "school", "contact_name": "Meester Ali", "role": "Intern begeleider"},
    )

    assert "phone" in response.context["form"].errors
    assert not GuideEntry.objects.filter(contact_name="Meester Ali").exists()


def test_another_organisation_cannot_change_an_entry(teacher, district, contact):
    entry = GuideEntry.objects.get()

    with pytest.raises(DomainError):
        services.guide_entry_save(
            by=teacher,
            entry=entry,
            district=district,
            subject="school",
            contact_name="X",
            role="Y",
            phone="1",
        )

    entry.refresh_from_db()
    assert entry.contact_name == "Sanne (wijkteam)"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_guide_takes_the_same_number_of_queries_however_long(
    client, teacher, district, contact, region
):
    client.force_login(teacher.user)
    few = _queries(client, f"/wijken/{district.pk}/gids")
    for n in range(15):
        org = f.OrganisationFactory(region=region, name=f"Partner {n}")
        GuideEntry.objects.create(
            organisation=org,
            district=district,
            subject=Subject.OTHER,
            contact_name=f"Contact {n}",
            role="Partner",
            phone="0200000000",
            updated_at=timezone.now(),
        )

    assert _queries(client, f"/wijken/{district.pk}/gids") == few


# -- the consult -------------------------------------------------------------------------------


def test_the_asker_and_the_contact_see_the_consult_and_others_get_404(
    client, consult, teacher, contact, involved, stranger
):
    for professional, status in ((teacher, 200), (contact, 200), (involved, 404), (stranger, 404)):
        client.force_login(professional.user)
        assert client.get(f"/consulten/{consult.pk}").status_code == status


def test_a_consult_with_a_bsn_is_refused_and_nothing_stored(teacher, district, contact):
    with pytest.raises(DomainError) as error:
        services.consult_ask(by=teacher, district=district, question="Het gaat om 123456782.")

    assert error.value.field == "question"
    assert not Consult.objects.exists()


def test_a_consult_without_a_contact_in_the_guide_is_refused(teacher, district):
    with pytest.raises(DomainError) as error:
        services.consult_ask(by=teacher, district=district, question=QUESTION)

    assert error.value.field == "district"
    assert not Consult.objects.exists()


def test_the_contact_answers_in_the_thread(client, consult, contact):
    client.force_login(contact.user)

    client.post(f"/consulten/{consult.pk}", {"text": "Fijn dat u belt. Zullen we dinsdag praten?"})

    consult.refresh_from_db()
    assert consult.status == ConsultStatus.ANSWERED
    assert consult.messages.get().author == contact


def test_an_outsider_cannot_reply_and_nothing_changes(client, consult, involved):
    client.force_login(involved.user)

    assert client.post(f"/consulten/{consult.pk}", {"text": "Hallo"}).status_code == 404
    assert not consult.messages.exists()


def test_a_converted_consult_carries_no_data_it_did_not_have(client, consult, teacher, contact):
    services.consult_reply(by=contact, consult=consult, text="Praat eerst met de ouders.")
    client.force_login(teacher.user)

    response = client.post(f"/consulten/{consult.pk}/meldcode", {"subject": "leerling groep 5"})

    trail = MeldcodeTrail.objects.get()
    assert response.status_code == 302
    assert trail.owner == teacher
    assert trail.subject == "leerling groep 5"  # named by the asker now, not before
    assert trail.signals == QUESTION
    assert "Praat eerst met de ouders." in trail.colleague_consulted
    assert trail.conversation == "" and trail.weighing == ""
    consult.refresh_from_db()
    assert consult.status == ConsultStatus.CONVERTED
    assert consult.trail_id == trail.pk
    assert "leerling groep 5" not in consult.question
    assert AccessEvent.objects.filter(action="consult.converted").exists()


def test_only_the_asker_converts_and_nothing_changes(consult, contact):
    with pytest.raises(DomainError):
        services.consult_convert_to_trail(by=contact, consult=consult, subject="x")

    assert not MeldcodeTrail.objects.exists()
    consult.refresh_from_db()
    assert consult.status == ConsultStatus.OPEN


def test_the_monitor_counts_consults_without_their_content(consult, region):
    assert selectors.consult_counts(region.pk) == {"open": 1}
