"""Two-step sign-in from the operator's shell: `fazhi manage fazhi_totp code USER` prints the code
the account's authenticator shows now (demo and test installations only), `reset USER` removes the
authenticator (lost phone) so that the account enrols again at its next sign-in."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fazhi.accounts import otp
from fazhi.accounts.models import User


class Command(BaseCommand):
    help = "两步验证：code 账号 显示当前验证码（仅演示环境）；reset 账号 重置验证器（须重新绑定）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["code", "reset"])
        parser.add_argument("username")

    def handle(self, *args, **options) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as exc:
            raise CommandError(f"账号“{options['username']}”不存在") from exc
        if options["action"] == "reset":
            count = otp.reset(user=user, by=None, note="运维人员在服务器上重置两步验证")
            self.stdout.write(f"已重置“{user.username}”的两步验证（删除验证器{count}个），下次登录须重新绑定。")
            return
        if settings.PRODUCTION:
            raise CommandError("生产环境不提供查看验证码，请使用本人手机上的验证器")
        device = otp.device_of(user)
        if device is None:
            raise CommandError(f"账号“{user.username}”尚未绑定验证器")
        self.stdout.write(otp.current_code(device))
