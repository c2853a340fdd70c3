"""Builds the demo: 常德市西洞庭管理区 with a dozen departments, one account per role, and a
few ledger records. Safe to run again: nothing is duplicated."""

from __future__ import annotations

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from fazhi.accounts import otp
from fazhi.accounts.models import Membership, User
from fazhi.core.models import Unit
from fazhi.core.registry import streams
from fazhi.core.roles import ADMIN_ROLES, Role
from fazhi.core.units import setup_division, unit_add
from fazhi.indicators import freshness

DIVISION = "430771"
DEMO_PASSWORD = "Fazhi@2026"
# The three administrators must sign in with a second step (TOTP); in the demo they share this
# printed secret (add it to any authenticator app, or `fazhi manage fazhi_totp code sysadmin`).
DEMO_TOTP_SECRET = "FAZH IDEM OTOT PSEC RETK EYFO RADM INS2"

DEPARTMENTS = [
    ("D01", "党政综合办公室", "党政办"),
    ("D02", "司法局（依法治区办）", "司法局"),
    ("D03", "市场监督管理局", "市场监管局"),
    ("D04", "交通运输局", "交通运输局"),
    ("D05", "自然资源局", "自然资源局"),
    ("D06", "政务服务中心", "政务服务中心"),
    ("D07", "公安分局", "公安分局"),
    ("D08", "财政局", "财政局"),
    ("D09", "住房和城乡建设局", "住建局"),
    ("D10", "农业农村局", "农业农村局"),
    ("D11", "生态环境分局", "生态环境分局"),
    ("D12", "卫生健康局", "卫健局"),
    ("D13", "应急管理局", "应急管理局"),
    ("D14", "信访局", "信访局"),
]
EXTERNAL = [
    ("X01", "常德市中级人民法院", "市中院"),
    ("X02", "中共常德市委全面依法治市委员会办公室", "市委依法治市办"),
]

# (username, display name, unit code suffix or full code, role)
DEMO_USERS = [
    ("sysadmin", "系统管理员", "", Role.SYSADMIN),
    ("secadmin", "安全管理员", "", Role.SECADMIN),
    ("auditadmin", "审计管理员", "", Role.AUDITADMIN),
    ("coordinator", "李法治（依法治区办）", "-D02", Role.COORDINATOR),
    ("approver", "张主任（依法治区办）", "-D02", Role.COORDINATOR),  # adopts the annual report (not its drafter)
    ("clerk", "王经办（市场监管局）", "-D03", Role.CLERK),
    ("head", "赵局长（市场监管局）", "-D03", Role.UNIT_HEAD),
    ("clerk2", "陈经办（交通运输局）", "-D04", Role.CLERK),
    ("leader", "周区长（区领导）", "", Role.LEADER),
    ("advisor", "刘律师（育才社区法律顾问）", "430771004001", Role.LEGAL_ADVISOR),
    ("mediator", "孙调解（唐林村调委会）", "430771101208", Role.MEDIATOR),
    ("city", "吴统筹（市委依法治市办）", "430700", Role.CITY_COORDINATOR),  # 常德市, above the county
]
DEMO_CITIZEN = ("13800138000", "张三")


class Command(BaseCommand):
    help = "准备演示数据：单位树、每个角色一个演示账号、示例台账（可重复运行）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--streams", default="",
                            help="只载入这些业务条线的示例台账（逗号分隔的条线代码，如 mediation,petitions）；默认全部")

    def handle(self, *args, **options) -> None:
        call_command("migrate", "--noinput", verbosity=0)
        only = {k.strip() for k in options["streams"].split(",") if k.strip()}
        with transaction.atomic():
            county = self._units()
            self._users(county)
            self._records(county, only)
        freshness.bump()  # the demo's bulk loads are not all audited: what was cached from the records goes
        self._print()

    def _units(self) -> Unit:
        county = setup_division(DIVISION, city=True).county  # under 常德市, which its report goes up to
        for i, (suffix, name, short) in enumerate(DEPARTMENTS):
            unit_add(code=f"{DIVISION}-{suffix}", name=name, short_name=short,
                     kind=Unit.Kind.DEPARTMENT, parent=county, sort_order=i)
        for i, (suffix, name, short) in enumerate(EXTERNAL):
            unit_add(code=f"{DIVISION}-{suffix}", name=name, short_name=short,
                     kind=Unit.Kind.EXTERNAL, parent=None, sort_order=i)
        return county

    def _users(self, county: Unit) -> None:
        for username, name, where, role in DEMO_USERS:
            user, _ = User.objects.get_or_create(username=username, defaults={"display_name": name})
            user.set_password(DEMO_PASSWORD)
            user.must_change_password = False
            user.save()
            code = county.code if not where else (f"{county.code}{where}" if where.startswith("-") else where)
            Membership.objects.get_or_create(user=user, unit=Unit.objects.get(code=code), role=role)
            if role in ADMIN_ROLES:
                otp.demo_enrol(user, DEMO_TOTP_SECRET)
        phone, name = DEMO_CITIZEN
        citizen, _ = User.objects.get_or_create(
            username=phone, defaults={"display_name": name, "kind": User.Kind.CITIZEN, "phone": phone})
        citizen.set_password(DEMO_PASSWORD)
        citizen.save()

    def _records(self, county: Unit, only: set[str]) -> None:
        """Each stream loads its own demo records (its manifest names the loader). A stream that
        provides the 执法证 register loads first, so the others' demo officers come from it."""
        for manifest in sorted(streams(), key=lambda m: not m.certificate_lookup):
            if manifest.demo and (not only or manifest.key in only):
                import_string(manifest.demo)(county)
        # Apps built on the streams (the annual report) load theirs last: AppConfig.demo_after_streams.
        for cfg in apps.get_app_configs():
            loader = getattr(cfg, "demo_after_streams", "")
            if loader and not only:
                import_string(loader)(county)

    def _print(self) -> None:
        w = self.stdout.write
        w("演示数据已就绪：常德市西洞庭管理区（3个乡镇街道、18个村社区、14个部门）。")
        w(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, name, _where, role in DEMO_USERS:
            w(f"  {username:<12} {Role(role).label:<12} {name}")
        w(f"  {DEMO_CITIZEN[0]:<12} 公众（个人）     {DEMO_CITIZEN[1]}")
        w(f"三员账号登录须两步验证：在手机验证器中添加密钥 {DEMO_TOTP_SECRET}，"
          "或运行 fazhi manage fazhi_totp code sysadmin 查看当前验证码。")
