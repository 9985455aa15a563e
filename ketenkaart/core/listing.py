"""Search, filter and sort for a list page, read from the URL so a list can be bookmarked and
shared; the values are checked against what the list offers, never passed on raw."""

from dataclasses import dataclass, field

MAX_QUERY = 100


@dataclass(frozen=True)
class ListState:
    query: str = ""
    sort: str = ""
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return bool(self.query or any(self.filters.values()))


def list_state(request, *, sorts, filters: dict | None = None, search: bool = True) -> ListState:
    """`sorts`: the allowed sort keys, the first the default; `filters`: name -> allowed values.
    Unknown values fall back to the default instead of an error: a stale bookmark still works."""
    params = request.GET
    sort = params.get("sorteer", "")
    chosen = {}
    for name, allowed in (filters or {}).items():
        value = params.get(name, "")
        chosen[name] = value if value in allowed else ""
    return ListState(
        query=params.get("zoek", "").strip()[:MAX_QUERY] if search else "",
        sort=sort if sort in sorts else next(iter(sorts)),
        filters=chosen,
    )
