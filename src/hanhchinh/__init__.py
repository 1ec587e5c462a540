"""hanhchinh: Vietnamese administrative procedures, one-stop dossiers and working-time SLA rules.

The public names are re-exported here; everything in a module whose name starts with an
underscore may change without notice.

>>> from datetime import date
>>> import hanhchinh
>>> hanhchinh.vietnam_public_sector().add_working_days(date(2024, 4, 26), 1)
datetime.date(2024, 5, 2)
"""

from hanhchinh.calendar import (
    Basis,
    Boundary,
    CalendarDay,
    DayKind,
    DayOff,
    Explanation,
    HoursRule,
    MakeUpDay,
    OfficeHours,
    WorkCalendar,
    Workweek,
    load_announcements,
    vietnam_public_sector,
)
from hanhchinh.errors import (
    CalendarConflictError,
    CalendarDataError,
    HanhChinhError,
    InvalidDurationError,
    InvalidHoursError,
    MissingValueError,
    NaiveDatetimeError,
    OutOfCalendarRangeError,
    UnsupportedZoneError,
)
from hanhchinh.legal import Confidence, LegalReference

__version__ = "0.1.0.dev0"

__all__ = [
    "Basis",
    "Boundary",
    "CalendarConflictError",
    "CalendarDataError",
    "CalendarDay",
    "Confidence",
    "DayKind",
    "DayOff",
    "Explanation",
    "HanhChinhError",
    "HoursRule",
    "InvalidDurationError",
    "InvalidHoursError",
    "LegalReference",
    "MakeUpDay",
    "MissingValueError",
    "NaiveDatetimeError",
    "OfficeHours",
    "OutOfCalendarRangeError",
    "UnsupportedZoneError",
    "WorkCalendar",
    "Workweek",
    "load_announcements",
    "vietnam_public_sector",
]
