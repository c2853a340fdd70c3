"""The system administrator's working-day calendar screens (filled in below)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from fazhi.core import scope


@login_required
def calendar_index(request):  # noqa: ANN001, ANN201
    scope.require(request.user, "calendar.manage")
    return render(request, "core/calendar_index.html", {})


@login_required
def calendar_year(request, year: int):  # noqa: ANN001, ANN201
    scope.require(request.user, "calendar.manage")
    return render(request, "core/calendar_index.html", {})
