"""Excel import of the 政务服务 ledgers.

事项清单: natural key unit + catalogue year + item code (a catalogue exported from the
provincial platform is re-imported every year). 好差评: unit + rating number.
"""

from __future__ import annotations

from fazhi.core.importers import BOOL, CHOICE, DATE, INT, PHONE, TEXT, UNIT, ImportField, ImportSpec
from fazhi.streams.services.models import (
    CallbackResult,
    ItemType,
    Level,
    OnlineLevel,
    RatingChannel,
    ServiceItem,
    ServiceRating,
)
from fazhi.streams.services.workflow import ITEM_WORKFLOW

DATE_HELP = "按 2024-03-15 格式填写"

ITEM_IMPORT = ImportSpec(
    model=ServiceItem,
    title="政务服务事项清单",
    key=("unit", "year", "code"),
    fields=[
        ImportField("unit", "承办单位", UNIT, required=True),
        ImportField("year", "清单年度", INT, required=True, example=2024),
        ImportField("code", "事项编码", TEXT, required=True, example="示例-000101001000"),
        ImportField("name", "事项名称", TEXT, required=True, example="食品经营许可（新办）"),
        ImportField("item_type", "事项类型", CHOICE, required=True, choices=tuple(ItemType.choices)),
        ImportField("legal_basis", "设定依据", TEXT),
        ImportField("legal_limit_days", "法定办结时限（工作日）", INT, help="法律法规未规定办结时限的不填"),
        ImportField("promised_limit_days", "承诺办结时限（工作日）", INT, help="即办件填0"),
        ImportField("online_level", "网办程度", CHOICE, required=True, choices=tuple(OnlineLevel.choices)),
        ImportField("max_visits", "到现场次数", INT, required=True, example=1, help="0为零跑动，1为最多跑一次"),
        ImportField("high_frequency", "高频事项", BOOL),
        ImportField("in_centre", "进驻政务服务中心", BOOL),
        ImportField("one_window", "一窗委托办理", BOOL),
        ImportField("service_phone", "咨询电话", PHONE),
        ImportField("published_on", "公布日期", DATE, help=DATE_HELP),
        ImportField("state", "公布状态", CHOICE, required=True, choices=tuple(ITEM_WORKFLOW.choices),
                    help="已公布的须填写公布日期"),
        ImportField("withdrawn_on", "撤回日期", DATE, help=DATE_HELP),
        ImportField("withdraw_reason", "撤回原因", TEXT),
    ],
)


def _rating_defaults(row: dict) -> dict:
    return {"real_name": bool(row.get("rater_name"))}


RATING_IMPORT = ImportSpec(
    model=ServiceRating,
    title="好差评台账",
    key=("unit", "rating_no"),
    defaults=_rating_defaults,
    fields=[
        ImportField("unit", "承办单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("rating_no", "评价编号", TEXT, required=True, example="示例：HCP-2024-000001"),
        ImportField("item_code", "事项编码", TEXT, required=True, help="须为本单位事项清单中的事项编码"),
        ImportField("rated_on", "评价日期", DATE, required=True, example="2024-03-15", help=DATE_HELP),
        ImportField("level", "评价等级", CHOICE, required=True, choices=tuple(Level.choices)),
        ImportField("channel", "评价渠道", CHOICE, required=True, choices=tuple(RatingChannel.choices)),
        ImportField("rater_name", "评价人", TEXT, help="匿名评价不填"),
        ImportField("rater_phone", "评价人电话", PHONE),
        ImportField("comment", "评价内容", TEXT),
        ImportField("verification", "核实情况", TEXT),
        ImportField("rectification", "整改情况", TEXT),
        ImportField("rectified_on", "整改完成日期", DATE, help=DATE_HELP),
        ImportField("callback_on", "回访日期", DATE, help=DATE_HELP),
        ImportField("callback_result", "评价人对整改的评价", CHOICE, choices=tuple(CallbackResult.choices)),
    ],
)
