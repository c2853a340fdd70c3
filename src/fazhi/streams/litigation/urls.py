from __future__ import annotations

from django.urls import include, path

from fazhi.streams.litigation.views import CASES, HEARINGS, RECONSIDERATIONS, extend_view, step_view

app_name = "litigation"
urlpatterns = [
    path("hearings/", include((HEARINGS.urls(), "hearings"))),
    path("reconsiderations/", include((
        [*RECONSIDERATIONS.urls(), path("<int:pk>/extend/", extend_view, name="extend")], "reconsiderations"))),
    path("", include(([*CASES.urls(), path("<int:pk>/steps/", step_view, name="steps")], "cases"))),
]
