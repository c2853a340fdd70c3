"""Ledgers of the litigation stream (spec §10.4, §10.6): 行政应诉案件 (one row per case number,
i.e. per case in one instance), 庭审 (hearings with who appeared for the agency), the local
应诉备案/通报/核对 steps of a case, and 行政复议案件 where the unit is the respondent."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.deadlines import DeadlineRule, Extension, Pause, Tracked, compute_due
from fazhi.core.identifiers import validate_id_number, validate_uscc
from fazhi.core.ledger import Record
from fazhi.streams.litigation import rules
from fazhi.streams.litigation.workflow import (
    ACCEPTED_STATES,
    CASE_WORKFLOW,
    CONCLUDED_STATES,
    CORRECTIONS,
    DECIDED_STATES,
    HEARING_WORKFLOW,
    LOST,
    RECONSIDERATION_WORKFLOW,
    SETTLED,
)

YES_NO = [(True, "是"), (False, "否")]
PHONE_MESSAGE = "电话号码格式不正确（手机11位数字，座机如0736-1234567）"


def _check_phone(value: str) -> bool:
    digits = value.replace("-", "")
    return digits.isdigit() and 7 <= len(digits) <= 13


def _party_errors(obj: Any, prefix: str) -> dict[str, str]:
    """Check characters of a party's ID number / credit code and the phone format."""
    errors: dict[str, str] = {}
    for name, validate in ((f"{prefix}_id_number", validate_id_number), (f"{prefix}_credit_code", validate_uscc)):
        value = getattr(obj, name)
        if value:
            setattr(obj, name, value.strip().upper())
            try:
                validate(getattr(obj, name))
            except ValidationError as exc:
                errors[name] = exc.messages[0]
    phone = getattr(obj, f"{prefix}_phone")
    if phone and not _check_phone(phone.strip()):
        errors[f"{prefix}_phone"] = PHONE_MESSAGE
    return errors


class Instance(models.TextChoices):
    FIRST = "first", "一审"
    SECOND = "second", "二审"
    RETRIAL = "retrial", "再审"


class Outcome(models.TextChoices):
    DISMISSED = "dismissed", "驳回原告诉讼请求"
    SUIT_DISMISSED = "suit_dismissed", "裁定驳回起诉"
    UPHELD = "upheld", "驳回上诉、维持原判"
    REVOKED = "revoked", "撤销（含部分撤销、责令重作）"
    ILLEGAL = "illegal", "确认违法"
    VOID = "void", "确认无效"
    PERFORM = "perform", "责令履行"
    CHANGED = "changed", "变更"
    COMPENSATION = "compensation", "行政赔偿/补偿"
    REVISED = "revised", "二审（再审）改判，本机关败诉"
    REMANDED = "remanded", "发回重审"
    WITHDRAWN = "withdrawn", "原告撤诉"
    MEDIATED = "mediated", "调解结案"


# Outcomes in which the agency lost (败诉, LIT-2 [D]); 驳回上诉、维持原判 is a loss when the agency
# itself appealed (see LitigationCase.lost).
LOST_OUTCOMES = frozenset(LOST)
# Conclusions without a judgment that the agency could appeal.
SETTLED_OUTCOMES = frozenset(SETTLED)


# -- declared deadlines of a case (core.deadlines.Tracked) ------------------------------------

def _answer_met(c: LitigationCase) -> date | None:
    """Met by the answer (登记提交答辩), or by a withdrawal/mediation before it."""
    return None if c.state == "received" else (c.answer_submitted_on or c.judgment_date)


def _appeal_rule(c: LitigationCase) -> DeadlineRule | None:
    """15 days from service of a first-instance judgment, 10 of a ruling (第八十五条); none for a
    final judgment, a mediation statement or a withdrawal."""
    if c.state not in CONCLUDED_STATES or c.outcome in SETTLED or c.instance == Instance.SECOND:
        return None
    return {"judgment": rules.APPEAL_JUDGMENT, "ruling": rules.APPEAL_RULING}.get(c.judgment_form)


def _appeal_met(c: LitigationCase) -> date | None:
    """Met by the appeal, or, nobody appealing, when the judgment took effect (on the period's
    last day at the latest)."""
    if c.state == "appealed" or (c.state == "closed" and c.appeal_filed_on):
        return c.appeal_filed_on
    rule = _appeal_rule(c)
    if c.state in ("effective", "executed", "closed") and c.effective_on and rule and c.judgment_served_on:
        return min(c.effective_on, compute_due(rule.rule, c.judgment_served_on, rule.days).due)
    return None


def _step_tracked(step: str, days: int) -> Tracked:
    def done(c: LitigationCase) -> date | None:
        return c.steps.filter(step=step).values_list("done_on", flat=True).first()

    rule = rules.step_rule(step, days)
    return Tracked(rule.key, rule, start="served_on", met=done)


class _CaseDeadlines:
    """``LitigationCase.tracked``: the answer and appeal periods, and one period per local step
    that has one configured (FAZHI_LITIGATION_STEP_DEADLINES, read each time: a setting)."""

    FIXED = (
        Tracked(rules.ANSWER.key, rules.ANSWER, start="served_on", met=_answer_met),
        Tracked(rules.APPEAL_JUDGMENT.key, _appeal_rule, start="judgment_served_on", met=_appeal_met),
    )

    def __get__(self, obj: object, owner: type) -> tuple[Tracked, ...]:
        steps = rules.litigation_steps()
        return (*self.FIXED, *(_step_tracked(step, int(days)) for step, days in rules.step_deadline_days().items()
                               if step in steps))


class LitigationCase(Record):
    """One administrative lawsuit in one instance in which the unit is the defendant (被告)."""

    class JudgmentForm(models.TextChoices):
        JUDGMENT = "judgment", "判决"
        RULING = "ruling", "裁定"
        MEDIATION = "mediation", "调解书"

    class ActKind(models.TextChoices):
        PENALTY = "penalty", "行政处罚"
        LICENCE = "licence", "行政许可"
        COERCION = "coercion", "行政强制"
        EXPROPRIATION = "expropriation", "征收征用"
        INACTION = "inaction", "不履行法定职责"
        DISCLOSURE = "disclosure", "政府信息公开"
        AGREEMENT = "agreement", "行政协议"
        CONFIRMATION = "confirmation", "行政确认"
        OTHER = "other", "其他"

    class PartyKind(models.TextChoices):
        PERSON = "person", "自然人"
        ORGANISATION = "organisation", "法人或其他组织"

    class Appellant(models.TextChoices):
        SELF = "self", "本机关"
        OPPONENT = "opponent", "对方当事人"
        BOTH = "both", "双方"

    case_number = models.CharField("案号", max_length=60, help_text="法院案号：（收案年度）＋法院代字＋类型代字＋案件编号＋号，如（2023）×0000行初1号")
    court = models.CharField("受理法院", max_length=100)
    instance = models.CharField("审级", max_length=10, choices=Instance.choices, default=Instance.FIRST)
    related_case_number = models.CharField("前审案号", max_length=60, blank=True,
                                           help_text="二审、再审案件填写原审案号")
    cause = models.CharField("案由", max_length=200)
    act_kind = models.CharField("被诉行为类型", max_length=20, choices=ActKind.choices, default=ActKind.OTHER)
    act_document = models.CharField("被诉行为文号", max_length=100, blank=True)
    plaintiff_kind = models.CharField("原告类型", max_length=20, choices=PartyKind.choices, default=PartyKind.PERSON)
    plaintiff_name = models.CharField("原告姓名或名称", max_length=100)
    plaintiff_id_number = models.CharField("原告公民身份号码", max_length=18, blank=True)
    plaintiff_credit_code = models.CharField("原告统一社会信用代码", max_length=18, blank=True)
    plaintiff_phone = models.CharField("原告联系电话", max_length=20, blank=True)
    plaintiff_address = models.CharField("原告住址", max_length=200, blank=True)
    other_plaintiffs = models.CharField("其他原告", max_length=300, blank=True, help_text="多名原告时填写，以顿号分隔")
    co_defendants = models.CharField("共同被告", max_length=200, blank=True)
    filed_on = models.DateField("立案日期", null=True, blank=True)
    served_on = models.DateField("收到起诉状副本日期", help_text="答辩及举证期限自次日起算15日")
    handler = models.CharField("承办人及委托代理人", max_length=200, blank=True)
    answer_submitted_on = models.DateField("提交答辩状及证据日期", null=True, blank=True)
    judgment_form = models.CharField("裁判文书类型", max_length=20, choices=JudgmentForm.choices, blank=True)
    judgment_date = models.DateField("裁判日期", null=True, blank=True)
    judgment_served_on = models.DateField("裁判文书送达日期", null=True, blank=True)
    outcome = models.CharField("裁判结果", max_length=20, choices=Outcome.choices, blank=True)
    appellant = models.CharField("上诉（申请再审）方", max_length=10, choices=Appellant.choices, blank=True,
                                 help_text="一审案件：谁提起了上诉；二审、再审案件：谁提起了上诉或申请再审")
    appeal_filed_on = models.DateField("上诉日期", null=True, blank=True)
    effective_on = models.DateField("裁判生效日期", null=True, blank=True)
    performed_on = models.DateField("履行日期", null=True, blank=True)
    performance = models.CharField("履行情况", max_length=300, blank=True)
    judicial_suggestion = models.BooleanField("收到司法建议", default=False, choices=YES_NO)
    suggestion_replied_on = models.DateField("司法建议回复日期", null=True, blank=True)
    notes = models.TextField("备注", blank=True)


    workflow = CASE_WORKFLOW
    url_namespace = "litigation:cases"
    tracked = _CaseDeadlines()
    personal_fields = {
        "plaintiff_name": "name", "plaintiff_id_number": "id_number", "plaintiff_credit_code": "id_number",
        "plaintiff_phone": "phone", "plaintiff_address": "address", "other_plaintiffs": "name",
    }
    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "handler": "机关工作人员履行职务的信息，仅内部台账",
    }

    class Meta:
        verbose_name = "行政应诉案件"
        verbose_name_plural = "行政应诉案件台账"
        ordering = ["-year", "-served_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["case_number"], name="litigation_case_number_unique")]

    def __str__(self) -> str:
        return self.case_number

    @property
    def lost(self) -> bool:
        """败诉 (spec §10.4 "lost (Y/N)"): a losing outcome, or an appeal by the agency dismissed."""
        if self.outcome in LOST_OUTCOMES:
            return True
        return (self.outcome == Outcome.UPHELD and self.instance != Instance.FIRST
                and self.appellant in (self.Appellant.SELF, self.Appellant.BOTH))

    def clean(self) -> None:
        errors = _party_errors(self, "plaintiff")
        self.case_number = (self.case_number or "").strip()
        if self.served_on and self.year and self.served_on.year != self.year:
            errors["served_on"] = "收到起诉状副本日期应在所填年度内"
        if self.filed_on and self.served_on and self.served_on < self.filed_on:
            errors["served_on"] = "收到起诉状副本日期不能早于立案日期"
        if self.answer_submitted_on and self.served_on and self.answer_submitted_on < self.served_on:
            errors["answer_submitted_on"] = "提交答辩日期不能早于收到起诉状副本日期"
        if self.judgment_served_on and self.judgment_date and self.judgment_served_on < self.judgment_date:
            errors["judgment_served_on"] = "裁判文书送达日期不能早于裁判日期"
        if self.instance != Instance.FIRST and not self.related_case_number.strip():
            errors["related_case_number"] = "二审、再审案件请填写前审案号"
        if self.suggestion_replied_on and not self.judicial_suggestion:
            errors["suggestion_replied_on"] = "未收到司法建议，不应填写回复日期"
        if self.state in CONCLUDED_STATES and not self.outcome:
            errors["outcome"] = "案件已裁判或结案，裁判结果不能为空"
        if errors:
            raise ValidationError(errors)



class Hearing(Record):
    """One court hearing (庭审) of a case, with who appeared for the agency
    (最高人民法院关于行政机关负责人出庭应诉若干问题的规定, 2020)."""

    class Notice(models.TextChoices):
        NONE = "none", "未通知负责人出庭"
        NOTIFIED = "notified", "法院通知负责人出庭（第四条）"
        NOTIFIED_AGAIN = "again", "法院通知负责人再次出庭（第七条）"

    class Position(models.TextChoices):
        PRINCIPAL = "principal", "正职负责人"
        DEPUTY = "deputy", "副职负责人"
        IN_CHARGE = "in_charge", "其他参与分管的负责人"
        NOT_QUALIFIED = "not_qualified", "受委托组织或下级机关负责人（不视为负责人）"

    class AbsenceReason(models.TextChoices):
        FORCE_MAJEURE = "force_majeure", "不可抗力"
        ACCIDENT = "accident", "意外事件"
        DUTY = "duty", "需要履行他人不能代替的公务"
        OTHER = "other", "其他正当理由"
        NONE = "none", "无正当理由"

    class Substitute(models.TextChoices):
        STAFF = "staff", "相应的工作人员"
        STAFF_AND_LAWYER = "staff_lawyer", "工作人员及律师"
        LAWYER_ONLY = "lawyer", "仅律师出庭"
        NOBODY = "nobody", "无人出庭"

    case_number = models.CharField("案号", max_length=60, help_text="须为本单位已登记的行政应诉案件")
    case = models.ForeignKey(LitigationCase, verbose_name="应诉案件", on_delete=models.CASCADE,
                             related_name="hearings", editable=False, null=True)
    hearing_date = models.DateField("开庭日期")
    court_room = models.CharField("法庭", max_length=100, blank=True)
    court_notice = models.CharField("出庭通知", max_length=10, choices=Notice.choices, default=Notice.NONE)
    head_appeared = models.BooleanField("负责人出庭", default=False, choices=YES_NO)
    head_name = models.CharField("出庭负责人", max_length=50, blank=True)
    head_title = models.CharField("负责人职务", max_length=100, blank=True, help_text="如：副县长、局长")
    head_position = models.CharField("负责人类别", max_length=20, choices=Position.choices, blank=True)
    identity_accepted = models.BooleanField("身份证明经法院认可", default=True, choices=YES_NO,
                                            help_text="身份证明存在瑕疵且未能在开庭前补正的，视为负责人未出庭（第六条）")
    absence_reason = models.CharField("负责人未出庭原因", max_length=20, choices=AbsenceReason.choices, blank=True)
    absence_explanation = models.CharField("未出庭情况说明", max_length=300, blank=True)
    substitute = models.CharField("代为出庭人员类别", max_length=20, choices=Substitute.choices, blank=True)
    appearers = models.CharField("出庭人员及职务", max_length=300, blank=True)
    notes = models.TextField("备注", blank=True)

    workflow = HEARING_WORKFLOW
    url_namespace = "litigation:hearings"

    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "head_name": "行政机关负责人出庭应诉情况依法通报公开",
    }

    class Meta:
        verbose_name = "庭审"
        verbose_name_plural = "庭审及出庭应诉台账"
        ordering = ["-hearing_date", "-id"]
        constraints = [models.UniqueConstraint(fields=["case_number", "hearing_date"],
                                               name="litigation_hearing_once_per_day")]

    def __str__(self) -> str:
        return f"{self.case_number} {self.hearing_date:%Y-%m-%d}庭审" if self.hearing_date else self.case_number

    @property
    def qualified_head(self) -> bool:
        """A head as defined in Art. 2 attended with accepted identity proof (Art. 6)."""
        return (self.head_appeared and self.identity_accepted
                and self.head_position in (self.Position.PRINCIPAL, self.Position.DEPUTY, self.Position.IN_CHARGE))

    def appearance_problem(self) -> str | None:
        """Why the hearing's appearance record is incomplete, or None."""
        if self.head_appeared:
            if not self.head_name.strip() or not self.head_position:
                return "负责人出庭的，请填写出庭负责人姓名及负责人类别"
            return None
        if not self.absence_reason or not self.substitute:
            return "负责人未出庭的，请填写未出庭原因和代为出庭人员类别（工作人员/律师）"
        if not self.absence_explanation.strip():
            return "负责人未出庭的，请填写未出庭情况说明（应加盖印章，第八条、第九条）"
        return None

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.case_number = (self.case_number or "").strip()
        case = LitigationCase.objects.filter(case_number=self.case_number).select_related("unit").first()
        if case is None or (self.unit_id and case.unit_id != self.unit_id):
            errors["case_number"] = "未找到该案号的行政应诉案件（须为所选承办单位登记的案件）"
        else:
            self.case = case
        if self.hearing_date and self.year and self.hearing_date.year != self.year:
            errors["hearing_date"] = "开庭日期应在所填年度内"
        if self.head_appeared and (self.absence_reason or self.substitute == self.Substitute.NOBODY):
            errors["head_appeared"] = "已选择负责人出庭，请清除未出庭原因或代为出庭人员类别"
        if self.state == "held" and not errors:
            problem = self.appearance_problem()
            if problem:
                errors["head_appeared"] = problem
        if errors:
            raise ValidationError(errors)


class CaseStep(models.Model):
    """A local handling step of a case (应诉备案、通报、核对 …), with its date and who did it."""

    case = models.ForeignKey(LitigationCase, verbose_name="应诉案件", on_delete=models.CASCADE, related_name="steps")
    step = models.CharField("步骤", max_length=30)
    done_on = models.DateField("办理日期")
    handler = models.CharField("经办人", max_length=50)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    note = models.CharField("说明", max_length=200, blank=True)
    recorded_at = models.DateTimeField("登记时间", auto_now=True)

    class Meta:
        verbose_name = "应诉办理步骤"
        verbose_name_plural = "应诉办理步骤"
        ordering = ["done_on", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "step"], name="litigation_step_once_per_case")]

    def __str__(self) -> str:
        return f"{self.step} {self.done_on:%Y-%m-%d}"


class DecisionType(models.TextChoices):
    UPHOLD = "uphold", "维持"
    REVOKE = "revoke", "撤销（含部分撤销、责令重作）"
    CHANGE = "change", "变更"
    ILLEGAL = "illegal", "确认违法"
    PERFORM = "perform", "责令履行"
    VOID = "void", "确认无效"
    DISMISS = "dismiss", "驳回复议请求"
    REJECT_AFTER = "reject_after", "驳回申请（受理后发现不符合受理条件）"
    AGREEMENT = "agreement", "行政协议决定"
    MEDIATION = "mediation", "调解"
    TERMINATE = "terminate", "终止（含和解撤回）"


# 复议纠错 (REC-1 [D]): revoked + changed + declared illegal + performance ordered; 确认无效
# (第六十七条) is counted with them as it sets the act aside.
CORRECTION_DECISIONS = frozenset(CORRECTIONS)


# -- declared deadlines of a reconsideration (core.deadlines.Tracked) ---------------------------

ANSWERING_STATES = ("answering", "answered", "suspended", *DECIDED_STATES)


def _simple(r: Reconsideration) -> bool:
    return r.procedure == Reconsideration.Procedure.SIMPLE


def _resupplied(r: Reconsideration) -> bool:
    """The supplement came in (补正完成): the acceptance review runs again from it (第三十一条)."""
    return r.supplement_received_on is not None and r.supplement_notice_on is not None and r.state != "supplement"


def _supplement_started(r: Reconsideration) -> bool:
    return r.supplement_notice_on is not None and (r.state in ("supplement", "abandoned") or _resupplied(r))


def _accepted(r: Reconsideration) -> bool:
    return r.state in ACCEPTED_STATES


def _acceptance_met(r: Reconsideration) -> date | None:
    """The review ends with acceptance, a refusal, or the 补正 notice (a new review follows the supplement)."""
    if r.state == "received":
        return None
    if r.state in ("supplement", "abandoned"):
        return r.supplement_notice_on
    if r.state == "rejected":
        return r.rejected_on
    return r.accepted_on


def _copy_met(r: Reconsideration) -> date | None:
    if r.state == "accepted":
        return None
    return r.copy_served_on or (r.decided_on if r.state in DECIDED_STATES else None)


def _reply_met(r: Reconsideration) -> date | None:
    if r.state == "answering":
        return None
    return r.reply_submitted_on or (r.decided_on if r.state in DECIDED_STATES else None)


def _suspensions(r: Reconsideration) -> list[Pause]:
    return [Pause(date.fromisoformat(p["start"]), date.fromisoformat(p["end"]) if p.get("end") else None,
                  p.get("reason", "")) for p in r.suspensions]


def _decision_extensions(r: Reconsideration) -> list[Extension]:
    if r.extension_approved_on is None or not r.extension_days:
        return []
    return [Extension(r.extension_days, r.extension_approver, r.extension_approved_on, r.extension_reason)]


class Reconsideration(Record):
    """One administrative reconsideration (行政复议) in which the unit is the respondent (被申请人),
    under the 2023 行政复议法."""

    class Procedure(models.TextChoices):
        ORDINARY = "ordinary", "普通程序"
        SIMPLE = "simple", "简易程序"

    class PartyKind(models.TextChoices):
        PERSON = "person", "自然人"
        ORGANISATION = "organisation", "法人或其他组织"

    case_number = models.CharField("复议案号", max_length=60, help_text="如：西复〔2024〕1号")
    body = models.CharField("行政复议机关", max_length=100)
    applicant_kind = models.CharField("申请人类型", max_length=20, choices=PartyKind.choices, default=PartyKind.PERSON)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    applicant_id_number = models.CharField("申请人公民身份号码", max_length=18, blank=True)
    applicant_credit_code = models.CharField("申请人统一社会信用代码", max_length=18, blank=True)
    applicant_phone = models.CharField("申请人联系电话", max_length=20, blank=True)
    applicant_address = models.CharField("申请人住址", max_length=200, blank=True)
    contested_act = models.CharField("被申请复议的行政行为", max_length=200)
    act_document = models.CharField("行政行为文号", max_length=100, blank=True)
    received_on = models.DateField("复议机关收到申请日期", help_text="受理审查期限自次日起算5个工作日（第三十条）")
    procedure = models.CharField("审理程序", max_length=10, choices=Procedure.choices, default=Procedure.ORDINARY)
    supplement_notice_on = models.DateField("补正通知送达日期", null=True, blank=True)
    supplement_received_on = models.DateField("收到补正材料日期", null=True, blank=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    rejected_on = models.DateField("不予受理决定日期", null=True, blank=True)
    rejection_reason = models.CharField("不予受理理由", max_length=300, blank=True)
    copy_served_on = models.DateField("申请书副本送达被申请人日期", null=True, blank=True)
    reply_submitted_on = models.DateField("被申请人提交答复日期", null=True, blank=True)
    suspended_on = models.DateField("中止日期", null=True, blank=True)
    resumed_on = models.DateField("恢复审理日期", null=True, blank=True)
    suspension_reason = models.CharField("中止原因", max_length=200, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decision_type = models.CharField("决定类型", max_length=20, choices=DecisionType.choices, blank=True)
    decision_number = models.CharField("决定书文号", max_length=60, blank=True)
    performed_on = models.DateField("履行日期", null=True, blank=True)
    performance = models.CharField("履行情况", max_length=300, blank=True)
    opinion_received_on = models.DateField("收到行政复议意见书日期", null=True, blank=True)
    opinion_reported_on = models.DateField("报送纠正情况日期", null=True, blank=True)
    notes = models.TextField("备注", blank=True)
    # kept by the suspend/resume steps: every 中止, as {"start", "end", "reason"} (end: the last day not counted)
    suspensions = models.JSONField("中止记录", default=list, blank=True, editable=False)
    # the approved extension of the decision period (第六十二条), recorded by services.reconsideration_extend
    extension_days = models.PositiveSmallIntegerField("延长审理期限日数", null=True, blank=True, editable=False)
    extension_approver = models.CharField("批准延长的负责人", max_length=50, blank=True, editable=False)
    extension_approved_on = models.DateField("批准延长日期", null=True, blank=True, editable=False)
    extension_reason = models.CharField("延长理由", max_length=200, blank=True, editable=False)
    abandoned_on = models.DateField("视为放弃申请登记日期", null=True, blank=True, editable=False)

    workflow = RECONSIDERATION_WORKFLOW
    url_namespace = "litigation:reconsiderations"
    tracked = (
        Tracked(rules.ACCEPTANCE.key, rules.ACCEPTANCE,
                start=lambda r: r.supplement_received_on if _resupplied(r) else r.received_on, met=_acceptance_met),
        Tracked(rules.SUPPLEMENT.key, rules.SUPPLEMENT, start="supplement_notice_on", when=_supplement_started,
                met=lambda r: r.supplement_received_on if _resupplied(r) else r.abandoned_on),
        Tracked(rules.SEND_COPY.key, lambda r: rules.SEND_COPY_SIMPLE if _simple(r) else rules.SEND_COPY,
                start="accepted_on", when=_accepted, met=_copy_met),
        Tracked(rules.REPLY.key, lambda r: rules.REPLY_SIMPLE if _simple(r) else rules.REPLY,
                start="copy_served_on", when=lambda r: r.state in ANSWERING_STATES, met=_reply_met),
        Tracked(rules.DECISION.key, lambda r: rules.DECISION_SIMPLE if _simple(r) else rules.DECISION,
                start="accepted_on", when=_accepted, met="decided_on", met_in=DECIDED_STATES,
                pauses=_suspensions, extensions=_decision_extensions),
        Tracked(rules.OPINION.key, rules.OPINION, start="opinion_received_on", met="opinion_reported_on"),
    )
    personal_fields = {
        "applicant_name": "name", "applicant_id_number": "id_number", "applicant_credit_code": "id_number",
        "applicant_phone": "phone", "applicant_address": "address",
    }
    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "extension_approver": "机关工作人员履行职务的信息，仅内部台账",
    }

    class Meta:
        verbose_name = "行政复议案件"
        verbose_name_plural = "行政复议案件台账"
        ordering = ["-year", "-received_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["case_number"], name="litigation_reconsideration_number_unique")]

    def __str__(self) -> str:
        return self.case_number

    @property
    def corrected(self) -> bool:
        return self.decision_type in CORRECTION_DECISIONS

    def clean(self) -> None:
        errors = _party_errors(self, "applicant")
        self.case_number = (self.case_number or "").strip()
        if self.received_on and self.year and self.received_on.year != self.year:
            errors["received_on"] = "收到申请日期应在所填年度内"
        for name, label in (("supplement_notice_on", "补正通知送达日期"), ("accepted_on", "受理日期"),
                            ("rejected_on", "不予受理决定日期"), ("decided_on", "决定日期")):
            value = getattr(self, name)
            if value and self.received_on and value < self.received_on:
                errors[name] = f"{label}不能早于收到申请日期"
        if self.supplement_received_on and self.supplement_notice_on and \
                self.supplement_received_on < self.supplement_notice_on:
            errors["supplement_received_on"] = "收到补正材料日期不能早于补正通知送达日期"
        if self.copy_served_on and self.accepted_on and self.copy_served_on < self.accepted_on:
            errors["copy_served_on"] = "申请书副本送达日期不能早于受理日期"
        if self.reply_submitted_on and self.copy_served_on and self.reply_submitted_on < self.copy_served_on:
            errors["reply_submitted_on"] = "提交答复日期不能早于收到申请书副本日期"
        if self.resumed_on and (not self.suspended_on or self.resumed_on <= self.suspended_on):
            errors["resumed_on"] = "恢复审理日期应晚于中止日期"
        if self.state in DECIDED_STATES and not self.decision_type:
            errors["decision_type"] = "已作出复议决定的案件，决定类型不能为空"
        if self.opinion_reported_on and (not self.opinion_received_on or
                                         self.opinion_reported_on < self.opinion_received_on):
            errors["opinion_reported_on"] = "报送纠正情况日期应不早于收到行政复议意见书日期"
        if errors:
            raise ValidationError(errors)

