"""Querysets compiled to SQL once per database connection (issue 17): on every click's reads
Django spent more time compiling the same SQL again than waiting for the database.

A `Precompiled` is built from a function that returns a queryset whose changing values are
`Param`s. The first call on a connection compiles it; later calls only put the values into the
parameter list, and Django's own iterables still build the model instances (select_related
included) or dicts from the rows, with the same converters as an ordinary queryset.

    MEMBERS = Precompiled(
        lambda: Member.objects.filter(household_id=Param("household", UUIDField()))
    )
    members = MEMBERS.rows(household=household.pk)

Only filter values can be parameters; anything that changes the SQL text (a list of ids of
varying length, an optional filter) needs its own Precompiled or an ordinary queryset. A page
of rows takes its LIMIT and OFFSET as parameters too (`paged=True`), and `Paged` hands a
Paginator those pages and a precompiled count:

    EVENTS = Precompiled(lambda: events.filter(household_id=Param(...))[:1], paged=True)
    COUNT = Precompiled(lambda: counted(events.filter(...)))
    Paginator(Paged(EVENTS, COUNT, household=key), 25).page(1)

`PrecompiledLists` reads several of them in one statement (a page's lists of one family):

    LISTS = PrecompiledLists(MEMBERS, INVOLVEMENTS)
    members, involvements = LISTS.rows(household=household.pk, known=household)
"""

import copy
import re
import weakref
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Expression, F, Field, Func, IntegerField, QuerySet
from psycopg.sql import Literal


class _Slot:
    """Where a Param's value goes in the compiled parameter list."""

    __slots__ = ("field", "name")

    def __init__(self, name: str, field: Field):
        self.name = name
        self.field = field


class Param(Expression):
    """A named value filled in at each call, adapted for the database as `field` adapts it
    (a UUID as hex text on SQLite, an aware datetime as UTC text)."""

    def __init__(self, name: str, output_field: Field):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [_Slot(self.name, self.output_field)]


class Precompiled:
    def __init__(self, build: Callable[[], QuerySet], *, paged: bool = False):
        self._build = build
        self._paged = paged
        self._template: QuerySet | None = None
        # Per connection object: each thread has its own, and a compiled query belongs to one.
        self._compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def template(self) -> QuerySet:
        if self._template is None:
            self._template = self._build()
        return self._template

    def compiled(self, connection: Any) -> tuple[Any, str, tuple[Any, ...], list[str]]:
        """The compiler (its select and klass_info build the rows), SQL, parameter list and
        parameter types of this queryset on `connection`, compiled the first time."""
        compiled = self._compiled.get(connection)
        if compiled is None:
            compiler = self.template().all().query.get_compiler(connection=connection)
            sql, params = compiler.as_sql()
            if self._paged:
                sql, params = _paged(sql, list(params))
            sql, params = _inlined(sql, params, connection)
            # Django finds each column's converters anew for every result; the columns are the
            # compiler's, so they are found once here (a tenth of reading the dossier's lists).
            converters = compiler.get_converters(
                [c for c, *_ in compiler.select[: compiler.col_count]]
            )
            compiler.get_converters = lambda expressions: converters  # type: ignore[method-assign]
            compiled = (compiler, sql, tuple(params), _types(params, connection))
            self._compiled[connection] = compiled
        return compiled

    def queryset(self, known=None, **values) -> QuerySet:
        """The queryset with these values, compiled once per connection. Evaluate it as it is
        (list(), iteration): a further filter, slice or `.first()` would compile anew.
        `known` is a model instance the rows point to (their household, say): set on each row
        without a query, as a related manager does."""
        return self._ready(known, values)

    def _ready(self, known: Any, values: dict[str, Any], fetched: list | None = None) -> QuerySet:
        """The queryset with its statement bound; with `fetched` (rows another statement read,
        see PrecompiledLists) it builds its objects from those rows and sends nothing."""
        queryset = self.template().all()
        connection = connections[queryset.db]  # the router's choice of this moment
        compiler, sql, params, types = self.compiled(connection)
        bound = _bind(params, values, connection)
        if fetched is None:
            sql = prepared(connection, sql, types)
        call = copy.copy(compiler)  # shares select and klass_info; only as_sql differs
        # Django's compiler and query expose no hook for a ready statement: these are it.
        call.as_sql = lambda *args, **kwargs: (sql, bound)  # type: ignore[method-assign]
        if fetched is not None:
            # One chunk of rows, as execute_sql gives them to the iterable.
            call.execute_sql = lambda *args, **kwargs: [fetched]  # type: ignore[method-assign]
        queryset.query.get_compiler = lambda *args, **kwargs: call  # type: ignore[method-assign]
        if known is not None:
            # A new dict: a clone shares its template's.
            queryset._known_related_objects = {  # type: ignore[attr-defined]
                f: {known.pk: known} for f in self._links(known)
            }
        return queryset

    def _links(self, known: Any) -> list[Any]:
        assert self._template is not None  # built by queryset() before
        model = self._template.model
        return [
            f
            for f in model._meta.concrete_fields
            if f.is_relation and f.many_to_one and f.related_model is type(known)
        ]

    def rows(self, known: Any = None, **values: Any) -> list[Any]:
        return list(self.queryset(known, **values))

    def first(self, known: Any = None, **values: Any) -> Any:
        """The first row, or None; the queryset should be sliced to one row in `build`."""
        return next(iter(self.queryset(known, **values)), None)


def counted(queryset: QuerySet) -> QuerySet:
    """The queryset's rows counted, as a Precompiled's one row: `SELECT COUNT(id)` with no
    GROUP BY (`.count()` runs at once, so it cannot be precompiled)."""
    count = Func(F("pk"), function="COUNT", output_field=IntegerField())
    return queryset.order_by().annotate(n=count).values_list("n", flat=True)


def _paged(sql: str, params: list[Any]) -> tuple[str, list[Any]]:
    """The statement of a queryset sliced to `[:1]` with its LIMIT and OFFSET as parameters."""
    if not sql.endswith(" LIMIT 1"):
        raise ValueError("Precompiled(paged=True): slice the queryset to [:1] in `build`")
    limit, offset = _Slot("limit", IntegerField()), _Slot("offset", IntegerField())
    return sql.removesuffix(" LIMIT 1") + " LIMIT %s OFFSET %s", [*params, limit, offset]


class Paged:
    """What a Paginator pages (its count, then one slice): the rows of a paged Precompiled,
    counted by a Precompiled whose one row is the count (no row: 0); both with the same
    values."""

    ordered = True  # by the Precompiled's own ORDER BY (the Paginator asks)

    def __init__(self, rows: Precompiled, count: Precompiled, **values: Any):
        self._rows, self._count, self._values = rows, count, values

    def count(self) -> int:
        return self._count.first(**self._values) or 0

    def __getitem__(self, window: slice) -> list[Any]:
        start, stop = window.start or 0, window.stop
        if stop <= start:  # an empty list's page: the Paginator slices [0:0]
            return []
        return self._rows.rows(**self._values, limit=stop - start, offset=start)


def _bind(params: tuple[Any, ...], values: dict[str, Any], connection: Any) -> tuple[Any, ...]:
    return tuple(
        p.field.get_db_prep_value(values[p.name], connection, prepared=False)
        if isinstance(p, _Slot)
        else p
        for p in params
    )


class PrecompiledLists:
    """Several Precompiled lists read in one statement, compiled once per connection: a
    UNION ALL in which each list has its own range of columns (NULL in the other lists' rows)
    after a first column with the list's number. Each list's rows then go through its own
    queryset as if it had read them itself (its select_related, Django's converters,
    `known`), so the objects are the ones the separate statements would give. The statement
    is sorted by list number and then by each list's own ORDER BY, by column position.

    All lists take the same values. Lists with a LIMIT, DISTINCT or a NULLS FIRST/LAST
    ordering are refused when compiled."""

    def __init__(self, *lists: Precompiled):
        self._lists = lists
        self._compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def rows(self, known: Any = None, **values: Any) -> list[list[Any]]:
        """Each list's objects, in the order the lists were given."""
        connection = connections[self._lists[0].template().db]
        compiled = self._compiled.get(connection)
        if compiled is None:
            compiled = self._compiled[connection] = self._compile(connection)
        sql, params, types, ranges = compiled
        fetched: list[list[Any]] = [[] for _ in self._lists]
        with connection.cursor() as cursor:
            cursor.execute(
                prepared(connection, sql, types),
                _bind(params, values, connection),
            )
            for row in cursor.fetchall():
                start, end = ranges[row[0]]
                fetched[row[0]].append(row[start:end])
        return [
            list(lists._ready(known, values, fetched[number]))
            for number, lists in enumerate(self._lists)
        ]

    def _compile(
        self, connection: Any
    ) -> tuple[str, tuple[Any, ...], list[str], list[tuple[int, int]]]:
        # Column 0 holds the list's number; list n's own columns follow those of list n - 1.
        branches: list[str] = []
        params: list[Any] = []
        ranges: list[tuple[int, int]] = []
        order = ["1"]
        nulls: list[str] = []  # the first branch's NULLs say their type (PostgreSQL needs it)
        for lists in self._lists:
            compiler, *_ = lists.compiled(connection)
            start = 1 + sum(end - begin for begin, end in ranges)
            ranges.append((start, start + len(compiler.select)))
            order += [
                f"{start + 1 + _position(compiler, term)} {'DESC' if term.descending else 'ASC'}"
                for term, _ in compiler.get_order_by()
            ]
            nulls += [
                f"CAST(NULL AS {column.output_field.cast_db_type(connection)})"
                for column, _, _ in compiler.select
            ]
        width = ranges[-1][1]
        for number, lists in enumerate(self._lists):
            query = lists.template().query.clone()
            if query.is_sliced or query.distinct:
                raise ValueError("PrecompiledLists: a list with LIMIT or DISTINCT")
            query.clear_ordering(force=True)  # the whole statement is sorted at the end
            sql, branch_params = query.get_compiler(connection=connection).as_sql()
            start, end = ranges[number]
            before = nulls[: start - 1] if number == 0 else ["NULL"] * (start - 1)
            after = nulls[end - 1 :] if number == 0 else ["NULL"] * (width - end)
            columns = ", ".join([str(number), *before, "q.*", *after])
            # Only Django's compiled SQL, list numbers and type names: values stay parameters.
            branches.append(f"SELECT {columns} FROM ({sql}) q")  # noqa: S608
            params += branch_params
        statement = " UNION ALL ".join(branches) + " ORDER BY " + ", ".join(order)
        statement, params = _inlined(statement, params, connection)
        return statement, tuple(params), _types(params, connection), ranges


def _position(compiler: Any, term: Any) -> int:
    """Where an ORDER BY term of `compiler` is in its select list."""
    if term.nulls_first or term.nulls_last:
        raise ValueError("PrecompiledLists: an ordering with NULLS FIRST or LAST")
    expression = term.get_source_expressions()[0]
    for position, (column, _, _) in enumerate(compiler.select):
        if column == expression:
            return position
    raise ValueError(f"PrecompiledLists: {expression} is ordered on but not selected")


_PLACEHOLDER = re.compile(r"%([s%])")


def _inlined(sql: str, params: Any, connection: Any) -> tuple[str, list[Any]]:
    """On PostgreSQL, the statement with the compiled constants (a status, a kind: not the
    Params) written into its text as literals, quoted by psycopg, and the Params left. The
    planner then knows them in the one plan it keeps for a prepared statement (a generic plan
    is made without the parameters' values): a partial index `WHERE status = 'submitted'`
    serves `status = 'submitted'`, never `status = $2`, and the column's statistics weigh the
    value itself."""
    if connection.vendor != "postgresql":
        return sql, list(params)
    connection.ensure_connection()
    constants = iter(params)
    kept: list[Any] = []

    def fill(match: re.Match) -> str:
        if match[1] == "%":
            return "%%"
        value = next(constants)
        if isinstance(value, _Slot):
            kept.append(value)
            return "%s"
        # Still a Django statement, run with parameters: a % in the literal is written %%.
        return Literal(value).as_string(connection.connection).replace("%", "%%")

    return _PLACEHOLDER.sub(fill, sql), kept


# The statements prepared in each open database session (a psycopg connection object).
_prepared: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def prepared(connection: Any, sql: str, types: list[str]) -> str:
    """On PostgreSQL, `sql` prepared once in this database session and the statement that
    executes it with the same parameters, whose types are `types` ("unknown": taken from the
    context): the server then plans it once per session instead of on every request, and
    planning was most of the database's cost of the hot reads (bench/README.md). Elsewhere,
    and behind a transaction pooler (a prepared statement lives in one server session, which
    the next transaction may not get), `sql` itself."""
    if connection.vendor != "postgresql" or not settings.KETENKAART_PREPARED_STATEMENTS:
        return sql
    connection.ensure_connection()
    session = connection.connection
    names = _prepared.setdefault(session, {})
    name = names.get(sql)
    if name is None:
        name = f"kk_{len(names) + 1}"
        numbers = iter(range(1, len(types) + 1))
        body = _PLACEHOLDER.sub(lambda m: f"${next(numbers)}" if m[1] == "s" else "%", sql)
        # Not transactional: a rollback of the caller's transaction keeps it prepared.
        with session.cursor() as cursor:
            cursor.execute(f"PREPARE {name} ({', '.join(types)}) AS {body}")
        names[sql] = name
    return f"EXECUTE {name} ({', '.join(['%s'] * len(types))})" if types else f"EXECUTE {name}"


def prepared_sql(connection: Any, name: str) -> str | None:
    """The statement `EXECUTE name` runs in this connection's database session, as Django
    compiled it (None: not prepared here). For a watcher of statements, such as the write
    matrix's (tests/access/write_cells.py), which tells reads from writes by their text."""
    session = connection.connection
    names = _prepared.get(session, {}) if session is not None else {}
    return next((sql for sql, known in names.items() if known == name), None)


def _types(params: Any, connection: Any) -> list[str]:
    """The database type of each parameter: a Param's field's; the compiled constants' from
    the statement."""
    return [
        p.field.cast_db_type(connection)  # type: ignore[attr-defined]  # not in django-stubs
        if isinstance(p, _Slot)
        else "unknown"
        for p in params
    ]
