"""The public 检查码 page /gk/jc/<code>/: what a business sees, and what it never sees."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fazhi.core.workflow import transition
from fazhi.streams.checks import services
from tests.streams.checks.conftest import registered, soon, uscc

pytestmark = pytest.mark.django_db


def test_the_page_lives_at_gk_jc(clerk, market_unit):
    inspection = registered(clerk, market_unit)
    from django.urls import reverse

    assert reverse("gk_checks:check", args=[inspection.check_code]) == f"/gk/jc/{inspection.check_code}/"
    assert reverse("gk_checks:lookup") == "/gk/jc/"


def test_a_registered_code_shows_unit_basis_kind_and_inspectors_anonymously(client, clerk, market_unit):
    inspection = registered(clerk, market_unit)
    r = client.get(f"/gk/jc/{inspection.check_code}/")
    text = r.content.decode()
    assert r.status_code == 200
    assert "该检查已依法登记" in text
    for shown in ("市场监督管理局", "《中华人民共和国食品安全法》第一百一十条", "专项检查", "西洞庭鲜味餐饮有限公司",
                  "周敏（执法证号 43070003001）", "吴刚（执法证号 43070003002）"):
        assert shown in text
    assert inspection.credit_code not in text  # the code is looked up, not shown back


def test_codes_are_read_case_insensitively_and_the_form_redirects(client, clerk, market_unit):
    inspection = registered(clerk, market_unit)
    r = client.get("/gk/jc/", {"code": inspection.check_code.lower()})
    assert r.status_code == 302 and r["Location"] == f"/gk/jc/{inspection.check_code}/"
    assert client.get(f"/gk/jc/{inspection.check_code.lower()}/").status_code == 200


def test_an_unknown_code_says_so_in_chinese(client, clerk, market_unit):
    r = client.get("/gk/jc/ABCDEFGHJK/")
    assert r.status_code == 404
    assert "未查询到该检查码" in r.content.decode()


def test_a_draft_is_not_found(client, clerk, market_unit):
    from tests.streams.checks.conftest import new_inspection

    draft = new_inspection(clerk, market_unit)
    draft.check_code = "ZZZZZZZZZZ"
    draft.save()
    assert client.get("/gk/jc/ZZZZZZZZZZ/").status_code == 404


def test_a_cancelled_code_says_so_and_shows_nothing(client, clerk, market_unit):
    inspection = registered(clerk, market_unit)
    transition(inspection, "cancel", by=clerk)
    text = client.get(f"/gk/jc/{inspection.check_code}/").content.decode()
    assert "该检查码对应的检查已取消" in text
    assert "西洞庭鲜味餐饮有限公司" not in text and "周敏" not in text


def test_an_inspection_not_yet_due_is_not_revealed(client, clerk, market_unit, settings):
    settings.FAZHI_CHECKS_REVEAL_DAYS = 3
    inspection = registered(clerk, market_unit, planned_on=timezone.localdate() + timedelta(days=4),
                            year=(timezone.localdate() + timedelta(days=4)).year)
    text = client.get(f"/gk/jc/{inspection.check_code}/").content.decode()
    assert "尚未到检查时间" in text
    assert "西洞庭鲜味餐饮有限公司" not in text and "市场监督管理局" not in text and "周敏" not in text
    settings.FAZHI_CHECKS_REVEAL_DAYS = 4
    assert "该检查已依法登记" in client.get(f"/gk/jc/{inspection.check_code}/").content.decode()


def test_an_old_code_has_expired(client, clerk, market_unit, settings):
    settings.FAZHI_CHECKS_VALID_DAYS = 30
    inspection = registered(clerk, market_unit)
    later = inspection.planned_on + timedelta(days=31)
    assert services.lookup(inspection.check_code, today=later).status == "expired"
    assert services.lookup(inspection.check_code, today=later - timedelta(days=1)).status == "shown"
    inspection.planned_on -= timedelta(days=40)
    inspection.registered_at -= timedelta(days=50)
    inspection.save()
    assert "该检查码已过期" in client.get(f"/gk/jc/{inspection.check_code}/").content.decode()


def test_an_individual_business_name_is_not_published(client, clerk, market_unit):
    from fazhi.core.identifiers import uscc_check_char

    first17 = "92430700MA4T00009"
    inspection = registered(clerk, market_unit, entity_name="西洞庭张记小吃店", credit_code=first17 + uscc_check_char(first17))
    text = client.get(f"/gk/jc/{inspection.check_code}/").content.decode()
    assert "个体工商户（名称不予公开）" in text and "张记小吃店" not in text


def test_lookups_are_rate_limited_per_address(client, clerk, market_unit, settings):
    settings.FAZHI_CHECKS_LOOKUPS_PER_HOUR = 3
    inspection = registered(clerk, market_unit, credit_code=uscc(3), planned_on=soon(1))
    for n in range(3):
        assert client.get(f"/gk/jc/WRONGCODE{n}/").status_code == 404
    r = client.get(f"/gk/jc/{inspection.check_code}/")
    assert r.status_code == 429
    assert "提交过于频繁" in r.content.decode() and "西洞庭鲜味餐饮有限公司" not in r.content.decode()


def test_the_portal_lists_the_check_and_the_record_page_shows_the_qr_code(client, login, clerk, market_unit):
    assert "行政检查码核验" in client.get("/gk/").content.decode()
    inspection = registered(clerk, market_unit)
    page = login(clerk).get(inspection.get_absolute_url()).content.decode()
    assert inspection.check_code in page and "<svg" in page and 'aria-label="检查码二维码"' in page
    assert f"/gk/jc/{inspection.check_code}/" in page
    printed = login(clerk).get(f"/s/checks/{inspection.pk}/print/").content.decode()
    assert inspection.check_code in printed and "<svg" in printed


def test_a_draw_reference_links_to_the_public_draw_results(client, login, clerk, market_unit):
    inspection = registered(clerk, market_unit, kind="random", draw_ref="SJ2026-0301", planned_on=soon(0))
    link = f'href="/gk/inspections/?q={inspection.credit_code}"'
    assert link in login(clerk).get(inspection.get_absolute_url()).content.decode()
    client.logout()
    public = client.get(f"/gk/jc/{inspection.check_code}/").content.decode()
    assert link in public and "抽查任务 SJ2026-0301" in public
