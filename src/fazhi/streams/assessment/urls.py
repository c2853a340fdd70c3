from __future__ import annotations

from django.urls import include, path

from fazhi.streams.assessment.views import ranking, scheme_urls, sheet_urls

app_name = "assessment"
urlpatterns = [
    path("ranking/", ranking, name="ranking"),
    path("sheets/", include((sheet_urls(), "sheets"))),
    path("", include((scheme_urls(), "schemes"))),
]
