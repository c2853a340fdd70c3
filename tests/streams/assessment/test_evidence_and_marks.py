"""A judgement item's evidence is a record link or an uploaded file (.pdf/.docx/.jpg/.png, checked
by its bytes), shown and downloadable on the sheet and counted in ``evidence``; every item carries
the spec's mark [C]/[U]/[D], shown on the scheme and sheet pages and in the JSON and Excel outputs."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import load_workbook

from fazhi.streams.assessment import services
from fazhi.streams.assessment.models import ScoreSheet

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def sheet(scheme, coordinator, market_unit) -> ScoreSheet:
    services.score_run(scheme, by=coordinator)
    return ScoreSheet.objects.get(scheme=scheme, unit=market_unit)


def _judge(client, sheet, **extra):
    data = {"judge-item": "report", "judge-points": "5", "judge-reason": "五个法定部分齐全", **extra}
    return client.post(f"/s/assessment/sheets/{sheet.pk}/judge/", data, follow=True).content.decode()


def test_an_uploaded_scan_is_the_evidence_shown_downloaded_and_counted(sheet, coordinator, login):
    client = login(coordinator)
    page = _judge(client, sheet, **{"judge-evidence_file": SimpleUploadedFile("会议纪要.png", PNG)})
    assert "已保存评审打分" in page
    row = sheet.scores.get(item__key="report")
    assert (row.points, row.evidence, row.evidence_link) == (Decimal(5), 1, "")
    assert row.evidence_file.name.endswith(f"{sheet.pk}-{row.item_id}.png")
    assert "下载佐证材料" in page
    download = client.get(f"/s/assessment/sheets/{sheet.pk}/evidence/{row.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG
    # a link as well: both count; the file stays when a later entry brings only a link
    _judge(client, sheet, **{"judge-evidence_link": "/s/study/1/"})
    row.refresh_from_db()
    assert (row.evidence, row.evidence_link, bool(row.evidence_file)) == (2, "/s/study/1/", True)
    output = io.StringIO()
    call_command("fazhi_assess", "--year", "2023", "--unit", sheet.unit.code, stdout=output)
    item = next(i for i in json.loads(output.getvalue())["units"][0]["items"] if i["key"] == "report")
    assert item["evidence"] == 2


@pytest.mark.parametrize(("name", "content", "message"), [
    ("评审意见.exe", PNG, "只能上传 .pdf、.docx、.jpg 或 .png 格式的佐证材料"),
    ("照片.png", b"GIF89a not a png at all", "内容不是.png图片文件"),
    ("照片.jpg", PNG, "内容不是.jpg图片文件"),
    ("报告.pdf", b"hello", "内容不是.pdf文件"),
])
def test_a_wrong_file_is_refused_in_chinese_and_nothing_is_written(sheet, coordinator, login, name, content,
                                                                   message):
    page = _judge(login(coordinator), sheet, **{"judge-evidence_file": SimpleUploadedFile(name, content)})
    assert message in page
    row = sheet.scores.get(item__key="report")
    assert (row.points, row.evidence, bool(row.evidence_file)) == (None, 0, False)


def test_without_link_or_file_the_points_are_refused(sheet, coordinator, login):
    assert "请提供佐证：填写记录链接（或材料说明），或上传佐证材料" in _judge(login(coordinator), sheet)
    assert sheet.scores.get(item__key="report").points is None


def test_another_units_clerk_cannot_download_the_evidence(sheet, coordinator, other_clerk, login):
    services.judgement_enter(sheet, by=coordinator, item="report", points="5", reason="齐全",
                             evidence_file=SimpleUploadedFile("纪要.pdf", b"%PDF-1.7\n%%EOF\n"))
    row = sheet.scores.get(item__key="report")
    assert login(other_clerk).get(f"/s/assessment/sheets/{sheet.pk}/evidence/{row.pk}/").status_code in (403, 404)


def test_items_carry_the_specs_mark_on_pages_and_outputs(scheme, coordinator, login, tmp_path):
    services.item_save(scheme, by=coordinator, key="study", mark="C", basis="示范指标体系第27项")
    services.score_run(scheme, by=coordinator)
    client = login(coordinator)
    page = client.get(f"/s/assessment/{scheme.pk}/").content.decode()
    assert "[C] 已核实（有原文依据）" in page and "[D] 平台设计（口径由平台确定）" in page
    sheet = scheme.sheets.first()
    assert "[C] 已核实（有原文依据）" in client.get(f"/s/assessment/sheets/{sheet.pk}/").content.decode()
    output = io.StringIO()
    call_command("fazhi_assess", "--year", "2023", stdout=output)
    marks = {i["key"]: i["mark"] for u in json.loads(output.getvalue())["units"] for i in u["items"]}
    assert marks == {"study": "C", "report": "D"}
    xlsx = tmp_path / "r.xlsx"
    call_command("fazhi_assess", "--year", "2023", "--format", "xlsx", "-o", str(xlsx))
    header = next(load_workbook(xlsx).active.values)
    assert header[:4] == ("单位类型", "排名", "单位代码", "单位名称")
    assert "[C] [U] 学法不少于4次" in header and "[D] [D] 年度报告质量" in header  # mark, then the label as typed
