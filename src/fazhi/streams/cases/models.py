"""行政执法案件 (issue 16): one 行政处罚 or 行政强制 case from 立案 to 结案, with its 全过程记录.

The case carries the facts of each step (dates, documents' numbers, the decision), computes
whether it is a 重大执法决定 from its unit's criteria (rules.py), and declares its statutory
periods: 办案期限 (90 days from 立案, approved extensions kept as ``CaseExtension`` rows),
陈述申辩期 and 听证申请期 (5 working days from the notice).

Officers are kept as text (names and certificate numbers, ≥ 2). The officer register lives in
another stream (enforcement), reached through ``core.registry``: when a register is in use, each
certificate must be in it and valid on the filing date; otherwise only its format is checked. On
决定 the decision is handed to the stream that publishes decisions (``registry.publish_decision``),
which creates or links the public 执法决定公示 record by the decision number (文号).
"""

from __future__ import annotations

import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from fazhi.core import registry
from fazhi.core.deadlines import WORKING, Extension, Tracked, compute_due
from fazhi.core.identifiers import BAD_ID, BAD_USCC, is_valid_id_number, is_valid_uscc
from fazhi.core.ledger import Record
from fazhi.streams.cases import rules
from fazhi.streams.cases.workflow import CASE_WORKFLOW, DECIDED, STATES

STATE_ORDER = list(STATES)
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


def split_names(text: str) -> list[str]:
    for sep in rules.NAME_SEPARATORS:
        text = (text or "").replace(sep, "、")
    return [n.strip() for n in text.split("、") if n.strip()]


def reached(state: str, target: str) -> bool:
    """Has a case in ``state`` gone through ``target``? (review and discussion are optional steps.)"""
    return STATE_ORDER.index(state) >= STATE_ORDER.index(target) if state in STATES else False


class Kind(models.TextChoices):
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"


class PartyType(models.TextChoices):
    ORG = "org", "法人或其他组织"
    PERSON = "person", "自然人"


class Source(models.TextChoices):
    INSPECTION = "inspection", "监督检查发现"
    COMPLAINT = "complaint", "投诉举报"
    REFERRAL = "referral", "其他机关移送"
    ASSIGNED = "assigned", "上级交办"
    OTHER = "other", "其他"


class ServiceMethod(models.TextChoices):
    DIRECT = "direct", "直接送达"
    MAIL = "mail", "邮寄送达"
    ELECTRONIC = "electronic", "电子送达"
    NOTICE = "notice", "公告送达"


class ReviewConclusion(models.TextChoices):
    AGREE = "agree", "同意"
    AMEND = "amend", "修改后同意"
    DISAGREE = "disagree", "不同意"


class Step(models.TextChoices):
    FILING = "filing", "立案"
    INVESTIGATION = "investigation", "调查取证"
    NOTICE = "notice", "告知"
    REVIEW = "review", "法制审核"
    DISCUSSION = "discussion", "集体讨论"
    DECISION = "decision", "决定"
    SERVICE = "service", "送达"
    EXECUTION = "execution", "执行"
    CLOSING = "closing", "结案"


# the state a step's record belongs to (a document of a step is due once the case reached it)
STEP_STATE = {
    "filing": "filed", "investigation": "investigating", "notice": "notified", "review": "review",
    "discussion": "discussion", "decision": "decided", "service": "served", "execution": "executed",
    "closing": "closed",
}


class EnforcementCase(Record):
    """One enforcement case (行政处罚 or 行政强制) of the record's unit (the enforcing agency)."""

    kind = models.CharField("案件类型", max_length=10, choices=Kind.choices)
    case_no = models.CharField("立案编号", max_length=60, unique=True,
                               error_messages={"unique": "该立案编号已登记"})
    party_type = models.CharField("当事人类型", max_length=10, choices=PartyType.choices)
    party_org = models.CharField("当事人名称（单位）", max_length=200, blank=True)
    party_credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    party_person = models.CharField("当事人姓名（自然人）", max_length=50, blank=True)
    party_id_number = models.CharField("当事人身份证号码", max_length=18, blank=True)
    cause = models.CharField("案由", max_length=200)
    source = models.CharField("案件来源", max_length=12, choices=Source.choices)
    officer_names = models.CharField("执法人员", max_length=200, help_text="两人以上，用“、”分隔")
    officer_certs = models.CharField("执法证号", max_length=300,
                                     help_text="与执法人员一一对应，用“、”分隔（仅核对格式，持证情况以执法人员台账为准）")
    clue_on = models.DateField("发现线索日期", null=True, blank=True, help_text="发现案件线索或者收到材料的日期")
    filed_on = models.DateField("立案日期")
    onsite_investigation = models.BooleanField("现场调查取证", default=False,
                                               help_text="现场检查、勘验、查封扣押等现场执法活动须全程音像记录")
    proposed_fine = models.DecimalField("拟罚款金额（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    revoke_licence = models.BooleanField("拟吊销许可证件", default=False)
    suspend_business = models.BooleanField("拟责令停产停业", default=False)
    proposed_measures = models.TextField("拟处理意见", blank=True)
    major = models.BooleanField("重大执法决定", default=False, editable=False)
    notified_on = models.DateField("告知日期", null=True, blank=True)
    hearing_requested = models.BooleanField("当事人申请听证", default=False)
    hearing_held_on = models.DateField("听证日期", null=True, blank=True)
    waived_on = models.DateField("当事人放弃陈述申辩和听证日期", null=True, blank=True,
                                 help_text="当事人书面放弃的，可在告知期满前作出决定")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="法制审核人员账号", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+", editable=False)
    reviewer_name = models.CharField("法制审核人员", max_length=50, blank=True, editable=False)
    review_conclusion = models.CharField("法制审核结论", max_length=10, choices=ReviewConclusion.choices,
                                         blank=True, editable=False)
    review_opinion = models.TextField("法制审核意见", blank=True, editable=False)
    reviewed_on = models.DateField("法制审核日期", null=True, blank=True, editable=False)
    discussed_on = models.DateField("集体讨论日期", null=True, blank=True)
    discussion_note = models.TextField("集体讨论结论", blank=True)
    decision_no = models.CharField("决定书文号", max_length=80, blank=True,
                                   help_text="与执法决定公示台账中的文号一致，据此关联公示")
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decision_content = models.TextField("决定内容", blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    service_method = models.CharField("送达方式", max_length=12, choices=ServiceMethod.choices, blank=True)
    executed_on = models.DateField("执行完毕日期", null=True, blank=True)
    execution_note = models.TextField("执行情况", blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True, editable=False)

    workflow = CASE_WORKFLOW
    url_namespace = "cases:cases"
    tracked = (
        Tracked(rules.FILING, lambda c: rules.filing_rule(), start="clue_on", met="filed_on"),
        Tracked(rules.LIMIT, lambda c: rules.limit_rule(), start="filed_on", met="decided_on", met_in=DECIDED,
                when=lambda c: c.kind == Kind.PENALTY, extensions=lambda c: c.approved_extensions()),
        Tracked(rules.STATEMENT, lambda c: rules.statement_rule(), start="notified_on", met="rights_closed_on"),
        Tracked(rules.HEARING, lambda c: rules.hearing_rule(), start="notified_on", met="rights_closed_on",
                when=lambda c: c.hearing_rights),
    )
    personal_fields = {"party_person": "name", "party_id_number": "id_number"}
    not_personal = {
        "officer_names": "行政执法人员姓名与执法证号依行政执法公示制度公开",
        "officer_certs": "行政执法证号依行政执法公示制度公开",
        "reviewer_name": "法制审核人员履行职务的信息，仅内部台账",
    }

    class Meta:
        verbose_name = "行政执法案件"
        verbose_name_plural = "行政执法案件台账"
        ordering = ["-year", "-filed_on", "-id"]
        indexes = [models.Index(fields=["unit", "filed_on"], name="cases_unit_filed_idx")]

    def __str__(self) -> str:
        return self.case_no

    # -- derived facts -------------------------------------------------------------------
    @property
    def officers(self) -> list[str]:
        return split_names(self.officer_names)

    @property
    def certificates(self) -> list[str]:
        return [c.upper() for c in split_names(self.officer_certs)]

    def decision_notice(self) -> registry.DecisionNotice:
        """The decision as the 执法决定公示 needs it (the party as the disclosure rules classify it)."""
        if self.party_type == PartyType.PERSON:
            party = {"party_type": "natural", "party_person": self.party_person,
                     "party_id_number": self.party_id_number}
        else:
            kind = "individual_business" if self.party_credit_code.startswith("92") else "legal"
            party = {"party_type": kind, "party_org": self.party_org, "party_credit_code": self.party_credit_code}
        return registry.DecisionNotice(unit=self.unit, doc_no=self.decision_no, decision_type=self.kind,
                                       decided_on=self.decided_on, matter=self.cause,
                                       content=self.decision_content, **party)

    def published_decision(self) -> registry.PublishedDecision | None:
        return registry.published_decision(self.unit, self.decision_no) if self.decision_no else None

    def _unit_code(self) -> str | None:
        return self.unit.code if self.unit_id else None

    def major_reasons(self) -> list[str]:
        """Why the case is a 重大执法决定 under its unit's criteria (empty: it is not)."""
        reasons = []
        threshold = rules.major_fine(self._unit_code())
        if self.proposed_fine is not None and self.proposed_fine >= threshold:
            reasons.append(f"拟罚款{self.proposed_fine:,.0f}元，达到本单位重大执法决定标准（{threshold:,.0f}元以上）")
        if self.revoke_licence:
            reasons.append("拟吊销许可证件")
        if self.suspend_business:
            reasons.append("拟责令停产停业")
        if self.hearing_held_on:
            reasons.append("经过听证")
        return reasons

    @property
    def hearing_rights(self) -> bool:
        """The party may ask for a hearing (行政处罚法 第六十三条: 较大数额罚款, 吊销, 停产停业…)."""
        if self.kind != Kind.PENALTY:
            return False
        fine = self.proposed_fine is not None and self.proposed_fine >= rules.hearing_fine(self._unit_code())
        return fine or self.revoke_licence or self.suspend_business

    def extension_refusal(self) -> str | None:
        """Why the 办案期限 cannot be extended (only a 行政处罚 case not yet decided has one), or None."""
        if self.kind != "penalty":
            return "只有行政处罚案件有办案期限"
        if self.state in DECIDED:
            return "案件已作出决定，无需延长办案期限"
        return None

    @property
    def rights_closed_on(self) -> date | None:
        """The day the party's 告知 periods stop mattering: it waived them, or the case was decided."""
        if self.waived_on:
            return self.waived_on
        return self.decided_on if self.state in DECIDED else None

    def notice_period_end(self) -> date | None:
        """The last day of the 陈述申辩 (and 听证申请) period: 5 working days after the notice."""
        if not self.notified_on:
            return None
        return compute_due(WORKING, self.notified_on, 5).due

    def discussion_required(self) -> bool:
        return self.major or rules.discussion_always()

    def approved_extensions(self) -> list[Extension]:
        if not self.pk:
            return []
        return [Extension(e.days, e.approved_by, e.approved_on, e.reason) for e in self.extensions.all()]

    def required_records(self, until: str | None = None) -> list[tuple[str, str, str]]:
        """The (step, kind, label) records the case file must hold for the steps reached by
        ``until`` (default: its state): the documents of 立案/告知/决定/送达 and the audio-visual
        records of the steps that need one (rules.av_steps)."""
        state = until or self.state
        needed = [(step, CaseRecordEntry.Kind.DOCUMENT, f"{Step(step).label}文书") for step in rules.DOCUMENT_STEPS
                  if reached(state, STEP_STATE[step])]
        applies = {
            "investigation_onsite": self.onsite_investigation,
            "service_direct": self.service_method == ServiceMethod.DIRECT,
            "execution_coercion": self.kind == Kind.COERCION,
        }
        for key in rules.av_steps():
            step, label = rules.AV_STEP_LABELS[key]
            if applies[key] and reached(state, STEP_STATE[step]):
                needed.append((step, CaseRecordEntry.Kind.AV, f"{label}音像记录"))
        return needed

    def missing_records(self, until: str | None = None) -> list[str]:
        have = set(self.entries.values_list("step", "kind")) if self.pk else set()
        return [label for step, kind, label in self.required_records(until) if (step, kind) not in have]

    # -- the checks of each step -----------------------------------------------------------
    def _missing(self, *names: str) -> str | None:
        labels = [str(self._meta.get_field(n).verbose_name) for n in names if getattr(self, n) in (None, "")]
        return f"请先在编辑页填写{'、'.join(labels)}" if labels else None

    def refusal_for(self, target: str) -> str | None:
        """Why the case may not (yet) be in state ``target`` — one Chinese sentence, or None."""
        if target == "notified":
            return self._missing("notified_on", "proposed_measures")
        if target == "discussion":
            return self._review_refusal()
        if target == "decided":
            return (self._missing("decision_no", "decided_on", "decision_content") or self._review_refusal()
                    or self._discussion_refusal() or self._notice_refusal())
        if target == "served":
            return self._missing("served_on", "service_method")
        if target == "executed":
            return self._missing("executed_on")
        if target == "closed":
            missing = self.missing_records("closed")
            if missing:
                return f"全过程记录不全，不能结案。缺少：{'、'.join(missing)}"
        return None

    def _review_refusal(self) -> str | None:
        if self.major and not self.reviewed_on:
            return (f"该案件属于重大执法决定（{'；'.join(self.major_reasons())}），"
                    "未经法制审核不得作出决定（《行政处罚法》第五十八条）")
        if self.review_conclusion == ReviewConclusion.DISAGREE:
            return "法制审核意见为不同意，请退回补充调查后重新提交审核"
        return None

    def _discussion_refusal(self) -> str | None:
        if self.discussion_required() and not (self.discussed_on and self.discussion_note.strip()):
            return "该案件须经行政机关负责人集体讨论决定，请先登记集体讨论日期和结论（《行政处罚法》第五十七条）"
        return None

    def _notice_refusal(self) -> str | None:
        if self.hearing_requested and not self.hearing_held_on and not self.waived_on:
            return "当事人已申请听证，请先举行听证并登记听证日期"
        end = self.notice_period_end()
        if end and not self.waived_on and self.decided_on and self.decided_on <= end:
            return (f"告知后陈述申辩（听证申请）期至{end:%Y-%m-%d}止，期满前不能作出决定；"
                    "当事人书面放弃的，请登记放弃日期")
        return None

    # -- validation ----------------------------------------------------------------------
    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.case_no = (self.case_no or "").strip()
        self.party_credit_code = (self.party_credit_code or "").strip().upper()
        self.party_id_number = (self.party_id_number or "").strip().upper()
        self._clean_party(errors)
        self._clean_officers(errors)
        self._clean_dates(errors)
        if self.proposed_fine is not None and self.proposed_fine < 0:
            errors["proposed_fine"] = "拟罚款金额不能为负数"
        if self.reviewer_name and self.reviewer_name.strip() in self.officers:
            errors["reviewer_name"] = "法制审核人员不得是本案的执法人员"
        if not errors and self.state in STATES:
            self.major = bool(self.major_reasons())
            # a case entered (or imported) in a later state must have passed every step before it
            for target in ("notified", "decided", "served", "executed", "closed"):
                if reached(self.state, target):
                    reason = self.refusal_for(target)
                    if reason:
                        errors["state"] = f"状态为“{self.state_label}”的案件：{reason}"
                        break
        if errors:
            raise ValidationError(errors)

    def _clean_party(self, errors: dict[str, str]) -> None:
        if self.party_type == PartyType.ORG:
            if not self.party_org.strip():
                errors["party_org"] = "当事人为单位的，请填写单位名称"
            if not self.party_credit_code:
                errors["party_credit_code"] = "当事人为单位的，请填写统一社会信用代码"
            elif not is_valid_uscc(self.party_credit_code):
                errors["party_credit_code"] = BAD_USCC
            if self.party_person or self.party_id_number:
                errors["party_person"] = "当事人为单位的，不填写自然人姓名和身份证号码"
        elif self.party_type == PartyType.PERSON:
            if not self.party_person.strip():
                errors["party_person"] = "当事人为自然人的，请填写姓名"
            if self.party_id_number and not is_valid_id_number(self.party_id_number):
                errors["party_id_number"] = BAD_ID

    def _clean_officers(self, errors: dict[str, str]) -> None:
        names, certs = self.officers, self.certificates
        if len(names) < 2:
            errors["officer_names"] = "执法人员不得少于两人（《行政处罚法》第四十二条）"
        elif len(set(names)) != len(names):
            errors["officer_names"] = "执法人员姓名重复"
        if len(certs) != len(names):
            errors["officer_certs"] = f"请为每名执法人员填写执法证号（执法人员{len(names)}人，证号{len(certs)}个）"
        else:
            bad = [c for c in certs if not rules.CERT_RE.match(c)]
            if bad:
                errors["officer_certs"] = f"执法证号格式不正确：{'、'.join(bad)}"
            elif len(set(certs)) != len(certs):
                errors["officer_certs"] = "执法证号重复"
        if not errors.get("officer_certs"):
            self.officer_certs = "、".join(certs)
            self.officer_names = "、".join(names)
            if self.filed_on and not errors.get("officer_names"):
                refusals = registry.certificate_refusals(list(zip(names, certs, strict=True)), self.filed_on,
                                                         "承办本案")
                if refusals:
                    errors["officer_certs"] = "；".join(refusals)

    def _clean_dates(self, errors: dict[str, str]) -> None:
        today = timezone.localdate()
        if self.filed_on and self.filed_on > today:
            errors["filed_on"] = "立案日期不能晚于今天"
        if self.filed_on and self.year and self.filed_on.year != self.year:
            errors["filed_on"] = "立案日期应在所填年度内"
        order = [("clue_on", "发现线索日期"), ("filed_on", "立案日期"), ("notified_on", "告知日期"),
                 ("decided_on", "决定日期"), ("served_on", "送达日期"), ("executed_on", "执行完毕日期")]
        last = None
        for name, label in order:
            value = getattr(self, name)
            if value is None:
                continue
            if value > today:
                errors.setdefault(name, f"{label}不能晚于今天")
            if last and value < last[1]:
                errors.setdefault(name, f"{label}不能早于{last[0]}")
            last = (label, value)
        if self.waived_on and (not self.notified_on or self.waived_on < self.notified_on):
            errors["waived_on"] = "放弃陈述申辩和听证的日期应在告知之后"
        if self.hearing_held_on and (not self.notified_on or self.hearing_held_on < self.notified_on):
            errors["hearing_held_on"] = "听证日期应在告知之后"
        if self.reviewed_on and self.decided_on and self.reviewed_on > self.decided_on:
            errors["decided_on"] = "决定日期不能早于法制审核日期"

    def save(self, *args, **kwargs) -> None:
        self.major = bool(self.major_reasons())
        super().save(*args, **kwargs)


class CaseExtension(models.Model):
    """An approved extension of the 办案期限 (行政处罚法 第六十条 "法律、法规、规章另有规定的")."""

    case = models.ForeignKey(EnforcementCase, verbose_name="案件", on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField("延长天数")
    approved_by = models.CharField("批准人", max_length=60)
    approved_on = models.DateField("批准日期")
    reason = models.CharField("延长理由", max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    not_personal = {"approved_by": "行政机关负责人履行职务的信息，仅内部台账"}

    class Meta:
        verbose_name = "办案期限延长"
        verbose_name_plural = "办案期限延长"
        ordering = ["approved_on", "id"]

    def __str__(self) -> str:
        return f"延长{self.days}日（{self.approved_on:%Y-%m-%d}）"


class CaseRecordEntry(models.Model):
    """One entry of a case's 全过程记录: a document (文书, with its number) or an audio-visual
    record (音像记录: device, officer, start and end, where it is stored, SHA-256 of the file)."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", "文书"
        AV = "av", "音像记录"

    case = models.ForeignKey(EnforcementCase, verbose_name="案件", on_delete=models.CASCADE, related_name="entries")
    step = models.CharField("环节", max_length=15, choices=Step.choices)
    kind = models.CharField("记录类型", max_length=10, choices=Kind.choices)
    title = models.CharField("文书名称或记录内容", max_length=120)
    doc_no = models.CharField("文书编号", max_length=80, blank=True)
    device = models.CharField("记录设备", max_length=80, blank=True)
    officer = models.CharField("记录人员", max_length=50, blank=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    ended_at = models.DateTimeField("结束时间", null=True, blank=True)
    storage = models.CharField("存储位置", max_length=200, blank=True)
    sha256 = models.CharField("文件SHA-256", max_length=64, blank=True)
    file_name = models.CharField("文件名", max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    not_personal = {"officer": "执法人员履行职务的信息（依行政执法公示制度公开姓名）",
                    "file_name": "音像记录文件的文件名，非个人信息"}

    class Meta:
        verbose_name = "全过程记录"
        verbose_name_plural = "全过程记录"
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return f"{self.get_step_display()}·{self.get_kind_display()}：{self.title}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.sha256 = (self.sha256 or "").strip().lower()
        if self.kind == self.Kind.DOCUMENT:
            if not self.doc_no.strip():
                errors["doc_no"] = "文书请填写文书编号"
        elif self.kind == self.Kind.AV:
            for name in ("device", "officer", "storage"):
                if not getattr(self, name).strip():
                    errors[name] = f"音像记录请填写{self._meta.get_field(name).verbose_name}"
            if not self.started_at or not self.ended_at:
                errors["started_at"] = "音像记录请填写开始和结束时间"
            elif self.ended_at <= self.started_at:
                errors["ended_at"] = "结束时间应晚于开始时间"
            elif self.ended_at > timezone.now():
                errors["ended_at"] = "结束时间不能晚于现在"
        if self.sha256 and not SHA256_RE.match(self.sha256):
            errors["sha256"] = "SHA-256 应为64位十六进制字符"
        if errors:
            raise ValidationError(errors)
