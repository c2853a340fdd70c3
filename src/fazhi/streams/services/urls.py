from __future__ import annotations

from django.urls import include, path

from fazhi.streams.services.views import ITEMS, RATINGS

app_name = "services"
urlpatterns = [
    path("ratings/", include((RATINGS.urls(), "ratings"))),
    path("", include((ITEMS.urls(), "items"))),
]
