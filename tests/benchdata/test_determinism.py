"""The generator is deterministic and refuses to load into a database that already has the units."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from fazhi.benchdata.generate import checksums, generate
from fazhi.core.models import Unit

SMALL = {"scale": "county", "years": 2, "seed": 7, "records": 1500, "until": date(2025, 6, 30)}

pytestmark = pytest.mark.django_db


def test_the_same_seed_gives_the_same_rows_and_another_seed_other_rows():
    sid = transaction.savepoint_create()
    first = generate(**SMALL)
    sums = checksums()
    transaction.savepoint_rollback(sid)
    assert Unit.objects.count() == 0
    sid = transaction.savepoint_create()
    again = generate(**SMALL)
    assert checksums() == sums
    assert again.counts == first.counts
    assert 900 <= first.records <= 1800  # 1,500 a county over two years, the second cut at 30 June
    assert first.units == 51 and first.deadlines > 100
    transaction.savepoint_rollback(sid)
    generate(**(SMALL | {"seed": 8}))
    other = checksums()
    assert other["mediation.MediationCase"] != sums["mediation.MediationCase"]
    assert other["core.Deadline"] != sums["core.Deadline"]


def test_a_second_generation_into_the_same_database_is_refused_in_chinese():
    out = io.StringIO()
    call_command("fazhi_bench_generate", "--records", "300", "--years", "1", "--until", "2025-06-30", stdout=out)
    assert "已生成：1 个县，51 个单位" in out.getvalue()
    before = Unit.objects.count()
    with pytest.raises(CommandError, match="已有编码为"):
        call_command("fazhi_bench_generate", "--records", "300", "--years", "1", stdout=io.StringIO())
    assert Unit.objects.count() == before  # nothing half-written
