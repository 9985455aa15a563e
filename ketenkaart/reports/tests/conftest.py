"""Personas of M3: the region's Veilig Thuis team, a teacher (signaleerder), the police system
account, and a melding about the persona family of the root conftest."""

import datetime

import pytest

from ketenkaart.api.tests.conftest import Api
from ketenkaart.organisations.models import OrganisationType, Role
from ketenkaart.reports import services
from ketenkaart.reports.inputs import PersonInput, PoliceForm, PoliceMessage, ReporterInput
from ketenkaart.reports.models import PersonRole
from ketenkaart.testing import factories as f


@pytest.fixture
def api():
    def make(professional=None):
        return Api(professional.user if professional is not None else None)

    return make


@pytest.fixture
def vt(vt_org):
    return f.ProfessionalFactory(
        user__username="vt-team-test",
        user__first_name="Vera",
        user__last_name="Triagist",
        organisation=vt_org,
        role=Role.VEILIG_THUIS,
    )


@pytest.fixture
def school(region):
    org = f.OrganisationFactory(
        region=region, name="Basisschool Test", type=OrganisationType.EDUCATION
    )
    return f.ProfessionalFactory(
        user__username="school-test",
        user__first_name="Lotte",
        user__last_name="Leerkracht",
        organisation=org,
        role=Role.REPORTER,
        phone="06-11112222",
    )


@pytest.fixture
def other_school(region):
    org = f.OrganisationFactory(
        region=region, name="Andere school", type=OrganisationType.EDUCATION
    )
    return f.ProfessionalFactory(
        user__username="school2-test", organisation=org, role=Role.REPORTER
    )


@pytest.fixture
def other_vt():
    org = f.OrganisationFactory(name="Veilig Thuis Elders", veilig_thuis=True)
    return f.ProfessionalFactory(
        user__username="vt-elders-test", organisation=org, role=Role.VEILIG_THUIS
    )


def child_input(child) -> PersonInput:
    return PersonInput(
        role=PersonRole.CHILD,
        given_names=child.given_names,
        surname=child.surname,
        birth_date=child.birth_date,
        bsn=child.bsn,
    )


REPORTER = ReporterInput(name="Lotte Leerkracht", phone="06-11112222", organisation="School")


@pytest.fixture
def report(school, child):
    return services.report_create(
        by=school,
        reporter=REPORTER,
        summary="Noor komt al weken ongewassen en stil op school.",
        persons=[child_input(child)],
    )


@pytest.fixture
def anonymous_report(school, vt, child):
    report = services.report_create(
        by=school,
        reporter=ReporterInput(
            name="Geheime Melder", phone="06-99998888", organisation="Basisschool Test"
        ),
        summary="Noor vertelt dat vader haar slaat.",
        persons=[child_input(child)],
        anonymity_requested=True,
    )
    return services.report_promise_anonymity(by=vt, report=report)


def police_message(reference="PL-2025-0001", forms=("F1",), persons=(), acute=False):
    return PoliceMessage(
        reference=reference,
        reporter=ReporterInput(name="Agent Jansen", phone="0900-8844", organisation="Politie"),
        persons=list(persons)
        or [
            PersonInput(
                role=PersonRole.CHILD,
                given_names="Kim",
                surname="Onbekend",
                birth_date=datetime.date(2016, 3, 1),
            )
        ],
        forms=[
            PoliceForm(reference=ref, kind="Zorgmelding jeugd", text=f"Formulier {ref}")
            for ref in forms
        ],
        acute=acute,
    )
