"""Who may see and change legality reviews and normative documents, and masking of the
submitter's contact details (the only personal data of this stream)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.streams.normative.models import NormativeDocument, ReviewRequest

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[tuple]:
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


def test_another_units_clerk_can_neither_see_nor_change_a_market_review(login, other_clerk, market_review,
                                                                      transport_review):
    client = login(other_clerk)
    html = client.get("/s/normative/").content.decode()
    assert "客运站经营权转让合同" in html and market_review.review_no not in html
    pk = market_review.pk
    for url in (f"/s/normative/{pk}/", f"/s/normative/{pk}/edit/", f"/s/normative/{pk}/delete/",
                f"/s/normative/{pk}/do/check/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "无权访问" in response.content.decode()
    assert client.post(f"/s/normative/{pk}/edit/", {"unit": market_review.unit_id, "year": 2023,
                                                    "review_no": "改号", "kind": "normative", "title": "改",
                                                    "received_on": "2023-09-25"}).status_code == 403
    assert client.post(f"/s/normative/{pk}/do/check/").status_code == 403
    assert client.post(f"/s/normative/{pk}/delete/").status_code == 403
    market_review.refresh_from_db()
    assert (market_review.state, market_review.title) == ("submitted", "关于印发《食品小作坊管理办法》的通知")
    exported = rows_of(client.get("/s/normative/", {"format": "xlsx"}))
    assert [r[1] for r in exported[1:]] == ["西法审〔2023〕20号"]


def test_another_units_clerk_cannot_import_into_the_market_unit(login, other_clerk, market_unit, transport_unit):
    from tests.streams.normative.test_excel import REVIEW_HEADER, workbook

    row = ["市场监督管理局", 2023, "西法审〔2023〕50号", "规范性文件", "越权登记", "", "", "", "", "2023-03-01",
           "", "", "", ""]
    response = login(other_clerk).post("/s/normative/import/", {"file": workbook([row], REVIEW_HEADER)})
    errors = [e.message for e in response.context["result"].errors]
    assert "单位“市场监督管理局”不存在或您无权为其登记" in errors
    assert not ReviewRequest.objects.filter(review_no="西法审〔2023〕50号").exists()


def test_an_import_cannot_overwrite_another_units_review_by_reusing_its_number(login, other_clerk, market_review,
                                                                              transport_unit):
    from tests.streams.normative.test_excel import REVIEW_HEADER, workbook

    row = ["交通运输局", 2023, market_review.review_no, "规范性文件", "冒用编号", "", "", "", "", "2023-03-01",
           "", "", "", ""]
    response = login(other_clerk).post("/s/normative/import/", {"file": workbook([row], REVIEW_HEADER)})
    assert response.status_code == 400
    assert "该审核编号已被登记" in [e.message for e in response.context["result"].errors]
    market_review.refresh_from_db()
    assert market_review.title == "关于印发《食品小作坊管理办法》的通知"


def test_another_units_clerk_cannot_open_a_market_document(login, other_clerk, market_document):
    client = login(other_clerk)
    assert market_document.doc_no not in client.get("/s/normative/documents/").content.decode()
    for url in (f"/s/normative/documents/{market_document.pk}/", f"/s/normative/documents/{market_document.pk}/edit/"):
        assert client.get(url).status_code == 403
    assert client.post(f"/s/normative/documents/{market_document.pk}/do/abandon/").status_code == 403
    assert rows_of(client.get("/s/normative/documents/", {"format": "xlsx"}))[1:] == []
    market_document.refresh_from_db()
    assert market_document.state == "draft"


def test_the_leader_reads_everything_but_changes_nothing(login, leader, market_review, market_document):
    client = login(leader)
    assert client.get(f"/s/normative/{market_review.pk}/").status_code == 200
    assert client.get(f"/s/normative/documents/{market_document.pk}/").status_code == 200
    assert client.get("/s/normative/new/").status_code == 403
    assert client.get(f"/s/normative/{market_review.pk}/edit/").status_code == 403
    assert client.post(f"/s/normative/{market_review.pk}/delete/").status_code == 403
    response = client.post(f"/s/normative/{market_review.pk}/do/check/", follow=True)
    assert "您没有权限办理该环节" in response.content.decode()
    assert client.post(f"/s/normative/documents/{market_document.pk}/delete/").status_code == 403
    market_review.refresh_from_db()
    assert market_review.state == "submitted"
    assert ReviewRequest.objects.count() == 1 and NormativeDocument.objects.count() == 1


def test_the_submitters_contact_details_are_masked_for_the_leader(login, clerk, leader, market_review):
    assert "张三丰" in login(clerk).get(f"/s/normative/{market_review.pk}/").content.decode()
    detail = login(leader).get(f"/s/normative/{market_review.pk}/").content.decode()
    assert "张三丰" not in detail and "张某" in detail
    assert "13812345678" not in detail and "138****5678" in detail
    listing = login(leader).get("/s/normative/").content.decode()
    assert "张三丰" not in listing and "张某" in listing


def test_the_public_export_masks_contact_details_even_for_the_clerk(login, clerk, market_review):
    client = login(clerk)
    header, *internal = rows_of(client.get("/s/normative/", {"format": "xlsx"}))
    _, *public = rows_of(client.get("/s/normative/", {"format": "xlsx", "public": "1"}))
    name, phone = header.index("送审经办人"), header.index("联系电话")
    assert (internal[0][name], internal[0][phone]) == ("张三丰", "13812345678")
    assert (public[0][name], public[0][phone]) == ("张某", "138****5678")


def test_the_filing_catalogue_export_holds_no_personal_data_and_needs_no_masking(login, clerk, market_document):
    header, *rows = rows_of(login(clerk).get("/s/normative/documents/", {"format": "xlsx"}))
    assert header[:4] == ("年度", "文号", "文件名称", "承办单位")
    assert rows == [(2023, "西市监发〔2023〕1号", "关于印发《食品小作坊管理办法》的通知", "市场监督管理局", None, None,
                     None, None, None, None, None, None, None, "起草中")]
    assert NormativeDocument.personal_fields == {}




def test_the_filing_catalogue_lists_the_years_filings_in_order_and_exports_them(login, clerk, other_clerk,
                                                                               market_unit, transport_unit):
    from datetime import date

    from fazhi.core.ledger import record_create

    def filed(by, unit, doc_no: str, filed_on: date) -> None:
        record_create(NormativeDocument, by=by, unit=unit, year=2023, doc_no=doc_no, title=f"文件{doc_no}",
                      review_ref="西法审〔2023〕1号", discussed_on=date(2023, 3, 1), published_on=date(2023, 3, 2),
                      filed_on=filed_on, filed_with="常德市人民政府", state="filed")

    filed(clerk, market_unit, "西市监发〔2023〕2号", date(2023, 3, 20))
    filed(clerk, market_unit, "西市监发〔2023〕1号", date(2023, 3, 10))
    filed(other_clerk, transport_unit, "西交发〔2023〕1号", date(2023, 3, 15))
    client = login(clerk)
    html = client.get("/s/normative/documents/catalogue/", {"year": 2023}).content.decode()
    assert "2023年规范性文件备案目录" in html and "西交发" not in html
    assert html.index("西市监发〔2023〕1号") < html.index("西市监发〔2023〕2号")
    assert "本年度暂无报备文件" in client.get("/s/normative/documents/catalogue/", {"year": 2022}).content.decode()
    rows = rows_of(client.get("/s/normative/documents/catalogue/", {"year": 2023, "format": "xlsx"}))
    assert rows[0] == ("序号", "文号", "文件名称", "制定机关", "公布日期", "报备日期", "备案机关", "备案审查结果")
    assert [(r[0], r[1], r[7]) for r in rows[1:]] == [(1, "西市监发〔2023〕1号", "已报备待审查"),
                                                     (2, "西市监发〔2023〕2号", "已报备待审查")]
