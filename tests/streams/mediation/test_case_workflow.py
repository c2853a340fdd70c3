"""A mediation case walked through its pages: registration by form, every step by its
transition, and the guards that refuse a step with the reason in Chinese."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.deadlines import deadlines_of
from fazhi.core.models import AuditEvent
from fazhi.streams.mediation.models import MediationCase
from tests.streams.mediation.conftest import PARTY_ID

pytestmark = pytest.mark.django_db

BASE = "/s/mediation/"


def form(case: MediationCase | None = None, **changes) -> dict:
    """What the case form posts: the case's current values with ``changes`` applied."""
    data = {"year": 2023, "registration_number": "（2023）市监调字第001号", "dispute_type": "consumer",
            "source": "applied", "accepted_on": "2023-09-01", "party_a_name": "张三丰",
            "party_a_id_number": PARTY_ID, "party_a_phone": "13912345678", "party_b_name": "某某超市",
            "mediator": "", "private_mediation": "True", "escalation_risk": "False", "reported_to_police": "False"}
    if case is not None:
        data["unit"] = case.unit_id
        data["version"] = case.version
        for name in ("mediator", "concluded_on", "agreement_form", "agreement_date", "confirmation_applied_on",
                     "confirmation_result", "follow_up_on", "performance"):
            value = getattr(case, name)
            data[name] = "" if value is None else str(value)
    data.update(changes)
    return data


def step(client, case: MediationCase, name: str):
    response = client.post(f"{BASE}{case.pk}/do/{name}/", follow=True)
    case.refresh_from_db()
    return response.content.decode()


def edit(client, case: MediationCase, **changes):
    response = client.post(f"{BASE}{case.pk}/edit/", form(case, **changes))
    assert response.status_code == 302, response.content.decode()
    case.refresh_from_db()
    return response


def test_a_clerk_registers_a_case_by_form_and_the_committee_is_filled_in(login, clerk, market_unit, market_committee):
    response = login(clerk).post(f"{BASE}new/", {**form(), "unit": market_unit.pk})
    case = MediationCase.objects.get()
    assert response.status_code == 302 and response.url == f"{BASE}{case.pk}/"
    assert (case.state, case.committee, case.state_label) == ("accepted", market_committee, "已受理")
    assert AuditEvent.objects.filter(action="create", object_id=str(case.pk)).exists()


def test_registering_for_a_unit_without_a_committee_says_to_register_one_first(login, clerk, market_unit):
    response = login(clerk).post(f"{BASE}new/", {**form(), "unit": market_unit.pk})
    assert "该单位尚未登记人民调解委员会" in response.content.decode()
    assert not MediationCase.objects.exists()


def test_a_bad_id_number_or_a_year_mismatch_is_refused_in_chinese(login, clerk, market_unit, market_committee):
    bad = PARTY_ID[:-1] + ("0" if PARTY_ID[-1] != "0" else "1")
    html = login(clerk).post(f"{BASE}new/", {**form(party_a_id_number=bad, year=2024),
                                              "unit": market_unit.pk}).content.decode()
    assert "公民身份号码格式或校验位不正确" in html and "受理日期应在所填年度内" in html
    assert not MediationCase.objects.exists()


def test_a_settled_case_goes_from_acceptance_to_closing_through_its_pages(login, clerk, new_case):
    case = new_case(mediator="")
    client = login(clerk)
    assert "请先填写调解员" in step(client, case, "start")
    edit(client, case, mediator="孙调解")
    step(client, case, "start")
    assert case.state == "mediating"

    assert "请先填写协议形式" in step(client, case, "settle")
    edit(client, case, agreement_form="written", concluded_on="2023-09-20", agreement_date="2023-09-20")
    step(client, case, "settle")
    assert (case.state, case.result) == ("agreed", "success")

    assert "请先填写申请司法确认日期" in step(client, case, "apply_confirmation")
    edit(client, case, confirmation_applied_on="2023-09-28")
    step(client, case, "apply_confirmation")
    assert case.state == "confirming"

    assert "请先登记人民法院的司法确认结果" in step(client, case, "visit")
    edit(client, case, confirmation_result="valid", follow_up_on="2023-10-20", performance="performed")
    step(client, case, "visit")
    assert case.state == "follow_up"

    html = step(client, case, "close")
    assert case.state == "closed" and "已结案" in html
    term = deadlines_of(case).get(key="mediation_term")
    assert (term.met_on, case.over_term) == (date(2023, 9, 20), False)
    assert list(AuditEvent.objects.filter(action="transition").order_by("id").values_list("after__state", flat=True)) == [
        "mediating", "agreed", "confirming", "follow_up", "closed"]


def test_a_settlement_needs_the_agreement_form_and_a_written_one_its_date(new_case, clerk):
    from fazhi.core.workflow import TransitionError, transition

    case = new_case(state="mediating")
    MediationCase.objects.filter(pk=case.pk).update(agreement_form="oral", concluded_on=None)
    with pytest.raises(TransitionError, match="请先填写调结日期"):
        transition(case, "settle", by=clerk)
    MediationCase.objects.filter(pk=case.pk).update(agreement_form="written", agreement_date=None,
                                                    concluded_on=date(2023, 9, 10))
    with pytest.raises(TransitionError, match="书面调解协议须填写协议签订日期"):
        transition(case, "settle", by=clerk)


def test_the_form_refuses_a_written_agreement_without_its_date(login, clerk, new_case):
    case = new_case()
    response = login(clerk).post(f"{BASE}{case.pk}/edit/", form(case, agreement_form="written"))
    assert "书面调解协议须填写协议签订日期" in response.content.decode()
    case.refresh_from_db()
    assert case.agreement_form == ""


def test_judicial_confirmation_is_only_for_a_written_agreement(login, clerk, new_case):
    case = new_case(state="mediating")
    client = login(clerk)
    edit(client, case, agreement_form="oral", concluded_on="2023-09-12")
    step(client, case, "settle")
    assert case.state == "agreed"
    assert "只有书面调解协议才能申请司法确认" in step(client, case, "apply_confirmation")
    response = client.post(f"{BASE}{case.pk}/edit/", form(case, confirmation_applied_on="2023-09-20"))
    assert "只有书面调解协议才能申请司法确认" in response.content.decode()
    case.refresh_from_db()
    assert (case.state, case.confirmation_applied_on) == ("agreed", None)


def test_an_application_for_confirmation_after_thirty_days_is_refused(login, clerk, new_case):
    case = new_case(state="mediating")
    client = login(clerk)
    edit(client, case, agreement_form="written", agreement_date="2023-09-05", concluded_on="2023-09-05")
    step(client, case, "settle")
    # 30 days after 2023-09-05 is 2023-10-05, inside the National Day break: the window runs to 10-07.
    edit(client, case, confirmation_applied_on="2023-10-08")
    assert "申请日期已超过申请司法确认的三十日期限（2023-10-07" in step(client, case, "apply_confirmation")
    edit(client, case, confirmation_applied_on="2023-10-07")
    step(client, case, "apply_confirmation")
    assert case.state == "confirming"
    window = deadlines_of(case).get(key="judicial_confirmation")
    assert (window.due, window.met_on) == (date(2023, 10, 7), date(2023, 10, 7))


def test_a_failed_mediation_is_closed_without_agreement_and_counts_as_not_settled(login, clerk, new_case):
    case = new_case(state="mediating")
    client = login(clerk)
    page = client.get(f"{BASE}{case.pk}/do/fail/").content.decode()
    assert "人民调解法第二十六条" in page
    assert "请先填写调结日期" in step(client, case, "fail")
    edit(client, case, concluded_on="2023-09-25")
    step(client, case, "fail")
    assert (case.state, case.result) == ("failed", "failed")
    assert "只有达成协议的纠纷才登记履行情况" in client.post(
        f"{BASE}{case.pk}/edit/", form(case, performance="performed")).content.decode()
    step(client, case, "close")
    assert case.state == "closed"


def test_a_party_refusing_mediation_ends_the_case_as_declined(login, clerk, new_case):
    case = new_case()
    step(login(clerk), case, "decline")
    assert case.state_label == "不予调解" and case.result == ""


def test_a_visit_needs_its_date_and_the_performance(login, clerk, new_case):
    case = new_case(state="mediating")
    client = login(clerk)
    edit(client, case, agreement_form="oral", concluded_on="2023-09-12")
    step(client, case, "settle")
    assert "请先填写回访日期和履行情况" in step(client, case, "visit")
    edit(client, case, follow_up_on="2023-09-30", performance="partial")
    step(client, case, "visit")
    assert case.state == "follow_up"


def test_a_step_out_of_order_is_refused(login, clerk, new_case):
    case = new_case()
    assert "当前状态为“已受理”，不能执行“结案”" in step(login(clerk), case, "close")
    assert case.state == "accepted"


def test_the_result_cannot_be_set_outside_the_workflow(new_case):
    from django.core.exceptions import ValidationError

    case = new_case()
    case.result = "success"
    with pytest.raises(ValidationError, match="尚未调结的纠纷不能登记调解结果"):
        case.full_clean()
