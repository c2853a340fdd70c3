from __future__ import annotations

from django.urls import include, path

from fazhi.streams.inspections import views

app_name = "inspections"
urlpatterns = [
    # Before the generic pages: the draw and result entry replace the plain confirmations.
    path("tasks/<int:pk>/do/draw/", views.draw_view, name="draw_start"),
    path("tasks/<int:pk>/redraw/", views.redraw_view, name="redraw"),
    path("results/<int:pk>/do/enter/", views.result_enter_view, name="result_enter"),
    path("results/<int:pk>/replace/", views.replace_view, name="replace"),
    path("results/mine/", views.my_results, name="my_results"),
    path("draws/<int:pk>/", views.draw_detail, name="draw"),
    path("draws/<int:pk>/public.json", views.draw_public_json, name="draw_json"),
    path("", views.home, name="home"),
    path("tasks/", include((views.TASKS.urls(), "tasks"))),
    path("plans/", include((views.PLANS.urls(), "plans"))),
    path("items/", include((views.ITEMS.urls(), "items"))),
    path("entities/", include((views.ENTITIES.urls(), "entities"))),
    path("inspectors/", include((views.INSPECTORS.urls(), "inspectors"))),
    path("results/", include((views.RESULTS.urls(), "results"))),
]
