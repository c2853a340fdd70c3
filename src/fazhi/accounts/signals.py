"""Sign-in events go to the audit log."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from fazhi.core import audit


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:  # noqa: ANN001, ANN003
    audit.record(action=audit.Action.LOGIN, actor=user, obj=user, note="登录成功")


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:  # noqa: ANN001, ANN003
    if user is not None:
        audit.record(action=audit.Action.LOGOUT, actor=user, obj=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:  # noqa: ANN001, ANN003
    name = str(credentials.get("username", ""))[:150]
    audit.record(action=audit.Action.LOGIN_FAILED, actor_name=name or "（空）", note="账号或密码错误")
