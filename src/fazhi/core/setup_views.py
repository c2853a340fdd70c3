"""The system administrator's setup page: a county's organisation tree from its division code,
with the standard departments ticked (and the county's own added by name)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from fazhi.core import audit, scope
from fazhi.core.actions import attach_errors
from fazhi.core.ledger_forms import style_fields
from fazhi.core.units import Department, setup_division, standard_departments

MAX_EXTRA = 60


class SetupForm(forms.Form):
    division = forms.CharField(label="县级区划代码", max_length=6, min_length=6,
                               help_text="6位统计用区划代码，如 430771（常德市西洞庭管理区）、410621（浚县）")
    departments = forms.MultipleChoiceField(label="部门", required=False,
                                            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    extra = forms.CharField(label="其他部门", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="每行一个：全称，或“全称,简称”")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.standard = standard_departments()
        self.fields["departments"].choices = [(d.name, f"{d.name}（{d.short_name}）") for d in self.standard]
        style_fields({k: f for k, f in self.fields.items() if k != "departments"})

    def clean_extra(self) -> list[Department]:
        lines = [line.strip() for line in self.cleaned_data["extra"].splitlines() if line.strip()]
        if len(lines) > MAX_EXTRA:
            raise ValidationError(f"一次最多添加{MAX_EXTRA}个部门")
        extra = []
        for line in lines:
            name, _, short = (part.strip() for part in line.replace("，", ",").partition(","))
            if not 2 <= len(name) <= 100 or len(short) > 40:
                raise ValidationError(f"“{line}”：部门全称应为2至100个字，简称不超过40个字")
            extra.append(Department(group="本地部门", name=name, short_name=short))
        return extra

    def chosen(self) -> list[Department]:
        ticked = set(self.cleaned_data["departments"])
        return [d for d in self.standard if d.name in ticked] + self.cleaned_data["extra"]


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    scope.require(request.user, "users.manage")
    if request.method == "POST":
        form = SetupForm(request.POST)
        if form.is_valid():
            try:
                summary = setup_division(form.cleaned_data["division"], departments=form.chosen())
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                county = summary.county
                note = (f"建立单位树：{county.name}（{county.code}），乡镇（街道）{summary.townships}个，"
                        f"村（社区）{summary.villages}个，新增部门{summary.departments}个")
                audit.record(action=audit.Action.CREATE, actor=request.user, obj=county, note=note)
                messages.success(request, note + "。")
                return redirect("core:setup")
    else:
        form = SetupForm(initial={"departments": [d.name for d in standard_departments()]})
    groups: dict[str, list] = {}
    for d, box in zip(form.standard, form["departments"], strict=True):
        groups.setdefault(d.group, []).append(box)
    return render(request, "core/setup.html", {"form": form, "groups": groups})
