"""Issue 17: the 印章 position (GB/T 9704 7.3.5), chosen per report on its page. 加盖印章: the 成文日期
右空四字 and the 发文机关署名 centred over it, two empty lines above (the seal presses on both from above
their centre, its top within a line of the text). 不加盖印章: one empty line, the 署名 右空二字 and the
date one line below, starting two characters right of the 署名 (the date 右空二字 when it is the longer)."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from fazhi.core.models import AuditEvent
from fazhi.reports import gip_render, render, services
from fazhi.reports.gip import gip_json
from fazhi.reports.models import AnnualReport
from tests.reports.conftest import BODY_TEXT

pytestmark = pytest.mark.django_db
CHECKER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "gbt9704_check.py"
ISSUER = "常德市西洞庭管理区管理委员会"  # 14 characters
DAY = "2024年1月26日"  # 6.5 characters: the digits are half-width
TEXT = BODY_TEXT


@pytest.fixture
def report(written_report, coordinator) -> AnnualReport:
    return services.report_update(written_report, by=coordinator, signatory=ISSUER, signed_on=date(2024, 1, 26))


def tail(report: AnnualReport) -> tuple[list[str], float, float]:
    """The .docx's last lines after the text (blank ones as ""), and the 署名's and date's 右空 in characters."""
    paragraphs = Document(io.BytesIO(render.docx_bytes(report))).paragraphs
    last_text = max(i for i, p in enumerate(paragraphs) if TEXT in p.text)
    after = paragraphs[last_text + 1:]
    signature, day = after[-2], after[-1]
    return ([p.text for p in after], signature.paragraph_format.right_indent.pt / 16,
            day.paragraph_format.right_indent.pt / 16)


def test_a_sealed_report_centres_the_issuer_over_the_date_four_characters_from_the_right(report):
    assert report.seal == AnnualReport.Seal.SEALED  # the default: a 法治政府建设 report goes out sealed
    lines, signature, day = tail(report)
    assert lines == ["", "", ISSUER, DAY]
    assert day == 4
    assert signature + render._width(ISSUER) / 2 == pytest.approx(day + render._width(DAY) / 2)  # centred


def test_an_unsealed_report_puts_the_issuer_two_characters_from_the_right_and_the_date_two_further_right(
        report, coordinator, login):
    page = login(coordinator).post(f"/reports/{report.pk}/update/", {"version": report.version, "seal": "unsealed"},
                                   follow=True).content.decode()
    assert "已保存公文要素" in page
    report = AnnualReport.objects.get(pk=report.pk)
    assert report.seal == AnnualReport.Seal.UNSEALED
    event = AuditEvent.objects.filter(object_type="reports.annualreport", action="update").latest("id")
    assert (event.before["seal"], event.after["seal"]) == ("sealed", "unsealed")
    lines, signature, day = tail(report)
    assert lines == ["", ISSUER, DAY]
    assert signature == 2
    first_of_signature, first_of_date = signature + render._width(ISSUER), day + render._width(DAY)
    assert first_of_signature - first_of_date == 2


def test_when_the_date_is_longer_than_the_issuer_the_date_keeps_two_characters_and_the_issuer_moves_left():
    layout = render.signature_layout("司法局", DAY, "unsealed")
    assert layout.date_right == 2
    assert (layout.signature_right + render._width("司法局")) - (layout.date_right + render._width(DAY)) == 2


def test_the_printed_html_places_them_as_the_word_file_does(report, coordinator):
    sealed = render.standalone_html(report, links=False)
    assert f'style="padding-right: 0.25em; margin-top: 57.9pt;">{ISSUER}' in sealed
    assert f'style="padding-right: 4em;">{DAY}' in sealed
    report = services.report_update(report, by=coordinator, seal="unsealed")
    unsealed = render.standalone_html(report, links=False)
    assert f'style="padding-right: 2em; margin-top: 28.95pt;">{ISSUER}' in unsealed
    assert f'style="padding-right: 7.5em;">{DAY}' in unsealed


def test_the_disclosure_report_follows_the_same_choice(report, coordinator, county):
    gip_report = services.report_create(by=coordinator, unit=county, year=2023, kind=AnnualReport.Kind.DISCLOSURE)
    gip_report = services.report_update(gip_report, by=coordinator, signatory=ISSUER, signed_on=date(2024, 1, 26),
                                        seal="unsealed")
    data = gip_json(county, 2023, gip_report)
    assert data["seal"] == "unsealed"
    assert f'style="padding-right: 2em; margin-top: 28.95pt;">{ISSUER}' in gip_render.body_html(data)
    paragraphs = [p for p in Document(io.BytesIO(gip_render.docx_bytes(data))).paragraphs]
    assert [p.text for p in paragraphs[-3:]] == ["", ISSUER, DAY]
    assert paragraphs[-2].paragraph_format.right_indent.pt == 2 * 16


def test_an_unknown_seal_is_refused_in_chinese_and_nothing_is_saved(report, coordinator, login):
    page = login(coordinator).post(f"/reports/{report.pk}/update/", {"version": report.version, "seal": "red"},
                                   follow=True).content.decode()
    assert "印章只能选择“加盖印章”或“不加盖印章”" in page
    assert AnnualReport.objects.get(pk=report.pk).seal == AnnualReport.Seal.SEALED


def test_the_seal_is_fixed_once_the_report_is_approved(report, coordinator, approver):
    report = services.transition(services.transition(report, "review", by=coordinator), "approve", by=approver,
                                 meeting={"name": "区管委常务会议", "on": date(2024, 1, 26)})
    with pytest.raises(services.ValidationError, match="署名和印章不能再修改"):
        services.report_update(report, by=coordinator, seal="unsealed")
    assert AnnualReport.objects.get(pk=report.pk).seal == AnnualReport.Seal.SEALED


@pytest.mark.parametrize("seal", ["sealed", "unsealed"])
def test_both_layouts_pass_the_gbt9704_checker(report, coordinator, tmp_path, seal):
    if not CHECKER.exists():
        pytest.skip(f"{CHECKER} not found")
    out = tmp_path / "report.docx"
    out.write_bytes(render.docx_bytes(services.report_update(report, by=coordinator, seal=seal)
                                      if seal != report.seal else report))
    result = subprocess.run([sys.executable, str(CHECKER), str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
