"""The referrals page of a dossier: the list and the form to record one. Gate, form, service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ketenkaart.access import gate
from ketenkaart.core.errors import DomainError
from ketenkaart.referrals import forms, selectors, services


@login_required
@require_http_methods(["GET", "POST"])
def referrals_page(request, household_id):
    writing = request.method == "POST"
    access = gate.access_household(
        request,
        household_id,
        action="referral.record" if writing else "referral.list",
        write=writing,
    )
    household = access.obj
    can_write = access.can_write
    form = forms.ReferralForm(request.POST or None)
    if writing and form.is_valid():
        try:
            services.referral_record(
                by=gate.require_professional(request), household=household, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("De verwijzing is vastgelegd."))
            return redirect("referrals:list", household_id=household.pk)
    return render(
        request,
        "referrals/list.html",
        {
            "household": household,
            "access": access,
            "referrals": list(selectors.referrals(household)),
            "form": form if can_write else None,
        },
        status=400 if writing and form.errors else 200,
    )
