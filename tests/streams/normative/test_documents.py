"""Normative documents: no publication without a favourable legality review and a collective
discussion; filing within 30 days of publication (calendar days, last day rolled past a
holiday; the Hunan period is unconfirmed and a setting); the filing body's judgement; and
the four filing indicators (DOC-1 … DOC-4) on fixed data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.deadlines import deadlines_of, explain
from fazhi.core.ledger import record_create, record_update
from fazhi.indicators.registry import Period, compute
from fazhi.streams.normative.models import NormativeDocument
from tests.streams.normative.conftest import issued_review

pytestmark = pytest.mark.django_db
Y2023 = Period.year(2023)


def post(client, document, name: str):
    return client.post(f"/s/normative/documents/{document.pk}/do/{name}/", follow=True)


def edit(client, document, **changes):
    document.refresh_from_db()
    fields = {"unit": document.unit_id, "year": document.year, "doc_no": document.doc_no, "title": document.title,
              "version": document.version}
    for name in ("review_ref", "fair_competition", "meeting", "channel", "filed_with", "conformity",
                 "conformity_reason", "problem"):
        fields[name] = getattr(document, name)
    for name in ("discussed_on", "published_on", "filed_on", "filing_reviewed_on", "corrected_on", "repealed_on"):
        value = getattr(document, name)
        fields[name] = value.isoformat() if value else ""
    if document.found_illegal:
        fields["found_illegal"] = "on"
    response = client.post(f"/s/normative/documents/{document.pk}/edit/", {**fields, **changes})
    assert response.status_code == 302, response.context["form"].errors
    document.refresh_from_db()
    return document


def filing_deadline(document):
    return deadlines_of(document).get(key="filing")


def published(by, unit, doc_no: str, published_on: date, **fields) -> NormativeDocument:
    """A document registered as published (state set through the model, as an import would)."""
    fields.setdefault("state", "published")
    return record_create(NormativeDocument, by=by, unit=unit, year=published_on.year, doc_no=doc_no, title=doc_no,
                         review_ref="西法审〔2023〕1号", discussed_on=published_on, published_on=published_on, **fields)


def test_a_clerk_registers_a_document_and_the_number_must_be_well_formed(login, clerk, market_unit):
    client = login(clerk)
    form = {"unit": market_unit.pk, "year": 2023, "title": "关于印发《食品小作坊管理办法》的通知"}
    assert "文号格式应为" in client.post("/s/normative/documents/new/", {**form, "doc_no": "西市监发3号"}).content.decode()
    assert "文号中的年份应与所填年度一致" in client.post(
        "/s/normative/documents/new/", {**form, "doc_no": "西市监发〔2022〕3号"}).content.decode()
    response = client.post("/s/normative/documents/new/", {**form, "doc_no": "西市监发（2023）3号"})
    document = NormativeDocument.objects.get()
    assert response.status_code == 302 and document.doc_no == "西市监发〔2023〕3号"
    assert document.state_label == "起草中"


def test_a_document_goes_from_draft_through_review_decision_publication_and_filing_to_acceptance(
        login, clerk, head, market_unit, market_document):
    issued_review(clerk, market_unit, "西法审〔2023〕8号", opinion="agree_amended")
    pages = login(clerk)
    document = edit(pages, market_document, review_ref="西法审〔2023〕8号")
    post(pages, document, "send_review")
    post(pages, document, "pass_review")
    document = edit(pages, document, fair_competition="passed")
    post(pages, document, "pass_competition")
    with pytest.raises(AssertionError, match="公布日期不能早于集体讨论日期"):
        edit(pages, document, discussed_on="2023-09-20", meeting="局党组会议", published_on="2023-09-01")
    document = edit(pages, document, discussed_on="2023-08-30", meeting="局党组会议", published_on="2023-09-01")
    assert "您没有权限办理该环节" in post(pages, document, "publish").content.decode()
    post(login(head), document, "publish")
    document.refresh_from_db()
    assert document.state == "published"
    # 30 days after 2023-09-01 is Oct 1 (National Day); rolled to Sat Oct 7, a make-up working day.
    deadline = filing_deadline(document)
    assert (deadline.rule, deadline.days, deadline.due) == ("calendar_roll", 30, date(2023, 10, 7))
    assert deadline.label == "报送备案期限（期限待核实）"
    assert "法规规章备案审查条例》第四条" in deadline.basis
    assert "期满日2023年10月1日为法定节假日或休息日，顺延至其后第一个工作日" in explain(deadline)

    pages = login(clerk)
    detail = pages.get(f"/s/normative/documents/{document.pk}/").content.decode()
    assert "报送备案期限（期限待核实）" in detail and "2023年10月7日" in detail
    assert "请先填写报备日期" in post(pages, document, "file").content.decode()
    document = edit(pages, document, filed_on="2023-10-07", filed_with="常德市人民政府")
    post(pages, document, "file")
    document = edit(pages, document, filing_reviewed_on="2023-10-20", conformity="conforming")
    html = post(pages, document, "accept").content.decode()
    document.refresh_from_db()
    assert document.state == "accepted" and "备案审查通过" in html
    assert filing_deadline(document).met_on == date(2023, 10, 7)
    period = Period.year(2023)
    units = market_unit.descendants()
    assert compute("normative.timely_filing_rate", units, period).value == 100


def test_publication_is_refused_without_a_favourable_legality_review(login, head, clerk, market_unit, market_document):
    NormativeDocument.objects.filter(pk=market_document.pk).update(state="collective")
    pages = login(head)
    assert "请先填写合法性审核编号" in post(pages, market_document, "publish").content.decode()
    NormativeDocument.objects.filter(pk=market_document.pk).update(review_ref="西法审〔2023〕99号")
    assert "法制审核台账中没有审核编号为“西法审〔2023〕99号”的记录" in post(pages, market_document, "publish").content.decode()
    issued_review(clerk, market_unit, "西法审〔2023〕99号", opinion="disagree")
    assert "审核结论为不同意" in post(pages, market_document, "publish").content.decode()
    issued_review(clerk, market_unit, "西法审〔2023〕98号", kind="contract")
    NormativeDocument.objects.filter(pk=market_document.pk).update(review_ref="西法审〔2023〕98号")
    assert "不是规范性文件的合法性审核" in post(pages, market_document, "publish").content.decode()
    market_document.refresh_from_db()
    assert market_document.state == "collective"


def test_publication_is_refused_without_a_collective_discussion(login, head, clerk, market_unit, market_document):
    issued_review(clerk, market_unit, "西法审〔2023〕8号")
    NormativeDocument.objects.filter(pk=market_document.pk).update(state="collective", review_ref="西法审〔2023〕8号")
    response = post(login(head), market_document, "publish")
    assert "请先填写集体讨论日期：规范性文件须经集体审议决定后方可公布" in response.content.decode()
    market_document.refresh_from_db()
    assert market_document.state == "collective" and not deadlines_of(market_document).exists()


def test_the_form_refuses_a_publication_date_without_review_and_discussion(login, clerk, market_document):
    market_document.refresh_from_db()
    response = login(clerk).post(f"/s/normative/documents/{market_document.pk}/edit/", {
        "unit": market_document.unit_id, "year": 2023, "doc_no": market_document.doc_no,
        "title": market_document.title, "published_on": "2023-05-01", "version": market_document.version})
    html = response.content.decode()
    assert "未经合法性审核的规范性文件不得公布" in html and "未经集体讨论决定的规范性文件不得公布" in html


def test_a_document_cannot_be_sent_to_review_without_a_review_number(login, clerk, market_document):
    assert "请先填写合法性审核编号" in post(login(clerk), market_document, "send_review").content.decode()


def test_a_filing_date_before_publication_is_refused(login, clerk, market_unit):
    document = published(clerk, market_unit, "西市监发〔2023〕5号", date(2023, 6, 1))
    response = login(clerk).post(f"/s/normative/documents/{document.pk}/edit/", {
        "unit": market_unit.pk, "year": 2023, "doc_no": document.doc_no, "title": document.title,
        "review_ref": document.review_ref, "discussed_on": "2023-06-01", "published_on": "2023-06-01",
        "filed_on": "2023-05-30", "filed_with": "常德市人民政府", "version": document.version})
    assert "报备日期不能早于公布日期" in response.content.decode()


def test_the_filing_period_rolls_past_the_spring_festival_2024_to_the_make_up_sunday(clerk, market_unit):
    document = published(clerk, market_unit, "西市监发〔2024〕1号", date(2024, 1, 18))
    # Jan 18 + 30 days = Sat Feb 17, inside the Feb 10–17 break; Sun Feb 18 is a make-up working day.
    assert filing_deadline(document).due == date(2024, 2, 18)


def test_the_filing_period_and_its_day_type_are_settings(settings, clerk, market_unit):
    settings.FAZHI_NORMATIVE_FILING_DAYS = 15
    settings.FAZHI_NORMATIVE_FILING_RULE = "working"
    settings.FAZHI_NORMATIVE_FILING_BASIS = "《湖南省规范性文件管理办法》第二十条"
    document = published(clerk, market_unit, "西市监发〔2023〕7号", date(2023, 9, 25))
    deadline = filing_deadline(document)
    assert (deadline.days, deadline.rule, deadline.due, deadline.label) == (15, "working", date(2023, 10, 20),
                                                                             "报送备案期限")


def test_a_changed_publication_date_restarts_the_filing_period(clerk, market_unit):
    document = published(clerk, market_unit, "西市监发〔2023〕8号", date(2023, 6, 1))
    document = record_update(document, by=clerk, published_on=date(2023, 6, 5), discussed_on=date(2023, 6, 2))
    assert filing_deadline(document).due == date(2023, 7, 5)


def test_the_filing_body_orders_a_correction_and_the_issuer_revokes(login, clerk, market_unit):
    document = published(clerk, market_unit, "西市监发〔2023〕9号", date(2023, 6, 1))
    pages = login(clerk)
    document = edit(pages, document, filed_on="2023-06-20", filed_with="常德市人民政府")
    post(pages, document, "file")
    document = edit(pages, document, filing_reviewed_on="2023-07-10", conformity="conforming")
    assert "请先勾选“备案审查发现违法或不当”" in post(pages, document, "order_correction").content.decode()
    document = edit(pages, document, found_illegal="on", problem="第八条设定罚款，超越权限。")
    assert "应登记“责令纠正”" in post(pages, document, "accept").content.decode()
    post(pages, document, "order_correction")
    assert "请先填写纠正（撤销）日期" in post(pages, document, "revoke").content.decode()
    document = edit(pages, document, corrected_on="2023-07-25")
    post(pages, document, "revoke")
    document.refresh_from_db()
    assert (document.state, document.state_label) == ("revoked", "已撤销")


def test_a_nonconforming_judgement_needs_its_reason(login, clerk, market_unit):
    document = published(clerk, market_unit, "西市监发〔2023〕10号", date(2023, 6, 1),
                         filed_on=date(2023, 6, 20), filed_with="常德市人民政府")
    document.refresh_from_db()
    response = login(clerk).post(f"/s/normative/documents/{document.pk}/edit/", {
        "unit": market_unit.pk, "year": 2023, "doc_no": document.doc_no, "title": document.title,
        "review_ref": document.review_ref, "discussed_on": "2023-06-01", "published_on": "2023-06-01",
        "filed_on": "2023-06-20", "filed_with": "常德市人民政府", "filing_reviewed_on": "2023-07-01",
        "conformity": "nonconforming", "version": document.version})
    assert "判定为不规范的，请填写不规范原因" in response.content.decode()


# -- indicators on fixed data -------------------------------------------------------------

@pytest.fixture
def filings_2023(clerk, market_unit):
    """Five documents published in 2023: three filed on time (two judged 规范, one 不规范), one
    filed late (not yet judged), one not filed; one published in 2022; one found illegal and revoked."""
    def doc(n: int, published_on: date, **fields):
        return published(clerk, market_unit, f"西市监发〔{published_on.year}〕{n}号", published_on, **fields)

    filed = {"filed_with": "常德市人民政府", "state": "filed"}
    doc(1, date(2023, 3, 1), filed_on=date(2023, 3, 20), filing_reviewed_on=date(2023, 4, 1),
        conformity="conforming", **{**filed, "state": "accepted"})
    doc(2, date(2023, 4, 3), filed_on=date(2023, 4, 28), filing_reviewed_on=date(2023, 5, 10),
        conformity="conforming", **{**filed, "state": "accepted"})
    doc(3, date(2023, 5, 4), filed_on=date(2023, 5, 30), filing_reviewed_on=date(2023, 6, 10),
        conformity="nonconforming", conformity_reason="缺少起草说明", found_illegal=True, problem="超越权限",
        corrected_on=date(2023, 7, 1), **{**filed, "state": "revoked"})
    doc(4, date(2023, 6, 1), filed_on=date(2023, 7, 20), **filed)  # due 2023-07-01 (Sat) -> Mon 07-03: late
    doc(5, date(2023, 11, 1))
    doc(9, date(2022, 12, 1), filed_on=date(2022, 12, 10), **filed)
    return market_unit.descendants()


def test_filing_rate_is_documents_filed_over_documents_published_in_the_year(filings_2023):
    result = compute("normative.filing_rate", filings_2023, Y2023)
    assert (result.numerator, result.denominator, result.value) == (4, 5, 80)


def test_timely_filing_rate_counts_filings_within_the_period_over_filings(settings, filings_2023):
    result = compute("normative.timely_filing_rate", filings_2023, Y2023)
    assert (result.numerator, result.denominator, result.value) == (3, 4, 75)
    settings.FAZHI_NORMATIVE_TIMELY_DENOMINATOR = "due"
    result = compute("normative.timely_filing_rate", filings_2023, Y2023)
    assert (result.numerator, result.denominator, result.value) == (3, 5, 60)


def test_conformity_rate_is_conforming_judgements_over_judged_filings(filings_2023):
    result = compute("normative.conformity_rate", filings_2023, Y2023)
    assert (result.numerator, result.denominator) == (2, 3)
    assert round(result.value, 1) == Decimal("66.7")


def test_correction_rate_is_illegal_documents_corrected_or_revoked_over_those_found(clerk, market_unit, filings_2023):
    pending = published(clerk, market_unit, "西市监发〔2023〕6号", date(2023, 8, 1), filed_on=date(2023, 8, 10),
                        filed_with="常德市人民政府", filing_reviewed_on=date(2023, 9, 1), conformity="conforming",
                        found_illegal=True, problem="与上位法不一致", state="correction_required")
    result = compute("normative.correction_rate", filings_2023, Y2023)
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50)
    record_update(pending, by=clerk, corrected_on=date(2023, 9, 20), state="corrected")
    assert compute("normative.correction_rate", filings_2023, Y2023).value == 100


def test_rates_of_nothing_are_not_100_percent(county):
    assert compute("normative.filing_rate", county.descendants(), Y2023).value is None
