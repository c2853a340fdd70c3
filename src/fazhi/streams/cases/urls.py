from __future__ import annotations

from django.urls import include, path

from fazhi.streams.cases.views import case_urls

app_name = "cases"
urlpatterns = [
    path("", include((case_urls(), "cases"))),
]
