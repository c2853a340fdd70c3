"""One stamp for everything cached from the records: "until the next audited change".

Every write of a record is audited (``core.audit``), and every audited change sends
``audit.recorded`` — the signal that drops closed-year snapshots (``snapshots.py``). The same
receiver (``changed``) replaces the **stamp** once the change commits; whatever is cached under
the old stamp is never read again. Cached figures (``engine.compute_all``, the cockpit's
sub-unit figures) are keyed by the stamp and today's date (figures that depend on today move at
midnight without any change), so a cached figure is exact, never stale:

- the stamp is a random token in the shared cache (``settings.CACHES``: files under FAZHI_HOME,
  one per host, read by every worker process), replaced after the commit of any audited change
  (``transaction.on_commit``): a reader that began before the commit stores its figures under the
  old token, which nobody asks for again; a token lost from the cache (evicted) becomes a new
  one — a miss, never an old answer;
- figures are read from and written to the cache only outside a transaction
  (``usable()``): inside one, they may see the transaction's own uncommitted writes, which a
  rollback would undo;
- writes that are not audited (``fazhi bench generate``, the demo's bulk loads) call ``bump()``
  themselves, or are followed by a process that does; ``fazhi restore`` clears the whole cache;
- the key also holds the database, the indicator versions and the settings (FAZHI_RULES),
  so a new release or a changed rule does not read an older answer.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.dispatch import receiver
from django.utils import timezone

from fazhi.core import audit

SECONDS = 600  # an upper bound: a cached answer is dropped by the next change long before

_KEY = "fazhi:indicators:stamp"


def _salt() -> str:
    """The database and every FAZHI_* setting (the rules a figure may read)."""
    db = settings.DATABASES["default"]
    rules = {name: getattr(settings, name) for name in dir(settings) if name.startswith("FAZHI_")}
    text = json.dumps([str(db.get("NAME")), db.get("HOST"), rules], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def bump() -> None:
    """Forget everything cached from the records (a new token)."""
    cache.set(f"{_KEY}:{_salt()}", uuid.uuid4().hex, timeout=None)


def stamp() -> str:
    """The current stamp: the token of the last committed change and today's date."""
    salt = _salt()
    key = f"{_KEY}:{salt}"
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        token = cache.get(key) or uuid.uuid4().hex
    return f"{salt}:{token}:{timezone.localdate().isoformat()}"


def usable() -> bool:
    """Whether cached figures may be read and written now: outside any transaction."""
    return not connection.in_atomic_block


@receiver(audit.recorded)
def changed(sender, events: list, **kwargs) -> None:
    """A new stamp once the change is committed (at once in autocommit)."""
    transaction.on_commit(bump)


def remember[T](name: str, parts: tuple, compute: Callable[[], T]) -> T:
    """``compute()``, cached under the stamp (outside a transaction only): for what a page
    derives from the records besides the figures (the dashboard's charts and deadlines)."""
    if not usable():
        return compute()
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:20]
    key = f"fazhi:{name}:{stamp()}:{digest}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, timeout=SECONDS)
    return found
