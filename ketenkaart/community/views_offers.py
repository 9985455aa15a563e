"""The help-offer pages: on a case discussion's agenda item (participants offer) and on the
family (its regisseur records the answers of regisseur and family). Gate, form, service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenkaart.access import gate
from ketenkaart.community import forms, offers
from ketenkaart.community.models import HelpOffer
from ketenkaart.core.errors import DomainError
from ketenkaart.safety_teams import selectors as team_selectors


def _offers(household_id, *, answer_forms: bool = False, bound=None):
    """The family's offers; with `answer_forms`, each open one carries its own form (its own
    prefix, so ids stay unique on the page); `bound` replaces one with the submitted form."""
    rows = list(
        HelpOffer.objects.filter(household_id=household_id).select_related(
            "offered_by__user", "organisation"
        )
    )
    if answer_forms:
        for offer in rows:
            if bound is not None and bound.prefix == _prefix(offer):
                offer.answer_form = bound
            else:
                offer.answer_form = forms.HelpOfferAnswerForm(prefix=_prefix(offer))
    return rows


def _prefix(offer) -> str:
    return f"a-{offer.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def item_offers(request, item_id):
    """In the case discussion: what partners offer this family, and a form to offer help."""
    post = request.method == "POST"
    item = team_selectors.access_item(
        request, item_id, action="help_offer.make" if post else "help_offer.list"
    )
    form = forms.HelpOfferForm(request.POST if post else None)
    if post and form.is_valid():
        try:
            offers.help_offer_make(
                by=gate.require_professional(request), item=item, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Uw aanbod is vastgelegd. De regisseur hoort ervan."))
            return redirect("community:item_offers", item_id=item.pk)
    return render(
        request,
        "community/item_offers.html",
        {"item": item, "meeting": item.meeting, "offers": _offers(item.household_id), "form": form},
    )


@login_required
@require_GET
def household_offers(request, household_id):
    """The family's offers, for whoever reads the family; the regisseur answers them here."""
    access = gate.access_household(request, household_id, action="help_offer.list")
    household = access.obj
    professional = gate.require_professional(request)
    regisseur = offers.regisseur_of(household.pk)
    is_regisseur = regisseur is not None and regisseur.pk == professional.pk
    return render(
        request,
        "community/household_offers.html",
        {
            "household": household,
            "access": access,
            "offers": _offers(household.pk, answer_forms=is_regisseur),
            "is_regisseur": is_regisseur,
        },
    )


@login_required
@require_POST
def offer_answer(request, household_id, offer_id):
    access = gate.access_household(request, household_id, action="help_offer.answer", write=True)
    household = access.obj
    offer = HelpOffer.objects.filter(household=household, pk=offer_id).first()
    if offer is None:
        raise Http404
    form = forms.HelpOfferAnswerForm(request.POST, prefix=_prefix(offer))
    if form.is_valid():
        try:
            offers.help_offer_answer(
                by=gate.require_professional(request), offer=offer, **form.cleaned_data
            )
        except DomainError as error:
            if error.code == "forbidden":
                raise PermissionDenied from error
            form.add_domain_error(error)
        else:
            messages.success(request, _("De antwoorden zijn vastgelegd."))
            return redirect("community:household_offers", household_id=household.pk)
    return render(
        request,
        "community/household_offers.html",
        {
            "household": household,
            "access": access,
            "offers": _offers(household.pk, answer_forms=True, bound=form),
            "is_regisseur": True,
            "form": form,
        },
        status=400,
    )
