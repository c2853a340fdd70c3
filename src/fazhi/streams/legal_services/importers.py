"""Excel import of the public legal services ledgers.

Natural keys: appointments unit + village + adviser + contract start; consultations village +
date + adviser + summary; lectures village + year + topic; legal aid the application number;
certificate items unit + name + matter.
"""

from __future__ import annotations

from fazhi.core.importers import CHOICE, DATE, ID_NUMBER, INT, PHONE, TEXT, UNIT, ImportField, ImportSpec
from fazhi.core.models import Unit
from fazhi.streams.legal_services.models import (
    AdvisorAppointment,
    CertificationItem,
    Consultation,
    Lecture,
    LegalAidApplication,
)


def _appointment_defaults(row: dict) -> dict:
    """The village column names a village or community of the organisation tree (by name or
    code); an empty duty-days cell means the usual two days a month."""
    extra: dict = {}
    if row.get("duty_days_per_month") is None:
        extra["duty_days_per_month"] = 2
    name = row.get("village")
    if isinstance(name, str):
        villages = Unit.objects.filter(kind=Unit.Kind.VILLAGE)
        extra["village"] = villages.filter(name=name).first() or villages.filter(code=name).first()
    return extra


APPOINTMENT_IMPORT = ImportSpec(
    model=AdvisorAppointment,
    title="法律顾问聘任台账",
    key=("unit", "village", "advisor_name", "contract_start"),
    defaults=_appointment_defaults,
    fields=[
        ImportField("unit", "聘任单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("village", "村（社区）", TEXT, required=True, example="育才社区", help="填写村（社区）全称"),
        ImportField("advisor_name", "法律顾问", TEXT, required=True, example="示例：刘建华"),
        ImportField("law_firm", "律师事务所", TEXT, required=True, example="示例：××律师事务所"),
        ImportField("advisor_phone", "联系电话", PHONE),
        ImportField("contract_start", "聘期起始", DATE, required=True, example="2024-01-01"),
        ImportField("contract_end", "聘期截止", DATE, example="2026-12-31"),
        ImportField("duty_days_per_month", "每月值班天数", INT, example=2),
    ],
)

CONSULTATION_IMPORT = ImportSpec(
    model=Consultation,
    title="值班咨询日志",
    key=("unit", "consulted_on", "advisor", "summary"),
    fields=[
        ImportField("unit", "村（社区）", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("consulted_on", "咨询日期", DATE, required=True, example="2024-03-15"),
        ImportField("advisor", "法律顾问", TEXT, required=True, example="刘建华"),
        ImportField("consulter_name", "咨询人", TEXT, help="可不填（匿名咨询）"),
        ImportField("category", "问题类别", CHOICE, required=True, choices=tuple(Consultation.Category.choices)),
        ImportField("summary", "问题摘要", TEXT, required=True, example="示例：土地流转合同到期后能否收回"),
        ImportField("disposition", "处理方式", CHOICE, required=True, choices=tuple(Consultation.Disposition.choices)),
        ImportField("answer", "解答意见", TEXT),
    ],
)

LECTURE_IMPORT = ImportSpec(
    model=Lecture,
    title="法治讲座台账",
    key=("unit", "year", "topic"),
    fields=[
        ImportField("unit", "村（社区）", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("topic", "讲座主题", TEXT, required=True, example="示例：民法典与农村生活"),
        ImportField("speaker", "主讲人", TEXT, required=True, example="刘建华"),
        ImportField("held_on", "举办日期", DATE, example="2024-03-20"),
        ImportField("audience", "听众人数", INT, example=45),
    ],
)

LEGAL_AID_IMPORT = ImportSpec(
    model=LegalAidApplication,
    title="法律援助申请台账",
    key=("application_no",),
    fields=[
        ImportField("unit", "受理机构", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("application_no", "申请编号", TEXT, required=True, example="示例：XDT-FY-2024-001"),
        ImportField("applied_on", "申请日期", DATE, required=True, example="2024-03-01"),
        ImportField("channel", "申请渠道", CHOICE, required=True, choices=tuple(LegalAidApplication.Channel.choices)),
        ImportField("applicant_name", "申请人姓名", TEXT, required=True, example="王五"),
        ImportField("applicant_id_number", "公民身份号码", ID_NUMBER, required=True),
        ImportField("applicant_phone", "联系电话", PHONE),
        ImportField("applicant_address", "住址", TEXT),
        ImportField("case_type", "案件类型", CHOICE, required=True, choices=tuple(LegalAidApplication.CaseType.choices)),
        ImportField("matter", "申请事项", TEXT, required=True, example="追索劳动报酬"),
    ],
)

ITEM_IMPORT = ImportSpec(
    model=CertificationItem,
    title="证明事项告知承诺清单",
    key=("unit", "name", "matter"),
    fields=[
        ImportField("unit", "实施单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("name", "证明事项名称", TEXT, required=True, example="示例：无犯罪记录证明"),
        ImportField("matter", "适用的办理事项", TEXT, required=True, example="食品经营许可"),
        ImportField("legal_basis", "设定依据", TEXT, required=True, example="《食品经营许可管理办法》"),
        ImportField("issuing_unit", "原出具证明单位", TEXT, required=True, example="公安机关"),
        ImportField("method", "核查方式", CHOICE, required=True, choices=tuple(CertificationItem.Method.choices)),
        ImportField("verification_days", "核查时限（工作日）", INT, required=True, example=20),
        ImportField("listed_on", "列入清单日期", DATE, required=True, example="2024-01-01"),
    ],
)
