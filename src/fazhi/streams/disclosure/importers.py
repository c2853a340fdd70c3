"""Excel import of the 依申请公开 register (intake: who asked for what, when and how).
Natural key: unit + 申请编号. Handling (补正, consultation, reply) is recorded on the pages,
where each step is checked against its statutory period."""

from __future__ import annotations

from fazhi.core.importers import CHOICE, DATE, ID_NUMBER, INT, PHONE, TEXT, UNIT, USCC, ImportField, ImportSpec
from fazhi.streams.disclosure.models import ApplicantType, Channel, DisclosureRequest

DISCLOSURE_IMPORT = ImportSpec(
    model=DisclosureRequest,
    title="依申请公开台账",
    key=("unit", "request_no"),
    fields=[
        ImportField("unit", "承办单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2026),
        ImportField("request_no", "申请编号", TEXT, required=True, example="示例：依申2026-001"),
        ImportField("channel", "提交方式", CHOICE, required=True, choices=tuple(Channel.choices)),
        ImportField("submitted_on", "提交日期", DATE, example="2026-03-02", help="按 2026-03-02 格式填写"),
        ImportField("signed_on", "签收日期", DATE, help="邮寄需签收的必填"),
        ImportField("confirmed_on", "确认日期", DATE, help="平常信函、互联网渠道或传真提交的必填"),
        ImportField("applicant_type", "申请人类型", CHOICE, required=True, choices=tuple(ApplicantType.choices)),
        ImportField("applicant_name", "申请人姓名或名称", TEXT, required=True),
        ImportField("applicant_id_number", "公民身份号码", ID_NUMBER, help="申请人为自然人的必填"),
        ImportField("applicant_credit_code", "统一社会信用代码", USCC, help="申请人为法人或其他组织的必填"),
        ImportField("applicant_phone", "联系电话", PHONE, required=True),
        ImportField("applicant_address", "通信地址", TEXT),
        ImportField("information", "所需政府信息的名称、文号或描述", TEXT, required=True),
        ImportField("handler", "经办人", TEXT),
    ],
)
