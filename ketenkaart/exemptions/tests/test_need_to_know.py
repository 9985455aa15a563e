"""Issue 9, finding 6: precedents carry free-text reasoning about a family, so only the
ventieltafel, policy and professionals who work with families read them; a member's birth date
never reaches the table in a free text."""

import pytest

from ketenkaart.core.errors import DomainError
from ketenkaart.exemptions import selectors, services
from ketenkaart.exemptions.models import Outcome
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f


def test_police_schools_and_the_privacy_officer_read_no_precedents(
    make_request, household, convener, police, privacy_officer, involved, region
):
    exemption = make_request(household)
    services.decision_record(
        by=convener, request=exemption, outcome=Outcome.GRANTED, reasoning="Uitzondering."
    )
    school = f.ProfessionalFactory(organisation__region=region, role=Role.REPORTER)
    for nobody in (police, privacy_officer, school):
        assert not selectors.precedents(nobody.user).exists()
    assert selectors.precedents(involved.user).filter(pk=exemption.pk).exists()


def test_a_birth_date_of_a_member_is_refused_in_every_written_form(household, involved, child):
    day = child.birth_date
    for text in (
        f"Geboren {day.day}-{day.month}-{day.year}, woont bij moeder.",
        f"Geboren {day:%d/%m/%Y}.",
        f"Geboren {day.isoformat()}.",
    ):
        with pytest.raises(DomainError) as refused:
            services.request_submit(
                by=involved,
                household=household,
                domain="housing",
                bottleneck=text,
                rule="Regel",
                legal_basis="Wet",
                risks="Risico",
                alternatives="Geen",
                exception_asked="Voorrang",
            )
        assert "geboortedatum" in str(refused.value)
    assert not household.exemption_requests.exists()
