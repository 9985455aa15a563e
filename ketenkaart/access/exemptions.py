"""The gate for the ventieltafel's precedents: past decisions, pseudonymised, with free-text
reasoning. Part of the one gate: import it as `ketenkaart.access.gate`."""

from __future__ import annotations

from django.db.models import Q

from ketenkaart.organisations.models import Role


def precedent_scope(user) -> Q | None:
    """Which decided requests a user may read as precedent, or None for nobody.

    The ventieltafel and policy read those of the municipalities their organisation serves;
    a professional who works with families (who asks the table) those of their region. Police,
    signalers and the privacy officer never read them: the reasoning is about a family."""
    from ketenkaart.access import gate

    professional = gate.professional_of(user)
    if professional is None:
        return None
    if professional.role in (Role.EXEMPTION_TABLE, Role.POLICY):
        return Q(municipality__in=professional.organisation.municipalities.values("pk"))
    if professional.works_with_families:
        return Q(region_id=professional.organisation.region_id)
    return None
