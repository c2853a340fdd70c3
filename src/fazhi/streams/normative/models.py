"""Legality review requests (法制审核) and normative documents under filing (规范性文件备案), spec §9."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.deadlines import Tracked
from fazhi.core.identifiers import validate_uscc
from fazhi.core.ledger import Record
from fazhi.streams.normative import rules
from fazhi.streams.normative.workflow import DOCUMENT_WORKFLOW, REVIEW_WORKFLOW, review_opinion_problem

# 〔2023〕 is the official bracket (GB/T 9704); people also type [2023], (2023) or （2023）.
_BRACKETS = re.compile(r"[\[［(（【]\s*(\d{4})\s*[\]］)）】]")
DOC_NO_RE = re.compile(r"^\S+〔(\d{4})〕\d+号$")
PHONE_RE = re.compile(r"^(\d{7,12}|0\d{2,3}-\d{7,8})$")


def normalize_number(value: str) -> str:
    """西管发[2023]3号 -> 西管发〔2023〕3号 (GB/T 9704-2012 7.2.4: 年份用六角括号〔〕括入)."""
    return _BRACKETS.sub(r"〔\1〕", (value or "").strip().replace(" ", ""))


class ReviewRequest(Record):
    """A request for legality review: a normative document, an economic contract (招商协议、
    投资协议 …), another legal document, or another legal affair (spec §9.1, §9.4)."""

    class Kind(models.TextChoices):
        NORMATIVE = "normative", "规范性文件"
        CONTRACT = "contract", "经济合同"
        LEGAL_DOCUMENT = "legal_document", "其他法律文件"
        LEGAL_AFFAIR = "legal_affair", "涉法事务"

    class Opinion(models.TextChoices):
        AGREE = "agree", "同意"
        AGREE_AMENDED = "agree_amended", "修改后同意"
        DISAGREE = "disagree", "不同意"

    class Adoption(models.TextChoices):
        ADOPTED = "adopted", "全部采纳"
        PARTLY = "partly", "部分采纳"
        NOT_ADOPTED = "not_adopted", "未采纳"

    review_no = models.CharField("审核编号", max_length=50, unique=True,
                                 error_messages={"unique": "该审核编号已被登记"},
                                 help_text="如：西法审〔2023〕1号")
    kind = models.CharField("审核类别", max_length=20, choices=Kind.choices)
    title = models.CharField("送审事项", max_length=200)
    contact_name = models.CharField("送审经办人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=20, blank=True)
    counterparty_name = models.CharField("合同相对方", max_length=100, blank=True)
    counterparty_uscc = models.CharField("相对方统一社会信用代码", max_length=18, blank=True)
    amount = models.DecimalField("合同金额（万元）", max_digits=14, decimal_places=2, null=True, blank=True)
    received_on = models.DateField("收件日期")
    returned_on = models.DateField("退回补正日期", null=True, blank=True)
    supplement_request = models.TextField("需补正事项", blank=True)
    resubmitted_on = models.DateField("补正送回日期", null=True, blank=True)
    reviewer = models.CharField("审核人", max_length=50, blank=True)
    reviewer_qualified = models.BooleanField("审核人具有法律职业资格", default=False)
    opinion = models.CharField("审核结论", max_length=20, choices=Opinion.choices, blank=True)
    opinion_text = models.TextField("审核意见", blank=True)
    opinion_on = models.DateField("出具意见日期", null=True, blank=True)
    adoption = models.CharField("意见采纳情况", max_length=20, choices=Adoption.choices, blank=True)
    adoption_note = models.TextField("采纳情况说明", blank=True)


    workflow = REVIEW_WORKFLOW
    personal_fields = {"contact_name": "name", "contact_phone": "phone"}
    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "counterparty_name": "合同相对方多为法人或其他组织，合法性审查需要完整名称；仅内部台账",
        "reviewer": "机关工作人员履行职务的信息，仅内部台账",
    }
    url_namespace = "normative:reviews"
    # The review period runs from receipt (规范性文件: 15 working days [U]; other kinds only when
    # configured) and is met on the opinion date once the opinion is issued; a withdrawn review has
    # none. 补正 pauses are taken by the return/resubmit steps (services.pause_review).
    tracked = (Tracked(rules.REVIEW_KEY, lambda r: rules.review_rule(r.kind), start="received_on",
                       met="opinion_on", met_in=rules.REVIEW_ISSUED_STATES, when=lambda r: r.state != "withdrawn"),)

    class Meta:
        verbose_name = "法制审核"
        verbose_name_plural = "法制审核台账"
        ordering = ["-year", "-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.review_no} {self.title}"

    def clean(self) -> None:
        self.review_no = normalize_number(self.review_no)
        self.counterparty_uscc = (self.counterparty_uscc or "").strip().upper()
        errors: dict[str, Any] = {}
        if self.counterparty_uscc:
            try:
                validate_uscc(self.counterparty_uscc)
            except ValidationError as exc:
                errors["counterparty_uscc"] = exc.messages
        if self.kind == self.Kind.CONTRACT and not self.counterparty_name.strip():
            errors["counterparty_name"] = "经济合同应填写合同相对方"
        if self.contact_phone and not PHONE_RE.match(self.contact_phone.strip()):
            errors["contact_phone"] = "请填写有效的电话号码（手机号或带区号的固定电话）"
        if self.amount is not None and self.amount < 0:
            errors["amount"] = "合同金额不能为负数"
        if self.received_on and self.year and self.received_on.year != self.year:
            errors["received_on"] = "收件日期应在所填年度内"
        if self.received_on and self.opinion_on and self.opinion_on < self.received_on:
            errors["opinion_on"] = "出具意见日期不能早于收件日期"
        if self.received_on and self.returned_on and self.returned_on < self.received_on:
            errors["returned_on"] = "退回补正日期不能早于收件日期"
        if self.resubmitted_on and not self.returned_on:
            errors["resubmitted_on"] = "未退回补正的，不应填写补正送回日期"
        if self.state in rules.REVIEW_ISSUED_STATES and review_opinion_problem(self):
            errors.setdefault("opinion", "已出具意见的审核应填写审核结论、审核意见和出具意见日期")
        if errors:
            raise ValidationError(errors)



class NormativeDocument(Record):
    """A normative document (行政规范性文件) from drafting to filing with the superior body and
    the filing body's review (spec §9.1, §9.3, §9.4). Published in full (政府信息公开条例 第二十条);
    it holds no personal data."""

    class FairCompetition(models.TextChoices):
        NOT_APPLICABLE = "not_applicable", "不涉及市场主体经济活动"
        PASSED = "passed", "已审查，符合要求"

    class Conformity(models.TextChoices):
        CONFORMING = "conforming", "规范"
        NONCONFORMING = "nonconforming", "不规范"

    doc_no = models.CharField("文号", max_length=50, unique=True, error_messages={"unique": "该文号已被登记"},
                              help_text="如：西管发〔2023〕3号")
    title = models.CharField("文件名称", max_length=200)
    review_ref = models.CharField("合法性审核编号", max_length=50, blank=True,
                                  help_text="法制审核台账中的审核编号")
    fair_competition = models.CharField("公平竞争审查", max_length=20, choices=FairCompetition.choices, blank=True)
    discussed_on = models.DateField("集体讨论日期", null=True, blank=True)
    meeting = models.CharField("审议会议", max_length=100, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    channel = models.CharField("公布载体", max_length=100, blank=True)
    full_text_url = models.URLField("全文公开网址", blank=True)
    valid_until = models.DateField("有效期至", null=True, blank=True)
    filed_on = models.DateField("报备日期", null=True, blank=True)
    filed_with = models.CharField("备案机关", max_length=100, blank=True)
    filing_reviewed_on = models.DateField("备案审查日期", null=True, blank=True)
    conformity = models.CharField("规范性判定", max_length=20, choices=Conformity.choices, blank=True)
    conformity_reason = models.TextField("不规范原因", blank=True)
    found_illegal = models.BooleanField("备案审查发现违法或不当", default=False)
    problem = models.TextField("问题及纠正要求", blank=True)
    corrected_on = models.DateField("纠正（撤销）日期", null=True, blank=True)
    repealed_on = models.DateField("废止/失效日期", null=True, blank=True)


    workflow = DOCUMENT_WORKFLOW
    url_namespace = "normative:documents"
    # Once published, the document is filed with the superior body within the filing period
    # counted from the publication date; met on the filing date.
    tracked = (Tracked(rules.FILING_KEY, lambda d: rules.filing_rule(), start="published_on", met="filed_on",
                       met_in=rules.FILED_STATES, when=lambda d: d.state in rules.PUBLISHED_STATES),)

    class Meta:
        verbose_name = "规范性文件"
        verbose_name_plural = "规范性文件备案台账"
        ordering = ["-year", "-published_on", "-id"]

    def __str__(self) -> str:
        return f"{self.doc_no} {self.title}"

    def clean(self) -> None:
        self.doc_no = normalize_number(self.doc_no)
        self.review_ref = normalize_number(self.review_ref)
        errors: dict[str, Any] = {}
        match = DOC_NO_RE.match(self.doc_no)
        if not match:
            errors["doc_no"] = "文号格式应为“发文机关代字〔年份〕序号号”，如：西管发〔2023〕3号"
        elif self.year and int(match.group(1)) != self.year:
            errors["doc_no"] = "文号中的年份应与所填年度一致"
        published = self.published_on is not None or self.state in rules.PUBLISHED_STATES
        if published:
            if not self.review_ref:
                errors["review_ref"] = "未经合法性审核的规范性文件不得公布，请填写合法性审核编号"
            if self.discussed_on is None:
                errors["discussed_on"] = "未经集体讨论决定的规范性文件不得公布，请填写集体讨论日期"
            if self.published_on is None:
                errors["published_on"] = "已公布的文件应填写公布日期"
        if self.discussed_on and self.published_on and self.published_on < self.discussed_on:
            errors["published_on"] = "公布日期不能早于集体讨论日期"
        filed = self.filed_on is not None or self.state in rules.FILED_STATES
        if filed:
            if self.filed_on is None:
                errors["filed_on"] = "已报备的文件应填写报备日期"
            elif self.published_on is None:
                errors.setdefault("published_on", "报备前应先填写公布日期")
            elif self.filed_on < self.published_on:
                errors["filed_on"] = "报备日期不能早于公布日期"
            if not self.filed_with.strip():
                errors["filed_with"] = "请填写备案机关"
        if (self.conformity or self.filing_reviewed_on or self.found_illegal) and self.filed_on is None:
            errors["conformity"] = "报送备案后才能登记备案审查结论"
        if self.filing_reviewed_on and self.filed_on and self.filing_reviewed_on < self.filed_on:
            errors["filing_reviewed_on"] = "备案审查日期不能早于报备日期"
        if self.conformity == self.Conformity.NONCONFORMING and not self.conformity_reason.strip():
            errors["conformity_reason"] = "判定为不规范的，请填写不规范原因"
        if self.found_illegal and not self.problem.strip():
            errors["problem"] = "发现违法或不当的，请填写问题及纠正要求"
        if self.corrected_on and not self.found_illegal:
            errors["corrected_on"] = "未发现违法或不当的文件不应填写纠正日期"
        elif self.corrected_on and self.filing_reviewed_on and self.corrected_on < self.filing_reviewed_on:
            errors["corrected_on"] = "纠正日期不能早于备案审查日期"
        if self.repealed_on and self.published_on and self.repealed_on < self.published_on:
            errors["repealed_on"] = "废止/失效日期不能早于公布日期"
        if errors:
            raise ValidationError(errors)

