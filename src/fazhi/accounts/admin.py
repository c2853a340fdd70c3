from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from fazhi.accounts.models import User
from fazhi.accounts.services import staff_create
from fazhi.core.admin_site import SysAdminModelAdmin, site


class StaffCreationForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["username", "display_name", "phone"]


@admin.register(User, site=site)
class UserAdmin(SysAdminModelAdmin):
    """Accounts: the system administrator creates staff accounts (roles are granted by the
    security administrator). A new account gets a one-time password it must change."""

    list_display = ["username", "display_name", "kind", "is_active", "must_change_password", "last_login"]
    list_filter = ["kind", "is_active"]
    search_fields = ["username", "display_name", "phone", "email"]
    fields = ["username", "display_name", "kind", "phone", "email", "is_active", "must_change_password", "last_login"]
    readonly_fields = ["kind", "last_login"]

    def get_form(self, request, obj=None, **kwargs):  # noqa: ANN001, ANN003, ANN201
        if obj is None:
            kwargs["form"] = StaffCreationForm
            kwargs["fields"] = ["username", "display_name", "phone"]
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):  # noqa: ANN001, ANN201
        return ["username", "display_name", "phone"] if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):  # noqa: ANN001, ANN201
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change) -> None:  # noqa: ANN001
        if change:
            return super().save_model(request, obj, form, change)
        try:
            user, password = staff_create(username=obj.username, display_name=obj.display_name,
                                          phone=obj.phone, by=request.user)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        obj.pk = user.pk
        self.message_user(request, f"已创建账号 {user.username}，初始密码：{password}（首次登录须修改）")
