from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.accounts.models import User
from fazhi.accounts.services import staff_create
from fazhi.core.admin_site import SysAdminModelAdmin, site

# 三员分立 (docs/security.md, "系统管理员后台逐字段规则"): the system administrator decides that
# an account exists and what it is called, never how it signs in or recovers sign-in. E-mail and
# phone change under 我的账号 or by the security administrator (accounts/services.py); passwords
# by their owner or a reset; roles, authenticators and closing staff accounts are the security
# administrator's; is_superuser / is_staff / groups / permissions are not used by the platform.
# tests/security/test_sysadmin_fields.py holds the allow-lists below to the rendered forms.
ADD_FIELDS = ["username", "display_name"]
CHANGE_FIELDS = ["display_name"]
SHOWN_FIELDS = ["username", "display_name", "kind", "phone", "email", "is_active", "must_change_password",
                "last_login", "date_joined"]
# what no POST to /sysadmin/ may change, whatever the form (a second line behind the read-only fields)
GUARDED_FIELDS = ("username", "kind", "phone", "email", "password", "is_active", "is_staff", "is_superuser",
                  "must_change_password", "password_changed_at", "contact_changed_at", "last_login")


class StaffCreationForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ADD_FIELDS


@admin.register(User, site=site)
class UserAdmin(SysAdminModelAdmin):
    """Accounts: the system administrator creates staff accounts (roles are granted by the
    security administrator). A new account gets a one-time password it must change. After that,
    only the display name is the system administrator's to change."""

    list_display = ["username", "display_name", "kind", "is_active", "must_change_password", "last_login"]
    list_filter = ["kind", "is_active"]
    search_fields = ["username", "display_name", "phone", "email"]
    fields = SHOWN_FIELDS

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = StaffCreationForm
            kwargs["fields"] = ADD_FIELDS
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return list(ADD_FIELDS) if obj is None else list(SHOWN_FIELDS)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else [f for f in SHOWN_FIELDS if f not in CHANGE_FIELDS]

    def has_delete_permission(self, request, obj=None) -> bool:
        """Accounts are never deleted here: staff are closed by the security administrator
        (/accounts/staff-close/), the public close their own accounts."""
        return False

    def save_model(self, request, obj, form, change) -> None:
        if change:
            stored = User.objects.get(pk=obj.pk)
            touched = [f for f in GUARDED_FIELDS if getattr(stored, f) != getattr(obj, f)]
            if touched:
                raise PermissionDenied("系统管理员不能修改账号的登录凭据、联系方式或启用状态")
            return super().save_model(request, obj, form, change)
        try:
            user, password = staff_create(username=obj.username, display_name=obj.display_name, by=request.user)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        obj.pk = user.pk
        self.message_user(request, f"已创建账号 {user.username}，初始密码：{password}（首次登录须修改）")
