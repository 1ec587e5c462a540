"""The working calendar of Vietnamese state agencies: working days and office hours.

>>> from datetime import date
>>> from hanhchinh.calendar import vietnam_public_sector
>>> cal = vietnam_public_sector()
>>> cal.add_working_days(date(2026, 2, 13), 1)  # Tết Bính Ngọ: 14/2–22/2 off
datetime.date(2026, 2, 23)
"""

from hanhchinh.calendar._data import COLUMNS, load_announcements, read_announcements
from hanhchinh.calendar._explain import ExplainedDay, Explainer, Explanation
from hanhchinh.calendar._model import Basis, DayOff, HoursRule, MakeUpDay, OfficeHours, Workweek
from hanhchinh.calendar._vietnam import DEFAULT_HOURS, statutory_days_off, vietnam_public_sector
from hanhchinh.calendar._work import Boundary, CalendarDay, DayKind, WorkCalendar

__all__ = [
    "COLUMNS",
    "DEFAULT_HOURS",
    "Basis",
    "Boundary",
    "CalendarDay",
    "DayKind",
    "DayOff",
    "ExplainedDay",
    "Explainer",
    "Explanation",
    "HoursRule",
    "MakeUpDay",
    "OfficeHours",
    "WorkCalendar",
    "Workweek",
    "load_announcements",
    "read_announcements",
    "statutory_days_off",
    "vietnam_public_sector",
]
