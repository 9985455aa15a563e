"""No BSN or name in a URL or a log line, even with DEBUG and the most verbose logging on."""

import logging

import pytest
from django.urls import reverse

from ketenkaart.demo.synthetic import synthetic_bsn


@pytest.fixture
def verbose_logs(settings, caplog):
    settings.DEBUG = True
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")  # the most an operator could turn on
    return caplog


def test_a_search_and_a_refused_member_leave_no_personal_data_in_logs(
    client, involved, household, verbose_logs
):
    person = household.members.first().person
    client.force_login(involved.user)
    client.post(reverse("households:create"), {"bsn": person.bsn})
    client.get(reverse("households:detail", kwargs={"household_id": household.pk}))
    new_bsn = synthetic_bsn(424242)
    client.post(
        reverse("households:member_add", kwargs={"household_id": household.pk}),
        {
            "given_names": "Fenna",
            "surname": "Zwartkruis",
            "bsn": new_bsn[:-1] + "0",
            "role": "child",
        },
    )
    client.get(f"/api/v1/gezinnen/{household.pk}/leden")
    logged = "\n".join(record.getMessage() for record in verbose_logs.records)
    for secret in (person.bsn, person.surname, new_bsn[:-1] + "0", "Zwartkruis"):
        assert secret not in logged


def test_pages_never_link_with_a_bsn_or_name_in_the_url(client, involved, household):
    client.force_login(involved.user)
    page = client.get(reverse("households:detail", kwargs={"household_id": household.pk}))
    hrefs = [part.split('"')[0] for part in page.content.decode().split('href="')[1:]]
    for member in household.members.select_related("person"):
        for href in hrefs:
            assert member.person.bsn not in href
            assert member.person.surname.lower() not in href.lower()
