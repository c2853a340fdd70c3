"""What a first-time user tripped over (issue 21): the portal's header without the government's
name, the administrators' menu before the second step, and the API root answering 404."""

from __future__ import annotations

import pytest

from tests.accounts.test_two_step import enrolled, sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/gk/", "/gk/disclosure/apply/", "/gk/complaints/"])
def test_every_public_page_carries_the_governments_name(login, citizen, county, path):
    response = login(citizen).get(path, follow=True)
    assert response.status_code == 200 and response.redirect_chain == []
    html = response.content.decode()
    name = county.short_name or county.name
    assert f"{name} · 法治政府建设" in html or f"{county.name} · 法治政府建设" in html
    assert "> · 法治政府建设" not in html and '"> · 公开内容' not in html


def test_an_administrator_sees_no_menu_before_the_second_step(client, auditadmin):
    enrolled(auditadmin)
    page = sign_in(client, "auditadmin")
    html = page.content.decode()
    assert "密码已验证" in html
    assert "审计日志" not in html and "/audit/" not in html


def test_after_the_second_step_the_menu_is_there(login, auditadmin):
    html = login(auditadmin).get("/home/").content.decode()
    assert "审计日志" in html


def test_the_api_root_answers_with_an_index_not_404(client, db):
    assert client.get("/api/").url == "/api/v1/"
    response = client.get("/api/v1/")
    assert response.status_code == 200
    index = response.json()
    assert index["docs"] == "/api/v1/docs" and "/api/v1/units/" in index["resources"]
    assert any(path.startswith("/api/v1/ledgers/") or "/petitions" in path for path in index["resources"])


def test_a_citizen_is_told_a_due_date_in_an_unconfirmed_year_is_provisional(login, citizen, market_unit):
    """A year whose holiday schedule is not entered yet (as 2027 was on 2026-12-04; here 2031, so the
    test holds when the calendar package learns 2027): the date is counted Monday to Friday, and
    the citizen is told it may still move."""
    import time_machine

    from fazhi.core.deadlines import PROVISIONAL_NOTE
    from fazhi.streams.disclosure import services
    from fazhi.streams.disclosure.models import DisclosureRequest
    from tests.streams.disclosure.test_public import form

    with time_machine.travel("2030-12-04 10:00 +0800", tick=False):
        client = login(citizen)
        response = client.post("/gk/disclosure/apply/", {
            **form(market_unit), "information": "2030年度农贸市场食品抽检结果"}, follow=True)
        record = DisclosureRequest.objects.get(information="2030年度农贸市场食品抽检结果")
        deadline = services.reply_due(record)
        assert deadline.due.year == 2031 and not deadline.confirmed
        assert PROVISIONAL_NOTE in response.content.decode()  # the receipt message
        mine = client.get(f"/gk/disclosure/my/{record.request_no}/").content.decode()
        assert PROVISIONAL_NOTE in mine
        assert PROVISIONAL_NOTE in client.get("/gk/my/").content.decode()


def test_a_list_of_coded_categories_reads_their_chinese_labels(login, clerk, market_unit):
    from tests.streams.inspections.conftest import make_inspectors

    make_inspectors(market_unit, 1, quals="food,equipment")
    html = login(clerk).get("/s/inspections/inspectors/").content.decode()
    assert "食品安全" in html and "特种设备" in html and "food,equipment" not in html


def test_the_figures_page_shows_officials_no_key_version_or_none(login, coordinator, leader, county):
    import re

    def visible(response) -> str:
        main = response.content.decode().split('id="main"')[-1]
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))

    page = visible(login(leader).get("/indicators/", {"unit": county.code, "year": 2023}))
    assert "专题研究法治工作次数" in page
    assert "study.topic_sessions" not in page and " v1 " not in page and "None" not in page
    drill = visible(login(leader).get("/indicators/study.topic_sessions/", {"unit": county.code, "year": 2023}))
    assert "study.topic_sessions" not in drill and "定义版本" not in drill
    # the report writer is told the placeholder that cites the figure
    drill = login(coordinator).get("/indicators/study.topic_sessions/", {"unit": county.code, "year": 2023})
    assert "{{ study.topic_sessions }}" in drill.content.decode()


def test_a_public_request_sent_twice_is_filed_once_and_the_second_sees_the_first(login, citizen, market_unit):
    from fazhi.core.once import DUPLICATE_MESSAGE
    from fazhi.streams.disclosure.models import DisclosureRequest
    from tests.streams.disclosure.test_public import form

    client = login(citizen)
    data = {**form(market_unit), "submission_token": "tok-1"}
    first = client.post("/gk/disclosure/apply/", data)
    second = client.post("/gk/disclosure/apply/", data, follow=True)  # a double click, or 重新提交
    record = DisclosureRequest.objects.get()
    assert first.url == second.redirect_chain[-1][0] == f"/gk/disclosure/my/{record.request_no}/"
    assert DUPLICATE_MESSAGE in second.content.decode()
    client.post("/gk/disclosure/apply/", {**data, "submission_token": "tok-2"})  # a new form is a new request
    assert DisclosureRequest.objects.count() == 2


def test_a_refused_submission_can_be_corrected_and_sent_with_the_same_form(login, citizen, market_unit):
    from fazhi.streams.disclosure.models import DisclosureRequest
    from tests.streams.disclosure.test_public import form

    client = login(citizen)
    data = {**form(market_unit), "submission_token": "tok-1"}
    refused = client.post("/gk/disclosure/apply/", {**data, "information": ""})
    assert refused.status_code == 200 and not DisclosureRequest.objects.exists()
    assert client.post("/gk/disclosure/apply/", data).status_code == 302
    assert DisclosureRequest.objects.count() == 1


def test_an_anonymous_report_sent_twice_shows_the_first_receipt_again(client, county, market_unit):
    from fazhi.streams.complaints.models import Complaint
    from tests.streams.complaints.test_public import report_form

    data = {**report_form(market_unit), "submission_token": "tok-1"}
    first = client.post("/gk/complaints/report/", data, follow=True).content.decode()
    second = client.post("/gk/complaints/report/", data, follow=True).content.decode()
    complaint = Complaint.objects.get()
    assert complaint.tracking_no in first and complaint.tracking_no in second
    assert "请勿重复提交" in second
