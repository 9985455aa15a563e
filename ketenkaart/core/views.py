"""Operational endpoints."""

import logging

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.http import require_GET

from ketenkaart.access import gate
from ketenkaart.access.family import is_family_user
from ketenkaart.audit import services as audit
from ketenkaart.core import home
from ketenkaart.core.listing import search_term
from ketenkaart.core.middleware import current_request_id
from ketenkaart.core.navigation import HOME, HOME_PAGE_ROLES
from ketenkaart.notifications.selectors import unread_on_page
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
    if professional is None and is_family_user(request.user):
        return redirect("portal:home")  # a parent or youth: their own Mijn gezin
    role = getattr(professional, "role", None)
    if role not in HOME_PAGE_ROLES:
        return redirect(HOME.get(role, "households:mine"))
    if role == Role.PRIVACY_OFFICER:
        page = home.privacy_home(request.user, query=search_term(request.GET))
        shown = [h.pk for h in page.households] + [e.household_id for e in page.emergency_to_review]
        template = "core/home_privacy.html"
        context = {"home": page}
    else:
        page = home.casework_home(request.user, professional)
        context = {"home": page, "unread": unread_on_page(request, professional)}
        shown = [h.pk for h in page.attention] + [
            t.household_id for t in page.tasks if t.household_id
        ]
        template = "core/home_casework.html"
    audit.record_list(
        request, action="household.list", object_type="household", household_ids=shown
    )
    return render(request, template, context)


ABOUT_PAGES = ("toegankelijkheid", "privacy", "help")
logger = logging.getLogger(__name__)


@require_GET
def about(request, page: str):
    """The footer's pages; an installation points the footer at its own (KETENKAART_LOOK)."""
    if page not in ABOUT_PAGES:
        raise Http404
    return render(request, f"core/about/{page}.html")


def server_error(request):
    """The 500 page: the menu and the request id to quote. When even the full page cannot be
    drawn (the database is down, say), a plain page that still shows the reference."""
    request_id = getattr(request, "request_id", "") or current_request_id.get()
    try:
        body = loader.render_to_string("500.html", {"request_id": request_id}, request=request)
    except Exception:
        logger.exception("500 page fell back to the plain version")
        body = loader.render_to_string("500_plain.html", {"request_id": request_id})
    return HttpResponseServerError(body)
