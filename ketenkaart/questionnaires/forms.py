"""Forms of the questionnaires: they parse; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.forms import DateInput, DossierForm
from ketenkaart.questionnaires.models import Audience, Choice, QuestionKind


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
        self.questions = list(questions)
