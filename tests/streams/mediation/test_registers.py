"""The committee, mediator and training ledgers: their pages and their small workflows."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.ledger import record_create
from fazhi.core.models import Notification
from fazhi.streams.mediation.models import MediationCommittee, Mediator, MediatorTraining
from tests.streams.mediation.conftest import PARTY_ID

pytestmark = pytest.mark.django_db

BASE = "/s/mediation/"


def test_a_clerk_registers_a_committee_and_a_mediator_by_form(login, clerk, market_unit):
    client = login(clerk)
    response = client.post(f"{BASE}committees/new/", {
        "unit": market_unit.pk, "year": 2026, "name": "消费纠纷人民调解委员会", "kind": "sector", "members": 5,
        "established_on": "2015-03-01"})
    committee = MediationCommittee.objects.get()
    assert response.status_code == 302 and response.url == f"{BASE}committees/{committee.pk}/"
    response = client.post(f"{BASE}mediators/new/", {
        "unit": market_unit.pk, "year": 2026, "name": "孙调解", "position": "主任", "phone": "13700001111",
        "id_number": PARTY_ID, "certified": "True", "trained": "False"})
    mediator = Mediator.objects.get()
    assert response.status_code == 302 and (mediator.committee, mediator.certified) == (committee, True)
    html = client.get(f"{BASE}mediators/").content.decode()
    assert "孙调解" in html and "消费纠纷人民调解委员会" in html and "持证上岗" in html


def test_a_mediator_with_a_wrong_id_check_character_is_refused(login, clerk, market_unit, market_committee):
    bad = PARTY_ID[:-1] + ("0" if PARTY_ID[-1] != "0" else "1")
    html = login(clerk).post(f"{BASE}mediators/new/", {
        "unit": market_unit.pk, "year": 2026, "name": "孙调解", "id_number": bad, "certified": "False",
        "trained": "False"}).content.decode()
    assert "公民身份号码格式或校验位不正确" in html and not Mediator.objects.exists()


def test_a_unit_with_two_committees_must_choose_one(login, clerk, market_unit, market_committee):
    record_create(MediationCommittee, by=clerk, unit=market_unit, year=2026, name="价格争议调解委员会", kind="sector")
    html = login(clerk).post(f"{BASE}mediators/new/", {
        "unit": market_unit.pk, "year": 2026, "name": "孙调解", "certified": "False",
        "trained": "False"}).content.decode()
    assert "该单位有多个人民调解委员会，请选择调解委员会" in html


def test_a_committee_of_another_unit_cannot_be_chosen(login, clerk, market_unit, market_committee,
                                                      transport_committee):
    html = login(clerk).post(f"{BASE}mediators/new/", {
        "unit": market_unit.pk, "year": 2026, "name": "孙调解", "committee": transport_committee.pk,
        "certified": "False", "trained": "False"}).content.decode()
    # another unit's committee is not even among the choices: the form refuses it in Chinese
    assert transport_committee.name not in html
    assert "选择一个有效的选项" in html and not Mediator.objects.exists()


def test_a_training_is_held_only_with_its_date_and_participants(login, clerk, market_unit):
    training = record_create(MediatorTraining, by=clerk, unit=market_unit, year=2026, topic="消费纠纷调解实务",
                             organiser="市场监管局")
    client = login(clerk)
    html = client.post(f"{BASE}trainings/{training.pk}/do/hold/", follow=True).content.decode()
    assert "请先填写培训日期和参训人数" in html
    MediatorTraining.objects.filter(pk=training.pk).update(held_on=date(2026, 5, 10), participants=30)
    client.post(f"{BASE}trainings/{training.pk}/do/hold/")
    training.refresh_from_db()
    assert training.state_label == "已举办"


def test_a_mediator_leaves_and_the_committee_is_dissolved_through_their_pages(login, clerk, market_unit,
                                                                             market_committee):
    mediator = record_create(Mediator, by=clerk, unit=market_unit, year=2026, name="孙调解")
    client = login(clerk)
    client.post(f"{BASE}mediators/{mediator.pk}/do/leave/")
    client.post(f"{BASE}committees/{market_committee.pk}/do/dissolve/")
    mediator.refresh_from_db()
    market_committee.refresh_from_db()
    assert (mediator.state_label, market_committee.state_label) == ("已离任", "已撤销")


def test_remind_tells_the_committees_clerk_about_a_term_running_out(clerk, new_case):
    from django.core.management import call_command

    case = new_case(state="mediating", accepted_on=date(2023, 9, 1))  # due 2023-10-07
    call_command("fazhi_remind", "--date", "2023-10-07")
    note = Notification.objects.get(user=clerk)
    assert note.title == "即将到期：调解期限（一般一个月内调结）（2023-10-07）"
    assert note.url == f"{BASE}{case.pk}/"
