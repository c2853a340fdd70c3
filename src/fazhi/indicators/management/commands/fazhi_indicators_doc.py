from __future__ import annotations

from fazhi.core.management.markdown_command import MarkdownCommand
from fazhi.core.registry import streams
from fazhi.indicators.engine import target_of
from fazhi.indicators.registry import load_all

HEADER = """# Indicators (指标目录)

Generated from the indicator registry by `fazhi manage fazhi_indicators_doc -o docs/indicators.md`;
do not edit by hand. Each indicator is defined once, in its stream's `indicators.py`; the
formula column is the first paragraph of its compute function's docstring. Every figure opens
to its records at `/indicators/<key>/?unit=CODE&year=YYYY` (Excel export there too).

Installed streams when generated: {streams}. Indicators: {count}.

| Key | 名称 | 单位 | 精度 | 版本 | 目标 | Formula |
|---|---|---|---|---|---|---|
"""


def markdown() -> str:

    registry = load_all()
    lines = [HEADER.format(streams=", ".join(m.key for m in streams()), count=len(registry))]
    for key, ind in sorted(registry.items()):
        target = target_of(ind)
        formula = ind.formula.replace("|", "\\|") or "—"
        lines.append(f"| `{key}` | {ind.label} | {ind.unit} | {ind.precision} | {ind.version} | "
                     f"{'' if target is None else f'{target:g}{ind.unit}'} | {formula} |\n")
    return "".join(lines)


class Command(MarkdownCommand):
    help = "由指标登记表生成指标目录（Markdown）"

    def markdown(self) -> str:
        return markdown()
