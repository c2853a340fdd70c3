"""The public side of 重大行政决策 (spec §5.6, §21.2; 条例 第三条、第十五条、第三十二条):
the published catalogues of decision matters, drafts open for public comment with an online
comment form, and the published decisions with their opinion-adoption summaries.

Mounted at /gk/decisions/ by the manifest's ``public_urls``. Comments are written through
``services.comment_submit``; they are never shown publicly (only their number)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import ratelimit
from fazhi.core.config import setting
from fazhi.core.ledger_forms import style_fields
from fazhi.streams.decisions import services
from fazhi.streams.decisions.models import CatalogueItem, Decision, DecisionCatalogue
from fazhi.streams.decisions.workflow import PARTICIPATION

app_name = "gk_decisions"


def published_drafts(today=None):
    """Drafts whose comment period has begun while they are still in 征求意见 (open or just closed)."""
    today = today or timezone.localdate()
    return (Decision.objects.filter(state="consulting", secret=False, procedures__kind=PARTICIPATION,
                                    procedures__started_on__lte=today, procedures__ended_on__isnull=False)
            .select_related("unit").distinct())


def index(request):
    today = timezone.localdate()
    catalogues = DecisionCatalogue.objects.public(today).select_related("unit")
    years = sorted(set(catalogues.values_list("year", flat=True)), reverse=True)
    try:
        year = int(request.GET.get("year") or (years[0] if years else today.year))
    except ValueError:
        year = years[0] if years else today.year
    shown = [(c, CatalogueItem.objects.public(today).filter(catalogue=c).select_related("unit").order_by("seq", "id"))
             for c in catalogues.filter(year=year).order_by("unit__path")]
    open_ids = set(Decision.objects.open_for_comment(today).values_list("pk", flat=True))
    drafts = [(d, d.comment_period(), d.pk in open_ids) for d in published_drafts(today).order_by("-id")]
    decided = Decision.objects.public(today).select_related("unit").order_by("-published_on", "-id")[:50]
    return render(request, "decisions/public/index.html", {
        "catalogues": shown, "years": years, "year": year, "drafts": drafts, "decided": decided,
    })


class CommentForm(forms.Form):
    name = forms.CharField(label="姓名", required=False, help_text="可不填；填写的不会公开")
    contact = forms.CharField(label="联系方式", required=False,
                              help_text="手机号码、固定电话或电子邮箱，可不填；仅用于就意见与您联系，不会公开")
    # checked by services.comment_submit, which reports every bad field at once
    text = forms.CharField(label="意见内容", required=False, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self.fields)


def _visible_decision(pk: int) -> Decision:
    decision = Decision.objects.select_related("unit").filter(pk=pk).first()
    if decision is None or not (decision.is_public or published_drafts().filter(pk=pk).exists()):
        raise Http404("未找到该决策事项")
    return decision


def _limited(request) -> bool:
    return not ratelimit.public_form_allowed("decision_comment", request,
                                             per_hour=setting("FAZHI_DECISIONS_COMMENTS_PER_HOUR", 10))


@require_http_methods(["GET", "POST"])
def detail(request, pk: int):
    decision = _visible_decision(pk)
    is_open = services.comment_is_open(decision)
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if _limited(request):
            form.add_error(None, ratelimit.LIMITED_MESSAGE)
        elif form.is_valid():
            try:
                services.comment_submit(decision, **form.cleaned_data)
            except ValidationError as exc:
                for name, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                messages.success(request, "您的意见已提交，感谢参与。决策承办单位将研究您的意见，"
                                          "并在公布决策时一并说明公众意见的采纳情况。")
                return redirect("gk_decisions:detail", pk=decision.pk)
    return render(request, "decisions/public/detail.html", {
        "decision": decision, "period": decision.comment_period(), "is_open": is_open, "form": form,
        "comment_count": decision.comments.count(),
    }, status=200)


urlpatterns = [
    path("", index, name="index"),
    path("<int:pk>/", detail, name="detail"),
]
