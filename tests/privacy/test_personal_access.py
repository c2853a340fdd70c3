"""Issue 9 item 2: staff access to unmasked personal data is itself audited — on the record page,
the ledger list, the internal Excel export and the API; the indicator drill-down shows none."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from fazhi.core.models import AuditEvent
from fazhi.streams.legal_services.models import Consultation
from tests.api.conftest import ApiClient, api_as, issue  # noqa: F401 (fixtures)

NAME, PHONE = "欧阳晓明", "13912345678"
VIEW = AuditEvent.Action.VIEW_PERSONAL
LIST = "/s/legal_services/"


@pytest.fixture
def asked(market_unit) -> Consultation:
    return Consultation.objects.create(unit=market_unit, year=2026, state="logged", consulted_on=date(2026, 3, 2),
                                       advisor="周律师", consulter_name=NAME, consulter_phone=PHONE,
                                       category="family", summary="离婚财产分割")


def events(user, action=VIEW):
    return list(AuditEvent.objects.filter(actor=user, action=action))


def xlsx_text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    wb = load_workbook(io.BytesIO(body), read_only=True)
    return " ".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)


@pytest.mark.django_db
def test_record_page_unmasked_is_audited_masked_is_not(login, clerk, leader, asked):
    page = login(clerk).get(asked.get_absolute_url()).content.decode()
    assert NAME in page and PHONE in page
    [event] = events(clerk)
    assert event.object_id == str(asked.pk) and NAME not in event.note

    page = login(leader).get(asked.get_absolute_url()).content.decode()
    assert NAME not in page and "欧阳某" in page and "139****5678" in page
    assert events(leader) == []


@pytest.mark.django_db
def test_ledger_list_showing_personal_columns_is_audited(login, clerk, leader, asked):
    page = login(clerk).get(LIST).content.decode()
    assert NAME in page
    [event] = events(clerk)
    assert "含个人信息 1 条" in event.note and NAME not in event.note

    page = login(leader).get(LIST).content.decode()
    assert NAME not in page and events(leader) == []


@pytest.mark.django_db
def test_internal_export_is_audited_and_the_public_one_is_masked(login, clerk, asked):
    client = login(clerk)
    internal = xlsx_text(client.get(LIST + "?format=xlsx"))
    assert NAME in internal and PHONE in internal
    [event] = events(clerk, AuditEvent.Action.EXPORT)
    assert "内部版" in event.note and NAME not in event.note

    public = xlsx_text(client.get(LIST + "?format=xlsx&public=1"))
    assert NAME not in public and PHONE not in public and "欧阳某" in public


@pytest.mark.django_db
def test_api_list_and_record_unmasked_are_audited(api_as, clerk, leader, asked):  # noqa: F811
    api: ApiClient = api_as(clerk)
    listed = api.get("legal_services/consultation/").json()["results"]
    assert [r["consulter_name"] for r in listed] == [NAME]
    assert api.get(f"legal_services/consultation/{asked.pk}/").json()["consulter_phone"] == PHONE
    notes = sorted(e.note for e in events(clerk))
    assert len(notes) == 2 and all(NAME not in n for n in notes)

    masked = api_as(leader).get(f"legal_services/consultation/{asked.pk}/").json()
    assert (masked["consulter_name"], masked["consulter_phone"]) == ("欧阳某", "139****5678")
    assert events(leader) == []


@pytest.mark.django_db
def test_indicator_drilldown_lists_records_without_personal_data(login, clerk, market_unit, asked):
    client = login(clerk)
    url = f"/indicators/legal_services.consultations/?unit={market_unit.code}&year=2026"
    page = client.get(url).content.decode()
    assert "离婚" in page or "婚姻家庭" in page  # the record is listed …
    assert NAME not in page and PHONE not in page  # … by what it is, not by who asked
    exported = xlsx_text(client.get(url + "&format=xlsx"))
    assert "婚姻家庭" in exported and NAME not in exported
    assert events(clerk) == []
