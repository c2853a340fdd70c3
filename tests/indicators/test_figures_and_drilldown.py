from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from fazhi.indicators.registry import Indicator, Result
from fazhi.streams.study.models import StudySession

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions(county, market_unit, transport_unit):
    for unit, title in [(market_unit, "市场监管局专题研究"), (transport_unit, "交通局专题研究"), (county, "区党委会专题研究")]:
        StudySession.objects.create(unit=unit, year=2023, kind="topic", title=title, state="closed",
                                    held_on=date(2023, 5, 1))


@pytest.mark.parametrize(("value", "precision", "unit", "shown"), [
    (Decimal("99.2831"), 1, "%", "99.3%"), (Decimal(100), 1, "%", "100%"), (Decimal("99.87"), 2, "%", "99.87%"),
    (837, 0, "件", "837件"), (None, 1, "%", "—"),
])
def test_figures_display_as_the_report_prints_them(value, precision, unit, shown):
    ind = Indicator("x.y", "测试", unit, lambda u, p: Result(value), precision=precision)
    assert ind.display(Result(value)) == shown


def test_the_report_command_prints_every_figure_as_json(sessions, capsys):
    call_command("fazhi_report", "--year", "2023")
    data = json.loads(capsys.readouterr().out)
    assert data["unit"] == {"code": "430771", "name": "常德市西洞庭管理区"}
    assert data["figures"]["study.topic_sessions"]["value"] == 3
    assert data["figures"]["study.topic_sessions"]["display"] == "3次"


def test_a_figure_opens_to_exactly_the_records_behind_it(login, coordinator, sessions):
    client = login(coordinator)
    page = client.get("/indicators/", {"unit": "430771", "year": 2023}).content.decode()
    assert "专题研究法治工作次数" in page and "3次" in page
    html = client.get("/indicators/study.topic_sessions/", {"unit": "430771", "year": 2023}).content.decode()
    assert all(t in html for t in ("市场监管局专题研究", "交通局专题研究", "区党委会专题研究"))
    response = client.get("/indicators/study.topic_sessions/", {"unit": "430771", "year": 2023, "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert len(rows) == 4 and rows[0] == ("记录", "承办单位", "年度", "状态")


def test_a_clerk_drills_down_only_into_the_own_unit(login, clerk, sessions):
    client = login(clerk)
    html = client.get("/indicators/study.topic_sessions/", {"unit": "430771", "year": 2023}).content.decode()
    assert "市场监管局专题研究" in html and "交通局专题研究" not in html
    assert "1次" in html


def test_an_unknown_indicator_is_a_404(login, coordinator, county):
    assert login(coordinator).get("/indicators/no.such/").status_code == 404
