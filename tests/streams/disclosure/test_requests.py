"""Registering a request: the receipt date per channel (条例 第三十一条), the applicant's
identifiers with their check characters, and the reply reason that must fit the reply type."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.models import AuditEvent
from fazhi.streams.disclosure.models import DisclosureRequest
from tests.streams.disclosure.conftest import ID, bad_check, credit_code, form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("channel", "dates", "received", "article"), [
    ("in_person", {"submitted_on": date(2026, 3, 2)}, date(2026, 3, 2), "第三十一条第一项"),
    ("mail_signed", {"submitted_on": date(2026, 3, 2), "signed_on": date(2026, 3, 5)}, date(2026, 3, 5),
     "第三十一条第二项"),
    ("mail_ordinary", {"submitted_on": date(2026, 3, 2), "confirmed_on": date(2026, 3, 6)}, date(2026, 3, 6),
     "第三十一条第二项"),
    ("online", {"submitted_on": date(2026, 3, 1), "confirmed_on": date(2026, 3, 3)}, date(2026, 3, 3),
     "第三十一条第三项"),
    ("fax", {"submitted_on": date(2026, 3, 2), "confirmed_on": date(2026, 3, 2)}, date(2026, 3, 2),
     "第三十一条第三项"),
])
def test_the_receipt_date_follows_the_channel_rule(make_request, channel, dates, received, article):
    request = make_request(channel=channel, **dates)
    assert request.received_on == received
    assert article in request.receipt_basis


def test_a_request_by_mail_without_the_signing_date_is_refused_with_the_reason(make_request):
    with pytest.raises(ValidationError) as exc:
        make_request(channel="mail_signed")
    assert exc.value.message_dict["signed_on"] == ["邮寄需签收的，请填写签收日期"]


def test_an_online_request_needs_the_date_both_sides_confirmed(make_request):
    with pytest.raises(ValidationError) as exc:
        make_request(channel="online")
    assert "双方确认之日" in exc.value.message_dict["confirmed_on"][0]


def test_a_confirmation_before_the_submission_is_refused(make_request):
    with pytest.raises(ValidationError) as exc:
        make_request(channel="fax", submitted_on=date(2026, 3, 5), confirmed_on=date(2026, 3, 4))
    assert exc.value.message_dict["confirmed_on"] == ["不能早于提交日期"]


def test_an_id_number_with_a_wrong_check_character_is_refused(make_request):
    with pytest.raises(ValidationError) as exc:
        make_request(applicant_id_number=bad_check(ID))
    assert exc.value.message_dict["applicant_id_number"] == ["公民身份号码格式或校验位不正确"]


def test_an_organisation_needs_a_valid_credit_code(make_request):
    with pytest.raises(ValidationError) as exc:
        make_request(applicant_type="commercial", applicant_name="某公司", applicant_id_number="")
    assert "统一社会信用代码" in exc.value.message_dict["applicant_credit_code"][0]
    with pytest.raises(ValidationError) as exc:
        make_request(applicant_type="commercial", applicant_name="某公司", applicant_id_number="",
                     applicant_credit_code=bad_check(credit_code()))
    assert exc.value.message_dict["applicant_credit_code"] == ["统一社会信用代码格式或校验位不正确"]
    ok = make_request(applicant_type="commercial", applicant_name="某公司", applicant_id_number="",
                      applicant_credit_code=credit_code())
    assert ok.applicant_credit_code == credit_code()


def test_a_reason_must_fit_the_reply_type(make_request):
    with pytest.raises(ValidationError) as exc:
        make_request(reply_type="no_info", reply_reason="refused_secret")
    assert exc.value.message_dict["reply_reason"] == ["所选理由不适用于“无法提供”"]


def test_an_extension_longer_than_twenty_working_days_is_refused(make_request):
    with pytest.raises(ValidationError) as exc:
        make_request(extension_days=21)
    assert "最长不超过20个工作日" in exc.value.message_dict["extension_days"][0]


def test_the_request_number_is_unique_within_a_unit(make_request, market_request):
    with pytest.raises(ValidationError) as exc:
        make_request()
    assert "__all__" in exc.value.message_dict or "request_no" in exc.value.message_dict


def test_a_clerk_registers_a_request_through_the_form_and_sees_the_computed_receipt_date(login, clerk, market_unit):
    client = login(clerk)
    response = client.post("/s/disclosure/new/", form_data(
        market_unit, channel="mail_signed", submitted_on=date(2026, 3, 2), signed_on=date(2026, 3, 4)))
    request = DisclosureRequest.objects.get()
    assert response.status_code == 302 and request.state == "received"
    assert AuditEvent.objects.filter(action="create", object_id=str(request.pk)).exists()
    html = client.get(f"/s/disclosure/{request.pk}/").content.decode()
    assert "收到申请日期" in html and "2026年3月4日" in html
    assert "以行政机关签收之日为收到申请之日" in html
    assert "答复期限" in html and "补正通知期限" in html


def test_the_form_shows_the_chinese_reason_and_saves_nothing(login, clerk, market_unit):
    response = login(clerk).post("/s/disclosure/new/", form_data(market_unit, applicant_id_number=bad_check(ID)))
    assert "公民身份号码格式或校验位不正确" in response.content.decode()
    assert not DisclosureRequest.objects.exists()
