from __future__ import annotations

from django.urls import path

from fazhi.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("my/", views.my_items, name="my_items"),
]
