from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from fazhi.core.models import Unit
from fazhi.core.units import setup_division

pytestmark = pytest.mark.django_db


def test_the_reference_county_has_its_three_townships_and_eighteen_villages(county):
    townships = Unit.objects.filter(kind=Unit.Kind.TOWNSHIP, parent=county)
    assert set(townships.values_list("name", flat=True)) == {"龙泉街道", "金凤街道", "祝丰镇"}
    villages = Unit.objects.filter(kind=Unit.Kind.VILLAGE, path__startswith=county.path)
    assert villages.count() == 18
    assert villages.filter(name__endswith="社区").count() == 10


def test_setup_twice_duplicates_nothing(county):
    before = Unit.objects.count()
    setup_division("430771")
    assert Unit.objects.count() == before


def test_another_county_in_the_data_works_the_same_way(db):
    summary = setup_division("430721")
    assert summary.county.name == "常德市安乡县人民政府"
    assert summary.townships > 0 and summary.villages > 0


def test_a_county_outside_changde_gets_its_townships_and_villages(db):
    summary = setup_division("110101")
    assert summary.county.name == "东城区人民政府"
    assert summary.townships > 10 and summary.villages == 169


def test_setup_of_xunxian_creates_its_villages_under_their_townships(capsys):
    """`fazhi setup --division 410621` (浚县, 河南): its 483 村（居）委会 from the national village data,
    each under its own township, and a second run adds none."""
    call_command("fazhi_setup", "--division", "410621")
    assert "村（社区）483 个" in capsys.readouterr().out
    village = Unit.objects.get(code="410621001001")
    assert (village.name, village.kind, village.parent.name) == ("东街社区居民委员会", Unit.Kind.VILLAGE, "卫溪街道")
    assert village.path == "410621/410621001/410621001001/"
    count = Unit.objects.count()
    call_command("fazhi_setup", "--division", "410621")
    assert Unit.objects.count() == count


@pytest.mark.parametrize("code", ["999999", "4307", "abcdef", "", "43077100"])
def test_an_unknown_code_gets_a_chinese_error_and_creates_nothing(db, code):
    with pytest.raises(ValidationError, match="未找到区划代码"):
        setup_division(code)
    assert not Unit.objects.exists()


def test_a_village_sees_its_descendants_through_the_materialised_path(county):
    township = Unit.objects.get(name="祝丰镇")
    assert township.descendants(include_self=False).count() == 8
    assert Unit.objects.get(name="唐林村").county() == county


def test_recoding_or_moving_a_unit_carries_its_sub_units_so_their_clerks_keep_their_scope(county, login):
    from fazhi.core import scope
    from fazhi.core.roles import Role
    from tests.conftest import make_user

    township = Unit.objects.get(name="祝丰镇")
    village = Unit.objects.get(name="唐林村")
    mediator = make_user("village_mediator", village, Role.MEDIATOR)
    township_clerk = make_user("township_clerk", township, Role.CLERK)
    township.code = f"{county.code}999"
    township.save()
    village.refresh_from_db()
    assert village.path == f"{county.path}{township.code}/{village.code}/"
    assert township.descendants(include_self=False).count() == 8
    assert scope.can(township_clerk, "records.write", village) and scope.can(mediator, "records.write", village)

    other = Unit.objects.get(name="龙泉街道")
    township.parent = other
    township.save()
    village.refresh_from_db()
    assert village.path.startswith(other.path) and village in other.descendants()


def test_a_unit_cannot_be_placed_under_itself_or_its_sub_units(county):
    township = Unit.objects.get(name="祝丰镇")
    township.parent = Unit.objects.get(name="唐林村")
    with pytest.raises(ValidationError, match="上级单位不能是本单位或本单位的下级单位"):
        township.full_clean()


def test_the_setup_command_reports_an_unknown_code_in_chinese(tmp_path):
    fazhi = Path(sys.executable).parent / "fazhi"
    env = {"FAZHI_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
    result = subprocess.run([str(fazhi), "setup", "--division", "999999"], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert "未找到区划代码“999999”" in result.stderr
    ok = subprocess.run([str(fazhi), "setup", "--division", "430771", "--province"], capture_output=True, text=True,
                        env=env)
    assert ok.returncode == 0 and "乡镇（街道）3 个，村（社区）18 个" in ok.stdout
    assert "上级：常德市人民政府（430700）、湖南省人民政府（430000）" in ok.stdout


def test_a_clerk_lists_only_units_within_reach_and_can_search_and_export(login, clerk, coordinator, tmp_path):
    from openpyxl import load_workbook

    html = login(clerk).get("/units/").content.decode()
    assert "市场监督管理局" in html and "祝丰镇" not in html
    client = login(coordinator)
    assert "祝丰镇" in client.get("/units/", {"q": "祝丰"}).content.decode()
    response = client.get("/units/", {"kind": "village", "format": "xlsx"})
    path = tmp_path / "units.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    rows = list(load_workbook(path).active.values)
    assert rows[0] == ("单位名称", "单位代码", "单位类型", "上级单位") and len(rows) == 19


def test_a_user_with_roles_in_two_units_sees_both(login, clerk, transport_unit):
    from fazhi.accounts.models import Membership

    Membership.objects.create(user=clerk, unit=transport_unit, role="clerk")
    html = login(clerk).get("/units/").content.decode()
    assert "市场监督管理局" in html and "交通运输局" in html


def test_setup_with_the_standard_departments_builds_a_new_county_s_offices_once():
    """`fazhi setup --division 410621 --departments standard`: 浚县 gets its townships and the usual
    county departments with their short names; running it again adds nothing."""
    from django.core.management import call_command

    from fazhi.core.units import standard_departments

    out = io.StringIO()
    call_command("fazhi_setup", "--division", "410621", "--departments", "standard", stdout=out)
    county = Unit.objects.get(code="410621")
    departments = Unit.objects.filter(parent=county, kind=Unit.Kind.DEPARTMENT)
    assert departments.count() == len(standard_departments()) >= 30
    market = departments.get(name="市场监督管理局")
    assert market.short_name == "市场监管局" and market.code.startswith("410621-D")
    assert f"新增部门 {departments.count()} 个" in out.getvalue()
    assert Unit.objects.filter(parent=county, kind=Unit.Kind.TOWNSHIP).count() >= 10
    call_command("fazhi_setup", "--division", "410621", "--departments", "standard", stdout=io.StringIO())
    assert Unit.objects.filter(parent=county, kind=Unit.Kind.DEPARTMENT).count() == departments.count()


def test_standard_departments_keep_a_county_s_own_offices_and_their_codes(county, justice_unit, market_unit):
    """A county set up by hand (or the demo) keeps its units: a standard department of the same name
    is not created twice, and new ones take codes the county has not used."""
    from fazhi.core.units import add_departments, standard_departments

    before = {u.code: u.name for u in Unit.objects.filter(parent=county)}
    created = add_departments(county, standard_departments())
    after = {u.code: u.name for u in Unit.objects.filter(parent=county, kind=Unit.Kind.DEPARTMENT)}
    assert {code: after[code] for code in before if code in after} == {
        code: name for code, name in before.items() if code in after}
    assert list(after.values()).count("市场监督管理局") == 1
    assert "司法局" not in after.values()  # the county's 司法局（依法治区办） is the standard 司法局
    assert created == len(standard_departments()) - 2


def test_the_sysadmin_sets_up_a_county_with_ticked_and_own_departments_on_the_setup_page(login, sysadmin, clerk):
    from fazhi.core.models import AuditEvent

    client = login(sysadmin)
    page = client.get("/units-setup/").content.decode()
    assert "市场监督管理局（市场监管局）" in page and "checked" in page
    response = client.post("/units-setup/", {"division": "410621", "departments": ["市场监督管理局", "司法局"],
                                             "extra": "浚县文物保护中心,文物中心\n浚县大伾山管理处"}, follow=True)
    assert "新增部门4个" in response.content.decode()
    names = set(Unit.objects.filter(parent__code="410621", kind=Unit.Kind.DEPARTMENT).values_list("name", flat=True))
    assert names == {"市场监督管理局", "司法局", "浚县文物保护中心", "浚县大伾山管理处"}
    assert AuditEvent.objects.filter(actor=sysadmin, note__contains="浚县人民政府（410621）").exists()

    bad = client.post("/units-setup/", {"division": "999999", "departments": ["司法局"]})
    assert bad.status_code == 200 and "未找到区划代码“999999”" in bad.content.decode()
    assert not Unit.objects.filter(code="999999").exists()
    assert login(clerk).get("/units-setup/").status_code == 403
