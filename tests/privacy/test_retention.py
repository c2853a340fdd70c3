"""Issue 9 item 2, retention: personal data of cases closed longer ago than the retention period
is anonymised by `fazhi manage fazhi_anonymise`; audited without the values; idempotent."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from fazhi.core import retention
from fazhi.core.models import AuditEvent
from fazhi.streams.legal_services.models import Consultation

NAME, PHONE = "欧阳晓明", "13912345678"


def consultation(unit, *, state: str, closed_years_ago: float, name: str = NAME) -> Consultation:
    c = Consultation.objects.create(unit=unit, year=2015, state=state, consulted_on="2015-03-02", advisor="周律师",
                                    consulter_name=name, consulter_phone=PHONE, category="family", summary="离婚财产")
    Consultation.objects.filter(pk=c.pk).update(
        updated_at=timezone.now() - timedelta(days=int(365.25 * closed_years_ago)))
    return c


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("fazhi_anonymise", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_closed_cases_past_the_period_are_anonymised_and_audited_without_the_values(county, settings):
    settings.FAZHI_RETENTION_YEARS = 5
    old = consultation(county, state="closed", closed_years_ago=6)
    recent = consultation(county, state="closed", closed_years_ago=4, name="李建国")
    still_open = consultation(county, state="logged", closed_years_ago=8, name="赵卫东")

    output = run()

    old.refresh_from_db()
    assert (old.consulter_name, old.consulter_phone) == ("欧阳某", "*" * 11)
    assert old.version == 2  # an edit form opened before refuses its stale save
    for untouched in (recent, still_open):
        before = untouched.consulter_phone
        untouched.refresh_from_db()
        assert untouched.consulter_phone == before == PHONE and untouched.version == 1
    assert "值班咨询日志（保存5年）：到期 1 条，已匿名化 1 条" in output
    assert "共已匿名化 1 条记录" in output

    event = AuditEvent.objects.get(object_type="legal_services.consultation", object_id=str(old.pk))
    assert event.action == AuditEvent.Action.UPDATE
    assert "个人信息匿名化：办结超过5年" in event.note and "咨询人" in event.note
    text = json.dumps([event.before, event.after, event.note, event.object_repr, event.actor_name], ensure_ascii=False)
    assert NAME not in text and PHONE not in text


@pytest.mark.django_db
def test_a_dry_run_changes_nothing_and_a_second_run_finds_nothing_left(county, settings):
    settings.FAZHI_RETENTION_YEARS = 3
    c = consultation(county, state="closed", closed_years_ago=4)
    events = AuditEvent.objects.count()

    assert "将匿名化 1 条" in run("--dry-run") and "试运行，未修改数据" in run("--dry-run")
    c.refresh_from_db()
    assert c.consulter_name == NAME and AuditEvent.objects.count() == events

    run()
    assert AuditEvent.objects.count() == events + 1
    second = run()
    assert "共已匿名化 0 条记录" in second
    assert AuditEvent.objects.count() == events + 1
    c.refresh_from_db()
    assert (c.consulter_name, c.consulter_phone, c.version) == ("欧阳某", "*" * 11, 2)


@pytest.mark.django_db
def test_the_period_can_be_set_per_model_or_stream(county, settings):
    settings.FAZHI_RETENTION_YEARS = 30
    c = consultation(county, state="closed", closed_years_ago=2)
    assert retention.retention_years(Consultation) == 30
    settings.FAZHI_RETENTION_YEARS_BY_MODEL = {"legal_services": 10, "legal_services.consultation": 1}
    assert retention.retention_years(Consultation) == 1
    run()
    c.refresh_from_db()
    assert c.consulter_name == "欧阳某"


@pytest.mark.django_db
def test_a_bad_date_is_a_chinese_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="日期格式"):
        run("--date", "2024-13-01")


def test_every_kind_anonymises_to_a_fixed_point():
    samples = {"id_number": "11010519491231002X", "phone": "0736-7712345", "name": "张三丰", "names": "张三、李四",
               "address": "金凤街道湘北路93号", "email": "wang@example.cn", "account": "13912345678", "ip": "10.1.2.3"}
    for kind, value in samples.items():
        once = retention.anonymise_value(kind, value)
        assert once != value and retention.anonymise_value(kind, once) == once, kind
    assert retention.anonymise_value("id_number", samples["id_number"]) == "*" * 18


def test_every_ledger_with_personal_data_and_a_final_state_is_covered():
    labels = {m._meta.label_lower for m in retention.covered_models()}
    assert {"petitions.petition", "mediation.mediationcase", "disclosure.disclosurerequest",
            "legal_services.legalaidapplication", "complaints.complaint"} <= labels
