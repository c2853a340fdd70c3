"""One display rule (registry.rounded / registry.display): counts as integers, rates with the
indicator's precision (one decimal by default for "%"), halves rounded up, trailing zeros dropped.

Each place that shows a rate is asked for the four fractions whose last digit is a half:
1/16 = 6.25 %, 1/8 = 12.5 %, 7/80 = 8.75 %, 1/400 = 0.25 %. Rounding half to even prints "6.2%"
and "0.2%" (8.75 goes to 8.8 either way; 12.5 needs no rounding at one decimal, so it is also
asked at none: "13%", half-even "12%"); these tests fail under ROUND_HALF_EVEN.
"""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from fazhi.core.roles import Role
from fazhi.indicators import registry
from fazhi.indicators.cockpit import Headline
from fazhi.indicators.engine import Figure, compute_figure
from fazhi.indicators.registry import Indicator, Period, Result, display, rounded
from fazhi.reports.placeholders import apply
from fazhi.streams.assessment.models import AssessmentItem, ItemScore
from tests.api.conftest import ApiClient
from tests.conftest import make_user

HALVES = [(1, 16, "6.3%", 6.3), (1, 8, "12.5%", 12.5), (7, 80, "8.8%", 8.8), (1, 400, "0.3%", 0.3)]
KEY = "study.attendance_rate"


@pytest.mark.parametrize(("num", "den", "shown", "number"), HALVES)
def test_the_rule_rounds_halves_up(num, den, shown, number):
    value = registry.rate(num, den)
    assert display(value, "%", 1) == shown
    assert display(registry.rate(1, 8), "%", 0) == "13%"
    rate = Indicator("x.rate", "测试率", "%", lambda u, p: Result(value))
    assert rate.precision == 1  # the default for a rate
    figure = Figure(rate, Result(value=value, numerator=num, denominator=den))
    assert figure.display == shown and figure.number == number
    assert figure.as_json()["display"] == shown and figure.as_json()["value"] == number
    assert apply(figure.as_json(), None) == shown and apply(figure.as_json(), "value") == shown[:-1]
    # the assessment sheet's 指标值 (stored with four decimals) of an item bound to a rate
    score = ItemScore(item=AssessmentItem(indicator=KEY), value=Decimal(value).quantize(Decimal("0.0001")))
    assert score.value_display == shown


@pytest.mark.parametrize(("value", "unit", "precision", "shown", "number"), [
    (Decimal("91.80"), "%", 2, "91.8%", 91.8), (Decimal("10.0"), "%", 1, "10%", 10.0), (Decimal(100), "%", 1, "100%",
                                                                                            100.0),
    (837, "件", 0, "837件", 837), (Decimal("837.0"), "件", 0, "837件", 837), (Decimal(5) / 3, "次", 2, "1.67次", 1.67),
    (Decimal("2.125"), "次", 2, "2.13次", 2.13), (Decimal("85.25"), "分", 1, "85.3分", 85.3), (None, "%", 1, "—", None),
])
def test_counts_are_integers_and_trailing_zeros_are_dropped(value, unit, precision, shown, number):
    ind = Indicator("x.y", "测试", unit, lambda u, p: Result(value), precision=precision)
    figure = Figure(ind, Result(value))
    assert (figure.display, figure.number) == (shown, number)
    assert type(figure.number) is type(number)


def test_rounding_happens_once_where_the_figure_is_shown():
    """An average kept unrounded: 85.249 shows 85.2 (rounding to 85.25 first would show 85.3)."""
    assert display(Decimal("85.249"), "分", 1) == "85.2分"
    assert rounded(Decimal("0.05"), 1) == Decimal("0.1")


@pytest.mark.parametrize(("num", "den", "shown", "number"), HALVES)
def test_the_cockpit_change_is_the_difference_of_the_figures_shown(num, den, shown, number):
    rate = Indicator("x.rate", "测试率", "%", lambda u, p: Result(None))
    now = Figure(rate, Result(value=registry.rate(num, den) + 50))
    before = Figure(rate, Result(value=Decimal(50)))
    assert Headline("x.rate", now, before, [], "green").change == "+" + shown


@pytest.fixture
def halves(request, monkeypatch):
    """``study.attendance_rate`` answering num ÷ den, whatever the records."""
    num, den = request.param[:2]
    original = registry.load_all()[KEY]
    fake = Indicator(KEY, original.label, "%", lambda units, period: Result.ratio(num, den), precision=1)
    monkeypatch.setitem(registry._REGISTRY, KEY, fake)
    return request.param


@pytest.mark.django_db
@pytest.mark.parametrize("halves", HALVES, indirect=True)
def test_every_place_that_shows_a_rate_rounds_halves_up(halves, county, coordinator, login, capsys):
    _num, _den, shown, number = halves
    year = 2024
    # the report (JSON) and its placeholders
    call_command("fazhi_report", "--year", str(year))
    figure = json.loads(capsys.readouterr().out)["figures"][KEY]
    assert (figure["display"], figure["value"]) == (shown, number)
    assert apply(figure, None) == shown
    # the figures page, the drill-down, the dashboard and the Excel export
    client = login(coordinator)
    page = client.get("/indicators/", {"unit": county.code, "year": year}).content.decode()
    assert re.search(rf'data-key="{KEY}">{re.escape(shown)}<', page)
    drill = client.get(f"/indicators/{KEY}/", {"unit": county.code, "year": year}).content.decode()
    assert f'<span class="fz-figure">{shown}</span>' in drill
    board = client.get("/dashboard/", {"unit": county.code, "year": year}).content.decode()
    assert re.search(rf'data-key="{KEY}">{re.escape(shown)}<', board)
    cells = _sheet(client.get("/indicators/", {"unit": county.code, "year": year, "format": "xlsx"}))
    assert (cells[figure["label"]]["显示"], cells[figure["label"]]["数值"]) == (shown, number)
    # the API
    answer = ApiClient(client=client).get(f"indicators/{KEY}/", {"unit": county.code, "year": year}).json()
    assert (answer["display"], answer["value"]) == (shown, number)
    assert compute_figure(KEY, county, Period.year(year)).display == shown


def _sheet(response) -> dict[str, dict[str, object]]:
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    header = rows[0]
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}


@pytest.mark.django_db
def test_on_the_demo_every_figure_reads_the_same_everywhere(demo_db, db, login, capsys):
    """For every indicator of the demo county: the report's string, the figures page, the
    drill-down page, the API's ``display`` and the Excel export's cell agree."""
    from fazhi.core.models import Unit

    county = Unit.objects.get(code="430771")
    user = make_user("figures_leader", county, Role.LEADER)
    client = login(user)
    year = 2023
    call_command("fazhi_report", "--year", str(year), "--unit", county.code)
    report = json.loads(capsys.readouterr().out)["figures"]
    assert len(report) == len(registry.load_all())
    page = client.get("/indicators/", {"unit": county.code, "year": year}).content.decode()
    on_page = dict(re.findall(r'<td class="text-end fw-semibold" data-key="([^"]+)">([^<]*)<', page))
    cells = _sheet(client.get("/indicators/", {"unit": county.code, "year": year, "format": "xlsx"}))
    api = ApiClient(client=client)
    disagree = []
    for key, fig in report.items():
        cell = cells[fig["label"]]
        answer = api.get(f"indicators/{key}/", {"unit": county.code, "year": year}).json()
        drill = client.get(f"/indicators/{key}/", {"unit": county.code, "year": year}).content.decode()
        shown_drill = re.search(r'<span class="fz-figure">([^<]*)</span>', drill).group(1)
        seen = {"report": fig["display"], "page": on_page.get(key), "drill-down": shown_drill,
                "api": answer["display"], "excel": cell["显示"]}
        numbers = {"report": fig["value"], "api": answer["value"], "excel": cell["数值"]}
        if len(set(seen.values())) != 1 or len({repr(n) for n in numbers.values()}) != 1 \
                or display(fig["value"], fig["unit"], registry.load_all()[key].precision) != fig["display"]:
            disagree.append(f"{key}: {seen} {numbers}")
        if registry.load_all()[key].unit != "%" and fig["value"] is not None \
                and registry.load_all()[key].precision == 0:
            assert isinstance(fig["value"], int) and isinstance(cell["数值"], int), key
    assert disagree == []
