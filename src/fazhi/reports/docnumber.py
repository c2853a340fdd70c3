"""The 发文字号 of a report (GB/T 9704-2012 7.2.4): 发文机关代字, the year in full in 六角括号 〔〕, the
sequence number in Arabic numerals without 第 and without leading zeros, then 号 — 西管发〔2024〕3号."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

EXAMPLE = "西管发〔2024〕3号"
FORMAT = re.compile(r"(?P<code>[\u4e00-\u9fff]{1,20})〔(?P<year>\d{4})〕(?P<seq>[1-9]\d{0,5})号")
# A year written in other brackets: [2024], 【2024】, (2024), （2024）, 〈2024〉, ［2024］, ﹝2024﹞.
OTHER_BRACKETS = re.compile(r"[\[【(（〈［﹝<]\s*\d{2,4}\s*[\]】)）〉］﹞>]")


def problem(value: str) -> str:
    """What is wrong with ``value`` as a 发文字号 (a Chinese phrase), or "" when it is well formed."""
    if FORMAT.fullmatch(value):
        return ""
    if OTHER_BRACKETS.search(value):
        return "年份须用六角括号“〔〕”括入，不用 [ ]、【 】或圆括号"
    if "〔" not in value or "〕" not in value:
        return "缺少用六角括号“〔〕”括入的年份"
    code, _, rest = value.partition("〔")
    year, _, seq = rest.partition("〕")
    if not re.fullmatch(r"[\u4e00-\u9fff]{1,20}", code):
        return "年份前须为发文机关代字（汉字），如“西管发”"
    if not re.fullmatch(r"\d{4}", year):
        return "年份须标全称（四位阿拉伯数字），如〔2024〕"
    if seq.startswith("第"):
        return "发文顺序号不加“第”字"
    if not seq.endswith("号"):
        return "发文顺序号后须加“号”字"
    if re.fullmatch(r"0\d*号", seq):
        return "发文顺序号不编虚位（1不编为01）"
    return "发文顺序号须为阿拉伯数字"


def validate(value: str) -> None:
    """Field validator: a bad 发文字号 is refused with what is wrong and an example."""
    found = problem(value.strip())
    if found:
        raise ValidationError(f"发文字号格式不正确：{found}。应为“机关代字〔年份〕序号号”，如{EXAMPLE}", code="doc_number")
