"""Fast inserts for the two big tables (indicators and results): DB-API ``executemany``.

``bulk_create`` prepares every value of every row through the field (``get_db_prep_save``),
which made 80% of the generator's time at 2 million results. Here each column's conversion is
chosen once per field (JSON → the backend's JSON adapter, Decimal → the backend's decimal
adapter, the rest as is) and rows are plain tuples. Ids are handed out from ``MAX(id)``
(the generator is the only writer) and PostgreSQL's sequences are reset afterwards, so the app
can go on inserting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any


class Inserter:
    """Insert tuples of ``columns`` (field attnames, the key first) into ``model``'s table."""

    def __init__(self, model: Any, columns: list[str], batch: int = 5000) -> None:
        from django.db import connection

        self.model = model
        self.columns = columns
        self.batch = batch
        fields = {f.attname: f for f in model._meta.concrete_fields}
        self.convert = [_converter(fields[c], connection) for c in columns]
        names = ", ".join(connection.ops.quote_name(fields[c].column) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        table = connection.ops.quote_name(model._meta.db_table)
        self.sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
        key = connection.ops.quote_name(model._meta.pk.column)
        with connection.cursor() as cur:
            cur.execute(f"SELECT COALESCE(MAX({key}), 0) FROM {table}")
            self.last_id = cur.fetchone()[0]

    def next_id(self) -> int:
        """A fresh primary key for the next row."""
        self.last_id += 1
        return self.last_id

    def insert(self, rows: Iterable[tuple[Any, ...]]) -> int:
        """Write ``rows`` in batches; returns how many."""
        from django.db import connection

        count = 0
        it = iter(rows)
        while chunk := list(islice(it, self.batch)):
            prepared = [
                tuple(f(v) for f, v in zip(self.convert, row, strict=True)) for row in chunk
            ]
            with connection.cursor() as cur:
                cur.executemany(self.sql, prepared)
            count += len(chunk)
        return count


def _converter(field: Any, connection: Any) -> Callable[[Any], Any]:
    from django.db import models

    ops = connection.ops
    if isinstance(field, models.JSONField):
        return lambda v: None if v is None else ops.adapt_json_value(v, field.encoder)
    if isinstance(field, models.DecimalField):
        digits, places = field.max_digits, field.decimal_places
        return lambda v: None if v is None else ops.adapt_decimalfield_value(v, digits, places)
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    return _same


def _same(value: Any) -> Any:
    return value


def reset_sequences(models: list[Any]) -> None:
    """PostgreSQL: move the id sequences past the ids handed out here."""
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cur:
        for sql in statements:
            cur.execute(sql)
