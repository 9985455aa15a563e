"""The buffers, good-parent moments and network pages: gate, form, service, then redirect or
render. Every read passes the gate, which audits it; writes need a write grant."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenkaart.access import gate
from ketenkaart.buffers import charts, forms, phrasing, selectors, services
from ketenkaart.core.errors import DomainError
from ketenkaart.safety_maps.services import StaleVersion

LATEST_MOMENTS = 3


def _gate(request, household_id, write_action: str):
    return _gate_access(request, household_id, write_action).obj


def _gate_access(request, household_id, write_action: str):
    action = write_action if request.method == "POST" else "buffers.read"
    return gate.access_household(request, household_id, action=action, write=True)


def _moment_context(request, household) -> dict:
    professional = gate.professional_of(request.user)
    return {
        "signal": selectors.moment_signal(household)
        if selectors.is_lead(professional, household)
        else None,
    }


@login_required
@require_GET
def buffers_page(request, household_id):
    access = gate.access_household(request, household_id, action="buffers.read")
    household = access.obj
    films = selectors.films(household)
    return render(
        request,
        "buffers/buffers.html",
        {
            "household": household,
            "access": access,
            "moments": list(selectors.moments(household)[:LATEST_MOMENTS]),
            "films": [
                {
                    "parent": film.parent,
                    "dom_id": index,
                    "views": [
                        {"film": v, "chart": charts.film(v), "dom_id": f"{index}-{v.view}"}
                        for v in film.views
                    ],
                }
                for index, film in enumerate(films, start=1)
            ],
            "can_write": access.can_write,
            **_moment_context(request, household),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def observation_add(request, household_id):
    household = _gate(request, household_id, "buffers.observation.record")
    form = forms.ObservationForm(request.POST or None, parents=selectors.parents(household))
    if request.method == "POST" and form.is_valid():
        try:
            observation = services.buffer_observation_record(
                by=gate.require_professional(request), household=household, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error, {"parent": "parent_id"})
        else:
            messages.success(request, _("Vastgelegd."))
            for hint in phrasing.hints(observation.words):
                messages.info(
                    request,
                    _(
                        "U schreef “%(found)s”. Een formulering die naast de ouder blijft: "
                        "“%(instead)s”. U kunt het aanpassen in een nieuwe waarneming."
                    )
                    % {"found": hint.found, "instead": hint.instead},
                )
            return redirect("buffers:buffers", household_id=household.pk)
    return render(request, "buffers/observation_form.html", {"household": household, "form": form})


@login_required
@require_GET
def moments_page(request, household_id):
    access = gate.access_household(request, household_id, action="good_moment.list")
    household = access.obj
    return render(
        request,
        "buffers/moments.html",
        {
            "household": household,
            "access": access,
            "moments": list(selectors.moments(household)),
            "can_write": access.can_write,
            **_moment_context(request, household),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def moment_add(request, household_id):
    household = _gate(request, household_id, "good_moment.record")
    form = forms.GoodMomentForm(request.POST or None, parents=selectors.parents(household))
    if request.method == "POST" and form.is_valid():
        try:
            services.good_moment_record(
                by=gate.require_professional(request), household=household, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error, {"parent": "parent_id"})
        else:
            messages.success(request, _("Het goede moment is vastgelegd."))
            return redirect("buffers:moments", household_id=household.pk)
    return render(request, "buffers/moment_form.html", {"household": household, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def network_page(request, household_id):
    if request.method == "POST":
        access = _gate_access(request, household_id, "network.person.add")
    else:
        access = gate.access_household(request, household_id, action="network.read")
    household = access.obj
    can_write = access.can_write
    form = forms.NetworkPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.network_person_add(
                by=gate.require_professional(request), household=household, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error, {"helpsWith": "helps_with"})
        else:
            messages.success(request, _("%(name)s staat nu in het netwerk.") % form.cleaned_data)
            return redirect("buffers:network", household_id=household.pk)
    number, people = selectors.network(household)
    return render(
        request,
        "buffers/network.html",
        {
            "household": household,
            "access": access,
            "people": people,
            "number": number,
            "ecomap": charts.ecomap(people),
            "form": form if can_write else None,
            "can_write": can_write,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def network_remove(request, household_id, index):
    household = _gate(request, household_id, "network.person.remove")
    form = forms.RemoveForm(request.POST)
    target = reverse("buffers:network", kwargs={"household_id": household.pk})
    if not form.is_valid():
        messages.error(request, _("Laad de pagina opnieuw en probeer het nog eens."))
        return redirect(target)
    try:
        services.network_person_remove(
            by=gate.require_professional(request),
            household=household,
            index=index,
            base_number=form.cleaned_data["base_number"],
        )
    except StaleVersion:
        messages.error(
            request,
            _("Het netwerk is intussen gewijzigd; er is niemand weggehaald. Kijk opnieuw."),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("De persoon is uit het netwerk gehaald."))
    return redirect(target)
