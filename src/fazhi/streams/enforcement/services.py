"""What the enforcement stream provides to the others through the core registry (its manifest's
``certificate_lookup`` / ``certificate_register_in_use`` / ``publish_decision`` /
``published_decision``), so that no stream imports this one:

- the 行政执法证 register: a certificate number and its status on a date (cases and checks refuse an
  officer whose certificate is not in the register or not valid on the date of the step);
- 执法决定公示: a decision made in another stream (a case reaching 决定) becomes, or is linked to,
  its public ``Decision`` record, which carries the 7 (20) working-day disclosure deadline.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

from fazhi.core.ledger import record_create
from fazhi.core.registry import CertificateInfo, DecisionNotice, PublishedDecision
from fazhi.streams.enforcement import rules
from fazhi.streams.enforcement.models import Decision, Officer, valid_on

VALID = "有效"


def _info(officer: Officer, on_date: date) -> CertificateInfo:
    status = officer.status_on(on_date)
    return CertificateInfo(number=officer.certificate_no, holder=officer.name, unit_name=officer.unit.name,
                           valid=status == VALID, status=status, valid_until=officer.valid_until)


def certificate_lookup(number: str, on_date: date) -> CertificateInfo | None:
    officer = Officer.objects.filter(certificate_no=number.strip().upper()).select_related("unit").first()
    return _info(officer, on_date) if officer else None


def certificate_holders(unit, on_date: date) -> list[CertificateInfo]:
    """The unit's officers (any unit's when ``unit`` is None) whose certificate is valid on
    ``on_date``, longest-valid first."""
    officers = Officer.objects.filter(valid_on(on_date)).select_related("unit")
    if unit is not None:
        officers = officers.filter(unit=unit)
    officers = officers.order_by("-valid_until", "certificate_no")
    return [_info(o, on_date) for o in officers]


def certificate_register_in_use() -> bool:
    return Officer.objects.exists()


def _as_published(decision: Decision) -> PublishedDecision:
    deadline = decision.deadlines.filter(key=rules.DISCLOSURE_KEY).first()
    return PublishedDecision(url=decision.get_absolute_url(), label=f"执法决定公示 {decision.doc_no}",
                             due=deadline.due if deadline else None, state=decision.state_label)


def published_decision(unit, doc_no: str) -> PublishedDecision | None:
    decision = Decision.objects.filter(unit=unit, doc_no=doc_no.strip()).first()
    return _as_published(decision) if decision else None


def publish_decision(notice: DecisionNotice, *, by) -> PublishedDecision:
    """The public record of ``notice``'s decision: the unit's Decision with the same 文号 when one is
    already registered, else a new one (已作出, its 公示 deadline running from the decision date)."""
    decision = Decision.objects.filter(unit=notice.unit, doc_no=notice.doc_no.strip()).first()
    if decision is None:
        try:
            decision = record_create(
                Decision, by=by, unit=notice.unit, year=notice.decided_on.year, doc_no=notice.doc_no.strip(),
                decision_type=notice.decision_type, party_type=notice.party_type, party_org=notice.party_org,
                party_credit_code=notice.party_credit_code, party_person=notice.party_person,
                party_id_number=notice.party_id_number, matter=notice.matter[:200], basis=notice.basis[:300],
                content=notice.content, decided_on=notice.decided_on)
        except ValidationError as exc:
            raise ValidationError("执法决定公示信息不完整：" + "；".join(exc.messages)) from exc
    return _as_published(decision)
