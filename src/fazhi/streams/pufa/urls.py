from __future__ import annotations

from django.urls import include, path

from fazhi.streams.pufa.views import ACTIVITIES, ACTIVITY_QUICK, ITEMS, LITERATES

app_name = "pufa"
urlpatterns = [
    path("quick/", include((ACTIVITY_QUICK.urls(), "quick"))),
    path("items/", include((ITEMS.urls(), "items"))),
    path("activities/", include((ACTIVITIES.urls(), "activities"))),
    path("literates/", include((LITERATES.urls(), "literates"))),
]
