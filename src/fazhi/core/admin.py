from __future__ import annotations

from django.contrib import admin

from fazhi.core.admin_site import SysAdminModelAdmin, site
from fazhi.core.models import Unit


@admin.register(Unit, site=site)
class UnitAdmin(SysAdminModelAdmin):
    list_display = ["name", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]
    ordering = ["path"]

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


# Year schedules are entered on the calendar screens (/calendar/), which validate, audit and
# recompute open deadlines; they are deliberately not editable here.
