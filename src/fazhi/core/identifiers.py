"""Check characters of identifiers people type in: the unified social credit code
(统一社会信用代码, GB 32100-2015) and the citizen ID number (公民身份号码, GB 11643-1999)."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote

from django.core.exceptions import ValidationError

from fazhi.core.config import setting

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
ID_CHECK = "10X98765432"

BAD_USCC = "统一社会信用代码格式或校验位不正确"
BAD_ID = "公民身份号码格式或校验位不正确"


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def is_valid_uscc(code: str) -> bool:
    code = (code or "").strip().upper()
    return bool(USCC_RE.match(code)) and uscc_check_char(code[:17]) == code[17]


def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def is_valid_id_number(value: str, today: date | None = None) -> bool:
    value = (value or "").strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if born > (today or date.today()):
        return False
    return id_check_char(value[:17]) == value[17]


def validate_uscc(value: str) -> None:
    if not is_valid_uscc(value):
        raise ValidationError(BAD_USCC, code="uscc")


def validate_id_number(value: str) -> None:
    if not is_valid_id_number(value):
        raise ValidationError(BAD_ID, code="id_number")


CREDIT_CHINA_SEARCH = "https://www.creditchina.gov.cn/xinyongxinxi/index.html?keyword={code}"


def credit_china_url(code: str) -> str:
    """The 信用中国 credit query (一键查询) of a unified social credit code, linked from every
    public enforcement decision and inspection result. The address is a setting
    (``FAZHI_CREDIT_CHINA_URL``, ``{code}`` is replaced) in case the site moves."""


    template = setting("FAZHI_CREDIT_CHINA_URL", CREDIT_CHINA_SEARCH)
    return template.format(code=quote((code or "").strip().upper()))
