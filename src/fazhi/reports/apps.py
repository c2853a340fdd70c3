from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import PublicSection


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    label = "reports"
    verbose_name = "法治政府建设年度报告"
    # fazhi_demo loads this after every stream's demo (the report binds their figures).
    demo_after_streams = "fazhi.reports.demo.load"
    # Wanted hook: fazhi_remind calling ``remind(today)`` of each app config that names one
    # (until then: fazhi manage fazhi_report_remind).
    remind = "fazhi.reports.reminders.remind"
    # The coordinator's first-run checklist (core.checklist): last year's report under way.
    checklist = "fazhi.reports.services.checklist"
    # the cockpit shows where the year's annual reports stand (core.registry.year_statuses)
    year_status = "fazhi.reports.services.year_status"
    # The city's 依法治市办 lands on its counties' submissions, the province's on its cities' (reports/city_views.py).
    role_homes = {"city_coordinator": "fazhi.reports.city_views.city_status",
                  "province_coordinator": "fazhi.reports.city_views.province_status"}
    # The portal lists the archive of published reports (pages in reports/public.py, /gk/reports/).
    public = (PublicSection("法治政府建设年度报告", "gk_reports:archive", "历年报告全文，可下载 Word 和 PDF",
                            icon="bi-journal-richtext"),)
