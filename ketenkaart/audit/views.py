"""The privacy officer's toegangslog page and its CSV export (see log.py)."""

import uuid
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ketenkaart.audit import log

PAGE_SIZE = 50


def _form(request: HttpRequest, scope: log.Scope) -> log.LogFilterForm:
    data = request.GET if any(k in request.GET for k in log.LogFilterForm.base_fields) else None
    return log.LogFilterForm(data, organisations=scope.organisations)


def _filters(form: log.LogFilterForm) -> dict[str, Any]:
    return form.cleaned_data if form.is_bound and form.is_valid() else {}


@login_required
@require_GET
@never_cache
def region_log(request: HttpRequest) -> HttpResponse:
    scope = log.require_privacy_officer(request, "access_log.search")
    form = _form(request, scope)
    data = _filters(form)
    events = log.filtered(scope, data) if not form.errors else scope.events().none()
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("pagina"))
    page.object_list = list(page.object_list)  # the log as it was before this read
    log.audit_read(request, "access_log.search", data)
    organisations: dict[uuid.UUID | None, str] = dict(scope.organisations)
    return render(
        request,
        "audit/region_log.html",
        {
            "form": form,
            "page": page,
            "rows": log.rows(page.object_list, organisations),
            "export_query": request.GET.urlencode() if data else "",
        },
    )


@login_required
@require_GET
@never_cache
def region_log_csv(request: HttpRequest) -> HttpResponseBase:

    scope = log.require_privacy_officer(request, "access_log.export")
    form = _form(request, scope)
    data = _filters(form)
    if form.errors:
        # The page shows the errors on their fields; nothing is exported.
        return region_log(request)
    log.audit_read(request, "access_log.export", data)
    response = StreamingHttpResponse(
        log.csv_lines(log.filtered(scope, data), dict(scope.organisations)),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="toegangslog-{stamp}.csv"'
    return response
