"""Composite indicators: a count that is the sum of other counts (registry.Indicator.composite).

The done-when case of issue 23: a database holding two counties, county B's records hold 218
reconsiderations and 297 administrative cases in 2024; its report prints 515 under the
composite and the composite's drill-down lists both parts, each linked to its own drill-down.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from fazhi.core.roles import Role
from fazhi.core.units import setup_division
from fazhi.indicators import snapshots
from fazhi.indicators.engine import compute_all, compute_figure
from fazhi.indicators.grouped import compute_by_unit, differences
from fazhi.indicators.registry import Indicator, Period, Result, composite_problems, load_all, register
from fazhi.streams.litigation.models import LitigationCase, Reconsideration
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

KEY = "litigation.reconsiderations_and_cases"
Y2024 = Period.year(2024)


def _fill(unit, reconsiderations: int, cases: int, year: int = 2024, prefix: str = "") -> None:
    Reconsideration.objects.bulk_create(
        Reconsideration(unit=unit, year=year, case_number=f"{prefix}复{i}", body="管委会", applicant_name="乙",
                        contested_act="处罚", received_on=date(year, 1 + i % 12, 1 + i % 28), state="received")
        for i in range(reconsiderations))
    LitigationCase.objects.bulk_create(
        LitigationCase(unit=unit, year=year, case_number=f"{prefix}行初{i}", court="法院", cause="案由",
                       plaintiff_name="甲", served_on=date(year, 1 + i % 12, 1 + i % 28), state="received")
        for i in range(cases))


@pytest.fixture
def two_counties(county, market_unit):
    """County A (430771) with 3 + 4 cases in 2024 and one of each in 2023; county B (430702)."""
    other = setup_division("430702").county
    _fill(market_unit, 3, 4, prefix="A")
    _fill(market_unit, 1, 1, year=2023, prefix="A23")
    _fill(other, 218, 297, prefix="B")
    return county, other


def test_county_b_reports_515_under_the_composite_and_its_parts(two_counties):
    _a, b = two_counties
    out = io.StringIO()
    call_command("fazhi_report", "--year", "2024", "--unit", b.code, "--format", "json", stdout=out)
    figures = json.loads(out.getvalue())["figures"]
    assert figures[KEY]["value"] == 515 and figures[KEY]["display"] == "515件"
    assert figures["litigation.reconsideration_cases"]["value"] == 218
    assert figures["litigation.cases"]["value"] == 297
    a = compute_figure(KEY, two_counties[0], Y2024)
    assert a.result.value == 7  # county A's own records only, 2024 only


def test_the_drilldown_lists_both_parts_each_linked_to_its_own(two_counties, login):
    _a, b = two_counties
    client = login(make_user("leader_b", b, Role.LEADER))
    html = client.get(f"/indicators/{KEY}/", {"unit": b.code, "year": 2024}).content.decode()
    assert "行政复议和行政应诉案件数：<span class=\"fz-figure\">515件</span>" in html
    links = dict(re.findall(r'<a href="([^"]+)" data-part="([^"]+)"', html))
    assert set(links.values()) == {"litigation.reconsideration_cases", "litigation.cases"}
    assert "218件" in html and "297件" in html
    assert "B复0" in html and "B行初0" in html  # the parts' records
    for url, part in links.items():
        page = client.get(url.replace("&amp;", "&")).content.decode()
        assert f"{load_all()[part].label}：<span class=\"fz-figure\">" in page
    book = client.get(f"/indicators/{KEY}/", {"unit": b.code, "year": 2024, "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(b"".join(book.streaming_content))).active.values)
    assert len(rows) == 1 + 515 and rows[0][0] == "组成部分"
    assert {r[0] for r in rows[1:]} == {"行政复议案件数", "行政应诉案件数"}


def test_snapshots_and_the_roll_up_above_counties_add_the_composite(two_counties):
    a, b = two_counties
    snapshots.close(2024, today=date(2025, 3, 1))
    assert snapshots.verify(2024) == []
    both = snapshots.figures(None, Y2024, [KEY, "litigation.cases"])
    assert both[KEY].value == 515 + 7 and both["litigation.cases"].value == 297 + 4
    assert compute_all(b, Y2024, keys=[KEY])[KEY].result.value == 515


def test_per_unit_figures_group_the_composite_through_its_parts(two_counties, transport_unit):
    county, _b = two_counties
    units = [county, *county.children.order_by("pk")]
    found = compute_by_unit(units, Y2024, [KEY, "mediation.all_mediated"], within=county, count_records=True)
    assert KEY in found.grouped and "litigation.cases" not in found.figures[county.pk]
    market = next(u for u in units if u.code == "430771-D03")
    assert found.figures[market.pk][KEY].result.value == 7 and found.records[market.pk][KEY] == 7
    assert found.figures[transport_unit.pk][KEY].result.value == 0
    assert differences(units, Y2024, [KEY, "mediation.all_mediated"], within=county) == []


def test_the_three_declared_composites_name_real_counts():
    registry = load_all()
    for key in (KEY, "mediation.all_mediated", "legal_services.consultations_all_channels"):
        assert registry[key].is_composite and all(p in registry for p, _ in registry[key].parts)
    assert "行政复议案件数（litigation.reconsideration_cases） ＋ 行政应诉案件数（litigation.cases）" \
        in registry[KEY].formula


def _fake(key: str, unit: str = "件", precision: int = 0) -> Indicator:
    return Indicator(key, key, unit, lambda units, period: Result(0), precision=precision)


@pytest.mark.parametrize(("parts", "extra", "refusal"), [
    (["t.count", "t.rate"], {}, "不是计数"),
    (["t.count", "t.average"], {}, "不是计数"),
    (["t.count", "t.nowhere"], {}, "未登记"),
    (["t.count", "t.loop"], {"t.loop": ["t.c"]}, "循环引用"),
])
def test_a_composite_of_rates_unknown_keys_or_a_cycle_is_refused(parts, extra, refusal):
    registry = {"t.count": _fake("t.count"), "t.rate": _fake("t.rate", "%", 1),
                "t.average": _fake("t.average", "分", 1)}
    registry["t.c"] = Indicator.composite("t.c", "组合", parts=parts)
    for key, its_parts in extra.items():
        registry[key] = Indicator.composite(key, "另一个组合", parts=its_parts)
    problems = composite_problems(registry)
    assert problems and any(refusal in p for p in problems)
    assert composite_problems({"t.count": registry["t.count"],
                               "t.ok": Indicator.composite("t.ok", "组合", parts=["t.count"])}) == []


def test_register_refuses_a_composite_of_a_registered_rate_and_keeps_the_registry():
    before = load_all()
    with pytest.raises(ValueError, match="不是计数"):
        register(Indicator.composite("litigation.bad", "错误", parts=["litigation.cases", "litigation.loss_rate"]))
    with pytest.raises(ValueError, match="不能包含自身"):
        Indicator.composite("litigation.self", "错误", parts=["litigation.self"])
    assert load_all().keys() == before.keys()
