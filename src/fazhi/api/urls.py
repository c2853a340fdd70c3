from __future__ import annotations

from django.urls import path

from fazhi.api import views
from fazhi.api.main import api

urlpatterns = [
    path("tokens/", views.token_list, name="api_tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke_view, name="api_token_revoke"),
    path("", api.urls),
]
