"""Possible duplicates: a BSN typed for a new member that is known in a dossier the caller may
not read. Recorded for the privacy officer of the region; the caller learns nothing."""

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.audit import services as audit
from ketenkaart.households.models import Member, Person, PossibleDuplicate
from ketenkaart.notifications.models import Kind
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import Professional, Role


def privacy_officers(region_id) -> QuerySet[Professional]:
    return Professional.objects.filter(
        role=Role.PRIVACY_OFFICER, organisation__region_id=region_id
    ).select_related("user")


def possible_duplicate_record(
    *, by: Professional, member: Member, known: Person
) -> PossibleDuplicate:
    """In the caller's transaction (member_add): the record, its audit row, and a message to
    each privacy officer of the region, with no name, no BSN and no family."""
    duplicate = PossibleDuplicate.objects.create(
        member=member, known_person=known, recorded_by=by, recorded_at=timezone.now()
    )
    audit.record(
        user=by.user,
        action="household.member.possible_duplicate",
        household_id=member.household_id,
        object_type="possibleduplicate",
        object_id=duplicate.pk,
        person_ids=[member.person_id, known.pk],
    )
    for officer in privacy_officers(member.household.region_id):
        notify(
            recipient=officer,
            kind=Kind.PRIVACY,
            title=_("Mogelijk dezelfde persoon in twee dossiers"),
            body=_(
                "Bij een nieuw gezinslid is een BSN ingevuld dat al bekend is in een ander "
                "dossier. Beoordeel of het dezelfde persoon is."
            ),
        )
    return duplicate
