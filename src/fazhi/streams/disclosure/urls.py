from __future__ import annotations

from django.urls import path

from fazhi.streams.disclosure.views import LEDGER, annual_view, extend_view

app_name = "disclosure"
urlpatterns = [
    # Before the generic pages: the extension is approved with its days and reason.
    path("<int:pk>/do/extend/", extend_view, name="extend"),
    path("annual/", annual_view, name="annual"),
    *LEDGER.urls(),
]
