"""好差评: a bad rating is born 待整改 with a rectification deadline in working days (holidays
skipped), is rectified and called back; good ratings need nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.deadlines import deadlines_of
from fazhi.streams.services.models import ServiceRating
from fazhi.streams.services.views import RATINGS
from tests.forms import form_data
from tests.streams.services.conftest import new_item, new_rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(clerk, market_unit):
    return new_item(clerk, market_unit)


def test_a_good_rating_registered_by_form_is_simply_recorded(login, clerk, market_unit, item):
    response = login(clerk).post("/s/services/ratings/new/", {
        "unit": market_unit.pk, "year": 2024, "rating_no": "HCP-2024-000010", "item_code": item.code,
        "rated_on": "2024-05-06", "level": "very_satisfied", "channel": "online", "real_name": "on",
        "rater_name": "李四", "rater_phone": "13973600000"})
    assert response.status_code == 302
    rating = ServiceRating.objects.get(rating_no="HCP-2024-000010")
    assert (rating.state, rating.item) == ("recorded", item)
    assert not deadlines_of(rating).exists()
    assert "好差评（共1条，其中差评0条）" in login(clerk).get(f"/s/services/{item.pk}/").content.decode()


def test_a_bad_rating_around_national_day_is_due_on_the_make_up_saturday(clerk, market_unit, item):
    rating = new_rating(clerk, market_unit, level="dissatisfied", comment="等候时间过长")
    assert rating.state == "rectifying"
    deadline = deadlines_of(rating).get()
    # 2024-09-30 + 5 working days: 10-08, 09, 10, 11 and the make-up working Saturday 10-12.
    assert deadline.due == date(2024, 10, 12) and deadline.days == 5


def test_spring_festival_is_skipped_and_the_period_is_a_setting(settings, clerk, market_unit, item):
    rating = new_rating(clerk, market_unit, level="very_dissatisfied", rated_on=date(2024, 2, 8))
    # 2-09, make-up Sunday 2-18, 2-19, 2-20, 2-21 (2-10..2-17 holiday).
    assert deadlines_of(rating).get().due == date(2024, 2, 21)
    settings.FAZHI_SERVICES_RECTIFY_DAYS = 7
    settings.FAZHI_SERVICES_RECTIFY_RULE = "calendar_roll"
    other = new_rating(clerk, market_unit, rating_no="HCP-2024-000002", level="dissatisfied",
                       rated_on=date(2024, 2, 8))
    assert deadlines_of(other).get().due == date(2024, 2, 18)  # 2-15 is a holiday: rolls to make-up Sunday


def test_rectification_and_call_back_walk_to_the_end_with_refused_guards(login, clerk, market_unit, item):
    rating = new_rating(clerk, market_unit, level="dissatisfied")
    client = login(clerk)
    client.post(f"/s/services/ratings/{rating.pk}/do/rectify/")
    rating.refresh_from_db()
    assert rating.state == "rectifying"
    messages = str(list(client.get(f"/s/services/ratings/{rating.pk}/").context["messages"]))
    assert "请先在编辑页填写核实情况、整改情况、整改完成日期" in messages
    response = client.post(f"/s/services/ratings/{rating.pk}/edit/", form_data(
        RATINGS, rating, verification="属实", rectification="已开展业务培训", rectified_on="2024-10-10"))
    assert response.status_code == 302
    client.post(f"/s/services/ratings/{rating.pk}/do/rectify/")
    rating.refresh_from_db()
    assert rating.state == "rectified"
    assert deadlines_of(rating).get().met_on == date(2024, 10, 10)
    client.post(f"/s/services/ratings/{rating.pk}/do/call_back/")
    rating.refresh_from_db()
    assert rating.state == "rectified"
    client.post(f"/s/services/ratings/{rating.pk}/edit/", form_data(
        RATINGS, rating, callback_on="2024-10-11", callback_result="satisfied"))
    client.post(f"/s/services/ratings/{rating.pk}/do/call_back/")
    rating.refresh_from_db()
    assert rating.state == "called_back"
    html = client.get(f"/s/services/ratings/{rating.pk}/").content.decode()
    assert "已回访" in html and "已按期完成" in html


def test_the_item_must_be_in_the_units_catalogue_and_good_and_bad_cannot_be_swapped(
        clerk, other_clerk, market_unit, transport_unit, item):
    new_item(other_clerk, transport_unit, code="430771D04XK001", name="道路货物运输经营许可（新办）")
    with pytest.raises(ValidationError) as exc:
        new_rating(clerk, market_unit, item_code="430771D04XK001")
    assert "本单位事项清单中没有编码为“430771D04XK001”的事项" in str(exc.value)
    rating = new_rating(clerk, market_unit)
    from fazhi.core.ledger import record_update

    with pytest.raises(ValidationError, match="不能在好评与差评之间更改"):
        record_update(rating, by=clerk, level="very_dissatisfied")
    with pytest.raises(ValidationError, match="匿名评价不登记评价人姓名"):
        new_rating(clerk, market_unit, rating_no="HCP-2024-000003", real_name=False)
