"""The draw on the database: commitment before, seed after, public JSON that verifies, re-draw,
replacement, one draw for two simultaneous requests, and 10,000 entities × 200 inspectors."""

from __future__ import annotations

import json
import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from fazhi.core.models import AuditEvent
from fazhi.streams.inspections import services, verify
from fazhi.streams.inspections.models import Assignment, Draw, InspectionResult, InspectionTask
from tests.streams.inspections.conftest import make_entities, make_inspectors

pytestmark = pytest.mark.django_db


def test_commitment_hides_the_seed_until_the_draw(client, task, clerk):
    draw = services.draw_commit(task, by=clerk)
    public = services.public_json(draw)
    assert public["seed"] is None and public["result"] is None
    assert public["commitment"]["seed_sha256"] == verify.sha256_hex(bytes.fromhex(draw.seed_hex))
    assert len(public["eligible_entities"]) == 40 and len(public["eligible_inspectors"]) == 6
    # the public URL needs no sign-in and does not reveal the seed yet
    body = client.get(f"/s/inspections/draws/{draw.pk}/public.json").json()
    assert body["seed"] is None and body["commitment"] == draw.commitment

    services.draw_execute(draw, by=clerk)
    task.refresh_from_db()
    assert task.state == "drawn"
    body = client.get(f"/s/inspections/draws/{draw.pk}/public.json").json()
    assert body["seed"] == draw.seed_hex
    assert verify.verify(body)[0]
    assert InspectionResult.objects.filter(task=task).count() == 4  # 10% of 40
    assert Assignment.objects.filter(result__task=task, active=True).count() == 8


def test_verify_draw_command_and_a_tampered_file(tmp_path, task, clerk, capsys):
    draw = services.draw_run(task, by=clerk)
    path = tmp_path / "draw.json"
    path.write_text(json.dumps(services.public_json(draw), ensure_ascii=False), encoding="utf-8")
    call_command("verify_draw", str(path))
    assert "核验结论：一致" in capsys.readouterr().out

    data = services.public_json(draw)
    data["result"]["entities"][0]["inspectors"].reverse()
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="不一致"):
        call_command("verify_draw", str(path))
    assert "result.entities[0].inspectors[0]" in capsys.readouterr().out


def test_the_generic_draw_button_cannot_skip_the_commitment(login, task, clerk):
    from fazhi.core.workflow import TransitionError, transition

    with pytest.raises(TransitionError, match="先公示承诺值"):
        transition(task, "draw", by=clerk)
    # the page behind the button is the ceremony: commitment first, then execution
    client = login(clerk)
    page = client.get(f"/s/inspections/tasks/{task.pk}/do/draw/").content.decode()
    assert "公示承诺值" in page
    response = client.post(f"/s/inspections/tasks/{task.pk}/do/draw/", {"step": "commit", "witness": "纪检监督员"},
                           follow=True)
    draw = task.current_draw()
    assert draw.commitment["commitment_sha256"] in response.content.decode()
    assert draw.seed_hex not in response.content.decode()
    response = client.post(f"/s/inspections/tasks/{task.pk}/do/draw/", {"step": "execute"}, follow=True)
    assert draw.seed_hex in response.content.decode()
    assert "抽中4户" in response.content.decode()


def test_a_draw_is_never_deleted_and_a_redraw_is_linked_with_reason_and_approver(task, clerk, head, login):
    first = services.draw_run(task, by=clerk)
    with pytest.raises(ValidationError):
        first.delete()
    with pytest.raises(ValidationError):
        Draw.objects.all().delete()
    with pytest.raises(Exception, match="没有权限|权限"):
        services.redraw(task, by=clerk, reason="名单有误")  # a clerk may not approve a re-draw
    second = services.redraw(task, by=head, reason="名录库漏录3户，补录后重新抽取")
    assert second.previous == first and second.sequence == 2 and second.approver == head
    first.refresh_from_db()
    assert first.superseded
    assert set(first.results.values_list("state", flat=True)) == {"void"}
    services.draw_execute(second, by=clerk)
    task.refresh_from_db()
    assert task.state == "drawn" and task.draws.count() == 2
    assert AuditEvent.objects.filter(note__contains="批准重新抽取").exists()
    page = login(head).get(f"/s/inspections/draws/{second.pk}/").content.decode()
    assert "名录库漏录3户" in page and "第1次抽取" in page


def test_replacement_is_recorded_and_drawn_by_the_same_method(task, clerk):
    draw = services.draw_run(task, by=clerk)
    result = draw.results.order_by("stratum", "rank").first()
    old = result.assignments.filter(active=True).first().inspector
    with pytest.raises(ValidationError, match="理由"):
        services.replace_inspector(result, old, by=clerk, reason=" ")
    new = services.replace_inspector(result, old, by=clerk, reason="该执法人员病假")
    assert new != old
    assert set(result.assignments.filter(active=True).values_list("inspector", flat=True)) >= {new.pk}
    draw.refresh_from_db()
    assert draw.result["replacements"][0]["reason"] == "该执法人员病假"
    public = services.public_json(draw)
    ok, lines = verify.verify(public)
    assert ok, lines


def test_a_draw_with_too_few_inspectors_is_refused(make_task, entities, market_unit, clerk):
    make_inspectors(market_unit, 1)
    task = make_task()
    draw = services.draw_commit(task, by=clerk)
    with pytest.raises(ValidationError, match="少于每户2名"):
        services.draw_execute(draw, by=clerk)
    task.refresh_from_db()
    assert task.state == "planned"


def test_exclusion_window_leaves_out_recently_inspected_entities(make_task, entities, inspectors, clerk, plan):
    earlier = make_task(title="上一批", ratio=None, count=5, period_start=date(2024, 3, 1), period_end=date(2024, 4, 30))
    draw = services.draw_run(earlier, by=clerk)
    codes = list(draw.results.values_list("credit_code", flat=True))
    InspectionResult.objects.filter(draw=draw).update(state="entered", inspected_on=date(2024, 3, 15), result="normal")
    later = make_task(title="下一批", ratio=100)
    eligible = {e["code"] for e in services.eligible_entities(later)}
    assert not eligible & set(codes) and len(eligible) == 35
    outside = make_task(title="窗口外", ratio=100, exclusion_days=30)
    assert len(services.eligible_entities(outside)) == 40


def test_ten_thousand_entities_and_two_hundred_inspectors(make_task, market_unit, townships, clerk):
    make_entities(market_unit, townships, 10_000, seed=7)
    make_inspectors(market_unit, 200, townships=townships)
    task = make_task(ratio=5, stratify_risk=True, stratify_township=True)
    draw = services.draw_run(task, by=clerk)
    results = InspectionResult.objects.filter(draw=draw)
    assert 500 <= results.count() <= 500 + 4 * len(townships)
    assert Assignment.objects.filter(result__draw=draw).count() == 2 * results.count()
    assert verify.verify(services.public_json(draw))[0]
    # nobody inspects in the township he lives in
    bad = Assignment.objects.filter(result__draw=draw,
                                    inspector__residence_township=models_f("result__entity__township"))
    assert not bad.exists()


def models_f(name: str):
    from django.db.models import F

    return F(name)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="row locks need PostgreSQL (runs in the PostgreSQL run)")
def test_two_simultaneous_draw_requests_make_one_draw(make_task, entities, inspectors, clerk):
    task = make_task()
    barrier = threading.Barrier(2)
    drawn, errors = [], []

    def press() -> None:
        from django.db import connections

        try:
            barrier.wait()
            drawn.append(services.draw_run(InspectionTask.objects.get(pk=task.pk), by=clerk).pk)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Draw.objects.filter(task=task).count() == 1
    assert len(set(drawn)) == 1
    assert InspectionResult.objects.filter(task=task).count() == 4


def test_a_recorded_draw_with_its_seed_swapped_and_recomputed_fails_verification(task, clerk):
    draw = services.draw_run(task, by=clerk)
    public = services.public_json(draw)
    assert verify.verify(public)[0] is True
    other = "ab" * 32
    assert other != public["seed"]
    public["seed"] = other
    public["result"] = verify.compute(other, public["params"], public["eligible_entities"],
                                      public["eligible_inspectors"], public["result"].get("replacements") or [])
    assert verify.verify(public)[0] is False
