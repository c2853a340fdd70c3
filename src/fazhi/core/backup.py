"""Backup and restore of the whole platform database, the same way on SQLite and PostgreSQL.

A backup is one gzip-compressed JSON document::

    {"format": "fazhi-backup/1", "created_at": ..., "database": "sqlite"|"postgresql",
     "migrations": {app: last migration}, "fingerprint": {model: [rows, sha256]},
     "objects": [Django serialised objects, foreign keys to content types by natural key],
     "files": [{"name", "sha256", "data" (base64)}: every uploaded file a row names],
     "missing_files": [names a row names but the media folder lacks]}

``restore`` refuses a file whose migrations differ from the installed code's, loads every
object in one transaction (all or nothing), then recomputes the fingerprint and refuses (rolls
back) if any table's row count or checksum differs from the file's. Uploaded files (the
``FileField`` values of the rows, kept under ``MEDIA_ROOT``) travel in the same file, each with its
SHA-256; a restore writes them back, checked, in the same all-or-nothing step. A backup of format
``fazhi-backup/1`` (before uploads existed) still restores. Content types, permissions,
sessions and login-attempt records are not part of the data: they are rebuilt or ephemeral.
"""

from __future__ import annotations

import base64
import datetime
import gzip
import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "fazhi-backup/2"
READABLE_FORMATS = {"fazhi-backup/1", FORMAT}
SKIP_APPS = {"contenttypes", "sessions", "admin", "axes"}
SKIP_MODELS = {"auth.permission"}


class ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps them to the microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            r = o.isoformat()
            return r[:-6] + "Z" if r.endswith("+00:00") else r
        return super().default(o)


def _serialize(objects) -> str:
    return serializers.serialize("json", objects, use_natural_foreign_keys=True, cls=ExactEncoder)


class BackupError(Exception):
    """A backup that cannot be restored here; the message is for the operator (Chinese)."""


def backed_up_models() -> list:
    """Every model whose rows are data, parents before children (serializers.sort_dependencies)."""
    app_list = {}
    for cfg in apps.get_app_configs():
        if cfg.label in SKIP_APPS:
            continue
        models = [m for m in cfg.get_models() if m._meta.label_lower not in SKIP_MODELS
                  and not m._meta.proxy and m._meta.managed]
        if models:
            app_list[cfg] = models
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def _rows(model):
    return model._base_manager.order_by("pk").iterator(chunk_size=2000)


def fingerprint() -> dict[str, list]:
    """Row count and SHA-256 of the serialised rows of each table, in primary-key order."""
    result = {}
    for model in backed_up_models():
        digest, count = hashlib.sha256(), 0
        for obj in _rows(model):
            text = _serialize([obj])
            digest.update(text.encode())
            count += 1
        result[model._meta.label_lower] = [count, digest.hexdigest()]
    return result


def migration_state() -> dict[str, str]:
    applied = MigrationRecorder(connection).applied_migrations()
    last: dict[str, str] = {}
    for app, name in sorted(applied):
        last[app] = max(last.get(app, ""), name)
    return last


def uploaded_names() -> list[str]:
    """The stored names of every uploaded file a row refers to (the FileFields of the data)."""
    names: set[str] = set()
    for model in backed_up_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                names.update(n for n in model._base_manager.exclude(**{f.name: ""})
                             .values_list(f.name, flat=True) if n)
    return sorted(names)


def missing_uploads() -> list[str]:
    """Uploads a row refers to that are not in the media folder (a backup cannot hold them)."""
    return [name for name in uploaded_names() if not default_storage.exists(name)]


CHUNK = 3 * 256 * 1024  # bytes read at a time; a multiple of 3, so the base64 pieces join without padding


def _write_files_streamed(fh, names: list[str]) -> list[str]:
    """Write the ``files`` entries of the document to ``fh`` one upload at a time, each read in
    chunks and base64-encoded as it is read (memory stays flat whatever the uploads' size);
    returns the names the media folder lacks."""
    missing, first = [], True
    for name in names:
        try:
            source = default_storage.open(name, "rb")
        except OSError:
            missing.append(name)
            continue
        digest = hashlib.sha256()
        with source:
            fh.write(("" if first else ", ") + '{"name": ' + json.dumps(name, ensure_ascii=False) + ', "data": "')
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                fh.write(base64.b64encode(chunk).decode("ascii"))
        fh.write(f'", "sha256": "{digest.hexdigest()}"}}')
        first = False
    return missing


def backup(path: Path) -> dict[str, list]:
    """Write a backup of the whole database and its uploaded files to ``path``; returns its
    fingerprint. An upload a row names but the media folder lacks is listed in the file."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():  # one consistent snapshot of every table
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        fp = fingerprint()
        objects = []
        for model in backed_up_models():
            objects.extend(json.loads(_serialize(_rows(model))))
        names = uploaded_names()
    document = {"format": FORMAT, "created_at": timezone.now().isoformat(), "database": connection.vendor,
                "migrations": migration_state(), "fingerprint": fp, "objects": objects}
    path = Path(path)
    tmp = path.with_suffix(path.suffix + ".part")
    with gzip.open(tmp, "wt", encoding="utf-8") as fh:
        head = json.dumps(document, ensure_ascii=False)
        fh.write(head[:-1] + ', "files": [')  # the document without its closing brace, then the uploads
        missing = _write_files_streamed(fh, names)
        fh.write('], "missing_files": ' + json.dumps(missing, ensure_ascii=False) + "}")
    tmp.replace(path)  # a crash mid-write never leaves a truncated file under the final name
    return fp


def _read(path: Path) -> dict:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            document = json.load(fh)
    except (OSError, EOFError, ValueError) as exc:
        raise BackupError(f"无法读取备份文件：{exc}") from exc
    if not isinstance(document, dict) or document.get("format") not in READABLE_FORMATS:
        raise BackupError("不是法治平台的备份文件")
    return document


def restore(path: Path, *, replace: bool = False) -> dict[str, list]:
    """Load a backup into this database; all or nothing, checked against the file's fingerprint."""
    document = _read(Path(path))
    installed = migration_state()
    if document["migrations"] != installed:
        differ = sorted(k for k in set(installed) | set(document["migrations"])
                        if installed.get(k) != document["migrations"].get(k))
        raise BackupError(f"备份的数据库结构与当前版本不一致（{'、'.join(differ)}），请先升级到备份时的版本")
    has_data = any(model._base_manager.exists() for model in backed_up_models())
    if has_data and not replace:
        raise BackupError("当前数据库已有数据。确认要用备份覆盖时，请加 --replace")
    with transaction.atomic():
        if has_data:
            _clear()
        objects = serializers.deserialize("json", json.dumps(document["objects"]), handle_forward_references=True)
        pending = []
        for obj in objects:
            obj.save()
            if obj.deferred_fields:
                pending.append(obj)
        for obj in pending:
            obj.save_deferred_fields()
        _reset_sequences()
        found = fingerprint()
        if found != document["fingerprint"]:
            bad = sorted(k for k in found if found[k] != document["fingerprint"].get(k))
            raise BackupError(f"恢复后校验不一致（{'、'.join(bad)}），已全部撤销")
        _write_files(document.get("files", []))
    # Everything cached from the records before (figures, pages) described other data: it goes
    # too (a restore writes no audit events, so nothing else would drop it).
    cache.clear()
    return found


def _write_files(files: list) -> None:
    """Put the backup's uploads back under MEDIA_ROOT, each checked against its SHA-256 first; a
    bad entry refuses the whole restore (the caller's transaction rolls the rows back)."""
    media = Path(default_storage.location).resolve()
    checked = []
    for entry in files:
        try:
            name, data = str(entry["name"]), base64.b64decode(entry["data"], validate=True)
        except (KeyError, TypeError, ValueError) as exc:
            raise BackupError("备份中的上传文件已损坏，已全部撤销") from exc
        target = (media / name).resolve()
        if not target.is_relative_to(media) or hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            raise BackupError(f"备份中的上传文件“{name}”校验不一致，已全部撤销")
        checked.append((target, data))
    for target, data in checked:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(target)


def _clear() -> None:
    """Empty the data tables (children first) without the model guards (audit rows are append-only
    for the application, not for a restore)."""
    with transaction.atomic(), connection.cursor() as cursor:  # foreign keys are checked at commit
        for model in reversed(backed_up_models()):
            for m2m in model._meta.local_many_to_many:
                through = m2m.remote_field.through
                if through._meta.auto_created:
                    cursor.execute(f"DELETE FROM {connection.ops.quote_name(through._meta.db_table)}")
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def _reset_sequences() -> None:
    """PostgreSQL keeps id sequences apart from the rows: move them past the restored ids."""
    if connection.vendor != "postgresql":
        return

    statements = connection.ops.sequence_reset_sql(no_style(), backed_up_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)

