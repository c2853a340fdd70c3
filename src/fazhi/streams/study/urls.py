from __future__ import annotations

from fazhi.streams.study.views import LEDGER

app_name = "study"
urlpatterns = LEDGER.urls()
