"""The dossier pages: gate, form, service, then redirect (POST-redirect-GET) or show the errors."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from ketenkaart.access import gate, labels
from ketenkaart.audit import services as audit
from ketenkaart.audit.models import AccessEvent
from ketenkaart.buffers import selectors as buffer_selectors
from ketenkaart.core import replica
from ketenkaart.core.errors import DomainError
from ketenkaart.core.listing import list_state
from ketenkaart.households import forms, measure_services, search, selectors, services
from ketenkaart.households.models import CourtMeasure, Household, MemberRole
from ketenkaart.organisations.models import Organisation, Role

PAGE_SIZE = 50
# The session remembers that this user searched before creating, so step 2 cannot be skipped.
SEARCHED_SESSION_KEY = "households.searched_before_create"


def _to_dossier(household: Household):
    return redirect("households:detail", household_id=household.pk)


def _gate(request, household_id, write_action: str) -> Household:
    """GET shows a form (one read); POST is the attempt to change. Both need write rights."""
    action = write_action if request.method == "POST" else "household.read"
    return gate.access_household(request, household_id, action=action, write=True).obj


@login_required
@require_GET
def mine(request):
    """Mijn gezinnen: the caseload with its warnings."""
    day = timezone.localdate()
    state = list_state(request, sorts=selectors.CASELOAD_SORTS, filters={"kader": selectors.FRAMES})
    households = selectors.caseload_page(
        request.user, day=day, query=state.query, frame=state.filters["kader"], sort=state.sort
    )
    page = Paginator(households, PAGE_SIZE).get_page(request.GET.get("pagina"))
    page.object_list = selectors.with_warnings(page.object_list, day=day)
    audit.record_list(
        request, action="household.list", object_type="household", rows=page.object_list
    )
    return render(
        request,
        "households/mine.html",
        {
            "page": page,
            "total": page.paginator.count,
            "state": state,
            "can_create": gate.can_search_persons(request.user),
        },
    )


@login_required
@sensitive_post_parameters("bsn")
@require_http_methods(["GET", "POST"])
def create(request):
    """Search-before-create: step 1 searches for an existing family, step 2 creates one."""
    if not gate.can_search_persons(request.user):
        raise PermissionDenied
    professional = gate.require_professional(request)
    if request.GET.get("stap") == "gegevens":
        return _create_household(request, professional)

    form = forms.HouseholdSearchForm(request.POST or None)
    matches = None
    if request.method == "POST" and form.is_valid():
        try:
            matches = search.search_before_create(
                request,
                bsn=form.cleaned_data["bsn"],
                surname=form.cleaned_data["surname"],
                birth_date=form.cleaned_data["birth_date"],
            )
        except gate.PersonSearchLimited as error:
            form.add_error(None, error.message)
            response = render(
                request, "households/create_search.html", {"form": form, "matches": None}
            )
            response.status_code = 429
            response["Retry-After"] = str(error.wait)
            return response
        request.session[SEARCHED_SESSION_KEY] = True
        # Show the results with an empty BSN field: the number is not echoed into the page.
        form = forms.HouseholdSearchForm(
            initial={k: form.cleaned_data[k] for k in ("surname", "birth_date")}
        )
    return render(request, "households/create_search.html", {"form": form, "matches": matches})


def _create_household(request, professional):
    if not request.session.get(SEARCHED_SESSION_KEY):
        messages.info(request, _("Zoek eerst of het gezin al bestaat."))
        return redirect("households:create")
    form = forms.HouseholdForm(request.POST or None, professional=professional)
    if request.method == "POST" and form.is_valid():
        try:
            household = services.household_create(by=professional, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            request.session.pop(SEARCHED_SESSION_KEY, None)
            messages.success(request, _("Het gezin is aangemaakt."))
            return _to_dossier(household)
    return render(request, "households/create_form.html", {"form": form})


@login_required
@require_GET
def detail(request, household_id):
    access = gate.access_household(request, household_id)
    household = access.obj
    dossier = selectors.dossier(household)
    today = timezone.localdate()
    measures = [
        {
            "measure": m,
            "active": m.is_active_on(today),
            "extended": any(other.extends_id == m.pk for other in dossier.measures),
        }
        for m in dossier.measures
    ]
    return render(
        request,
        "households/detail.html",
        {
            "household": household,
            "access": access,
            "dossier": dossier,
            "measures": measures,
            "timeline": selectors.timeline(dossier),
            "can_write": access.can_write,
            # Regie is handed over by whoever holds it (or taken when nobody does): a former
            # regisseur no longer sees the action.
            "can_hand_over": dossier.lead is None
            or dossier.lead.professional_id
            == getattr(gate.professional_of(request.user), "pk", None),
            "can_read_log": gate.access_log_grant(
                request.user, household, dossier.lead.professional_id if dossier.lead else None
            )
            is not None,
            "today": today,
            # What went well comes first on the family's pages (M6).
            "good_moment": buffer_selectors.newest_moment(household),
        },
    )


@login_required
@sensitive_post_parameters("bsn")
@require_http_methods(["GET", "POST"])
def member_add(request, household_id):
    household = _gate(request, household_id, "household.member.add")
    form = forms.MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_add(
                by=gate.require_professional(request), household=household, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Het gezinslid is toegevoegd."))
            return _to_dossier(household)
    return render(request, "households/member_form.html", {"household": household, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def involvement_add(request, household_id):
    household = _gate(request, household_id, "household.involvement.add")
    form = forms.InvolvementForm(request.POST or None, household=household)
    if request.method == "POST" and form.is_valid():
        try:
            services.involvement_add(
                by=gate.require_professional(request), household=household, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("De betrokkene is toegevoegd."))
            return _to_dossier(household)
    return render(
        request, "households/involvement_form.html", {"household": household, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def involvement_end(request, household_id, involvement_id):
    """Someone stops working with the family: asked once more, then ended today. The
    regisseur stops through a handover instead (the page says so; the service refuses)."""
    household = _gate(request, household_id, "household.involvement.end")
    involvement = (
        household.involvements.filter(pk=involvement_id, ended_on__isnull=True)
        .select_related("professional__user", "organisation")
        .first()
    )
    if involvement is None:
        raise Http404
    # Bound on every POST: the form has no fields, so its POST is empty (and falsy).
    form = forms.InvolvementEndForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.involvement_end(by=gate.require_professional(request), involvement=involvement)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("De betrokkenheid is beëindigd."))
            return _to_dossier(household)
    return render(
        request,
        "households/involvement_end_form.html",
        {"household": household, "involvement": involvement, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_add(request, household_id):
    household = _gate(request, household_id, "household.measure.record")
    form = forms.MeasureForm(request.POST or None, household=household)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.measure_record(
                by=gate.require_professional(request),
                household=household,
                child=data["child"],
                type=data["type"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                court=data["court"],
                lead_to=data["lead_to"],
                reason=data["reason"],
                supervision=data["supervision"],
                guardian_kind=data["guardian_kind"],
                guardian_organisation=data["guardian_organisation"],
                guardian_name=data["guardian_name"],
            )
        except DomainError as error:
            form.add_domain_error(error, {"professional": "lead_to"})
        else:
            messages.success(request, _("De maatregel is vastgelegd."))
            return _to_dossier(household)
    return render(
        request,
        "households/measure_form.html",
        {
            "household": household,
            "form": form,
            "has_children": household.members.filter(role=MemberRole.CHILD).exists(),
        },
    )


def _measure(household: Household, measure_id) -> CourtMeasure:
    measure = (
        CourtMeasure.objects.filter(household=household, pk=measure_id)
        .select_related("child", "household")
        .first()
    )
    if measure is None:
        raise Http404
    return measure


@login_required
@require_http_methods(["GET", "POST"])
def measure_extend(request, household_id, measure_id):
    household = _gate(request, household_id, "household.measure.extend")
    measure = _measure(household, measure_id)
    form = forms.MeasureExtendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_extend(
                by=gate.require_professional(request), measure=measure, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("De maatregel is verlengd."))
            return _to_dossier(household)
    return render(
        request,
        "households/measure_extend_form.html",
        {"household": household, "measure": measure, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_end(request, household_id, measure_id):
    household = _gate(request, household_id, "household.measure.end")
    measure = _measure(household, measure_id)
    form = forms.MeasureEndForm(request.POST or None, household=household)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_end(
                by=gate.require_professional(request), measure=measure, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error, {"professional": "lead_to"})
        else:
            messages.success(request, _("De maatregel is beëindigd."))
            return _to_dossier(household)
    return render(
        request,
        "households/measure_end_form.html",
        {"household": household, "measure": measure, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_use(request, household_id, measure_id):
    """The machtiging uithuisplaatsing is carried out: recorded, so it does not lapse after 3
    months unused (art. 1:265c lid 3 BW)."""
    household = _gate(request, household_id, "household.measure.use")
    measure = _measure(household, measure_id)
    form = forms.MeasureUseForm(request.POST or None, initial={"used_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            measure_services.measure_use(
                by=gate.require_professional(request), measure=measure, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("De machtiging is ten uitvoer gelegd."))
            return _to_dossier(household)
    return render(
        request,
        "households/measure_use_form.html",
        {"household": household, "measure": measure, "form": form},
    )


@login_required
@require_GET
def access_log(request, household_id):
    """The toegangslog: who looked at or changed this family's file, newest first."""
    household = gate.access_household_log(request, household_id)
    # The listing may come from the replica (a moment behind); the gate above read the primary.
    with replica.reads():
        events = AccessEvent.objects.filter(household_id=household.pk).order_by(
            "-occurred_at", "-pk"
        )
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("pagina"))
        users = get_user_model().objects.in_bulk({e.actor_user_id for e in page if e.actor_user_id})
        organisations = dict(
            Organisation.objects.filter(
                pk__in={e.actor_organisation_id for e in page if e.actor_organisation_id}
            ).values_list("pk", "name")
        )
        roles = dict(Role.choices)
        rows = [
            {
                "event": event,
                "who": (
                    users[event.actor_user_id].get_full_name() or event.actor_username
                    if event.actor_user_id in users
                    else event.actor_username
                ),
                "organisation": organisations.get(event.actor_organisation_id, ""),
                "role": roles.get(event.actor_role, event.actor_role),
                "action": labels.action_label(event.action),
                "basis": labels.basis_label(event.legal_basis),
            }
            for event in page
        ]
    return render(
        request,
        "households/access_log.html",
        {
            "household": household,
            "page": page,
            "rows": rows,
            # The privacy officer reads the log, not the dossier: no breadcrumb into it.
            "reads_dossier": gate.professional_of(request.user).role != Role.PRIVACY_OFFICER,
        },
    )
