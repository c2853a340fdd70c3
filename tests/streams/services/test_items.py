"""The service item catalogue: registered by form, published by the unit head, withdrawn with
a reason, and searchable; the portal's catalogue shows only what is published."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from fazhi.core.workflow import TransitionError, transition
from fazhi.streams.services.models import ServiceItem
from fazhi.streams.services.services import published_catalogue
from fazhi.streams.services.views import ITEMS
from tests.forms import form_data
from tests.streams.services.conftest import new_item

pytestmark = pytest.mark.django_db


def test_a_clerk_registers_an_item_by_form_and_the_head_publishes_and_withdraws_it(login, clerk, head, market_unit):
    response = login(clerk).post("/s/services/new/", {
        "unit": market_unit.pk, "year": 2024, "code": "430771D03XK009", "name": "特种设备使用登记（新办）",
        "item_type": "licence", "legal_limit_days": 15, "promised_limit_days": 3, "online_level": "full",
        "max_visits": 0, "high_frequency": "on", "in_centre": "on", "one_window": "on"})
    assert response.status_code == 302
    item = ServiceItem.objects.get(code="430771D03XK009")
    assert item.state == "draft" and item.high_frequency and item.one_window
    html = login(clerk).get(f"/s/services/{item.pk}/").content.decode()
    assert "特种设备使用登记（新办）" in html and "待公布" in html and "一窗委托办理" in html

    with pytest.raises(TransitionError, match="权限"):
        transition(item, "publish", by=clerk)
    login(head).post(f"/s/services/{item.pk}/do/publish/")
    item.refresh_from_db()
    assert (item.state, item.published_on) == ("published", timezone.localdate())

    client = login(head)
    client.post(f"/s/services/{item.pk}/do/withdraw/")
    item.refresh_from_db()
    assert item.state == "published"
    assert "撤回原因" in str(list(client.get(f"/s/services/{item.pk}/").context["messages"]))
    response = client.post(f"/s/services/{item.pk}/edit/", form_data(ITEMS, item, withdraw_reason="上级取消该事项"))
    assert response.status_code == 302, response.context["form"].errors
    client.post(f"/s/services/{item.pk}/do/withdraw/")
    item.refresh_from_db()
    assert (item.state, item.withdrawn_on) == ("withdrawn", timezone.localdate())
    client.post(f"/s/services/{item.pk}/do/republish/")
    item.refresh_from_db()
    assert (item.state, item.withdrawn_on, item.withdraw_reason) == ("published", None, "")


def test_a_promise_longer_than_the_statutory_limit_is_refused_on_the_form(login, clerk, market_unit):
    response = login(clerk).post("/s/services/new/", {
        "unit": market_unit.pk, "year": 2024, "code": "430771D03XK010", "name": "食品生产许可",
        "item_type": "licence", "legal_limit_days": 20, "promised_limit_days": 25, "online_level": "none",
        "max_visits": 2})
    assert response.status_code == 200
    assert "承诺办结时限不能长于法定办结时限" in response.content.decode()
    assert not ServiceItem.objects.exists()


def test_the_list_searches_and_filters_the_catalogue(login, clerk, market_unit):
    new_item(clerk, market_unit)
    new_item(clerk, market_unit, code="430771D03XK002", name="药品零售企业许可（新办）", one_window=True,
             online_level="none", max_visits=2)
    client = login(clerk)
    html = client.get("/s/services/", {"q": "药品"}).content.decode()
    assert "药品零售企业许可" in html and "食品经营许可" not in html
    html = client.get("/s/services/", {"one_window": "true"}).content.decode()
    assert "药品零售企业许可" in html and "食品经营许可" not in html
    html = client.get("/s/services/", {"online_level": "full"}).content.decode()
    assert "食品经营许可" in html and "药品零售企业许可" not in html


def test_the_public_catalogue_shows_the_published_items_of_the_latest_year(clerk, head, market_unit):
    old = new_item(clerk, market_unit, year=2023, state="published", published_on=date(2023, 1, 5))
    current = new_item(clerk, market_unit, state="published", published_on=date(2024, 1, 5))
    new_item(clerk, market_unit, code="430771D03XK002", name="药品零售企业许可（新办）")  # draft
    assert list(published_catalogue()) == [current]
    assert list(published_catalogue(q="药品")) == []
    assert list(published_catalogue(q="XK001", unit=market_unit)) == [current]
    assert old not in published_catalogue(online=True)
