"""The reference for the dashboard benchmark: ONE hand-written SQL query that computes the
main count and rate figures of a county (or of every county) for a period.

It is what the database alone can do — one statement, each ledger table scanned once with
``FILTER`` aggregates — so the ratio platform ÷ reference shows what the indicator layer
costs. It also checks the platform: ``compare`` lists every figure where the two disagree.
Each figure is (numerator, denominator); a count has denominator None.

Portable: PostgreSQL and SQLite (≥ 3.30 for ``FILTER``).
"""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from fazhi.indicators.registry import Period, Result


def _in(values) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def _d(day: date) -> str:
    return f"'{day.isoformat()}'"


def _ct(label: str) -> int:
    app, model = label.split(".")
    return ContentType.objects.get_by_natural_key(app, model.lower()).pk


def _met(ct: int, key: str, alias: str) -> str:
    return (f"EXISTS (SELECT 1 FROM core_deadline d WHERE d.content_type_id = {ct} AND d.object_id = {alias}.id "
            f"AND d.key = '{key}' AND d.met_on IS NOT NULL AND d.met_on <= d.due)")


def figures_sql(period: Period) -> tuple[str, list[tuple[str, bool]]]:
    """The query (one parameter: the unit path prefix, '' for all units) and its figures in
    column order: (indicator key, is_rate). A rate takes two columns: numerator, denominator."""
    from fazhi.streams.complaints import rules as complaints_rules
    from fazhi.streams.complaints.models import SUBSTANTIATED
    from fazhi.streams.inspections.models import PROBLEM_OUTCOMES
    from fazhi.streams.litigation.models import CORRECTION_DECISIONS
    from fazhi.streams.petitions import rules as petition_rules
    from fazhi.streams.petitions.workflow import CONCLUDED
    from fazhi.streams.services import rules as services_rules
    from fazhi.streams.services.models import SATISFIED_LEVELS

    s, e = _d(period.start), _d(period.end)
    between = lambda col: f"{col} >= {s} AND {col} <= {e}"  # noqa: E731
    good = ["satisfied", "basic"] if petition_rules.counts_basic_satisfied() else ["satisfied"]
    bad = services_rules.bad_levels()
    figures: list[tuple[str, bool]] = []
    selects: list[str] = []

    def block(table: str, where: str, cols: list[tuple[str, str, str | None]], alias: str = "t") -> None:
        """One scan of ``table``: each (key, numerator condition, denominator condition or None)."""
        exprs = []
        for key, num, den in cols:
            exprs.append(f"COUNT(*) FILTER (WHERE {num})")
            if den is not None:
                exprs.append(f"COUNT(*) FILTER (WHERE {den})")
            figures.append((key, den is not None))
        selects.append(f"(SELECT {', '.join(exprs)} FROM {table} {alias} "
                       f"WHERE {alias}.unit_id IN (SELECT id FROM u) AND ({where}))")

    def sums(table: str, where: str, cols: list[tuple[str, str, str | None]], alias: str = "t") -> None:
        exprs = []
        for key, num, den in cols:
            exprs.append(f"COALESCE(SUM({num}), 0)")
            if den is not None:
                exprs.append(f"COALESCE(SUM({den}), 0)")
            figures.append((key, den is not None))
        selects.append(f"(SELECT {', '.join(exprs)} FROM {table} {alias} "
                       f"WHERE {alias}.unit_id IN (SELECT id FROM u) AND ({where}))")

    mediated = f"{between('accepted_on')} AND state <> 'declined'"
    concluded = f"{between('concluded_on')} AND result IN ('success', 'failed', 'terminated')"
    block("mediation_mediationcase", f"{between('accepted_on')} OR {between('concluded_on')} OR "
          f"{between('confirmation_applied_on')}", [
              ("mediation.cases", mediated, None),
              ("mediation.settled", f"{mediated} AND result = 'success'", None),
              ("mediation.success_rate", f"{mediated} AND result = 'success'", mediated),
              ("mediation.overdue_cases", f"{concluded} AND over_term", None),
              ("mediation.within_term_rate", f"{concluded} AND NOT over_term", concluded),
              ("mediation.agreement_performance_rate", f"{mediated} AND result = 'success' AND performance = "
               f"'performed'", f"{mediated} AND result = 'success' AND performance <> ''"),
              ("mediation.judicial_confirmations", between("confirmation_applied_on"), None),
          ])
    registered = between("registered_on")
    conc = f"state IN {_in(CONCLUDED)} AND replied_on IS NOT NULL AND {between('replied_on')}"
    evaluated = f"{conc} AND satisfaction <> 'none'"
    block("petitions_petition", f"{registered} OR {between('replied_on')}", [
        ("petitions.registered", registered, None),
        ("petitions.evaluation_rate", evaluated, conc),
        ("petitions.satisfaction_rate", f"{evaluated} AND satisfaction IN {_in(good)}", evaluated),
        ("petitions.leader_case_resolution_rate", f"{registered} AND leader_case AND leader_resolved",
         f"{registered} AND leader_case"),
    ])
    sums("petitions_reception", between("received_on"), [
        ("petitions.reception_batches", "batches", None),
        ("petitions.resolved_on_site", "resolved_on_site", None),
        ("petitions.on_site_rate", "resolved_on_site", "batches"),
    ])
    block("disclosure_disclosurerequest", f"received_on <= {e}", [
        ("disclosure.requests", between("received_on"), None),
        ("disclosure.carried_in", f"received_on < {s} AND (closed_on IS NULL OR closed_on >= {s})", None),
        ("disclosure.handled", between("closed_on"), None),
        ("disclosure.carried_over", f"closed_on IS NULL OR closed_on > {e}", None),
    ])
    block("litigation_litigationcase", between("served_on"), [("litigation.cases", "1 = 1", None)])
    block("litigation_reconsideration", f"{between('received_on')} OR {between('decided_on')}", [
        ("litigation.reconsideration_cases", between("received_on"), None),
        ("litigation.reconsideration_correction_rate",
         f"{between('decided_on')} AND decision_type IN {_in(CORRECTION_DECISIONS)}",
         f"{between('decided_on')} AND decision_type <> ''"),
    ])
    block("litigation_hearing", f"state = 'held' AND {between('hearing_date')} AND case_id IS NOT NULL", [
        ("litigation.head_appearance_rate_by_hearing",
         "head_appeared AND identity_accepted AND head_position IN ('principal', 'deputy', 'in_charge')", "1 = 1"),
    ])
    block("enforcement_decision", f"{between('decided_on')} OR {between('withdrawn_on')}", [
        ("enforcement.decisions", between("decided_on"), None),
        ("enforcement.withdrawn_decisions", f"state = 'withdrawn' AND {between('withdrawn_on')}", None),
    ])
    block("enforcement_examresult", between("exam_date"), [
        ("enforcement.exam_passed", "passed", None),
        ("enforcement.exam_pass_rate", "passed", "1 = 1"),
    ])
    block("legal_services_consultation", between("consulted_on"), [
        ("legal_services.consultations", "1 = 1", None),
        ("legal_services.consultation_referrals", "disposition <> 'answered'", None),
    ])
    block("legal_services_dutyday", between("duty_on"), [("legal_services.duty_days_held", "state = 'held'", None)])
    block("legal_services_lecture", f"state = 'held' AND {between('held_on')}", [
        ("legal_services.lectures", "1 = 1", None)])
    sums("legal_services_lecture", f"state = 'held' AND {between('held_on')}", [
        ("legal_services.lecture_audience", "audience", None)])
    block("legal_services_legalaidapplication",
          f"{between('applied_on')} OR {between('decided_on')} OR {between('closed_on')}", [
              ("legal_services.legal_aid_applications", between("applied_on"), None),
              ("legal_services.legal_aid_cases",
               f"state IN ('granted', 'assigned', 'closed') AND {between('decided_on')}", None),
              ("legal_services.legal_aid_closed", f"state = 'closed' AND {between('closed_on')}", None),
          ])
    rated = between("rated_on")
    block("services_servicerating", rated, [
        ("services.ratings", "1 = 1", None),
        ("services.satisfaction_rate", f"level IN {_in(SATISFIED_LEVELS)}", "1 = 1"),
        ("services.bad_ratings", f"level IN {_in(bad)}", None),
        ("services.rectification_rate", f"level IN {_in(bad)} AND state IN ('rectified', 'called_back')",
         f"level IN {_in(bad)}"),
        ("services.callback_rate", f"level IN {_in(bad)} AND real_name AND state = 'called_back'",
         f"level IN {_in(bad)} AND real_name"),
    ])
    received = between("received_on")
    replied = f"state IN ('replied', 'closed') AND {between('replied_on')}"
    block("complaints_complaint", f"{received} OR {between('replied_on')}", [
        ("complaints.received", received, None),
        ("complaints.replied_on_time_rate",
         f"{replied} AND {_met(_ct('complaints.Complaint'), complaints_rules.REPLY, 't')}", replied),
        ("complaints.closed_rate", f"{received} AND state = 'closed'", received),
        ("complaints.named_reply_rate", f"{received} AND NOT anonymous AND state IN ('replied', 'closed')",
         f"{received} AND NOT anonymous"),
        ("complaints.substantiation_rate", f"{received} AND finding IN {_in(SUBSTANTIATED)}",
         f"{received} AND finding <> ''"),
    ])
    block("plans_task", between("deadline"), [
        ("plans.tasks", "1 = 1", None),
        ("plans.completed_rate", "state = 'done'", "1 = 1"),
        ("plans.on_time_rate", "state = 'done' AND completed_on <= deadline", "1 = 1"),
    ])
    held = f"state IN ('held', 'filed', 'closed') AND {between('held_on')}"
    block("study_studysession", held, [
        ("study.sessions_held", "1 = 1", None),
        ("study.topic_sessions", "kind = 'topic'", None),
    ])
    sums("study_studysession", f"{held} AND members > 0 AND attendees IS NOT NULL", [
        ("study.attendance_rate", "attendees", "members")])
    issued = f"state IN ('opinion_issued', 'feedback', 'closed') AND {between('opinion_on')}"
    block("normative_reviewrequest", issued, [
        ("normative.documents_reviewed", "kind = 'normative'", None),
        ("normative.contracts_reviewed", "kind = 'contract'", None),
        ("normative.legal_documents_reviewed", "kind = 'legal_document'", None),
        ("normative.legal_affairs", "kind = 'legal_affair'", None),
    ])
    published = ("state IN ('published', 'filed', 'accepted', 'correction_required', 'corrected', 'revoked', "
                 f"'repealed') AND {between('published_on')}")
    filed = (f"{published} AND state IN ('filed', 'accepted', 'correction_required', 'corrected', 'revoked', "
             "'repealed') AND filed_on IS NOT NULL")
    block("normative_normativedocument", published, [
        ("normative.filing_rate", filed, "1 = 1"),
        ("normative.conformity_rate", f"{filed} AND conformity = 'conforming'", f"{filed} AND conformity <> ''"),
    ])
    inspected = f"state IN ('entered', 'published') AND {between('inspected_on')}"
    block("inspections_inspectionresult", inspected, [
        ("inspections.publication_rate", "state = 'published'", "1 = 1"),
        ("inspections.problem_rate", f"result IN {_in(PROBLEM_OUTCOMES)}", "1 = 1"),
    ])
    block("inspections_inspectiontask",
          f"state IN ('results_entered', 'published', 'closed') AND {between('period_end')}", [
              ("inspections.tasks_completed", "1 = 1", None)])
    block("workforce_member", f"appointed_on <= {e} AND (ended_on IS NULL OR ended_on >= {s})", [
        ("workforce.members", "1 = 1", None)])
    sql = "WITH u AS (SELECT id FROM core_unit WHERE path LIKE %s) SELECT * FROM " + " CROSS JOIN ".join(
        f"{sel} AS q{i}" for i, sel in enumerate(selects))
    return sql, figures


def compute(prefix: str, period: Period) -> dict[str, tuple[int, int | None]]:
    """{key: (numerator or count, denominator or None)} of the units whose path starts with
    ``prefix`` ('' for every unit), computed by the one query."""
    sql, figures = figures_sql(period)
    with connection.cursor() as cur:
        cur.execute(sql, [prefix + "%"])
        row = cur.fetchone()
    out, i = {}, 0
    for key, is_rate in figures:
        if is_rate:
            out[key] = (int(row[i]), int(row[i + 1]))
            i += 2
        else:
            out[key] = (int(row[i]), None)
            i += 1
    return out


def platform_pair(result: Result, is_rate: bool) -> tuple[int, int | None]:
    if is_rate:
        return (int(result.numerator or 0), int(result.denominator or 0))
    return (int(result.value or 0), None)


def compare(reference: dict[str, tuple[int, int | None]], results: dict[str, Result]) -> list[str]:
    """The figures where the platform's (numerator, denominator) differs from the reference."""
    problems = []
    for key, (num, den) in reference.items():
        got = platform_pair(results[key], den is not None)
        if got != (num, den):
            problems.append(f"{key}: 平台 {got} ≠ 参照SQL {(num, den)}")
    return problems
