"""Excel import of 行政执法案件 kept in spreadsheets before the system (natural key: unit + 立案编号).

A row may be in any state up to 执行: the model checks that the dates and documents the state
implies are filled (a 重大 case in a decided state needs its 法制审核 columns). 结案 is only
reached on the case's page, once its 全过程记录 is complete, so a row in state 结案 is refused.
"""

from __future__ import annotations

from fazhi.core.importers import BOOL, CHOICE, DATE, DECIMAL, ID_NUMBER, INT, TEXT, UNIT, USCC, ImportField, ImportSpec
from fazhi.streams.cases.models import EnforcementCase, Kind, PartyType, ReviewConclusion, ServiceMethod, Source
from fazhi.streams.cases.workflow import CASE_WORKFLOW

DATE_HELP = "按 2024-03-15 格式填写"

CASE_IMPORT = ImportSpec(
    model=EnforcementCase,
    title="行政执法案件台账",
    key=("unit", "case_no"),
    fields=[
        ImportField("unit", "执法单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("case_no", "立案编号", TEXT, required=True, example="示例：西市监立〔2024〕12号"),
        ImportField("kind", "案件类型", CHOICE, required=True, choices=tuple(Kind.choices)),
        ImportField("party_type", "当事人类型", CHOICE, required=True, choices=tuple(PartyType.choices)),
        ImportField("party_org", "当事人名称（单位）", TEXT),
        ImportField("party_credit_code", "统一社会信用代码", USCC),
        ImportField("party_person", "当事人姓名（自然人）", TEXT),
        ImportField("party_id_number", "当事人身份证号码", ID_NUMBER),
        ImportField("cause", "案由", TEXT, required=True),
        ImportField("source", "案件来源", CHOICE, required=True, choices=tuple(Source.choices)),
        ImportField("officer_names", "执法人员", TEXT, required=True, help="两人以上，用“、”分隔"),
        ImportField("officer_certs", "执法证号", TEXT, required=True, help="与执法人员一一对应，用“、”分隔"),
        ImportField("clue_on", "发现线索日期", DATE, help=DATE_HELP),
        ImportField("filed_on", "立案日期", DATE, required=True, example="2024-03-15", help=DATE_HELP),
        ImportField("onsite_investigation", "现场调查取证", BOOL),
        ImportField("proposed_fine", "拟罚款金额（元）", DECIMAL),
        ImportField("revoke_licence", "拟吊销许可证件", BOOL),
        ImportField("suspend_business", "拟责令停产停业", BOOL),
        ImportField("proposed_measures", "拟处理意见", TEXT),
        ImportField("notified_on", "告知日期", DATE, help=DATE_HELP),
        ImportField("hearing_requested", "当事人申请听证", BOOL),
        ImportField("hearing_held_on", "听证日期", DATE, help=DATE_HELP),
        ImportField("waived_on", "当事人放弃陈述申辩和听证日期", DATE, help=DATE_HELP),
        ImportField("reviewer_name", "法制审核人员", TEXT, help="重大执法决定必填，不得是本案执法人员"),
        ImportField("review_conclusion", "法制审核结论", CHOICE, choices=tuple(ReviewConclusion.choices)),
        ImportField("review_opinion", "法制审核意见", TEXT),
        ImportField("reviewed_on", "法制审核日期", DATE, help=DATE_HELP),
        ImportField("discussed_on", "集体讨论日期", DATE, help=DATE_HELP),
        ImportField("discussion_note", "集体讨论结论", TEXT),
        ImportField("decision_no", "决定书文号", TEXT),
        ImportField("decided_on", "决定日期", DATE, help=DATE_HELP),
        ImportField("decision_content", "决定内容", TEXT),
        ImportField("served_on", "送达日期", DATE, help=DATE_HELP),
        ImportField("service_method", "送达方式", CHOICE, choices=tuple(ServiceMethod.choices)),
        ImportField("executed_on", "执行完毕日期", DATE, help=DATE_HELP),
        ImportField("execution_note", "执行情况", TEXT),
        ImportField("state", "办理状态", CHOICE, required=True,
                    choices=tuple((k, v) for k, v in CASE_WORKFLOW.choices if k != "closed")),
    ],
)
