"""Excel import of the 问题举报 ledgers.

问题举报: natural key unit + 受理编号 (an old ledger kept in Excel; the state column says how far
each report went and the model checks that the dates it implies are filled). Reports imported
this way have no query code; one can be generated on the record page. 公告: unit + title.
"""

from __future__ import annotations

from fazhi.core.importers import BOOL, CHOICE, DATE, INT, PHONE, TEXT, UNIT, ImportField, ImportSpec
from fazhi.streams.complaints.models import Announcement, Category, Channel, Complaint, Finding, Satisfaction
from fazhi.streams.complaints.workflow import COMPLAINT_WORKFLOW

DATE_HELP = "按 2024-03-15 格式填写"


def _complaint_defaults(row: dict) -> dict:
    return {"satisfaction": row.get("satisfaction") or Satisfaction.NONE}


COMPLAINT_IMPORT = ImportSpec(
    model=Complaint,
    title="问题举报台账",
    key=("unit", "tracking_no"),
    defaults=_complaint_defaults,
    fields=[
        ImportField("unit", "责任单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("tracking_no", "受理编号", TEXT, required=True, example="示例：JB2024-0001",
                    help="格式：JB年份-序号，全区唯一"),
        ImportField("channel", "举报渠道", CHOICE, required=True, choices=tuple(Channel.choices)),
        ImportField("received_on", "收到日期", DATE, required=True, example="2024-03-15", help=DATE_HELP),
        ImportField("anonymous", "匿名举报", BOOL),
        ImportField("reporter_name", "举报人姓名", TEXT, help="匿名举报不填"),
        ImportField("reporter_phone", "举报人电话", PHONE),
        ImportField("category", "问题类别", CHOICE, required=True, choices=tuple(Category.choices)),
        ImportField("subject", "反映问题", TEXT, required=True),
        ImportField("content", "举报内容", TEXT, required=True),
        ImportField("reported_party", "被举报单位或对象", TEXT),
        ImportField("findings", "调查核实情况", TEXT),
        ImportField("finding", "核实结论", CHOICE, choices=tuple(Finding.choices)),
        ImportField("reply", "答复内容", TEXT),
        ImportField("replied_on", "答复日期", DATE, help=DATE_HELP),
        ImportField("satisfaction", "举报人评价", CHOICE, choices=tuple(Satisfaction.choices)),
        ImportField("state", "办理状态", CHOICE, required=True, choices=tuple(COMPLAINT_WORKFLOW.choices)),
    ],
)

ANNOUNCEMENT_IMPORT = ImportSpec(
    model=Announcement,
    title="受理问题举报公告",
    key=("unit", "title"),
    fields=[
        ImportField("unit", "发布单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("title", "公告标题", TEXT, required=True),
        ImportField("action", "专项行动名称", TEXT),
        ImportField("body", "公告正文", TEXT, required=True),
        ImportField("hotline", "举报电话", TEXT),
        ImportField("mailbox", "举报信箱或电子邮箱", TEXT),
        ImportField("address", "来信来访地址", TEXT),
        ImportField("accept_from", "受理起始日期", DATE, help=DATE_HELP),
        ImportField("accept_until", "受理截止日期", DATE, help=DATE_HELP),
    ],
)
