"""A deterministic generator of benchmark ledgers: one county (about 50 units, 100,000
records over five years) or a province (about 120 counties, 10,000,000 records).

Everything comes from one seeded ``random.Random``: the same seed, scale and end date give
the same rows, byte for byte (``checksums``). Distributions follow what a county records:
volumes by unit type (villages mediate and consult, departments decide and rate, the
government registers petitions) and by month (a quiet Spring Festival, a busy December),
a state mix that depends on a record's age (old cases are closed, recent ones open), and
statutory deadlines met on time, late, or still running. Personal data passes the check
characters (GB 11643, GB 32100) but belongs to nobody: the region code in every ID number
and credit code is ``<prefecture>99``, which no county holds.

This module names no stream: it builds the units and runs each stream's steps from its
``StreamManifest.bench`` module (``streams/<key>/bench.py``, see ``bench_steps`` and ``Ctx``).
Volumes there are per county and year at the default size (factor 1).

Rows are bulk-loaded: PostgreSQL ``COPY`` (psycopg ``cursor.copy``), elsewhere
``bulk_create`` in large batches. Primary keys are allocated here (so deadlines can point
at their records) and the sequences are reset afterwards. No audit events are written for
generated data, and no service runs per row: this is a load, not a history of work.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import time
from bisect import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from importlib import import_module
from itertools import accumulate
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection, models, transaction

from fazhi.core.deadlines import compute_due
from fazhi.core.identifiers import USCC_CHARSET, id_check_char, uscc_check_char
from fazhi.core.ledger import Record
from fazhi.core.models import Deadline, Unit
from fazhi.core.registry import streams
from fazhi.indicators import freshness

SCALES = {"county": 1, "province": 120}
DEFAULT_YEARS = 5
# Ledger rows per county and year at the default size (about 20,000; × 5 years = 100,000).
PER_COUNTY_YEAR = 20_000
# Months: a quiet Spring Festival (February), a busy year end.
MONTH_WEIGHTS = (7, 5, 9, 8.5, 8.5, 8.5, 8, 8, 8.5, 8.5, 9, 12)
EXISTING = "数据库中已有编码为 {code} 的单位，请使用新的空数据库生成性能测试数据（或另选 --seed 以外的区划）"

DEPARTMENTS = ("司法局", "公安局", "市场监督管理局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局",
               "农业农村局", "卫生健康局", "人力资源和社会保障局", "教育局", "应急管理局", "城市管理综合执法局",
               "行政审批服务局")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红梅兰志德文斌辉鹏飞玉珍凤春"
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


# -- units -------------------------------------------------------------------------------------

def _csv(name: str) -> list[dict[str, str]]:
    path = Path(settings.FAZHI_DIVISIONS_DIR) / name
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def county_codes(n: int) -> list[tuple[str, str]]:
    """(code, name) of ``n`` real county-level divisions: Hunan's (43) first, then others."""
    areas = _csv("areas.csv")
    ordered = sorted(areas, key=lambda a: (a["provinceCode"] != "43", a["code"]))
    return [(a["code"], a["name"]) for a in ordered[:n]]


@dataclass
class CountyUnits:
    county: Unit
    departments: list[Unit]
    townships: list[Unit]
    villages: list[Unit]

    @property
    def all(self) -> list[Unit]:
        return [self.county, *self.departments, *self.townships, *self.villages]


def build_units(codes: list[tuple[str, str]], rng: random.Random) -> list[CountyUnits]:
    """A county government, 14 departments, up to 6 townships (real names where the division
    data has them) and 5 villages per township: about 50 units per county."""
    for code, _name in codes:
        if Unit.objects.filter(code=code).exists():
            raise ValidationError(EXISTING.format(code=code))
    streets: dict[str, list[dict[str, str]]] = {}
    wanted = {c for c, _ in codes}
    for row in _csv("streets.csv"):
        if row["areaCode"] in wanted:
            streets.setdefault(row["areaCode"], []).append(row)
    govs = Unit.objects.bulk_create([
        Unit(code=code, name=f"{name}人民政府", short_name=name, kind=Unit.Kind.GOVERNMENT, path=f"{code}/")
        for code, name in codes])
    children: list[Unit] = []
    for gov in govs:
        for i, dept in enumerate(DEPARTMENTS):
            code = f"{gov.code}D{i + 1:02d}"
            children.append(Unit(code=code, name=f"{gov.short_name}{dept}", short_name=dept,
                                 kind=Unit.Kind.DEPARTMENT, parent=gov, path=f"{gov.path}{code}/", sort_order=i))
        rows = streets.get(gov.code, [])[:6]
        for i in range(6):
            # where the division data has fewer townships, 9xx codes that no real township uses
            code, name = (rows[i]["code"], rows[i]["name"]) if i < len(rows) else (f"{gov.code}{901 + i}",
                                                                                   f"第{i + 1}镇")
            children.append(Unit(code=code, name=name, kind=Unit.Kind.TOWNSHIP, parent=gov,
                                 path=f"{gov.path}{code}/", sort_order=100 + i))
    children = Unit.objects.bulk_create(children)
    villages = []
    for t in (u for u in children if u.kind == Unit.Kind.TOWNSHIP):
        for i in range(5):
            code = f"{t.code}{201 + i:03d}"
            villages.append(Unit(code=code, name=f"{t.name}{rng.choice('东南西北中新和长')}{'村社'[i == 0]}{i + 1}",
                                 kind=Unit.Kind.VILLAGE, parent=t, path=f"{t.path}{code}/", sort_order=i))
    villages = Unit.objects.bulk_create(villages)
    out = []
    for gov in govs:
        mine = [u for u in children if u.parent_id == gov.pk]
        ts = [u for u in mine if u.kind == Unit.Kind.TOWNSHIP]
        tids = {t.pk for t in ts}
        out.append(CountyUnits(gov, [u for u in mine if u.kind == Unit.Kind.DEPARTMENT], ts,
                               [v for v in villages if v.parent_id in tids]))
    return out


# -- the loader --------------------------------------------------------------------------------

class Loader:
    """Buffers rows per model and writes them in large batches (COPY on PostgreSQL)."""

    def __init__(self, batch: int = 20_000) -> None:
        self.batch = batch
        self.pg = connection.vendor == "postgresql"
        self.buffers: dict[type[models.Model], list[dict]] = {}
        self.next_id: dict[type[models.Model], int] = {}
        self.counts: dict[str, int] = {}
        self._columns: dict[type[models.Model], tuple[list[str], dict]] = {}
        self.drop_indexes = False  # PostgreSQL: rebuild secondary indexes after the load
        self._dropped: list[str] = []
        self._prepared: set[type[models.Model]] = set()

    def _prepare(self, model: type[models.Model]) -> None:
        """Drop the table's secondary (non-unique) indexes before its first COPY; ``flush_all``
        rebuilds them, which is much faster than maintaining them row by row."""
        self._prepared.add(model)
        if not (self.pg and self.drop_indexes):
            return
        with connection.cursor() as cur:
            cur.execute("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                        "WHERE i.indrelid = %s::regclass AND NOT i.indisunique AND NOT i.indisprimary",
                        [model._meta.db_table])
            for name, definition in cur.fetchall():
                cur.execute(f"DROP INDEX {name}")
                self._dropped.append(definition)

    def new_id(self, model: type[models.Model]) -> int:
        if model not in self.next_id:
            self.next_id[model] = (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1
        pk = self.next_id[model]
        self.next_id[model] = pk + 1
        return pk

    def add(self, model: type[models.Model], row: dict) -> int:
        if "id" not in row:
            row["id"] = self.new_id(model)
        buf = self.buffers.setdefault(model, [])
        buf.append(row)
        if len(buf) >= self.batch:
            self.flush(model)
        return row["id"]

    def _template(self, model: type[models.Model]) -> tuple[list[str], dict]:
        if model not in self._columns:
            cols, defaults = [], {}
            for f in model._meta.concrete_fields:
                cols.append(f.attname)
                if f.has_default():
                    defaults[f.attname] = f.get_default()
                elif f.null:
                    defaults[f.attname] = None
                elif isinstance(f, models.DateTimeField):
                    defaults[f.attname] = EPOCH
                elif f.blank:
                    defaults[f.attname] = ""
            self._columns[model] = (cols, defaults)
        return self._columns[model]

    def flush(self, model: type[models.Model]) -> None:
        rows = self.buffers.get(model) or []
        if not rows:
            return
        if model not in self._prepared:
            self._prepare(model)
        cols, defaults = self._template(model)
        json_cols = {f.attname for f in model._meta.concrete_fields if isinstance(f, models.JSONField)}
        if self.pg:
            quote = connection.ops.quote_name
            sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(c) for c in cols)}) FROM STDIN"
            lines = []
            for r in rows:
                values = defaults | r
                lines.append("\t".join([_copy_value(values[c], c in json_cols) for c in cols]))
            text = "\n".join(lines) + "\n"
            with connection.cursor() as cur, cur.cursor.copy(sql) as copy:
                copy.write(text)
        else:
            model.objects.bulk_create([model(**{**defaults, **r}) for r in rows], batch_size=2000)
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + len(rows)
        rows.clear()

    def flush_all(self) -> None:
        for model in list(self.buffers):
            self.flush(model)
        if self._dropped:
            with connection.cursor() as cur:
                for definition in self._dropped:
                    cur.execute(definition)
            self._dropped.clear()
        if self.pg and self.next_id:
            with connection.cursor() as cur:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(self.next_id)):
                    cur.execute(sql)


# -- helpers -----------------------------------------------------------------------------------

_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(v: object, is_json: bool = False) -> str:
    """A value in PostgreSQL COPY text format."""
    if v is None:
        return "\\N"
    if is_json:
        return json.dumps(v, ensure_ascii=False).translate(_ESCAPE)
    if v is True:
        return "t"
    if v is False:
        return "f"
    kind = type(v)
    if kind is str:
        return v.translate(_ESCAPE) if ("\\" in v or "\t" in v or "\n" in v or "\r" in v) else v
    if kind is date:
        return v.isoformat()
    if kind is datetime:
        return _iso_stamp(v)
    return str(v)


@lru_cache(maxsize=10_000)
def _iso_stamp(v: datetime) -> str:
    return v.isoformat()


_MONTH_CUM = list(accumulate(MONTH_WEIGHTS))
_BORN_FROM = date(1950, 1, 1).toordinal()


@lru_cache(maxsize=1024)
def _cumulative(items: tuple) -> tuple[list, list[float]]:
    return [k for k, _ in items], list(accumulate(w for _, w in items))

@lru_cache(maxsize=10_000)
def _stamp(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 9, tzinfo=UTC)


@lru_cache(maxsize=100_000)
def due_date(rule: str, start: date, days: int, extra: int = 0) -> date:
    return compute_due(rule, start, days, extra_days=extra).due


@dataclass
class Ctx:
    """What a stream's bench hook (``StreamManifest.bench``) generates with: the seeded ``rng``
    (draw from it, never from another source: the order of draws is the data), the ``loader``
    (``add(model, row)``, ``new_id(model)``), the county being generated (``units``: county,
    departments, townships, villages; its size ``jitter``; ``region``, the unassigned region
    code of its personal data), the ``years`` and ``until``, and helpers for volumes, days,
    names, identifiers, record columns and deadline rows. ``kept`` carries a stream's own
    state from its ``per_county`` step to its ``per_year`` steps (keys prefixed with the stream's key)."""

    rng: random.Random
    loader: Loader
    until: date
    years: list[int]
    factor: float
    cts: dict[type, int] = field(default_factory=dict)
    units: CountyUnits | None = None
    jitter: float = 1.0
    region: str = ""
    kept: dict = field(default_factory=dict)
    default_years: int = DEFAULT_YEARS

    def pick(self, weighted: dict) -> object:
        """A key of ``weighted`` drawn with its weight."""
        return pick(self.rng, weighted)

    def n(self, base: float, jitter: float) -> int:
        """How many rows of a kind: the base volume × size factor × the county's jitter."""
        value = base * self.factor * jitter
        whole = int(value)
        return whole + (1 if self.rng.random() < value - whole else 0)

    def day(self, year: int) -> date | None:
        """A day of ``year`` with the monthly seasonality; None when it would lie after ``until``."""
        r = self.rng.random
        month = bisect(_MONTH_CUM, r() * _MONTH_CUM[-1]) + 1
        d = date(year, month, 1 + int(r() * 28))
        return d if d <= self.until else None

    def after(self, d: date, lo: int, hi: int) -> date | None:
        """A day ``lo``..``hi`` days after ``d``, or None if that lies after ``until``."""
        later = d + timedelta(days=lo + int(self.rng.random() * (hi - lo + 1)))
        return later if later <= self.until else None

    def name(self) -> str:
        r = self.rng.random
        given = GIVEN[int(r() * len(GIVEN))] + (GIVEN[int(r() * len(GIVEN))] if r() < 0.5 else "")
        return SURNAMES[int(r() * len(SURNAMES))] + given

    def id_number(self, region: str) -> str:
        r = self.rng.random
        born = date.fromordinal(_BORN_FROM + int(r() * 365 * 55))
        first = f"{region}{born.year}{born.month:02d}{born.day:02d}{int(r() * 1000):03d}"
        return first + id_check_char(first)

    def uscc(self, region: str) -> str:
        body = "".join(self.rng.choice(USCC_CHARSET) for _ in range(9))
        first = f"91{region}{body}"
        return first + uscc_check_char(first)

    def phone(self) -> str:
        return f"1340000{self.rng.randrange(10000):04d}"

    def stamp(self, d: date) -> datetime:
        return _stamp(d)

    def deadline(self, model: type, obj_id: int, unit_id: int, key: str, label: str, rule: str, days: int,
                 basis: str, start: date, met_on: date | None, extra: int = 0) -> date:
        due = due_date(rule, start, days, extra)
        self.loader.add(Deadline, {"content_type_id": self.cts[model], "object_id": obj_id, "unit_id": unit_id,
                                   "key": key, "label": label, "rule": rule, "days": days, "basis": basis[:200],
                                   "start": start, "due": due, "pauses": [], "extensions": [], "confirmed": True,
                                   "met_on": met_on})
        return due

    def record(self, unit: Unit, year: int, state: str, when: date) -> dict:
        stamp = self.stamp(when)
        return {"unit_id": unit.pk, "year": year, "state": state, "version": 1, "created_at": stamp,
                "updated_at": stamp}


def pick(rng: random.Random, weighted: dict) -> object:
    """A key of ``weighted`` drawn with its weight (``rng.choices``, but cheaper per call)."""
    keys, cum = _cumulative(tuple(weighted.items()))
    return keys[bisect(cum, rng.random() * cum[-1])]


# -- the streams' steps -------------------------------------------------------------------------

def bench_steps() -> tuple[list[Callable], list[Callable]]:
    """The streams' generation steps from their ``StreamManifest.bench`` modules: each module's
    ``per_county(ctx)`` (once per county, before its years) and ``per_year(ctx, year)``, sorted
    by the module's ``COUNTY_ORDER`` / ``YEAR_ORDER``. The order is part of the data: every step
    draws from the one seeded generator, so it must not depend on the registry's menu order."""
    county, yearly = [], []
    for m in streams():
        if not m.bench:
            continue
        module = import_module(m.bench)
        if hasattr(module, "per_county"):
            county.append((module.COUNTY_ORDER, m.key, module.per_county))
        if hasattr(module, "per_year"):
            yearly.append((module.YEAR_ORDER, m.key, module.per_year))
    return [s[2] for s in sorted(county, key=lambda s: s[:2])], [s[2] for s in sorted(yearly, key=lambda s: s[:2])]


# -- the run -----------------------------------------------------------------------------------

@dataclass
class Summary:
    counties: int
    units: int
    records: int
    deadlines: int
    seconds: float
    counts: dict[str, int]


def generate(*, scale: str = "county", years: int = DEFAULT_YEARS, seed: int = 1, counties: int | None = None,
             records: int | None = None, until: date | None = None,
             progress: Callable[[str], None] | None = None) -> Summary:
    """Generate ``scale`` (county: 1 county, province: 120) into the current database.

    ``records`` (hidden knob for tests) sets the ledger rows per county over all years,
    default about 20,000 × ``years``."""
    if scale not in SCALES:
        raise ValidationError(f"规模应为 county 或 province，而不是“{scale}”")
    if years < 1:
        raise ValidationError("年数至少为1")
    n_counties = counties or SCALES[scale]
    until = until or date.today()
    year_list = list(range(until.year - years + 1, until.year + 1))
    factor = (records / (PER_COUNTY_YEAR * years)) if records else 1.0
    rng = random.Random(seed)
    loader = Loader()
    loader.drop_indexes = n_counties > 1 or factor >= 1  # a real load, not a test's handful of rows
    start = time.perf_counter()
    say = progress or (lambda _msg: None)
    with transaction.atomic():
        fast = _bulk_mode(True)
        codes = county_codes(n_counties)
        built = build_units(codes, rng)

        cts = {m: ContentType.objects.get_for_model(m).pk for m in apps.get_models()
               if m.__module__.startswith("fazhi.streams")}
        c = Ctx(rng=rng, loader=loader, until=until, years=year_list, factor=factor, cts=cts)
        per_county, per_year = bench_steps()
        for i, cu in enumerate(built, start=1):
            c.units, c.region = cu, f"{cu.county.code[:4]}99"
            c.jitter = rng.lognormvariate(0, 0.3) if n_counties > 1 else 1.0
            for step in per_county:
                step(c)
            for year in year_list:
                for step in per_year:
                    step(c, year)
            if i % 10 == 0 or i == len(built):
                say(f"{i}/{len(built)} 个县，{sum(loader.counts.values()):,} 行，{time.perf_counter() - start:.0f} 秒")
        loader.flush_all()
        if fast:
            _bulk_mode(False)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            # VACUUM also sets the visibility map, as autovacuum would after a load: without it
            # the COUNT(*) of a list page cannot be an index-only scan. Not inside a transaction.
            cur.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
    transaction.on_commit(freshness.bump)  # a load is not audited: what was cached from the records goes
    counts = dict(sorted(loader.counts.items()))
    deadlines = counts.get("core.Deadline", 0)
    ledgers = {m._meta.label for m in apps.get_models() if issubclass(m, Record)}
    return Summary(counties=len(built), units=sum(len(cu.all) for cu in built),
                   records=sum(v for k, v in counts.items() if k in ledgers), deadlines=deadlines,
                   seconds=time.perf_counter() - start, counts=counts)


def _bulk_mode(on: bool) -> bool:
    """On PostgreSQL as a superuser, load without the foreign-key triggers for the rest of the
    transaction (``session_replication_role = replica``, the usual bulk-load setting): every
    key the generator writes points at a row it wrote itself, and queuing one deferred check
    per row is most of a large load's time. Returns whether the mode was switched."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cur:
        if on:
            cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            row = cur.fetchone()
            if not (row and row[0]):
                return False
            cur.execute("SET LOCAL synchronous_commit = off")
        cur.execute(f"SET LOCAL session_replication_role = {'replica' if on else 'origin'}")
    return True


# -- checksums (determinism) -------------------------------------------------------------------

def _rows_of(model: type[models.Model]) -> Iterator[tuple]:
    names = [f.attname for f in model._meta.concrete_fields
             if f.attname not in ("id", "created_at", "updated_at") and not f.is_relation]
    yield from model.objects.order_by("pk").values_list(*names)


def checksums(models_: list[type[models.Model]] | None = None) -> dict[str, str]:
    """SHA-256 of every generated ledger's rows (without keys and timestamps), by model."""

    models_ = models_ or [m for m in apps.get_models() if m.__module__.startswith("fazhi.streams")] + [Deadline]
    out = {}
    for model in models_:
        h = hashlib.sha256()
        for row in _rows_of(model):
            h.update(repr(row).encode())
        out[model._meta.label] = h.hexdigest()
    return out
