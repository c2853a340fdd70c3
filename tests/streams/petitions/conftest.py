"""Petition fixtures: synthetic petitioners, and a helper that edits a petition through its form."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.identifiers import id_check_char
from fazhi.core.ledger import record_create
from fazhi.streams.petitions.models import Petition
from fazhi.streams.petitions.views import PETITIONS
from tests.forms import form_data


def synthetic_id(born: str = "19700101", seq: str = "123") -> str:
    first17 = f"430771{born}{seq}"
    return first17 + id_check_char(first17)


def new_petition(by, unit, **fields) -> Petition:
    values = {"year": 2026, "reg_no": "XF-2026-0001", "channel": "visit", "registered_on": date(2026, 3, 2),
              "petitioner_name": "张建国", "petitioner_id_number": synthetic_id(), "petitioner_phone": "13973601234",
              "petitioner_address": "西洞庭管理区祝丰镇唐林村3组12号", "category": "claim", "subject": "拖欠工资",
              **fields}
    return record_create(Petition, by=by, unit=unit, **values)




@pytest.fixture
def edit(login):
    """edit(user, petition, **changes) posts the edit form and returns the refreshed petition."""

    def _edit(user, petition: Petition, **changes):
        petition.refresh_from_db()
        response = login(user).post(f"/s/petitions/{petition.pk}/edit/", form_data(PETITIONS, petition, **changes))
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        petition.refresh_from_db()
        return petition

    return _edit


@pytest.fixture
def market_petition(clerk, market_unit) -> Petition:
    return new_petition(clerk, market_unit)
