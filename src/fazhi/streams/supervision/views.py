"""Pages of 法治督察: the visit ledger (with its findings and the form that records one), the
整改 ledger (the unit's report with evidence, closure by the coordinating office), the
ledger of units' annual reports (submission, and the page that opens a year's collection),
and the downloads of uploaded evidence and reports, scoped as the records are."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import scope
from fazhi.core.actions import sub_record_action, validation_errors_text
from fazhi.core.ledger_forms import style_fields
from fazhi.core.ledger_views import Ledger
from fazhi.streams.supervision import services
from fazhi.streams.supervision.importers import VISIT_IMPORT
from fazhi.streams.supervision.models import Finding, Rectification, SupervisionVisit, UnitReport
from fazhi.streams.supervision.workflow import COORDINATE

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DOCUMENT_INPUT = forms.ClearableFileInput(attrs={"accept": ".docx,.pdf"})
# steps taken through a form on the record's page, not through the generic confirmation page
FORM_STEPS = {"report", "submit"}


class _Styled(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self.fields)


# -- 督察 ------------------------------------------------------------------------------------

class FindingForm(_Styled):
    text = forms.CharField(label="问题描述", widget=TEXTAREA)
    category = forms.ChoiceField(label="问题类别", choices=Finding.Category.choices)
    severity = forms.ChoiceField(label="严重程度", choices=Finding.Severity.choices)
    found_on = forms.DateField(label="发现日期", widget=DATE_INPUT, required=False)
    requirement = forms.CharField(label="整改要求", widget=TEXTAREA, required=False)
    required_by = forms.DateField(label="限期整改日期", widget=DATE_INPUT, required=False,
                                  help_text="不填则自发现之日起按工作日计算")


@dataclass
class VisitLedger(Ledger):
    def extra_context(self, request, record) -> dict[str, Any]:
        findings = record.findings.select_related("rectification").order_by("found_on", "id")
        can_find = record.state == "done" and scope.can(request.user, COORDINATE, record.inspected)
        return {"findings": findings, "can_find": can_find,
                "finding_form": FindingForm(initial={"found_on": record.visited_on}, auto_id="id_finding_%s")}

    def delete_view(self, request, pk: int):
        record = self.get_visible(request.user, pk)
        if record.findings.exists():
            messages.error(request, "该督察已登记发现的问题，不能删除。")
            return redirect(self.url("detail", record.pk))
        return super().delete_view(request, pk)


VISITS = VisitLedger(
    model=SupervisionVisit,
    namespace="supervision:visits",
    title="法治督察",
    detail_template="supervision/visit_detail.html",
    form_fields=["inspected", "planned_on", "team", "topics", "basis", "visited_on", "summary"],
    list_columns=["year", "inspected", "planned_on", "visited_on", "topics", "state"],
    search_fields=["topics", "team", "summary", "inspected__name"],
    filter_fields=["inspected"],
    widgets={"team": TEXTAREA, "topics": TEXTAREA, "summary": TEXTAREA},
    date_field="planned_on",
    import_spec=VISIT_IMPORT,
    unit_label="组织单位",
)


@login_required
def finding_view(request, pk: int):
    """登记发现的问题 on a done visit: it becomes a 整改 task of the inspected unit."""
    return sub_record_action(
        request, VISITS, pk, capability=COORDINATE, denied="只有法治办统筹人员可以登记督察发现的问题",
        form=FindingForm, form_kwargs={"auto_id": "id_finding_%s"},
        service=services.finding_add, labels={n: f.label for n, f in FindingForm.base_fields.items()},
        success=lambda data, r: f"已登记问题，并向{r.unit}下达整改任务（整改期限见整改任务）。")


# -- records the coordinating office issues: no hand-made new, edit or delete ---------------

@dataclass
class IssuedLedger(Ledger):
    """整改 tasks and report requests are issued by the coordinating office (a finding, a
    collection): the unit acts on them through the forms of the record's page."""

    issued_by: str = ""

    def form_view(self, request, pk: int | None = None):
        scope.require(request.user, "records.write")
        messages.info(request, self.issued_by)
        return redirect(self.url("detail", pk) if pk is not None else self.url("list"))

    def delete_view(self, request, pk: int):
        record = self.get_visible(request.user, pk)
        messages.error(request, f"{self.issued_by}不能删除。")
        return redirect(self.url("detail", record.pk))

    def steps_context(self, request, record) -> dict[str, Any]:
        return {"transitions": [t for t in self.model.workflow.available(record, request.user)
                                if t.name not in FORM_STEPS],
                "can_write": False,
                "can_act": scope.can(request.user, "records.write", record.unit)}


class RectificationReportForm(_Styled):
    report_text = forms.CharField(label="整改情况", widget=TEXTAREA)
    evidence = forms.FileField(label="整改佐证材料（.docx 或 .pdf）", required=False, widget=DOCUMENT_INPUT)
    evidence_link = forms.CharField(label="或关联记录", required=False, max_length=300)


@dataclass
class RectificationLedger(IssuedLedger):
    def extra_context(self, request, record) -> dict[str, Any]:
        context = self.steps_context(request, record)
        context["can_act"] = context["can_act"] and record.state in {"issued", "returned"}
        context.update({"finding": record.finding, "visit": record.finding.visit,
                        "can_see_visit": scope.can(request.user, "records.read", record.finding.visit.unit),
                        "report_form": RectificationReportForm(auto_id="id_report_%s")})
        return context

    def detail_names(self, record) -> list[str]:
        names = super().detail_names(record)
        return names + [n for n in ("report_text", "evidence_link", "reported_on", "closed_on") if getattr(record, n)]


RECTIFICATIONS = RectificationLedger(
    model=Rectification,
    namespace="supervision:rectifications",
    title="督察整改任务",
    detail_template="supervision/rectification_detail.html",
    form_fields=["report_text", "evidence_link"],
    detail_fields=["finding", "requirement", "found_on", "required_by"],
    list_columns=["year", "unit", "finding", "found_on", "reported_on", "state"],
    export_columns=["year", "unit", "finding", "requirement", "found_on", "required_by", "report_text",
                    "evidence_link", "reported_on", "closed_on", "state"],
    search_fields=["requirement", "report_text", "finding__text"],
    date_field="found_on",
    unit_label="整改单位",
    issued_by="整改任务由法治督察登记问题时下达，整改情况请在整改任务页面报告；整改任务",
)


@login_required
def rectification_report_view(request, pk: int):
    """报告整改情况 (the inspected unit), with an upload or a record link as evidence."""
    return sub_record_action(
        request, RECTIFICATIONS, pk, form=RectificationReportForm,
        form_kwargs={"files": request.FILES, "auto_id": "id_report_%s"},
        service=services.rectification_report,
        labels={n: f.label for n, f in RectificationReportForm.base_fields.items()},
        success="已报告整改情况，等待依法治区办审核销号。")


# -- 各单位年度报告 ----------------------------------------------------------------------------

class UnitReportForm(_Styled):
    text = forms.CharField(label="报告正文", widget=forms.Textarea(attrs={"rows": 12}), required=False)
    file = forms.FileField(label="或上传报告文件（.docx 或 .pdf）", required=False, widget=DOCUMENT_INPUT)


@dataclass
class UnitReportLedger(IssuedLedger):
    def extra_context(self, request, record) -> dict[str, Any]:
        context = self.steps_context(request, record)
        context["can_act"] = context["can_act"] and record.state in {"requested", "returned"}
        context["submit_form"] = UnitReportForm(initial={"text": record.text}, auto_id="id_submit_%s")
        return context

    def detail_names(self, record) -> list[str]:
        return ["unit", "year", "state", "opened_on", "due_on", "submitted_on"]


UNIT_REPORTS = UnitReportLedger(
    model=UnitReport,
    namespace="supervision:unit_reports",
    title="各单位年度报告",
    detail_template="supervision/unit_report_detail.html",
    form_fields=["text"],
    list_columns=["year", "unit", "due_on", "submitted_on", "state"],
    export_columns=["year", "unit", "opened_on", "due_on", "submitted_on", "state"],
    search_fields=["text"],
    date_field="due_on",
    unit_label="报送单位",
    issued_by="年度报告由依法治区办发起征集时生成，请在报告页面填写或上传后报送；年度报告",
)


@login_required
def unit_report_submit_view(request, pk: int):
    """报送报告 (the unit): text, an uploaded .docx/.pdf, or both."""
    return sub_record_action(
        request, UNIT_REPORTS, pk, form=UnitReportForm, form_kwargs={"files": request.FILES, "auto_id": "id_submit_%s"},
        service=services.unit_report_submit, labels={n: f.label for n, f in UnitReportForm.base_fields.items()},
        success=lambda _, r: "已报送。" if not r.late else f"已报送（已超过报送截止日期{r.due_on:%Y-%m-%d}）。")


class CollectionForm(_Styled):
    year = forms.IntegerField(label="报告年度", min_value=2000, max_value=2100)
    due = forms.DateField(label="报送截止日期", widget=DATE_INPUT)


@login_required
@require_http_methods(["GET", "POST"])
def collection_open_view(request):
    """发起征集: one request per department and township, due on the date given."""
    scope.require(request.user, COORDINATE)
    today = timezone.localdate()
    form = CollectionForm(request.POST or None, initial={"year": today.year - 1})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.collection_open(form.cleaned_data["year"], form.cleaned_data["due"], by=request.user)
            messages.success(request, f"已向{len(created)}个单位发起{form.cleaned_data['year']}年度报告征集。")
            return redirect(UNIT_REPORTS.url("list"))
        except ValidationError as exc:
            form.add_error(None, validation_errors_text(exc, {"year": "报告年度", "due": "报送截止日期"}))
    return render(request, "supervision/collection_open.html", {"ledger": UNIT_REPORTS, "form": form})


def _download(ledger: Ledger, field: str):
    @login_required
    def view(request, pk: int):
        record = ledger.get_visible(request.user, pk)
        stored = getattr(record, field)
        if not stored:
            raise Http404
        kind = stored.name.rsplit(".", 1)[-1]
        return FileResponse(stored.open("rb"), as_attachment=True, filename=f"{record}.{kind}")
    return view


def visit_urls() -> list:
    return [*VISITS.urls(), path("<int:pk>/finding/", finding_view, name="finding")]


def rectification_urls() -> list:
    return [*RECTIFICATIONS.urls(), path("<int:pk>/report/", rectification_report_view, name="report"),
            path("<int:pk>/evidence/", _download(RECTIFICATIONS, "evidence"), name="evidence")]


def unit_report_urls() -> list:
    return [*UNIT_REPORTS.urls(), path("open/", collection_open_view, name="open"),
            path("<int:pk>/submit/", unit_report_submit_view, name="submit"),
            path("<int:pk>/file/", _download(UNIT_REPORTS, "file"), name="file")]
