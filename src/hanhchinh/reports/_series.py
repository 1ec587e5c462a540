"""Time series and tables of period reports, as plain data (no plotting library needed).

:func:`monthly` gives the :class:`~hanhchinh.reports.PeriodReport` of each calendar month of a
range; :func:`backlog` the dossiers open at the end of each day (or week, or month), split as
reports split them; :func:`verdicts_by_procedure` the verdicts of a report per procedure. The
plots of ``hanhchinh.reports`` (the ``[plot]`` extra) draw these; notebooks can read them as
rows (``pandas.DataFrame(series.rows())``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from typing import Any, Final
from zoneinfo import ZoneInfo

import attrs

from hanhchinh.dossiers import Dossier, Received, Submitted
from hanhchinh.errors import ReportError
from hanhchinh.procedures import Catalog
from hanhchinh.reports._period import PeriodReport, _closing
from hanhchinh.sla import ReturnInstant, Status

__all__ = [
    "BACKLOG_STEPS",
    "BacklogPoint",
    "BacklogSeries",
    "MonthPoint",
    "MonthlySeries",
    "ProcedureVerdicts",
    "backlog",
    "monthly",
    "verdicts_by_procedure",
]

_ZONE: Final = "Asia/Ho_Chi_Minh"

BACKLOG_STEPS: Final = ("day", "week", "month")
"""How often :func:`backlog` samples: at the end of every day, of every week (Sunday), or of
every month; the last day of the range is always sampled."""


# ------------------------------------------------------------------------------ checks
def _check_range(start: object, end: object) -> tuple[date, date]:
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, date) or isinstance(value, datetime):
            raise ReportError(name, value, "a datetime.date (a day, not an instant)")
    assert isinstance(start, date)
    assert isinstance(end, date)
    if end < start:
        raise ReportError("end", end, f"a date on or after start={start!r}")
    return start, end


def _items(dossiers: Iterable[Dossier] | Mapping[str, Dossier]) -> tuple[Dossier, ...]:
    return tuple(dossiers.values() if isinstance(dossiers, Mapping) else dossiers)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


# ------------------------------------------------------------------------------ monthly
@attrs.frozen(kw_only=True)
class MonthPoint:
    """One calendar month of a :class:`MonthlySeries` and its report.

    Attributes:
        month: The month, ``"YYYY-MM"``.
        report: The month's report (clipped to the series' range for a partial first or
            last month), as of the end of its last day.
    """

    month: str
    report: PeriodReport

    @property
    def start(self) -> date:
        """The month's first day in the range."""
        return self.report.start

    @property
    def end(self) -> date:
        """The month's last day in the range."""
        return self.report.end

    @property
    def new(self) -> int:
        """Dossiers filed in the month (tiếp nhận mới)."""
        return self.report.figures.new

    @property
    def resolved(self) -> int:
        """Dossiers returned in the month: early + on time + late."""
        return self.report.figures.resolved

    @property
    def on_time_rate(self) -> Fraction | None:
        """(early + on time) / resolved, ``None`` if nothing was resolved."""
        return self.report.figures.on_time_rate


@attrs.frozen(kw_only=True)
class MonthlySeries:
    """The reports of the calendar months of a range, oldest first (see :func:`monthly`).

    Attributes:
        start: The range's first day.
        end: Its last day (included).
        zone: The time zone the days are read in.
        returned: Which instant counts as returned.
        points: One :class:`MonthPoint` per month.
    """

    start: date
    end: date
    zone: str
    returned: ReturnInstant
    points: tuple[MonthPoint, ...]

    def __len__(self) -> int:
        return len(self.points)

    def __iter__(self) -> Iterator[MonthPoint]:
        return iter(self.points)

    @property
    def months(self) -> tuple[str, ...]:
        """The months, ``"YYYY-MM"``."""
        return tuple(p.month for p in self.points)

    @property
    def reports(self) -> tuple[PeriodReport, ...]:
        """The months' reports."""
        return tuple(p.report for p in self.points)

    def rows(self) -> list[dict[str, Any]]:
        """One flat row per month: the month, its first and last day (ISO), and every figure
        and rate of its report (as :meth:`Figures.as_dict` gives them)."""
        return [
            {
                "month": p.month,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                **p.report.figures.as_dict(),
            }
            for p in self.points
        ]


def monthly(
    dossiers: Iterable[Dossier] | Mapping[str, Dossier],
    start: date,
    end: date,
    *,
    zone: str = _ZONE,
    returned: ReturnInstant = ReturnInstant.HANDED_OVER,
) -> MonthlySeries:
    """The period report of each calendar month from *start* to *end*.

    Each month's figures are :meth:`PeriodReport.from_dossiers` of that month, as of the end
    of its last day: new (filed in the month), resolved (returned in it), the on-time rate of
    those resolved, and every other figure. A first or last month that the range cuts is
    clipped to the range.

    Args:
        dossiers: The dossiers (a mapping such as :func:`hanhchinh.io.replay_log` gives is
            read by its values).
        start: The range's first day.
        end: Its last day (included).
        zone: Where the days begin and end.
        returned: Which instant counts as returned (see :class:`~hanhchinh.sla.ReturnInstant`).

    Returns:
        The months and their reports, oldest first.

    Raises:
        ReportError: If *start* or *end* is not a date, or *end* is before *start*.
    """
    start, end = _check_range(start, end)
    items = _items(dossiers)
    points = []
    first = start
    while first <= end:
        last = min(end, _next_month(first) - timedelta(days=1))
        report = PeriodReport.from_dossiers(items, first, last, zone=zone, returned=returned)
        points.append(MonthPoint(month=f"{first:%Y-%m}", report=report))
        first = last + timedelta(days=1)
    return MonthlySeries(start=start, end=end, zone=zone, returned=returned, points=tuple(points))


# ------------------------------------------------------------------------------ backlog
@attrs.frozen(kw_only=True)
class BacklogPoint:
    """The dossiers open at one instant, split as a report splits its dossiers in progress.

    Attributes:
        day: The day whose end (24:00) is the instant.
        at: The instant.
        in_time: Accepted, not closed, on or before the appointment date (trong hạn).
        overdue: Accepted, not closed, past the appointment date (quá hạn).
        pending: Filed, not yet accepted (chờ tiếp nhận, bổ sung).
    """

    day: date
    at: datetime
    in_time: int
    overdue: int
    pending: int

    @property
    def open(self) -> int:
        """All open dossiers: in time + overdue + pending."""
        return self.in_time + self.overdue + self.pending


@attrs.frozen(kw_only=True)
class BacklogSeries:
    """The dossiers open at the end of each day (week, month) of a range (see
    :func:`backlog`).

    Attributes:
        start: The range's first day.
        end: Its last day (included).
        step: ``"day"``, ``"week"`` or ``"month"``.
        zone: The time zone the days are read in.
        returned: Which instant counts as returned (and so closes a dossier).
        points: One :class:`BacklogPoint` per sampled day, oldest first.
    """

    start: date
    end: date
    step: str
    zone: str
    returned: ReturnInstant
    points: tuple[BacklogPoint, ...]

    def __len__(self) -> int:
        return len(self.points)

    def __iter__(self) -> Iterator[BacklogPoint]:
        return iter(self.points)

    @property
    def days(self) -> tuple[date, ...]:
        """The sampled days."""
        return tuple(p.day for p in self.points)

    @property
    def in_time(self) -> tuple[int, ...]:
        """In time, per sampled day."""
        return tuple(p.in_time for p in self.points)

    @property
    def overdue(self) -> tuple[int, ...]:
        """Overdue, per sampled day."""
        return tuple(p.overdue for p in self.points)

    @property
    def pending(self) -> tuple[int, ...]:
        """Pending at reception, per sampled day."""
        return tuple(p.pending for p in self.points)

    def rows(self) -> list[dict[str, Any]]:
        """One flat row per sampled day: the day and the instant (ISO), in time, overdue,
        pending and open."""
        return [
            {
                "day": p.day.isoformat(),
                "at": p.at.isoformat(),
                "in_time": p.in_time,
                "overdue": p.overdue,
                "pending": p.pending,
                "open": p.open,
            }
            for p in self.points
        ]


def _sampled(start: date, end: date, step: str) -> list[date]:
    days = []
    day = start
    while day <= end:
        following = day + timedelta(days=1)
        if (
            day == end
            or step == "day"
            or (step == "week" and day.weekday() == 6)
            or (step == "month" and following.day == 1)
        ):
            days.append(day)
        day = following
    return days


def backlog(
    dossiers: Iterable[Dossier] | Mapping[str, Dossier],
    start: date,
    end: date,
    *,
    step: str = "day",
    zone: str = _ZONE,
    returned: ReturnInstant = ReturnInstant.HANDED_OVER,
) -> BacklogSeries:
    """The dossiers open at the end (24:00) of each day from *start* to *end*.

    A dossier is open at an instant if it was filed before it and not closed before it
    (closed: returned, refused, withdrawn or stopped; with ``returned=AT_COUNTER`` also the
    result reaching the counter). An open dossier is *pending* until it is accepted, then *in
    time* or *overdue* by :meth:`Dossier.status_at` at that instant. These are, day by day,
    exactly the ``in_time``, ``overdue`` and ``pending`` figures of
    ``PeriodReport.from_dossiers(dossiers, start, day)``; a property test checks it.

    Each dossier is placed on the sampled instants by bisection (its filing, acceptance and
    closing), so the cost is O(dossiers × log days + days) plus one ``status_at`` per day a
    dossier is accepted and open, where a report per day would read every dossier every day.

    Args:
        dossiers: The dossiers (a mapping is read by its values).
        start: The range's first day.
        end: Its last day (included).
        step: ``"day"`` (default), ``"week"`` (each Sunday) or ``"month"`` (each month's last
            day); the range's last day is always sampled.
        zone: Where the days begin and end.
        returned: Which instant counts as returned.

    Returns:
        The open dossiers at each sampled day's end, oldest first.

    Raises:
        ReportError: If *start* or *end* is not a date, *end* is before *start*, or *step*
            is not one of :data:`BACKLOG_STEPS`.
    """
    start, end = _check_range(start, end)
    if step not in BACKLOG_STEPS:
        raise ReportError("step", step, f"one of {', '.join(BACKLOG_STEPS)}")
    tz = ZoneInfo(zone)
    days = _sampled(start, end, step)
    instants = [datetime.combine(d + timedelta(days=1), time(0), tz) for d in days]
    n = len(instants)
    pending = [0] * (n + 1)  # differences: +1 where a dossier starts pending, -1 where it stops
    in_time = [0] * n
    overdue = [0] * n
    for d in _items(dossiers):
        events = d.events
        if not events or not isinstance(events[0], Submitted):
            continue
        # Open at t  <=>  filed < t  and  (never closed or closed >= t), as reports count it.
        first = bisect_right(instants, events[0].at)
        closed = _closing(d, returned)
        stop = n if closed is None else bisect_right(instants, closed.at)
        if first >= stop:
            continue
        received = next((e for e in events if isinstance(e, Received)), None)
        accepted = stop
        if received is not None and d.clock is not None:
            accepted = min(stop, max(first, bisect_right(instants, received.at)))
        pending[first] += 1
        pending[accepted] -= 1
        for i in range(accepted, stop):
            standing = d.status_at(instants[i])
            assert standing is not None  # accepted before instants[i]
            if standing.status is Status.OVERDUE:
                overdue[i] += 1
            else:
                in_time[i] += 1
    points = []
    running = 0
    for i, (day, at) in enumerate(zip(days, instants, strict=True)):
        running += pending[i]
        points.append(
            BacklogPoint(day=day, at=at, in_time=in_time[i], overdue=overdue[i], pending=running)
        )
    return BacklogSeries(
        start=start, end=end, step=step, zone=zone, returned=returned, points=tuple(points)
    )


# ------------------------------------------------------------------------------ verdicts
@attrs.frozen(kw_only=True)
class ProcedureVerdicts:
    """The verdicts of one procedure in a report.

    Attributes:
        procedure: The report's key: the procedure's code, or its name if it has none.
        name: The procedure's name (the key itself if no name is known).
        received: Dossiers of the procedure the report covers.
        early: Resolved before the appointment date (trước hạn).
        on_time: Resolved on it (đúng hạn).
        late: Resolved after it (quá hạn).
        in_time: In progress, in time (đang giải quyết trong hạn).
        overdue: In progress, overdue (đang giải quyết quá hạn).
    """

    procedure: str
    name: str
    received: int
    early: int
    on_time: int
    late: int
    in_time: int
    overdue: int

    @property
    def resolved(self) -> int:
        """Early + on time + late."""
        return self.early + self.on_time + self.late

    @property
    def on_time_rate(self) -> Fraction | None:
        """(early + on time) / resolved, ``None`` if nothing was resolved."""
        return None if self.resolved == 0 else Fraction(self.early + self.on_time, self.resolved)


def verdicts_by_procedure(
    report: PeriodReport, *, names: Mapping[str, str] | None = None
) -> tuple[ProcedureVerdicts, ...]:
    """The verdicts of *report* per procedure, the most resolved first.

    Read from ``report.by("procedure")``, so they add up to the report's figures. Ties are
    broken by dossiers in progress (in time + overdue), then by the key.

    Args:
        report: The report.
        names: The procedures' names by key (code, or name for a procedure without a code).
            A key it does not name is looked up in the shipped catalogue, and failing that
            stands for its own name.

    Returns:
        One :class:`ProcedureVerdicts` per procedure of the report.
    """
    catalog: Catalog | None = None
    rows = []
    for key, f in report.by("procedure").items():
        name = None if names is None else names.get(key)
        if name is None:
            if catalog is None:
                catalog = Catalog.default()
            name = catalog[key].name if key in catalog else key
        rows.append(
            ProcedureVerdicts(
                procedure=key,
                name=name,
                received=f.received,
                early=f.early,
                on_time=f.on_time,
                late=f.late,
                in_time=f.in_time,
                overdue=f.overdue,
            )
        )
    rows.sort(key=lambda r: (-r.resolved, -(r.in_time + r.overdue), r.procedure))
    return tuple(rows)
