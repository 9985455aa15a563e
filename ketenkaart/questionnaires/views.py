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
from ketenkaart.questionnaires.models import QuestionKind


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


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    professional = _builder(request)
    organisations = list(
        Organisation.objects.filter(region_id=professional.organisation.region_id).order_by("name")
    )
    form = forms.QuestionnaireForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [o for o in organisations if str(o.pk) in set(data["organisations"])]
        try:
            services.questionnaire_create(
                by=professional,
                title=data["title"],
                audience=data["audience"],
                organisations=chosen,
                closed_questions=data["closed_questions"].splitlines(),
                open_question=data["open_question"],
                closes_on=data["closes_on"],
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
    invitation = services.open_invitation(token)
    if invitation is None:
        raise Http404
    if invitation.professional_id is not None:
        professional = gate.professional_of(request.user)
        if professional is None or professional.pk != invitation.professional_id:
            raise Http404
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
            form.add_domain_error(error)
        else:
            return render(request, "questionnaires/thanks.html", {})
    return render(
        request,
        "questionnaires/answer.html",
        {"form": form, "questionnaire": invitation.questionnaire},
        status=400 if request.method == "POST" else 200,
    )
