from __future__ import annotations

from django.urls import include, path

from fazhi.streams.complaints.views import ANNOUNCEMENTS, case_urls

app_name = "complaints"
urlpatterns = [
    path("announcements/", include((ANNOUNCEMENTS.urls(), "announcements"))),
    path("", include((case_urls(), "cases"))),
]
