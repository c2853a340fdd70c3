"""The system administrator's management site (Django admin, restricted by role).

Only the system administrator may enter; it manages accounts' existence and names, and units,
but never roles, authenticators, credentials, contact channels used for recovery or the closing of
accounts (the security administrator's work) nor the audit log (the audit administrator's), which
are not registered here or are read-only (三员分立). The field-by-field rule is in docs/security.md
and tests/security/test_sysadmin_fields.py holds every registered model's forms to it.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction

from fazhi.core import audit, scope


class SystemAdminSite(admin.AdminSite):
    site_header = "法治政府建设综合管理平台 · 系统管理"
    site_title = "系统管理"
    index_title = "账号、单位与日历"

    def has_permission(self, request) -> bool:
        return request.user.is_active and scope.has_capability(request.user, "users.manage")


    def login(self, request, extra_context=None):
        """Everyone signs in through the platform's own (throttled) login page."""

        if request.user.is_authenticated:
            raise PermissionDenied("系统管理仅限系统管理员进入")
        return redirect_to_login(request.get_full_path(), "accounts:login")


site = SystemAdminSite(name="sysadmin")


class SysAdminModelAdmin(admin.ModelAdmin):
    """Grants the system administrator rights on the registered models, and audits writes. A
    model's admin narrows them (accounts/admin.py: no deleting, most fields read-only)."""

    capability = "users.manage"

    def _allowed(self, request) -> bool:
        return scope.has_capability(request.user, self.capability)

    def has_module_permission(self, request) -> bool:
        return self._allowed(request)

    has_view_permission = has_add_permission = has_change_permission = lambda self, request, obj=None: self._allowed(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def save_model(self, request, obj, form, change) -> None:
        with transaction.atomic():
            before = audit.snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
            super().save_model(request, obj, form, change)
            after = audit.snapshot(obj)
            old, new = audit.diff(before or {}, after)
            old.pop("password", None)
            new.pop("password", None)
            audit.record(action=audit.Action.UPDATE if change else audit.Action.CREATE,
                         actor=request.user, obj=obj, before=old or None, after=new)

    def delete_model(self, request, obj) -> None:
        with transaction.atomic():
            audit.record(action=audit.Action.DELETE, actor=request.user, obj=obj, before=audit.snapshot(obj))
            super().delete_model(request, obj)
