"""Figures in the narrative print as a report prints them."""

from __future__ import annotations

import pytest

from fazhi.reports.demo import bound_text, full_width
from fazhi.reports.placeholders import approx, fill, keys_in

FIGURES = {"mediation.cases": {"value": 837, "display": "837件"},
           "mediation.success_rate": {"value": 99.2831, "display": "99.3%"},
           "legal_services.consultations": {"value": 1234, "display": "1234次"},
           "legal_services.advisor_coverage_rate": {"value": 100.0, "display": "100%"}}


def test_placeholders_print_the_display_the_number_or_the_customary_wording():
    text = ("全年共调处{{ mediation.cases|value }}件，成功率{{mediation.success_rate}}，解答{{ legal_services.consultations|approx }}次，"
            "法律顾问{{ legal_services.advisor_coverage_rate|coverage }}，{{ mediation.cases }}")
    assert fill(text, FIGURES) == "全年共调处837件，成功率99.3%，解答千余次，法律顾问全覆盖，837件"
    assert keys_in(text)[0] == "mediation.cases" and len(keys_in(text)) == 4


def test_an_unknown_figure_shows_as_missing_not_as_a_number():
    assert fill("调成{{ mediation.settled|value }}件", FIGURES) == "调成〔mediation.settled：无数据〕件"


@pytest.mark.parametrize(("n", "words"), [(5, "5"), (150, "百余"), (837, "八百余"), (1234, "千余"), (2600, "二千余"),
                                          (15000, "一万余"), (None, "—")])
def test_round_wording(n, words):
    assert approx(n) == words


def test_the_seed_text_binds_every_figure_and_prints_full_width_punctuation():
    lines = bound_text()
    assert lines[0] == "常德市西洞庭管理区管理委员会关于2023年度法治政府建设工作情况的报告"
    assert lines[-2:] == ["常德市西洞庭管理区管理委员会", "2024年1月26日"]
    assert all("登录" not in ln and "注册" not in ln for ln in lines)
    joined = "\n".join(lines)
    assert "调成{{ mediation.settled|value }}件，调解矛盾纠纷成功率{{ mediation.success_rate }}" in joined
    assert "18个" not in joined and "99.3%" not in joined and "837" not in joined
    assert full_width("(一)a,b:{{ x.y|value }}") == "（一）a，b：{{ x.y|value }}"
