"""The first-run checklist on the coordinator's home page: what a county must have in place before
the platform carries its year — units, staff, the year's working-day calendar (core's own steps),
and the steps the installed apps declare (a stream's ``StreamManifest.checklist``, another app's
``AppConfig.checklist``: the dotted path of ``fn(county, year) -> list[Step]``), e.g. the year's
plan, the assessment scheme, the annual report's outline. Each step is ticked from the records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.module_loading import import_string

from fazhi.core import calendar
from fazhi.core.models import Unit
from fazhi.core.registry import StreamManifest


@dataclass(frozen=True)
class Step:
    label: str
    done: bool
    detail: str = ""  # what is there, or who does it
    url: str = ""


def _core_steps(county: Unit, year: int) -> list[Step]:
    offices = Unit.objects.filter(path__startswith=county.path, is_active=True,
                                  kind__in=[Unit.Kind.DEPARTMENT, Unit.Kind.TOWNSHIP])
    total = offices.count()
    staffed = offices.filter(memberships__is_active=True).distinct().count()
    staff = (get_user_model().objects.filter(is_active=True, memberships__is_active=True,
                                             memberships__unit__path__startswith=county.path).distinct().count())
    return [
        Step("建立部门和乡镇（街道）", total > 0, f"已有{total}个" if total else "由系统管理员按区划代码建立"),
        Step("为各单位开通经办人员账号", total > 0 and staffed == total,
             f"{staffed}/{total}个单位已有账号，共{staff}人", reverse("core:units")),
        Step(f"录入{year}年节假日安排", calendar.is_confirmed(date(year, 12, 31)),
             "已按国务院办公厅通知录入" if calendar.is_confirmed(date(year, 12, 31)) else "由系统管理员录入"),
    ]


def checklist(county: Unit, year: int) -> list[Step]:
    steps = _core_steps(county, year)
    for cfg in apps.get_app_configs():
        manifest = getattr(cfg, "manifest", None)
        hook = manifest.checklist if isinstance(manifest, StreamManifest) else getattr(cfg, "checklist", "")
        if hook:
            steps.extend(import_string(hook)(county, year))
    return steps
