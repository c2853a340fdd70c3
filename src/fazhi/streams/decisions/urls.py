from __future__ import annotations

from django.urls import include, path

from fazhi.streams.decisions.views import (
    CATALOGUES,
    DECISIONS,
    ITEMS,
    check_view,
    comment_handle_view,
    evaluation_view,
    procedure_view,
    report_view,
)

app_name = "decisions"
urlpatterns = [
    path("catalogues/", include(([*CATALOGUES.urls(), path("<int:pk>/checks/", check_view, name="checks")],
                                 "catalogues"))),
    path("items/", include((ITEMS.urls(), "items"))),
    path("", include(([
        *DECISIONS.urls(),
        path("<int:pk>/procedures/<slug:kind>/", procedure_view, name="procedure"),
        path("<int:pk>/reports/", report_view, name="report"),
        path("<int:pk>/evaluations/", evaluation_view, name="evaluation"),
        path("<int:pk>/comments/<int:comment_pk>/handle/", comment_handle_view, name="comment_handle"),
    ], "decisions"))),
]
