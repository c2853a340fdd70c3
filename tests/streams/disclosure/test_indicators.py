"""Indicators (spec §4.5, §19 GIP-1, GIP-2, GIP-4) and table 三 of the GIP annual report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from fazhi.core import deadlines
from fazhi.core.models import Notification, Unit
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period, compute, load_all
from fazhi.streams.disclosure import rules
from fazhi.streams.disclosure.indicators import table_three
from fazhi.streams.disclosure.models import DisclosureRequest
from tests.streams.disclosure.conftest import ID, credit_code

pytestmark = pytest.mark.django_db
Y2025 = Period.year(2025)

KEYS = {
    "disclosure.requests": "本年新收政府信息公开申请数量",
    "disclosure.carried_in": "上年结转政府信息公开申请数量",
    "disclosure.handled": "本年度办理政府信息公开申请总计",
    "disclosure.replied_public": "办理结果：予以公开",
    "disclosure.replied_partial": "办理结果：部分公开",
    "disclosure.replied_refused": "办理结果：不予公开",
    "disclosure.replied_no_info": "办理结果：无法提供",
    "disclosure.replied_not_processed": "办理结果：不予处理",
    "disclosure.replied_other": "办理结果：其他处理",
    "disclosure.carried_over": "结转下年度继续办理",
    "disclosure.reply_rate": "依申请公开答复率",
    "disclosure.on_time_rate": "依申请公开按期答复率",
    "disclosure.correction_rate": "依申请公开复议诉讼纠错率",
}


def add(unit, no: str, received: date, *, closed: date | None = None, state: str = "under_review",
        reply_type: str = "", reason: str = "", applicant: str = "natural", **extra) -> DisclosureRequest:
    ident = {"applicant_id_number": ID} if applicant == "natural" else {"applicant_credit_code": credit_code()}
    request = DisclosureRequest.objects.create(
        unit=unit, year=received.year, request_no=no, channel="in_person", submitted_on=received, state=state,
        applicant_type=applicant, applicant_name="申请人", applicant_phone="13912345678", information="某信息",
        reply_type=reply_type, reply_reason=reason, replied_on=closed if state != "deemed_withdrawn" else None,
        closed_on=closed, **ident, **extra)
    reply = deadlines.deadline_set(record=request, rule=rules.REPLY, start=received)
    if closed:
        deadlines.deadline_meet(deadline=reply, on=closed)
    return request


@pytest.fixture
def year_2025(market_unit, transport_unit):
    add(market_unit, "A", date(2025, 3, 3), closed=date(2025, 3, 20), state="archived", reply_type="public")
    add(market_unit, "B", date(2025, 4, 1), closed=date(2025, 6, 30), state="delivered", reply_type="refused",
        reason="refused_process", applicant="commercial")  # late: due 2025-04-30
    add(market_unit, "C", date(2025, 12, 1))  # due 2025-12-29, still open at the year's end
    add(transport_unit, "D", date(2025, 12, 25))  # due in January: carried over, not yet due
    add(market_unit, "E", date(2025, 5, 6), closed=date(2025, 6, 3), state="deemed_withdrawn", reply_type="other",
        reason="other_no_supplement")
    add(transport_unit, "F", date(2024, 12, 20), closed=date(2025, 1, 10), state="archived",
        reply_type="already_public", applicant="research")


def test_every_indicator_is_registered_once_under_its_key_and_label():
    registered = load_all()
    assert {key: registered[key].label for key in KEYS} == KEYS
    assert registered["disclosure.reply_rate"].unit == "%" and registered["disclosure.requests"].unit == "件"


def test_the_reply_rate_counts_replies_over_requests_due_in_the_period(county, year_2025):
    result = compute("disclosure.reply_rate", county.descendants(), Y2025)
    assert (result.numerator, result.denominator, result.value) == (3, 4, 75)
    assert set(result.records.values_list("request_no", flat=True)) == {"A", "B", "C", "F"}


def test_the_on_time_rate_counts_replies_by_their_due_date(county, year_2025):
    result = compute("disclosure.on_time_rate", county.descendants(), Y2025)
    assert (result.numerator, result.denominator) == (2, 3)
    assert round(result.value, 1) == Decimal("66.7")


def test_the_table_three_counts_balance_per_applicant_column(county, year_2025):
    units = county.descendants()
    figures = {key: compute(key, units, Y2025).value for key in KEYS if not key.endswith("_rate")}
    assert figures == {
        "disclosure.requests": 5, "disclosure.carried_in": 1, "disclosure.handled": 4, "disclosure.carried_over": 2,
        "disclosure.replied_public": 2, "disclosure.replied_partial": 0, "disclosure.replied_refused": 1,
        "disclosure.replied_no_info": 0, "disclosure.replied_not_processed": 0, "disclosure.replied_other": 1,
    }
    table = table_three(units, Y2025)
    assert table.balanced
    assert table.row("new").counts == {"natural": 4, "commercial": 1}
    assert table.row("carried_in").counts == {"research": 1}
    assert table.row("refused_process").total == 1 and table.row("other_no_supplement").total == 1


def test_a_table_that_does_not_balance_says_where(county, year_2025):
    table = table_three(county.descendants(), Y2025)
    table.row("carried_forward").counts["natural"] += 1
    assert table.balance_problems() == ["自然人：新收4+上年结转0≠办理2+结转下年度3"]


def test_the_rows_of_unconfirmed_mapping_are_settings(county, year_2025, settings):
    units = county.descendants()
    assert compute("disclosure.replied_public", units, Y2025).value == 2
    settings.FAZHI_DISCLOSURE_ALREADY_PUBLIC_ROW = "other"
    assert compute("disclosure.replied_public", units, Y2025).value == 1
    assert compute("disclosure.replied_other", units, Y2025).value == 2
    assert table_three(units, Y2025).balanced


def test_a_unit_sees_only_its_own_figures(market_unit, year_2025):
    from fazhi.core.models import Unit as UnitModel

    result = compute("disclosure.requests", UnitModel.objects.filter(pk=market_unit.pk), Y2025)
    assert result.value == 4


def test_nothing_due_gives_no_rate_rather_than_one_hundred_percent(county):
    assert compute("disclosure.reply_rate", county.descendants(), Y2025).value is None


def test_the_demo_reproduces_the_seed_reply_rate_and_a_balanced_2023_table(db):
    call_command("fazhi_demo", streams="disclosure")
    county = Unit.objects.get(code="430771")
    figure = compute_figure("disclosure.reply_rate", county, Period.year(2023))
    assert figure.display == "100%"
    assert (figure.result.numerator, figure.result.denominator) == (12, 12)
    assert compute_figure("disclosure.on_time_rate", county, Period.year(2023)).display == "100%"
    table = table_three(county.descendants(), Period.year(2023))
    assert table.balance_problems() == []
    rows = {key: table.row(key).total for key in ("new", "carried_in", "public", "partial", "refused", "no_info",
                                                  "not_processed", "other", "handled", "carried_forward")}
    assert rows == {"new": 13, "carried_in": 1, "public": 6, "partial": 1, "refused": 1, "no_info": 2,
                    "not_processed": 2, "other": 1, "handled": 13, "carried_forward": 1}
    assert table_three(county.descendants(), Period.year(2024)).balanced


def test_the_demo_twice_duplicates_nothing_and_its_open_requests_raise_reminders(db):
    call_command("fazhi_demo", streams="disclosure")
    count = DisclosureRequest.objects.count()
    call_command("fazhi_demo", streams="disclosure")
    assert DisclosureRequest.objects.count() == count
    call_command("fazhi_remind")
    titles = set(Notification.objects.filter(user__username="clerk").values_list("title", flat=True))
    assert any(t.startswith("已超期：答复期限") for t in titles)
    assert any(t.startswith("即将到期：答复期限") for t in titles)


def test_the_annual_page_shows_table_three_and_its_balance(login, coordinator, db):
    call_command("fazhi_demo", streams="disclosure")
    coordinator.refresh_from_db()  # the demo reset the demo accounts' passwords
    html = login(coordinator).get("/s/disclosure/annual/", {"year": 2023}).content.decode()
    assert "2023年 收到和处理政府信息公开申请情况" in html
    assert "勾稽关系成立" in html and "（七）总计" in html and "四、结转下年度继续办理" in html
