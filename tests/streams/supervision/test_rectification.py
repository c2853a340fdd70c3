"""督察 → findings → 整改 task → overdue → reminder → report → closure, and what is refused."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.deadlines import deadlines_of
from fazhi.core.models import Notification
from fazhi.core.notifications import remind
from fazhi.core.registry import menu_for
from fazhi.streams.supervision import rules
from fazhi.streams.supervision.models import Finding, Rectification
from tests.streams.supervision.conftest import VISITED, add_finding, figure, messages_of, new_visit, pdf

pytestmark = pytest.mark.django_db

VISITS = "/s/supervision/"
RECT = "/s/supervision/rectifications/"




def test_the_stream_shows_its_ledgers_in_the_menu(coordinator, clerk):
    assert ("法治督察与整改", ["法治督察", "督察整改任务", "各单位年度报告", "发起年度报告征集"]) in [
        (m.label, [e.label for e in es]) for m, es in menu_for(coordinator)]
    assert ("法治督察与整改", ["法治督察", "督察整改任务", "各单位年度报告"]) in [
        (m.label, [e.label for e in es]) for m, es in menu_for(clerk)]


def test_a_finding_on_the_visit_page_issues_a_rectification_to_the_inspected_unit(login, coordinator, visit,
                                                                                    market_unit):
    client = login(coordinator)
    page = client.get(f"{VISITS}{visit.pk}/").content.decode()
    assert "登记问题并下达整改" in page
    response = client.post(f"{VISITS}{visit.pk}/finding/", {
        "text": "重大执法决定法制审核意见书未载明审核依据", "category": "enforcement", "severity": "serious",
        "found_on": "", "requirement": "", "required_by": ""}, follow=True)
    assert "已登记问题，并向市场监督管理局下达整改任务" in messages_of(response)
    r = Rectification.objects.get()
    assert (r.unit, r.year, r.found_on, r.state) == (market_unit, 2024, VISITED, "issued")
    deadline = deadlines_of(r).get()
    # 30 working days after 2024-05-16 (Dragon Boat Festival 6-10 is a holiday)
    assert (deadline.key, deadline.rule, deadline.days, deadline.due) == (rules.RECTIFY, "working", 30,
                                                                           date(2024, 6, 28))
    assert "重大执法决定法制审核意见书未载明审核依据" in client.get(f"{VISITS}{visit.pk}/").content.decode()


def test_the_period_follows_the_setting_or_the_date_the_finding_sets(settings, coordinator, visit):
    settings.FAZHI_RULES = {rules.RECTIFY_DAYS_SETTING: 10}
    assert deadlines_of(add_finding(visit, coordinator)).get().due == date(2024, 5, 30)
    fixed = add_finding(visit, coordinator, text="执法全过程记录不完整", required_by=date(2024, 7, 15))
    assert (deadlines_of(fixed).get().due, deadlines_of(fixed).get().rule) == (date(2024, 7, 15), "calendar_strict")


def test_overdue_rectification_is_listed_reminded_reported_and_closed(login, coordinator, clerk, head, visit,
                                                                       market_unit):
    r = add_finding(visit, coordinator)
    clerk_client = login(clerk)
    overdue = clerk_client.get(RECT, {"due": "overdue"})
    assert [row for row, _, _ in overdue.context["rows"]] == [r]
    summary = remind()
    assert summary.created >= 1
    note = Notification.objects.get(user=clerk)
    assert note.title == "已超期：督察整改期限（2024-06-28）" and note.url == f"{RECT}{r.pk}/"
    assert figure("supervision.rectifications_overdue", market_unit)[0] == 1

    page = clerk_client.get(f"{RECT}{r.pk}/").content.decode()
    assert "行政处罚决定公示超过规定时限" in page and "报告整改情况" in page
    response = clerk_client.post(f"{RECT}{r.pk}/report/", {"report_text": "已补充公示3件，并建立公示台账。",
                                                           "evidence": pdf(), "evidence_link": ""}, follow=True)
    assert "已报告整改情况" in messages_of(response)
    r.refresh_from_db()
    assert r.state == "reported" and r.reported_on is not None and r.evidence.name.endswith(".pdf")
    assert deadlines_of(r).get().met_on == r.reported_on  # late: still counted overdue
    download = clerk_client.get(f"{RECT}{r.pk}/evidence/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")

    # the unit head may approve the unit's records, but closing 整改 is the coordinating office's
    response = login(head).post(f"{RECT}{r.pk}/do/close/", follow=True)
    r.refresh_from_db()
    assert r.state == "reported" and "您没有权限办理该环节" in response.content.decode()

    response = login(coordinator).post(f"{RECT}{r.pk}/do/close/", follow=True)
    r.refresh_from_db()
    assert r.state == "closed" and r.closed_on is not None
    assert figure("supervision.findings", market_unit)[0] == 1
    assert figure("supervision.rectifications_overdue", market_unit)[0] == 1  # closed late
    assert figure("supervision.rectification_on_time_rate", market_unit)[1:] == (0, 1)
    assert figure("supervision.visits", market_unit)[0] == 1


def test_a_rectification_reported_in_time_counts_on_time_and_a_returned_one_runs_again(
        login, coordinator, clerk, visit, market_unit):
    with time_machine.travel("2024-06-03 10:00 +0800", tick=False):
        r = add_finding(visit, coordinator)
        response = login(clerk).post(f"{RECT}{r.pk}/report/", {
            "report_text": "已整改。", "evidence_link": "/s/enforcement/12/"}, follow=True)
        assert "已报告整改情况" in messages_of(response)
        login(coordinator).post(f"{RECT}{r.pk}/do/return/", {"note": "佐证材料不能证明整改到位"})
        r.refresh_from_db()
        assert (r.state, r.reported_on) == ("returned", None)
        assert deadlines_of(r).get().met_on is None
        page = login(clerk).get(f"{RECT}{r.pk}/").content.decode()
        assert "佐证材料不能证明整改到位" in page and "报告整改情况" in page
    with time_machine.travel("2024-06-20 10:00 +0800", tick=False):
        login(clerk).post(f"{RECT}{r.pk}/report/", {"report_text": "已补充公示并追责。", "evidence": pdf()})
        login(coordinator).post(f"{RECT}{r.pk}/do/close/")
        r.refresh_from_db()
        assert (r.state, r.reported_on) == ("closed", date(2024, 6, 20))
    assert figure("supervision.rectifications_overdue", market_unit)[0] == 0
    assert figure("supervision.rectification_on_time_rate", market_unit)[1:] == (1, 1)


def test_bad_input_is_refused_in_chinese_and_nothing_is_written(login, coordinator, clerk, justice_unit,
                                                                 market_unit, visit):
    planned = new_visit(coordinator, justice_unit, market_unit, planned_on=date(2024, 9, 10))
    client = login(coordinator)
    response = client.post(f"{VISITS}{planned.pk}/finding/", {"text": "问题", "category": "other",
                                                               "severity": "general"}, follow=True)
    assert "只有已督察的督察才能登记发现的问题" in messages_of(response)
    response = client.post(f"{VISITS}{visit.pk}/finding/", {"text": "问题", "category": "other", "severity": "general",
                                                            "required_by": "2024-05-10"}, follow=True)
    assert "限期整改日期应晚于发现问题的日期（2024-05-16）" in messages_of(response)
    assert not Finding.objects.exists() and not Rectification.objects.exists()

    r = add_finding(visit, coordinator)
    clerk_client = login(clerk)
    for data in ({"report_text": "", "evidence_link": "/s/x/1/"}, {"report_text": "已整改。", "evidence_link": ""}):
        response = clerk_client.post(f"{RECT}{r.pk}/report/", data, follow=True)
        assert "请填写整改情况，并上传整改佐证材料" in messages_of(response) or "整改情况：" in messages_of(response)
    fake = SimpleUploadedFile("整改报告.pdf", b"MZ\x90\x00 not a pdf")
    response = clerk_client.post(f"{RECT}{r.pk}/report/", {"report_text": "已整改。", "evidence": fake}, follow=True)
    assert "无法读取该文件：内容不是.pdf文件" in messages_of(response)
    response = clerk_client.post(f"{RECT}{r.pk}/report/", {"report_text": "已整改。",
                                                           "evidence": SimpleUploadedFile("a.exe", b"MZ")}, follow=True)
    assert "只能上传 .docx 或 .pdf 格式的文件" in messages_of(response)
    r.refresh_from_db()
    assert (r.state, r.version, r.report_text, r.evidence.name) == ("issued", 1, "", "")
    # the generic step cannot bypass the form
    clerk_client.post(f"{RECT}{r.pk}/do/report/")
    r.refresh_from_db()
    assert r.state == "issued"
    # a finding is the coordinating office's act, not the unit's
    assert login(clerk).post(f"{VISITS}{visit.pk}/finding/", {"text": "x", "category": "other",
                                                              "severity": "general"}).status_code in (403, 404)
    assert Rectification.objects.count() == 1


def test_a_unit_sees_only_its_own_rectifications(login, coordinator, clerk, other_clerk, leader, visit):
    r = add_finding(visit, coordinator)
    assert [row for row, _, _ in login(clerk).get(RECT).context["rows"]] == [r]
    assert list(login(other_clerk).get(RECT).context["rows"]) == []
    assert login(other_clerk).get(f"{RECT}{r.pk}/").status_code == 403
    assert login(leader).get(f"{RECT}{r.pk}/").status_code == 200
    # the visit is the coordinating office's record: the inspected unit reads its 整改, not the file
    assert login(clerk).get(f"{VISITS}{visit.pk}/").status_code == 403


def test_issued_records_cannot_be_made_edited_or_deleted_by_hand(login, coordinator, clerk, visit):
    r = add_finding(visit, coordinator)
    client = login(clerk)
    assert client.get(f"{RECT}new/").status_code == 302
    client.post(f"{RECT}{r.pk}/edit/", {"requirement": "改", "found_on": "2024-05-16", "required_by": "2030-01-01",
                                        "version": r.version})
    client.post(f"{RECT}{r.pk}/delete/")
    r.refresh_from_db()
    assert r.required_by is None and Rectification.objects.filter(pk=r.pk).exists()
