"""The portal's intake and status query: a tracking number and a query code, anonymous
allowed; the status page never shows the reporter's identity in full."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from fazhi.accounts.models import User
from fazhi.core.ledger import record_create
from fazhi.core.models import AuditEvent
from fazhi.streams.complaints.models import Announcement, Complaint
from fazhi.streams.complaints.services import (
    complaint_lookup,
    complaint_new_query_code,
    complaint_submit,
    published_announcements,
)
from tests.conftest import make_user
from tests.streams.complaints.conftest import new_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def announcement(clerk, market_unit):
    return record_create(Announcement, by=clerk, unit=market_unit, year=2024, title="关于受理涉企检查问题举报的公告",
                         body="公开受理问题举报。", state="published", published_on=date(2024, 3, 1),
                         accept_from=date(2024, 3, 1), accept_until=date(2024, 12, 31))


def test_an_anonymous_report_from_the_portal_gets_a_number_and_a_code(announcement, market_unit):
    c, code = complaint_submit(announcement=announcement, category="enforcement", subject="执法人员不出示证件",
                               content="2024年5月在某路口检查时未出示执法证件。", anonymous=True,
                               reporter_name="不该保存", received_on=date(2024, 5, 20))
    assert c.tracking_no == "JB2024-0001" and c.unit == market_unit and c.reporter_name == ""
    assert len(code) == 8 and code not in c.query_code_hash
    assert AuditEvent.objects.filter(object_id=str(c.pk), actor_name="公众（门户网站）").exists()
    status = complaint_lookup("jb2024-0001", code.lower())
    assert status is not None and status.reporter == "匿名" and status.stage == "已受理，正在分办"
    assert status.due.due == date(2024, 6, 11)  # 15 working days, Dragon Boat Festival 6-10 skipped
    assert status.reply == ""
    assert complaint_lookup("JB2024-0001", "WRONGCOD") is None
    assert complaint_lookup("JB2024-9999", code) is None


def test_a_named_reporter_sees_the_reply_with_a_masked_name(clerk, market_unit):
    c, code = complaint_submit(unit=market_unit, category="business", subject="审批久拖不决", content="……",
                               reporter_name="张建国", reporter_phone="13973601234", received_on=date(2024, 5, 20))
    Complaint.objects.filter(pk=c.pk).update(state="replied", reply="已督促办结。", replied_on=date(2024, 6, 3))
    status = complaint_lookup(c.tracking_no, code)
    assert status.reporter == "张某" and status.reply == "已督促办结。" and status.stage == "已答复"
    assert "13973601234" not in str(status)


def test_bad_submissions_are_refused_in_chinese(announcement, market_unit):
    with pytest.raises(ValidationError, match="该公告未在受理期内"):
        complaint_submit(announcement=announcement, category="business", subject="x", content="y",
                         reporter_name="张三", received_on=date(2025, 1, 5))
    with pytest.raises(ValidationError) as exc:
        complaint_submit(unit=market_unit, category="business", subject="x", content="y", reporter_name="",
                         received_on=date(2024, 5, 5))
    assert "实名举报请填写举报人姓名" in str(exc.value)
    assert not Complaint.objects.exists()


def test_staff_give_a_phone_reporter_a_query_code_and_a_new_one_replaces_it(login, clerk, market_unit):
    c = new_complaint(clerk, market_unit)
    assert complaint_lookup(c.tracking_no, "") is None
    client = login(clerk)
    response = client.post(f"/s/complaints/{c.pk}/query-code/", follow=True)
    text = str(list(response.context["messages"]))
    code = text.split("新的查询码：")[1][:8]
    assert complaint_lookup(c.tracking_no, code).stage == "已受理，正在分办"
    newer = complaint_new_query_code(c, by=clerk)
    assert complaint_lookup(c.tracking_no, code) is None and complaint_lookup(c.tracking_no, newer) is not None


def test_the_portal_lists_published_announcements_only(announcement, clerk, market_unit):
    record_create(Announcement, by=clerk, unit=market_unit, year=2024, title="草稿公告", body="……")
    assert list(published_announcements(on=date(2024, 6, 1))) == [announcement]


# -- the portal pages ------------------------------------------------------------------------

def report_form(to, **overrides) -> dict:
    data = {"unit": to.pk, "category": "enforcement", "subject": "执法人员不出示证件",
            "content": "在某路口检查时未出示执法证件。", "reported_party": "某执法中队",
            "anonymous": "on", "reporter_name": "", "reporter_phone": ""}
    return {k: v for k, v in {**data, **overrides}.items() if v is not None}


def receipt_of(response) -> tuple[str, str]:
    html = response.content.decode()
    number = html.split('id="tracking-no">')[1].split("<")[0]
    code = html.split('id="query-code">')[1].split("<")[0]
    return number, code


@pytest.fixture
def open_notice(clerk, market_unit):
    today = timezone.localdate()
    return record_create(Announcement, by=clerk, unit=market_unit, year=today.year, title="关于公开受理涉企问题举报的公告",
                         body="即日起公开受理问题举报。", hotline="0736-1234567", state="published",
                         published_on=today - timedelta(days=3), accept_from=today - timedelta(days=3),
                         accept_until=today + timedelta(days=60))


def test_the_portal_lists_published_announcements_and_hides_drafts(client, open_notice, clerk, market_unit):
    record_create(Announcement, by=clerk, unit=market_unit, year=2024, title="尚未发布的草稿公告", body="……")
    html = client.get("/gk/complaints/").content.decode()
    assert "关于公开受理涉企问题举报的公告" in html and "受理中" in html and "尚未发布的草稿公告" not in html
    page = client.get(f"/gk/complaints/notice/{open_notice.pk}/").content.decode()
    assert "0736-1234567" in page and "在线举报" in page
    draft = Announcement.objects.get(title="尚未发布的草稿公告")
    assert client.get(f"/gk/complaints/notice/{draft.pk}/").status_code == 404
    assert "问题举报" in client.get("/gk/").content.decode()


def test_an_anonymous_visitor_reports_and_sees_the_number_and_code_once(client, market_unit):
    page = client.get("/gk/complaints/report/").content.decode()
    assert "csrfmiddlewaretoken" in page
    response = client.post("/gk/complaints/report/", report_form(market_unit, reporter_name="不该保存"), follow=True)
    number, code = receipt_of(response)
    html = response.content.decode()
    c = Complaint.objects.get()
    assert (c.tracking_no, c.unit, c.channel, c.anonymous, c.reporter_name) == (number, market_unit, "online",
                                                                              True, "")
    assert c.created_by is None and len(code) == 8 and code not in c.query_code_hash
    assert "查询码只显示这一次" in html
    again = client.get("/gk/complaints/report/done/", follow=True).content.decode()
    assert code not in again  # shown once only

    found = client.post("/gk/complaints/lookup/", {"tracking_no": number.lower(), "query_code": code}).content.decode()
    assert "已受理，正在分办" in found and "匿名" in found and "执法人员不出示证件" in found


def test_a_wrong_code_and_an_unknown_number_get_the_same_answer(client, market_unit):
    response = client.post("/gk/complaints/report/", report_form(market_unit), follow=True)
    number, code = receipt_of(response)
    wrong = client.post("/gk/complaints/lookup/", {"tracking_no": number, "query_code": "AAAAAAAA"}).content.decode()
    unknown = client.post("/gk/complaints/lookup/", {"tracking_no": "JB2099-9999", "query_code": code}).content.decode()
    for html in (wrong, unknown):
        assert "受理编号或查询码不正确" in html and "执法人员不出示证件" not in html
        assert 'id="complaint-status"' not in html


def test_a_named_report_needs_a_name_and_the_lookup_masks_it(client, market_unit):
    html = client.post("/gk/complaints/report/", report_form(market_unit, anonymous=None)).content.decode()
    assert "实名举报请填写举报人姓名" in html and not Complaint.objects.exists()
    html = client.post("/gk/complaints/report/", report_form(market_unit, unit="", anonymous=None,
                                                            reporter_name="张建国")).content.decode()
    assert "请选择受理单位" in html and not Complaint.objects.exists()
    response = client.post("/gk/complaints/report/", report_form(market_unit, anonymous=None, reporter_name="张建国",
                                                                 reporter_phone="13973601234"), follow=True)
    number, code = receipt_of(response)
    found = client.post("/gk/complaints/lookup/", {"tracking_no": number, "query_code": code}).content.decode()
    assert "张某" in found and "张建国" not in found and "13973601234" not in found


def test_a_report_on_an_announcement_goes_to_its_unit(client, open_notice, market_unit, transport_unit):
    page = client.get(f"/gk/complaints/report/?announcement={open_notice.pk}").content.decode()
    assert f'<option value="{open_notice.pk}" selected>' in page
    client.post("/gk/complaints/report/", report_form(transport_unit, announcement=open_notice.pk))
    c = Complaint.objects.get()
    assert c.unit == market_unit and c.announcement == open_notice


def test_a_signed_in_citizens_report_appears_in_my_items(login, citizen, market_unit):
    client = login(citizen)
    response = client.post("/gk/complaints/report/", report_form(market_unit), follow=True)
    number, _code = receipt_of(response)
    c = Complaint.objects.get()
    assert c.created_by == citizen and "我的办件" in response.content.decode()
    mine = client.get("/gk/my/").content.decode()
    assert number in mine and "问题举报" in mine and "执法人员不出示证件" in mine
    detail = client.get(f"/gk/complaints/my/{number}/").content.decode()
    assert "已受理，正在分办" in detail
    other = make_user("13900001111", None, None, kind=User.Kind.CITIZEN, phone="13900001111")
    assert login(other).get(f"/gk/complaints/my/{number}/").status_code == 404
    assert number not in login(other).get("/gk/my/").content.decode()


@override_settings(FAZHI_COMPLAINTS_PUBLIC_PER_HOUR=2)
def test_too_many_reports_from_one_address_are_refused_and_not_written(client, market_unit):
    for _ in range(2):
        client.post("/gk/complaints/report/", report_form(market_unit))
    html = client.post("/gk/complaints/report/", report_form(market_unit)).content.decode()
    assert "提交过于频繁" in html and Complaint.objects.count() == 2


@override_settings(FAZHI_COMPLAINTS_PUBLIC_PER_HOUR=1)
def test_the_account_limit_holds_across_addresses(login, citizen, market_unit):
    client = login(citizen)
    client.post("/gk/complaints/report/", report_form(market_unit), REMOTE_ADDR="10.0.0.1")
    html = client.post("/gk/complaints/report/", report_form(market_unit), REMOTE_ADDR="10.0.0.2").content.decode()
    assert "提交过于频繁" in html and Complaint.objects.count() == 1


@override_settings(FAZHI_COMPLAINTS_LOOKUPS_PER_HOUR=3)
def test_guessing_query_codes_is_rate_limited(client, market_unit):
    number, code = receipt_of(client.post("/gk/complaints/report/", report_form(market_unit), follow=True))
    for guess in ("AAAAAAAA", "BBBBBBBB", "CCCCCCCC"):
        client.post("/gk/complaints/lookup/", {"tracking_no": number, "query_code": guess})
    html = client.post("/gk/complaints/lookup/", {"tracking_no": number, "query_code": code}).content.decode()
    assert "提交过于频繁" in html and "已受理，正在分办" not in html
