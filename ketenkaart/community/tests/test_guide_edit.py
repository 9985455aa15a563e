"""Issue 14: each organisation edits its own guide entries on the web; another organisation of
the region gets 403 (audited) and a professional of another region 404; nothing changes."""

from django.urls import reverse

from ketenkaart.audit.models import AccessEvent
from ketenkaart.community.models import GuideEntry
from ketenkaart.testing import factories as f


def _entry_url(entry):
    return reverse(
        "community:entry_edit", kwargs={"district_id": entry.district_id, "entry_id": entry.pk}
    )


def _snapshot(entry):
    return GuideEntry.objects.filter(pk=entry.pk).values().get()


VALID = {
    "subject": "local_team",
    "contact_name": "Sanne (wijkteam)",
    "role": "Contactpersoon wijkteam",
    "phone": "0201234567",
    "email": "",
    "where_and_when": "woensdag op het schoolplein",
}


def test_the_own_organisation_edits_its_entry(client, contact, district):
    entry = GuideEntry.objects.get(district=district)
    client.force_login(contact.user)
    guide = client.get(reverse("community:guide", kwargs={"district_id": district.pk}))
    assert _entry_url(entry) in guide.content.decode()
    page = client.get(_entry_url(entry))
    assert page.status_code == 200
    assert "dinsdag in de leraarskamer" in page.content.decode()
    response = client.post(_entry_url(entry), VALID)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.where_and_when == "woensdag op het schoolplein"
    assert entry.organisation_id == contact.organisation_id
    assert AccessEvent.objects.filter(action="guide_entry.saved", object_id=entry.pk).exists()


def test_an_invalid_edit_shows_the_error_and_changes_nothing(client, contact, district):
    entry = GuideEntry.objects.get(district=district)
    before = _snapshot(entry)
    client.force_login(contact.user)
    response = client.post(_entry_url(entry), {**VALID, "phone": "", "email": ""})
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert _snapshot(entry) == before


def test_another_organisation_of_the_region_cannot_edit(client, teacher, contact, district):
    entry = GuideEntry.objects.get(district=district)
    before = _snapshot(entry)
    client.force_login(teacher.user)
    guide = client.get(reverse("community:guide", kwargs={"district_id": district.pk}))
    assert _entry_url(entry) not in guide.content.decode()
    for send, action in ((client.get, "guide_entry.read"), (client.post, "guide_entry.save")):
        newest = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
        assert send(_entry_url(entry), VALID).status_code == 403
        # One row, refused: not an allowed read of the entry or the district before it.
        written = AccessEvent.objects.filter(pk__gt=newest)
        assert [(e.action, e.outcome, e.object_id) for e in written] == [
            (action, "denied", str(entry.pk))
        ]
    assert _snapshot(entry) == before


def test_a_professional_of_another_region_gets_404(client, contact, district, stranger):
    entry = GuideEntry.objects.get(district=district)
    before = _snapshot(entry)
    client.force_login(stranger.user)
    assert client.get(_entry_url(entry)).status_code == 404
    assert client.post(_entry_url(entry), VALID).status_code == 404
    assert _snapshot(entry) == before


def test_an_entry_under_another_district_is_a_404(client, contact, district, municipality):
    entry = GuideEntry.objects.get(district=district)
    other = f.DistrictFactory(municipality=municipality, name="West")
    client.force_login(contact.user)
    url = reverse("community:entry_edit", kwargs={"district_id": other.pk, "entry_id": entry.pk})
    assert client.post(url, VALID).status_code == 404
    assert GuideEntry.objects.get(pk=entry.pk).district_id == district.pk
