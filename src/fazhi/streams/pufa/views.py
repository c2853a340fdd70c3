"""Pages of the 普法 stream: three ledgers (责任清单, 活动, 法律明白人名册) declared once each."""

from __future__ import annotations

from django import forms

from fazhi.core.ledger_views import Ledger
from fazhi.core.quick import QuickEntry, today
from fazhi.streams.pufa.importers import ACTIVITY_IMPORT, LITERATE_IMPORT
from fazhi.streams.pufa.models import Activity, ActivityKind, AudienceKind, LegalLiterate, ResponsibilityItem


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


ITEMS = Ledger(
    model=ResponsibilityItem,
    namespace="pufa:items",
    title="普法责任清单",
    unit_label="责任单位",
    form_fields=["law", "content", "audience", "means", "due"],
    list_columns=["year", "unit", "law", "audience", "due", "published_on", "state"],
    export_columns=["year", "unit", "law", "content", "audience", "means", "due", "published_on", "state"],
    detail_fields=["law", "content", "audience", "means", "due", "published_on"],
    search_fields=["law", "content", "audience"],
    filter_fields=["due"],
    widgets={"content": _text()},
)

ACTIVITIES = Ledger(
    model=Activity,
    namespace="pufa:activities",
    title="普法活动台账",
    unit_label="主办单位",
    form_fields=["title", "kind", "law", "held_on", "place", "audience_kind", "audience_count", "item", "is_public",
                 "summary"],
    list_columns=["held_on", "title", "kind", "unit", "audience_kind", "audience_count", "is_public", "state"],
    export_columns=["year", "held_on", "title", "kind", "law", "unit", "place", "audience_kind", "audience_count",
                    "item", "is_public", "state"],
    search_fields=["title", "law", "place"],
    filter_fields=["kind", "audience_kind"],
    widgets={"summary": _text()},
    date_field="held_on",
    import_spec=ACTIVITY_IMPORT,
)

# 登记普法活动 on a phone (core/quick.py), for the village legal adviser (and any unit's writer):
# eight fields, the adviser's village, today, a village audience; the activity is registered as
# planned and marked held (登记开展, with its guard) on its page, the rest on the full form.
ACTIVITY_QUICK = QuickEntry(
    model=Activity,
    namespace="pufa:quick",
    title="登记普法活动",
    fields=("held_on", "title", "kind", "law", "place", "audience_kind", "audience_count", "summary"),
    date_field="held_on",
    defaults={"held_on": today, "kind": lambda user, unit, day: ActivityKind.VILLAGE,
              "audience_kind": lambda user, unit, day: AudienceKind.VILLAGERS},
    intro="先登记活动要点，保存后在活动页面点击“登记开展”；落实的责任清单事项等以后在完整表单中补充。",
    full_form="pufa:activities:create",
    list_url="pufa:activities:list",
)

LITERATES = Ledger(
    model=LegalLiterate,
    namespace="pufa:literates",
    title="法律明白人名册",
    unit_label="村（社区）",
    form_fields=["name", "phone", "id_number", "trained_on", "certificate_no"],
    list_columns=["unit", "name", "phone", "trained_on", "certificate_no", "state"],
    export_columns=["year", "unit", "name", "phone", "id_number", "trained_on", "certificate_no", "left_on", "state"],
    detail_fields=["name", "phone", "id_number", "trained_on", "certificate_no", "left_on"],
    search_fields=["name", "certificate_no", "unit__name"],
    date_field="trained_on",
    import_spec=LITERATE_IMPORT,
)
