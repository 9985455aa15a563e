"""Saving the veiligheidskaart. Every save is a new immutable version; concurrent saves are
told apart without locks: the map's `current_number` moves only from the number the writer
started from, so of two writers on the same base exactly one wins and the other is told so."""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.access import writing as grants
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.households.models import Household, Involvement, Member
from ketenkaart.organisations.models import Professional
from ketenkaart.safety_maps import selectors
from ketenkaart.safety_maps.content import CONTENT_SECTIONS, normalised, validate_content
from ketenkaart.safety_maps.models import (
    ParticipantKind,
    SafetyMap,
    SafetyMapVersion,
    SafetyScore,
)

MAX_REASON = 2000


class StaleVersion(DomainError):
    """The map moved on since the writer's base version; nothing was stored."""

    def __init__(self, current_number: int):
        super().__init__(
            _(
                "De veiligheidskaart is intussen gewijzigd: de huidige versie is %(n)s. "
                "Er is niets opgeslagen. Bekijk de huidige versie en sla opnieuw op."
            )
            % {"n": current_number},
            code="stale",
        )
        self.current_number = current_number


@dataclass(frozen=True)
class ScoreInput:
    """A score given with this save, by a family member (person id) or a professional."""

    kind: str
    participant_id: uuid.UUID
    score: int
    reason: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, str(self.participant_id))


def _checked_scores(household: Household, scores: Iterable[ScoreInput]) -> list[ScoreInput]:
    scores = [
        ScoreInput(s.kind, s.participant_id, s.score, (s.reason or "").strip()) for s in scores
    ]
    seen = set()
    for score in scores:
        if score.kind not in ParticipantKind.values:
            raise DomainError(_("Onbekende soort deelnemer."), field="scores")
        if score.key in seen:
            raise DomainError(_("Geef iedere deelnemer één score."), field="scores")
        seen.add(score.key)
        if not isinstance(score.score, int) or not 0 <= score.score <= 10:
            raise DomainError(_("Een score ligt tussen 0 en 10."), field="scores")
        if not score.reason:
            raise DomainError(_("Geef bij iedere score de reden."), field="scores")
        if len(score.reason) > MAX_REASON:
            raise DomainError(
                _("Gebruik voor een reden hoogstens %(n)s tekens.") % {"n": MAX_REASON},
                field="scores",
            )
    person_ids = {s.participant_id for s in scores if s.kind == ParticipantKind.MEMBER}
    if (
        person_ids
        and len(person_ids)
        != Member.objects.filter(household=household, person_id__in=person_ids).count()
    ):
        raise DomainError(_("Een score hoort bij een lid van dit gezin."), field="scores")
    professional_ids = {s.participant_id for s in scores if s.kind == ParticipantKind.PROFESSIONAL}
    if (
        professional_ids
        and len(professional_ids)
        != Involvement.objects.filter(
            household=household, professional_id__in=professional_ids, ended_on__isnull=True
        )
        .values("professional_id")
        .distinct()
        .count()
    ):
        raise DomainError(
            _("Een score hoort bij een professional die bij dit gezin betrokken is."),
            field="scores",
        )
    return scores


def _claim(
    household: Household,
    base_number: int,
    now: datetime.datetime,
    known: SafetyMap | None = None,
) -> SafetyMap:
    """Move the map from `base_number` to the next number, or raise StaleVersion. With the
    map the caller already read (`known`) only the conditional update is sent."""
    if known is not None:
        safety_map = known
    elif base_number == 0:
        # Race-safe: get_or_create retries the read when another writer's insert won.
        safety_map, _created = SafetyMap.objects.get_or_create(household=household)
    else:
        found = SafetyMap.objects.filter(household=household).first()
        if found is None:
            raise StaleVersion(0)
        safety_map = found
    moved = SafetyMap.objects.filter(pk=safety_map.pk, current_number=base_number).update(
        current_number=base_number + 1, updated_at=now
    )
    if not moved:
        current = (
            SafetyMap.objects.filter(pk=safety_map.pk)
            .values_list("current_number", flat=True)
            .first()
        )
        raise StaleVersion(current or 0)
    safety_map.current_number = base_number + 1
    safety_map.updated_at = now
    return safety_map


@transaction.atomic
def safety_map_save(
    *,
    by: Professional,
    household: Household,
    content: dict[str, Any],
    scores: Iterable[ScoreInput] = (),
    base_number: int,
    agreed_with: str = "",
    via: str | None = None,
    known: selectors.MapState | None = None,
) -> SafetyMapVersion:
    """Store `content` (and the scores given with it) as the version after `base_number`.

    StaleVersion when the map is no longer at `base_number`; DomainError when only Veilig
    Thuis may make this change. Either way nothing is stored. The number of queries does not
    depend on how many versions the map has. `known` is the map as the caller just read it
    (`selectors.map_state`): when it is at `base_number` its map, version and scores are not
    read again (the conditional update still refuses a map that moved on since).
    """
    grants.require_write(by, household, via=via)
    content = validate_content(content)
    scores = _checked_scores(household, scores)
    agreed_with = (agreed_with or "").strip()
    if len(agreed_with) > 200:
        raise DomainError(_("Gebruik hoogstens 200 tekens."), field="agreed_with")
    now = timezone.now()

    if known is not None and (
        known.household.pk != household.pk
        or known.number != base_number
        or (base_number and known.safety_map is None)
    ):
        known = None
    safety_map = _claim(household, base_number, now, known.safety_map if known else None)
    if known is not None:
        previous = known.current
    elif base_number:
        previous = SafetyMapVersion.objects.filter(map=safety_map, number=base_number).first()
    else:
        previous = None
    previous_content = normalised(previous.content if previous else None)
    if content["safetyConditions"] != previous_content[
        "safetyConditions"
    ] and not selectors.is_veilig_thuis(by):
        raise DomainError(
            _("Alleen Veilig Thuis stelt de veiligheidsvoorwaarden vast of wijzigt ze."),
            field="safetyConditions",
            code="forbidden",
        )
    current_scores = {}
    if scores and known is not None:
        current_scores = {s.key: s for s in known.scores}
    elif scores:
        current_scores = {
            s.key: s
            for s in selectors.effective_scores(
                safety_map,
                base_number,
                with_names=False,
                person_ids=[s.participant_id for s in scores if s.kind == ParticipantKind.MEMBER],
                professional_ids=[
                    s.participant_id for s in scores if s.kind == ParticipantKind.PROFESSIONAL
                ],
            )
        }
    new_scores = [
        s
        for s in scores
        if s.key not in current_scores
        or (current_scores[s.key].score, current_scores[s.key].reason) != (s.score, s.reason)
    ]
    changed = [
        section.key
        for section in CONTENT_SECTIONS
        if content[section.key] != previous_content[section.key]
    ]
    if new_scores:
        changed.append("scores")

    version = SafetyMapVersion.objects.create(
        map=safety_map,
        number=safety_map.current_number,
        content=content,
        changed_sections=changed,
        author=by,
        organisation_id=by.organisation_id,
        created_at=now,
        agreed_with_family=bool(agreed_with),
        agreed_with=agreed_with,
        agreed_at=now if agreed_with else None,
    )
    if new_scores:
        SafetyScore.objects.bulk_create(
            SafetyScore(
                version=version,
                map=safety_map,
                number=version.number,
                participant_kind=s.kind,
                person_id=s.participant_id if s.kind == ParticipantKind.MEMBER else None,
                professional_id=s.participant_id
                if s.kind == ParticipantKind.PROFESSIONAL
                else None,
                score=s.score,
                reason=s.reason,
                given_at=now,
            )
            for s in new_scores
        )
    audit.record(
        user=by.user,
        action="safety_map.version.agreed" if agreed_with else "safety_map.version.saved",
        household_id=household.pk,
        object_type="safety_map_version",
        object_id=version.pk,
        person_ids=[s.participant_id for s in new_scores if s.kind == ParticipantKind.MEMBER],
    )
    return version
