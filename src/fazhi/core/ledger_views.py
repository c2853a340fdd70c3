"""Generic ledger pages every stream gets from one declaration: list (search, filters,
pagination, Excel export), detail (deadlines, transitions, history), create, edit,
transition and delete with confirmation. Views only call the ledger/workflow services.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import audit, deadlines, scope, workflow
from fazhi.core.excel import Column, xlsx_response
from fazhi.core.ledger import record_create, record_delete, record_update

PAGE_SIZE = 20


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

    # -- helpers ---------------------------------------------------------------------
    def url(self, name: str, *args) -> str:  # noqa: ANN002
        return reverse(f"{self.namespace}:{name}", args=args)

    def field_label(self, name: str) -> str:
        if name == "unit":
            return "承办单位"
        if name == "state":
            return "状态"
        return str(self.model._meta.get_field(name).verbose_name)

    def display(self, record, name: str):  # noqa: ANN001, ANN201
        if name == "state":
            return record.state_label
        f = self.model._meta.get_field(name)
        if f.choices:
            return getattr(record, f"get_{name}_display")()
        value = getattr(record, name)
        return "" if value is None else value

    def columns(self) -> list[Column]:
        return [Column(self.field_label(n), (lambda r, n=n: self.display(r, n))) for n in self.list_columns]

    def form_class(self, user):  # noqa: ANN001, ANN201
        units = scope.units_for(user, "records.write")
        model = self.model

        class RecordForm(forms.ModelForm):
            unit = forms.ModelChoiceField(queryset=units, label="承办单位", empty_label="请选择单位")

            class Meta:
                fields = ["unit", "year", *self.form_fields]
                widgets = {
                    **{f.name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                       for f in model._meta.fields if f.get_internal_type() == "DateField"},
                    **self.widgets,
                }

            Meta.model = model

            def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
                super().__init__(*args, **kwargs)
                for f in self.fields.values():
                    css = "form-select" if isinstance(f.widget, forms.Select) else "form-control"
                    if isinstance(f.widget, forms.CheckboxInput):
                        css = "form-check-input"
                    f.widget.attrs.setdefault("class", css)

        return RecordForm

    def filterset_class(self, user):  # noqa: ANN001, ANN201
        model = self.model
        ledger = self
        filter_fields = list(self.filter_fields)

        class RecordFilter(django_filters.FilterSet):
            q = django_filters.CharFilter(label="关键词", method="search")
            unit = django_filters.ModelChoiceFilter(
                label="承办单位", queryset=scope.units_for(user, "records.read"), empty_label="全部单位")
            year = django_filters.NumberFilter(label="年度")
            state = django_filters.ChoiceFilter(label="状态", choices=model.workflow.choices, empty_label="全部状态")

            class Meta:
                fields = ["q", "unit", "year", "state", *filter_fields]

            Meta.model = model

            def search(self, qs, name, value):  # noqa: ANN001, ANN201
                cond = Q()
                for f in ledger.search_fields:
                    cond |= Q(**{f"{f}__icontains": value})
                return qs.filter(cond) if ledger.search_fields else qs

            def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
                super().__init__(*args, **kwargs)
                for f in self.form.fields.values():
                    css = "form-select form-select-sm" if isinstance(f.widget, forms.Select) else "form-control form-control-sm"
                    f.widget.attrs.setdefault("class", css)

        return RecordFilter

    def visible(self, user):  # noqa: ANN001, ANN201
        return scope.filter_records(self.model.objects.select_related("unit"), user).order_by("-year", "-id")

    def get_visible(self, user, pk: int):  # noqa: ANN001, ANN201
        record = get_object_or_404(self.model.objects.select_related("unit"), pk=pk)
        if not scope.can(user, "records.read", record.unit):
            raise PermissionDenied(scope.DENIED_MESSAGE)
        return record

    # -- views -----------------------------------------------------------------------
    def list_view(self, request):  # noqa: ANN001, ANN201
        scope.require(request.user, "records.read")
        filterset = self.filterset_class(request.user)(request.GET or None, queryset=self.visible(request.user))
        qs = filterset.qs if filterset.is_bound and filterset.is_valid() else self.visible(request.user)
        if request.GET.get("format") == "xlsx":
            scope.require(request.user, "records.export")
            audit.record(action=audit.Action.EXPORT, actor=request.user,
                         note=f"导出{self.title}（{qs.count()}条）")
            return xlsx_response(f"{self.title}.xlsx", self.title, self.columns(), qs.iterator(chunk_size=2000))
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        rows = [(r, [self.display(r, n) for n in self.list_columns]) for r in page]
        return render(request, "core/ledger_list.html", {
            "ledger": self, "filter": filterset, "page": page, "rows": rows, "query": query.urlencode(),
            "headers": [self.field_label(n) for n in self.list_columns],
            "can_write": scope.has_capability(request.user, "records.write"),
            "can_export": scope.has_capability(request.user, "records.export"),
        })

    def detail_view(self, request, pk: int):  # noqa: ANN001, ANN201
        record = self.get_visible(request.user, pk)
        fields = [(self.field_label(n), self.display(record, n)) for n in ["unit", "year", "state", *self.form_fields]]
        today = timezone.localdate()
        dls = [(d, deadlines.status(d, today), deadlines.explain(d)) for d in deadlines.deadlines_of(record)]
        return render(request, "core/ledger_detail.html", {
            "ledger": self, "record": record, "fields": fields, "deadlines": dls,
            "transitions": self.model.workflow.available(record, request.user),
            "history": audit.history_of(record)[:50],
            "can_write": scope.can(request.user, "records.write", record.unit),
        })

    def form_view(self, request, pk: int | None = None):  # noqa: ANN001, ANN201
        scope.require(request.user, "records.write")
        record = self.get_visible(request.user, pk) if pk else None
        if record is not None:
            scope.require(request.user, "records.write", record.unit)
        form_class = self.form_class(request.user)
        initial = {} if record else {"year": timezone.localdate().year}
        form = form_class(request.POST or None, instance=record, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = {k: form.cleaned_data[k] for k in form.fields}
            try:
                if record is None:
                    record = record_create(self.model, by=request.user, **data)
                    messages.success(request, "已登记。")
                else:
                    version = int(request.POST.get("version", record.version))
                    record_update(record, by=request.user, expected_version=version, **data)
                    messages.success(request, "已保存。")
                return redirect(self.url("detail", record.pk))
            except ValidationError as exc:
                _attach_errors(form, exc)
        return render(request, "core/ledger_form.html", {"ledger": self, "form": form, "record": record})

    def transition_view(self, request, pk: int, name: str):  # noqa: ANN001, ANN201
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

    def delete_view(self, request, pk: int):  # noqa: ANN001, ANN201
        record = self.get_visible(request.user, pk)
        scope.require(request.user, "records.write", record.unit)
        if request.method == "POST":
            record_delete(record, by=request.user)
            messages.success(request, "已删除。")
            return redirect(self.url("list"))
        return render(request, "core/confirm.html", {
            "ledger": self, "record": record, "question": f"确认删除“{record}”？删除后不可恢复，操作将记入审计日志。",
            "action": "删除", "danger": True, "cancel": self.url("detail", record.pk),
        })

    def urls(self) -> list:
        lr = login_required
        return [
            path("", lr(self.list_view), name="list"),
            path("new/", lr(require_http_methods(["GET", "POST"])(self.form_view)), name="create"),
            path("<int:pk>/", lr(self.detail_view), name="detail"),
            path("<int:pk>/edit/", lr(require_http_methods(["GET", "POST"])(self.form_view)), name="update"),
            path("<int:pk>/do/<slug:name>/", lr(require_http_methods(["GET", "POST"])(self.transition_view)),
                 name="transition"),
            path("<int:pk>/delete/", lr(require_http_methods(["GET", "POST"])(self.delete_view)), name="delete"),
        ]


def _attach_errors(form, exc: ValidationError) -> None:  # noqa: ANN001
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)

