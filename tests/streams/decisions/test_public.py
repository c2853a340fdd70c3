"""The public 重大行政决策 column: published catalogues, drafts for comment with an online
comment form (only during the period, rate-limited, personal data never shown), and the
published decisions with their adoption summaries. Nothing unpublished shows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from fazhi.streams.decisions.models import CatalogueItem, Decision, DecisionCatalogue, PublicComment
from tests.streams.decisions.conftest import add_procedure, decided_decision

pytestmark = pytest.mark.django_db


def today() -> date:
    return timezone.localdate()


@pytest.fixture
def draft(decision) -> Decision:
    """The market unit's draft, in its comment period today."""
    add_procedure(decision, "participation", started_on=today() - timedelta(days=5),
                  ended_on=today() + timedelta(days=25))
    Decision.objects.filter(pk=decision.pk).update(state="consulting", summary="对全区3个农贸市场进行提质改造。")
    decision.refresh_from_db()
    return decision


def comment(**overrides) -> dict:
    return {"name": "张三丰", "contact": "13812345678", "text": "建议增加停车位。", **overrides}


def test_the_column_shows_published_catalogues_drafts_and_decisions_only(client, catalogue, item, draft,
                                                                         clerk, market_unit):
    DecisionCatalogue.objects.filter(pk=catalogue.pk).update(state="published", party_consent_on=date(2024, 1, 5),
                                                             published_on=date(2024, 1, 10))
    CatalogueItem.objects.filter(pk=item.pk).update(state="listed", published_on=date(2024, 1, 10))
    done = decided_decision(clerk, market_unit, "西决〔2024〕2号", decided_on=date(2024, 5, 6))
    Decision.objects.filter(pk=done.pk).update(adoption_summary="收到意见12条，采纳8条。", title="已公布的决策")
    decided_decision(clerk, market_unit, "西决〔2024〕3号", decided_on=date(2024, 5, 7), published=False)
    decided_decision(clerk, market_unit, "西决〔2024〕4号", decided_on=date(2024, 5, 8))
    Decision.objects.filter(file_no="西决〔2024〕4号").update(secret=True, title="涉密的决策")
    html = client.get("/gk/decisions/").content.decode()
    assert "西洞庭管理区2024年度重大行政决策事项目录" in html and "《湖南省农贸市场管理办法》" in html
    assert "正在征求意见" in html and draft.title in html
    assert "已公布的决策" in html and "决策西决〔2024〕3号" not in html and "涉密的决策" not in html
    page = client.get(f"/gk/decisions/{done.pk}/").content.decode()
    assert "收到意见12条，采纳8条。" in page and "提交意见" not in page
    hidden = Decision.objects.get(file_no="西决〔2024〕3号")
    assert client.get(f"/gk/decisions/{hidden.pk}/").status_code == 404


def test_an_unpublished_catalogue_is_not_shown(client, catalogue, item):
    html = client.get("/gk/decisions/").content.decode()
    assert "目录尚未公布" in html and item.name not in html


def test_a_draft_not_yet_put_out_for_comment_is_not_found(client, decision):
    assert client.get(f"/gk/decisions/{decision.pk}/").status_code == 404
    assert decision.title not in client.get("/gk/decisions/").content.decode()


def test_anyone_may_comment_during_the_period_and_no_personal_data_is_shown(client, draft):
    page = client.get(f"/gk/decisions/{draft.pk}/").content.decode()
    assert "对全区3个农贸市场进行提质改造。" in page and "csrfmiddlewaretoken" in page
    response = client.post(f"/gk/decisions/{draft.pk}/", comment(), follow=True)
    html = response.content.decode()
    assert "您的意见已提交" in html and "收到公众意见</dt><dd class=\"col-sm-9\">1条" in html
    stored = PublicComment.objects.get()
    assert (stored.decision, stored.name, stored.contact) == (draft, "张三丰", "13812345678")
    assert "张三丰" not in html and "13812345678" not in html and "建议增加停车位。" not in html


def test_bad_comments_are_refused_in_chinese_and_nothing_is_written(client, draft):
    html = client.post(f"/gk/decisions/{draft.pk}/", comment(text="  ", contact="12345")).content.decode()
    assert "请填写意见内容" in html and "请填写有效的手机号码、固定电话或电子邮箱" in html
    assert not PublicComment.objects.exists()


def test_a_comment_after_the_period_is_refused(client, decision):
    add_procedure(decision, "participation", started_on=today() - timedelta(days=40),
                  ended_on=today() - timedelta(days=1))
    Decision.objects.filter(pk=decision.pk).update(state="consulting")
    page = client.get(f"/gk/decisions/{decision.pk}/").content.decode()
    assert "不在公开征求意见期内" in page and "<textarea" not in page
    html = client.post(f"/gk/decisions/{decision.pk}/", comment()).content.decode()
    assert "不能提交意见（征求意见期为" in html
    assert not PublicComment.objects.exists()


@override_settings(FAZHI_DECISIONS_COMMENTS_PER_HOUR=2)
def test_too_many_comments_from_one_address_are_refused(client, draft):
    for n in range(2):
        client.post(f"/gk/decisions/{draft.pk}/", comment(text=f"意见{n}"))
    html = client.post(f"/gk/decisions/{draft.pk}/", comment(text="第三条")).content.decode()
    assert "提交过于频繁" in html
    assert PublicComment.objects.count() == 2


def test_the_portal_home_links_the_column(client):
    assert "/gk/decisions/" in client.get("/gk/").content.decode()
