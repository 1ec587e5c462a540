"""The events of the one-stop workflow: what happens to a dossier, when, and by whom.

Every event is a frozen value with the dossier it belongs to, an aware instant and an actor
(an opaque reference to an officer, a unit or "applicant": never personal data).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum

import attrs

from hanhchinh.errors import NaiveDatetimeError
from hanhchinh.legal import LegalReference
from hanhchinh.procedures import Channel
from hanhchinh.sla import PauseReason

__all__ = [
    "Digitised",
    "Event",
    "FeePaid",
    "Paused",
    "Received",
    "Rejected",
    "Rescheduled",
    "ResultReady",
    "Resumed",
    "Returned",
    "StepCompleted",
    "StopReason",
    "Stopped",
    "Submitted",
    "SupplementRequested",
    "Supplemented",
    "Transferred",
    "Withdrawn",
]


def _aware(instance: object, attribute: attrs.Attribute[datetime], value: datetime) -> None:
    if not isinstance(value, datetime):
        raise TypeError(f"{attribute.name}={value!r} is not a datetime; expected an aware datetime")
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise NaiveDatetimeError(attribute.name, value)


def _text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name}={value!r} is empty; expected a non-empty string")


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@attrs.frozen(kw_only=True)
class Event:
    """What every event has.

    Attributes:
        dossier_id: The dossier the event belongs to.
        at: When it happened (aware).
        actor: Who did it: an opaque reference (an officer's id, a unit, "applicant").
    """

    dossier_id: str = attrs.field(validator=_text)
    at: datetime = attrs.field(validator=_aware)
    actor: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    @property
    def kind(self) -> str:
        """The event's class name, e.g. ``"Received"``."""
        return type(self).__name__


@attrs.frozen(kw_only=True)
class Submitted(Event):
    """The applicant files the dossier (nộp hồ sơ) on a channel.

    Attributes:
        channel: How it was filed.
        procedure: The procedure's code, so that an event log names it (optional; when given,
            it must be the dossier's).
        applicant_ref: An opaque reference to the applicant (never personal data).
    """

    channel: Channel
    procedure: str | None = None
    applicant_ref: str = attrs.field(default="", validator=attrs.validators.instance_of(str))


@attrs.frozen(kw_only=True)
class Received(Event):
    """The dossier is accepted complete and valid (tiếp nhận); the SLA clock starts.

    Attributes:
        receipt_number: The number of the receipt slip (Giấy tiếp nhận hồ sơ và hẹn trả).
        appointment: The appointment printed on the slip, as the SLA engine gave it.
    """

    receipt_number: str = attrs.field(validator=_text)
    appointment: datetime | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(_aware),
    )


@attrs.frozen(kw_only=True)
class SupplementRequested(Event):
    """A request to supplement or complete the dossier (Phiếu yêu cầu bổ sung, hoàn thiện
    hồ sơ, Mẫu 02): at reception before it is accepted, or during processing."""

    missing: tuple[str, ...] = attrs.field(converter=_texts)


@attrs.frozen(kw_only=True)
class Supplemented(Event):
    """The applicant supplied what was missing."""


@attrs.frozen(kw_only=True)
class Rejected(Event):
    """The dossier is refused (Phiếu từ chối, Mẫu 03), with the reasons."""

    reasons: tuple[str, ...] = attrs.field(converter=_texts)


@attrs.frozen(kw_only=True)
class Transferred(Event):
    """The dossier passes from one agency or unit to another (a liên thông hand-over)."""

    from_agency: str = attrs.field(validator=_text)
    to_agency: str = attrs.field(validator=_text)
    step: str | None = None


@attrs.frozen(kw_only=True)
class StepCompleted(Event):
    """An internal step of the procedure is completed (handed over)."""

    step: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True)
class Paused(Event):
    """Time stops counting, for a reason and with its legal source."""

    reason: PauseReason
    source: LegalReference | None = None
    note: str = ""


@attrs.frozen(kw_only=True)
class Resumed(Event):
    """Time counts again after a pause."""


@attrs.frozen(kw_only=True)
class Rescheduled(Event):
    """An apology letter and a new appointment (Văn bản xin lỗi và đề nghị gia hạn, Mẫu 04)."""

    appointment: datetime = attrs.field(validator=_aware)
    reason: str = attrs.field(validator=_text)
    letter: str = ""


@attrs.frozen(kw_only=True)
class ResultReady(Event):
    """The result reached the one-stop counter."""


@attrs.frozen(kw_only=True)
class Returned(Event):
    """The result was handed to the applicant (trả kết quả)."""


class StopReason(Enum):
    """Why processing stopped without a result."""

    APPLICANT_REQUEST = "applicant_request"  # Nghị định 118/2025/NĐ-CP, Điều 21
    SUPPLEMENT_NOT_PROVIDED = "supplement_not_provided"  # Điều 19(5): 15 days without it
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Withdrawn(Event):
    """The applicant withdraws the dossier before it is accepted."""

    reason: str = ""


@attrs.frozen(kw_only=True)
class Stopped(Event):
    """Processing stops (Thông báo dừng giải quyết hồ sơ, Mẫu 05)."""

    reason: StopReason
    note: str = ""


@attrs.frozen(kw_only=True)
class FeePaid(Event):
    """The fee was paid, online or not (a service indicator)."""

    amount: int = attrs.field(validator=attrs.validators.ge(0))
    online: bool


@attrs.frozen(kw_only=True)
class Digitised(Event):
    """The dossier's documents were digitised (số hóa; a service indicator)."""

    documents: int = attrs.field(default=1, validator=attrs.validators.ge(0))
