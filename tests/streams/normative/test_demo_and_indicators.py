"""Indicators of legality review and filing, on fixed data and on the demo (seed report 2023)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from fazhi.core.models import Deadline, Unit
from fazhi.core.registry import menu_for, streams
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period, load_all
from fazhi.streams.normative.models import NormativeDocument, ReviewRequest

pytestmark = pytest.mark.django_db
Y2023 = Period.year(2023)
KEYS = {
    "normative.documents_reviewed": "合法性审核规范性文件数",
    "normative.contracts_reviewed": "合法性审查经济合同数",
    "normative.legal_documents_reviewed": "合法性审查法律文件数",
    "normative.legal_affairs": "办理涉法事务次数",
    "normative.filing_rate": "规范性文件报备率",
    "normative.timely_filing_rate": "规范性文件报备及时率",
    "normative.conformity_rate": "规范性文件规范率",
    "normative.correction_rate": "规范性文件纠错率",
}


def test_the_stream_plugs_in_with_both_ledgers_in_its_menu(clerk):
    assert "normative" in [m.key for m in streams()]
    menus = {m.label: [e.label for e in es] for m, es in menu_for(clerk)}
    assert menus["法制审核与备案"] == ["法制审核台账", "规范性文件备案台账", "规范性文件备案目录"]


def test_every_indicator_is_registered_under_its_stable_key_and_chinese_label():
    registered = load_all()
    assert {key: registered[key].label for key in KEYS} == KEYS


def test_the_demo_reproduces_the_seed_figures_of_2023(db):
    call_command("fazhi_demo", streams="normative")
    county = Unit.objects.get(code="430771")
    figures = {key: compute_figure(key, county, Y2023) for key in KEYS}
    assert {k: f.result.value for k, f in figures.items() if not k.endswith("rate")} == {
        "normative.documents_reviewed": 3, "normative.contracts_reviewed": 7,
        "normative.legal_documents_reviewed": 7, "normative.legal_affairs": 11}
    assert figures["normative.documents_reviewed"].display == "3份"
    assert figures["normative.legal_affairs"].display == "11次"
    for key in ("normative.filing_rate", "normative.timely_filing_rate", "normative.conformity_rate"):
        assert figures[key].display == "100%", key
        assert (figures[key].result.numerator, figures[key].result.denominator) == (3, 3), key
    assert figures["normative.correction_rate"].display == "—"


def test_the_demo_shows_open_work_due_soon_and_one_overdue_this_year(db):
    call_command("fazhi_demo", streams="normative")
    from django.utils import timezone

    from fazhi.core.deadlines import status

    today = timezone.localdate()
    from django.contrib.contenttypes.models import ContentType

    mine = ContentType.objects.get_for_models(ReviewRequest, NormativeDocument).values()
    open_deadlines = Deadline.objects.filter(met_on__isnull=True, content_type__in=mine)
    statuses = sorted(status(d, today) for d in open_deadlines)
    assert statuses.count("overdue") == 1
    assert statuses.count("due_soon") >= 2
    assert "paused" in statuses


def test_the_demo_twice_duplicates_nothing(db):
    call_command("fazhi_demo", streams="normative")
    def counts() -> tuple[int, int, int]:
        return (ReviewRequest.objects.count(), NormativeDocument.objects.count(),
                sum(len(r.deadlines.all()) for r in [*ReviewRequest.objects.all(), *NormativeDocument.objects.all()]))

    before = counts()
    call_command("fazhi_demo", streams="normative")
    assert counts() == before
