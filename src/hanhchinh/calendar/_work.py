"""WorkCalendar: working days and working hours, exact, precomputed, immutable."""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Any, Final
from zoneinfo import ZoneInfo

import attrs

from hanhchinh.calendar._model import Basis, DayOff, HoursRule, MakeUpDay, OfficeHours, Workweek
from hanhchinh.errors import (
    CalendarConflictError,
    InvalidDurationError,
    InvalidHoursError,
    NaiveDatetimeError,
    OutOfCalendarRangeError,
)

if TYPE_CHECKING:
    from hanhchinh.calendar._explain import Explainer

__all__ = ["Boundary", "CalendarDay", "DayKind", "WorkCalendar"]

VN_ZONE: Final = "Asia/Ho_Chi_Minh"
_US_PER_DAY: Final = 86_400_000_000


class Boundary(Enum):
    """Where a period of working time that ends exactly at a closing time lands.

    ``CLOSE`` (the default): at the closing moment itself — 8 working hours from 08:00 on a
    day with 08:00–12:00 and 13:00–17:00 is 17:00 *that day*, the promise a receipt slip makes.
    ``NEXT_OPENING``: at the next opening — 08:00 the next working day (what pandas'
    ``CustomBusinessHour`` reports). Both are the same amount of working time.
    """

    CLOSE = "close"
    NEXT_OPENING = "next_opening"


class DayKind(Enum):
    """Why a day is, or is not, a working day."""

    WORKING = "working"  # a working day of the weekly pattern
    MAKE_UP = "make_up"  # a weekly rest day made a working day (làm bù)
    WEEKLY_REST = "weekly_rest"  # Saturday or Sunday (or whatever the pattern rests)
    DAY_OFF = "day_off"  # a holiday, substitute, swapped or announced day off, or a closure


@attrs.frozen(kw_only=True)
class CalendarDay:
    """One day as the calendar sees it, with the reasons and sources (for ``explain()``)."""

    date: date
    kind: DayKind
    days_off: tuple[DayOff, ...] = ()
    make_up: MakeUpDay | None = None
    hours: OfficeHours | None = None
    statute_only: bool = False

    @property
    def is_working(self) -> bool:
        """Whether state agencies work on this day."""
        return self.kind in (DayKind.WORKING, DayKind.MAKE_UP)

    def reason(self, lang: str = "en") -> str:
        """A short reason, in English (``"en"``) or Vietnamese (``"vi"``)."""
        vi = lang == "vi"
        if self.kind is DayKind.DAY_OFF:
            names = "; ".join(dict.fromkeys(d.name_vi if vi else d.name for d in self.days_off))
            return f"ngày nghỉ: {names}" if vi else f"day off: {names}"
        if self.kind is DayKind.MAKE_UP:
            assert self.make_up is not None
            name = self.make_up.name_vi if vi else self.make_up.name
            return f"ngày làm bù: {name}" if vi else f"make-up working day: {name}"
        if self.kind is DayKind.WEEKLY_REST:
            return "nghỉ hằng tuần" if vi else "weekly rest day"
        return "ngày làm việc" if vi else "working day"


class _Tables:
    """The precomputed kernel of a calendar (private; rebuilt, never pickled)."""

    __slots__ = (
        "base",
        "cum",
        "cumt",
        "dates",
        "day_hours",
        "first",
        "hours_rule",
        "last",
        "makeup",
        "n",
        "nwork",
        "off",
        "tz",
        "uniform",
        "uniform_length",
        "work_dates",
        "working",
    )

    base: int
    n: int
    first: date
    last: date
    tz: ZoneInfo
    working: bytearray
    cum: list[int]
    dates: list[date]
    work_dates: list[date]
    nwork: int
    day_hours: list[tuple[tuple[int, int], ...]]
    hours_rule: list[HoursRule | None]
    cumt: list[int]
    off: dict[date, tuple[DayOff, ...]]
    makeup: dict[date, MakeUpDay]
    uniform: tuple[tuple[int, int], ...] | None  # the sessions, when every working day has them
    uniform_length: int


def _check_conflicts(days_off: tuple[DayOff, ...], make_up: tuple[MakeUpDay, ...]) -> None:
    off = {d.date for d in days_off}
    for m in make_up:
        if m.date in off:
            raise CalendarConflictError(m.date)


def _sorted_off(value: Iterable[DayOff]) -> tuple[DayOff, ...]:
    return tuple(sorted(value, key=lambda d: (d.date, d.occasion, d.name)))


def _sorted_makeup(value: Iterable[MakeUpDay]) -> tuple[MakeUpDay, ...]:
    return tuple(sorted(value, key=lambda d: (d.date, d.occasion, d.name)))


def _rules(value: Iterable[HoursRule]) -> tuple[HoursRule, ...]:
    return tuple(value)


def _years(value: Iterable[int]) -> frozenset[int]:
    return frozenset(value)


def _sorted_workweek(value: Iterable[Workweek]) -> tuple[Workweek, ...]:
    return tuple(sorted(value, key=lambda w: w.since or date.min))


@attrs.frozen(kw_only=True, eq=True, repr=False)
class WorkCalendar:
    """A working calendar: which days and which hours a state agency works, over bounded years.

    A calendar is an immutable value. Build the national one with
    :func:`~hanhchinh.calendar.vietnam_public_sector`, derive local variants with
    :meth:`with_days_off`, :meth:`with_working_days`, :meth:`with_hours` and
    :meth:`with_reception_hours`. Every operation is exact, refuses naive datetimes, negative
    counts and dates outside ``first_year..last_year`` (:class:`OutOfCalendarRangeError`), and
    has an explained form under :attr:`explain`.

    Conventions (each a named rule, see ``docs/calendar.md``):

    * Day counts do not count their first day (Bộ luật Dân sự 2015, Điều 147(2)):
      :meth:`add_working_days` returns the *n*-th working day after the start, and
      :meth:`working_days_between` counts the working days in ``(start, end]``.
    * Office-hours sessions are half-open ``[open, close)``; a working-time period that ends
      exactly at a closing time lands at that closing time (:attr:`Boundary.CLOSE`) unless
      ``boundary=Boundary.NEXT_OPENING`` is asked for.
    * Instants in any zone are converted to the calendar's zone (``Asia/Ho_Chi_Minh``);
      results are returned in it.

    Attributes:
        name: A label, e.g. ``"Vietnam public sector"``.
        first_year, last_year: The supported range; nothing outside it is answered.
        workweek: The weekly patterns, each in force from its ``since`` date.
        all_days_off: Every day off of every year, with its reason, basis and source (one
            year's: :meth:`days_off`).
        all_make_up_days: Weekly rest days made working days (one year's:
            :meth:`make_up_days`).
        hours: Office-hours rules; for each working day the last rule that applies wins.
        reception_hours: Rules for receiving dossiers where they differ from ``hours`` (a
            commune that receives on Saturday morning); empty means "as ``hours``".
        announced_years: Years whose days off come from official announcements; other years
            follow the statutes and are marked so in ``explain()``.
        zone: The IANA zone of the calendar's wall-clock times.
    """

    name: str = "working calendar"
    first_year: int
    last_year: int
    workweek: tuple[Workweek, ...] = attrs.field(converter=_sorted_workweek)
    all_days_off: tuple[DayOff, ...] = attrs.field(default=(), converter=_sorted_off)
    all_make_up_days: tuple[MakeUpDay, ...] = attrs.field(default=(), converter=_sorted_makeup)
    hours: tuple[HoursRule, ...] = attrs.field(converter=_rules)
    reception_hours: tuple[HoursRule, ...] = attrs.field(default=(), converter=_rules)
    announced_years: frozenset[int] = attrs.field(default=frozenset(), converter=_years)
    zone: str = VN_ZONE
    _t: _Tables = attrs.field(init=False, repr=False, eq=False, hash=False, alias="_t")

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.first_year <= self.last_year <= 9998:
            raise InvalidDurationError(
                "last_year",
                self.last_year,
                f"a year range with 1 <= first_year ({self.first_year}) <= last_year <= 9998",
            )
        if not self.workweek:
            raise InvalidHoursError("workweek", (), "at least one weekly pattern")
        if not self.hours:
            raise InvalidHoursError("hours", (), "at least one office-hours rule")
        _check_conflicts(self.all_days_off, self.all_make_up_days)
        object.__setattr__(self, "_t", self._build())

    # ------------------------------------------------------------------ building
    def _build(self) -> _Tables:
        t = _Tables()
        first = date(self.first_year, 1, 1)
        last = date(self.last_year, 12, 31)
        t.first, t.last = first, last
        t.base = first.toordinal()
        t.n = last.toordinal() - t.base + 1
        t.tz = ZoneInfo(self.zone)
        off: dict[date, tuple[DayOff, ...]] = {}
        for d in self.all_days_off:
            off[d.date] = (*off.get(d.date, ()), d)
        t.off = off
        t.makeup = {m.date: m for m in self.all_make_up_days}
        weeks = self.workweek
        rules = self.hours
        simple = all(
            r.start is None and r.end is None and r.season is None and r.weekdays is None
            for r in rules
        )
        sessions_of: dict[int, tuple[tuple[int, int], ...]] = {}
        length_of: dict[int, int] = {}
        for r in rules:
            sessions_of[id(r)] = r.hours.micro_sessions()
            length_of[id(r)] = sum(e - s for s, e in sessions_of[id(r)])
        n = t.n
        working = bytearray(n)
        cum = [0] * (n + 1)
        cumt = [0] * (n + 1)
        dates = [date.fromordinal(o) for o in range(t.base, t.base + n)]
        work_dates: list[date] = []
        none: tuple[tuple[int, int], ...] = ()
        day_hours: list[tuple[tuple[int, int], ...]] = [none] * n
        hours_rule: list[HoursRule | None] = [None] * n
        makeup = t.makeup
        # The weekly pattern in force, advanced as the days go by (the rules are sorted).
        w = -1
        while w + 1 < len(weeks) and (weeks[w + 1].since or date.min) <= first:
            w += 1
        weekdays: frozenset[int] = weeks[w].weekdays if w >= 0 else frozenset()
        next_change = (weeks[w + 1].since or date.min) if w + 1 < len(weeks) else None
        weekday = first.weekday()
        count = 0
        total = 0
        last_rule = rules[-1]
        for i in range(n):
            day = dates[i]
            if next_change is not None and day >= next_change:
                w += 1
                weekdays = weeks[w].weekdays
                next_change = (weeks[w + 1].since or date.min) if w + 1 < len(weeks) else None
            if day in makeup or (weekday in weekdays and day not in off):
                working[i] = 1
                count += 1
                work_dates.append(day)
                rule = last_rule if simple else self._rule_for(rules, day)
                if rule is None:
                    raise InvalidHoursError(
                        "hours", day.isoformat(), "an office-hours rule covering every working day"
                    )
                day_hours[i] = sessions_of[id(rule)]
                hours_rule[i] = rule
                total += length_of[id(rule)]
            cum[i + 1] = count
            cumt[i + 1] = total
            weekday = weekday + 1 if weekday < 6 else 0
        t.working, t.cum, t.cumt = working, cum, cumt
        t.dates, t.work_dates, t.nwork = dates, work_dates, count
        t.day_hours, t.hours_rule = day_hours, hours_rule
        distinct = {sessions_of[id(r)] for r in hours_rule if r is not None}
        t.uniform = distinct.pop() if len(distinct) == 1 else None
        t.uniform_length = sum(e - s for s, e in t.uniform) if t.uniform else 0
        return t

    @staticmethod
    def _rule_for(rules: tuple[HoursRule, ...], day: date) -> HoursRule | None:
        for rule in reversed(rules):
            if rule.applies(day):
                return rule
        return None

    def __repr__(self) -> str:
        # The full definition runs to hundreds of kB; this names the calendar instead.
        years = sorted(self.announced_years)
        announced = f"{years[0]}–{years[-1]}" if years else "none"
        return (
            f"<WorkCalendar {self.name!r} {self.first_year}–{self.last_year}: "
            f"{len(self.all_days_off)} days off, {len(self.all_make_up_days)} make-up days, "
            f"{len(self.hours)} hours rules, announced {announced}, "
            f"fingerprint {self.fingerprint[:12]}>"
        )

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython's (and Hypothesis') pretty-printing protocol: the same short form."""
        printer.text(repr(self))

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickle the definition only; the kernel tables are rebuilt on load (Dask, Spark).
        fields = {a.name: getattr(self, a.name) for a in attrs.fields(type(self)) if a.init}
        return (_rebuild, (type(self), fields))

    # ------------------------------------------------------------------ input checks
    def _index(self, day: date, what: str = "date") -> int:
        if type(day) is not date:
            day = self._as_date(day, what)
        i = day.toordinal() - self._t.base
        if 0 <= i < self._t.n:
            return i
        raise OutOfCalendarRangeError(day, self._t.first, self._t.last, what)

    def _as_date(self, value: object, what: str) -> date:
        if isinstance(value, datetime):
            return self._local(value, what).date()
        if isinstance(value, date):
            return date(value.year, value.month, value.day)
        raise TypeError(f"{what}={value!r} is not a date; expected a datetime.date")

    def _local(self, value: object, what: str) -> datetime:
        if not isinstance(value, datetime):
            raise TypeError(f"{what}={value!r} is not a datetime; expected an aware datetime")
        tz = value.tzinfo
        if tz is None or tz.utcoffset(value) is None:
            raise NaiveDatetimeError(what, value)
        if tz is not self._t.tz:
            value = value.astimezone(self._t.tz)
        return value

    def _position(self, value: datetime, what: str) -> tuple[int, int, int]:
        """(day index, microseconds since midnight, working microseconds before *value*)."""
        t = self._t
        # ZoneInfo objects are cached per key, so the usual case is this identity test.
        if type(value) is not datetime or value.tzinfo is not t.tz:
            value = self._local(value, what)
        i = value.toordinal() - t.base
        if not 0 <= i < t.n:
            raise OutOfCalendarRangeError(value.date(), t.first, t.last, what)
        us = ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 + value.microsecond
        done = 0
        for s, e in t.day_hours[i]:
            if us >= e:
                done += e - s
            elif us > s:
                done += us - s
                break
            else:
                break
        return i, us, t.cumt[i] + done

    def _instant(self, i: int, us: int) -> datetime:
        d = self._t.dates[i]
        secs, micro = divmod(us, 1_000_000)
        minutes, sec = divmod(secs, 60)
        hour, minute = divmod(minutes, 60)
        return datetime(d.year, d.month, d.day, hour, minute, sec, micro, tzinfo=self._t.tz)

    # ------------------------------------------------------------------ days
    @property
    def first_day(self) -> date:
        """The first day the calendar covers (1 January of ``first_year``)."""
        return self._t.first

    @property
    def last_day(self) -> date:
        """The last day the calendar covers (31 December of ``last_year``)."""
        return self._t.last

    def is_working_day(self, day: date) -> bool:
        """Whether state agencies work on *day* (a make-up Saturday is a working day).

        >>> from hanhchinh.calendar import vietnam_public_sector
        >>> cal = vietnam_public_sector()
        >>> cal.is_working_day(date(2024, 5, 4))  # Saturday worked: Công văn 2450/VPCP-KGVX
        True
        """
        return bool(self._t.working[self._index(day)])

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after *day* ("ngày làm việc tiếp theo")."""
        return self.add_working_days(day, 1)

    def add_working_days(self, start: date, days: int) -> date:
        """Return the date *days* working days after *start*.

        The start day itself is never counted, whether or not it is a working day: counting
        begins the next day (Bộ luật Dân sự 2015, Điều 147(2)). ``days=0`` returns *start*.

        Args:
            start: The day the count starts from; it is not counted itself.
            days: How many working days to add; a whole number, not negative.

        Raises:
            InvalidDurationError: If *days* is negative or not a whole number.
            OutOfCalendarRangeError: If *start* or the result falls outside the calendar.

        >>> from hanhchinh.calendar import vietnam_public_sector
        >>> vietnam_public_sector().add_working_days(date(2024, 5, 2), 2)
        datetime.date(2024, 5, 4)
        """
        t = self._t
        i = start.toordinal() if type(start) is date else self._as_date(start, "start").toordinal()
        i -= t.base
        if type(days) is not int or days < 0:
            raise InvalidDurationError("days", days, "a whole number of working days >= 0")
        if not 0 <= i < t.n:
            raise OutOfCalendarRangeError(self._as_date(start, "start"), t.first, t.last, "start")
        if days == 0:
            return t.dates[i]
        k = t.cum[i + 1] + days - 1
        if k >= t.nwork:
            raise OutOfCalendarRangeError(
                t.dates[i], t.first, t.last, f"the result of adding {days} working days to"
            )
        return t.work_dates[k]

    def working_days_between(self, start: date, end: date) -> int:
        """Count the working days in ``(start, end]``: *start* excluded, *end* included.

        This is the inverse of :meth:`add_working_days`:
        ``working_days_between(d, add_working_days(d, n)) == n``. If *end* is before *start*
        the count is negative (the days in ``(end, start]``, negated).

        >>> from hanhchinh.calendar import vietnam_public_sector
        >>> # (26/4, 6/5/2024]: 27/4–1/5 off, 2/5, 3/5, Saturday 4/5 worked (2450/VPCP-KGVX), 6/5
        >>> vietnam_public_sector().working_days_between(date(2024, 4, 26), date(2024, 5, 6))
        4
        """
        t = self._t
        if type(start) is date and type(end) is date:
            i = start.toordinal() - t.base
            j = end.toordinal() - t.base
            if 0 <= i < t.n and 0 <= j < t.n:
                return t.cum[j + 1] - t.cum[i + 1]
        i = self._index(start, "start")
        j = self._index(end, "end")
        return t.cum[j + 1] - t.cum[i + 1]

    def day(self, day: date) -> CalendarDay:
        """Everything the calendar knows of *day*: kind, days off, make-up, hours, sources."""
        t = self._t
        i = self._index(day)
        d = t.dates[i]
        offs = t.off.get(d, ())
        make_up = t.makeup.get(d)
        rule = t.hours_rule[i]
        if make_up is not None:
            kind = DayKind.MAKE_UP
        elif offs:
            kind = DayKind.DAY_OFF
        elif t.working[i]:
            kind = DayKind.WORKING
        else:
            kind = DayKind.WEEKLY_REST
        return CalendarDay(
            date=d,
            kind=kind,
            days_off=offs,
            make_up=make_up,
            hours=None if rule is None else rule.hours,
            statute_only=d.year not in self.announced_years,
        )

    def days_off(self, year: int) -> tuple[DayOff, ...]:
        """Every day off of *year* (holidays, substitutes, swaps, closures), in date order.

        Weekend days inside an announced period are included (the announcement lists them);
        ordinary weekends are not.
        """
        if not self.first_year <= year <= self.last_year:
            raise OutOfCalendarRangeError(date(year, 1, 1), self._t.first, self._t.last, "year")
        return tuple(d for d in self.all_days_off if d.date.year == year)

    def make_up_days(self, year: int) -> tuple[MakeUpDay, ...]:
        """Every make-up working day of *year*."""
        if not self.first_year <= year <= self.last_year:
            raise OutOfCalendarRangeError(date(year, 1, 1), self._t.first, self._t.last, "year")
        return tuple(m for m in self.all_make_up_days if m.date.year == year)

    # ------------------------------------------------------------------ hours
    def is_working_time(self, moment: datetime) -> bool:
        """Whether *moment* falls inside an office-hours session of a working day.

        Sessions are half-open: the closing minute itself (11:30, 17:00) is not working time.
        """
        i, us, _ = self._position(moment, "moment")
        return any(s <= us < e for s, e in self._t.day_hours[i])

    def next_working_moment(self, moment: datetime) -> datetime:
        """*moment* itself if it is working time, otherwise the next session's opening."""
        t = self._t
        i, us, _ = self._position(moment, "moment")
        for s, e in t.day_hours[i]:
            if us < e:
                return self._local(moment, "moment") if us >= s else self._instant(i, s)
        k = t.cum[i + 1]
        if k >= t.nwork:
            raise OutOfCalendarRangeError(t.dates[i], t.first, t.last, "the moment after")
        j = t.work_dates[k].toordinal() - t.base
        return self._instant(j, t.day_hours[j][0][0])

    def add_working_time(
        self, start: datetime, duration: timedelta, *, boundary: Boundary = Boundary.CLOSE
    ) -> datetime:
        """The instant at which *duration* of working time, counted from *start*, is used up.

        Time outside office hours does not count; counting from a moment outside them starts
        at the next opening (Bộ luật Dân sự 2015, Điều 147(1): a period in hours starts at
        the moment given). A result exactly at a closing time is that closing time unless
        ``boundary=Boundary.NEXT_OPENING``. ``duration=0`` returns *start* (in the calendar's
        zone).

        Raises:
            NaiveDatetimeError: If *start* has no time zone.
            InvalidDurationError: If *duration* is negative or not a timedelta.
            OutOfCalendarRangeError: If the result falls outside the calendar.

        >>> from zoneinfo import ZoneInfo
        >>> from hanhchinh.calendar import vietnam_public_sector
        >>> cal = vietnam_public_sector()
        >>> friday = datetime(2026, 2, 13, 16, 20, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
        >>> cal.add_working_time(friday, timedelta(hours=8))  # Tết: 14–22/2 off
        datetime.datetime(2026, 2, 23, 16, 20, tzinfo=zoneinfo.ZoneInfo(key='Asia/Ho_Chi_Minh'))
        """
        if type(duration) is not timedelta or duration < _ZERO:
            raise InvalidDurationError("duration", duration, "a timedelta >= 0")
        # The hot path of every receipt slip: _position() and _instant() inlined.
        t = self._t
        if type(start) is not datetime or start.tzinfo is not t.tz:
            start = self._local(start, "start")
        i = start.toordinal() - t.base
        if not 0 <= i < t.n:
            raise OutOfCalendarRangeError(start.date(), t.first, t.last, "start")
        if not duration:
            return start
        us = ((start.hour * 60 + start.minute) * 60 + start.second) * 1_000_000 + start.microsecond
        cumt = t.cumt
        pos = cumt[i]
        for s, e in t.day_hours[i]:
            if us >= e:
                pos += e - s
            else:
                if us > s:
                    pos += us - s
                break
        target = pos + duration // _ONE_MICROSECOND
        close = boundary is Boundary.CLOSE
        length = t.uniform_length
        if length:
            # Every working day has the same sessions: the result is on working day number
            # q (0-based), found by division instead of a search.
            q = (target - 1) // length if close else target // length
            if q >= t.nwork:
                raise self._result_out_of_range(i, duration)
            rest = target - q * length
            d = t.work_dates[q]
            sessions = t.uniform
        else:
            j = (bisect_left(cumt, target, i) if close else bisect_right(cumt, target, i)) - 1
            if j >= t.n:
                raise self._result_out_of_range(i, duration)
            rest = target - cumt[j]
            d = t.dates[j]
            sessions = t.day_hours[j]
        for s, e in sessions:  # type: ignore[union-attr]  # uniform is set when length is
            if rest < e - s or (close and rest == e - s):
                hour, rest = divmod(s + rest, 3_600_000_000)
                minute, rest = divmod(rest, 60_000_000)
                second, micro = divmod(rest, 1_000_000)
                return datetime(d.year, d.month, d.day, hour, minute, second, micro, tzinfo=t.tz)
            rest -= e - s
        raise AssertionError("unreachable: the prefix sums place the target inside the day")

    def _result_out_of_range(self, i: int, duration: timedelta) -> OutOfCalendarRangeError:
        t = self._t
        return OutOfCalendarRangeError(
            t.dates[i], t.first, t.last, f"the result of adding {duration} of working time to"
        )

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """The working time in ``[start, end)``; negative if *end* is before *start*."""
        _, _, a = self._position(start, "start")
        _, _, b = self._position(end, "end")
        return timedelta(microseconds=b - a)

    def working_time_on(self, day: date) -> timedelta:
        """The office hours of *day* (zero on a day that is not a working day)."""
        sessions = self._t.day_hours[self._index(day)]
        return timedelta(microseconds=sum(e - s for s, e in sessions))

    def closing_moment(self, day: date) -> datetime:
        """The end of the last office-hours session of *day*, in the calendar's zone.

        This is when "the end of the working day" falls: a period of working days ends at
        the closing moment of its last day.

        Raises:
            InvalidDurationError: If *day* is not a working day (it has no closing moment).

        >>> from hanhchinh.calendar import vietnam_public_sector
        >>> vietnam_public_sector().closing_moment(date(2026, 2, 13))
        datetime.datetime(2026, 2, 13, 17, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Ho_Chi_Minh'))
        """
        i = self._index(day, "day")
        sessions = self._t.day_hours[i]
        if not sessions:
            raise InvalidDurationError("day", self._t.dates[i], "a working day")
        return self._instant(i, sessions[-1][1])

    def localize(self, moment: datetime) -> datetime:
        """*moment* (an aware datetime in any zone) as wall-clock time in the calendar's zone.

        Raises:
            NaiveDatetimeError: If *moment* has no time zone.
        """
        return self._local(moment, "moment")

    # ------------------------------------------------------------------ reception
    def reception_sessions(self, day: date) -> tuple[tuple[time, time], ...]:
        """The hours during which dossiers are received on *day* (empty if none).

        On a working day: the last reception rule that applies, else the office hours. On a
        weekly rest day that is not a day off: only a reception rule that names that weekday
        explicitly (a commune receiving on Saturday morning). Never on a day off.
        """
        t = self._t
        i = self._index(day)
        d = t.dates[i]
        rule = None
        make_up = d in t.makeup
        for r in reversed(self.reception_hours):
            # A make-up Saturday is a full working day: rules for named weekdays (Saturday
            # morning reception) do not shorten it.
            if r.applies(d) and not (make_up and r.weekdays is not None):
                rule = r
                break
        if t.working[i]:
            hours = rule.hours if rule is not None else t.hours_rule[i].hours  # type: ignore[union-attr]
            return hours.sessions
        if d in t.off or rule is None or rule.weekdays is None:
            return ()
        return rule.hours.sessions

    def is_reception_time(self, moment: datetime) -> bool:
        """Whether the one-stop counter receives dossiers at *moment*."""
        local = self._local(moment, "moment")
        self._index(local.date(), "moment")
        clock = local.time().replace(tzinfo=None)
        return any(s <= clock < e for s, e in self.reception_sessions(local.date()))

    def next_reception_moment(self, moment: datetime) -> datetime:
        """*moment* if the counter receives then, otherwise the next reception opening."""
        local = self._local(moment, "moment")
        day = local.date()
        clock = local.time().replace(tzinfo=None)
        while True:
            self._index(day, "the reception moment after")
            for s, e in self.reception_sessions(day):
                if clock < e:
                    if clock >= s:
                        return local
                    return datetime.combine(day, s, tzinfo=self._t.tz)
            day += timedelta(days=1)
            clock = time.min

    # ------------------------------------------------------------------ derivation
    def with_days_off(self, *days: DayOff) -> WorkCalendar:
        """A new calendar with *days* off (a storm closure, a local decision).

        A day that was a make-up working day stops being one. The original is unchanged.

        >>> from hanhchinh.calendar import vietnam_public_sector, DayOff
        >>> cal = vietnam_public_sector()
        >>> storm = cal.with_days_off(DayOff(date=date(2025, 9, 29), name="Storm no. 10"))
        >>> storm.is_working_day(date(2025, 9, 29)), cal.is_working_day(date(2025, 9, 29))
        (False, True)
        """
        for d in days:
            if not isinstance(d, DayOff):
                raise TypeError(f"{d!r} is not a DayOff; expected DayOff(date=..., name=...)")
            self._index(d.date, "day off")
        dates = {d.date for d in days}
        return attrs.evolve(
            self,
            all_days_off=(*self.all_days_off, *days),
            all_make_up_days=tuple(m for m in self.all_make_up_days if m.date not in dates),
        )

    def with_working_days(self, *days: MakeUpDay) -> WorkCalendar:
        """A new calendar where *days* are working days (make-up days, extra working days).

        Any day off on those dates is removed; the original is unchanged.
        """
        for m in days:
            if not isinstance(m, MakeUpDay):
                raise TypeError(f"{m!r} is not a MakeUpDay; expected MakeUpDay(date=..., name=...)")
            self._index(m.date, "working day")
        dates = {m.date for m in days}
        return attrs.evolve(
            self,
            all_days_off=tuple(d for d in self.all_days_off if d.date not in dates),
            all_make_up_days=(*(m for m in self.all_make_up_days if m.date not in dates), *days),
        )

    def with_hours(
        self,
        hours: OfficeHours | HoursRule,
        *,
        start: date | None = None,
        end: date | None = None,
        season: tuple[tuple[int, int], tuple[int, int]] | None = None,
        weekdays: Iterable[int] | None = None,
        name: str = "",
    ) -> WorkCalendar:
        """A new calendar whose office hours are *hours* where the rule applies.

        >>> from hanhchinh.calendar import vietnam_public_sector, OfficeHours
        >>> cal = vietnam_public_sector().with_hours(
        ...     OfficeHours.parse("07:00-11:30, 13:30-17:00"), season=((5, 1), (9, 30)))
        >>> cal.working_time_on(date(2026, 6, 1))
        datetime.timedelta(seconds=28800)
        """
        return attrs.evolve(
            self, hours=(*self.hours, _rule(hours, start, end, season, weekdays, name))
        )

    def with_reception_hours(
        self,
        hours: OfficeHours | HoursRule,
        *,
        start: date | None = None,
        end: date | None = None,
        season: tuple[tuple[int, int], tuple[int, int]] | None = None,
        weekdays: Iterable[int] | None = None,
        name: str = "",
    ) -> WorkCalendar:
        """A new calendar that receives dossiers during *hours* where the rule applies.

        >>> from zoneinfo import ZoneInfo
        >>> from hanhchinh.calendar import vietnam_public_sector, OfficeHours
        >>> cal = vietnam_public_sector().with_reception_hours(
        ...     OfficeHours.parse("07:30-11:30"), weekdays=[5], name="Saturday reception")
        >>> cal.is_reception_time(datetime(2026, 3, 7, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
        True
        """
        rule = _rule(hours, start, end, season, weekdays, name)
        return attrs.evolve(self, reception_hours=(*self.reception_hours, rule))

    def with_announcements(self, announcements: Iterable[DayOff | MakeUpDay]) -> WorkCalendar:
        """A new calendar where announced days replace what was known for their occasions.

        For every ``(occasion, occasion_year)`` present in *announcements*, the calendar's
        days off and make-up days of that occasion and year (statutory or from an older
        announcement) are dropped and the announced ones used instead; the year is recorded in
        :attr:`announced_years`. Local days (``Basis.LOCAL``) are kept.
        """
        items = tuple(announcements)
        for x in items:
            self._index(x.date, "announced day")
        days_off, make_up, years = merge_announcements(
            self.all_days_off, self.all_make_up_days, items
        )
        return attrs.evolve(
            self,
            all_days_off=days_off,
            all_make_up_days=make_up,
            announced_years=self.announced_years | years,
        )

    # ------------------------------------------------------------------ identity, export
    @property
    def explain(self) -> Explainer:
        """The explained form of every operation: ``cal.explain.add_working_days(d, 3)``."""
        from hanhchinh.calendar._explain import Explainer

        return Explainer(self)

    @property
    def fingerprint(self) -> str:
        """A stable SHA-256 of the calendar's definition: equal calendars, equal fingerprints,
        in every process (unlike ``hash()``, which Python salts per process)."""
        h = hashlib.sha256()
        for a in attrs.fields(type(self)):
            if a.init:
                h.update(a.name.encode())
                h.update(repr(_canonical(getattr(self, a.name))).encode())
        return h.hexdigest()

    def __dask_tokenize__(self) -> str:
        """Deterministic token for Dask (see :attr:`fingerprint`)."""
        return self.fingerprint

    def table(self) -> list[Mapping[str, object]]:
        """The calendar as rows a dataframe or SQL engine can join on.

        One row per day: ``date``, ``is_working``, ``working_day_ordinal`` (working days up to
        and including this day), ``working_minutes``, ``cumulative_working_minutes`` (before
        this day), ``kind``, ``reason``, ``source``.
        """
        t = self._t
        rows: list[Mapping[str, object]] = []
        for i in range(t.n):
            info = self.day(t.dates[i])
            sources = "; ".join(str(d.source) for d in info.days_off if d.source is not None)
            if info.make_up is not None and info.make_up.source is not None:
                sources = str(info.make_up.source)
            rows.append(
                {
                    "date": t.dates[i],
                    "is_working": bool(t.working[i]),
                    "working_day_ordinal": t.cum[i + 1],
                    "working_minutes": (t.cumt[i + 1] - t.cumt[i]) // 60_000_000,
                    "cumulative_working_minutes": t.cumt[i] // 60_000_000,
                    "kind": info.kind.value,
                    "reason": info.reason("en"),
                    "source": sources,
                }
            )
        return rows


_ZERO: Final = timedelta(0)
_ONE_MICROSECOND: Final = timedelta(microseconds=1)


def _rule(
    hours: OfficeHours | HoursRule,
    start: date | None,
    end: date | None,
    season: tuple[tuple[int, int], tuple[int, int]] | None,
    weekdays: Iterable[int] | None,
    name: str,
) -> HoursRule:
    if isinstance(hours, HoursRule):
        return hours
    if not isinstance(hours, OfficeHours):
        raise TypeError(f"hours={hours!r} is not OfficeHours; expected OfficeHours.parse('...')")
    return HoursRule(
        hours=hours,
        start=start,
        end=end,
        season=season,
        weekdays=None if weekdays is None else frozenset(weekdays),
        name=name,
    )


def _canonical(value: object) -> object:
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))  # type: ignore[arg-type]  # attrs.has() narrowed it
        return (
            type(value).__name__,
            tuple((a.name, _canonical(getattr(value, a.name))) for a in fields),
        )
    if isinstance(value, frozenset):
        return tuple(sorted(_canonical(v) for v in value))  # type: ignore[type-var]
    if isinstance(value, tuple):
        return tuple(_canonical(v) for v in value)
    if isinstance(value, Enum):
        return value.value
    return value


def merge_announcements(
    days_off: tuple[DayOff, ...],
    make_up: tuple[MakeUpDay, ...],
    announcements: Iterable[DayOff | MakeUpDay],
) -> tuple[tuple[DayOff, ...], tuple[MakeUpDay, ...], frozenset[int]]:
    """Replace, per ``(occasion, occasion_year)``, the non-local days by the announced ones."""
    items = tuple(announcements)
    keys = {(a.occasion, a.occasion_year) for a in items}

    def keep(x: DayOff | MakeUpDay) -> bool:
        return x.basis is Basis.LOCAL or (x.occasion, x.occasion_year) not in keys

    return (
        (*(d for d in days_off if keep(d)), *(d for d in items if isinstance(d, DayOff))),
        (*(m for m in make_up if keep(m)), *(m for m in items if isinstance(m, MakeUpDay))),
        frozenset(a.occasion_year for a in items),
    )


def _rebuild(cls: type[WorkCalendar], fields: dict[str, Any]) -> WorkCalendar:
    return cls(**fields)
