"""Sign-in events go to the audit log; failed sign-ins also count against the client address."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from fazhi.accounts import lockout
from fazhi.core import audit


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    audit.record(action=audit.Action.LOGIN, actor=user, obj=user, note="登录成功")


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit.record(action=audit.Action.LOGOUT, actor=user, obj=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    name = str(credentials.get("username", ""))[:150]
    locked = getattr(request, "fazhi_login_refused", None) == "account"  # set by backends.LockoutBackend
    audit.record(action=audit.Action.LOGIN_FAILED, actor_name=name or "（空）",
                 note="账号已锁定，拒绝登录" if locked else "账号或密码错误")
    if request is not None:
        lockout.address_failed(request)


@receiver(user_locked_out)
def _locked_out(sender, request=None, username=None, **kwargs) -> None:
    """Axes locked the account with this failure (refusals of an already locked account are
    recorded by ``_login_failed``)."""
    if getattr(request, "fazhi_login_refused", None) != "account":
        audit.record(action=audit.Action.LOGIN_FAILED, actor_name=str(username or "（空）")[:150],
                     note=f"登录失败次数达到上限，账号已锁定{lockout.cooloff_minutes()}分钟")
