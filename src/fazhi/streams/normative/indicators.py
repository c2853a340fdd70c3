"""Indicators of legality review and filing (spec §9.5, §19 DOC-1 … DOC-4).

Review volumes count requests whose opinion was issued in the period (a review is done when
its opinion is issued). The filing rates take the documents published in the period as their
cohort; DOC-4 takes the documents the filing body found illegal or improper in the period.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, QuerySet

from fazhi.core.models import Deadline
from fazhi.indicators.registry import Indicator, Result, register
from fazhi.streams.normative import rules
from fazhi.streams.normative.models import NormativeDocument, ReviewRequest
from fazhi.streams.normative.rules import FILED_STATES, PUBLISHED_STATES, REVIEW_ISSUED_STATES


def _reviewed(units, period, kind: str) -> Result:
    qs = ReviewRequest.objects.filter(unit__in=units, kind=kind, state__in=REVIEW_ISSUED_STATES,
                                      opinion_on__gte=period.start, opinion_on__lte=period.end)
    return Result.count(qs)


def documents_reviewed(units, period) -> Result:
    """规范性文件 reviews with an opinion issued in the period ("全年依法审查规范性文件3份")."""
    return _reviewed(units, period, ReviewRequest.Kind.NORMATIVE)


def contracts_reviewed(units, period) -> Result:
    """Economic contracts reviewed ("招商协议、投资协议等经济合同7份")."""
    return _reviewed(units, period, ReviewRequest.Kind.CONTRACT)


def legal_documents_reviewed(units, period) -> Result:
    """Other legal documents reviewed ("法律文件7份")."""
    return _reviewed(units, period, ReviewRequest.Kind.LEGAL_DOCUMENT)


def legal_affairs(units, period) -> Result:
    """Other legal affairs handled ("办理涉法事务11次")."""
    return _reviewed(units, period, ReviewRequest.Kind.LEGAL_AFFAIR)


def _published(units, period) -> QuerySet[NormativeDocument]:
    """Documents published in the period: each must be filed with the superior body."""
    return NormativeDocument.objects.filter(unit__in=units, state__in=PUBLISHED_STATES,
                                            published_on__gte=period.start, published_on__lte=period.end)


def documents_published(units, period) -> Result:
    """规范性文件 published (制发) in the period (GIP annual report table 二, 本年制发件数)."""
    return Result.count(_published(units, period))


def documents_repealed(units, period) -> Result:
    """规范性文件 repealed or expired in the period (GIP annual report table 二, 本年废止件数)."""
    return Result.count(NormativeDocument.objects.filter(unit__in=units, repealed_on__gte=period.start,
                                                         repealed_on__lte=period.end))


def documents_in_force(units, period) -> Result:
    """规范性文件 in force at the period's end: published by then, neither repealed nor expired by then
    (GIP annual report table 二, 现行有效件数)."""
    return Result.count(NormativeDocument.objects.filter(
        unit__in=units, state__in=PUBLISHED_STATES, published_on__lte=period.end)
        .exclude(repealed_on__lte=period.end).exclude(valid_until__lt=period.end))


def _filed(qs: QuerySet[NormativeDocument]) -> QuerySet[NormativeDocument]:
    return qs.filter(state__in=FILED_STATES, filed_on__isnull=False)


def _on_time(qs: QuerySet[NormativeDocument]) -> QuerySet[NormativeDocument]:
    """Filed on or before the due date of its filing deadline (the Deadline row keeps the rule
    that applied when the document was published)."""
    met = Deadline.objects.filter(content_type=ContentType.objects.get_for_model(NormativeDocument),
                                  object_id=OuterRef("pk"), key=rules.FILING_KEY,
                                  met_on__isnull=False, met_on__lte=F("due"))
    return qs.filter(Exists(met))


def filing_rate(units, period) -> Result:
    """DOC-1 报备率 = documents filed ÷ documents published in the period (which must be filed)."""
    published = _published(units, period)
    return Result.ratio(_filed(published), published)


def timely_filing_rate(units, period) -> Result:
    """DOC-2 报备及时率 = documents filed within the filing period ÷ documents filed (default) or
    ÷ documents that must be filed (FAZHI_NORMATIVE_TIMELY_DENOMINATOR="due")."""
    published = _published(units, period)
    base = _filed(published) if rules.timely_denominator() == "filed" else published
    return Result.ratio(_on_time(_filed(published)), base)


def conformity_rate(units, period) -> Result:
    """DOC-3 规范率 = filings the filing body judged 规范 ÷ filings it has judged (denominator =
    filings, spec §9.5 [P37]; a filing not yet judged is not counted either way)."""
    judged = _filed(_published(units, period)).exclude(conformity="")
    return Result.ratio(judged.filter(conformity=NormativeDocument.Conformity.CONFORMING), judged)


def correction_rate(units, period) -> Result:
    """DOC-4 纠错率 = illegal or improper documents corrected or revoked by the issuer ÷ those
    found in the period (by filing review date; those still being amended count as not yet corrected)."""
    found = NormativeDocument.objects.filter(unit__in=units, found_illegal=True,
                                             filing_reviewed_on__gte=period.start,
                                             filing_reviewed_on__lte=period.end)
    return Result.ratio(found.filter(corrected_on__isnull=False), found)


register(
    Indicator("normative.documents_published", "本年制发规范性文件数", "件", documents_published),
    Indicator("normative.documents_repealed", "本年废止规范性文件数", "件", documents_repealed),
    Indicator("normative.documents_in_force", "现行有效规范性文件数", "件", documents_in_force),
    Indicator("normative.documents_reviewed", "合法性审核规范性文件数", "份", documents_reviewed),
    Indicator("normative.contracts_reviewed", "合法性审查经济合同数", "份", contracts_reviewed),
    Indicator("normative.legal_documents_reviewed", "合法性审查法律文件数", "份", legal_documents_reviewed),
    Indicator("normative.legal_affairs", "办理涉法事务次数", "次", legal_affairs),
    Indicator("normative.filing_rate", "规范性文件报备率", "%", filing_rate, precision=1, target=Decimal(100)),
    Indicator("normative.timely_filing_rate", "规范性文件报备及时率", "%", timely_filing_rate, precision=1, target=Decimal(100)),
    Indicator("normative.conformity_rate", "规范性文件规范率", "%", conformity_rate, precision=1, target=Decimal(100)),
    Indicator("normative.correction_rate", "规范性文件纠错率", "%", correction_rate, precision=1),
)
