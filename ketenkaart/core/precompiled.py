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
varying length, an optional filter) needs its own Precompiled or an ordinary queryset.
"""

import copy
import weakref
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models import Expression, Field, QuerySet


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
    def __init__(self, build: Callable[[], QuerySet]):
        self._build = build
        self._template: QuerySet | None = None
        # Per connection object: each thread has its own, and a compiled query belongs to one.
        self._compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def queryset(self, known=None, **values) -> QuerySet:
        """The queryset with these values, compiled once per connection. Evaluate it as it is
        (list(), iteration): a further filter, slice or `.first()` would compile anew.
        `known` is a model instance the rows point to (their household, say): set on each row
        without a query, as a related manager does."""
        if self._template is None:
            self._template = self._build()
        queryset = self._template.all()
        connection = connections[queryset.db]  # the router's choice of this moment
        compiled = self._compiled.get(connection)
        if compiled is None:
            compiler = self._template.all().query.get_compiler(connection=connection)
            sql, params = compiler.as_sql()
            compiled = self._compiled[connection] = (compiler, sql, tuple(params))
        compiler, sql, params = compiled
        bound = tuple(
            p.field.get_db_prep_value(values[p.name], connection, prepared=False)
            if isinstance(p, _Slot)
            else p
            for p in params
        )
        call = copy.copy(compiler)  # shares select and klass_info; only as_sql differs
        # Django's compiler and query expose no hook for a ready statement: these two are it.
        call.as_sql = lambda *args, **kwargs: (sql, bound)  # type: ignore[method-assign]
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
