"""双随机、一公开 over the API (/api/v1/inspections/…): executed draws with the public data
anyone can check with ``verify.py``, and the published results. Both are public information,
so they need no credentials — the same data as /gk/inspections/."""

# No ``from __future__ import annotations``: ninja reads the view signatures at runtime.

from typing import Any

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Path, Query, Schema

from fazhi.api.ledgers import MAX_ID, MAX_OFFSET, MAX_YEAR, MIN_YEAR, NO_NUL, error_responses
from fazhi.api.public import Page, text
from fazhi.streams.inspections import services
from fazhi.streams.inspections.models import Draw, InspectionResult

MAX_LIMIT = 200


class DrawOut(Schema):
    model_config = {"title": "抽取"}
    id: int = text("抽取 id")
    task: str = text("抽查任务")
    unit: str = text("实施单位")
    item: str = text("抽查事项")
    sequence: int = text("抽取序号", "同一任务的第几次抽取（重新抽取时递增）")
    executed_at: str = text("执行时间", "执行时间（ISO 8601）")
    commitment: dict[str, Any] = text("承诺值", "抽取前公布的承诺（种子的摘要等）")
    verification_url: str = text("复核数据地址", "公开复核数据的接口地址")


class DrawPage(Page):
    model_config = {"title": "抽取列表"}
    results: list[DrawOut] = text("本页抽取")


class DrawData(Schema):
    model_config = {"title": "抽取复核数据", "extra": "allow"}
    format: Any = text("数据格式", "复核数据的格式标识（fazhi verify-draw 读取）")
    draw: dict[str, Any] = text("抽取信息", "任务、单位、事项、序号、见证人、承诺及执行时间")
    commitment: Any = text("承诺值", "抽取前公布的承诺")
    params: Any = text("抽取参数")
    eligible_entities: Any = text("备选检查对象")
    eligible_inspectors: Any = text("备选检查人员")
    seed: str | None = text("种子", "执行后公开的种子（十六进制）")
    result: Any = text("抽取结果")


class ResultOut(Schema):
    model_config = {"title": "抽查结果"}
    unit: str = text("实施单位")
    task: str = text("抽查任务")
    item: str = text("抽查事项")
    entity: str = text("检查对象名称")
    credit_code: str = text("统一社会信用代码")
    inspected_on: str | None = text("检查日期")
    result: str = text("检查结果")
    follow_up: str = text("后续处理")
    published_on: str | None = text("公示日期")
    inspectors: str = text("检查人员", "检查人员（姓名脱敏）")
    credit_china_url: str = text("信用中国查询地址")


class ResultPage(Page):
    model_config = {"title": "抽查结果列表"}
    results: list[ResultOut] = text("本页结果")


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def mount(api: NinjaAPI) -> None:
    tags = ["双随机、一公开（公开数据）"]

    @api.get("/inspections/draws/", response=DrawPage, auth=None, tags=tags, summary="已执行的抽取",
             operation_id="inspections_draws_list", openapi_extra={"responses": error_responses(422)})
    def draws(request,
              year: int | None = Query(None, ge=MIN_YEAR, le=MAX_YEAR, title="执行年度", description="执行年度"),
              limit: int = Query(50, ge=1, le=MAX_LIMIT, title="每页条数", description=f"每页条数（最多 {MAX_LIMIT}）"),
              offset: int = Query(0, ge=0, le=MAX_OFFSET, title="跳过的条数", description="跳过的条数")):
        qs = Draw.objects.filter(executed_at__isnull=False).select_related("task__unit", "task__item")
        if year is not None:
            qs = qs.filter(executed_at__year=year)
        qs = qs.order_by("-executed_at", "-id")
        rows = [{"id": d.pk, "task": d.task.title, "unit": d.task.unit.name, "item": d.task.item.name,
                 "sequence": d.sequence, "executed_at": d.executed_at.isoformat(), "commitment": d.commitment,
                 "verification_url": f"/api/v1/inspections/draws/{d.pk}/"}
                for d in qs[offset:offset + limit]]
        return {"count": qs.count(), "limit": limit, "offset": offset, "results": rows}

    @api.get("/inspections/draws/{id}/", response=DrawData, auth=None, tags=tags,
             summary="抽取的公开复核数据（fazhi verify-draw 可复核）", operation_id="inspections_draws_get",
             openapi_extra={"responses": error_responses(404, 422)})
    def draw(request, id: int = Path(..., ge=1, le=MAX_ID, title="抽取 id", description="已执行抽取的 id")):
        found = get_object_or_404(Draw.objects.filter(executed_at__isnull=False)
                                  .select_related("task__unit", "task__item", "previous"), pk=id)
        return services.public_json(found)

    @api.get("/inspections/results/", response=ResultPage, auth=None, tags=tags, summary="已公示的抽查结果",
             operation_id="inspections_results_list", openapi_extra={"responses": error_responses(422)})
    def results(request,
                q: str | None = Query(None, max_length=100, pattern=NO_NUL, title="关键词",
                                      description="主体名称或统一社会信用代码"),
                year: int | None = Query(None, ge=MIN_YEAR, le=MAX_YEAR, title="检查年度", description="检查年度"),
                limit: int = Query(50, ge=1, le=MAX_LIMIT, title="每页条数", description=f"每页条数（最多 {MAX_LIMIT}）"),
                offset: int = Query(0, ge=0, le=MAX_OFFSET, title="跳过的条数", description="跳过的条数")):
        qs = InspectionResult.objects.all()
        if q and q.strip():
            qs = qs.filter(Q(entity_name__icontains=q.strip()) | Q(credit_code__iexact=q.strip()))
        if year is not None:
            qs = qs.filter(inspected_on__year=year)
        qs = services.published_results(qs)
        page = [{**r, "inspected_on": _iso(r["inspected_on"]), "published_on": _iso(r["published_on"])}
                for r in map(services.public_row, qs[offset:offset + limit])]
        return {"count": qs.count(), "limit": limit, "offset": offset, "results": page}
