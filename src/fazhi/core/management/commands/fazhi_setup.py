from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.units import setup_division, standard_departments


class Command(BaseCommand):
    help = "按县级区划代码建立单位树：区县政府（管委会）、乡镇（街道）、村（社区）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--division", required=True)
        parser.add_argument("--departments", choices=["standard"],
                            help="standard：同时建立县级政府常设工作部门、直属机构和派驻机构（已有同名单位的不重复建立）")
        parser.add_argument("--city", action="store_true",
                            help="同时建立所属设区的市（按区划代码前4位），并将本区县置于其下（可重复执行）")
        parser.add_argument("--province", action="store_true",
                            help="同时建立所属设区的市和省（按区划代码前2位），市置于省下（含 --city，可重复执行）")

    def handle(self, *args, **options) -> None:
        try:
            wanted = standard_departments() if options.get("departments") == "standard" else None
            summary = setup_division(options["division"], departments=wanted, city=options.get("city", False),
                                     province=options.get("province", False))
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        above, chain = summary.county.parent, []
        while above is not None:
            chain.append(f"{above.name}（{above.code}）")
            above = above.parent
        self.stdout.write(
            (f"上级：{'、'.join(chain)}。" if chain else "")
            + f"已建立 {summary.county.name}（{summary.county.code}）："
            f"乡镇（街道）{summary.townships} 个，村（社区）{summary.villages} 个"
            + (f"，新增部门 {summary.departments} 个。" if wanted else "。")
        )
