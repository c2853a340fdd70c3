from __future__ import annotations

from django.urls import include, path

from fazhi.streams.legal_services.views import (
    ADVISORS,
    CONSULTATIONS,
    DUTY,
    ITEMS,
    LECTURES,
    LEGAL_AID,
    VERIFICATIONS,
    quick_view,
)

app_name = "legal_services"
urlpatterns = [
    path("quick/", quick_view, name="quick"),
    path("advisors/", include((ADVISORS.urls(), "advisors"))),
    path("duty/", include((DUTY.urls(), "duty"))),
    path("lectures/", include((LECTURES.urls(), "lectures"))),
    path("aid/", include((LEGAL_AID.urls(), "aid"))),
    path("items/", include((ITEMS.urls(), "items"))),
    path("verifications/", include((VERIFICATIONS.urls(), "verifications"))),
    path("", include((CONSULTATIONS.urls(), "consultations"))),
]
