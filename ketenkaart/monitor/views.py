"""The monitor pages: the region's dashboard with a chart and a table per indicator, CSV per
table and the Veilig Thuis export. Aggregates only; the gate lets policy in (one audit row)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ketenkaart.access import monitor as access
from ketenkaart.monitor import charts, exports, markup, selectors
from ketenkaart.monitor.forms import FilterForm
from ketenkaart.monitor.indicators import BY_CODE


def _area(request):
    """The user's region, its municipalities, the filter form and the chosen area."""
    region = access.monitor_regions(request.user).first()
    if region is None:
        raise Http404
    municipalities = list(region.municipalities.order_by("name"))
    form = FilterForm(request.GET or None, region=region, municipalities=municipalities)
    valid = form.is_valid() if request.GET else True
    chosen = form.cleaned_data if request.GET and valid else {}
    municipality = next((m for m in municipalities if str(m.pk) == chosen.get("gemeente")), None)
    period = form.period if chosen else "month"
    return region, municipality, form, valid, period, chosen


@login_required
@require_GET
def dashboard(request):
    access.require_monitor(request, action="monitor.read")
    region, municipality, form, valid, period, chosen = _area(request)
    data = selectors.dashboard(
        region_id=region.pk,
        municipality_id=municipality.pk if municipality else None,
        period=period,
        first=chosen.get("van"),
        last=chosen.get("tot"),
    )
    themes: dict[str, list] = {}
    minimum = selectors.threshold()
    for item in data:
        themes.setdefault(str(item.indicator.theme), []).append(
            {
                "data": item,
                "svg": markup.chart_svg(item, charts.chart(item)),
                "table": markup.table_html(item, minimum),
            }
        )
    return render(
        request,
        "monitor/dashboard.html",
        {
            "region": region,
            "municipality": municipality,
            "form": form,
            "themes": themes,
            "threshold": minimum,
            "refreshed": selectors.last_refresh(),
            "query": request.GET.urlencode(),
        },
        status=200 if valid else 400,
    )


@login_required
@require_GET
def indicator_csv(request, code: str):
    access.require_monitor(request, action="monitor.export", object_id=code)
    if code not in BY_CODE:
        raise Http404
    region, municipality, _form, valid, period, chosen = _area(request)
    if not valid:
        return HttpResponse(_("Ongeldige keuze van gebied of periode."), status=400)
    (data,) = selectors.dashboard(
        region_id=region.pk,
        municipality_id=municipality.pk if municipality else None,
        period=period,
        first=chosen.get("van"),
        last=chosen.get("tot"),
        codes=[code],
    )
    response = HttpResponse(exports.indicator_csv(data), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="monitor-{code}-{period}.csv"'
    return response


@login_required
@require_GET
def veilig_thuis_csv(request):
    access.require_monitor(request, action="monitor.export", object_id="veilig_thuis")
    region = access.monitor_regions(request.user).first()
    if region is None:
        raise Http404
    by = request.GET.get("per", "kwartaal")
    if by not in ("kwartaal", "halfjaar"):
        return HttpResponse(_("Kies per kwartaal of per halfjaar."), status=400)
    body = exports.veilig_thuis_csv(region_id=region.pk, by=by, minimum=selectors.threshold())
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="veilig-thuis-{by}.csv"'
    return response
