"""The public 普法 pages at /gk/pufa/: public activities held and published list items only, and
nothing of the 法律明白人 roster (names, phones, ID numbers)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from fazhi.core.workflow import transition
from tests.streams.pufa.conftest import ID_NUMBER, new_activity, new_item, new_literate

pytestmark = pytest.mark.django_db


def test_the_portal_lists_public_held_activities_only(clerk, market_unit):
    transition(new_activity(clerk, market_unit, title="食品安全法进社区"), "hold", by=clerk)
    transition(new_activity(clerk, market_unit, title="内部培训", is_public=False), "hold", by=clerk)
    new_activity(clerk, market_unit, title="尚未开展的广场宣传", held_on=date(2099, 5, 1), year=2099)
    page = Client().get("/gk/pufa/").content.decode()
    assert "食品安全法进社区" in page and "市场监督管理局" in page
    assert "内部培训" not in page and "尚未开展的广场宣传" not in page
    assert "食品安全法进社区" in Client().get("/gk/pufa/?q=食品").content.decode()


def test_the_portal_lists_published_list_items_only(clerk, head, market_unit):
    transition(new_item(clerk, market_unit, content="食品安全主体责任宣传"), "publish", by=head)
    new_item(clerk, market_unit, content="草稿中的事项")
    page = Client().get("/gk/pufa/?tab=items").content.decode()
    assert "食品安全主体责任宣传" in page and "草稿中的事项" not in page


def test_no_personal_data_of_the_roster_reaches_the_portal(clerk, township_clerk, village, market_unit):
    new_literate(township_clerk, village)
    transition(new_activity(clerk, market_unit, title="法律明白人培训"), "hold", by=clerk)
    for url in ("/gk/pufa/", "/gk/pufa/?tab=items", "/gk/"):
        page = Client().get(url).content.decode()
        assert "李明德" not in page and "13907361234" not in page and ID_NUMBER not in page
