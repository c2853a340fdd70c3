"""Every error the API returns is JSON with a Chinese ``detail`` (and ``errors`` per field)."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from fazhi.api.auth import RateLimited
from fazhi.api.batch import BatchInvalid

FORBIDDEN = "无权访问"
NOT_FOUND = "记录不存在或无权查看"
INVALID = "数据校验未通过"
TOO_BIG = "请求体过大，请拆分后分批提交"

logger = logging.getLogger("django.request")

# Pydantic error types (query parameters, JSON bodies) in Chinese.
PYDANTIC_MESSAGES = {
    "missing": "必填",
    "extra_forbidden": "未知字段",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "date_parsing": "日期格式应为 YYYY-MM-DD",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
    "datetime_parsing": "时间格式应为 ISO 8601（如 2024-05-01T08:00:00+08:00）",
    "datetime_from_date_parsing": "时间格式应为 ISO 8601（如 2024-05-01T08:00:00+08:00）",
    "string_type": "应为文本",
    "dict_type": "应为 JSON 对象",
    "model_attributes_type": "应为 JSON 对象",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "json_invalid": "不是有效的 JSON",
    "literal_error": "不是可选值之一",
    "enum": "不是可选值之一",
    "string_too_long": "过长",
    "string_pattern_mismatch": "格式不正确",
    "greater_than": "数值过小",
    "less_than": "数值过大",
}
# A value outside an enum, said in the words of the parameter it was given for.
ENUM_MESSAGES = {"ordering": "不支持按该字段排序", "name": "不存在该办理环节", "state": "不存在该状态",
                 "kind": "单位类型不存在"}
SERVER_ERROR = "服务器内部错误，已记录，请稍后再试"


class ApiValidationError(Exception):
    """422 with per-field Chinese messages."""

    def __init__(self, errors: dict[str, list[str]], detail: str = INVALID) -> None:
        super().__init__(detail)
        self.errors = errors
        self.detail = detail


class Conflict(Exception):
    def __init__(self, detail: str, **extra) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


def django_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {("non_field_errors" if k == "__all__" else k): list(v) for k, v in exc.message_dict.items()}
    return {"non_field_errors": list(exc.messages)}


def install(api: NinjaAPI) -> None:
    def respond(request, status: int, body: dict):
        return api.create_response(request, body, status=status)

    @api.exception_handler(ApiValidationError)
    def _invalid(request, exc: ApiValidationError):
        return respond(request, 422, {"detail": exc.detail, "errors": exc.errors})

    @api.exception_handler(BatchInvalid)
    def _batch_invalid(request, exc: BatchInvalid):
        return respond(request, 422, {"detail": exc.detail, "errors": exc.errors})

    @api.exception_handler(DjangoValidationError)
    def _django_invalid(request, exc: DjangoValidationError):
        return respond(request, 422, {"detail": INVALID, "errors": django_errors(exc)})

    @api.exception_handler(NinjaValidationError)
    def _ninja_invalid(request, exc: NinjaValidationError):
        errors: dict[str, list[str]] = {}
        for err in exc.errors:
            loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "payload")]
            name = ".".join(loc) or "non_field_errors"
            kind = err.get("type", "")
            message = ENUM_MESSAGES.get(name) if kind in ("literal_error", "enum") else None
            errors.setdefault(name, []).append(message or PYDANTIC_MESSAGES.get(kind, "格式不正确"))
        return respond(request, 422, {"detail": INVALID, "errors": errors})

    @api.exception_handler(RequestDataTooBig)
    def _too_big(request, exc):
        return respond(request, 413, {"detail": TOO_BIG})

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc):
        return respond(request, 403, {"detail": FORBIDDEN})

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return respond(request, 404, {"detail": NOT_FOUND})

    @api.exception_handler(Conflict)
    def _conflict(request, exc: Conflict):
        return respond(request, 409, {"detail": exc.detail, **exc.extra})

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        response = respond(request, 401, {"detail": "未登录，或接口令牌无效、已过期、已吊销"})
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(RateLimited)
    def _rate_limited(request, exc: RateLimited):
        response = respond(request, 429, {"detail": exc.detail})
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(Exception)
    def _server_error(request, exc):
        # Logged as Django logs an unhandled error (the error log, mail to admins), answered in JSON.
        logger.error("Internal Server Error: %s", request.path, exc_info=exc, extra={"status_code": 500,
                                                                                     "request": request})
        return respond(request, 500, {"detail": SERVER_ERROR})

    @api.exception_handler(HttpError)
    def _http_error(request, exc: HttpError):
        message = str(exc)
        if exc.status_code == 403:
            message = "CSRF 校验失败，请刷新页面后重试" if "CSRF" in message else FORBIDDEN
        elif exc.status_code == 405:
            message = "不支持该请求方法"
        return respond(request, exc.status_code, {"detail": message})
