"""Demo records of legality review and filing.

2023 reproduces the seed report ("全年依法审查规范性文件3份，招商协议、投资协议等经济合同7份，法律文件
7份，办理涉法事务11次。规范性文件报备率、报备及时率、规范率100%"). The current year adds a few open
records around today's date: one review due soon, one overdue, one returned for supplement
(its clock paused), and one published document whose filing period is running out.
Names, phones and credit codes are synthetic; credit codes carry valid check characters.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from fazhi.core import calendar
from fazhi.core.deadlines import sync as sync_deadlines
from fazhi.core.identifiers import uscc_check_char
from fazhi.core.models import Unit
from fazhi.demo.layers import Lifecycle, Step, replay
from fazhi.streams.normative import services
from fazhi.streams.normative.models import NormativeDocument, ReviewRequest

REVIEWER = "李法治（公职律师）"
FILED_WITH = "常德市人民政府"

NORMATIVE_2023 = [
    # (number, title, received, opinion, opinion date, doc no, discussed, published, filed, filing reviewed)
    (1, "关于印发《西洞庭管理区行政规范性文件管理办法》的通知", date(2023, 3, 6), "agree_amended", date(2023, 3, 17),
     "西管发〔2023〕1号", date(2023, 3, 28), date(2023, 4, 3), date(2023, 4, 20), date(2023, 5, 15)),
    (2, "关于印发《西洞庭管理区农村集体资产管理办法》的通知", date(2023, 6, 5), "agree", date(2023, 6, 16),
     "西管发〔2023〕2号", date(2023, 6, 27), date(2023, 7, 3), date(2023, 7, 25), date(2023, 8, 21)),
    (3, "关于印发《西洞庭管理区城乡居民最低生活保障实施细则》的通知", date(2023, 9, 18), "agree_amended",
     date(2023, 9, 28), "西管发〔2023〕3号", date(2023, 10, 17), date(2023, 10, 23), date(2023, 11, 10),
     date(2023, 12, 4)),
]

CONTRACTS_2023 = [
    ("西洞庭管理区农产品冷链物流园招商协议", "湖南洞庭冷链物流有限公司（示例）", 8000),
    ("西洞庭管理区稻虾综合种养基地投资协议", "常德示范生态农业发展有限公司（示例）", 3500),
    ("西洞庭管理区光伏发电项目投资协议", "湖南示例新能源科技有限公司", 12000),
    ("西洞庭管理区食品加工产业园招商协议", "常德示例食品股份有限公司", 6000),
    ("西洞庭管理区旧城改造项目合作协议", "湖南示例城市建设发展有限公司", 15000),
    ("西洞庭管理区乡村旅游综合体投资协议", "常德示例文化旅游开发有限公司", 4200),
    ("西洞庭管理区标准厂房租赁合同", "湖南示例智能装备制造有限公司", 600),
]

LEGAL_DOCUMENTS_2023 = [
    "某某诉西洞庭管理区自然资源局土地行政登记案答辩状",
    "某某诉西洞庭管理区市场监督管理局行政处罚案答辩状",
    "关于某某申请行政复议一案的行政复议答复书",
    "西洞庭管理区生态环境分局行政处罚决定书（示例）",
    "西洞庭管理区住房和城乡建设局责令限期拆除决定书（示例）",
    "西洞庭管理区应急管理局行政处罚听证告知书（示例）",
    "西洞庭管理区管委会授权委托书（行政应诉）",
]

LEGAL_AFFAIRS_2023 = [
    "关于某村土地承包经营权纠纷信访事项的法律意见",
    "关于征收集体土地补偿安置争议的法律意见",
    "关于国有资产处置程序合法性的法律意见",
    "关于政府采购质疑答复的法律意见",
    "关于拖欠企业账款清理的法律意见",
    "关于行政执法案卷评查问题整改的法律意见",
    "关于重大行政执法决定法制审核事项的法律意见",
    "关于农村宅基地历史遗留问题处理的法律意见",
    "关于企业破产重整涉政府债权的法律意见",
    "关于政务信息公开申请答复的法律意见",
    "关于安全生产事故调查处理程序的法律意见",
]

# Submitting units (code suffix of the demo departments); the county itself when absent.
CONTRACT_UNITS = ["-D01", "-D10", "-D01", "-D08", "-D09", "-D01", "-D08"]
DOCUMENT_UNITS = ["-D05", "-D03", "-D02", "-D11", "-D09", "-D13", "-D02"]
AFFAIR_UNITS = ["-D14", "-D05", "-D08", "-D08", "-D01", "-D03", "-D03", "-D10", "-D08", "-D06", "-D13"]


def synthetic_uscc(serial: int) -> str:
    """A made-up 统一社会信用代码 of a 常德 company with a valid GB 32100 check character."""
    first17 = f"91430700MA4Q{serial:05d}"
    return first17 + uscc_check_char(first17)


def _unit(county: Unit, suffix: str) -> Unit:
    return Unit.objects.filter(code=f"{county.code}{suffix}").first() or county


def _working_days_before(d: date, n: int) -> date:
    while n > 0:
        d -= timedelta(days=1)
        if calendar.is_workday(d):
            n -= 1
    return d


def _review(unit: Unit, number: str, received_on: date, **fields) -> tuple[ReviewRequest, bool]:
    review, created = ReviewRequest.objects.get_or_create(
        review_no=number, defaults={"unit": unit, "year": received_on.year, "received_on": received_on, **fields})
    sync_deadlines(review)
    return review, created


def _closed(unit: Unit, serial: int, kind: str, title: str, received_on: date, opinion_on: date,
            opinion: str = "agree", **fields) -> None:
    _review(unit, f"西法审〔2023〕{serial}号", received_on, kind=kind, title=title, state="closed",
            reviewer=REVIEWER, reviewer_qualified=True, opinion=opinion, opinion_on=opinion_on,
            opinion_text="经审查，该事项主体适格、内容合法、程序正当。" if opinion == "agree"
            else "经审查，建议修改部分条款后出台，具体意见见附件。",
            adoption="adopted", contact_name="王晓红", contact_phone="13807360000", **fields)


def _document(unit: Unit, doc_no: str, title: str, **fields) -> NormativeDocument:
    year = int(doc_no.split("〔")[1][:4])
    document, _ = NormativeDocument.objects.get_or_create(
        doc_no=doc_no, defaults={"unit": unit, "year": year, "title": title, **fields})
    sync_deadlines(document)
    return document


def _load_2023(county: Unit) -> None:
    office = _unit(county, "-D01")
    for serial, title, received, opinion, opinion_on, doc_no, discussed, published, filed, judged in NORMATIVE_2023:
        _closed(office, serial, "normative", title, received, opinion_on, opinion)
        _document(county, doc_no, title, review_ref=f"西法审〔2023〕{serial}号", fair_competition="not_applicable",
                  discussed_on=discussed, meeting="管委会主任办公会议", published_on=published,
                  channel="西洞庭管理区人民政府门户网站", filed_on=filed, filed_with=FILED_WITH,
                  filing_reviewed_on=judged, conformity="conforming", state="accepted")
    start = date(2023, 2, 13)
    for i, (title, party, amount) in enumerate(CONTRACTS_2023):
        received = start + timedelta(weeks=6 * i)
        _closed(_unit(county, CONTRACT_UNITS[i]), 4 + i, "contract", title, received, received + timedelta(days=7),
                counterparty_name=party, counterparty_uscc=synthetic_uscc(101 + i), amount=amount)
    for i, title in enumerate(LEGAL_DOCUMENTS_2023):
        received = date(2023, 1, 16) + timedelta(weeks=7 * i)
        _closed(_unit(county, DOCUMENT_UNITS[i]), 11 + i, "legal_document", title, received,
                received + timedelta(days=4))
    for i, title in enumerate(LEGAL_AFFAIRS_2023):
        received = date(2023, 1, 10) + timedelta(weeks=3 * i)
        _closed(_unit(county, AFFAIR_UNITS[i]), 18 + i, "legal_affair", title, received,
                received + timedelta(days=3))


def _load_current(county: Unit, today: date) -> None:
    """Open records dated relative to ``today`` so the lists and reminders show something. On a
    rest day the working-day dates count from the last working day, so the demo shows the same
    due-soon and overdue work on a Saturday as on the Friday before."""
    market, office = _unit(county, "-D03"), _unit(county, "-D01")
    if not calendar.is_workday(today):
        today = _working_days_before(today, 1)
    y = today.year
    contact = {"contact_name": "王晓红", "contact_phone": "13807360000"}
    _review(market, f"西法审〔{y}〕101号", _working_days_before(today, 12), kind="normative",
            title="关于印发《西洞庭管理区市场主体登记告知承诺办理规定》的通知", state="reviewing", reviewer=REVIEWER,
            **contact)
    _review(office, f"西法审〔{y}〕102号", _working_days_before(today, 20), kind="normative",
            title="关于印发《西洞庭管理区政府投资项目管理办法》的通知", state="reviewing", reviewer=REVIEWER,
            **contact)
    returned_on = _working_days_before(today, 2)
    review, created = _review(market, f"西法审〔{y}〕103号", _working_days_before(today, 6), kind="normative",
                              title="关于印发《西洞庭管理区食品小作坊管理办法》的通知", state="returned",
                              returned_on=returned_on, supplement_request="请补充起草说明和征求意见情况。", **contact)
    if created:
        services.pause_review(review, returned_on)
    _review(office, f"西法审〔{y}〕104号", _working_days_before(today, 3), kind="contract",
            title="西洞庭管理区现代农业产业园招商协议", state="assigned", reviewer=REVIEWER,
            counterparty_name="湖南示例现代农业集团有限公司", counterparty_uscc=synthetic_uscc(201), amount=20000,
            **contact)
    published = today - timedelta(days=27)
    number = f"西法审〔{published.year}〕100号"
    received = published - timedelta(days=40)
    _review(office, number, received, kind="normative", title="关于印发《西洞庭管理区河湖长制工作规定》的通知",
            state="closed", reviewer=REVIEWER, reviewer_qualified=True, opinion="agree",
            opinion_on=received + timedelta(days=10), opinion_text="经审查，同意出台。", adoption="adopted", **contact)
    _document(county, f"西管发〔{published.year}〕5号", "关于印发《西洞庭管理区河湖长制工作规定》的通知",
              review_ref=number, fair_competition="not_applicable", discussed_on=published - timedelta(days=6),
              meeting="管委会主任办公会议", published_on=published, channel="西洞庭管理区人民政府门户网站",
              state="published")
    _document(market, f"西市监发〔{y}〕2号", "关于印发《西洞庭管理区市场主体登记告知承诺办理规定》的通知",
              review_ref=f"西法审〔{y}〕101号", state="legality_review")


def _load_recorded(county: Unit) -> None:
    _load_2023(county)
    _load_current(county, timezone.localdate())


# The seed year replayed into the previous full year and the current year up to today
# (fazhi.demo.layers): records of each model's own units, cut at the last step reached today.
LATER_YEARS = (
    ("ReviewRequest", Lifecycle((Step("received_on", "reviewing"), Step("opinion_on", "opinion_issued")))),
    ("NormativeDocument", Lifecycle((Step("discussed_on", "collective"), Step("published_on", "published"),
                                     Step("filed_on", "filed"), Step("filing_reviewed_on", "accepted")))),
)


def load(county: Unit) -> None:
    _load_recorded(county)
    replay("normative", lifecycles=LATER_YEARS)
