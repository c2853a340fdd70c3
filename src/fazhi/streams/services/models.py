"""The 政务服务 ledgers (spec §3.4): the service item catalogue (事项清单) of each unit, one
row per item and catalogue year, and the 好差评 ratings of those items.

The office holds the catalogue and the ratings pulled from the provincial platform, not
case-level data (spec §3.3).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from fazhi.core.deadlines import Tracked
from fazhi.core.ledger import Record
from fazhi.streams.services import rules
from fazhi.streams.services.workflow import ITEM_WORKFLOW, RATING_WORKFLOW

CODE_RE = re.compile(r"^[0-9A-Za-z\-]{4,40}$")
PHONE_RE = re.compile(r"^(\d{7,12}|0\d{2,3}-\d{7,8})$")


class ItemType(models.TextChoices):
    LICENCE = "licence", "行政许可"
    CONFIRMATION = "confirmation", "行政确认"
    PAYMENT = "payment", "行政给付"
    ADJUDICATION = "adjudication", "行政裁决"
    REWARD = "reward", "行政奖励"
    OTHER_POWER = "other_power", "其他行政权力"
    PUBLIC_SERVICE = "public_service", "公共服务"


class OnlineLevel(models.TextChoices):
    FULL = "full", "全程网办"
    PARTIAL = "partial", "网上可办（网上预审）"
    NONE = "none", "不可网办"


ONLINE_LEVELS = (OnlineLevel.FULL, OnlineLevel.PARTIAL)


class ServiceItem(Record):
    """One item of a unit's service catalogue for a catalogue year (事项清单, spec §3.4)."""

    code = models.CharField("事项编码", max_length=40, help_text="省一体化政务服务平台的事项编码")
    name = models.CharField("事项名称", max_length=200)
    item_type = models.CharField("事项类型", max_length=20, choices=ItemType.choices)
    legal_basis = models.CharField("设定依据", max_length=300, blank=True)
    legal_limit_days = models.PositiveSmallIntegerField(
        "法定办结时限（工作日）", null=True, blank=True, help_text="法律法规未规定办结时限的不填")
    promised_limit_days = models.PositiveSmallIntegerField(
        "承诺办结时限（工作日）", null=True, blank=True, help_text="即办件填0")
    online_level = models.CharField("网办程度", max_length=10, choices=OnlineLevel.choices,
                                    default=OnlineLevel.FULL)
    max_visits = models.PositiveSmallIntegerField(
        "到现场次数", default=1, help_text="办理全程需申请人到现场的最多次数：0为零跑动，1为最多跑一次")
    high_frequency = models.BooleanField("高频事项", default=False)
    in_centre = models.BooleanField("进驻政务服务中心", default=False)
    one_window = models.BooleanField("一窗委托办理", default=False,
                                     help_text="由政务服务中心综合窗口受理、委托部门办理")
    service_phone = models.CharField("咨询电话", max_length=20, blank=True)
    guide_url = models.URLField("办事指南链接", blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdraw_reason = models.CharField("撤回原因", max_length=200, blank=True)

    workflow = ITEM_WORKFLOW
    url_namespace = "services:items"

    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "service_phone": "政务服务事项公布的机关咨询电话，依法公开",
    }

    class Meta:
        verbose_name = "政务服务事项"
        verbose_name_plural = "政务服务事项清单"
        ordering = ["-year", "unit__sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "code"], name="services_item_code_per_unit_year"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def online(self) -> bool:
        return self.online_level in ONLINE_LEVELS

    @property
    def one_visit(self) -> bool:
        return self.max_visits <= 1

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.code = (self.code or "").strip()
        if self.code and not CODE_RE.match(self.code):
            errors["code"] = "事项编码只能包含字母、数字和短横线，4至40位"
        if (self.legal_limit_days is not None and self.promised_limit_days is not None
                and self.promised_limit_days > self.legal_limit_days):
            errors["promised_limit_days"] = "承诺办结时限不能长于法定办结时限"
        if self.service_phone and not PHONE_RE.match(self.service_phone.strip()):
            errors["service_phone"] = f"“{self.service_phone}”不是有效的电话号码"
        if self.withdrawn_on and self.published_on and self.withdrawn_on < self.published_on:
            errors["withdrawn_on"] = "撤回日期不能早于公布日期"
        if self.withdrawn_on and not self.published_on:
            errors["withdrawn_on"] = "未公布的事项不填写撤回日期"
        if self.state in ("published", "withdrawn") and not self.published_on:
            errors["published_on"] = "已公布的事项请填写公布日期"
        if self.state == "withdrawn" and not self.withdraw_reason.strip():
            errors["withdraw_reason"] = "已撤回的事项请写明撤回原因"
        if errors:
            raise ValidationError(errors)


class Level(models.TextChoices):
    """The five-level scale of the municipal 好差评 opinion [P47]."""

    VERY_SATISFIED = "very_satisfied", "非常满意"
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"
    VERY_DISSATISFIED = "very_dissatisfied", "非常不满意"


SATISFIED_LEVELS = (Level.VERY_SATISFIED, Level.SATISFIED, Level.BASIC)


class RatingChannel(models.TextChoices):
    WINDOW = "window", "窗口评价器"
    ONLINE = "online", "网上办事大厅"
    MOBILE = "mobile", "移动端（政务服务 App、小程序）"
    KIOSK = "kiosk", "自助终端"
    HOTLINE = "hotline", "12345热线"
    SMS = "sms", "短信"


class CallbackResult(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


class ServiceRating(Record):
    """One 好差评 rating of a service item ("一次一评、一事一评"), with the rectification
    of a bad rating (spec §3.1). The unit is the item's unit."""

    rating_no = models.CharField("评价编号", max_length=40, help_text="好差评系统中的评价编号")
    item_code = models.CharField("事项编码", max_length=40)
    item = models.ForeignKey(ServiceItem, verbose_name="评价事项", on_delete=models.PROTECT,
                             related_name="ratings", null=True, editable=False)
    rated_on = models.DateField("评价日期")
    level = models.CharField("评价等级", max_length=20, choices=Level.choices)
    channel = models.CharField("评价渠道", max_length=10, choices=RatingChannel.choices)
    real_name = models.BooleanField("实名评价", default=True)
    rater_name = models.CharField("评价人", max_length=50, blank=True)
    rater_phone = models.CharField("评价人电话", max_length=20, blank=True)
    comment = models.TextField("评价内容", blank=True)
    verification = models.TextField("核实情况", blank=True)
    rectification = models.TextField("整改情况", blank=True)
    rectified_on = models.DateField("整改完成日期", null=True, blank=True)
    callback_on = models.DateField("回访日期", null=True, blank=True)
    callback_result = models.CharField("评价人对整改的评价", max_length=20, choices=CallbackResult.choices,
                                       blank=True)

    workflow = RATING_WORKFLOW
    url_namespace = "services:ratings"
    personal_fields = {"rater_name": "name", "rater_phone": "phone"}
    # A bad rating carries the rectification period from its rating date, met on the
    # rectification date once the rectification is recorded; good ratings carry none.
    tracked = (Tracked(rules.RECTIFY, lambda r: rules.rectify_rule(), start="rated_on", met="rectified_on",
                       met_in=("rectified", "called_back"), when=lambda r: r.is_bad),)

    class Meta:
        verbose_name = "好差评"
        verbose_name_plural = "好差评台账"
        ordering = ["-year", "-rated_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "rating_no"], name="services_rating_no_per_unit"),
        ]
        # the dashboard of one county among many: its units' ratings of a period
        indexes = [models.Index(fields=["unit", "rated_on"], name="services_rating_unit_date_idx")]

    def __str__(self) -> str:
        return self.rating_no

    @property
    def is_bad(self) -> bool:
        return self.level in rules.bad_levels()

    def _find_item(self) -> ServiceItem | None:
        items = ServiceItem.objects.filter(unit_id=self.unit_id, code=self.item_code.strip())
        return items.filter(year=self.year).first() or items.order_by("-year").first()

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.item_code = (self.item_code or "").strip()
        if self.unit_id and self.item_code:
            self.item = self._find_item()
            if self.item is None:
                errors["item_code"] = f"本单位事项清单中没有编码为“{self.item_code}”的事项"
        today = timezone.localdate()
        if self.rated_on and self.rated_on > today:
            errors["rated_on"] = "评价日期不能晚于今天"
        if self.rated_on and self.year and self.rated_on.year != self.year:
            errors["rated_on"] = "评价日期应在所填年度内"
        if self.real_name and not self.rater_name.strip():
            errors["rater_name"] = "实名评价请填写评价人"
        if not self.real_name and self.rater_name.strip():
            errors["rater_name"] = "匿名评价不登记评价人姓名"
        if self.rater_phone and not PHONE_RE.match(self.rater_phone.strip()):
            errors["rater_phone"] = f"“{self.rater_phone}”不是有效的电话号码"
        self._clean_rectification(errors)
        if errors:
            raise ValidationError(errors)
        if self._state.adding and self.state == RATING_WORKFLOW.initial and self.is_bad:
            self.state = self._state_from_facts()

    def _clean_rectification(self, errors: dict[str, str]) -> None:
        if self.level and not self.is_bad:
            for name in ("rectification", "rectified_on", "callback_on", "callback_result"):
                if getattr(self, name):
                    errors[name] = "好评（非差评）无需整改和回访"
        if self.rated_on and self.rectified_on and self.rectified_on < self.rated_on:
            errors["rectified_on"] = "整改完成日期不能早于评价日期"
        if self.callback_on and not self.rectified_on:
            errors["callback_on"] = "请先填写整改完成日期"
        elif self.callback_on and self.callback_on < self.rectified_on:
            errors["callback_on"] = "回访日期不能早于整改完成日期"
        if not self._state.adding and self.pk:
            old = type(self).objects.filter(pk=self.pk).values_list("level", flat=True).first()
            if old and (old in rules.bad_levels()) != self.is_bad:
                errors["level"] = "评价等级登记后不能在好评与差评之间更改；如确属登记错误，请删除后重新登记"
        if self.state == "rectified" and not self.rectified_on:
            errors["rectified_on"] = "已整改的差评请填写整改完成日期"
        if self.state == "called_back" and not (self.callback_on and self.callback_result):
            errors["callback_on"] = "已回访的差评请填写回访日期和评价人对整改的评价"

    def _state_from_facts(self) -> str:
        """A bad rating is born 待整改; an old one imported with its dates lands where they say."""
        if self.rectified_on and self.rectification.strip():
            if self.callback_on and self.callback_result:
                return "called_back"
            return "rectified"
        return "rectifying"

