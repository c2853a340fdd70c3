"""The scoring run: each unit's points come from its own records, with the records behind them;
judgement items are entered with a reason and evidence; the one who scored cannot approve; a
unit reads only its own sheet until the results are published internally."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.ledger import record_create
from fazhi.core.models import AuditEvent
from fazhi.streams.assessment import services
from fazhi.streams.assessment.models import ScoreSheet
from fazhi.streams.study.models import StudySession
from tests.streams.assessment.conftest import sessions

pytestmark = pytest.mark.django_db


def sheet_of(scheme, unit) -> ScoreSheet:
    return ScoreSheet.objects.get(scheme=scheme, unit=unit)


def test_points_come_from_the_units_own_records_with_their_evidence(
        scheme, coordinator, clerk, other_clerk, market_unit, transport_unit, justice_unit, login):
    sessions(clerk, market_unit, 2)
    sessions(other_clerk, transport_unit, 5)
    sessions(other_clerk, transport_unit, 3, year=2022)  # another year: not counted
    assert services.score_run(scheme, by=coordinator) == 6  # three departments, three townships
    market = sheet_of(scheme, market_unit).scores.get(item__key="study")
    transport = sheet_of(scheme, transport_unit).scores.get(item__key="study")
    assert (market.value, market.points, market.evidence, market.auto) == (2, Decimal(2), 2, True)
    assert "少于4" in market.reason
    assert (transport.value, transport.points, transport.evidence) == (5, Decimal(4), 5)
    # evidence equals the records the indicator's drill-down lists for the unit
    page = login(coordinator).get("/indicators/study.sessions_held/",
                                  {"unit": market_unit.code, "year": 2023})
    assert page.context["page"].paginator.count == market.evidence
    # the judgement item waits for a reviewer; the totals and ranks follow the points
    assert sheet_of(scheme, market_unit).scores.get(item__key="report").points is None
    sheets = {s.unit: s for s in scheme.sheets.all()}
    assert (sheets[transport_unit].rank, sheets[market_unit].rank, sheets[justice_unit].rank) == (1, 2, 3)
    assert sheets[market_unit].max_score == Decimal(10)
    scheme.refresh_from_db()
    assert (scheme.state, scheme.scored_by) == ("scored", coordinator)
    assert AuditEvent.objects.filter(object_id=str(scheme.pk), note__startswith="考核评分：6个单位").exists()


def test_a_judgement_is_entered_with_reason_and_evidence(scheme, coordinator, market_unit, login):
    services.score_run(scheme, by=coordinator)
    sheet = sheet_of(scheme, market_unit)
    for points, reason, link, message in [
        ("7", "很好", "报告", "得分应在0至6.00分之间"),
        ("-1", "很好", "报告", "得分应在0至6.00分之间"),
        ("5", "", "报告", "请填写打分理由"),
        ("5", "结构完整", "", "请提供佐证"),
    ]:
        with pytest.raises(ValidationError, match=message):
            services.judgement_enter(sheet, by=coordinator, item="report", points=points, reason=reason,
                                     evidence_link=link)
    with pytest.raises(ValidationError, match="只能对本评分表的评审打分项打分"):
        services.judgement_enter(sheet, by=coordinator, item="study", points="1", reason="x", evidence_link="y")
    response = login(coordinator).post(f"/s/assessment/sheets/{sheet.pk}/judge/", {
        "judge-item": "report", "judge-points": "5.5", "judge-reason": "五个法定部分齐全",
        "judge-evidence_link": "/s/study/1/"}, follow=True)
    assert "已保存评审打分" in response.content.decode()
    row = sheet.scores.get(item__key="report")
    assert (row.points, row.auto, row.entered_by, row.evidence) == (Decimal("5.5"), False, coordinator, 1)
    sheet.refresh_from_db()
    assert sheet.score == Decimal("5.5")
    # a new run keeps the reviewer's points
    services.score_run(scheme, by=coordinator)
    assert sheet.scores.get(item__key="report").points == Decimal("5.5")


def test_the_one_who_scored_cannot_approve(scheme, coordinator, approver, market_unit, login):
    services.score_run(scheme, by=approver)
    with pytest.raises(ValidationError, match="评分人不能审定"):
        services.scheme_approve(scheme, by=approver)
    services.score_run(scheme, by=coordinator)
    services.judgement_enter(sheet_of(scheme, market_unit), by=approver, item="report", points="5",
                             reason="齐全", evidence_link="报告")
    page = login(approver).post(f"/s/assessment/{scheme.pk}/approve/", follow=True).content.decode()
    assert "评分人不能审定本方案的考核结果" in page
    scheme.refresh_from_db()
    assert scheme.state == "scored"
    with pytest.raises(ValidationError, match="评分人不能审定"):
        services.scheme_approve(scheme, by=coordinator)


def test_approval_by_another_account_freezes_the_sheets_and_publication_is_a_third_step(
        scheme, coordinator, approver, market_unit):
    services.score_run(scheme, by=coordinator)
    services.scheme_approve(scheme, by=approver)
    sheet = sheet_of(scheme, market_unit)
    assert sheet.state == "frozen"
    with pytest.raises(ValidationError, match="考核结果已审定"):
        services.judgement_enter(sheet, by=coordinator, item="report", points="5", reason="x", evidence_link="y")
    with pytest.raises(ValidationError, match="审定人不能同时通报"):
        services.scheme_publish(scheme, by=approver)
    services.scheme_publish(scheme, by=coordinator)
    scheme.refresh_from_db()
    assert scheme.state == "published"


def test_a_unit_sees_only_its_own_sheet_and_the_ranking_once_published(
        scheme, coordinator, approver, clerk, other_clerk, market_unit, transport_unit, login, client):
    sessions(other_clerk, transport_unit, 4)
    services.score_run(scheme, by=coordinator)
    market, transport = sheet_of(scheme, market_unit), sheet_of(scheme, transport_unit)
    c = login(clerk)
    listing = c.get("/s/assessment/sheets/").content.decode()
    assert "市场监督管理局" in listing and "交通运输局" not in listing
    assert c.get(f"/s/assessment/sheets/{market.pk}/").status_code == 200
    assert c.get(f"/s/assessment/sheets/{transport.pk}/").status_code in (403, 404)
    ranking = c.get("/s/assessment/ranking/", {"year": 2023}).content.decode()
    assert "考核结果尚未内部通报" in ranking and "交通运输局" not in ranking
    assert c.get("/s/assessment/ranking/", {"year": 2023, "format": "xlsx"}).status_code == 200  # the page again
    assert "交通运输局" in login(coordinator).get("/s/assessment/ranking/", {"year": 2023}).content.decode()
    services.scheme_approve(scheme, by=approver)
    services.scheme_publish(scheme, by=coordinator)
    ranking = login(clerk).get("/s/assessment/ranking/", {"year": 2023}).content.decode()
    assert "交通运输局" in ranking and "得分分布" in ranking
    assert login(clerk).get(f"/s/assessment/sheets/{transport.pk}/").status_code in (403, 404)


def test_sheets_are_never_written_by_hand(scheme, coordinator, clerk, market_unit, login):
    services.score_run(scheme, by=coordinator)
    sheet = sheet_of(scheme, market_unit)
    c = login(clerk)
    assert c.get("/s/assessment/sheets/new/").status_code == 403
    assert c.post(f"/s/assessment/sheets/{sheet.pk}/edit/", {"score": "99"}).status_code == 403
    assert c.post(f"/s/assessment/sheets/{sheet.pk}/delete/").status_code == 403
    assert c.post(f"/s/assessment/sheets/{sheet.pk}/judge/", {"judge-item": "report", "judge-points": "6",
                                                              "judge-reason": "x", "judge-evidence_link": "y"}
                  ).status_code == 403
    sheet.refresh_from_db()
    assert sheet.score == Decimal(0)


def test_a_second_run_counts_the_records_added_since_and_keeps_the_rest(
        scheme, coordinator, clerk, other_clerk, market_unit, transport_unit):
    sessions(clerk, market_unit, 2)
    sessions(other_clerk, transport_unit, 5)
    services.score_run(scheme, by=coordinator)
    transport = sheet_of(scheme, transport_unit).scores.get(item__key="study")
    record_create(StudySession, by=clerk, unit=market_unit, year=2023, kind="central_group", title="学法补充",
                  held_on=date(2023, 6, 1), state="held")
    services.score_run(scheme, by=coordinator)
    market_sheet = sheet_of(scheme, market_unit)
    market = market_sheet.scores.get(item__key="study")
    assert (market.value, market.points, market.evidence) == (3, Decimal(3), 3)
    assert market_sheet.score == Decimal(3)  # the sheet's total follows the changed item
    again = sheet_of(scheme, transport_unit).scores.get(item__key="study")
    assert (again.pk, again.value, again.points, again.reason) == (transport.pk, 5, Decimal(4), transport.reason)
    # every sheet of the run has its objection window, counted from the run's day
    assert all(sheet.objection_due() is not None for sheet in scheme.sheets.all())


def test_a_deduction_and_a_veto_bound_to_a_rates_cases(scheme, coordinator, clerk, market_unit):
    sessions(clerk, market_unit, 4)
    services.item_save(scheme, by=coordinator, key="held", label="学法次数（扣分演示）", max_points=Decimal(3),
                       kinds=["department"], method="deduction", indicator="study.attendance_rate",
                       formula="minus_each", params={"each": 1})
    services.score_run(scheme, by=coordinator)
    row = sheet_of(scheme, market_unit).scores.get(item__key="held")
    assert row.points == Decimal(0)  # no member counts recorded: a rate of nothing, no cases
    services.item_save(scheme, by=coordinator, key="veto", label="一票否决（演示）", max_points=Decimal(1),
                       kinds=["department"], method="deduction", indicator="study.sessions_held",
                       formula="veto_if_any", params={})
    services.score_run(scheme, by=coordinator)
    sheet = sheet_of(scheme, market_unit)
    assert (sheet.vetoed, sheet.score) == (True, Decimal(0))
    assert sheet.scores.get(item__key="veto").reason.endswith("一票否决")


def test_the_api_lists_own_sheets_and_refuses_writing_one(scheme, coordinator, clerk, market_unit, secadmin):
    from fazhi.api.services import token_issue
    from tests.api.conftest import ApiClient

    services.score_run(scheme, by=coordinator)
    api = ApiClient(token_issue(by=secadmin, name="测试系统", user=clerk)[1])
    listing = api.get("assessment/scoresheet/").json()
    assert listing["count"] == 1
    sheet = sheet_of(scheme, market_unit)
    created = api.post("assessment/scoresheet/", {"unit": market_unit.code, "year": 2023, "score": 100})
    assert created.status_code == 405  # generated only: the API offers no create
    changed = api.patch(f"assessment/scoresheet/{sheet.pk}/", {"expected_version": sheet.version, "score": 100})
    assert changed.status_code in (403, 422)
    assert "只读字段" in changed.content.decode()
    moved = api.patch(f"assessment/scoresheet/{sheet.pk}/", {"expected_version": sheet.version, "year": 2024})
    assert moved.status_code == 422 and "评分表由考核评分生成" in moved.content.decode()
    sheet.refresh_from_db()
    assert sheet.score == Decimal(0) and ScoreSheet.objects.count() == 6
