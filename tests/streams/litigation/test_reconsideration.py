"""The 行政复议 ledger (unit as respondent) under the 2023 行政复议法: its working-day periods
(第八十八条), the calendar decision period with suspension and an approved extension
(第三十九条、第六十二条), supplementation (第三十一条) and the closing guards."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.deadlines import deadlines_of
from fazhi.core.ledger import record_create
from fazhi.core.models import AuditEvent
from fazhi.streams.litigation.models import Reconsideration
from fazhi.streams.litigation.views import RECONSIDERATIONS as R
from tests.streams.litigation.conftest import recon_fields

pytestmark = pytest.mark.django_db


def due(rec, key: str) -> date:
    return deadlines_of(rec).get(key=key).due


def test_a_clerk_registers_an_application_by_form_and_the_review_period_starts(login, clerk, market_unit):
    data = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in recon_fields().items()}
    response = login(clerk).post("/s/litigation/reconsiderations/new/", {"unit": market_unit.pk, **data})
    rec = Reconsideration.objects.get()
    assert response.status_code == 302 and rec.state == "received"
    review = deadlines_of(rec).get(key="acceptance")
    # Received Thu 2024-02-08: Fri 02-09 is a working day, then the Spring Festival break
    # (02-10..02-17); the make-up Sunday 02-18 counts: 02-09, 18, 19, 20, 21 -> 2024-02-21.
    assert (review.due, review.rule) == (date(2024, 2, 21), "working")
    assert "第三十条" in review.basis and "第八十八条" in review.basis


def test_the_ordinary_procedure_periods_across_national_day(edit, do, clerk, market_unit):
    rec = record_create(Reconsideration, by=clerk, unit=market_unit,
                        **recon_fields(received_on=date(2024, 9, 23)))
    assert "请先填写受理日期" in do(clerk, rec, R, "accept")
    edit(clerk, rec, R, accepted_on=date(2024, 9, 27))
    do(clerk, rec, R, "accept")
    assert rec.state == "accepted"
    assert deadlines_of(rec).get(key="acceptance").met_on == date(2024, 9, 27)
    # 7 working days from Fri 09-27: Sun 09-29 (make-up), 09-30, 10-08, 09, 10, 11, Sat 10-12 (make-up).
    assert due(rec, "send_copy") == date(2024, 10, 12)
    # 60 calendar days from 09-27 is 2024-11-26 (a Tuesday): no roll.
    assert due(rec, "decision") == date(2024, 11, 26)
    edit(clerk, rec, R, copy_served_on=date(2024, 9, 30))
    do(clerk, rec, R, "serve_copy")
    # 10 working days from 09-30: 10-08 .. 10-12 (5, with the make-up Saturday), 10-14 .. 10-18.
    assert due(rec, "reply") == date(2024, 10, 18)
    edit(clerk, rec, R, reply_submitted_on=date(2024, 10, 17))
    do(clerk, rec, R, "reply")
    assert deadlines_of(rec).get(key="reply").met_on == date(2024, 10, 17)
    assert rec.state == "answered"


def test_the_decision_period_ends_after_a_holiday(edit, do, clerk, market_unit):
    rec = record_create(Reconsideration, by=clerk, unit=market_unit, **recon_fields(year=2025, received_on=date(2025, 7, 30)))
    edit(clerk, rec, R, accepted_on=date(2025, 8, 2))
    do(clerk, rec, R, "accept")
    # Day 60 is 2025-10-01 (National Day, 10-01..10-08 off): it ends on Thursday 2025-10-09.
    assert due(rec, "decision") == date(2025, 10, 9)


def test_the_simple_procedure_uses_3_and_5_working_days_and_30_days(edit, do, clerk, market_unit):
    rec = record_create(Reconsideration, by=clerk, unit=market_unit,
                        **recon_fields(year=2025, received_on=date(2025, 1, 20), procedure="simple"))
    edit(clerk, rec, R, accepted_on=date(2025, 1, 24))
    do(clerk, rec, R, "accept")
    # 2025 Spring Festival: 01-28..02-04 off, Sun 01-26 and Sat 02-08 are working days.
    assert due(rec, "send_copy") == date(2025, 2, 5)  # 01-26, 01-27, 02-05
    assert due(rec, "decision") == date(2025, 2, 24)  # day 30 is Sun 02-23
    edit(clerk, rec, R, copy_served_on=date(2025, 1, 27))
    do(clerk, rec, R, "serve_copy")
    assert due(rec, "reply") == date(2025, 2, 10)  # 02-05, 06, 07, Sat 02-08, Mon 02-10


def test_supplementation_restarts_the_review_and_an_expired_one_is_abandoned(edit, do, clerk, market_unit):
    rec = record_create(Reconsideration, by=clerk, unit=market_unit, **recon_fields(received_on=date(2024, 3, 4)))
    assert "请先填写补正通知送达日期" in do(clerk, rec, R, "request_supplement")
    edit(clerk, rec, R, supplement_notice_on=date(2024, 3, 6))
    do(clerk, rec, R, "request_supplement")
    assert rec.state == "supplement"
    assert deadlines_of(rec).get(key="acceptance").met_on == date(2024, 3, 6)
    assert due(rec, "supplement") == date(2024, 3, 20)  # 10 working days
    edit(clerk, rec, R, supplement_received_on=date(2024, 3, 15))
    do(clerk, rec, R, "supplemented")
    assert rec.state == "received"
    review = deadlines_of(rec).get(key="acceptance")
    assert (review.start, review.due) == (date(2024, 3, 15), date(2024, 3, 22))


def test_an_application_is_abandoned_only_after_the_supplement_period(edit, do, clerk, market_unit, settings):
    rec = record_create(Reconsideration, by=clerk, unit=market_unit, **recon_fields(received_on=date(2024, 3, 4)))
    edit(clerk, rec, R, supplement_notice_on=date(2024, 3, 6))
    do(clerk, rec, R, "request_supplement")
    do(clerk, rec, R, "abandon")  # today is long after 2024-03-20
    assert rec.state == "abandoned"
    assert not deadlines_of(rec).filter(met_on__isnull=True).exists()


def test_an_application_still_within_its_supplement_period_is_not_abandoned(edit, do, clerk, market_unit):
    from django.utils import timezone

    today = timezone.localdate()
    rec = record_create(Reconsideration, by=clerk, unit=market_unit,
                        **recon_fields(year=today.year, received_on=today))
    edit(clerk, rec, R, supplement_notice_on=today)
    do(clerk, rec, R, "request_supplement")
    assert "补正期限尚未届满" in do(clerk, rec, R, "abandon")
    assert rec.state == "supplement"


def test_a_rejection_needs_date_and_reason(edit, do, clerk, market_recon):
    assert "请先填写不予受理决定日期和不予受理理由" in do(clerk, market_recon, R, "reject")
    edit(clerk, market_recon, R, rejected_on=date(2024, 2, 19), rejection_reason="不属于行政复议范围")
    do(clerk, market_recon, R, "reject")
    assert market_recon.state == "rejected"
    assert deadlines_of(market_recon).get(key="acceptance").met_on == date(2024, 2, 19)


def accept_and_answer(edit, do, user, rec) -> None:
    edit(user, rec, R, accepted_on=date(2024, 2, 19), copy_served_on=date(2024, 2, 20),
         reply_submitted_on=date(2024, 3, 1))
    for name in ("accept", "serve_copy", "reply"):
        do(user, rec, R, name)


def test_a_suspension_stops_the_decision_clock_and_resumption_restarts_it(edit, do, clerk, market_recon):
    accept_and_answer(edit, do, clerk, market_recon)
    assert due(market_recon, "decision") == date(2024, 4, 19)  # 60 days after 2024-02-19
    assert "请先填写中止日期和中止原因" in do(clerk, market_recon, R, "suspend")
    edit(clerk, market_recon, R, suspended_on=date(2024, 3, 11), suspension_reason="申请人丧失参加复议的能力")
    do(clerk, market_recon, R, "suspend")
    assert market_recon.state == "suspended"
    edit(clerk, market_recon, R, resumed_on=date(2024, 3, 21))
    do(clerk, market_recon, R, "resume")
    # 03-11 .. 03-20 (10 days) are not counted: 2024-04-19 + 10 = 2024-04-29.
    assert market_recon.state == "answered" and due(market_recon, "decision") == date(2024, 4, 29)
    html = do(clerk, market_recon, R, "decide")
    assert "请先填写决定类型和决定日期" in html


def test_an_approved_extension_of_at_most_30_days_moves_the_decision_due_date(login, edit, do, clerk, market_recon):
    accept_and_answer(edit, do, clerk, market_recon)
    client = login(clerk)
    url = f"/s/litigation/reconsiderations/{market_recon.pk}/extend/"
    html = client.post(url, {"days": 31, "approved_by": "复议办主任", "on": "2024-04-10", "reason": "情况复杂"},
                       follow=True).content.decode()
    assert due(market_recon, "decision") == date(2024, 4, 19) and "延长天数" in html
    html = client.post(url, {"days": 30, "approved_by": "复议办主任", "on": "2024-04-10", "reason": "案情复杂需调查"},
                       follow=True).content.decode()
    deadline = deadlines_of(market_recon).get(key="decision")
    assert deadline.due == date(2024, 5, 20)  # 04-19 + 30 = 05-19, a Sunday
    assert "经复议办主任批准延长30日" in html
    html = client.post(url, {"days": 5, "approved_by": "复议办主任", "on": "2024-04-11", "reason": "再次延长"},
                       follow=True).content.decode()
    assert "延长期限最多不得超过30日" in html and deadlines_of(market_recon).get(key="decision").due == date(2024, 5, 20)
    assert AuditEvent.objects.filter(object_id=str(market_recon.pk), note__contains="批准延长").count() == 1


def test_the_simple_procedure_cannot_be_extended(login, edit, do, clerk, market_unit):
    rec = record_create(Reconsideration, by=clerk, unit=market_unit, **recon_fields(procedure="simple"))
    edit(clerk, rec, R, accepted_on=date(2024, 2, 19))
    do(clerk, rec, R, "accept")
    client = login(clerk)
    assert "延长审理期限" not in client.get(f"/s/litigation/reconsiderations/{rec.pk}/").content.decode()
    html = client.post(f"/s/litigation/reconsiderations/{rec.pk}/extend/",
                       {"days": 10, "approved_by": "主任", "on": "2024-03-01", "reason": "复杂"},
                       follow=True).content.decode()
    assert "适用简易程序的案件不能延长审理期限" in html


def test_a_correction_decision_must_be_performed_before_closing(edit, do, clerk, market_recon):
    accept_and_answer(edit, do, clerk, market_recon)
    edit(clerk, market_recon, R, decided_on=date(2024, 4, 15), decision_type="revoke", decision_number="西复决〔2024〕1号")
    do(clerk, market_recon, R, "decide")
    assert market_recon.state == "decided"
    assert deadlines_of(market_recon).get(key="decision").met_on == date(2024, 4, 15)
    assert "纠错决定须先登记被申请人履行情况" in do(clerk, market_recon, R, "close")
    assert "请先填写履行日期" in do(clerk, market_recon, R, "perform")
    edit(clerk, market_recon, R, performed_on=date(2024, 5, 6), performance="已撤销原处罚决定并退还罚款")
    do(clerk, market_recon, R, "perform")
    do(clerk, market_recon, R, "close")
    assert market_recon.state == "closed"


def test_an_opinion_letter_must_be_answered_within_60_days_before_closing(edit, do, clerk, market_recon):
    accept_and_answer(edit, do, clerk, market_recon)
    edit(clerk, market_recon, R, decided_on=date(2024, 4, 15), decision_type="uphold",
         opinion_received_on=date(2024, 4, 15))
    assert due(market_recon, "opinion") == date(2024, 6, 14)
    do(clerk, market_recon, R, "decide")
    assert "尚未报送纠正情况" in do(clerk, market_recon, R, "close")
    edit(clerk, market_recon, R, opinion_reported_on=date(2024, 6, 1))
    assert deadlines_of(market_recon).get(key="opinion").met_on == date(2024, 6, 1)
    do(clerk, market_recon, R, "close")
    assert market_recon.state == "closed"


def test_a_decision_type_cannot_be_cleared_after_the_decision(login, edit, do, clerk, market_recon):
    from tests.forms import form_data

    accept_and_answer(edit, do, clerk, market_recon)
    edit(clerk, market_recon, R, decided_on=date(2024, 4, 15), decision_type="uphold")
    do(clerk, market_recon, R, "decide")
    market_recon.refresh_from_db()
    response = login(clerk).post(R.url("update", market_recon.pk), form_data(R, market_recon, decision_type=""))
    assert "决定类型不能为空" in response.content.decode()


def test_moving_to_the_ordinary_procedure_recounts_the_open_decision_period(edit, do, clerk, market_unit):
    rec = record_create(Reconsideration, by=clerk, unit=market_unit, **recon_fields(procedure="simple"))
    edit(clerk, rec, R, accepted_on=date(2024, 2, 19))
    do(clerk, rec, R, "accept")
    assert due(rec, "decision") == date(2024, 3, 20)  # 30 days
    edit(clerk, rec, R, procedure="ordinary")  # 第五十五条: converted with the office head's approval
    decision = deadlines_of(rec).get(key="decision")
    assert (decision.days, decision.due) == (60, date(2024, 4, 19))
    assert due(rec, "send_copy") == date(2024, 2, 28)  # 7 working days after 02-19


def test_each_suspension_is_left_out_of_the_decision_period_and_a_corrected_date_moves_it(
        edit, do, clerk, market_recon):
    """The decision period is declared on the record (models: tracked): its pauses are the
    suspensions the suspend/resume steps keep, so a second suspension does not lose the first."""
    accept_and_answer(edit, do, clerk, market_recon)
    edit(clerk, market_recon, R, suspended_on=date(2024, 3, 11), suspension_reason="申请人丧失参加复议的能力")
    do(clerk, market_recon, R, "suspend")
    edit(clerk, market_recon, R, resumed_on=date(2024, 3, 21))
    do(clerk, market_recon, R, "resume")
    assert due(market_recon, "decision") == date(2024, 4, 29)  # 03-11 … 03-20 not counted

    edit(clerk, market_recon, R, suspended_on=date(2024, 3, 18), resumed_on=None, suspension_reason="等待相关案件审结")
    assert "中止日期应在上次恢复日期之后" in do(clerk, market_recon, R, "suspend")
    edit(clerk, market_recon, R, suspended_on=date(2024, 3, 25))
    do(clerk, market_recon, R, "suspend")
    decision = deadlines_of(market_recon).get(key="decision")
    assert [(p["start"], p["end"]) for p in decision.pauses] == [("2024-03-11", "2024-03-20"), ("2024-03-25", None)]
    edit(clerk, market_recon, R, resumed_on=date(2024, 3, 30))
    do(clerk, market_recon, R, "resume")
    # 03-25 … 03-29 not counted either: day 60 is 2024-05-04, in the May Day holiday, so 05-06
    assert due(market_recon, "decision") == date(2024, 5, 6)
    assert market_recon.suspensions[1]["reason"] == "中止审理：等待相关案件审结"

    edit(clerk, market_recon, R, decision_type="uphold", decided_on=date(2024, 4, 30))
    do(clerk, market_recon, R, "decide")
    assert {d.key: d.met_on for d in deadlines_of(market_recon)} == {
        "acceptance": date(2024, 2, 19), "send_copy": date(2024, 2, 20), "reply": date(2024, 3, 1),
        "decision": date(2024, 4, 30)}
    edit(clerk, market_recon, R, decided_on=date(2024, 5, 7))  # a typo corrected: now one day late
    decision = deadlines_of(market_recon).get(key="decision")
    assert (decision.met_on, decision.due) == (date(2024, 5, 7), date(2024, 5, 6))
