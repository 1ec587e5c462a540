"""Explanations: every calendar operation, step by step, with reasons and legal sources."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import attrs

from hanhchinh.calendar._model import Basis
from hanhchinh.calendar._work import Boundary, CalendarDay, DayKind
from hanhchinh.legal import Confidence, LegalReference

if TYPE_CHECKING:
    from hanhchinh.calendar._work import WorkCalendar

__all__ = ["ExplainedDay", "Explainer", "Explanation"]

CIVIL_CODE_147_2 = LegalReference(
    document="Bộ luật Dân sự 2015 (91/2015/QH13)",
    article="Điều 147 khoản 2",
    url="https://anslawfirm.com/cau-hoi/thoi-diem-bat-dau-thoi-han-duoc-tinh-the-nao/",
    confidence=Confidence.SECONDARY,
)
CIVIL_CODE_147_1 = attrs.evolve(CIVIL_CODE_147_2, article="Điều 147 khoản 1")

_WEEKDAY_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAY_VI = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


def _hm(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else ""
    h, m = divmod(abs(minutes), 60)
    return f"{sign}{h}h{m:02d}"


@attrs.frozen(kw_only=True)
class ExplainedDay:
    """One day of an explanation: the calendar's view of it and what the count did with it.

    Attributes:
        day: The calendar's view of the day (kind, days off, make-up, sources).
        ordinal: For day counts, this day's number in the count (1, 2, …); ``None`` if skipped.
        counted: For hour counts, the working time counted on this day.
    """

    day: CalendarDay
    ordinal: int | None = None
    counted: timedelta | None = None
    skipped: bool = True

    def line(self, lang: str = "en") -> str:
        """One line of text for this day."""
        d = self.day.date
        weekday = (_WEEKDAY_VI if lang == "vi" else _WEEKDAY_EN)[d.weekday()]
        head = f"  {weekday} {d.isoformat()}  "
        reason = self.day.reason(lang)
        if self.ordinal is not None:
            what = (
                f"ngày làm việc thứ {self.ordinal}"
                if lang == "vi"
                else f"working day {self.ordinal}"
            )
            extra = "" if self.day.kind is DayKind.WORKING else f" ({reason})"
            return head + what + extra + self._source(lang)
        if self.counted is not None:
            what = f"tính {_hm(self.counted)}" if lang == "vi" else f"counted {_hm(self.counted)}"
            extra = "" if self.day.kind is DayKind.WORKING else f" ({reason})"
            return head + what + extra + self._source(lang)
        if not self.skipped:
            return f"{head}{reason}{self._source(lang)}"
        skipped = "không tính" if lang == "vi" else "not counted"
        return f"{head}{skipped}: {reason}{self._source(lang)}"

    def _source(self, lang: str) -> str:
        refs = [d.source for d in self.day.days_off if d.source is not None]
        if self.day.make_up is not None and self.day.make_up.source is not None:
            refs = [self.day.make_up.source]
        if not refs:
            return ""
        label = "căn cứ" if lang == "vi" else "source"
        text = "; ".join(dict.fromkeys(str(r) for r in refs))
        note = ""
        if any(d.basis is Basis.STATUTE for d in self.day.days_off):
            note = (
                " — theo luật, chưa có thông báo của năm"
                if lang == "vi"
                else " — statutory rule, no announcement loaded for the year"
            )
        return f" [{label}: {text}{note}]"


@attrs.frozen(kw_only=True)
class Explanation:
    """How a calendar computed one result: the rule, each day it walked over, the sources.

    ``str(explanation)`` is English; ``explanation.text("vi")`` Vietnamese. The structured
    fields are what portals render and test suites assert on.

    Attributes:
        operation: The method explained, e.g. ``"add_working_days"``.
        arguments: The arguments, as ``(name, value)`` pairs.
        result: What the method returned.
        rule_en, rule_vi: The counting convention applied.
        sources: The legal sources of the convention.
        days: The days walked over, in order, each with what the count did with it.
        notes_en, notes_vi: Anything else worth saying (statute-only years, boundaries).
    """

    operation: str
    arguments: tuple[tuple[str, object], ...]
    result: object
    rule_en: str
    rule_vi: str
    sources: tuple[LegalReference, ...] = ()
    days: tuple[ExplainedDay, ...] = ()
    notes_en: tuple[str, ...] = ()
    notes_vi: tuple[str, ...] = ()

    def text(self, lang: str = "en") -> str:
        """The explanation as plain text, ``"en"`` or ``"vi"``."""
        vi = lang == "vi"
        args = ", ".join(_show(v) for _, v in self.arguments)
        lines = [f"{self.operation}({args}) = {_show(self.result)}"]
        rule = self.rule_vi if vi else self.rule_en
        lines.append(("Quy tắc: " if vi else "Rule: ") + rule)
        if self.sources:
            label = "Căn cứ: " if vi else "Source: "
            lines.append(label + "; ".join(str(s) for s in self.sources))
        lines.extend(d.line(lang) for d in self.days)
        lines.extend(
            ("Ghi chú: " if vi else "Note: ") + n for n in (self.notes_vi if vi else self.notes_en)
        )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text("en")


def statute_notes(
    calendar: WorkCalendar, first: date, last: date
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(English, Vietnamese) notes for the years in ``first..last`` that have no official
    announcement loaded, whose days off follow the statutes only."""
    years = [y for y in range(first.year, last.year + 1) if y not in calendar.announced_years]
    if not years:
        return (), ()
    ys = ", ".join(str(y) for y in years)
    return (
        (
            f"no official announcement is loaded for {ys}: days off follow the statutes "
            "(Labour Code) and may change when the Government announces swaps",
        ),
        (
            f"chưa có thông báo chính thức cho năm {ys}: ngày nghỉ tính theo Bộ luật Lao động, "
            "có thể thay đổi khi Chính phủ công bố hoán đổi",
        ),
    )


def _show(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return _hm(value)
    if isinstance(value, Boundary):
        return value.value
    return repr(value)


class Explainer:
    """The explained forms of a calendar's operations (``calendar.explain``)."""

    __slots__ = ("_cal",)

    def __init__(self, calendar: WorkCalendar) -> None:
        self._cal = calendar

    def _statute_notes(self, first: date, last: date) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return statute_notes(self._cal, first, last)

    def day(self, day: date) -> Explanation:
        """Why *day* is or is not a working day."""
        info = self._cal.day(day)
        en, vi = self._statute_notes(info.date, info.date)
        if any(d.basis is Basis.ANNOUNCEMENT for d in info.days_off):
            en, vi = (), ()  # e.g. 31/12/2018, off by the announcement for New Year 2019
        weeks = [w for w in self._cal.workweek if w.since is None or w.since <= info.date]
        pattern = weeks[-1].describe() if weeks else "no working weekdays"
        source = weeks[-1].source if weeks and weeks[-1].source is not None else None
        return Explanation(
            operation="is_working_day",
            arguments=(("day", info.date),),
            result=info.is_working,
            rule_en=f"working weekdays {pattern}, minus days off, plus make-up working days",
            rule_vi=f"ngày làm việc trong tuần {pattern}, trừ ngày nghỉ, cộng ngày làm bù",
            sources=() if source is None else (source,),
            days=(ExplainedDay(day=info, skipped=False),),
            notes_en=en,
            notes_vi=vi,
        )

    is_working_day = day

    def add_working_days(self, start: date, days: int) -> Explanation:
        """Explain :meth:`WorkCalendar.add_working_days`: each day after *start* to the result."""
        cal = self._cal
        result = cal.add_working_days(start, days)
        steps = []
        ordinal = 0
        current = cal.day(start).date
        while current < result:
            current += timedelta(days=1)
            info = cal.day(current)
            if info.is_working:
                ordinal += 1
                steps.append(ExplainedDay(day=info, ordinal=ordinal))
            else:
                steps.append(ExplainedDay(day=info))
        en, vi = self._statute_notes(start, result)
        return Explanation(
            operation="add_working_days",
            arguments=(("start", start), ("days", days)),
            result=result,
            rule_en=(
                "the start day is not counted; counting begins the next day and ends with "
                f"working day {days}"
            ),
            rule_vi=(
                "không tính ngày bắt đầu; thời hạn bắt đầu từ ngày tiếp theo và kết thúc vào "
                f"ngày làm việc thứ {days}"
            ),
            sources=(CIVIL_CODE_147_2,),
            days=tuple(steps),
            notes_en=en,
            notes_vi=vi,
        )

    def next_working_day(self, day: date) -> Explanation:
        """Explain :meth:`WorkCalendar.next_working_day`."""
        inner = self.add_working_days(day, 1)
        return attrs.evolve(inner, operation="next_working_day", arguments=(("day", day),))

    def working_days_between(self, start: date, end: date) -> Explanation:
        """Explain :meth:`WorkCalendar.working_days_between`: each day of ``(start, end]``."""
        cal = self._cal
        result = cal.working_days_between(start, end)
        lo, hi = (start, end) if start <= end else (end, start)
        steps = []
        ordinal = 0
        for k in range(1, (hi - lo).days + 1):
            info = cal.day(lo + timedelta(days=k))
            if info.is_working:
                ordinal += 1
                steps.append(ExplainedDay(day=info, ordinal=ordinal))
            else:
                steps.append(ExplainedDay(day=info))
        en, vi = self._statute_notes(lo, hi)
        return Explanation(
            operation="working_days_between",
            arguments=(("start", start), ("end", end)),
            result=result,
            rule_en="count the working days after start up to and including end: (start, end]",
            rule_vi="đếm ngày làm việc sau ngày bắt đầu đến hết ngày kết thúc: (start, end]",
            sources=(CIVIL_CODE_147_2,),
            days=tuple(steps),
            notes_en=en,
            notes_vi=vi,
        )

    def add_working_time(
        self, start: datetime, duration: timedelta, *, boundary: Boundary = Boundary.CLOSE
    ) -> Explanation:
        """Explain :meth:`WorkCalendar.add_working_time`: the working time counted each day."""
        cal = self._cal
        result = cal.add_working_time(start, duration, boundary=boundary)
        local = cal.next_working_moment(start) if duration else result
        steps = self._hour_steps(local if local < result else result, result)
        en, vi = self._statute_notes(start.date(), result.date())
        boundary_en = (
            "a period ending exactly at a closing time ends at that closing time"
            if boundary is Boundary.CLOSE
            else "a period ending exactly at a closing time ends at the next opening"
        )
        boundary_vi = (
            "thời hạn kết thúc đúng giờ hết giờ làm việc thì kết thúc vào giờ đó"
            if boundary is Boundary.CLOSE
            else "thời hạn kết thúc đúng giờ hết giờ làm việc thì chuyển sang giờ mở cửa kế tiếp"
        )
        return Explanation(
            operation="add_working_time",
            arguments=(("start", start), ("duration", duration), ("boundary", boundary)),
            result=result,
            rule_en=(
                "a period in hours starts at the moment given; only office hours of working "
                "days count; " + boundary_en
            ),
            rule_vi=(
                "thời hạn tính bằng giờ bắt đầu từ thời điểm đã xác định; chỉ tính giờ hành chính "
                "của ngày làm việc; " + boundary_vi
            ),
            sources=(CIVIL_CODE_147_1,),
            days=tuple(steps),
            notes_en=en,
            notes_vi=vi,
        )

    def working_time_between(self, start: datetime, end: datetime) -> Explanation:
        """Explain :meth:`WorkCalendar.working_time_between`: the working time of each day."""
        cal = self._cal
        result = cal.working_time_between(start, end)
        lo, hi = (start, end) if start <= end else (end, start)
        en, vi = self._statute_notes(lo.date(), hi.date())
        return Explanation(
            operation="working_time_between",
            arguments=(("start", start), ("end", end)),
            result=result,
            rule_en="the office hours of working days within [start, end)",
            rule_vi="giờ hành chính của các ngày làm việc trong khoảng [start, end)",
            sources=(CIVIL_CODE_147_1,),
            days=tuple(self._hour_steps(lo, hi)),
            notes_en=en,
            notes_vi=vi,
        )

    def _hour_steps(self, lo: datetime, hi: datetime) -> list[ExplainedDay]:
        cal = self._cal
        lo_local = cal.add_working_time(lo, timedelta(0))
        hi_local = cal.add_working_time(hi, timedelta(0))
        steps = []
        day = lo_local.date()
        while day <= hi_local.date():
            info = cal.day(day)
            day_start = max(lo_local, datetime.combine(day, datetime.min.time(), lo_local.tzinfo))
            next_day = datetime.combine(
                day + timedelta(days=1), datetime.min.time(), lo_local.tzinfo
            )
            day_end = min(hi_local, next_day)
            if info.is_working:
                steps.append(
                    ExplainedDay(day=info, counted=cal.working_time_between(day_start, day_end))
                )
            else:
                steps.append(ExplainedDay(day=info))
            day += timedelta(days=1)
        return steps
