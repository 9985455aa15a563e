"""The veiligheidsteam pages: access (the meeting's team, the gate for a family), form,
service, then redirect or render."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenkaart.access import gate
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.households.models import Involvement
from ketenkaart.notifications import selectors as inbox_selectors
from ketenkaart.notifications import services as inbox_services
from ketenkaart.notifications.models import Notification
from ketenkaart.organisations.models import Organisation, Professional, Role
from ketenkaart.safety_teams import exports, forms, matching, selectors, services
from ketenkaart.safety_teams.models import BoardCheck, BoardCheckOutcome

PAGE_SIZE = 50


def _to_meeting(meeting):
    return redirect("safety_teams:meeting", meeting_id=meeting.pk)


def _refuse(error: DomainError):
    if error.code == "forbidden":
        raise PermissionDenied
    return error


@login_required
@require_GET
def teams(request):
    gate.require_professional(request)
    teams = list(gate.visible_teams(request.user).prefetch_related("slots").order_by("name"))
    listing = selectors.meeting_list_query(teams, now=timezone.now()).run(
        request,
        selectors.meetings(request.user),
        per_page=PAGE_SIZE,
        label=_("Overleggen zoeken en filteren"),
    )
    audit.record_list(request, action="safety_team.list", object_type="safety_team")
    return render(
        request,
        "safety_teams/teams.html",
        {"teams": teams, "listing": listing, "page": listing.page},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_add(request, team_id):
    team = selectors.access_team(request, team_id)
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        starts_at = timezone.make_aware(datetime.datetime.combine(data["day"], data["time"]))
        try:
            created = services.meeting_create(
                by=gate.require_professional(request),
                team=team,
                starts_at=starts_at,
                duration_minutes=data["duration"],
            )
        except DomainError as error:
            form.add_domain_error(_refuse(error), {"starts_at": "time"})
        else:
            messages.success(request, _("Het casusoverleg is gepland."))
            return _to_meeting(created)
    return render(request, "safety_teams/meeting_form.html", {"team": team, "form": form})


def _roster_page(request, team, member_form=None, organisation_form=None):
    return render(
        request,
        "safety_teams/roster.html",
        {
            "roster": selectors.roster(team),
            "proposals": selectors.organisation_proposals(team),
            "member_form": member_form
            or forms.MemberAddForm(candidates=selectors.member_candidates(team)),
            "organisation_form": organisation_form
            or forms.OrganisationAddForm(candidates=selectors.organisation_candidates(team)),
        },
    )


def _to_roster(team):
    return redirect("safety_teams:roster", team_id=team.pk)


@login_required
@require_http_methods(["GET", "POST"])
def roster(request, team_id):
    """The members of a team; a POST adds one."""
    team = selectors.access_team(request, team_id)
    if request.method == "GET":
        return _roster_page(request, team)
    form = forms.MemberAddForm(request.POST, candidates=selectors.member_candidates(team))
    if form.is_valid():
        try:
            services.team_member_add(
                by=gate.require_professional(request),
                team=team,
                professional=form.cleaned_data["professional"],
            )
        except DomainError as error:
            form.add_domain_error(_refuse(error))
        else:
            messages.success(request, _("Het lid is toegevoegd."))
            return _to_roster(team)
    return _roster_page(request, team, member_form=form)


@login_required
@require_POST
def roster_organisation_add(request, team_id):
    team = selectors.access_team(request, team_id)
    form = forms.OrganisationAddForm(
        request.POST, candidates=selectors.organisation_candidates(team)
    )
    if form.is_valid():
        try:
            takes_part = services.team_organisation_add(
                by=gate.require_professional(request),
                team=team,
                organisation=form.cleaned_data["organisation"],
            )
        except DomainError as error:
            form.add_domain_error(_refuse(error))
        else:
            if takes_part:
                messages.success(request, _("De organisatie doet mee."))
            else:
                messages.success(
                    request,
                    _(
                        "De organisatie is voorgesteld. Ze doet mee zodra een ander teamlid "
                        "haar ook toevoegt."
                    ),
                )
            return _to_roster(team)
    return _roster_page(request, team, organisation_form=form)


@login_required
@require_POST
def roster_remove(request, team_id):
    """Remove a member or an organisation; the service refuses what would break the team."""
    team = selectors.access_team(request, team_id)
    form = forms.RemoveForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    professional = Professional.objects.filter(pk=data.get("professional")).first()
    organisation = Organisation.objects.filter(pk=data.get("organisation")).first()
    if professional is None and organisation is None:
        raise Http404
    try:
        if professional is not None:
            services.team_member_remove(
                by=gate.require_professional(request), team=team, professional=professional
            )
        else:
            services.team_organisation_remove(
                by=gate.require_professional(request), team=team, organisation=organisation
            )
    except DomainError as error:
        messages.error(request, _refuse(error).message)
    else:
        messages.success(request, _("Verwijderd uit het team."))
    return _to_roster(team)


@login_required
@require_GET
def meeting(request, meeting_id):
    meeting = selectors.access_meeting(request, meeting_id, agenda=True)
    agenda = selectors.agenda(meeting)
    professional = gate.require_professional(request)
    is_participant = any(p.pk == professional.pk for p in agenda.participants)
    now = timezone.now()
    return render(
        request,
        "safety_teams/meeting.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "is_participant": is_participant,
            "can_add": meeting.ends_at > now,
            "started": meeting.starts_at <= now,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request, meeting_id):
    # The families the form offers to choose from are on the row of this read.
    households = list(gate.writable_households(request.user))
    meeting = selectors.access_meeting(
        request, meeting_id, household_ids=[h.pk for h in households]
    )
    professional = gate.require_professional(request)
    form = forms.AgendaItemForm(request.POST or None, households=households)
    if request.method == "POST" and form.is_valid():
        household = gate.access_household(
            request,
            form.cleaned_data["household"],
            action="case_meeting.item.add",
            write=True,
        ).obj
        try:
            services.agenda_item_add(
                by=professional,
                meeting=meeting,
                household=household,
                question=form.cleaned_data["question"],
                tags=form.cleaned_data["tags"],
            )
        except DomainError as error:
            form.add_domain_error(_refuse(error))
        else:
            messages.success(request, _("Het gezin staat op de agenda."))
            return _to_meeting(meeting)
    return render(request, "safety_teams/item_form.html", {"meeting": meeting, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def outcome(request, item_id):
    item = selectors.access_item(request, item_id, action="case_meeting.item.read")
    professional = gate.require_professional(request)
    participants = item.meeting.participants.select_related("user", "organisation")
    form = forms.OutcomeForm(
        request.POST or None,
        participants=participants,
        initial={"advice": item.advice},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_record(by=professional, item=item, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(_refuse(error))
        else:
            messages.success(request, _("De uitkomst is vastgelegd."))
            return _to_meeting(item.meeting)
    return render(
        request,
        "safety_teams/outcome_form.html",
        {"item": item, "meeting": item.meeting, "form": form},
    )


def _owners(item):
    """Who can own an action: the meeting's participants and those involved with the family."""
    involved = Involvement.objects.filter(household_id=item.household_id, ended_on__isnull=True)
    return (
        Professional.objects.filter(
            Q(pk__in=involved.values("professional_id"))
            | Q(pk__in=item.meeting.participants.values("pk"))
        )
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name")
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_add(request, item_id):
    item = selectors.access_item(request, item_id, action="case_meeting.item.read")
    professional = gate.require_professional(request)
    form = forms.ActionForm(request.POST or None, owners=_owners(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.action_create(by=professional, item=item, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(_refuse(error))
        else:
            messages.success(request, _("De actie is vastgelegd en staat in de takenlijst."))
            return _to_meeting(item.meeting)
    return render(
        request,
        "safety_teams/action_form.html",
        {"item": item, "meeting": item.meeting, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def matching_page(request, item_id):
    item = selectors.access_item(request, item_id, action="case_meeting.matching.read")
    professional = gate.require_professional(request)
    candidates = matching.candidates(item.household, item.tags)
    form = forms.AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        to = Professional.objects.filter(pk=form.cleaned_data["professional"]).first()
        if to is None:
            raise Http404
        try:
            services.matching_assign(
                by=professional, item=item, to=to, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form.add_domain_error(_refuse(error))
        else:
            messages.success(request, _("%(name)s is nu de regisseur.") % {"name": to.display_name})
            return _to_meeting(item.meeting)
    return render(
        request,
        "safety_teams/matching.html",
        {
            "item": item,
            "candidates": candidates,
            "form": form,
            "points": matching.MATCHING_POINTS,
            "is_participant": item.meeting.participants.filter(pk=professional.pk).exists(),
        },
    )


@login_required
@require_GET
def tasks(request):
    professional = gate.require_professional(request)
    today = timezone.localdate()
    listing = selectors.task_list_query(today).run(
        request,
        selectors.task_list(professional),
        per_page=PAGE_SIZE,
        label=_("Taken zoeken en filteren"),
    )
    listing.page.object_list = rows = list(listing.page.object_list)
    audit.record_list(request, action="case_meeting.action.list", object_type="action", rows=rows)
    return render(
        request,
        "safety_teams/tasks.html",
        {"page": listing.page, "listing": listing, "today": today},
    )


@login_required
@require_POST
def action_close(request, action_id):
    professional = gate.require_professional(request)
    action = gate.access_action(request, action_id, action="case_meeting.action.close").obj
    form = forms.ActionCloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies afgerond of vervallen."))
    else:
        try:
            services.action_close(by=professional, action=action, state=form.cleaned_data["state"])
        except DomainError as error:
            messages.error(request, _refuse(error).message)
        else:
            messages.success(request, _("De actie is afgesloten."))
    return redirect("safety_teams:tasks")


@login_required
@require_GET
def inbox(request):
    professional = gate.require_professional(request)
    listing = inbox_selectors.INBOX.run_prepared(
        request,
        inbox_selectors.prepared_inbox,
        {"professional": professional.pk},
        per_page=PAGE_SIZE,
        label=_("Berichten zoeken en filteren"),
    )
    audit.record_list(request, action="notification.list", object_type="notification")
    return render(request, "safety_teams/inbox.html", {"page": listing.page, "listing": listing})


@login_required
@require_POST
def notification_read(request, notification_id):
    professional = gate.require_professional(request)
    notification = Notification.objects.filter(pk=notification_id, recipient=professional).first()
    if notification is None:
        raise Http404
    inbox_services.notification_read(by=professional, notification=notification)
    if notification.link.startswith("/"):
        return redirect(notification.link)
    return redirect("safety_teams:inbox")


@login_required
@require_GET
def also_involved(request, household_id):
    access = gate.access_household(request, household_id, action="involvement_notice.read")
    household = access.obj
    return render(
        request,
        "safety_teams/also_involved.html",
        {"household": household, "access": access, "contacts": selectors.also_involved(household)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_check(request, household_id):
    action = "board_check.create" if request.method == "POST" else "board_check.read"
    access = gate.access_household(request, household_id, action=action)
    household = access.obj
    professional = gate.require_professional(request)
    can_create = access.can_write
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied
        services.board_check_create(by=professional, household=household)
        messages.success(request, _("Het toetspakket voor de Raad is gemaakt."))
        return redirect("safety_teams:board_check", household_id=household.pk)
    checks = list(selectors.board_checks(household))
    for check in checks:
        # Several packages can be pending at once: each form gets ids of its own.
        check.outcome_form = forms.BoardCheckOutcomeForm(auto_id=f"toets-{check.pk}-%s")
    return render(
        request,
        "safety_teams/board_check.html",
        {
            "household": household,
            "access": access,
            "checks": checks,
            "can_create": can_create,
            "is_board": professional.role == Role.CHILD_PROTECTION_BOARD,
            "pending": BoardCheckOutcome.PENDING,
        },
    )


def _check(request, household_id, check_id, action):
    household = gate.access_household(request, household_id, action=action).obj
    check = BoardCheck.objects.filter(pk=check_id, household=household).first()
    if check is None:
        raise Http404
    return household, check


@login_required
@require_GET
def board_check_download(request, household_id, check_id, fmt):
    if fmt not in ("pdf", "json"):
        raise Http404
    household, check = _check(request, household_id, check_id, f"board_check.export.{fmt}")
    if fmt == "json":
        response = JsonResponse(check.package, json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(
            exports.board_check_pdf(household, check.package), content_type="application/pdf"
        )
    response["Content-Disposition"] = f'attachment; filename="toets.{fmt}"'
    return response


@login_required
@require_POST
def board_check_outcome(request, household_id, check_id):
    household, check = _check(request, household_id, check_id, "board_check.outcome.record")
    form = forms.BoardCheckOutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.board_check_outcome_record(
                by=gate.require_professional(request),
                check=check,
                outcome=form.cleaned_data["outcome"],
            )
        except DomainError as error:
            messages.error(request, _refuse(error).message)
        else:
            messages.success(request, _("De uitkomst van de toets is vastgelegd."))
    else:
        messages.error(request, _("Kies een uitkomst."))
    return redirect("safety_teams:board_check", household_id=household.pk)
