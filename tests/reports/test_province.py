"""City → province (issue 18): two cities of 湖南省 (常德市 with two counties, 岳阳市 with one) send their
consolidated figures up; the province's 依法治省办 sees both cities side by side with the province total
computed from the summed numerators and denominators (never an average of the cities' rates), each
city's text, and nothing of a city's counties or a county's ledgers."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from fazhi.accounts.services import membership_grant
from fazhi.core.models import AuditEvent, Unit
from fazhi.core.units import setup_division
from fazhi.reports import submissions
from fazhi.reports.models import Submission
from tests.conftest import make_user
from tests.reports.test_city import _county_with_report

pytestmark = pytest.mark.django_db


def _grant(username: str, code: str, role: str):
    user = make_user(username, None, None)
    membership_grant(user=user, unit=Unit.objects.get(code=code), role=role, by=None)
    return user


@pytest.fixture
def province_world(county, coordinator, justice_unit):
    """常德市: 西洞庭 9 of 10 attended, 2 sessions; 安乡县 1 of 20, 3 sessions. 岳阳市: 岳阳县 30 of 40, 1 session."""
    for code in ("430771", "430621"):
        setup_division(code, province=True)  # 湖南省 > 常德市 > 西洞庭, 安乡县; 湖南省 > 岳阳市 > 岳阳县
    counties = [_county_with_report("430771", 9, 10, 2, coordinator=coordinator),
                _county_with_report("430721", 1, 20, 3), _county_with_report("430621", 30, 40, 1)]
    for _county, coord, report in counties:
        submissions.submit(report, by=coord)
    return {"changde": _grant("changde", "430700", "city_coordinator"),
            "yueyang": _grant("yueyang", "430600", "city_coordinator"),
            "province": _grant("hunan", "430000", "province_coordinator"), "counties": counties}


def test_two_cities_submit_and_the_province_sees_both_with_the_rate_of_the_sums(province_world, login):
    changde = login(province_world["changde"])
    page = changde.get("/city/?year=2023").content.decode()
    assert "常德市报送省级" in page and "2023年度尚未报送省级" in page
    page = changde.post("/city/submit-province/", {"year": "2023"}, follow=True).content.decode()
    assert "已报送省级（第1版），回执编号 430000-2023-0001" in page and "重新报送省级（第2版）" in page
    page = login(province_world["yueyang"]).post("/city/submit-province/", {"year": "2023"},
                                                 follow=True).content.decode()
    assert "回执编号 430000-2023-0002" in page

    province = login(province_world["province"])
    status = province.get("/province/?year=2023").content.decode()
    assert "已报送 2 / 2 个市（州）" in status and "常德市" in status and "岳阳市" in status
    assert "常德市2023年度法治政府建设情况汇总" in status
    assert "各市（州）法治政府建设情况汇总报送情况" in province.get("/home/").content.decode()  # its home page

    figures = province.get("/province/figures/?year=2023").content.decode()
    # 常德 10/30 = 33.3%, 岳阳 30/40 = 75%: the province is 40/70 = 57.1%, not the average 54.2%
    assert "33.3%（10/30）" in figures and "75%（30/40）" in figures
    assert "57.1%（40/70）" in figures and "54.2" not in figures
    assert '<td class="fw-bold" data-testid="city-total">6次</td>' in figures  # 5 + 1 sessions held
    assert "全省合计" in figures and "西洞庭" not in figures  # cities side by side, not their counties

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(
        province.get("/province/figures/?year=2023&format=xlsx").streaming_content))).active
    rows = {r[0]: r for r in sheet.iter_rows(values_only=True)}
    assert rows["指标代码"][2:] == ("岳阳市", "常德市", "全省合计")
    assert rows["study.attendance_rate"][2:] == ("75%（30/40）", "33.3%（10/30）", "57.1%（40/70）")

    sub = Submission.objects.get(county__code="430700")
    text = province.get(f"/province/submissions/{sub.pk}/").content.decode()
    assert "常德市西洞庭管理区：第1版，回执430700-2023-0001" in text and "安乡县：第1版" in text
    assert "{{ study.attendance_rate }}" in text and "33.3%（10/30）" in text
    assert AuditEvent.objects.filter(object_type="reports.submission",
                                     note="报送省级第1版，回执430000-2023-0001").exists()


def test_each_level_reads_only_its_own(province_world, login):
    _county, west_coord, west_report = province_world["counties"][0]
    changde, province = province_world["changde"], province_world["province"]
    submissions.submit_city(Unit.objects.get(code="430700"), 2023, by=changde)
    yueyang_county_sub = Submission.objects.get(county__code="430621")
    city = login(changde)
    assert city.get("/province/").status_code == 403
    assert city.get(f"/city/submissions/{yueyang_county_sub.pk}/").status_code == 404  # another city's county
    assert "岳阳县" not in city.get("/city/figures/?year=2023").content.decode()
    prov = login(province)
    assert prov.get("/city/").status_code == 403
    assert prov.get(f"/province/submissions/{yueyang_county_sub.pk}/").status_code == 404  # a county's, not a city's
    assert prov.get(f"/reports/{west_report.pk}/").status_code == 404
    assert prov.get("/s/study/").status_code == 403
    assert prov.post("/city/submit-province/", {"year": "2023"}).status_code == 403
    assert login(west_coord).get("/province/").status_code == 403


def test_a_city_without_a_province_or_without_submissions_is_refused(county, coordinator, justice_unit, login):
    _county, coord, report = _county_with_report("430771", 9, 10, 2, coordinator=coordinator)
    user = _grant("changde", "430700", "city_coordinator")
    city = Unit.objects.get(code="430700")
    with pytest.raises(ValidationError, match="尚未设置所属省级单位"):
        submissions.submit_city(city, 2023, by=user)
    setup_division("430771", province=True)
    user, coord = (type(u).objects.get(pk=u.pk) for u in (user, coord))  # their units moved under 湖南省
    city.refresh_from_db()
    page = login(user).post("/city/submit-province/", {"year": "2023"}, follow=True).content.decode()
    assert "2023年度尚无区县报送数据，不能报送省级" in page
    assert not Submission.objects.exists()
    submissions.submit(report, by=coord)
    second = submissions.submit_city(city, 2023, by=user)
    assert second.version == 1 and second.receipt_no == "430000-2023-0001"


def test_setup_places_the_city_under_its_province_once(county, capsys):
    call_command("fazhi_setup", "--division", "430771", "--province")
    assert "上级：常德市人民政府（430700）、湖南省人民政府（430000）" in capsys.readouterr().out
    county.refresh_from_db()
    assert county.path == "430000/430700/430771/"
    province = Unit.objects.get(code="430000")
    assert (province.name, province.kind) == ("湖南省人民政府", Unit.Kind.PROVINCE)
    setup_division("430721", city=True)  # a later county with --city only: its city stays under the province
    assert Unit.objects.get(code="430721").path == "430000/430700/430721/"
    assert Unit.objects.filter(kind=Unit.Kind.PROVINCE).count() == 1
    with pytest.raises(ValidationError, match="只能授予在省级单位"):
        membership_grant(user=make_user("x", None, None), unit=county, role="province_coordinator", by=None)
