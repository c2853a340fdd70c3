"""Excel import of the mediation ledgers.

Natural keys: a case by its 登记编号 (within the unit); a committee by unit + name; a mediator by
unit + name; a training by unit + year + topic. A case imported with its result comes in at the
state that result implies (settled cases that were visited arrive as 回访履行); a re-import
never moves an existing case through its workflow.
"""

from __future__ import annotations

from fazhi.core.importers import BOOL, CHOICE, DATE, ID_NUMBER, INT, PHONE, TEXT, UNIT, ImportField, ImportSpec
from fazhi.streams.mediation.models import MediationCase, MediationCommittee, Mediator, MediatorTraining

C = MediationCase


def imported_case_state(row: dict) -> str:
    """The workflow state a newly imported case starts in, from the columns filled."""
    result = row.get("result") or ""
    if result in (C.Result.FAILED, C.Result.TERMINATED):
        return result
    if result == C.Result.SUCCESS:
        if row.get("follow_up_on") and row.get("performance"):
            return "follow_up"
        if row.get("confirmation_applied_on"):
            return "confirming"
        return "agreed"
    return "mediating" if (row.get("mediator") or "").strip() else "accepted"


def _keep_committee(existing, row: dict) -> dict:
    """A blank 调解委员会 cell keeps the committee a record already has (re-import changes nothing)."""
    if row.get("committee_name"):
        return {}
    return {"committee_name": existing.committee.name}


def _case_defaults(row: dict) -> dict:
    existing = C.objects.filter(unit=row.get("unit"), registration_number=row.get("registration_number")).first()
    return _keep_committee(existing, row) if existing is not None else {}


def _mediator_defaults(row: dict) -> dict:
    existing = Mediator.objects.filter(unit=row.get("unit"), name=row.get("name")).first()
    return _keep_committee(existing, row) if existing is not None else {}


def _new_case_state(row: dict) -> dict:
    return {"state": imported_case_state(row)}


def _new_training_state(row: dict) -> dict:
    """A training imported with its date and participants was held; a re-import changes no state."""
    return {"state": "held"} if row.get("held_on") and row.get("participants") else {}


CASE_IMPORT = ImportSpec(
    model=MediationCase,
    title="调解案件台账",
    key=("unit", "registration_number"),
    defaults=_case_defaults,
    create_defaults=_new_case_state,
    fields=[
        ImportField("unit", "承办单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("registration_number", "登记编号", TEXT, required=True, example="示例：（2024）唐林村调字第001号"),
        ImportField("committee_name", "调解委员会", TEXT, help="承办单位只有一个调解委员会时可不填"),
        ImportField("mediator", "调解员", TEXT),
        ImportField("dispute_type", "纠纷类型", CHOICE, required=True, choices=tuple(C.DisputeType.choices)),
        ImportField("source", "案件来源", CHOICE, required=True, choices=tuple(C.Source.choices)),
        ImportField("referred_by", "委托移送单位", TEXT),
        ImportField("application_date", "申请日期", DATE, help="按 2024-03-15 格式填写"),
        ImportField("accepted_on", "受理日期", DATE, required=True, example="2024-03-15"),
        ImportField("party_a_name", "当事人（申请人）姓名", TEXT, required=True),
        ImportField("party_a_id_number", "当事人（申请人）公民身份号码", ID_NUMBER),
        ImportField("party_a_phone", "当事人（申请人）联系电话", PHONE),
        ImportField("party_a_address", "当事人（申请人）住址", TEXT),
        ImportField("party_b_name", "对方当事人姓名", TEXT),
        ImportField("party_b_id_number", "对方当事人公民身份号码", ID_NUMBER),
        ImportField("party_b_phone", "对方当事人联系电话", PHONE),
        ImportField("party_b_address", "对方当事人住址", TEXT),
        ImportField("facts", "纠纷简要情况", TEXT),
        ImportField("concluded_on", "调结日期", DATE),
        ImportField("result", "调解结果", CHOICE, choices=tuple(C.Result.choices)),
        ImportField("agreement_form", "协议形式", CHOICE, choices=tuple(C.AgreementForm.choices)),
        ImportField("agreement_date", "协议签订日期", DATE),
        ImportField("confirmation_applied_on", "申请司法确认日期", DATE),
        ImportField("confirmation_result", "司法确认结果", CHOICE, choices=tuple(C.ConfirmationResult.choices)),
        ImportField("follow_up_on", "回访日期", DATE),
        ImportField("performance", "履行情况", CHOICE, choices=tuple(C.Performance.choices)),
        ImportField("follow_up_note", "回访情况", TEXT),
    ],
)

COMMITTEE_IMPORT = ImportSpec(
    model=MediationCommittee,
    title="人民调解委员会",
    key=("unit", "name"),
    fields=[
        ImportField("unit", "所在单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("name", "委员会名称", TEXT, required=True, example="示例：唐林村人民调解委员会"),
        ImportField("kind", "类型", CHOICE, required=True, choices=tuple(MediationCommittee.Kind.choices)),
        ImportField("director", "主任", TEXT),
        ImportField("members", "委员人数", INT),
        ImportField("established_on", "成立日期", DATE),
    ],
)

MEDIATOR_IMPORT = ImportSpec(
    model=Mediator,
    title="人民调解员",
    key=("unit", "name"),
    defaults=_mediator_defaults,
    fields=[
        ImportField("unit", "所在单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("committee_name", "调解委员会", TEXT, help="所在单位只有一个调解委员会时可不填"),
        ImportField("name", "姓名", TEXT, required=True, example="示例：张调解"),
        ImportField("position", "职务", TEXT),
        ImportField("phone", "联系电话", PHONE),
        ImportField("id_number", "公民身份号码", ID_NUMBER),
        ImportField("certified", "持证上岗", BOOL),
        ImportField("trained", "本年度参加业务培训", BOOL),
    ],
)

TRAINING_IMPORT = ImportSpec(
    model=MediatorTraining,
    title="调解员培训",
    key=("unit", "year", "topic"),
    create_defaults=_new_training_state,
    fields=[
        ImportField("unit", "承办单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("topic", "培训主题", TEXT, required=True, example="示例：民法典婚姻家庭编专题培训"),
        ImportField("organiser", "举办单位", TEXT, required=True, example="司法局"),
        ImportField("held_on", "培训日期", DATE),
        ImportField("participants", "参训人数", INT),
    ],
)
