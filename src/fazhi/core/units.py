"""The organisation tree: county government > departments / townships > villages, and
outside bodies. ``setup_division`` builds a county from the shipped division data."""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.models import Unit

UNKNOWN_DIVISION = "未找到区划代码“{code}”对应的县级行政区划，请核对后重试（应为6位县级统计用区划代码，如 430771）。"


@dataclass(frozen=True)
class SetupSummary:
    county: Unit
    townships: int
    villages: int
    departments: int = 0


def _rows(name: str) -> list[dict[str, str]]:
    path = Path(settings.FAZHI_DIVISIONS_DIR) / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def villages_of(county_code: str) -> list[dict[str, str]]:
    """The villages (村委会/居委会, 12-digit codes) of one county, read from its province's file
    ``villages/<province code>.csv.gz`` (loaded on demand, only the one province); [] without it."""
    path = Path(settings.FAZHI_DIVISIONS_DIR) / "villages" / f"{county_code[:2]}.csv.gz"
    if not path.exists():
        return []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if row["code"].startswith(county_code)]


@cache
def _areas() -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in _rows("areas.csv")}


def _cities() -> dict[str, str]:
    return {row["code"]: row["name"] for row in _rows("cities.csv")}


def division_name(code: str) -> str:
    """The full county name, with its prefecture unless that is a placeholder (市辖区)."""
    area = _areas().get(code)
    if area is None:
        raise ValidationError(UNKNOWN_DIVISION.format(code=code))
    name = area["name"]
    city = _cities().get(area["cityCode"], "")
    if city and city not in {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"} and not name.startswith(city):
        name = city + name
    return name


def government_name(division: str) -> str:
    """常德市西洞庭管理区 -> 常德市西洞庭管理区管理委员会; 安乡县 -> 安乡县人民政府."""
    return division + ("管理委员会" if division.endswith("管理区") else "人民政府")


def city_code(county_code: str) -> str:
    """The 6-digit code of the 设区的市 a county belongs to: its 4-digit prefix + "00" (430771 -> 430700)."""
    return f"{county_code[:4]}00"


def setup_city(county_code: str) -> Unit:
    """The city unit (Unit.Kind.CITY) above the county ``county_code``, from the division data's
    prefecture (cities.csv); created once, brought up to date after. Refused for the placeholders
    (市辖区 of a municipality, 省直辖县级行政区划), which have no city to report to."""
    area = _areas().get(county_code)
    name = _cities().get(area["cityCode"], "") if area else ""
    if not name or name in {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}:
        raise ValidationError(f"区划代码“{county_code}”没有所属的设区的市，不能建立市级单位。")
    city = Unit.objects.filter(code=city_code(county_code)).first() or Unit(code=city_code(county_code))
    # a city already placed under its province stays there
    city.name, city.short_name, city.kind = f"{name}人民政府", name, Unit.Kind.CITY
    city.save()
    return city


def province_code(county_code: str) -> str:
    """The 6-digit code of a county's province: its 2-digit prefix + "0000" (430771 -> 430000)."""
    return f"{county_code[:2]}0000"


def setup_province(county_code: str) -> Unit:
    """The province unit (Unit.Kind.PROVINCE) above the city of ``county_code`` (provinces.csv), the
    city placed under it; created once, brought up to date after."""
    city = setup_city(county_code)
    area = _areas()[county_code]
    name = next((row["name"] for row in _rows("provinces.csv") if row["code"] == area["provinceCode"]), "")
    if not name:
        raise ValidationError(f"区划代码“{county_code}”没有所属的省级行政区划，不能建立省级单位。")
    province = Unit.objects.filter(code=province_code(county_code)).first() or Unit(code=province_code(county_code))
    province.name, province.short_name, province.kind, province.parent = (
        f"{name}人民政府", name, Unit.Kind.PROVINCE, None)
    province.save()
    if city.parent_id != province.pk:
        city.parent = province
        city.save()  # Unit.save moves the paths of the city's counties and their sub-units
    return province


@cache
def _province_abbreviations() -> dict[str, str]:
    return {row["code"]: row["abbreviation"] for row in _rows("province_abbreviations.csv")}


@dataclass(frozen=True)
class CountyNames:
    """The names a county's own forms and templates show as examples (never another county's)."""

    government: str  # 常德市西洞庭管理区管理委员会, 鹤壁市浚县人民政府
    court: str  # the basic court by the naming rule: 浚县人民法院; a district keeps its city: 常德市武陵区人民法院
    court_code: str  # the court's 代字 in a case number: province abbreviation + county code, 豫0621
    short: str  # the county's first character, as in a 复议案号 (浚复〔2024〕1号)
    name: str  # the county's own name: 浚县, 西洞庭管理区


# Where the division data has nothing on the county (a unit set up by hand): neutral placeholders.
NEUTRAL_NAMES = CountyNames(government="××县人民政府", court="××县人民法院", court_code="×0000", short="×",
                            name="××县")


def county_names(county: Unit | None) -> CountyNames:
    """The example names of ``county`` (a government unit) from the shipped division data."""
    area = _areas().get(county.code) if county is not None else None
    if area is None:
        return NEUTRAL_NAMES
    city = _cities().get(area["cityCode"], "")
    own = area["name"].removeprefix(city) if city and area["name"] != city else area["name"]
    # Basic courts take the county's name; a district's (区, 管理区) is prefixed with its city.
    court_area = division_name(county.code) if own.endswith("区") else own
    abbreviation = _province_abbreviations().get(area["provinceCode"], "×")
    return CountyNames(government=county.name, court=court_area + "人民法院",
                       court_code=abbreviation + county.code[2:6], short=own[0], name=own)


def first_government_name() -> str:
    """The name of the platform's (first) county government, "" before one is set up."""
    county = counties().order_by("pk").first()
    return county.name if county else ""


def viewer_county_names(user) -> CountyNames:
    """``county_names`` of the government whose platform ``user`` sees (``viewer_area``)."""
    area = viewer_area(user) or counties().order_by("pk").first()
    while area is not None and area.kind != Unit.Kind.GOVERNMENT:
        area = area.parent
    return county_names(area)


@transaction.atomic
def setup_division(code: str, departments: list[Department] | None = None, city: bool = False,
                   province: bool = False) -> SetupSummary:
    """Create (or bring up to date) a county with its townships and villages, and the given
    departments (``standard_departments()`` for the usual list). ``city``: also the 设区的市 above it
    (``setup_city``), the county placed under it; ``province``: the city too, under its province
    (``setup_province``). Without them a county already under its city stays there. Idempotent."""
    code = (code or "").strip()
    if not (code.isdigit() and len(code) == 6) or code not in _areas():
        raise ValidationError(UNKNOWN_DIVISION.format(code=code))
    division = division_name(code)
    county = Unit.objects.filter(code=code).first() or Unit(code=code)
    if city or province:
        county.parent = setup_city(code)
    county.name, county.short_name, county.kind = government_name(division), division, Unit.Kind.GOVERNMENT
    county.save()  # a full save: Unit.save moves the paths of the county and its sub-units under the city
    if province:
        setup_province(code)
        county.refresh_from_db()
    townships = {}
    for i, row in enumerate(r for r in _rows("streets.csv") if r["areaCode"] == code):
        townships[row["code"]], _ = Unit.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "kind": Unit.Kind.TOWNSHIP, "parent": county, "sort_order": 100 + i},
        )
    villages = _add_villages(code, townships)
    added = add_departments(county, departments) if departments else 0
    county_name.cache_clear()
    return SetupSummary(county=county, townships=len(townships), villages=villages, departments=added)


def _add_villages(code: str, townships: dict[str, Unit]) -> int:
    """The county's villages under their townships: new ones in one bulk insert (a county has up to
    ~700), those already there brought up to date one by one only where they differ."""
    rows = [(i, row) for i, row in enumerate(villages_of(code)) if row["code"][:9] in townships]
    existing = {u.code: u for u in Unit.objects.filter(code__in=[row["code"] for _, row in rows])}
    new = []
    for i, row in rows:
        parent = townships[row["code"][:9]]  # a village's code is its township's 9 digits + 3
        unit = existing.get(row["code"])
        if unit is None:
            new.append(Unit(code=row["code"], name=row["name"], kind=Unit.Kind.VILLAGE, parent=parent,
                            sort_order=i, path=f"{parent.path}{row['code']}/"))
        elif (unit.name, unit.kind, unit.parent_id, unit.sort_order) != (row["name"], Unit.Kind.VILLAGE, parent.pk, i):
            unit.name, unit.kind, unit.parent, unit.sort_order = row["name"], Unit.Kind.VILLAGE, parent, i
            unit.save()
    Unit.objects.bulk_create(new, batch_size=500)
    return len(rows)


STANDARD_DEPARTMENTS = Path(__file__).resolve().parent / "data" / "departments" / "standard.csv"


@dataclass(frozen=True)
class Department:
    group: str  # 政府工作部门 / 政府直属机构 / 垂直管理及派驻机构
    name: str
    short_name: str


def standard_departments() -> list[Department]:
    """The usual departments of a county government after the 2019 institutional reform, with the
    short names the offices use (``core/data/departments/standard.csv``); counties differ, so the
    setup page lets the administrator untick and add."""
    with STANDARD_DEPARTMENTS.open(encoding="utf-8", newline="") as fh:
        return [Department(**row) for row in csv.DictReader(fh)]


@transaction.atomic
def add_departments(county: Unit, departments: list[Department]) -> int:
    """Add ``departments`` under ``county``; one already there under its name or short name
    ("司法局（依法治区办）", short "司法局") is left as it is, whatever its code. New ones get the
    next free code "<county>-Dnn". Returns how many were created."""
    existing = {n for pair in Unit.objects.filter(parent=county).values_list("name", "short_name")
                for n in pair if n}
    prefix = f"{county.code}-D"
    used = {int(c[len(prefix):]) for c in Unit.objects.filter(code__startswith=prefix)
            .values_list("code", flat=True) if c[len(prefix):].isdigit()}
    number, created = 0, 0
    for i, dept in enumerate(departments):
        if dept.name in existing or dept.short_name in existing:
            continue
        number += 1
        while number in used:
            number += 1
        Unit(code=f"{prefix}{number:02d}", name=dept.name, short_name=dept.short_name,
             kind=Unit.Kind.DEPARTMENT, parent=county, sort_order=i).save()
        existing.update((dept.name, dept.short_name))
        created += 1
    return created


def unit_add(*, name: str, kind: str, parent: Unit | None, code: str, short_name: str = "",
             sort_order: int = 0) -> Unit:
    unit, _ = Unit.objects.update_or_create(
        code=code, defaults={"name": name, "short_name": short_name, "kind": kind,
                             "parent": parent, "sort_order": sort_order},
    )
    return unit


def counties():
    return Unit.objects.filter(kind=Unit.Kind.GOVERNMENT)


@cache
def county_name() -> str:
    """The name of the (first) county the platform serves, for page headers."""
    try:
        county = counties().order_by("pk").first()
    except Exception:  # before migrations the table may not exist yet
        return ""
    return (county.short_name or county.name) if county else ""


def viewer_area_name(user) -> str:
    """The name of the government whose platform a signed-in user sees (``viewer_area``)."""
    cached = getattr(user, "_area_name", None)
    if cached is not None:
        return cached
    area = viewer_area(user)
    name = (area.short_name or area.name) if area is not None else county_name()
    user._area_name = name
    return name


def viewer_area(user) -> Unit | None:
    """The government whose platform a signed-in user sees: the county (管委会) of the units the
    user works in; for units in several counties, the unit above them all (a city's or province's
    node) when one is kept, else the first of them. Without a unit: None (the platform's first
    county, ``county_name()``, for the callers)."""
    paths = sorted({m.unit.path for m in user.active_memberships()}) if user.is_authenticated else []
    if not paths:
        return None
    prefixes = {p for path in paths for p in path_prefixes(path)}
    governments = {u.path: u for u in Unit.objects.filter(path__in=prefixes, kind=Unit.Kind.GOVERNMENT)}
    found = {nearest_in(path, governments) for path in paths} - {None}
    if len(found) == 1:
        area = found.pop()
    else:
        common = path_prefixes(paths[0])
        above = next((p for p in common if all(path.startswith(p) for path in paths)), None)
        area = Unit.objects.filter(path=above).first() if above else None
        if area is None:
            area = min(found, key=lambda u: u.path) if found else None
    return area


def path_prefixes(path: str) -> list[str]:
    """The paths of a unit and its ancestors, nearest first: "43/4301/" -> ["43/4301/", "43/"]."""
    codes = [c for c in path.split("/") if c]
    return ["/".join(codes[:i]) + "/" for i in range(len(codes), 0, -1)]


def nearest_in(path: str, units_by_path: dict[str, object]) -> object | None:
    """The value of the unit nearest ``path`` (itself first, then up) among ``units_by_path``."""
    return next((units_by_path[p] for p in path_prefixes(path) if p in units_by_path), None)


MAX_UNIT_CHOICES = 300  # a select list longer than this is neither usable nor quick to render


def unit_levels(units, selected: Unit | None = None, limit: int = MAX_UNIT_CHOICES) -> list[Unit]:
    """The top levels of ``units`` (a queryset) that fit in ``limit`` options, in tree order, plus
    ``selected``. A province-wide reader gets the counties (120), not 6,000 units; a deeper unit
    stays reachable by a county's own list or by URL."""
    rows = list(units.order_by("path"))
    if not rows:
        return []
    depth = {u.pk: u.path.count("/") for u in rows}
    keep = min(depth.values())
    while keep + 1 <= max(depth.values()) and sum(1 for d in depth.values() if d <= keep + 1) <= limit:
        keep += 1
    chosen = selected.pk if selected is not None else None
    return [u for u in rows if depth[u.pk] <= keep or u.pk == chosen]


def unit_choices(units, selected: str | int | None = None, limit: int = MAX_UNIT_CHOICES) -> list[tuple]:
    """``unit_levels`` as select choices, indented by level, after "全部单位"."""
    chosen = None
    if selected not in (None, ""):
        chosen = units.filter(pk=selected).first() if str(selected).isdigit() else None
    levels = unit_levels(units, chosen, limit)
    if not levels:
        return [("", "全部单位")]
    top = min(u.path.count("/") for u in levels)
    return [("", "全部单位")] + [(u.pk, "　" * (u.path.count("/") - top) + u.name) for u in levels]
