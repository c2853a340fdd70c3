"""Case-stream helpers: a 市场监管局 case against a company, its 全过程记录, the form of an edit."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from fazhi.core.identifiers import uscc_check_char
from fazhi.core.ledger import record_create, record_update
from fazhi.core.roles import Role
from fazhi.streams.cases import services
from fazhi.streams.cases.models import EnforcementCase
from tests.conftest import make_user

COMPANY_CODE = "91430771MA4L3K2X1" + uscc_check_char("91430771MA4L3K2X1")


def new_case(by, unit, **fields) -> EnforcementCase:
    values = {"year": 2026, "case_no": "西市监立〔2026〕8号", "kind": "penalty", "party_type": "org",
              "party_org": "西洞庭某某食品有限公司", "party_credit_code": COMPANY_CODE, "cause": "销售过期食品",
              "source": "inspection", "officer_names": "张执法、李执法", "officer_certs": "D032023001、D032023002",
              "filed_on": date(2026, 9, 1), "proposed_fine": Decimal(5000), **fields}
    return record_create(EnforcementCase, by=by, unit=unit, **values)


def update(case, by, **changes) -> EnforcementCase:
    return record_update(case, by=by, **changes)


def document(case, by, step: str, doc_no: str = "") -> None:
    services.entry_add(case, by=by, step=step, kind="document", title=f"{step}文书", doc_no=doc_no or f"{step}-001")


def av(case, by, step: str) -> None:
    tz = timezone.get_current_timezone()
    services.entry_add(case, by=by, step=step, kind="av", title="现场执法记录", device="执法记录仪DSJ-01",
                       officer="张执法", started_at=datetime(2026, 9, 2, 9, 0, tzinfo=tz),
                       ended_at=datetime(2026, 9, 2, 9, 40, tzinfo=tz), storage="局执法音像资料库/2026/0902")




@pytest.fixture
def reviewer(market_unit):
    """The 市场监管局's 法制审核人员: holds records.approve there, is on no case."""
    return _named(make_user("reviewer", market_unit, Role.UNIT_HEAD), "王法审")


@pytest.fixture
def officer_head(market_unit):
    """A head of the unit who is also one of the case's officers (张执法)."""
    return _named(make_user("zhang", market_unit, Role.UNIT_HEAD), "张执法")


def _named(user, name: str):
    user.display_name = name
    user.save(update_fields=["display_name"])
    return user


def closed_case(by, unit, *, filed_on: date, decided_on: date, **fields) -> EnforcementCase:
    """A non-major case taken to 结案 with its documents (the party waived its 告知 periods)."""
    from fazhi.core.workflow import transition

    case = new_case(by, unit, filed_on=filed_on, year=filed_on.year, **fields)
    for step in ("filing", "notice", "decision", "service"):
        document(case, by, step)
    case = transition(case, "investigate", by=by)
    case = update(case, by, notified_on=filed_on, waived_on=filed_on, proposed_measures="罚款")
    case = transition(case, "notify", by=by)
    case = update(case, by, decision_no=f"罚{case.pk}", decided_on=decided_on, decision_content="罚款",
                  served_on=decided_on, service_method="mail", executed_on=decided_on)
    for name in ("decide", "serve", "execute", "close"):
        case = transition(case, name, by=by)
    return case
