"""factory_boy factories for tests and benchmarks. All data is synthetic."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from faker import Faker

from ketenkaart.demo.synthetic import synthetic_bsn
from ketenkaart.households.models import (
    CourtMeasure,
    Household,
    Involvement,
    LegalBasis,
    MeasureType,
    Member,
    MemberRole,
    Person,
)
from ketenkaart.organisations.models import (
    District,
    Municipality,
    Organisation,
    OrganisationType,
    Professional,
    Region,
    Role,
)

fake = Faker("nl_NL")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Regio {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Gemeente {n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Wijk {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    type = OrganisationType.LOCAL_TEAM
    region = factory.SubFactory(RegionFactory)
    phone = "010-1234567"

    class Params:
        veilig_thuis = factory.Trait(type=OrganisationType.VEILIG_THUIS, works_as_team=True)
        gi = factory.Trait(type=OrganisationType.CERTIFIED_INSTITUTION)
        police = factory.Trait(type=OrganisationType.POLICE)
        board = factory.Trait(type=OrganisationType.CHILD_PROTECTION_BOARD)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.LazyFunction(fake.first_name)
    last_name = factory.LazyFunction(fake.last_name)
    password = factory.django.Password("geheim-wachtwoord")


class ProfessionalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Professional

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.YOUTH_PROFESSIONAL
    phone = factory.Sequence(lambda n: f"06-{10000000 + n}")


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    name = factory.LazyFunction(lambda: f"Gezin {fake.last_name()}")
    municipality = factory.SubFactory(MunicipalityFactory)
    region = factory.SelfAttribute("municipality.region")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_names = factory.LazyFunction(fake.first_name)
    surname = factory.LazyFunction(fake.last_name)
    birth_date = factory.LazyFunction(lambda: fake.date_of_birth(minimum_age=1, maximum_age=60))
    bsn = factory.Sequence(lambda n: synthetic_bsn(n + 1000))


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    household = factory.SubFactory(HouseholdFactory)
    person = factory.SubFactory(PersonFactory)
    role = MemberRole.PARENT


class InvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Involvement

    household = factory.SubFactory(HouseholdFactory)
    professional = factory.SubFactory(ProfessionalFactory)
    organisation = factory.SelfAttribute("professional.organisation")
    role_in_family = "Ambulant hulpverlener"
    legal_basis = LegalBasis.CONSENT
    started_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class CourtMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourtMeasure

    household = factory.SubFactory(HouseholdFactory)
    child = factory.SubFactory(PersonFactory)
    type = MeasureType.SUPERVISION
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=300))
    court = "Rechtbank Oost-Brabant"
    recorded_by = factory.SubFactory(ProfessionalFactory)
    recorded_at = factory.LazyFunction(timezone.now)
