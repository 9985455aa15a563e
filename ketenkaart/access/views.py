"""Pages for break the glass: the request form for a professional who is not involved, and the
privacy officer's review queue with its deadlines."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ketenkaart.access import emergency, gate
from ketenkaart.access.models import EmergencyAccess, ReviewOutcome
from ketenkaart.audit import services as audit
from ketenkaart.audit.models import Outcome
from ketenkaart.core.errors import DomainError
from ketenkaart.households.forms import DossierForm
from ketenkaart.households.models import Household
from ketenkaart.organisations.models import Professional


class EmergencyForm(DossierForm):
    reason = forms.CharField(
        label=gettext_lazy("Waarom heeft u nu toegang nodig?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy(
            "De privacy officer beoordeelt dit achteraf. De regisseur krijgt bericht."
        ),
    )
    hours = forms.TypedChoiceField(
        label=gettext_lazy("Hoe lang?"),
        choices=[(str(h), gettext_lazy("%(h)s uur") % {"h": h}) for h in (1, 2, 4, 8, 24)],
        coerce=int,
        initial="4",
    )


class ReviewForm(DossierForm):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Uitkomst"), choices=ReviewOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=gettext_lazy("Notitie"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def emergency_request(request: HttpRequest, household_id: str) -> HttpResponse:
    professional = gate.require_professional(request)
    key = gate.as_uuid(household_id)
    household = Household.objects.filter(pk=key).first() if key else None
    if household is None or not professional.works_with_families:
        audit.record(
            user=request.user,
            action="household.emergency_access.request",
            outcome=Outcome.DENIED,
            object_type="household",
            object_id=household_id,
            request=request,
        )
        raise Http404
    form = EmergencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            emergency.emergency_open(by=professional, household=household, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.warning(
                request, _("Noodtoegang geopend. Alles wat u nu doet, wordt beoordeeld.")
            )
            return redirect("households:detail", household_id=household.pk)
    return render(
        request,
        "access/emergency_form.html",
        {"form": form, "household_id": household.pk},
        status=400 if form.errors else 200,
    )


def _require_officer(request: HttpRequest) -> Professional:
    return gate.require_privacy_officer(request, "emergency_access.queue")


@login_required
@require_http_methods(["GET"])
def review_queue(request: HttpRequest) -> HttpResponse:
    _require_officer(request)
    rows = list(emergency.review_queue(request.user)[:200])
    audit.record(
        user=request.user,
        action="emergency_access.queue",
        object_type="emergencyaccess",
        request=request,
    )
    return render(
        request,
        "access/review_queue.html",
        {"rows": rows, "form": ReviewForm(), "today": timezone.localdate()},
    )


@login_required
@require_POST
def review(request: HttpRequest, access_id: str) -> HttpResponse:
    officer = _require_officer(request)
    access = gate.access_among(
        request,
        EmergencyAccess.objects.filter(household__in=gate.access_log_households(request.user)),
        access_id,
        action="emergency_access.review",
        object_type="emergencyaccess",
        grant=gate.Grant.PRIVACY_OFFICER,
    ).obj
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            emergency.emergency_review(by=officer, access=access, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("De beoordeling is vastgelegd."))
    else:
        messages.error(request, _("Kies een uitkomst."))
    return redirect("access:review_queue")
