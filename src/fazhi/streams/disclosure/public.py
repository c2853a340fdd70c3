"""The public side of 依申请公开 (spec §4, §21): a signed-in citizen or company files a
request online, follows it in "我的办件", and reads the reply in the account.

Mounted at /gk/disclosure/ by the manifest's ``public_urls``; every write goes through
``services.request_submit``."""

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
from fazhi.core.ledger_forms import style_fields
from fazhi.core.models import Unit
from fazhi.core.registry import MyItem
from fazhi.streams.disclosure import services
from fazhi.streams.disclosure.models import DisclosureRequest

app_name = "gk_disclosure"

# What a citizen is told, by the ledger's state: the office's internal steps read as one.
PUBLIC_STATUS = {
    "received": "已收到", "registered": "已受理", "supplement_requested": "待补正（请按通知补正）",
    "supplemented": "已补正，办理中", "deemed_withdrawn": "视为放弃申请", "under_review": "办理中",
    "third_party_consult": "办理中（征求第三方意见，该期间不计入答复期限）", "extended": "办理中（已依法延期）",
    "secrecy_review": "办理中", "replied": "已答复", "delivered": "已答复", "archived": "已办结",
    "reconsideration": "已办结", "litigation": "已办结",
}
REPLIED_STATES = {"replied", "delivered", "archived", "reconsideration", "litigation"}


def addressable_units():
    """The bodies a request can be addressed to: the county government, its departments and townships."""
    return Unit.objects.filter(kind__in=(Unit.Kind.GOVERNMENT, Unit.Kind.DEPARTMENT, Unit.Kind.TOWNSHIP),
                               is_active=True).order_by("path")


class RequestForm(once.OnceForm):
    unit = forms.ModelChoiceField(label="申请向哪个机关公开", queryset=Unit.objects.none(), empty_label="请选择行政机关")
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=100)
    applicant_id_number = forms.CharField(label="公民身份号码", max_length=18, required=False,
                                          help_text="申请人为公民的填写")
    applicant_credit_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False,
                                            help_text="申请人为法人或其他组织的填写")
    applicant_phone = forms.CharField(label="联系电话", max_length=20)
    applicant_address = forms.CharField(label="通信地址", max_length=200, required=False)
    information = forms.CharField(label="所需政府信息的名称、文号或描述", max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    requested_form = forms.ChoiceField(label="指定提供形式", choices=[("电子文档", "电子文档"), ("纸质", "纸质")])
    delivery_method = forms.ChoiceField(label="获取方式", choices=[("在线查看", "在本站“我的办件”中查看"),
                                                               ("邮寄", "邮寄"), ("自行领取", "自行领取")])

    def __init__(self, *args, company: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = addressable_units()
        if company:
            del self.fields["applicant_id_number"]
            self.fields["applicant_credit_code"].required = True
        else:
            del self.fields["applicant_credit_code"]
            self.fields["applicant_id_number"].required = True
        style_fields(self.fields)


def _deny_staff(user) -> None:
    if not user.is_public_user:
        raise PermissionDenied("工作人员请在工作台的依申请公开台账中登记申请")


@login_required
@require_http_methods(["GET", "POST"])
def submit(request):
    _deny_staff(request.user)
    user = request.user
    initial = {"applicant_name": user.display_name, "applicant_phone": user.phone or "",
               "applicant_credit_code": user.credit_code}
    company = user.kind == user.Kind.COMPANY
    form = RequestForm(request.POST or None, initial=initial, company=company)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if earlier := once.claim(request, form):
            return once.answer_duplicate(request, earlier, reverse("portal:my_items"))
        try:
            record = services.request_submit(by=user, request=request, **data)
        except ValidationError as exc:
            once.release(request, form)
            for name, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            once.remember(request, form, reverse("gk_disclosure:mine", args=[record.request_no]))
            due = services.reply_due(record)
            messages.success(request, f"已收到您的申请，受理编号 {record.request_no}，"
                                      f"法定答复期限为{due_text(due)}（20个工作日）。" if due else
                                      f"已收到您的申请，受理编号 {record.request_no}。")
            return redirect("gk_disclosure:mine", request_no=record.request_no)
    return render(request, "disclosure/public/submit.html", {"form": form, "company": company})


@login_required
def mine(request, request_no: str):
    record = DisclosureRequest.objects.select_related("unit").filter(
        created_by=request.user, request_no=request_no).first()
    if record is None:
        raise Http404("未找到该申请")
    return render(request, "disclosure/public/mine.html", {
        "record": record, "status": PUBLIC_STATUS.get(record.state, record.state_label),
        "due": services.reply_due(record), "replied": record.state in REPLIED_STATES,
    })


def my_items(user) -> list[MyItem]:
    """The account's own requests for "我的办件"."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = DisclosureRequest.objects.filter(created_by=user).select_related("unit").prefetch_related("deadlines")
    return [MyItem(tracking_no=r.request_no, kind="依申请公开", title=f"向{r.unit.name}申请：{r.information[:30]}",
                   status=PUBLIC_STATUS.get(r.state, r.state_label), submitted_on=r.submitted_on,
                   due=None if r.state in REPLIED_STATES else services.reply_due(r),
                   url=reverse("gk_disclosure:mine", args=[r.request_no]))
            for r in rows]


urlpatterns = [
    path("apply/", submit, name="submit"),
    path("my/<str:request_no>/", mine, name="mine"),
]
