"""Ledgers of the petition stream (信访, spec §15): petitions and reception days."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.deadlines import Extension, Pause, Tracked
from fazhi.core.identifiers import BAD_ID, is_valid_id_number
from fazhi.core.ledger import Record
from fazhi.streams.petitions import rules
from fazhi.streams.petitions.workflow import PETITION_WORKFLOW, RANK, RECEPTION_WORKFLOW

BAD_PHONE = "联系电话格式不正确（应为手机号码或带区号的固定电话）"


def phone_is_valid(value: str) -> bool:
    """Mobile or fixed-line numbers as the importer accepts them (7–12 digits, or 0xxx-xxxxxxx)."""
    if value.isdigit():
        return 7 <= len(value) <= 12
    return value.startswith("0") and "-" in value and value.replace("-", "").isdigit()


class Petition(Record):
    """One petition matter (信访件) as registered in the 信访信息系统 (spec §15.4).

    The record's unit is the responsible unit (责任单位). The petitioner's identity is personal
    data and never public (spec §18.3); an accuser's identity is withheld entirely from anyone
    without ``personal.view`` (信访工作条例 第三十条)."""

    class Channel(models.TextChoices):
        VISIT = "visit", "来访"
        LETTER = "letter", "来信"
        PHONE = "phone", "来电"
        ONLINE = "online", "网上信访"

    class Category(models.TextChoices):
        SUGGESTION = "suggestion", "建议意见类"
        ACCUSATION = "accusation", "检举控告类"
        CLAIM = "claim", "申诉求决类"
        LITIGATION = "litigation", "涉法涉诉类"

    class Opinion(models.TextChoices):
        SUPPORT = "support", "支持"
        EXPLAIN = "explain", "解释说明"
        REJECT = "reject", "不予支持"

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", "满意"
        BASIC = "basic", "基本满意"
        UNSATISFIED = "unsatisfied", "不满意"
        NONE = "none", "未评价"

    reg_no = models.CharField("登记编号", max_length=40, unique=True,
                              error_messages={"unique": "该登记编号已存在"})
    channel = models.CharField("信访形式", max_length=10, choices=Channel.choices)
    registered_on = models.DateField("登记日期")
    petitioner_name = models.CharField("信访人姓名", max_length=50)
    petitioner_id_number = models.CharField("公民身份号码", max_length=18, blank=True)
    petitioner_phone = models.CharField("联系电话", max_length=20, blank=True)
    petitioner_address = models.CharField("住址", max_length=200, blank=True)
    people_count = models.PositiveIntegerField("人数", default=1, help_text="5人及以上为集体访")
    category = models.CharField("信访事项类别", max_length=12, choices=Category.choices)
    subject = models.CharField("反映问题", max_length=100)
    summary = models.TextField("内容摘要", blank=True)
    routed_on = models.DateField("转送/交办日期", null=True, blank=True)
    acceptance_on = models.DateField("受理告知日期", null=True, blank=True,
                                     help_text="书面告知信访人受理或不予受理的日期")
    opinion = models.CharField("处理意见", max_length=10, choices=Opinion.choices, blank=True)
    result = models.TextField("办理结果", blank=True, help_text="处理意见书要点；不予受理的，写明理由")
    replied_on = models.DateField("书面答复日期", null=True, blank=True)
    extension_approved_on = models.DateField("延期批准日期", null=True, blank=True)
    extension_approver = models.CharField("延期批准人", max_length=50, blank=True)
    extension_reason = models.CharField("延期理由", max_length=200, blank=True)
    review_requested_on = models.DateField("复查请求日期", null=True, blank=True)
    review_answered_on = models.DateField("复查意见日期", null=True, blank=True)
    review_result = models.CharField("复查意见", max_length=200, blank=True)
    re_exam_requested_on = models.DateField("复核请求日期", null=True, blank=True)
    hearing_from = models.DateField("听证开始日期", null=True, blank=True, help_text="听证所需时间不计入复核期限")
    hearing_to = models.DateField("听证结束日期", null=True, blank=True)
    re_exam_answered_on = models.DateField("复核意见日期", null=True, blank=True)
    re_exam_result = models.CharField("复核意见", max_length=200, blank=True)
    leader_case = models.BooleanField("领导包案", default=False)
    leader_name = models.CharField("包案领导", max_length=50, blank=True)
    leader_position = models.CharField("包案领导职务", max_length=50, blank=True)
    leader_progress = models.TextField("包案化解进展", blank=True)
    leader_resolved = models.BooleanField("包案已化解", default=False)
    satisfaction = models.CharField("满意度评价", max_length=12, choices=Satisfaction.choices,
                                    default=Satisfaction.NONE)
    earlier_reg_no = models.CharField("重复信访：原登记编号", max_length=40, blank=True,
                                      help_text="同一信访人就同一事项再次信访时，填写此前信访件的登记编号")

    workflow = PETITION_WORKFLOW
    url_namespace = "petitions:cases"
    personal_fields = {"petitioner_name": "name", "petitioner_id_number": "id_number",
                       "petitioner_phone": "phone", "petitioner_address": "address"}
    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "extension_approver": "机关工作人员履行职务的信息，仅内部台账",
        "leader_name": "包案领导以职务身份记录（领导包案制度）",
    }

    # 信访工作条例: each step reached carries its statutory period, met on the date the step was
    # done; steps not reached have none. 第二十二条 register and route/assign within 15 days;
    # 第二十三条 acceptance notice within 15 days of receipt; 第三十四条 handling 60 days (+30 once,
    # approved); 第三十五条 复查 and 第三十六条 复核 30 days (a 复核 hearing is not counted).
    tracked = (
        Tracked(rules.DISPOSE, lambda p: rules.rule(rules.DISPOSE), start="registered_on",
                met=lambda p: p.first_disposal if p.reached("routed") else None),
        Tracked(rules.ACCEPT, lambda p: rules.rule(rules.ACCEPT), start="routed_on",
                when=lambda p: p.reached("routed"),
                met=lambda p: p.acceptance_on if p.reached("handling") else None),
        Tracked(rules.HANDLE, lambda p: rules.rule(rules.HANDLE), start="acceptance_on",
                when=lambda p: p.reached("handling") and p.state != "not_accepted",
                met=lambda p: p.replied_on if p.reached("replied") else None,
                extensions=lambda p: [Extension(rules.EXTENSION_DAYS, p.extension_approver, p.extension_approved_on,
                                                p.extension_reason)] if p.extension_approved_on else []),
        Tracked(rules.REVIEW, lambda p: rules.rule(rules.REVIEW), start="review_requested_on",
                when=lambda p: p.reached("review"),
                met=lambda p: p.review_answered_on if p.reached("reviewed") else None),
        Tracked(rules.RE_EXAM, lambda p: rules.rule(rules.RE_EXAM), start="re_exam_requested_on",
                when=lambda p: p.reached("re_exam"),
                met=lambda p: p.re_exam_answered_on if p.reached("re_examined") else None,
                pauses=lambda p: [Pause(p.hearing_from, p.hearing_to, rules.HEARING)] if p.hearing_from else []),
    )

    class Meta:
        verbose_name = "信访件"
        verbose_name_plural = "信访件台账"
        ordering = ["-year", "-registered_on", "-id"]
        # the dashboard of one county among many: its units' petitions of a period
        indexes = [models.Index(fields=["unit", "registered_on"], name="petition_unit_reg_idx"),
                   models.Index(fields=["unit", "replied_on"], name="petition_unit_replied_idx"),
                   # repeat petitions (息诉罢访率): by 原登记编号, or by the same petitioner and matter
                   models.Index(fields=["earlier_reg_no"], name="petition_earlier_reg_idx"),
                   models.Index(fields=["petitioner_id_number", "subject"], name="petition_petitioner_idx")]

    def __str__(self) -> str:
        return f"{self.reg_no} {self.subject}"

    # -- derived facts -------------------------------------------------------------------
    @property
    def is_group(self) -> bool:
        """集体访: five or more people (信访工作条例 第十九条 limits representatives to five)."""
        return self.people_count >= 5

    @property
    def is_accusation(self) -> bool:
        return self.category == self.Category.ACCUSATION

    def reached(self, state: str) -> bool:
        """Whether the petition has reached ``state``'s step of the procedure (workflow.RANK)."""
        return RANK.get(self.state, 0) >= RANK[state]

    @property
    def first_disposal(self) -> date | None:
        """The day the matter was first routed/assigned or the petitioner told of acceptance."""
        days = [d for d in (self.routed_on, self.acceptance_on) if d]
        return min(days) if days else None

    @property
    def last_reply(self) -> date | None:
        """The last written answer (reply, 复查 or 复核 opinion): 息诉罢访 counts from it."""
        days = [d for d in (self.replied_on, self.review_answered_on, self.re_exam_answered_on) if d]
        return max(days) if days else None

    @property
    def extension_days(self) -> int:
        return rules.EXTENSION_DAYS if self.extension_approved_on else 0


    # -- validation ----------------------------------------------------------------------
    def clean(self) -> None:
        errors: dict[str, str] = {}
        self._clean_identity(errors)
        self._clean_dates(errors)
        self._clean_extension(errors)
        self._clean_leader_and_evaluation(errors)
        self._clean_earlier(errors)
        self._clean_state(errors)
        if errors:
            raise ValidationError(errors)

    def _clean_identity(self, errors: dict[str, str]) -> None:
        if self.petitioner_id_number:
            self.petitioner_id_number = self.petitioner_id_number.strip().upper()
            if not is_valid_id_number(self.petitioner_id_number):
                errors["petitioner_id_number"] = BAD_ID
        if self.petitioner_phone:
            self.petitioner_phone = self.petitioner_phone.strip()
            if not phone_is_valid(self.petitioner_phone):
                errors["petitioner_phone"] = BAD_PHONE
        if self.people_count is not None and self.people_count < 1:
            errors["people_count"] = "人数至少为1"
        if self.registered_on and self.year and self.registered_on.year != self.year:
            errors["registered_on"] = "登记日期应在所填年度内"

    def _clean_dates(self, errors: dict[str, str]) -> None:
        order = [
            ("routed_on", "registered_on", "转送/交办日期不能早于登记日期"),
            ("acceptance_on", "registered_on", "受理告知日期不能早于登记日期"),
            ("acceptance_on", "routed_on", "受理告知日期不能早于转送/交办日期"),
            ("replied_on", "acceptance_on", "书面答复日期不能早于受理告知日期"),
            ("review_requested_on", "replied_on", "复查请求日期不能早于书面答复日期"),
            ("review_answered_on", "review_requested_on", "复查意见日期不能早于复查请求日期"),
            ("re_exam_requested_on", "review_answered_on", "复核请求日期不能早于复查意见日期"),
            ("hearing_from", "re_exam_requested_on", "听证开始日期不能早于复核请求日期"),
            ("hearing_to", "hearing_from", "听证结束日期不能早于听证开始日期"),
            ("re_exam_answered_on", "re_exam_requested_on", "复核意见日期不能早于复核请求日期"),
            ("re_exam_answered_on", "hearing_to", "复核意见日期不能早于听证结束日期"),
        ]
        for later, earlier, message in order:
            a, b = getattr(self, later), getattr(self, earlier)
            if a and b and a < b and later not in errors:
                errors[later] = message
        needs = [("replied_on", "acceptance_on", "请先填写受理告知日期"),
                 ("review_answered_on", "review_requested_on", "请先填写复查请求日期"),
                 ("re_exam_requested_on", "review_answered_on", "复核须在复查之后，请先填写复查意见日期"),
                 ("re_exam_answered_on", "re_exam_requested_on", "请先填写复核请求日期"),
                 ("hearing_from", "re_exam_requested_on", "听证属于复核程序，请先填写复核请求日期"),
                 ("hearing_to", "hearing_from", "请先填写听证开始日期")]
        for field, required, message in needs:
            if getattr(self, field) and not getattr(self, required) and field not in errors:
                errors[field] = message

    def _clean_extension(self, errors: dict[str, str]) -> None:
        if not self.extension_approved_on:
            if self.extension_approver or self.extension_reason:
                errors["extension_approved_on"] = "请填写延期批准日期"
            return
        if not (self.extension_approver.strip() and self.extension_reason.strip()):
            errors["extension_approver"] = "延期须写明批准人和延期理由（信访工作条例 第三十四条）"
        if not self.acceptance_on:
            errors["extension_approved_on"] = "尚未受理的信访件不能延期"
        elif self.extension_approved_on < self.acceptance_on:
            errors["extension_approved_on"] = "延期批准日期不能早于受理告知日期"
        elif self.extension_approved_on > rules.due(rules.HANDLE, self.acceptance_on):
            errors["extension_approved_on"] = "办理期限届满后不能再批准延期"

    def _clean_leader_and_evaluation(self, errors: dict[str, str]) -> None:
        if self.leader_case and not self.leader_name.strip():
            errors["leader_name"] = "领导包案的信访件应填写包案领导"
        if self.leader_resolved and not self.leader_case:
            errors["leader_resolved"] = "只有领导包案的信访件才能标记包案已化解"
        if self.satisfaction and self.satisfaction != self.Satisfaction.NONE and not self.replied_on:
            errors["satisfaction"] = "书面答复后才能进行满意度评价"

    def _clean_earlier(self, errors: dict[str, str]) -> None:
        no = (self.earlier_reg_no or "").strip()
        self.earlier_reg_no = no
        if not no:
            return
        if no == self.reg_no:
            errors["earlier_reg_no"] = "原登记编号不能是本件的登记编号"
            return
        earlier = Petition.objects.filter(reg_no=no).exclude(pk=self.pk).first()
        if earlier is None:
            errors["earlier_reg_no"] = f"登记编号“{no}”的信访件不存在"
        elif self.registered_on and earlier.registered_on > self.registered_on:
            errors["earlier_reg_no"] = "原信访件的登记日期应早于本件"

    def _clean_state(self, errors: dict[str, str]) -> None:
        """A record (e.g. from an Excel import of an old ledger) must carry the dates its state implies."""
        rank = RANK.get(self.state, 0)
        required = []
        if self.state == "routed":
            required.append("routed_on")
        if rank >= RANK["handling"]:
            required.append("acceptance_on")
        if rank >= RANK["replied"] and self.state != "not_accepted":
            required += ["replied_on", "opinion"]
        if self.state == "not_accepted":
            required.append("result")
        if rank >= RANK["review"] and self.state != "closed":
            required.append("review_requested_on")
        if rank >= RANK["reviewed"] and self.state != "closed":
            required.append("review_answered_on")
        if rank >= RANK["re_exam"] and self.state != "closed":
            required.append("re_exam_requested_on")
        if self.state == "re_examined":
            required.append("re_exam_answered_on")
        if self.state == "closed":
            if self.review_requested_on and not self.review_answered_on:
                required.append("review_answered_on")
            if self.re_exam_requested_on and not self.re_exam_answered_on:
                required.append("re_exam_answered_on")
        label = self.workflow.label(self.state)
        for name in required:
            if not getattr(self, name) and name not in errors:
                field = self._meta.get_field(name).verbose_name
                errors[name] = f"状态为“{label}”的信访件应填写{field}"


class Reception(Record):
    """One reception day (接访): leader reception, lawyer on duty or appointment, with the
    batches (批次) received and how many were solved on the spot (spec §15.4, PET-6)."""

    class Kind(models.TextChoices):
        LEADER = "leader", "领导接访"
        LAWYER = "lawyer", "律师坐班接访"
        APPOINTMENT = "appointment", "约访"

    received_on = models.DateField("接访日期")
    kind = models.CharField("接访类型", max_length=12, choices=Kind.choices)
    receiver = models.CharField("接访领导/律师", max_length=50)
    batches = models.PositiveIntegerField("接待批次")
    resolved_on_site = models.PositiveIntegerField("现场解决（件）", default=0)
    notes = models.TextField("备注", blank=True)

    workflow = RECEPTION_WORKFLOW
    url_namespace = "petitions:receptions"

    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "receiver": "接访领导或值班律师以职务身份记录，接访安排依法公开",
    }

    class Meta:
        verbose_name = "接访登记"
        verbose_name_plural = "接访登记台账"
        ordering = ["-year", "-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "received_on", "kind", "receiver"],
                                    name="petitions_reception_once_per_day",
                                    violation_error_message="同一单位同一天同一接访人的该类接访已登记"),
        ]

    def __str__(self) -> str:
        return f"{self.received_on:%Y-%m-%d} {self.get_kind_display()}（{self.receiver}）"

    def clean(self) -> None:
        errors = {}
        if self.batches is not None and self.batches < 1:
            errors["batches"] = "接待批次至少为1"
        if self.batches is not None and self.resolved_on_site is not None and self.resolved_on_site > self.batches:
            errors["resolved_on_site"] = "现场解决件数不能多于接待批次"
        if self.received_on and self.year and self.received_on.year != self.year:
            errors["received_on"] = "接访日期应在所填年度内"
        if errors:
            raise ValidationError(errors)
