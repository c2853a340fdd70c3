from __future__ import annotations

from urllib.parse import quote, urlencode

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.accounts import lockout, otp, services
from fazhi.accounts import staff_import as staff_import_specs
from fazhi.accounts.forms import (
    AccountCloseForm,
    CodeForm,
    GrantForm,
    LoginForm,
    OwnContactForm,
    PasswordChangeForm,
    PasswordResetRequestForm,
    RegistrationForm,
    SetPasswordForm,
    StaffCloseForm,
    StaffContactForm,
)
from fazhi.accounts.models import Membership
from fazhi.core import audit, ratelimit, scope, uploads
from fazhi.core.actions import attach_errors
from fazhi.core.config import setting
from fazhi.core.excel import XLSX
from fazhi.core.importers import import_workbook, template_workbook

LOCKED_MESSAGE = lockout.LOCKED_MESSAGE


def _refused_page(request, message: str):
    """The login page with ``message``, status 429. The form is unbound: binding it would
    authenticate (and count a failure) once more while the page is drawn."""
    form = LoginForm(request, initial={"username": request.POST.get("username", "")})
    return render(request, "accounts/login.html", {"form": form, "locked_message": message}, status=429)


def lockout_response(request, response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: the account is locked."""
    return _refused_page(request, lockout.LOCKED_MESSAGE.format(minutes=lockout.cooloff_minutes()))


def address_refused_response(request):
    """Too many failed sign-ins from the client's address, whatever the accounts."""
    return _refused_page(request, lockout.ADDRESS_LIMITED_MESSAGE.format(minutes=lockout.cooloff_minutes()))


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        """An address refused for too many failures is answered before any password is checked;
        the failure that reaches the limit is answered as refused too."""
        if lockout.address_refused(request):
            lockout.audit_address_refusal(request)
            return address_refused_response(request)
        response = super().post(request, *args, **kwargs)
        if response.status_code == 200 and lockout.address_refused(request):
            return address_refused_response(request)
        return response

    def get_success_url(self) -> str:
        """After the password, an account that must pass the second step goes there first."""
        url = super().get_success_url()
        user = self.request.user
        if otp.needs_second_step(user):

            step = "accounts:otp_verify" if otp.device_of(user) else "accounts:otp_setup"
            return f"{reverse(step)}?{urlencode({'next': url})}"
        return url


@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        return redirect("core:home")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and not ratelimit.public_form_allowed(
            "register", request, per_hour=setting("FAZHI_REGISTRATIONS_PER_HOUR", 10)):
        form.is_valid()
        form.add_error(None, ratelimit.LIMITED_MESSAGE)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_register(
                kind=data["kind"], account=data["account"], password=data["password1"],
                display_name=data["display_name"], credit_code=data.get("credit_code", ""),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, user, backend="fazhi.accounts.backends.AccountBackend")
            messages.success(request, "注册成功，欢迎使用。")
            return redirect("core:home")
    return render(request, "accounts/register.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_change(user=request.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, "密码已修改。")
        return redirect("core:home")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def roles(request):
    """The security administrator grants and revokes roles."""
    scope.require(request.user, "roles.grant")
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_grant(user=form.cleaned_data["username"], unit=form.cleaned_data["unit"],
                                      role=form.cleaned_data["role"], by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "已授予角色。")
            return redirect("accounts:roles")
    q = request.GET.get("q", "").strip()
    memberships = Membership.objects.filter(is_active=True).select_related("user", "unit").order_by("unit__path", "role")
    if q:
        memberships = memberships.filter(user__username__icontains=q) | memberships.filter(user__display_name__icontains=q)
    return render(request, "accounts/roles.html", {"form": form, "memberships": memberships[:200], "q": q})


@login_required
@require_POST
def role_revoke(request, pk: int):
    scope.require(request.user, "roles.grant")
    membership = get_object_or_404(Membership, pk=pk, is_active=True)
    services.membership_revoke(membership=membership, by=request.user)
    messages.success(request, "已撤销角色。")
    return redirect("accounts:roles")


@login_required
@require_http_methods(["GET", "POST"])
def lockouts(request):

    scope.require(request.user, "accounts.unlock")
    if request.method == "POST":
        username = request.POST.get("username", "")
        services.lockout_clear(username=username, by=request.user)
        messages.success(request, f"已解除“{username}”的登录锁定。")
        return redirect("accounts:lockouts")
    attempts = AccessAttempt.objects.order_by("-attempt_time")[:200]
    return render(request, "accounts/lockouts.html", {"attempts": attempts, "limit": settings.AXES_FAILURE_LIMIT})


# -- my account, two-step sign-in ------------------------------------------------------------

@login_required
def account(request):
    """我的账号: password, two-step sign-in, closing the account (citizens and companies)."""
    return render(request, "accounts/account.html", {
        "device": otp.device_of(request.user), "otp_required": otp.is_required(request.user),
    })



@login_required
@require_http_methods(["GET", "POST"])
def contact_change(request):
    """我的账号 → 联系方式: the account changes its own e-mail and phone with its password."""
    user = request.user
    form = OwnContactForm(request.POST or None, initial={"email": user.email, "phone": user.phone})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.contact_change_own(user=user, password=data["password"], email=data["email"],
                                        phone=data["phone"])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "联系方式已修改。")
            return redirect("accounts:account")
    return render(request, "accounts/contact_change.html",
                  {"form": form, "hold_days": services.recovery_hold_days()})


@login_required
@require_http_methods(["GET", "POST"])
def staff_contact(request):
    """The security administrator changes a staff account's e-mail and phone, with a reason."""
    scope.require(request.user, "accounts.unlock")
    form = StaffContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.contact_change_by_security(user=data["username"], email=data["email"], phone=data["phone"],
                                                by=request.user, reason=data["reason"])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"已变更“{data['username'].username}”的联系方式，并通知了原电子邮箱。")
            return redirect("accounts:staff_contact")
    return render(request, "accounts/staff_contact.html",
                  {"form": form, "hold_days": services.recovery_hold_days()})


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    """The second step of signing in: the code from the account's authenticator."""
    if getattr(request.user, "is_verified", lambda: False)():
        return redirect("core:home")
    if otp.device_of(request.user) is None:
        return redirect("accounts:otp_setup")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            otp.verify(request, form.cleaned_data["code"])
        except ValidationError as exc:
            if exc.code == "blocked":
                logout(request)
                messages.error(request, exc.messages[0])
                return redirect("accounts:login")
            form.add_error("code", exc)
            status = 429 if exc.code == "throttled" else 200
        else:
            return redirect(_next_url(request))
    return render(request, "accounts/otp_verify.html", {"form": form}, status=status)


def _next_url(request) -> str:

    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return reverse_lazy("core:home")


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    """两步验证: enrol an authenticator (otpauth URI, secret as text, QR drawn on the server),
    or turn it off (accounts that are not administrators, with a current code)."""
    user = request.user
    device = otp.device_of(user)
    verified = getattr(user, "is_verified", lambda: False)()
    if device is not None and not verified:
        return redirect("accounts:otp_verify")  # enrolled: prove it before changing anything
    form = CodeForm(request.POST or None)
    action = request.POST.get("action", "enrol")
    if request.method == "POST" and form.is_valid():
        try:
            if action == "disable":
                otp.disable(request, form.cleaned_data["code"])
                messages.success(request, "已停用两步验证。")
            else:
                otp.enrol(request, otp.pending_device(user), form.cleaned_data["code"])
                messages.success(request, "两步验证已启用，以后每次登录都须输入验证码。")
                if request.GET.get("next"):
                    return redirect(_next_url(request))
        except ValidationError as exc:
            if exc.code == "blocked":
                logout(request)
                messages.error(request, exc.messages[0])
                return redirect("accounts:login")
            form.add_error("code", exc)
        else:
            return redirect("accounts:account")
    context = {"form": form, "device": device, "otp_required": otp.is_required(user), "action": action}
    if device is None:
        pending = otp.pending_device(user)
        uri = pending.config_url
        context.update(uri=uri, secret=otp.secret_text(pending), qr=mark_safe(otp.qr_svg(uri)))
    return render(request, "accounts/otp_setup.html", context)


# -- password reset (reveals nothing about which accounts exist) ------------------------------

@require_http_methods(["GET", "POST"])
def password_reset(request):
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_reset_request(account=form.cleaned_data["account"], request=request)
        except services.ResetLimited as exc:
            form.add_error(None, str(exc))
            return render(request, "accounts/password_reset.html", {"form": form}, status=429)
        return redirect("accounts:password_reset_sent")
    return render(request, "accounts/password_reset.html", {"form": form})


def password_reset_sent(request):
    return render(request, "accounts/password_reset_sent.html",
                  {"minutes": settings.PASSWORD_RESET_TIMEOUT // 60})


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's view: checks the token (single use: it hashes the password; expires after
    PASSWORD_RESET_TIMEOUT), moves it out of the address bar into the session, then asks for
    the new password. It never signs the user in: administrators still pass the second step."""

    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    post_reset_login = False


def password_reset_complete(request):
    return render(request, "accounts/password_reset_complete.html")


# -- closing accounts ------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def account_close(request):
    """注销账号 (citizens and companies), with the password and an explicit confirmation."""
    user = request.user
    if not user.is_public_user:
        raise PermissionDenied("工作人员账号不能自行注销，请联系安全管理员停用")
    form = AccountCloseForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.account_close(user=user)
        logout(request)
        return render(request, "accounts/account_closed.html")
    return render(request, "accounts/account_close.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def staff_close(request):
    """The security administrator closes a staff account, or resets its authenticator."""
    scope.require(request.user, "accounts.unlock")
    form = StaffCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["username"]
        try:
            if request.POST.get("action") == "otp_reset":
                otp.reset(user=target, by=request.user, note=f"重置两步验证：{form.cleaned_data['reason']}"[:500])
                messages.success(request, f"已重置“{target.username}”的两步验证，该账号下次登录时须重新绑定验证器。")
            else:
                services.staff_close(user=target, by=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, f"已停用工作人员账号“{target.username}”，其角色已全部撤销。")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("accounts:staff_close")
    return render(request, "accounts/staff_close.html", {"form": form})


def _staff_sheet(request, spec, capability: str, step: str):
    """The staff sheet's upload page for one administrator's step (see accounts/staff_import.py)."""
    scope.require(request.user, capability)
    context = {"step": step, "fields": spec.fields, "max_mb": uploads.max_bytes() // uploads.MB}
    if spec is staff_import_specs.ACCOUNTS:
        context["upload_options"] = [("deliver", "有电子邮箱的通过邮件、有手机号码的通过短信发送初始密码"
                                                 "（未能发送的列入打印清单）", True)]
    if request.GET.get("template"):
        response = HttpResponse(template_workbook(spec, request.user), content_type=XLSX)
        response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote("工作人员名单导入模板.xlsx")
        return response
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["file_error"] = f"请选择不超过{context['max_mb']}MB的 .xlsx 文件"
            return render(request, "accounts/staff_import.html", context, status=400)
        result = import_workbook(spec, upload, by=request.user)
        if result.error_workbook is not None and request.POST.get("errors") == "xlsx":
            response = HttpResponse(result.error_workbook, content_type=XLSX)
            response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote("工作人员名单导入错误说明.xlsx")
            return response
        context["result"] = result
        if not result.ok:
            return render(request, "accounts/staff_import.html", context, status=400)
        audit.record(action=audit.Action.CREATE, actor=request.user,
                     note=f"导入工作人员名单（{step}）：新增{result.created}条，未变化{result.unchanged}条")
        if result.handed_over and request.POST.get("deliver"):  # after the commit: a refused sheet sends nothing
            context["delivered"], result.handed_over = staff_import_specs.deliver_passwords(
                result.handed_over, by=request.user, login_url=request.build_absolute_uri(reverse("accounts:login")))
        response = render(request, "accounts/staff_import.html", context)
        response["Cache-Control"] = "no-store"  # the one-time passwords are shown once
        return response
    return render(request, "accounts/staff_import.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def staff_import(request):
    """The system administrator opens the accounts of a staff sheet (one-time passwords)."""
    return _staff_sheet(request, staff_import_specs.ACCOUNTS, "users.manage", "开通账号")


@login_required
@require_http_methods(["GET", "POST"])
def roles_import(request):
    """The security administrator grants the roles of the same staff sheet."""
    return _staff_sheet(request, staff_import_specs.ROLES, "roles.grant", "授予角色")
