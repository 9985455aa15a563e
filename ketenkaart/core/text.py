"""The one check of a text a service stores, whoever sent it (a form, the API, an import)."""

from django.utils.translation import gettext as _

from ketenkaart.core.errors import DomainError

NUL = "\x00"


def clean_text(
    value: str | None, field: str, limit: int, *, required: bool = True, missing: str = ""
) -> str:
    """`value` trimmed; a DomainError on `field` when it is empty and required (`missing` says
    what to write, "Vul dit veld in." by default), longer than `limit`, or holds a NUL byte (no
    one types one, and PostgreSQL refuses it in a text column)."""
    value = (value or "").strip()
    if required and not value:
        raise DomainError(missing or _("Vul dit veld in."), field=field)
    if len(value) > limit:
        raise DomainError(_("Gebruik hoogstens %(n)s tekens.") % {"n": limit}, field=field)
    if NUL in value:
        raise DomainError(_("Deze tekst bevat een nul-teken. Dat is niet toegestaan."), field=field)
    return value
