"""Issue 18's "done when", end to end: a new county (410621 浚县) set up with the standard
departments, its 200 staff imported from an Excel sheet, its 2,418 service items loaded through the
batch API in three calls (each created and published), and ``fazhi report`` showing the county's
service figures computed from those items."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from fazhi.accounts.models import Membership, User
from fazhi.accounts.staff_import import ACCOUNTS, ROLES
from fazhi.api.services import token_issue
from fazhi.core.importers import import_workbook
from fazhi.core.models import Unit
from fazhi.core.roles import Role
from fazhi.streams.services.models import ServiceItem
from tests.api.conftest import ApiClient
from tests.conftest import make_user
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db
HEADER = ["姓名", "账号", "手机号码", "电子邮箱", "单位", "角色"]
ITEMS = 2418
BATCH = "services/serviceitem/batch/"


def staff_sheet(county: Unit, departments: list[Unit]) -> list[list]:
    """200 staff: the first is the county government's 单位负责人 who runs the sync with the
    provincial platform; the others are heads and clerks of the departments."""
    rows = [["政务服务同步", "xun000", "13900000000", "", county.name, "单位负责人"]]
    for i in range(1, 200):
        role = "单位负责人" if i % 10 == 0 else "单位经办人"
        rows.append([f"工作人员{i:03d}", f"xun{i:03d}", f"139{i:08d}", "", departments[i % len(departments)].name, role])
    return rows


def service_items(departments: list[Unit], year: int) -> list[dict]:
    """The county's catalogue as the provincial platform would send it, each item published."""
    return [{"unit": departments[n % len(departments)].code, "year": year, "code": f"410621{n:06d}",
             "name": f"政务服务事项{n}", "item_type": ("licence", "public_service", "confirmation")[n % 3],
             "legal_limit_days": 20, "promised_limit_days": (0, 5, 10)[n % 3],
             "online_level": "none" if n % 5 == 0 else ("partial" if n % 5 in (1, 2) else "full"),
             "max_visits": 2 if n % 7 == 0 else n % 2, "one_window": n % 6 == 0, "in_centre": n % 8 != 0,
             "transition": "publish"} for n in range(ITEMS)]


def test_a_new_county_is_set_up_staffed_loaded_through_the_batch_api_and_reported():
    call_command("fazhi_setup", "--division", "410621", "--departments", "standard", stdout=io.StringIO())
    county = Unit.objects.get(code="410621")
    departments = list(Unit.objects.filter(parent=county, kind=Unit.Kind.DEPARTMENT).order_by("code"))
    assert county.name.endswith("浚县人民政府") and len(departments) >= 30

    sysadmin = make_user("xun-sysadmin", county, Role.SYSADMIN)
    secadmin = make_user("xun-secadmin", county, Role.SECADMIN)
    rows = staff_sheet(county, departments)
    opened = import_workbook(ACCOUNTS, upload_xlsx(HEADER, rows), by=sysadmin)
    assert opened.ok and opened.created == 200 and len(opened.handed_over) == 200
    granted = import_workbook(ROLES, upload_xlsx(HEADER, rows), by=secadmin)
    assert granted.ok and granted.created == 200
    sync = User.objects.get(username="xun000")
    assert Membership.objects.get(user=sync).unit == county

    api = ApiClient(token_issue(by=secadmin, name="省一体化政务服务平台", user=sync)[1])
    year = timezone.localdate().year
    items = service_items(departments, year)
    for first in range(0, ITEMS, 806):  # three calls
        r = api.post(BATCH, {"records": items[first:first + 806]})
        assert r.status_code == 200, r.content[:500]
        assert (r.json()["created"], r.json()["transitioned"]) == (806, 806)
    assert ServiceItem.objects.filter(unit__parent=county, state="published", created_by=sync).count() == ITEMS

    out = io.StringIO()
    call_command("fazhi_report", "--year", str(year), "--unit", "410621", "--format", "json", stdout=out)
    report = json.loads(out.getvalue())
    figures = report["figures"]
    assert report["unit"]["code"] == "410621"

    def figure(key: str) -> tuple:
        f = figures[key]
        return f["numerator"], f["denominator"], f["display"]

    online = sum(i["online_level"] != "none" for i in items)
    full = sum(i["online_level"] == "full" for i in items)
    one_visit = sum(i["max_visits"] <= 1 for i in items)
    assert (online, full, one_visit) == (1934, 966, 2072)
    assert figure("services.online_rate") == (1934, ITEMS, "79.98%")
    assert figure("services.full_online_rate") == (966, ITEMS, "39.95%")
    assert figure("services.one_visit_rate") == (2072, ITEMS, "85.7%")
    assert figures["services.one_window_items"]["value"] == sum(i["one_window"] for i in items) == 403
    # 承诺时限压缩率: days saved over statutory days, 806 items each at 0, 5 and 10 of 20 days
    assert figure("services.time_compression_rate") == (806 * (20 + 15 + 10), 20 * ITEMS, "75%")
