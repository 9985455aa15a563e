"""The limit on person search (search-before-create): a number of searches per user per
window, counted in Django's cache. Past the limit the search is refused (429), audited, and the
privacy officer of the region is told once per window. Part of the one gate: import it as
`ketenkaart.access.gate`."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import gettext as _

from ketenkaart.audit import services as audit
from ketenkaart.audit.models import Outcome

if TYPE_CHECKING:
    from django.http import HttpRequest

    from ketenkaart.access.result import AnyUser


class PersonSearchLimited(Exception):
    """Too many person searches in the window; `wait` seconds until the next one is allowed."""

    def __init__(self, wait: int):
        self.wait = wait
        self.message = _(
            "U heeft in korte tijd te vaak naar personen gezocht. Probeer het over %(n)s "
            "minuten opnieuw."
        ) % {"n": max(1, -(-wait // 60))}
        super().__init__(self.message)


def _limit() -> tuple[int, int]:
    """(searches, seconds) from settings.KETENKAART["PERSON_SEARCH_LIMIT"], e.g. "30/600"."""
    value = settings.KETENKAART.get("PERSON_SEARCH_LIMIT", "30/600")
    count, seconds = str(value).split("/")
    return int(count), int(seconds)


def count_in_window(name: str, seconds: int) -> tuple[int, int]:
    """Count one more use of `name` in the current fixed window of `seconds`; returns the uses
    so far in this window and the seconds until the next one. `cache.add` starts the window,
    `cache.incr` counts atomically in the shared cache. Also the throttle of the family
    portal's invitation codes (portal/services.py)."""
    now = int(time.time())
    window = now // seconds
    key = f"ketenkaart:{name}:{window}"
    cache = caches[str(settings.KETENKAART.get("PERSON_SEARCH_CACHE", "default"))]
    cache.add(key, 0, timeout=seconds + 5)
    try:
        used = cache.incr(key)
    except ValueError:  # evicted between add and incr: count afresh
        cache.set(key, 1, timeout=seconds + 5)
        used = 1
    return used, (window + 1) * seconds - now


def person_search_allowance(request: HttpRequest) -> None:
    """Count this search; PersonSearchLimited when the user is past the limit. A fixed window
    per user: `cache.add` starts it, `cache.incr` counts atomically in the shared cache."""
    count, seconds = _limit()
    used, wait = count_in_window(f"person-search:{request.user.pk}", seconds)
    if used <= count:
        return
    audit.record(
        user=request.user,
        action="person.search.limited",
        outcome=Outcome.DENIED,
        object_type="person",
        request=request,
    )
    if used == count + 1:
        _tell_privacy_officer(request.user)
    raise PersonSearchLimited(wait=wait)


def _tell_privacy_officer(user: AnyUser) -> None:
    from ketenkaart.access import gate
    from ketenkaart.households.duplicates import privacy_officers
    from ketenkaart.notifications.models import Kind
    from ketenkaart.notifications.services import notify

    professional = gate.professional_of(user)
    if professional is None:
        return
    count, seconds = _limit()
    for officer in privacy_officers(professional.organisation.region_id):
        notify(
            recipient=officer,
            kind=Kind.PRIVACY,
            title=_("Zoeklimiet bereikt door %(name)s") % {"name": professional.display_name},
            body=_(
                "%(name)s (%(organisation)s) zocht meer dan %(count)s keer in %(minutes)s "
                "minuten naar personen. Verdere zoekacties zijn geweigerd; de toegangslog "
                "toont ze."
            )
            % {
                "name": professional.display_name,
                "organisation": professional.organisation.name,
                "count": count,
                "minutes": seconds // 60,
            },
        )
