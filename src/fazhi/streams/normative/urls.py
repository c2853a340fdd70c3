from __future__ import annotations

from django.urls import include, path

from fazhi.streams.normative.views import DOCUMENTS, REVIEWS, catalogue_view

app_name = "normative"
urlpatterns = [
    path("", include((REVIEWS.urls(), "reviews"))),
    path("documents/catalogue/", catalogue_view, name="catalogue"),
    path("documents/", include((DOCUMENTS.urls(), "documents"))),
]
