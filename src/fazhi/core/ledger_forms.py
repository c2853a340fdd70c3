"""Forms and filters built from a ledger declaration."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from fazhi.core import scope
from fazhi.core.calendar import add_working_days
from fazhi.core.ledger import Record
from fazhi.core.models import Deadline
from fazhi.core.units import unit_choices

DUE_SOON_WORKING_DAYS = 3


def style_fields(fields: dict) -> None:
    for f in fields.values():
        widget = f.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)


def record_form_class(ledger, user) -> type[forms.ModelForm]:
    model = ledger.model
    date_widgets = {f.name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                    for f in model._meta.fields if f.get_internal_type() == "DateField"}

    class RecordForm(forms.ModelForm):
        unit = forms.ModelChoiceField(queryset=scope.units_for(user, "records.write", ledger.model), label=ledger.unit_label,
                                      empty_label="请选择单位")

        class Meta:
            fields = ["unit", "year", *ledger.form_fields]
            widgets = {**date_widgets, **ledger.widgets}

        Meta.model = model

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            limit_related_choices(self.fields, user, exclude={"unit"})
            style_fields(self.fields)

    return RecordForm


def limit_related_choices(fields: dict, user, exclude: set[str] = frozenset()) -> None:
    """A form's choices of other ledger records (a case's committee, a hearing's case) offer
    only the records the user may read: no other unit's case names leak through a drop-down."""

    for name, f in fields.items():
        queryset = getattr(f, "queryset", None)
        if name in exclude or queryset is None:
            continue
        if issubclass(queryset.model, Record):
            f.queryset = scope.filter_records(queryset, user)


def open_deadlines(model) -> Deadline:

    return Deadline.objects.filter(content_type=ContentType.objects.get_for_model(model), met_on__isnull=True,
                                   object_id=OuterRef("pk"))


DUE_CHOICES = [("overdue", "已超期"), ("soon", f"{DUE_SOON_WORKING_DAYS}个工作日内到期")]


def record_filter_class(ledger, user) -> type[django_filters.FilterSet]:
    model = ledger.model

    class RecordFilter(django_filters.FilterSet):
        q = django_filters.CharFilter(label="关键词", method="search")
        unit = django_filters.ModelChoiceFilter(label=ledger.unit_label, queryset=scope.units_for(user, "records.read", ledger.model),
                                                empty_label="全部单位", method="in_unit")
        year = django_filters.NumberFilter(label="年度")
        state = django_filters.ChoiceFilter(label="状态", choices=model.workflow.choices, empty_label="全部状态")
        due = django_filters.ChoiceFilter(label="期限", choices=DUE_CHOICES, empty_label="全部", method="by_due")

        class Meta:
            fields = ["q", "unit", "year", "state", *ledger.filter_fields, "due"]

        Meta.model = model

        def search(self, qs, name, value):
            """Personal fields are searched only in records whose personal data the user may
            see: a masked reader must not confirm a name by searching for it."""
            if not ledger.search_fields:
                return qs
            cond, personal = Q(), Q()
            for f in ledger.search_fields:
                if f in model.personal_fields:
                    personal |= Q(**{f"{f}__icontains": value})
                else:
                    cond |= Q(**{f"{f}__icontains": value})
            if personal:
                if not scope.covers_all(user, "personal.view", model):
                    personal &= Q(unit__in=scope.units_for(user, "personal.view", model))
                cond |= personal
            return qs.filter(cond)

        def in_unit(self, qs, name, value):
            return qs.filter(unit__path__startswith=value.path)

        def by_due(self, qs, name, value):
            today = timezone.localdate()
            if value == "overdue":
                return qs.filter(Exists(open_deadlines(model).filter(due__lt=today)))
            limit = add_working_days(today, DUE_SOON_WORKING_DAYS)
            return qs.filter(Exists(open_deadlines(model).filter(due__gte=today, due__lte=limit)))

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            for f in self.form.fields.values():
                small = "form-select form-select-sm" if isinstance(f.widget, forms.Select) else "form-control form-control-sm"
                f.widget.attrs.setdefault("class", small)
            # Validation takes any unit in scope; the list shows the levels that fit.
            unit_field = self.form.fields["unit"]
            unit_field.widget.choices = unit_choices(unit_field.queryset, self.data.get("unit") if self.data else None)

    if ledger.date_field:
        label = str(model._meta.get_field(ledger.date_field).verbose_name)
        date_input = forms.DateInput(attrs={"type": "date"})
        RecordFilter.base_filters["since"] = django_filters.DateFilter(
            label=f"{label}起", field_name=ledger.date_field, lookup_expr="gte", widget=date_input)
        RecordFilter.base_filters["until"] = django_filters.DateFilter(
            label=f"{label}止", field_name=ledger.date_field, lookup_expr="lte", widget=date_input)
    return RecordFilter
