from __future__ import annotations

from django import forms

from fazhi.core.ledger_views import Ledger
from fazhi.streams.study.importers import STUDY_IMPORT
from fazhi.streams.study.models import StudySession

LEDGER = Ledger(
    model=StudySession,
    namespace="study",
    title="学习研究台账",
    form_fields=["kind", "title", "meeting", "planned_on", "held_on", "chair", "speaker",
                 "members", "attendees", "minutes"],
    list_columns=["year", "kind", "title", "unit", "held_on", "state"],
    search_fields=["title", "meeting", "speaker"],
    filter_fields=["kind"],
    widgets={"minutes": forms.Textarea(attrs={"rows": 4})},
    date_field="held_on",
    import_spec=STUDY_IMPORT,
)
