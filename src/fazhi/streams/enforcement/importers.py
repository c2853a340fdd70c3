"""Excel import of the enforcement ledgers. Natural keys: officer = certificate number;
exam = unit + exam date + candidate; training = certificate + date + course; licence item /
benchmark = unit + year + code; decision = unit + document number; campaign = unit + year +
title (score sheets are entered on the campaign's pages)."""

from __future__ import annotations

from fazhi.core.importers import BOOL, CHOICE, DATE, ID_NUMBER, INT, PHONE, TEXT, UNIT, USCC, ImportField, ImportSpec
from fazhi.streams.enforcement.models import (
    Benchmark,
    Campaign,
    CertificateType,
    Decision,
    DecisionType,
    ExamResult,
    LicenceItem,
    Officer,
    PartyType,
    TrainingRecord,
)

DATE_HELP = "按 2024-03-15 格式填写"

OFFICER_IMPORT = ImportSpec(
    model=Officer,
    title="执法人员台账",
    key=("unit", "certificate_no"),
    fields=[
        ImportField("unit", "所在单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024, help="发证日期所在年度"),
        ImportField("name", "姓名", TEXT, required=True, example="示例：王执法"),
        ImportField("certificate_no", "执法证号", TEXT, required=True, example="43077124001"),
        ImportField("certificate_type", "证件类型", CHOICE, required=True, choices=tuple(CertificateType.choices)),
        ImportField("enforcement_field", "执法类别/领域", TEXT, example="市场监管"),
        ImportField("issued_on", "发证日期", DATE, required=True, example="2024-03-15", help=DATE_HELP),
        ImportField("valid_until", "有效期至", DATE, required=True, example="2029-03-14", help=DATE_HELP),
        ImportField("id_number", "公民身份号码", ID_NUMBER),
        ImportField("phone", "联系电话", PHONE),
    ],
)

EXAM_IMPORT = ImportSpec(
    model=ExamResult,
    title="执法资格考试台账",
    key=("unit", "exam_date", "candidate_name"),
    fields=[
        ImportField("unit", "报考单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("candidate_name", "考生姓名", TEXT, required=True, example="示例：李考生"),
        ImportField("id_number", "公民身份号码", ID_NUMBER),
        ImportField("exam_date", "考试日期", DATE, required=True, example="2024-06-15", help=DATE_HELP),
        ImportField("score", "成绩", INT, required=True, example=85, help="百分制，达到合格分数线即为通过"),
        ImportField("certificate_no", "取得的执法证号", TEXT),
    ],
)

TRAINING_IMPORT = ImportSpec(
    model=TrainingRecord,
    title="执法人员培训台账",
    key=("unit", "certificate_no", "held_on", "course"),
    fields=[
        ImportField("unit", "所在单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("certificate_no", "执法证号", TEXT, required=True, example="43077124001"),
        ImportField("course", "培训内容", TEXT, required=True, example="示例：行政处罚法专题培训"),
        ImportField("held_on", "培训日期", DATE, required=True, example="2024-05-10", help=DATE_HELP),
        ImportField("hours", "学时", INT, required=True, example=8),
    ],
)

LICENCE_IMPORT = ImportSpec(
    model=LicenceItem,
    title="行政许可事项清单",
    key=("unit", "year", "item_code"),
    fields=[
        ImportField("unit", "实施单位", UNIT, required=True),
        ImportField("year", "清单年度", INT, required=True, example=2024),
        ImportField("item_code", "事项编码", TEXT, required=True, example="示例：XK-001"),
        ImportField("name", "许可事项名称", TEXT, required=True, example="食品经营许可"),
        ImportField("basis", "设定和实施依据", TEXT, required=True, example="《中华人民共和国食品安全法》第三十五条"),
        ImportField("issuing_body", "实施机关", TEXT, required=True, example="市场监督管理局"),
        ImportField("conditions", "许可条件", TEXT),
        ImportField("time_limit_days", "承诺办理时限（工作日）", INT),
        ImportField("fee", "收费情况", TEXT, example="不收费"),
        ImportField("commitment", "实行告知承诺制", BOOL, example="否"),
    ],
)

BENCHMARK_IMPORT = ImportSpec(
    model=Benchmark,
    title="行政裁量权基准",
    key=("unit", "year", "code"),
    fields=[
        ImportField("unit", "制定单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("code", "基准编号", TEXT, required=True, example="示例：CF-001-1"),
        ImportField("kind", "裁量类别", CHOICE, required=True, choices=tuple(Benchmark.Kind.choices)),
        ImportField("domain", "执法领域", TEXT, required=True, example="食品安全"),
        ImportField("violation", "违法行为", TEXT, required=True, example="未按规定公示食品经营许可证"),
        ImportField("basis", "法律依据", TEXT, required=True, example="《食品经营许可和备案管理办法》"),
        ImportField("grade", "违法程度", CHOICE, required=True, choices=tuple(Benchmark.Grade.choices)),
        ImportField("circumstances", "适用情形", TEXT),
        ImportField("penalty_range", "裁量幅度", TEXT, required=True, example="责令改正，给予警告"),
        ImportField("edition", "版本号", TEXT, example="1.0"),
    ],
)

DECISION_IMPORT = ImportSpec(
    model=Decision,
    title="行政执法决定公示台账",
    key=("unit", "doc_no"),
    fields=[
        ImportField("unit", "执法单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("doc_no", "决定书文号", TEXT, required=True, example="示例：西市监罚〔2024〕1号"),
        ImportField("decision_type", "决定类别", CHOICE, required=True, choices=tuple(DecisionType.choices)),
        ImportField("party_type", "当事人类型", CHOICE, required=True, choices=tuple(PartyType.choices)),
        ImportField("party_org", "当事人名称（单位、个体工商户字号）", TEXT),
        ImportField("party_credit_code", "统一社会信用代码", USCC),
        ImportField("party_person", "当事人姓名（自然人、经营者）", TEXT),
        ImportField("party_id_number", "当事人公民身份号码", ID_NUMBER),
        ImportField("matter", "案由/事项", TEXT, required=True, example="销售过期食品"),
        ImportField("basis", "执法依据", TEXT),
        ImportField("content", "决定内容", TEXT),
        ImportField("decided_on", "决定日期", DATE, required=True, example="2024-03-15", help=DATE_HELP),
    ],
)

CAMPAIGN_IMPORT = ImportSpec(
    model=Campaign,
    title="案卷评查活动台账",
    key=("unit", "year", "title"),
    fields=[
        ImportField("unit", "组织单位（本系统）", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("title", "活动名称", TEXT, required=True, example="示例：2024年度行政执法案卷评查"),
        ImportField("kind", "评查形式", CHOICE, required=True, choices=tuple(Campaign.Kind.choices)),
        ImportField("organiser", "组织单位", TEXT, required=True, example="司法局"),
        ImportField("scope_note", "评查范围", TEXT),
        ImportField("held_on", "评查日期", DATE, help=DATE_HELP),
    ],
)
