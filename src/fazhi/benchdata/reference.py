"""The reference for the dashboard benchmark: ONE hand-written SQL query that computes the
main count and rate figures of a county (or of every county) for a period.

It is what the database alone can do — one statement, each ledger table scanned once with
``FILTER`` aggregates — so the ratio platform ÷ reference shows what the indicator layer
costs. It also checks the platform: ``compare`` lists every figure where the two disagree.
Each figure is (numerator, denominator); a count has denominator None.

Portable: PostgreSQL and SQLite (≥ 3.30 for ``FILTER``).
"""

from __future__ import annotations

from datetime import date
from importlib import import_module

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from fazhi.core.registry import streams
from fazhi.indicators.registry import Period, Result


class Query:
    """The one statement being assembled for a period. Each stream's bench module adds its
    tables in ``reference(q)`` (``StreamManifest.bench``); ``figures_sql`` joins them."""

    def __init__(self, period: Period) -> None:
        self.period = period
        self.s, self.e = _d(period.start), _d(period.end)  # the period's first and last day as SQL literals
        self.figures: list[tuple[str, bool]] = []
        self.selects: list[str] = []

    def between(self, col: str) -> str:
        return f"{col} >= {self.s} AND {col} <= {self.e}"

    @staticmethod
    def in_(values) -> str:
        return "(" + ", ".join(f"'{v}'" for v in values) + ")"

    @staticmethod
    def met(model: type, key: str, alias: str = "t") -> str:
        """The record's deadline ``key`` was met on or before its due date."""
        ct = ContentType.objects.get_for_model(model).pk
        return (f"EXISTS (SELECT 1 FROM core_deadline d WHERE d.content_type_id = {ct} AND d.object_id = {alias}.id "
                f"AND d.key = '{key}' AND d.met_on IS NOT NULL AND d.met_on <= d.due)")

    def block(self, table: str, where: str, cols: list[tuple[str, str, str | None]], alias: str = "t") -> None:
        """One scan of ``table``: each (key, numerator condition, denominator condition or None) counted."""
        self._scan(table, where, cols, alias, lambda cond: f"COUNT(*) FILTER (WHERE {cond})")

    def sums(self, table: str, where: str, cols: list[tuple[str, str, str | None]], alias: str = "t") -> None:
        """One scan of ``table``: each (key, numerator column, denominator column or None) summed."""
        self._scan(table, where, cols, alias, lambda col: f"COALESCE(SUM({col}), 0)")

    def _scan(self, table: str, where: str, cols: list[tuple[str, str, str | None]], alias: str, agg) -> None:
        exprs = []
        for key, num, den in cols:
            exprs.append(agg(num))
            if den is not None:
                exprs.append(agg(den))
            self.figures.append((key, den is not None))
        self.selects.append(f"(SELECT {', '.join(exprs)} FROM {table} {alias} "
                            f"WHERE {alias}.unit_id IN (SELECT id FROM u) AND ({where}))")


def _d(day: date) -> str:
    return f"'{day.isoformat()}'"


def figures_sql(period: Period) -> tuple[str, list[tuple[str, bool]]]:
    """The query (one parameter: the unit path prefix, '' for all units) and its figures in
    column order: (indicator key, is_rate). A rate takes two columns: numerator, denominator.
    Assembled from every stream's bench module that defines ``reference(q)``."""
    q = Query(period)
    for m in streams():
        if m.bench:
            module = import_module(m.bench)
            if hasattr(module, "reference"):
                module.reference(q)
    seen: set[str] = set()
    twice = [key for key, _ in q.figures if key in seen or seen.add(key)]
    if twice:
        raise ValueError(f"参照SQL中的指标重复：{'、'.join(twice)}")
    sql = "WITH u AS (SELECT id FROM core_unit WHERE path LIKE %s) SELECT * FROM " + " CROSS JOIN ".join(
        f"{sel} AS q{i}" for i, sel in enumerate(q.selects))
    return sql, q.figures


def compute(prefix: str, period: Period) -> dict[str, tuple[int, int | None]]:
    """{key: (numerator or count, denominator or None)} of the units whose path starts with
    ``prefix`` ('' for every unit), computed by the one query."""
    sql, figures = figures_sql(period)
    with connection.cursor() as cur:
        cur.execute(sql, [prefix + "%"])
        row = cur.fetchone()
    out, i = {}, 0
    for key, is_rate in figures:
        if is_rate:
            out[key] = (int(row[i]), int(row[i + 1]))
            i += 2
        else:
            out[key] = (int(row[i]), None)
            i += 1
    return out


def platform_pair(result: Result, is_rate: bool) -> tuple[int, int | None]:
    if is_rate:
        return (int(result.numerator or 0), int(result.denominator or 0))
    return (int(result.value or 0), None)


def compare(reference: dict[str, tuple[int, int | None]], results: dict[str, Result]) -> list[str]:
    """The figures where the platform's (numerator, denominator) differs from the reference, and
    the reference's keys that name no registered indicator."""
    problems = []
    for key, (num, den) in reference.items():
        if key not in results:
            problems.append(f"{key}: 参照SQL中的指标未登记")
            continue
        got = platform_pair(results[key], den is not None)
        if got != (num, den):
            problems.append(f"{key}: 平台 {got} ≠ 参照SQL {(num, den)}")
    return problems
