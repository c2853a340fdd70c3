"""API test helpers: tokens for personas and a JSON client."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from fazhi.api.services import token_issue


class ApiClient:
    """JSON calls to /api/v1/ with a bearer token (or a signed-in session client)."""

    def __init__(self, token: str | None = None, client: Client | None = None) -> None:
        self.token = token
        self.client = client or Client()

    def call(self, method: str, path: str, data=None, **extra):
        if self.token:
            extra.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        url = path if path.startswith("/") else f"/api/v1/{path}"
        body = json.dumps(data) if data is not None else None
        kwargs = {"content_type": "application/json", "data": body} if body is not None else {}
        if method == "GET" and data is not None:
            kwargs = {"data": data}
        return getattr(self.client, method.lower())(url, **kwargs, **extra)

    def get(self, path: str, params=None, **extra):
        return self.call("GET", path, params, **extra)

    def post(self, path: str, data=None, **extra):
        return self.call("POST", path, data if data is not None else {}, **extra)

    def patch(self, path: str, data, **extra):
        return self.call("PATCH", path, data, **extra)


@pytest.fixture
def issue(secadmin):
    """issue(user, days=None) -> the token text acting as ``user``."""

    def _issue(user, days: int | None = None, name: str = "测试系统") -> str:
        return token_issue(by=secadmin, name=name, user=user, days=days)[1]

    return _issue


@pytest.fixture
def api_as(issue):
    """api_as(user) -> an ApiClient using a fresh token of ``user``."""

    def _api(user) -> ApiClient:
        return ApiClient(issue(user))

    return _api
