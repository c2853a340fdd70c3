from __future__ import annotations

from django.urls import include, path

from fazhi.streams.plans.views import plan_urls, task_urls

app_name = "plans"
urlpatterns = [
    path("tasks/", include((task_urls(), "tasks"))),
    path("", include((plan_urls(), "plans"))),
]
