"""The exception hierarchy of hanhchinh.

Every error the library raises on purpose is a subclass of :class:`HanhChinhError` and also of
the builtin exception a caller would naturally catch (``ValueError`` for a bad value,
``TypeError`` for a value of the wrong kind). Each keeps its inputs as attributes, pickles
cleanly, and says in one line which value was wrong and what was expected::

    HanhChinhError
    ├── NaiveDatetimeError          (ValueError)  a datetime without a time zone
    ├── OutOfCalendarRangeError     (ValueError)  a date outside the calendar's years
    ├── InvalidDurationError        (ValueError)  a negative, fractional or non-numeric count
    ├── InvalidHoursError           (ValueError)  office hours that overlap or run backwards
    ├── CalendarConflictError       (ValueError)  a date made both a day off and a working day
    ├── CalendarDataError           (ValueError)  a malformed announcement file: file, line, field
    ├── MissingValueError           (ValueError)  a missing value (NaT) in a vector input
    ├── UnsupportedZoneError        (ValueError)  a calendar zone a vector kernel cannot handle
    ├── ProcessingTimeParseError    (ValueError)  a processing-time phrase that cannot be read
    ├── InvalidFeeError             (ValueError)  a negative amount, a bad tier, a bad fee query
    ├── ProcedureRecordError        (ValueError)  a procedure record that contradicts itself
    ├── UnknownProcedureError       (KeyError)    a code not in the catalogue, with close matches
    ├── CatalogFileError            (ValueError)  a malformed catalogue file: file, line, field
    ├── EventOrderError             (ValueError)  an event dated before the one before it
    ├── ClockStateError             (ValueError)  an SLA clock event its state does not allow
    ├── RescheduleError             (ValueError)  a rescheduling the law does not allow
    ├── IllegalTransitionError      (ValueError)  an event the dossier's state does not allow
    ├── WrongDossierError           (ValueError)  an event addressed to another dossier
    ├── WorkflowPolicyError         (ValueError)  an event a workflow policy forbids
    ├── ProcedureMismatchError      (ValueError)  an event naming another procedure
    ├── LogStartError               (ValueError)  a log's first event of a dossier not Submitted
    ├── FormError                   (ValueError)  a form the dossier or the circular cannot give
    ├── ReportError                 (ValueError)  a report period, instant or grouping not allowed
    ├── ExportError                 (ValueError)  a value the process-mining export cannot write
    └── DocumentError               (ValueError)  a malformed JSON document: the JSON path
        ├── SchemaVersionError      (ValueError)  a schema_version this release cannot read
        └── EventLogError           (ValueError)  a bad event-log line: file, line, JSON path

Messages never echo more than the caller passed in (no personal data is ever involved here).
"""

from __future__ import annotations

from datetime import date
from typing import Any

__all__ = [
    "CalendarConflictError",
    "CalendarDataError",
    "CatalogFileError",
    "ClockStateError",
    "DocumentError",
    "EventLogError",
    "EventOrderError",
    "ExportError",
    "FormError",
    "HanhChinhError",
    "IllegalTransitionError",
    "InvalidDurationError",
    "InvalidFeeError",
    "InvalidHoursError",
    "LogStartError",
    "MissingValueError",
    "NaiveDatetimeError",
    "OutOfCalendarRangeError",
    "ProcedureMismatchError",
    "ProcedureRecordError",
    "ProcessingTimeParseError",
    "ReportError",
    "RescheduleError",
    "SchemaVersionError",
    "UnknownProcedureError",
    "UnsupportedZoneError",
    "WorkflowPolicyError",
    "WrongDossierError",
]


class HanhChinhError(Exception):
    """The root of every error hanhchinh raises on purpose."""


class NaiveDatetimeError(HanhChinhError, ValueError):
    """A datetime without a time zone was given where an instant is needed.

    >>> from datetime import datetime
    >>> print(NaiveDatetimeError("at", datetime(2024, 1, 5, 9, 30)))
    at=datetime.datetime(2024, 1, 5, 9, 30) is naive; expected an aware datetime, \
e.g. tzinfo=ZoneInfo('Asia/Ho_Chi_Minh')
    """

    def __init__(self, name: str, value: object) -> None:
        super().__init__(name, value)
        self.name = name
        self.value = value

    def __str__(self) -> str:
        return (
            f"{self.name}={self.value!r} is naive; expected an aware datetime, "
            "e.g. tzinfo=ZoneInfo('Asia/Ho_Chi_Minh')"
        )


class OutOfCalendarRangeError(HanhChinhError, ValueError):
    """A date, or a result, falls outside the years a calendar covers.

    A calendar never extrapolates silently: ask for a calendar with a wider range instead.

    >>> from datetime import date
    >>> print(OutOfCalendarRangeError(date(2040, 1, 2), date(1995, 1, 1), date(2035, 12, 31)))
    date 2040-01-02 is outside the calendar's range 1995-01-01..2035-12-31; \
expected a date within it (build the calendar with a wider range of years)
    """

    def __init__(self, value: date, first: date, last: date, what: str = "date") -> None:
        super().__init__(value, first, last, what)
        self.value = value
        self.first = first
        self.last = last
        self.what = what

    def __str__(self) -> str:
        return (
            f"{self.what} {self.value.isoformat()} is outside the calendar's range "
            f"{self.first.isoformat()}..{self.last.isoformat()}; expected a date within it "
            "(build the calendar with a wider range of years)"
        )


class _BadValueError(HanhChinhError, ValueError):
    """A value that is not allowed for a named parameter: the name, the value, the expectation."""

    def __init__(self, name: str, value: object, expected: str) -> None:
        super().__init__(name, value, expected)
        self.name = name
        self.value = value
        self.expected = expected

    def __str__(self) -> str:
        return f"{self.name}={self.value!r} is not allowed; expected {self.expected}"


class InvalidDurationError(_BadValueError):
    """A count or duration is negative, of the wrong type, or otherwise not allowed.

    >>> print(InvalidDurationError("days", -3, "a whole number >= 0"))
    days=-3 is not allowed; expected a whole number >= 0
    """


class InvalidHoursError(_BadValueError):
    """Office hours (sessions of a working day) that cannot be: empty, backwards or overlapping.

    >>> print(InvalidHoursError("sessions", "11:30-07:30", "each session to end after it starts"))
    sessions='11:30-07:30' is not allowed; expected each session to end after it starts
    """


class CalendarConflictError(HanhChinhError, ValueError):
    """One date was declared both a day off and a make-up working day in the same calendar.

    >>> from datetime import date
    >>> print(CalendarConflictError(date(2026, 1, 10)))
    date 2026-01-10 is both a day off and a make-up working day; expected one or the other \
(derive with with_days_off() or with_working_days(), which replace the other kind)
    """

    def __init__(self, value: date) -> None:
        super().__init__(value)
        self.value = value

    def __str__(self) -> str:
        return (
            f"date {self.value.isoformat()} is both a day off and a make-up working day; "
            "expected one or the other (derive with with_days_off() or with_working_days(), "
            "which replace the other kind)"
        )


class _FileError(HanhChinhError, ValueError):
    """A malformed data file: the file, and where known the line and the field."""

    def __init__(
        self, file: str, line: int | None, field: str | None, value: Any, expected: str
    ) -> None:
        super().__init__(file, line, field, value, expected)
        self.file = file
        self.line = line
        self.field = field
        self.value = value
        self.expected = expected

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.field is not None:
            where += f", field {self.field!r}"
        return f"{where}: {self.value!r} is invalid; expected {self.expected}"


class CalendarDataError(_FileError):
    """An announcement (days-off) file is malformed; names the file, line and field.

    >>> print(CalendarDataError("days.csv", 17, "start", "2026-02-30", "a date YYYY-MM-DD"))
    days.csv, line 17, field 'start': '2026-02-30' is invalid; expected a date YYYY-MM-DD
    """


class MissingValueError(HanhChinhError, ValueError):
    """A vector input holds a missing value (``NaT``) where a date or an instant is needed.

    >>> print(MissingValueError("dates[1]", "date"))
    dates[1] is NaT (a missing date); expected a date: drop or fill missing values before calling
    """

    def __init__(self, where: str, expected: str) -> None:
        super().__init__(where, expected)
        self.where = where
        self.expected = expected

    def __str__(self) -> str:
        return (
            f"{self.where} is NaT (a missing {self.expected}); expected {_article(self.expected)} "
            f"{self.expected}: drop or fill missing values before calling"
        )


class UnsupportedZoneError(HanhChinhError, ValueError):
    """A calendar's zone is one a vector kernel cannot convert to with a fixed offset.

    >>> print(UnsupportedZoneError("Europe/Paris", "Asia/Ho_Chi_Minh"))
    calendar.zone='Europe/Paris' is not supported by hanhchinh.frame; expected \
'Asia/Ho_Chi_Minh' (a fixed UTC+7 since 1975): use the scalar WorkCalendar methods
    """

    def __init__(self, zone: str, expected: str) -> None:
        super().__init__(zone, expected)
        self.zone = zone
        self.expected = expected

    def __str__(self) -> str:
        return (
            f"calendar.zone={self.zone!r} is not supported by hanhchinh.frame; expected "
            f"{self.expected!r} (a fixed UTC+7 since 1975): use the scalar WorkCalendar methods"
        )


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


class ProcessingTimeParseError(HanhChinhError, ValueError):
    """A processing-time phrase (thời hạn giải quyết) that hanhchinh cannot read.

    >>> print(ProcessingTimeParseError("mấy hôm", "expected a number of ngày/giờ (làm việc)"))
    cannot read the processing time 'mấy hôm': expected a number of ngày/giờ (làm việc)
    """

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(text, reason)
        self.text = text
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot read the processing time {self.text!r}: {self.reason}"


class InvalidFeeError(_BadValueError):
    """A fee that cannot be: a negative amount, overlapping tiers, or a query it cannot answer.

    >>> print(InvalidFeeError("amount", -2000, "a whole number of đồng >= 0"))
    amount=-2000 is not allowed; expected a whole number of đồng >= 0
    """


class ProcedureRecordError(HanhChinhError, ValueError):
    """A procedure record that contradicts itself (its steps do not add up to its time, …).

    >>> print(ProcedureRecordError("Đăng ký khai sinh", "steps", "02 ngày làm việc",
    ...                            "steps adding up to the processing time 03 ngày làm việc"))
    procedure 'Đăng ký khai sinh', field 'steps': '02 ngày làm việc' is invalid; expected \
steps adding up to the processing time 03 ngày làm việc
    """

    def __init__(self, procedure: str, field: str, value: object, expected: str) -> None:
        super().__init__(procedure, field, value, expected)
        self.procedure = procedure
        self.field = field
        self.value = value
        self.expected = expected

    def __str__(self) -> str:
        return (
            f"procedure {self.procedure!r}, field {self.field!r}: {self.value!r} is invalid; "
            f"expected {self.expected}"
        )


class UnknownProcedureError(HanhChinhError, KeyError):
    """A procedure code that is not in the catalogue; names the closest codes and names.

    >>> print(UnknownProcedureError("1.001139", ("1.001193 Đăng ký khai sinh",)))
    no procedure with code '1.001139' in the catalogue; closest: 1.001193 Đăng ký khai sinh
    """

    def __init__(self, code: str, closest: tuple[str, ...]) -> None:
        super().__init__(code, closest)
        self.code = code
        self.closest = closest

    def __str__(self) -> str:
        hint = "; closest: " + ", ".join(self.closest) if self.closest else "; no close match"
        return f"no procedure with code {self.code!r} in the catalogue{hint}"


class CatalogFileError(_FileError):
    """A malformed catalogue file; names the file, line and field.

    >>> print(CatalogFileError("p.toml", 17, "processing_time", "-3 ngày", "a duration >= 0"))
    p.toml, line 17, field 'processing_time': '-3 ngày' is invalid; expected a duration >= 0
    """


class EventOrderError(HanhChinhError, ValueError):
    """An event is dated before the event recorded before it.

    >>> from datetime import datetime, timezone
    >>> print(EventOrderError("resume", datetime(2026, 3, 2, 9, tzinfo=timezone.utc),
    ...                       datetime(2026, 3, 3, 9, tzinfo=timezone.utc)))
    resume at 2026-03-02T09:00:00+00:00 is before the last event at 2026-03-03T09:00:00+00:00; \
expected events in time order
    """

    def __init__(self, event: str, at: object, last: object) -> None:
        super().__init__(event, at, last)
        self.event = event
        self.at = at
        self.last = last

    def __str__(self) -> str:
        at = self.at.isoformat() if hasattr(self.at, "isoformat") else repr(self.at)
        last = self.last.isoformat() if hasattr(self.last, "isoformat") else repr(self.last)
        return (
            f"{self.event} at {at} is before the last event at {last}; "
            "expected events in time order"
        )


class ClockStateError(HanhChinhError, ValueError):
    """An SLA clock event that the clock's state does not allow (a resume with no pause).

    >>> print(ClockStateError("resume", "running", "a pause before it"))
    resume is not allowed while the clock is running; expected a pause before it
    """

    def __init__(self, event: str, state: str, expected: str) -> None:
        super().__init__(event, state, expected)
        self.event = event
        self.state = state
        self.expected = expected

    def __str__(self) -> str:
        return (
            f"{self.event} is not allowed while the clock is {self.state}; expected {self.expected}"
        )


class RescheduleError(_BadValueError):
    """A rescheduling (xin lỗi và hẹn lại) the law does not allow: a second one, one sent
    later than one day before the appointment, or a new appointment that is not later.

    >>> print(RescheduleError("count", 2, "at most 1 rescheduling (Nghị định 118/2025/NĐ-CP, "
    ...                       "Điều 19 khoản 6)"))
    count=2 is not allowed; expected at most 1 rescheduling (Nghị định 118/2025/NĐ-CP, \
Điều 19 khoản 6)
    """


class IllegalTransitionError(HanhChinhError, ValueError):
    """An event that the dossier's state does not allow, with the events it does allow.

    >>> print(IllegalTransitionError("HS-1", "returned", "Paused", ("FeePaid",)))
    dossier 'HS-1' is returned: Paused is not allowed; expected one of: FeePaid
    """

    def __init__(self, dossier: str, state: str, event: str, allowed: tuple[str, ...]) -> None:
        super().__init__(dossier, state, event, allowed)
        self.dossier = dossier
        self.state = state
        self.event = event
        self.allowed = allowed

    def __str__(self) -> str:
        allowed = ", ".join(self.allowed) if self.allowed else "none (the dossier is closed)"
        return (
            f"dossier {self.dossier!r} is {self.state}: {self.event} is not allowed; "
            f"expected one of: {allowed}"
        )


class WrongDossierError(HanhChinhError, ValueError):
    """An event addressed to another dossier.

    >>> print(WrongDossierError("HS-1", "HS-2"))
    event for dossier 'HS-2' applied to dossier 'HS-1'; expected dossier_id='HS-1'
    """

    def __init__(self, dossier: str, got: str) -> None:
        super().__init__(dossier, got)
        self.dossier = dossier
        self.got = got

    def __str__(self) -> str:
        return (
            f"event for dossier {self.got!r} applied to dossier {self.dossier!r}; "
            f"expected dossier_id={self.dossier!r}"
        )


class WorkflowPolicyError(_BadValueError):
    """An event that the dossier's workflow policy forbids (a second supplement request).

    >>> print(WorkflowPolicyError("supplement_requests", 2, "at most 1 at reception"))
    supplement_requests=2 is not allowed; expected at most 1 at reception
    """


class ProcedureMismatchError(_BadValueError):
    """An event that names a procedure other than its dossier's.

    >>> print(ProcedureMismatchError("Submitted.procedure", "1.004194", "'1.010038'"))
    Submitted.procedure='1.004194' is not allowed; expected '1.010038'
    """


class FormError(_BadValueError):
    """A form that cannot be built: a receipt for a dossier never received, a stop notice
    under a circular that has none, a malformed dossier code.

    >>> print(FormError("dossier", "HS-1", "a dossier that has been received"))
    dossier='HS-1' is not allowed; expected a dossier that has been received
    """


class LogStartError(HanhChinhError, ValueError):
    """A dossier's first event in a log cannot open it: not ``Submitted``, or naming no
    procedure. ``field`` is the event's field at fault.

    >>> print(LogStartError("type", "dossier 'HS-1' starts with Received; expected Submitted"))
    dossier 'HS-1' starts with Received; expected Submitted
    """

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(field, problem)
        self.field = field
        self.problem = problem

    def __str__(self) -> str:
        return self.problem


class ExportError(_BadValueError):
    """A source item, option or value the process-mining export (CSV, XES) cannot write.

    >>> print(ExportError("lang", "fr", "'en' or 'vi'"))
    lang='fr' is not allowed; expected 'en' or 'vi'
    """


class ReportError(_BadValueError):
    """A report asked for a period that ends before it starts, a naive instant, or an
    unknown grouping.

    >>> print(ReportError("group", "colour", "one of procedure, field, agency"))
    group='colour' is not allowed; expected one of procedure, field, agency
    """


class DocumentError(HanhChinhError, ValueError):
    """A JSON document that cannot be read: where (the JSON path, and for a file its name and
    line) and what was wrong.

    >>> print(DocumentError("$.events[2].at", "'2026-01-09T16:55' has no UTC offset; "
    ...                     "expected an aware ISO 8601 datetime"))
    $.events[2].at: '2026-01-09T16:55' has no UTC offset; expected an aware ISO 8601 datetime
    """

    def __init__(
        self, path: str, problem: str, *, file: str | None = None, line: int | None = None
    ) -> None:
        super().__init__(path, problem, file, line)
        self.path = path
        self.problem = problem
        self.file = file
        self.line = line

    def __reduce__(self) -> tuple[Any, ...]:
        return (_document_error, (type(self), self.path, self.problem, self.file, self.line))

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}, "
        if self.line is not None:
            where += f"line {self.line}, "
        return f"{where}{self.path}: {self.problem}"


def _document_error(
    cls: type[DocumentError], path: str, problem: str, file: str | None, line: int | None
) -> DocumentError:
    return cls(path, problem, file=file, line=line)


class SchemaVersionError(DocumentError):
    """A document whose ``schema_version`` this release cannot read.

    >>> print(SchemaVersionError("$.schema_version", "7 is unknown; expected 1"))
    $.schema_version: 7 is unknown; expected 1
    """


class EventLogError(DocumentError):
    """A line of a JSON Lines event log that cannot be read or applied: the file, the line
    and the JSON path within it. The reader stops there; it never skips a line.

    >>> print(EventLogError("$.at", "'2026-13-01' is not a date", file="log.jsonl", line=17))
    log.jsonl, line 17, $.at: '2026-13-01' is not a date
    """


def _message(exc: BaseException) -> str:
    """An error's one-line message: a ``KeyError``'s own text rather than its quoted repr."""
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0])
    return str(exc)
