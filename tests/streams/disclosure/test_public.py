"""A citizen files a disclosure request on the portal, follows it in 我的办件 and reads the
reply; the unit asked sees it in its ledger, nobody else does."""

from __future__ import annotations

import pytest
from django.test import override_settings

from fazhi.accounts.models import User
from fazhi.streams.disclosure.models import DisclosureRequest
from tests.conftest import make_user
from tests.streams.disclosure.conftest import ID, bad_check

pytestmark = pytest.mark.django_db


def form(unit, **overrides) -> dict:
    data = {"unit": unit.pk, "applicant_name": "张三", "applicant_id_number": ID, "applicant_phone": "13800138000",
            "applicant_address": "", "information": "2025年度食品安全抽检结果", "requested_form": "电子文档",
            "delivery_method": "在线查看"}
    return {**data, **overrides}


def test_a_citizen_files_a_request_and_sees_its_number_and_reply_date(login, citizen, market_unit):
    client = login(citizen)
    response = client.post("/gk/disclosure/apply/", form(market_unit), follow=True)
    record = DisclosureRequest.objects.get()
    html = response.content.decode()
    assert record.unit == market_unit and record.channel == "online" and record.created_by == citizen
    assert record.received_on == record.submitted_on and record.state == "received"
    assert f"受理编号 {record.request_no}" in html and "法定答复期限" in html
    mine = client.get("/gk/my/").content.decode()
    assert record.request_no in mine and "依申请公开" in mine


def test_the_unit_asked_sees_the_request_and_another_unit_does_not(login, citizen, clerk, other_clerk,
                                                                  market_unit):
    login(citizen).post("/gk/disclosure/apply/", form(market_unit))
    number = DisclosureRequest.objects.get().request_no
    assert number in login(clerk).get("/s/disclosure/").content.decode()
    assert number not in login(other_clerk).get("/s/disclosure/").content.decode()


def test_another_citizen_cannot_open_someone_elses_request(login, citizen, market_unit):
    login(citizen).post("/gk/disclosure/apply/", form(market_unit))
    number = DisclosureRequest.objects.get().request_no
    other = make_user("13900001111", None, None, kind=User.Kind.CITIZEN, phone="13900001111")
    assert login(other).get(f"/gk/disclosure/my/{number}/").status_code == 404
    assert number not in login(other).get("/gk/my/").content.decode()


def test_a_visitor_must_sign_in_and_staff_use_the_ledger(client, login, clerk, market_unit):
    response = client.get("/gk/disclosure/apply/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert login(clerk).get("/gk/disclosure/apply/").status_code == 403


def test_a_wrong_id_check_character_is_refused_in_chinese_and_nothing_is_written(login, citizen, market_unit):
    response = login(citizen).post("/gk/disclosure/apply/", form(market_unit, applicant_id_number=bad_check(ID)))
    assert response.status_code == 200
    assert "校验" in response.content.decode()
    assert not DisclosureRequest.objects.exists()


@override_settings(FAZHI_DISCLOSURE_PUBLIC_PER_HOUR=2)
def test_too_many_requests_are_refused_and_not_written(login, citizen, market_unit):
    client = login(citizen)
    for _ in range(2):
        client.post("/gk/disclosure/apply/", form(market_unit))
    response = client.post("/gk/disclosure/apply/", form(market_unit))
    assert "提交过于频繁" in response.content.decode()
    assert DisclosureRequest.objects.count() == 2


def test_the_reply_reaches_the_account(login, citizen, market_unit):
    client = login(citizen)
    client.post("/gk/disclosure/apply/", form(market_unit))
    record = DisclosureRequest.objects.get()
    DisclosureRequest.objects.filter(pk=record.pk).update(state="delivered", reply_type="public",
                                                          replied_on=record.submitted_on)
    html = client.get(f"/gk/disclosure/my/{record.request_no}/").content.decode()
    assert "已答复" in html and "予以公开" in html
