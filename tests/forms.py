"""What a ledger record's edit form posts back: its current values, with ``changes`` typed in
(dates as ISO text; a yes/no field as a browser sends it: a check box "on" when ticked and left
out when not, a 是/否 drop-down — a BooleanField with choices — its "True" or "False")."""

from __future__ import annotations

from datetime import date


def form_data(ledger, record, **changes) -> dict:
    data = {"unit": record.unit_id, "year": record.year, "version": record.version}
    for name in ledger.form_fields:
        value = changes.get(name, getattr(record, name))
        if isinstance(value, bool) and not ledger.model._meta.get_field(name).choices:
            if value:
                data[name] = "on"
            continue
        data[name] = "" if value is None else (value.isoformat() if isinstance(value, date) else value)
    return data
