"""Excel import of the petition ledgers.

信访件: natural key 登记编号 (unique across the county; the unit scopes the lookup so that a
file can never update another unit's petition). 接访登记: unit + date + type + receiver.
An old ledger carries each petition's 办理状态; the model checks that the dates it implies
are filled, and the deadlines follow from state and dates.
"""

from __future__ import annotations

from fazhi.core.importers import BOOL, CHOICE, DATE, ID_NUMBER, INT, PHONE, TEXT, UNIT, ImportField, ImportSpec
from fazhi.streams.petitions.models import Petition, Reception
from fazhi.streams.petitions.workflow import PETITION_WORKFLOW

DATE_HELP = "按 2024-03-15 格式填写"


def _petition_defaults(row: dict) -> dict:
    return {"people_count": row.get("people_count") or 1,
            "satisfaction": row.get("satisfaction") or Petition.Satisfaction.NONE}


PETITION_IMPORT = ImportSpec(
    model=Petition,
    title="信访件台账",
    key=("unit", "reg_no"),
    rows_refer_to_earlier_rows=True,  # 重复信访：原登记编号 may be an earlier row of the same file
    defaults=_petition_defaults,
    fields=[
        ImportField("unit", "承办单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("reg_no", "登记编号", TEXT, required=True, example="示例：XF-2024-0001",
                    help="信访信息系统登记编号，全区唯一"),
        ImportField("channel", "信访形式", CHOICE, required=True, choices=tuple(Petition.Channel.choices)),
        ImportField("registered_on", "登记日期", DATE, required=True, example="2024-03-15", help=DATE_HELP),
        ImportField("petitioner_name", "信访人姓名", TEXT, required=True),
        ImportField("petitioner_id_number", "公民身份号码", ID_NUMBER),
        ImportField("petitioner_phone", "联系电话", PHONE),
        ImportField("petitioner_address", "住址", TEXT),
        ImportField("people_count", "人数", INT, help="5人及以上为集体访；不填按1人"),
        ImportField("category", "信访事项类别", CHOICE, required=True, choices=tuple(Petition.Category.choices)),
        ImportField("subject", "反映问题", TEXT, required=True),
        ImportField("summary", "内容摘要", TEXT),
        ImportField("routed_on", "转送/交办日期", DATE, help=DATE_HELP),
        ImportField("acceptance_on", "受理告知日期", DATE, help=DATE_HELP),
        ImportField("opinion", "处理意见", CHOICE, choices=tuple(Petition.Opinion.choices)),
        ImportField("result", "办理结果", TEXT),
        ImportField("replied_on", "书面答复日期", DATE, help=DATE_HELP),
        ImportField("review_requested_on", "复查请求日期", DATE, help=DATE_HELP),
        ImportField("review_answered_on", "复查意见日期", DATE, help=DATE_HELP),
        ImportField("re_exam_requested_on", "复核请求日期", DATE, help=DATE_HELP),
        ImportField("re_exam_answered_on", "复核意见日期", DATE, help=DATE_HELP),
        ImportField("leader_case", "领导包案", BOOL),
        ImportField("leader_name", "包案领导", TEXT),
        ImportField("leader_resolved", "包案已化解", BOOL),
        ImportField("satisfaction", "满意度评价", CHOICE, choices=tuple(Petition.Satisfaction.choices),
                    help="不填按“未评价”"),
        ImportField("earlier_reg_no", "重复信访：原登记编号", TEXT),
        ImportField("state", "办理状态", CHOICE, required=True, choices=tuple(PETITION_WORKFLOW.choices),
                    help="按信访信息系统中的办理进度选择"),
    ],
)


def _reception_defaults(row: dict) -> dict:
    return {"resolved_on_site": row.get("resolved_on_site") or 0}


RECEPTION_IMPORT = ImportSpec(
    model=Reception,
    title="接访登记台账",
    key=("unit", "received_on", "kind", "receiver"),
    defaults=_reception_defaults,
    fields=[
        ImportField("unit", "承办单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("received_on", "接访日期", DATE, required=True, example="2024-03-15", help=DATE_HELP),
        ImportField("kind", "接访类型", CHOICE, required=True, choices=tuple(Reception.Kind.choices)),
        ImportField("receiver", "接访领导/律师", TEXT, required=True, example="示例：张律师"),
        ImportField("batches", "接待批次", INT, required=True, example=3),
        ImportField("resolved_on_site", "现场解决（件）", INT, example=2),
        ImportField("notes", "备注", TEXT),
    ],
)
