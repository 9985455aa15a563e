"""The privacy officer's page of dossiers due for destruction, and its confirm step; per dossier
its retention date and its legal holds, placed and lifted by the privacy officer or the regisseur."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ketenkaart.access import gate
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.households.models import Household
from ketenkaart.retention import jobs, rules, services
from ketenkaart.retention.forms import HoldForm
from ketenkaart.retention.models import LegalHold


def _require_officer(request, action):
    return gate.require_privacy_officer(request, action)


def due_for(user) -> list[tuple[Household, jobs.Due]]:
    households = gate.access_log_households(user)
    rows = jobs.list_due(households=households)
    names = Household.objects.in_bulk([r.household_id for r in rows])
    return [(names[r.household_id], r) for r in rows if r.household_id in names]


@login_required
@require_GET
def due_list(request):
    _require_officer(request, "retention.due.list")
    rows = due_for(request.user)
    audit.record(
        user=request.user, action="retention.due.list", object_type="household", request=request
    )
    return render(request, "retention/due.html", {"rows": rows})


@login_required
@require_POST
def confirm(request, household_id):
    officer = _require_officer(request, "retention.household.destroy")
    household = gate.access_household_log(request, household_id)
    if request.POST.get("checked") != "yes":
        messages.error(request, _("Vink aan dat u dit dossier hebt gecontroleerd."))
        return redirect("retention:due")
    try:
        services.household_destroy(
            by=officer,
            household=household,
            on_request=request.POST.get("on_request") == "yes",
            request=request,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Het dossier is vernietigd."))
    return redirect("retention:due")


# -- one dossier: its retention date and its legal holds ---------------------------------------


def _hold_page(request, household, form, status=200):
    verdict = rules.verdict(household)
    holds = LegalHold.objects.filter(household=household).order_by("-placed_at")
    return render(
        request,
        "retention/household.html",
        {"household": household, "verdict": verdict, "holds": holds, "form": form},
        status=status,
    )


@login_required
@require_GET
def household_view(request, household_id):
    """For the region's privacy officer and the family's regisseur (gate.access_log_grant)."""
    household = gate.access_household_log(request, household_id, "retention.household.read")
    return _hold_page(request, household, HoldForm())


@login_required
@require_POST
def hold_place(request, household_id):
    household = gate.access_household_log(request, household_id, "retention.hold.place")
    form = HoldForm(request.POST)
    if form.is_valid():
        try:
            services.legal_hold_place(
                by=gate.require_professional(request), household=household, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("De vernietiging is geblokkeerd."))
            return redirect("retention:household", household_id=household.pk)
    return _hold_page(request, household, form, status=400)


@login_required
@require_POST
def hold_lift(request, household_id, hold_id):
    household = gate.access_household_log(request, household_id, "retention.hold.lift")
    hold = get_object_or_404(LegalHold, pk=hold_id, household=household)
    try:
        services.legal_hold_lift(by=gate.require_professional(request), hold=hold)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("De blokkade is opgeheven."))
    return redirect("retention:household", household_id=household.pk)
