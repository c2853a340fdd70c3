from __future__ import annotations

from django.urls import path

from fazhi.indicators import views as indicator_views
from fazhi.reports import city_views, views

app_name = "reports"

urlpatterns = [
    path("dashboard/", indicator_views.dashboard, name="dashboard"),
    path("cockpit/", indicator_views.cockpit, name="cockpit"),
    path("reports/", views.report_list, name="list"),
    path("reports/new/", views.report_create, name="create"),
    path("reports/<int:pk>/", views.report_detail, name="detail"),
    path("reports/<int:pk>/download.<str:fmt>", views.report_download, name="download"),
    path("reports/<int:pk>/transition/<str:name>/", views.report_transition, name="transition"),
    path("reports/<int:pk>/update/", views.report_update, name="update"),
    path("reports/<int:pk>/sent/", views.report_sent, name="sent"),
    path("reports/<int:pk>/submit-city/", views.report_submit_city, name="submit_city"),
    path("reports/<int:pk>/secrecy/", views.report_secrecy, name="secrecy"),
    path("reports/<int:pk>/entered/", views.report_entered, name="entered"),
    path("reports/<int:pk>/sections/add/", views.section_add, name="section_add"),
    path("reports/sections/<int:pk>/", views.section_edit, name="section"),
    path("city/", city_views.city_status, name="city_status"),
    path("city/figures/", city_views.city_figures, name="city_figures"),
    path("city/submissions/<int:pk>/", city_views.city_submission, name="city_submission"),
    path("city/submit-province/", city_views.city_submit_province, name="city_submit_province"),
    path("province/", city_views.province_status, name="province_status"),
    path("province/figures/", city_views.province_figures, name="province_figures"),
    path("province/submissions/<int:pk>/", city_views.province_submission, name="province_submission"),
]
