"""Settings of the workforce register.

Counting rule of the indicators [D]: a person or team counts for a period when in service at
any time in it (appointed on or before the period's last day, not left before its first day).
That is how an annual report states "全区聘请法律顾问团队4个" for the year.

An adviser team's contract period (聘期) ends on a date fixed by the contract; the platform
keeps it as a deadline so that ``fazhi remind`` warns before it runs out (renew or end).
The warning rule is calendar days, not rolled: the contract's last day is the last day.
"""

from __future__ import annotations

from datetime import date

from fazhi.core.deadlines import CALENDAR_STRICT, DeadlineRule

CONTRACT = "workforce_contract"


def contract_rule(start: date, end: date) -> DeadlineRule:
    return DeadlineRule(CONTRACT, "法律顾问聘期届满", max((end - start).days, 0), CALENDAR_STRICT,
                        "法律顾问聘用合同约定的聘期（《关于推行法律顾问制度和公职律师公司律师制度的意见》）")
