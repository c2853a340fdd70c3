"""A report registered by phone at the 司法局 is routed to the 市场监管局, handled, answered
within the reply deadline (holidays skipped) and closed."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from fazhi.core.deadlines import deadlines_of
from fazhi.streams.complaints.models import Complaint
from fazhi.streams.complaints.views import CASES
from tests.forms import form_data
from tests.streams.complaints.conftest import new_complaint

pytestmark = pytest.mark.django_db


def messages_of(client, url: str) -> str:
    return str(list(client.get(url).context["messages"]))


def test_registered_routed_handled_replied_and_closed(login, justice_clerk, clerk, justice_unit, market_unit):
    client = login(justice_clerk)
    response = client.post("/s/complaints/new/", {
        "unit": justice_unit.pk, "year": 2024, "tracking_no": "", "channel": "hotline", "received_on": "2024-09-27",
        "reporter_name": "张建国", "reporter_phone": "13973601234", "category": "business",
        "subject": "涉企检查过多过频", "content": "某部门一个月内三次到企业检查。", "satisfaction": "none"})
    assert response.status_code == 302
    c = Complaint.objects.get()
    assert (c.tracking_no, c.state, c.registered_unit) == ("JB2024-0001", "registered", justice_unit)
    # 15 working days from Friday 2024-09-27: the make-up Sunday 9-29 and Saturday 10-12 count,
    # National Day 10-01..10-07 does not.
    assert deadlines_of(c).get().due == date(2024, 10, 23)

    html = client.get(f"/s/complaints/{c.pk}/").content.decode()
    assert f"/s/complaints/{c.pk}/route/" in html and f"/s/complaints/{c.pk}/do/route/" not in html
    response = client.post(f"/s/complaints/{c.pk}/route/", {"unit": market_unit.pk, "routed_on": "2024-09-29",
                                                            "note": "请依职责调查处理"})
    assert response.status_code == 302
    c.refresh_from_db()
    assert (c.state, c.unit, c.routed_on, c.registered_unit) == ("routed", market_unit, date(2024, 9, 29),
                                                                  justice_unit)
    assert client.get(f"/s/complaints/{c.pk}/").status_code == 403  # now the market unit's report

    client = login(clerk)
    client.post(f"/s/complaints/{c.pk}/do/start/")
    client.post(f"/s/complaints/{c.pk}/do/reply/")
    c.refresh_from_db()
    assert c.state == "handling"
    assert "答复前请先在编辑页填写答复内容、答复日期" in messages_of(client, f"/s/complaints/{c.pk}/")
    response = client.post(f"/s/complaints/{c.pk}/edit/", form_data(
        CASES, c, findings="核实属实", finding="true", reply="已责令整改，合并检查事项。", replied_on="2024-10-18"))
    assert response.status_code == 302
    client.post(f"/s/complaints/{c.pk}/do/reply/")
    client.post(f"/s/complaints/{c.pk}/do/close/")
    c.refresh_from_db()
    assert (c.state, c.closed_on) == ("closed", timezone.localdate())
    assert deadlines_of(c).get().met_on == date(2024, 10, 18)
    html = client.get(f"/s/complaints/{c.pk}/").content.decode()
    assert "已办结" in html and "已按期完成" in html and "司法局" in html


def test_anonymous_reports_carry_no_name_and_named_ones_need_one(clerk, market_unit):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="匿名举报不登记举报人姓名"):
        new_complaint(clerk, market_unit, anonymous=True)
    with pytest.raises(ValidationError, match="实名举报请填写举报人姓名"):
        new_complaint(clerk, market_unit, reporter_name="")
    c = new_complaint(clerk, market_unit, anonymous=True, reporter_name="")
    assert c.tracking_no == "JB2024-0001"
    assert new_complaint(clerk, market_unit, received_on=date(2024, 10, 8)).tracking_no == "JB2024-0002"


def test_the_reply_deadline_is_a_setting(settings, clerk, market_unit):
    settings.FAZHI_COMPLAINTS_REPLY_DAYS = 60
    settings.FAZHI_COMPLAINTS_REPLY_RULE = "calendar_roll"
    c = new_complaint(clerk, market_unit, received_on=date(2024, 1, 12))
    assert deadlines_of(c).get().due == date(2024, 3, 12)  # 60 days: 2024-03-12 (Tuesday)
