"""The appointment (ngày hẹn trả kết quả) of a processing time received at an instant."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from hanhchinh.calendar import ExplainedDay, WorkCalendar
from hanhchinh.calendar._explain import statute_notes
from hanhchinh.errors import InvalidDurationError
from hanhchinh.procedures import (
    CalendarDays,
    CalendarHours,
    Conditional,
    ProcessingTime,
    SameDay,
    WorkingDays,
    WorkingHours,
)
from hanhchinh.sla._explain import ExplanationStep, SlaExplanation, duration_text, moment_text
from hanhchinh.sla._rules import (
    CIVIL_CODE,
    CIVIL_CODE_147_1,
    CIVIL_CODE_147_2,
    CIVIL_CODE_148,
    DECREE_23_2015_ART_7,
    NEXT_WORKING_MOMENT,
    CountingRule,
    ReceptionRule,
)

if TYPE_CHECKING:
    from hanhchinh.procedures import Channel, Procedure

__all__ = ["Deadline", "deadline", "deadline_for"]

_US = timedelta(microseconds=1)
_EIGHT_HOURS = timedelta(hours=8)
_HOUR_US = 3_600_000_000


def _exact(count: int | Fraction, unit_us: int) -> timedelta:
    """*count* units of *unit_us* microseconds, rounded up to the microsecond."""
    if type(count) is int:
        return timedelta(microseconds=count * unit_us)
    total = Fraction(count) * unit_us
    us = -((-total.numerator) // total.denominator)
    return timedelta(microseconds=us)


def _compute(
    applied: ProcessingTime, start: datetime, cal: WorkCalendar, rule: CountingRule
) -> tuple[datetime, date]:
    """(due instant, due date) of *applied* counted from *start* (already localised)."""
    kind = type(applied)
    if kind is WorkingDays:
        n = applied.n  # type: ignore[attr-defined]
        if rule.hours_per_day is None and type(n) is int:
            day = cal.add_working_days(start.date(), n)
            return cal.closing_moment(day), day
        per = rule.hours_per_day or _EIGHT_HOURS
        at = cal.add_working_time(start, _exact(n, per // _US))
        return at, at.date()
    if kind is WorkingHours:
        at = cal.add_working_time(start, _exact(applied.n, _HOUR_US))  # type: ignore[attr-defined]
        return at, at.date()
    if kind is SameDay:
        day = start.date()
        cutoff = applied.cutoff  # type: ignore[attr-defined]
        if (
            not cal.is_working_day(day)
            or (cutoff is not None and start.time() > cutoff)
            or start >= cal.closing_moment(day)
        ):
            day = cal.next_working_day(day)
        return cal.closing_moment(day), day
    if kind is CalendarDays:
        n = applied.n  # type: ignore[attr-defined]
        if type(n) is not int:
            at = cal.localize(start + _exact(n, 24 * _HOUR_US))
            return at, at.date()
        last = start.date() + timedelta(days=n)
        if not cal.is_working_day(last):  # also the range check of the last day
            last = cal.next_working_day(last)
        midnight = datetime.combine(last + timedelta(days=1), time(0), tzinfo=start.tzinfo)
        return midnight, last
    if kind is CalendarHours:
        utc = start.astimezone(UTC) + _exact(applied.n, _HOUR_US)  # type: ignore[attr-defined]
        at = cal.localize(utc)
        cal.is_working_day(at.date())  # range check
        return at, at.date()
    raise InvalidDurationError(
        "processing_time",
        applied,
        "a WorkingDays, WorkingHours, CalendarDays, CalendarHours, SameDay or Conditional value",
    )


def _apply(
    processing_time: ProcessingTime,
    start: datetime,
    cal: WorkCalendar,
    rule: CountingRule,
    longer: bool,
) -> tuple[datetime, date]:
    if not isinstance(processing_time, Conditional):
        return _compute(processing_time, start, cal, rule)
    if not longer:
        return _compute(processing_time.base, start, cal, rule)
    if not processing_time.additional:
        return _compute(processing_time.longer, start, cal, rule)
    base, extra = processing_time.base, processing_time.longer
    if (
        isinstance(extra, WorkingDays)
        and type(extra.n) is int
        and not isinstance(base, type(extra))
    ):
        # "trong ngày …; trường hợp … thì kéo dài thêm không quá 02 ngày làm việc": the extra
        # working days run on from the base appointment.
        _, day = _compute(base, start, cal, rule)
        end = cal.add_working_days(day, extra.n)
        return cal.closing_moment(end), end
    return _compute(processing_time.longest(), start, cal, rule)


def _aware(value: object, name: str) -> datetime:
    if not isinstance(value, datetime):
        raise TypeError(f"{name}={value!r} is not a datetime; expected an aware datetime")
    return value


@attrs.frozen(kw_only=True)
class Deadline:
    """An appointment: when a processing time received at an instant is due, and why.

    Build it with :func:`deadline`. ``due_at`` is the instant the period ends (the close of
    office hours of the last working day, 24:00 of the last calendar day, or the exact
    working moment of an hour period); ``due_date`` is the appointment date a receipt slip
    prints and a verdict compares with.

    Attributes:
        processing_time: The processing time as given (possibly a :class:`Conditional`).
        longer: Whether the caller chose the longer conditional time.
        received_at: The instant passed in (recorded complete and valid), unchanged.
        starts_at: The instant the clock starts, after the reception rule.
        due_at: The end of the period, in the calendar's zone.
        due_date: The appointment date.
        rule: The counting rule applied.
        reception: The reception rule applied.
        calendar: The calendar counted on.
    """

    processing_time: ProcessingTime
    longer: bool
    received_at: datetime
    starts_at: datetime
    due_at: datetime
    due_date: date
    rule: CountingRule
    reception: ReceptionRule
    calendar: WorkCalendar = attrs.field(repr=False)

    @property
    def applied(self) -> ProcessingTime:
        """The processing time actually counted (the base or the longer conditional one)."""
        pt = self.processing_time
        if not isinstance(pt, Conditional):
            return pt
        if not self.longer:
            return pt.base
        return pt.longer if not pt.additional else pt

    def explain(self) -> SlaExplanation:
        """How the appointment was reached: reception, the time applied, each day counted
        with the reason of each day skipped, and the sources."""
        cal = self.calendar
        steps = [self._reception_step(), self._time_step()]
        steps.extend(self._count_steps())
        steps.append(
            ExplanationStep(
                kind="due",
                text_en=f"appointment: {moment_text(self.due_at, 'en')}"
                + self._midnight_note("en"),
                text_vi=f"hẹn trả kết quả: {moment_text(self.due_at, 'vi')}"
                + self._midnight_note("vi"),
                start=self.due_date,
                end=self.due_at,
            )
        )
        en, vi = statute_notes(cal, self.received_at.date(), self.due_date)
        if self.rule.name != CIVIL_CODE.name:
            en += (f"counting rule {self.rule.name!r} is not the legal default (civil_code)",)
            vi += (f"quy tắc tính {self.rule.name!r} không phải quy tắc mặc định theo luật",)
        return SlaExplanation(
            title_en=f"Appointment {moment_text(self.due_at, 'en')} for {self.processing_time}",
            title_vi=f"Ngày hẹn trả {moment_text(self.due_at, 'vi')} cho {self.processing_time}",
            result=self.due_at,
            steps=tuple(steps),
            notes_en=en,
            notes_vi=vi,
        )

    def _midnight_note(self, lang: str) -> str:
        if self.due_at.date() == self.due_date:
            return ""
        return (
            f" (24:00 {self.due_date:%d/%m/%Y})"
            if lang == "en"
            else (f" (24 giờ ngày {self.due_date:%d/%m/%Y})")
        )

    def _reception_step(self) -> ExplanationStep:
        cal = self.calendar
        got = cal.localize(self.received_at)
        r = self.reception
        if got == self.starts_at:
            en = f"recorded complete and valid {moment_text(got, 'en')}; the clock starts then"
            vi = (
                f"hồ sơ được ghi nhận đầy đủ, hợp lệ lúc {moment_text(got, 'vi')}; "
                "tính từ thời điểm này"
            )
        else:
            en = (
                f"recorded complete and valid {moment_text(got, 'en')}, outside office hours or "
                f"after the cut-off; by rule {r.name!r} the clock starts "
                f"{moment_text(self.starts_at, 'en')}"
            )
            vi = (
                f"hồ sơ được ghi nhận lúc {moment_text(got, 'vi')}, ngoài giờ làm việc hoặc "
                f"sau giờ chốt; theo quy tắc {r.name!r} thời hạn tính từ "
                f"{moment_text(self.starts_at, 'vi')}"
            )
        days: list[ExplainedDay] = []
        d = got.date()
        while d < self.starts_at.date():
            info = cal.day(d)
            days.append(ExplainedDay(day=info, skipped=not info.is_working))
            d += timedelta(days=1)
        return ExplanationStep(
            kind="reception",
            text_en=en + f" ({r.title_en})",
            text_vi=vi + f" ({r.title_vi})",
            start=got,
            end=self.starts_at,
            days=tuple(days),
            sources=r.sources,
        )

    def _time_step(self) -> ExplanationStep:
        pt = self.processing_time
        if not isinstance(pt, Conditional):
            return ExplanationStep(
                kind="time",
                text_en=f"processing time: {pt}",
                text_vi=f"thời hạn giải quyết: {pt}",
            )
        chosen_en = "chosen by the caller" if self.longer else "not chosen by the caller"
        chosen_vi = "được chọn" if self.longer else "không được chọn"
        applied_en = "the longer time applies" if self.longer else "the base time applies"
        applied_vi = "áp dụng thời hạn dài hơn" if self.longer else "áp dụng thời hạn cơ bản"
        return ExplanationStep(
            kind="time",
            text_en=(
                f"processing time: {pt}; the case '{pt.condition}' is {chosen_en}, so {applied_en}"
            ),
            text_vi=(
                f"thời hạn giải quyết: {pt}; trường hợp '{pt.condition}' {chosen_vi}, {applied_vi}"
            ),
        )

    def _count_steps(self) -> list[ExplanationStep]:
        pt = self.processing_time
        if isinstance(pt, Conditional) and self.longer and pt.additional:
            extra = pt.longer
            if isinstance(extra, WorkingDays) and not isinstance(pt.base, WorkingDays):
                first = _count_step(pt.base, self.starts_at, self.calendar, self.rule)
                _, base_day = _compute(pt.base, self.starts_at, self.calendar, self.rule)
                ex = self.calendar.explain.add_working_days(base_day, int(extra.n))
                second = ExplanationStep(
                    kind="count",
                    text_en=f"then {extra} more, counted after {moment_text(base_day, 'en')}",
                    text_vi=f"kéo dài thêm {extra}, tính sau {moment_text(base_day, 'vi')}",
                    start=base_day,
                    end=self.due_date,
                    days=ex.days,
                    sources=(CIVIL_CODE_147_2,),
                )
                return [first, second]
            return [_count_step(pt.longest(), self.starts_at, self.calendar, self.rule)]
        return [_count_step(self.applied, self.starts_at, self.calendar, self.rule)]


def _count_step(
    applied: ProcessingTime, start: datetime, cal: WorkCalendar, rule: CountingRule
) -> ExplanationStep:
    due_at, due_date = _compute(applied, start, cal, rule)
    ex = cal.explain
    if isinstance(applied, WorkingDays) and rule.hours_per_day is None and type(applied.n) is int:
        return ExplanationStep(
            kind="count",
            text_en=(
                f"{applied}: the day of {moment_text(start.date(), 'en')} is not counted; the "
                f"period ends at the close of working day {applied.n}"
            ),
            text_vi=(
                f"{applied}: không tính ngày {moment_text(start.date(), 'vi')}; thời hạn kết thúc "
                f"vào cuối giờ làm việc của ngày làm việc thứ {applied.n}"
            ),
            start=start,
            end=due_at,
            days=ex.add_working_days(start.date(), applied.n).days,
            sources=(CIVIL_CODE_147_2, CIVIL_CODE_148),
        )
    if isinstance(applied, WorkingDays | WorkingHours):
        duration = cal.working_time_between(start, due_at)
        per = rule.hours_per_day or _EIGHT_HOURS
        if isinstance(applied, WorkingDays):
            what_en = f"{applied} = {applied.n} × {duration_text(per, 'en')} of working time"
            what_vi = f"{applied} = {applied.n} × {duration_text(per, 'vi')} làm việc"
        else:
            what_en = what_vi = str(applied)
        return ExplanationStep(
            kind="count",
            text_en=f"{what_en}, counted from {moment_text(start, 'en')}",
            text_vi=f"{what_vi}, tính từ {moment_text(start, 'vi')}",
            start=start,
            end=due_at,
            days=ex.add_working_time(start, duration).days,
            sources=(CIVIL_CODE_147_1, *rule.sources)
            if isinstance(applied, WorkingHours)
            else rule.sources,
        )
    if isinstance(applied, SameDay):
        moved = due_date != start.date()
        cut = "" if applied.cutoff is None else f"{applied.cutoff:%H:%M}"
        if not moved:
            when_en = "before " + cut if cut else "on a working day"
            when_vi = "trước " + cut if cut else "trong ngày làm việc"
            en = f"{applied}: received {when_en}, due the same day"
            vi = f"{applied}: tiếp nhận {when_vi}, trả trong ngày"
            days: tuple[ExplainedDay, ...] = ()
        else:
            en = (
                f"{applied}: received after {cut or 'the close'} or on a day off, due the next "
                "working day"
            )
            vi = (
                f"{applied}: tiếp nhận sau {cut or 'giờ làm việc'} hoặc ngày nghỉ, trả trong "
                "ngày làm việc tiếp theo"
            )
            days = ex.add_working_days(start.date(), 1).days
        return ExplanationStep(
            kind="count",
            text_en=en,
            text_vi=vi,
            start=start,
            end=due_at,
            days=days,
            sources=(DECREE_23_2015_ART_7,),
        )
    if isinstance(applied, CalendarDays) and type(applied.n) is int:
        listed = []
        d = start.date()
        last_counted = d + timedelta(days=applied.n)
        while d < due_date:
            d += timedelta(days=1)
            info = cal.day(d)
            listed.append(ExplainedDay(day=info, skipped=d > last_counted and not info.is_working))
        moved = due_date != last_counted
        en = (
            f"{applied}: the day of {moment_text(start.date(), 'en')} is not counted; the period "
            f"ends at 24:00 of {moment_text(last_counted, 'en')}"
        )
        vi = (
            f"{applied}: không tính ngày {moment_text(start.date(), 'vi')}; thời hạn kết thúc lúc "
            f"24 giờ ngày {moment_text(last_counted, 'vi')}"
        )
        if moved:
            en += (
                f", a day off, so at the end of the next working day {moment_text(due_date, 'en')}"
            )
            vi += (
                f", là ngày nghỉ, nên kết thúc vào cuối ngày làm việc tiếp theo "
                f"{moment_text(due_date, 'vi')}"
            )
        return ExplanationStep(
            kind="count",
            text_en=en,
            text_vi=vi,
            start=start,
            end=due_at,
            days=tuple(listed),
            sources=(CIVIL_CODE_147_2, CIVIL_CODE_148),
        )
    return ExplanationStep(
        kind="count",
        text_en=f"{applied}: elapsed time counted from {moment_text(start, 'en')}",
        text_vi=f"{applied}: tính liên tục từ {moment_text(start, 'vi')}",
        start=start,
        end=due_at,
        sources=(CIVIL_CODE_147_1,),
    )


def deadline(
    processing_time: ProcessingTime,
    received_at: datetime,
    calendar: WorkCalendar,
    *,
    rule: CountingRule = CIVIL_CODE,
    reception: ReceptionRule = NEXT_WORKING_MOMENT,
    longer: bool = False,
) -> Deadline:
    """The appointment for *processing_time* received (complete and valid) at *received_at*.

    Args:
        processing_time: The legal processing time, e.g. ``WorkingDays(3)`` or a parsed
            record phrase.
        received_at: The aware instant the dossier was recorded complete and valid.
        calendar: The working calendar to count on.
        rule: The counting rule: :data:`CIVIL_CODE` (default) or :data:`EIGHT_HOUR_DAYS`.
        reception: The reception rule: :data:`NEXT_WORKING_MOMENT` (default) or
            :data:`AS_RECORDED`, or a sector rule with a cut-off.
        longer: For a :class:`Conditional` time, whether its longer case applies (the
            caller's explicit choice; shown in :meth:`Deadline.explain`).

    Raises:
        NaiveDatetimeError: If *received_at* has no time zone.
        OutOfCalendarRangeError: If the reception or the appointment is outside the calendar.
        InvalidDurationError: If *longer* is asked of a time that has no longer case.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from hanhchinh.calendar import vietnam_public_sector
    >>> from hanhchinh.procedures import WorkingDays
    >>> friday = datetime(2026, 2, 13, 16, 20, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    >>> d = deadline(WorkingDays(3), friday, vietnam_public_sector())
    >>> d.due_at  # Tết Bính Ngọ: 14–22/2 off; 23, 24, 25/2 are working days 1–3
    datetime.datetime(2026, 2, 25, 17, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Ho_Chi_Minh'))
    """
    if not isinstance(processing_time, ProcessingTime):
        raise InvalidDurationError(
            "processing_time", processing_time, "a ProcessingTime (e.g. WorkingDays(3))"
        )
    if longer is not False and longer is not True:
        raise InvalidDurationError("longer", longer, "True or False")
    if longer and not isinstance(processing_time, Conditional):
        raise InvalidDurationError(
            "longer", longer, f"False: {processing_time} has no longer conditional case"
        )
    received = _aware(received_at, "received_at")
    start = reception.start(received, calendar)
    due_at, due_date = _apply(processing_time, start, calendar, rule, longer)
    return Deadline(
        processing_time=processing_time,
        longer=longer,
        received_at=received,
        starts_at=start,
        due_at=due_at,
        due_date=due_date,
        rule=rule,
        reception=reception,
        calendar=calendar,
    )


def deadline_for(
    procedure: Procedure,
    received_at: datetime,
    calendar: WorkCalendar,
    *,
    channel: Channel | None = None,
    rule: CountingRule = CIVIL_CODE,
    reception: ReceptionRule = NEXT_WORKING_MOMENT,
    longer: bool = False,
) -> Deadline:
    """The appointment for *procedure* filed on *channel* (default: its first channel).

    The channel's own processing time is used, as the record gives it per channel.
    """
    return deadline(
        procedure.processing_time(channel),
        received_at,
        calendar,
        rule=rule,
        reception=reception,
        longer=longer,
    )
