"""A family's toegangslog for the API, newest first: a page of its rows with each actor's
organisation, and their count, each one statement compiled once and prepared (issue 17: the
regisseur's check of who read the dossier is a hot read too)."""

from django.db.models import Count, OuterRef, Subquery, UUIDField

from ketenkaart.audit.models import AccessEvent
from ketenkaart.core.precompiled import Paged, Param, Precompiled
from ketenkaart.households.api.plain import ACCESS_EVENT_FIELDS
from ketenkaart.organisations.models import Organisation


def _of_household():
    return AccessEvent.objects.filter(household_id=Param("household", UUIDField()))


_ROWS = Precompiled(
    lambda: (
        _of_household()
        .annotate(
            organisation_name=Subquery(
                Organisation.objects.filter(pk=OuterRef("actor_organisation_id")).values("name")[:1]
            )
        )
        .order_by("-occurred_at", "-pk")
        .values(*ACCESS_EVENT_FIELDS, "organisation_name")[:1]
    ),
    paged=True,
)
_COUNT = Precompiled(
    lambda: (
        _of_household()
        .order_by()
        .values("household_id")
        .annotate(n=Count("*"))  # COUNT(*): the household index alone can answer it
        .values_list("n", flat=True)
    )
)


def events(household_id) -> Paged:
    """The rows of the family's log as a Paginator pages them (count, then one page)."""
    return Paged(_ROWS, _COUNT, household=household_id)
