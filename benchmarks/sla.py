"""Benchmark [8]: the SLA engine, each figure beside an anchor timed in the same run.

* ``deadline(WorkingDays(3), t, cal)`` (Civil Code rule, reception rule applied, an immutable
  :class:`Deadline` built) against the bare calendar step it wraps
  (``cal.add_working_days`` + ``cal.closing_moment``) — the engine's overhead — and against
  the same appointment from ``holidays.VN`` (``get_nth_working_day``), a peer's scalar path.
* ``deadline(..., rule=EIGHT_HOUR_DAYS)`` against pandas ``ts + 24 * CustomBusinessHour``
  (what deployed one-stop systems compute, as ``peers-bench/bench_hours.py`` does it).
* A dossier's whole clock (start, pause, resume, return, verdict) against one ``deadline``.
"""

from __future__ import annotations

import timeit
import warnings
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
import numpy as np
import pandas as pd

from hanhchinh.calendar import vietnam_public_sector
from hanhchinh.frame import VectorCalendar
from hanhchinh.procedures import WorkingDays
from hanhchinh.sla import EIGHT_HOUR_DAYS, PauseReason, SlaClock, deadline

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _best(fn: Callable[[], object], repeat: int) -> float:
    return min(timeit.repeat(fn, number=1, repeat=repeat))


def _row(label: str, seconds: float) -> None:
    print(f"  {label:<66} {seconds * 1e6:>10.3f} µs/call")


def _ratio(ours: float, anchor: float) -> None:
    label = "ratio ours/anchor"
    print(f"  {label:<66} {ours / anchor:>10.4f}           speedup {anchor / ours:,.1f}x")


def _instants(n: int) -> list[datetime]:
    """Working-hours instants 2020-2029 (seed 11): the moments dossiers are received."""
    rng = np.random.default_rng(11)
    lo = datetime(2020, 1, 1, tzinfo=UTC)
    out = []
    for minutes in rng.integers(0, 10 * 365 * 1440, n):
        out.append((lo + timedelta(minutes=int(minutes))).astimezone(VN))
    return out


def run(quick: bool) -> None:
    warnings.simplefilter("ignore")
    n = 300 if quick else 3_000
    repeat = 3 if quick else 7
    cal = vietnam_public_sector()
    times = _instants(n)
    three = WorkingDays(3)
    print(f"\n[8] the SLA engine: {n:,} receptions 2020-2029 (seed 11)")

    ours = _best(lambda: [deadline(three, t, cal) for t in times], repeat) / n

    def bare() -> list[datetime]:
        out = []
        for t in times:
            start = cal.next_working_moment(t)
            out.append(cal.closing_moment(cal.add_working_days(start.date(), 3)))
        return out

    core = _best(bare, repeat) / n
    vn = holidays.country_holidays("VN", years=range(2019, 2032))
    peer = (
        _best(
            lambda: [
                datetime.combine(
                    vn.get_nth_working_day(t.date(), 3), datetime.min.time(), VN
                ).replace(hour=17)
                for t in times
            ],
            repeat,
        )
        / n
    )
    _row("ours: deadline(WorkingDays(3), t, cal) -> Deadline (civil_code)", ours)
    _row("anchor: the bare calendar step (next_working_moment, add, close)", core)
    _ratio(ours, core)
    _row("anchor: holidays.VN get_nth_working_day(date, 3) at 17:00", peer)
    _ratio(ours, peer)
    expected: list[datetime] = bare()
    same = sum(deadline(three, t, cal).due_at == c for t, c in zip(times, expected, strict=True))
    print(f"  same appointment as the bare calendar step: {same:,} of {n:,}")

    vc = VectorCalendar.of(cal)
    span = np.arange(np.datetime64("2019-01-01"), np.datetime64("2032-01-01"))
    off = span[np.is_busday(span) & ~vc.is_working_day(span)]
    cbh = pd.offsets.CustomBusinessHour(
        start=["08:00", "13:00"], end=["12:00", "17:00"], holidays=list(off)
    )
    step = 24 * cbh
    sample = times[: max(30, n // 10)]
    stamps = [pd.Timestamp(t.replace(tzinfo=None)) for t in sample]
    hours = _best(lambda: [deadline(three, t, cal, rule=EIGHT_HOUR_DAYS) for t in times], repeat)
    pandas_s = _best(lambda: [s + step for s in stamps], max(2, repeat // 2)) / len(stamps)
    _row("ours: deadline(..., rule=EIGHT_HOUR_DAYS)", hours / n)
    _row("anchor: pandas ts + 24 * CustomBusinessHour (n x 8 h from reception)", pandas_s)
    _ratio(hours / n, pandas_s)

    def lifecycle() -> object:
        out = []
        for t in times:
            clock = SlaClock.start(three, t, cal)
            clock = clock.pause(t + timedelta(hours=1), PauseReason.FINANCIAL_OBLIGATION)
            clock = clock.resume(t + timedelta(days=1))
            out.append(clock.returned(t + timedelta(days=4)).verdict())
        return out

    life = _best(lifecycle, max(2, repeat // 2)) / n
    _row("ours: SlaClock start, pause, resume, return, verdict (one dossier)", life)
    _row("anchor: one deadline() call (as above)", ours)
    _ratio(life, ours)
