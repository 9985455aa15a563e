"""Search, filter and sort for a list page, read from the URL so a list can be bookmarked and
shared; the values are checked against what the list offers, never passed on raw."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import CharField, Q, QuerySet

from ketenkaart.core.precompiled import Paged, Param, Precompiled, counted

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

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
        query=search_term(params) if search else "",
        sort=sort if sort in sorts else next(iter(sorts)),
        filters=chosen,
    )


def search_term(params) -> str:
    """The `zoek` parameter as a search term: trimmed, at most MAX_QUERY characters, and without
    NUL bytes (no one types one, and PostgreSQL refuses it in any text parameter)."""
    return params.get("zoek", "").replace("\x00", "").strip()[:MAX_QUERY]


# -- a list described once: what it may be searched on, filtered by and sorted by -------------


@dataclass(frozen=True)
class Filter:
    """One filter of a list: `name` is its URL parameter, `choices` (value, label) what it offers;
    `lookups` maps each value to the Q it applies (a value without a lookup narrows nothing).
    A filter with one choice is drawn as a checkbox."""

    name: str
    label: "str | StrPromise"
    choices: "tuple[tuple[str, str | StrPromise], ...]"
    lookups: dict[str, Q]
    all_label: "str | StrPromise" = ""

    @property
    def is_checkbox(self) -> bool:
        return len(self.choices) == 1


@dataclass(frozen=True)
class Sort:
    key: str
    label: "str | StrPromise"
    order_by: tuple  # field names or expressions, as QuerySet.order_by takes them


@dataclass(frozen=True)
class ListQuery:
    """A list page's search, filters and sorts, declared next to its selector. `search`: the
    fields a free-text search looks in (any of them, case-insensitive); the first sort is the
    default. The page reads its state from the URL (`read`) and narrows a queryset the gate
    already chose (`apply`): the helper never widens what a user may see."""

    sorts: tuple[Sort, ...]
    search: tuple[str, ...] = ()
    search_label: "str | StrPromise" = ""
    filters: tuple[Filter, ...] = ()

    def read(self, request) -> ListState:
        return list_state(
            request,
            sorts={sort.key: sort for sort in self.sorts},
            filters={f.name: {value for value, _label in f.choices} for f in self.filters},
            search=bool(self.search),
        )

    def apply(self, queryset: QuerySet, state: ListState) -> QuerySet:
        return self._narrow(queryset, state, state.query)

    def _narrow(self, queryset: QuerySet, state: ListState, query: Any) -> QuerySet:
        # `query`: the search term, or a Param standing for it (run_prepared).
        if state.query and self.search:
            match = Q()
            for lookup in self.search:
                match |= Q(**{f"{lookup}__icontains": query})
            queryset = queryset.filter(match)
        for list_filter in self.filters:
            chosen = list_filter.lookups.get(state.filters.get(list_filter.name, ""))
            if chosen is not None:
                queryset = queryset.filter(chosen)

        sort = next(s for s in self.sorts if s.key == state.sort)
        return queryset.order_by(*sort.order_by)

    def run(self, request, queryset: QuerySet, *, per_page: int, label: str = "") -> "Listing":
        """Read, narrow, sort and page: what a list view needs, in one call (one COUNT and one
        SELECT for the page, whatever the size of the list)."""
        state = self.read(request)
        return self._listing(request, state, self.apply(queryset, state), per_page, label)

    def run_prepared(
        self,
        request,
        build: Callable[[], QuerySet],
        values: dict[str, Any],
        *,
        per_page: int,
        label: str = "",
    ) -> "Listing":
        """run, with the list's count and page as prepared statements (core/precompiled.py),
        one pair for each kind of list: searched or not, the filters chosen, the sort. `build`
        gives the gate's queryset with Params where `values` go; the search term is a value
        too. For the lists clicked all day at national scale (issue 17). The ListQuery and
        `build` key the statements: declare both once, at module level, not per request."""
        state = self.read(request)
        kind = (
            id(self),
            build,
            bool(state.query),
            tuple(sorted(state.filters.items())),
            state.sort,
        )
        if kind not in _PREPARED:
            _PREPARED[kind] = self._statements(build, state)
        rows = Paged(*_PREPARED[kind], **values, query=state.query)
        return self._listing(request, state, rows, per_page, label)

    def _listing(
        self, request, state: ListState, rows: Any, per_page: int, label: str
    ) -> "Listing":
        page = Paginator(rows, per_page).get_page(request.GET.get("pagina"))
        return Listing(query=self, state=state, page=page, label=label, path=request.path)

    def _statements(
        self, build: Callable[[], QuerySet], state: ListState
    ) -> tuple[Precompiled, Precompiled]:
        def listed() -> QuerySet:
            return self._narrow(build(), state, Param("query", CharField()))

        return Precompiled(lambda: listed()[:1], paged=True), Precompiled(lambda: counted(listed()))


_PREPARED: dict[tuple, tuple[Precompiled, Precompiled]] = {}


@dataclass
class Listing:
    """What the template include `core/_list_controls.html` draws: the controls with the
    values chosen, and the page."""

    query: ListQuery
    state: ListState
    page: Page
    label: str = ""
    path: str = ""

    @property
    def filters(self) -> list[tuple[Filter, str]]:
        return [(f, self.state.filters.get(f.name, "")) for f in self.query.filters]

    @property
    def sorts(self) -> tuple[Sort, ...]:
        return self.query.sorts
