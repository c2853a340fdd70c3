from __future__ import annotations

from django.urls import include, path

from fazhi.streams.mediation.views import CASE_QUICK, CASES, COMMITTEES, MEDIATORS, TRAININGS

app_name = "mediation"
urlpatterns = [
    path("quick/", include((CASE_QUICK.urls(), "quick"))),
    path("", include((CASES.urls(), "cases"))),
    path("committees/", include((COMMITTEES.urls(), "committees"))),
    path("mediators/", include((MEDIATORS.urls(), "mediators"))),
    path("trainings/", include((TRAININGS.urls(), "trainings"))),
]
