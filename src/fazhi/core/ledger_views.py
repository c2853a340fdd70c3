"""Generic ledger pages every stream gets from one declaration: list (search, filters,
sorting, pagination, due/overdue marks, Excel export), detail (deadlines, transitions,
history), create, edit, transition, delete with confirmation, and Excel import.

Views only call the ledger/workflow/import services. Personal data is masked for users
without ``personal.view`` on the record's unit, and always in a public export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Min, Subquery
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import audit, deadlines, images, list_filters, privacy, scope, uploads, workflow
from fazhi.core.actions import attach_errors
from fazhi.core.calendar import add_working_days
from fazhi.core.excel import XLSX, Column, xlsx_response
from fazhi.core.importers import ImportSpec, import_workbook, template_workbook
from fazhi.core.ledger import record_create, record_delete, record_update, submitted_version
from fazhi.core.ledger_forms import DUE_SOON_WORKING_DAYS, open_deadlines, record_filter_class, record_form_class

PAGE_SIZE = 20
CARD_KEY_COLUMNS = 4  # key columns on a list's card below 576 px when a ledger names none


@dataclass(frozen=True)
class Cell:
    """One value of a list row; ``key`` cells stay on the row's card on a phone."""

    name: str
    label: str
    value: Any
    key: bool

    def __str__(self) -> str:
        return str(self.value)
EXPORT_CHUNK = 2000  # rows fetched per database round trip while an export streams


@dataclass
class Ledger:
    """Declaration of one ledger's pages. ``namespace`` is the stream's URL namespace."""

    model: type
    namespace: str
    title: str
    form_fields: list[str]
    list_columns: list[str]
    search_fields: list[str] = field(default_factory=list)
    filter_fields: list[str] = field(default_factory=list)
    widgets: dict = field(default_factory=dict)
    date_field: str | None = None  # the date the period filter applies to
    import_spec: ImportSpec | None = None
    export_columns: list[str] | None = None  # defaults to the list columns
    detail_fields: list[str] | None = None  # fields on the record page; defaults to the form fields
    detail_template: str = "core/ledger_detail.html"  # a stream may extend it (block ``extra``)
    unit_label: str = "承办单位"
    # the key columns a list's card shows below 576 px (docs/ARCHITECTURE.md, narrow screens);
    # by default the first four list columns other than year and state (state is always shown)
    card_columns: list[str] | None = None
    # a FileField (upload_to=core.images.photo_path) holding one photo of the record (issue 19):
    # shown on the record page, taken there with the phone camera (core/images.py)
    photo_field: str = ""

    # -- helpers ---------------------------------------------------------------------
    def url(self, name: str, *args) -> str:
        return reverse(f"{self.namespace}:{name}", args=args)

    def field_label(self, name: str) -> str:
        if name == "unit":
            return self.unit_label
        if name == "state":
            return "状态"
        return str(self.model._meta.get_field(name).verbose_name)

    def display(self, record, name: str, masked: bool = False) -> Any:
        if name == "state":
            return record.state_label
        f = self.model._meta.get_field(name)
        if f.choices:
            return getattr(record, f"get_{name}_display")()
        shown = getattr(type(record), f"{name}_display", None)
        if isinstance(shown, property):  # a field of codes the model renders itself (e.g. 事项类别)
            return getattr(record, f"{name}_display")
        value = getattr(record, name)
        if value is None:
            return ""
        if isinstance(value, bool):
            return "是" if value else "否"
        kind = self.model.personal_fields.get(name)
        if masked and kind and isinstance(value, str):
            return privacy.mask(kind, value)
        return value

    def card_names(self) -> set[str]:
        """The columns a list's card shows on a phone: the key columns and the state."""
        if self.card_columns is not None:
            return {*self.card_columns, "state"}
        return {*[n for n in self.list_columns if n not in ("year", "state")][:CARD_KEY_COLUMNS], "state"}

    def masks_for(self, user, record) -> bool:
        return bool(self.model.personal_fields) and not scope.can(user, "personal.view", record.unit, self.model)

    def visible(self, user):
        qs = scope.filter_records(self.model.objects.select_related("unit"), user)
        next_due = open_deadlines(self.model).values("object_id").annotate(m=Min("due")).values("m")
        return qs.annotate(next_due=Subquery(next_due[:1])).order_by("-year", "-id")

    def get_visible(self, user, pk: int):
        record = get_object_or_404(self.model.objects.select_related("unit"), pk=pk)
        if not scope.can(user, "records.read", record.unit, self.model):
            raise PermissionDenied(scope.DENIED_MESSAGE)
        return record

    def sortable(self, user, name: str, within=None) -> bool:
        """A column sorts the list unless it is personal data masked for ``user`` in some row
        (the order would reveal the hidden values)."""
        return name in {*self.list_columns, "next_due"} and scope.may_order_by(user, self.model, name, within)

    def sort(self, qs, key: str, user=None, within=None):
        """``qs`` ordered by ``key`` (a column, ``-`` for descending); an unknown key, or a
        personal column ``user`` may not sort by, is ignored."""
        name = key.lstrip("-")
        if name not in {*self.list_columns, "next_due"}:
            return qs, ""
        if user is not None and not self.sortable(user, name, within):
            return qs, ""
        order = "unit__path" if name == "unit" else name
        return qs.order_by(("-" if key.startswith("-") else "") + order, "-id"), key

    # -- list --------------------------------------------------------------------------
    def list_view(self, request):
        scope.require(request.user, "records.read", within=self.model)
        user = request.user
        filterset = record_filter_class(self, user)(request.GET or None, queryset=self.visible(user))
        valid = filterset.is_bound and filterset.is_valid()
        qs = filterset.qs if valid else self.visible(user)
        within = filterset.form.cleaned_data.get("unit") if valid else None
        qs, sort = self.sort(qs, request.GET.get("sort", ""), user, within)
        if request.GET.get("format") == "xlsx":
            return self._export(request, qs)
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        if not sort:
            query.pop("sort", None)  # an unknown or refused sort is not carried into links
        sortless = query.copy()
        sortless.pop("sort", None)
        today = timezone.localdate()
        soon = add_working_days(today, DUE_SOON_WORKING_DAYS)
        masked = {r.pk: self.masks_for(user, r) for r in page}  # once per row, not per cell
        labels, on_card = {n: self.field_label(n) for n in self.list_columns}, self.card_names()
        rows = [(r, [Cell(n, labels[n], self.display(r, n, masked[r.pk]), n in on_card) for n in self.list_columns],
                 _due_mark(r, today, soon)) for r in page]
        # A list whose columns show personal data unmasked is a staff access to it, as a record page is.
        if any(n in self.model.personal_fields for n in self.list_columns):
            unmasked = sum(1 for r, _, _ in rows if not masked[r.pk])
            if unmasked:
                audit.record(action=audit.Action.VIEW_PERSONAL, actor=user,
                             note=f"列表查看{self.title}，含个人信息 {unmasked} 条")
        return render(request, "core/ledger_list.html", {
            "ledger": self, "filter": filterset, "page": page, "rows": rows, "query": query.urlencode(),
            "sortless": sortless.urlencode(), "sort": sort,
            "headers": [(n, self.field_label(n), self.sortable(user, n, within)) for n in self.list_columns],
            "chips": list_filters.chips_of_form(request.GET, filterset.form),
            "can_write": scope.has_capability(user, "records.write"),
            "can_export": scope.has_capability(user, "records.export"),
        })

    def _export(self, request, qs):
        """The filtered list as .xlsx, streamed while it is read (constant memory at any size)."""
        scope.require(request.user, "records.export", within=self.model)
        public = request.GET.get("public") == "1"
        kind = "公开版" if public else "内部版"
        audit.record(action=audit.Action.EXPORT, actor=request.user, note=f"导出{self.title}{kind}（{qs.count()}条）")
        names = self.export_columns or self.list_columns
        related = [n for n in names if n not in ("unit", "state") and self.model._meta.get_field(n).many_to_one]
        if related:
            qs = qs.select_related(*related)
        return xlsx_response(f"{self.title}{'（公开版）' if public else ''}.xlsx", self.title,
                             self.export_columns_for(request.user, public), qs.iterator(chunk_size=EXPORT_CHUNK))

    def export_columns_for(self, user, public: bool) -> list[Column]:
        """Export columns: the same values as ``display`` (masked for users without
        ``personal.view`` on the record's unit, always masked in the public export), with the
        per-unit masking decision and each field's lookup made once rather than per cell."""
        masked_units: dict[int, bool] = {}

        def masked(record) -> bool:
            if public:
                return True
            found = masked_units.get(record.unit_id)
            if found is None:
                found = masked_units[record.unit_id] = self.masks_for(user, record)
            return found

        names = self.export_columns or self.list_columns
        if type(self).display is not Ledger.display:  # a stream formats some values itself
            return [Column(self.field_label(n), (lambda r, n=n: self.display(r, n, masked(r)))) for n in names]
        return [Column(self.field_label(n), self._export_value(n, masked)) for n in names]

    def _export_value(self, name: str, masked) -> Any:
        """``display(record, name, masked(record))`` for the base ``display``, as a closure."""
        if name == "state":
            return lambda record: record.state_label
        f = self.model._meta.get_field(name)
        if f.choices:
            labels = {k: str(v) for k, v in f.flatchoices}
            return lambda record: labels.get(getattr(record, f.attname), getattr(record, f.attname))
        kind = self.model.personal_fields.get(name)

        def value(record):
            v = getattr(record, name)
            if v is None:
                return ""
            if isinstance(v, bool):
                return "是" if v else "否"
            if kind and isinstance(v, str) and masked(record):
                return privacy.mask(kind, v)
            return v

        return value

    # -- detail / forms ------------------------------------------------------------------
    def detail_names(self, record) -> list[str]:
        """The fields shown on a record's page; a ledger may add fields that depend on the record."""
        return ["unit", "year", "state", *(self.detail_fields or self.form_fields)]

    def extra_context(self, request, record) -> dict[str, Any]:
        """Stream-specific context for ``detail_template`` (related rows, action forms)."""
        return {}

    def detail_view(self, request, pk: int):
        record = self.get_visible(request.user, pk)
        masked = self.masks_for(request.user, record)
        fields = [(self.field_label(n), self.display(record, n, masked)) for n in self.detail_names(record)]
        if self.model.personal_fields and not masked:
            audit.record(action=audit.Action.VIEW_PERSONAL, actor=request.user, obj=record, note="查看含个人信息的记录")
        today = timezone.localdate()
        dls = [(d, deadlines.status(d, today), deadlines.explain(d)) for d in deadlines.deadlines_of(record)]
        return render(request, self.detail_template, {
            "ledger": self, "record": record, "fields": fields, "deadlines": dls,
            "transitions": self.model.workflow.available(record, request.user),
            "history": audit.history_of(record)[:50],
            "can_write": scope.can(request.user, "records.write", record.unit, self.model),
            "photo": self.photo_context(request.user, record, masked),
            **self.extra_context(request, record),
        })

    # -- photo (core/images.py) -------------------------------------------------------------
    def photo_context(self, user, record, masked: bool) -> dict[str, Any] | None:
        if not self.photo_field:
            return None
        stored = getattr(record, self.photo_field)
        return {"label": self.field_label(self.photo_field), "has": bool(stored), "hidden": masked,
                "url": self.url("photo", record.pk) if stored and not masked else "",
                "upload_url": self.url("photo_upload", record.pk),
                "can_attach": scope.can(user, "records.write", record.unit, self.model)}

    def photo_upload_view(self, request, pk: int):
        """Attach (or replace) the record's photo; refused uploads say why and write nothing."""
        record = self.get_visible(request.user, pk)
        scope.require(request.user, "records.write", record.unit, self.model)
        label = self.field_label(self.photo_field)
        try:
            cut_off = uploads.cut_off_message(request)
            if cut_off:
                raise uploads.UploadRefused(cut_off)
            images.attach_photo(record, self.photo_field, request.FILES.get("photo"), by=request.user)
            messages.success(request, f"已上传{label}。")
        except uploads.UploadRefused as exc:
            messages.error(request, f"{label}未上传：{exc}")
        except ValidationError as exc:
            messages.error(request, f"{label}未上传：" + "；".join(exc.messages))
        return redirect(self.url("detail", record.pk))

    def photo_view(self, request, pk: int):
        """The photo itself, for whoever may read the record with its personal data."""
        record = self.get_visible(request.user, pk)
        if self.masks_for(request.user, record):
            raise PermissionDenied("该照片含个人信息，您无权查看")
        stored = getattr(record, self.photo_field)
        if not stored:
            raise Http404
        response = FileResponse(stored.open("rb"), content_type="image/jpeg")
        response["Cache-Control"] = "private, no-store"
        return response

    def form_view(self, request, pk: int | None = None):
        scope.require(request.user, "records.write", within=self.model)
        # ``edit/`` of pk 0 or an unknown pk is a 404: only ``new/`` (pk None) creates.
        record = self.get_visible(request.user, pk) if pk is not None else None
        if record is not None:
            scope.require(request.user, "records.write", record.unit, self.model)
        initial = {} if record else {"year": timezone.localdate().year}
        form = record_form_class(self, request.user)(request.POST or None, instance=record, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = {k: form.cleaned_data[k] for k in form.fields}
            try:
                if record is None:
                    record = record_create(self.model, by=request.user, **data)
                    messages.success(request, "已登记。")
                else:
                    version = submitted_version(request.POST.get("version"))  # missing: refused as stale
                    record_update(record, by=request.user, expected_version=version, **data)
                    messages.success(request, "已保存。")
                return redirect(self.url("detail", record.pk))
            except ValidationError as exc:
                attach_errors(form, exc)
        return render(request, "core/ledger_form.html", {"ledger": self, "form": form, "record": record})

    def transition_view(self, request, pk: int, name: str):
        record = self.get_visible(request.user, pk)
        t = self.model.workflow.get(name)
        if request.method == "POST":
            try:
                workflow.transition(record, name, by=request.user, note=request.POST.get("note", "")[:200])
                messages.success(request, f"已{t.label}。")
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
            return redirect(self.url("detail", record.pk))
        return render(request, "core/confirm.html", {
            "ledger": self, "record": record, "question": t.confirm or f"确认对“{record}”执行“{t.label}”？",
            "action": t.label, "with_note": True, "cancel": self.url("detail", record.pk),
        })

    def delete_view(self, request, pk: int):
        record = self.get_visible(request.user, pk)
        scope.require(request.user, "records.write", record.unit, self.model)
        if request.method == "POST":
            record_delete(record, by=request.user)
            messages.success(request, "已删除。")
            return redirect(self.url("list"))
        return render(request, "core/confirm.html", {
            "ledger": self, "record": record, "question": f"确认删除“{record}”？删除后不可恢复，操作将记入审计日志。",
            "action": "删除", "danger": True, "cancel": self.url("detail", record.pk),
        })

    # -- import --------------------------------------------------------------------------
    def template_view(self, request):
        scope.require(request.user, "records.write", within=self.model)
        response = HttpResponse(template_workbook(self.import_spec, request.user), content_type=XLSX)
        response["Content-Disposition"] = _attachment(f"{self.title}导入模板.xlsx")
        return response

    def import_file(self, upload, *, by):
        """Validate an uploaded workbook and write all its rows or none; a ledger of very large
        registers may override this to write in bulk (same contract, same ``ImportResult``)."""
        return import_workbook(self.import_spec, upload, by=by)

    def import_view(self, request):
        scope.require(request.user, "records.write", within=self.model)
        context: dict[str, Any] = {"ledger": self, "spec": self.import_spec}
        if request.method == "POST":
            upload = request.FILES.get("file")
            if upload is None:  # none chosen, or stopped on arrival by uploads.SizeLimitUploadHandler
                context["file_error"] = f"请选择不超过{uploads.max_bytes() // uploads.MB}MB的 .xlsx 文件"
                return render(request, "core/ledger_import.html", context, status=400)
            result = self.import_file(upload, by=request.user)
            if result.error_workbook is not None and request.POST.get("errors") == "xlsx":
                response = HttpResponse(result.error_workbook, content_type=XLSX)
                response["Content-Disposition"] = _attachment(f"{self.title}导入错误说明.xlsx")
                return response
            context["result"] = result
            if result.ok:
                audit.record(action=audit.Action.CREATE, actor=request.user,
                             note=f"导入{self.title}：新增{result.created}条，更新{result.updated}条")
                messages.success(request, f"导入完成：新增{result.created}条，更新{result.updated}条，"
                                          f"未变化{result.unchanged}条。")
                return redirect(self.url("list"))
            return render(request, "core/ledger_import.html", context, status=400)
        return render(request, "core/ledger_import.html", context)

    def urls(self) -> list:
        lr = login_required
        get_post = require_http_methods(["GET", "POST"])
        patterns = [
            path("", lr(self.list_view), name="list"),
            path("new/", lr(get_post(self.form_view)), name="create"),
            path("<int:pk>/", lr(self.detail_view), name="detail"),
            path("<int:pk>/edit/", lr(get_post(self.form_view)), name="update"),
            path("<int:pk>/do/<slug:name>/", lr(get_post(self.transition_view)), name="transition"),
            path("<int:pk>/delete/", lr(get_post(self.delete_view)), name="delete"),
        ]
        if self.photo_field:
            patterns += [
                path("<int:pk>/photo/", lr(require_http_methods(["POST"])(self.photo_upload_view)), name="photo_upload"),
                path("<int:pk>/photo.jpg", lr(self.photo_view), name="photo"),
            ]
        if self.import_spec is not None:
            patterns += [
                path("import/", lr(get_post(self.import_view)), name="import"),
                path("import/template.xlsx", lr(self.template_view), name="import_template"),
            ]
        return patterns


def _due_mark(record, today, soon) -> str:
    due = getattr(record, "next_due", None)
    if due is None:
        return ""
    if due < today:
        return "overdue"
    return "soon" if due <= soon else ""


def _attachment(filename: str) -> str:

    return f"attachment; filename*=UTF-8''{quote(filename)}"
