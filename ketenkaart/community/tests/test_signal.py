"""Issue 14: a consult converted to a signal (signaal) with the family named. Only then is
family data recorded, and audited as such; the signal carries no data the consult did not
have besides what the asker names now. Read by the asker and the contact only."""

import datetime

from django.urls import reverse

from ketenkaart.audit.models import AccessEvent
from ketenkaart.community import services, signalling
from ketenkaart.community.models import Consult, ConsultStatus, Signal
from ketenkaart.community.tests.conftest import QUESTION
from ketenkaart.households.models import Household, LegalBasis, Person
from ketenkaart.notifications.models import Notification
from ketenkaart.reports.models import MeldcodeTrail

NAMED = {
    "child_given_names": "Sam",
    "child_surname": "Voorbeeld",
    "child_birth_date": "2016-04-01",
    "parent_name": "",
    "consent": "on",
}


def _post(client, consult, data=NAMED):
    return client.post(reverse("community:signal_create", kwargs={"consult_id": consult.pk}), data)


def test_a_signal_carries_no_data_the_consult_did_not_have(client, consult, teacher, contact):
    services.consult_reply(by=contact, consult=consult, text="Praat eerst met de ouders.")
    households, persons = Household.objects.count(), Person.objects.count()
    # Before: no row of the log names a signal or a basis for this consult.
    assert not AccessEvent.objects.filter(object_type="signal").exists()
    client.force_login(teacher.user)
    response = _post(client, consult)
    assert response.status_code == 302
    signal = Signal.objects.get()
    # What the consult had, plus what the asker names now; nothing else.
    assert signal.worry == QUESTION
    assert "Praat eerst met de ouders." in signal.thread
    assert (signal.child_given_names, signal.child_surname) == ("Sam", "Voorbeeld")
    assert signal.child_birth_date == datetime.date(2016, 4, 1)
    assert signal.parent_name == ""
    assert (signal.raised_by, signal.contact) == (teacher, contact)
    # No dossier, person or trail is made from it; the consult itself stays nameless.
    assert (Household.objects.count(), Person.objects.count()) == (households, persons)
    assert not MeldcodeTrail.objects.exists()
    consult = Consult.objects.get(pk=consult.pk)
    assert consult.status == ConsultStatus.SIGNALLED and consult.trail_id is None
    assert "Voorbeeld" not in consult.question
    # From here on audited as family data, with the basis of the share.
    raised = AccessEvent.objects.get(action="signal.raised")
    assert raised.object_id == str(signal.pk) and raised.legal_basis == LegalBasis.CONSENT
    assert Notification.objects.filter(recipient=contact).exists()
    assert "Voorbeeld" not in Notification.objects.get(recipient=contact).title


def test_without_consent_or_a_name_nothing_is_recorded(client, consult, teacher):
    client.force_login(teacher.user)
    response = _post(client, consult, {**NAMED, "consent": ""})
    assert response.status_code == 400
    assert "consent" in response.context["signal_form"].errors
    response = _post(client, consult, {**NAMED, "child_surname": ""})
    assert "child_surname" in response.context["signal_form"].errors
    assert not Signal.objects.exists()
    assert Consult.objects.get(pk=consult.pk).status == ConsultStatus.OPEN


def test_only_the_asker_signals_once(client, consult, teacher, contact, involved):
    for who, status in ((contact, 400), (involved, 404)):
        client.force_login(who.user)
        assert _post(client, consult).status_code == status
    assert not Signal.objects.exists()
    signalling.consult_convert_to_signal(
        by=teacher, consult=consult, child_given_names="Sam", child_surname="Voorbeeld"
    )
    client.force_login(teacher.user)
    assert _post(client, consult).status_code == 400
    assert Signal.objects.count() == 1
    # A signalled consult takes no new messages and no trail.
    assert client.post(f"/consulten/{consult.pk}/meldcode", {"subject": "x"}).status_code == 400
    assert not MeldcodeTrail.objects.exists()


def test_the_signal_is_read_by_asker_and_contact_only(client, consult, teacher, contact, involved):
    signal = signalling.consult_convert_to_signal(
        by=teacher, consult=consult, child_given_names="Sam", child_surname="Voorbeeld"
    )
    url = reverse("community:signal", kwargs={"signal_id": signal.pk})
    for who in (teacher, contact):
        client.force_login(who.user)
        response = client.get(url)
        assert response.status_code == 200 and "Voorbeeld" in response.content.decode()
    client.force_login(involved.user)
    response = client.get(url)
    assert response.status_code == 404 and "Voorbeeld" not in response.content.decode()
    assert AccessEvent.objects.filter(action="signal.read", outcome="denied").count() == 1
    assert AccessEvent.objects.filter(action="signal.read", outcome="allowed").count() == 2
