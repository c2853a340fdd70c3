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
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection, models, transaction

from fazhi.core.deadlines import compute_due
from fazhi.core.identifiers import USCC_CHARSET, id_check_char, uscc_check_char
from fazhi.core.models import Deadline, Unit
from fazhi.streams.complaints.models import Complaint
from fazhi.streams.disclosure.models import DisclosureRequest
from fazhi.streams.enforcement.models import Decision as EnforcementDecision
from fazhi.streams.enforcement.models import ExamResult, Officer, TrainingRecord
from fazhi.streams.inspections.models import (
    Draw,
    Entity,
    InspectionItem,
    InspectionPlan,
    InspectionResult,
    InspectionTask,
)
from fazhi.streams.legal_services.models import Consultation, DutyDay, Lecture, LegalAidApplication
from fazhi.streams.litigation.models import Hearing, LitigationCase, Reconsideration
from fazhi.streams.mediation.models import MediationCase, MediationCommittee
from fazhi.streams.normative.models import NormativeDocument, ReviewRequest
from fazhi.streams.petitions.models import Petition, Reception
from fazhi.streams.plans.models import Plan, Task
from fazhi.streams.services.models import ServiceItem, ServiceRating
from fazhi.streams.study.models import StudySession
from fazhi.streams.workforce.models import Member

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
    rng: random.Random
    loader: Loader
    until: date
    years: list[int]
    factor: float
    cts: dict[type, int] = field(default_factory=dict)
    committees: dict[int, int] = field(default_factory=dict)

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


# -- the streams -------------------------------------------------------------------------------
# Each generator adds one county's rows of one year. Volumes are per county-year at factor 1.

def gen_committees(c: Ctx, cu: CountyUnits) -> None:
    """One people's mediation committee per village and township (人民调解委员会)."""
    first = c.years[0]
    for unit in [*cu.townships, *cu.villages]:
        kind = "village" if unit.kind == Unit.Kind.VILLAGE else "township"
        c.committees[unit.pk] = c.loader.add(MediationCommittee, c.record(unit, first, "active", date(first, 1, 2)) | {
            "name": f"{unit.name}人民调解委员会", "kind": kind, "director": c.name(), "members": c.rng.randint(3, 9),
            "established_on": date(first - 10, 1, 2)})


def gen_mediation(c: Ctx, cu: CountyUnits, year: int, jitter: float, region: str) -> None:
    units = cu.villages * 3 + cu.townships * 2
    for _ in range(c.n(2000, jitter)):
        accepted = c.day(year)
        if accepted is None:
            continue
        unit = c.rng.choice(units)
        pk = c.loader.new_id(MediationCase)
        concluded = c.after(accepted, 1, 40)
        declined = c.rng.random() < 0.01
        row = c.record(unit, year, "mediating", accepted) | {
            "id": pk, "registration_number": f"TJ{unit.code}{pk:08d}", "committee_id": c.committees[unit.pk],
            "dispute_type": pick(c.rng, {"family": 20, "neighbour": 25, "land": 15, "contract": 10, "damages": 10,
                                         "labour": 8, "traffic": 7, "housing": 5}),
            "source": pick(c.rng, {"applied": 60, "initiative": 30, "referred": 10}), "referred_by": "",
            "accepted_on": accepted, "party_a_name": c.name(), "party_a_id_number": c.id_number(region),
            "party_a_phone": c.phone(), "party_b_name": c.name(), "mediator": c.name(),
            "facts": "双方因琐事发生纠纷", "over_term": False}
        if row["source"] == "referred":
            row["referred_by"] = c.rng.choice(("县人民法院", "派出所", "信访局"))
        if declined:
            row.update(state="declined")
        elif concluded:
            outcome = pick(c.rng, {"success": 96, "failed": 3, "terminated": 1})
            row.update(concluded_on=concluded, result=outcome, over_term=(concluded - accepted).days > 30)
            if outcome == "success":
                row.update(agreement_form=pick(c.rng, {"written": 70, "oral": 30}), agreement_date=concluded,
                           state="closed" if c.rng.random() < 0.8 else "follow_up")
                if row["agreement_form"] == "written" and c.rng.random() < 0.07:
                    row.update(confirmation_applied_on=concluded, confirmation_court="县人民法院")
                if c.rng.random() < 0.7:
                    row.update(follow_up_on=c.after(concluded, 5, 30) or concluded,
                               performance=pick(c.rng, {"performed": 90, "partial": 7, "unperformed": 3}))
            else:
                row.update(state=outcome)
        c.loader.add(MediationCase, row)


def gen_petitions(c: Ctx, cu: CountyUnits, year: int, jitter: float, region: str) -> None:
    units = [cu.county] * 4 + cu.townships * 2 + cu.departments
    for _ in range(c.n(1500, jitter)):
        reg = c.day(year)
        if reg is None:
            continue
        unit = c.rng.choice(units)
        pk = c.loader.new_id(Petition)
        row = c.record(unit, year, "registered", reg) | {
            "id": pk, "reg_no": f"XF{unit.code}{pk:08d}", "channel": pick(c.rng, {"visit": 40, "letter": 15,
                                                                                   "phone": 15, "online": 30}),
            "registered_on": reg, "petitioner_name": c.name(), "petitioner_id_number": c.id_number(region),
            "petitioner_phone": c.phone(), "category": pick(c.rng, {"claim": 60, "suggestion": 20, "accusation": 15,
                                                                    "litigation": 5}),
            "subject": c.rng.choice(("征地拆迁补偿", "劳动报酬", "住房保障", "环境污染", "邻里纠纷")),
            "leader_case": c.rng.random() < 0.05}
        routed = c.after(reg, 1, 18 if c.rng.random() < 0.9 else 30)
        if routed:
            row.update(routed_on=routed, state="routed")
            accepted = c.after(routed, 1, 10)
            if accepted:
                row.update(acceptance_on=accepted, state="handling")
                replied = c.after(accepted, 10, 70)
                if replied:
                    row.update(replied_on=replied, opinion=pick(c.rng, {"support": 40, "explain": 50, "reject": 10}),
                               result="已书面答复", state="closed" if c.rng.random() < 0.7 else "replied",
                               satisfaction=pick(c.rng, {"satisfied": 70, "basic": 15, "unsatisfied": 5, "none": 10}))
                    if (replied - accepted).days > 60:
                        row.update(extension_approved_on=accepted + timedelta(days=55), extension_approver="分管领导",
                                   extension_reason="情况复杂")
        if row["leader_case"]:
            row.update(leader_name=c.name(), leader_position="副县长", leader_resolved=c.rng.random() < 0.85)
        c.loader.add(Petition, row)
    for i in range(c.n(200, jitter)):
        day = c.day(year)
        if day is None:
            continue
        batches = c.rng.randint(1, 4)
        c.loader.add(Reception, c.record(cu.county, year, "recorded", day) | {
            "received_on": day, "kind": pick(c.rng, {"leader": 50, "lawyer": 40, "appointment": 10}),
            "receiver": f"{c.name()}{i}", "batches": batches, "resolved_on_site": c.rng.randint(0, batches)})


def gen_disclosure(c: Ctx, cu: CountyUnits, year: int, jitter: float, region: str) -> None:
    from fazhi.streams.disclosure import rules

    units = cu.departments * 2 + [cu.county] * 3 + cu.townships
    for _ in range(c.n(400, jitter)):
        received = c.day(year)
        if received is None:
            continue
        unit = c.rng.choice(units)
        pk = c.loader.new_id(DisclosureRequest)
        natural = c.rng.random() < 0.8
        row = c.record(unit, year, "registered", received) | {
            "id": pk, "request_no": f"GK{year}{pk:08d}", "channel": pick(c.rng, {"online": 60, "in_person": 20,
                                                                                "mail_signed": 20}),
            "submitted_on": received, "received_on": received, "signed_on": received,
            "confirmed_on": received,
            "applicant_type": "natural" if natural else pick(c.rng, {"commercial": 60, "legal_service": 25,
                                                                     "other_org": 15}),
            "applicant_name": c.name() if natural else f"某某{c.rng.randrange(1000)}有限公司",
            "applicant_id_number": c.id_number(region) if natural else "",
            "applicant_credit_code": "" if natural else c.uscc(region),
            "applicant_phone": c.phone(), "information": "申请公开相关政府信息"}
        replied = c.after(received, 3, 35)
        met = None
        if c.rng.random() < 0.02 and replied:
            row.update(state="deemed_withdrawn", supplement_requested_on=received + timedelta(days=3),
                       closed_on=replied)
        elif replied:
            rt = pick(c.rng, {"public": 45, "partial": 15, "already_public": 10, "refused": 8, "no_info": 15,
                              "not_processed": 5, "other": 2})
            row.update(state=pick(c.rng, {"archived": 70, "delivered": 20, "replied": 8, "reconsideration": 2}),
                       reply_type=rt, replied_on=replied, closed_on=replied,
                       reply_reason="refused_third_party" if rt == "refused" else
                       ("no_info_not_held" if rt == "no_info" else ""))
            if row["state"] == "reconsideration":
                row.update(reconsideration=True, challenge_outcome=pick(c.rng, {"upheld": 70, "corrected": 30}))
            met = replied
        c.deadline(DisclosureRequest, pk, unit.pk, rules.REPLY.key, rules.REPLY.label, rules.REPLY.rule,
                   rules.REPLY.days, rules.REPLY.basis, received, met)
        c.loader.add(DisclosureRequest, row)


def gen_litigation(c: Ctx, cu: CountyUnits, year: int, jitter: float, region: str) -> None:
    from fazhi.streams.litigation import rules

    for _ in range(c.n(60, jitter)):
        served = c.day(year)
        if served is None:
            continue
        unit = c.rng.choice(cu.departments + [cu.county] * 3)
        pk = c.loader.new_id(LitigationCase)
        number = f"（{year}）湘{unit.code[:4]}行初{pk}号"
        row = c.record(unit, year, "received", served) | {
            "id": pk, "case_number": number, "court": "县人民法院", "cause": "不服行政处罚",
            "act_kind": pick(c.rng, {"penalty": 40, "licence": 10, "expropriation": 20, "inaction": 15,
                                     "disclosure": 15}),
            "plaintiff_kind": "person", "plaintiff_name": c.name(), "plaintiff_id_number": c.id_number(region),
            "filed_on": served - timedelta(days=5), "served_on": served}
        answered = c.after(served, 3, 18)
        if answered:
            row.update(answer_submitted_on=answered, state="answered")
            judged = c.after(answered, 30, 150)
            if judged:
                outcome = pick(c.rng, {"dismissed": 55, "suit_dismissed": 15, "revoked": 10, "illegal": 5,
                                       "withdrawn": 10, "perform": 5})
                form = "ruling" if outcome in ("suit_dismissed", "withdrawn") else "judgment"
                row.update(judgment_form=form, judgment_date=judged, outcome=outcome, state="closed")
                hearing = answered + (judged - answered) / 2
                head = c.rng.random() < 0.9
                c.loader.add(Hearing, c.record(unit, hearing.year, "held", hearing) | {
                    "case_number": number, "case_id": pk, "hearing_date": hearing, "head_appeared": head,
                    "head_name": c.name() if head else "", "head_title": "副局长" if head else "",
                    "head_position": pick(c.rng, {"principal": 30, "deputy": 70}) if head else "",
                    "absence_reason": "" if head else "duty", "substitute": "" if head else "staff_lawyer",
                    "absence_explanation": "" if head else "因公务冲突未能出庭，已书面说明并加盖印章"})
        c.deadline(LitigationCase, pk, unit.pk, rules.ANSWER.key, rules.ANSWER.label, rules.ANSWER.rule,
                   rules.ANSWER.days, rules.ANSWER.basis, served, answered)
        c.loader.add(LitigationCase, row)
    for _ in range(c.n(60, jitter)):
        received = c.day(year)
        if received is None:
            continue
        unit = c.rng.choice(cu.departments)
        pk = c.loader.new_id(Reconsideration)
        row = c.record(unit, year, "received", received) | {
            "id": pk, "case_number": f"{unit.code}复{pk}", "body": f"{cu.county.short_name}人民政府",
            "applicant_kind": "person", "applicant_name": c.name(), "applicant_id_number": c.id_number(region),
            "contested_act": "行政处罚决定", "received_on": received}
        decided = c.after(received, 20, 80)
        if decided:
            row.update(accepted_on=received + timedelta(days=3), decided_on=decided, state="closed",
                       decision_type=pick(c.rng, {"uphold": 60, "revoke": 12, "change": 3, "illegal": 5,
                                                  "dismiss": 10, "agreement": 10}))
        c.loader.add(Reconsideration, row)


def gen_enforcement(c: Ctx, cu: CountyUnits, year: int, jitter: float, region: str,
                    officers: list[tuple[int, str, int]]) -> None:
    from fazhi.streams.enforcement import rules

    depts = cu.departments[1:]
    for _ in range(c.n(3000, jitter)):
        decided = c.day(year)
        if decided is None:
            continue
        unit = c.rng.choice(depts)
        pk = c.loader.new_id(EnforcementDecision)
        kind = pick(c.rng, {"penalty": 55, "licence": 30, "coercion": 5, "inspection": 10})
        legal = c.rng.random() < 0.6
        row = c.record(unit, year, "decided", decided) | {
            "id": pk, "doc_no": f"{unit.short_name[:2]}罚〔{year}〕{pk}号", "decision_type": kind,
            "party_type": "legal" if legal else "natural",
            "party_org": f"某某{c.rng.randrange(1000)}商贸有限公司" if legal else "",
            "party_credit_code": c.uscc(region) if legal else "",
            "party_person": "" if legal else c.name(), "party_id_number": "" if legal else c.id_number(region),
            "matter": "违反相关规定", "decided_on": decided}
        r = rules.disclosure_rule(kind)
        disclosed = c.after(decided, 1, 14 if c.rng.random() < 0.92 else 40)
        if disclosed:
            row.update(disclosed_on=disclosed, state="published", disclosure_channel="县政府门户网站")
            if c.rng.random() < 0.01:
                reversed_on = c.after(disclosed, 1, 30) or disclosed
                row.update(state="withdrawn", reversed_on=reversed_on, withdrawn_on=reversed_on,
                           withdrawal_reason="决定被复议机关撤销")
        c.deadline(EnforcementDecision, pk, unit.pk, r.key, r.label, r.rule, r.days, r.basis, decided, disclosed)
        c.loader.add(EnforcementDecision, row)
    for _ in range(c.n(600, jitter)):
        held = c.day(year)
        if held is None or not officers:
            continue
        opk, cert, unit_id = c.rng.choice(officers)
        c.loader.add(TrainingRecord, {"unit_id": unit_id, "year": year, "state": "recorded", "version": 1,
                                      "created_at": c.stamp(held), "updated_at": c.stamp(held),
                                      "certificate_no": cert, "officer_id": opk,
                                      "course": f"执法培训第{c.rng.randrange(10 ** 6)}期", "held_on": held,
                                      "hours": Decimal(c.rng.choice((4, 8, 16, 24)))})
    for i in range(c.n(50, jitter)):
        day = c.day(year)
        if day is None:
            continue
        score = Decimal(c.rng.randint(40, 98))
        c.loader.add(ExamResult, c.record(c.rng.choice(depts), year, "recorded", day) | {
            "candidate_name": f"{c.name()}{i}", "id_number": c.id_number(region), "exam_date": day,
            "score": score, "passed": score >= 60})


def gen_officers(c: Ctx, cu: CountyUnits, jitter: float, region: str) -> list[tuple[int, str, int]]:
    out = []
    first = c.years[0]
    for _ in range(c.n(150 * len(c.years) / DEFAULT_YEARS, jitter)):
        unit = c.rng.choice(cu.departments[1:])
        pk = c.loader.new_id(Officer)
        issued = date(first - c.rng.randint(0, 4), c.rng.randint(1, 12), c.rng.randint(1, 28))
        cert = f"ZF{unit.code}{pk:07d}"
        c.loader.add(Officer, c.record(unit, issued.year, "valid", issued) | {
            "id": pk, "name": c.name(), "certificate_no": cert, "enforcement_field": "综合执法", "issued_on": issued,
            "valid_until": issued + timedelta(days=365 * c.rng.choice((3, 5, 6, 8))),
            "id_number": c.id_number(region), "phone": c.phone()})
        out.append((pk, cert, unit.pk))
    return out


def gen_inspections(c: Ctx, cu: CountyUnits, jitter: float, region: str) -> None:
    from fazhi.streams.inspections import rules

    market = cu.departments[2]
    first = c.years[0]
    items = []
    for i, (cat, name) in enumerate((("food", "食品经营抽查"), ("product", "产品质量抽查"), ("price", "价格行为检查"),
                                     ("advert", "广告发布检查"), ("licence", "许可事项检查"))):
        pk = c.loader.add(InspectionItem, c.record(market, first, "active", date(first, 1, 2)) | {
            "code": f"SJ{i + 1:03d}", "name": name, "category": cat, "basis": "《市场监督管理行政处罚程序规定》"})
        items.append(pk)
    entities = []
    for _ in range(c.n(1500 * len(c.years) / DEFAULT_YEARS, jitter)):
        code = c.uscc(region)
        pk = c.loader.add(Entity, c.record(market, first, "active" if c.rng.random() < 0.97 else "removed",
                                           date(first, 1, 2)) | {
            "name": f"某某{c.rng.randrange(10 ** 5)}经营部", "credit_code": code,
            "entity_type": pick(c.rng, {"enterprise": 60, "individual": 35, "cooperative": 5}),
            "industry": "零售业", "township_id": c.rng.choice(cu.townships).pk,
            "risk_grade": pick(c.rng, {"A": 40, "B": 40, "C": 15, "D": 5})})
        entities.append((pk, code))
    # Entities are unique per (unit, credit code); a rare random clash is dropped here.
    seen: set[str] = set()
    entities = [e for e in entities if not (e[1] in seen or seen.add(e[1]))]
    for year in c.years:
        plans = []
        for joint in (False, True):
            plans.append(c.loader.add(InspectionPlan, c.record(market, year, "approved", date(year, 1, 15)) | {
                "title": f"{year}年度{'部门联合' if joint else ''}抽查计划", "joint": joint,
                "cooperating_units": "公安局、交通运输局" if joint else "",
                "filed_on": date(year, 1, 20)}))
        for t in range(c.n(12, jitter) or 1):
            start = date(year, c.rng.randint(1, 11), c.rng.randint(1, 28))
            end = start + timedelta(days=c.rng.randint(20, 45))
            if start > c.until:
                continue
            done = end <= c.until
            task = c.loader.add(InspectionTask, c.record(market, year, "published" if done else "inspecting", start)
                                | {"plan_id": c.rng.choice(plans), "item_id": c.rng.choice(items),
                                   "title": f"{year}年第{t + 1}次抽查", "ratio": Decimal(5), "period_start": start,
                                   "period_end": end})
            draw = c.loader.add(Draw, {"task_id": task, "sequence": 1, "seed_hex": f"{task:064x}", "params": {"generated": True},
                                       "eligible_entities": ["generated"], "eligible_inspectors": ["generated"],
                                       "commitment": {"generated": True}, "result": {"generated": True}, "committed_at": c.stamp(start), "executed_at": c.stamp(start),
                                       "superseded": False})
            for rank, (epk, code) in enumerate(c.rng.sample(entities, min(len(entities), c.n(50, 1))), start=1):
                inspected = c.after(start, 0, (end - start).days)
                row = c.record(market, year, "pending", start) | {
                    "task_id": task, "draw_id": draw, "entity_id": epk, "credit_code": code,
                    "entity_name": "抽查对象", "rank": rank}
                pk = c.loader.new_id(InspectionResult)
                published = None
                if inspected:
                    outcome = pick(c.rng, {"normal": 85, "fixed": 8, "case": 2, "not_found": 5})
                    row.update(state="entered", inspected_on=inspected, result=outcome,
                               findings="发现问题，已责令整改" if outcome in ("fixed", "case") else "")
                    published = c.after(inspected, 2, 35 if c.rng.random() < 0.9 else 60)
                    if published:
                        row.update(state="published", published_on=published)
                    r = rules.publish_rule()
                    c.deadline(InspectionResult, pk, market.pk, r.key, r.label, r.rule, r.days, r.basis, inspected,
                               published)
                c.loader.add(InspectionResult, row | {"id": pk})


def gen_normative(c: Ctx, cu: CountyUnits, year: int, jitter: float, region: str) -> None:
    from fazhi.streams.normative import rules

    for _ in range(c.n(150, jitter)):
        received = c.day(year)
        if received is None:
            continue
        pk = c.loader.new_id(ReviewRequest)
        kind = pick(c.rng, {"normative": 15, "contract": 40, "legal_document": 25, "legal_affair": 20})
        row = c.record(c.rng.choice(cu.departments + [cu.county]), year, "reviewing", received) | {
            "id": pk, "review_no": f"SH{year}{pk:08d}", "kind": kind, "title": "关于审核有关文件的请示",
            "received_on": received, "reviewer": c.name(), "reviewer_qualified": True}
        if kind == "contract":
            row.update(counterparty_name="某某建设有限公司", counterparty_uscc=c.uscc(region),
                       amount=Decimal(c.rng.randint(10, 5000)) * 10000)
        opinion = c.after(received, 2, 20)
        if opinion:
            row.update(opinion=pick(c.rng, {"agree": 50, "agree_amended": 45, "disagree": 5}), opinion_on=opinion,
                       opinion_text="经审查，提出如下意见", state=pick(c.rng, {"closed": 60, "feedback": 30,
                                                                             "opinion_issued": 10}))
        c.loader.add(ReviewRequest, row)
    r = rules.filing_rule()
    for _ in range(c.n(20, jitter)):
        published = c.day(year)
        if published is None:
            continue
        unit = c.rng.choice([cu.county] * 3 + cu.departments)
        pk = c.loader.new_id(NormativeDocument)
        row = c.record(unit, year, "published", published) | {
            "id": pk, "doc_no": f"{unit.code}规〔{year}〕{pk}号", "title": "关于加强有关管理工作的通知",
            "fair_competition": "passed", "discussed_on": published - timedelta(days=7), "meeting": "常务会议",
            "published_on": published, "channel": "政府门户网站", "review_ref": f"SH{year}{pk:08d}"}
        filed = c.after(published, 5, 40) if c.rng.random() < 0.97 else None
        if filed:
            row.update(filed_on=filed, filed_with="市人民政府", state="accepted" if c.rng.random() < 0.8 else "filed")
            if row["state"] == "accepted":
                row.update(filing_reviewed_on=c.after(filed, 5, 30) or filed,
                           conformity="conforming" if c.rng.random() < 0.95 else "nonconforming")
        c.deadline(NormativeDocument, pk, unit.pk, r.key, r.label, r.rule, r.days, r.basis, published, filed)
        c.loader.add(NormativeDocument, row)


def gen_legal_services(c: Ctx, cu: CountyUnits, year: int, jitter: float, region: str) -> None:
    from fazhi.streams.legal_services import rules

    for _ in range(c.n(5000, jitter)):
        day = c.day(year)
        if day is None:
            continue
        c.loader.add(Consultation, c.record(c.rng.choice(cu.villages), year, "closed", day) | {
            "consulted_on": day, "advisor": c.name(), "consulter_name": c.name(), "consulter_phone": c.phone(),
            "category": pick(c.rng, {"family": 25, "land": 15, "labour": 15, "debt": 15, "neighbour": 15,
                                     "damages": 5, "other": 10}),
            "summary": "咨询有关法律问题", "disposition": pick(c.rng, {"answered": 90, "mediation": 5, "legal_aid": 3,
                                                                      "litigation": 2}),
            "channel": pick(c.rng, {"on_site": 80, "online": 20})})
    for i in range(c.n(600, jitter)):
        day = c.day(year)
        if day is None:
            continue
        c.loader.add(DutyDay, c.record(c.rng.choice(cu.villages), year,
                                       "held" if c.rng.random() < 0.95 else "missed", day) | {
            "duty_on": day, "advisor": f"{c.name()}律师{i}", "hours": Decimal(4)})
    for _ in range(c.n(100, jitter)):
        day = c.day(year)
        if day is None:
            continue
        c.loader.add(Lecture, c.record(c.rng.choice(cu.villages), year, "held", day) | {
            "planned_on": day, "held_on": day, "topic": "民法典进乡村", "speaker": c.name(),
            "audience": c.rng.randint(20, 150)})
    judicial = cu.departments[0]
    for _ in range(c.n(300, jitter)):
        applied = c.day(year)
        if applied is None:
            continue
        pk = c.loader.new_id(LegalAidApplication)
        row = c.record(judicial, year, "applied", applied) | {
            "id": pk, "application_no": f"FY{judicial.code}{pk:08d}", "applied_on": applied, "applicant_name": c.name(),
            "applicant_id_number": c.id_number(region), "applicant_phone": c.phone(),
            "case_type": pick(c.rng, {"civil": 60, "criminal": 30, "administrative": 5, "non_litigation": 5}),
            "matter": "追索劳动报酬"}
        decided = c.after(applied, 1, 9)
        decide = rules.rule(rules.DECIDE)
        if decided:
            granted = c.rng.random() < 0.93
            row.update(decided_on=decided, state="granted" if granted else "refused",
                       refusal_reason="" if granted else "经济状况不符合条件")
            if granted:
                assigned = c.after(decided, 1, 4)
                if assigned:
                    row.update(assigned_on=assigned, lawyer=c.name(), law_firm="某某律师事务所", state="assigned")
                    closed = c.after(assigned, 30, 200)
                    if closed:
                        row.update(closed_on=closed, closing_summary="已结案", state="closed")
                a = rules.rule(rules.ASSIGN)
                c.deadline(LegalAidApplication, pk, judicial.pk, a.key, a.label, a.rule, a.days, a.basis,
                           decided, row.get("assigned_on"))
        c.deadline(LegalAidApplication, pk, judicial.pk, decide.key, decide.label, decide.rule, decide.days,
                   decide.basis, applied, decided)
        c.loader.add(LegalAidApplication, row)


def gen_services(c: Ctx, cu: CountyUnits, year: int, jitter: float, region: str) -> None:
    from fazhi.streams.services import rules

    depts = cu.departments
    items = []
    for i in range(c.n(300, jitter)):
        unit = c.rng.choice(depts)
        published = date(year, 1, c.rng.randint(2, 20))
        if published > c.until:
            continue
        legal = c.rng.choice((0, 10, 15, 20, 30, 60))
        pk = c.loader.add(ServiceItem, c.record(unit, year, "published", published) | {
            "code": f"SX{i:05d}", "name": f"政务服务事项{i}", "item_type": pick(c.rng, {"licence": 40,
                                                                                      "public_service": 40,
                                                                                      "confirmation": 20}),
            "legal_limit_days": legal or None, "promised_limit_days": (legal // 2 or None) if legal else None,
            "online_level": pick(c.rng, {"full": 60, "partial": 35, "none": 5}),
            "max_visits": pick(c.rng, {0: 50, 1: 45, 2: 5}), "high_frequency": c.rng.random() < 0.2,
            "in_centre": c.rng.random() < 0.9, "one_window": c.rng.random() < 0.3, "published_on": published})
        items.append((pk, f"SX{i:05d}", unit))
    r = rules.rectify_rule()
    for _ in range(c.n(4000, jitter)):
        rated = c.day(year)
        if rated is None or not items:
            continue
        ipk, code, unit = c.rng.choice(items)
        pk = c.loader.new_id(ServiceRating)
        level = pick(c.rng, {"very_satisfied": 70, "satisfied": 22, "basic": 6, "dissatisfied": 1.5,
                             "very_dissatisfied": 0.5})
        row = c.record(unit, year, "recorded", rated) | {
            "id": pk, "rating_no": f"PJ{pk:010d}", "item_code": code, "item_id": ipk, "rated_on": rated,
            "level": level, "channel": pick(c.rng, {"window": 50, "online": 30, "mobile": 20}),
            "real_name": c.rng.random() < 0.7}
        if row["real_name"]:
            row.update(rater_name=c.name(), rater_phone=c.phone())
        if level in rules.bad_levels():
            fixed = c.after(rated, 1, 9)
            if fixed:
                row.update(state="called_back" if row["real_name"] and c.rng.random() < 0.8 else "rectified",
                           verification="情况属实", rectification="已整改", rectified_on=fixed)
                if row["state"] == "called_back":
                    row.update(callback_on=fixed, callback_result="satisfied")
            else:
                row.update(state="rectifying")
            c.deadline(ServiceRating, pk, unit.pk, r.key, r.label, r.rule, r.days, r.basis, rated, fixed)
        c.loader.add(ServiceRating, row)


def gen_complaints(c: Ctx, cu: CountyUnits, year: int, jitter: float, region: str) -> None:
    from fazhi.streams.complaints import rules

    r = rules.reply_rule()
    for _ in range(c.n(600, jitter)):
        received = c.day(year)
        if received is None:
            continue
        unit = c.rng.choice(cu.departments + [cu.county] * 2)
        pk = c.loader.new_id(Complaint)
        anonymous = c.rng.random() < 0.3
        row = c.record(unit, year, "registered", received) | {
            "id": pk, "tracking_no": f"JB{year}-{pk:04d}", "channel": pick(c.rng, {"online": 40, "hotline": 40,
                                                                            "letter": 10, "visit": 10}),
            "received_on": received, "anonymous": anonymous, "reporter_name": "" if anonymous else c.name(),
            "reporter_phone": "" if anonymous else c.phone(),
            "category": pick(c.rng, {"business": 30, "enforcement": 30, "service": 20, "conduct": 10, "other": 10}),
            "subject": "反映执法不规范问题", "content": "具体情况如下"}
        replied = c.after(received, 3, 30)
        if replied:
            row.update(routed_on=received + timedelta(days=1), findings="经核查", reply="已答复",
                       finding=pick(c.rng, {"true": 30, "partly": 20, "false": 50}), replied_on=replied,
                       state="closed" if c.rng.random() < 0.7 else "replied")
            if row["state"] == "closed":
                row.update(closed_on=replied)
        c.deadline(Complaint, pk, unit.pk, r.key, r.label, r.rule, r.days, r.basis, received, replied)
        c.loader.add(Complaint, row)


def gen_plans(c: Ctx, cu: CountyUnits, year: int, jitter: float, region: str) -> None:
    plans = [c.loader.add(Plan, c.record(cu.county, year, "active", date(year, 2, 1)) | {
        "kind": kind, "title": f"{year}年{title}", "issued_on": date(year, 2, 1)})
        for kind, title in (("annual", "法治政府建设工作要点"), ("special_action", "专项整治行动方案"))]
    for i in range(c.n(200, jitter)):
        deadline = c.day(year)
        if deadline is None:
            continue
        if deadline <= date(year, 2, 1):
            deadline = date(year, 2, 1) + timedelta(days=c.rng.randint(1, 60))
        row = c.record(c.rng.choice(cu.departments + cu.townships), year, "in_progress", date(year, 2, 1)) | {
            "plan_id": c.rng.choice(plans), "number": str(i + 1), "content": "推进有关工作", "deadline": deadline}
        done = c.after(deadline, -40, 20)
        if done and c.rng.random() < 0.95:
            row.update(state="done", completed_on=max(done, date(year, 2, 2)))
        c.loader.add(Task, row)


def gen_study(c: Ctx, cu: CountyUnits, year: int, jitter: float, region: str) -> None:
    units = [cu.county] * 3 + cu.departments + cu.townships
    for _ in range(c.n(100, jitter)):
        day = c.day(year)
        if day is None:
            continue
        members = c.rng.randint(7, 30)
        held = c.rng.random() < 0.95
        c.loader.add(StudySession, c.record(c.rng.choice(units), year, "filed" if held else "cancelled", day) | {
            "kind": pick(c.rng, {"topic": 10, "central_group": 30, "first_item": 40, "pre_meeting": 20}),
            "title": "学习习近平法治思想", "planned_on": day, "held_on": day if held else None,
            "members": members, "attendees": members - c.rng.randint(0, 3) if held else None})


def gen_workforce(c: Ctx, cu: CountyUnits, jitter: float, region: str) -> None:
    first = c.years[0]
    for _ in range(c.n(50 * len(c.years) / DEFAULT_YEARS, jitter)):
        appointed = date(first - c.rng.randint(0, 3), c.rng.randint(1, 12), c.rng.randint(1, 28))
        left = c.after(appointed, 300, 3000) if c.rng.random() < 0.3 else None
        c.loader.add(Member, c.record(c.rng.choice(cu.departments), appointed.year, "left" if left else "active",
                                      appointed) | {
            "kind": pick(c.rng, {"public_lawyer": 30, "qualified": 30, "supervisor": 15, "instructor": 10,
                                 "supervision_expert": 10, "advisor_team": 5}),
            "name": c.name(), "appointed_on": appointed, "ended_on": left, "id_number": c.id_number(region)})


YEARLY: list[Callable] = [gen_mediation, gen_petitions, gen_disclosure, gen_litigation, gen_normative,
                          gen_legal_services, gen_services, gen_complaints, gen_plans, gen_study]


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
        from django.apps import apps

        cts = {m: ContentType.objects.get_for_model(m).pk for m in apps.get_models()
               if m.__module__.startswith("fazhi.streams")}
        c = Ctx(rng=rng, loader=loader, until=until, years=year_list, factor=factor, cts=cts)
        for i, cu in enumerate(built, start=1):
            region = f"{cu.county.code[:4]}99"
            jitter = rng.lognormvariate(0, 0.3) if n_counties > 1 else 1.0
            officers = gen_officers(c, cu, jitter, region)
            gen_workforce(c, cu, jitter, region)
            gen_committees(c, cu)
            gen_inspections(c, cu, jitter, region)
            for year in year_list:
                for gen in YEARLY:
                    gen(c, cu, year, jitter, region)
                gen_enforcement(c, cu, year, jitter, region, officers)
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
    counts = dict(sorted(loader.counts.items()))
    deadlines = counts.get("core.Deadline", 0)
    skip = {"core.Deadline", "inspections.Draw"}
    return Summary(counties=len(built), units=sum(len(cu.all) for cu in built),
                   records=sum(v for k, v in counts.items() if k not in skip), deadlines=deadlines,
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
    from django.apps import apps

    models_ = models_ or [m for m in apps.get_models() if m.__module__.startswith("fazhi.streams")] + [Deadline]
    out = {}
    for model in models_:
        h = hashlib.sha256()
        for row in _rows_of(model):
            h.update(repr(row).encode())
        out[model._meta.label] = h.hexdigest()
    return out
