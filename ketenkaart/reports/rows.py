"""Raw bulk inserts for the police import: the ORM's per-object work (building and binding a
model instance per row) took most of an import's time.

Rows are tuples in the order of the columns given; every other concrete field gets its default
(a field added later without a fixed default breaks here, loudly). Values are converted once per
column to what the backend stores: on SQLite UUIDs as 32 hex digits and dates as ISO text, as
Django does; PostgreSQL takes them as they are through COPY. Errors come out as Django's
(an IntegrityError stays an IntegrityError), so callers can retry as with the ORM.
"""

from collections.abc import Callable

from django.db import connection


def _sqlite_converter(field) -> Callable | None:
    target = field.target_field if field.is_relation else field
    kind = target.get_internal_type()
    if kind == "UUIDField":
        return lambda value: None if value is None else value.hex
    if kind == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if kind == "DateField":
        return connection.ops.adapt_datefield_value
    if kind in {"CharField", "TextField", "BooleanField", "IntegerField", "BigIntegerField"}:
        return None
    return lambda value: field.get_db_prep_save(value, connection)


class Table:
    def __init__(self, model, columns: list[str]):
        meta = model._meta
        fields = [meta.get_field(name) for name in columns]
        missing = [f for f in meta.concrete_fields if f not in fields]
        for field in missing:
            # A callable default (a new UUID) would be the same for every row: give it.
            if callable(field.default) or not (field.has_default() or field.null):
                raise ValueError(f"{model.__name__}.{field.name} heeft een waarde nodig.")
        self.table = connection.ops.quote_name(meta.db_table)
        self.columns = [f.column for f in fields + missing]
        self.tail = tuple(f.get_db_prep_save(f.get_default(), connection) for f in missing)
        if connection.vendor == "postgresql":
            self.converters = [None] * len(fields)
        else:
            self.converters = [_sqlite_converter(f) for f in fields]

    def _prepared(self, rows: list[tuple]) -> list[tuple]:
        converters = [(i, c) for i, c in enumerate(self.converters) if c is not None]
        if not converters:
            return [row + self.tail for row in rows]
        prepared = []
        for row in rows:
            row = list(row)
            for i, convert in converters:
                row[i] = convert(row[i])
            prepared.append((*row, *self.tail))
        return prepared

    def insert(self, rows: list[tuple]) -> int:
        if not rows:
            return 0
        rows = self._prepared(rows)
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        with connection.cursor() as cursor, connection.wrap_database_errors:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {self.table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(self.columns))
                # Table and column names come from the models, values are parameters.
                sql = f"INSERT INTO {self.table} ({columns}) VALUES ({placeholders})"  # noqa: S608
                cursor.executemany(sql, rows)
        return len(rows)
