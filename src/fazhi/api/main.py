"""The REST API under /api/v1/ (django-ninja): ledgers from the stream registry, indicators."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.utils.module_loading import import_string
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from fazhi.api import city, errors, indicators, ledgers, public
from fazhi.api.auth import StaffSessionAuth, TokenAuth
from fazhi.core.registry import streams

DESCRIPTION = """法治政府建设平台数据接口，供省级平台、区法治办及各单位业务系统读取和报送台账。

* 认证：已登录的工作人员会话（写操作须带 `X-CSRFToken`），或安全管理员签发的接口令牌
  `Authorization: Bearer fz_…`（按令牌限流）。
* 权限与页面一致：只能读写本账号角色覆盖的单位；无 `personal.view` 时个人信息脱敏。
* 错误均为 JSON：`{"detail": "中文说明", "errors": {"字段": ["中文说明"]}}`；
  401 未认证，403 无权访问，404 不存在或无权查看，409 版本冲突或环节不可办理，422 校验未通过，429 请求过于频繁。
"""


class Renderer(JSONRenderer):
    """UTF-8 JSON: Chinese text stays readable in the response body."""

    json_dumps_params = {"ensure_ascii": False}


# Swagger UI (ninja's bundled copy, served from our static files) injects one <style> element;
# the docs page allows exactly that style by its hash and keeps the rest of the strict CSP.
SWAGGER_STYLE_HASHES = ("'sha256-faU7yAF8NxuMTNEwVmBz+VcYeIoBQ2EMHW3WaVxCvnk='",)


def docs_csp(view):
    """Per-view CSP for the docs page and schema: the project policy plus Swagger's style hash."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        config = {key: list(value) for key, value in settings.SECURE_CSP.items()}
        config["style-src"] = [*config.get("style-src", ["'self'"]), *SWAGGER_STYLE_HASHES]
        response._csp_config = config
        return response

    return wrapped


class FazhiAPI(NinjaAPI):
    """The schema only changes with the code: build it once per process. Ledger schemas are
    plain JSON schema (``extra_schemas``), added to the components here."""

    extra_schemas: dict

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.extra_schemas = {}

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        key = (path_prefix, tuple(sorted((path_params or {}).items())))
        cache = self.__dict__.setdefault("_schema_cache", {})
        if key not in cache:
            schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
            schema.setdefault("components", {}).setdefault("schemas", {}).update(self.extra_schemas)
            cache[key] = schema
        return cache[key]


def build() -> NinjaAPI:
    api = FazhiAPI(
        title="法治政府建设平台接口",
        version="1",
        description=DESCRIPTION,
        urls_namespace="api-v1",
        auth=[TokenAuth(), StaffSessionAuth()],
        renderer=Renderer(),
        docs_decorator=docs_csp,
        # Many ledgers: start with the tags folded, offer the tag filter, no URL rewriting.
        docs=Swagger(settings={"persistAuthorization": False, "defaultModelsExpandDepth": 0,
                               "docExpansion": "none", "filter": True, "deepLinking": False}),
    )
    errors.install(api)
    indicators.mount(api)
    public.mount(api)
    city.mount(api)
    for manifest in streams():
        if manifest.api:
            import_string(manifest.api)(api)
    ledgers.mount_all(api)
    return api


api = build()
