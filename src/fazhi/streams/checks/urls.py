from __future__ import annotations

from django.urls import include, path

from fazhi.streams.checks.views import inspection_urls

app_name = "checks"
urlpatterns = [
    path("", include((inspection_urls(), "inspections"))),
]
