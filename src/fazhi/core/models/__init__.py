"""Core models, split by domain and re-exported here."""

from fazhi.core.models.audit import AuditEvent
from fazhi.core.models.calendar import DayOverride, YearSchedule
from fazhi.core.models.deadlines import Deadline
from fazhi.core.models.notifications import Notification
from fazhi.core.models.quick import QuickReceipt
from fazhi.core.models.units import Unit

__all__ = ["AuditEvent", "DayOverride", "Deadline", "Notification", "QuickReceipt", "Unit", "YearSchedule"]
