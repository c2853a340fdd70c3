"""涉企行政检查 (issue 16): every inspection of a business is registered before it happens, with
at least two certified inspectors, and gets a 检查码 the business types or scans at /gk/jc/<code>/.

Inspectors are kept as lines of text (name, 执法证号, valid-until date) because streams do not
import each other; the officer register of another stream (enforcement) is consulted through
``core.registry.certificate_refusals``: when a register is in use, each certificate must be in it
and valid on the planned date (otherwise the format and the stated valid-until date are checked). The 双随机 draw an inspection came from is kept as its reference
text and linked to the public result page (rules.draw_result_url)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core import registry
from fazhi.core.identifiers import validate_uscc
from fazhi.core.ledger import Record
from fazhi.streams.checks import rules
from fazhi.streams.checks.workflow import CHECK_WORKFLOW

# 32 characters, no 0/O, 1/I: 10 of them carry 50 bits.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 10
COUNTED_STATES = ("registered", "done")
MIN_INSPECTORS = 2
LINE_SPLIT = re.compile(r"[\s,，、]+")
ENTRY_SPLIT = re.compile(r"[\n;；]+")


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    return re.sub(r"[\s-]", "", text or "").upper()[:20]


@dataclass(frozen=True)
class Inspector:
    name: str
    certificate_no: str
    valid_until: date | None


def parse_inspectors(text: str) -> tuple[list[Inspector], list[str]]:
    """Entries "姓名 执法证号 有效期至" (one a line, or separated by "；"; the three parts by spaces or
    commas) -> inspectors and Chinese errors."""
    found: list[Inspector] = []
    errors: list[str] = []
    entries = [e.strip() for e in ENTRY_SPLIT.split(text or "") if e.strip()]
    for n, line in enumerate(entries, start=1):
        parts = [p for p in LINE_SPLIT.split(line) if p]
        if len(parts) != 3:
            errors.append(f"第{n}名检查人员应为“姓名 执法证号 有效期至”三项")
            continue
        name, cert, until = parts[0], parts[1].upper(), parts[2]
        try:
            valid_until = date.fromisoformat(until.replace("/", "-"))
        except ValueError:
            errors.append(f"第{n}名检查人员执法证有效期“{until}”不是日期，请按 2027-12-31 格式填写")
            valid_until = None
        if not rules.cert_pattern().match(cert):
            errors.append(f"第{n}名检查人员执法证号“{cert}”格式不正确（应为8至20位字母或数字）")
        found.append(Inspector(name, cert, valid_until))
    return found, errors


class Kind(models.TextChoices):
    RANDOM = "random", "双随机抽查"
    SPECIAL = "special", "专项检查"
    COMPLAINT = "complaint", "投诉举报核查"
    ASSIGNED = "assigned", "上级交办"


class BusinessInspection(Record):
    """One registered inspection of a business (涉企行政检查)."""

    kind = models.CharField("检查类型", max_length=20, choices=Kind.choices)
    matter = models.CharField("检查事项", max_length=200)
    basis = models.CharField("法律依据", max_length=300, help_text="例如：《中华人民共和国食品安全法》第一百一十条")
    entity_name = models.CharField("检查对象名称", max_length=200)
    credit_code = models.CharField("统一社会信用代码", max_length=18, validators=[validate_uscc], db_index=True)
    planned_on = models.DateField("计划检查日期")
    inspectors = models.TextField(
        "检查人员", help_text="每行一人：姓名 执法证号 执法证有效期至，例如“张明 43070021001 2027-12-31”；至少两人")
    registered_at = models.DateTimeField("登记时间", null=True, blank=True, editable=False)
    check_code = models.CharField("检查码", max_length=16, unique=True, null=True, blank=True, editable=False)
    cap_reason = models.CharField("超频次检查批准理由", max_length=300, blank=True, editable=False)
    cap_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="超频次检查批准人", null=True,
                                        blank=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    cap_approved_at = models.DateTimeField("超频次检查批准时间", null=True, blank=True, editable=False)
    done_on = models.DateField("实施检查日期", null=True, blank=True)
    result = models.TextField("检查结果", blank=True)
    draw_ref = models.CharField("双随机任务编号", max_length=60, blank=True,
                                help_text="来自双随机抽查的，填写抽查任务编号，结果链接至双随机结果公示")

    workflow = CHECK_WORKFLOW
    url_namespace = "checks:inspections"
    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "inspectors": "行政执法人员姓名与执法证号依行政执法公示制度公开（事前公开、亮证执法）",
        "entity_name": "检查对象为市场主体（企业等组织），其名称依法公示；个体工商户名称在公开页面不显示",
    }

    class Meta:
        verbose_name = "涉企行政检查"
        verbose_name_plural = "涉企行政检查台账"
        ordering = ["-planned_on", "-id"]

    def __str__(self) -> str:
        return f"{self.entity_name} {self.planned_on:%Y-%m-%d}"

    # -- rules ---------------------------------------------------------------------------
    def inspector_list(self) -> list[Inspector]:
        return parse_inspectors(self.inspectors)[0]

    def inspector_problems(self) -> list[str]:
        found, errors = parse_inspectors(self.inspectors)
        if len(found) < MIN_INSPECTORS:
            errors.append(f"行政检查应由两名以上持有效执法证的执法人员实施，目前只登记了{len(found)}人")
        certs = [i.certificate_no for i in found]
        if len(set(certs)) != len(certs):
            errors.append("同一执法证号登记了两次")
        if self.planned_on:
            errors += [f"{i.name}的执法证有效期至{i.valid_until:%Y-%m-%d}，计划检查日期时已过期，不能参加检查"
                       for i in found if i.valid_until and i.valid_until < self.planned_on]
            if not errors:
                errors += registry.certificate_refusals([(i.name, i.certificate_no) for i in found], self.planned_on,
                                                        "参加检查")
        return errors

    def same_entity_count(self) -> int:
        """Inspections of this entity in the planned year, across all units, this one excluded."""
        if not self.credit_code or not self.planned_on:
            return 0
        return (BusinessInspection.objects.filter(credit_code=self.credit_code.strip().upper(),
                                                  planned_on__year=self.planned_on.year, state__in=COUNTED_STATES)
                .exclude(pk=self.pk).count())

    def lock_entity_year(self) -> None:
        """Lock this entity's inspections of the planned year (inside the registration's transaction),
        so two registrations at once cannot both slip under the cap."""
        list(BusinessInspection.objects.select_for_update().filter(
            credit_code=self.credit_code, planned_on__year=self.planned_on.year).values_list("pk", flat=True))

    def cap_problem(self) -> str | None:
        cap = rules.per_entity_year()
        done = self.same_entity_count()
        if done + 1 > cap and not self.cap_approved_at:
            return (f"无事不扰：{self.planned_on.year}年已对该企业登记检查{done}次，达到每年{cap}次的上限；"
                    f"确需检查的，请报法治办统筹人员批准并说明理由")
        return None

    def is_individual_business(self) -> bool:
        """个体工商户 (code category 9, kind 2): its name may be a person's name, so it is not published."""
        return (self.credit_code or "").upper().startswith("92")

    def public_entity_name(self) -> str:
        return "个体工商户（名称不予公开）" if self.is_individual_business() else self.entity_name

    def draw_result_url(self) -> str:
        return rules.draw_result_url(self.draw_ref, self.credit_code) if self.draw_ref else ""

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        self.credit_code = (self.credit_code or "").strip().upper()
        if self.planned_on and self.year and self.planned_on.year != self.year:
            errors.setdefault("planned_on", []).append("计划检查日期应在所填年度内")
        if problems := self.inspector_problems():
            errors["inspectors"] = problems
        if self.registered_at and self.planned_on and self.planned_on < self.registered_at.date():
            errors.setdefault("planned_on", []).append("检查日期不能早于登记日期：行政检查应先登记后实施")
        if self.kind == Kind.RANDOM and self.state == "done" and not self.draw_ref.strip():
            errors.setdefault("draw_ref", []).append("双随机抽查应填写抽查任务编号")
        if self.done_on and self.planned_on and self.registered_at and self.done_on < self.registered_at.date():
            errors.setdefault("done_on", []).append("实施检查日期不能早于登记日期")
        if self.state in COUNTED_STATES and self.credit_code and self.planned_on and (problem := self.cap_problem()):
            errors.setdefault("credit_code", []).append(problem)
        if errors:
            raise ValidationError(errors)
