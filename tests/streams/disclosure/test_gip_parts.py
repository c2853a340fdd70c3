"""What the 依申请公开 stream gives the GIP annual report: part 三 through its manifest hook
(national columns, rows per unit or over the county) and the table 四 indicators (challenges to
disclosure replies in reconsideration and court, by route and outcome)."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils.module_loading import import_string

from fazhi.core.models import Unit
from fazhi.core.registry import stream
from fazhi.indicators.registry import Period, compute
from tests.streams.disclosure.test_indicators import add

pytestmark = pytest.mark.django_db
Y2025 = Period.year(2025)


def part_three(units, year: int = 2025) -> dict:
    return import_string(stream("disclosure").gip_report)(units, year)


def test_the_manifest_hands_part_three_in_national_columns_per_unit_and_for_the_county(
        county, market_unit, transport_unit):
    add(market_unit, "A", date(2025, 3, 3), closed=date(2025, 3, 20), state="archived", reply_type="public")
    add(market_unit, "B", date(2025, 4, 1), closed=date(2025, 6, 30), state="delivered", reply_type="refused",
        reason="refused_process", applicant="commercial")
    add(transport_unit, "C", date(2025, 12, 25))
    table = part_three(county.descendants())
    assert [c["label"] for c in table["columns"]] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
                                                      "其他", "总计"]
    rows = {r["key"]: r for r in table["rows"]}
    assert rows["new"]["cells"] == {"natural": 2, "commercial": 1, "research": 0, "welfare": 0, "legal_service": 0,
                                    "other_org": 0, "total": 3}
    assert rows["results"]["heading"] and rows["refused_process"]["level"] == 2
    assert rows["handled"]["cells"]["total"] == 2 and rows["carried_forward"]["cells"]["total"] == 1
    market = {r["key"]: r["cells"]["total"] for r in part_three(Unit.objects.filter(pk=market_unit.pk))["rows"]}
    assert (market["new"], market["handled"], market["carried_forward"]) == (2, 2, 0)


def test_table_four_counts_challenged_replies_by_route_and_outcome(county, market_unit):
    closed = {"closed": date(2025, 5, 1), "state": "archived", "reply_type": "refused", "reason": "refused_process"}
    add(market_unit, "R1", date(2025, 3, 3), reconsideration=True, challenge_outcome="corrected", **closed)
    add(market_unit, "R2", date(2025, 3, 4), reconsideration=True, **closed)  # no outcome yet
    add(market_unit, "L1", date(2025, 3, 5), litigation=True, challenge_outcome="upheld", **closed)
    add(market_unit, "RL", date(2025, 3, 6), reconsideration=True, litigation=True, challenge_outcome="other", **closed)
    units = county.descendants()

    def row(route: str) -> dict:
        return {col: compute(f"disclosure.{route}_{col}", units, Y2025).value
                for col in ("upheld", "corrected", "other", "pending", "total")}

    # The reconsideration before a suit is counted as 维持 (the suit shows it did not correct the reply).
    assert row("reconsideration") == {"upheld": 1, "corrected": 1, "other": 0, "pending": 1, "total": 3}
    assert row("litigation_direct") == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert row("litigation_after") == {"upheld": 0, "corrected": 0, "other": 1, "pending": 0, "total": 1}
