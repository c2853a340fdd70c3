"""Issue, list and revoke API tokens from the command line, on behalf of a security administrator.

    fazhi manage fazhi_api_token issue --by secadmin --name 省执法平台 --user svc_province --days 365
    fazhi manage fazhi_api_token list
    fazhi manage fazhi_api_token revoke --by secadmin 3
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.api.models import ApiToken
from fazhi.api.services import token_issue, token_revoke


class Command(BaseCommand):
    help = "签发、列出或吊销接口令牌（须以安全管理员账号操作）"

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue")
        issue.add_argument("--by", required=True, help="安全管理员账号")
        issue.add_argument("--name", required=True)
        issue.add_argument("--user", required=True, help="令牌代表的账号")
        issue.add_argument("--days", type=int, default=None)
        sub.add_parser("list")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("--by", required=True)
        revoke.add_argument("token_id", type=int)

    def _user(self, name: str):
        user = get_user_model().objects.filter(username=name).first()
        if user is None:
            raise CommandError(f"账号不存在：{name}")
        return user

    def handle(self, *args, action: str, **opts) -> None:
        try:
            if action == "list":
                for t in ApiToken.objects.select_related("user"):
                    self.stdout.write(f"{t.pk}\t{t.prefix}…\t{t.name}\t{t.user.username}\t{t.status_label}")
            elif action == "issue":
                token, raw = token_issue(by=self._user(opts["by"]), name=opts["name"], user=self._user(opts["user"]),
                                         days=opts["days"])
                self.stdout.write(f"已签发令牌 {token.pk}（仅显示一次）：\n{raw}")
            else:
                token = ApiToken.objects.filter(pk=opts["token_id"]).first()
                if token is None:
                    raise CommandError("令牌不存在")
                token_revoke(token, by=self._user(opts["by"]))
                self.stdout.write(f"已吊销令牌 {token.pk}")
        except PermissionDenied as exc:
            raise CommandError("该账号无权管理接口令牌（须安全管理员）") from exc
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
