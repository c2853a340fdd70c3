"""The list pages of the three ledgers and the menu, as the coordinator sees them."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_ledgers_list_their_records_for_the_coordinator(login, coordinator, decision, catalogue, item):
    client = login(coordinator)
    home = client.get("/s/decisions/").content.decode()
    assert "西决〔2024〕1号" in home and "决策事项目录" in home and "目录事项" in home
    assert "西洞庭管理区2024年度重大行政决策事项目录" in client.get("/s/decisions/catalogues/").content.decode()
    items = client.get("/s/decisions/items/?q=农贸").content.decode()
    assert "西洞庭管理区农贸市场提质改造实施方案" in items and "已列入目录" in items
    page = client.get(f"/s/decisions/items/{item.pk}/").content.decode()
    assert "《湖南省农贸市场管理办法》" in page
