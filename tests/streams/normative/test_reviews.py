"""Legality review requests: the form, the whole workflow through the pages, its guards and
the review period (15 working days for 规范性文件, 国办发〔2018〕115号 [U]) across holiday breaks."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.deadlines import deadlines_of, explain
from fazhi.core.ledger import record_create, record_update
from fazhi.core.models import AuditEvent
from fazhi.streams.normative.models import ReviewRequest
from tests.streams.normative.conftest import bad_uscc, uscc

pytestmark = pytest.mark.django_db

FORM = {"year": 2023, "review_no": "西法审〔2023〕5号", "kind": "normative",
        "title": "关于印发《市场主体登记告知承诺办理规定》的通知", "received_on": "2023-09-25"}


def review_deadline(review):
    return deadlines_of(review).get(key="review")


def post(client, review, name: str, **data):
    return client.post(f"/s/normative/{review.pk}/do/{name}/", data, follow=True)


def edit(client, review, **changes):
    review.refresh_from_db()
    fields = {"unit": review.unit_id, "year": review.year, "review_no": review.review_no, "kind": review.kind,
              "title": review.title, "received_on": review.received_on.isoformat(), "version": review.version,
              "reviewer": review.reviewer, "counterparty_name": review.counterparty_name}
    for name in ("returned_on", "resubmitted_on", "opinion_on"):
        value = getattr(review, name)
        fields[name] = value.isoformat() if value else ""
    for name in ("supplement_request", "opinion", "opinion_text", "adoption"):
        fields[name] = getattr(review, name)
    response = client.post(f"/s/normative/{review.pk}/edit/", {**fields, **changes})
    assert response.status_code == 302, response.context["form"].errors
    review.refresh_from_db()
    return review


def test_a_clerk_registers_a_review_request_through_the_form(login, clerk, market_unit):
    response = login(clerk).post("/s/normative/new/", {**FORM, "unit": market_unit.pk})
    review = ReviewRequest.objects.get()
    assert response.status_code == 302 and response.url == f"/s/normative/{review.pk}/"
    assert review.state == "submitted" and review.state_label == "已送审"
    assert AuditEvent.objects.filter(action="create", object_id=str(review.pk)).exists()


def test_the_form_normalises_the_brackets_of_the_review_number(login, clerk, market_unit):
    login(clerk).post("/s/normative/new/", {**FORM, "unit": market_unit.pk, "review_no": "西法审[2023]5号"})
    assert ReviewRequest.objects.get().review_no == "西法审〔2023〕5号"


def test_a_review_number_is_registered_only_once(login, clerk, market_unit, market_review):
    response = login(clerk).post("/s/normative/new/", {**FORM, "unit": market_unit.pk,
                                                       "review_no": market_review.review_no})
    assert "该审核编号已被登记" in response.content.decode()
    assert ReviewRequest.objects.count() == 1


def test_a_contract_needs_its_counterparty_and_a_credit_code_with_a_valid_check_character(login, clerk, market_unit):
    client = login(clerk)
    contract = {**FORM, "unit": market_unit.pk, "kind": "contract", "title": "招商协议"}
    assert "经济合同应填写合同相对方" in client.post("/s/normative/new/", contract).content.decode()
    response = client.post("/s/normative/new/", {**contract, "counterparty_name": "湖南示例有限公司",
                                                  "counterparty_uscc": bad_uscc(1)})
    assert "统一社会信用代码格式或校验位不正确" in response.content.decode()
    assert not ReviewRequest.objects.exists()
    client.post("/s/normative/new/", {**contract, "counterparty_name": "湖南示例有限公司",
                                      "counterparty_uscc": uscc(1).lower()})
    assert ReviewRequest.objects.get().counterparty_uscc == uscc(1)


def test_the_receipt_date_must_lie_in_the_year(login, clerk, market_unit):
    response = login(clerk).post("/s/normative/new/", {**FORM, "unit": market_unit.pk, "received_on": "2024-01-02"})
    assert "收件日期应在所填年度内" in response.content.decode()


def test_the_review_period_skips_the_national_day_break_and_counts_the_make_up_weekend(market_review):
    deadline = review_deadline(market_review)
    # Sep 26–28 are 3 working days; Sep 29–Oct 6 are off; Sat Oct 7 and Sun Oct 8 are make-up
    # working days (4, 5); Oct 9–13 (10) and Oct 16–20 (15).
    assert (deadline.rule, deadline.days, deadline.due) == ("working", 15, date(2023, 10, 20))
    assert "国办发〔2018〕115号" in deadline.basis and "待核实" in deadline.basis
    assert explain(deadline)[-1] == "到期日：2023年10月20日"


def test_the_review_period_skips_the_spring_festival_2024_and_counts_its_make_up_sundays(clerk, market_unit):
    review = record_create(ReviewRequest, by=clerk, unit=market_unit, year=2024, review_no="西法审〔2024〕1号",
                           kind="normative", title="送审稿", received_on=date(2024, 2, 5))
    # Feb 6–9 (4); Feb 10–17 off; Sun Feb 18 make-up (5); Feb 19–23 (10); Feb 26–Mar 1 (15).
    assert review_deadline(review).due == date(2024, 3, 1)


def test_the_review_period_is_a_setting_and_follows_a_changed_receipt_date(settings, clerk, market_review):
    settings.FAZHI_NORMATIVE_REVIEW_DAYS = 5
    review = record_update(market_review, by=clerk, received_on=date(2023, 9, 26))
    # Sep 27, 28 (2); break; Oct 7, 8 (4); Oct 9 (5).
    assert (review_deadline(review).days, review_deadline(review).due) == (5, date(2023, 10, 9))


def test_contracts_have_no_review_period_unless_one_is_configured(settings, clerk, market_unit):
    contract = record_create(ReviewRequest, by=clerk, unit=market_unit, year=2023, review_no="西法审〔2023〕30号",
                             kind="contract", title="招商协议", counterparty_name="湖南示例有限公司",
                             received_on=date(2023, 9, 25))
    assert not deadlines_of(contract).exists()
    settings.FAZHI_NORMATIVE_CONTRACT_REVIEW_DAYS = 7
    contract = record_update(contract, by=clerk, title="招商协议（修改稿）", received_on=date(2023, 9, 26))
    # Sep 27, 28 (2); break; Oct 7, 8 (4); Oct 9–11 (7).
    assert review_deadline(contract).due == date(2023, 10, 11)


def test_a_clerk_walks_a_review_through_every_step_and_the_head_signs_the_opinion(
        login, client, clerk, head, market_review):
    pages = login(clerk)
    assert "已送审" in pages.get(f"/s/normative/{market_review.pk}/").content.decode()
    post(pages, market_review, "check")
    review = edit(pages, market_review, reviewer="李法治（公职律师）", reviewer_qualified="on")
    post(pages, review, "assign")
    post(pages, review, "start")
    review = edit(pages, review, opinion="agree_amended", opinion_text="建议删除第五条设定的收费事项。",
                  opinion_on="2023-10-19")
    response = post(pages, review, "issue")
    assert "您没有权限办理该环节" in response.content.decode()
    review.refresh_from_db()
    assert review.state == "reviewing"

    post(login(head), review, "issue")
    review.refresh_from_db()
    assert review.state == "opinion_issued"
    deadline = review_deadline(review)
    assert deadline.met_on == date(2023, 10, 19) and deadline.met_on <= deadline.due

    pages = login(clerk)
    review = edit(pages, review, adoption="adopted")
    post(pages, review, "feedback")
    html = post(pages, review, "close").content.decode()
    review.refresh_from_db()
    assert review.state == "closed" and "已办结" in html
    notes = list(AuditEvent.objects.filter(action="transition").order_by("pk").values_list("note", flat=True))
    assert notes == ["接收并审查材料", "分派审核人", "开始审核", "出具审核意见", "登记采纳情况", "办结"]


def test_returning_for_supplement_stops_the_clock_until_the_materials_come_back(login, clerk, market_unit):
    review = record_create(ReviewRequest, by=clerk, unit=market_unit, year=2024, review_no="西法审〔2024〕2号",
                           kind="normative", title="送审稿", received_on=date(2024, 2, 5))
    pages = login(clerk)
    post(pages, review, "check")
    response = post(pages, review, "return")
    assert "请先填写退回补正日期和需补正事项" in response.content.decode()
    review = edit(pages, review, returned_on="2024-02-07", supplement_request="请补充起草说明。")
    post(pages, review, "return")
    assert review_deadline(review).pauses[0]["start"] == "2024-02-07"
    assert "中止计算" in pages.get(f"/s/normative/{review.pk}/").content.decode()

    assert "请先填写补正送回日期" in post(pages, review, "resubmit").content.decode()
    review = edit(pages, review, resubmitted_on="2024-02-06")
    assert "补正送回日期不能早于退回补正日期" in post(pages, review, "resubmit").content.decode()
    review = edit(pages, review, resubmitted_on="2024-02-20")
    post(pages, review, "resubmit")
    review.refresh_from_db()
    assert review.state == "materials_check"
    # Feb 6 (1); Feb 7–20 not counted; Feb 21–23 (4); Feb 26–Mar 1 (9); Mar 4–8 (14); Mar 11 (15).
    deadline = review_deadline(review)
    assert deadline.due == date(2024, 3, 11)
    assert "2024年2月7日至2024年2月20日不计入期限（退回补正）" in explain(deadline)

    review = edit(pages, review, returned_on="2024-02-19")
    assert "退回补正日期应晚于上次补正送回日期" in post(pages, review, "return").content.decode()


def test_a_review_cannot_be_assigned_without_a_reviewer(login, clerk, market_review):
    pages = login(clerk)
    post(pages, market_review, "check")
    assert "请先填写审核人" in post(pages, market_review, "assign").content.decode()
    market_review.refresh_from_db()
    assert market_review.state == "materials_check"


def test_an_opinion_cannot_be_issued_without_conclusion_text_and_date(login, head, market_review):
    ReviewRequest.objects.filter(pk=market_review.pk).update(state="reviewing")
    pages = login(head)
    assert "请先选择审核结论" in post(pages, market_review, "issue").content.decode()
    ReviewRequest.objects.filter(pk=market_review.pk).update(opinion="disagree")
    assert "请先填写审核意见内容" in post(pages, market_review, "issue").content.decode()
    ReviewRequest.objects.filter(pk=market_review.pk).update(opinion_text="设定了行政许可，不同意出台。")
    assert "请先填写出具意见日期" in post(pages, market_review, "issue").content.decode()
    market_review.refresh_from_db()
    assert market_review.state == "reviewing"


def test_an_opinion_date_before_receipt_is_refused(login, clerk, market_review):
    pages = login(clerk)
    market_review.refresh_from_db()
    response = pages.post(f"/s/normative/{market_review.pk}/edit/", {
        "unit": market_review.unit_id, "year": 2023, "review_no": market_review.review_no, "kind": "normative",
        "title": market_review.title, "received_on": "2023-09-25", "opinion_on": "2023-09-01",
        "version": market_review.version})
    assert "出具意见日期不能早于收件日期" in response.content.decode()


def test_withdrawing_asks_first_and_ends_the_review_period(login, clerk, market_review):
    pages = login(clerk)
    assert "确认撤回该审核申请" in pages.get(f"/s/normative/{market_review.pk}/do/withdraw/").content.decode()
    post(pages, market_review, "withdraw")
    market_review.refresh_from_db()
    assert market_review.state == "withdrawn"
    assert not deadlines_of(market_review).exists()


def test_deleting_a_review_deletes_its_deadline_so_no_reminder_points_at_nothing(login, clerk, market_review):
    from fazhi.core.models import Deadline

    assert Deadline.objects.count() == 1
    login(clerk).post(f"/s/normative/{market_review.pk}/delete/")
    assert not ReviewRequest.objects.exists() and not Deadline.objects.exists()


def test_moving_a_review_to_another_unit_moves_its_reminders_too(coordinator, justice_unit, clerk, market_review):
    from fazhi.core.models import Deadline

    ReviewRequest.objects.filter(pk=market_review.pk).update(unit=justice_unit)
    record_update(ReviewRequest.objects.get(pk=market_review.pk), by=coordinator, title="移交司法局")
    assert Deadline.objects.get().unit == justice_unit


def test_remind_tells_the_units_clerk_when_a_review_is_about_to_fall_due(clerk, market_review):
    from django.core.management import call_command

    from fazhi.core.models import Notification

    call_command("fazhi_remind", "--date", "2023-10-18")
    note = Notification.objects.get(user=clerk)
    assert note.title == "即将到期：合法性审核期限（2023-10-20）"
    assert note.url == f"/s/normative/{market_review.pk}/"
