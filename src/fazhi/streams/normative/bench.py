"""Benchmark data of this stream for ``fazhi bench generate`` (see fazhi.benchdata.generate)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from fazhi.streams.normative import rules
from fazhi.streams.normative.models import NormativeDocument, ReviewRequest

YEAR_ORDER = 50

# Figures of this stream the reference does not compute, and why (tests/benchdata checks the list).
NOT_IN_REFERENCE = {
    "normative.correction_rate": "no generated rows: filing corrections are not generated",
    "normative.documents_repealed": "no generated rows: repeals are not generated",
    "normative.documents_in_force": "expressible (published by the period's end and not repealed), not written yet",
}


def per_year(c, year: int) -> None:
    cu = c.units
    jitter = c.jitter
    region = c.region
    for _ in range(c.n(150, jitter)):
        received = c.day(year)
        if received is None:
            continue
        pk = c.loader.new_id(ReviewRequest)
        kind = c.pick({"normative": 15, "contract": 40, "legal_document": 25, "legal_affair": 20})
        row = c.record(c.rng.choice(cu.departments + [cu.county]), year, "reviewing", received) | {
            "id": pk, "review_no": f"SH{year}{pk:08d}", "kind": kind, "title": "关于审核有关文件的请示",
            "received_on": received, "reviewer": c.name(), "reviewer_qualified": True}
        if kind == "contract":
            row.update(counterparty_name="某某建设有限公司", counterparty_uscc=c.uscc(region),
                       amount=Decimal(c.rng.randint(10, 5000)) * 10000)
        opinion = c.after(received, 2, 20)
        if opinion:
            row.update(opinion=c.pick({"agree": 50, "agree_amended": 45, "disagree": 5}), opinion_on=opinion,
                       opinion_text="经审查，提出如下意见", state=c.pick({"closed": 60, "feedback": 30,
                                                                             "opinion_issued": 10}))
        c.loader.add(ReviewRequest, row)
    r = rules.filing_rule()
    for _ in range(c.n(20, jitter)):
        published = c.day(year)
        if published is None:
            continue
        unit = c.rng.choice([cu.county] * 3 + cu.departments)
        pk = c.loader.new_id(NormativeDocument)
        row = c.record(unit, year, "published", published) | {
            "id": pk, "doc_no": f"{unit.code}规〔{year}〕{pk}号", "title": "关于加强有关管理工作的通知",
            "fair_competition": "passed", "discussed_on": published - timedelta(days=7), "meeting": "常务会议",
            "published_on": published, "channel": "政府门户网站", "review_ref": f"SH{year}{pk:08d}"}
        filed = c.after(published, 5, 40) if c.rng.random() < 0.97 else None
        if filed:
            row.update(filed_on=filed, filed_with="市人民政府", state="accepted" if c.rng.random() < 0.8 else "filed")
            if row["state"] == "accepted":
                row.update(filing_reviewed_on=c.after(filed, 5, 30) or filed,
                           conformity="conforming" if c.rng.random() < 0.95 else "nonconforming")
        c.deadline(NormativeDocument, pk, unit.pk, r.key, r.label, r.rule, r.days, r.basis, published, filed)
        c.loader.add(NormativeDocument, row)


def reference(q) -> None:
    """This stream's figures as SQL aggregates for the benchmark's one-statement reference
    (``fazhi.benchdata.reference.Query``); checked against the indicators in tests/benchdata."""
    between = q.between
    issued = f"state IN ('opinion_issued', 'feedback', 'closed') AND {between('opinion_on')}"
    q.block("normative_reviewrequest", issued, [
        ("normative.documents_reviewed", "kind = 'normative'", None),
        ("normative.contracts_reviewed", "kind = 'contract'", None),
        ("normative.legal_documents_reviewed", "kind = 'legal_document'", None),
        ("normative.legal_affairs", "kind = 'legal_affair'", None),
    ])
    published = ("state IN ('published', 'filed', 'accepted', 'correction_required', 'corrected', 'revoked', "
                 f"'repealed') AND {between('published_on')}")
    filed = (f"{published} AND state IN ('filed', 'accepted', 'correction_required', 'corrected', 'revoked', "
             "'repealed') AND filed_on IS NOT NULL")
    q.block("normative_normativedocument", published, [
        ("normative.documents_published", "1 = 1", None),
        ("normative.filing_rate", filed, "1 = 1"),
        ("normative.timely_filing_rate", f"{filed} AND {q.met(NormativeDocument, rules.FILING_KEY)}",
         filed if rules.timely_denominator() == "filed" else "1 = 1"),
        ("normative.conformity_rate", f"{filed} AND conformity = 'conforming'", f"{filed} AND conformity <> ''"),
    ])
