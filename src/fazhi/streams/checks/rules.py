"""Settings of the 涉企行政检查 stream (spec §6; issue 16). None is fixed by national law for the
county, so each is a setting ([U]) with a documented default:

- ``FAZHI_CHECKS_PER_ENTITY_YEAR`` (2): 无事不扰 — inspections of one entity (by 统一社会信用代码)
  per calendar year, counted across all units; more need the coordinator's approval with a reason.
- ``FAZHI_CHECKS_REVEAL_DAYS`` (3): a 检查码 page reveals an inspection only from this many days
  before its planned date.
- ``FAZHI_CHECKS_VALID_DAYS`` (30): a 检查码 expires this many days after the planned date.
- ``FAZHI_CHECKS_LOOKUPS_PER_HOUR`` (30): public look-ups per address and hour.
- ``FAZHI_CHECKS_CERT_PATTERN``: the format of a 行政执法证号 (letters and digits, 8–20 characters).
- ``FAZHI_CHECKS_DRAW_RESULT_URL``: the public 双随机 result page a draw reference links to
  (``{ref}`` and ``{code}`` are replaced).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from fazhi.core.config import setting

CERT_PATTERN = r"^[0-9A-Z]{8,20}$"
DRAW_RESULT_URL = "/gk/inspections/?q={code}"


def per_entity_year() -> int:
    return int(setting("FAZHI_CHECKS_PER_ENTITY_YEAR", 2))


def reveal_days() -> int:
    return int(setting("FAZHI_CHECKS_REVEAL_DAYS", 3))


def valid_days() -> int:
    return int(setting("FAZHI_CHECKS_VALID_DAYS", 30))


def lookups_per_hour() -> int:
    return int(setting("FAZHI_CHECKS_LOOKUPS_PER_HOUR", 30))


def cert_pattern() -> re.Pattern:
    return re.compile(setting("FAZHI_CHECKS_CERT_PATTERN", CERT_PATTERN))


def draw_result_url(ref: str, code: str) -> str:

    return setting("FAZHI_CHECKS_DRAW_RESULT_URL", DRAW_RESULT_URL).format(ref=quote(ref), code=quote(code))
