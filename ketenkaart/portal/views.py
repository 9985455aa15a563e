"""Pages of Mijn gezin (phone first, B1 Dutch) and the regisseur's invitation page. Thin: the
family gate, a form, a service, a redirect or a render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenkaart.access import gate
from ketenkaart.access.family import access_own_family, grant_for_member
from ketenkaart.core.errors import DomainError
from ketenkaart.households import legal_basis
from ketenkaart.households.models import Consent, Member
from ketenkaart.portal import exports, forms, selectors, services
from ketenkaart.portal.models import (
    Contribution,
    ContributionKind,
    FamilyAccount,
    Invitation,
    RightsRequest,
)

WRITE_FORMS = {
    ContributionKind.WORDS: forms.WordsForm,
    ContributionKind.SCALE: forms.ScaleForm,
    ContributionKind.GOOD_MOMENT: forms.MomentForm,
    ContributionKind.DISCUSSED: forms.DiscussedForm,
    ContributionKind.REACTION: forms.ReactionForm,
}
SAVED = {
    ContributionKind.WORDS: _("Uw woorden staan nu bij de kaart."),
    ContributionKind.SCALE: _("Uw score staat nu naast de andere scores."),
    ContributionKind.GOOD_MOMENT: _("Het goede moment is bewaard."),
    ContributionKind.DISCUSSED: _("Bewaard: de kaart is met u besproken."),
    ContributionKind.REACTION: _("Uw reactie is bewaard."),
}


def _ids(kind: str) -> str:
    # Several forms on one page: ids unique per form, so each label names its own field.
    return f"id_{kind}_%s"


def _home(request, view, bound=None, status=200):
    portal = selectors.portal_state(view)
    number = portal.state.number
    page_forms = {
        kind: form_class(initial={"map_number": number} if number else None, auto_id=_ids(kind))
        for kind, form_class in WRITE_FORMS.items()
    }
    if bound is not None:
        page_forms[bound[0]] = bound[1]
    return render(
        request,
        "portal/home.html",
        {
            "portal": portal,
            "view": view,
            "forms": page_forms,
            "kinds": ContributionKind,
            "questionnaires": selectors.open_questionnaires(view),
        },
        status=status,
    )


@login_required
@require_GET
def home(request):
    return _home(request, access_own_family(request, action="family.map.read"))


def _contribute(request, kind: str):
    view = access_own_family(request, action=f"family.{kind}.write")
    form = WRITE_FORMS[kind](request.POST, auto_id=_ids(kind))
    if form.is_valid():
        try:
            services.contribution_add(view=view, kind=kind, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, SAVED[kind])
            return redirect("portal:home")
    return _home(request, view, bound=(kind, form), status=400)


@login_required
@require_POST
def words(request):
    return _contribute(request, ContributionKind.WORDS)


@login_required
@require_POST
def scale(request):
    return _contribute(request, ContributionKind.SCALE)


@login_required
@require_POST
def moment(request):
    return _contribute(request, ContributionKind.GOOD_MOMENT)


@login_required
@require_POST
def discussed(request):
    return _contribute(request, ContributionKind.DISCUSSED)


@login_required
@require_POST
def reaction(request):
    return _contribute(request, ContributionKind.REACTION)


@login_required
@require_GET
def access_log(request):
    view = access_own_family(request, action="family.access_log.read")
    return render(
        request, "portal/access_log.html", {"view": view, "lines": selectors.access_log(view)}
    )


@login_required
@require_GET
def download(request, fmt: str):
    if fmt not in ("json", "pdf"):
        raise Http404
    view = access_own_family(request, action=f"family.export.{fmt}")
    if fmt == "json":
        body, content_type = exports.family_json(view), "application/json"
    else:
        body, content_type = exports.family_pdf(view), "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="mijn-gezin.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def rights_requests(request):
    view = access_own_family(
        request,
        action="family.request.submit" if request.method == "POST" else "family.request.list",
    )
    form = forms.RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rights_request_submit(view=view, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request, _("Uw verzoek is verstuurd. U krijgt binnen de termijn antwoord.")
            )
            return redirect("portal:requests")
    portal = selectors.portal_state(view)
    return render(
        request,
        "portal/requests.html",
        {"view": view, "form": form, "requests": portal.requests},
        status=400 if form.errors else 200,
    )


@sensitive_post_parameters("code", "password", "password_again")
@require_http_methods(["GET", "POST"])
def redeem(request):
    """The first time: the one-time code, then a username and password of one's own."""
    if request.user.is_authenticated:
        return redirect("start")
    form = forms.RedeemForm(request.POST or None)
    limited = False
    if request.method == "POST" and form.is_valid():
        try:
            account = services.invitation_redeem(
                code=form.cleaned_data["code"],
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                request=request,
            )
        except DomainError as error:
            form.add_domain_error(error)
            limited = error.code == "too_many"
        else:
            login(request, account.user, backend="ketenkaart.core.users.ModelBackend")
            messages.success(request, _("Welkom. Uw account is klaar."))
            return redirect("portal:home")
    return render(
        request,
        "portal/redeem.html",
        {"form": form, "digid_enabled": settings.KETENKAART_FAMILY_OIDC_ENABLED},
        status=429 if limited else 400 if form.errors else 200,
    )


# -- the regisseur's side ---------------------------------------------------------------------


def _candidates(household):
    members = Member.objects.filter(household=household).select_related("person")
    with_account = set(
        FamilyAccount.objects.filter(household=household).values_list("member_id", flat=True)
    )
    return [
        (m, f"{m.person.full_name} ({m.get_role_display().lower()})")
        for m in members
        if m.pk not in with_account and grant_for_member(m) is not None
    ]


@login_required
@require_http_methods(["GET", "POST"])
def invitations(request, household_id):
    """Who of the family has Mijn gezin, the invitations, and what the family wrote there."""
    access = gate.access_household(
        request,
        household_id,
        action="family.invitation.create" if request.method == "POST" else "family.portal.read",
        write=request.method == "POST",
    )
    household = access.obj
    professional = gate.require_professional(request)
    candidates = _candidates(household)
    form = forms.InvitationForm(request.POST or None, members=candidates)
    code = None
    if request.method == "POST" and form.is_valid():
        member = next(m for m, _label in candidates if str(m.pk) == form.cleaned_data["member"])
        try:
            _invitation, code = services.invitation_create(
                by=professional, household=household, member=member
            )
        except DomainError as error:
            form.add_domain_error(error)
    accounts = FamilyAccount.objects.filter(household=household).select_related("member__person")
    open_invitations = Invitation.objects.filter(
        household=household, used_at__isnull=True, revoked_at__isnull=True
    ).select_related("member__person")
    return render(
        request,
        "portal/invitations.html",
        {
            "household": household,
            "access": access,
            "form": form,
            "code": code,
            "accounts": list(accounts),
            "invitations": list(open_invitations),
            "contributions": list(
                Contribution.objects.filter(household=household)
                .select_related("member__person")
                .order_by("-created_at")[:50]
            ),
            "requests": list(RightsRequest.objects.filter(household=household)),
            "is_lead": gate.is_lead(professional, household),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def consent_withdraw(request, consent_id):
    view = access_own_family(request, action="family.consent.withdraw")
    consent = Consent.objects.filter(household=view.household, pk=consent_id).first()
    if consent is None:
        raise Http404
    try:
        legal_basis.consent_withdraw(consent=consent, person=view.member.person, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        services.tell_lead(view.household, _("Een gezinslid trok een toestemming in."))
        messages.success(request, _("Uw toestemming is ingetrokken. Uw regisseur krijgt bericht."))
    return redirect("portal:home")


@login_required
@require_POST
def request_answer(request, household_id, rights_request_id):
    household = gate.access_household(
        request, household_id, action="family.request.answer", write=True
    ).obj
    rights_request = RightsRequest.objects.filter(household=household, pk=rights_request_id).first()
    if rights_request is None:
        raise Http404
    try:
        services.rights_request_answer(
            by=gate.require_professional(request),
            request=rights_request,
            answer=request.POST.get("answer", ""),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Het antwoord staat nu in Mijn gezin."))
    return redirect("portal:invitations", household_id=household.pk)
