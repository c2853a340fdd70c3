"""The mediation pages: one generic ledger (list, detail, form, transitions, import, export) per
ledger. Every step of a case is a transition on its page; the data a step needs (agreement,
judicial confirmation, follow-up visit) is entered on the case form first, and the guards
say in Chinese what is missing."""

from __future__ import annotations

from django import forms

from fazhi.core.ledger_views import Ledger
from fazhi.core.quick import QuickEntry, today
from fazhi.streams.mediation.importers import CASE_IMPORT, COMMITTEE_IMPORT, MEDIATOR_IMPORT, TRAINING_IMPORT
from fazhi.streams.mediation.models import MediationCase, MediationCommittee, Mediator, MediatorTraining
from fazhi.streams.mediation.services import (
    NO_COMMITTEE_UNIT,
    default_mediator,
    default_registration_number,
    quick_units,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})

CASES = Ledger(
    model=MediationCase,
    namespace="mediation:cases",
    title="调解案件台账",
    form_fields=[
        "registration_number", "committee", "mediator", "dispute_type", "source", "referred_by",
        "application_date", "accepted_on",
        "party_a_name", "party_a_id_number", "party_a_phone", "party_a_address",
        "party_b_name", "party_b_id_number", "party_b_phone", "party_b_address",
        "facts", "amount", "private_mediation", "escalation_risk", "reported_to_police",
        "concluded_on", "agreement_form", "agreement_date", "agreement_content",
        "confirmation_applied_on", "confirmation_court", "confirmation_result",
        "follow_up_on", "performance", "follow_up_note",
    ],
    list_columns=["year", "registration_number", "unit", "dispute_type", "party_a_name", "accepted_on",
                  "concluded_on", "result", "over_term", "state"],
    search_fields=["registration_number", "mediator", "party_a_name", "party_b_name", "facts"],
    filter_fields=["dispute_type", "source", "result", "over_term", "performance"],
    widgets={"facts": TEXTAREA, "agreement_content": TEXTAREA, "follow_up_note": TEXTAREA},
    date_field="accepted_on",
    import_spec=CASE_IMPORT,
    photo_field="agreement_photo",
    export_columns=["year", "registration_number", "unit", "committee", "mediator", "dispute_type", "source",
                    "accepted_on", "party_a_name", "party_a_id_number", "party_a_phone", "party_b_name",
                    "concluded_on", "result", "agreement_form", "confirmation_result", "performance",
                    "over_term", "state"],
)

COMMITTEES = Ledger(
    model=MediationCommittee,
    namespace="mediation:committees",
    title="人民调解委员会",
    form_fields=["name", "kind", "director", "members", "established_on", "note"],
    list_columns=["name", "unit", "kind", "director", "members", "established_on", "state"],
    search_fields=["name", "director"],
    filter_fields=["kind"],
    widgets={"note": TEXTAREA},
    date_field="established_on",
    import_spec=COMMITTEE_IMPORT,
)

MEDIATORS = Ledger(
    model=Mediator,
    namespace="mediation:mediators",
    title="人民调解员",
    form_fields=["committee", "name", "position", "phone", "id_number", "certified", "trained", "note"],
    list_columns=["name", "unit", "committee", "position", "phone", "certified", "trained", "state"],
    search_fields=["name", "position"],
    filter_fields=["certified", "trained"],
    widgets={"note": TEXTAREA},
    import_spec=MEDIATOR_IMPORT,
)

TRAININGS = Ledger(
    model=MediatorTraining,
    namespace="mediation:trainings",
    title="调解员培训",
    form_fields=["topic", "organiser", "held_on", "participants", "hours", "note"],
    list_columns=["year", "held_on", "topic", "organiser", "unit", "participants", "state"],
    search_fields=["topic", "organiser"],
    widgets={"note": TEXTAREA},
    date_field="held_on",
    import_spec=TRAINING_IMPORT,
)

# 登记调解案件 on a phone (core/quick.py): eight fields, the committee of the mediator's village
# picked by the model (its only committee), the number by the committee's rule, today, the
# mediator signed in; parties' ID numbers, addresses, the agreement … later on the full form.
CASE_QUICK = QuickEntry(
    model=MediationCase,
    namespace="mediation:quick",
    title="登记调解案件",
    fields=("registration_number", "accepted_on", "dispute_type", "party_a_name", "party_a_phone",
            "party_b_name", "facts", "mediator"),
    date_field="accepted_on",
    defaults={"registration_number": default_registration_number, "accepted_on": today,
              "mediator": default_mediator},
    sequence=("registration_number",),
    units=quick_units,
    no_unit_message=NO_COMMITTEE_UNIT,
    intro="先登记当事人和纠纷要点，身份证号、住址、调解协议等以后在完整表单中补充。",
    full_form="mediation:cases:create",
    list_url="mediation:cases:list",
    photo_field="agreement_photo",
)
