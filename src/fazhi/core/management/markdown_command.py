"""The shape of a command that writes a generated document (docs/indicators.md, docs/workflows.md):
``markdown()`` printed, or written to ``-o FILE``."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand


class MarkdownCommand(BaseCommand):
    def markdown(self) -> str:
        raise NotImplementedError

    def add_arguments(self, parser) -> None:
        parser.add_argument("-o", "--output", help="输出文件，默认打印到屏幕")

    def handle(self, *args, **options) -> None:
        text = self.markdown()
        if options.get("output"):
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stdout.write(f"已输出到 {options['output']}")
        else:
            self.stdout.write(text)
