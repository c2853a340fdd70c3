"""Registering an inspection: what is refused (nothing written), the 检查码, 无事不扰."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fazhi.core.models import AuditEvent
from fazhi.core.workflow import TransitionError, transition
from fazhi.streams.checks import services
from fazhi.streams.checks.models import CODE_ALPHABET, BusinessInspection, new_code
from tests.streams.checks.conftest import TWO, new_inspection, registered, soon, uscc

pytestmark = pytest.mark.django_db


def messages_of(exc) -> str:
    return "；".join(exc.value.messages)


def test_registration_issues_a_code_and_stamps_the_time(clerk, market_unit):
    inspection = registered(clerk, market_unit)
    assert inspection.state == "registered"
    assert re.fullmatch(f"[{CODE_ALPHABET}]{{10}}", inspection.check_code)
    assert inspection.registered_at is not None
    assert AuditEvent.objects.filter(note__startswith="登记并生成检查码").exists()


def test_one_inspector_is_refused_and_nothing_written(clerk, market_unit):
    with pytest.raises(ValidationError) as exc:
        new_inspection(clerk, market_unit, inspectors="周敏 43070003001 2099-06-30")
    assert "两名以上持有效执法证" in messages_of(exc)
    assert not BusinessInspection.objects.exists()


def test_an_expired_certificate_is_refused(clerk, market_unit):
    expired = (timezone.localdate() - timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError) as exc:
        new_inspection(clerk, market_unit, inspectors=f"周敏 43070003001 {expired}；吴刚 43070003002 2099-01-01")
    assert "周敏的执法证有效期至" in messages_of(exc) and "已过期" in messages_of(exc)
    assert not BusinessInspection.objects.exists()


def test_a_malformed_certificate_number_is_refused(clerk, market_unit):
    with pytest.raises(ValidationError) as exc:
        new_inspection(clerk, market_unit, inspectors="周敏 证123 2099-06-30；吴刚 43070003002 2099-06-30")
    assert "执法证号“证123”格式不正确" in messages_of(exc)


def test_a_wrong_credit_code_check_character_is_refused(clerk, market_unit):
    good = uscc(7)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationError) as exc:
        new_inspection(clerk, market_unit, credit_code=bad)
    assert "统一社会信用代码格式或校验位不正确" in messages_of(exc)
    assert not BusinessInspection.objects.exists()


def test_an_inspection_dated_before_its_registration_is_refused(clerk, market_unit):
    today = timezone.localdate()
    draft = new_inspection(clerk, market_unit, planned_on=today - timedelta(days=1), year=(today - timedelta(days=1)).year)
    with pytest.raises(TransitionError) as exc:
        transition(draft, "register", by=clerk)
    assert "检查日期不能早于登记日期" in messages_of(exc)
    draft.refresh_from_db()
    assert draft.state == "draft" and draft.check_code is None


def test_a_registered_inspection_cannot_be_moved_before_its_registration(clerk, market_unit):
    from fazhi.core.ledger import record_update

    inspection = registered(clerk, market_unit)
    with pytest.raises(ValidationError) as exc:
        record_update(inspection, by=clerk, planned_on=inspection.registered_at.date() - timedelta(days=1))
    assert "检查日期不能早于登记日期" in messages_of(exc)


def test_over_the_cap_is_refused_without_approval_then_allowed_with_it(clerk, other_clerk, coordinator,
                                                                       market_unit, transport_unit, settings):
    settings.FAZHI_CHECKS_PER_ENTITY_YEAR = 2
    registered(clerk, market_unit, planned_on=soon(1))
    registered(other_clerk, transport_unit, planned_on=soon(2))  # another unit counts too
    third = new_inspection(clerk, market_unit, planned_on=soon(3))
    with pytest.raises(TransitionError) as exc:
        transition(third, "register", by=clerk)
    assert "无事不扰" in messages_of(exc) and "已对该企业登记检查2次" in messages_of(exc)
    third.refresh_from_db()
    assert third.state == "draft" and third.check_code is None

    with pytest.raises(PermissionDenied):
        services.approve_over_cap(third, by=clerk, reason="群众举报较多需核查")
    with pytest.raises(ValidationError):
        services.approve_over_cap(third, by=coordinator, reason="")
    services.approve_over_cap(third, by=coordinator, reason="群众举报较多需核查")
    event = AuditEvent.objects.filter(note__startswith="批准超出无事不扰上限").get()
    assert event.after["cap_reason"] == "群众举报较多需核查"
    assert transition(third, "register", by=clerk).state == "registered"


def test_cancelled_inspections_do_not_count_towards_the_cap(clerk, market_unit, settings):
    settings.FAZHI_CHECKS_PER_ENTITY_YEAR = 1
    first = registered(clerk, market_unit, planned_on=soon(1))
    transition(first, "cancel", by=clerk)
    assert registered(clerk, market_unit, planned_on=soon(2)).state == "registered"


def test_codes_are_long_unguessable_and_unique(clerk, market_unit):
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == 10 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert len(CODE_ALPHABET) == 32 and not set("01IO") & set(CODE_ALPHABET)  # 50 bits, nothing ambiguous
    a = registered(clerk, market_unit, credit_code=uscc(1))
    b = registered(clerk, market_unit, credit_code=uscc(2))
    assert a.check_code != b.check_code


def test_a_code_collision_draws_again(clerk, market_unit, monkeypatch):
    first = registered(clerk, market_unit, credit_code=uscc(1))
    draws = iter([first.check_code, "ABCDEFGHJK"])
    monkeypatch.setattr(services, "new_code", lambda: next(draws))
    assert registered(clerk, market_unit, credit_code=uscc(2)).check_code == "ABCDEFGHJK"


def test_finishing_needs_the_date_the_result_and_for_a_draw_its_reference(clerk, market_unit):
    from fazhi.core.ledger import record_update

    inspection = registered(clerk, market_unit, kind="random", planned_on=timezone.localdate())
    with pytest.raises(TransitionError, match="请先填写实施检查日期和检查结果"):
        transition(inspection, "finish", by=clerk)
    inspection = record_update(inspection, by=clerk, done_on=timezone.localdate(), result="未发现问题。")
    with pytest.raises(TransitionError, match="抽查任务编号"):
        transition(inspection, "finish", by=clerk)
    inspection = record_update(inspection, by=clerk, draw_ref="SJ2026-0301")
    assert transition(inspection, "finish", by=clerk).state == "done"
    assert inspection.draw_result_url() == f"/gk/inspections/?q={inspection.credit_code}"


def test_inspectors_may_be_written_one_a_line(clerk, market_unit):
    inspection = new_inspection(clerk, market_unit, inspectors=TWO.replace("；", "\n"))
    assert [i.certificate_no for i in inspection.inspector_list()] == ["43070003001", "43070003002"]
