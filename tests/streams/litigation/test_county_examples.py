"""The import templates' example rows name the downloading user's own county (its court, the
court's 代字 in a case number, its government), never the reference customer's."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.core.models import Unit
from fazhi.core.roles import Role
from fazhi.core.units import setup_division, unit_add
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def example_row(client, path: str) -> dict[str, str]:
    ws = load_workbook(io.BytesIO(client.get(path).content)).worksheets[0]
    return {str(h.value).rstrip("*"): c.value for h, c in zip(ws[1], ws[2], strict=True)}


@pytest.fixture
def county_clerks(db):
    """A market-regulation clerk in 西洞庭 (430771) and one in 浚县 (410621), on one platform."""
    clerks = {}
    for code in ("430771", "410621"):
        county = setup_division(code).county
        unit = unit_add(code=f"{code}-D03", name="市场监督管理局", kind=Unit.Kind.DEPARTMENT, parent=county)
        clerks[code] = make_user(f"clerk{code}", unit, Role.CLERK)
    return clerks


@pytest.mark.parametrize(("code", "court", "case_number", "body", "recon_number"), [
    ("430771", "常德市西洞庭管理区人民法院", "示例：（2024）湘0771行初1号", "常德市西洞庭管理区管理委员会",
     "示例：西复〔2024〕1号"),
    ("410621", "浚县人民法院", "示例：（2024）豫0621行初1号", "鹤壁市浚县人民政府", "示例：浚复〔2024〕1号"),
])
def test_each_county_sees_its_own_court_and_government_in_the_templates(
        login, county_clerks, code, court, case_number, body, recon_number):
    client = login(county_clerks[code])
    case = example_row(client, "/s/litigation/import/template.xlsx")
    assert (case["受理法院"], case["案号"]) == (court, case_number)
    assert example_row(client, "/s/litigation/hearings/import/template.xlsx")["案号"] == case_number
    recon = example_row(client, "/s/litigation/reconsiderations/import/template.xlsx")
    assert (recon["行政复议机关"], recon["复议案号"]) == (body, recon_number)
    other = "浚县" if code == "430771" else "常德"
    shown = "".join(str(v) for row in (case, recon) for v in row.values() if v)
    assert other not in shown


def test_a_county_without_division_data_gets_neutral_examples(login):
    county = unit_add(code="X1", name="试点区人民政府", kind=Unit.Kind.GOVERNMENT, parent=None)
    unit = unit_add(code="X1-D03", name="市场监督管理局", kind=Unit.Kind.DEPARTMENT, parent=county)
    case = example_row(login(make_user("clerkx", unit, Role.CLERK)), "/s/litigation/import/template.xlsx")
    assert (case["受理法院"], case["案号"]) == ("××县人民法院", "示例：（2024）×0000行初1号")
