"""A 整改 report's uploaded evidence travels with `fazhi backup` and comes back with `fazhi restore`,
checked; a backup whose file was altered is refused whole."""

from __future__ import annotations

import base64
import gzip
import json
import tracemalloc
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core import backup as bk
from fazhi.streams.supervision.models import Rectification
from tests.streams.supervision.conftest import add_finding, pdf

pytestmark = pytest.mark.django_db
RECT = "/s/supervision/rectifications/"
CONTENT = b"%PDF-1.7\n% evidence of rectification\n%%EOF\n"


@pytest.fixture
def reported(login, coordinator, clerk, visit) -> Rectification:
    r = add_finding(visit, coordinator)
    login(clerk).post(f"{RECT}{r.pk}/report/", {"report_text": "已整改。", "evidence": pdf(content=CONTENT),
                                                "evidence_link": ""})
    r.refresh_from_db()
    assert r.evidence.name
    return r


def test_the_uploaded_evidence_is_backed_up_and_restored_byte_for_byte(reported, tmp_path, login, clerk):
    path = tmp_path / "fazhi.json.gz"
    call_command("fazhi_backup", "-o", str(path))
    stored = Path(settings.MEDIA_ROOT) / reported.evidence.name
    stored.unlink()  # the disk is lost; the database too
    bk._clear()
    call_command("fazhi_restore", str(path))
    assert stored.read_bytes() == CONTENT
    download = login(clerk).get(f"{RECT}{reported.pk}/evidence/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == CONTENT


def test_a_backup_with_an_altered_file_is_refused_and_nothing_is_restored(reported, tmp_path):
    path = tmp_path / "fazhi.json.gz"
    bk.backup(path)
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        document = json.load(fh)
    document["files"][0]["data"] = base64.b64encode(b"%PDF-1.7 forged").decode()
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(document, fh, ensure_ascii=False)
    stored = Path(settings.MEDIA_ROOT) / reported.evidence.name
    stored.unlink()
    bk._clear()
    with pytest.raises(CommandError, match="校验不一致"):
        call_command("fazhi_restore", str(path))
    assert not Rectification.objects.exists() and not stored.exists()


def test_the_backup_warns_of_an_upload_missing_from_the_media_folder(reported, tmp_path, capsys):
    (Path(settings.MEDIA_ROOT) / reported.evidence.name).unlink()
    call_command("fazhi_backup", "-o", str(tmp_path / "b.json.gz"))
    assert "1 个上传文件在数据目录中找不到" in capsys.readouterr().err


def test_a_large_upload_is_streamed_into_the_backup_not_held_in_memory(reported, tmp_path):
    """An 8 MB upload (a scanned 整改 report) is read and encoded in chunks: the backup's peak Python
    memory stays far below the file's size, and the file comes back byte for byte."""
    big = (b"%PDF-1.7\n" + bytes(range(256)) * (8 * 4096))[: 8 * 1024 * 1024]
    stored = Path(settings.MEDIA_ROOT) / reported.evidence.name
    stored.write_bytes(big)
    path = tmp_path / "big.json.gz"
    tracemalloc.start()
    try:
        bk.backup(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB while backing up an 8 MiB upload"
    stored.unlink()
    bk._clear()
    bk.restore(path)
    assert stored.read_bytes() == big
