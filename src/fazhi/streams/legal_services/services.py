"""Business rules of public legal services beyond one field: the statutory deadlines of a
legal-aid application and of a commitment verification, the village a legal adviser serves,
and the quick entry of a consultation from a phone."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction

from fazhi.accounts.roles import Role
from fazhi.core import scope
from fazhi.core.deadlines import deadline_meet, deadline_pause, deadline_resume, deadline_set, deadlines_of
from fazhi.core.ledger import record_create
from fazhi.core.models import Unit
from fazhi.streams.legal_services import rules
from fazhi.streams.legal_services.models import AdvisorAppointment, Consultation, LegalAidApplication
from fazhi.streams.legal_services.workflow import DECIDED

AID_KEYS = (rules.DECIDE, rules.ASSIGN)


# -- deadlines -------------------------------------------------------------------------------------

def _aid_desired(a: LegalAidApplication) -> dict[str, tuple[date, date | None]]:
    wanted: dict[str, tuple[date, date | None]] = {}
    if a.state == "withdrawn":
        return wanted
    if a.applied_on:  # 第四十三条: decide within 7 days of receiving the application
        wanted[rules.DECIDE] = (a.applied_on, a.decided_on if a.state in DECIDED else None)
    if a.is_granted and a.decided_on:  # 第四十三条: assign within 3 days of the decision
        wanted[rules.ASSIGN] = (a.decided_on, a.assigned_on if a.state in ("assigned", "closed") else None)
    return wanted


def sync_aid_deadlines(a: LegalAidApplication) -> None:
    """The application's Deadline rows as a function of its state and dates: the decision
    period (paused while materials are supplemented) and, once aid is granted, the assignment
    period; each is met on the date the step was taken."""
    wanted = _aid_desired(a)
    for existing in deadlines_of(a):
        if existing.key in AID_KEYS and existing.key not in wanted:
            existing.delete()
    for key, (start, met_on) in wanted.items():
        deadline = deadline_set(record=a, rule=rules.rule(key), start=start)
        if key == rules.DECIDE and a.supplement_requested_on:
            deadline = deadline_pause(deadline=deadline, on=a.supplement_requested_on, reason=rules.SUPPLEMENT)
            if a.supplement_received_on:
                deadline = deadline_resume(deadline=deadline, on=a.supplement_received_on)
        if met_on:
            deadline_meet(deadline=deadline, on=met_on)


def sync_verification_deadline(case) -> None:  # noqa: ANN001
    """The verification period of a commitment case counts from the commitment date."""
    if not case.item_id or not case.committed_on:
        return
    rule = rules.verification_rule(case.item.verification_days, case.item.name)
    deadline = deadline_set(record=case, rule=rule, start=case.committed_on)
    if case.verified_on and case.state != "pending":
        deadline_meet(deadline=deadline, on=case.verified_on)


# -- the legal adviser's villages ------------------------------------------------------------------

def advisor_villages(user) -> list[Unit]:  # noqa: ANN001
    """The villages and communities where ``user`` may log consultations: their own
    memberships first (a 村法律顾问 is a member of the village), else every village they may write."""
    own = [m.unit for m in user.active_memberships()
           if m.role == Role.LEGAL_ADVISOR and m.unit.kind == Unit.Kind.VILLAGE]
    if own:
        return sorted({u.pk: u for u in own}.values(), key=lambda u: u.path)
    return list(scope.units_for(user, "records.write").filter(kind=Unit.Kind.VILLAGE).order_by("path"))


def advisor_name_for(user, village: Unit, day: date) -> str:  # noqa: ANN001
    """The village's current adviser as the appointment ledger has it, else the account's name."""
    appointment = (AdvisorAppointment.current_on(day).filter(village=village).exclude(state="ended")
                   .order_by("-contract_start").first())
    if appointment:
        return appointment.advisor_name
    display = getattr(user, "display_name", "") or user.get_username()
    return display.split("（")[0]


@transaction.atomic
def consultation_quick_add(*, by, village: Unit, consulted_on: date, category: str, summary: str,  # noqa: ANN001
                           disposition: str, consulter_name: str = "") -> Consultation:
    """Log one consultation as a village legal adviser does on a phone."""
    if village.kind != Unit.Kind.VILLAGE:
        raise PermissionDenied("只能为村（社区）登记咨询")
    return record_create(
        Consultation, by=by, unit=village, year=consulted_on.year, consulted_on=consulted_on,
        advisor=advisor_name_for(by, village, consulted_on), category=category, summary=summary,
        disposition=disposition, consulter_name=consulter_name.strip(),
        state="logged" if disposition != Consultation.Disposition.ANSWERED else "closed",
    )
