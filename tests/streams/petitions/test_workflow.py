"""A petition moves through the 信访工作条例 procedure on its pages; guards explain in Chinese."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.deadlines import deadlines_of
from fazhi.core.models import AuditEvent
from fazhi.core.registry import menu_for, streams
from fazhi.streams.petitions import rules
from fazhi.streams.petitions.models import Petition
from tests.streams.petitions.conftest import new_petition, synthetic_id

pytestmark = pytest.mark.django_db


def do(client, petition, name, **data):
    response = client.post(f"/s/petitions/{petition.pk}/do/{name}/", data, follow=True)
    petition.refresh_from_db()
    return response.content.decode()


def deadline(petition, key):
    return deadlines_of(petition).get(key=key)


def test_the_stream_plugs_in_with_two_ledgers_in_the_menu(clerk):
    assert "petitions" in [m.key for m in streams()]
    assert ("信访工作", ["信访件台账", "接访登记"]) in [(m.label, [e.label for e in es]) for m, es in menu_for(clerk)]


def test_a_clerk_registers_a_petition_through_the_form_and_the_15_day_clock_starts(login, clerk, market_unit):
    response = login(clerk).post("/s/petitions/new/", {
        "unit": market_unit.pk, "year": 2026, "reg_no": "XF-2026-0101", "channel": "visit",
        "registered_on": "2026-03-02", "petitioner_name": "李秀英", "petitioner_id_number": synthetic_id(),
        "petitioner_phone": "13973600001", "people_count": 1, "category": "claim", "subject": "预付卡退费",
        "satisfaction": "none"})
    petition = Petition.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/s/petitions/{petition.pk}/"
    assert petition.state == "registered" and petition.state_label == "已登记"
    d = deadline(petition, rules.DISPOSE)
    assert (d.start, d.due, d.rule) == (date(2026, 3, 2), date(2026, 3, 17), "calendar_roll")
    assert "第二十二条" in d.basis
    assert AuditEvent.objects.filter(action="create", object_id=str(petition.pk)).exists()


def test_the_form_refuses_a_bad_id_number_a_duplicate_number_and_an_unknown_earlier_petition(
        login, clerk, market_unit, market_petition):
    bad_id = synthetic_id()[:-1] + ("0" if synthetic_id()[-1] != "0" else "1")
    response = login(clerk).post("/s/petitions/new/", {
        "unit": market_unit.pk, "year": 2026, "reg_no": market_petition.reg_no, "channel": "letter",
        "registered_on": "2026-03-05", "petitioner_name": "王五", "petitioner_id_number": bad_id,
        "people_count": 1, "category": "claim", "subject": "x", "satisfaction": "none",
        "earlier_reg_no": "XF-1999-9999"})
    html = response.content.decode()
    assert "公民身份号码格式或校验位不正确" in html
    assert "该登记编号已存在" in html
    assert "登记编号“XF-1999-9999”的信访件不存在" in html
    assert Petition.objects.count() == 1


def test_a_repeat_petition_links_an_earlier_one_and_shows_as_repeat(login, clerk, market_unit, market_petition):
    repeat = new_petition(clerk, market_unit, reg_no="XF-2026-0002", registered_on=date(2026, 6, 1),
                          earlier_reg_no=market_petition.reg_no)
    html = login(clerk).get(f"/s/petitions/{repeat.pk}/").content.decode()
    assert "重复信访" in html and market_petition.reg_no in html


def test_guards_refuse_each_step_until_its_date_is_filled(login, clerk, market_petition):
    client = login(clerk)
    assert "请先在编辑页填写受理告知日期" in do(client, market_petition, "accept")
    assert "请先在编辑页填写转送/交办日期" in do(client, market_petition, "route")
    assert "请先在编辑页填写受理告知日期" in do(client, market_petition, "refuse")
    assert market_petition.state == "registered"


def test_a_petition_is_not_accepted_only_with_a_written_reason(login, clerk, market_petition, edit):
    client = login(clerk)
    edit(clerk, market_petition, acceptance_on=date(2026, 3, 6))
    assert "写明理由" in do(client, market_petition, "refuse")
    edit(clerk, market_petition, result="属诉讼程序，已告知通过法定途径解决")
    do(client, market_petition, "refuse")
    assert market_petition.state == "not_accepted"
    assert deadline(market_petition, rules.DISPOSE).met_on == date(2026, 3, 6)
    assert not deadlines_of(market_petition).filter(key=rules.HANDLE).exists()


def test_the_whole_procedure_through_the_pages_with_extension_review_and_re_examination(
        login, clerk, head, market_petition, edit):
    client = login(clerk)
    edit(clerk, market_petition, routed_on=date(2026, 3, 4))
    do(client, market_petition, "route")
    assert market_petition.state == "routed"
    assert deadline(market_petition, rules.DISPOSE).met_on == date(2026, 3, 4)
    assert deadline(market_petition, rules.ACCEPT).due == date(2026, 3, 19)

    edit(clerk, market_petition, acceptance_on=date(2026, 3, 10))
    do(client, market_petition, "accept")
    assert market_petition.state == "handling"
    assert deadline(market_petition, rules.ACCEPT).met_on == date(2026, 3, 10)
    assert deadline(market_petition, rules.HANDLE).due == date(2026, 5, 9)  # a make-up working Saturday

    # The clerk cannot approve an extension; the unit head can, once.
    assert client.get(f"/s/petitions/{market_petition.pk}/extend/").status_code == 403
    head_client = login(head)
    assert "批准延期" in head_client.get(f"/s/petitions/{market_petition.pk}/").content.decode()
    head_client.post(f"/s/petitions/{market_petition.pk}/extend/", {
        "approver": "赵局长", "approved_on": "2026-05-06", "reason": "需调取银行流水核实"})
    market_petition.refresh_from_db()
    assert market_petition.extension_approver == "赵局长"
    handle = deadline(market_petition, rules.HANDLE)
    assert handle.due == date(2026, 6, 8)  # 90 days
    assert handle.extensions[0]["approved_by"] == "赵局长"
    again = head_client.post(f"/s/petitions/{market_petition.pk}/extend/", {
        "approver": "赵局长", "approved_on": "2026-05-20", "reason": "再延"})
    assert "延长期限不得超过30日" in again.content.decode()

    client = login(clerk)
    assert "请先在编辑页填写处理意见、书面答复日期" in do(client, market_petition, "reply")
    edit(clerk, market_petition, opinion="support", result="责令商家退款", replied_on=date(2026, 6, 1))
    do(client, market_petition, "reply")
    assert market_petition.state == "replied"
    assert deadline(market_petition, rules.HANDLE).met_on == date(2026, 6, 1)

    edit(clerk, market_petition, review_requested_on=date(2026, 6, 20))
    do(client, market_petition, "request_review")
    assert deadline(market_petition, rules.REVIEW).due == date(2026, 7, 20)
    edit(clerk, market_petition, review_answered_on=date(2026, 7, 10), review_result="维持原处理意见")
    do(client, market_petition, "answer_review")
    assert market_petition.state == "reviewed"

    edit(clerk, market_petition, re_exam_requested_on=date(2026, 7, 20))
    do(client, market_petition, "request_re_exam")
    edit(clerk, market_petition, hearing_from=date(2026, 7, 27), hearing_to=date(2026, 7, 29))
    assert deadline(market_petition, rules.RE_EXAM).due == date(2026, 8, 24)  # 30 days + 3 hearing days
    edit(clerk, market_petition, re_exam_answered_on=date(2026, 8, 14), re_exam_result="维持复查意见")
    do(client, market_petition, "answer_re_exam")
    assert market_petition.state == "re_examined"

    html = do(client, market_petition, "close")
    assert market_petition.state == "closed"
    assert "已办结" in html
    assert all(d.met_on for d in deadlines_of(market_petition))
    transitions = list(AuditEvent.objects.filter(action="transition").order_by("pk").values_list("after__state", flat=True))
    assert transitions == ["routed", "handling", "replied", "review", "reviewed", "re_exam", "re_examined", "closed"]


def test_closing_waits_for_the_30_day_review_window_unless_the_petitioner_is_satisfied(
        login, clerk, market_unit, edit):
    from django.utils import timezone

    today = timezone.localdate()
    petition = new_petition(clerk, market_unit, year=today.year, registered_on=today.replace(day=1),
                            acceptance_on=today)
    client = login(clerk)
    do(client, petition, "accept")
    edit(clerk, petition, opinion="explain", result="已解释说明", replied_on=today)
    do(client, petition, "reply")
    html = do(client, petition, "close")
    assert "期满未请求或信访人表示满意后方可办结" in html and "第三十五条" in html
    assert petition.state == "replied"
    edit(clerk, petition, satisfaction="satisfied")
    do(client, petition, "close")
    assert petition.state == "closed"


def test_a_review_request_after_30_days_is_refused(login, clerk, market_unit, edit):
    petition = new_petition(clerk, market_unit, acceptance_on=date(2026, 3, 5), replied_on=date(2026, 4, 1),
                            opinion="reject", result="不予支持", state="replied")
    client = login(clerk)
    edit(clerk, petition, review_requested_on=date(2026, 5, 8))  # window ended 2026-05-06 (5-1..5-5 holiday)
    html = do(client, petition, "request_review")
    assert "复查请求日期已超过答复之日起30日（至2026年5月6日）" in html
    assert petition.state == "replied"


def test_dates_out_of_order_are_refused_with_a_chinese_message(login, clerk, market_petition):
    from fazhi.streams.petitions.views import PETITIONS
    from tests.forms import form_data

    data = form_data(PETITIONS, market_petition, acceptance_on=date(2026, 3, 1), replied_on=date(2026, 2, 1))
    html = login(clerk).post(f"/s/petitions/{market_petition.pk}/edit/", data).content.decode()
    assert "受理告知日期不能早于登记日期" in html
    assert "书面答复日期不能早于受理告知日期" in html


def test_a_leader_case_needs_a_leader_and_evaluation_needs_a_reply(login, clerk, market_petition):
    from fazhi.streams.petitions.views import PETITIONS
    from tests.forms import form_data

    data = form_data(PETITIONS, market_petition, leader_case=True, satisfaction="satisfied")
    html = login(clerk).post(f"/s/petitions/{market_petition.pk}/edit/", data).content.decode()
    assert "领导包案的信访件应填写包案领导" in html
    assert "书面答复后才能进行满意度评价" in html


def test_deleting_a_petition_removes_its_deadlines(login, clerk, market_petition):
    from fazhi.core.models import Deadline

    assert Deadline.objects.count() == 1
    login(clerk).post(f"/s/petitions/{market_petition.pk}/delete/")
    assert not Petition.objects.exists() and not Deadline.objects.exists()
