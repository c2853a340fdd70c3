"""Template filters for dates as people read them."""

from __future__ import annotations

from django import template

from fazhi.core.deadlines import due_text

register = template.Library()


@register.filter(name="due")
def due_filter(deadline) -> str:
    """``{{ deadline|due }}``: the due date in Chinese, marked 暂定 while its calendar is unconfirmed."""
    return due_text(deadline)
