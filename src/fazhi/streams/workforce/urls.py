from __future__ import annotations

from fazhi.streams.workforce.views import LEDGER

app_name = "workforce"
urlpatterns = LEDGER.urls()
