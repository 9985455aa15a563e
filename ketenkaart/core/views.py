"""Operational endpoints."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import redirect

from ketenkaart.core.navigation import HOME


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "vendor": connection.vendor})


@login_required
def start(request):
    """Where a user lands after logging in: the place where their role's work happens."""
    professional = getattr(request.user, "professional", None)
    return redirect(HOME.get(getattr(professional, "role", None), "households:mine"))
