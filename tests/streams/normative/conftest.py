"""Shared records of the legality-review stream tests."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.identifiers import uscc_check_char
from fazhi.core.ledger import record_create
from fazhi.streams.normative.models import NormativeDocument, ReviewRequest


def uscc(serial: int) -> str:
    first17 = f"91430700MA4Q{serial:05d}"
    return first17 + uscc_check_char(first17)


def bad_uscc(serial: int) -> str:
    """The same code with a wrong check character."""
    good = uscc(serial)
    return good[:17] + ("0" if good[17] != "0" else "1")


@pytest.fixture
def market_review(clerk, market_unit) -> ReviewRequest:
    """A 规范性文件 review received on Monday 2023-09-25, just before the National Day break."""
    return record_create(ReviewRequest, by=clerk, unit=market_unit, year=2023, review_no="西法审〔2023〕9号",
                         kind="normative", title="关于印发《食品小作坊管理办法》的通知", received_on=date(2023, 9, 25),
                         contact_name="张三丰", contact_phone="13812345678")


@pytest.fixture
def transport_review(other_clerk, transport_unit) -> ReviewRequest:
    return record_create(ReviewRequest, by=other_clerk, unit=transport_unit, year=2023,
                         review_no="西法审〔2023〕20号", kind="contract", title="客运站经营权转让合同",
                         counterparty_name="湖南示例客运有限公司", counterparty_uscc=uscc(7),
                         received_on=date(2023, 5, 8))


def issued_review(by, unit, number: str, opinion: str = "agree", kind: str = "normative") -> ReviewRequest:
    """A review with its opinion issued (state set directly: the workflow is tested elsewhere)."""
    review = record_create(ReviewRequest, by=by, unit=unit, year=2023, review_no=number, kind=kind,
                           title="送审稿", received_on=date(2023, 3, 1),
                           counterparty_name="湖南示例有限公司" if kind == "contract" else "")
    ReviewRequest.objects.filter(pk=review.pk).update(
        state="closed", opinion=opinion, opinion_text="意见", opinion_on=date(2023, 3, 10))
    return review


@pytest.fixture
def market_document(clerk, market_unit) -> NormativeDocument:
    return record_create(NormativeDocument, by=clerk, unit=market_unit, year=2023, doc_no="西市监发〔2023〕1号",
                         title="关于印发《食品小作坊管理办法》的通知")
