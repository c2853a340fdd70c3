"""Figures in a report's narrative: ``{{ mediation.cases }}`` prints the figure as the report
prints it ("837件"); filters: ``|value`` the bare number ("837"), ``|approx`` the customary
round wording ("千余"), ``|coverage`` "全覆盖" for 100% (else "覆盖率98%")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

PLACEHOLDER = re.compile(r"\{\{\s*([a-z][a-z0-9_]*\.[a-z0-9_]+)\s*(?:\|\s*([a-z]+)\s*)?\}\}")
FILTERS = ("display", "value", "approx", "coverage")
DIGITS = "〇一二三四五六七八九"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")  # the number at the start of a displayed figure


@dataclass
class Token:
    text: str  # literal text, or what the placeholder printed
    key: str | None = None
    missing: bool = False


def keys_in(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(1) for m in PLACEHOLDER.finditer(text or "")))


def _number(figure: dict) -> str:
    """The number the figure's ``display`` shows, without its unit ("91.8" of "91.8%")."""
    shown = figure.get("display") or "—"
    number = NUMBER.match(shown)
    return number.group(0) if number else shown


def approx(value: object) -> str:
    """837 -> "八百余", 1234 -> "千余", 2600 -> "二千余", 15000 -> "一万余"; below 100 the number."""
    if value is None:
        return "—"
    n = int(Decimal(str(value)))
    for size, word in ((10000, "万"), (1000, "千"), (100, "百")):
        if n >= size:
            lead = n // size
            if lead == 1 and size < 10000:
                return f"{word}余"
            return f"{DIGITS[lead] if lead < 10 else lead}{word}余"
    return str(n)


def apply(figure: dict | None, name: str | None) -> str:
    if figure is None:
        return ""
    if name == "value":
        return _number(figure)
    if name == "approx":
        return approx(figure.get("value"))
    if name == "coverage":
        value = figure.get("value")
        if value is not None and Decimal(str(value)) >= 100:
            return "全覆盖"
        return f"覆盖率{figure.get('display', '—')}"
    return figure.get("display") or "—"


def tokens(text: str, figures: dict[str, dict]) -> list[Token]:
    """Split ``text`` into literal text and filled placeholders (unknown keys marked missing)."""
    out: list[Token] = []
    pos = 0
    for m in PLACEHOLDER.finditer(text or ""):
        if m.start() > pos:
            out.append(Token(text[pos:m.start()]))
        key, name = m.group(1), m.group(2)
        figure = figures.get(key)
        if figure is None:
            out.append(Token(f"〔{key}：无数据〕", key=key, missing=True))
        else:
            out.append(Token(apply(figure, name), key=key))
        pos = m.end()
    if pos < len(text or ""):
        out.append(Token(text[pos:]))
    return out


def fill(text: str, figures: dict[str, dict]) -> str:
    return "".join(t.text for t in tokens(text, figures))
