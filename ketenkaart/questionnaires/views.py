"""Questionnaire pages: the list with results, building one, sending it, and answering."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenkaart.access import gate
from ketenkaart.access import monitor as access
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.organisations.models import Organisation
from ketenkaart.questionnaires import forms, selectors, services
from ketenkaart.questionnaires.models import QuestionKind, Questionnaire


def _builder(request):
    professional = gate.require_professional(request)
    if not access.may_build_questionnaires(professional):
        audit.record(
            user=request.user,
            action="questionnaire.list",
            outcome="denied",
            object_type="questionnaire",
            request=request,
        )
        raise PermissionDenied
    return professional


@login_required
@require_GET
def index(request):
    _builder(request)
    audit.record(
        user=request.user, action="questionnaire.list", object_type="questionnaire", request=request
    )
    results = selectors.results(access.visible_questionnaires(request.user))
    return render(
        request,
        "questionnaires/index.html",
        {"results": results, "threshold": selectors.threshold()},
    )


def _organisations(professional):
    return list(
        Organisation.objects.filter(region_id=professional.organisation.region_id).order_by("name")
    )


def _submitted(data: dict, organisations) -> dict:
    """The form's answers as the create and update services take them."""
    chosen = set(data["organisations"])
    return {
        "title": data["title"],
        "audience": data["audience"],
        "organisations": [o for o in organisations if str(o.pk) in chosen],
        "closed_questions": data["closed_questions"].splitlines(),
        "open_question": data["open_question"],
        "closes_on": data["closes_on"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    professional = _builder(request)
    organisations = _organisations(professional)
    form = forms.QuestionnaireForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.questionnaire_create(
                by=professional, **_submitted(form.cleaned_data, organisations)
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("De vragenlijst is opgeslagen als concept."))
            return redirect("questionnaires:index")
    return render(
        request,
        "questionnaires/form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def detail(request, questionnaire_id):
    """The questionnaire's state: draft, sent or closed, how many were asked and answered."""
    _builder(request)
    questionnaire = access.access_questionnaire(request, questionnaire_id)
    result = selectors.results(Questionnaire.objects.filter(pk=questionnaire.pk))[0]
    return render(
        request,
        "questionnaires/detail.html",
        {
            "r": result,
            "threshold": selectors.threshold(),
            "refusal": services.edit_refusal(questionnaire),
            "accepting": services.is_open(questionnaire),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, questionnaire_id):
    professional = _builder(request)
    questionnaire = access.access_questionnaire(
        request,
        questionnaire_id,
        action="questionnaire.edit" if request.method == "POST" else "questionnaire.read",
    )
    refusal = services.edit_refusal(questionnaire)
    if request.method == "GET" and refusal is not None:
        messages.error(request, refusal)
        return redirect("questionnaires:detail", questionnaire_id=questionnaire.pk)
    organisations = _organisations(professional)
    form = forms.QuestionnaireForm(
        request.POST or None,
        initial=forms.initial_of(questionnaire),
        organisations=organisations,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.questionnaire_update(
                by=professional,
                questionnaire=questionnaire,
                **_submitted(form.cleaned_data, organisations),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("De vragenlijst is gewijzigd."))
            return redirect("questionnaires:detail", questionnaire_id=questionnaire.pk)
    return render(
        request,
        "questionnaires/form.html",
        {"form": form, "questionnaire": questionnaire},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def close(request, questionnaire_id):
    professional = _builder(request)
    questionnaire = access.access_questionnaire(
        request, questionnaire_id, action="questionnaire.close"
    )
    try:
        services.questionnaire_close(by=professional, questionnaire=questionnaire)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("De vragenlijst is gesloten. Er kunnen geen antwoorden meer bij.")
        )
    return redirect("questionnaires:detail", questionnaire_id=questionnaire.pk)


@login_required
@require_POST
def send(request, questionnaire_id):
    professional = _builder(request)
    questionnaire = access.access_questionnaire(
        request, questionnaire_id, action="questionnaire.send"
    )
    try:
        sent = services.questionnaire_send(by=professional, questionnaire=questionnaire)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Verstuurd aan %(n)s.") % {"n": sent})
    return redirect("questionnaires:index")


@require_http_methods(["GET", "POST"])
def answer(request, token):
    """Open by its link: a professional's own link needs their login; a parent's link (handed
    over by the regisseur) is the key itself. Nothing here says who answers."""
    invitation = services.unanswered_invitation(token)
    if invitation is None:
        raise Http404
    if invitation.professional_id is not None:
        professional = gate.professional_of(request.user)
        if professional is None or professional.pk != invitation.professional_id:
            raise Http404
    if not services.is_open(invitation.questionnaire):
        return render(
            request,
            "questionnaires/closed.html",
            {"questionnaire": invitation.questionnaire},
            status=410,
        )
    questions = list(invitation.questionnaire.questions.all())
    form = forms.AnswerForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        choices = {
            str(q.pk): form.cleaned_data[f"q{q.position}"]
            for q in questions
            if q.kind == QuestionKind.CLOSED
        }
        open_answer = next(
            (form.cleaned_data[f"q{q.position}"] for q in questions if q.kind == QuestionKind.OPEN),
            "",
        )
        try:
            services.response_submit(
                invitation=invitation, choices=choices, open_answer=open_answer
            )
        except DomainError as error:
            invitation.questionnaire.refresh_from_db()
            if not services.is_open(invitation.questionnaire):  # closed meanwhile
                return render(
                    request,
                    "questionnaires/closed.html",
                    {"questionnaire": invitation.questionnaire},
                    status=410,
                )
            form.add_domain_error(error)
        else:
            return render(request, "questionnaires/thanks.html", {})
    return render(
        request,
        "questionnaires/answer.html",
        {"form": form, "questionnaire": invitation.questionnaire},
        status=400 if request.method == "POST" else 200,
    )
