"""Snapshots of closed years: each county's figures, so a province roll-up sums 120 rows per
indicator instead of reading ten million records.

- ``close(year)`` computes every county's figures of a closed year from the records and keeps
  them (``Snapshot``), one transaction per county. A figure that still depends on today
  (``Indicator.settles_after``) is kept as a **provisional** snapshot: taken again by every
  nightly ``close`` and, for the county whose records changed, right after the change commits
  (``_refresh_provisional``); it is read only while the figure has not settled, and shown
  暂定 (``engine.Figure.provisional``). Once settled, the next ``close`` keeps it for good.
- Any audited change of a record (``audit.recorded``) drops, in the same transaction, the
  snapshots of the record's county for every year the record is dated in — its own date
  fields before and after the change and those of the records it points to. So a snapshot
  that exists equals the figure recomputed from the records; what was dropped is computed
  live until the next ``close`` (cron, nightly). ``verify(year)`` recomputes and compares.
- ``figures(unit, period)`` answers ``engine.compute_all`` for a whole closed year: a county
  reads its own snapshots; a unit above counties combines theirs — counts add up, rates are
  the rate of the summed numerators and denominators — and computes live only what cannot be
  combined (averages) and the units that belong to no county; a county without a snapshot
  of a figure (dropped by a change) is computed live alone and added to the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.dispatch import receiver
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.models import AuditEvent, Unit
from fazhi.core.units import nearest_in
from fazhi.indicators.engine import compute_all, compute_all_for
from fazhi.indicators.models import Snapshot
from fazhi.indicators.registry import Indicator, Period, Result, load_all, rate

GOVERNMENT = Unit.Kind.GOVERNMENT


def is_closed_year(period: Period, today: date | None = None) -> int | None:
    """The year when ``period`` is one whole year that has ended, else None."""
    today = today or timezone.localdate()
    if period == Period.year(period.start.year) and period.end < today:
        return period.start.year
    return None


def _encode(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        raise TypeError(f"指标数值类型不能保存为快照：{type(value).__name__}")
    return f"i:{value}" if isinstance(value, int) else f"d:{Decimal(str(value))}"


def _decode(text: str) -> int | Decimal | None:
    if not text:
        return None
    kind, number = text.split(":", 1)
    return int(number) if kind == "i" else Decimal(number)


# -- taking ----------------------------------------------------------------------------------------

def close(year: int, counties: Iterable[Unit] | None = None, today: date | None = None,
          keys: list[str] | None = None) -> int:
    """Snapshot the figures of ``year`` (``keys``, default all) for each county (all by
    default), those not settled on ``today`` as provisional; returns rows written."""

    today = today or timezone.localdate()
    period = Period.year(year)
    if is_closed_year(period, today) is None:
        raise ValueError(f"{year}年尚未结束，不能生成快照")
    registry = load_all()
    keys = sorted(registry) if keys is None else [key for key in keys if key in registry]
    written = 0
    for county in counties if counties is not None else Unit.objects.filter(kind=GOVERNMENT).order_by("path"):
        mark = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        figures = compute_all(county, period, keys=keys, use_snapshots=False, cached=False)
        with transaction.atomic():
            Snapshot.objects.filter(unit=county, year=year, key__in=keys).delete()
            Snapshot.objects.bulk_create(
                Snapshot(unit=county, year=year, key=key, value=_encode(fig.result.value),
                         numerator=fig.result.numerator, denominator=fig.result.denominator,
                         provisional=not registry[key].settled(period, today))
                for key, fig in figures.items())
            # A change committed while the figures were computed may be missing from them.
            if AuditEvent.objects.filter(pk__gt=mark, unit__path__startswith=county.path).exists():
                Snapshot.objects.filter(unit=county, year=year).delete()
                continue
        written += len(figures)
    return written


def verify(year: int) -> list[str]:
    """Every snapshot of ``year`` that differs from the figure recomputed now (should be none)."""

    period = Period.year(year)
    problems = []
    by_county: dict[int, dict[str, Snapshot]] = {}
    for snap in Snapshot.objects.filter(year=year).select_related("unit"):
        by_county.setdefault(snap.unit_id, {})[snap.key] = snap
    for snaps in by_county.values():
        county = next(iter(snaps.values())).unit
        live = compute_all(county, period, keys=list(snaps), use_snapshots=False, cached=False)
        for key, snap in snaps.items():
            r = live[key].result
            if (_decode(snap.value), snap.numerator, snap.denominator) != (_value(r.value), r.numerator, r.denominator):
                problems.append(f"{county.name} {year} {key}: 快照 {snap.value} {snap.numerator}/{snap.denominator}，"
                                f"重算 {r.value} {r.numerator}/{r.denominator}")
    return problems


def _value(value: object) -> object:
    return _decode(_encode(value))


# -- dropping what a change touches ----------------------------------------------------------------

def _dates(values: Iterable[object]) -> set[int]:
    years = set()
    for v in values:
        if isinstance(v, datetime | date):
            years.add(v.year)
        elif isinstance(v, str) and len(v) >= 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit():
            years.add(int(v[:4]))
    return years


CHUNK = 2000  # ids per query when a bulk import reports thousands of changes


def _date_fields(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if isinstance(f, models.DateField)]  # incl. DateTimeField


def _pointed_to(model: type[models.Model]) -> list[tuple[str, type[models.Model]]]:
    """(FK column, target model) for the records ``model`` points to that carry dates."""
    out = []
    for field in model._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.related_model is not Unit:
            target = field.related_model
            if target._meta.app_label not in ("auth", "accounts", "contenttypes") and _date_fields(target):
                out.append((field.attname, target))
    return out


def _chunks(ids: list) -> Iterable[list]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


@receiver(audit.recorded)
def _drop_touched(sender, events: list[AuditEvent], **kwargs) -> None:
    """Years each changed record (and the records it points to, one level) is dated in, per
    county; a few queries per model however many events a bulk import reports."""
    if not any(e.unit_id for e in events) or not Snapshot.objects.exists():
        return
    counties = dict(Unit.objects.filter(kind=GOVERNMENT).values_list("path", "pk"))
    paths: dict[int, str] = {}

    def county_of(unit_id: int | None) -> int | None:
        if unit_id is None:
            return None
        if unit_id not in paths:
            paths.update(Unit.objects.filter(pk=unit_id).values_list("pk", "path"))
        return nearest_in(paths.get(unit_id, ""), counties)

    paths.update(Unit.objects.filter(pk__in={e.unit_id for e in events if e.unit_id}).values_list("pk", "path"))
    touched: dict[int, set[int]] = {}
    objects: dict[str, set[str]] = {}
    for e in events:
        county = county_of(e.unit_id)
        if county is None:
            continue
        touched.setdefault(county, set()).update(_dates([*(e.before or {}).values(), *(e.after or {}).values()]))
        if e.object_type and e.object_id:
            objects.setdefault(e.object_type, set()).add(e.object_id)
    for label, ids in objects.items():
        try:
            model = apps.get_model(label)
            model._meta.get_field("unit")
        except (LookupError, ValueError, FieldDoesNotExist):
            continue
        dates, links = _date_fields(model), _pointed_to(model)
        targets: dict[type[models.Model], dict[object, set[int]]] = {}
        for chunk in _chunks(sorted(ids)):
            for row in model._default_manager.filter(pk__in=chunk).values_list(
                    "unit_id", *dates, *(column for column, _ in links)):
                county = county_of(row[0])
                if county is None:
                    continue
                touched.setdefault(county, set()).update(_dates(row[1:1 + len(dates)]))
                for (_column, target), pk in zip(links, row[1 + len(dates):], strict=True):
                    if pk is not None:
                        targets.setdefault(target, {}).setdefault(pk, set()).add(county)
        for target, by_pk in targets.items():
            target_dates = _date_fields(target)
            for chunk in _chunks(list(by_pk)):
                for pk, *values in target._default_manager.filter(pk__in=chunk).values_list("pk", *target_dates):
                    for county in by_pk[pk]:
                        touched[county].update(_dates(values))
    refresh = []
    for county, years in touched.items():
        if years:
            Snapshot.objects.filter(unit_id=county, year__in=years).delete()
            refresh += [(county, year) for year in years]
    if refresh:
        # robust: the change is committed; a failed refresh leaves the county live until the nightly close
        transaction.on_commit(lambda: _refresh_provisional(refresh), robust=True)


def _refresh_provisional(dropped: list[tuple[int, int]]) -> None:
    """After a change commits: take again the provisional figures (those not settled yet, a
    handful of queries per county) of the closed years whose snapshots it dropped; the settled
    ones wait for the nightly ``close`` (until then that county is computed live alone)."""
    today = timezone.localdate()
    registry = load_all()
    for county_pk, year in sorted(set(dropped)):
        period = Period.year(year)
        if is_closed_year(period, today) is None:
            continue
        keys = [key for key, ind in registry.items() if not ind.settled(period, today)]
        if keys and Snapshot.objects.filter(year=year).exists():
            close(year, Unit.objects.filter(pk=county_pk), today=today, keys=keys)


# -- reading ---------------------------------------------------------------------------------------

def _combine(indicator: Indicator, results: list[Result]) -> Result | None:
    """The figure of several disjoint sets of units from theirs: counts add up, rates are the
    rate of the sums. None for any other shape (averages), which are computed live."""
    if all(r.numerator is None and r.denominator is None and isinstance(r.value, int | None) for r in results):
        values = [r.value for r in results if r.value is not None]
        return Result(value=sum(values) if values else None)
    if indicator.unit == "%" and all(r.numerator is not None and r.denominator is not None
                                     and r.value == rate(r.numerator, r.denominator) for r in results):
        n, d = sum(r.numerator for r in results), sum(r.denominator for r in results)
        return Result(value=rate(n, d), numerator=n, denominator=d)
    return None


def figures(unit: Unit | None, period: Period, keys: list[str]) -> dict[str, Result] | None:
    """Results of ``keys`` for ``unit`` with its sub-units (None: every unit, the province)
    over a closed year, from snapshots where they exist (see the module docstring); None when
    the period is not a closed year or no county in scope has a snapshot."""

    year = is_closed_year(period)
    if year is None:
        return None
    if not Snapshot.objects.filter(year=year).exists():
        return None
    prefix = unit.path if unit is not None else ""
    scope = list(Unit.objects.filter(path__startswith=prefix).values_list("pk", "path", "kind"))
    county_paths = {path: pk for pk, path, kind in scope if kind == GOVERNMENT}
    if not county_paths:
        return None
    registry = load_all()
    today = timezone.localdate()
    snaps: dict[str, dict[int, Result]] = {}
    rows = (Snapshot.objects.filter(year=year, unit_id__in=county_paths.values(), key__in=keys)
            .values_list("key", "unit_id", "value", "numerator", "denominator", "provisional"))
    for key, county, value, numerator, denominator, provisional in rows:
        if provisional and registry[key].settled(period, today):
            continue  # taken before the figure settled: computed live until the nightly close
        snaps.setdefault(key, {})[county] = Result(value=_decode(value), numerator=numerator, denominator=denominator)
    if not snaps:
        return None
    rest = [pk for pk, path, _kind in scope if nearest_in(path, county_paths) is None]
    if len(county_paths) == 1 and not rest:  # one county: its own snapshots, whatever their shape
        only = next(iter(county_paths.values()))
        mine = {key: parts[only] for key, parts in snaps.items() if only in parts}
        missing = [key for key in keys if key not in mine]
        if missing:
            live = compute_all_for(Unit.objects.filter(path__startswith=prefix), period, missing)
            mine.update({key: fig.result for key, fig in live.items()})
        return {key: mine[key] for key in keys}
    combined: dict[str, Result] = {}
    live_keys = []
    gaps: dict[frozenset, list[str]] = {}  # the counties a figure has no snapshot of -> those figures
    for key in keys:
        parts = snaps.get(key, {})
        result = _combine(registry[key], list(parts.values())) if parts else None
        if result is None:
            live_keys.append(key)
        else:
            combined[key] = result
            if len(parts) < len(county_paths):
                gaps.setdefault(frozenset(set(county_paths.values()) - set(parts)), []).append(key)
    for missing, gap_keys in gaps.items():
        # a few counties lack a snapshot (a change dropped it): those counties live, the rest from snapshots
        units = Unit.objects.filter(pk__in=[pk for pk, path, _kind in scope
                                            if nearest_in(path, county_paths) in missing])
        for key, fig in compute_all_for(units, period, gap_keys).items():
            both = _combine(registry[key], [combined[key], fig.result])
            if both is None:
                live_keys.append(key)
                del combined[key]
            else:
                combined[key] = both
    if rest and combined:
        rest_figures = compute_all_for(Unit.objects.filter(pk__in=rest), period, list(combined))
        for key in list(combined):
            both = _combine(registry[key], [combined[key], rest_figures[key].result])
            if both is None:
                live_keys.append(key)
                del combined[key]
            else:
                combined[key] = both
    if live_keys:
        live = compute_all_for(Unit.objects.filter(path__startswith=prefix), period, live_keys)
        combined.update({key: fig.result for key, fig in live.items()})
    return {key: combined[key] for key in keys}
