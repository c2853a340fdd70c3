from __future__ import annotations

from django.urls import path

from fazhi.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.figures, name="figures"),
    path("<str:key>/", views.drilldown, name="drilldown"),
]
