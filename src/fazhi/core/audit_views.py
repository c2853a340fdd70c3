"""The audit administrator's pages: browse, filter and export the audit log (read only)."""

from __future__ import annotations

import django_filters
from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from fazhi.core import audit, list_filters, scope
from fazhi.core.excel import Column, xlsx_response
from fazhi.core.models import AuditEvent, Unit
from fazhi.core.privacy import MASKERS, declaration


class AuditFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="关键词", method="search")
    actor = django_filters.CharFilter(label="操作人账号", field_name="actor_name", lookup_expr="icontains")
    action = django_filters.ChoiceFilter(label="操作", choices=AuditEvent.Action.choices, empty_label="全部操作")
    unit = django_filters.ModelChoiceFilter(label="单位", queryset=Unit.objects.all(), empty_label="全部单位")
    since = django_filters.DateFilter(label="起始日期", field_name="at", lookup_expr="date__gte",
                                      widget=forms.DateInput(attrs={"type": "date"}))
    until = django_filters.DateFilter(label="截止日期", field_name="at", lookup_expr="date__lte",
                                      widget=forms.DateInput(attrs={"type": "date"}))
    address = django_filters.CharFilter(label="IP地址", field_name="address")

    class Meta:
        model = AuditEvent
        fields = ["q", "actor", "action", "unit", "since", "until", "address"]

    def search(self, qs, name, value):
        return qs.filter(Q(object_repr__icontains=value) | Q(note__icontains=value) | Q(object_type__icontains=value))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for f in self.form.fields.values():
            f.widget.attrs["class"] = "form-select form-select-sm" if isinstance(f.widget, forms.Select) else "form-control form-control-sm"


COLUMNS = [
    Column("时间", lambda e: timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"), 20),
    Column("操作人", lambda e: e.actor_name),
    Column("单位", lambda e: e.unit.name if e.unit else ""),
    Column("IP地址", lambda e: e.address or ""),
    Column("操作", lambda e: e.get_action_display()),
    Column("对象类型", lambda e: e.object_type),
    Column("对象编号", lambda e: e.object_id),
    Column("对象", lambda e: e.object_repr, 30),
    Column("变更前", lambda e: _side(e, 1), 40),
    Column("变更后", lambda e: _side(e, 2), 40),
    Column("说明", lambda e: e.note, 30),
]


def _side(event: AuditEvent, side: int) -> str:
    """One side of an event's changes for the Excel export, as the page reads it: "字段：值" lines
    (``change_lines`` set on the event by the export, personal values masked as on the page)."""
    return "\n".join(f"{label}：{values[side - 1]}" if label else values[side - 1]
                     for label, *values in event.change_lines if values[side - 1])


EMPTY = "（空）"


def _model(label: str):

    try:
        return apps.get_model(label) if "." in label else None
    except LookupError:
        return None


def _field(model, name: str):
    if model is None:
        return None
    for candidate in (name, name.removesuffix("_id")):
        try:
            return model._meta.get_field(candidate)
        except Exception:  # FieldDoesNotExist, or a name that is no field at all
            continue
    return None


def _shown(value, field, model, related: dict) -> str:
    """A stored value as a reader knows it: choice labels, 是/否, the related object's name,
    lists and mappings spelled out — never a Python or JSON literal."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(_shown(v, field, model, related) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{_shown(v, None, None, related)}" for k, v in value.items())
    if field is not None and field.name == "state" and getattr(model, "workflow", None) is not None:
        return model.workflow.label(value)
    choices = dict(getattr(field, "flatchoices", None) or [])
    if str(value) in map(str, choices):
        return str({str(k): v for k, v in choices.items()}[str(value)])
    if field is not None and field.is_relation and field.related_model is not None:
        key = (field.related_model, value)
        if key not in related:
            try:
                related[key] = field.related_model._default_manager.filter(pk=value).first()
            except (ValueError, TypeError):
                related[key] = None
        return str(related[key] or value)
    return str(value)


def change_lines(event: AuditEvent, related: dict | None = None, *,
                 masked: bool = True) -> list[tuple[str, str, str]]:
    """(field label, before, after) of each field an event changed, in the words of the form; the
    values of a model's personal fields masked (core.privacy) unless ``masked`` is False."""
    related = {} if related is None else related
    before, after = event.before or {}, event.after or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return [("", _shown(before, None, None, related), _shown(after, None, None, related))]
    model = _model(event.object_type)
    personal = declaration(model).personal if model is not None and masked else {}
    lines = []
    for name in list(dict.fromkeys([*before, *after])):
        field = _field(model, name)
        label = str(field.verbose_name) if field is not None else name
        kind = personal.get(name)
        sides = []
        for values in (before, after):
            if name not in values:
                sides.append("")
            elif kind is not None and values[name] not in (None, ""):
                sides.append(MASKERS[kind](str(values[name])) if kind in MASKERS else "（已隐藏）")
            else:
                sides.append(_shown(values[name], field, model, related))
        lines.append((label, *sides))
    return lines


def _unmasked(user) -> bool:
    """Personal values in the log are shown in full only to a role that reads personal data county-wide."""
    return scope.covers_all(user, "personal.view")


@login_required
def audit_log(request):
    scope.require(request.user, "audit.view")
    filterset = AuditFilter(request.GET or None, queryset=AuditEvent.objects.select_related("unit"))
    qs = filterset.qs if filterset.is_bound and filterset.is_valid() else AuditEvent.objects.select_related("unit")
    masked = not _unmasked(request.user)
    related: dict = {}

    def readable(events):
        for event in events:
            event.change_lines = change_lines(event, related, masked=masked)
            yield event

    if request.GET.get("format") == "xlsx":
        scope.require(request.user, "audit.export")
        audit.record(action=audit.Action.EXPORT, actor=request.user, note=f"导出审计日志（{qs.count()}条）")
        return xlsx_response("审计日志.xlsx", "审计日志", COLUMNS, readable(qs.iterator(chunk_size=2000)))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    list(readable(page))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "core/audit_log.html", {"filter": filterset, "page": page, "query": query.urlencode(),
                                                   "chips": list_filters.chips_of_form(request.GET, filterset.form)})
