"""One form per section of the map. Each carries the version it was opened on (base_number);
the content schema and the services decide what is valid."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.forms import DateInput, DossierForm
from ketenkaart.safety_maps.content import (
    MAX_ITEMS,
    MAX_LONG,
    MAX_SHORT,
    MAX_TEXT,
    ContentSerializer,
    Section,
)
from ketenkaart.safety_maps.services import MAX_REASON, ScoreInput

EXTRA_ROWS = 2
SHORT_FIELDS = {"who", "monitoredBy", "name", "relation"}
SCORE_CHOICES = [("", _("geen score"))] + [(str(n), str(n)) for n in range(11)]


def _required_fields(section: Section) -> set[str]:
    child = ContentSerializer().fields[section.key].child
    return {name for name, field in child.fields.items() if field.required}


class SectionForm(DossierForm):
    base_number = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, section: Section, **kwargs):
        self.section = section
        super().__init__(*args, **kwargs)

    def value(self):
        raise NotImplementedError


class TextSectionForm(SectionForm):
    text = forms.CharField(
        required=False, max_length=MAX_LONG, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, section: Section, value="", **kwargs):
        kwargs.setdefault("initial", {})["text"] = value
        super().__init__(*args, section=section, **kwargs)
        self.fields["text"].label = section.title
        self.fields["text"].help_text = section.help

    def value(self) -> str:
        return self.cleaned_data["text"].strip()


class ListSectionForm(SectionForm):
    lines = forms.CharField(
        required=False, max_length=MAX_ITEMS * MAX_TEXT, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, section: Section, value=(), **kwargs):
        kwargs.setdefault("initial", {})["lines"] = "\n".join(value or [])
        super().__init__(*args, section=section, **kwargs)
        self.fields["lines"].label = section.title
        self.fields["lines"].help_text = section.help

    def clean_lines(self):
        lines = [line.strip() for line in self.cleaned_data["lines"].splitlines() if line.strip()]
        if len(lines) > MAX_ITEMS:
            raise forms.ValidationError(
                _("Gebruik hoogstens %(n)s regels.") % {"n": MAX_ITEMS}, code="max_items"
            )
        if any(len(line) > MAX_TEXT for line in lines):
            raise forms.ValidationError(
                _("Gebruik hoogstens %(n)s tekens per regel.") % {"n": MAX_TEXT}, code="max_length"
            )
        return lines

    def value(self) -> list[str]:
        return self.cleaned_data["lines"]


class ItemsSectionForm(SectionForm):
    """The section's items as numbered rows, plus empty rows to add one; an empty row is dropped."""

    rows = forms.IntegerField(min_value=0, max_value=MAX_ITEMS, widget=forms.HiddenInput)

    def __init__(self, *args, section: Section, value=(), **kwargs):
        value = list(value or [])
        data = args[0] if args else kwargs.get("data")
        if data is not None:
            try:
                count = max(0, min(MAX_ITEMS, int(data.get("rows", 0))))
            except (TypeError, ValueError):
                count = 0
        else:
            count = min(MAX_ITEMS, len(value) + EXTRA_ROWS)
        initial = kwargs.setdefault("initial", {})
        initial["rows"] = count
        for index, item in enumerate(value[:count]):
            for key, _label in section.fields:
                initial[f"{key}_{index}"] = item.get(key) or ""
        super().__init__(*args, section=section, **kwargs)
        self.row_count = count
        self.required_keys = _required_fields(section)
        for index in range(count):
            for key, label in section.fields:
                name = f"{key}_{index}"
                if key == "until":
                    field = forms.DateField(required=False, widget=DateInput())
                    field.error_messages["invalid"] = _(
                        "Vul een geldige datum in (dag-maand-jaar)."
                    )
                elif key in SHORT_FIELDS:
                    field = forms.CharField(required=False, max_length=MAX_SHORT)
                else:
                    field = forms.CharField(
                        required=False,
                        max_length=MAX_TEXT,
                        widget=forms.Textarea(attrs={"rows": 2}),
                    )
                field.label = label
                field.error_messages["max_length"] = _("Gebruik hoogstens %(limit_value)d tekens.")
                css = "utrecht-textbox utrecht-textbox--html-input"
                if isinstance(field.widget, forms.Textarea):
                    css = "utrecht-textarea utrecht-textarea--html-textarea"
                field.widget.attrs.setdefault("class", css)
                self.fields[name] = field

    def row_fields(self):
        """[(number, [bound fields])] for the template."""
        return [
            (index + 1, [self[f"{key}_{index}"] for key, _label in self.section.fields])
            for index in range(self.row_count)
        ]

    def clean(self):
        cleaned = super().clean()
        items = []
        for index in range(self.row_count):
            item = {}
            for key, _label in self.section.fields:
                raw = cleaned.get(f"{key}_{index}")
                item[key] = raw.isoformat() if hasattr(raw, "isoformat") else (raw or "").strip()
            if not any(item.values()):
                continue
            for key in self.required_keys:
                if not item.get(key):
                    self.add_error(
                        f"{key}_{index}", _("Vul dit veld in, of maak de hele rij leeg.")
                    )
            if "until" in item and not item["until"]:
                item["until"] = None
            items.append(item)
        self.items = items
        return cleaned

    def value(self) -> list[dict]:
        return self.items


class ScoresSectionForm(SectionForm):
    """Each participant's own score and reason, side by side; never an average."""

    def __init__(self, *args, section: Section, participants=(), scores=(), **kwargs):
        self.participants = list(participants)
        current = {s.key: s for s in scores}
        initial = kwargs.setdefault("initial", {})
        for index, participant in enumerate(self.participants):
            score = current.get(participant.key)
            if score is not None:
                initial[f"score_{index}"] = str(score.score)
                initial[f"reason_{index}"] = score.reason
        super().__init__(*args, section=section, **kwargs)
        for index, participant in enumerate(self.participants):
            self.fields[f"score_{index}"] = forms.ChoiceField(
                label=_("Score van %(name)s") % {"name": participant.name},
                choices=SCORE_CHOICES,
                required=False,
                widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
            )
            self.fields[f"reason_{index}"] = forms.CharField(
                label=_("Reden van %(name)s") % {"name": participant.name},
                required=False,
                max_length=MAX_REASON,
                widget=forms.Textarea(
                    attrs={"rows": 2, "class": "utrecht-textarea utrecht-textarea--html-textarea"}
                ),
            )
            self.fields[f"reason_{index}"].error_messages["max_length"] = _(
                "Gebruik hoogstens %(limit_value)d tekens."
            )

    def participant_fields(self):
        return [
            (participant, self[f"score_{index}"], self[f"reason_{index}"])
            for index, participant in enumerate(self.participants)
        ]

    def clean(self):
        cleaned = super().clean()
        scores = []
        for index, participant in enumerate(self.participants):
            score = cleaned.get(f"score_{index}", "")
            reason = (cleaned.get(f"reason_{index}") or "").strip()
            if score == "" and reason:
                self.add_error(f"score_{index}", _("Kies een score bij deze reden."))
            elif score != "" and not reason:
                self.add_error(f"reason_{index}", _("Geef de reden bij deze score."))
            elif score != "":
                scores.append(ScoreInput(participant.kind, participant.id, int(score), reason))
        self.scores = scores
        return cleaned

    def value(self) -> list[ScoreInput]:
        return self.scores


FORMS = {
    "text": TextSectionForm,
    "list": ListSectionForm,
    "items": ItemsSectionForm,
    "scores": ScoresSectionForm,
}


class AgreementForm(DossierForm):
    base_number = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    agreed_with = forms.CharField(
        label=_("Met wie van het gezin is de kaart besproken en afgesproken?"),
        help_text=_("Bijvoorbeeld: moeder en vader, en Noor (12)."),
        max_length=200,
    )
