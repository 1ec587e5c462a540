"""The SLA engine: appointments (ngày hẹn trả), the clock, verdicts and explanations.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from hanhchinh.calendar import vietnam_public_sector
>>> from hanhchinh.procedures import WorkingDays
>>> received = datetime(2026, 2, 13, 16, 55, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
>>> deadline(WorkingDays(3), received, vietnam_public_sector()).due_date
datetime.date(2026, 2, 25)
"""

from hanhchinh.sla._clock import (
    ClockEntry,
    ClockState,
    EntryKind,
    Judgement,
    PauseReason,
    SlaClock,
    Standing,
    Status,
    StepDeadline,
    Verdict,
    judge,
)
from hanhchinh.sla._deadline import Deadline, deadline, deadline_for
from hanhchinh.sla._explain import ExplanationStep, SlaExplanation
from hanhchinh.sla._rules import (
    AS_RECORDED,
    CIVIL_CODE,
    EIGHT_HOUR_DAYS,
    NEXT_WORKING_MOMENT,
    CountingRule,
    ReceptionRule,
    ReschedulePolicy,
    ReturnInstant,
    SupplementRule,
    VerdictBasis,
)

__all__ = [
    "AS_RECORDED",
    "CIVIL_CODE",
    "EIGHT_HOUR_DAYS",
    "NEXT_WORKING_MOMENT",
    "ClockEntry",
    "ClockState",
    "CountingRule",
    "Deadline",
    "EntryKind",
    "ExplanationStep",
    "Judgement",
    "PauseReason",
    "ReceptionRule",
    "ReschedulePolicy",
    "ReturnInstant",
    "SlaClock",
    "SlaExplanation",
    "Standing",
    "Status",
    "StepDeadline",
    "SupplementRule",
    "Verdict",
    "VerdictBasis",
    "deadline",
    "deadline_for",
    "judge",
]
