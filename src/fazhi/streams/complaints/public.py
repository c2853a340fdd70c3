"""The public side of 问题举报 (spec §8, §18, §21): the published announcements of the report
channel, an online report form (anonymous allowed), and the status query by tracking number
and query code. A signed-in reporter's reports also appear in 我的办件.

Mounted at /gk/complaints/ by the manifest's ``public_urls``. Every write goes through
``services.complaint_submit``; the reporter's identity is never shown in full."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import once, ratelimit
from fazhi.core.config import setting
from fazhi.core.ledger_forms import style_fields
from fazhi.core.models import Unit
from fazhi.core.registry import MyItem
from fazhi.streams.complaints import services
from fazhi.streams.complaints.models import Announcement, Category, Complaint

app_name = "gk_complaints"
RECEIPT_KEY = "complaints_receipt"
LAST_RECEIPT_KEY = RECEIPT_KEY + ":last"  # shown again only when the same form is sent twice
NOT_FOUND = "受理编号或查询码不正确，请核对后重新输入"


def addressable_units():
    """The bodies a report can be addressed to: the county government, its departments and townships."""
    return Unit.objects.filter(kind__in=(Unit.Kind.GOVERNMENT, Unit.Kind.DEPARTMENT, Unit.Kind.TOWNSHIP),
                               is_active=True).order_by("path")


def open_announcements():
    today = timezone.localdate()
    return [a for a in services.published_announcements(today) if a.accepts_on(today)]


def _limited(request, scope: str, setting_name: str, default: int) -> bool:
    """Count one attempt per account (or address) and per address; True when over the limit."""
    return not ratelimit.public_form_allowed(scope, request, per_hour=setting(setting_name, default))


def _add_errors(form: forms.Form, exc: ValidationError) -> None:
    for name, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
        form.add_error(name if name in form.fields else None, errors)


def index(request):
    return render(request, "complaints/public/index.html", {
        "announcements": services.published_announcements(), "open_ids": {a.pk for a in open_announcements()},
    })


def announcement(request, pk: int):
    notice = services.published_announcements().filter(pk=pk).first()
    if notice is None:
        raise Http404("未找到该公告")
    return render(request, "complaints/public/announcement.html", {
        "notice": notice, "accepting": notice.accepts_on(timezone.localdate()),
    })


class ReportForm(once.OnceForm):
    announcement = forms.ModelChoiceField(label="依据公告", queryset=Announcement.objects.none(), required=False,
                                          empty_label="不针对具体公告")
    unit = forms.ModelChoiceField(label="反映给哪个单位", queryset=Unit.objects.none(), required=False,
                                  empty_label="请选择受理单位", help_text="选择了公告的，由发布公告的单位受理")
    category = forms.ChoiceField(label="问题类别", choices=[("", "请选择问题类别"), *Category.choices])
    subject = forms.CharField(label="反映问题", max_length=200)
    content = forms.CharField(label="举报内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
                              help_text="请写明时间、地点、经过等具体情况")
    reported_party = forms.CharField(label="被举报单位或对象", max_length=200, required=False)
    anonymous = forms.BooleanField(label="匿名举报（不登记姓名）", required=False)
    reporter_name = forms.CharField(label="举报人姓名", max_length=50, required=False,
                                    help_text="实名举报请填写；举报人信息依法保密，不会告知被举报人")
    reporter_phone = forms.CharField(label="联系电话", max_length=20, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ids = [a.pk for a in open_announcements()]
        self.fields["announcement"].queryset = Announcement.objects.filter(pk__in=ids).order_by("-published_on")
        self.fields["unit"].queryset = addressable_units()
        style_fields(self.fields)

    def clean(self):
        data = super().clean()
        if not data.get("announcement") and not data.get("unit"):
            self.add_error("unit", "请选择受理单位")
        if data.get("anonymous"):
            data["reporter_name"] = ""
        elif not (data.get("reporter_name") or "").strip():
            self.add_error("reporter_name", "实名举报请填写举报人姓名；不愿留名的请勾选“匿名举报”")
        return data


@require_http_methods(["GET", "POST"])
def report(request):
    user = request.user
    initial = {}
    if user.is_authenticated:
        initial = {"reporter_name": user.display_name, "reporter_phone": getattr(user, "phone", "") or ""}
    if request.GET.get("announcement", "").isdigit():
        initial["announcement"] = int(request.GET["announcement"])
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if earlier := once.claim(request, form):
            # the first receipt again (its query code is shown only to this session)
            if LAST_RECEIPT_KEY in request.session:
                request.session[RECEIPT_KEY] = request.session[LAST_RECEIPT_KEY]
            return once.answer_duplicate(request, earlier, reverse("gk_complaints:lookup"))
        if _limited(request, "complaint_report", "FAZHI_COMPLAINTS_PUBLIC_PER_HOUR", 5):
            once.release(request, form)
            form.add_error(None, ratelimit.LIMITED_MESSAGE)
        else:
            data = form.cleaned_data
            try:
                record, code = services.complaint_submit(by=user, channel="online", **data)
            except ValidationError as exc:
                once.release(request, form)
                _add_errors(form, exc)
            else:
                receipt = {"tracking_no": record.tracking_no, "code": code, "mine": record.created_by_id is not None}
                request.session[RECEIPT_KEY] = request.session[LAST_RECEIPT_KEY] = receipt
                once.remember(request, form, reverse("gk_complaints:receipt"))
                return redirect("gk_complaints:receipt")
    return render(request, "complaints/public/report.html", {"form": form})


def receipt(request):
    """The tracking number and query code, shown once right after the report."""
    data = request.session.pop(RECEIPT_KEY, None)
    if not data:
        return redirect("gk_complaints:lookup")
    status = services.complaint_lookup(data["tracking_no"], data["code"])
    return render(request, "complaints/public/receipt.html", {"receipt": data, "status": status})


class LookupForm(forms.Form):
    tracking_no = forms.CharField(label="受理编号", max_length=20, help_text="例如 JB2024-0001")
    query_code = forms.CharField(label="查询码", max_length=20, help_text="提交举报时显示的8位查询码")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self.fields)
        self.fields["query_code"].widget.attrs["autocomplete"] = "off"


@require_http_methods(["GET", "POST"])
def lookup(request):
    form = LookupForm(request.POST or None)
    status = None
    if request.method == "POST" and form.is_valid():
        if _limited(request, "complaint_lookup", "FAZHI_COMPLAINTS_LOOKUPS_PER_HOUR", 20):
            form.add_error(None, ratelimit.LIMITED_MESSAGE)
        else:
            status = services.complaint_lookup(form.cleaned_data["tracking_no"], form.cleaned_data["query_code"])
            if status is None:
                form.add_error(None, NOT_FOUND)
    return render(request, "complaints/public/lookup.html", {"form": form, "status": status})


@login_required
def mine(request, tracking_no: str):
    record = Complaint.objects.select_related("unit").filter(created_by=request.user,
                                                             tracking_no=tracking_no.upper()).first()
    if record is None:
        raise Http404("未找到该举报")
    return render(request, "complaints/public/mine.html", {"status": services.public_status(record)})


def my_items(user) -> list[MyItem]:
    """The account's own reports for "我的办件"."""
    if not getattr(user, "is_authenticated", False):
        return []
    items = []
    for c in Complaint.objects.filter(created_by=user).select_related("unit"):
        status = services.public_status(c)
        items.append(MyItem(tracking_no=c.tracking_no, kind="问题举报", title=c.subject, status=status.stage,
                            submitted_on=c.received_on,
                            due=None if c.state in ("replied", "closed") else status.due,
                            url=reverse("gk_complaints:mine", args=[c.tracking_no])))
    return items


urlpatterns = [
    path("", index, name="index"),
    path("notice/<int:pk>/", announcement, name="announcement"),
    path("report/", report, name="report"),
    path("report/done/", receipt, name="receipt"),
    path("lookup/", lookup, name="lookup"),
    path("my/<str:tracking_no>/", mine, name="mine"),
]
