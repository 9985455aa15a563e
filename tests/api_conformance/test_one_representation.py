"""One representation per resource: Dutch values, null for what is not there, as documented."""

import datetime

from django.utils import timezone

from ketenkaart.reports.tests.test_api import MELDINGEN, signaler_body
from ketenkaart.testing import factories as f


def test_a_joint_visit_says_its_stand_in_dutch(api, vt, signaler, child, involved):
    report_id = api(signaler).post(MELDINGEN, signaler_body(child)).json()["id"]
    when = (timezone.now() + datetime.timedelta(days=2)).isoformat()
    response = api(vt).post(
        "/api/v1/huisbezoeken",
        {"melding": report_id, "partner": str(involved.pk), "geplandOp": when, "reden": "Nodig."},
    )
    assert response.status_code == 201, response.content
    assert response.json()["stand"] == "gepland"


def test_a_professional_without_an_email_address_has_null(api, household, involved):
    other = f.ProfessionalFactory(user__email="")
    f.InvolvementFactory(household=household, professional=other)
    rows = api(involved).get(f"/api/v1/gezinnen/{household.pk}/betrokkenen").json()["resultaten"]
    emails = {row["professionalId"]: row["email"] for row in rows}
    assert emails[str(other.pk)] is None
    assert emails[str(involved.pk)] == involved.user.email or emails[str(involved.pk)] is None
