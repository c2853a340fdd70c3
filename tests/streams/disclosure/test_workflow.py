"""Handling a request through the pages, from registration to archive (条例 第四十五条), with the
guards that refuse a step in Chinese: 补正 within 7 working days (第三十条), the third-party
consultation that pauses the clock (第三十三条第三款), one extension of at most 20 working days
approved by the head (第三十三条第二款), and no refusal without its reason (第三十六条)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.deadlines import deadlines_of, explain
from fazhi.core.models import AuditEvent
from tests.streams.disclosure.conftest import do, edit

pytestmark = pytest.mark.django_db


def due(record, key: str = "reply") -> date:
    return deadlines_of(record).get(key=key).due


def test_a_request_goes_from_receipt_to_archive_through_the_pages(login, clerk, head, make_request, on_day):
    on_day(date(2024, 1, 29))
    request = make_request(submitted_on=date(2024, 1, 29))
    clerk_client = login(clerk)
    do(clerk_client, request, "register")
    do(clerk_client, request, "start_review")
    assert request.state == "under_review"

    html = do(clerk_client, request, "consult")
    assert "请先在编辑页填写第三方和征求第三方意见开始日期" in html and request.state == "under_review"
    on_day(date(2024, 2, 1))
    assert edit(clerk_client, request, third_party="某食品公司", consult_started_on=date(2024, 2, 1)).status_code == 302
    do(clerk_client, request, "consult")
    assert request.state == "third_party_consult"
    assert due(request, "third_party") == date(2024, 2, 27)  # 15 wd across the Spring Festival (条例 第三十二条)

    on_day(date(2024, 2, 20))
    edit(clerk_client, request, consult_ended_on=date(2024, 2, 20))
    do(clerk_client, request, "consult_done")
    assert request.state == "under_review"
    assert due(request) == date(2024, 3, 15)  # 20 wd after 1-29, 2-1..2-20 not counted

    on_day(date(2024, 3, 11))
    head_client = login(head)
    page = head_client.get(f"/s/disclosure/{request.pk}/do/extend/").content.decode()
    assert "延长工作日数" in page and "只能延长一次" in page
    response = head_client.post(f"/s/disclosure/{request.pk}/do/extend/", {"days": 10, "reason": "需调取历年档案"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == "extended" and request.extension_approver == "head"
    assert request.extension_approved_on == date(2024, 3, 11)
    assert due(request) == date(2024, 3, 29)

    clerk_client = login(clerk)  # the same browser, signed in as the clerk again
    do(clerk_client, request, "secrecy_review")
    on_day(date(2024, 3, 25))
    edit(clerk_client, request, reply_type="refused", replied_on=date(2024, 3, 25))
    html = do(clerk_client, request, "reply")
    assert "不予公开的，须告知申请人并说明理由" in html and request.state == "secrecy_review"
    edit(clerk_client, request, reply_reason="refused_third_party", reply_basis="政府信息公开条例 第十五条")
    do(clerk_client, request, "reply")
    assert request.state == "replied" and request.closed_on == date(2024, 3, 25)
    assert deadlines_of(request).get(key="reply").met_on == date(2024, 3, 25)

    assert "请先在编辑页填写送达日期" in do(clerk_client, request, "deliver")
    edit(clerk_client, request, delivered_on=date(2024, 3, 25), delivery_proof="当面签收")
    do(clerk_client, request, "deliver")
    assert "请先在编辑页填写归档号" in do(clerk_client, request, "archive")
    edit(clerk_client, request, archive_no="GK-2024-001")
    html = do(clerk_client, request, "archive")
    assert request.state == "archived" and "已归档" in html
    events = AuditEvent.objects.filter(action="transition", object_id=str(request.pk))
    assert events.count() == 9
    assert list(events.filter(actor=head).values_list("note", flat=True)) == ["批准延期答复：延长10个工作日：需调取历年档案"]


def test_a_supplement_must_be_asked_within_seven_working_days_and_restarts_the_reply_clock(
        login, clerk, make_request, on_day):
    on_day(date(2024, 2, 7))
    request = make_request(submitted_on=date(2024, 1, 29))
    client = login(clerk)
    do(client, request, "register")
    assert due(request, "supplement_notice") == date(2024, 2, 6)

    html = do(client, request, "request_supplement")
    assert "请先在编辑页填写补正通知日期和补正期限" in html
    edit(client, request, supplement_requested_on=date(2024, 2, 7), supplement_deadline=date(2024, 2, 29))
    html = do(client, request, "request_supplement")
    assert "7个工作日内一次性告知（政府信息公开条例 第三十条），本申请最迟应于2024年2月6日通知补正" in html
    assert request.state == "registered"

    edit(client, request, supplement_requested_on=date(2024, 2, 6))
    do(client, request, "request_supplement")
    assert request.state == "supplement_requested"
    assert deadlines_of(request).get(key="supplement_notice").met_on == date(2024, 2, 6)
    reply = deadlines_of(request).get(key="reply")
    assert reply.pauses[0]["start"] == "2024-02-06" and reply.pauses[0]["end"] is None

    on_day(date(2024, 2, 20))
    assert "补正期限（2024年2月29日）届满前不能视为放弃申请" in do(client, request, "deem_withdrawn")
    edit(client, request, supplement_received_on=date(2024, 2, 20))
    do(client, request, "take_supplement")
    reply = deadlines_of(request).get(key="reply")
    assert request.state == "supplemented"
    assert (reply.start, reply.due, reply.pauses) == (date(2024, 2, 20), date(2024, 3, 19), [])
    assert "自行政机关收到补正的申请之日起计算" in reply.basis
    do(client, request, "start_review")
    assert request.state == "under_review"


def test_without_a_supplement_the_request_is_deemed_withdrawn_after_the_period(login, clerk, make_request, on_day):
    on_day(date(2026, 3, 4))
    request = make_request()
    client = login(clerk)
    do(client, request, "register")
    edit(client, request, supplement_requested_on=date(2026, 3, 4), supplement_deadline=date(2026, 3, 18))
    do(client, request, "request_supplement")
    on_day(date(2026, 3, 19))
    html = do(client, request, "deem_withdrawn")
    assert request.state == "deemed_withdrawn" and "视为放弃申请" in html
    assert (request.reply_type, request.reply_reason, request.closed_on) == (
        "other", "other_no_supplement", date(2026, 3, 19))
    assert not deadlines_of(request).filter(met_on__isnull=True).exists()


def _under_review(client, request):
    do(client, request, "register")
    do(client, request, "start_review")


def test_the_reply_period_can_be_extended_only_once(login, clerk, head, make_request, on_day):
    on_day(date(2023, 10, 20))
    request = make_request(year=2023, submitted_on=date(2023, 9, 25))
    _under_review(login(clerk), request)
    assert due(request) == date(2023, 10, 27)  # across National Day, Oct 7-8 worked
    client = login(head)
    client.post(f"/s/disclosure/{request.pk}/do/extend/", {"days": 20, "reason": "信息量大"})
    request.refresh_from_db()
    assert due(request) == date(2023, 11, 24)
    steps = " ".join(explain(deadlines_of(request).get(key="reply")))
    assert "经head批准延长20个工作日（信息量大）" in steps
    response = client.post(f"/s/disclosure/{request.pk}/do/extend/", {"days": 5, "reason": "再延"})
    assert "答复期限只能延长一次" in response.content.decode()
    assert due(request) == date(2023, 11, 24)


def test_an_extension_after_the_due_date_or_beyond_twenty_days_is_refused(login, clerk, head, make_request, on_day):
    on_day(date(2023, 10, 30))
    request = make_request(year=2023, submitted_on=date(2023, 9, 25))
    _under_review(login(clerk), request)
    client = login(head)
    response = client.post(f"/s/disclosure/{request.pk}/do/extend/", {"days": 21, "reason": "x"})
    assert "20" in response.content.decode() and response.status_code == 200
    response = client.post(f"/s/disclosure/{request.pk}/do/extend/", {"days": 10, "reason": "信息量大"})
    assert "答复期限已于2023年10月27日届满，延期须在期限届满前批准" in response.content.decode()
    request.refresh_from_db()
    assert request.state == "under_review" and request.extension_days is None
    assert not deadlines_of(request).get(key="reply").extensions


def test_a_clerk_cannot_approve_an_extension(login, clerk, make_request, on_day):
    on_day(date(2026, 3, 3))
    request = make_request()
    client = login(clerk)
    _under_review(client, request)
    assert "批准延期答复" not in client.get(f"/s/disclosure/{request.pk}/").content.decode()
    assert client.post(f"/s/disclosure/{request.pk}/do/extend/", {"days": 5, "reason": "x"}).status_code == 403
    request.refresh_from_db()
    assert request.state == "under_review"


@pytest.mark.parametrize(("reply_type", "message"), [
    ("no_info", "答复类型为“无法提供”的，须选择相应的答复理由"),
    ("not_processed", "答复类型为“不予处理”的，须选择相应的答复理由"),
    ("partial", "答复类型为“部分公开”的，须选择相应的答复理由"),
])
def test_other_replies_that_need_a_reason_are_refused_without_one(login, clerk, make_request, on_day, reply_type,
                                                                  message):
    on_day(date(2026, 3, 10))
    request = make_request()
    client = login(clerk)
    _under_review(client, request)
    do(client, request, "secrecy_review")
    edit(client, request, reply_type=reply_type, replied_on=date(2026, 3, 10))
    assert message in do(client, request, "reply")
    assert request.state == "secrecy_review"


def test_a_reply_dated_in_the_future_is_refused(login, clerk, make_request, on_day):
    on_day(date(2026, 3, 10))
    request = make_request()
    client = login(clerk)
    _under_review(client, request)
    do(client, request, "secrecy_review")
    edit(client, request, reply_type="public", replied_on=date(2026, 3, 11))
    assert "答复日期不能晚于今天" in do(client, request, "reply")


def test_the_receipt_date_is_fixed_once_the_request_is_under_review(login, clerk, make_request, on_day):
    on_day(date(2026, 3, 10))
    request = make_request()
    client = login(clerk)
    _under_review(client, request)
    response = edit(client, request, submitted_on=date(2026, 3, 3))
    assert "申请已进入审查办理，不能再修改收到申请日期" in response.content.decode()
    request.refresh_from_db()
    assert request.received_on == date(2026, 3, 2)


def test_correcting_the_receipt_date_before_review_restarts_both_periods(login, clerk, make_request, on_day):
    on_day(date(2026, 3, 10))
    request = make_request()
    edit(login(clerk), request, submitted_on=date(2026, 3, 3))
    request.refresh_from_db()
    assert (due(request, "supplement_notice"), due(request)) == (date(2026, 3, 12), date(2026, 3, 31))


def test_a_reconsideration_is_followed_to_its_outcome(login, clerk, make_request, on_day):
    on_day(date(2026, 3, 10))
    request = make_request()
    client = login(clerk)
    _under_review(client, request)
    do(client, request, "secrecy_review")
    edit(client, request, reply_type="public", replied_on=date(2026, 3, 10), delivered_on=date(2026, 3, 10))
    do(client, request, "reply")
    do(client, request, "deliver")
    do(client, request, "reconsider")
    assert request.state == "reconsideration" and request.reconsideration and request.challenge_outcome == "pending"
    assert "请先在编辑页填写复议或诉讼结果" in do(client, request, "conclude_challenge")
    edit(client, request, challenge_outcome="corrected", archive_no="GK-1")
    do(client, request, "conclude_challenge")
    assert request.state == "archived"
