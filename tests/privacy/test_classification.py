"""Issue 9 item 2: a field-level classification of personal data in every model, and the
document generated from it (docs/personal-data.md)."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps

from fazhi.core import privacy
from tests.privacy import scan

DOC = Path(__file__).resolve().parents[2] / "docs" / "personal-data.md"


def test_every_field_that_looks_personal_is_declared_one_way_or_the_other():
    assert privacy.unclassified() == []


def test_the_walk_sees_the_fields_it_must_classify():
    user = apps.get_model("accounts", "User")
    petition = apps.get_model("petitions", "Petition")
    assert privacy.looks_personal(user._meta.get_field("phone"))
    assert privacy.looks_personal(petition._meta.get_field("petitioner_id_number"))
    assert privacy.looks_personal(petition._meta.get_field("leader_name"))  # 包案领导
    assert not privacy.looks_personal(petition._meta.get_field("year"))


def test_declarations_name_real_fields_kinds_that_mask_and_reasons():
    for model in apps.get_models():
        decl = privacy.declaration(model)
        for name, kind in decl.personal.items():
            model._meta.get_field(name)  # raises on a typo
            assert kind in privacy.MASKERS, f"{model._meta.label}.{name}: {kind}"
        for name, reason in decl.not_personal.items():
            model._meta.get_field(name)
            assert len(reason) >= 6, f"{model._meta.label}.{name}: 请写明不脱敏的理由"
            assert name not in decl.personal, f"{model._meta.label}.{name} 同时声明为个人信息和非个人信息"


def test_the_personal_data_document_is_current():
    expected = privacy.personal_data_markdown()
    assert DOC.read_text(encoding="utf-8") == expected, (
        "docs/personal-data.md 已过期：运行 fazhi manage fazhi_anonymise --write-doc docs/personal-data.md")
    assert "| 信访件（`petitions.Petition`） | 公民身份号码（`petitioner_id_number`） | 公民身份号码 |" in expected
    assert "行政执法人员姓名与执法证号依行政执法公示制度公开" in expected


def test_masking_of_every_kind_hides_the_value():
    assert privacy.mask("names", "张三丰、欧阳娜娜") == "张某、欧阳某"
    assert privacy.mask("account", "13912345678") == "139****5678"
    assert privacy.mask("account", "wang@example.cn") == "w***@example.cn"
    assert privacy.mask("ip", "203.0.113.7") == "203.0.*.*"


def test_the_scanner_finds_what_it_looks_for():
    page = scan.Page("/gk/x/", 200, "text/html", "当事人王小明，身份证号 11010519491231002X，电话 13912345678，"
                     "座机 0736-7712345；脱敏：110105********002X、139****5678、王某；举报电话 0736-12345678")
    found = scan.leaks([page], {"王小明"}, {"0736-12345678"})
    assert [f.split(" ")[1] for f in found] == ["身份证号", "手机号", "固定电话", "姓名"], found
    assert all(f.startswith("/gk/x/: ") for f in found)
    # an 18-digit number with a wrong check character is not an ID number
    assert scan.leaks([scan.Page("/", 200, "text/html", "110105194912310021")], set(), set()) == []
