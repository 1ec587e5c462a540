"""Value types of the working calendar: days off, make-up days, office hours and schedules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, time, timedelta
from enum import Enum

import attrs

from hanhchinh.errors import InvalidDurationError, InvalidHoursError
from hanhchinh.legal import LegalReference

__all__ = [
    "Basis",
    "DayOff",
    "HoursRule",
    "MakeUpDay",
    "OfficeHours",
    "Workweek",
]

_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

Day = date  # alias: classes below have a field named ``date``


def _sessions(value: Iterable[tuple[time, time]]) -> tuple[tuple[time, time], ...]:
    return tuple(value)


def _weekday_set(value: Iterable[int]) -> frozenset[int]:
    return frozenset(value)


def _optional_weekdays(value: Iterable[int] | None) -> frozenset[int] | None:
    return None if value is None else frozenset(value)


def _optional_season(
    value: tuple[tuple[int, int], tuple[int, int]] | None,
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    if value is None:
        return None
    lo, hi = value
    return ((lo[0], lo[1]), (hi[0], hi[1]))


class Basis(Enum):
    """Where a day off or a make-up day comes from.

    ``STATUTE``: computed from the Labour Code for a year that has no announcement loaded.
    ``ANNOUNCEMENT``: an official announcement for officials and public employees.
    ``LOCAL``: added by the user (a province's storm closure, a unit's own decision).
    """

    STATUTE = "statute"
    ANNOUNCEMENT = "announcement"
    LOCAL = "local"


def _naive_date(_: object, attribute: attrs.Attribute[date], value: date) -> None:
    # A datetime is a date subclass; a calendar day must be a plain date.
    if type(value) is not date:
        raise TypeError(f"{attribute.name}={value!r} is not a datetime.date; expected a plain date")


@attrs.frozen(kw_only=True, order=False)
class DayOff:
    """A day on which state agencies do not work, with its reason and source.

    Weekly rest days (Saturday, Sunday) are not ``DayOff`` values; they come from the
    calendar's :class:`Workweek`. A ``DayOff`` that falls on a weekly rest day is kept anyway
    (for example Saturday 30/4/2022) so that the calendar can say why the day is off twice over.

    Attributes:
        date: The day.
        name: English name of the reason, e.g. ``"Lunar New Year (Tết Nguyên đán)"``.
        name_vi: Vietnamese name, e.g. ``"Tết Nguyên đán"``; defaults to ``name``.
        occasion: A stable slug grouping the days of one occasion (``"tet"``, ``"new_year"``,
            ``"hung_kings"``, ``"reunification_labour"``, ``"national_day"``, ``"local"``...).
        occasion_year: The year of the occasion (New Year 2019 may include 31/12/2018).
        basis: Statute, announcement or local decision.
        source: The document that makes the day off.

    >>> from hanhchinh.legal import LegalReference
    >>> DayOff(date=date(2025, 9, 29), name="Storm closure",
    ...        source=LegalReference(document="Công điện of the provincial People's Committee"))
    DayOff(date=datetime.date(2025, 9, 29), name='Storm closure', ...)
    """

    date: Day = attrs.field(validator=_naive_date)
    name: str
    name_vi: str = attrs.field()
    occasion: str = "local"
    occasion_year: int = attrs.field()
    basis: Basis = Basis.LOCAL
    source: LegalReference | None = None

    @name_vi.default
    def _name_vi_default(self) -> str:
        return self.name

    @occasion_year.default
    def _occasion_year_default(self) -> int:
        return self.date.year

    def __repr__(self) -> str:
        return f"DayOff(date={self.date!r}, name={self.name!r}, ...)"

    @classmethod
    def range(
        cls,
        start: Day,
        end: Day,
        *,
        name: str,
        name_vi: str | None = None,
        occasion: str = "local",
        occasion_year: int | None = None,
        basis: Basis = Basis.LOCAL,
        source: LegalReference | None = None,
    ) -> tuple[DayOff, ...]:
        """Every day from *start* to *end*, both included, as days off with one reason.

        >>> len(DayOff.range(date(2026, 2, 14), date(2026, 2, 22), name="Tết"))
        9
        """
        if end < start:
            raise InvalidDurationError(
                "end", end.isoformat(), f"a date on or after start={start.isoformat()}"
            )
        return tuple(
            cls(
                date=start + timedelta(days=k),
                name=name,
                name_vi=name if name_vi is None else name_vi,
                occasion=occasion,
                occasion_year=start.year if occasion_year is None else occasion_year,
                basis=basis,
                source=source,
            )
            for k in range((end - start).days + 1)
        )


@attrs.frozen(kw_only=True)
class MakeUpDay:
    """A weekly rest day (usually a Saturday) that becomes a working day (ngày làm bù).

    Attributes:
        date: The day worked.
        replaces: The weekday given off in exchange, when the announcement says so.
        name, name_vi, occasion, occasion_year, basis, source: as for :class:`DayOff`.
    """

    date: Day = attrs.field(validator=_naive_date)
    name: str
    name_vi: str = attrs.field()
    replaces: Day | None = None
    occasion: str = "local"
    occasion_year: int = attrs.field()
    basis: Basis = Basis.LOCAL
    source: LegalReference | None = None

    @name_vi.default
    def _name_vi_default(self) -> str:
        return self.name

    @occasion_year.default
    def _occasion_year_default(self) -> int:
        return self.date.year


def _parse_clock(text: str, what: str) -> time:
    m = re.fullmatch(r"\s*(\d{1,2})[:hg](\d{2})?\s*", text)
    if m is None:
        raise InvalidHoursError(what, text, "a time such as '07:30' or '7h30'")
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if hour > 23 or minute > 59:
        raise InvalidHoursError(what, text, "a time of day between 00:00 and 23:59")
    return time(hour, minute)


def _micro(t: time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


@attrs.frozen
class OfficeHours:
    """The sessions of one working day, e.g. morning 07:30–11:30 and afternoon 13:30–17:00.

    Sessions are half-open ``[start, end)``: at 11:30 the morning session is over. They must be
    non-empty, in order and must not overlap; times are wall-clock times in the calendar's zone.

    >>> hours = OfficeHours.parse("07:30-11:30, 13:30-17:00")
    >>> hours.total
    datetime.timedelta(seconds=27000)
    >>> str(hours)
    '07:30–11:30, 13:30–17:00'
    """

    sessions: tuple[tuple[time, time], ...] = attrs.field(converter=_sessions)

    @sessions.validator
    def _check(self, _: attrs.Attribute[object], value: tuple[tuple[time, time], ...]) -> None:
        if not value:
            raise InvalidHoursError("sessions", value, "at least one session")
        previous_end: time | None = None
        for session in value:
            if (
                not isinstance(session, tuple)
                or len(session) != 2
                or not all(type(t) is time for t in session)
            ):
                raise InvalidHoursError("sessions", session, "pairs (start, end) of datetime.time")
            start, end = session
            if start.tzinfo is not None or end.tzinfo is not None:
                raise InvalidHoursError(
                    "sessions", session, "wall-clock times without tzinfo (the calendar has a zone)"
                )
            if end <= start:
                raise InvalidHoursError(
                    "sessions",
                    f"{start:%H:%M}-{end:%H:%M}",
                    "each session to end after it starts",
                )
            if previous_end is not None and start < previous_end:
                raise InvalidHoursError(
                    "sessions",
                    f"{start:%H:%M}-{end:%H:%M}",
                    f"sessions in order, not overlapping (previous ends {previous_end:%H:%M})",
                )
            previous_end = end

    @classmethod
    def parse(cls, text: str) -> OfficeHours:
        """Read ``"07:30-11:30, 13:30-17:00"`` (also ``7h30``, en dash, ``;``)."""
        sessions = []
        for part in re.split(r"[,;]", text):
            bounds = re.split(r"\s*[-–]\s*", part.strip())
            if len(bounds) != 2:
                raise InvalidHoursError(
                    "hours", text, "sessions such as '07:30-11:30, 13:30-17:00'"
                )
            sessions.append((_parse_clock(bounds[0], "hours"), _parse_clock(bounds[1], "hours")))
        return cls(tuple(sessions))

    @property
    def total(self) -> timedelta:
        """The working time of one such day."""
        return sum(
            (timedelta(microseconds=_micro(e) - _micro(s)) for s, e in self.sessions), timedelta()
        )

    def micro_sessions(self) -> tuple[tuple[int, int], ...]:
        """The sessions as microseconds since midnight (used by the calendar's kernel)."""
        return tuple((_micro(s), _micro(e)) for s, e in self.sessions)

    def __str__(self) -> str:
        return ", ".join(f"{s:%H:%M}–{e:%H:%M}" for s, e in self.sessions)


def _season(value: tuple[tuple[int, int], tuple[int, int]] | None) -> None:
    if value is None:
        return
    for month, day in value:
        try:
            date(2000, month, day)  # a leap year, so 29/2 is allowed
        except (TypeError, ValueError):
            raise InvalidHoursError(
                "season", value, "((month, day), (month, day)) of real days"
            ) from None


@attrs.frozen(kw_only=True)
class HoursRule:
    """When a set of :class:`OfficeHours` applies: a date range, a season, some weekdays.

    A calendar holds a sequence of rules; for each day the *last* rule that applies wins, so a
    later, narrower rule (summer hours, one province's decision from a date) overrides an
    earlier, general one.

    Attributes:
        hours: The sessions.
        start, end: First and last day the rule is valid (both included); ``None`` is open.
        season: ``((month, day), (month, day))``, both included, may wrap the year end
            (``((10, 1), (3, 31))`` is winter).
        weekdays: Monday=0 … Sunday=6; ``None`` for every day.
        name: What the rule is, for ``explain()``.
        source: The decision that sets these hours.

    >>> summer = HoursRule(hours=OfficeHours.parse("07:00-11:30, 13:30-17:00"),
    ...                    season=((4, 1), (9, 30)), name="summer hours")
    >>> summer.applies(date(2026, 6, 1)), summer.applies(date(2026, 12, 1))
    (True, False)
    """

    hours: OfficeHours
    start: date | None = None
    end: date | None = None
    season: tuple[tuple[int, int], tuple[int, int]] | None = attrs.field(
        default=None, converter=_optional_season
    )
    weekdays: frozenset[int] | None = attrs.field(default=None, converter=_optional_weekdays)
    name: str = ""
    source: LegalReference | None = None

    def __attrs_post_init__(self) -> None:
        _season(self.season)
        if self.start is not None and self.end is not None and self.end < self.start:
            raise InvalidHoursError("end", self.end, f"a date on or after start={self.start}")
        if self.weekdays is not None and not self.weekdays <= frozenset(range(7)):
            raise InvalidHoursError("weekdays", sorted(self.weekdays), "numbers 0 (Mon) to 6 (Sun)")

    def applies(self, day: date) -> bool:
        """Whether the rule covers *day*."""
        if self.start is not None and day < self.start:
            return False
        if self.end is not None and day > self.end:
            return False
        if self.weekdays is not None and day.weekday() not in self.weekdays:
            return False
        if self.season is not None:
            key = (day.month, day.day)
            lo, hi = self.season
            inside = lo <= key <= hi if lo <= hi else (key >= lo or key <= hi)
            if not inside:
                return False
        return True


@attrs.frozen(kw_only=True)
class Workweek:
    """The weekly working pattern in force from a date (Monday=0 … Sunday=6).

    State agencies have worked Monday to Friday since Quyết định 188/1999/QĐ-TTg; before it the
    week had six working days.
    """

    weekdays: frozenset[int] = attrs.field(converter=_weekday_set)
    since: date | None = None
    source: LegalReference | None = None

    @weekdays.validator
    def _check(self, _: attrs.Attribute[object], value: frozenset[int]) -> None:
        if not value or not value <= frozenset(range(7)):
            raise InvalidHoursError(
                "weekdays", sorted(value), "a non-empty set of 0 (Mon)..6 (Sun)"
            )

    def describe(self) -> str:
        """``"Mon–Fri"`` style summary."""
        days = sorted(self.weekdays)
        if days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
            return f"{_WEEKDAYS_EN[days[0]]}–{_WEEKDAYS_EN[days[-1]]}"
        return ", ".join(_WEEKDAYS_EN[d] for d in days)
