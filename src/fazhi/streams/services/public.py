"""The public side of 政务服务 (spec §3.6, §21): the published catalogue of service items
(政务服务事项清单, 优化营商环境条例 第三十五条), searchable and filterable, and each item's page.

Mounted at /gk/services/ by the manifest's ``public_urls``; it reads
``services.published_catalogue`` only, so drafts and withdrawn items never show."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import path

from fazhi.core.ledger_forms import style_fields
from fazhi.core.models import Unit
from fazhi.streams.services import services
from fazhi.streams.services.models import ItemType

app_name = "gk_services"
PAGE_SIZE = 20
ONLINE_CHOICES = [("", "全部"), ("1", "可网上办理"), ("0", "不可网办")]


def catalogue_units():
    """The units that have items in the current public catalogue."""
    return Unit.objects.filter(pk__in=services.published_catalogue().values("unit")).order_by("path")


class SearchForm(forms.Form):
    q = forms.CharField(label="事项名称或编码", max_length=100, required=False)
    unit = forms.ModelChoiceField(label="实施部门", queryset=Unit.objects.none(), required=False,
                                  empty_label="全部部门")
    item_type = forms.ChoiceField(label="事项类型", choices=[("", "全部类型"), *ItemType.choices], required=False)
    online = forms.ChoiceField(label="网办程度", choices=ONLINE_CHOICES, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = catalogue_units()
        style_fields(self.fields)


def catalogue(request):
    form = SearchForm(request.GET or None)
    filters: dict = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        online = {"1": True, "0": False}.get(data["online"])
        filters = {"q": data["q"].strip(), "unit": data["unit"], "item_type": data["item_type"], "online": online}
    qs = services.published_catalogue(**filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    return render(request, "services/public/catalogue.html", {"form": form, "page": page, "query": query,
                                                             "searched": any(v not in ("", None)
                                                                             for v in filters.values())})


def detail(request, pk: int):
    item = services.published_catalogue().filter(pk=pk).first()
    if item is None:
        raise Http404("未找到该事项或该事项已撤回")
    return render(request, "services/public/detail.html", {"item": item})


urlpatterns = [
    path("", catalogue, name="catalogue"),
    path("item/<int:pk>/", detail, name="detail"),
]
