"""The map pages: gate, form, service, then redirect or render. Every form works without
JavaScript; with htmx a section swaps in place (HX-Request gets the partial)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenkaart.access import gate
from ketenkaart.buffers import selectors as buffer_selectors
from ketenkaart.core.errors import DomainError
from ketenkaart.safety_maps import diff, exports, forms, selectors, services
from ketenkaart.safety_maps.charts import scale_chart
from ketenkaart.safety_maps.content import SECTIONS, SECTIONS_BY_KEY, SECTIONS_BY_SLUG

HISTORY_PAGE_SIZE = 25
# Saves that meet a concurrent save of another section retry on top of it this often.
SAVE_ATTEMPTS = 5


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _map_url(household, section=None) -> str:
    url = reverse("safety_maps:detail", kwargs={"household_id": household.pk})
    return f"{url}#{section.anchor}" if section else url


def _section_value(section, state):
    """What a section holds in a map state; scores compare by their readable form."""
    if section.kind == "scores":
        return sorted(diff.describe_score(s) for s in state.scores)
    return state.content[section.key]


def _sections(state, can_write: bool, is_vt: bool) -> list[dict]:
    return [
        {
            "section": section,
            "value": None if section.kind == "scores" else state.content[section.key],
            "rows": diff.item_rows(section, state.content[section.key])
            if section.kind == "items"
            else None,
            "can_edit": can_write and (section.key != "safetyConditions" or is_vt),
        }
        for section in SECTIONS
    ]


@login_required
@require_GET
def detail(request, household_id):
    access = gate.access_household(request, household_id, action="safety_map.read")
    household = access.obj
    professional = gate.professional_of(request.user)
    can_write = access.can_write
    state = selectors.map_state(household)
    is_vt = selectors.is_veilig_thuis(professional)
    return render(
        request,
        "safety_maps/detail.html",
        {
            "household": household,
            "access": access,
            "state": state,
            "sections": _sections(state, can_write, is_vt),
            "can_write": can_write,
            "agreement_form": forms.AgreementForm(initial={"base_number": state.number}),
            # Issue 14: what went well comes first, before the worries (one query).
            "moments": buffer_selectors.first_moments(household),
        },
    )


def _build_form(section, state, household, data=None):
    form_class = forms.FORMS[section.kind]
    kwargs = {"section": section, "initial": {"base_number": state.number}}
    if section.kind == "scores":
        kwargs["participants"] = selectors.participants(household)
        kwargs["scores"] = state.scores
    else:
        kwargs["value"] = state.content[section.key]
    return form_class(data, **kwargs)


def _render_section(request, access, section, state, *, form=None, conflict=None, status=200):
    household = access.obj
    professional = gate.professional_of(request.user)
    can_write = access.can_write
    entry = _sections(state, can_write, selectors.is_veilig_thuis(professional))
    entry = next(e for e in entry if e["section"] == section)
    context = {
        "household": household,
        "access": access,
        "state": state,
        "entry": entry,
        "section": section,
        "form": form,
        "conflict": conflict,
        "htmx": _is_htmx(request),
        "saved": form is None and request.method == "POST",
    }
    if form is None:
        return render(request, "safety_maps/_section.html", context, status=status)
    template = (
        "safety_maps/_section_form.html" if _is_htmx(request) else "safety_maps/section_form.html"
    )
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, household_id, section):
    section = SECTIONS_BY_SLUG.get(section)
    if section is None:
        raise Http404
    if section.key == "network" and not request.GET.get("toon"):
        # One network: it is edited on the network page (the ecomap), which saves it here.
        target = reverse("buffers:network", kwargs={"household_id": household_id})
        if _is_htmx(request):
            return HttpResponse(status=204, headers={"HX-Redirect": target})
        return redirect(target)
    if request.method == "GET" and request.GET.get("toon"):
        # htmx "Annuleren": the section as it is shown on the map, read only.
        access = gate.access_household(request, household_id, action="safety_map.read")
        return _render_section(request, access, section, selectors.map_state(access.obj))
    action = "safety_map.version.save" if request.method == "POST" else "safety_map.read"
    access = gate.access_household(request, household_id, action=action, write=True)
    household = access.obj
    professional = gate.require_professional(request)
    if section.key == "safetyConditions" and not selectors.is_veilig_thuis(professional):
        raise PermissionDenied
    state = selectors.map_state(household)
    if request.method == "GET":
        form = _build_form(section, state, household)
        return _render_section(request, access, section, state, form=form)

    form = _build_form(section, state, household, data=request.POST)
    if not form.is_valid():
        return _render_section(request, access, section, state, form=form)
    base = form.cleaned_data["base_number"]
    value = form.value()
    for _attempt in range(SAVE_ATTEMPTS):
        if base != state.number:
            # Someone saved since this form was opened. If they left this section alone, the
            # edit goes on top of their version; otherwise the user merges by hand.
            base_state = selectors.map_state(household, number=base)
            if _section_value(section, base_state) != _section_value(section, state):
                return _conflict(request, access, section, state, base_state)
        content = dict(state.content)
        scores = []
        if section.kind == "scores":
            scores = value
        else:
            content[section.key] = value
        try:
            services.safety_map_save(
                by=professional,
                household=household,
                content=content,
                scores=scores,
                base_number=state.number,
            )
        except services.StaleVersion:
            base = state.number
            state = selectors.map_state(household)
            continue
        except DomainError as error:
            form.add_domain_error(error, {section.key: _first_field(form)})
            return _render_section(request, access, section, state, form=form)
        break
    else:
        form.add_error(None, _("De kaart verandert nu erg vaak. Probeer het zo opnieuw."))
        return _render_section(request, access, section, state, form=form)

    if _is_htmx(request):
        return _render_section(request, access, section, selectors.map_state(household))
    messages.success(request, _("%(section)s is opgeslagen.") % {"section": section.title})
    return redirect(_map_url(household, section))


def _first_field(form) -> str:
    return next((name for name, field in form.fields.items() if not field.widget.is_hidden), "")


def _conflict(request, access, section, state, base_state):
    household = access.obj
    data = request.POST.copy()
    data["base_number"] = str(state.number)
    form = _build_form(section, state, household, data=data)
    form.is_valid()
    change = diff.section_change(
        section,
        base_state.scores if section.kind == "scores" else base_state.content[section.key],
        state.scores if section.kind == "scores" else state.content[section.key],
    )
    conflict = {
        "change": change,
        "base": base_state.number,
        "current": state.current,
        "entry": next(e for e in _sections(state, False, False) if e["section"] == section),
    }
    return _render_section(request, access, section, state, form=form, conflict=conflict)


@login_required
@require_POST
def agree(request, household_id):
    """Mark the current version as discussed and agreed with the family: a new version."""
    household = gate.access_household(
        request, household_id, action="safety_map.version.agree", write=True
    ).obj
    professional = gate.require_professional(request)
    state = selectors.map_state(household)
    form = forms.AgreementForm(request.POST)
    if form.is_valid() and state.current is not None:
        if form.cleaned_data["base_number"] != state.number:
            messages.warning(
                request,
                _(
                    "De kaart is intussen gewijzigd. Bekijk de huidige versie en markeer die "
                    "opnieuw als afgesproken."
                ),
            )
            return redirect(_map_url(household))
        try:
            services.safety_map_save(
                by=professional,
                household=household,
                content=state.content,
                base_number=state.number,
                agreed_with=form.cleaned_data["agreed_with"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("De kaart is gemarkeerd als afgesproken met het gezin."))
        return redirect(_map_url(household))
    messages.error(request, _("Vul in met wie van het gezin de kaart is afgesproken."))
    return redirect(_map_url(household))


@login_required
@require_GET
def history(request, household_id):
    access = gate.access_household(request, household_id, action="safety_map.history.read")
    household = access.obj
    safety_map = selectors.map_of(household)
    page = None
    rows = []
    if safety_map is not None:
        page = Paginator(
            selectors.versions(safety_map), HISTORY_PAGE_SIZE, allow_empty_first_page=True
        ).get_page(request.GET.get("pagina"))
        scores = selectors.scores_by_version(v.pk for v in page)
        rows = [
            {
                "version": v,
                "changed": [SECTIONS_BY_KEY[k] for k in v.changed_sections if k in SECTIONS_BY_KEY],
                "scores": scores.get(v.pk, []),
            }
            for v in page
        ]
    return render(
        request,
        "safety_maps/history.html",
        {
            "household": household,
            "access": access,
            "safety_map": safety_map,
            "page": page,
            "rows": rows,
        },
    )


@login_required
@require_GET
def version_detail(request, household_id, number):
    access = gate.access_household(request, household_id, action="safety_map.version.read")
    household = access.obj
    state = selectors.map_state(household, number=number)
    if state.current is None:
        raise Http404
    return render(
        request,
        "safety_maps/version.html",
        {
            "household": household,
            "access": access,
            "state": state,
            "sections": _sections(state, False, False),
            "latest": state.safety_map.current_number,
        },
    )


def _number(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 1 else None


@login_required
@require_GET
def compare(request, household_id):
    access = gate.access_household(request, household_id, action="safety_map.diff.read")
    household = access.obj
    safety_map = selectors.map_of(household)
    latest = safety_map.current_number if safety_map else 0
    old_n = _number(request.GET.get("van"))
    new_n = _number(request.GET.get("tot"))
    if new_n is None:
        new_n = latest
    if old_n is None:
        old_n = max(1, new_n - 1)
    old = selectors.map_state(household, number=old_n) if safety_map else None
    new = selectors.map_state(household, number=new_n) if safety_map else None
    error = ""
    changes = []
    if safety_map is None:
        error = _("Er is nog geen veiligheidskaart.")
    elif old.current is None or new.current is None:
        error = _("Kies twee versies tussen 1 en %(n)s.") % {"n": latest}
    else:
        changes = diff.content_diff(old.content, new.content, old.scores, new.scores)
    return render(
        request,
        "safety_maps/compare.html",
        {
            "household": household,
            "access": access,
            "old": old,
            "new": new,
            "old_n": old_n,
            "new_n": new_n,
            "latest": latest,
            "changes": changes,
            "error": error,
        },
        status=200 if not error or safety_map is None else 400,
    )


@login_required
@require_GET
def scales(request, household_id):
    access = gate.access_household(request, household_id, action="safety_map.scales.read")
    household = access.obj
    series = selectors.scale_series(selectors.map_of(household))
    charts = [{"series": s, "chart": scale_chart(s.points)} for s in series]
    return render(
        request,
        "safety_maps/scales.html",
        {"household": household, "access": access, "charts": charts},
    )


@login_required
@require_GET
def family_pdf(request, household_id):
    household = gate.access_household(request, household_id, action="safety_map.export.pdf").obj
    response = HttpResponse(exports.family_pdf(household), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="veiligheidskaart.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def handover_package(request, household_id):
    household = gate.access_household(
        request, household_id, action="safety_map.export.handover"
    ).obj
    response = HttpResponse(exports.handover_package(household), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="overdracht-veiligheidskaart.zip"'
    response["Cache-Control"] = "no-store"
    return response
