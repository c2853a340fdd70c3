"""Plans and tasks: forms, cooperating units, progress, completion guard, deadlines, overdue,
督办, permissions and export."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.core.deadlines import deadlines_of
from fazhi.core.models import Notification
from fazhi.core.notifications import remind
from fazhi.core.registry import menu_for
from fazhi.streams.plans import services
from fazhi.streams.plans.models import Plan, Supervision, Task
from tests.streams.plans.conftest import new_task

pytestmark = pytest.mark.django_db

TASKS = "/s/plans/tasks/"
PLANS = "/s/plans/"


def xlsx_rows(response) -> list[tuple]:
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


def task_form(unit, **values) -> dict:
    data = {"unit": unit.pk, "number": "（一）", "content": "加强组织领导", "measures": "", "deadline": "2024-12-31"}
    data.update(values)
    return data


def test_the_stream_shows_both_ledgers_in_the_menu(clerk):
    assert ("年度计划与督办", ["计划与专项行动", "计划任务台账"]) in [
        (m.label, [e.label for e in es]) for m, es in menu_for(clerk)]


def test_a_plan_and_a_task_with_cooperating_units_are_registered_by_the_forms(login, coordinator, clerk,
                                                                             justice_unit, market_unit,
                                                                             transport_unit):
    response = login(coordinator).post(f"{PLANS}new/", {
        "unit": justice_unit.pk, "year": 2024, "kind": "special_action", "title": "2024年优化营商环境专项行动",
        "doc_number": "西管办发〔2024〕2号", "issued_on": "2024-03-01", "summary": ""})
    assert response.status_code == 302
    plan = Plan.objects.get()
    client = login(clerk)
    # The plan is every unit's work document: the clerk opens it and adds the unit's task there.
    assert client.get(f"{TASKS}new/").url == PLANS
    assert client.get(f"{TASKS}new/?plan={plan.pk}").url == f"{PLANS}{plan.pk}/add-task/"
    assert "新增任务" in client.get(f"{PLANS}{plan.pk}/").content.decode()
    response = client.post(f"{PLANS}{plan.pk}/add-task/",
                           task_form(market_unit, cooperating_units=[transport_unit.pk, justice_unit.pk]))
    assert response.status_code == 302, response.context["form"].errors
    task = Task.objects.get()
    assert (task.state, task.unit, task.plan) == ("not_started", market_unit, plan)
    assert task.cooperating_names == "司法局、交通运输局"
    (deadline,) = deadlines_of(task)
    assert (deadline.label, deadline.start, deadline.due) == ("任务完成时限", date(2024, 3, 1), date(2024, 12, 31))
    page = client.get(response["Location"]).content.decode()
    assert "司法局、交通运输局" in page and "未开始" in page and "《2024年优化营商环境专项行动》确定的完成时限" in page

    # The edit form shows the units chosen, and changing them is audited.
    form = client.get(f"{TASKS}{task.pk}/edit/").context["form"]
    assert {u.pk for u in form.initial["cooperating_units"]} == {transport_unit.pk, justice_unit.pk}
    data = task_form(market_unit, year=2024, cooperating_units=[justice_unit.pk], deadline="2024-11-30",
                     version=task.version)
    assert client.post(f"{TASKS}{task.pk}/edit/", data).status_code == 302
    task.refresh_from_db()
    assert task.cooperating_names == "司法局"
    assert deadlines_of(task).get().due == date(2024, 11, 30)
    assert "协办单位：司法局" in client.get(f"{TASKS}{task.pk}/").content.decode()


def test_the_task_forms_refuse_the_lead_unit_as_cooperator_an_early_deadline_and_another_year(
        login, clerk, plan, market_unit, transport_unit):
    client = login(clerk)
    response = client.post(f"{PLANS}{plan.pk}/add-task/", task_form(
        market_unit, cooperating_units=[market_unit.pk], deadline="2024-01-10"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["cooperating_units"] == ["协办单位不应包含牵头单位"]
    assert errors["deadline"] == ["完成时限不能早于计划印发日期"]
    assert Task.objects.count() == 0
    # Another unit cannot be chosen as lead unit by this clerk.
    response = client.post(f"{PLANS}{plan.pk}/add-task/", task_form(transport_unit))
    assert "unit" in response.context["form"].errors and Task.objects.count() == 0
    task = new_task(clerk, market_unit, plan)
    response = client.post(f"{TASKS}{task.pk}/edit/", task_form(market_unit, year=2023, version=task.version))
    assert response.context["form"].errors["year"] == ["任务年度应与所属计划的年度（2024年）一致"]


def test_a_task_is_completed_only_after_a_final_report_and_its_deadline_is_then_met(login, clerk, task):
    client = login(clerk)
    response = client.post(f"{TASKS}{task.pk}/do/complete/", follow=True)
    assert "请先填报完成进度为100%的最终进展情况，再确认完成" in response.content.decode()

    client.post(f"{TASKS}{task.pk}/report/", {"reported_on": "2024-04-10", "percent": 40, "text": "已梳理文件目录"})
    task.refresh_from_db()
    assert (task.state, task.percent) == ("in_progress", 40)
    response = client.post(f"{TASKS}{task.pk}/report/", {"reported_on": "2024-04-12", "percent": 30,
                                                         "text": "倒退"}, follow=True)
    assert "完成进度不能低于上次填报的40%" in response.content.decode()
    response = client.post(f"{TASKS}{task.pk}/report/", {"reported_on": "2024-04-01", "percent": 50,
                                                         "text": "补填"}, follow=True)
    assert "填报日期不能早于上次填报日期（2024-04-10）" in response.content.decode()
    assert client.post(f"{TASKS}{task.pk}/do/complete/", follow=True).status_code == 200
    task.refresh_from_db()
    assert task.state == "in_progress"

    client.post(f"{TASKS}{task.pk}/report/", {"reported_on": "2024-06-28", "percent": 100, "text": "清理结果已公布"})
    response = client.post(f"{TASKS}{task.pk}/do/complete/", follow=True)
    assert "已确认完成" in response.content.decode()
    task.refresh_from_db()
    assert (task.state, task.completed_on) == ("done", date(2024, 6, 28))
    assert deadlines_of(task).get().met_on == date(2024, 6, 28)
    page = client.get(f"{TASKS}{task.pk}/").content.decode()
    assert "已按期完成" in page and "填报进展</button>" not in page
    response = client.post(f"{TASKS}{task.pk}/report/", {"reported_on": "2024-06-29", "percent": 100, "text": "再报"},
                           follow=True)
    assert "该任务已完成" in response.content.decode()


def test_a_deadline_on_national_day_stands_unless_the_roll_forward_rule_is_set(clerk, market_unit, plan, settings):
    strict = new_task(clerk, market_unit, plan, content="国庆前完成", deadline=date(2024, 10, 1))
    assert deadlines_of(strict).get().due == date(2024, 10, 1)
    settings.FAZHI_PLANS_DAY_RULE = "calendar_roll"
    rolled = new_task(clerk, market_unit, plan, content="国庆顺延", deadline=date(2024, 10, 1))
    deadline = deadlines_of(rolled).get()
    assert deadline.due == date(2024, 10, 8)  # 10-01..10-07 are the National Day holiday
    spring = new_task(clerk, market_unit, plan, content="春节顺延", deadline=date(2024, 2, 12))
    assert deadlines_of(spring).get().due == date(2024, 2, 18)  # 2-10..2-17 Spring Festival; 2-18 make-up workday


def test_a_late_task_shows_as_overdue_on_the_list_and_the_daily_reminder_tells_the_lead_unit(login, clerk, task):
    client = login(clerk)
    overdue = client.get(TASKS, {"due": "overdue"})
    assert [r for r, _, _ in overdue.context["rows"]] == [task]
    assert [mark for _, _, mark in overdue.context["rows"]] == ["overdue"]
    assert 'id="task-overdue"' in client.get(f"{TASKS}{task.pk}/").content.decode()
    summary = remind(today=timezone.localdate())
    assert summary.created >= 1
    note = Notification.objects.get(user=clerk)
    assert note.title == "已超期：任务完成时限（2024-06-30）" and note.url == f"{TASKS}{task.pk}/"


def test_the_coordinator_supervises_a_late_task_and_the_lead_unit_cannot(login, clerk, head, coordinator, task):
    page = login(head).get(f"{TASKS}{task.pk}/").content.decode()
    assert ">督办</button>" not in page
    assert login(head).post(f"{TASKS}{task.pk}/supervise/", {
        "supervised_on": "2024-07-05", "supervisor": "赵局长", "required_by": "2024-08-31"}).status_code == 403

    client = login(coordinator)
    assert ">督办</button>" in client.get(f"{TASKS}{task.pk}/").content.decode()
    response = client.post(f"{TASKS}{task.pk}/supervise/", {
        "supervised_on": "2024-06-30", "supervisor": "区依法治区办", "required_by": "2024-08-31"}, follow=True)
    assert "任务尚未逾期（完成时限2024-06-30），无需督办" in response.content.decode()
    response = client.post(f"{TASKS}{task.pk}/supervise/", {
        "supervised_on": "2024-07-05", "supervisor": "区依法治区办", "required_by": "2024-08-31",
        "opinion": "请于8月底前完成"}, follow=True)
    assert "已督办，限2024-08-31前完成" in response.content.decode()
    assert Supervision.objects.get().task == task
    keys = {d.key: d.due for d in deadlines_of(task)}
    assert keys == {"plans_task": date(2024, 6, 30), "plans_supervision": date(2024, 8, 31)}
    page = login(clerk).get(f"{TASKS}{task.pk}/").content.decode()
    assert "督办限期完成" in page and "区依法治区办 督办，限2024-08-31前完成：请于8月底前完成" in page

    services.progress_report(task, by=clerk, on=date(2024, 8, 20), percent=100, text="完成")
    from fazhi.core.workflow import transition

    transition(task, "complete", by=clerk)
    assert {d.key: d.met_on for d in deadlines_of(task)} == {"plans_task": date(2024, 8, 20),
                                                             "plans_supervision": date(2024, 8, 20)}


def test_another_units_clerk_can_neither_see_nor_change_a_task(login, other_clerk, task):
    client = login(other_clerk)
    assert client.get(f"{TASKS}{task.pk}/").status_code == 403
    assert client.get(f"{TASKS}{task.pk}/edit/").status_code == 403
    assert client.post(f"{TASKS}{task.pk}/report/", {"reported_on": "2024-04-10", "percent": 40,
                                                     "text": "x"}).status_code == 403
    assert client.post(f"{TASKS}{task.pk}/do/start/").status_code == 403
    rows = xlsx_rows(client.get(TASKS, {"format": "xlsx"}))
    assert len(rows) == 1  # the header only
    task.refresh_from_db()
    assert (task.state, task.reports.count()) == ("not_started", 0)


def test_the_export_lists_the_lead_and_cooperating_units_and_the_public_copy_is_the_same(login, clerk, task,
                                                                                         transport_unit):
    task.cooperating_units.set([transport_unit])
    client = login(clerk)
    for public in ("", "1"):
        header, row = xlsx_rows(client.get(TASKS, {"format": "xlsx", "public": public}))
        values = dict(zip(header, row, strict=True))
        assert values["所属计划"] == "2024年工作计划" and values["牵头单位"] == "市场监督管理局"
        assert values["协办单位"] == "交通运输局" and values["任务内容"] == "开展涉企规范性文件清理"


def test_a_plan_closes_only_when_every_task_is_done_and_with_tasks_cannot_be_deleted(login, coordinator, clerk,
                                                                                   plan, task):
    client = login(coordinator)
    response = client.post(f"{PLANS}{plan.pk}/do/close/", follow=True)
    assert "尚有1项任务未完成，不能完结该计划" in response.content.decode()
    response = client.post(f"{PLANS}{plan.pk}/delete/", follow=True)
    assert "该计划已分解任务，请先删除其任务，再删除计划。" in response.content.decode()
    assert Plan.objects.filter(pk=plan.pk).exists()
    page = client.get(f"{PLANS}{plan.pk}/").content.decode()
    assert "开展涉企规范性文件清理" in page and "已逾期" in page

    services.progress_report(task, by=clerk, on=date(2024, 6, 1), percent=100, text="完成")
    from fazhi.core.workflow import transition

    transition(task, "complete", by=clerk)
    client.post(f"{PLANS}{plan.pk}/do/close/")
    plan.refresh_from_db()
    assert plan.state == "closed"
