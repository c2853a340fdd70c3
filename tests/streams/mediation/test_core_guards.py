"""Core ledger rules seen through the mediation ledgers: searching personal data, drop-downs
of other units' records, deleting a record with its deadlines, yes/no in Chinese."""

from __future__ import annotations

import pytest

from fazhi.core.models import Deadline

pytestmark = pytest.mark.django_db


def test_a_reader_who_sees_names_masked_cannot_find_a_case_by_the_partys_name(login, leader, clerk, new_case):
    new_case()
    assert "（2023）市监调字第001号" in login(clerk).get("/s/mediation/", {"q": "张三丰"}).content.decode()
    html = login(leader).get("/s/mediation/", {"q": "张三丰"}).content.decode()
    assert "（2023）市监调字第001号" not in html
    # the leader still finds it by its number
    assert "（2023）市监调字第001号" in login(leader).get("/s/mediation/", {"q": "市监调字"}).content.decode()


def test_the_committee_drop_down_offers_only_the_users_own_units_committees(login, clerk, market_committee,
                                                                           transport_committee):
    html = login(clerk).get("/s/mediation/new/").content.decode()
    assert market_committee.name in html
    assert transport_committee.name not in html


def test_deleting_a_case_deletes_its_deadlines(login, clerk, new_case):
    case = new_case()
    assert Deadline.objects.filter(object_id=case.pk).exists()
    login(clerk).post(f"/s/mediation/{case.pk}/delete/")
    assert not Deadline.objects.filter(object_id=case.pk).exists()


def test_yes_no_fields_read_in_chinese(login, clerk, market_committee):
    from fazhi.core.ledger import record_create
    from fazhi.streams.mediation.models import Mediator

    m = record_create(Mediator, by=clerk, unit=market_committee.unit, year=2023, committee=market_committee,
                      name="孙调解", certified=True, trained=False)
    html = login(clerk).get(f"/s/mediation/mediators/{m.pk}/").content.decode()
    assert "是" in html and "否" in html and "True" not in html and "False" not in html


def test_the_blank_choice_of_a_form_reads_in_chinese(login, clerk):
    html = login(clerk).get("/s/mediation/new/").content.decode()
    assert "Select an option" not in html
