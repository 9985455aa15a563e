"""The neighbourhood guide and the consult pages: gate, form, service, redirect or render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenkaart.access import community as access
from ketenkaart.access import gate
from ketenkaart.audit import services as audit
from ketenkaart.community import forms, selectors, services, signalling
from ketenkaart.core.errors import DomainError
from ketenkaart.households.models import LegalBasis


@login_required
@require_GET
def districts(request):
    professional = gate.require_professional(request)
    audit.record(user=request.user, action="guide.list", object_type="district", request=request)
    return render(
        request,
        "community/districts.html",
        {
            "districts": access.visible_districts(request.user)
            .select_related("municipality")
            .order_by("municipality__name", "name"),
            "professional": professional,
        },
    )


@login_required
@require_GET
def guide(request, district_id):
    district = access.access_district(request, district_id)
    form = forms.GuideSearchForm(request.GET or None)
    query = subject = ""
    if form.is_valid():
        query, subject = form.cleaned_data["q"], form.cleaned_data["onderwerp"]
    return render(
        request,
        "community/guide.html",
        {
            "district": district,
            "form": form,
            "entries": list(selectors.guide(district, query=query, subject=subject)),
            "own_organisation_id": gate.professional_of(request.user).organisation_id,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_add(request, district_id):
    district = access.access_district(
        request,
        district_id,
        action="guide_entry.save" if request.method == "POST" else "guide.read",
    )
    form = forms.GuideEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.guide_entry_save(
                by=gate.require_professional(request), district=district, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("De vermelding staat in de wijkgids."))
            return redirect("community:guide", district_id=district.pk)
    return render(request, "community/entry_form.html", {"district": district, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request, district_id, entry_id):
    """Change an entry: only its own organisation (others get 403, audited; outside the
    region 404)."""
    entry = access.access_guide_entry(
        request,
        district_id,
        entry_id,
        action="guide_entry.save" if request.method == "POST" else "guide_entry.read",
    )
    district = entry.district
    fields = ("subject", "contact_name", "role", "phone", "email", "where_and_when")
    form = forms.GuideEntryForm(
        request.POST or None, initial={name: getattr(entry, name) for name in fields}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.guide_entry_save(
                by=gate.require_professional(request),
                district=district,
                entry=entry,
                **form.cleaned_data,
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("De vermelding is bijgewerkt."))
            return redirect("community:guide", district_id=district.pk)
    return render(
        request,
        "community/entry_form.html",
        {"district": district, "form": form, "entry": entry},
    )


@login_required
@require_http_methods(["GET", "POST"])
def consults(request):
    professional = gate.require_professional(request)
    districts = access.visible_districts(request.user).select_related("municipality")
    form = forms.ConsultForm(request.POST or None, districts=districts)
    if request.method == "POST" and form.is_valid():
        try:
            consult = services.consult_ask(
                by=professional,
                district=districts.get(pk=form.cleaned_data["district"]),
                question=form.cleaned_data["question"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Uw vraag is verstuurd naar de contactpersoon."))
            return redirect("community:consult", consult_id=consult.pk)
    audit.record(user=request.user, action="consult.list", object_type="consult", request=request)
    return render(
        request,
        "community/consults.html",
        {
            "consults": list(
                access.visible_consults(request.user)
                .select_related("district", "asked_by__user", "contact__user")
                .order_by("-created_at")
            ),
            "form": form,
            "professional": professional,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consult(request, consult_id):
    item = access.access_consult(
        request, consult_id, action="consult.reply" if request.method == "POST" else "consult.read"
    )
    professional = gate.require_professional(request)
    form = forms.ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consult_reply(by=professional, consult=item, text=form.cleaned_data["text"])
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("community:consult", consult_id=item.pk)
    return render(
        request,
        "community/consult.html",
        {
            "consult": item,
            "thread": list(selectors.messages(item)),
            "form": form,
            "is_asker": item.asked_by_id == professional.pk,
            "convert_form": forms.ConvertForm(),
            "signal_form": forms.SignalForm(),
        },
    )


@login_required
@require_POST
def convert(request, consult_id):
    item = access.access_consult(request, consult_id, action="consult.convert")
    form = forms.ConvertForm(request.POST)
    if form.is_valid():
        try:
            trail = services.consult_convert_to_trail(
                by=gate.require_professional(request),
                consult=item,
                subject=form.cleaned_data["subject"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Het consult is nu uw meldcode-traject."))
            return redirect("reports:trail", trail_id=trail.pk)
    return render(
        request,
        "community/consult.html",
        {
            "consult": item,
            "thread": list(selectors.messages(item)),
            "form": forms.ReplyForm(),
            "is_asker": True,
            "convert_form": form,
            "signal_form": forms.SignalForm(),
        },
        status=400,
    )


@login_required
@require_POST
def signal_create(request, consult_id):
    """The asker names the family: the consult becomes a signal to the wijkteam contact."""
    item = access.access_consult(request, consult_id, action="consult.signal")
    form = forms.SignalForm(request.POST)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "consent"}
        try:
            signal = signalling.consult_convert_to_signal(
                by=gate.require_professional(request),
                consult=item,
                legal_basis=LegalBasis.CONSENT,
                **data,
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Het signaal is bij de contactpersoon van het wijkteam."))
            return redirect("community:signal", signal_id=signal.pk)
    return render(
        request,
        "community/consult.html",
        {
            "consult": item,
            "thread": list(selectors.messages(item)),
            "form": forms.ReplyForm(),
            "is_asker": True,
            "convert_form": forms.ConvertForm(),
            "signal_form": form,
        },
        status=400,
    )


@login_required
@require_GET
def signal(request, signal_id):
    item = access.access_signal(request, signal_id)
    return render(request, "community/signal.html", {"signal": item})
