"""Who sees what: another unit's clerk neither sees nor changes; exports mask personal data for
the public and for readers without personal.view; financial hardship is withheld whole."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.streams.legal_services.models import LegalAidApplication
from tests.streams.legal_services.conftest import APPLICANT_ID

pytestmark = pytest.mark.django_db
BASE = "/s/legal_services/aid/"


def sheet_text(response) -> str:
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    return "\n".join(" ".join(str(c) for c in row if c is not None) for row in ws.iter_rows(values_only=True))


@pytest.fixture
def application(new_application) -> LegalAidApplication:
    return new_application()


def test_another_units_clerk_can_neither_see_nor_change(login, other_clerk, application):
    client = login(other_clerk)
    assert client.get(f"{BASE}{application.pk}/").status_code == 403
    assert client.get(f"{BASE}{application.pk}/edit/").status_code == 403
    assert client.post(f"{BASE}{application.pk}/do/accept/").status_code == 403
    assert client.get(f"{BASE}99999/").status_code == 404
    assert "XDT-FY-2024-101" not in sheet_text(client.get(f"{BASE}?format=xlsx"))
    application.refresh_from_db()
    assert application.state == "applied"


def test_the_internal_export_is_full_and_the_public_export_masked(login, coordinator, application):
    client = login(coordinator)
    internal = sheet_text(client.get(f"{BASE}?format=xlsx"))
    assert "王秀英" in internal and APPLICANT_ID in internal and "13812345678" in internal
    public = sheet_text(client.get(f"{BASE}?format=xlsx&public=1"))
    assert "王某" in public and "王秀英" not in public
    assert APPLICANT_ID not in public and APPLICANT_ID[:6] + "********" + APPLICANT_ID[-4:] in public
    assert "138****5678" in public and "唐林村3组" not in public
    assert "低保证明" not in internal + public  # financial status is never exported


def test_a_leader_sees_masked_data_and_the_hardship_basis_withheld(login, leader, application):
    page = login(leader).get(f"{BASE}{application.pk}/").content.decode()
    assert "王某" in page and "王秀英" not in page and APPLICANT_ID not in page
    assert "低保证明" not in page and "敏感个人信息，已隐藏" in page
    assert "XDT-FY-2024-101" in page


def test_the_coordinator_sees_everything_and_the_view_is_audited(login, coordinator, application):
    from fazhi.core.models import AuditEvent

    page = login(coordinator).get(f"{BASE}{application.pk}/").content.decode()
    assert "王秀英" in page and "低保证明" in page
    assert AuditEvent.objects.filter(action="view_personal", actor=coordinator).exists()


def test_consultations_mask_the_consulter_for_a_leader(login, leader, advisor, yucai):
    from fazhi.core.ledger import record_create
    from fazhi.streams.legal_services.models import Consultation

    c = record_create(Consultation, by=advisor, unit=yucai, year=2024, consulted_on="2024-05-06", advisor="刘建华",
                      consulter_name="张桂兰", consulter_phone="13912345678", category="family",
                      summary="赡养费如何分担")
    page = login(leader).get(f"/s/legal_services/{c.pk}/").content.decode()
    assert "张某" in page and "张桂兰" not in page and "139****5678" in page
    assert "张桂兰" not in str(c)
