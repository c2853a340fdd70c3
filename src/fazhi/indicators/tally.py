"""Taking many counts of one table in one query.

A dashboard asks for a hundred counts, most of them of a dozen ledger tables filtered by the
same units and different dates and states. Asked one by one they cost a round trip each;
here the tallies of one table become one statement::

    SELECT COUNT(CASE WHEN <rest of filter 1> THEN 1 END), COALESCE(SUM(CASE WHEN … THEN col END), 0), …
    FROM <table>
    WHERE <conditions every filter shares> AND ((<rest 1>) OR (<rest 2>) OR …)

The shared conditions (usually "unit in these units") stay at the top of the WHERE clause,
where the planner turns them into an index scan; each column counts the rows its own queryset
would. Each filter is Django's own SQL for the queryset (``compiler.compile`` of its WHERE
clause), so a tally equals ``qs.count()`` (or ``qs.aggregate(Sum(field))``) by construction;
querysets that join other tables, are distinct or sliced are counted on their own.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
from django.db.models import QuerySet, Sum
from django.db.models.sql.where import AND

from fazhi.indicators.registry import Tally

Part = tuple[str, tuple]  # SQL and its parameters


def take(tallies: list[Tally]) -> None:
    """Fill ``tally.value`` for every tally (one query per table where possible)."""
    groups: dict[tuple, list[tuple[Tally, list[Part] | None]]] = defaultdict(list)
    for tally in tallies:
        if tally.value is not None:
            continue
        try:
            parts = _conjuncts(tally.qs)
        except EmptyResultSet:
            tally.value = 0
            continue
        if parts is None:
            _alone(tally)
            continue
        groups[(tally.qs.model, tally.qs.db)].append((tally, parts))
    for (model, db), members in groups.items():
        if len(members) == 1:
            _alone(members[0][0])
        else:
            _together(model, db, members)


def _alone(tally: Tally) -> None:
    if tally.field is None:
        tally.value = tally.qs.count()
    else:
        tally.value = tally.qs.aggregate(total=Sum(tally.field))["total"] or 0


def _conjuncts(qs: QuerySet) -> list[Part] | None:
    """The queryset's WHERE clause as SQL conjuncts on its own table, or None when it cannot
    be counted as a column of a shared query (joins, DISTINCT, slices, grouping)."""
    query = qs.query
    used = [alias for alias in query.alias_map if query.alias_refcount.get(alias)]
    if (len(used) > 1 or query.distinct or query.is_sliced or query.group_by is not None
            or query.combinator or query.annotations or query.where.negated):
        return None
    compiler = query.get_compiler(using=qs.db)
    nodes = query.where.children if query.where.connector == AND else [query.where]
    parts: list[Part] = []
    for node in nodes:
        try:
            sql, params = compiler.compile(node)
        except FullResultSet:
            continue
        parts.append((sql, tuple(params)))
    try:
        hash(tuple(parts))
    except TypeError:  # a parameter that is a list or a dict: count it on its own
        return None
    return parts


def _together(model, db: str, members: list[tuple[Tally, list[Part] | None]]) -> None:
    shared = set(members[0][1])
    for _tally, parts in members[1:]:
        shared &= set(parts)
    if not shared:  # nothing in common: an OR of unrelated filters would scan the whole table
        for tally, _parts in members:
            _alone(tally)
        return
    connection = connections[db]
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    columns: list[str] = []
    column_params: list = []
    rests: list[str] = []
    rest_params: list = []
    distinct: dict[tuple, int] = {}  # the same tally asked twice is one column
    index: list[int] = []
    counted: list[Tally] = []
    for tally, parts in members:
        rest = [p for p in parts if p not in shared]
        if any(" IN (SELECT " in sql for sql, _ in rest):
            # "pk IN (subquery)" inside CASE/OR becomes a hashed subplan over the whole subquery
            # (every county's deadlines); in its own WHERE clause it is a semi-join on an index.
            _alone(tally)
            continue
        cond = " AND ".join(f"({sql})" for sql, _ in rest) or "1=1"
        params = tuple(v for _, ps in rest for v in ps)
        counted.append(tally)
        key = (cond, params, tally.field)
        if key not in distinct:
            distinct[key] = len(columns)
            if tally.field is None:
                columns.append(f"COUNT(CASE WHEN {cond} THEN 1 END)")
            else:
                column = f"{table}.{qn(model._meta.get_field(tally.field).column)}"
                columns.append(f"COALESCE(SUM(CASE WHEN {cond} THEN {column} END), 0)")
            column_params.extend(params)
            rests.append(cond)
            rest_params.extend(params)
        index.append(distinct[key])
    if not columns:
        return
    shared_parts = sorted(shared, key=lambda part: (part[0], repr(part[1])))
    shared_sql = " AND ".join(f"({sql})" for sql, _ in shared_parts)
    shared_params = [v for _, ps in shared_parts for v in ps]
    sql = (f"SELECT {', '.join(columns)} FROM {table} WHERE {shared_sql} AND ("
           + " OR ".join(f"({r})" for r in rests) + ")")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*column_params, *shared_params, *rest_params])
        row = cursor.fetchone()
    for tally, i in zip(counted, index, strict=True):
        if tally.field is None:
            tally.value = row[i]
        else:
            tally.value = model._meta.get_field(tally.field).to_python(row[i] or 0)
