"""fazhi manage fazhi_workflows_doc [-o FILE]: docs/workflows.md from the streams' workflows."""

from __future__ import annotations

from fazhi.core.management.markdown_command import MarkdownCommand
from fazhi.core.workflow_doc import markdown


class Command(MarkdownCommand):
    help = "由各台账的办理流程生成流程与办理条件说明（Markdown）"

    def markdown(self) -> str:
        return markdown()
