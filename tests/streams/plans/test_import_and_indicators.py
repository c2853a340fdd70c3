"""Excel import of plans and tasks, the indicators on fixed data, and the demo."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from fazhi.core.deadlines import deadlines_of
from fazhi.core.models import Unit
from fazhi.indicators.registry import Period, compute
from fazhi.streams.plans.importers import PLAN_IMPORT, TASK_IMPORT
from fazhi.streams.plans.models import Plan, ProgressReport, Supervision, Task
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db

TASKS = "/s/plans/tasks/"
PLANS = "/s/plans/"


def workbook(header, rows) -> io.BytesIO:
    return upload_xlsx(header, rows)


def task_row(**values) -> list:
    base = {"牵头单位": "市场监督管理局", "年度": 2024, "所属计划": "2024年工作计划", **values}
    return [base.get(h) for h in TASK_IMPORT.headers]


GOOD_TASKS = [
    task_row(序号="1", 任务内容="开展涉企规范性文件清理", 协办单位="司法局、交通运输局", 完成时限="2024-06-30"),
    task_row(序号="2", 任务内容="推广柔性执法", 完成时限="2024/10/01"),
]


def test_plans_then_tasks_import_and_reimport_duplicates_nothing(login, coordinator, clerk, justice_unit,
                                                                 market_unit, transport_unit):
    plan_rows = [[{"印发单位": "司法局（依法治区办）", "年度": 2024, "计划类型": "年度工作计划", "计划名称": "2024年工作计划",
                   "印发日期": "2024-01-26"}.get(h) for h in PLAN_IMPORT.headers]]
    client = login(coordinator)
    assert client.post(f"{PLANS}import/", {"file": workbook(PLAN_IMPORT.headers, plan_rows)}).status_code == 302
    plan = Plan.objects.get()

    client = login(clerk)
    template = load_workbook(io.BytesIO(client.get(f"{TASKS}import/template.xlsx").content)).worksheets[0]
    assert [c.value for c in template[1]] == ["牵头单位*", "年度*", "所属计划*", "序号", "任务内容*", "协办单位",
                                              "完成时限*", "工作措施及目标"]
    assert client.post(f"{TASKS}import/", {"file": workbook(TASK_IMPORT.headers, GOOD_TASKS)}).status_code == 302
    first = Task.objects.get(number="1")
    assert (first.plan, first.unit, first.cooperating_names) == (plan, market_unit, "司法局、交通运输局")
    assert deadlines_of(first).get().due == date(2024, 6, 30)
    assert Task.objects.get(number="2").deadline == date(2024, 10, 1)

    response = client.post(f"{TASKS}import/", {"file": workbook(TASK_IMPORT.headers, GOOD_TASKS)}, follow=True)
    assert "新增0条，更新0条，未变化2条" in response.content.decode()
    assert Task.objects.count() == 2


def test_a_malformed_task_workbook_imports_nothing_and_reports_each_bad_cell(login, coordinator, clerk,
                                                                             justice_unit, market_unit,
                                                                             transport_unit):
    Plan.objects.create(unit=justice_unit, year=2024, kind="annual", title="2024年工作计划",
                        issued_on=date(2024, 1, 26), state="active")
    rows = [
        GOOD_TASKS[0],
        task_row(任务内容="计划不存在", 所属计划="2099年计划", 完成时限="2024-06-30"),
        task_row(任务内容="协办单位不存在", 协办单位="司法局、月球局", 完成时限="2024-06-30"),
        task_row(任务内容="日期错", 完成时限="年底前"),
        task_row(任务内容="早于印发", 完成时限="2024-01-01"),
    ]
    response = login(clerk).post(f"{TASKS}import/", {"file": workbook(TASK_IMPORT.headers, rows)})
    assert response.status_code == 400
    errors = {(e.row, TASK_IMPORT.headers[e.column - 1]): e.message for e in response.context["result"].errors}
    assert "不是有效日期" in errors[(5, "完成时限")]
    assert Task.objects.count() == 0

    rows = [GOOD_TASKS[0], rows[1], rows[2], rows[4]]
    response = login(clerk).post(f"{TASKS}import/", {"file": workbook(TASK_IMPORT.headers, rows)})
    errors = {(e.row, TASK_IMPORT.headers[e.column - 1]): e.message for e in response.context["result"].errors}
    assert errors == {(3, "所属计划"): "所属计划不存在，请填写已登记的计划名称",
                      (4, "协办单位"): "未找到协办单位：月球局",
                      (5, "完成时限"): "完成时限不能早于计划印发日期"}
    assert Task.objects.count() == 0


def _task(unit, plan, content, deadline, state="in_progress", completed_on=None) -> Task:
    return Task.objects.create(unit=unit, year=plan.year, plan=plan, content=content, deadline=deadline,
                               state=state, completed_on=completed_on)


def test_completion_on_time_and_supervision_indicators_on_fixed_data(county, market_unit, transport_unit):
    plan = Plan.objects.create(unit=county, year=2023, kind="special_action", title="2023年优化营商环境专项行动",
                               state="active")
    _task(market_unit, plan, "按期完成", date(2023, 6, 30), "done", date(2023, 6, 20))
    late = _task(market_unit, plan, "逾期完成", date(2023, 6, 30), "done", date(2023, 7, 20))
    _task(transport_unit, plan, "按期完成2", date(2023, 12, 31), "done", date(2023, 12, 31))
    open_ = _task(transport_unit, plan, "未完成", date(2023, 9, 30))
    _task(market_unit, plan, "下年度到期", date(2024, 3, 31))
    Supervision.objects.create(task=late, supervised_on=date(2023, 7, 3), supervisor="依法治区办",
                               required_by=date(2023, 7, 31))
    Supervision.objects.create(task=open_, supervised_on=date(2023, 10, 8), supervisor="依法治区办",
                               required_by=date(2023, 11, 30))
    Supervision.objects.create(task=open_, supervised_on=date(2024, 1, 5), supervisor="依法治区办",
                               required_by=date(2024, 3, 31))
    units, year = county.descendants(), Period.year(2023)
    assert compute("plans.tasks", units, year).value == 4
    done = compute("plans.completed_rate", units, year)
    assert (done.numerator, done.denominator, done.value) == (3, 4, 75)
    on_time = compute("plans.on_time_rate", units, year)
    assert (on_time.numerator, on_time.denominator, on_time.value) == (2, 4, 50)
    assert set(on_time.records.values_list("content", flat=True)) == {"按期完成", "按期完成2"}
    assert compute("plans.supervised", units, year).value == 2
    market_only = compute("plans.on_time_rate", market_unit.descendants(), year)
    assert (market_only.numerator, market_only.denominator) == (1, 2)
    assert compute("plans.completed_rate", units, Period.year(2022)).value is None


def test_the_demo_has_the_seed_2024_plan_and_the_2023_plans_and_twice_duplicates_nothing(db):
    call_command("fazhi_demo", streams="plans")
    plan = Plan.objects.get(title="2024年工作计划")
    assert list(plan.tasks.order_by("id").values_list("number", flat=True)) == ["（一）", "（二）", "（三）"]
    assert plan.tasks.get(number="（一）").content.startswith("加强组织领导。以法治政府示范创建为引领")
    assert Plan.objects.filter(year=2023, kind="special_action", title="2023年优化营商环境专项行动").exists()
    county = Unit.objects.get(code="430771")
    done = compute("plans.completed_rate", county.descendants(), Period.year(2023))
    assert (done.numerator, done.denominator) == (10, 11)
    assert compute("plans.supervised", county.descendants(), Period.year(2023)).value == 2
    counts = (Plan.objects.count(), Task.objects.count(), ProgressReport.objects.count(), Supervision.objects.count())
    call_command("fazhi_demo", streams="plans")
    assert (Plan.objects.count(), Task.objects.count(), ProgressReport.objects.count(),
            Supervision.objects.count()) == counts
