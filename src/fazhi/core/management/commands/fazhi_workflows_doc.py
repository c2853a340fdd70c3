"""fazhi manage fazhi_workflows_doc [-o FILE]: docs/workflows.md from the streams' workflows."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from fazhi.core.workflow_doc import markdown


class Command(BaseCommand):
    help = "由各台账的办理流程生成流程与办理条件说明（Markdown）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("-o", "--output", help="输出文件，默认打印到屏幕")

    def handle(self, *args, **options) -> None:
        text = markdown()
        if options.get("output"):
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stdout.write(f"已输出到 {options['output']}")
        else:
            self.stdout.write(text)
