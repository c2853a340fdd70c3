from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from fazhi.accounts.models import User
from fazhi.accounts.services import membership_grant, staff_create
from fazhi.core.roles import Role
from fazhi.core.units import counties

ADMINS = [
    ("sysadmin", "系统管理员", Role.SYSADMIN),
    ("secadmin", "安全管理员", Role.SECADMIN),
    ("auditadmin", "审计管理员", Role.AUDITADMIN),
]


class Command(BaseCommand):
    help = "创建三员账号（系统管理员、安全管理员、审计管理员），首次登录须修改密码"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--prefix", default="", help="账号前缀，默认无")

    def handle(self, *args, **options) -> None:
        county = counties().order_by("pk").first()
        if county is None:
            raise CommandError("尚未建立单位，请先运行：fazhi setup --division 区划代码")
        for username, label, role in ADMINS:
            username = options["prefix"] + username
            if User.objects.filter(username=username).exists():
                self.stdout.write(f"{label}账号 {username} 已存在，未改动。")
                continue
            user, password = staff_create(username=username, display_name=label, by=None)
            membership_grant(user=user, unit=county, role=role, by=None)
            self.stdout.write(f"{label}：账号 {username}  初始密码 {password}（首次登录须修改）")
