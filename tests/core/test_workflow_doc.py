"""docs/workflows.md is generated from the workflows and kept current; it names each guard's reasons."""

from __future__ import annotations

from pathlib import Path

from fazhi.core.workflow_doc import guard_reasons, markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "workflows.md"


def test_the_workflow_document_is_current():
    assert DOC.read_text(encoding="utf-8") == markdown(), (
        "docs/workflows.md is stale: run fazhi manage fazhi_workflows_doc -o docs/workflows.md")


def test_a_disclosure_reply_lists_the_reasons_a_client_gets_on_409():
    from fazhi.streams.disclosure.models import DisclosureRequest

    reasons = guard_reasons(DisclosureRequest.workflow.get("reply").guard, model=DisclosureRequest)
    assert "请先在编辑页选择答复类型" in reasons
    assert any(r.startswith("不予公开的，须告知申请人并说明理由") for r in reasons)


def test_reasons_are_found_through_helpers_conditional_returns_and_constants(tmp_path):
    import importlib.util

    source = tmp_path / "fake_guard.py"
    source.write_text('''
MISSING = "请先填写日期"


def _word(field):
    return f"请先填写{field}"


def guard(r):
    if r.a:
        return MISSING
    text = _word("承办人")
    if text and r.c:
        return text
    return None if r.b else "请先上传材料"
''', encoding="utf-8")
    spec = importlib.util.spec_from_file_location("fazhi.fake_guard", source)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert guard_reasons(module.guard) == ["请先填写日期", "请先填写…", "请先上传材料"]
