"""双随机、一公开 over the API (/api/v1/inspections/…): executed draws with the public data
anyone can check with ``verify.py``, and the published results. Both are public information,
so they need no credentials — the same data as /gk/inspections/."""

# No ``from __future__ import annotations``: ninja reads the view signatures at runtime.

from typing import Any

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query, Schema

from fazhi.streams.inspections import services
from fazhi.streams.inspections.models import Draw, InspectionResult

MAX_LIMIT = 200


class DrawOut(Schema):
    id: int
    task: str
    unit: str
    item: str
    sequence: int
    executed_at: str
    commitment: dict[str, Any]
    verification_url: str


class DrawPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[DrawOut]


class ResultOut(Schema):
    unit: str
    task: str
    item: str
    entity: str
    credit_code: str
    inspected_on: str | None
    result: str
    follow_up: str
    published_on: str | None
    inspectors: str
    credit_china_url: str


class ResultPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[ResultOut]


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def mount(api: NinjaAPI) -> None:
    tags = ["双随机、一公开（公开数据）"]

    @api.get("/inspections/draws/", response=DrawPage, auth=None, tags=tags, summary="已执行的抽取",
             operation_id="inspections_draws_list")
    def draws(request,
              year: int | None = Query(None, ge=2000, le=2100, description="执行年度"),
              limit: int = Query(50, ge=1, le=MAX_LIMIT, description=f"每页条数（最多 {MAX_LIMIT}）"),
              offset: int = Query(0, ge=0, le=10_000_000, description="跳过的条数")):
        qs = Draw.objects.filter(executed_at__isnull=False).select_related("task__unit", "task__item")
        if year is not None:
            qs = qs.filter(executed_at__year=year)
        qs = qs.order_by("-executed_at", "-id")
        rows = [{"id": d.pk, "task": d.task.title, "unit": d.task.unit.name, "item": d.task.item.name,
                 "sequence": d.sequence, "executed_at": d.executed_at.isoformat(), "commitment": d.commitment,
                 "verification_url": f"/api/v1/inspections/draws/{d.pk}/"}
                for d in qs[offset:offset + limit]]
        return {"count": qs.count(), "limit": limit, "offset": offset, "results": rows}

    @api.get("/inspections/draws/{id}/", response=dict[str, Any], auth=None, tags=tags,
             summary="抽取的公开复核数据（fazhi verify-draw 可复核）", operation_id="inspections_draws_get")
    def draw(request, id: int):
        found = get_object_or_404(Draw.objects.filter(executed_at__isnull=False)
                                  .select_related("task__unit", "task__item", "previous"), pk=id)
        return services.public_json(found)

    @api.get("/inspections/results/", response=ResultPage, auth=None, tags=tags, summary="已公示的抽查结果",
             operation_id="inspections_results_list")
    def results(request,
                q: str | None = Query(None, max_length=100, description="主体名称或统一社会信用代码"),
                year: int | None = Query(None, ge=2000, le=2100, description="检查年度"),
                limit: int = Query(50, ge=1, le=MAX_LIMIT, description=f"每页条数（最多 {MAX_LIMIT}）"),
                offset: int = Query(0, ge=0, le=10_000_000, description="跳过的条数")):
        qs = InspectionResult.objects.all()
        if q and q.strip():
            qs = qs.filter(Q(entity_name__icontains=q.strip()) | Q(credit_code__iexact=q.strip()))
        if year is not None:
            qs = qs.filter(inspected_on__year=year)
        qs = services.published_results(qs)
        page = [{**r, "inspected_on": _iso(r["inspected_on"]), "published_on": _iso(r["published_on"])}
                for r in map(services.public_row, qs[offset:offset + limit])]
        return {"count": qs.count(), "limit": limit, "offset": offset, "results": page}
