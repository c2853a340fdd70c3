from __future__ import annotations

import json
from urllib.parse import quote

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from fazhi.core import audit, scope
from fazhi.core.actions import sub_record_action
from fazhi.core.excel import xlsx_response
from fazhi.core.ledger_views import Ledger
from fazhi.streams.assessment import formulas, services
from fazhi.streams.assessment import render as results
from fazhi.streams.assessment.importers import SCHEME_IMPORT
from fazhi.streams.assessment.models import (
    HAND_WRITTEN,
    UNIT_KINDS,
    AssessmentItem,
    AssessmentScheme,
    Objection,
    ScoreSheet,
)

MANAGE = services.MANAGE
ITEM_LABELS = {f.name: str(f.verbose_name) for f in AssessmentItem._meta.fields}


class SchemeLedger(Ledger):
    def extra_context(self, request, record):
        manager = scope.has_capability(request.user, MANAGE)
        return {
            "items": record.items.all(), "can_manage": manager, "kinds": UNIT_KINDS,
            "item_form": ItemForm(prefix="item") if manager and not record.frozen else None,
            "copy_form": CopyForm(prefix="copy", initial={"year": record.year + 1}) if manager else None,
            "sheet_count": scope.filter_records(record.sheets.all(), request.user).count(),
        }


class SheetLedger(Ledger):
    """Sheets are written by the scoring run, never by hand; a unit reads only its own."""

    def form_view(self, request, pk=None):
        raise PermissionDenied(HAND_WRITTEN)

    def delete_view(self, request, pk):
        raise PermissionDenied("评分表由考核评分生成，不能删除")

    def extra_context(self, request, record):
        manager = scope.has_capability(request.user, MANAGE)
        frozen = record.scheme.frozen
        due = record.objection_due()
        may_object = (not frozen and scope.can(request.user, "records.write", record.unit)
                      and (due is None or timezone.localdate() <= due))
        scores = list(record.scores.select_related("item").prefetch_related("objections"))
        return {
            "scores": scores, "can_write": False, "manager": manager and not frozen, "due": due,
            "objection_form": ObjectionForm(prefix="obj", sheet=record) if may_object else None,
            "objections": Objection.objects.filter(score__sheet=record).select_related("score__item"),
            "judge_form": JudgeForm(prefix="judge", sheet=record) if manager and not frozen else None,
            "decide_form": DecideForm(prefix="decide") if manager and not frozen else None,
        }


SCHEMES = SchemeLedger(
    model=AssessmentScheme,
    namespace="assessment:schemes",
    title="考核方案",
    form_fields=["year", "name", "issuer", "issued_on", "note"],
    list_columns=["year", "name", "issuer", "unit", "state"],
    search_fields=["name", "issuer"],
    widgets={"note": forms.Textarea(attrs={"rows": 3})},
    date_field="issued_on",
    import_spec=SCHEME_IMPORT,
    detail_template="assessment/scheme_detail.html",
    unit_label="印发单位",
)

SHEETS = SheetLedger(
    model=ScoreSheet,
    namespace="assessment:sheets",
    title="考核评分表",
    form_fields=[],
    detail_fields=["scheme", "score", "max_score", "rank", "vetoed", "scored_on"],
    list_columns=["year", "unit", "score", "max_score", "rank", "vetoed", "state"],
    filter_fields=["vetoed"],
    detail_template="assessment/sheet_detail.html",
    unit_label="被考核单位",
)


# -- forms --------------------------------------------------------------------------------------

class ItemForm(forms.Form):
    key = forms.SlugField(label="指标代码", max_length=40, help_text="如 disclosure_on_time；同代码即修改该项")
    label = forms.CharField(label="考核内容", max_length=200)
    max_points = forms.DecimalField(label="分值", max_digits=6, decimal_places=2)
    kinds = forms.MultipleChoiceField(label="适用单位类型", choices=list(UNIT_KINDS.items()),
                                      widget=forms.CheckboxSelectMultiple)
    method = forms.ChoiceField(label="计分方式", choices=AssessmentItem.Method.choices)
    indicator = forms.CharField(label="绑定指标", max_length=80, required=False, help_text="指标库中的代码")
    formula = forms.ChoiceField(label="计分规则", required=False,
                                choices=[("", "（评审打分）")] + [(k, f"{k}：{f.label}") for k, f in
                                                           formulas.FORMULAS.items()])
    params = forms.CharField(label="规则参数", required=False, help_text='JSON，如 {"target": 100, "minus_per_point": 0.5}')
    mark = forms.ChoiceField(label="依据类别", choices=AssessmentItem.Mark.choices, required=False,
                             initial=AssessmentItem.Mark.UNCONFIRMED)
    basis = forms.CharField(label="指标来源", max_length=200, required=False)
    sort_order = forms.IntegerField(label="排序", min_value=0, required=False)

    def clean_params(self) -> dict:
        text = self.cleaned_data["params"].strip()
        if not text:
            return {}
        try:
            return json.loads(text)
        except ValueError:
            raise forms.ValidationError("规则参数应为 JSON 对象，如 {\"target\": 100}") from None

    def clean_mark(self) -> str:
        return self.cleaned_data["mark"] or AssessmentItem.Mark.UNCONFIRMED

    def clean_sort_order(self) -> int:
        return self.cleaned_data["sort_order"] or 0


class CopyForm(forms.Form):
    year = forms.IntegerField(label="新方案年度", min_value=2000, max_value=2100)


class JudgeForm(forms.Form):
    item = forms.ChoiceField(label="考核指标")
    points = forms.DecimalField(label="得分", max_digits=6, decimal_places=2)
    reason = forms.CharField(label="打分理由", max_length=300)
    evidence_link = forms.CharField(label="佐证（记录链接或材料说明）", max_length=300, required=False)
    evidence_file = forms.FileField(label="或上传佐证材料（.pdf、.docx、.jpg、.png）", required=False,
                                    widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.jpg,.jpeg,.png"}))

    def __init__(self, *args, sheet: ScoreSheet | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if sheet is not None:
            self.fields["item"].choices = [(s.item.key, s.item.label) for s in sheet.scores.select_related("item")
                                           if s.item.method == formulas.JUDGEMENT]


class ObjectionForm(forms.Form):
    item = forms.ChoiceField(label="申辩的考核指标")
    reason = forms.CharField(label="申辩理由", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, sheet: ScoreSheet | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if sheet is not None:
            self.fields["item"].choices = [(s.item.key, s.item.label) for s in sheet.scores.select_related("item")]


class DecideForm(forms.Form):
    objection = forms.IntegerField(widget=forms.HiddenInput)
    upheld = forms.TypedChoiceField(label="复核结论", choices=[("0", "申辩不成立"), ("1", "申辩成立")],
                                    coerce=lambda v: v == "1")
    decision = forms.CharField(label="复核意见", max_length=300)
    points = forms.DecimalField(label="改定后的得分", max_digits=6, decimal_places=2, required=False)


# -- record actions -----------------------------------------------------------------------------

def _manage(request, ledger, pk, service, success, form=None, form_kwargs=None, target=None):
    return sub_record_action(request, ledger, pk, form=form, form_kwargs=form_kwargs, service=service,
                             success=success, target=target, labels=ITEM_LABELS, capability=MANAGE,
                             denied="只有依法治区办统筹人员可以办理考核")


@login_required
def item_save(request, pk: int):
    return _manage(request, SCHEMES, pk, form=ItemForm, form_kwargs={"prefix": "item"},
                   service=lambda scheme, by, **d: services.item_save(scheme, by=by, **d),
                   success=lambda d, item: f"已保存考核指标“{item.label}”。")


class RemoveForm(forms.Form):
    key = forms.SlugField(max_length=40)


@login_required
def item_remove(request, pk: int):
    return _manage(request, SCHEMES, pk, form=RemoveForm, service=services.item_remove, success="已删除该考核指标。")


@login_required
def scheme_copy(request, pk: int):
    return _manage(request, SCHEMES, pk, form=CopyForm, form_kwargs={"prefix": "copy"}, service=services.scheme_copy,
                   success=lambda d, new: f"已复制为“{new.name}”（草稿），请在考核方案列表中打开编辑。")


@login_required
def score_run(request, pk: int):
    return _manage(request, SCHEMES, pk, service=services.score_run,
                   success=lambda d, n: f"已完成考核评分：{n}个单位。各单位可在申辩期限内提出申辩。")


@login_required
def scheme_approve(request, pk: int):
    return _manage(request, SCHEMES, pk, service=services.scheme_approve, success="已审定考核结果，评分表已冻结。")


@login_required
def scheme_publish(request, pk: int):
    return _manage(request, SCHEMES, pk, service=services.scheme_publish, success="已内部通报考核结果。")


@login_required
def judge(request, pk: int):
    return _manage(request, SHEETS, pk, form=JudgeForm,
                   form_kwargs=lambda sheet: {"prefix": "judge", "sheet": sheet, "files": request.FILES},
                   service=services.judgement_enter, success="已保存评审打分。")


@login_required
def evidence_download(request, pk: int, score: int):
    """The uploaded evidence of one judgement score, for whoever may read the sheet."""
    sheet = SHEETS.get_visible(request.user, pk)
    row = sheet.scores.select_related("item").filter(pk=score).first()
    if row is None or not row.evidence_file:
        raise Http404
    kind = row.evidence_file.name.rsplit(".", 1)[-1]
    return FileResponse(row.evidence_file.open("rb"), as_attachment=True, filename=f"{sheet}{row.item.label}佐证.{kind}")


@login_required
def object_(request, pk: int):
    return sub_record_action(request, SHEETS, pk, form=ObjectionForm,
                             form_kwargs=lambda sheet: {"prefix": "obj", "sheet": sheet},
                             service=services.objection_file, success="已提出申辩，等待依法治区办复核。",
                             denied="只能对本单位的评分表提出申辩")


@login_required
def decide(request, pk: int):
    def service(sheet, by, objection, **d):
        found = Objection.objects.filter(pk=objection, score__sheet=sheet).first()
        if found is None:
            raise Http404
        return services.objection_decide(found, by=by, **d)
    return _manage(request, SHEETS, pk, form=DecideForm, form_kwargs={"prefix": "decide"}, service=service,
                   success=lambda d, o: f"已复核申辩：{o.get_state_display()}。")


# -- ranking ------------------------------------------------------------------------------------

@login_required
def ranking(request):
    """Ranking per unit kind and the score distribution of a year's scheme. Before the results are
    published internally only those who read every unit (依法治区办, leaders) see it."""
    scope.require(request.user, "records.read")
    # the schemes of the government(s) the user reads: never another county's
    readable = scope.units_for(request.user, "records.read")
    schemes = (AssessmentScheme.objects.exclude(state="draft").filter(sheets__unit__in=readable)
               .distinct().order_by("-year", "-id"))
    year = request.GET.get("year")
    scheme = schemes.filter(year=int(year)).first() if year and year.isdigit() and len(year) <= 4 else schemes.first()
    sees_all = scheme is not None and scope.can(request.user, "records.read", scheme.government())
    visible = scheme is not None and (sees_all or scheme.state == "published")
    if visible and request.GET.get("format") in ("xlsx", "docx"):
        scope.require(request.user, "records.export")
        audit.record(action=audit.Action.EXPORT, actor=request.user, obj=scheme, note=f"导出{scheme.year}年考核排名")
        if request.GET["format"] == "xlsx":
            return xlsx_response(f"{scheme.year}年法治建设考核排名.xlsx", "考核排名", results.ranking_columns(scheme),
                                 results.sheets_of(scheme))
        response = HttpResponse(results.docx_bytes(scheme), content_type="application/vnd.openxmlformats-"
                                "officedocument.wordprocessingml.document")
        name = quote(f"{scheme.year}年度法治建设考核结果通报.docx")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
        return response
    groups = [(label, sheets, results.distribution(sheets))
              for label, sheets in (results.by_kind(scheme) if visible else [])]
    own = list(scope.filter_records(ScoreSheet.objects.filter(scheme=scheme), request.user)) if scheme else []
    return render(request, "assessment/ranking.html", {
        "scheme": scheme, "visible": visible, "years": sorted({s.year for s in schemes}, reverse=True),
        "groups": groups,
        "own": own, "readable": {s.pk for s in own},
        "chart": [{"bands": [b for b, _ in dist], "counts": [n for _, n in dist]} for _, _, dist in groups],
    })


def scheme_urls() -> list:
    return SCHEMES.urls() + [
        path("<int:pk>/item/", item_save, name="item"),
        path("<int:pk>/item-remove/", item_remove, name="item_remove"),
        path("<int:pk>/copy/", scheme_copy, name="copy"),
        path("<int:pk>/run/", score_run, name="run"),
        path("<int:pk>/approve/", scheme_approve, name="approve"),
        path("<int:pk>/publish/", scheme_publish, name="publish"),
    ]


def sheet_urls() -> list:
    return SHEETS.urls() + [
        path("<int:pk>/judge/", judge, name="judge"),
        path("<int:pk>/evidence/<int:score>/", evidence_download, name="evidence"),
        path("<int:pk>/object/", object_, name="object"),
        path("<int:pk>/decide/", decide, name="decide"),
    ]


