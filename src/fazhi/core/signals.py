"""Cache invalidation: the working-day calendar and the county name are read very often."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from fazhi.core import calendar, units
from fazhi.core.models import DayOverride, Unit, YearSchedule


@receiver([post_save, post_delete], sender=DayOverride)
@receiver([post_save, post_delete], sender=YearSchedule)
def _calendar_changed(**kwargs) -> None:
    calendar.clear_cache()


@receiver([post_save, post_delete], sender=Unit)
def _units_changed(**kwargs) -> None:
    units.county_name.cache_clear()
