"""Personas for the guide and the consult: a teacher who asks, the district's wijkteam contact
who answers, and a professional of another region who sees nothing."""

import pytest
from django.utils import timezone

from ketenkaart.community import services
from ketenkaart.community.models import GuideEntry, Subject
from ketenkaart.organisations.models import OrganisationType, Role
from ketenkaart.testing import factories as f

QUESTION = "Een leerling komt al weken in zomerkleren naar school en heeft vaak honger."


@pytest.fixture
def district(municipality):
    return f.DistrictFactory(municipality=municipality, name="Oost")


@pytest.fixture
def contact(district, local_team):
    """The wijkteam's contact for the district, as the guide names them."""
    professional = f.ProfessionalFactory(
        user__username="contact-test", organisation=local_team, role=Role.YOUTH_PROFESSIONAL
    )
    GuideEntry.objects.create(
        organisation=local_team,
        district=district,
        subject=Subject.LOCAL_TEAM,
        contact_name="Sanne (wijkteam)",
        role="Contactpersoon wijkteam",
        phone="0201234567",
        where_and_when="dinsdag in de leraarskamer",
        professional=professional,
        updated_at=timezone.now(),
    )
    return professional


@pytest.fixture
def teacher(region):
    school = f.OrganisationFactory(
        region=region, type=OrganisationType.EDUCATION, name="School Test"
    )
    return f.ProfessionalFactory(user__username="juf-test", organisation=school, role=Role.REPORTER)


@pytest.fixture
def stranger():
    """A professional of another region: sees neither the guide nor the consult."""
    return f.ProfessionalFactory(user__username="elders-test", role=Role.YOUTH_PROFESSIONAL)


@pytest.fixture
def consult(teacher, district, contact):
    return services.consult_ask(by=teacher, district=district, question=QUESTION)
