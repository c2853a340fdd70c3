from __future__ import annotations

from django.urls import reverse

from fazhi.core import scope
from fazhi.core.notifications import unread_count
from fazhi.core.registry import menu_for
from fazhi.core.roles import STREAM_BOUND
from fazhi.core.units import county_name, viewer_area_name

PLATFORM_NAME = "法治政府建设综合管理平台"


def admin_menu(user) -> list[tuple[str, str]]:
    """System-management entries, each for the one administrator role that owns it (三员分立)."""
    entries = []
    if scope.has_capability(user, "users.manage"):
        entries += [("账号与单位管理", reverse("sysadmin:index")), ("建立单位", reverse("core:setup")),
                    ("导入工作人员名单", reverse("accounts:staff_import")), ("工作日历", reverse("core:calendar"))]
    if scope.has_capability(user, "roles.grant"):
        entries += [("角色授权", reverse("accounts:roles")), ("按名单授予角色", reverse("accounts:roles_import")),
                    ("登录锁定", reverse("accounts:lockouts")),
                    ("停用账号", reverse("accounts:staff_close")),
                    ("联系方式变更", reverse("accounts:staff_contact")),
                    ("接口令牌", reverse("api_tokens"))]
    if scope.has_capability(user, "audit.view"):
        entries += [("审计日志", reverse("core:audit_log"))]
    if scope.has_capability(user, "dashboard.view"):
        entries += [("领导驾驶舱", reverse("reports:cockpit")), ("工作看板", reverse("reports:dashboard"))]
    # A field role (the village mediator, the village legal adviser) works in its own streams: the
    # county's figures, units and annual report are not on its menu (issue 19: 人民调解 only, plus 我的账号).
    roles = user.roles()
    if roles and roles <= STREAM_BOUND:
        return entries
    if scope.has_capability(user, "records.read"):
        entries += [("指标", reverse("indicators:figures")), ("单位", reverse("core:units"))]
    if scope.has_capability(user, "reports.manage") or scope.has_capability(user, "records.write"):
        entries += [("法治政府建设年度报告", reverse("reports:list"))]
    return entries


def shell(request) -> dict:
    user = request.user
    # staff see the government they work for (the portal's pages name the county of their data)
    signed_in = getattr(user, "is_authenticated", False)
    context = {"platform_name": PLATFORM_NAME, "county_name": viewer_area_name(user) if signed_in else county_name()}
    # An account still owing its second step (accounts' middleware says so) sees no menu yet.
    if getattr(user, "is_authenticated", False) and not getattr(request, "second_step_pending", False):
        context["stream_menu"] = menu_for(user)
        context["admin_menu"] = admin_menu(user)

        context["unread_notifications"] = unread_count(user)
        context["user_role_labels"] = sorted({m.get_role_display() for m in user.active_memberships()})
    return context
