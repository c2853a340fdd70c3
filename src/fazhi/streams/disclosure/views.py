"""Pages of the 依申请公开 stream: the generic ledger pages, the head's extension approval
(with days and reason), and table 三 of the annual GIP report for the units a user reads."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import scope
from fazhi.core.actions import form_page
from fazhi.core.ledger_forms import style_fields
from fazhi.core.ledger_views import Ledger
from fazhi.indicators.registry import Period
from fazhi.streams.disclosure import rules, services
from fazhi.streams.disclosure.importers import DISCLOSURE_IMPORT
from fazhi.streams.disclosure.indicators import COLUMNS, table_three
from fazhi.streams.disclosure.models import DisclosureRequest

FORM_FIELDS = [
    "request_no", "channel", "submitted_on", "signed_on", "confirmed_on",
    "applicant_type", "applicant_name", "applicant_id_number", "applicant_credit_code", "applicant_phone",
    "applicant_address", "information", "requested_form", "delivery_method", "handler",
    "supplement_requested_on", "supplement_deadline", "supplement_received_on",
    "third_party", "consult_started_on", "consult_ended_on",
    "reply_type", "reply_reason", "reply_basis", "replied_on", "fee_charged", "fee_amount",
    "delivered_on", "delivery_proof", "archive_no", "reconsideration", "litigation", "challenge_outcome",
]
LEDGER = Ledger(
    model=DisclosureRequest,
    namespace="disclosure",
    title="依申请公开台账",
    form_fields=FORM_FIELDS,
    list_columns=["request_no", "unit", "channel", "received_on", "applicant_type", "applicant_name",
                  "reply_type", "replied_on", "state"],
    search_fields=["request_no", "information", "applicant_name", "handler"],
    filter_fields=["channel", "applicant_type", "reply_type"],
    widgets={"information": forms.Textarea(attrs={"rows": 3})},
    date_field="received_on",
    import_spec=DISCLOSURE_IMPORT,
    detail_fields=[
    "request_no", "channel", "submitted_on", "signed_on", "confirmed_on", "received_on", "receipt_basis",
    "applicant_type", "applicant_name", "applicant_id_number", "applicant_credit_code", "applicant_phone",
    "applicant_address", "information", "requested_form", "delivery_method", "handler",
    "supplement_requested_on", "supplement_deadline", "supplement_received_on",
    "third_party", "consult_started_on", "consult_ended_on",
    "extension_days", "extension_reason", "extension_approver", "extension_approved_on",
    "reply_type", "reply_reason", "reply_basis", "replied_on", "fee_charged", "fee_amount",
    "delivered_on", "delivery_proof", "closed_on", "archive_no", "reconsideration", "litigation", "challenge_outcome",
],
)


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=rules.EXTENSION_MAX_DAYS,
                              help_text=f"最长不超过{rules.EXTENSION_MAX_DAYS}个工作日（政府信息公开条例 第三十三条第二款）")
    reason = forms.CharField(label="延期理由", max_length=200, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self.fields)


@login_required
@require_http_methods(["GET", "POST"])
def extend_view(request, pk: int):
    """The head approves an extension (replaces the generic confirmation of ``extend``)."""
    record = LEDGER.get_visible(request.user, pk)
    scope.require(request.user, "records.approve", record.unit)
    return form_page(
        request, ExtensionForm(request.POST or None),
        action=lambda data: services.extend_reply(record, by=request.user, days=data["days"], reason=data["reason"]),
        success="已批准延期答复。", done=LEDGER.url("detail", record.pk),
        template="disclosure/extend.html", context={"ledger": LEDGER, "record": record})


@login_required
def annual_view(request):
    """Table 三 of the GIP annual report over the units the user may read, with the GIP-4 check."""
    scope.require(request.user, "records.read")
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year - 1))
    except ValueError:
        year = this_year - 1
    year = min(max(year, 2008), this_year)
    units = scope.units_for(request.user, "records.read")
    table = table_three(units, Period.year(year))
    return render(request, "disclosure/annual.html", {
        "year": year, "years": range(this_year, this_year - 6, -1), "table": table, "columns": COLUMNS,
        "problems": table.balance_problems(),
    })
