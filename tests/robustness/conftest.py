"""Helpers for the bad-input tests: junk values, database snapshots, the Chinese-error check."""

from __future__ import annotations

import re

from django.db import models
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from fazhi.core.models import AuditEvent

# Modest example counts keep CI fast; the database is shared by a test's examples, so each
# example compares the database before and after itself.
FEW = settings(max_examples=25, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                      HealthCheck.data_too_large])

CJK = re.compile(r"[\u4e00-\u9fff]")

# Text as a browser could send it: any code point but lone surrogates (not encodable in UTF-8).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
control_text = st.text(st.characters(max_codepoint=0x1f), min_size=1, max_size=10)
huge_text = st.sampled_from(["字" * 100_000, "a" * 70_000, "\x00" * 50, "=cmd|' /C calc'!A0" * 2000])
mojibake = st.sampled_from([
    "中文".encode("gbk").decode("latin-1"),  # GBK bytes read as Latin-1
    "法治".encode().decode("cp1252", errors="replace"),
    "\ufffd\ufffd", "\u202e\u202d", "\ufeff标题", "𠀀𪚥", "Ａ１２３",
])
numbers = st.one_of(st.integers(min_value=-(10**30), max_value=10**30).map(str),
                    st.sampled_from(["1e309", "NaN", "-0", "0x1F", "１２", "3.5", " 7 ", "", "二〇二六"]))
dates = st.sampled_from(["2024-02-30", "0000-01-01", "9999-12-31", "2024/13/01", "昨天", "2024-1-1", "1e5",
                         "2026-03-02", "  ", "2026-03-02T25:00"])
bogus_ids = st.sampled_from(["999999999", "0", "-1", "abc", "1.5", "9" * 40, "' OR 1=1 --", ""])
junk = st.one_of(any_text, control_text, huge_text, mojibake, numbers, dates, bogus_ids)


def snapshot(*model_classes: type[models.Model]) -> tuple[int, ...]:
    """Row counts of the models and of the audit trail."""
    return (*(m._default_manager.count() for m in model_classes), AuditEvent.objects.count())


def has_chinese(text: str) -> bool:
    return bool(CJK.search(text))


def form_error_text(response) -> str:
    """The errors of the page's form, as shown."""
    form = (response.context or {}).get("form") if response.context else None
    assert form is not None and form.errors, "a refused form must say why"
    return " ".join(str(e) for errors in form.errors.values() for e in errors)
