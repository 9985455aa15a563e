"""Matching: which jeugdprofessional fits a case best. A transparent score: every point comes
with the reason it was given, so the team sees why, and can disagree. A score never decides on
its own: the team assigns (DOMAIN.md, instruments).

Rules and their points (MATCHING_POINTS):
- area: works in the family's district (3), or for an organisation serving its municipality (1);
- expertise: 2 for each tag of the case the professional has;
- capacity: caseload capacity minus current regie; 2 points with 3 or more places free, 1 with
  1 or 2; someone with no place free is listed last and marked full, never silently;
- continuity: already involved with the family (3), or involved before (2).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from ketenkaart.households.models import Household, Involvement
from ketenkaart.organisations.models import (
    LOCAL_TEAM_TYPES,
    Expertise,
    Professional,
    Role,
)

MATCHING_POINTS = {
    "district": 3,
    "municipality": 1,
    "expertise": 2,
    "capacity_plenty": 2,
    "capacity_some": 1,
    "involved_now": 3,
    "involved_before": 2,
}
PLENTY_FREE = 3


@dataclass(frozen=True)
class Reason:
    points: int
    text: str


@dataclass
class Candidate:
    professional: Professional
    current_leads: int
    reasons: list[Reason] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(r.points for r in self.reasons)

    @property
    def free(self) -> int:
        return self.professional.caseload_capacity - self.current_leads

    @property
    def at_capacity(self) -> bool:
        return self.free <= 0


def _label(tag: str) -> str:
    return str(Expertise(tag).label) if tag in Expertise.values else tag


def candidates(household: Household, tags: list[str], *, limit: int = 10) -> list[Candidate]:
    """The best-fitting jeugdprofessionals of the local teams, best first; full ones last.

    Fixed number of queries: the candidates with their current regie counted in SQL, their
    districts prefetched, and the family's involvements (for continuity).
    """
    involved = dict(
        Involvement.objects.filter(household=household)
        .order_by("ended_on")
        .values_list("professional_id", "ended_on")
    )
    now_ids = {pk for pk, ended in involved.items() if ended is None}
    rows = (
        Professional.objects.filter(
            role=Role.YOUTH_PROFESSIONAL,
            organisation__type__in=LOCAL_TEAM_TYPES,
        )
        .filter(
            Q(organisation__municipalities=household.municipality_id) | Q(pk__in=list(involved))
        )
        .distinct()
        .annotate(
            lead_count=Count(
                "involvements",
                filter=Q(involvements__is_lead=True, involvements__ended_on__isnull=True),
                distinct=True,
            )
        )
        .select_related("user", "organisation")
        .prefetch_related("districts", "organisation__municipalities")
    )
    result = []
    for professional in rows:
        candidate = Candidate(professional, professional.lead_count)
        reasons = candidate.reasons
        district_ids = {d.pk for d in professional.districts.all()}
        serves = any(
            m.pk == household.municipality_id
            for m in professional.organisation.municipalities.all()
        )
        if household.district_id and household.district_id in district_ids:
            reasons.append(
                Reason(
                    MATCHING_POINTS["district"],
                    _("Werkt in de wijk van het gezin (%(district)s).")
                    % {"district": household.district.name},
                )
            )
        elif serves:
            reasons.append(
                Reason(
                    MATCHING_POINTS["municipality"],
                    _("Werkt in de gemeente van het gezin, niet in deze wijk."),
                )
            )
        else:
            reasons.append(Reason(0, _("Werkt niet in de gemeente van het gezin.")))
        has = set(professional.expertise or [])
        for tag in tags:
            if tag in has:
                reasons.append(
                    Reason(
                        MATCHING_POINTS["expertise"],
                        _("Expertise: %(tag)s.") % {"tag": _label(tag)},
                    )
                )
            else:
                reasons.append(Reason(0, _("Geen expertise: %(tag)s.") % {"tag": _label(tag)}))
        values = {
            "leads": candidate.current_leads,
            "capacity": professional.caseload_capacity,
            "free": candidate.free,
        }
        if candidate.at_capacity:
            reasons.append(
                Reason(
                    0,
                    _("Vol: regie bij %(leads)s van %(capacity)s gezinnen, geen plek vrij.")
                    % values,
                )
            )
        elif candidate.free >= PLENTY_FREE:
            reasons.append(
                Reason(
                    MATCHING_POINTS["capacity_plenty"],
                    _("Ruimte: %(free)s plekken vrij (regie bij %(leads)s van %(capacity)s).")
                    % values,
                )
            )
        else:
            reasons.append(
                Reason(
                    MATCHING_POINTS["capacity_some"],
                    _(
                        "Weinig ruimte: %(free)s plek(ken) vrij (regie bij %(leads)s van %(capacity)s)."
                    )
                    % values,
                )
            )
        if professional.pk in now_ids:
            reasons.append(
                Reason(MATCHING_POINTS["involved_now"], _("Is nu al betrokken bij dit gezin."))
            )
        elif professional.pk in involved:
            reasons.append(
                Reason(MATCHING_POINTS["involved_before"], _("Was eerder betrokken bij dit gezin."))
            )
        result.append(candidate)
    result.sort(
        key=lambda c: (
            c.at_capacity,
            -c.score,
            -c.free,
            c.professional.display_name,
            str(c.professional.pk),
        )
    )
    return result[:limit]
