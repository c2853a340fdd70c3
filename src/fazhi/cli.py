"""The ``fazhi`` console script.

    fazhi demo [--no-serve] [--port N]   embedded SQLite demo: migrate, load, print logins, serve
    fazhi serve [--port N] [--host H]    serve the platform
    fazhi setup --division CODE [--departments standard] [--city] [--province]
                                         create a county's organisation tree from division data
    fazhi createadmin                    create the three administrator accounts (三员)
    fazhi remind [--date D] [--enqueue]  daily deadline reminders (cron); --enqueue: run by `fazhi manage fazhi_worker`
    fazhi snapshot close|verify [--year Y] [--county C]
                                         closed years' indicator snapshots for roll-ups (cron, nightly)
    fazhi report --year Y [--unit C] [--kind annual|disclosure] [--format json|html|docx|pdf|package] [-o FILE]
                                         a unit's figures (JSON) or its annual report (HTML, GB/T 9704 .docx, PDF);
                                         --kind disclosure: its 政府信息公开工作年度报告 (six parts);
                                         --format package: the approved report's 报送市级 package (signed)
    fazhi assess --year Y [--unit C] [--format json|xlsx|docx] [-o FILE] [--run --by ACCOUNT]
                                         a year's 法治建设考核 results: scores (JSON), ranking (Excel), 通报 (.docx)
    fazhi manage <command> ...           any Django management command
"""

from __future__ import annotations

import argparse
import os
import sys

import django
from django.conf import settings
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import DatabaseError
from gunicorn.app.wsgiapp import WSGIApplication


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    django.setup()


def _call(*args: str) -> None:
    call_command(*args)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["manage"]:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
        execute_from_command_line(["fazhi manage", *argv[1:]])
        return 0

    parser = argparse.ArgumentParser(prog="fazhi", description="法治政府建设综合管理平台")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    demo = sub.add_parser("demo", help="创建演示数据库（SQLite）并启动服务")
    demo.add_argument("--no-serve", action="store_true", help="只准备数据，不启动服务")
    demo.add_argument("--port", type=int, default=8000)
    serve = sub.add_parser("serve", help="启动服务")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1")
    setup = sub.add_parser("setup", help="按区划代码建立县级单位、乡镇（街道）和村（社区）")
    setup.add_argument("--division", required=True, help="6位县级区划代码，如 430771")
    setup.add_argument("--departments", choices=["standard"], help="standard：同时建立县级政府常设部门")
    setup.add_argument("--city", action="store_true", help="同时建立所属设区的市并将本区县置于其下")
    setup.add_argument("--province", action="store_true", help="同时建立所属设区的市和省，市置于省下（含 --city）")
    sub.add_parser("createadmin", help="创建系统管理员、安全管理员、审计管理员账号")
    report = sub.add_parser("report", help="按年度输出指标（JSON）或年度报告（HTML、Word、PDF）")
    report.add_argument("--year", type=int, required=True)
    report.add_argument("--unit", help="单位代码，默认本级区县")
    report.add_argument("--format", default="json", choices=["json", "html", "docx", "pdf", "package"],
                        help="package：报送市级的报送包（正文、数据、SHA-256、令牌签名）")
    report.add_argument("--kind", default="annual", choices=["annual", "disclosure"],
                        help="annual：法治政府建设年度报告（默认）；disclosure：政府信息公开工作年度报告")
    report.add_argument("-o", "--output", help="输出文件（Word、PDF默认写入当前目录）")
    assess = sub.add_parser("assess", help="年度法治建设考核结果（JSON、Excel排名、Word通报）")
    assess.add_argument("--year", type=int, required=True)
    assess.add_argument("--unit", help="只输出该单位的评分（单位代码）")
    assess.add_argument("--format", default="json", choices=["json", "xlsx", "docx"])
    assess.add_argument("-o", "--output", help="输出文件（Excel、Word默认写入当前目录）")
    assess.add_argument("--run", action="store_true", help="先依据台账运行考核评分")
    assess.add_argument("--by", help="运行评分的统筹人员账号")
    remind = sub.add_parser("remind", help="生成期限提醒（每日由 cron 运行）")
    remind.add_argument("--date", help="按指定日期计算（YYYY-MM-DD）")
    remind.add_argument("--enqueue", action="store_true", help="交给后台任务进程（fazhi manage fazhi_worker）执行")
    bkp = sub.add_parser("backup", help="备份全部业务数据")
    bkp.add_argument("-o", "--output", help="备份文件路径")
    rst = sub.add_parser("restore", help="从备份文件恢复（全部成功或全部撤销）")
    rst.add_argument("file")
    rst.add_argument("--replace", action="store_true", help="当前数据库已有数据时，确认用备份覆盖")
    verify = sub.add_parser("verify-draw", help="用公开的抽取数据（JSON）复核一次“双随机”抽取是否真实")
    verify.add_argument("file", help="抽取公示页面下载的 JSON 文件")
    snap = sub.add_parser("snapshot", help="已结束年度的指标快照：close 生成（每晚由 cron 运行），verify 与重算核对")
    snap.add_argument("action", choices=["close", "verify"])
    snap.add_argument("--year", type=int, help="年度（默认上一年）")
    snap.add_argument("--county", help="只处理此县级单位（单位代码）")
    bench = sub.add_parser("bench", help="性能测试：generate 生成县/省规模数据，run 运行基准并打印对照表（docs/deployment.md）")
    bench.add_argument("action", choices=["generate", "run"],
                       help="generate --scale county|province [--years N] [--seed S] [--counties K]；"
                            "run [--scale county|province] [--repeat N] [--json 文件]")
    bench.add_argument("options", nargs=argparse.REMAINDER, help="传给该操作的参数（加 --help 查看）")
    sub.add_parser("manage", help="Django 管理命令，如 fazhi manage check --deploy")
    args = parser.parse_args(argv)

    _django()
    try:
        if args.command == "demo":
            _call("fazhi_demo")
            print(f"访问地址：http://127.0.0.1:{args.port}/  数据目录：{_home()}", flush=True)
            if not args.no_serve:
                _serve("127.0.0.1", args.port)
        elif args.command == "serve":
            _call("migrate", "--noinput", "-v", "0")
            _serve(args.host, args.port)
        elif args.command == "setup":
            _call("migrate", "--noinput", "-v", "0")
            _call("fazhi_setup", "--division", args.division,
                  *(["--departments", args.departments] if args.departments else []),
                  *(["--city"] if args.city else []), *(["--province"] if args.province else []))
        elif args.command == "report":
            extra = [*(["--unit", args.unit] if args.unit else []), *(["-o", args.output] if args.output else [])]
            _call("fazhi_report", "--year", str(args.year), "--format", args.format, "--kind", args.kind, *extra)
        elif args.command == "assess":
            extra = [*(["--unit", args.unit] if args.unit else []), *(["-o", args.output] if args.output else []),
                     *(["--run"] if args.run else []), *(["--by", args.by] if args.by else [])]
            _call("fazhi_assess", "--year", str(args.year), "--format", args.format, *extra)
        elif args.command == "remind":
            _call("fazhi_remind", *(["--date", args.date] if args.date else []), *(["--enqueue"] if args.enqueue else []))
        elif args.command == "backup":
            _call("fazhi_backup", *(["-o", args.output] if args.output else []))
        elif args.command == "restore":
            _call("migrate", "--noinput", "-v", "0")
            _call("fazhi_restore", args.file, *(["--replace"] if args.replace else []))
        elif args.command == "verify-draw":
            _call("verify_draw", args.file)
        elif args.command == "snapshot":
            _call("fazhi_snapshot", args.action, *(["--year", str(args.year)] if args.year else []),
                  *(["--county", args.county] if args.county else []))
        elif args.command == "bench":
            _call("migrate", "--noinput", "-v", "0")
            _call(f"fazhi_bench_{args.action}", *args.options)
        elif args.command == "createadmin":
            _call("migrate", "--noinput", "-v", "0")
            _call("fazhi_createadmin")
    except CommandError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except DatabaseError as exc:  # e.g. a data folder that was never set up: a sentence, not a traceback
        print(f"错误：数据库不可用或尚未建立（{exc}）。请先运行 fazhi demo 或 fazhi setup --division 区划代码，"
              f"或检查 FAZHI_HOME / DATABASE_URL 的设置。", file=sys.stderr)
        return 2
    return 0


def _home() -> str:
    return str(settings.FAZHI_HOME)


def _serve(host: str, port: int) -> None:
    """Serve with gunicorn (threads); the demo does not need a separate static server."""
    print(f"服务地址：http://{host}:{port}/  （按 Ctrl+C 停止）", flush=True)
    sys.argv = ["fazhi", "--bind", f"{host}:{port}", "--workers", "1", "--threads", "8",
                "--worker-class", "gthread", "--access-logfile", "-", "--log-level", "warning",
                "fazhi.wsgi:application"]
    WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").run()


if __name__ == "__main__":
    raise SystemExit(main())
