"""The public catalogue of service items on the portal: published items only, searchable by
name or code, filterable by unit, type and online level, paginated; each item's own page."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.streams.services.models import ServiceItem
from tests.streams.services.conftest import new_item

pytestmark = pytest.mark.django_db


def publish(item: ServiceItem, on: date = date(2024, 3, 1)) -> ServiceItem:
    ServiceItem.objects.filter(pk=item.pk).update(state="published", published_on=on)
    item.refresh_from_db()
    return item


@pytest.fixture
def items(clerk, other_clerk, market_unit, transport_unit):
    food = publish(new_item(clerk, market_unit))
    seal = publish(new_item(clerk, market_unit, code="430771D03QR002", name="食品小作坊登记", item_type="confirmation",
                            legal_limit_days=None, promised_limit_days=0, online_level="none", max_visits=2))
    road = publish(new_item(other_clerk, transport_unit, code="430771D05XK003", name="道路货物运输经营许可",
                            legal_limit_days=20, promised_limit_days=10, online_level="partial", max_visits=1))
    draft = new_item(clerk, market_unit, code="430771D03XK009", name="尚未公布的草稿事项")
    gone = publish(new_item(clerk, market_unit, code="430771D03XK010", name="已撤回的事项"))
    ServiceItem.objects.filter(pk=gone.pk).update(state="withdrawn", withdrawn_on=date(2024, 6, 1),
                                                  withdraw_reason="职能调整")
    return {"food": food, "seal": seal, "road": road, "draft": draft, "gone": gone}


def test_the_catalogue_lists_published_items_with_limits_and_flags(client, items):
    html = client.get("/gk/services/").content.decode()
    assert "食品经营许可（新办）" in html and "道路货物运输经营许可" in html and "食品小作坊登记" in html
    assert "尚未公布的草稿事项" not in html and "已撤回的事项" not in html
    assert "20个工作日" in html and "5个工作日" in html and "即办" in html
    assert "最多跑一次" in html and "全程网办" in html and "不可网办" in html and "零跑动" in html


def test_search_and_filters_narrow_the_list(client, items, market_unit, transport_unit):
    html = client.get("/gk/services/", {"q": "食品"}).content.decode()
    assert "食品经营许可（新办）" in html and "道路货物运输经营许可" not in html
    html = client.get("/gk/services/", {"q": "D05XK003"}).content.decode()
    assert "道路货物运输经营许可" in html and "食品经营许可" not in html
    html = client.get("/gk/services/", {"unit": transport_unit.pk}).content.decode()
    assert "道路货物运输经营许可" in html and "食品经营许可" not in html
    html = client.get("/gk/services/", {"item_type": "confirmation"}).content.decode()
    assert "食品小作坊登记" in html and "食品经营许可" not in html
    html = client.get("/gk/services/", {"online": "0"}).content.decode()
    assert "食品小作坊登记" in html and "道路货物运输经营许可" not in html
    html = client.get("/gk/services/", {"online": "1"}).content.decode()
    assert "食品小作坊登记" not in html and "道路货物运输经营许可" in html
    html = client.get("/gk/services/", {"q": "不存在的事项"}).content.decode()
    assert "没有符合条件的事项" in html


def test_a_bad_filter_value_does_not_break_the_page(client, items):
    response = client.get("/gk/services/", {"unit": "abc", "online": "x", "page": "999"})
    assert response.status_code == 200 and "Traceback" not in response.content.decode()


def test_the_list_is_paginated_and_keeps_the_search(client, clerk, market_unit):
    for n in range(25):
        publish(new_item(clerk, market_unit, code=f"430771D03XK1{n:02d}", name=f"测试事项{n:02d}"))
    html = client.get("/gk/services/", {"q": "测试事项"}).content.decode()
    assert "共 25 条" in html and "q=%E6%B5%8B%E8%AF%95%E4%BA%8B%E9%A1%B9&amp;page=2" in html
    second = client.get("/gk/services/", {"q": "测试事项", "page": 2}).content.decode()
    assert "测试事项24" in second and "测试事项00" not in second


def test_an_item_page_shows_its_details_and_hidden_items_are_not_found(client, items):
    html = client.get(f"/gk/services/item/{items['food'].pk}/").content.decode()
    assert "430771D03XK001" in html and "法定办结时限" in html and "20个工作日" in html and "零跑动" in html
    assert client.get(f"/gk/services/item/{items['draft'].pk}/").status_code == 404
    assert client.get(f"/gk/services/item/{items['gone'].pk}/").status_code == 404


def test_the_portal_home_links_the_catalogue(client, items):
    html = client.get("/gk/").content.decode()
    assert "政务服务事项" in html and "/gk/services/" in html
