from __future__ import annotations

from django.urls import include, path

from fazhi.streams.enforcement.views import (
    BENCHMARKS,
    CAMPAIGNS,
    DECISIONS,
    EXAMS,
    LICENCES,
    OFFICERS,
    REVIEWS,
    TRAININGS,
)

app_name = "enforcement"
urlpatterns = [
    path("", include((DECISIONS.urls(), "decisions"))),
    path("officers/", include((OFFICERS.urls(), "officers"))),
    path("exams/", include((EXAMS.urls(), "exams"))),
    path("trainings/", include((TRAININGS.urls(), "trainings"))),
    path("campaigns/", include((CAMPAIGNS.urls(), "campaigns"))),
    path("reviews/", include((REVIEWS.urls(), "reviews"))),
    path("licences/", include((LICENCES.urls(), "licences"))),
    path("benchmarks/", include((BENCHMARKS.urls(), "benchmarks"))),
]
