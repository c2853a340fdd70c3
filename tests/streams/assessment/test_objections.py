"""申辩: a unit objects to an item of its own sheet within N working days of the run (a deadline
declared on the sheet); later it is refused; the 依法治区办 decides, both steps audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fazhi.core.calendar import add_working_days
from fazhi.core.deadlines import sync
from fazhi.core.models import AuditEvent
from fazhi.streams.assessment import services
from fazhi.streams.assessment.models import Objection, ScoreSheet
from tests.streams.assessment.conftest import sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(scheme, coordinator, clerk, market_unit) -> ScoreSheet:
    sessions(clerk, market_unit, 2)
    services.score_run(scheme, by=coordinator)
    return ScoreSheet.objects.get(scheme=scheme, unit=market_unit)


def test_the_window_is_a_deadline_on_the_sheet_from_the_setting(sheet, settings, coordinator, scheme):
    today = timezone.localdate()
    assert sheet.objection_due() == add_working_days(today, 5)
    settings.FAZHI_ASSESSMENT_OBJECTION_DAYS = 8
    services.score_run(scheme, by=coordinator)
    assert ScoreSheet.objects.get(pk=sheet.pk).objection_due() == add_working_days(today, 8)


def test_an_objection_within_the_window_is_upheld_and_the_points_change(sheet, clerk, coordinator, login):
    page = login(clerk).post(f"/s/assessment/sheets/{sheet.pk}/object/", {
        "obj-item": "study", "obj-reason": "另有2次学法记录已报送纸质材料"}, follow=True).content.decode()
    assert "已提出申辩" in page
    objection = Objection.objects.get()
    assert (objection.filed_by, objection.state, objection.score.item.key) == (clerk, "pending", "study")
    with pytest.raises(ValidationError, match="已有待复核的申辩"):
        services.objection_file(sheet, by=clerk, item="study", reason="再次申辩")
    with pytest.raises(ValidationError, match="改定后的得分应在0至4.00分之间"):
        services.objection_decide(objection, by=coordinator, upheld=True, decision="属实", points="9")
    page = login(coordinator).post(f"/s/assessment/sheets/{sheet.pk}/decide/", {
        "decide-objection": objection.pk, "decide-upheld": "1", "decide-decision": "经核实另有2次学法",
        "decide-points": "4"}, follow=True).content.decode()
    assert "已复核申辩：申辩成立" in page
    objection.refresh_from_db()
    assert (objection.state, objection.points_before, objection.points_after) == ("upheld", Decimal(2), Decimal(4))
    sheet.refresh_from_db()
    assert sheet.score == Decimal(4)
    assert sheet.scores.get(item__key="study").reason.startswith("申辩成立改定")
    notes = list(AuditEvent.objects.filter(object_id=str(sheet.pk)).values_list("note", flat=True))
    assert "提出申辩：[U] 学法不少于4次" in notes
    assert "复核申辩（申辩成立）：[U] 学法不少于4次" in notes
    services.score_run(sheet.scheme, by=coordinator)  # a new run keeps the decided points
    assert ScoreSheet.objects.get(pk=sheet.pk).score == Decimal(4)


def test_a_rejected_objection_leaves_the_points(sheet, head, coordinator):
    objection = services.objection_file(sheet, by=head, item="study", reason="不认可")
    with pytest.raises(ValidationError, match="请填写复核意见"):
        services.objection_decide(objection, by=coordinator, upheld=False, decision=" ")
    services.objection_decide(objection, by=coordinator, upheld=False, decision="台账中仅有2次")
    objection.refresh_from_db()
    assert (objection.state, objection.decided_by) == ("rejected", coordinator)
    assert ScoreSheet.objects.get(pk=sheet.pk).score == Decimal(2)


def test_an_objection_after_the_window_is_refused(sheet, clerk, login):
    ScoreSheet.objects.filter(pk=sheet.pk).update(scored_on=date(2024, 1, 2))
    sync(ScoreSheet.objects.get(pk=sheet.pk))
    with pytest.raises(ValidationError, match="申辩期限已于2024年1月9日届满"):
        services.objection_file(sheet, by=clerk, item="study", reason="迟到的申辩")
    page = login(clerk).post(f"/s/assessment/sheets/{sheet.pk}/object/", {
        "obj-item": "study", "obj-reason": "迟到的申辩"}, follow=True).content.decode()
    assert "申辩期限已于2024年1月9日届满" in page
    assert not Objection.objects.exists()


def test_another_unit_cannot_object_and_pending_objections_block_approval(
        sheet, other_clerk, clerk, approver, login):
    with pytest.raises(PermissionDenied):
        services.objection_file(sheet, by=other_clerk, item="study", reason="代为申辩")
    assert login(other_clerk).post(f"/s/assessment/sheets/{sheet.pk}/object/", {
        "obj-item": "study", "obj-reason": "x"}).status_code in (403, 404)
    services.objection_file(sheet, by=clerk, item="study", reason="不认可")
    with pytest.raises(ValidationError, match="尚有1件申辩未复核"):
        services.scheme_approve(sheet.scheme, by=approver)
    with pytest.raises(PermissionDenied):
        services.objection_decide(Objection.objects.get(), by=clerk, upheld=True, decision="自己说了算", points=4)
