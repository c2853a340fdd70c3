"""fazhi backup / fazhi restore round-trip the data with identical row counts and checksums,
refuse a damaged or foreign file, and never half-restore."""

from __future__ import annotations

import gzip
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core import backup as bk
from fazhi.core.models import Deadline, Unit
from fazhi.streams.mediation.models import MediationCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("fazhi_demo", streams="study,mediation,petitions")


def test_a_backup_restores_into_an_empty_database_with_identical_counts_and_checksums(demo, tmp_path):
    before = bk.fingerprint()
    assert before["mediation.mediationcase"][0] > 800 and before["accounts.user"][0] > 10
    path = tmp_path / "fazhi.json.gz"
    call_command("fazhi_backup", "-o", str(path))
    bk._clear()
    assert not Unit.objects.exists() and not MediationCase.objects.exists()
    call_command("fazhi_restore", str(path))
    assert bk.fingerprint() == before
    assert Deadline.objects.filter(content_type__app_label="mediation").exists()


def test_restoring_over_changed_data_needs_confirmation_then_brings_back_the_backup(demo, tmp_path):
    path = tmp_path / "fazhi.json.gz"
    before = bk.backup(path)
    MediationCase.objects.filter(pk=MediationCase.objects.first().pk).update(facts="被改动的内容")
    with pytest.raises(CommandError, match="已有数据"):
        call_command("fazhi_restore", str(path))
    cache.set("fazhi:indicators:stamp:test", "figures of the changed data")
    call_command("fazhi_restore", str(path), "--replace")
    assert bk.fingerprint() == before
    assert not MediationCase.objects.filter(facts="被改动的内容").exists()
    # figures cached from the changed data are gone (a restore writes no audit events to drop them)
    assert cache.get("fazhi:indicators:stamp:test") is None


def test_a_tampered_backup_is_refused_and_the_database_is_unchanged(demo, tmp_path):
    path = tmp_path / "fazhi.json.gz"
    bk.backup(path)
    document = json.loads(gzip.decompress(path.read_bytes()))
    case = next(o for o in document["objects"] if o["model"] == "mediation.mediationcase")
    case["fields"]["facts"] = "篡改"
    path.write_bytes(gzip.compress(json.dumps(document, ensure_ascii=False).encode()))
    current = bk.fingerprint()
    with pytest.raises(CommandError, match="校验不一致"):
        call_command("fazhi_restore", str(path), "--replace")
    assert bk.fingerprint() == current


def test_a_file_that_is_not_a_backup_gets_a_chinese_error(db, tmp_path):
    path = tmp_path / "x.json.gz"
    path.write_bytes(b"not gzip")
    with pytest.raises(CommandError, match="无法读取备份文件"):
        call_command("fazhi_restore", str(path))
