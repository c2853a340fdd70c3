"""The system administrator's working-day calendar screens.

``/calendar/`` lists the years around today and where each year's working days come from;
``/calendar/<year>/`` shows a year's holidays and make-up workdays and lets the
administrator enter (or replace) the State Council schedule for it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.core import calendar, scope
from fazhi.core.actions import attach_errors
from fazhi.core.calendar import Day
from fazhi.core.models import YearSchedule

YEAR_MIN, YEAR_MAX = 2000, 2100
YEARS_BEFORE, YEARS_AFTER = 3, 2  # the index lists current year-3 .. next year+1

SOURCE_LABELS = {
    "package": "国务院安排（内置数据）",
    "entered": "管理员录入",
    "unconfirmed": "未确认（按周一至周五推算）",
}
NEXT_YEAR_WARNING = "下一年度节假日安排尚未录入，相关期限将标注为未确认"

_DATE = r"\d{4}[-/]\d{1,2}[-/]\d{1,2}"
_LINE = re.compile(rf"(?P<first>{_DATE})(?:\s*[~～]\s*(?P<last>{_DATE}))?\s*(?P<name>[^\d~～\s].*)?")
FORMAT_HINT = "应为 YYYY-MM-DD 或 YYYY-MM-DD~YYYY-MM-DD，后接节日名称"


def _to_date(text: str) -> date:
    y, m, d = (int(part) for part in re.split(r"[-/]", text))
    return date(y, m, d)


def _parse_line(line: str, year: int) -> list[Day]:
    """The days of one line; raises ValueError with a message that names no line number."""
    match = _LINE.fullmatch(line)
    if match is None:
        raise ValueError(f"格式不正确，{FORMAT_HINT}")
    ends = [match["first"], match["last"] or match["first"]]
    try:
        first, last = (_to_date(text) for text in ends)
    except ValueError:
        raise ValueError(f"“{line.split()[0]}”不是有效日期") from None
    if last < first:
        raise ValueError("结束日期早于开始日期")
    if first.year != year or last.year != year:
        raise ValueError(f"日期不在{year}年内")
    name = (match["name"] or "").strip()
    if len(name) > calendar.NAME_MAX_LENGTH:
        raise ValueError(f"节日名称不能超过{calendar.NAME_MAX_LENGTH}个字")
    return [(first + timedelta(days=i), name) for i in range((last - first).days + 1)]


def parse_days(text: str, year: int) -> list[Day]:
    """Days typed one line each; raises ValidationError listing every bad line."""
    days: list[Day] = []
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            days += _parse_line(line, year)
        except ValueError as exc:
            problems.append(f"第{number}行：{exc}")
    if problems:
        raise ValidationError(problems)
    return days


def _textarea(rows: int, placeholder: str) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "class": "form-control font-monospace", "placeholder": placeholder})


class ScheduleForm(forms.Form):
    notice = forms.CharField(
        label="依据文件", max_length=200, error_messages={"required": "请填写依据文件"},
        help_text="如：国务院办公厅关于2027年部分节假日安排的通知",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    holidays = forms.CharField(
        label="法定节假日（放假日期）", error_messages={"required": "请至少录入一个法定节假日"},
        help_text="每行一个日期或日期段，后接节日名称，如：2027-10-01~2027-10-07 国庆节",
        widget=_textarea(10, "2027-10-01~2027-10-07 国庆节"),
    )
    workdays = forms.CharField(
        label="调休上班日", required=False,
        help_text="每行一个周六或周日的日期，后接说明，如：2027-10-09 国庆节调休",
        widget=_textarea(5, "2027-10-09 国庆节调休"),
    )

    def __init__(self, *args, year: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_holidays(self) -> list[Day]:
        return parse_days(self.cleaned_data["holidays"], self.year)

    def clean_workdays(self) -> list[Day]:
        return parse_days(self.cleaned_data["workdays"], self.year)

    def clean(self) -> dict:
        data = super().clean()
        parsed = [name for name in ("holidays", "workdays") if name in data]
        problems = calendar.schedule_problems(self.year, data.get("holidays", []), data.get("workdays", []))
        for name in parsed:
            if name in problems:
                self.add_error(name, problems[name])
        return data


def _initial(year: int, schedule: YearSchedule | None) -> dict:
    holidays, workdays = calendar.year_days(year)
    return {
        "notice": schedule.notice if schedule else "",
        "holidays": "\n".join(calendar.format_days(holidays)),
        "workdays": "\n".join(calendar.format_days(workdays)),
    }


def _source_label(source: str, schedule: YearSchedule | None) -> str:
    if source == "entered" and schedule is not None:
        return f"{SOURCE_LABELS['entered']}：{schedule.notice}"
    return SOURCE_LABELS[source]


def _year_row(year: int, schedule: YearSchedule | None) -> dict:
    source = calendar.year_source(year)
    holidays, workdays = calendar.year_days(year)
    return {"year": year, "source": source, "label": _source_label(source, schedule),
            "holidays": len(holidays), "workdays": len(workdays)}


def next_year_warning(today: date) -> str:
    """The banner shown from 1 December while next year has no confirmed schedule."""
    if today.month == 12 and calendar.year_source(today.year + 1) == "unconfirmed":
        return NEXT_YEAR_WARNING
    return ""


@login_required
def calendar_index(request):
    scope.require(request.user, "calendar.manage")
    today = timezone.localdate()
    schedules = {s.year: s for s in YearSchedule.objects.all()}
    years = sorted(set(range(today.year - YEARS_BEFORE, today.year + YEARS_AFTER + 1)) | set(schedules))
    return render(request, "core/calendar_index.html", {
        "rows": [_year_row(y, schedules.get(y)) for y in years],
        "warning": next_year_warning(today),
        "today": today,
    })


def _confirm_question(year: int, source: str) -> str:
    if source == "entered":
        return f"{year}年已录入节假日安排，保存后将整体替换原安排，并重新计算相关期限。确定保存吗？"
    if source == "package":
        return f"{year}年已有内置的国务院安排，保存后将以本次录入为准，并重新计算相关期限。确定保存吗？"
    return ""


def _holiday_rows(holidays: list[Day]) -> list[dict]:
    return [{"first": first, "last": last, "name": name, "days": (last - first).days + 1}
            for first, last, name in calendar.group_ranges(holidays)]


def _workday_rows(workdays: list[Day]) -> list[dict]:
    return [{"date": d, "weekday": f"星期{calendar.WEEKDAYS[d.weekday()]}", "name": name} for d, name in workdays]


def _year_context(year: int, schedule: YearSchedule | None, form: ScheduleForm) -> dict:
    source = calendar.year_source(year)
    holidays, workdays = calendar.year_days(year)
    return {
        "year": year, "source": source, "source_label": _source_label(source, schedule), "schedule": schedule,
        "holiday_rows": _holiday_rows(holidays), "workday_rows": _workday_rows(workdays),
        "form": form, "confirm": _confirm_question(year, source),
        "previous_year": year - 1 if year > YEAR_MIN else None, "next_year": year + 1 if year < YEAR_MAX else None,
    }



@login_required
def calendar_year(request, year: int):
    scope.require(request.user, "calendar.manage")
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise Http404("年度超出范围")
    schedule = YearSchedule.objects.filter(year=year).select_related("entered_by").first()
    data = request.POST if request.method == "POST" else None
    form = ScheduleForm(data, year=year, initial=_initial(year, schedule))
    if form.is_valid():
        try:
            calendar.schedule_save(year=year, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"已保存{year}年节假日安排。")
            return redirect("core:calendar_year", year=year)
    return render(request, "core/calendar_year.html", _year_context(year, schedule, form))
