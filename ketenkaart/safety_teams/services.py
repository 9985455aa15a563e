"""Workflows of the veiligheidsteam. Each runs in one transaction and writes its audit event;
messages to the inbox go in the same transaction (their e-mail after it commits)."""

import datetime
import uuid
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.access import writing as grants
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.core.text import clean_text
from ketenkaart.households import services as household_services
from ketenkaart.households.models import Household, Involvement, LegalBasis
from ketenkaart.notifications.gated import involved_professionals, tell_about_family
from ketenkaart.notifications.models import Kind
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import Expertise, Organisation, Professional, Role
from ketenkaart.safety_maps.models import SafetyMap
from ketenkaart.safety_teams import exports
from ketenkaart.safety_teams.models import (
    Action,
    ActionState,
    AgendaItem,
    BoardCheck,
    BoardCheckOutcome,
    CaseMeeting,
    Decision,
    InvolvementNotice,
    ItemStatus,
    OrganisationProposal,
    SafetyTeam,
)

MAX_TEXT = 4000


def _audit(
    by: Professional,
    action: str,
    obj: Model,
    household_id: uuid.UUID | None = None,
    basis: str = "",
) -> None:
    audit.record(
        user=by.user,
        action=action,
        household_id=household_id,
        object_type=type(obj).__name__.lower(),
        object_id=obj.pk,
        legal_basis=basis,
    )


def _require_member(by: Professional, team: SafetyTeam) -> None:
    if not team.members.filter(pk=by.pk).exists():
        raise DomainError(
            _("Alleen leden van dit veiligheidsteam kunnen dit doen."), code="forbidden"
        )


def _require_participant(by: Professional, meeting: CaseMeeting) -> None:
    if not meeting.participants.filter(pk=by.pk).exists():
        raise DomainError(
            _("Alleen deelnemers aan dit casusoverleg kunnen dit doen."), code="forbidden"
        )


# -- meetings ----------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    by: Professional | None,
    team: SafetyTeam,
    starts_at: datetime.datetime,
    duration_minutes: int = 90,
) -> CaseMeeting:
    """A meeting of `team`; its members are its participants. `by` None: the scheduler."""
    if by is not None:
        _require_member(by, team)
    if timezone.is_naive(starts_at):
        raise DomainError(_("Geef een tijdstip met tijdzone."), field="starts_at")
    if not 15 <= duration_minutes <= 8 * 60:
        raise DomainError(_("Een overleg duurt tussen 15 minuten en 8 uur."), field="duration")
    ends_at = starts_at + datetime.timedelta(minutes=duration_minutes)
    try:
        with transaction.atomic():
            meeting = CaseMeeting.objects.create(
                team=team,
                region_id=team.region_id,
                starts_at=starts_at,
                ends_at=ends_at,
                access_until=ends_at + datetime.timedelta(days=team.follow_up_days),
                created_at=timezone.now(),
            )
    except IntegrityError as error:
        raise DomainError(
            _("Dit team heeft op dit moment al een casusoverleg."),
            field="starts_at",
            code="conflict",
        ) from error
    meeting.participants.set(team.members.all())
    if by is not None:
        _audit(by, "case_meeting.created", meeting)
    return meeting


# -- the team itself ---------------------------------------------------------------------------


@transaction.atomic
def team_member_add(*, by: Professional, team: SafetyTeam, professional: Professional) -> None:
    """A new member, from one of the team's organisations. They take part from the next
    meeting on: meetings already planned keep their participants. The audit row names the
    professional added (the action code says to which kind of thing)."""
    _require_member(by, team)
    if not team.organisations.filter(pk=professional.organisation_id).exists():
        raise DomainError(
            _("Voeg eerst de organisatie van deze professional toe aan het team."),
            field="professional",
        )
    if team.members.filter(pk=professional.pk).exists():
        raise DomainError(_("Deze professional is al lid."), field="professional", code="conflict")
    # An organisation vouches for its own people: once it has a member in the team, only its
    # own members add colleagues. Its first member may be added by any member.
    own_members = team.members.filter(organisation_id=professional.organisation_id)
    if own_members.exists() and by.organisation_id != professional.organisation_id:
        raise DomainError(
            _("Alleen een teamlid van dezelfde organisatie voegt deze professional toe."),
            field="professional",
            code="forbidden",
        )
    team.members.add(professional)
    _audit(by, "safety_team.member.added", professional)
    _tell_team(team, by=by, about=professional)


def _tell_team(team: SafetyTeam, *, by: Professional, about: Professional) -> None:
    """Every other member hears who joined: nobody widens a team unseen."""
    for member in team.members.exclude(pk__in=[by.pk, about.pk]).select_related("user"):
        notify(
            recipient=member,
            kind=Kind.INVOLVEMENT,
            title=_("Nieuw lid van %(team)s: %(name)s")
            % {"team": team.name, "name": about.display_name},
            body=_("Toegevoegd door %(name)s.") % {"name": by.display_name},
            link=reverse("safety_teams:roster", kwargs={"team_id": team.pk}),
        )


@transaction.atomic
def team_member_remove(*, by: Professional, team: SafetyTeam, professional: Professional) -> None:
    _require_member(by, team)
    if not team.members.filter(pk=professional.pk).exists():
        raise DomainError(_("Deze professional is geen lid."), field="professional")
    if team.members.count() == 1:
        raise DomainError(
            _("Een veiligheidsteam houdt minstens één lid."), field="professional", code="conflict"
        )
    team.members.remove(professional)
    _audit(by, "safety_team.member.removed", professional)


@transaction.atomic
def team_organisation_add(
    *, by: Professional, team: SafetyTeam, organisation: Organisation
) -> bool:
    """Bring an organisation into the team, with four eyes: the first member who asks proposes
    it, a second member confirms it. True when it takes part now, False when it waits for that
    second member. Its people would read the families on the team's agendas, so one member
    alone never decides that (issue 9, finding 7)."""
    _require_member(by, team)
    if organisation.region_id != team.region_id:
        raise DomainError(
            _("Kies een organisatie uit de regio van het team."), field="organisation"
        )
    if team.organisations.filter(pk=organisation.pk).exists():
        raise DomainError(_("Deze organisatie doet al mee."), field="organisation", code="conflict")
    proposal = (
        OrganisationProposal.objects.select_for_update()
        .filter(team=team, organisation=organisation)
        .first()
    )
    if proposal is None:
        OrganisationProposal.objects.create(
            team=team, organisation=organisation, proposed_by=by, proposed_at=timezone.now()
        )
        _audit(by, "safety_team.organisation.proposed", organisation)
        return False
    if proposal.proposed_by_id == by.pk:
        raise DomainError(
            _("U hebt deze organisatie al voorgesteld: een ander teamlid bevestigt het."),
            field="organisation",
            code="conflict",
        )
    team.organisations.add(organisation)
    proposal.delete()
    _audit(by, "safety_team.organisation.added", organisation)
    return True


@transaction.atomic
def team_organisation_remove(
    *, by: Professional, team: SafetyTeam, organisation: Organisation
) -> None:
    _require_member(by, team)
    if not team.organisations.filter(pk=organisation.pk).exists():
        raise DomainError(_("Deze organisatie doet niet mee."), field="organisation")
    if team.members.filter(organisation=organisation).exists():
        raise DomainError(
            _("Haal eerst de leden van deze organisatie uit het team."),
            field="organisation",
            code="conflict",
        )
    team.organisations.remove(organisation)
    _audit(by, "safety_team.organisation.removed", organisation)


def meetings_plan(*, team: SafetyTeam, start: datetime.date, days: int = 7) -> list[CaseMeeting]:
    """Create the meetings of the team's fixed moments in [start, start + days) that do not
    exist yet. Idempotent: the scheduler may call it every day."""
    created = []
    slots = list(team.slots.all())
    existing = set(CaseMeeting.objects.filter(team=team).values_list("starts_at", flat=True))
    for offset in range(days):
        day = start + datetime.timedelta(days=offset)
        for slot in slots:
            if slot.weekday != day.weekday():
                continue
            starts_at = timezone.make_aware(datetime.datetime.combine(day, slot.starts_at))
            if starts_at in existing:
                continue
            created.append(
                meeting_create(
                    by=None, team=team, starts_at=starts_at, duration_minutes=slot.duration_minutes
                )
            )
    return created


def _clean_tags(tags: Iterable[object] | None) -> list[str]:
    chosen = [str(t) for t in (tags or [])]
    unknown = [t for t in chosen if t not in Expertise.values]
    if unknown:
        raise DomainError(_("Kies expertise uit de lijst."), field="tags")
    return sorted(set(chosen), key=Expertise.values.index)


@transaction.atomic
def agenda_item_add(
    *,
    by: Professional,
    meeting: CaseMeeting,
    household: Household,
    question: str,
    tags: Iterable[object] = (),
) -> AgendaItem:
    """Put a family on the agenda, presented from the map's current version. The caller has
    passed the gate with write rights on the family (it is theirs to bring)."""
    grants.require_write(by, household)
    _require_participant(by, meeting)
    question = clean_text(
        question, "question", MAX_TEXT, missing=_("Schrijf de vraag aan het team op.")
    )
    if meeting.ends_at <= timezone.now():
        raise DomainError(_("Dit casusoverleg is al voorbij."), code="conflict")
    if AgendaItem.objects.filter(meeting=meeting, household=household).exists():
        raise DomainError(_("Dit gezin staat al op de agenda."), field="household", code="conflict")
    version = (
        SafetyMap.objects.filter(household=household)
        .values_list("current_number", flat=True)
        .first()
        or 0
    )
    position = meeting.items.count() + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        household=household,
        presented_by=by,
        question=question,
        tags=_clean_tags(tags),
        map_version=version,
        position=position,
        added_at=timezone.now(),
    )
    _audit(by, "case_meeting.item.added", item, household.pk)
    return item


@transaction.atomic
def outcome_record(
    *,
    by: Professional,
    item: AgendaItem,
    advice: str,
    decision: str = "",
    agreed_by: Iterable[Professional] = (),
) -> AgendaItem:
    """The team's advice on a case and, optionally, a decision with who agreed to it."""
    meeting = item.meeting
    _require_participant(by, meeting)
    if timezone.now() < meeting.starts_at:
        raise DomainError(_("Het overleg is nog niet begonnen."), code="conflict")
    item.advice = clean_text(
        advice, "advice", MAX_TEXT, missing=_("Schrijf het advies van het team op.")
    )
    item.status = ItemStatus.DISCUSSED
    item.discussed_at = item.discussed_at or timezone.now()
    item.save(update_fields=["advice", "status", "discussed_at"])
    if decision.strip():
        agreed = list(meeting.participants.filter(pk__in=[p.pk for p in agreed_by]))
        if len(agreed) != len({p.pk for p in agreed_by}):
            raise DomainError(_("Alleen deelnemers kunnen akkoord geven."), field="agreed_by")
        if not agreed:
            raise DomainError(_("Kies wie akkoord gaf met het besluit."), field="agreed_by")
        row = Decision.objects.create(
            item=item,
            text=clean_text(decision, "decision", MAX_TEXT, missing=_("Schrijf het besluit op.")),
            recorded_by=by,
            recorded_at=timezone.now(),
        )
        row.agreed_by.set(agreed)
        _audit(by, "case_meeting.decision.recorded", row, item.household_id)
        # Who works with the family and was not at the table learns the decision.
        tell_about_family(
            household=item.household,
            recipients=involved_professionals(item.household),
            exclude=[by, *meeting.participants.all()],
            kind=Kind.DECISION,
            title=_("Het veiligheidsteam heeft een besluit genomen over %(family)s"),
            anonymous_title=_("Het veiligheidsteam heeft een besluit genomen over een gezin"),
            body=row.text,
            link=reverse("households:detail", kwargs={"household_id": item.household_id}),
        )
    _audit(by, "case_meeting.item.discussed", item, item.household_id)
    return item


# -- actions -----------------------------------------------------------------------------------


@transaction.atomic
def action_create(
    *,
    by: Professional,
    item: AgendaItem,
    description: str,
    owner: Professional,
    due_on: datetime.date,
) -> Action:
    _require_participant(by, item.meeting)
    description = clean_text(description, "description", MAX_TEXT, missing=_("Beschrijf de actie."))
    if not owner.works_with_families and owner.role != Role.REPORTER:
        raise DomainError(_("Kies een professional als eigenaar."), field="owner")
    if due_on < timezone.localdate():
        raise DomainError(_("De datum ligt in het verleden."), field="due_on")
    action = Action.objects.create(
        item=item,
        household_id=item.household_id,
        team_id=item.meeting.team_id,
        description=description,
        owner=owner,
        due_on=due_on,
        created_by=by,
        created_at=timezone.now(),
    )
    _audit(by, "case_meeting.action.created", action, item.household_id)
    notify(
        recipient=owner,
        kind=Kind.ACTION,
        title=_("Nieuwe actie uit het veiligheidsteam, uiterlijk %(date)s")
        % {"date": due_on.strftime("%d-%m-%Y")},
        body=description,
        link=reverse("safety_teams:tasks"),
    )
    return action


@transaction.atomic
def action_close(*, by: Professional, action: Action, state: str) -> Action:
    """Done or no longer needed; the owner, whoever agreed it, or a team member closes it."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    if state not in (ActionState.DONE, ActionState.CANCELLED):
        raise DomainError(_("Kies afgerond of vervallen."), field="state")
    allowed = (
        by.pk in (action.owner_id, action.created_by_id)
        or action.team.members.filter(pk=by.pk).exists()
    )
    if not allowed:
        raise DomainError(
            _("Alleen de eigenaar of het team kan deze actie afsluiten."), code="forbidden"
        )
    if action.state != ActionState.OPEN:
        raise DomainError(_("Deze actie is al afgesloten."), code="conflict")
    action.state = state
    action.closed_at = timezone.now()
    action.save(update_fields=["state", "closed_at"])
    _audit(by, f"case_meeting.action.{state}", action, action.household_id)
    return action


def action_deadlines_notify(*, day: datetime.date | None = None) -> int:
    """Remind owners of open actions due tomorrow or overdue, once a day (the scheduler runs it)."""
    day = day or timezone.localdate()
    due = Action.objects.filter(
        state=ActionState.OPEN, due_on__lte=day + datetime.timedelta(days=1)
    ).exclude(reminded_on=day)
    sent = 0
    for action in due.select_related("owner__user"):
        with transaction.atomic():
            overdue = action.due_on < day
            notify(
                recipient=action.owner,
                kind=Kind.DEADLINE,
                title=(
                    _("Actie over de datum (uiterlijk %(date)s)")
                    if overdue
                    else _("Actie verloopt op %(date)s")
                )
                % {"date": action.due_on.strftime("%d-%m-%Y")},
                body=action.description,
                link=reverse("safety_teams:tasks"),
            )
            Action.objects.filter(pk=action.pk).update(reminded_on=day)
            sent += 1
    return sent


# -- matching ----------------------------------------------------------------------------------


@transaction.atomic
def matching_assign(
    *, by: Professional, item: AgendaItem, to: Professional, reason: str
) -> Involvement:
    """The team picks a jeugdprofessional for a case: they become regisseur through the
    handover service (which refuses what the law does not allow)."""
    _require_participant(by, item.meeting)
    household = item.household
    # Regie is handed over by who may change the family (its regisseur or another involved
    # professional), never by a participant who only reads it; the handover checks again.
    grants.require_write(by, household)
    household_services.lead_hand_over(
        by=by,
        household=household,
        to=to,
        reason=clean_text(reason, "reason", MAX_TEXT, missing=_("Geef een reden voor de keuze.")),
    )
    _audit(by, "case_meeting.matching.assigned", item, household.pk)
    link = reverse("households:detail", kwargs={"household_id": household.pk})
    notify(
        recipient=to,
        kind=Kind.MATCH,
        title=_("U bent gekozen als regisseur door het veiligheidsteam"),
        body=_("Gezin: %(name)s.") % {"name": household.name},
        link=link,
    )
    # The handover service itself tells the previous regisseur.
    return Involvement.objects.get(household=household, is_lead=True)


# -- the Raad's toets --------------------------------------------------------------------------


@transaction.atomic
def board_check_create(*, by: Professional, household: Household) -> BoardCheck:
    """Freeze a toets package (map, dossier, measures, the team's advice) for the Raad."""
    grants.require_write(by, household)
    data = exports.board_check_data(household)
    check = BoardCheck.objects.create(
        household=household,
        region_id=household.region_id,
        requested_by=by,
        created_at=timezone.now(),
        map_version=data["veiligheidskaart"]["versie"],
        package=data,
    )
    # The toets package goes to the Raad: BW 1:240 is the basis of this share.
    _audit(by, "board_check.created", check, household.pk, basis=LegalBasis.BOARD_BW_1_240)
    return check


@transaction.atomic
def board_check_outcome_record(*, by: Professional, check: BoardCheck, outcome: str) -> BoardCheck:
    """The Raad says whether the toets sufficed or a full investigation was needed."""
    if by.role != Role.CHILD_PROTECTION_BOARD:
        raise DomainError(_("Alleen de Raad legt de uitkomst van de toets vast."), code="forbidden")
    if outcome not in (BoardCheckOutcome.CHECK_SUFFICED, BoardCheckOutcome.FULL_INVESTIGATION):
        raise DomainError(_("Kies een uitkomst."), field="outcome")
    check = BoardCheck.objects.select_for_update().get(pk=check.pk)
    if check.outcome != BoardCheckOutcome.PENDING:
        raise DomainError(_("De uitkomst is al vastgelegd."), code="conflict")
    check.outcome = outcome
    check.outcome_by = by
    check.outcome_at = timezone.now()
    check.save(update_fields=["outcome", "outcome_by", "outcome_at"])
    _audit(by, "board_check.outcome.recorded", check, check.household_id)
    return check


# -- finding each other ------------------------------------------------------------------------


@transaction.atomic
def involvement_notices_send(*, household: Household) -> int:
    """Tell each professional involved with this family's children (or their siblings in
    another household) about those of other organisations: name, organisation and phone, no
    content. Each pair is told once; returns how many notices went out."""
    from ketenkaart.safety_teams import selectors

    involvements = selectors.involvements_around(household)
    own = [i for i in involvements if i.household_id == household.pk]
    sent = 0
    already = set(
        InvolvementNotice.objects.filter(household=household).values_list(
            "recipient_id", "about_id"
        )
    )
    from ketenkaart.access import gate

    # Only who could read this family through the gate hears of it: police, schools and other
    # signalers never get its name or the list of who else is involved.
    own = [i for i in own if gate.grant_for(i.professional.user, household) is not None]
    for mine in own:
        for other in involvements:
            if other.organisation_id == mine.organisation_id:
                continue
            if (mine.professional_id, other.professional_id) in already:
                continue
            already.add((mine.professional_id, other.professional_id))
            InvolvementNotice.objects.create(
                recipient=mine.professional,
                about=other.professional,
                household=household,
                created_at=timezone.now(),
            )
            notify(
                recipient=mine.professional,
                kind=Kind.INVOLVEMENT,
                title=_("Ook betrokken bij een kind van %(family)s") % {"family": household.name},
                body=selectors.contact_line(other),
                link=reverse("safety_teams:also_involved", kwargs={"household_id": household.pk}),
            )
            sent += 1
    if sent:
        audit.record(
            user=None,
            action="involvement_notice.sent",
            household_id=household.pk,
            object_type="household",
            object_id=household.pk,
        )
    return sent
