"""Reads of Mijn gezin. Every read starts from the member's FamilyView (the family gate) and
costs a fixed number of queries. Never: another family, a promised-anonymous reporter, notes
between professionals (meldcode trails, case-meeting notes, ventieltafel requests)."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from ketenkaart.access.family import FamilyView
from ketenkaart.access.labels import ACTIONS, SUBJECTS, basis_label
from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.households.legal_basis import ConsentBy
from ketenkaart.households.models import Consent, Involvement, Member
from ketenkaart.organisations.models import Organisation, Role
from ketenkaart.portal.models import Contribution, ContributionKind, RightsRequest
from ketenkaart.questionnaires.models import Invitation as QuestionnaireInvitation
from ketenkaart.questionnaires.services import parent_invitations
from ketenkaart.reports.models import Report
from ketenkaart.safety_maps.selectors import MapState, map_state

LOG_PAGE = 100


@dataclass
class ScaleRow:
    who: str
    where: str
    score: int
    reason: str
    given_at: object
    in_portal: bool = False


@dataclass
class PortalState:
    view: FamilyView
    state: MapState
    involved: list[Involvement]
    scales: list[ScaleRow]
    own_words: list[Contribution]
    moments: list[Contribution]
    reactions: list[Contribution]
    discussed_numbers: set[int] = field(default_factory=set)
    requests: list[RightsRequest] = field(default_factory=list)
    consents: list = field(default_factory=list)  # (Consent, may this member withdraw it)

    @property
    def family_words(self) -> str:
        return self.state.content.get("familyWords", "")


def _member_label(member: Member) -> str:
    return f"{member.person.given_names} ({member.get_role_display().lower()})"


def portal_state(view: FamilyView) -> PortalState:
    """The map as it stands, the family's own words first, and everyone's scale side by side."""
    household = view.household
    state = map_state(household)
    involved = list(
        Involvement.objects.filter(household=household, ended_on__isnull=True)
        .select_related("professional__user", "organisation")
        .order_by("-is_lead", "organisation__name")
    )
    contributions = list(
        Contribution.objects.filter(household=household)
        .select_related("member__person")
        .order_by("-created_at", "pk")
    )
    scales = [
        ScaleRow(
            who=score.participant_name,
            where=score.professional.organisation.name if score.professional_id else "",
            score=score.score,
            reason=score.reason,
            given_at=score.given_at,
        )
        for score in state.scores
    ]
    seen_members = set()
    for c in contributions:
        if c.kind == ContributionKind.SCALE and c.member_id not in seen_members:
            seen_members.add(c.member_id)
            scales.insert(
                0,
                ScaleRow(
                    _member_label(c.member), _("Mijn gezin"), c.score, c.text, c.created_at, True
                ),
            )
    requests = RightsRequest.objects.filter(household=household).order_by("-created_at")
    if not view.is_parent:
        requests = requests.filter(member=view.member)
    consents = (
        Consent.objects.filter(household=household)
        .select_related("subject", "involvement__organisation")
        .prefetch_related("parents")
        .order_by("-given_on", "pk")
    )
    if not view.is_parent:
        consents = consents.filter(subject_id=view.member.person_id)
    person = view.member.person
    return PortalState(
        view=view,
        state=state,
        involved=involved,
        scales=scales,
        own_words=[c for c in contributions if c.kind == ContributionKind.WORDS],
        moments=[c for c in contributions if c.kind == ContributionKind.GOOD_MOMENT],
        reactions=[c for c in contributions if c.kind == ContributionKind.REACTION],
        discussed_numbers={
            c.map_number for c in contributions if c.kind == ContributionKind.DISCUSSED
        },
        requests=list(requests),
        consents=[(c, _may_withdraw(c, person)) for c in consents],
    )


def _may_withdraw(consent, person) -> bool:
    # As legal_basis.may_withdraw, on the prefetched parents (no query per row).
    if consent.withdrawn_at is not None:
        return False
    if person.pk == consent.subject_id and consent.needed_from != ConsentBy.PARENTS:
        return True
    return consent.needed_from != ConsentBy.CHILD and any(
        p.pk == person.pk for p in consent.parents.all()
    )


def open_questionnaires(view: FamilyView) -> list[QuestionnaireInvitation]:
    """The questionnaires this family's parents may still answer, each with its link (the
    invitation's token): one query, on the page's own audited read. For a parent only: the
    parents were asked, and one answer per household closes it for the others too."""
    if not view.is_parent:
        return []
    return list(parent_invitations(view.household))


# -- who looked at the file (AVG art. 15 lid 1 sub c; NEN 7513) --------------------------------


@dataclass(frozen=True)
class LogLine:
    when: object
    organisation: str
    role: str
    what: str
    why: str


def _hidden_actors(household_id) -> tuple[set[int], set]:
    """The promised-anonymous reporters of this family's meldingen: their user ids, and their
    organisations unless that organisation is openly involved (Wmo 2015 art. 5.2.6 lid 4:
    Veilig Thuis does not disclose a reporter it promised anonymity)."""
    reporters = list(
        Report.objects.filter(household_id=household_id, anonymity_promised=True)
        .exclude(submitted_by__isnull=True)
        .values_list("submitted_by__user_id", "submitted_by__organisation_id")
    )
    if not reporters:
        return set(), set()
    involved = set(
        Involvement.objects.filter(household_id=household_id).values_list(
            "organisation_id", flat=True
        )
    )
    return {u for u, _o in reporters}, {o for _u, o in reporters if o not in involved}


def _what(code: str) -> str:
    if code in ACTIONS:
        return str(ACTIONS[code])
    subject = SUBJECTS.get(code.split(".")[0])
    # Never the raw code to a family.
    return str(subject) if subject else _("Gegevens van uw gezin gebruikt")


def access_log(view: FamilyView, *, limit: int = LOG_PAGE) -> list[LogLine]:
    """Who looked, in plain words: organisation, role, when, why. No names of professionals
    (organisation and role suffice) and never a promised-anonymous reporter."""
    hidden_users, hidden_orgs = _hidden_actors(view.household.pk)
    events = AccessEvent.objects.filter(
        household_id=view.household.pk, outcome=Outcome.ALLOWED
    ).exclude(action__startswith="family.")
    if hidden_users:
        events = events.exclude(actor_user_id__in=hidden_users)
    if hidden_orgs:
        events = events.exclude(actor_organisation_id__in=hidden_orgs)
    rows = list(
        events.exclude(Q(actor_user_id=view.account.user_id))
        .order_by("-occurred_at", "-pk")
        .values(
            "occurred_at",
            "actor_organisation_id",
            "actor_role",
            "action",
            "legal_basis",
            "emergency",
        )[:limit]
    )
    names = dict(
        Organisation.objects.filter(
            pk__in={r["actor_organisation_id"] for r in rows if r["actor_organisation_id"]}
        ).values_list("pk", "name")
    )
    roles = dict(Role.choices)
    return [
        LogLine(
            when=r["occurred_at"],
            organisation=names.get(r["actor_organisation_id"], _("Mijn gezin of Ketenkaart zelf")),
            role=str(roles.get(r["actor_role"], _("Gezinslid"))),
            what=_what(r["action"]),
            why=_("Noodtoegang") if r["emergency"] else basis_label(r["legal_basis"]),
        )
        for r in rows
    ]
