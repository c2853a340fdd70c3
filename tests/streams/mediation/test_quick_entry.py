"""Issue 19: 登记调解案件 through quick entry (core/quick.py). The village mediator's page has at most
eight fields, filled from context (the village, today, the committee's next registration number,
the mediator); each draft key is taken once: a replay answers the same record and writes no second
audit event, a change after someone else's edit comes back as a Chinese conflict, never overwritten."""

from __future__ import annotations

import uuid

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from fazhi.core.ledger import record_create, record_update
from fazhi.core.models import AuditEvent, Deadline, QuickReceipt
from fazhi.core.quick import MAX_FIELDS, RACE, QuickEntry
from fazhi.core.roles import Role
from fazhi.streams.mediation.models import MediationCase, MediationCommittee
from fazhi.streams.mediation.views import CASE_QUICK
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
URL = "/s/mediation/quick/"
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def mediator(village):
    user = make_user("mediator", village, Role.MEDIATOR)
    user.display_name = "孙调解（唐林村调委会）"
    user.save()
    return user


@pytest.fixture
def committee(mediator, village) -> MediationCommittee:
    return record_create(MediationCommittee, by=mediator, unit=village, year=2026, name="唐林村人民调解委员会")


def number(n: int) -> str:
    return f"（{timezone.localdate().year}）唐林村调字第{n:03d}号"


@pytest.fixture
def earlier_case(mediator, village, committee) -> MediationCase:
    today = timezone.localdate()
    return record_create(MediationCase, by=mediator, unit=village, year=today.year, registration_number=number(902),
                         dispute_type="neighbour", accepted_on=today, party_a_name="王五")


def draft(village, key=None, **fields) -> dict:
    values = {"draft_key": str(key or uuid.uuid4()), "unit": village.pk, "registration_number": number(903),
              "suggested_registration_number": number(903), "accepted_on": f"{timezone.localdate():%Y-%m-%d}",
              "dispute_type": "land", "party_a_name": "李四", "party_a_phone": "13912345678",
              "party_b_name": "赵六", "facts": "承包地界址不清", "mediator": "孙调解"}
    values.update(fields)
    return values


def audit_rows(case) -> int:
    return AuditEvent.objects.filter(object_type=MediationCase._meta.label_lower, object_id=str(case.pk)).count()


def test_the_page_shows_eight_fields_filled_from_context(login, mediator, earlier_case):
    response = login(mediator).get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    assert len(form.visible_fields()) <= MAX_FIELDS
    assert form.initial["registration_number"] == number(903)  # the committee's next number
    assert form.initial["accepted_on"] == timezone.localdate()
    assert form.initial["mediator"] == "孙调解"
    html = response.content.decode()
    assert "唐林村" in html and 'name="unit"' in html and 'type="hidden" name="unit"' in html
    assert number(903) in html


def test_a_quick_entry_registers_the_case_with_its_deadline(login, mediator, village, committee):
    response = login(mediator).post(URL, draft(village, registration_number=number(1),
                                               suggested_registration_number=number(1)))
    case = MediationCase.objects.get()
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert (case.registration_number, case.committee, case.state, case.year) == (
        number(1), committee, "accepted", timezone.localdate().year)
    assert Deadline.objects.filter(object_id=case.pk, key="mediation_term", met_on__isnull=True).exists()
    assert QuickReceipt.objects.get().object_id == case.pk


def test_a_replayed_draft_answers_the_same_record_and_writes_nothing(login, mediator, village, committee):
    client = login(mediator)
    key = uuid.uuid4()
    first = client.post(URL, draft(village, key), **JSON)
    assert first.status_code == 201 and first.json()["status"] == "created"
    case = MediationCase.objects.get()
    events = audit_rows(case)
    assert events == 1  # the creation
    again = client.post(URL, draft(village, key), **JSON)
    assert again.status_code == 200
    assert again.json() == {"status": "replayed", "message": f"该草稿已登记：{number(903)}（未重复登记）",
                            "url": case.get_absolute_url(), "label": number(903)}
    assert MediationCase.objects.count() == 1 and QuickReceipt.objects.count() == 1
    assert audit_rows(case) == events


def test_a_changed_draft_of_a_record_changed_meanwhile_is_refused_not_overwritten(login, mediator, village,
                                                                                  committee, coordinator):
    client = login(mediator)
    key = uuid.uuid4()
    client.post(URL, draft(village, key), **JSON)
    case = MediationCase.objects.get()
    record_update(case, by=mediator, expected_version=case.version, party_a_name="李四（已核实）")
    answer = client.post(URL, draft(village, key, party_a_name="李小四"), **JSON)
    assert answer.status_code == 409
    assert answer.json()["message"].startswith("该记录在草稿提交后已被他人修改")
    case.refresh_from_db()
    assert case.party_a_name == "李四（已核实）"


def test_a_changed_draft_of_an_untouched_record_updates_it(login, mediator, village, committee):
    client = login(mediator)
    key = uuid.uuid4()
    client.post(URL, draft(village, key), **JSON)
    answer = client.post(URL, draft(village, key, party_a_name="李小四"), **JSON)
    assert answer.status_code == 200 and answer.json()["status"] == "updated"
    case = MediationCase.objects.get()
    assert (case.party_a_name, case.version, MediationCase.objects.count()) == ("李小四", 2, 1)


def test_a_proposed_number_taken_meanwhile_becomes_the_next_free_one(login, mediator, village, earlier_case):
    client = login(mediator)
    client.post(URL, draft(village, registration_number=number(902), suggested_registration_number=number(902)),
                **JSON)
    assert MediationCase.objects.order_by("-id").first().registration_number == number(903)


def test_a_number_typed_by_hand_that_is_taken_is_refused_in_chinese(login, mediator, village, earlier_case):
    response = login(mediator).post(URL, draft(village, registration_number=number(902)))
    assert response.status_code == 400
    assert "该登记编号已被使用" in response.content.decode()
    assert MediationCase.objects.count() == 1 and not QuickReceipt.objects.exists()


def test_another_accounts_draft_key_is_not_answered_with_its_record(login, mediator, village, committee):
    key = uuid.uuid4()
    login(mediator).post(URL, draft(village, key), **JSON)
    colleague = make_user("colleague", village, Role.MEDIATOR)
    answer = login(colleague).post(URL, draft(village, key), **JSON)
    assert answer.status_code == 409 and "url" not in answer.json()
    assert MediationCase.objects.count() == 1


def test_a_missing_field_comes_back_as_json_with_chinese_errors(login, mediator, village, committee):
    answer = login(mediator).post(URL, draft(village, party_a_name=""), **JSON)
    assert answer.status_code == 400
    assert answer.json()["message"] == "当事人（申请人）姓名：这个字段是必填项。"
    assert not MediationCase.objects.exists()


def test_a_unit_without_a_committee_is_told_so(login, clerk):
    response = login(clerk).get(URL)
    assert response.status_code == 403
    assert "尚未登记人民调解委员会" in response.content.decode()


def test_the_mediators_home_page_puts_the_quick_entry_first(login, mediator, committee):
    html = login(mediator).get(reverse("core:home")).content.decode()
    assert html.index("登记调解案件") < html.index("已超期事项")


def test_a_quick_entry_shows_at_most_eight_fields():
    with pytest.raises(ValueError):
        QuickEntry(model=MediationCase, namespace="x", title="x", date_field="accepted_on",
                   fields=(*CASE_QUICK.fields, "party_b_phone"))


def test_a_unique_value_taken_by_a_simultaneous_entry_is_a_chinese_error(login, mediator, village, committee,
                                                                          monkeypatch):
    def collide(**kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(CASE_QUICK, "write", collide)
    answer = login(mediator).post(URL, draft(village), **JSON)
    assert answer.status_code == 400 and answer.json()["message"] == RACE
    assert not QuickReceipt.objects.exists()
