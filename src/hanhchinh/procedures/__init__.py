"""Procedures (thủ tục hành chính): processing times, fees, records and the shipped catalogue.

>>> from hanhchinh.procedures import Catalog, ProcessingTime
>>> ProcessingTime.parse("05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ").n
5
"""

from hanhchinh.procedures._catalog import SCHEMA_VERSION, Catalog, fold
from hanhchinh.procedures._fee import Channel, Exemption, Fee, FeeUnit, Tier
from hanhchinh.procedures._procedure import ChannelTime, Level, Procedure, Step
from hanhchinh.procedures._time import (
    CalendarDays,
    CalendarHours,
    Conditional,
    ProcessingTime,
    SameDay,
    Since,
    WorkingDays,
    WorkingHours,
)

__all__ = [
    "SCHEMA_VERSION",
    "CalendarDays",
    "CalendarHours",
    "Catalog",
    "Channel",
    "ChannelTime",
    "Conditional",
    "Exemption",
    "Fee",
    "FeeUnit",
    "Level",
    "Procedure",
    "ProcessingTime",
    "SameDay",
    "Since",
    "Step",
    "Tier",
    "WorkingDays",
    "WorkingHours",
    "fold",
]
