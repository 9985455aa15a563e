"""Forms of the questionnaires: they parse; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.forms import DateInput, DossierForm
from ketenkaart.questionnaires.models import Audience, Choice, QuestionKind, Questionnaire


class QuestionnaireForm(DossierForm):
    title = forms.CharField(label=_("Titel"), max_length=200)
    audience = forms.ChoiceField(
        label=_("Voor wie"), choices=Audience.choices, widget=forms.RadioSelect
    )
    organisations = forms.MultipleChoiceField(
        label=_("Organisaties"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Professionals van deze organisaties, of ouders van wie de regisseur hier werkt."
        ),
    )
    closed_questions = forms.CharField(
        label=_("Gesloten vragen"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=1600,
        help_text=_("Eén vraag per regel, hoogstens vijf; antwoorden: ja, een beetje, nee."),
    )
    open_question = forms.CharField(label=_("Open vraag"), max_length=300)
    closes_on = forms.DateField(label=_("Sluit op"), widget=DateInput)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].choices = [(str(o.pk), o.name) for o in organisations]


def initial_of(questionnaire: Questionnaire) -> dict:
    """The form filled in with the questionnaire as it is, for changing it."""
    questions = list(questionnaire.questions.all())
    return {
        "title": questionnaire.title,
        "audience": questionnaire.audience,
        "organisations": [
            str(pk) for pk in questionnaire.organisations.values_list("pk", flat=True)
        ],
        "closed_questions": "\n".join(q.text for q in questions if q.kind == QuestionKind.CLOSED),
        "open_question": next((q.text for q in questions if q.kind == QuestionKind.OPEN), ""),
        "closes_on": questionnaire.closes_on,
    }


class AnswerForm(DossierForm):
    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            name = f"q{question.position}"
            if question.kind == QuestionKind.CLOSED:
                self.fields[name] = forms.ChoiceField(
                    label=question.text, choices=Choice.choices, widget=forms.RadioSelect
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )
        self.dress_fields()  # the questions' fields came after DossierForm's own pass
        self.questions = list(questions)
