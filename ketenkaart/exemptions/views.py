"""The ventieltafel pages: gate, form, service, then redirect or show the errors. Whoever is
not involved with the family sees the request under its pseudonym only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenkaart.access import gate
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.exemptions import costbenefit as cb
from ketenkaart.exemptions import forms, lists, selectors, services
from ketenkaart.exemptions.models import ExemptionRequest, PolicySignal, SignalStatus, Status
from ketenkaart.organisations.models import Professional, Role

PAGE_SIZE = 50
EMPTY_ITEM_ROWS = 3
FREE_IMPACT_ROWS = 1
# Parties the convener may invite: the rule lives in the service, for web and API alike.
PARTNER_TYPES = services.PARTNER_TYPES


def _to_request(exemption):
    return redirect("exemptions:detail", request_id=exemption.pk)


@login_required
@require_GET
def index(request):
    professional = gate.require_professional(request)
    today = timezone.localdate()
    is_convener = professional.role == Role.EXEMPTION_TABLE
    # One list on the page takes the controls: the table's queue for the convener, the own
    # requests for whoever asks; the other sections stay short lists.
    if is_convener:
        listing = lists.QUEUE.run_prepared(
            request,
            selectors.prepared_queue,
            {"organisation": professional.organisation_id},
            per_page=PAGE_SIZE,
            label=_("Aanvragen zoeken en filteren"),
        )
        queue, own = list(listing.page.object_list), []
    else:
        listing = lists.OWN.run(
            request,
            selectors.own_requests(request.user)
            if professional.works_with_families
            else ExemptionRequest.objects.none(),
            per_page=PAGE_SIZE,
            label=_("Aanvragen zoeken en filteren"),
        )
        queue, own = [], list(listing.page.object_list)
    invited = selectors.open_invitations(professional)
    audit.record_list(
        request,
        action="exemption.request.list",
        object_type="exemptionrequest",
        rows=[*own, *queue, *invited],
    )
    return render(
        request,
        "exemptions/index.html",
        {
            "own": selectors.request_rows(own, named=True),
            "queue": selectors.request_rows(queue, named=False, today=today),
            "invited": selectors.request_rows(invited, named=False),
            "listing": listing,
            "page": listing.page,
            "can_ask": professional.works_with_families,
            "is_convener": is_convener,
            "sees_signals": professional.role in (Role.POLICY, Role.EXEMPTION_TABLE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    professional = gate.require_professional(request)
    if not professional.works_with_families:
        raise PermissionDenied
    form = forms.RequestForm(
        request.POST or None,
        households=gate.writable_households(request.user),
        initial={"household": request.GET.get("gezin")},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        household = gate.access_household(
            request, data.pop("household").pk, action="exemption.request.submit", write=True
        ).obj
        try:
            exemption = services.request_submit(by=professional, household=household, **data)
        except services.InvalidInput as error:
            form.add_invalid_input(error)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request,
                _("De aanvraag is ingediend bij de ventieltafel als %(name)s.")
                % {"name": exemption.display_pseudonym},
            )
            return _to_request(exemption)
    if request.method == "GET":
        # The form lists the families one may ask for by name: a list read.
        shown = form.fields["household"].queryset.values_list("pk", flat=True)
        audit.record_list(
            request, action="household.list", object_type="household", household_ids=shown
        )
    return render(request, "exemptions/request_form.html", {"form": form})


@login_required
@require_GET
def detail(request, request_id):
    access = gate.access_exemption_request(request, request_id)
    exemption = access.obj
    professional = gate.require_professional(request)
    analysis = selectors.analysis_of(exemption)
    people = selectors.members(exemption, named=access.named)
    is_convener = services.is_convener(professional, exemption)
    return render(
        request,
        "exemptions/detail.html",
        {
            "exemption": exemption,
            "title": exemption.household.name if access.named else exemption.display_pseudonym,
            "people": people,
            "analysis": analysis,
            "parties": selectors.party_rows(analysis) if analysis else [],
            "impacts": selectors.impact_rows(analysis, people),
            "decision": getattr(exemption, "decision", None),
            "invitations": exemption.invitations.select_related(
                "professional__user", "professional__organisation"
            ),
            "precedents": selectors.similar_precedents(exemption, request.user)
            if not access.named or is_convener
            else [],
            "can_edit": access.can_write and exemption.status == Status.SUBMITTED,
            "is_convener": is_convener and exemption.status == Status.SUBMITTED,
            "overdue": selectors.is_overdue(exemption),
        },
    )


# -- the calculator ---------------------------------------------------------------------------


def _analysis_forms(request, access):
    """The calculator's forms, bound on POST, filled from the stored analysis on GET."""
    exemption = access.obj
    data = request.POST if request.method == "POST" else None
    catalogue = selectors.catalogue(exemption.municipality)
    analysis = selectors.analysis_of(exemption)
    people = selectors.members(exemption, named=access.named)
    stored_items = list(analysis.items.all()) if analysis else []
    stored_impacts = {i.member_id: i for i in analysis.impacts.all()} if analysis else {}
    free_impacts = [i for i in stored_impacts.values() if i.member_id is None]

    initial = {}
    if analysis:
        initial = {
            "horizon_months": analysis.horizon_months,
            "discount_rate": f"{analysis.discount_rate.normalize():f}",
            "sensitivity": f"{analysis.sensitivity.normalize():f}",
        }
    main = forms.AnalysisForm(data, initial=initial)
    if data is not None:
        try:
            rows = int(data.get("rows", 0))
        except ValueError:
            rows = 0
        rows = max(1, min(rows, 60)) + (EMPTY_ITEM_ROWS if "meer" in data else 0)
    else:
        rows = len(stored_items) + EMPTY_ITEM_ROWS
    items = []
    for index in range(rows):
        stored = stored_items[index] if index < len(stored_items) else None
        initial = (
            {
                "scenario": stored.scenario,
                "reference_cost": stored.reference_cost_id,
                "description": stored.description,
                "amount": _plain(stored.amount),
                "period": stored.period,
                "quantity": _plain(stored.quantity),
                "months": stored.months,
                "start_month": stored.start_month,
                "payer": stored.payer,
                "low": _plain(stored.low),
                "high": _plain(stored.high),
            }
            if stored
            else {
                "scenario": cb.MUDDLING_ON if index % 2 == 0 else cb.BREAKING_THROUGH,
                "period": cb.MONTH,
                "quantity": "1",
            }
        )
        items.append(
            forms.ItemForm(data, prefix=f"post-{index}", catalogue=catalogue, initial=initial)
        )
    impacts = []
    for index, person in enumerate(people):
        stored = stored_impacts.get(person.member_id)
        impacts.append(
            forms.ImpactForm(
                data,
                prefix=f"lid-{index}",
                member=_member(exemption, person.member_id),
                member_label=person.label,
                initial=_impact_initial(stored),
            )
        )
    for index in range(max(FREE_IMPACT_ROWS, len(free_impacts))):
        stored = free_impacts[index] if index < len(free_impacts) else None
        impacts.append(
            forms.ImpactForm(
                data,
                prefix=f"ander-{index}",
                initial={**_impact_initial(stored), "label": stored.label if stored else ""},
            )
        )
    return main, items, impacts


def _member(exemption, member_id):
    return exemption.household.members.get(pk=member_id)


def _plain(value) -> str:
    if value is None:
        return ""
    return f"{value.normalize():f}".replace(".", ",")


def _impact_initial(stored) -> dict:
    if stored is None:
        return {"muddling_on": 0, "breaking_through": 0}
    return {
        "muddling_on": stored.muddling_on,
        "breaking_through": stored.breaking_through,
        "note": stored.note,
    }


def _parse(main, items, impacts) -> dict | None:
    """The service's input when every form is valid; None otherwise (errors on the forms)."""
    filled = [form for form in items if not form.is_blank()]
    used_impacts = [form for form in impacts if not form.is_blank()]
    # Validate every form (no short-circuit), so each shows its own errors.
    results = [main.is_valid()] + [form.is_valid() for form in [*filled, *used_impacts]]
    valid = all(results)
    if not filled:
        main.add_error(None, _("Voeg ten minste één kostenpost toe."))
        valid = False
    if not valid:
        return None
    return {
        "horizon_months": main.cleaned_data["horizon_months"],
        "discount_rate": main.cleaned_data["discount_rate"],
        "sensitivity": main.cleaned_data["sensitivity"],
        "items": [form.item() for form in filled],
        "impacts": [form.impact() for form in used_impacts],
        "_item_forms": filled,
        "_impact_forms": used_impacts,
    }


def _show_service_errors(error: services.InvalidInput, main, item_forms, impact_forms):
    for path, message in error.errors.items():
        parts = path.split(".")
        if parts[0] == "items" and len(parts) == 3:
            form = item_forms[int(parts[1])]
            form.add_error(parts[2] if parts[2] in form.fields else None, message)
        elif parts[0] == "impacts" and len(parts) == 3:
            form = impact_forms[int(parts[1])]
            form.add_error(parts[2] if parts[2] in form.fields else None, message)
        else:
            main.add_error(path if path in main.fields else None, message)


def _preview(data: dict) -> dict | None:
    if data is None:
        return None
    errors = services.analysis_errors(
        horizon_months=data["horizon_months"],
        discount_rate=data["discount_rate"],
        sensitivity=data["sensitivity"],
        items=data["items"],
        impacts=[],
    )
    if errors:
        return None
    result = cb.calculate(
        services.to_analysis(
            horizon_months=data["horizon_months"],
            discount_rate=data["discount_rate"],
            sensitivity=data["sensitivity"],
            items=data["items"],
        )
    )
    return {
        "sentence": services.result_sentence(result),
        "muddling_on": cb.format_euros(result.npv[cb.MUDDLING_ON]),
        "breaking_through": cb.format_euros(result.npv[cb.BREAKING_THROUGH]),
    }


def _calculator_gate(request, request_id):
    action = "exemption.cost_benefit.save" if request.method == "POST" else "exemption.request.read"
    return gate.access_exemption_request(
        request,
        request_id,
        action=action,
        permitted=lambda _exemption, grant: grant in gate.WRITE_GRANTS,
    )


@login_required
@require_http_methods(["GET", "POST"])
def calculator(request, request_id):
    access = _calculator_gate(request, request_id)
    exemption = access.obj
    main, items, impacts = _analysis_forms(request, access)
    preview = None
    if request.method == "POST" and "meer" not in request.POST:
        data = _parse(main, items, impacts)
        if data is not None and request.POST.get("actie") == "opslaan":
            try:
                services.cost_benefit_save(
                    by=gate.require_professional(request),
                    request=exemption,
                    **{k: v for k, v in data.items() if not k.startswith("_")},
                )
            except services.InvalidInput as error:
                _show_service_errors(error, main, data["_item_forms"], data["_impact_forms"])
            except DomainError as error:
                main.add_domain_error(error)
            else:
                messages.success(request, _("De kosten-batenanalyse is opgeslagen."))
                return _to_request(exemption)
        preview = _preview(data)
    return render(
        request,
        "exemptions/calculator.html",
        {
            "exemption": exemption,
            "title": exemption.household.name,
            "form": main,
            "items": items,
            "impacts": impacts,
            "preview": preview,
            "rows": len(items),
            "has_errors": main.errors
            or any(f.errors for f in items)
            or any(f.errors for f in impacts),
        },
    )


@login_required
@require_POST
def calculator_preview(request, request_id):
    """The result region alone, for the calculator that updates as you type."""
    access = _calculator_gate(request, request_id)
    main, items, impacts = _analysis_forms(request, access)
    preview = _preview(_parse(main, items, impacts))
    return render(request, "exemptions/_result.html", {"preview": preview, "partial": True})


# -- the table --------------------------------------------------------------------------------


def _convener_gate(request, request_id, action: str):
    """GET shows the form: a read. POST is the attempt. Only the convener may do either."""
    professional = gate.require_professional(request)
    return gate.access_exemption_request(
        request,
        request_id,
        action=action if request.method == "POST" else "exemption.request.read",
        permitted=lambda exemption, _grant: services.is_convener(professional, exemption),
    ).obj


@login_required
@require_http_methods(["GET", "POST"])
def invite(request, request_id):
    exemption = _convener_gate(request, request_id, "exemption.invitation.add")
    candidates = (
        Professional.objects.filter(
            organisation__region_id=exemption.region_id, organisation__type__in=PARTNER_TYPES
        )
        .exclude(pk__in=exemption.invitations.values("professional_id"))
        .exclude(pk=gate.require_professional(request).pk)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__last_name")
    )
    form = forms.InvitationForm(request.POST or None, professionals=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_add(
                by=gate.require_professional(request),
                request=exemption,
                professional=form.cleaned_data["professional"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request, _("De partij is uitgenodigd en ziet de aanvraag zonder namen.")
            )
            return _to_request(exemption)
    return render(
        request,
        "exemptions/table_form.html",
        {
            "exemption": exemption,
            "form": form,
            "heading": _("Partij uitnodigen"),
            "submit": _("Uitnodigen"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decide(request, request_id):
    exemption = _convener_gate(request, request_id, "exemption.decision.record")
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(
                by=gate.require_professional(request), request=exemption, **form.cleaned_data
            )
        except services.InvalidInput as error:
            form.add_invalid_input(error)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Het besluit is vastgelegd."))
            return _to_request(exemption)
    return render(
        request,
        "exemptions/table_form.html",
        {
            "exemption": exemption,
            "form": form,
            "heading": _("Besluit vastleggen"),
            "submit": _("Besluit vastleggen"),
        },
    )


@login_required
@require_GET
def precedent_list(request):
    gate.require_professional(request)
    form = forms.PrecedentSearchForm(request.GET or None)
    found = []
    if form.is_valid():
        found = list(
            selectors.precedents(
                request.user,
                domain=form.cleaned_data["domain"],
                rule=form.cleaned_data["rule"],
            )[:100]
        )
    else:
        found = list(selectors.precedents(request.user)[:100])
    audit.record(
        user=request.user,
        action="exemption.precedent.search",
        object_type="exemptionrequest",
        request=request,
    )
    return render(request, "exemptions/precedents.html", {"form": form, "found": found})


# -- reference costs --------------------------------------------------------------------------


def _municipality_of(professional: Professional):
    return professional.organisation.municipalities.order_by("name").first()


@login_required
@require_GET
def catalogue(request):
    professional = gate.require_professional(request)
    municipality = _municipality_of(professional)
    return render(
        request,
        "exemptions/catalogue.html",
        {
            "rows": selectors.catalogue(municipality),
            "municipality": municipality,
            "can_manage": municipality is not None
            and services.may_manage_catalogue(professional, municipality),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_add(request):
    professional = gate.require_professional(request)
    municipality = _municipality_of(professional)
    if municipality is None or not services.may_manage_catalogue(professional, municipality):
        raise PermissionDenied
    rows = selectors.catalogue(municipality)
    form = forms.ReferenceCostForm(request.POST or None, catalogue=rows)
    if request.method == "POST" and form.is_valid():
        try:
            services.reference_cost_add(
                by=professional, municipality=municipality, **form.cleaned_data
            )
        except services.InvalidInput as error:
            form.add_invalid_input(error)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Het bedrag is vastgelegd als nieuwe versie."))
            return redirect("exemptions:catalogue")
    return render(
        request, "exemptions/catalogue_form.html", {"form": form, "municipality": municipality}
    )


# -- policy signals ---------------------------------------------------------------------------


@login_required
@require_GET
def signal_list(request):
    professional = gate.require_professional(request)
    if professional.role not in (Role.POLICY, Role.EXEMPTION_TABLE):
        raise PermissionDenied
    audit.record(
        user=request.user,
        action="exemption.signal.list",
        object_type="policysignal",
        request=request,
    )
    return render(
        request, "exemptions/signals.html", {"signals": list(selectors.signals(request.user)[:200])}
    )


@login_required
@require_http_methods(["GET", "POST"])
def signal_detail(request, signal_id):
    signal = selectors.access_signal(request, signal_id)
    professional = gate.require_professional(request)
    can_respond = professional.role == Role.POLICY and signal.status == SignalStatus.OPEN
    form = forms.SignalResponseForm(request.POST or None) if can_respond else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.signal_respond(by=professional, signal=signal, **form.cleaned_data)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Uw reactie is vastgelegd."))
                return redirect("exemptions:signal", signal_id=signal.pk)
    return render(
        request,
        "exemptions/signal_detail.html",
        {
            "signal": signal,
            "cases": selectors.signal_cases(signal),
            "form": form,
            "PolicySignal": PolicySignal,
        },
    )
