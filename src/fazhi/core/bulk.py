"""Inserting many new rows of one model at once: ``insert(model, objs)``.

On PostgreSQL the rows go through ``COPY … FROM STDIN`` with ids taken beforehand from the
table's sequence (one ``nextval`` query for the whole batch), which skips Django's SQL compiler
— per row and field, the main cost of ``bulk_create`` for tens of thousands of rows. Elsewhere
(SQLite) it is ``bulk_create``. Either way the objects come back saved (pk set, ``_state.adding``
False), no signal is sent (as with ``bulk_create``), and a database rule the rows break raises
``IntegrityError`` inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import connections, models, router
from django.db.models.fields import AutoFieldMixin
from django.utils import timezone

# Fields whose Python values psycopg's COPY writes as they are (when of these types); any other
# field or value goes through the field's get_db_prep_save (JSON, decimals, times, addresses …).
_DIRECT = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.DateField,
           models.ForeignKey)
_PLAIN = frozenset({str, int, bool, date, type(None)})


def _direct(f: models.Field) -> bool:
    return isinstance(f, _DIRECT) and not isinstance(f, models.DateTimeField | models.JSONField)


def insert(model: type[models.Model], objs: Sequence[models.Model], *, batch_size: int = 2000) -> None:
    if not objs:
        return
    alias = router.db_for_write(model)
    connection = connections[alias]
    pk = model._meta.pk
    if connection.vendor != "postgresql" or not isinstance(pk, AutoFieldMixin):
        model.objects.bulk_create(objs, batch_size=batch_size)
        return
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    stamped = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    now = timezone.now()
    for obj in objs:  # what pre_save(add=True) sets, one instant for the batch
        for f in stamped:
            setattr(obj, f.attname, now)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [model._meta.db_table, pk.column, len(objs)])
        for obj, (pk_value,) in zip(objs, cursor.fetchall(), strict=True):
            setattr(obj, pk.attname, pk_value)
        raw = cursor.cursor  # psycopg's own cursor, for its COPY support
        # its errors as Django's (a broken unique rule: IntegrityError, as bulk_create raises it)
        with connection.wrap_database_errors, raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            plan = [(f.attname, _direct(f), f) for f in fields]
            for obj in objs:
                row = []
                for attname, direct, f in plan:
                    value = getattr(obj, attname)
                    row.append(value if direct and type(value) in _PLAIN else f.get_db_prep_save(value, connection))
                copy.write_row(row)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = alias
