"""The rule-of-law workforce register (法治队伍, spec §12): legal adviser teams, supervision
experts, instructors, government lawyers, holders of the legal professional qualification and
enforcement supervisors, each with the unit they serve and their period of service."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.deadlines import Tracked
from fazhi.core.identifiers import BAD_ID, is_valid_id_number
from fazhi.core.ledger import Record
from fazhi.streams.workforce import rules
from fazhi.streams.workforce.workflow import WORKFORCE_WORKFLOW

BAD_PHONE = "联系电话格式不正确（应为手机号码或带区号的固定电话）"


def phone_is_valid(value: str) -> bool:
    if value.isdigit():
        return 7 <= len(value) <= 12
    return value.startswith("0") and "-" in value and value.replace("-", "").isdigit()


class Member(Record):
    """One person (or, for legal advisers, one team) in the workforce register.

    The record's unit is the unit the person serves (聘任/任职单位). ``name`` is a team's name
    for adviser teams and the person's name otherwise; names are not masked (staff names and
    certificate numbers are public, spec §12.4), phone and ID number are."""

    class Kind(models.TextChoices):
        ADVISOR_TEAM = "advisor_team", "法律顾问团队"
        SUPERVISION_EXPERT = "supervision_expert", "执法监督专家"
        INSTRUCTOR = "instructor", "通用法律执法教员"
        PUBLIC_LAWYER = "public_lawyer", "公职律师"
        QUALIFIED = "qualified", "法律职业资格持有人"
        SUPERVISOR = "supervisor", "执法监督员"

    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    name = models.CharField("姓名/团队名称", max_length=100)
    firm = models.CharField("律师事务所/工作单位", max_length=100, blank=True,
                            help_text="法律顾问团队填写所属律师事务所")
    position = models.CharField("职务/岗位", max_length=50, blank=True)
    licence_no = models.CharField("执业证号/证书编号", max_length=40, blank=True,
                                  help_text="公职律师填写律师执业证号；法律职业资格持有人填写资格证书编号")
    phone = models.CharField("联系电话", max_length=20, blank=True)
    id_number = models.CharField("公民身份号码", max_length=18, blank=True)
    appointed_on = models.DateField("聘任/任职日期")
    contract_end = models.DateField("聘期届满日期", null=True, blank=True, help_text="法律顾问团队的合同聘期")
    ended_on = models.DateField("离任（解聘）日期", null=True, blank=True)
    notes = models.TextField("备注", blank=True)

    workflow = WORKFORCE_WORKFLOW
    personal_fields = {"phone": "phone", "id_number": "id_number"}
    # An adviser team with a contract end carries the 聘期届满 deadline, met when it leaves.
    tracked = (Tracked(rules.CONTRACT, lambda m: rules.contract_rule(m.appointed_on, m.contract_end),
                       start="appointed_on", met="ended_on",
                       when=lambda m: m.kind == Member.Kind.ADVISOR_TEAM and m.contract_end is not None),)
    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "name": "法律顾问、公职律师、执法监督人员等以职务身份登记，名单依法公布（身份证号、电话脱敏）",
    }

    class Meta:
        verbose_name = "法治队伍人员"
        verbose_name_plural = "法治队伍台账"
        ordering = ["kind", "-appointed_on", "-id"]

    def __str__(self) -> str:
        # Never a person's name (leaders see it without personal.view): a team name, or kind + number.
        if self.kind == self.Kind.ADVISOR_TEAM:
            return f"法律顾问团队：{self.name}"
        return f"{self.get_kind_display()}（第{self.pk or '—'}号）"

    def in_service(self, start: date, end: date) -> bool:
        return self.appointed_on <= end and (self.ended_on is None or self.ended_on >= start)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.name = (self.name or "").strip()
        if self.id_number:
            self.id_number = self.id_number.strip().upper()
            if not is_valid_id_number(self.id_number):
                errors["id_number"] = BAD_ID
        if self.phone:
            self.phone = self.phone.strip()
            if not phone_is_valid(self.phone):
                errors["phone"] = BAD_PHONE
        if self.kind == self.Kind.PUBLIC_LAWYER and not self.licence_no.strip():
            errors["licence_no"] = "公职律师应填写律师执业证号"
        if self.kind == self.Kind.QUALIFIED and not self.licence_no.strip():
            errors["licence_no"] = "请填写法律职业资格证书编号"
        if self.kind == self.Kind.ADVISOR_TEAM and not self.firm.strip():
            errors["firm"] = "法律顾问团队应填写所属律师事务所"
        if self.contract_end and self.kind != self.Kind.ADVISOR_TEAM:
            errors["contract_end"] = "聘期届满日期只适用于法律顾问团队"
        if self.appointed_on and self.contract_end and self.contract_end <= self.appointed_on:
            errors.setdefault("contract_end", "聘期届满日期应晚于聘任日期")
        if self.appointed_on and self.ended_on and self.ended_on < self.appointed_on:
            errors["ended_on"] = "离任日期不能早于聘任日期"
        if self.appointed_on and self.year and self.appointed_on.year > self.year:
            errors["appointed_on"] = "聘任日期不能晚于所填年度"
        if self.state == "left" and not self.ended_on:
            errors["ended_on"] = "已离任人员应保留离任日期"
        if errors:
            raise ValidationError(errors)
