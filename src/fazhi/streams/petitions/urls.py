from __future__ import annotations

from django.urls import include, path

from fazhi.streams.petitions.views import RECEPTIONS, petition_urls

app_name = "petitions"
urlpatterns = [
    path("receptions/", include((RECEPTIONS.urls(), "receptions"))),
    path("", include((petition_urls(), "cases"))),
]
