"""The periods of the stream are working days (条例 第三十条、第三十三条), counted with the
real holiday schedules: National Day 2023 (Sep 29 – Oct 6 off, Oct 7–8 worked) and the
Spring Festival 2024 (Feb 10–17 off, Feb 4 and Feb 18 worked)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from fazhi.core.deadlines import WORKING, deadlines_of, explain
from fazhi.core.models import AuditEvent, Notification
from tests.streams.disclosure.conftest import do, edit

pytestmark = pytest.mark.django_db


def dues(request) -> dict[str, date]:
    return {d.key: d.due for d in deadlines_of(request)}


def test_the_periods_run_across_national_day_2023_counting_the_make_up_weekend(make_request, on_day):
    on_day(date(2023, 9, 25))
    request = make_request(year=2023, submitted_on=date(2023, 9, 25))
    assert dues(request) == {"supplement_notice": date(2023, 10, 10), "reply": date(2023, 10, 27)}
    assert {d.rule for d in deadlines_of(request)} == {WORKING}


def test_the_periods_run_across_the_spring_festival_2024(make_request, on_day):
    on_day(date(2024, 2, 5))
    request = make_request(year=2024, submitted_on=date(2024, 2, 5))
    assert dues(request) == {"supplement_notice": date(2024, 2, 20), "reply": date(2024, 3, 8)}


def test_the_record_page_explains_the_reply_deadline_from_its_legal_basis(login, clerk, make_request, on_day):
    on_day(date(2024, 2, 5))
    request = make_request(year=2024, submitted_on=date(2024, 2, 5))
    steps = explain(deadlines_of(request).get(key="reply"))
    assert steps[0].startswith("法律依据：政府信息公开条例 第三十三条第二款")
    assert steps[1] == "自2024年2月5日次日起算20个工作日" and steps[-1] == "到期日：2024年3月8日"
    assert "自2024年2月5日次日起算20个工作日" in login(clerk).get(f"/s/disclosure/{request.pk}/").content.decode()


def test_a_request_paused_for_the_third_party_raises_no_reply_reminder_until_the_clock_runs_again(
        login, clerk, make_request, on_day):
    on_day(date(2026, 3, 3))
    request = make_request()
    client = login(clerk)
    do(client, request, "register")
    do(client, request, "start_review")
    edit(client, request, third_party="某公司", consult_started_on=date(2026, 3, 3))
    do(client, request, "consult")
    call_command("fazhi_remind", "--date", "2026-04-30")
    titles = set(Notification.objects.filter(user=clerk).values_list("title", flat=True))
    # The paused reply clock does not run out; the third party's 15 working days (第三十二条) do.
    assert titles == {"已超期：第三方答复期限（2026-03-24）"}
    on_day(date(2026, 3, 24))
    edit(client, request, consult_ended_on=date(2026, 3, 24))
    do(client, request, "consult_done")
    # Received 2026-03-02; Mar 3–24 not counted; 20 wd from Mar 25, Qingming Monday Apr 6 off.
    assert dues(request)["reply"] == date(2026, 4, 22)
    call_command("fazhi_remind", "--date", "2026-04-20")
    assert Notification.objects.filter(user=clerk, title="即将到期：答复期限（2026-04-22）").exists()


def test_a_late_reply_is_marked_met_late(login, clerk, make_request, on_day):
    on_day(date(2023, 11, 1))
    request = make_request(year=2023, submitted_on=date(2023, 9, 25))
    client = login(clerk)
    for name in ("register", "start_review", "secrecy_review"):
        do(client, request, name)
    edit(client, request, reply_type="public", replied_on=date(2023, 10, 30))
    do(client, request, "reply")
    reply = deadlines_of(request).get(key="reply")
    assert (reply.due, reply.met_on) == (date(2023, 10, 27), date(2023, 10, 30))
    from fazhi.core.deadlines import status

    assert status(reply, date(2023, 11, 1)) == "met_late"


def test_the_declared_deadlines_follow_the_dates_the_steps_and_the_edit_page_record(
        login, clerk, head, make_request, on_day):
    """No step moves a deadline by itself: each is read from the request's own dates (models:
    tracked). Review starting closes the 补正 window; the consultation pauses the reply period
    and a corrected end date moves it; the approved extension adds its days; the reply meets it."""
    on_day(date(2024, 1, 31))
    request = make_request(year=2024, submitted_on=date(2024, 1, 29))
    client = login(clerk)
    do(client, request, "register")
    do(client, request, "start_review")
    assert request.review_started_on == date(2024, 1, 31)
    assert deadlines_of(request).get(key="supplement_notice").met_on == date(2024, 1, 31)

    on_day(date(2024, 2, 1))
    edit(client, request, third_party="某食品公司", consult_started_on=date(2024, 2, 1))
    assert not deadlines_of(request).get(key="reply").pauses  # typed, not yet sent
    do(client, request, "consult")
    reply = deadlines_of(request).get(key="reply")
    assert [(p["start"], p["end"]) for p in reply.pauses] == [("2024-02-01", None)]
    assert deadlines_of(request).get(key="third_party").start == date(2024, 2, 1)

    on_day(date(2024, 2, 20))
    edit(client, request, consult_ended_on=date(2024, 2, 20))
    do(client, request, "consult_done")
    assert dues(request)["reply"] == date(2024, 3, 15)  # 2-1…2-20 not counted
    assert deadlines_of(request).get(key="third_party").met_on == date(2024, 2, 20)
    edit(client, request, consult_ended_on=date(2024, 2, 19))  # a typo corrected: 2-20 counts again
    assert dues(request)["reply"] == date(2024, 3, 14)
    assert deadlines_of(request).get(key="third_party").met_on == date(2024, 2, 19)

    on_day(date(2024, 3, 11))
    login(head).post(f"/s/disclosure/{request.pk}/do/extend/", {"days": 10, "reason": "需调取历年档案"})
    reply = deadlines_of(request).get(key="reply")
    assert reply.due == date(2024, 3, 28) and [e["approved_by"] for e in reply.extensions] == ["head"]

    client = login(clerk)
    do(client, request, "secrecy_review")
    on_day(date(2024, 3, 25))
    edit(client, request, reply_type="public", replied_on=date(2024, 3, 25))
    do(client, request, "reply")
    assert request.state == "replied"
    assert {d.key: d.met_on for d in deadlines_of(request)} == {
        "supplement_notice": date(2024, 1, 31), "third_party": date(2024, 2, 19), "reply": date(2024, 3, 25)}
    events = AuditEvent.objects.filter(action="transition", object_id=str(request.pk), note__startswith="受理审查")
    assert events.get().after["review_started_on"] == "2024-01-31"
