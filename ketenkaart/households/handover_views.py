"""Handover pages: the regisseur asks (form, then a review page), the receiver answers. Regie
moves only when the receiver accepts (handover_services)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ketenkaart.access import gate
from ketenkaart.core.errors import DomainError
from ketenkaart.households import forms, handover_services
from ketenkaart.households.models import OfferState

CONFIRM, CHANGE = "bevestigen", "wijzigen"


def _pending_offer(household):
    return (
        household.offers.filter(state=OfferState.PENDING)
        .select_related("to_professional__user", "to_professional__organisation")
        .first()
    )


@login_required
@require_http_methods(["GET", "POST"])
def hand_over(request, household_id):
    """Step 1 the form, step 2 the review (who, which family, what changes), then the question
    goes to the receiver. A POST without the confirmation only shows the review."""
    access = gate.access_household(
        request,
        household_id,
        action="household.lead.hand_over" if request.method == "POST" else "household.read",
        write=True,
    )
    household = access.obj
    by = gate.require_professional(request)
    if not handover_services.may_offer(by, household):
        raise PermissionDenied
    lead = handover_services.current_lead(household)
    pending = _pending_offer(household)
    is_lead = lead is not None and lead.professional_id == by.pk
    form = forms.HandoverForm(
        request.POST or None,
        household=household,
        exclude=lead.professional_id if lead else None,
        may_leave=is_lead,
    )
    context = {
        "household": household,
        "access": access,
        "form": form,
        "lead": lead,
        "pending": pending,
    }
    step = request.POST.get("stap", "")
    if request.method == "POST" and step != CHANGE and form.is_valid():
        data = form.cleaned_data
        if step != CONFIRM:
            return render(
                request,
                "households/handover_review.html",
                {
                    **context,
                    "to": data["professional"],
                    "reason": data["reason"],
                    "leave": data.get("leave", False),
                },
            )
        try:
            offer = handover_services.handover_offer(
                by=by,
                household=household,
                to=data["professional"],
                reason=data["reason"],
                leaving=data.get("leave", False),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            if offer.state == OfferState.ACCEPTED:
                messages.success(request, _("U heeft nu de regie."))
            else:
                messages.success(
                    request,
                    _(
                        "Uw verzoek staat klaar bij %(name)s. U houdt de regie tot %(name)s "
                        "het verzoek aanvaardt."
                    )
                    % {"name": offer.to_professional.display_name},
                )
            return redirect("households:detail", household_id=household.pk)
    return render(request, "households/handover_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def offer(request, offer_id):
    """The question to take over regie, for whom it asks (accept or decline) and for whom asked
    it (withdraw). Anyone else gets 404, audited."""
    professional = gate.require_professional(request)
    found = gate.access_among(
        request,
        gate.visible_handover_offers(request.user).select_related(
            "household__municipality",
            "household__district",
            "offered_by__user",
            "offered_by__organisation",
            "to_professional__user",
            "to_professional__organisation",
        ),
        offer_id,
        action="household.lead.offer.read"
        if request.method == "GET"
        else "household.lead.offer.answer",
        object_type="handoveroffer",
        grant="handover_offer",
    ).obj
    is_receiver = found.to_professional_id == professional.pk
    # The receiver decides on what the outline says; the family's name is for whom asked (who
    # holds the dossier), the receiver meets it in the dossier after accepting.
    outline = handover_services.family_outlines([found.household])[found.household_id]
    form = forms.HandoverAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = request.POST.get("besluit")
        try:
            if decision == "aanvaarden" and is_receiver:
                handover_services.handover_accept(by=professional, offer=found)
                messages.success(request, _("U heeft nu de regie over dit gezin."))
                return redirect("households:detail", household_id=found.household_id)
            if decision == "afwijzen" and is_receiver:
                handover_services.handover_decline(
                    by=professional, offer=found, answer=form.cleaned_data["answer"]
                )
                messages.success(request, _("U heeft het verzoek afgewezen."))
                return redirect("start")
            if decision == "intrekken" and not is_receiver:
                handover_services.handover_withdraw(by=professional, offer=found)
                messages.success(request, _("Het verzoek is ingetrokken."))
                return redirect("households:detail", household_id=found.household_id)
            raise PermissionDenied
        except DomainError as error:
            if error.code == "forbidden":
                raise PermissionDenied from error
            form.add_domain_error(error)
    return render(
        request,
        "households/handover_offer.html",
        {
            "offer": found,
            "form": form,
            "is_receiver": is_receiver,
            "outline": outline,
            "shows_name": found.offered_by_id == professional.pk,
        },
    )
