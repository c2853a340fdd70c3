from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q

from fazhi.core.roles import Role


class User(AbstractUser):
    """A platform account: staff, or a citizen or company registered on the portal."""

    class Kind(models.TextChoices):
        STAFF = "staff", "工作人员"
        CITIZEN = "citizen", "个人"
        COMPANY = "company", "企业"

    username = models.CharField(
        "账号", max_length=150, unique=True,
        error_messages={"unique": "该账号已被注册"},
    )
    kind = models.CharField("账号类型", max_length=10, choices=Kind.choices, default=Kind.STAFF)
    display_name = models.CharField("姓名/名称", max_length=100, blank=True)
    phone = models.CharField("手机号码", max_length=11, null=True, blank=True, unique=True,
                             error_messages={"unique": "该手机号码已被注册"})
    email = models.EmailField("电子邮箱", blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    must_change_password = models.BooleanField("首次登录须修改密码", default=False)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)
    # when the e-mail or phone (the channels a password reset relies on) last changed; a reset
    # is withheld for FAZHI_RECOVERY_CHANNEL_HOLD_DAYS after (accounts/services.py)
    contact_changed_at = models.DateTimeField("联系方式修改时间", null=True, blank=True, editable=False)

    objects = UserManager()

    class Meta:
        verbose_name = "账号"
        verbose_name_plural = "账号"
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=~Q(email=""), name="user_email_unique_when_set",
                violation_error_message="该电子邮箱已被注册",
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def is_public_user(self) -> bool:
        return self.kind != self.Kind.STAFF

    def roles(self) -> set[str]:
        return {m.role for m in self.active_memberships()}

    def active_memberships(self) -> list[Membership]:
        cached = getattr(self, "_memberships_cache", None)
        if cached is None:
            cached = list(self.memberships.filter(is_active=True).select_related("unit"))
            self._memberships_cache = cached
        return cached


class Membership(models.Model):
    """A user's role in a unit. A user may hold roles in several units."""

    user = models.ForeignKey(User, verbose_name="账号", on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey("core.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    is_active = models.BooleanField("有效", default=True)
    granted_at = models.DateTimeField("授权时间", auto_now_add=True)
    granted_by = models.ForeignKey(User, verbose_name="授权人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "角色授权"
        verbose_name_plural = "角色授权"
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.unit} · {self.get_role_display()}"
