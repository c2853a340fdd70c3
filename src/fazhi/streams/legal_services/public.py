"""The public side of public legal services (spec §7, §21): a signed-in citizen or company asks
the village's legal adviser a question online (法律咨询), a citizen applies for legal aid online
(法律援助申请); both are followed in "我的办件" with an owner-only detail page.

Mounted at /gk/legal_services/ by the manifest's ``public_urls``; every write goes through
``services.consultation_submit`` / ``services.legal_aid_submit``."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from fazhi.core import once
from fazhi.core.deadlines import due_text
from fazhi.core.identifiers import BAD_ID, is_valid_id_number
from fazhi.core.ledger_forms import style_fields
from fazhi.core.models import Unit
from fazhi.core.registry import MyItem
from fazhi.streams.legal_services import services
from fazhi.streams.legal_services.models import BAD_PHONE, Consultation, LegalAidApplication, phone_is_valid

app_name = "gk_legal_services"

CONSULT_STATUS = {"asked": "待法律顾问解答", "logged": "已解答", "referred": "已解答并转办", "closed": "已办结"}
AID_STATUS = {
    "applied": "已收到，审查中", "supplement": "待补正（请按通知补充材料，补正期间不计入审查期限）",
    "accepted": "已受理，审查中", "granted": "准予法律援助", "refused": "不予法律援助", "assigned": "已指派法律援助人员",
    "closed": "已结案", "withdrawn": "视为撤回申请",
}
AID_DECIDED = {"granted", "refused", "assigned", "closed", "withdrawn"}


def _deny_staff(user) -> None:
    if not user.is_public_user:
        raise PermissionDenied("工作人员请在工作台的公共法律服务台账中登记")


def _add_errors(form: forms.Form, exc: ValidationError) -> None:
    for name, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
        form.add_error(name if name in form.fields else None, errors)


def _clean_phone(value: str) -> str:
    value = (value or "").strip()
    if value and not phone_is_valid(value):
        raise forms.ValidationError(BAD_PHONE)
    return value


# -- 法律咨询 ---------------------------------------------------------------------------------------

class ConsultationForm(once.OnceForm):
    village = forms.ModelChoiceField(label="所在村（社区）", queryset=Unit.objects.none(),
                                     empty_label="请选择村（社区）", help_text="问题将交由该村（社区）的法律顾问解答")
    category = forms.ChoiceField(label="问题类别", choices=[("", "请选择问题类别"), *Consultation.Category.choices])
    question = forms.CharField(label="咨询问题", max_length=300, widget=forms.Textarea(attrs={"rows": 5}),
                               help_text="请简要说明事情经过和想咨询的问题（300字以内）")
    phone = forms.CharField(label="联系电话（可选）", max_length=20, required=False,
                            help_text="法律顾问需要进一步了解情况时联系您")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = services.public_villages()
        style_fields(self.fields)

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("phone", ""))


@login_required
@require_http_methods(["GET", "POST"])
def consult(request):
    _deny_staff(request.user)
    form = ConsultationForm(request.POST or None, initial={"phone": request.user.phone or ""})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if earlier := once.claim(request, form):
            return once.answer_duplicate(request, earlier, reverse("portal:my_items"))
        try:
            record = services.consultation_submit(by=request.user, request=request, village=data["village"],
                                                  category=data["category"], question=data["question"],
                                                  phone=data["phone"])
        except ValidationError as exc:
            once.release(request, form)
            _add_errors(form, exc)
        else:
            once.remember(request, form, reverse("gk_legal_services:consultation", args=[record.pk]))
            messages.success(request, f"已收到您的咨询，编号 {record.tracking_no}。"
                                      f"{record.unit.name}法律顾问解答后，您可在“我的办件”中查看。")
            return redirect("gk_legal_services:consultation", pk=record.pk)
    return render(request, "legal_services/public/consult.html", {"form": form})


@login_required
def consultation(request, pk: int):
    record = Consultation.objects.select_related("unit").filter(
        pk=pk, created_by=request.user, channel=Consultation.Channel.ONLINE).first()
    if record is None:
        raise Http404("未找到该咨询")
    answered = record.state != "asked" and bool(record.answer.strip())
    return render(request, "legal_services/public/consultation.html", {
        "record": record, "status": CONSULT_STATUS.get(record.state, record.state_label), "answered": answered,
    })


# -- 法律援助申请 -------------------------------------------------------------------------------------

class LegalAidForm(once.OnceForm):
    applicant_name = forms.CharField(label="申请人姓名", max_length=50)
    applicant_id_number = forms.CharField(label="公民身份号码", max_length=18,
                                          help_text="仅用于核实申请人身份，不会公开")
    applicant_phone = forms.CharField(label="联系电话", max_length=20)
    applicant_address = forms.CharField(label="住址", max_length=200, required=False)
    case_type = forms.ChoiceField(label="案件类型",
                                  choices=[("", "请选择案件类型"), *LegalAidApplication.CaseType.choices])
    matter = forms.CharField(label="申请事项及事实理由", max_length=200, widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="请说明需要法律援助的事项和主要事实（200字以内）")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self.fields)

    def clean_applicant_id_number(self) -> str:
        value = (self.cleaned_data.get("applicant_id_number") or "").strip().upper()
        if not is_valid_id_number(value):
            raise forms.ValidationError(BAD_ID)
        return value

    def clean_applicant_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("applicant_phone", ""))


@login_required
@require_http_methods(["GET", "POST"])
def apply_aid(request):
    _deny_staff(request.user)
    user = request.user
    if user.kind != user.Kind.CITIZEN:
        raise PermissionDenied("法律援助申请应由公民本人提出，请使用个人账号登录")
    initial = {"applicant_name": user.display_name if user.display_name != user.username else "",
               "applicant_phone": user.phone or ""}
    form = LegalAidForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if earlier := once.claim(request, form):
            return once.answer_duplicate(request, earlier, reverse("portal:my_items"))
        try:
            record = services.legal_aid_submit(by=user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            once.release(request, form)
            _add_errors(form, exc)
        else:
            once.remember(request, form, reverse("gk_legal_services:aid", args=[record.application_no]))
            due = services.aid_decision_due(record)
            messages.success(request, f"已收到您的申请，编号 {record.application_no}，"
                                      f"将在{due_text(due)}前作出是否给予法律援助的决定。" if due else
                                      f"已收到您的申请，编号 {record.application_no}。")
            return redirect("gk_legal_services:aid", application_no=record.application_no)
    return render(request, "legal_services/public/apply_aid.html", {"form": form})


@login_required
def aid(request, application_no: str):
    record = LegalAidApplication.objects.select_related("unit").prefetch_related("deadlines").filter(
        created_by=request.user, application_no=application_no).first()
    if record is None:
        raise Http404("未找到该申请")
    return render(request, "legal_services/public/aid.html", {
        "record": record, "status": AID_STATUS.get(record.state, record.state_label),
        "due": None if record.state in AID_DECIDED else services.aid_decision_due(record),
    })


# -- 我的办件 ---------------------------------------------------------------------------------------

def my_items(user) -> list[MyItem]:
    """The account's own online consultations and legal-aid applications for "我的办件"."""
    if not getattr(user, "is_authenticated", False):
        return []
    items = [MyItem(tracking_no=c.tracking_no, kind="法律咨询", title=f"向{c.unit.name}法律顾问咨询：{c.summary[:30]}",
                    status=CONSULT_STATUS.get(c.state, c.state_label), submitted_on=c.consulted_on,
                    url=reverse("gk_legal_services:consultation", args=[c.pk]))
             for c in Consultation.objects.filter(created_by=user, channel=Consultation.Channel.ONLINE)
             .select_related("unit")]
    for a in LegalAidApplication.objects.filter(created_by=user).prefetch_related("deadlines"):
        items.append(MyItem(tracking_no=a.application_no, kind="法律援助申请",
                            title=f"{a.get_case_type_display()}法律援助：{a.matter[:30]}",
                            status=AID_STATUS.get(a.state, a.state_label), submitted_on=a.applied_on,
                            due=None if a.state in AID_DECIDED else services.aid_decision_due(a),
                            url=reverse("gk_legal_services:aid", args=[a.application_no])))
    return items


urlpatterns = [
    path("consult/", consult, name="consult"),
    path("consult/<int:pk>/", consultation, name="consultation"),
    path("aid/", apply_aid, name="apply_aid"),
    path("aid/<str:application_no>/", aid, name="aid"),
]
