"""People's mediation (人民调解, spec §14): committees, mediators, cases and mediator training.

Everything about the parties is personal data: masked for roles without ``personal.view``
and in every public export; only aggregates are published (spec §18.3, 人民调解法 第十五条、第二十三条).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from fazhi.core.deadlines import Tracked
from fazhi.core.identifiers import validate_id_number
from fazhi.core.images import photo_path
from fazhi.core.ledger import Record
from fazhi.streams.mediation import rules
from fazhi.streams.mediation.workflow import (
    CASE_WORKFLOW,
    COMMITTEE_WORKFLOW,
    MEDIATOR_WORKFLOW,
    SETTLED_STATES,
    TRAINING_WORKFLOW,
)

YES_NO = [(True, "是"), (False, "否")]
NO_COMMITTEE = "该单位尚未登记人民调解委员会，请先在“人民调解委员会”台账登记"
SEVERAL_COMMITTEES = "该单位有多个人民调解委员会，请选择调解委员会"
WRONG_COMMITTEE = "调解委员会应属于所选承办单位"


class MediationCommittee(Record):
    """A 人民调解委员会 of a village (residents') committee, a township or a sector (人民调解法 第八条)."""

    class Kind(models.TextChoices):
        VILLAGE = "village", "村（居）人民调解委员会"
        TOWNSHIP = "township", "乡镇（街道）人民调解委员会"
        SECTOR = "sector", "行业性、专业性人民调解委员会"
        ENTERPRISE = "enterprise", "企事业单位人民调解委员会"

    name = models.CharField("委员会名称", max_length=100)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.VILLAGE)
    director = models.CharField("主任", max_length=50, blank=True)
    members = models.PositiveIntegerField("委员人数", null=True, blank=True)
    established_on = models.DateField("成立日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)

    workflow = COMMITTEE_WORKFLOW
    url_namespace = "mediation:committees"

    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "director": "调解委员会主任以职务身份登记，调解组织名册依法公布",
    }

    class Meta:
        verbose_name = "人民调解委员会"
        verbose_name_plural = "人民调解委员会"
        ordering = ["unit__path", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="mediation_committee_unique_name")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.members is not None and self.members < 1:
            raise ValidationError({"members": "委员人数应大于0"})
        if self.established_on and self.established_on > timezone.localdate():
            raise ValidationError({"established_on": "成立日期不能晚于今天"})


class CommitteeRecord(Record):
    """A record belonging to a committee of its unit. An import may name the committee
    (列“调解委员会”) instead of choosing it from a list; a unit with a single committee needs no
    name at all: ``resolve_committee`` picks it."""

    _committee_name: str | None = None

    class Meta:
        abstract = True

    @property
    def committee_name(self) -> str:
        return self.committee.name if self.committee_id else ""

    @committee_name.setter
    def committee_name(self, value: str) -> None:
        self._committee_name = (value or "").strip()

    def resolve_committee(self) -> None:
        if not self.unit_id:
            return
        committees = MediationCommittee.objects.filter(unit_id=self.unit_id)
        if self._committee_name:
            found = committees.filter(name=self._committee_name).first()
            if found is None:
                raise ValidationError({"committee_name": f"承办单位下没有名为“{self._committee_name}”的人民调解委员会"})
            self.committee = found
            return
        if self.committee_id:
            if self.committee.unit_id != self.unit_id:
                raise ValidationError({"committee": WRONG_COMMITTEE})
            return
        candidates = list(committees[:2])
        if not candidates:
            raise ValidationError({"committee": NO_COMMITTEE})
        if len(candidates) > 1:
            raise ValidationError({"committee": SEVERAL_COMMITTEES})
        self.committee = candidates[0]


class Mediator(CommitteeRecord):
    """A 人民调解员 of a committee (人民调解法 第十三条、第十四条)."""

    committee = models.ForeignKey(MediationCommittee, verbose_name="调解委员会", on_delete=models.PROTECT,
                                  related_name="mediators", blank=True)
    name = models.CharField("姓名", max_length=50)
    position = models.CharField("职务", max_length=30, blank=True, help_text="如：主任、副主任、委员、调解员")
    phone = models.CharField("联系电话", max_length=20, blank=True)
    id_number = models.CharField("公民身份号码", max_length=18, blank=True)
    certified = models.BooleanField("持证上岗", default=False, choices=YES_NO)
    trained = models.BooleanField("本年度参加业务培训", default=False, choices=YES_NO)
    note = models.TextField("备注", blank=True)

    workflow = MEDIATOR_WORKFLOW
    url_namespace = "mediation:mediators"
    personal_fields = {"id_number": "id_number", "phone": "phone"}
    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "name": "人民调解员以职务身份登记，调解员名册依法公布（身份证号、电话脱敏）",
    }

    class Meta:
        verbose_name = "人民调解员"
        verbose_name_plural = "人民调解员"
        ordering = ["unit__path", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="mediation_mediator_unique_name")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.id_number = (self.id_number or "").strip().upper()
        if self.id_number:
            try:
                validate_id_number(self.id_number)
            except ValidationError as exc:
                raise ValidationError({"id_number": exc.messages}) from None
        self.resolve_committee()


class MediationCase(CommitteeRecord):
    """One dispute registered by a committee (调解登记, 人民调解法 第二十七条), from acceptance to closing."""

    class DisputeType(models.TextChoices):
        FAMILY = "family", "婚姻家庭纠纷"
        NEIGHBOUR = "neighbour", "邻里纠纷"
        HOUSING = "housing", "房屋宅基地纠纷"
        LAND = "land", "土地承包经营纠纷"
        WATER = "water", "山林水利纠纷"
        CONTRACT = "contract", "合同纠纷"
        DAMAGES = "damages", "损害赔偿纠纷"
        LABOUR = "labour", "劳动争议纠纷"
        TRAFFIC = "traffic", "道路交通事故纠纷"
        MEDICAL = "medical", "医疗纠纷"
        PROPERTY = "property", "物业纠纷"
        CONSUMER = "consumer", "消费纠纷"
        OTHER = "other", "其他纠纷"

    class Source(models.TextChoices):
        APPLIED = "applied", "当事人申请"
        INITIATIVE = "initiative", "主动调解"
        REFERRED = "referred", "委托移送"

    class Result(models.TextChoices):
        SUCCESS = "success", "调解成功"
        FAILED = "failed", "调解不成功"
        TERMINATED = "terminated", "终止调解"

    class AgreementForm(models.TextChoices):
        WRITTEN = "written", "书面协议"
        ORAL = "oral", "口头协议"

    class Performance(models.TextChoices):
        PERFORMED = "performed", "已履行"
        PARTIAL = "partial", "部分履行"
        UNPERFORMED = "unperformed", "未履行"

    class ConfirmationResult(models.TextChoices):
        VALID = "valid", "裁定确认协议有效"
        REJECTED = "rejected", "裁定驳回申请"

    registration_number = models.CharField("登记编号", max_length=50, unique=True,
                                           error_messages={"unique": "该登记编号已被使用"})
    committee = models.ForeignKey(MediationCommittee, verbose_name="调解委员会", on_delete=models.PROTECT,
                                  related_name="cases", blank=True,
                                  help_text="承办单位只有一个调解委员会时可不选，自动填入")
    mediator = models.CharField("调解员", max_length=100, blank=True)
    dispute_type = models.CharField("纠纷类型", max_length=20, choices=DisputeType.choices)
    source = models.CharField("案件来源", max_length=20, choices=Source.choices, default=Source.APPLIED)
    referred_by = models.CharField("委托移送单位", max_length=100, blank=True)
    application_date = models.DateField("申请日期", null=True, blank=True)
    accepted_on = models.DateField("受理日期")
    party_a_name = models.CharField("当事人（申请人）姓名", max_length=100)
    party_a_id_number = models.CharField("当事人（申请人）公民身份号码", max_length=18, blank=True)
    party_a_phone = models.CharField("当事人（申请人）联系电话", max_length=20, blank=True)
    party_a_address = models.CharField("当事人（申请人）住址", max_length=200, blank=True)
    party_b_name = models.CharField("对方当事人姓名", max_length=100, blank=True)
    party_b_id_number = models.CharField("对方当事人公民身份号码", max_length=18, blank=True)
    party_b_phone = models.CharField("对方当事人联系电话", max_length=20, blank=True)
    party_b_address = models.CharField("对方当事人住址", max_length=200, blank=True)
    facts = models.TextField("纠纷简要情况", blank=True)
    amount = models.DecimalField("涉及金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    private_mediation = models.BooleanField("不公开调解", default=True, choices=YES_NO,
                                            help_text="当事人可以要求调解公开或者不公开进行（人民调解法第二十三条）")
    escalation_risk = models.BooleanField("有激化可能", default=False, choices=YES_NO,
                                          help_text="有激化可能的，应当采取有针对性的预防措施（人民调解法第二十五条）")
    reported_to_police = models.BooleanField("已报告公安机关或有关部门", default=False, choices=YES_NO)
    concluded_on = models.DateField("调结日期", null=True, blank=True)
    result = models.CharField("调解结果", max_length=20, choices=Result.choices, blank=True, editable=False)
    agreement_form = models.CharField("协议形式", max_length=20, choices=AgreementForm.choices, blank=True)
    agreement_date = models.DateField("协议签订日期", null=True, blank=True)
    agreement_content = models.TextField("协议主要内容", blank=True)
    confirmation_applied_on = models.DateField("申请司法确认日期", null=True, blank=True)
    confirmation_court = models.CharField("受理司法确认的人民法院", max_length=100, blank=True)
    confirmation_result = models.CharField("司法确认结果", max_length=20, choices=ConfirmationResult.choices,
                                           blank=True)
    follow_up_on = models.DateField("回访日期", null=True, blank=True)
    performance = models.CharField("履行情况", max_length=20, choices=Performance.choices, blank=True)
    follow_up_note = models.TextField("回访情况", blank=True)
    agreement_photo = models.FileField("调解协议照片", upload_to=photo_path, blank=True, max_length=200,
                                       help_text="签字后的调解协议书，手机拍照上传（JPEG 或 PNG）")
    over_term = models.BooleanField("超期调结", default=False, editable=False,
                                    choices=[(True, "超期"), (False, "未超期")])

    workflow = CASE_WORKFLOW
    url_namespace = "mediation:cases"
    # The mediation term from acceptance, met on the conclusion date; the parties' 30-day window
    # for judicial confirmation of a written agreement, met on their application (rules.py).
    tracked = (
        Tracked(rules.TERM_KEY, lambda c: rules.term_rule(), start="accepted_on",
                met=lambda c: c.concluded_on if rules.is_concluded(c) else None),
        Tracked(rules.CONFIRMATION_KEY, rules.CONFIRMATION_RULE, start="agreement_date",
                met="confirmation_applied_on", met_in=rules.CONFIRMATION_APPLIED_STATES,
                when=rules.confirmation_window_open),
    )
    personal_fields = {
        "party_a_name": "name", "party_a_id_number": "id_number", "party_a_phone": "phone",
        "party_a_address": "address",
        "party_b_name": "name", "party_b_id_number": "id_number", "party_b_phone": "phone",
        "party_b_address": "address",
    }
    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "mediator": "调解员以职务身份记录（人民调解员名册依法公布）",
    }

    class Meta:
        verbose_name = "调解案件"
        verbose_name_plural = "调解案件台账"
        ordering = ["-year", "-accepted_on", "-id"]
        indexes = [models.Index(fields=["accepted_on"]), models.Index(fields=["concluded_on"]),
                   # the dashboard of one county among many: its units' cases of a period
                   models.Index(fields=["unit", "accepted_on"], name="mediation_case_unit_acc_idx"),
                   models.Index(fields=["unit", "concluded_on"], name="mediation_case_unit_conc_idx")]

    def __str__(self) -> str:
        return self.registration_number

    # -- validation -------------------------------------------------------------------
    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        for field in ("party_a_id_number", "party_b_id_number"):
            value = (getattr(self, field) or "").strip().upper()
            setattr(self, field, value)
            if value:
                try:
                    validate_id_number(value)
                except ValidationError as exc:
                    errors.setdefault(field, []).extend(exc.messages)
        for message, field in self._date_problems():
            errors.setdefault(field, []).append(message)
        for message, field in self._agreement_problems():
            errors.setdefault(field, []).append(message)
        if errors:
            raise ValidationError(errors)
        problem = self._state_problem()
        if problem:
            raise ValidationError(problem)
        self.resolve_committee()
        self.over_term = rules.is_over_term(self)

    def _date_problems(self) -> list[tuple[str, str]]:
        problems = []
        if self.accepted_on and self.year and self.accepted_on.year != self.year:
            problems.append(("受理日期应在所填年度内", "accepted_on"))
        if self.application_date and self.accepted_on and self.application_date > self.accepted_on:
            problems.append(("申请日期不能晚于受理日期", "application_date"))
        if self.concluded_on and self.accepted_on and self.concluded_on < self.accepted_on:
            problems.append(("调结日期不能早于受理日期", "concluded_on"))
        if self.follow_up_on and self.concluded_on and self.follow_up_on < self.concluded_on:
            problems.append(("回访日期不能早于调结日期", "follow_up_on"))
        if self.agreement_date and self.accepted_on and self.agreement_date < self.accepted_on:
            problems.append(("协议签订日期不能早于受理日期", "agreement_date"))
        if self.source == self.Source.REFERRED and not self.referred_by.strip():
            problems.append(("委托移送的纠纷请填写委托移送单位", "referred_by"))
        return problems

    def _agreement_problems(self) -> list[tuple[str, str]]:
        """A written agreement is dated; judicial confirmation follows a written agreement only
        (人民调解法 第二十九条、第三十三条)."""
        problems = []
        if self.agreement_form == self.AgreementForm.WRITTEN and self.agreement_date is None:
            problems.append(("书面调解协议须填写协议签订日期", "agreement_date"))
        if self.agreement_form != self.AgreementForm.WRITTEN and (
                self.confirmation_applied_on or self.confirmation_result):
            problems.append(("只有书面调解协议才能申请司法确认", "confirmation_applied_on"))
        if self.confirmation_result and not self.confirmation_applied_on:
            problems.append(("请先填写申请司法确认日期", "confirmation_applied_on"))
        if self.confirmation_applied_on and self.agreement_date and self.confirmation_applied_on < self.agreement_date:
            problems.append(("申请司法确认日期不能早于协议签订日期", "confirmation_applied_on"))
        if self.performance and self.result and self.result != self.Result.SUCCESS:
            problems.append(("只有达成协议的纠纷才登记履行情况", "performance"))
        return problems

    def _state_problem(self) -> str | None:
        """The result follows the workflow: open cases have none, settled ones are a success."""
        settled = set(SETTLED_STATES)
        if self.state in {"accepted", "mediating", "declined"} and self.result:
            return "尚未调结的纠纷不能登记调解结果，请通过办理环节登记"
        if self.state in settled and self.result != self.Result.SUCCESS:
            return "调解结果与办理状态不一致：达成协议的纠纷结果应为调解成功"
        if self.state in {"failed", "terminated"} and self.result != self.state:
            return "调解结果与办理状态不一致"
        if self.state == "closed" and not self.result:
            return "已结案的纠纷应有调解结果"
        if self.result == self.Result.SUCCESS and not self.agreement_form:
            return "调解成功的纠纷应填写协议形式（书面协议或口头协议）"
        if self.result and self.concluded_on is None:
            return "已调结的纠纷应填写调结日期"
        return None



class MediatorTraining(Record):
    """A training session for people's mediators (人民调解法 第十四条: 县级司法行政部门定期培训)."""

    held_on = models.DateField("培训日期", null=True, blank=True)
    organiser = models.CharField("举办单位", max_length=100)
    topic = models.CharField("培训主题", max_length=200)
    participants = models.PositiveIntegerField("参训人数", null=True, blank=True)
    hours = models.DecimalField("培训学时", max_digits=5, decimal_places=1, null=True, blank=True)
    note = models.TextField("备注", blank=True)

    workflow = TRAINING_WORKFLOW
    url_namespace = "mediation:trainings"

    class Meta:
        verbose_name = "调解员培训"
        verbose_name_plural = "调解员培训"
        ordering = ["-year", "-held_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "topic"], name="mediation_training_unique")]

    def __str__(self) -> str:
        return self.topic

    def clean(self) -> None:
        if self.held_on and self.year and self.held_on.year != self.year:
            raise ValidationError({"held_on": "培训日期应在所填年度内"})
