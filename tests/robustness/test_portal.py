"""Junk posted to the public portal's forms (issue 9 item 3, issue 7 item 7): disclosure
request, problem report, comment on a draft decision, legal consultation, legal aid. Never a
server error; a refused post shows a Chinese error and writes nothing; an accepted one writes
exactly its one record."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.ledger import record_create
from fazhi.streams.complaints.models import Announcement, Complaint
from fazhi.streams.decisions.models import Decision, PublicComment
from fazhi.streams.disclosure.models import DisclosureRequest
from fazhi.streams.legal_services.models import Consultation, LegalAidApplication
from tests.robustness.conftest import FEW, bogus_ids, form_error_text, has_chinese, junk, snapshot
from tests.streams.decisions.conftest import add_procedure, catalogue, decision, gov_clerk, item  # noqa: F401
from tests.streams.legal_services.conftest import advisor, appointment, yucai  # noqa: F401

pytestmark = pytest.mark.django_db


def posts(field_names: list[str], choices: dict[str, list[str]]):
    value = st.one_of(junk, st.lists(junk, min_size=2, max_size=3))
    fields = {n: st.one_of(st.sampled_from(choices[n]), bogus_ids, value) if n in choices else value
              for n in field_names}
    return st.fixed_dictionaries({"csrfmiddlewaretoken": st.just("x")}, optional=fields)


def check_form(client: Client, url: str, model, choices: dict[str, list[str]]) -> None:
    page = client.get(url)
    assert page.status_code == 200
    names = list(page.context["form"].fields)

    @FEW
    @given(data=posts(names, choices))
    def check(data: dict) -> None:
        before = snapshot(model)
        response = client.post(url, data)
        assert response.status_code < 500
        if response.status_code == 302:
            assert snapshot(model)[0] == before[0] + 1
            return
        assert has_chinese(form_error_text(response))
        assert snapshot(model) == before

    check()


def test_the_disclosure_request_form(login, citizen, market_unit):
    check_form(login(citizen), "/gk/disclosure/apply/", DisclosureRequest,
               {"unit": [str(market_unit.pk)], "requested_form": ["电子文档"], "delivery_method": ["邮寄"]})


def test_the_problem_report_form_anonymous(clerk, market_unit):
    today = timezone.localdate()
    notice = record_create(Announcement, by=clerk, unit=market_unit, year=today.year, title="公开受理问题举报的公告",
                           body="即日起公开受理。", state="published", published_on=today - timedelta(days=3),
                           accept_from=today - timedelta(days=3), accept_until=today + timedelta(days=60))
    check_form(Client(), "/gk/complaints/report/", Complaint,
               {"unit": [str(market_unit.pk)], "announcement": [str(notice.pk)], "category": ["enforcement"],
                "anonymous": ["on"]})


def test_the_comment_form_of_a_draft_decision(decision):  # noqa: F811
    today = timezone.localdate()
    add_procedure(decision, "participation", started_on=today - timedelta(days=5), ended_on=today + timedelta(days=25))
    Decision.objects.filter(pk=decision.pk).update(state="consulting", summary="提质改造。")
    check_form(Client(), f"/gk/decisions/{decision.pk}/", PublicComment, {})


def test_the_legal_consultation_form(login, citizen, yucai, advisor, appointment):  # noqa: F811
    check_form(login(citizen), "/gk/legal_services/consult/", Consultation,
               {"village": [str(yucai.pk)], "category": ["land"]})


def test_the_legal_aid_form(login, citizen, appointment):  # noqa: F811
    check_form(login(citizen), "/gk/legal_services/aid/", LegalAidApplication, {"case_type": ["civil"]})
