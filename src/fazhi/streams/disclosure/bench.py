"""Benchmark data of this stream for ``fazhi bench generate`` (see fazhi.benchdata.generate)."""

from __future__ import annotations

from datetime import timedelta

from fazhi.streams.disclosure import rules
from fazhi.streams.disclosure.indicators import CHALLENGE_COLUMNS, CHALLENGE_ROUTES, ROW_LABELS, types_in_row
from fazhi.streams.disclosure.models import DisclosureRequest
from fazhi.streams.disclosure.workflow import REPLIED_STATES

YEAR_ORDER = 30

# Figures of this stream the reference does not compute, and why (tests/benchdata checks the list).
NOT_IN_REFERENCE = {
    "disclosure.reply_rate": "expressible (replies ÷ replies and overdue open requests), not written yet",
}


def per_year(c, year: int) -> None:
    cu = c.units
    jitter = c.jitter
    region = c.region
    units = cu.departments * 2 + [cu.county] * 3 + cu.townships
    for _ in range(c.n(400, jitter)):
        received = c.day(year)
        if received is None:
            continue
        unit = c.rng.choice(units)
        pk = c.loader.new_id(DisclosureRequest)
        natural = c.rng.random() < 0.8
        row = c.record(unit, year, "registered", received) | {
            "id": pk, "request_no": f"GK{year}{pk:08d}", "channel": c.pick({"online": 60, "in_person": 20,
                                                                                "mail_signed": 20}),
            "submitted_on": received, "received_on": received, "signed_on": received,
            "confirmed_on": received,
            "applicant_type": "natural" if natural else c.pick({"commercial": 60, "legal_service": 25,
                                                                     "other_org": 15}),
            "applicant_name": c.name() if natural else f"某某{c.rng.randrange(1000)}有限公司",
            "applicant_id_number": c.id_number(region) if natural else "",
            "applicant_credit_code": "" if natural else c.uscc(region),
            "applicant_phone": c.phone(), "information": "申请公开相关政府信息"}
        replied = c.after(received, 3, 35)
        met = None
        if c.rng.random() < 0.02 and replied:
            row.update(state="deemed_withdrawn", supplement_requested_on=received + timedelta(days=3),
                       closed_on=replied)
        elif replied:
            rt = c.pick({"public": 45, "partial": 15, "already_public": 10, "refused": 8, "no_info": 15,
                              "not_processed": 5, "other": 2})
            row.update(state=c.pick({"archived": 70, "delivered": 20, "replied": 8, "reconsideration": 2}),
                       reply_type=rt, replied_on=replied, closed_on=replied,
                       reply_reason="refused_third_party" if rt == "refused" else
                       ("no_info_not_held" if rt == "no_info" else ""))
            if row["state"] == "reconsideration":
                row.update(reconsideration=True, challenge_outcome=c.pick({"upheld": 70, "corrected": 30}))
            met = replied
        c.deadline(DisclosureRequest, pk, unit.pk, rules.REPLY.key, rules.REPLY.label, rules.REPLY.rule,
                   rules.REPLY.days, rules.REPLY.basis, received, met)
        c.loader.add(DisclosureRequest, row)


def reference(q) -> None:
    """This stream's figures as SQL aggregates for the benchmark's one-statement reference
    (``fazhi.benchdata.reference.Query``); checked against the indicators in tests/benchdata."""
    between, s, e = q.between, q.s, q.e
    handled = between("closed_on")
    replied = f"{handled} AND state IN {q.in_(REPLIED_STATES)}"
    challenged = (f"{replied} AND (reconsideration OR litigation) "
                  "AND challenge_outcome IN ('upheld', 'corrected', 'other')")
    q.block("disclosure_disclosurerequest", f"received_on <= {e}", [
        ("disclosure.requests", between("received_on"), None),
        ("disclosure.carried_in", f"received_on < {s} AND (closed_on IS NULL OR closed_on >= {s})", None),
        ("disclosure.handled", between("closed_on"), None),
        ("disclosure.carried_over", f"closed_on IS NULL OR closed_on > {e}", None),
        *((f"disclosure.replied_{row}", f"{handled} AND reply_type IN {q.in_(types_in_row(row))}", None)
          for row in ROW_LABELS),
        ("disclosure.on_time_rate", f"{replied} AND {q.met(DisclosureRequest, rules.REPLY.key)}", replied),
        ("disclosure.correction_rate", f"{challenged} AND challenge_outcome = 'corrected'", challenged),
        *((f"disclosure.{route}_{column}", _challenge(handled, route, column), None)
          for route in CHALLENGE_ROUTES for column in CHALLENGE_COLUMNS),
    ])


def _challenge(handled: str, route: str, column: str) -> str:
    """Table 四: requests concluded in the period, challenged by ``route``, with outcome ``column``."""
    cond = f"{handled} AND " + {"reconsideration": "reconsideration",
                                "litigation_direct": "litigation AND NOT reconsideration",
                                "litigation_after": "litigation AND reconsideration"}[route]
    if column == "total":
        return cond
    if route == "reconsideration":
        if column == "upheld":  # a suit after reconsideration counts the reconsideration as upheld
            return f"{cond} AND (litigation OR challenge_outcome = 'upheld')"
        cond += " AND NOT litigation"
    if column == "pending":
        return f"{cond} AND challenge_outcome IN ('pending', '')"
    return f"{cond} AND challenge_outcome = '{column}'"
