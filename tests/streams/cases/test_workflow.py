"""A 市场监管局 case from 立案 to 结案 through the pages, and each refusal of the issue: a 重大
case decided without 法制审核, a reviewer who is on the case, one officer only, a decision before
the 告知 period has run, a close with missing records — Chinese message, nothing written."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.deadlines import deadlines_of
from fazhi.core.models import AuditEvent
from fazhi.core.workflow import TransitionError, transition
from fazhi.streams.cases import services
from fazhi.streams.cases.models import EnforcementCase
from fazhi.streams.cases.views import CASES
from tests.forms import form_data
from tests.streams.cases.conftest import COMPANY_CODE, av, document, new_case, update

pytestmark = pytest.mark.django_db


def messages_of(client, url: str) -> str:
    return str(list(client.get(url).context["messages"]))


def test_a_major_case_goes_from_filing_to_closing_through_legal_review(login, clerk, head, reviewer, market_unit):
    client = login(clerk)
    response = client.post("/s/cases/new/", {
        "unit": market_unit.pk, "year": 2026, "case_no": "西市监立〔2026〕8号", "kind": "penalty", "party_type": "org",
        "party_org": "西洞庭某某食品有限公司", "party_credit_code": COMPANY_CODE, "cause": "销售过期食品",
        "source": "inspection", "officer_names": "张执法、李执法", "officer_certs": "d032023001、D032023002",
        "filed_on": "2026-09-01", "onsite_investigation": "on", "proposed_fine": "50000"})
    assert response.status_code == 302
    case = EnforcementCase.objects.get()
    assert (case.state, case.major, case.officer_certs) == ("filed", True, "D032023001、D032023002")
    assert {d.key: d.due for d in deadlines_of(case)} == {"case_limit": date(2026, 11, 30)}
    html = client.get(f"/s/cases/{case.pk}/").content.decode()
    assert "重大执法决定" in html and "拟罚款50,000元" in html

    document(case, clerk, "filing")
    client.post(f"/s/cases/{case.pk}/do/investigate/")
    av(case, clerk, "investigation")
    client.post(f"/s/cases/{case.pk}/do/notify/")
    assert "请先在编辑页填写告知日期、拟处理意见" in messages_of(client, f"/s/cases/{case.pk}/")
    case.refresh_from_db()
    client.post(f"/s/cases/{case.pk}/edit/", form_data(CASES, case, notified_on="2026-09-10",
                                                        proposed_measures="没收过期食品，罚款五万元"))
    client.post(f"/s/cases/{case.pk}/do/notify/")
    document(case, clerk, "notice")
    case.refresh_from_db()
    assert case.state == "notified"
    # the hearing right comes with a fine of this size: two 告知 periods of 5 working days
    assert {d.key: d.due for d in deadlines_of(case)} == {
        "case_limit": date(2026, 11, 30), "statement": date(2026, 9, 17), "hearing_request": date(2026, 9, 17)}

    client.post(f"/s/cases/{case.pk}/do/submit_review/")
    client = login(reviewer)
    response = client.post(f"/s/cases/{case.pk}/review/", {"conclusion": "agree", "opinion": "事实清楚，证据确凿，适用依据正确。",
                                                          "reviewed_on": "2026-09-21"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.reviewer, case.reviewer_name, case.reviewed_on) == (reviewer, "王法审", date(2026, 9, 21))
    client = login(head)
    client.post(f"/s/cases/{case.pk}/edit/", form_data(
        CASES, case, decision_no="西市监罚〔2026〕15号", decided_on="2026-09-23", decision_content="没收过期食品，罚款50000元"))
    client.post(f"/s/cases/{case.pk}/do/decide/")
    assert "须经行政机关负责人集体讨论决定" in messages_of(client, f"/s/cases/{case.pk}/")
    case.refresh_from_db()
    client.post(f"/s/cases/{case.pk}/edit/", form_data(CASES, case, discussed_on="2026-09-22",
                                                        discussion_note="同意法制审核意见"))
    client.post(f"/s/cases/{case.pk}/do/discuss/")
    client.post(f"/s/cases/{case.pk}/do/decide/")
    case.refresh_from_db()
    assert case.state == "decided"
    limit = deadlines_of(case).get(key="case_limit")
    assert limit.met_on == date(2026, 9, 23)
    document(case, head, "decision", "西市监罚〔2026〕15号")
    case.refresh_from_db()
    client.post(f"/s/cases/{case.pk}/edit/", form_data(CASES, case, served_on="2026-09-24", service_method="direct"))
    client.post(f"/s/cases/{case.pk}/do/serve/")
    document(case, head, "service")
    case.refresh_from_db()
    client.post(f"/s/cases/{case.pk}/edit/", form_data(CASES, case, executed_on="2026-10-09",
                                                        execution_note="罚款已缴入国库"))
    client.post(f"/s/cases/{case.pk}/do/execute/")
    client.post(f"/s/cases/{case.pk}/do/close/")
    assert "全过程记录不全，不能结案。缺少：直接送达音像记录" in messages_of(client, f"/s/cases/{case.pk}/")
    case.refresh_from_db()
    assert case.state == "executed"
    av(case, head, "service")
    client.post(f"/s/cases/{case.pk}/do/close/")
    case.refresh_from_db()
    assert case.state == "closed" and case.closed_on is not None
    html = client.get(f"/s/cases/{case.pk}/").content.decode()
    assert "全过程记录齐全" in html and "王法审" in html


def _notified(case, by, **changes):
    transition(case, "investigate", by=by)
    case = update(case, by, notified_on=date(2026, 9, 10), proposed_measures="罚款", **changes)
    return transition(case, "notify", by=by)


def test_a_major_case_cannot_be_decided_without_legal_review(clerk, head, market_unit):
    case = _notified(new_case(clerk, market_unit, revoke_licence=True), clerk)
    case = update(case, head, discussed_on=date(2026, 9, 22), discussion_note="同意", decision_no="西市监罚〔2026〕1号",
                  decided_on=date(2026, 9, 23), decision_content="吊销食品经营许可证")
    with pytest.raises(TransitionError, match="该案件属于重大执法决定（拟吊销许可证件），未经法制审核不得作出决定"):
        transition(case, "decide", by=head)
    with pytest.raises(TransitionError, match="未经法制审核"):
        transition(case, "discuss", by=head)
    case.refresh_from_db()
    assert case.state == "notified"


def test_a_reviewer_on_the_case_or_without_the_capability_is_refused(login, clerk, officer_head, reviewer, market_unit):
    case = transition(_notified(new_case(clerk, market_unit, proposed_fine=Decimal(20000)), clerk), "submit_review",
                      by=clerk)
    with pytest.raises(ValidationError, match="法制审核人员不得是本案的执法人员"):
        services.legal_review(case, by=officer_head, conclusion="agree", opinion="同意", reviewed_on=date(2026, 9, 21))
    response = login(clerk).post(f"/s/cases/{case.pk}/review/", {"conclusion": "agree", "opinion": "同意",
                                                                 "reviewed_on": "2026-09-21"})
    assert response.status_code == 403
    client = login(officer_head)
    html = client.get(f"/s/cases/{case.pk}/").content.decode()
    assert "法制审核人员不得是本案的执法人员" in html and "登记法制审核意见" not in html
    client.post(f"/s/cases/{case.pk}/review/", {"conclusion": "agree", "opinion": "同意", "reviewed_on": "2026-09-21"})
    case.refresh_from_db()
    assert case.reviewed_on is None and case.reviewer is None
    # an opinion of 不同意 sends the case back; resubmitting clears the old opinion
    services.legal_review(case, by=reviewer, conclusion="disagree", opinion="证据不足", reviewed_on=date(2026, 9, 21))
    case = update(case, reviewer, discussed_on=date(2026, 9, 22), discussion_note="同意", decision_no="罚1",
                  decided_on=date(2026, 9, 23), decision_content="罚款")
    with pytest.raises(TransitionError, match="法制审核意见为不同意"):
        transition(case, "decide", by=reviewer)
    case = transition(transition(transition(case, "return", by=clerk), "notify", by=clerk), "submit_review", by=clerk)
    assert (case.reviewed_on, case.review_conclusion) == (None, "")


def test_one_officer_only_or_a_bad_certificate_or_party_code_is_refused(login, clerk, market_unit):
    with pytest.raises(ValidationError) as exc:
        new_case(clerk, market_unit, officer_names="张执法", officer_certs="D032023001")
    assert exc.value.message_dict["officer_names"] == ["执法人员不得少于两人（《行政处罚法》第四十二条）"]
    with pytest.raises(ValidationError) as exc:
        new_case(clerk, market_unit, officer_certs="D032023001、证号", party_credit_code=COMPANY_CODE[:-1] + "0")
    assert exc.value.message_dict["officer_certs"] == ["执法证号格式不正确：证号"]
    assert exc.value.message_dict["party_credit_code"] == ["统一社会信用代码格式或校验位不正确"]
    response = login(clerk).post("/s/cases/new/", {
        "unit": market_unit.pk, "year": 2026, "case_no": "X1", "kind": "penalty", "party_type": "person",
        "party_person": "刘某", "party_id_number": "430771199001011234", "cause": "无证经营", "source": "complaint",
        "officer_names": "张执法", "officer_certs": "D032023001", "filed_on": "2026-09-01"})
    assert response.status_code == 200
    assert "执法人员不得少于两人" in response.content.decode()
    assert not EnforcementCase.objects.exists()
    assert not AuditEvent.objects.filter(object_type__contains="enforcementcase").exists()


def test_no_decision_before_the_notice_period_ends_unless_the_party_waived(clerk, head, market_unit):
    case = _notified(new_case(clerk, market_unit), clerk)
    case = update(case, head, decision_no="西市监罚〔2026〕2号", decided_on=date(2026, 9, 17), decision_content="罚款5000元")
    with pytest.raises(TransitionError, match="告知后陈述申辩（听证申请）期至2026-09-17止，期满前不能作出决定"):
        transition(case, "decide", by=head)
    case = update(case, head, waived_on=date(2026, 9, 11))
    case = transition(case, "decide", by=head)
    assert case.state == "decided"
    statement = deadlines_of(case).get(key="statement")
    assert (statement.due, statement.met_on) == (date(2026, 9, 17), date(2026, 9, 11))


def test_a_requested_hearing_must_be_held_first_and_makes_the_case_major(clerk, head, reviewer, market_unit):
    case = _notified(new_case(clerk, market_unit, proposed_fine=Decimal(3000)), clerk, hearing_requested=True)
    assert not case.major
    case = update(case, head, decision_no="罚3", decided_on=date(2026, 9, 30), decision_content="罚款3000元")
    with pytest.raises(TransitionError, match="当事人已申请听证，请先举行听证"):
        transition(case, "decide", by=head)
    case = update(case, head, hearing_held_on=date(2026, 9, 24))
    assert case.major and case.major_reasons() == ["经过听证"]


def test_a_close_with_missing_records_is_refused_naming_them(clerk, head, market_unit):
    case = _notified(new_case(clerk, market_unit, kind="coercion", onsite_investigation=True, proposed_fine=None),
                     clerk, waived_on=date(2026, 9, 10))
    case = update(case, head, decision_no="西市监强〔2026〕1号", decided_on=date(2026, 9, 11),
                  decision_content="查封涉案物品", served_on=date(2026, 9, 11), service_method="mail",
                  executed_on=date(2026, 9, 12))
    for name in ("decide", "serve", "execute"):
        case = transition(case, name, by=head)
    with pytest.raises(TransitionError) as exc:
        transition(case, "close", by=head)
    assert exc.value.messages == ["全过程记录不全，不能结案。缺少：立案文书、告知文书、决定文书、送达文书、"
                                  "现场调查取证音像记录、行政强制执行音像记录"]
    case.refresh_from_db()
    assert case.state == "executed" and case.closed_on is None
    # a case cannot be imported or saved as closed either
    with pytest.raises(ValidationError, match="全过程记录不全"):
        update(case, head, state="closed")


def test_an_audio_visual_record_needs_its_metadata_and_an_upload_is_hashed(login, clerk, market_unit):
    case = new_case(clerk, market_unit)
    with pytest.raises(ValidationError) as exc:
        services.entry_add(case, by=clerk, step="investigation", kind="av", title="现场检查")
    assert exc.value.message_dict["device"] == ["音像记录请填写记录设备"]
    assert exc.value.message_dict["started_at"] == ["音像记录请填写开始和结束时间"]
    client = login(clerk)
    upload = SimpleUploadedFile("0902.mp4", b"video-bytes", content_type="video/mp4")
    response = client.post(f"/s/cases/{case.pk}/entry/", {
        "step": "investigation", "kind": "av", "title": "现场检查", "device": "执法记录仪DSJ-01", "officer": "张执法",
        "started_at": "2026-09-02T09:00", "ended_at": "2026-09-02T09:40", "storage": "执法音像资料库", "file": upload})
    assert response.status_code == 302
    entry = case.entries.get()
    assert entry.sha256 == hashlib.sha256(b"video-bytes").hexdigest() and entry.file_name == "0902.mp4"


def test_the_major_threshold_is_the_units_own_and_discussion_may_be_required_always(settings, clerk, head,
                                                                                   market_unit):
    assert new_case(clerk, market_unit, case_no="T1", proposed_fine=Decimal(10000)).major
    settings.FAZHI_CASES_MAJOR_FINE_BY_UNIT = {market_unit.code: 30000}
    case = new_case(clerk, market_unit, case_no="T2", proposed_fine=Decimal(20000))
    assert not case.major and not case.discussion_required()
    assert new_case(clerk, market_unit, case_no="T3", proposed_fine=Decimal(30000)).major
    settings.FAZHI_CASES_DISCUSSION_ALWAYS = True
    case = _notified(case, clerk, waived_on=date(2026, 9, 10))
    case = update(case, head, decision_no="罚T2", decided_on=date(2026, 9, 11), decision_content="罚款20000元")
    with pytest.raises(TransitionError, match="须经行政机关负责人集体讨论决定"):
        transition(case, "decide", by=head)


AV = {"step": "investigation", "kind": "av", "title": "现场检查", "device": "执法记录仪DSJ-01", "officer": "张执法",
      "started_at": "2026-09-02T09:00", "ended_at": "2026-09-02T09:40", "storage": "执法音像资料库"}


def test_a_recording_over_the_upload_limit_is_refused_not_saved_without_its_hash(login, clerk, market_unit, settings):
    """The upload handler stops a file past the limit; the entry used to be saved as if no file had
    been chosen, without its SHA-256. Now nothing is saved and the clerk is told; a hash computed on
    the clerk's machine can be typed instead."""
    settings.FAZHI_UPLOAD_MAX_MB = 1
    case = new_case(clerk, market_unit)
    client = login(clerk)
    big = SimpleUploadedFile("0902.mp4", b"v" * (1024 * 1024 + 10), content_type="video/mp4")
    response = client.post(f"/s/cases/{case.pk}/entry/", {**AV, "file": big}, follow=True)
    assert "上传的文件超过1MB，未能接收，本次提交未保存" in response.content.decode()
    assert not case.entries.exists()

    typed = hashlib.sha256(b"v" * (1024 * 1024 + 10)).hexdigest().upper()
    assert client.post(f"/s/cases/{case.pk}/entry/", {**AV, "sha256": typed}).status_code == 302
    assert case.entries.get().sha256 == typed.lower()
    wrong = client.post(f"/s/cases/{case.pk}/entry/", {**AV, "sha256": "xyz"}, follow=True).content.decode()
    assert "SHA-256应为64位十六进制字符" in wrong and case.entries.count() == 1
