"""Issue 19: 登记普法活动 through quick entry (core/quick.py) for the village legal adviser: at most
eight fields filled from context (the adviser's village, today, a village audience), each draft key
taken once (a replay answers the same activity and writes no second audit event); the activity is
registered as planned and marked held on its page, where the workflow's guard applies."""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone

from fazhi.core.models import AuditEvent, Unit
from fazhi.core.quick import MAX_FIELDS
from fazhi.core.registry import menu_for
from fazhi.core.roles import Role
from fazhi.streams.pufa.models import Activity
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
URL = "/s/pufa/quick/"
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def yucai(county) -> Unit:
    return Unit.objects.get(code="430771004001")  # 育才社区


@pytest.fixture
def advisor(yucai):
    return make_user("advisor", yucai, Role.LEGAL_ADVISOR)


def draft(unit, key=None, **fields) -> dict:
    values = {"draft_key": str(key or uuid.uuid4()), "unit": unit.pk, "held_on": f"{timezone.localdate():%Y-%m-%d}",
              "title": "民法典进社区", "kind": "village", "law": "《中华人民共和国民法典》", "place": "育才社区广场",
              "audience_kind": "villagers", "audience_count": "60", "summary": "讲解婚姻家庭编"}
    values.update(fields)
    return values


def test_the_page_shows_eight_fields_filled_from_context(login, advisor, yucai):
    response = login(advisor).get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    assert len(form.visible_fields()) <= MAX_FIELDS
    assert form.initial["held_on"] == timezone.localdate()
    assert (form.initial["kind"], form.initial["audience_kind"]) == ("village", "villagers")
    html = response.content.decode()
    assert "登记普法活动" in html and "育才社区" in html and 'type="hidden" name="unit"' in html


def test_a_quick_entry_registers_a_planned_activity_of_the_village(login, advisor, yucai):
    response = login(advisor).post(URL, draft(yucai), follow=True)
    activity = Activity.objects.get()
    assert (activity.unit, activity.year, activity.state, activity.audience_count) == (
        yucai, timezone.localdate().year, "planned", 60)
    page = response.content.decode()
    assert "已登记：民法典进社区" in page and "登记开展" in page  # the next step is on its page


def test_a_replayed_draft_answers_the_same_activity_and_writes_nothing(login, advisor, yucai):
    client = login(advisor)
    sent = draft(yucai)
    first = client.post(URL, sent, **JSON)
    again = client.post(URL, sent, **JSON)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["status"] == "replayed" and again.json()["url"] == first.json()["url"]
    activity = Activity.objects.get()
    assert AuditEvent.objects.filter(object_type="pufa.activity", object_id=str(activity.pk)).count() == 1


def test_a_missing_title_comes_back_in_chinese_and_nothing_is_written(login, advisor, yucai):
    response = login(advisor).post(URL, draft(yucai, title=""), **JSON)
    assert response.status_code == 400 and "活动名称" in response.json()["message"]
    assert not Activity.objects.exists()


def test_an_account_without_a_unit_to_write_in_is_told_so(login, leader):
    response = login(leader).get(URL)
    assert response.status_code == 403 and "快速登记供本单位登记人员使用" in response.content.decode()


def test_the_advisers_menu_offers_it_and_the_consultation_stays_his_daily_action(advisor, clerk):
    entries = {e.url_name: e for m, es in menu_for(advisor) for e in es}
    assert "pufa:quick:form" in entries and not entries["pufa:quick:form"].daily
    assert entries["legal_services:quick"].daily
    assert "pufa:quick:form" not in {e.url_name for m, es in menu_for(clerk) for e in es}  # clerks: full form
