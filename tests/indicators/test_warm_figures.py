"""The dashboard's figures are cached until the next audited change (indicators/freshness.py):
a second visit reads them from the cache, and a change made through the ledger or the
workflow moves the figure on the very next request — never a stale number.

These tests commit (``transaction=True``): the cache is used only outside a transaction, and
the stamp is replaced when the change commits."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core.ledger import record_create, record_update
from fazhi.core.workflow import transition
from fazhi.indicators import freshness
from fazhi.streams.study.models import StudySession

pytestmark = pytest.mark.django_db(transaction=True)


def _shown(html: str, key: str) -> str:
    found = re.search(rf'data-key="{re.escape(key)}">([^<]*)<', html)
    assert found, f"{key} not on the page"
    return found.group(1)


def _visit(client, year: int) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/dashboard/", {"unit": "430771", "year": year})
    assert response.status_code == 200
    return response.content.decode(), len(queries.captured_queries)


def test_a_change_moves_the_figure_on_the_next_request(login, leader, clerk, market_unit):
    year = timezone.localdate().year
    held = date(year, 1, 15)
    session = record_create(StudySession, by=clerk, unit=market_unit, year=year, kind="topic",
                            title="专题研究行政执法", state="planned", held_on=held)
    client = login(leader)

    page, cold = _visit(client, year)
    assert _shown(page, "study.topic_sessions") == "0次"
    page, warm = _visit(client, year)
    assert _shown(page, "study.topic_sessions") == "0次"
    assert warm < cold - 30  # the figures come from the cache: no longer a query per table

    transition(session, "hold", by=clerk)  # audited: the stamp changes when it commits
    page, _ = _visit(client, year)
    assert _shown(page, "study.topic_sessions") == "1次"

    session.refresh_from_db()
    record_update(session, by=clerk, year=year - 1, held_on=date(year - 1, 12, 30))  # moved out of the year
    page, _ = _visit(client, year)
    assert _shown(page, "study.topic_sessions") == "0次"
    page, _ = _visit(client, year - 1)
    assert _shown(page, "study.topic_sessions") == "1次"


def test_the_cockpit_and_the_dashboard_share_one_stamp(leader, clerk, market_unit):
    """One mechanism: the stamp both read is replaced by any committed audited change, and a
    stamp lost from the cache is a new one (a miss), never an older one."""
    from django.core.cache import cache

    before = freshness.stamp()
    assert freshness.stamp() == before
    record_create(StudySession, by=clerk, unit=market_unit, year=2023, kind="topic", title="专题研究",
                  state="planned")
    after = freshness.stamp()
    assert after != before
    cache.clear()
    assert freshness.stamp() not in (before, after)
