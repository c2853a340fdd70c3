"""A citizen asks the village's legal adviser online and applies for legal aid on the portal,
follows both in 我的办件 and reads the adviser's answer; the village's adviser and 司法局 see
them in their ledgers, nobody else does."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from fazhi.accounts.models import User
from fazhi.core.ledger import record_update
from fazhi.core.workflow import transition
from fazhi.streams.legal_services.models import Consultation, LegalAidApplication
from tests.conftest import make_user
from tests.streams.legal_services.conftest import APPLICANT_ID

pytestmark = pytest.mark.django_db

CONSULT = "/gk/legal_services/consult/"
AID = "/gk/legal_services/aid/"


def bad_check(value: str) -> str:
    return value[:-1] + ("0" if value[-1] != "0" else "1")


def question(village, **overrides) -> dict:
    data = {"village": village.pk, "category": "land", "question": "承包地被邻居占用了两垄，能否要求退还？",
            "phone": "13800138000"}
    return {**data, **overrides}


def aid_form(**overrides) -> dict:
    data = {"applicant_name": "王秀英", "applicant_id_number": APPLICANT_ID, "applicant_phone": "13800138000",
            "applicant_address": "湖南省常德市西洞庭管理区祝丰镇唐林村3组12号", "case_type": "civil",
            "matter": "某公司拖欠工资三个月共1.2万元，申请法律援助追索劳动报酬"}
    return {**data, **overrides}


@pytest.fixture
def on_day(time_machine, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 60 * 24 * 366 * 10

    def _on(day: date) -> None:
        time_machine.move_to(datetime(day.year, day.month, day.day, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
                             tick=False)

    return _on


def test_a_citizen_asks_the_village_adviser_who_sees_it_and_the_answer_reaches_the_account(
        login, citizen, yucai, advisor, tanglin_advisor, appointment):
    client = login(citizen)
    response = client.post(CONSULT, question(yucai), follow=True)
    record = Consultation.objects.get()
    html = response.content.decode()
    assert record.unit == yucai and record.created_by == citizen and record.channel == "online"
    assert record.state == "asked" and record.advisor == "刘建华" and record.consulter_phone == "13800138000"
    assert f"编号 {record.tracking_no}" in html and "待法律顾问解答" in html
    mine = client.get("/gk/my/").content.decode()
    assert record.tracking_no in mine and "法律咨询" in mine and "待法律顾问解答" in mine

    # the village's adviser sees the question in the consultation log, the other village's does not
    assert "承包地被邻居占用" in login(advisor).get("/s/legal_services/").content.decode()
    assert "承包地被邻居占用" not in login(tanglin_advisor).get("/s/legal_services/").content.decode()

    # closing without an answer is refused; the answer then shows to the citizen
    with pytest.raises(Exception, match="解答意见"):
        transition(record, "close", by=advisor)
    record = record_update(record, by=advisor, answer="可先请村委会调解，调解不成可向法院起诉要求返还。")
    transition(record, "close", by=advisor)
    html = login(citizen).get(f"{CONSULT}{record.pk}/").content.decode()
    assert "已办结" in html and "可先请村委会调解" in html and "当场解答" in html


def test_the_answer_stays_hidden_until_given(login, citizen, yucai):
    client = login(citizen)
    client.post(CONSULT, question(yucai))
    record = Consultation.objects.get()
    Consultation.objects.filter(pk=record.pk).update(answer="草稿")
    assert "草稿" not in client.get(f"{CONSULT}{record.pk}/").content.decode()


def test_a_consultation_must_go_to_a_village_and_a_bad_phone_is_refused(login, citizen, yucai, justice_unit):
    client = login(citizen)
    response = client.post(CONSULT, question(justice_unit))
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    response = client.post(CONSULT, question(yucai, phone="12ab"))
    assert "联系电话格式不正确" in response.content.decode()
    assert not Consultation.objects.exists()


def test_a_citizen_applies_for_legal_aid_and_is_told_the_decision_date(login, citizen, justice_unit, on_day):
    on_day(date(2024, 9, 27))  # +7 days = 10-04, inside the National Day holiday: rolled to 10-08
    client = login(citizen)
    form = client.get(AID).content.decode()
    assert 'value="13800138000"' in form  # prefilled from the account
    response = client.post(AID, aid_form(), follow=True)
    record = LegalAidApplication.objects.get()
    html = response.content.decode()
    assert record.unit == justice_unit and record.created_by == citizen and record.channel == "online"
    assert record.state == "applied" and record.applied_on == date(2024, 9, 27)
    assert f"已收到您的申请，编号 {record.application_no}，将在2024年10月8日前作出" in html
    mine = client.get("/gk/my/").content.decode()
    assert record.application_no in mine and "法律援助申请" in mine and "2024年10月8日" in mine


def test_justice_sees_the_application_in_its_ledger(login, citizen, coordinator, other_clerk, justice_unit):
    login(citizen).post(AID, aid_form())
    number = LegalAidApplication.objects.get().application_no
    assert number in login(coordinator).get("/s/legal_services/aid/").content.decode()
    assert number not in login(other_clerk).get("/s/legal_services/aid/").content.decode()


def test_another_citizen_gets_404_on_both(login, citizen, yucai, justice_unit):
    client = login(citizen)
    client.post(CONSULT, question(yucai))
    client.post(AID, aid_form())
    consultation, application = Consultation.objects.get(), LegalAidApplication.objects.get()
    other = make_user("13900001111", None, None, kind=User.Kind.CITIZEN, phone="13900001111")
    other_client = login(other)
    assert other_client.get(f"{CONSULT}{consultation.pk}/").status_code == 404
    assert other_client.get(f"{AID}{application.application_no}/").status_code == 404
    mine = other_client.get("/gk/my/").content.decode()
    assert consultation.tracking_no not in mine and application.application_no not in mine


def test_visitors_sign_in_and_staff_use_the_ledgers(client, login, clerk, advisor):
    for url in (CONSULT, AID):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url
    for url in (CONSULT, AID):
        assert login(clerk).get(url).status_code == 403
        assert login(advisor).post(url, {}).status_code == 403
    assert not Consultation.objects.exists() and not LegalAidApplication.objects.exists()


def test_a_company_may_consult_but_not_apply_for_legal_aid(login, yucai, justice_unit):
    company = make_user("91430700MA4L000000", None, None, kind=User.Kind.COMPANY)
    client = login(company)
    assert client.post(CONSULT, question(yucai)).status_code == 302
    assert client.post(AID, aid_form()).status_code == 403
    assert Consultation.objects.count() == 1 and not LegalAidApplication.objects.exists()


def test_a_wrong_id_check_character_is_refused_in_chinese_and_nothing_is_written(login, citizen, justice_unit):
    response = login(citizen).post(AID, aid_form(applicant_id_number=bad_check(APPLICANT_ID)))
    assert response.status_code == 200
    assert "公民身份号码格式或校验位不正确" in response.content.decode()
    assert not LegalAidApplication.objects.exists()


@override_settings(FAZHI_LEGAL_SERVICES_PUBLIC_PER_HOUR=2)
def test_too_many_filings_from_one_account_are_refused_and_not_written(login, citizen, yucai, justice_unit):
    client = login(citizen)
    for _ in range(2):
        client.post(CONSULT, question(yucai))
        client.post(AID, aid_form())
    for url, data in ((CONSULT, question(yucai)), (AID, aid_form())):
        assert "提交过于频繁" in client.post(url, data).content.decode()
    assert Consultation.objects.count() == 2 and LegalAidApplication.objects.count() == 2


@override_settings(FAZHI_LEGAL_SERVICES_PUBLIC_PER_HOUR=1)
def test_too_many_filings_from_one_address_are_refused(login, yucai):
    for i in range(4):  # four accounts, one filing each, reach the address limit (4 × 1)
        user = make_user(f"1390000000{i}", None, None, kind=User.Kind.CITIZEN, phone=f"1390000000{i}")
        assert login(user).post(CONSULT, question(yucai)).status_code == 302
    fifth = make_user("13900000009", None, None, kind=User.Kind.CITIZEN, phone="13900000009")
    assert "提交过于频繁" in login(fifth).post(CONSULT, question(yucai)).content.decode()
    assert Consultation.objects.count() == 4


def test_the_portal_offers_both_forms(client, county):
    html = client.get("/gk/").content.decode()
    assert "向村（社区）法律顾问咨询" in html and "申请法律援助" in html
    assert CONSULT in html and AID in html
