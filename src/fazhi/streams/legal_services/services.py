"""Business rules of public legal services beyond one field: the statutory deadlines of a
legal-aid application and of a commitment verification, the village a legal adviser serves,
and the quick entry of a consultation from a phone."""

from __future__ import annotations

import secrets
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core import ratelimit, scope
from fazhi.core.config import setting
from fazhi.core.ledger import record_create, record_submit
from fazhi.core.models import Unit
from fazhi.core.roles import Role
from fazhi.streams.legal_services import rules
from fazhi.streams.legal_services.models import AdvisorAppointment, Consultation, LegalAidApplication

# -- the legal adviser's villages ------------------------------------------------------------------

def advisor_villages(user) -> list[Unit]:
    """The villages and communities where ``user`` may log consultations: their own
    memberships first (a 村法律顾问 is a member of the village), else every village they may write."""
    own = [m.unit for m in user.active_memberships()
           if m.role == Role.LEGAL_ADVISOR and m.unit.kind == Unit.Kind.VILLAGE]
    if own:
        return sorted({u.pk: u for u in own}.values(), key=lambda u: u.path)
    return list(scope.units_for(user, "records.write").filter(kind=Unit.Kind.VILLAGE).order_by("path"))


def advisor_name_for(user, village: Unit, day: date) -> str:
    """The village's current adviser as the appointment ledger has it, else the account's name."""
    appointment = (AdvisorAppointment.current_on(day).filter(village=village).exclude(state="ended")
                   .order_by("-contract_start").first())
    if appointment:
        return appointment.advisor_name
    display = getattr(user, "display_name", "") or user.get_username()
    return display.split("（")[0]


@transaction.atomic
def consultation_quick_add(*, by, village: Unit, consulted_on: date, category: str, summary: str,
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


# -- filings from the public portal ----------------------------------------------------------------

ONLINE_PER_HOUR_SETTING = "FAZHI_LEGAL_SERVICES_PUBLIC_PER_HOUR"
AID_UNIT_SETTING = "FAZHI_LEGAL_AID_UNIT_CODE"


def _rate_limit(request, scope_name: str) -> None:
    """Per account and, four times as generous, per address; refusal raises before anything is written."""
    if request is None:
        return
    ratelimit.require_public_form(scope_name, request, per_hour=setting(ONLINE_PER_HOUR_SETTING, 5))


def public_villages():
    return Unit.objects.filter(kind=Unit.Kind.VILLAGE, is_active=True).order_by("path")


def legal_aid_unit() -> Unit | None:
    """The legal-aid body that receives online applications: the unit with the code of the
    setting, else the county's 司法局."""
    code = setting(AID_UNIT_SETTING, "")
    if code:
        return Unit.objects.filter(code=code, is_active=True).first()
    return (Unit.objects.filter(kind=Unit.Kind.DEPARTMENT, name__contains="司法局", is_active=True)
            .order_by("path").first())


def consultation_submit(*, by, request=None, village: Unit, category: str, question: str,
                        phone: str = "") -> Consultation:
    """A question a signed-in citizen or company puts online to the village's legal adviser;
    it lands in the village's consultation log as 网上咨询待解答."""
    _rate_limit(request, "legal_consult")
    if village is None or village.kind != Unit.Kind.VILLAGE:
        raise ValidationError({"village": "请选择村（社区）"})
    today = timezone.localdate()
    question = (question or "").strip()
    summary = question if len(question) <= 300 else question[:299] + "…"
    with transaction.atomic():
        return record_submit(
            Consultation, by=by, unit=village, year=today.year, consulted_on=today, state="asked",
            channel=Consultation.Channel.ONLINE, advisor=advisor_name_for_village(village, today),
            consulter_name=_account_name(by)[:50], consulter_phone=(phone or "").strip(),
            category=category, summary=summary)


def _account_name(user) -> str:
    """The account's name, unless it is only the sign-in name (a phone number)."""
    name = (getattr(user, "display_name", "") or "").strip()
    return "" if name == user.get_username() else name


def advisor_name_for_village(village: Unit, day: date) -> str:
    appointment = (AdvisorAppointment.current_on(day).filter(village=village).exclude(state="ended")
                   .order_by("-contract_start").first())
    return appointment.advisor_name if appointment else "村（社区）法律顾问"


def aid_decision_due(application: LegalAidApplication):
    """The decision deadline (the Deadline row; its date may be provisional: core.deadlines.due_text)."""
    found = [d for d in application.deadlines.all() if d.key == rules.DECIDE]
    return found[0] if found else None


def legal_aid_submit(*, by, request=None, applicant_name: str, applicant_id_number: str,
                     applicant_phone: str, case_type: str, matter: str, applicant_address: str = "",
                     ) -> LegalAidApplication:
    """An application for legal aid filed online by a signed-in citizen (法律援助法 第四十一条);
    received the day it is filed, so the 7-day decision period starts at once."""
    if getattr(by, "kind", None) != by.Kind.CITIZEN:
        raise PermissionDenied("法律援助申请应由公民本人提出，请使用个人账号")
    _rate_limit(request, "legal_aid")
    unit = legal_aid_unit()
    if unit is None:
        raise ValidationError("暂未设置受理法律援助申请的机构，请到司法局窗口申请")
    today = timezone.localdate()
    for _ in range(5):
        number = f"WS-FY-{today:%Y%m%d}-{secrets.token_hex(3).upper()}"
        try:
            with transaction.atomic():
                return record_submit(
                    LegalAidApplication, by=by, unit=unit, year=today.year, application_no=number, applied_on=today,
                    channel=LegalAidApplication.Channel.ONLINE, applicant_name=applicant_name.strip(),
                    applicant_id_number=applicant_id_number, applicant_phone=applicant_phone.strip(),
                    applicant_address=applicant_address.strip(), case_type=case_type, matter=matter.strip())
        except IntegrityError:  # the random number was taken: draw another
            continue
    raise ValidationError("系统繁忙，请稍后再试")
