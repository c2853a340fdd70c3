"""The yearly catalogue: published only after the Party committee's consent (第三条), its items
then public; periodic checks and adjustments; what the portal may list."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.workflow import TransitionError, transition
from fazhi.streams.decisions.models import CatalogueCheck, CatalogueItem, Decision, DecisionCatalogue
from tests.streams.decisions.conftest import decided_decision

pytestmark = pytest.mark.django_db


def test_a_catalogue_is_created_by_the_form_and_only_once_a_year(login, gov_clerk, county):
    client = login(gov_clerk)
    data = {"unit": county.pk, "year": 2025, "title": "西洞庭管理区2025年度重大行政决策事项目录"}
    assert client.post("/s/decisions/catalogues/new/", data).status_code == 302
    response = client.post("/s/decisions/catalogues/new/", data)
    assert "该单位该年度的决策事项目录已存在" in response.content.decode()
    assert DecisionCatalogue.objects.count() == 1


def test_publication_needs_the_party_committees_consent(login, gov_clerk, gov_head, catalogue, item):
    with pytest.raises(TransitionError, match="请先填写党委同意日期、公布日期"):
        transition(catalogue, "publish", by=gov_head)
    response = login(gov_clerk).post(f"/s/decisions/catalogues/{catalogue.pk}/edit/", {
        "unit": catalogue.unit_id, "year": 2024, "title": catalogue.title, "published_on": "2024-03-05",
        "version": catalogue.version})
    assert "目录经同级党委同意后方可公布，请填写党委同意日期" in response.content.decode()
    DecisionCatalogue.objects.filter(pk=catalogue.pk).update(party_consent_on=date(2024, 2, 26),
                                                             published_on=date(2024, 3, 5))
    assert not DecisionCatalogue.objects.public().exists()
    transition(catalogue, "publish", by=gov_head)
    catalogue.refresh_from_db()
    item.refresh_from_db()
    assert catalogue.is_public and item.is_public and item.published_on == date(2024, 3, 5)
    assert list(DecisionCatalogue.objects.public()) == [catalogue]
    assert list(CatalogueItem.objects.public()) == [item]
    page = login(gov_clerk).get(f"/s/decisions/catalogues/{catalogue.pk}/").content.decode()
    assert "已向社会公布" in page and "西洞庭管理区农贸市场提质改造实施方案" in page


def test_an_empty_catalogue_is_not_published(gov_head, catalogue):
    DecisionCatalogue.objects.filter(pk=catalogue.pk).update(party_consent_on=date(2024, 2, 26),
                                                             published_on=date(2024, 3, 5))
    with pytest.raises(TransitionError, match="目录中还没有决策事项"):
        transition(catalogue, "publish", by=gov_head)


def test_checks_and_adjustments_are_recorded_on_the_catalogue(login, gov_clerk, catalogue, item):
    client = login(gov_clerk)
    response = client.post(f"/s/decisions/catalogues/{catalogue.pk}/checks/", {
        "check-kind": "check", "check-on": "2024-07-15", "check-content": "半年检查目录事项推进情况",
        "check-result": "督促加快办理"}, follow=True)
    assert "已登记定期检查。" in response.content.decode()
    assert "2024-07-15 定期检查：半年检查目录事项推进情况（督促加快办理）" in response.content.decode()
    response = client.post(f"/s/decisions/catalogues/{catalogue.pk}/checks/", {
        "check-kind": "adjust", "check-on": "2023-12-01", "check-content": "早于年度"}, follow=True)
    assert "日期不能早于2024年度" in response.content.decode()
    assert CatalogueCheck.objects.count() == 1


def test_removing_an_item_needs_its_date_and_reason(gov_clerk, item):
    with pytest.raises(TransitionError, match="请先填写调出日期和调出理由"):
        transition(item, "remove", by=gov_clerk)
    CatalogueItem.objects.filter(pk=item.pk).update(removed_on=date(2024, 9, 1), removal_reason="上级政策调整")
    assert transition(item, "remove", by=gov_clerk).state_label == "已调出目录"


def test_only_published_decisions_that_are_not_secret_are_public(clerk, market_unit):
    public = decided_decision(clerk, market_unit, "D1", decided_on=date(2024, 5, 1))
    unpublished = decided_decision(clerk, market_unit, "D2", decided_on=date(2024, 5, 1), published=False)
    Decision.objects.filter(pk=unpublished.pk).update(secret=True)
    assert list(Decision.objects.public()) == [public]
    assert public.is_public and not Decision.objects.get(pk=unpublished.pk).is_public
