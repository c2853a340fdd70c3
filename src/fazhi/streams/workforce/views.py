from __future__ import annotations

from django import forms

from fazhi.core.ledger_views import Ledger
from fazhi.streams.workforce.importers import WORKFORCE_IMPORT
from fazhi.streams.workforce.models import Member

LEDGER = Ledger(
    model=Member,
    namespace="workforce",
    title="法治队伍台账",
    form_fields=["kind", "name", "firm", "position", "licence_no", "phone", "id_number", "appointed_on",
                 "contract_end", "ended_on", "notes"],
    list_columns=["kind", "name", "firm", "unit", "appointed_on", "ended_on", "state"],
    export_columns=["year", "kind", "name", "firm", "position", "licence_no", "phone", "id_number", "unit",
                    "appointed_on", "contract_end", "ended_on", "state"],
    search_fields=["name", "firm", "position", "licence_no"],
    filter_fields=["kind"],
    widgets={"notes": forms.Textarea(attrs={"rows": 3})},
    date_field="appointed_on",
    import_spec=WORKFORCE_IMPORT,
    unit_label="聘任/任职单位",
)
