from __future__ import annotations

from django.urls import path

from fazhi.core import audit_views, calendar_views, offline, setup_views, views

app_name = "core"

urlpatterns = [
    path("home/", views.home, name="home"),
    # the installable web app: at the site root, so the service worker's scope is the whole site
    path("manifest.webmanifest", offline.webmanifest, name="webmanifest"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("units/", views.units, name="units"),
    path("units-setup/", setup_views.setup, name="setup"),
    path("units/<str:code>/", views.unit_detail, name="unit_detail"),
    path("notifications/", views.notifications, name="notifications"),
    path("audit/", audit_views.audit_log, name="audit_log"),
    path("calendar/", calendar_views.calendar_index, name="calendar"),
    path("calendar/<int:year>/", calendar_views.calendar_year, name="calendar_year"),
]
