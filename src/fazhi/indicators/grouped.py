"""Indicators of many units at once, grouped by unit.

``engine.compute_all_for(scope_units(u), …)`` of each of a county's departments and townships
asks the same tables once per unit. Here each indicator is asked ONCE, over the government
(``within``) the units belong to; each of its tallies becomes a column of one statement per
table grouped by the records' unit::

    SELECT unit_id, COUNT(CASE WHEN <rest 1> THEN 1 END), … FROM <table>
    WHERE unit_id IN (<the government's units>) AND <shared> AND ((<rest 1>) OR …)
    GROUP BY unit_id

and a unit's figure adds the counts of the units in its subtree (``Unit.path`` prefix), as
``scope_units(unit)`` (the unit with its sub-units) does. Rates are computed from the added
numerator and denominator.

An indicator is grouped only when every part of its result is a tally (``Result.count``,
``Result.total``, ``Result.ratio`` of querysets) of a single-table queryset whose ONLY mention
of the units is one top-level ``unit__in=units`` condition on the table's own unit column: then
a record counts for a unit exactly when its own unit lies in the unit's subtree, and the
grouped figure equals the per-unit one by construction. Everything else — figures computed in
Python (statutory due dates, distinct counts), querysets joining other tables or filtering the
units elsewhere (an OR, a subquery), a unit filter on another column — is computed unit by unit
as before (``ByUnit.per_unit`` names them; ``differences`` compares both ways) — unless the
stream declares, next to the figure, its own grouped computation (``Indicator.grouped``: every
unit's result from a few queries over the government, e.g. the hearings read once and grouped
by case for each unit's subtree), which is used instead and checked the same way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
from django.db.models import Count, QuerySet, Sum
from django.db.models.expressions import Col
from django.db.models.sql import Query
from django.db.models.sql.where import AND

from fazhi.core.models import Unit
from fazhi.indicators.engine import Figure, compute_all_for, scope_units
from fazhi.indicators.registry import (
    RATE,
    Period,
    Result,
    Tally,
    UnitGroups,
    combine_parts,
    leaves,
    load_all,
    rate,
    settle_all,
)
from fazhi.indicators.tally import Part, _conjuncts

# Indicators found not groupable (by their code's shape: a figure computed in Python, a join, a
# distinct count): not asked over the whole government again in this process. Computing a
# groupable figure unit by unit is only slower, never different, so remembering is safe.
_UNGROUPED: set[str] = set()


@dataclass
class _Grouped:
    """A tally to take grouped: its column of the records' unit and its WHERE conjuncts."""

    tally: Tally
    column: str
    parts: list[Part]
    orm_field: str | None = None  # the unit column's attribute name when taken by the ORM (joins)
    by_unit: dict[int, object] = field(default_factory=dict)  # record's unit id -> count or sum


@dataclass
class ByUnit:
    figures: dict[int, dict[str, Figure]]  # unit id -> indicator key -> figure
    records: dict[int, dict[str, int]]  # unit id -> key -> records behind the figure (``count_records``)
    grouped: list[str]  # keys taken grouped by unit (by the engine, or by the stream: Indicator.grouped)
    per_unit: list[str]  # keys computed unit by unit (not groupable)


def compute_by_unit(units: list[Unit], period: Period, keys: list[str], *, within: Unit,
                    count_records: bool = False, only: dict[str, set[int]] | None = None) -> ByUnit:
    """The figures ``keys`` of each of ``units`` (each with its sub-units), all of them in
    ``within``'s subtree; with ``count_records``, how many records each figure's drill-down lists.
    ``only`` (key -> unit ids) spares computing a key unit by unit for units that do not need it
    (an assessment item that applies to departments only); grouped keys cover every unit anyway."""
    registry = load_all()
    universe = scope_units(within)
    marker = _scope_marker(universe)
    asked = [k for k in dict.fromkeys(keys) if k in registry]
    # A composite is the sum of its parts: the parts are computed (grouped where they can be)
    # and added per unit below.
    composites = {k: leaves(registry, k) for k in asked if registry[k].is_composite}
    wanted = list(dict.fromkeys([k for k in asked if k not in composites]
                                + [leaf for terms in composites.values() for leaf, _ in terms]))
    plans: dict[str, dict[str, _Grouped | object]] = {}
    per_unit: list[str] = []
    declared = [k for k in wanted if registry[k].grouped is not None]  # the stream groups them itself
    for key in wanted:
        if key in declared:
            continue
        plan = None if key in _UNGROUPED else _plan(registry[key].fn(universe, period), marker, count_records)
        if plan is None:
            _UNGROUPED.add(key)
            per_unit.append(key)
        else:
            plans[key] = plan
    _take([g for plan in plans.values() for g in plan.values() if isinstance(g, _Grouped)])
    covers = _covers(units, within)
    figures: dict[int, dict[str, Figure]] = {u.pk: {} for u in units}
    records: dict[int, dict[str, int]] = {u.pk: {} for u in units}
    for key, plan in plans.items():
        sums = {name: _rollup(g, covers) for name, g in plan.items() if isinstance(g, _Grouped)}
        for unit in units:
            got = {name: part.get(unit.pk, 0) for name, part in sums.items()}
            figures[unit.pk][key] = Figure(registry[key], _result(plan, got))
            if count_records:
                records[unit.pk][key] = got["records"]
    if declared:
        groups = UnitGroups(units, universe, covers)
        for key in declared:
            results = registry[key].grouped(groups, period)
            for unit in units:
                figures[unit.pk][key] = Figure(registry[key], results[unit.pk])
                if count_records:
                    records[unit.pk][key] = results[unit.pk].record_count or 0
    only = dict(only or {})
    for key, terms in composites.items():
        for leaf, _sign in terms:
            if key in only and leaf not in asked:
                only[leaf] = only.get(leaf, set()) | only[key]
    if per_unit:
        _per_unit(units, period, per_unit, figures, records, count_records, only)
    extra = set(wanted) - set(asked)
    for key, terms in composites.items():
        for unit in units:
            mine = figures[unit.pk]
            if any(leaf not in mine for leaf, _ in terms):
                continue  # spared by ``only``
            parts = [(leaf, sign, mine[leaf].result) for leaf, sign in terms]
            value = combine_parts([(sign, part.value) for _leaf, sign, part in parts])
            mine[key] = Figure(registry[key], Result(value=value, parts=parts))
            if count_records:
                records[unit.pk][key] = sum(records[unit.pk].get(leaf, 0) for leaf, _ in terms)
    for unit in units:
        for leaf in extra:
            figures[unit.pk].pop(leaf, None)
            records[unit.pk].pop(leaf, None)
    whole = {*plans, *declared}  # computed for every unit at once
    grouped = sorted([k for k in whole if k in asked]
                     + [k for k, terms in composites.items() if all(leaf in whole for leaf, _ in terms)])
    return ByUnit(figures, records, grouped, [k for k in asked if k not in grouped])


def _per_unit(units, period, all_keys, figures, records, count_records, only) -> None:
    registry = load_all()
    for unit in units:
        keys = [k for k in all_keys if k not in only or unit.pk in only[k]]
        if not keys:
            continue
        found = compute_all_for(scope_units(unit), period, keys)
        figures[unit.pk].update(found)
        if count_records:
            tallies = {k: Tally(f.result.records) for k, f in found.items() if f.result.records is not None}
            settle_all([Result(value=t) for t in tallies.values()])
            records[unit.pk].update({k: tallies[k].value if k in tallies else 0 for k in keys if k in registry})


def _result(plan: dict, got: dict) -> Result:
    if plan["value"] is RATE:
        return Result(value=rate(got["numerator"], got["denominator"]), numerator=got["numerator"],
                      denominator=got["denominator"])
    return Result(value=got["value"])


# -- which figures can be grouped ---------------------------------------------------------------

def _plan(result: Result, marker: object, count_records: bool) -> dict | None:
    """The grouped tallies of one figure (value, numerator, denominator, records), or None."""
    if isinstance(result.value, Tally):
        parts = {"value": result.value}
    elif result.value is RATE and isinstance(result.numerator, Tally) and isinstance(result.denominator, Tally):
        parts = {"value": RATE, "numerator": result.numerator, "denominator": result.denominator}
    else:
        return None  # computed in Python
    if count_records:
        if result.records is None:
            return None
        parts["records"] = Tally(result.records)
    plan: dict[str, _Grouped | object] = {}
    for name, part in parts.items():
        if part is RATE:
            plan[name] = RATE
            continue
        grouped = _grouping(part, marker)
        if grouped is None:
            return None
        plan[name] = grouped
    return plan


def _scope_marker(universe: QuerySet[Unit]) -> object:
    """The parameter that names ``universe`` in SQL (its path prefix)."""
    compiler = universe.query.get_compiler(using=universe.db)
    _sql, params = compiler.compile(universe.query.where)
    if len(params) != 1:
        raise ValueError("within 应为一个单位的下级单位范围")
    return params[0]


def _grouping(tally: Tally, marker: object) -> _Grouped | None:
    qs = tally.qs
    query = qs.query
    try:
        parts = _conjuncts(qs)
        joined = parts is None  # filters through joined tables: grouped by the ORM, on its own
        if joined:
            if (query.distinct or query.is_sliced or query.combinator or query.annotations or query.group_by
                    or query.where.negated):
                return None
            parts = _all_conjuncts(qs)
    except EmptyResultSet:
        return None
    nodes = query.where.children if query.where.connector == AND else [query.where]
    found = [node for node in nodes if _is_unit_filter(node, query, qs.db, marker)]
    mentions = [part for part in parts if marker in part[1]]
    if len(found) != 1 or len(mentions) != 1:
        return None  # no unit condition, or the units also filter something else (an OR, a subquery)
    if tally.field is not None and tally.field not in {f.name for f in qs.model._meta.concrete_fields}:
        return None
    target = found[0].lhs.target
    return _Grouped(tally, target.column, parts, orm_field=target.attname if joined else None)


def _all_conjuncts(qs: QuerySet) -> list[Part]:
    query = qs.query
    compiler = query.get_compiler(using=qs.db)
    nodes = query.where.children if query.where.connector == AND else [query.where]
    parts = []
    for node in nodes:
        try:
            sql, params = compiler.compile(node)
        except FullResultSet:
            continue
        parts.append((sql, tuple(params)))
    return parts


def _is_unit_filter(node, query: Query, db: str, marker: object) -> bool:
    lhs, rhs = getattr(node, "lhs", None), getattr(node, "rhs", None)
    if getattr(node, "lookup_name", None) != "in" or not isinstance(lhs, Col) or not isinstance(rhs, Query):
        return False
    target = lhs.target
    if lhs.alias != query.base_table or getattr(target, "related_model", None) is not Unit or rhs.model is not Unit:
        return False
    try:
        _sql, params = rhs.get_compiler(using=db).compile(rhs.where)
    except EmptyResultSet:
        return False
    return list(params) == [marker]


# -- taking the grouped tallies -----------------------------------------------------------------

def _take(grouped: list[_Grouped]) -> None:
    """One statement per (table, unit column); a tally whose own conditions (those it does not
    share with the table's other tallies) hold a subquery (``pk IN (SELECT …)``) is taken alone,
    as in ``tally.take`` — the units' own ``unit_id IN (SELECT …)``, shared by all, does not."""
    tables: dict[tuple, list[_Grouped]] = defaultdict(list)
    for g in grouped:
        if g.orm_field is not None:
            _by_orm(g)
        else:
            tables[(g.tally.qs.model, g.tally.qs.db, g.column)].append(g)
    for (model, db, column), members in tables.items():
        shared = set(members[0].parts)
        for g in members[1:]:
            shared &= set(g.parts)
        together = []
        for g in members:
            if any(" IN (SELECT " in sql for sql, _ in g.parts if (sql, _) not in shared):
                _statement(model, db, column, [g], shared=set(g.parts))
            else:
                together.append(g)
        if together:
            _statement(model, db, column, together, shared)


def _by_orm(g: _Grouped) -> None:
    """A queryset joining other tables (many-to-one: no row is repeated) grouped by the ORM."""
    total = Count("pk") if g.tally.field is None else Sum(g.tally.field)
    rows = g.tally.qs.order_by().values(g.orm_field).annotate(_n=total).values_list(g.orm_field, "_n")
    g.by_unit = {unit: n for unit, n in rows if n}


def _statement(model, db: str, column: str, members: list[_Grouped], shared: set[Part]) -> None:
    connection = connections[db]
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    group = f"{table}.{qn(column)}"
    columns, column_params, rests, rest_params = [], [], [], []
    index: dict[tuple, int] = {}
    slots = []
    for g in members:
        rest = [p for p in g.parts if p not in shared]
        cond = " AND ".join(f"({sql})" for sql, _ in rest) or "1=1"
        params = tuple(v for _, ps in rest for v in ps)
        key = (cond, params, g.tally.field)
        if key not in index:
            index[key] = len(columns)
            if g.tally.field is None:
                columns.append(f"COUNT(CASE WHEN {cond} THEN 1 END)")
            else:
                col = f"{table}.{qn(model._meta.get_field(g.tally.field).column)}"
                columns.append(f"COALESCE(SUM(CASE WHEN {cond} THEN {col} END), 0)")
            column_params.extend(params)
            rests.append(cond)
            rest_params.extend(params)
        slots.append(index[key])
    ordered = sorted(shared, key=lambda part: (part[0], repr(part[1])))
    where = " AND ".join(f"({sql})" for sql, _ in ordered) or "1=1"
    where_params = [v for _, ps in ordered for v in ps]
    sql = (f"SELECT {group}, {', '.join(columns)} FROM {table} WHERE {where} AND ("
           + " OR ".join(f"({r})" for r in rests) + f") GROUP BY {group}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*column_params, *where_params, *rest_params])
        rows = cursor.fetchall()
    for g, slot in zip(members, slots, strict=True):
        to_python = model._meta.get_field(g.tally.field).to_python if g.tally.field else int
        g.by_unit = {row[0]: to_python(row[1 + slot] or 0) for row in rows if row[1 + slot]}


def _covers(units: list[Unit], within: Unit) -> dict[int, list[int]]:
    """Each unit of ``within``'s subtree -> the ``units`` whose subtree holds it."""
    paths = dict(scope_units(within).values_list("pk", "path"))
    return {pk: [u.pk for u in units if path.startswith(u.path)] for pk, path in paths.items()}


def _rollup(g: _Grouped, covers: dict[int, list[int]]) -> dict[int, object]:
    sums: dict[int, object] = defaultdict(int)
    for record_unit, n in g.by_unit.items():
        for unit in covers.get(record_unit, ()):
            sums[unit] += n
    return sums


# -- checking -----------------------------------------------------------------------------------

def differences(units: list[Unit], period: Period, keys: list[str], *, within: Unit) -> list[str]:
    """Where the grouped figures (and record counts) differ from the unit-by-unit ones: empty
    when they agree. The benchmark and the tests run it."""
    return compare(units, period, keys, within=within)[1]


def compare(units: list[Unit], period: Period, keys: list[str], *, within: Unit) -> tuple[ByUnit, list[str]]:
    """The grouped figures and ``differences``."""
    grouped = compute_by_unit(units, period, keys, within=within, count_records=True)
    problems = []
    for unit in units:
        alone = compute_all_for(scope_units(unit), period, keys)
        for key, figure in alone.items():
            mine = grouped.figures[unit.pk][key].result
            want = figure.result
            if (_same(mine.value, want.value), mine.numerator, mine.denominator) != (True, want.numerator,
                                                                                     want.denominator):
                problems.append(f"{unit.code} {key}: 分组 {mine.value}/{mine.numerator}/{mine.denominator}"
                                f" ≠ 逐个单位 {want.value}/{want.numerator}/{want.denominator}")
            count = _record_count(want)
            if grouped.records[unit.pk].get(key, 0) != count:
                problems.append(f"{unit.code} {key}: 记录数 {grouped.records[unit.pk].get(key)} ≠ {count}")
    return grouped, problems


def _record_count(result: Result) -> int:
    """How many records the drill-down lists: a composite's are its parts'."""
    if result.parts is not None:
        return sum(_record_count(part) for _key, _sign, part in result.parts)
    return result.records.count() if result.records is not None else 0


def _same(a, b) -> bool:
    return a == b or (a is not None and b is not None and abs(float(a) - float(b)) < 1e-9)
