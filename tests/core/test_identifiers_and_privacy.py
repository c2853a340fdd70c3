from __future__ import annotations

import csv
from pathlib import Path

import pytest

from fazhi.core import privacy
from fazhi.core.identifiers import is_valid_id_number, is_valid_uscc

VECTORS = list(csv.DictReader((Path(__file__).parent / "data" / "check_digit_vectors.csv").open(encoding="utf-8")))


@pytest.mark.parametrize("row", VECTORS, ids=[r["full_code"] for r in VECTORS])
def test_check_characters_match_the_published_vectors(row):
    check = is_valid_uscc if row["scheme"] == "USCI" else is_valid_id_number
    assert check(row["full_code"]) is row["verdict"].startswith("valid")


def test_an_id_number_with_an_impossible_birth_date_is_refused():
    assert not is_valid_id_number("430702199002300013")


@pytest.mark.parametrize(
    ("kind", "raw", "masked"),
    [
        ("id_number", "11010519491231002X", "110105********002X"),
        ("phone", "13812345678", "138****5678"),
        ("name", "张三丰", "张某"),
        ("name", "欧阳娜娜", "欧阳某"),
        ("address", "常德市西洞庭管理区祝丰镇唐林村3组15号", "常德市西洞庭管理区祝丰镇***"),
        ("email", "zhangsan@example.com", "z***@example.com"),
    ],
)
def test_personal_data_is_masked_for_public_output(kind, raw, masked):
    assert privacy.mask(kind, raw) == masked
