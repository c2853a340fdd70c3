"""Excel import: legal-aid applications and adviser appointments from the template; a re-import
duplicates nothing; a malformed workbook imports nothing and reports every bad cell."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.streams.legal_services.importers import APPOINTMENT_IMPORT, LEGAL_AID_IMPORT
from fazhi.streams.legal_services.models import AdvisorAppointment, LegalAidApplication
from tests.streams.legal_services.conftest import APPLICANT_ID, valid_id
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db
AID = "/s/legal_services/aid/"
ADVISORS = "/s/legal_services/advisors/"


def workbook(spec, rows) -> io.BytesIO:
    return upload_xlsx(spec.headers, [[r.get(f.name) for f in spec.fields] for r in rows])


def aid_row(no: str = "XDT-FY-2024-301", **values) -> dict:
    row = {"unit": "司法局（依法治区办）", "year": 2024, "application_no": no, "applied_on": "2024-04-01",
           "channel": "窗口申请", "applicant_name": "赵德明", "applicant_id_number": APPLICANT_ID,
           "applicant_phone": "13912345678", "case_type": "民事", "matter": "追索劳动报酬"}
    row.update(values)
    return row


GOOD = [aid_row(), aid_row("XDT-FY-2024-302", applicant_name="钱玉梅", applicant_id_number=valid_id("43077119900505002"),
                           case_type="刑事", matter="刑事辩护")]


def test_the_template_has_the_columns_and_drop_downs(login, coordinator):
    wb = load_workbook(io.BytesIO(login(coordinator).get(f"{AID}import/template.xlsx").content))
    headers = [c.value for c in wb.worksheets[0][1]]
    assert headers[:3] == ["受理机构*", "年度*", "申请编号*"] and "公民身份号码*" in headers
    options = [c.value for c in wb["选项"]["J"] if c.value]
    assert options == ["刑事", "民事", "行政", "非诉讼事项"]


def test_a_good_file_imports_with_deadlines_and_reimporting_duplicates_nothing(login, coordinator):
    client = login(coordinator)
    assert client.post(f"{AID}import/", {"file": workbook(LEGAL_AID_IMPORT, GOOD)}).status_code == 302
    assert LegalAidApplication.objects.count() == 2
    first = LegalAidApplication.objects.get(application_no="XDT-FY-2024-301")
    assert first.deadlines.get().due.isoformat() == "2024-04-08"
    response = client.post(f"{AID}import/", {"file": workbook(LEGAL_AID_IMPORT, GOOD)})
    assert response.status_code == 302 and LegalAidApplication.objects.count() == 2
    assert "新增0条，更新0条，未变化2条" in [str(m) for m in response.wsgi_request._messages][-1]


def test_a_malformed_file_imports_nothing_and_reports_each_bad_cell(login, coordinator):
    bad = [aid_row(), aid_row("XDT-FY-2024-302", applicant_id_number="430771198001010010", applied_on="2024-13-45",
                              case_type="家事", unit="交通运输局")]
    client = login(coordinator)
    response = client.post(f"{AID}import/", {"file": workbook(LEGAL_AID_IMPORT, bad)})
    assert response.status_code == 400 and not LegalAidApplication.objects.exists()
    page = response.content.decode()
    for message in ("公民身份号码格式或校验位不正确", "不是有效日期", "“家事”不在可选范围内", "单位“交通运输局”不存在或您无权为其登记"):
        assert message in page
    errors = client.post(f"{AID}import/", {"file": workbook(LEGAL_AID_IMPORT, bad), "errors": "xlsx"})
    ws = load_workbook(io.BytesIO(errors.content)).worksheets[0]
    flagged = [c.coordinate for row in ws.iter_rows() for c in row if c.comment]
    assert set(flagged) == {"A3", "D3", "G3", "J3"}


def test_appointments_import_by_village_name(login, coordinator, justice_unit, yucai):
    rows = [{"unit": "司法局（依法治区办）", "year": 2024, "village": "育才社区", "advisor_name": "刘建华",
             "law_firm": "湖南洞庭湖律师事务所", "contract_start": "2024-01-01", "contract_end": "2026-12-31"},
            {"unit": "司法局（依法治区办）", "year": 2024, "village": "不存在村", "advisor_name": "周文博",
             "law_firm": "湖南金凤律师事务所", "contract_start": "2024-01-01"}]
    client = login(coordinator)
    response = client.post(f"{ADVISORS}import/", {"file": workbook(APPOINTMENT_IMPORT, rows)})
    assert response.status_code == 400 and "请填写本区的村（社区）全称" in response.content.decode()
    assert not AdvisorAppointment.objects.exists()
    assert client.post(f"{ADVISORS}import/", {"file": workbook(APPOINTMENT_IMPORT, rows[:1])}).status_code == 302
    assert client.post(f"{ADVISORS}import/", {"file": workbook(APPOINTMENT_IMPORT, rows[:1])}).status_code == 302
    assert AdvisorAppointment.objects.get().village == yucai
