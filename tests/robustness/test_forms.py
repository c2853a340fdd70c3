"""Malformed posts to ledger create/edit pages (issue 9, item 3): wrong types, huge strings,
control characters, wrong encodings, missing and duplicated fields, a tampered version, bogus
foreign keys. Never a server error; a refused post shows a Chinese error and writes nothing
(neither a record nor an audit event); an accepted one writes exactly one of each."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.ledger import record_create
from fazhi.core.models import AuditEvent
from fazhi.streams.mediation.models import MediationCase, MediationCommittee
from fazhi.streams.petitions.models import Petition
from fazhi.streams.services.models import ServiceItem
from fazhi.streams.study.models import StudySession
from tests.robustness.conftest import FEW, bogus_ids, form_error_text, has_chinese, junk, snapshot

pytestmark = pytest.mark.django_db

LEDGERS = {  # create page -> model
    "/s/study/new/": StudySession,
    "/s/petitions/new/": Petition,
    "/s/mediation/new/": MediationCase,
    "/s/mediation/committees/new/": MediationCommittee,
    "/s/services/new/": ServiceItem,
}


def posts(field_names: list[str], unit_ids: list[int]):
    """A form post: each field junk, a list (duplicated field), a plausible value, or missing."""
    unit = st.one_of(st.sampled_from([str(u) for u in unit_ids]), bogus_ids)
    value = st.one_of(junk, st.lists(junk, min_size=2, max_size=3))
    fields = {name: (unit if name == "unit" else value) for name in field_names}
    # A browser always sends the CSRF field (the test client does not check it): a post with
    # no field at all cannot reach the view, so it is not one of the cases.
    return st.fixed_dictionaries({"csrfmiddlewaretoken": st.just("x")}, optional=fields)


@pytest.fixture
def client_and_fields(login, clerk, market_unit, transport_unit):
    client = login(clerk)

    def fields(url: str) -> list[str]:
        return list(client.get(url).context["form"].fields)

    return client, fields, [market_unit.pk, transport_unit.pk]


@pytest.mark.parametrize("url", list(LEDGERS))
def test_junk_posted_to_a_create_page_is_refused_in_chinese_or_written_once(url, client_and_fields):
    client, fields, units = client_and_fields
    model = LEDGERS[url]

    @FEW
    @given(data=posts(fields(url), units))
    def check(data: dict) -> None:
        before = snapshot(model)
        response = client.post(url, data)
        assert response.status_code < 500
        if response.status_code == 302:  # the junk happened to be a valid record
            assert snapshot(model) == (before[0] + 1, before[1] + 1)
            return
        assert response.status_code in (200, 400)
        assert has_chinese(form_error_text(response))
        assert snapshot(model) == before

    check()


@pytest.fixture
def session(clerk, market_unit) -> StudySession:
    return record_create(StudySession, by=clerk, unit=market_unit, year=2026, kind="topic", title="原议题")


def test_junk_posted_to_an_edit_page_never_overwrites_silently(client_and_fields, session, market_unit):
    client, fields, units = client_and_fields
    url = f"/s/study/{session.pk}/edit/"
    names = fields(url)
    version = st.one_of(st.just("CURRENT"), st.just("STALE"), junk, st.lists(junk, min_size=2, max_size=2))

    @FEW
    @given(data=posts(names, units), version=version)
    def check(data: dict, version) -> None:
        session.refresh_from_db()
        if version == "CURRENT":
            version = str(session.version)
        elif version == "STALE":
            version = str(session.version - 1)
        before, events = (session.version, session.title), AuditEvent.objects.count()
        response = client.post(url, {**data, "version": version})
        assert response.status_code < 500
        session.refresh_from_db()
        if response.status_code == 302:
            assert version == str(before[0])  # only the version shown may save
            assert session.version == before[0] + 1 and AuditEvent.objects.count() == events + 1
            return
        assert has_chinese(form_error_text(response))
        assert (session.version, session.title) == before and AuditEvent.objects.count() == events

    check()


@FEW
@given(body=st.binary(max_size=300))
def test_a_raw_body_in_any_encoding_is_never_a_server_error(body, login, clerk, market_unit):
    client = login(clerk)
    before = snapshot(StudySession)
    prefix = f"unit={market_unit.pk}&year=2026&kind=topic&title=".encode()
    for content_type in ("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=gbk",
                         "multipart/form-data; boundary=xyz", "text/plain; charset=utf-16"):
        response = client.generic("POST", "/s/study/new/", prefix + body, content_type=content_type)
        assert response.status_code < 500
        if response.status_code != 302:
            assert has_chinese(response.content.decode("utf-8", errors="replace"))
    assert snapshot(StudySession)[0] - before[0] <= 4
