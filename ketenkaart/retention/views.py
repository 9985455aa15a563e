"""The privacy officer's page of dossiers due for destruction, and its confirm step."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ketenkaart.access import gate
from ketenkaart.access.emergency import is_privacy_officer
from ketenkaart.audit import services as audit
from ketenkaart.audit.models import Outcome
from ketenkaart.core.errors import DomainError
from ketenkaart.households.models import Household
from ketenkaart.retention import jobs, services


def _require_officer(request, action):
    if not is_privacy_officer(request.user):
        audit.record(user=request.user, action=action, outcome=Outcome.DENIED, request=request)
        raise PermissionDenied
    return gate.require_professional(request)


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
