"""The declared scoring formulas of a 考核方案 item bound to an indicator.

Each formula turns the indicator's value for one unit into points between 0 and the item's
maximum (a deduction item: between −maximum and 0) and says why in one Chinese sentence.
Parameters are stored as JSON on the item and validated here (``check``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

RECORDS, JUDGEMENT, DEDUCTION = "records", "judgement", "deduction"


@dataclass(frozen=True)
class Param:
    name: str
    label: str
    low: Decimal = Decimal(0)
    high: Decimal | None = None
    integer: bool = False


@dataclass(frozen=True)
class Formula:
    key: str
    label: str
    method: str  # RECORDS or DEDUCTION
    score: Callable[[Decimal | None, Decimal, dict], tuple[Decimal, str]]  # (value, max, params) -> points, why
    params: tuple[Param, ...]
    counts: bool = False  # scores a count: of a rate indicator, its numerator (败诉案件 of the 败诉率)

    def describe(self, params: dict) -> str:
        return self.label.format(**{k: _txt(Decimal(str(v))) for k, v in params.items()})


def _txt(d: Decimal) -> str:
    text = f"{d.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _clamp(points: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return max(low, min(high, points)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _none_full(top: Decimal) -> tuple[Decimal, str]:
    return top, "无应计事项，不扣分"


def rate_full_at(value, top, p):
    if value is None:
        return _none_full(top)
    gap = max(Decimal(0), Decimal(str(p["target"])) - value)
    points = _clamp(top - gap * Decimal(str(p["minus_per_point"])), Decimal(0), top)
    if not gap:
        return points, f"{_txt(value)}%，达到{_txt(Decimal(str(p['target'])))}%，得满分"
    return points, f"{_txt(value)}%，低于{_txt(Decimal(str(p['target'])))}%共{_txt(gap)}个百分点，扣{_txt(top - points)}分"


def rate_at_least(value, top, p):
    if value is None:
        return _none_full(top)
    threshold = Decimal(str(p["threshold"]))
    if value >= threshold:
        return top, f"{_txt(value)}%，不低于{_txt(threshold)}%，得满分"
    return Decimal("0.00"), f"{_txt(value)}%，低于{_txt(threshold)}%，不得分"


def count_at_least(value, top, p):
    n = Decimal(str(p["n"]))
    value = Decimal(value or 0)
    if value >= n:
        return top, f"{_txt(value)}次（个），达到{_txt(n)}，得满分"
    points = _clamp(top * value / n, Decimal(0), top)
    return points, f"{_txt(value)}次（个），少于{_txt(n)}，按比例得{_txt(points)}分"


def count_at_most(value, top, p):
    n, each = Decimal(str(p["n"])), Decimal(str(p["minus_each"]))
    value = Decimal(value or 0)
    over = max(Decimal(0), value - n)
    points = _clamp(top - over * each, Decimal(0), top)
    if not over:
        return points, f"{_txt(value)}件，未超过{_txt(n)}件，得满分"
    return points, f"{_txt(value)}件，超过{_txt(n)}件共{_txt(over)}件，扣{_txt(top - points)}分"


def minus_each(value, top, p):
    value = Decimal(value or 0)
    points = _clamp(-value * Decimal(str(p["each"])), -top, Decimal(0))
    if not value:
        return Decimal("0.00"), "无扣分情形"
    return points, f"{_txt(value)}件，每件扣{_txt(Decimal(str(p['each'])))}分，扣{_txt(-points)}分"


def veto_if_any(value, top, p):
    value = Decimal(value or 0)
    if value > 0:
        return Decimal("0.00"), f"{_txt(value)}件，一票否决"
    return Decimal("0.00"), "无一票否决情形"


FORMULAS: dict[str, Formula] = {f.key: f for f in (
    Formula("rate_full_at", "达到{target}%得满分，每低1个百分点扣{minus_per_point}分", RECORDS, rate_full_at,
            (Param("target", "目标值（%）", high=Decimal(100)), Param("minus_per_point", "每低1个百分点扣分"))),
    Formula("rate_at_least", "不低于{threshold}%得满分，否则不得分", RECORDS, rate_at_least,
            (Param("threshold", "达标值（%）", high=Decimal(100)),)),
    Formula("count_at_least", "不少于{n}次（个）得满分，不足按比例得分", RECORDS, count_at_least,
            (Param("n", "应达次数", low=Decimal(1), integer=True),), counts=True),
    Formula("count_at_most", "不超过{n}件得满分，每多1件扣{minus_each}分", RECORDS, count_at_most,
            (Param("n", "允许件数", integer=True), Param("minus_each", "每件扣分")), counts=True),
    Formula("minus_each", "每发生1件扣{each}分，扣完本项分值为止", DEDUCTION, minus_each,
            (Param("each", "每件扣分", low=Decimal("0.01")),), counts=True),
    Formula("veto_if_any", "发生即一票否决（总分计0分）", DEDUCTION, veto_if_any, (), counts=True),
)}
VETO = "veto_if_any"


def quantity(formula: Formula, value: Decimal | None, numerator: int | None,
             denominator: int | None) -> Decimal | None:
    """What ``formula`` scores: the indicator's value, or for a count formula bound to a rate
    the rate's numerator (the cases counted)."""
    if formula.counts and denominator is not None:
        return Decimal(numerator or 0)
    return value


def check(method: str, key: str, params: object) -> dict[str, str]:
    """Errors by field ("formula", "params") for a rule; empty when it is valid."""
    formula = FORMULAS.get(key)
    if not key:
        return {"formula": "请选择计分规则"}
    if formula is None:
        names = "、".join(f.key for f in FORMULAS.values() if f.method == method)
        return {"formula": f"计分规则“{key}”不存在，可用：{names}"}
    if formula.method != method:
        return {"formula": f"计分规则“{key}”不适用于该计分方式"}
    if not isinstance(params, dict):
        return {"params": "规则参数应为 JSON 对象，如 {\"target\": 100, \"minus_per_point\": 0.5}"}
    wanted = {p.name for p in formula.params}
    unknown = sorted(set(params) - wanted)
    if unknown:
        return {"params": f"规则“{key}”没有参数：{'、'.join(unknown)}"}
    for p in formula.params:
        if p.name not in params:
            return {"params": f"缺少参数 {p.name}（{p.label}）"}
        raw = params[p.name]
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            return {"params": f"参数 {p.name}（{p.label}）应为数字"}
        try:
            value = Decimal(str(raw))
        except ArithmeticError:
            return {"params": f"参数 {p.name}（{p.label}）应为数字"}
        if not value.is_finite():
            return {"params": f"参数 {p.name}（{p.label}）应为数字"}
        if p.integer and value != value.to_integral_value():
            return {"params": f"参数 {p.name}（{p.label}）应为整数"}
        if value < p.low or (p.high is not None and value > p.high):
            bound = f"{_txt(p.low)}至{_txt(p.high)}" if p.high is not None else f"不小于{_txt(p.low)}"
            return {"params": f"参数 {p.name}（{p.label}）应在{bound}之间" if p.high is not None
                    else f"参数 {p.name}（{p.label}）应{bound}"}
    return {}
