"""The M3 pages: gate, form, service, then redirect (POST-redirect-GET) or show the errors.
Veilig Thuis works from the queue; a signaler from their meldcode trails and own meldingen."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenkaart.access import gate
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.core.listing import list_state
from ketenkaart.households import search as household_search
from ketenkaart.notifications import services as notifications
from ketenkaart.reports import forms, lists, norms, queue, selectors, services
from ketenkaart.reports.models import (
    HANDOVER_OUTCOMES,
    Investigation,
    Outcome,
    ReporterFeedback,
    ReportSource,
    ReportStatus,
)

PAGE_SIZE = 50


def _to_report(report):
    return redirect("reports:detail", report_id=report.pk)


@login_required
@require_GET
def index(request):
    """Veilig Thuis: the queue, feedback owed, investigations. Others: their own meldingen."""
    professional = gate.require_professional(request)
    day = timezone.localdate()
    if gate.is_vt_team(professional):
        state = list_state(
            request,
            sorts=selectors.QUEUE_SORTS,
            filters={"bron": set(ReportSource.values), "urgentie": selectors.URGENCY},
        )
        waiting = queue.queue(
            professional,
            query=state.query,
            source=state.filters["bron"],
            urgency=state.filters["urgentie"],
            sort=state.sort,
        )
        page = Paginator(waiting, PAGE_SIZE).get_page(request.GET.get("pagina"))
        page.object_list = selectors.queue_rows(page.object_list, day=day)
        side = queue.team_lists(professional)
        context = {
            "today": day,
            "notices": side.notices,
            "page": page,
            "state": state,
            "sources": ReportSource.choices,
            "feedback_due": side.feedback_due,
            "investigations": side.investigations,
            "advice": side.advice,
            "visits": side.visits,
            "norms": norms.sector_norms(request.user, day),
        }
        _audit_list(request, page.object_list, context, grant=gate.ReportGrant.VT_REGION)
        return render(request, "reports/queue.html", context)
    context = {"today": day, "notices": list(selectors.handover_messages(request.user)[:20])}
    listing = lists.MY_REPORTS.run(
        request,
        selectors.my_reports(request.user),
        per_page=PAGE_SIZE,
        label=_("Meldingen zoeken en filteren"),
    )
    page = listing.page
    context.update(
        {
            "page": page,
            "listing": listing,
            "feedback": selectors.feedback_given(page.object_list),
            "visits": list(selectors.joint_visits(request.user).filter(status="planned")[:50]),
        }
    )
    page.object_list = list(page.object_list)
    _audit_list(request, page.object_list, context)
    return render(request, "reports/mine.html", context)


def _audit_list(request, reports, context, *, grant: str = "") -> None:
    """One row for the page, naming the families of the meldingen, visits and investigations
    it shows (a melding without a family yet names none)."""
    shown = [*reports, *context.get("visits", ()), *context.get("investigations", ())]
    audit.record_list(request, action="report.list", object_type="report", rows=shown, grant=grant)


@login_required
@sensitive_post_parameters("child_bsn")
@require_http_methods(["GET", "POST"])
def create(request):
    professional = gate.require_professional(request)
    trail = None
    if request.GET.get("traject"):
        trail = gate.access_trail(request, request.GET["traject"], action="trail.read").obj
    initial = {
        "reporter_name": professional.display_name,
        "reporter_organisation": professional.organisation.name,
        "reporter_phone": professional.phone or professional.organisation.phone,
        "reporter_email": request.user.email,
    }
    form = forms.ReportForm(request.POST or None, initial=initial)
    step = request.POST.get("stap", "")
    if request.method == "POST" and step != "wijzigen" and form.is_valid():
        if step != "bevestigen":
            # Step 2: what will be sent, before it is sent (issue 13).
            return render(
                request,
                "reports/report_review.html",
                {"form": form, "trail": trail, "rows": _review_rows(form)},
            )
        try:
            report = services.report_create(
                by=professional,
                reporter=form.reporter(),
                summary=form.cleaned_data["summary"],
                persons=form.persons(),
                acute=form.cleaned_data["acute"],
                anonymity_requested=form.cleaned_data["anonymity_requested"],
                trail=trail,
            )
        except DomainError as error:
            form.add_domain_error(error, {"persons": "child_surname"})
        else:
            messages.success(
                request,
                _("Uw melding is ontvangen door Veilig Thuis. Uw kenmerk is %(reference)s.")
                % {"reference": report.reference},
            )
            return _to_report(report)
    return render(request, "reports/report_form.html", {"form": form, "trail": trail})


def _review_rows(form) -> list[tuple[str, str]]:
    """Label and value of every filled-in field, as the reporter will read them back."""
    rows = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if isinstance(value, bool):
            if value:
                rows.append((str(field.label), _("Ja")))
        elif value:
            shown = value.strftime("%d-%m-%Y") if hasattr(value, "strftime") else str(value)
            rows.append((str(field.label), shown))
    return rows


@login_required
@require_GET
def detail(request, report_id):
    access = gate.access_report(request, report_id)
    report, grant = access.obj, access.grant
    if grant == gate.ReportGrant.HANDED_TO:
        for message in selectors.handover_messages(request.user, report).filter(
            read_at__isnull=True
        ):
            notifications.notification_read(
                by=gate.require_professional(request), notification=message
            )
    context = {
        "report": report,
        "is_vt": grant == gate.ReportGrant.VT_REGION,
        "show_reporter": gate.reporter_shown_to(request.user, report),
        "today": timezone.localdate(),
    }
    if grant == gate.ReportGrant.OWN:
        context["feedback"] = [f for f in report.feedback.order_by("moment") if f.given_at]
        return render(request, "reports/status.html", context)
    context["detail"] = selectors.report_detail(report)
    if context["is_vt"]:
        context["radar"] = selectors.radar_view(report)
    return render(request, "reports/detail.html", context)


@login_required
@require_GET
def export(request, report_id):
    """A plain-text handover of the melding. An export never names a protected reporter,
    whoever downloads it."""
    access = gate.access_report(request, report_id, action="report.export")
    report = access.obj
    if access.grant == gate.ReportGrant.OWN:
        raise Http404
    text = render_to_string(
        "reports/export.txt",
        {
            "report": report,
            "detail": selectors.report_detail(report),
            "show_reporter": not report.anonymity_promised,
        },
    )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="melding-{report.pk}.txt"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def assess(request, report_id):
    action = "report.assess" if request.method == "POST" else "report.read"
    report = gate.access_report(request, report_id, action=action, write=True).obj
    if report.status != ReportStatus.RECEIVED:
        messages.info(request, _("Deze melding is al beoordeeld."))
        return _to_report(report)
    form = forms.AssessmentForm(
        request.POST or None,
        region_id=report.region_id,
        initial={"acute_unsafety": report.acute},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record(
                by=gate.require_professional(request), report=report, **form.service_arguments()
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("De veiligheidsbeoordeling is vastgelegd."))
            return _to_report(report)
    return render(
        request,
        "reports/assess_form.html",
        {
            "report": report,
            "form": form,
            "handover_outcomes": [Outcome(o).label for o in HANDOVER_OUTCOMES],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def feedback(request, report_id, feedback_id):
    action = "report.feedback.give" if request.method == "POST" else "report.read"
    report = gate.access_report(request, report_id, action=action, write=True).obj
    item = ReporterFeedback.objects.filter(report=report, pk=feedback_id).first()
    if item is None:
        raise Http404
    assessment = selectors.report_detail(report).assessment
    initial = {}
    if assessment is not None:
        started = assessment.outcome not in (Outcome.CLOSE, Outcome.CONVERT_TO_ADVICE)
        taken_over = (
            assessment.handed_to.organisation.name
            if assessment.handed_to
            else (assessment.assessed_by.organisation.name if started else "")
        )
        initial = {
            "follow_up_started": "ja" if started else "nee",
            "taken_over_by": taken_over,
            "conditions_and_monitoring": "\n".join(
                [*assessment.safety_conditions, assessment.monitoring]
            ).strip(),
        }
    form = forms.FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.feedback_give(
                by=gate.require_professional(request),
                feedback=item,
                follow_up_started=data["follow_up_started"] == "ja",
                taken_over_by=data["taken_over_by"],
                reporter_has_role=data["reporter_has_role"],
                conditions_and_monitoring=data["conditions_and_monitoring"],
                message=data["message"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("De terugkoppeling aan de melder is vastgelegd."))
            return _to_report(report)
    return render(
        request, "reports/feedback_form.html", {"report": report, "form": form, "item": item}
    )


@login_required
@require_http_methods(["GET", "POST"])
def investigation_complete(request, report_id):
    action = "report.investigation.complete" if request.method == "POST" else "report.read"
    report = gate.access_report(request, report_id, action=action, write=True).obj
    investigation = Investigation.objects.filter(report=report).first()
    if investigation is None:
        raise Http404
    form = forms.InvestigationForm(request.POST or None, region_id=report.region_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.investigation_complete(
                by=gate.require_professional(request),
                investigation=investigation,
                **form.cleaned_data,
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Het onderzoek is afgerond."))
            return _to_report(report)
    return render(
        request,
        "reports/investigation_form.html",
        {"report": report, "form": form, "investigation": investigation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit_plan(request, report_id):
    action = "joint_visit.plan" if request.method == "POST" else "report.read"
    report = gate.access_report(request, report_id, action=action, write=True).obj
    form = forms.JointVisitForm(request.POST or None, region_id=report.region_id)
    if request.method == "POST" and form.is_valid():
        try:
            if report.household is None:
                raise DomainError(_("Koppel de melding eerst aan een gezin."))
            services.joint_visit_plan(
                by=gate.require_professional(request),
                household=report.household,
                report=report,
                **form.cleaned_data,
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Het gezamenlijke huisbezoek is gepland."))
            return _to_report(report)
    return render(request, "reports/visit_form.html", {"report": report, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def visit_record(request, visit_id):
    action = "joint_visit.record" if request.method == "POST" else "joint_visit.read"
    visit = gate.access_joint_visit(request, visit_id, action=action, write=True).obj
    form = forms.JointVisitRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.joint_visit_record(
                by=gate.require_professional(request),
                visit=visit,
                took_place=data["took_place"] == "ja",
                how_it_went=data["how_it_went"],
                family_open_to_help={"ja": True, "nee": False}.get(data["family_open_to_help"]),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Het verslag van het huisbezoek is vastgelegd."))
            return redirect("reports:index")
    return render(request, "reports/visit_record_form.html", {"visit": visit, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def advice_create(request):
    professional = gate.require_professional(request)
    trail = None
    if request.GET.get("traject"):
        trail = gate.access_trail(request, request.GET["traject"], action="trail.read").obj
    form = forms.AdviceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            advice = services.advice_request(by=professional, trail=trail, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Uw vraag is naar Veilig Thuis gestuurd."))
            return redirect("reports:advice", advice_id=advice.pk)
    return render(request, "reports/advice_form.html", {"form": form, "trail": trail})


@login_required
@require_http_methods(["GET", "POST"])
def advice_detail(request, advice_id):
    write = request.method == "POST"
    access = gate.access_advice(
        request, advice_id, action="advice.answer" if write else "advice.read", write=write
    )
    advice = access.obj
    is_vt = access.grant == gate.ReportGrant.VT_REGION
    form = forms.AdviceAnswerForm(request.POST or None) if is_vt and not advice.answer else None
    if write and form is not None and form.is_valid():
        try:
            services.advice_answer(
                by=gate.require_professional(request), advice=advice, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Het advies is vastgelegd."))
            return redirect("reports:advice", advice_id=advice.pk)
    return render(
        request,
        "reports/advice_detail.html",
        {
            "advice": advice,
            "form": form,
            "is_vt": is_vt,
            "converted": selectors.converted_report(advice) if is_vt else None,
        },
    )


@login_required
@sensitive_post_parameters("child_bsn")
@require_http_methods(["GET", "POST"])
def advice_convert(request, advice_id):
    """Veilig Thuis turns an advies into a melding; the reporter must be identified now."""
    action = "advice.convert" if request.method == "POST" else "advice.read"
    advice = gate.access_advice(request, advice_id, action=action, write=True).obj
    converted = selectors.converted_report(advice)
    if converted is not None:
        messages.info(request, _("Dit advies is al een melding geworden."))
        return _to_report(converted)
    form = forms.AdviceConvertForm(
        request.POST or None,
        initial={
            "reporter_name": advice.asker_name,
            "reporter_organisation": advice.asker_organisation,
            "reporter_phone": advice.asker_phone,
            "summary": advice.question,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = services.advice_convert(
                by=gate.require_professional(request),
                advice=advice,
                reporter=form.reporter(),
                summary=form.cleaned_data["summary"],
                persons=form.persons(),
                acute=form.cleaned_data["acute"],
                anonymity_promised=form.cleaned_data["anonymity_promised"],
            )
        except DomainError as error:
            form.add_domain_error(error, {"persons": "child_surname"})
        else:
            messages.success(request, _("Het advies is omgezet in een melding."))
            return _to_report(report)
    return render(request, "reports/advice_convert_form.html", {"advice": advice, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def anonymity(request, report_id):
    """Veilig Thuis promises the reporter anonymity towards the family."""
    action = "report.anonymity.promise" if request.method == "POST" else "report.read"
    report = gate.access_report(request, report_id, action=action, write=True).obj
    form = forms.AnonymityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_promise_anonymity(by=gate.require_professional(request), report=report)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request,
                _("De melder is anonimiteit toegezegd. Veilig Thuis onderzoekt deze melding zelf."),
            )
            return _to_report(report)
    return render(request, "reports/anonymity_form.html", {"report": report, "form": form})


@login_required
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def household_create(request, report_id):
    """The radar found no family: search before create (every person of the melding), then
    open the family through the households services and link the melding to it."""
    action = "report.household.create" if request.method == "POST" else "report.read"
    report = gate.access_report(request, report_id, action=action, write=True).obj
    if report.household_id is not None:
        messages.info(request, _("Deze melding hoort al bij een gezin."))
        return _to_report(report)
    persons = list(report.persons.order_by("role", "surname"))
    matches = {}
    for person in persons:
        if person.bsn or person.birth_date:
            for match in household_search.search_before_create(
                request, bsn=person.bsn, surname=person.surname, birth_date=person.birth_date
            ):
                matches.setdefault(match.household.pk, match)
    first = next((p for p in persons if p.role == "child"), persons[0] if persons else None)
    form = forms.ReportHouseholdForm(
        request.POST or None,
        region_id=report.region_id,
        matches_found=bool(matches),
        initial={"name": _("Gezin %(surname)s") % {"surname": first.surname} if first else ""},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_household_create(
                by=gate.require_professional(request),
                report=report,
                name=data["name"],
                municipality=data["municipality"],
                district=data["district"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Het gezin is aangemaakt en aan de melding gekoppeld."))
            return _to_report(report)
    return render(
        request,
        "reports/household_form.html",
        {"report": report, "form": form, "persons": persons, "matches": list(matches.values())},
    )


@login_required
@require_GET
def trails(request):
    professional = gate.require_professional(request)
    audit.record(
        user=request.user, action="trail.list", object_type="meldcode_trail", request=request
    )
    page = Paginator(selectors.trails(request.user), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "reports/trails.html", {"page": page, "professional": professional})


@login_required
@require_http_methods(["GET", "POST"])
def trail_create(request):
    form = forms.TrailStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            trail = services.trail_start(by=gate.require_professional(request), **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("reports:trail", trail_id=trail.pk)
    return render(request, "reports/trail_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def trail_detail(request, trail_id):
    write = request.method == "POST"
    trail = gate.access_trail(
        request, trail_id, action="trail.update" if write else "trail.read", write=write
    ).obj
    professional = gate.require_professional(request)
    answers = list(trail.answers.select_related("answered_by__user").order_by("answered_at"))
    current = [a for a in answers if a.round == trail.round]
    next_question = services.trail_next_question(trail, current)
    which = request.POST.get("formulier") if write else None
    steps_form = forms.TrailStepsForm(
        request.POST if which == "stappen" else None,
        initial={
            "signals": trail.signals,
            "colleague_consulted": trail.colleague_consulted,
            "conversation": trail.conversation,
            "weighing": trail.weighing,
        },
        prefix="stappen",
    )
    answer_form = forms.TrailAnswerForm(request.POST if which == "vraag" else None, prefix="vraag")
    if which == "stappen" and steps_form.is_valid():
        try:
            services.trail_record_steps(by=professional, trail=trail, **steps_form.cleaned_data)
        except DomainError as error:
            steps_form.add_domain_error(error)
        else:
            messages.success(request, _("De bevindingen zijn vastgelegd."))
            return redirect("reports:trail", trail_id=trail.pk)
    if which == "vraag" and answer_form.is_valid() and next_question is not None:
        data = answer_form.cleaned_data
        try:
            services.trail_answer(
                by=professional,
                trail=trail,
                question=next_question,
                answer=data["answer"] == "ja",
                reasons=data["reasons"],
                monitoring_agreements=data["monitoring_agreements"],
            )
        except DomainError as error:
            answer_form.add_domain_error(error)
        else:
            messages.success(request, _("Uw antwoord is vastgelegd."))
            return redirect("reports:trail", trail_id=trail.pk)
    return render(
        request,
        "reports/trail_detail.html",
        {
            "trail": trail,
            # Each earlier answer with the question it answers (not only its number).
            "answers": [(answer, QUESTIONS.get(answer.question, "")) for answer in answers],
            "next_question": next_question,
            "question_text": QUESTIONS.get(next_question, ""),
            "questions": QUESTIONS,
            "steps_form": steps_form,
            "answer_form": answer_form,
            "form": answer_form if which == "vraag" else steps_form,
        },
    )


@login_required
@require_POST
def trail_restart(request, trail_id):
    trail = gate.access_trail(request, trail_id, action="trail.restart", write=True).obj
    try:
        services.trail_restart(by=gate.require_professional(request), trail=trail)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("reports:trail", trail_id=trail.pk)
    messages.success(request, _("Het traject begint opnieuw bij vraag 1."))
    return redirect("reports:trail", trail_id=trail.pk)


QUESTIONS = {
    1: gettext_lazy(
        "Geven stap 1 tot en met 4 een vermoeden van (dreigend) huiselijk geweld of "
        "kindermishandeling?"
    ),
    2: gettext_lazy("Is er sprake van acute en/of structurele onveiligheid?"),
    3: gettext_lazy("Ben ik in staat om effectieve hulp te bieden of te organiseren?"),
    4: gettext_lazy("Aanvaarden de betrokkenen de hulp en zijn zij bereid zich in te zetten?"),
    5: gettext_lazy(
        "Leidt de hulp binnen de gewenste termijn tot de noodzakelijke veiligheid en het "
        "welzijn van alle betrokkenen?"
    ),
}
