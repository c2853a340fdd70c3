"""Minimal valid JSON payloads, per ledger, for the API tests.

A ledger missing here is still covered by the generic tests (schema, scoped list, refused
empty payload); add an entry to run the record-level tests against it too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from fazhi.core.identifiers import id_check_char

ID_FIRST17 = "43077119850312001"
PERSON_ID = ID_FIRST17 + id_check_char(ID_FIRST17)


@dataclass(frozen=True)
class Sample:
    payload: dict
    patch: dict  # a valid change
    personal: tuple[str, str] | None = None  # (field, value) that must be masked for a leader
    before: Callable | None = None  # before(api, unit_code) -> extra payload (prerequisite records)
    extra: dict = field(default_factory=dict)


def _committee(api, unit_code: str) -> dict:
    r = api.post("mediation/mediationcommittee/", {"unit": unit_code, "year": 2026, "name": "祝丰镇人民调解委员会"})
    assert r.status_code == 201, r.content.decode()
    return {"committee": r.json()["id"]}


SAMPLES: dict[str, Sample] = {
    "study.StudySession": Sample(
        payload={"year": 2026, "kind": "topic", "title": "专题研究法治政府建设年度工作要点", "planned_on": "2026-03-02"},
        patch={"title": "专题研究法治政府建设工作要点（修订）"},
    ),
    "disclosure.DisclosureRequest": Sample(
        payload={"year": 2026, "request_no": "依申2026-101", "channel": "in_person", "submitted_on": "2026-03-02",
                 "applicant_type": "natural", "applicant_name": "张三丰", "applicant_id_number": PERSON_ID,
                 "applicant_phone": "13912345678", "information": "2025年度食品安全抽检结果"},
        patch={"information": "2025年度食品安全抽检结果及处置情况"},
        personal=("applicant_phone", "13912345678"),
    ),
    "petitions.Petition": Sample(
        payload={"year": 2026, "reg_no": "XF-2026-0901", "channel": "visit", "registered_on": "2026-03-02",
                 "petitioner_name": "周德明", "category": "claim", "subject": "预付卡退费"},
        patch={"subject": "预付卡退费纠纷"},
        personal=("petitioner_name", "周德明"),
    ),
    "normative.ReviewRequest": Sample(
        payload={"year": 2026, "review_no": "合审2026-015", "kind": "contract", "title": "食品检测服务采购合同", "counterparty_name": "湖南某检测技术有限公司",
                 "received_on": "2026-03-02", "contact_name": "李晓明", "contact_phone": "13800001111"},
        patch={"title": "食品快检服务采购合同"},
        personal=("contact_phone", "13800001111"),
    ),
    "litigation.LitigationCase": Sample(
        payload={"year": 2026, "case_number": "（2026）湘0791行初12号", "court": "常德市鼎城区人民法院",
                 "cause": "行政处罚", "plaintiff_name": "王建国", "served_on": "2026-03-02"},
        patch={"cause": "行政处罚及行政复议"},
        personal=("plaintiff_name", "王建国"),
    ),
    "mediation.MediationCase": Sample(
        payload={"year": 2026, "registration_number": "西调2026-031", "dispute_type": "neighbour",
                 "accepted_on": "2026-03-02", "party_a_name": "刘桂兰", "party_a_phone": "13700002222"},
        patch={"facts": "相邻排水纠纷"},
        personal=("party_a_phone", "13700002222"),
        before=_committee,
    ),
    # --- checks ---
    "checks.BusinessInspection": Sample(
        payload={"year": 2026, "kind": "special", "matter": "食品贮存检查", "basis": "《中华人民共和国食品安全法》第一百一十条",
                 "entity_name": "西洞庭鲜味餐饮有限公司", "credit_code": "91430700MA4T000011", "planned_on": "2026-12-30",
                 "inspectors": "周敏 43070003001 2099-06-30；吴刚 43070003002 2099-06-30"},
        patch={"matter": "食品贮存和索证索票检查"},
    ),
    # --- cases ---
    "cases.EnforcementCase": Sample(
        payload={"year": 2026, "case_no": "西市监立〔2026〕21号", "kind": "penalty", "party_type": "person",
                 "party_person": "罗建平", "party_id_number": PERSON_ID, "cause": "无照经营", "source": "complaint",
                 "officer_names": "张执法、李执法", "officer_certs": "D032023001、D032023002", "filed_on": "2026-03-02"},
        patch={"cause": "无照经营食品"},
        personal=("party_person", "罗建平"),
    ),
    # --- pufa --- (the 法律明白人 roster is kept by village, which the 市场监管局 clerk cannot write:
    # it runs the generic API tests only, its masking is in tests/streams/pufa)
    "pufa.Activity": Sample(
        payload={"year": 2026, "title": "食品安全法进社区", "kind": "village", "held_on": "2026-03-15",
                 "audience_kind": "villagers", "audience_count": 80},
        patch={"audience_count": 95},
    ),
    "pufa.ResponsibilityItem": Sample(
        payload={"year": 2026, "law": "《中华人民共和国食品安全法》", "content": "食品安全主体责任", "audience": "食品经营者"},
        patch={"means": "专题讲座、以案释法"},
    ),
}
