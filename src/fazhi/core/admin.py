from __future__ import annotations

from django.contrib import admin

from fazhi.core.admin_site import SysAdminModelAdmin, site
from fazhi.core.models import DayOverride, Unit, YearSchedule


@admin.register(Unit, site=site)
class UnitAdmin(SysAdminModelAdmin):
    list_display = ["name", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]
    ordering = ["path"]

    def delete_queryset(self, request, queryset) -> None:  # noqa: ANN001
        for obj in queryset:
            self.delete_model(request, obj)


class DayOverrideInline(admin.TabularInline):
    model = DayOverride
    extra = 3

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return True

    has_change_permission = has_delete_permission = has_view_permission = has_add_permission


@admin.register(YearSchedule, site=site)
class YearScheduleAdmin(SysAdminModelAdmin):
    capability = "calendar.manage"
    list_display = ["year", "notice", "entered_at"]
    inlines = [DayOverrideInline]
