"""The report's second coordinator (the account that records a report's adoption: the drafter may not), and
a 2023 report whose every section has a body paragraph (the documents' tests)."""

from __future__ import annotations

import pytest

from fazhi.accounts.models import User
from fazhi.reports import services
from fazhi.reports.models import AnnualReport
from tests.conftest import make_user


@pytest.fixture
def approver(justice_unit) -> User:
    return make_user("approver", justice_unit, "coordinator")


# A body paragraph long enough for the GB/T 9704 checker to find the text block.
BODY_TEXT = ("全面推进严格规范公正文明执法，深入开展行政执法三项制度落实情况检查，"
             "组织执法人员参加公共法律知识和专业法律知识培训，执法案卷评查合格率持续提高。")


@pytest.fixture
def written_report(coordinator, county) -> AnnualReport:
    """The county's 2023 report with ``BODY_TEXT`` in every section."""
    report = services.report_create(by=coordinator, unit=county, year=2023)
    for section in report.sections.all():
        services.section_save(section, by=coordinator, text=BODY_TEXT)
    return AnnualReport.objects.get(pk=report.pk)
