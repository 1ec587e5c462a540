"""Dossiers (hồ sơ) and the one-stop workflow: events, one transition table, and immutable
dossiers whose SLA clock follows their history.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from hanhchinh.calendar import vietnam_public_sector
>>> from hanhchinh.procedures import Catalog, Channel
>>> vn = ZoneInfo("Asia/Ho_Chi_Minh")
>>> d = Dossier(id="HS-1", procedure=Catalog.default()["1.004194"],
...             calendar=vietnam_public_sector(), applicant_ref="A-0001")
>>> d = d.apply(Submitted(dossier_id="HS-1", at=datetime(2026, 3, 2, 9, tzinfo=vn),
...                       channel=Channel.IN_PERSON))
>>> d = d.apply(Received(dossier_id="HS-1", at=datetime(2026, 3, 2, 9, 5, tzinfo=vn),
...                      receipt_number="000001"))
>>> d.state, d.clock.due_date
(<State.PROCESSING: 'processing'>, datetime.date(2026, 3, 5))
>>> d.apply(Resumed(dossier_id="HS-1", at=datetime(2026, 3, 2, 10, tzinfo=vn)))
Traceback (most recent call last):
...
hanhchinh.errors.IllegalTransitionError: dossier 'HS-1' is processing: Resumed is not allowed; \
expected one of: Transferred, StepCompleted, SupplementRequested, Paused, Rescheduled, Rejected, \
ResultReady, Returned, Stopped, FeePaid, Digitised
"""

from hanhchinh.dossiers._events import (
    Digitised,
    Event,
    FeePaid,
    Paused,
    Received,
    Rejected,
    Rescheduled,
    ResultReady,
    Resumed,
    Returned,
    StepCompleted,
    Stopped,
    StopReason,
    Submitted,
    Supplemented,
    SupplementRequested,
    Transferred,
    Withdrawn,
)
from hanhchinh.dossiers._workflow import TRANSITIONS, Dossier, State, WorkflowPolicy, mermaid

__all__ = [
    "TRANSITIONS",
    "Digitised",
    "Dossier",
    "Event",
    "FeePaid",
    "Paused",
    "Received",
    "Rejected",
    "Rescheduled",
    "ResultReady",
    "Resumed",
    "Returned",
    "State",
    "StepCompleted",
    "StopReason",
    "Stopped",
    "Submitted",
    "SupplementRequested",
    "Supplemented",
    "Transferred",
    "Withdrawn",
    "WorkflowPolicy",
    "mermaid",
]
