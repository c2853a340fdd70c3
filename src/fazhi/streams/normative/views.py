from __future__ import annotations

import itertools

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from fazhi.core import audit, scope
from fazhi.core.excel import Column, xlsx_response
from fazhi.core.ledger_views import Ledger
from fazhi.streams.normative import services
from fazhi.streams.normative.importers import DOCUMENT_IMPORT, REVIEW_IMPORT
from fazhi.streams.normative.models import NormativeDocument, ReviewRequest

TEXTAREA = forms.Textarea(attrs={"rows": 3})

REVIEWS = Ledger(
    model=ReviewRequest,
    namespace="normative:reviews",
    title="法制审核台账",
    form_fields=["review_no", "kind", "title", "contact_name", "contact_phone", "counterparty_name",
                 "counterparty_uscc", "amount", "received_on", "returned_on", "supplement_request", "resubmitted_on",
                 "reviewer", "reviewer_qualified", "opinion", "opinion_text", "opinion_on", "adoption",
                 "adoption_note"],
    list_columns=["review_no", "kind", "title", "unit", "contact_name", "received_on", "opinion", "state"],
    export_columns=["year", "review_no", "kind", "title", "unit", "contact_name", "contact_phone",
                    "counterparty_name", "counterparty_uscc", "amount", "received_on", "reviewer", "opinion",
                    "opinion_on", "adoption", "state"],
    search_fields=["review_no", "title", "counterparty_name", "reviewer"],
    filter_fields=["kind", "opinion"],
    widgets={"supplement_request": TEXTAREA, "opinion_text": forms.Textarea(attrs={"rows": 5}),
             "adoption_note": TEXTAREA},
    date_field="received_on",
    import_spec=REVIEW_IMPORT,
)

DOCUMENTS = Ledger(
    model=NormativeDocument,
    namespace="normative:documents",
    title="规范性文件备案台账",
    form_fields=["doc_no", "title", "review_ref", "fair_competition", "discussed_on", "meeting", "published_on",
                 "channel", "full_text_url", "valid_until", "filed_on", "filed_with", "filing_reviewed_on",
                 "conformity", "conformity_reason", "found_illegal", "problem", "corrected_on", "repealed_on"],
    list_columns=["doc_no", "title", "unit", "published_on", "filed_on", "conformity", "state"],
    export_columns=["year", "doc_no", "title", "unit", "review_ref", "discussed_on", "published_on", "channel",
                    "full_text_url", "filed_on", "filed_with", "filing_reviewed_on", "conformity", "state"],
    search_fields=["doc_no", "title", "review_ref", "filed_with"],
    filter_fields=["conformity", "found_illegal"],
    widgets={"conformity_reason": TEXTAREA, "problem": TEXTAREA},
    date_field="published_on",
    import_spec=DOCUMENT_IMPORT,
)


CATALOGUE_COLUMNS = [
    ("文号", lambda d: d.doc_no), ("文件名称", lambda d: d.title), ("制定机关", lambda d: d.unit.name),
    ("公布日期", lambda d: d.published_on), ("报备日期", lambda d: d.filed_on), ("备案机关", lambda d: d.filed_with),
    ("备案审查结果", lambda d: d.state_label),
]


def _catalogue_year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def catalogue_view(request):
    """规范性文件备案目录: the documents filed in a year, as a page and as an Excel file to publish.
    It holds no personal data; each user sees the units in their scope."""
    scope.require(request.user, "records.read")
    year = _catalogue_year(request)
    documents = services.filing_catalogue(DOCUMENTS.visible(request.user), year)
    if request.GET.get("format") == "xlsx":
        scope.require(request.user, "records.export")
        audit.record(action=audit.Action.EXPORT, actor=request.user,
                     note=f"导出{year}年规范性文件备案目录（{documents.count()}件）")
        serial = itertools.count(1)
        columns = [Column("序号", lambda d: next(serial), 8),
                   *(Column(label, value) for label, value in CATALOGUE_COLUMNS)]
        return xlsx_response(f"{year}年规范性文件备案目录.xlsx", f"{year}年规范性文件备案目录", columns,
                             documents.iterator())
    rows = [[value(d) for _, value in CATALOGUE_COLUMNS] for d in documents]
    return render(request, "normative/catalogue.html", {
        "year": year, "rows": rows, "headers": [label for label, _ in CATALOGUE_COLUMNS],
        "can_export": scope.has_capability(request.user, "records.export"),
    })
