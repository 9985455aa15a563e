"""Telling the people a decision about a family concerns, through the gate: who may read the
family gets its name, the text and a link; anyone else only that something was decided, with
no name (AVG art. 5(1)(c), data minimisation; need to know)."""

from collections.abc import Iterable

from ketenkaart.access import gate
from ketenkaart.notifications.models import Notification
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import Professional


def tell_about_family(
    *,
    household,
    recipients: Iterable[Professional],
    kind: str,
    title: str,
    anonymous_title: str,
    body: str = "",
    link: str = "",
    exclude: Iterable = (),
    values: dict | None = None,
) -> list[Notification]:
    """`title` may hold %(family)s and the `values`; `anonymous_title` must not name or
    describe the family."""
    skip = {getattr(p, "pk", p) for p in exclude}
    sent, seen = [], set()
    for professional in recipients:
        if professional.pk in skip or professional.pk in seen:
            continue
        seen.add(professional.pk)
        if gate.grant_for(professional.user, household) is not None:
            sent.append(
                notify(
                    recipient=professional,
                    kind=kind,
                    title=title % {**(values or {}), "family": household.name},
                    body=body,
                    link=link,
                )
            )
        else:
            sent.append(notify(recipient=professional, kind=kind, title=anonymous_title))
    return sent


def involved_professionals(household) -> list[Professional]:
    """Everyone with an active involvement: the regisseur first."""
    from ketenkaart.households.models import Involvement

    rows = (
        Involvement.objects.filter(household=household, ended_on__isnull=True)
        .select_related("professional__user", "professional__organisation")
        .order_by("-is_lead", "started_on", "pk")
    )
    return [row.professional for row in rows]
