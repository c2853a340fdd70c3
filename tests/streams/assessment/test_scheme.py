"""考核方案: items are validated as a whole (Chinese message, nothing written), a scheme is
copied from last year, and nothing of it changes once its scores are approved."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.ledger import record_update
from fazhi.core.models import AuditEvent
from fazhi.streams.assessment import services
from fazhi.streams.assessment.models import AssessmentItem, AssessmentScheme

pytestmark = pytest.mark.django_db

GOOD = dict(label="依申请公开按期答复率", max_points=Decimal(6), kinds=["department"], method="records",
            indicator="disclosure.on_time_rate", formula="rate_full_at", params={"target": 100, "minus_per_point": 0.5})


@pytest.mark.parametrize(("changes", "message"), [
    ({"max_points": Decimal(0)}, "分值应大于0且不超过100分"),
    ({"max_points": Decimal(120)}, "分值应大于0且不超过100分"),
    ({"indicator": "nosuch.figure"}, "未在指标库中登记"),
    ({"params": {"target": 100}}, "缺少参数 minus_per_point"),
    ({"params": {"target": 140, "minus_per_point": 0.5}}, "应在0至100之间"),
    ({"params": {"target": "很多", "minus_per_point": 0.5}}, "应为数字"),
    ({"params": {"target": 100, "minus_per_point": 0.5, "cap": 3}}, "没有参数：cap"),
    ({"formula": "count_at_least", "params": {"n": 2.5}}, "应为整数"),
    ({"formula": "minus_each", "params": {"each": 1}}, "不适用于该计分方式"),
    ({"formula": "sqrt"}, "计分规则“sqrt”不存在"),
    ({"formula": ""}, "请选择计分规则"),
    ({"kinds": []}, "请选择适用的单位类型"),
])
def test_a_bad_item_is_refused_in_chinese_and_nothing_is_written(scheme, coordinator, changes, message):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.item_save(scheme, by=coordinator, key="disclosure", **{**GOOD, **changes})
    assert message in " ".join(exc.value.messages)
    assert not scheme.items.filter(key="disclosure").exists()
    assert AuditEvent.objects.count() == events


def test_a_good_item_is_saved_and_saving_its_key_again_changes_it(scheme, coordinator):
    services.item_save(scheme, by=coordinator, key="disclosure", **GOOD)
    services.item_save(scheme, by=coordinator, key="disclosure", **{**GOOD, "max_points": Decimal(8)})
    item = scheme.items.get(key="disclosure")
    assert item.max_points == Decimal(8)
    assert item.rule_text == "达到100%得满分，每低1个百分点扣0.5分"
    assert AuditEvent.objects.filter(object_id=str(scheme.pk), note="修改考核指标 disclosure").exists()


def test_the_item_form_shows_the_refusal_on_the_scheme_page(scheme, coordinator, login):
    client = login(coordinator)
    response = client.post(f"/s/assessment/{scheme.pk}/item/", {
        "item-key": "overdue", "item-label": "督察整改超期", "item-max_points": "5", "item-kinds": ["department"],
        "item-method": "deduction", "item-indicator": "nosuch.figure",
        "item-formula": "minus_each", "item-params": '{"each": 1}'}, follow=True)
    assert "未在指标库中登记" in response.content.decode()
    assert not scheme.items.filter(key="overdue").exists()
    bad_json = client.post(f"/s/assessment/{scheme.pk}/item/", {
        "item-key": "x", "item-label": "x", "item-max_points": "5", "item-kinds": ["department"],
        "item-method": "records", "item-indicator": "study.sessions_held", "item-formula": "count_at_least",
        "item-params": "{n: 4"}, follow=True)
    assert "规则参数应为 JSON 对象" in bad_json.content.decode()


def test_only_the_rule_of_law_office_edits_a_scheme(scheme, head, login):
    with pytest.raises(Exception, match="只有依法治区办统筹人员"):
        services.item_save(scheme, by=head, key="disclosure", **GOOD)
    assert login(head).post(f"/s/assessment/{scheme.pk}/item/", {"item-key": "x"}).status_code == 403


def test_a_scheme_is_copied_from_last_year_with_its_items(scheme, coordinator, login):
    response = login(coordinator).post(f"/s/assessment/{scheme.pk}/copy/", {"copy-year": "2024"}, follow=True)
    assert "已复制为“2024年度法治政府建设考核方案”" in response.content.decode()
    copy = AssessmentScheme.objects.get(year=2024)
    assert (copy.state, copy.issuer, copy.unit) == ("draft", scheme.issuer, scheme.unit)
    assert list(copy.items.values_list("key", "max_points", "params")) == \
        list(scheme.items.values_list("key", "max_points", "params"))
    with pytest.raises(ValidationError, match="2024年已有考核方案"):
        services.scheme_copy(scheme, by=coordinator, year=2024)
    assert AssessmentScheme.objects.filter(year=2024).count() == 1


def test_a_scheme_with_approved_scores_cannot_be_edited(scheme, coordinator, approver, login):
    services.score_run(scheme, by=coordinator)
    services.scheme_approve(scheme, by=approver)
    scheme.refresh_from_db()
    from fazhi.core.models import AuditEvent

    approval = AuditEvent.objects.filter(action="transition", object_id=str(scheme.pk)).order_by("-id").first()
    assert approval.after["state"] == "approved" and approval.after["approved_by_id"] == approver.pk
    with pytest.raises(ValidationError, match="考核结果已审定，方案不能再修改"):
        services.item_save(scheme, by=coordinator, key="disclosure", **GOOD)
    with pytest.raises(ValidationError, match="考核结果已审定，方案不能再修改"):
        services.item_remove(scheme, by=coordinator, key="study")
    with pytest.raises(ValidationError, match="考核结果已审定，方案不能再修改"):
        record_update(scheme, by=coordinator, name="改名")
    with pytest.raises(ValidationError, match="考核结果已审定"):
        services.score_run(scheme, by=coordinator)
    page = login(coordinator).post(f"/s/assessment/{scheme.pk}/item-remove/", {"key": "study"}, follow=True)
    assert "考核结果已审定，方案不能再修改" in page.content.decode()
    assert AssessmentItem.objects.filter(scheme=scheme).count() == 2
    scheme.refresh_from_db()
    assert scheme.name == "2023年度法治政府建设考核方案"
