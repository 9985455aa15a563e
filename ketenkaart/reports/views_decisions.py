"""The pages of the decisions after receipt (issue 11): Veilig Thuis marks a melding acute or
withdraws its promise of anonymity, and a signaler stops a meldcode trail at a step. Thin:
the gate (write grant, audited), the form parses, the service decides, then POST-redirect-GET."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ketenkaart.access import gate
from ketenkaart.core.errors import DomainError
from ketenkaart.reports import forms, services


def _report(request, report_id, action: str):
    return gate.access_report(
        request, report_id, action=action if request.method == "POST" else "report.read", write=True
    ).obj


@login_required
@require_http_methods(["GET", "POST"])
def mark_acute(request, report_id):
    """VT's own judgement after receipt: acute, so the veiligheidsbeoordeling is due at once
    (DOMAIN.md, Veilig Thuis: acute cases at once)."""
    report = _report(request, report_id, "report.acute.mark")
    form = forms.AcuteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_mark_acute(
                by=gate.require_professional(request),
                report=report,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request, _("De melding is acuut: de veiligheidsbeoordeling moet vandaag.")
            )
            return redirect("reports:detail", report_id=report.pk)
    return render(request, "reports/acute_form.html", {"report": report, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def anonymity_withdraw(request, report_id):
    """Only Veilig Thuis withdraws the anonymity it promised, and says why."""
    report = _report(request, report_id, "report.anonymity.withdraw")
    form = forms.AnonymityWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_withdraw_anonymity(
                by=gate.require_professional(request),
                report=report,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("De toezegging van anonimiteit is ingetrokken."))
            return redirect("reports:detail", report_id=report.pk)
    return render(request, "reports/anonymity_withdraw_form.html", {"report": report, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def trail_stop(request, trail_id):
    """Stopping at a step is explicit and has a reason; a trail whose weighing says "melden"
    cannot stop (Wet verplichte meldcode: a mandatory melding never vanishes)."""
    write = request.method == "POST"
    trail = gate.access_trail(
        request, trail_id, action="trail.stop" if write else "trail.read", write=True
    ).obj
    form = forms.TrailStopForm(request.POST or None)
    if write and form.is_valid():
        try:
            services.trail_stop(
                by=gate.require_professional(request), trail=trail, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Het traject is gestopt. De reden is vastgelegd."))
            return redirect("reports:trail", trail_id=trail.pk)
    return render(request, "reports/trail_stop_form.html", {"trail": trail, "form": form})
