"""Operational endpoints."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from ketenkaart.access import gate
from ketenkaart.audit import services as audit
from ketenkaart.core import home
from ketenkaart.core.navigation import HOME, HOME_PAGE_ROLES
from ketenkaart.organisations.models import Role


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "vendor": connection.vendor})


@login_required
@require_GET
def start(request):
    """Where a user lands after logging in: the place where their role's work happens. Roles
    whose work is one list (Veilig Thuis's queue, the ventieltafel) go straight to it."""
    professional = gate.professional_of(request.user)
    role = getattr(professional, "role", None)
    if role not in HOME_PAGE_ROLES:
        return redirect(HOME.get(role, "households:mine"))
    if role == Role.PRIVACY_OFFICER:
        query = request.GET.get("zoek", "").strip()[:100]
        context = {"home": home.privacy_home(request.user, query=query)}
        template = "core/home_privacy.html"
    else:
        context = {"home": home.casework_home(request.user, professional)}
        template = "core/home_casework.html"
    audit.record(
        user=request.user, action="household.list", object_type="household", request=request
    )
    return render(request, template, context)
