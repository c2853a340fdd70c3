"""Deadlines declared on the model (``Record.tracked``): core keeps them in step on create,
update, transition and Excel import, without any stream code; a transition's audit row
records every field its effect set."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core import audit
from fazhi.core.deadlines import Tracked, deadline_extend, deadlines_of, sync
from fazhi.core.ledger import Record, record_update
from fazhi.core.models import AuditEvent
from fazhi.core.workflow import transition
from fazhi.streams.complaints import rules
from fazhi.streams.complaints.models import Complaint
from tests.streams.complaints.conftest import new_complaint

pytestmark = pytest.mark.django_db


def test_every_record_with_deadlines_declares_them_on_the_model():
    """No stream wires its deadlines by hand: the declarations are the single place."""
    from django.apps import apps

    declared = {m._meta.label for m in apps.get_models() if issubclass(m, Record) and m.tracked}
    assert "complaints.Complaint" in declared
    for model in apps.get_models():
        if issubclass(model, Record):
            assert all(isinstance(t, Tracked) for t in model.tracked), model._meta.label
            keys = [t.key for t in model.tracked]
            assert len(keys) == len(set(keys)), f"{model._meta.label}: a deadline key declared twice"


def test_create_starts_update_restarts_and_transition_meets(clerk, market_unit):
    c = new_complaint(clerk, market_unit)
    deadline = deadlines_of(c).get()
    assert (deadline.key, deadline.start, deadline.due) == (rules.REPLY, date(2024, 9, 27), date(2024, 10, 23))

    c = record_update(c, by=clerk, received_on=date(2024, 10, 8))
    deadline = deadlines_of(c).get()
    assert (deadline.start, deadline.met_on) == (date(2024, 10, 8), None)

    c = record_update(c, by=clerk, routed_on=date(2024, 10, 8))
    for step in ("route", "start"):
        c = transition(c, step, by=clerk)
    c = record_update(c, by=clerk, reply="已核实并整改。", replied_on=date(2024, 10, 20))
    assert deadlines_of(c).get().met_on is None  # a reply date alone does not meet it: the state does
    c = transition(c, "reply", by=clerk)
    assert deadlines_of(c).get().met_on == date(2024, 10, 20)


def test_a_sync_that_changes_nothing_writes_nothing_and_keeps_extensions(clerk, market_unit):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = new_complaint(clerk, market_unit)
    deadline = deadline_extend(deadline=deadlines_of(c).get(), days=5, approved_by="局长", on=date(2024, 10, 9),
                               reason="情况复杂")
    record = Complaint.objects.get(pk=c.pk)
    with CaptureQueriesContext(connection) as queries:
        sync(record)
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))]
    assert writes == []
    again = deadlines_of(c).get()
    assert (again.due, again.extensions) == (deadline.due, deadline.extensions)


def test_a_setting_change_reaches_the_declared_rule_on_the_next_save(settings, clerk, market_unit):
    c = new_complaint(clerk, market_unit)
    settings.FAZHI_COMPLAINTS_REPLY_DAYS = 5
    c = record_update(c, by=clerk, subject="涉企检查过多")
    deadline = deadlines_of(c).get()
    assert (deadline.days, deadline.due) == (5, date(2024, 10, 10))  # the make-up Sunday 9-29 counts


def test_the_transition_audit_row_records_the_fields_its_effect_set(clerk, market_unit):
    c = new_complaint(clerk, market_unit, routed_on=date(2024, 9, 28), reply="已答复。", replied_on=date(2024, 10, 9))
    for step in ("route", "start", "reply"):
        c = transition(c, step, by=clerk)
    c = transition(c, "close", by=clerk)  # its effect sets closed_on
    event = AuditEvent.objects.filter(action=audit.Action.TRANSITION).order_by("-id").first()
    assert event.before["state"] == "replied" and event.after["state"] == "closed"
    assert event.after["closed_on"] == c.closed_on.isoformat() and event.before["closed_on"] is None
    assert "version" not in event.after
