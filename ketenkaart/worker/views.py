"""The worker's page for functioneel beheer, and the Prometheus endpoint."""

import hmac

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST

from ketenkaart.access import gate
from ketenkaart.worker import metrics, services


def is_beheer(user) -> bool:
    """Functioneel beheer (DESIGN.md, roles): the privacy officer role."""
    return gate.is_privacy_officer(user)


@login_required
@require_GET
def status(request):
    """Each scheduled job: its schedule, when it last ran, whether that failed, the next run."""
    if not is_beheer(request.user):
        raise PermissionDenied
    jobs = services.status()
    return render(
        request,
        "worker/status.html",
        {"jobs": jobs, "failed": sum(1 for job in jobs if job.failed)},
    )


def _bearer_ok(request) -> bool:
    token = settings.KETENKAART_METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    scheme, _space, given = header.partition(" ")
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(given, token)


@require_GET
def prometheus(request):
    """GET /metrics: with `Authorization: Bearer <KETENKAART_METRICS_TOKEN>` (the scraper) or
    for a logged-in functioneel beheerder. Anyone else gets 401 and learns nothing."""
    if not (_bearer_ok(request) or is_beheer(request.user)):
        response = HttpResponse(status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(metrics.exposition(), content_type=CONTENT_TYPE_LATEST)
