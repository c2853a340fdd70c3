"""The 行政应诉 ledger through its pages: registration, the whole workflow, its guards, the
local 应诉备案/通报/核对 steps and the deadlines the workflow starts and meets."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.deadlines import deadlines_of
from fazhi.core.models import AuditEvent
from fazhi.streams.litigation.models import CaseStep, LitigationCase
from fazhi.streams.litigation.views import CASES
from tests.streams.litigation.conftest import PLAINTIFF_ID, bad_check, case_fields, credit_code

pytestmark = pytest.mark.django_db


def post_form(client, **extra):
    data = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in case_fields(**extra).items()}
    return client.post("/s/litigation/new/", {"judicial_suggestion": "False", **data})


def test_a_clerk_registers_a_case_by_form_and_the_answer_period_starts(login, clerk, market_unit):
    response = post_form(login(clerk), unit=market_unit.pk)
    case = LitigationCase.objects.get()
    assert response.status_code == 302 and case.state == "received"
    answer = deadlines_of(case).get(key="answer")
    # Served 2024-01-30: day 15 is 2024-02-14, inside the Spring Festival break (Feb 10–17);
    # the period ends on the first day after it, the make-up working Sunday 2024-02-18.
    assert answer.due == date(2024, 2, 18) and answer.rule == "calendar_roll"
    assert "行政诉讼法 第六十七条" in answer.basis
    html = login(clerk).get(f"/s/litigation/{case.pk}/").content.decode()
    assert "答辩及举证期限" in html and "2024年2月18日" in html and "顺延" in html
    assert AuditEvent.objects.filter(action="create", object_id=str(case.pk)).exists()


def test_a_bad_id_check_character_is_refused_in_chinese(login, clerk, market_unit):
    response = post_form(login(clerk), unit=market_unit.pk, plaintiff_id_number=bad_check(PLAINTIFF_ID))
    assert "公民身份号码格式或校验位不正确" in response.content.decode()
    assert not LitigationCase.objects.exists()


def test_a_bad_credit_code_and_a_bad_phone_are_refused(login, clerk, market_unit):
    response = post_form(login(clerk), unit=market_unit.pk, plaintiff_kind="organisation", plaintiff_id_number="",
                         plaintiff_credit_code=bad_check(credit_code()), plaintiff_phone="12ab")
    html = response.content.decode()
    assert "统一社会信用代码格式或校验位不正确" in html and "电话号码格式不正确" in html
    assert not LitigationCase.objects.exists()


def test_the_same_case_number_cannot_be_registered_twice(login, clerk, market_unit, market_case):
    response = post_form(login(clerk), unit=market_unit.pk)
    assert response.status_code == 200 and LitigationCase.objects.count() == 1
    assert "案号" in response.content.decode()


def test_a_second_instance_needs_the_first_instance_case_number(login, clerk, market_unit):
    html = post_form(login(clerk), unit=market_unit.pk, instance="second").content.decode()
    assert "二审、再审案件请填写前审案号" in html


def test_answering_needs_the_filing_date_and_meets_the_deadline(edit, do, clerk, market_case):
    assert "请先填写提交答辩状及证据日期" in do(clerk, market_case, CASES, "answer")
    assert market_case.state == "received"
    edit(clerk, market_case, CASES, answer_submitted_on=date(2024, 2, 18))
    do(clerk, market_case, CASES, "answer")
    answer = deadlines_of(market_case).get(key="answer")
    assert market_case.state == "answered" and answer.met_on == date(2024, 2, 18)


def test_a_case_cannot_be_judged_or_closed_without_an_outcome(edit, do, clerk, market_case):
    edit(clerk, market_case, CASES, answer_submitted_on=date(2024, 2, 5))
    do(clerk, market_case, CASES, "answer")
    assert "请先填写裁判结果" in do(clerk, market_case, CASES, "conclude")
    assert market_case.state == "answered"


def test_a_withdrawal_before_the_answer_closes_the_answer_period(edit, do, clerk, market_case):
    assert "请先将裁判结果填写为“原告撤诉”或“调解结案”" in do(clerk, market_case, CASES, "settle")
    edit(clerk, market_case, CASES, outcome="withdrawn", judgment_date=date(2024, 2, 7), judgment_form="ruling")
    do(clerk, market_case, CASES, "settle")
    assert market_case.state == "effective"
    # The answer was not yet due when the plaintiff withdrew: it is no longer owed.
    assert deadlines_of(market_case).get(key="answer").met_on == date(2024, 2, 7)


def test_a_withdrawal_after_the_answer_must_use_the_withdrawal_step(edit, do, clerk, market_case):
    edit(clerk, market_case, CASES, answer_submitted_on=date(2024, 2, 5))
    do(clerk, market_case, CASES, "answer")
    edit(clerk, market_case, CASES, outcome="withdrawn", judgment_date=date(2024, 3, 7), judgment_form="ruling")
    assert "请使用“撤诉/调解结案”" in do(clerk, market_case, CASES, "conclude")
    assert market_case.state == "answered"
    do(clerk, market_case, CASES, "settle")
    assert market_case.state == "effective"
    assert deadlines_of(market_case).get(key="answer").met_on == date(2024, 2, 5)


def walk_to_judgment(edit, do, user, case, **judgment):
    edit(user, case, CASES, answer_submitted_on=date(2024, 2, 5))
    do(user, case, CASES, "answer")
    edit(user, case, CASES, **{"judgment_form": "judgment", "judgment_date": date(2024, 4, 10),
                               "judgment_served_on": date(2024, 4, 12), "outcome": "dismissed", **judgment})
    do(user, case, CASES, "conclude")


def test_a_judgment_starts_the_15_day_appeal_period_and_a_ruling_10_days(edit, do, clerk, market_case):
    walk_to_judgment(edit, do, clerk, market_case)
    appeal = deadlines_of(market_case).get(key="appeal")
    assert market_case.state == "judged"
    # Day 15 is Saturday 2024-04-27, a rest day: the period ends on the make-up working Sunday 04-28.
    assert (appeal.label, appeal.due) == ("上诉期限（判决）", date(2024, 4, 28))
    edit(clerk, market_case, CASES, judgment_form="ruling")
    appeal = deadlines_of(market_case).get(key="appeal")
    assert (appeal.label, appeal.due, appeal.days) == ("上诉期限（裁定）", date(2024, 4, 22), 10)


def test_the_appeal_period_rolls_past_national_day(edit, do, clerk, market_case):
    walk_to_judgment(edit, do, clerk, market_case, judgment_date=date(2024, 9, 13),
                     judgment_served_on=date(2024, 9, 16))
    # Day 15 is 2024-10-01 (National Day, Oct 1–7 off): the period ends on Tuesday 2024-10-08.
    assert deadlines_of(market_case).get(key="appeal").due == date(2024, 10, 8)


def test_the_whole_workflow_through_the_pages_to_closure(edit, do, login, clerk, market_case):
    walk_to_judgment(edit, do, clerk, market_case, outcome="revoked")
    assert "请先填写裁判生效日期" in do(clerk, market_case, CASES, "effective")
    edit(clerk, market_case, CASES, effective_on=date(2024, 4, 29))
    do(clerk, market_case, CASES, "effective")
    assert market_case.state == "effective"
    assert deadlines_of(market_case).get(key="appeal").met_on == date(2024, 4, 28)
    assert "败诉案件须先登记生效裁判的履行情况" in do(clerk, market_case, CASES, "close")
    edit(clerk, market_case, CASES, performed_on=date(2024, 5, 20), performance="已撤销原处罚决定")
    do(clerk, market_case, CASES, "perform")
    assert market_case.state == "executed"
    html = do(clerk, market_case, CASES, "close")
    assert "请先完成以下应诉工作步骤：应诉备案、通报、核对" in html
    client = login(clerk)
    for step, day in (("应诉备案", "2024-01-31"), ("通报", "2024-02-02"), ("核对", "2024-05-21")):
        client.post(f"/s/litigation/{market_case.pk}/steps/", {"step": step, "done_on": day, "handler": "王经办"})
    html = do(clerk, market_case, CASES, "close")
    assert market_case.state == "closed" and "已办结" in html
    assert AuditEvent.objects.filter(action="transition", object_id=str(market_case.pk)).count() == 5


def test_an_unanswered_judicial_suggestion_blocks_closure(edit, do, clerk, market_case, settings):
    settings.FAZHI_LITIGATION_STEPS = []
    walk_to_judgment(edit, do, clerk, market_case)
    edit(clerk, market_case, CASES, effective_on=date(2024, 4, 28), judicial_suggestion=True)
    do(clerk, market_case, CASES, "effective")
    assert "收到的司法建议尚未回复" in do(clerk, market_case, CASES, "close")
    edit(clerk, market_case, CASES, suggestion_replied_on=date(2024, 5, 10))
    do(clerk, market_case, CASES, "close")
    assert market_case.state == "closed"


def test_an_appeal_is_recorded_with_who_appealed(edit, do, clerk, market_case, settings):
    settings.FAZHI_LITIGATION_STEPS = []
    walk_to_judgment(edit, do, clerk, market_case)
    assert "请先填写上诉方和上诉日期" in do(clerk, market_case, CASES, "appeal")
    edit(clerk, market_case, CASES, appellant="opponent", appeal_filed_on=date(2024, 4, 20))
    do(clerk, market_case, CASES, "appeal")
    assert market_case.state == "appealed"
    assert deadlines_of(market_case).get(key="appeal").met_on == date(2024, 4, 20)
    do(clerk, market_case, CASES, "close")
    assert market_case.state == "closed"


def test_an_outcome_cannot_be_cleared_after_judgment(login, edit, do, clerk, market_case):
    walk_to_judgment(edit, do, clerk, market_case)
    from tests.forms import form_data

    market_case.refresh_from_db()
    response = login(clerk).post(CASES.url("update", market_case.pk), form_data(CASES, market_case, outcome=""))
    assert "裁判结果不能为空" in response.content.decode()


def test_the_steps_are_a_setting(login, clerk, market_case, settings):
    settings.FAZHI_LITIGATION_STEPS = ["应诉备案", "庭后报告"]
    client = login(clerk)
    html = client.get(f"/s/litigation/{market_case.pk}/").content.decode()
    assert "庭后报告" in html and "核对" not in html
    client.post(f"/s/litigation/{market_case.pk}/steps/", {"step": "庭后报告", "done_on": "2024-02-01"})
    step = CaseStep.objects.get()
    assert (step.step, step.handler, step.recorded_by) == ("庭后报告", "clerk", clerk)
    response = client.post(f"/s/litigation/{market_case.pk}/steps/", {"step": "核对", "done_on": "2024-02-01"},
                           follow=True)
    assert "核对" in response.content.decode() and CaseStep.objects.count() == 1


def test_a_step_cannot_predate_service_and_is_audited(login, clerk, market_case):
    client = login(clerk)
    html = client.post(f"/s/litigation/{market_case.pk}/steps/", {"step": "通报", "done_on": "2024-01-01"},
                       follow=True).content.decode()
    assert "办理日期不能早于收到起诉状副本日期" in html and not CaseStep.objects.exists()
    client.post(f"/s/litigation/{market_case.pk}/steps/", {"step": "通报", "done_on": "2024-02-01", "handler": "李法治"})
    event = AuditEvent.objects.filter(object_id=str(market_case.pk), note__contains="通报").get()
    assert "李法治" in event.note
    html = client.get(f"/s/litigation/{market_case.pk}/").content.decode()
    assert "2024-02-01，李法治" in html


def test_a_local_step_deadline_can_be_configured(clerk, market_unit, settings):
    from fazhi.core.ledger import record_create
    from fazhi.streams.litigation import services

    settings.FAZHI_LITIGATION_STEP_DEADLINES = {"应诉备案": 3}
    case = record_create(LitigationCase, by=clerk, unit=market_unit, **case_fields())
    filing = deadlines_of(case).get(key="step:应诉备案")
    assert filing.due == date(2024, 2, 2) and filing.rule == "working"
    services.step_record(case, step="应诉备案", on=date(2024, 2, 1), handler="王经办", by=clerk)
    filing.refresh_from_db()
    assert filing.met_on == date(2024, 2, 1)


def test_correcting_the_service_date_restarts_the_answer_period(edit, clerk, market_case):
    edit(clerk, market_case, CASES, served_on=date(2024, 2, 1))
    # Day 15 is 2024-02-16, in the Spring Festival break: rolls to 2024-02-18.
    assert deadlines_of(market_case).get(key="answer").due == date(2024, 2, 18)
    edit(clerk, market_case, CASES, served_on=date(2024, 3, 1))
    assert deadlines_of(market_case).get(key="answer").due == date(2024, 3, 18)  # 3-16 is a Saturday


def test_the_appeal_period_is_declared_on_the_case_and_met_when_the_judgment_takes_effect(
        edit, do, clerk, market_case):
    """Not appealed: the appeal period (models: tracked) is met when the judgment takes effect,
    on its last day at the latest; a first-instance judgment corrected to a mediation has none."""
    walk_to_judgment(edit, do, clerk, market_case)
    assert deadlines_of(market_case).get(key="appeal").start == date(2024, 4, 12)
    edit(clerk, market_case, CASES, judgment_served_on=date(2024, 4, 11))  # corrected service date
    appeal = deadlines_of(market_case).get(key="appeal")
    assert (appeal.start, appeal.due, appeal.met_on) == (date(2024, 4, 11), date(2024, 4, 26), None)
    edit(clerk, market_case, CASES, effective_on=date(2024, 4, 30))
    assert deadlines_of(market_case).get(key="appeal").met_on is None  # typed, not yet confirmed
    do(clerk, market_case, CASES, "effective")
    appeal = deadlines_of(market_case).get(key="appeal")
    assert market_case.state == "effective" and appeal.met_on == date(2024, 4, 26)
    assert deadlines_of(market_case).get(key="answer").met_on == date(2024, 2, 5)
