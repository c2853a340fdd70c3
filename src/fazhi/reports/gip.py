"""The 政府信息公开工作年度报告 in the national six-part format (条例 第四十九条、第五十条;
国办公开办函〔2021〕30号; spec §21.6), for one unit (its own and its sub-units' records) or the
county total (the county government: every unit under it).

Parts 一、五、六 are text sections of the report (placeholders bound to indicators, as in the
annual 法治政府建设 report); part 二 takes the figures the platform records (normative documents,
enforcement decisions) through indicator keys and leaves the rest as entered numbers
(``AnnualReport.entered``); part 三 comes from the stream that registers ``StreamManifest.gip_report``
(the reports layer imports no stream); part 四 binds the stream's table 四 indicators. Table 三 must
balance (一 + 二 = 三 + 四 per column) before the report may be published.
"""

from __future__ import annotations

from datetime import date

from django.utils.module_loading import import_string

from fazhi.core.models import Unit
from fazhi.core.registry import streams
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period, load_all
from fazhi.reports.models import AnnualReport, ReportSection, StatutoryPart
from fazhi.reports.placeholders import fill, keys_in

PART_TITLES = {
    "一": "一、总体情况",
    "二": "二、主动公开政府信息情况",
    "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
    "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}
TEXT_PARTS = {"一": StatutoryPart.GIP_OVERVIEW, "五": StatutoryPart.GIP_PROBLEMS, "六": StatutoryPart.GIP_OTHER}
# The placeholder text a new report starts with (the coordinator rewrites it; placeholders stay live).
TEXT_TEMPLATES = {
    "一": ("{year}年，{unit}认真贯彻落实《中华人民共和国政府信息公开条例》，"
          "全年共收到政府信息公开申请{{{{ disclosure.requests|value }}}}件，上年结转{{{{ disclosure.carried_in|value }}}}件，"
          "办结{{{{ disclosure.handled|value }}}}件，结转下年度{{{{ disclosure.carried_over|value }}}}件；"
          "依申请公开答复率{{{{ disclosure.reply_rate }}}}，按期答复率{{{{ disclosure.on_time_rate }}}}。"),
    "五": "（待填写：本年度政府信息公开工作存在的主要问题，以及上年度问题的改进情况。）",
    "六": "（待填写：依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，以及其他需要报告的事项。）",
}

# Table 二 in the 2021 format: (第二十条 item, row, [(column, indicator key | "entered:<name>")]).
ENTERED = "entered:"
PART_TWO = [
    ("第二十条第（一）项", "规章", [("本年制发件数", "entered:rules_issued"), ("本年废止件数", "entered:rules_repealed"),
                           ("现行有效件数", "entered:rules_in_force")]),
    ("第二十条第（一）项", "行政规范性文件", [("本年制发件数", "normative.documents_published"),
                                ("本年废止件数", "normative.documents_repealed"),
                                ("现行有效件数", "normative.documents_in_force")]),
    ("第二十条第（五）项", "行政许可", [("本年处理决定数量", "enforcement.licence_decisions")]),
    ("第二十条第（六）项", "行政处罚", [("本年处理决定数量", "enforcement.penalty_decisions")]),
    ("第二十条第（六）项", "行政强制", [("本年处理决定数量", "enforcement.coercion_decisions")]),
    ("第二十条第（八）项", "行政事业性收费", [("本年收费金额（单位：万元）", "entered:fees")]),
]
# The entered figures of table 二 (AnnualReport.entered): name -> (label, decimal places).
ENTERED_FIELDS = {
    "rules_issued": ("规章本年制发件数", 0),
    "rules_repealed": ("规章本年废止件数", 0),
    "rules_in_force": ("规章现行有效件数", 0),
    "fees": ("行政事业性收费本年收费金额（万元）", 4),
}
# Table 四: rows × columns bound to the indicators ``disclosure.<route>_<column>``.
PART_FOUR_ROUTES = [("reconsideration", "行政复议"), ("litigation_direct", "行政诉讼·未经复议直接起诉"),
                    ("litigation_after", "行政诉讼·复议后起诉")]
PART_FOUR_COLUMNS = [("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
                     ("pending", "尚未审结"), ("total", "总计")]
# Rows whose sums must balance: 一 + 二 = 三(七) + 四.
BALANCE_ROWS = ("new", "carried_in", "handled", "carried_forward")


def publish_due(unit: Unit, year: int) -> date:
    """31 January of the next year for a department (and township), 31 March for the county
    government's own report (条例 第四十九条)."""
    return date(year + 1, 3, 31) if unit.kind == Unit.Kind.GOVERNMENT else date(year + 1, 1, 31)


def text_outline(unit: Unit, year: int) -> list[dict]:
    """The text sections a new GIP report starts with (parts 一、五、六)."""
    return [{"heading": PART_TITLES[part], "level": 1, "statutory": TEXT_PARTS[part],
             "text": TEXT_TEMPLATES[part].format(year=year, unit=unit.name)} for part in TEXT_PARTS]


def _source() -> str:
    for manifest in streams():
        if manifest.gip_report:
            return manifest.gip_report
    return ""


def part_three(units, year: int) -> dict:
    """Table 三 over ``units`` from the stream that registers it, with its balance check."""
    source = _source()
    table = import_string(source)(units, year) if source else {"columns": [], "rows": []}
    problems = balance_problems(table)
    return {"title": PART_TITLES["三"], **table, "balanced": not problems, "problems": problems}


def balance_problems(table: dict) -> list[str]:
    """一 + 二 = 三 + 四 for every column of table 三; one Chinese phrase per column that does not balance."""
    rows = {r["key"]: r["cells"] for r in table.get("rows", [])}
    if not table.get("rows"):
        return []
    missing = [k for k in BALANCE_ROWS if k not in rows]
    if missing:
        return [f"表三缺少行：{'、'.join(missing)}"]
    new, old, done, rest = (rows[k] for k in BALANCE_ROWS)
    out = []
    for col in table["columns"]:
        k = col["key"]
        a, b, c, d = (r.get(k, 0) for r in (new, old, done, rest))
        if a + b != c + d:
            name = f"{col['group']}—{col['label']}" if col.get("group") else col["label"]
            out.append(f"{name}（本年新收{a}＋上年结转{b}≠办理结果总计{c}＋结转下年度{d}）")
    return out


def _figures(unit: Unit, year: int, keys: list[str]) -> dict[str, dict]:
    registry = load_all()
    period = Period.year(year)
    return {k: compute_figure(k, unit, period).as_json() for k in keys if k in registry}


def part_two(unit: Unit, year: int, entered: dict) -> dict:
    keys = [key for _item, _row, cols in PART_TWO for _label, key in cols if not key.startswith(ENTERED)]
    figures = _figures(unit, year, keys)
    rows = []
    for item, label, cols in PART_TWO:
        cells = []
        for column, key in cols:
            if key.startswith(ENTERED):
                name = key.removeprefix(ENTERED)
                cells.append({"column": column, "value": entered.get(name, 0), "source": "entered", "key": name})
            else:
                fig = figures.get(key) or {}
                cells.append({"column": column, "value": fig.get("value"), "source": "indicator", "key": key})
        rows.append({"item": item, "label": label, "cells": cells})
    return {"title": PART_TITLES["二"], "rows": rows}


def part_four(unit: Unit, year: int) -> dict:
    keys = [f"disclosure.{route}_{col}" for route, _ in PART_FOUR_ROUTES for col, _ in PART_FOUR_COLUMNS]
    figures = _figures(unit, year, keys)
    rows = [{"key": route, "label": label,
             "cells": {col: (figures.get(f"disclosure.{route}_{col}") or {}).get("value") for col, _ in PART_FOUR_COLUMNS}}
            for route, label in PART_FOUR_ROUTES]
    return {"title": PART_TITLES["四"], "columns": [{"key": k, "label": v} for k, v in PART_FOUR_COLUMNS],
            "rows": rows}


def _text_parts(unit: Unit, year: int, report: AnnualReport | None) -> dict[str, dict]:
    sections: dict[str, ReportSection | dict] = {}
    if report is not None and report.pk:
        for s in report.sections.order_by("order"):
            part = next((p for p, code in TEXT_PARTS.items() if code == s.statutory), None)
            if part:
                sections.setdefault(part, s)
    texts = {}
    for spec in text_outline(unit, year):
        part = next(p for p, code in TEXT_PARTS.items() if code == spec["statutory"])
        found = sections.get(part)
        texts[part] = found.text if found is not None else spec["text"]
    if report is not None and report.is_published and report.snapshot:
        figures = report.snapshot.get("figures", {})
    else:
        figures = _figures(unit, year, [k for t in texts.values() for k in keys_in(t)])
    return {part: {"title": PART_TITLES[part], "text": fill(text, figures),
                   "paragraphs": [fill(line.strip(), figures) for line in text.splitlines() if line.strip()]}
            for part, text in texts.items()}


def report_of(unit: Unit, year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(unit=unit, year=year, kind=AnnualReport.Kind.DISCLOSURE).first()


def gip_json(unit: Unit, year: int, report: AnnualReport | None = None) -> dict:
    """The six parts for ``unit`` (with its sub-units) and ``year``. A published report prints
    what was frozen at publication."""
    report = report if report is not None else report_of(unit, year)
    if report is not None and report.is_published and report.snapshot.get("gip"):
        return report.snapshot["gip"]
    text = _text_parts(unit, year, report)
    return {
        "unit": {"code": unit.code, "name": unit.name, "kind": unit.kind},
        "year": year,
        "title": report.title if report is not None else f"{unit.name}{year}年政府信息公开工作年度报告",
        "signatory": (report.signatory if report is not None else "") or unit.name,
        "signed_on": report.signed_on.isoformat() if report is not None and report.signed_on else None,
        "seal": report.seal if report is not None else AnnualReport.Seal.SEALED.value,
        "parts": {
            "一": text["一"],
            "二": part_two(unit, year, report.entered if report is not None else {}),
            "三": part_three(unit.descendants(), year),
            "四": part_four(unit, year),
            "五": text["五"],
            "六": text["六"],
        },
    }


def balance_gaps(report: AnnualReport, table_three: dict | None = None) -> list[str]:
    """The publish refusal of an unbalanced table 三 (one phrase naming the columns), for guards.py;
    ``table_three``: the table already built for the page (``part_three``), so it is built once."""
    if report.kind != AnnualReport.Kind.DISCLOSURE:
        return []
    table = table_three if table_three is not None else part_three(report.unit.descendants(), report.year)
    problems = table["problems"]
    if not problems:
        return []
    return ["表三“收到和处理政府信息公开申请情况”不平衡（本年新收＋上年结转应等于本年度办理结果总计＋结转下年度继续办理），"
            "以下各列不平衡：" + "；".join(problems)]
