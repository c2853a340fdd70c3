"""Plans and tasks on their forms, the task workflow to the end, result entry by the drawn
inspectors only, the 20-working-day publication period across National Day, indicators, demo."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.accounts.models import User
from fazhi.core.deadlines import deadlines_of
from fazhi.core.models import Deadline, Unit
from fazhi.core.roles import Role
from fazhi.core.workflow import TransitionError, transition
from fazhi.indicators.registry import Period, compute
from fazhi.streams.inspections import rules, services, verify
from fazhi.streams.inspections.models import Draw, Entity, InspectionPlan, InspectionResult, InspectionTask, Inspector
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_joint_plan_and_task_by_form_with_chinese_checks(login, clerk, market_unit, transport_unit, item):
    client = login(clerk)
    data = {"unit": market_unit.pk, "year": 2024, "title": "2024年联合抽查计划", "joint": "", "cooperating_units": "交通运输局"}
    assert "请勾选“部门联合抽查”" in client.post("/s/inspections/plans/new/", data).content.decode()
    client.post("/s/inspections/plans/new/", {**data, "joint": "on"})
    plan = InspectionPlan.objects.get()
    assert plan.joint and plan.cooperating() == [transport_unit]
    task = {"unit": market_unit.pk, "year": 2024, "plan": plan.pk, "item": item.pk, "title": "联合抽查第一批",
            "inspectors_per_entity": 1, "period_start": "2024-09-02", "period_end": "2024-08-01",
            "risk_grades": "C、E"}
    page = client.post("/s/inspections/tasks/new/", task).content.decode()
    assert "每户至少派2名执法人员" in page and "请填写抽查比例或抽查户数" in page
    assert "检查结束日期不能早于开始日期" in page and "“E”不是有效的风险等级" in page
    task.update(inspectors_per_entity=2, period_end="2024-10-31", ratio="5", risk_grades="C级、D")
    client.post("/s/inspections/tasks/new/", task)
    created = InspectionTask.objects.get()
    assert created.risk_grades == "C,D" and created.units() == [market_unit, transport_unit]
    assert created.exclusion() == 365


def _enter(result: InspectionResult, user, **extra) -> InspectionResult:
    values = {"inspected_on": date(2024, 9, 27), "outcome": "normal", **extra}
    return services.result_enter(result, by=user, **values)


@pytest.fixture
def drawn(task, clerk, inspectors, market_unit):
    """A drawn task (2 inspectors of 6 per entity); every inspector has an account."""
    for i in inspectors:
        make_user(f"insp{i.pk}", market_unit, Role.CLERK)
        Inspector.objects.filter(pk=i.pk).update(account=f"insp{i.pk}")
    draw = services.draw_run(task, by=clerk)
    return task, draw


def test_task_workflow_to_the_end_and_only_drawn_inspectors_enter_results(drawn, clerk, head, login):
    task, draw = drawn
    InspectionPlan.objects.filter(pk=task.plan_id).update(state="draft")
    with pytest.raises(TransitionError, match="计划尚未批准"):
        transition(task, "notify", by=clerk)
    InspectionPlan.objects.filter(pk=task.plan_id).update(state="approved")
    transition(task, "notify", by=clerk)
    transition(task, "start", by=clerk)
    with pytest.raises(TransitionError, match="还有4户检查对象未录入检查结果"):
        transition(task, "finish", by=clerk)

    results = list(draw.results.order_by("stratum", "rank"))
    first = results[0]
    assigned = {a.inspector.account for a in first.assignments.filter(active=True).select_related("inspector")}
    outsider = User.objects.exclude(username__in=assigned).filter(username__startswith="insp").first()
    with pytest.raises(PermissionDenied):
        _enter(first, outsider)
    with pytest.raises(PermissionDenied):
        _enter(first, head)  # the unit head was not drawn either
    client = login(outsider)
    assert client.get(f"/s/inspections/results/{first.pk}/do/enter/").status_code == 403
    inspector_user = User.objects.get(username=sorted(assigned)[0])
    client = login(inspector_user)
    first.refresh_from_db()
    version = first.version
    page = client.post(f"/s/inspections/results/{first.pk}/do/enter/",
                       {"inspected_on": "2024-09-27", "result": "fixed", "findings": "", "version": version}
                       ).content.decode()
    assert "发现问题的，请填写发现的问题" in page
    # Without the version the page was read at, nothing is saved (another inspector may have entered it).
    stale = client.post(f"/s/inspections/results/{first.pk}/do/enter/",
                        {"inspected_on": "2024-09-27", "result": "fixed", "findings": "进货台账缺失"})
    assert "该记录已被他人修改" in stale.content.decode()
    first.refresh_from_db()
    assert first.state == "pending" and first.version == version
    response = client.post(f"/s/inspections/results/{first.pk}/do/enter/",
                           {"inspected_on": "2024-09-27", "result": "fixed", "findings": "进货台账缺失",
                            "version": version}, follow=True)
    assert "已录入检查结果" in response.content.decode()
    first.refresh_from_db()
    assert first.state == "entered" and first.result == "fixed"
    for result in results[1:]:
        user = User.objects.get(username=result.assignments.filter(active=True).first().inspector.account)
        _enter(result, user)
    transition(task, "finish", by=clerk)
    transition(task, "publish", by=clerk)
    assert set(task.results.values_list("state", flat=True)) == {"published"}
    with pytest.raises(TransitionError, match="没有权限"):
        transition(task, "close", by=clerk)
    transition(task, "close", by=head)
    assert task.state == "closed"


def test_publication_period_runs_20_working_days_across_national_day(drawn, clerk, on_day):
    task, draw = drawn
    InspectionTask.objects.filter(pk=task.pk).update(state="inspecting")
    result = draw.results.order_by("stratum", "rank").first()
    user = User.objects.get(username=result.assignments.first().inspector.account)
    result = _enter(result, user, inspected_on=date(2024, 9, 27))
    deadline = deadlines_of(result).get(key="publish")
    # 9-29 (Sun) and 10-12 (Sat) are make-up working days, 10-1…10-7 is the holiday
    assert deadline.due == date(2024, 10, 30)
    assert "20个工作日" in deadline.basis
    on_day(date(2024, 10, 31))
    from fazhi.core import deadlines

    assert deadlines.status(deadline, date(2024, 10, 31)) == "overdue"
    transition(result, "publish", by=clerk)
    result.refresh_from_db()
    deadline.refresh_from_db()
    assert result.published_on == date(2024, 10, 31) and deadline.met_on == date(2024, 10, 31)
    assert deadlines.status(deadline, date(2024, 11, 1)) == "met_late"


def test_publish_days_is_a_setting(settings):
    settings.FAZHI_INSPECTIONS_PUBLISH_DAYS = 15
    assert rules.publish_rule().days == 15
    assert rules.credit_china_url(" 91430771ma4l2k3r7x ").endswith("keyword=91430771MA4L2K3R7X")


def test_indicators_on_fixed_data(drawn, clerk, entities):
    task, draw = drawn
    results = list(draw.results.order_by("stratum", "rank"))
    InspectionResult.objects.filter(pk=results[0].pk).update(state="published", inspected_on=date(2024, 9, 10),
                                                             result="fixed", published_on=date(2024, 9, 20))
    InspectionResult.objects.filter(pk=results[1].pk).update(state="entered", inspected_on=date(2024, 9, 11),
                                                             result="normal")
    from fazhi.core import deadlines

    d = deadlines.deadline_set(record=results[0], rule=rules.publish_rule(), start=date(2024, 9, 10))
    deadlines.deadline_meet(deadline=d, on=date(2024, 9, 20))
    units = Unit.objects.filter(pk=task.unit_id)
    period = Period.year(2024)
    ratio = compute("inspections.inspection_ratio", units, period)
    assert (ratio.numerator, ratio.denominator) == (2, 40) and ratio.value == 5
    timely = compute("inspections.timely_publication_rate", units, period)
    assert (timely.numerator, timely.denominator) == (1, 2)
    problems = compute("inspections.problem_rate", units, period)
    assert (problems.numerator, problems.denominator) == (1, 2)
    joint = compute("inspections.joint_share", units, period)
    assert (joint.numerator, joint.denominator) == (0, 1)
    assert compute("inspections.tasks_completed", units, period).value == 0


def test_demo_is_deterministic_idempotent_and_verifiable(county):
    from fazhi.demo.management.commands.fazhi_demo import Command
    from fazhi.streams.inspections import demo

    Command()._units()
    county.refresh_from_db()  # the demo places the county under 常德市: its path gained the city's code
    demo.load(county)
    counts = (Entity.objects.count(), Inspector.objects.count(), Draw.objects.count(), InspectionResult.objects.count())
    demo.load(county)
    assert counts == (Entity.objects.count(), Inspector.objects.count(), Draw.objects.count(),
                      InspectionResult.objects.count())
    assert 250 <= counts[0] <= 320 and counts[1] == 30
    assert Draw.objects.filter(task__year__lte=2024).count() == 3  # the later years' tasks are drawn too
    for draw in Draw.objects.all():
        assert verify.verify(services.public_json(draw))[0]
    units = county.descendants()
    ratio = compute("inspections.inspection_ratio", units, Period.year(2023))
    assert ratio.numerator > 0 and ratio.value >= 5
    assert compute("inspections.tasks_completed", units, Period.year(2023)).value == 2
    assert compute("inspections.joint_share", units, Period.year(2023)).numerator == 1


def test_other_units_clerk_sees_no_task_draw_or_result_and_the_portal_rows_are_masked(drawn, other_clerk, login):
    task, draw = drawn
    result = draw.results.order_by("stratum", "rank").first()
    client = login(other_clerk)
    assert client.get(f"/s/inspections/tasks/{task.pk}/").status_code == 403
    assert client.get(f"/s/inspections/draws/{draw.pk}/").status_code == 403
    assert client.get(f"/s/inspections/results/{result.pk}/").status_code == 403
    assert client.post(f"/s/inspections/tasks/{task.pk}/redraw/", {"reason": "x"}).status_code == 403
    assert client.post(f"/s/inspections/results/{result.pk}/delete/").status_code == 403
    assert services.public_results() == []
    InspectionResult.objects.filter(pk=result.pk).update(state="published", inspected_on=date(2024, 9, 10),
                                                         result="normal", published_on=date(2024, 9, 20),
                                                         inspectors_display="欧阳明、李红")
    [row] = services.public_results()
    assert row["inspectors"] == "欧阳某、李某" and row["credit_code"] == result.credit_code
    assert row["credit_china_url"].startswith("https://www.creditchina.gov.cn/") and result.credit_code in row["credit_china_url"]


def test_the_declared_publication_period_follows_the_entered_date_and_the_task_publication_meets_it(
        drawn, clerk, on_day):
    """The period is declared on the result (models: tracked): a re-entered inspection date
    restarts it, and publishing the task meets every result's period on that day."""
    task, draw = drawn
    InspectionTask.objects.filter(pk=task.pk).update(state="inspecting")
    results = list(draw.results.order_by("stratum", "rank"))
    for result in results:
        _enter(result, User.objects.get(username=result.assignments.filter(active=True).first().inspector.account))
    first = results[0]
    first_user = User.objects.get(username=first.assignments.filter(active=True).first().inspector.account)
    _enter(first, first_user, inspected_on=date(2024, 9, 30))  # corrected before publication
    assert (deadlines_of(first).get(key="publish").start, deadlines_of(first).get(key="publish").due) == (
        date(2024, 9, 30), date(2024, 11, 1))

    on_day(date(2024, 10, 31))
    task.refresh_from_db()
    transition(task, "finish", by=clerk)
    transition(task, "publish", by=clerk)
    rows = {d.object_id: d for d in Deadline.objects.filter(key="publish", object_id__in=[r.pk for r in results])}
    assert {d.met_on for d in rows.values()} == {date(2024, 10, 31)}
    assert rows[first.pk].due == date(2024, 11, 1) and rows[results[1].pk].due == date(2024, 10, 30)
    assert InspectionResult.objects.get(pk=first.pk).published_on == date(2024, 10, 31)
