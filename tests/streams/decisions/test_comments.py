"""The public comment service the portal will call (条例 第十五条): accepted only during the
comment period, validated, stored with the commenter's data masked on every page."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.models import AuditEvent
from fazhi.streams.decisions import services
from fazhi.streams.decisions.models import Decision, PublicComment
from tests.streams.decisions.conftest import add_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def consulting(decision) -> Decision:
    add_procedure(decision, "participation", started_on=date(2024, 3, 1), ended_on=date(2024, 3, 30))
    Decision.objects.filter(pk=decision.pk).update(state="consulting")
    decision.refresh_from_db()
    return decision


def test_a_comment_in_the_period_is_stored_and_shown_masked(login, clerk, consulting):
    comment = services.comment_submit(consulting, "张三丰", "13812345678", "建议增加停车位。",
                                      today=date(2024, 3, 30))
    assert (comment.name, comment.contact, comment.handling) == ("张三丰", "13812345678", "pending")
    assert AuditEvent.objects.filter(note="收到公众意见（网上征求意见）", actor_name="公众").exists()
    page = login(clerk).get(f"/s/decisions/{consulting.pk}/").content.decode()
    assert "张某" in page and "138****5678" in page and "建议增加停车位。" in page
    assert "张三丰" not in page and "13812345678" not in page


def test_comments_outside_the_period_are_refused(consulting):
    for day in (date(2024, 2, 29), date(2024, 3, 31)):
        with pytest.raises(ValidationError) as exc:
            services.comment_submit(consulting, "", "", "意见", today=day)
        assert exc.value.messages == [
            "该决策草案当前不在公开征求意见期内，不能提交意见（征求意见期为2024年03月01日至2024年03月30日）"]
    assert not PublicComment.objects.exists()


def test_a_draft_not_put_out_for_comment_takes_no_comments(decision):
    with pytest.raises(ValidationError, match="不在公开征求意见期内，不能提交意见"):
        services.comment_submit(decision, "", "", "意见", today=date(2024, 3, 5))


def test_comment_input_is_validated(consulting):
    with pytest.raises(ValidationError) as exc:
        services.comment_submit(consulting, "王" * 51, "12345", "  ", today=date(2024, 3, 5))
    assert exc.value.message_dict == {"text": ["请填写意见内容"], "name": ["姓名不能超过50字"],
                                      "contact": ["请填写有效的手机号码、固定电话或电子邮箱"]}
    with pytest.raises(ValidationError, match="意见内容不能超过2000字"):
        services.comment_submit(consulting, "", "", "长" * 2001, today=date(2024, 3, 5))
    anonymous = services.comment_submit(consulting, "", "a@example.cn", "好", today=date(2024, 3, 5))
    assert (anonymous.masked_name, anonymous.masked_contact) == ("匿名", "a***@example.cn")


def test_the_portal_lists_drafts_open_for_comment(consulting):
    assert list(Decision.objects.open_for_comment(date(2024, 3, 15))) == [consulting]
    assert not Decision.objects.open_for_comment(date(2024, 4, 1)).exists()


def test_handling_a_comment_needs_a_reason_when_not_adopted(login, clerk, consulting):
    comment = services.comment_submit(consulting, "李四", "", "建议延长营业时间", today=date(2024, 3, 5))
    client = login(clerk)
    url = f"/s/decisions/{consulting.pk}/comments/{comment.pk}/handle/"
    response = client.post(url, {f"c{comment.pk}-handling": "not_adopted"}, follow=True)
    assert "未采纳或部分采纳的，请说明理由" in response.content.decode()
    client.post(url, {f"c{comment.pk}-handling": "not_adopted", f"c{comment.pk}-reply": "与上位法不一致"})
    comment.refresh_from_db()
    assert (comment.get_handling_display(), comment.reply) == ("未采纳", "与上位法不一致")
