"""Excel import of the stream's ledgers. Natural keys: 案号 (cases), 案号 + 开庭日期 (hearings),
复议案号 (reconsiderations)."""

from __future__ import annotations

from fazhi.core.importers import BOOL, CHOICE, DATE, ID_NUMBER, INT, PHONE, TEXT, UNIT, USCC, ImportField, ImportSpec
from fazhi.core.units import viewer_county_names
from fazhi.streams.litigation.models import DecisionType, Hearing, Instance, LitigationCase, Outcome, Reconsideration

DATE_HELP = "按 2024-03-15 格式填写"


# Examples drawn from the county of the user who downloads the template, never another county's.
def case_number_example(user) -> str:
    return f"示例：（2024）{viewer_county_names(user).court_code}行初1号"


def court_example(user) -> str:
    return viewer_county_names(user).court


def reconsideration_number_example(user) -> str:
    return f"示例：{viewer_county_names(user).short}复〔2024〕1号"


def body_example(user) -> str:
    return viewer_county_names(user).government

CASE_IMPORT = ImportSpec(
    model=LitigationCase,
    title="行政应诉案件台账",
    key=("case_number",),
    fields=[
        ImportField("unit", "承办单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("case_number", "案号", TEXT, required=True, example=case_number_example),
        ImportField("court", "受理法院", TEXT, required=True, example=court_example),
        ImportField("instance", "审级", CHOICE, required=True, choices=tuple(Instance.choices)),
        ImportField("related_case_number", "前审案号", TEXT),
        ImportField("cause", "案由", TEXT, required=True, example="不服行政处罚决定"),
        ImportField("act_kind", "被诉行为类型", CHOICE, required=True, choices=tuple(LitigationCase.ActKind.choices)),
        ImportField("plaintiff_kind", "原告类型", CHOICE, required=True,
                    choices=tuple(LitigationCase.PartyKind.choices)),
        ImportField("plaintiff_name", "原告姓名或名称", TEXT, required=True),
        ImportField("plaintiff_id_number", "原告公民身份号码", ID_NUMBER, help="18位，末位为校验码"),
        ImportField("plaintiff_credit_code", "原告统一社会信用代码", USCC, help="18位，末位为校验码"),
        ImportField("plaintiff_phone", "原告联系电话", PHONE),
        ImportField("served_on", "收到起诉状副本日期", DATE, required=True, example="2024-03-15", help=DATE_HELP),
        ImportField("answer_submitted_on", "提交答辩状及证据日期", DATE, help=DATE_HELP),
        ImportField("handler", "承办人及委托代理人", TEXT),
        ImportField("judgment_date", "裁判日期", DATE, help=DATE_HELP),
        ImportField("outcome", "裁判结果", CHOICE, choices=tuple(Outcome.choices)),
    ],
)

HEARING_IMPORT = ImportSpec(
    model=Hearing,
    title="庭审及出庭应诉台账",
    key=("case_number", "hearing_date"),
    fields=[
        ImportField("unit", "承办单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("case_number", "案号", TEXT, required=True, example=case_number_example),
        ImportField("hearing_date", "开庭日期", DATE, required=True, example="2024-04-10", help=DATE_HELP),
        ImportField("court_room", "法庭", TEXT),
        ImportField("court_notice", "出庭通知", CHOICE, required=True, choices=tuple(Hearing.Notice.choices)),
        ImportField("head_appeared", "负责人出庭", BOOL, required=True, example="是"),
        ImportField("head_name", "出庭负责人", TEXT),
        ImportField("head_title", "负责人职务", TEXT),
        ImportField("head_position", "负责人类别", CHOICE, choices=tuple(Hearing.Position.choices)),
        ImportField("absence_reason", "负责人未出庭原因", CHOICE, choices=tuple(Hearing.AbsenceReason.choices)),
        ImportField("absence_explanation", "未出庭情况说明", TEXT),
        ImportField("substitute", "代为出庭人员类别", CHOICE, choices=tuple(Hearing.Substitute.choices)),
        ImportField("appearers", "出庭人员及职务", TEXT),
    ],
)

RECONSIDERATION_IMPORT = ImportSpec(
    model=Reconsideration,
    title="行政复议案件台账",
    key=("case_number",),
    fields=[
        ImportField("unit", "被申请人（承办单位）", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("case_number", "复议案号", TEXT, required=True, example=reconsideration_number_example),
        ImportField("body", "行政复议机关", TEXT, required=True, example=body_example),
        ImportField("applicant_kind", "申请人类型", CHOICE, required=True,
                    choices=tuple(Reconsideration.PartyKind.choices)),
        ImportField("applicant_name", "申请人姓名或名称", TEXT, required=True),
        ImportField("applicant_id_number", "申请人公民身份号码", ID_NUMBER, help="18位，末位为校验码"),
        ImportField("applicant_credit_code", "申请人统一社会信用代码", USCC, help="18位，末位为校验码"),
        ImportField("applicant_phone", "申请人联系电话", PHONE),
        ImportField("contested_act", "被申请复议的行政行为", TEXT, required=True, example="行政处罚决定"),
        ImportField("act_document", "行政行为文号", TEXT),
        ImportField("received_on", "复议机关收到申请日期", DATE, required=True, example="2024-03-15", help=DATE_HELP),
        ImportField("procedure", "审理程序", CHOICE, required=True, choices=tuple(Reconsideration.Procedure.choices)),
        ImportField("decided_on", "决定日期", DATE, help=DATE_HELP),
        ImportField("decision_type", "决定类型", CHOICE, choices=tuple(DecisionType.choices)),
    ],
)
