from __future__ import annotations

from django.urls import include, path

from fazhi.streams.supervision.views import rectification_urls, unit_report_urls, visit_urls

app_name = "supervision"
urlpatterns = [
    path("rectifications/", include((rectification_urls(), "rectifications"))),
    path("unit-reports/", include((unit_report_urls(), "unit_reports"))),
    path("", include((visit_urls(), "visits"))),
]
