"""Open answers reach policy without what could name a person."""

import pytest

from ketenkaart.exemptions.services import NOT_NAMES, WORD
from ketenkaart.questionnaires import services
from ketenkaart.questionnaires.models import Answer, Invitation
from ketenkaart.questionnaires.redaction import BLANK, redact
from ketenkaart.questionnaires.tests.test_questionnaires import build, policy  # noqa: F401
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Bel mij op 06-12345678 graag", "06-12345678"),
        ("of +31 6 1234 5678", "1234 5678"),
        ("mail naar j.jansen@example.nl", "example.nl"),
        ("BSN 111222333 staat erin", "111222333"),
        ("geboren op 3-4-2015 in de stad", "3-4-2015"),
        ("geboren 3 april 2015", "april 2015"),
        ("Moeder Wilhelmina was blij", "Wilhelmina"),
    ],
)
def test_what_could_name_a_person_is_blanked(text, gone):
    out = redact(text, {"wilhelmina"})
    assert gone not in out and BLANK in out


def test_plain_text_stays_as_it_was():
    text = "Het overleg met de wijkcoach ging goed, 3 keer per week."
    assert redact(text, {"wilhelmina"}) == text


def test_a_submitted_answer_is_stored_without_a_name_from_the_region(policy, local_team, household):  # noqa: F811
    town = f.MunicipalityFactory(region=policy.organisation.region)
    household.district = f.DistrictFactory(municipality=town)
    household.save(update_fields=["district"])
    name = next(w for w in WORD.findall(household.name) if w.casefold() not in NOT_NAMES)
    questionnaire = build(policy, [local_team])
    services.questionnaire_send(by=policy, questionnaire=questionnaire)
    mine = Invitation.objects.get(professional=policy)
    services.response_submit(
        invitation=mine,
        choices={str(q.pk): "ja" for q in questionnaire.questions.filter(kind="closed")},
        open_answer=f"{name} belde 06-12345678, fijn contact",
    )
    (answer,) = Answer.objects.exclude(text="")
    assert "06-12345678" not in answer.text and "fijn contact" in answer.text
    assert name not in answer.text
