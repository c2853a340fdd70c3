"""Fixtures of the 依申请公开 tests: a request of 市场监管局 and one of 交通运输局, and the
form data a clerk types (synthetic applicants with valid check characters)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.identifiers import id_check_char, uscc_check_char
from fazhi.core.ledger import record_create
from fazhi.streams.disclosure.models import DisclosureRequest


def person_id(first17: str = "43077119850312001") -> str:
    return first17 + id_check_char(first17)


def credit_code(first17: str = "91430771MA4L2K3R7") -> str:
    return first17 + uscc_check_char(first17)


def bad_check(value: str) -> str:
    """The same identifier with a wrong check character."""
    wrong = "0" if value[-1] != "0" else "1"
    return value[:-1] + wrong


ID = person_id()


def request_fields(**overrides) -> dict:
    fields = {
        "year": 2026, "request_no": "依申2026-001", "channel": "in_person", "submitted_on": date(2026, 3, 2),
        "applicant_type": "natural", "applicant_name": "张三丰", "applicant_id_number": ID,
        "applicant_phone": "13912345678", "applicant_address": "西洞庭管理区祝丰镇示例村3组18号",
        "information": "2025年度食品安全抽检结果",
    }
    return {**fields, **overrides}


def form_data(unit, **overrides) -> dict:
    """What the create/edit form posts (dates as text, empty optional fields left out)."""
    data = {"unit": unit.pk}
    for name, value in request_fields(**overrides).items():
        if value is None:
            continue
        data[name] = value.isoformat() if isinstance(value, date) else value
    return data


@pytest.fixture
def make_request(clerk, market_unit):
    def _make(by=None, unit=None, **overrides) -> DisclosureRequest:
        return record_create(DisclosureRequest, by=by or clerk, unit=unit or market_unit, **request_fields(**overrides))

    return _make


@pytest.fixture
def market_request(make_request) -> DisclosureRequest:
    return make_request()


@pytest.fixture
def transport_request(other_clerk, transport_unit) -> DisclosureRequest:
    return record_create(DisclosureRequest, by=other_clerk, unit=transport_unit,
                         **request_fields(request_no="交通依申2026-007", applicant_name="李四光",
                                          information="公交线路调整论证材料"))


def edit(client, record, **changes):
    """Post the record's edit form with its current values and ``changes``."""
    from fazhi.streams.disclosure.views import FORM_FIELDS

    record.refresh_from_db()
    data = {"unit": record.unit_id, "year": record.year, "version": record.version}
    for name in FORM_FIELDS:
        value = changes.get(name, getattr(record, name))
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else (value.isoformat() if isinstance(value, date) else value)
    return client.post(f"/s/disclosure/{record.pk}/edit/", data)


def do(client, record, name: str, **post):
    """Click a transition button and confirm; returns the page the user lands on."""
    response = client.post(f"/s/disclosure/{record.pk}/do/{name}/", post, follow=True)
    record.refresh_from_db()
    return response.content.decode()


SHANGHAI = "Asia/Shanghai"


@pytest.fixture
def on_day(time_machine):
    """on_day(date) makes that date 'today' (10:00 Beijing time), without the clock ticking."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    def _on(day: date) -> None:
        time_machine.move_to(datetime(day.year, day.month, day.day, 10, 0, tzinfo=ZoneInfo(SHANGHAI)), tick=False)

    return _on


@pytest.fixture(autouse=True)
def _sessions_outlive_time_travel(settings):
    """Tests move 'today' across months; the 30-minute idle timeout must not sign users out."""
    settings.STAFF_SESSION_IDLE_MINUTES = 60 * 24 * 366 * 10
