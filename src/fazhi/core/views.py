from __future__ import annotations

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from fazhi.core import audit, list_filters, scope
from fazhi.core import notifications as service
from fazhi.core.calendar import add_working_days
from fazhi.core.checklist import checklist
from fazhi.core.excel import Column, xlsx_response
from fazhi.core.models import AuditEvent, Deadline, Notification, Unit
from fazhi.core.registry import menu_for, role_home
from fazhi.core.roles import HOME_PRIORITY, Role

DUE_SOON_WORKING_DAYS = 5


def csrf_failure(request, reason: str = ""):
    return render(request, "errors/csrf.html", status=403)


def landing(request):
    """Staff land on their work page; everyone else on the public portal (which offers sign-in)."""
    user = request.user
    return redirect("core:home" if user.is_authenticated and not user.is_public_user else "portal:home")


def primary_role(user) -> str | None:
    roles = user.roles()
    return next((r for r in HOME_PRIORITY if r in roles), None)


@login_required
def home(request):
    """Each role lands on its own work page."""
    user = request.user
    if user.is_public_user:
        return redirect("portal:my_items")
    role = primary_role(user)
    if role is None:
        return render(request, "core/home/norole.html", {})
    own = role_home(role)  # an app's page for this role (the leader's cockpit)
    if own is not None:
        return own(request)
    menu = menu_for(user)
    # the role's daily actions (MenuEntry.daily: a field role's quick entry) come first
    daily = [(manifest, e) for manifest, entries in menu for e in entries if e.daily]
    context = {"role": role, "role_label": Role(role).label, "streams": menu, "daily": daily}
    context.update(_HOME_CONTEXT.get(role, _work_context)(user))
    return render(request, f"core/home/{role}.html", context)


def _work_context(user) -> dict:
    today = timezone.localdate()
    open_deadlines = scope.filter_across_streams(Deadline.objects.filter(met_on__isnull=True).select_related("unit"),
                                                 user)
    units = [m.unit for m in user.active_memberships()]
    return {
        "today": today,
        "my_units": units,
        "overdue": open_deadlines.filter(due__lt=today).order_by("due")[:10],
        "due_soon": open_deadlines.filter(due__gte=today, due__lte=add_working_days(today, DUE_SOON_WORKING_DAYS))
        .order_by("due")[:10],
    }


def _sysadmin_context(user) -> dict:
    users = get_user_model().objects
    return {
        "unit_counts": Unit.objects.values("kind").annotate(n=Count("id")).order_by("kind"),
        "kind_labels": dict(Unit.Kind.choices),
        "staff_count": users.filter(kind="staff").count(),
        "public_count": users.exclude(kind="staff").count(),
    }


def _secadmin_context(user) -> dict:
    # core imports nothing from accounts (tests/test_architecture.py): the membership model is
    # the one behind the user model's ``memberships`` relation; the query is the same.
    membership = get_user_model()._meta.get_field("memberships").related_model
    return {
        "locked": AccessAttempt.objects.order_by("-attempt_time")[:10],
        "recent_grants": membership.objects.select_related("user", "unit").order_by("-granted_at")[:10],
    }


def _auditadmin_context(user) -> dict:
    return {"recent_events": AuditEvent.objects.select_related("unit")[:15]}


def _coordinator_context(user) -> dict:
    """The day's work, and until the county is fully set up, the first-run checklist."""
    context = _work_context(user)
    county = next((c for c in (m.unit.county() for m in user.active_memberships()) if c is not None), None)
    if county is not None:
        steps = checklist(county, context["today"].year)
        context.update(checklist=steps, checklist_done=sum(s.done for s in steps))
    return context


_HOME_CONTEXT = {
    Role.COORDINATOR: _coordinator_context,
    Role.SYSADMIN: _sysadmin_context,
    Role.SECADMIN: _secadmin_context,
    Role.AUDITADMIN: _auditadmin_context,
}


UNIT_COLUMNS = [
    Column("单位名称", lambda u: u.name, 30),
    Column("单位代码", lambda u: u.code, 16),
    Column("单位类型", lambda u: u.get_kind_display(), 16),
    Column("上级单位", lambda u: u.parent.name if u.parent else "", 30),
]


@login_required
def units(request):
    """The units a user may read: search by name or code, filter by type, export."""
    scope.require(request.user, "records.read")
    visible = scope.units_for(request.user, "records.read").select_related("parent").order_by("path")
    q, kind = request.GET.get("q", "").strip(), request.GET.get("kind", "")
    if q:
        visible = visible.filter(Q(name__icontains=q) | Q(code__icontains=q) | Q(short_name__icontains=q))
    if kind in Unit.Kind.values:
        visible = visible.filter(kind=kind)
    if request.GET.get("format") == "xlsx":
        audit.record(action=audit.Action.EXPORT, actor=request.user, note=f"导出单位列表（{visible.count()}个）")
        return xlsx_response("单位.xlsx", "单位", UNIT_COLUMNS, visible.iterator())
    query = request.GET.copy()
    query.pop("page", None)
    page = Paginator(visible, 50).get_page(request.GET.get("page"))
    return render(request, "core/units.html", {
        "page": page, "q": q, "kind": kind, "kinds": Unit.Kind.choices, "query": query.urlencode(),
        "chips": list_filters.chips(request.GET, [("q", "名称或代码", None), ("kind", "单位类型", dict(Unit.Kind.choices))])})


@login_required
def unit_detail(request, code: str):
    """A unit's own page (members and open deadlines): only for those who may read its records."""
    unit = get_object_or_404(Unit, code=code)
    if not scope.can(request.user, "records.read", unit):
        raise PermissionDenied(scope.DENIED_MESSAGE)
    # the unit's ``memberships`` (the reverse of accounts' Membership.unit): core imports no accounts
    members = unit.memberships.filter(is_active=True).select_related("user")
    open_deadlines = Deadline.objects.filter(unit__in=unit.descendants(), met_on__isnull=True).order_by("due")[:20]
    page = Paginator(unit.descendants(include_self=False).order_by("path"), 50).get_page(request.GET.get("page"))
    return render(request, "core/unit_detail.html", {
        "unit": unit, "members": members, "deadlines": open_deadlines, "page": page,
        "can_write": scope.can(request.user, "records.write", unit),
    })


# Under /api/ every answer is JSON, an error Django answers before or outside the API (an unknown
# address, a request refused by a middleware, an unhandled error) included.
API_PREFIX = "/api/"
API_ERRORS = {400: "请求格式不正确", 403: "无权访问", 404: "接口地址不存在，接口目录见 /api/v1/",
              500: "服务器内部错误，已记录，请稍后再试"}


def _api_error(request, status: int) -> JsonResponse | None:
    if not request.path.startswith(API_PREFIX):
        return None
    return JsonResponse({"detail": API_ERRORS[status]}, status=status, json_dumps_params={"ensure_ascii": False})


def bad_request(request, exception=None):
    return _api_error(request, 400) or render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    return _api_error(request, 403) or render(request, "403.html", {"exception": message}, status=403)


def page_not_found(request, exception=None):
    return _api_error(request, 404) or render(request, "404.html", status=404)


def server_error(request):
    return _api_error(request, 500) or render(request, "500.html", status=500)


@login_required
def notifications(request):
    if request.method == "POST":
        service.mark_all_read(request.user)
        return redirect("core:notifications")
    items = Notification.objects.filter(user=request.user)
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page, "query": ""})
