"""A decision walked from 拟定 to 已后评估 through the pages, and the guards that refuse steps
the regulation forbids (第十五条、第二十五条、第二十八条、第三十条)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.workflow import TransitionError, transition
from fazhi.streams.decisions.models import Decision, DecisionProcedure
from tests.streams.decisions.conftest import add_procedure

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def post_procedure(client, decision, kind: str, **values):
    data = {f"{kind}-{k}": v for k, v in values.items()}
    return client.post(f"/s/decisions/{decision.pk}/procedures/{kind}/", data, follow=True)


def take(client, decision, name: str):
    return client.post(f"/s/decisions/{decision.pk}/do/{name}/", follow=True)


def test_a_clerk_registers_a_decision_by_the_form(login, clerk, market_unit, item):
    client = login(clerk)
    response = client.post("/s/decisions/new/", {
        "unit": market_unit.pk, "year": 2024, "file_no": "西决〔2024〕9号", "title": "农贸市场提质改造实施方案",
        "catalogue_item": item.pk, "category": "project", "decision_body": "西洞庭管理区管委会",
        "legal_basis": "《湖南省农贸市场管理办法》", "participation_required": "on", "risk_required": "on"})
    decision = Decision.objects.get(file_no="西决〔2024〕9号")
    assert response.status_code == 302 and response.url == f"/s/decisions/{decision.pk}/"
    page = client.get(response.url).content.decode()
    assert "拟定" in page and "登记合法性审查" in page and "风险评估" in page


def test_not_consulting_the_public_needs_a_reason(login, clerk, market_unit):
    response = login(clerk).post("/s/decisions/new/", {
        "unit": market_unit.pk, "year": 2024, "file_no": "西决〔2024〕8号", "title": "应急物资储备规划",
        "category": "plan", "decision_body": "西洞庭管理区管委会", "legal_basis": "《防洪法》"})
    assert response.status_code == 200
    assert "不公开征求意见的，应当说明理由" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_decision_is_walked_from_drafting_to_post_evaluation(login, clerk, head, decision):
    client = login(clerk)
    # 公众参与: a 29-day period is refused, 30 days accepted.
    response = post_procedure(client, decision, "participation", started_on="2024-03-01", ended_on="2024-03-29")
    assert any("公开征求意见期限为29日，少于30日" in m for m in messages_of(response))
    assert not DecisionProcedure.objects.exists()
    response = post_procedure(client, decision, "participation", started_on="2024-03-01", ended_on="2024-03-30",
                              comments_received="5", comments_adopted="2")
    assert "已登记“公众参与”。" in messages_of(response)
    assert "30日（一般不少于30日）" in response.content.decode()
    assert take(client, decision, "consult").status_code == 200
    decision.refresh_from_db()
    assert decision.state_label == "征求意见"

    # The adoption of the comments must be recorded before the review starts.
    response = take(client, decision, "review")
    assert "请先登记公众意见的采纳情况" in messages_of(response)
    post_procedure(client, decision, "participation", started_on="2024-03-01", ended_on="2024-03-30",
                   comments_received="5", comments_adopted="2", result="采纳2条，其余不予采纳并说明理由")
    take(client, decision, "review")
    decision.refresh_from_db()
    assert decision.state == "reviewing"

    # No discussion before a passed legality review (第二十八条).
    response = take(client, decision, "submit")
    assert "尚未完成合法性审查，不能提请集体讨论" in messages_of(response)
    response = post_procedure(client, decision, "legality", started_on="2024-04-01", ended_on="2024-04-12",
                              organiser="司法局，公职律师李法治", conclusion="passed", result="同意提交讨论")
    assert "已登记“合法性审查”。" in messages_of(response)
    take(client, decision, "submit")
    decision.refresh_from_db()
    assert decision.state_label == "待集体讨论"

    # Deciding needs the collective discussion; the clerk may not decide at all.
    assert "尚未登记集体讨论决定，不能作出决策" in client.get(f"/s/decisions/{decision.pk}/").content.decode()
    post_procedure(client, decision, "collective", ended_on="2024-04-23", meeting="管委会2024年第5次常务会议",
                   result="会议讨论通过，无不同意见")
    response = take(client, decision, "decide")
    assert "您没有权限办理该环节" in messages_of(response)
    boss = login(head)
    take(boss, decision, "decide")
    decision.refresh_from_db()
    assert (decision.state_label, decision.decided_on) == ("已决策", date(2024, 4, 23))

    # Procedures are frozen once decided.
    response = post_procedure(boss, decision, "legality", started_on="2024-04-01", ended_on="2024-04-12",
                              organiser="x", conclusion="failed")
    assert any("不能再登记或修改决策程序" in m for m in messages_of(response))

    response = take(boss, decision, "execute")
    assert "请先填写决策文件文号，再组织实施" in messages_of(response)
    Decision.objects.filter(pk=decision.pk).update(decision_document="西管发〔2024〕12号")
    take(boss, decision, "execute")
    response = client.post(f"/s/decisions/{decision.pk}/reports/", {
        "report-reported_on": "2024-10-08", "report-reporter": "市场监督管理局", "report-progress": "完成改造3处"},
        follow=True)
    assert "已登记执行情况报告。" in messages_of(response)
    response = take(client, decision, "evaluate")
    assert "尚未登记已完成的后评估报告" in messages_of(response)
    response = client.post(f"/s/decisions/{decision.pk}/evaluations/", {
        "evaluation-trigger": "necessary", "evaluation-evaluator": "第三方评估机构",
        "evaluation-started_on": "2025-03-01", "evaluation-completed_on": "2025-04-30",
        "evaluation-conclusion": "基本达到预期效果"}, follow=True)
    assert "已登记决策后评估。" in messages_of(response)
    take(client, decision, "evaluate")
    decision.refresh_from_db()
    page = client.get(f"/s/decisions/{decision.pk}/").content.decode()
    assert decision.state_label == "已后评估"
    assert "完成改造3处" in page and "基本达到预期效果" in page


def test_deciding_names_every_missing_procedure(clerk, head, decision):
    Decision.objects.filter(pk=decision.pk).update(state="awaiting_discussion")
    with pytest.raises(TransitionError, match="尚未登记合法性审查、集体讨论决定，不能作出决策"):
        transition(decision, "decide", by=head)
    add_procedure(decision, "legality", started_on=date(2024, 4, 1), ended_on=date(2024, 4, 12), conclusion="failed",
                  organiser="司法局")
    add_procedure(decision, "collective", started_on=date(2024, 4, 23), ended_on=date(2024, 4, 23), meeting="常务会议",
                  result="通过")
    with pytest.raises(TransitionError, match="合法性审查结论为“不合法”"):
        transition(decision, "decide", by=head)
    DecisionProcedure.objects.filter(kind="legality").update(conclusion="passed")
    with pytest.raises(TransitionError, match="该决策需公开征求意见，尚未登记公众参与"):
        transition(decision, "decide", by=head)
    add_procedure(decision, "participation", started_on=date(2024, 3, 1), ended_on=date(2024, 3, 20))
    with pytest.raises(TransitionError, match="公开征求意见期限为20日，少于30日"):
        transition(decision, "decide", by=head)
    DecisionProcedure.objects.filter(kind="participation").update(shortened_reason="汛期紧急，经批准缩短")
    assert transition(decision, "decide", by=head).state == "decided"


def test_a_shortened_comment_period_is_accepted_with_its_reason(login, clerk, decision):
    response = post_procedure(login(clerk), decision, "participation", started_on="2024-03-01",
                              ended_on="2024-03-15", shortened_reason="防汛形势紧急")
    assert "已登记“公众参与”。" in messages_of(response)
    assert "15日（一般不少于30日）；缩短理由：防汛形势紧急" in response.content.decode()


def test_a_decision_that_needs_no_public_comment_goes_straight_to_review(clerk, decision):
    with pytest.raises(TransitionError, match="请先公开征求意见"):
        transition(decision, "review", by=clerk)
    Decision.objects.filter(pk=decision.pk).update(participation_required=False, participation_exemption="涉密")
    with pytest.raises(TransitionError, match="不需公开征求意见"):
        transition(decision, "consult", by=clerk)
    assert transition(decision, "review", by=clerk).state_label == "审查论证"


def test_expert_and_risk_procedures_are_required_when_triggered(clerk, decision):
    Decision.objects.filter(pk=decision.pk).update(state="reviewing", expert_required=True, risk_required=True)
    add_procedure(decision, "legality", started_on=date(2024, 4, 1), ended_on=date(2024, 4, 12), conclusion="passed",
                  organiser="司法局")
    with pytest.raises(TransitionError, match="尚未完成专家论证、风险评估，不能提请集体讨论"):
        transition(decision, "submit", by=clerk)


def test_return_terminate_and_withdraw(login, clerk, head, decision):
    Decision.objects.filter(pk=decision.pk).update(state="awaiting_discussion")
    client = login(clerk)
    assert "确认退回承办单位修改决策草案" in client.get(f"/s/decisions/{decision.pk}/do/return/").content.decode()
    take(client, decision, "return")
    decision.refresh_from_db()
    assert decision.state_label == "拟定"
    take(client, decision, "withdraw")
    decision.refresh_from_db()
    page = client.get(f"/s/decisions/{decision.pk}/").content.decode()
    assert decision.state_label == "撤回" and "登记合法性审查" not in page
