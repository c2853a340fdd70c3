"""Reporting up to the city (issue 18): a county's approved annual report, text and figures, submitted
to the city's 依法治市办 (抄送市委依法治市办), and what the city reads of its counties.

A submission is a copy: the report's title and sections as written and its figures as printed, each
with its numerator and denominator (``services.figures_of``: frozen at publication, else live), and
the SHA-256 of that content. ``submit`` (the county coordinator, ``reports.manage``) writes version
n+1; in one database the city signs for it at once with a receipt number (<city code>-<year>-<nnnn>).
``receive`` checks content that came from elsewhere (the API, a package) the same way.

The city (``city.view``, held by the 市委依法治市办统筹人员 at the city unit) reads only submissions:
``status_rows`` (who submitted, when, on time against ``due_date``), ``side_by_side`` (every figure
per county and the city total: counts added, rates computed from the summed numerators and
denominators, never an average of rates).

One level up (city → province) is the same machinery: ``consolidation_of`` makes the city's content
(a text listing its counties' submissions and one line per figure, the figures being the city
totals with their summed numerators and denominators), ``submit_city`` stores it as the city's
Submission (``county`` is then the city), receipt <province code>-<year>-<nnnn>; the province
(``province.view``) reads its cities through the same ``status_rows`` and ``side_by_side`` with
``level=PROVINCE``: the province total again from the summed numerators and denominators.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from fazhi.core import audit, scope
from fazhi.core.config import setting
from fazhi.core.models import Unit
from fazhi.indicators.registry import Result, load_all, rate
from fazhi.reports import services
from fazhi.reports.models import AnnualReport, Submission
from fazhi.reports.placeholders import keys_in

S = AnnualReport.State
SUBMITTABLE = (S.APPROVED, S.PUBLISHED)
FIGURE_FIELDS = ("label", "value", "numerator", "denominator", "unit")
PACKAGE_FORMAT = "fazhi-city-submission/1"


def city_url() -> str:
    """The city's Fazhi instance (FAZHI_CITY_URL, e.g. https://fzzs.changde.gov.cn); empty: one database."""
    return str(setting("FAZHI_CITY_URL", "") or "").rstrip("/")


def city_token() -> str:
    """The API token the city issued to this county (FAZHI_CITY_TOKEN, "fz_…")."""
    return str(setting("FAZHI_CITY_TOKEN", "") or "")


def due_date(year: int) -> date:
    """The day the city wants the year's reports by (inclusive): FAZHI_CITY_SUBMIT_DUE "MM-DD" of
    the next year, default 3月1日."""
    return level_due(CITY, year)


def city_of(county: Unit) -> Unit | None:
    parent = county.parent
    return parent if parent is not None and parent.kind == Unit.Kind.CITY else None


def superior_of(unit: Unit) -> Unit | None:
    """Where ``unit`` submits: a county to its city, a city to its province; None when it has none."""
    if unit.kind == Unit.Kind.CITY:
        parent = unit.parent
        return parent if parent is not None and parent.kind == Unit.Kind.PROVINCE else None
    return city_of(unit)


def _upward(unit: Unit) -> str:
    return "省级" if unit.kind == Unit.Kind.CITY else "市级"


def city_label(report: AnnualReport) -> str:
    """Where 报送市级 sends ``report`` ("常德市", or "市级平台" when the city runs its own instance);
    empty when it is not a report that goes to a city (a department's, a 政府信息公开 report)."""
    if report.kind != AnnualReport.Kind.RULE_OF_LAW or report.unit.kind != Unit.Kind.GOVERNMENT:
        return ""
    city = city_of(report.unit)
    if city is not None:
        return city.short_name or city.name
    return "市级平台" if city_url() else ""


# -- the content and its checks ----------------------------------------------------------------------

def content_of(report: AnnualReport) -> dict:
    """What the city receives of ``report``: who, which year, the text and the printed figures."""
    figures = services.figures_of(report)
    return {
        "county": report.unit.code, "county_name": report.unit.name, "year": report.year, "kind": report.kind,
        "title": report.title,
        "sections": [{"heading": s.heading, "level": s.level, "text": s.text}
                     for s in report.sections.order_by("order")],
        "figures": {key: {name: fig.get(name) for name in (*FIGURE_FIELDS, "display")}
                    for key, fig in figures.items()},
    }


def digest(content: dict) -> str:
    """SHA-256 of the content as canonical JSON (sorted keys, UTF-8, no spaces)."""
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def figure_gaps(content: dict) -> list[str]:
    """Why the figures do not match the report's own text (empty when they do): a placeholder with
    no figure, a figure the text does not use, a rate that is not its numerator over its denominator."""
    used = keys_in(content.get("title", ""))
    for section in content.get("sections") or []:
        used += keys_in(section.get("heading", "")) + keys_in(section.get("text", ""))
    used = list(dict.fromkeys(used))
    figures = content.get("figures") or {}
    gaps = []
    missing = [k for k in used if k not in figures]
    if missing:
        gaps.append(f"正文引用的指标没有报送数据：{'、'.join(missing)}")
    extra = [k for k in figures if k not in used]
    if extra:
        gaps.append(f"报送数据中有正文未引用的指标：{'、'.join(extra)}")
    for key, fig in figures.items():
        if not isinstance(fig, dict):
            gaps.append(f"指标{key}的数据格式不正确")
            continue
        n, d, value = fig.get("numerator"), fig.get("denominator"), fig.get("value")
        if n is not None and d is not None:
            expected = rate(n, d)
            if (expected is None) != (value is None) or (expected is not None and not _rounds_to(expected, value)):
                gaps.append(f"指标{key}的数值与分子、分母不符")
    return gaps


def _rounds_to(exact: Decimal, value: object) -> bool:
    """Is ``value`` the rate ``exact`` as printed, i.e. rounded to as many decimals as ``value``
    carries? A published report freezes its rates at their display precision (99.87, 99.3, 100),
    a draft's live figures carry every digit."""
    try:
        given = Decimal(str(value))
    except ArithmeticError:
        return False
    places = max(-given.as_tuple().exponent, 0) if given.is_finite() else 0
    return given.is_finite() and abs(given - exact) <= Decimal(5).scaleb(-places - 1) + Decimal("1e-9")


def _number(value: object, whole: bool) -> bool:
    kinds = (int,) if whole else (int, float)
    return value is None or (isinstance(value, kinds) and not isinstance(value, bool))


def shape_gaps(content: object) -> list[str]:
    """What is malformed in content from elsewhere (types, not figures): empty when well formed."""
    if not isinstance(content, dict):
        return ["不是JSON对象"]
    gaps = []
    if content.get("kind", AnnualReport.Kind.RULE_OF_LAW) not in AnnualReport.Kind.values:
        gaps.append("报告种类不正确")
    if not isinstance(content.get("title", ""), str):
        gaps.append("标题应为文字")
    sections = content.get("sections", [])
    if not isinstance(sections, list) or not all(
            isinstance(x, dict) and all(isinstance(x.get(k, ""), str) for k in ("heading", "text"))
            and isinstance(x.get("level", 0), int) for x in sections):
        gaps.append("正文应为章节列表（heading、level、text）")
    figures = content.get("figures", {})
    if not isinstance(figures, dict) or not all(
            isinstance(f, dict) and _number(f.get("value"), False) and _number(f.get("numerator"), True)
            and _number(f.get("denominator"), True) for f in figures.values()):
        gaps.append("数据应为指标代码到数值、分子、分母的对照")
    return gaps


def _check_against_report(content: dict, report: AnnualReport) -> list[str]:
    """A submission naming a report kept in this database must carry that report's own figures."""
    own = services.figures_of(report)
    wrong = [key for key, fig in (content.get("figures") or {}).items()
             if key not in own or any(fig.get(n) != own[key].get(n) for n in ("value", "numerator", "denominator"))]
    return [f"报送数据与本报告的数据不一致：{'、'.join(wrong)}"] if wrong else []


# -- writing ---------------------------------------------------------------------------------------------

def submit(report: AnnualReport, *, by) -> Submission:
    """报送市级: the county coordinator submits an approved or published report; version n+1, signed for
    by the city in this database. Also records the day it was sent up (services.record_sent) the first time."""
    scope.require(by, "reports.manage", report.unit)
    report = AnnualReport.objects.select_related("unit__parent").get(pk=report.pk)
    if report.state not in SUBMITTABLE:
        raise ValidationError(f"报告当前为“{report.state_label}”，经批准后才能报送市级")
    if report.kind != AnnualReport.Kind.RULE_OF_LAW or report.unit.kind != Unit.Kind.GOVERNMENT:
        raise ValidationError("只有区县政府的法治政府建设年度报告报送市级")
    with transaction.atomic():
        if city_url():  # the city runs its own instance: keep our copy and send it (reports/tasks.py)
            submission = _store(content_of(report), by=by, report=report, remote=True)
            transaction.on_commit(lambda: _enqueue_send(submission.pk))
        else:
            submission = _store(content_of(report), by=by, report=report)
        if report.sent_to_superiors_on is None:
            services.record_sent(report, by=by, on=timezone.localdate(), recipients="市委依法治市办")
    return submission


def receive(content: dict, *, sha256: str | None = None, by=None, by_name: str = "") -> Submission:
    """Accept content sent from a county's own instance: the county must be one of this city's,
    the SHA-256 must be the content's, the figures must match the text (and the report, when it is
    kept here). Every refusal is one Chinese message; nothing is written."""
    shape = shape_gaps(content)
    if shape:
        raise ValidationError("报送内容格式不正确：" + "；".join(shape))
    county = Unit.objects.filter(code=str(content.get("county", "")), kind=Unit.Kind.GOVERNMENT).first()
    if county is None or city_of(county) is None:
        raise ValidationError(f"本平台没有所属设区的市下的区县“{content.get('county', '')}”")
    if sha256 is not None and sha256 != digest(content):
        raise ValidationError("报送内容的SHA-256校验值不符，内容可能在传输中被改动")
    try:
        year = int(content.get("year"))
    except (TypeError, ValueError, OverflowError):
        year = 0
    if not 2000 <= year <= 2100:
        raise ValidationError("报送内容的年度不正确")
    kind = content.get("kind", AnnualReport.Kind.RULE_OF_LAW)
    gaps = figure_gaps(content)
    report = AnnualReport.objects.filter(unit=county, year=year, kind=kind).first()
    if report is not None and report.state in SUBMITTABLE:
        gaps += _check_against_report(content, report)
    if gaps:
        raise ValidationError("数据与报告不符，不予签收：" + "；".join(gaps), code="mismatch")
    last = Submission.objects.filter(county=county, year=year, kind=kind).order_by("-version").first()
    if last is not None and last.sha256 == digest(content):
        return last  # the same content sent again (a retry whose answer was lost): the same receipt
    return _store(content, by=by, by_name=by_name, report=report if report and report.state in SUBMITTABLE else None)


def _store(content: dict, *, by, report: AnnualReport | None, by_name: str = "", remote: bool = False) -> Submission:
    """Write version n+1; signed for at once (the city is in this database) unless ``remote``: then
    our copy stays 已报送 until the city's receipt comes back (``record_receipt``)."""
    gaps = figure_gaps(content)
    if gaps:
        raise ValidationError("数据与报告不符，不予报送：" + "；".join(gaps), code="mismatch")
    if content.get("kind", AnnualReport.Kind.RULE_OF_LAW) not in AnnualReport.Kind.values:
        raise ValidationError("报告种类不正确")
    with transaction.atomic():
        county = Unit.objects.select_for_update().get(code=content["county"])
        city = superior_of(county)
        if city is None and not remote:
            raise ValidationError(f"{county.name}尚未设置所属设区的市（fazhi setup --division {county.code} --city）")
        year, kind = int(content["year"]), content.get("kind", AnnualReport.Kind.RULE_OF_LAW)
        mine = Submission.objects.filter(county=county, year=year, kind=kind)
        version = (mine.aggregate(n=Max("version"))["n"] or 0) + 1
        now = timezone.now()
        prefix = f"{city.code}-{year}-" if city is not None else ""
        if city is not None:  # receipt numbers run per city and year: one county's submission at a time
            list(Unit.objects.select_for_update().filter(pk=city.pk).values_list("pk", flat=True))
        issued = Submission.objects.filter(receipt_no__startswith=prefix).count() if prefix else 0
        authenticated = by is not None and getattr(by, "is_authenticated", False)
        submission = Submission(
            county=county, year=year, kind=kind, report=report, version=version,
            title=str(content.get("title", ""))[:200], sections=content.get("sections") or [],
            figures=content.get("figures") or {}, sha256=digest(content),
            submitted_by=by if authenticated else None,
            submitted_by_name=(by.display_name or by.username) if authenticated else by_name,
            submitted_at=now, state=Submission.State.SUBMITTED if remote else Submission.State.RECEIVED,
            receipt_no="" if remote else f"{prefix}{issued + 1:04d}", received_at=None if remote else now)
        submission.full_clean()
        submission.save()
        audit.record(action=audit.Action.CREATE, actor=by, obj=submission, unit=county,
                     after=audit.snapshot(submission, ["year", "kind", "version", "sha256", "receipt_no", "state"]),
                     note=f"报送{_upward(county)}第{version}版，"
                     + (f"回执{submission.receipt_no}" if not remote else "待市级签收"),
                     actor_name="" if authenticated else (by_name or "system"))
    return submission


def _enqueue_send(pk: int) -> None:
    # reports.tasks imports this module (package_of, record_receipt); queued after the commit, so the row exists
    from fazhi.reports.tasks import send_to_city

    send_to_city.enqueue(pk, 1)


def signature(sha256: str, token: str) -> str:
    """HMAC-SHA256 of the content's SHA-256, keyed with the SHA-256 of the county's API token: the
    city keeps only that hash of each token (api.models.token_hash), so it can check the signature."""
    key = hashlib.sha256(token.encode("utf-8")).hexdigest()
    return signature_with_hash(sha256, key)


def signature_with_hash(sha256: str, token_sha256: str) -> str:
    return hmac.new(token_sha256.encode("utf-8"), sha256.encode("utf-8"), hashlib.sha256).hexdigest()


def package_of(content: dict, token: str | None = None) -> dict:
    """The submission package: the content, its SHA-256 and the HMAC signature with the county's token."""
    token = city_token() if token is None else token
    sha = digest(content)
    return {"format": PACKAGE_FORMAT, "content": content, "sha256": sha,
            "signature": signature(sha, token) if token else ""}


def package_bytes(unit: Unit, year: int) -> bytes:
    """`fazhi report --year Y --kind annual --format package`: the package of ``unit``'s approved or
    published report of ``year`` (refused, in Chinese, for any other)."""
    report = AnnualReport.objects.filter(unit=unit, year=year, kind=AnnualReport.Kind.RULE_OF_LAW).first()
    if report is None or report.state not in SUBMITTABLE:
        raise ValidationError(f"{unit.name}{year}年度法治政府建设报告尚未批准，不能生成报送包")
    return json.dumps(package_of(content_of(report)), ensure_ascii=False, indent=1).encode("utf-8")


def record_receipt(submission: Submission, answer: dict) -> Submission:
    """The city's answer to our copy: its receipt number and time; audited."""
    with transaction.atomic():
        current = Submission.objects.select_for_update().get(pk=submission.pk)
        current.receipt_no = str(answer.get("receipt_no", ""))[:40]
        current.state, current.received_at = Submission.State.RECEIVED, timezone.now()
        current.save(update_fields=["receipt_no", "state", "received_at"])
        audit.record(action=audit.Action.UPDATE, actor=None, obj=current, unit=current.county,
                     after={"receipt_no": current.receipt_no, "state": current.state},
                     note=f"市级签收，回执{current.receipt_no}", actor_name="system")
    return current


def history(report: AnnualReport) -> list[Submission]:
    return list(Submission.objects.filter(county=report.unit, year=report.year, kind=report.kind)
                .order_by("-version"))


# -- what the city reads -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Level:
    """One level that reads what the level below submits: the city its counties, the province its cities."""

    key: str  # "city" | "province": the pages' URL names (reports:<key>_status …)
    capability: str  # who reads: city.view | province.view
    kind: str  # the reading unit's kind
    member_kind: str  # the kind of the units that submit to it
    members: str  # what the pages call those: 区县 | 市（州）
    total_label: str  # 全市合计 | 全省合计
    due_setting: str  # FAZHI_CITY_SUBMIT_DUE | FAZHI_PROVINCE_SUBMIT_DUE ("MM-DD" of the next year)
    due_default: str


CITY = Level("city", "city.view", Unit.Kind.CITY, Unit.Kind.GOVERNMENT, "区县", "全市合计",
             "FAZHI_CITY_SUBMIT_DUE", "03-01")
PROVINCE = Level("province", "province.view", Unit.Kind.PROVINCE, Unit.Kind.CITY, "市（州）", "全省合计",
                 "FAZHI_PROVINCE_SUBMIT_DUE", "03-31")


def level_due(level: Level, year: int) -> date:
    month, day = (int(x) for x in setting(level.due_setting, level.due_default).split("-"))
    return date(year + 1, month, day)


def require_city(user, level: Level = CITY) -> None:
    if not scope.has_capability(user, level.capability):
        raise PermissionDenied(scope.DENIED_MESSAGE)


def reading_units(user, level: Level = CITY) -> list[Unit]:
    """The units of ``level`` at which ``user`` reads (the city, or the province, of their memberships)."""
    require_city(user, level)
    return [m.unit for m in user.active_memberships()
            if m.unit.kind == level.kind and scope.can(user, level.capability, m.unit)]


def members_under(readers: list[Unit], level: Level = CITY) -> list[Unit]:
    """The units that submit to ``readers``: a city's counties, a province's cities."""
    if not readers:
        return []
    condition = Q()
    for unit in readers:
        condition |= Q(path__startswith=unit.path)
    return list(Unit.objects.filter(condition, kind=level.member_kind, parent__kind=level.kind).order_by("path"))


def city_counties(user, level: Level = CITY) -> list[Unit]:
    """The counties whose submissions ``user`` reads: the governments under the city they serve
    (``level=PROVINCE``: the cities under the province)."""
    return members_under(reading_units(user, level), level)


def latest(counties: list[Unit], year: int, kind: str = AnnualReport.Kind.RULE_OF_LAW) -> dict[int, Submission]:
    out: dict[int, Submission] = {}
    for sub in Submission.objects.filter(county__in=counties, year=year, kind=kind).order_by("version"):
        out[sub.county_id] = sub
    return out


@dataclass
class StatusRow:
    county: Unit
    latest: Submission | None
    first_at: object = None  # when version 1 came in
    on_time: bool | None = None

    @property
    def on_time_label(self) -> str:
        if self.latest is None:
            return "逾期未报送" if self.on_time is False else "未报送"
        return "按时" if self.on_time else "逾期"


def status_rows(user, year: int, level: Level = CITY) -> list[StatusRow]:
    """One row per county (city): its latest version, when it first submitted and whether that was by the due date."""
    return _status_rows(city_counties(user, level), year, level)


def _status_rows(counties: list[Unit], year: int, level: Level = CITY) -> list[StatusRow]:
    now = latest(counties, year)
    firsts = dict(Submission.objects.filter(county__in=counties, year=year, kind=AnnualReport.Kind.RULE_OF_LAW,
                                            version=1).values_list("county_id", "submitted_at"))
    due = level_due(level, year)
    rows = []
    for county in counties:
        first = firsts.get(county.pk)
        on_time = (timezone.localdate(first) <= due) if first else (False if timezone.localdate() > due else None)
        rows.append(StatusRow(county, now.get(county.pk), first, on_time))
    return rows


@dataclass
class FigureRow:
    key: str
    label: str
    unit: str
    by_county: list[dict | None] = field(default_factory=list)  # per county column, the submitted figure
    total: Result | None = None
    total_display: str = "—"
    note: str = ""


def city_total(unit: str, figures: list[dict], countable: bool = True) -> tuple[Result | None, str]:
    """The city's figure from its counties' (the submitted ones): counts add up; a rate is the summed
    numerators over the summed denominators; a figure that is neither (an average: ``countable`` False,
    an indicator shown with decimals) is not added."""
    if not figures:
        return None, "无区县报送"
    if unit == "%" or any(f.get("denominator") is not None for f in figures):
        if all(f.get("numerator") is not None and f.get("denominator") is not None for f in figures):
            n = sum(int(f["numerator"]) for f in figures)
            d = sum(int(f["denominator"]) for f in figures)
            return Result(value=rate(n, d), numerator=n, denominator=d), ""
        return None, "缺少分子分母，不能汇总"
    values = [f.get("value") for f in figures]
    if countable and all(isinstance(v, int) and not isinstance(v, bool) for v in values if v is not None):
        return Result(value=sum(v for v in values if v is not None)), ""
    return None, "非计数指标（如平均数），不能相加"


def side_by_side(user, year: int, level: Level = CITY) -> tuple[list[Unit], list[FigureRow]]:
    """Every figure any county submitted for ``year`` (latest versions), one column per county, and the city
    total (``level=PROVINCE``: one column per city and the province total)."""
    counties = city_counties(user, level)
    return counties, _side_by_side(counties, year)


def _side_by_side(counties: list[Unit], year: int) -> list[FigureRow]:
    subs = latest(counties, year)
    registry = load_all()
    keys: dict[str, dict] = {}
    for county in counties:
        for key, fig in (subs[county.pk].figures if county.pk in subs else {}).items():
            keys.setdefault(key, fig)
    rows = []
    for key, sample in keys.items():
        indicator = registry.get(key)
        unit = indicator.unit if indicator else sample.get("unit", "")
        row = FigureRow(key, indicator.label if indicator else sample.get("label", key), unit)
        row.by_county = [subs[c.pk].figures.get(key) if c.pk in subs else None for c in counties]
        row.total, row.note = city_total(unit, [f for f in row.by_county if f is not None],
                                        countable=indicator is not None and indicator.precision == 0)
        if row.total is not None:
            row.total_display = indicator.display(row.total) if indicator else str(row.total.value)
        rows.append(row)
    return rows


# -- the city reports up to the province ----------------------------------------------------------------

def consolidation_of(city: Unit, year: int) -> dict:
    """The city's content for the province: which counties submitted (version, receipt), and the city
    totals as figures — a rate with its summed numerator and denominator — each named in the text
    by its placeholder, so the province reads it (and checks it) as it reads a county's report."""
    counties = members_under([city], CITY)
    rows = _side_by_side(counties, year)
    status = _status_rows(counties, year, CITY)
    figures, lines, left_out = {}, [], []
    for row in rows:
        if row.total is None:
            left_out.append(f"{row.label}（{row.note}）")
            continue
        figures[row.key] = {"label": row.label, "value": _json_number(row.total.value),
                            "numerator": row.total.numerator, "denominator": row.total.denominator,
                            "unit": row.unit, "display": row.total_display}
        lines.append(f"{row.label}：{{{{ {row.key} }}}}")
    reported = [f"{r.county.short_name or r.county.name}：第{r.latest.version}版，回执{r.latest.receipt_no or '—'}"
                for r in status if r.latest is not None]
    missing = [r.county.short_name or r.county.name for r in status if r.latest is None]
    listing = "\n".join(reported + ([f"未报送：{'、'.join(missing)}"] if missing else []))
    if left_out:
        lines.append(f"未汇总：{'；'.join(left_out)}")
    name = city.short_name or city.name
    return {
        "county": city.code, "county_name": city.name, "year": year, "kind": AnnualReport.Kind.RULE_OF_LAW,
        "title": f"{name}{year}年度法治政府建设情况汇总",
        "sections": [{"heading": "一、各区县报送情况", "level": 1, "text": listing},
                     {"heading": "二、全市汇总数据（计数相加，比率为分子之和除以分母之和）", "level": 1,
                      "text": "\n".join(lines)}],
        "figures": figures,
    }


def _json_number(value):
    """A figure's value as JSON keeps it: Decimal rates as float (figure_gaps compares them as printed)."""
    return float(value) if isinstance(value, Decimal) else value


def submit_city(city: Unit, year: int, *, by) -> Submission:
    """报送省级: the city coordinator (``city.submit`` at the city) sends the city's consolidated figures
    of ``year``; version n+1, signed for by the province in this database. Refused, in Chinese, before
    any county has submitted or when the city has no province above it."""
    scope.require(by, "city.submit", city)
    if city.kind != Unit.Kind.CITY:
        raise ValidationError("只有设区的市报送省级")
    if superior_of(city) is None:
        raise ValidationError(f"{city.name}尚未设置所属省级单位（fazhi setup --division 区县代码 --province）")
    content = consolidation_of(city, year)
    if not content["figures"]:
        raise ValidationError(f"{year}年度尚无区县报送数据，不能报送省级")
    return _store(content, by=by, report=None)


def city_history(city: Unit, year: int) -> list[Submission]:
    return list(Submission.objects.filter(county=city, year=year, kind=AnnualReport.Kind.RULE_OF_LAW)
                .order_by("-version"))
