"""Report pages: list, create, read (HTML with each figure linked to its drill-down), the
.docx and PDF downloads, the workflow buttons, and the section pages where units submit."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core import scope
from fazhi.core.ledger import submitted_version
from fazhi.core.units import counties
from fazhi.indicators.registry import load_all
from fazhi.reports import gip, gip_render, guards, services, submissions
from fazhi.reports import render as rr
from fazhi.reports.models import AnnualReport, ReportSection


def _errors(exc: ValidationError) -> str:
    return "；".join(exc.messages)


def _report(request, pk: int) -> AnnualReport:
    report = get_object_or_404(AnnualReport.objects.select_related("unit"), pk=pk)
    if not services.can_read(request.user, report):
        raise Http404  # another unit's draft does not exist for you
    return report


@login_required
def report_list(request):
    user = request.user
    if not (scope.has_capability(user, "records.read") or scope.has_capability(user, "dashboard.view")):
        raise PermissionDenied(scope.DENIED_MESSAGE)
    qs = AnnualReport.objects.select_related("unit")
    if not scope.covers_all(user, "reports.manage") and not scope.covers_all(user, "records.read"):
        qs = qs.filter(Q(state=AnnualReport.State.PUBLISHED) | Q(unit__in=scope.units_for(user, "records.read")))
    mine = ReportSection.objects.filter(report__state=AnnualReport.State.COLLECTING, merged_at__isnull=True,
                                        unit__in=scope.units_for(user, "records.write")).select_related("report", "unit")
    return render(request, "reports/list.html", {
        "reports": qs, "mine": mine, "can_manage": scope.has_capability(user, "reports.manage"),
    })


@login_required
def report_create(request):
    scope.require(request.user, "reports.manage")
    units = scope.units_for(request.user, "reports.manage").exclude(kind="village").exclude(kind="external").order_by("path")
    county = counties().order_by("pk").first()
    if request.method == "POST":
        unit = units.filter(code=request.POST.get("unit")).first()
        try:
            year = int(request.POST.get("year", ""))
        except ValueError:
            year = 0
        kind = request.POST.get("kind") or AnnualReport.Kind.RULE_OF_LAW
        gip_kind = kind == AnnualReport.Kind.DISCLOSURE
        if kind not in AnnualReport.Kind.values:
            messages.error(request, "请选择报告种类")
        elif unit is None or not 2000 <= year <= 2100:
            messages.error(request, "请选择单位并填写正确的年度")
        else:
            try:  # without sections: the five statutory parts (guards.STATUTORY_OUTLINE)
                report = services.report_create(by=request.user, unit=unit, year=year, kind=kind,
                                                title=request.POST.get("title", "").strip())
            except ValidationError as exc:
                messages.error(request, _errors(exc))
            else:
                messages.success(request, "政府信息公开工作年度报告已创建，已按国家格式生成六部分" if gip_kind
                                 else "年度报告已创建，已按五项法定内容生成提纲")
                return redirect(report)
    return render(request, "reports/create.html", {
        "units": units, "county": county, "year": timezone.localdate().year - 1, "kinds": AnnualReport.Kind.choices})


@login_required
def report_detail(request, pk: int):
    report = _report(request, pk)
    manage = scope.can(request.user, "reports.manage", report.unit)
    sections = list(report.sections.select_related("unit", "submitted_by", "merged_by"))
    pending = {s.pk for s in guards.pending_contributions(report, sections)}
    for s in sections:
        s.editable = services.can_edit_section(request.user, s)
        s.status = "待报送" if s.pk in pending else s.status_label  # a heading asked of a unit is awaited too
    actions = [(name, label) for name, (sources, _t, label) in services.TRANSITIONS.items()
               if report.state in sources] if manage else []
    disclosure = report.kind == AnnualReport.Kind.DISCLOSURE
    # A 政府信息公开 report's six parts are built once: the page prints them, the guard reads table 三.
    data = gip.gip_json(report.unit, report.year, report) if disclosure else None
    return render(request, "reports/detail.html", {
        "report": report, "body": gip_render.body_html(data) if disclosure else rr.body_html(report),
        "sections": sections, "manage": manage,
        "actions": actions, "deadlines": services.open_deadlines(report), "today": timezone.localdate(),
        "frozen": report.is_published and bool(report.snapshot),
        "reviews": list(report.secrecy_reviews.select_related("reviewed_by")),
        "gaps": guards.publish_gaps(report, load_all(), table_three=data["parts"]["三"] if disclosure else None)
        if manage and not report.is_published else [],
        "entered_fields": [(name, label, report.entered.get(name, 0)) for name, (label, _p) in gip.ENTERED_FIELDS.items()]
        if disclosure else [],
        "heading_editable": manage and report.state in services.HEADING_EDITABLE,
        "heading_locked": services.HEADING_LOCKED if report.state == AnnualReport.State.APPROVED else (),
        "seal_choices": AnnualReport.Seal.choices,
        "city": submissions.city_label(report),
        "submissions": submissions.history(report),
        "submittable": manage and report.state in submissions.SUBMITTABLE,
        "city_due": submissions.due_date(report.year),
    })


@login_required
def report_download(request, pk: int, fmt: str):
    report = _report(request, pk)
    what = "政府信息公开工作年度报告" if report.kind == AnnualReport.Kind.DISCLOSURE else "法治政府建设报告"
    name = f"{report.year}年度{what}-{report.unit.short_name or report.unit.name}"
    if fmt == "docx":
        data, ctype = rr.docx_bytes(report), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif fmt == "pdf":
        try:
            data, ctype = rr.pdf_bytes(report), "application/pdf"
        except rr.MissingCJKFont as exc:  # a PDF of boxes is worse than none: say which fonts to install
            messages.error(request, str(exc))
            return redirect(report)
    else:
        raise Http404
    response = HttpResponse(data, content_type=ctype)

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.{fmt}"
    return response


@login_required
@require_POST
def report_transition(request, pk: int, name: str):
    report = _report(request, pk)
    if name not in services.TRANSITIONS:
        raise Http404
    version = submitted_version(request.POST.get("version")) if request.POST.get("version") else None
    try:
        services.transition(report, name, by=request.user, expected_version=version,
                            meeting=_meeting(request.POST) if name == "approve" else None)
    except ValueError:
        messages.error(request, "会议日期格式不正确（YYYY-MM-DD）")
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, f"已{services.TRANSITIONS[name][2]}")
    return redirect(report)


def _meeting(post) -> dict:
    day = post.get("meeting_on", "").strip()
    return {"name": post.get("meeting_name", ""), "on": date.fromisoformat(day) if day else None,
            "number": post.get("meeting_number", "")}


@login_required
@require_POST
def report_secrecy(request, pk: int):
    report = _report(request, pk)
    try:
        day = request.POST.get("on", "").strip()
        services.secrecy_review_record(report, by=request.user, passed=request.POST.get("conclusion") == "passed",
                                       opinion=request.POST.get("opinion", ""),
                                       on=date.fromisoformat(day) if day else None)
    except ValueError:
        messages.error(request, "请填写审查日期（YYYY-MM-DD）")
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, "已记录保密审查")
    return redirect(report)


@login_required
@require_POST
def report_entered(request, pk: int):
    """The coordinator enters the figures of table 二 of a 政府信息公开 report the ledgers do not hold."""
    report = _report(request, pk)
    try:
        services.entered_update(report, by=request.user, values=request.POST.dict(),
                                expected_version=submitted_version(request.POST.get("version")))
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, "已保存表二填报数字")
    return redirect(report)


@login_required
@require_POST
def report_update(request, pk: int):
    """The coordinator sets the document's 公文 elements: 标题, 发文字号, 主送机关, 发文机关署名, 成文日期.
    Only the fields that changed are sent to the service, so an approved report may still be dated."""
    report = _report(request, pk)
    try:
        changes = _heading_changes(report, request.POST)
        if changes:
            services.report_update(report, by=request.user, expected_version=submitted_version(
                request.POST.get("version")), **changes)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, "已保存公文要素" if changes else "公文要素没有变化")
    return redirect(report)


def _heading_changes(report: AnnualReport, post) -> dict:
    """The posted 公文 elements that differ from the report's; a bad date is a Chinese error."""
    changes = {name: post[name].strip() for name in services.HEADING_FIELDS if name in post}
    if "signed_on" in changes:
        day = changes["signed_on"]
        try:
            changes["signed_on"] = date.fromisoformat(day) if day else None
        except ValueError:
            raise ValidationError("成文日期格式不正确（YYYY-MM-DD）") from None
    return {name: value for name, value in changes.items() if getattr(report, name) != value}


@login_required
@require_POST
def report_sent(request, pk: int):
    report = _report(request, pk)
    try:
        on = date.fromisoformat(request.POST.get("on", ""))
        services.record_sent(report, by=request.user, on=on, recipients=request.POST.get("recipients", ""))
    except ValueError:
        messages.error(request, "请填写报送日期（YYYY-MM-DD）")
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, "已记录报送上级日期")
    return redirect(report)


@login_required
@require_POST
def report_submit_city(request, pk: int):
    """报送市级: a new version of the report's text and figures for the city (reports/submissions.py)."""
    report = _report(request, pk)
    try:
        sub = submissions.submit(report, by=request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, f"已报送市级（第{sub.version}版），回执编号 {sub.receipt_no}")
    return redirect(report)


@login_required
@require_POST
def section_add(request, pk: int):
    report = _report(request, pk)
    unit = scope.units_for(request.user, "reports.manage").filter(code=request.POST.get("unit")).first()
    try:
        level = int(request.POST.get("level", "0"))
        services.section_add(report, by=request.user, heading=request.POST.get("heading", "").strip(),
                             level=level, unit=unit)
    except ValueError:
        messages.error(request, "层级不正确")
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect(report)


@login_required
def section_edit(request, pk: int):
    section = get_object_or_404(ReportSection.objects.select_related("report", "report__unit", "unit"), pk=pk)
    report = section.report
    if not (services.can_read(request.user, report) or scope.can(request.user, "records.write", section.unit)):
        raise Http404
    editable = services.can_edit_section(request.user, section)
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action in ("save", "submit"):
                if not editable:
                    raise PermissionDenied("当前状态下您不能修改该章节")
                section = services.section_save(section, by=request.user, text=request.POST.get("text", ""),
                                                expected_version=submitted_version(request.POST.get("version")))
                if action == "submit":
                    services.section_submit(section, by=request.user)
                    messages.success(request, "材料已报送，等待统筹人员合稿")
                else:
                    messages.success(request, "已保存")
            elif action == "merge":
                services.section_merge(section, by=request.user)
                messages.success(request, "已合稿")
                return redirect(report)
            elif action == "release":
                services.section_release(section, by=request.user, reason=request.POST.get("reason", ""))
                messages.success(request, "已免于报送")
                return redirect(report)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        return redirect(reverse("reports:section", args=[section.pk]))
    return render(request, "reports/section.html", {
        "section": section, "report": report, "editable": editable,
        "manage": scope.can(request.user, "reports.manage", report.unit),
        "preview": rr.body_html_section(section), "indicators": sorted(load_all().items()),
        "submit_allowed": report.state == AnnualReport.State.COLLECTING and scope.can(
            request.user, "records.write", section.unit),
        "release_allowed": (scope.can(request.user, "reports.manage", report.unit)
                            and section.unit_id != report.unit_id and section.submitted_at is None
                            and section.released_at is None and report.state in services.RELEASABLE),
    })
