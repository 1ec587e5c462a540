"""hanhchinh against its anchors (``shared/peers.md``), every anchor timed in the same run.

Run with ``make bench`` (``.venv/bin/python benchmarks/run.py``); ``--quick`` is a smoke run
with small inputs. Each figure is the best of several repeats, ``min(timeit.repeat(...)) /
number``, printed beside its anchor with the ratio ``ours / anchor`` (below 1: ours is faster)
and the speedup ``anchor / ours``. Slow scalar loops run on a subsample and are scaled
linearly to 1,000,000 calls where a per-million figure is shown; those say "extrap".
Nothing here asserts on time: targets are reported as met or missed.

Inputs follow ``peers-bench/bench_days.py`` and ``bench_hours.py``: start dates uniform in
2020–2029 (seed 42), ends 0–119 days later, instants uniform in 2020–2029 (seed 7). numpy and
pandas get as holidays the weekdays the calendar has off, so they differ from us only where
they cannot follow the calendar: on make-up Saturdays (ngày làm bù).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import subprocess
import sys
import timeit
import warnings
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import numpy as np
import numpy.typing as npt
import pandas as pd

from hanhchinh.calendar import Boundary, WorkCalendar, _vietnam, vietnam_public_sector
from hanhchinh.frame import VectorCalendar
from hanhchinh.frame import add_working_days as frame_add_working_days

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MILLION = 1_000_000


class Config:
    """Sizes and repeats: full (``make bench``) or ``--quick``."""

    def __init__(self, quick: bool) -> None:
        self.quick = quick
        self.n = 100_000 if quick else MILLION  # vector inputs
        self.sample = 200 if quick else 2_000  # scalar loops: ours and holidays
        self.pandas_sample = 40 if quick else 1_000  # pandas CustomBusinessHour loop
        self.repeat = 3 if quick else 7  # scalar repeats
        self.vector_repeat = 2 if quick else 7


sys.path.insert(0, str(Path(__file__).parent))
from catalog import run as catalog_bench  # noqa: E402 - benchmarks/ is not a package
from eventlog import run as eventlog_bench  # noqa: E402
from mining import run as mining_bench  # noqa: E402
from reports import run as reports_bench  # noqa: E402
from sla import run as sla_bench  # noqa: E402
from tables import run as tables_bench  # noqa: E402


def best(fn: Callable[[], object], repeat: int, number: int = 1) -> float:
    """Seconds per call of *fn*: the best of *repeat* runs of *number* calls."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def heading(text: str) -> None:
    print(f"\n{text}")


def row(label: str, seconds: float, unit: str, note: str = "") -> None:
    value = seconds * 1e6 if unit == "µs/call" else seconds
    digits = 3 if unit == "µs/call" else 4
    print(f"  {label:<66} {value:>10.{digits}f} {unit:<9} {note}".rstrip())


def ratio(ours: float, anchor: float, target: str = "", met: bool | None = None) -> None:
    verdict = "" if met is None else ("  -> target met" if met else "  -> target MISSED")
    goal = f"  (target: {target})" if target else ""
    print(
        f"  {'ratio ours/anchor':<66} {ours / anchor:>10.4f}           speedup "
        f"{anchor / ours:,.1f}x{goal}{verdict}"
    )


def share(label: str, part: int, whole: int) -> None:
    print(f"  {label:<66} {100 * part / whole:>9.3f} %  ({part:,} of {whole:,})")


# ---------------------------------------------------------------------- inputs
def weekday_days_off(vc: VectorCalendar, first: str, stop: str) -> npt.NDArray[np.datetime64]:
    """The Monday–Friday dates the calendar has off: numpy's and pandas' ``holidays``."""
    span = np.arange(np.datetime64(first), np.datetime64(stop))
    return span[np.is_busday(span) & ~vc.is_working_day(span)]


def make_up_saturdays(vc: VectorCalendar, first: str, stop: str) -> npt.NDArray[np.datetime64]:
    span = np.arange(np.datetime64(first), np.datetime64(stop))
    return span[~np.is_busday(span) & vc.is_working_day(span)]


def start_dates(n: int) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.datetime64]]:
    rng = np.random.default_rng(42)
    lo, hi = np.datetime64("2020-01-01"), np.datetime64("2029-12-31")
    span = int((hi - lo).astype(int))
    starts = lo + rng.integers(0, span, n).astype("timedelta64[D]")
    ends = starts + rng.integers(0, 120, n).astype("timedelta64[D]")
    return starts, ends


def instants(n: int) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.datetime64]]:
    """UTC instants (µs) uniform over 2020–2029 local time, and a second one 0–30 days later."""
    rng = np.random.default_rng(7)
    lo = np.datetime64("2020-01-01T00:00", "us") - np.timedelta64(7, "h")
    first = lo + rng.integers(0, 10 * 365 * 1440, n).astype("timedelta64[m]")
    second = first + rng.integers(0, 30 * 1440, n).astype("timedelta64[m]")
    return first.astype("M8[us]"), second.astype("M8[us]")


def aware(values: npt.NDArray[np.datetime64]) -> list[datetime]:
    """UTC datetime64 values as aware datetimes in Vietnam's zone."""
    return [v.astype(datetime).replace(tzinfo=UTC).astimezone(VN) for v in values]


def as_dates(values: npt.NDArray[np.datetime64]) -> list[date]:
    return [v.astype(date) for v in values]


# ---------------------------------------------------------------------- sections
def scalar_days(cfg: Config, cal: WorkCalendar, vn: holidays.HolidayBase) -> None:
    starts, _ = start_dates(cfg.sample)
    sample = as_dates(starts)
    heading(f"[1] scalar add_working_days(start, 10): {len(sample):,} starts 2020-2029 (seed 42)")
    ours = best(lambda: [cal.add_working_days(d, 10) for d in sample], cfg.repeat) / len(sample)
    anchor = best(lambda: [vn.get_nth_working_day(d, 10) for d in sample], cfg.repeat)
    anchor /= len(sample)
    row("ours: WorkCalendar.add_working_days", ours, "µs/call")
    row("anchor: holidays.VN(2019-2031).get_nth_working_day", anchor, "µs/call")
    ratio(ours, anchor, ">= 20x faster", anchor / ours >= 20)
    same = sum(
        cal.add_working_days(d, 10) == vn.get_nth_working_day(d, 10) for d in sample
    )  # both: start not counted, a day-off start counts from the previous working day
    share("same answer as holidays.VN (it lacks 10/1/2026 and others)", same, len(sample))


def scalar_between(cfg: Config, cal: WorkCalendar, vn: holidays.HolidayBase) -> None:
    starts, ends = start_dates(cfg.sample)
    sample, sample_end = as_dates(starts), as_dates(ends)
    heading(f"[3] scalar working_days_between: {len(sample):,} pairs, end = start + 0..119 days")
    pairs = list(zip(sample, sample_end, strict=True))
    ours = best(lambda: [cal.working_days_between(a, b) for a, b in pairs], cfg.repeat)
    anchor = best(lambda: [vn.get_working_days_count(a, b) for a, b in pairs], cfg.repeat)
    ours, anchor = ours / len(pairs), anchor / len(pairs)
    row("ours: WorkCalendar.working_days_between  (start, end]", ours, "µs/call")
    row("anchor: holidays.VN.get_working_days_count  [start, end]", anchor, "µs/call")
    ratio(ours, anchor)
    same = sum(
        cal.working_days_between(a, b) == vn.get_working_days_count(a, b) - vn.is_working_day(a)
        for a, b in pairs
    )
    share("same answer as holidays.VN (its [a, b] minus day a)", same, len(pairs))


def scalar_hours(cfg: Config, cal: WorkCalendar, off: npt.NDArray[np.datetime64]) -> float:
    """Returns our µs per scalar add_working_time call (the vector section's anchor)."""
    first, _ = instants(cfg.sample)
    starts = aware(first)
    eight = timedelta(hours=8)
    heading(f"[2] scalar add_working_time(start, 8 h): {len(starts):,} random aware instants")
    ours = best(lambda: [cal.add_working_time(t, eight) for t in starts], cfg.repeat)
    ours /= len(starts)
    cbh = pd.offsets.CustomBusinessHour(
        start=["08:00", "13:00"], end=["12:00", "17:00"], holidays=list(off)
    )
    eight_cbh = 8 * cbh
    stamps = [pd.Timestamp(t.replace(tzinfo=None)) for t in starts[: cfg.pandas_sample]]
    anchor = best(lambda: [s + eight_cbh for s in stamps], max(2, cfg.repeat // 2))
    anchor /= len(stamps)
    naive = [t.replace(tzinfo=None) for t in starts[: cfg.pandas_sample]]
    peers_style = best(lambda: [pd.Timestamp(t) + 8 * cbh for t in naive], max(2, cfg.repeat // 2))
    peers_style /= len(naive)
    row("ours: WorkCalendar.add_working_time", ours, "µs/call")
    row("anchor: pandas ts + 8*CustomBusinessHour, ts and offset made once", anchor, "µs/call")
    ratio(ours, anchor, ">= 30x faster", anchor / ours >= 30)
    row("anchor as peers-bench: pd.Timestamp(dt) + 8 * cbh in the loop", peers_style, "µs/call")
    ratio(ours, peers_style, ">= 30x faster", peers_style / ours >= 30)
    print(f"  ({len(stamps)} pandas calls, {len(starts):,} of ours: per-call figures, not extrap)")
    theirs = [s + eight_cbh for s in stamps]
    same = sum(
        cal.add_working_time(t, eight, boundary=Boundary.NEXT_OPENING).replace(tzinfo=None)
        == p.to_pydatetime()
        for t, p in zip(starts, theirs, strict=False)
    )
    share("same as pandas with Boundary.NEXT_OPENING (its convention)", same, len(stamps))
    same_close = sum(
        cal.add_working_time(t, eight).replace(tzinfo=None) == p.to_pydatetime()
        for t, p in zip(starts, theirs, strict=False)
    )
    share("same as pandas with the default Boundary.CLOSE", same_close, len(stamps))
    return ours


def build(cfg: Config) -> None:
    heading("[4] building vietnam_public_sector() (1995-2035)")
    fresh_builder = getattr(_vietnam._build, "__wrapped__", None)
    if fresh_builder is None:  # pragma: no cover - the cache was removed
        print("  (no lru_cache on _vietnam._build: fresh build not measurable this way)")
        return
    fresh = best(lambda: fresh_builder(1995, 2035, True), cfg.repeat)
    cached = best(vietnam_public_sector, cfg.repeat, number=1000)
    anchor = best(lambda: len(holidays.country_holidays("VN", years=range(1995, 2036))), cfg.repeat)
    row("ours: fresh build (_build.__wrapped__(1995, 2035, True))", fresh * 1e3, "ms")
    row("ours: cached call vietnam_public_sector()", cached, "µs/call")
    row("anchor: holidays.VN(years=range(1995, 2036)), a new one each time", anchor * 1e3, "ms")
    ratio(fresh, anchor, "fresh build < 50 ms", fresh < 0.050)
    code = (
        "import time; t0 = time.perf_counter(); import hanhchinh; t1 = time.perf_counter(); "
        "hanhchinh.vietnam_public_sector(); t2 = time.perf_counter(); "
        "print(t1 - t0, t2 - t1)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported, first = (float(x) for x in out.stdout.split())
    row("one shot, new process: import hanhchinh", imported * 1e3, "ms")
    row("one shot, new process: first call (lunar table, CSV, build)", first * 1e3, "ms")
    cal = vietnam_public_sector()
    row(
        "VectorCalendar.of(calendar) (numpy tables)",
        best(lambda: VectorCalendar.of(cal), cfg.repeat, 20) * 1e3,
        "ms",
    )


def vector_days(cfg: Config, cal: WorkCalendar, vc: VectorCalendar) -> None:
    n = cfg.n
    scale = MILLION / n
    starts, ends = start_dates(n)
    off = weekday_days_off(vc, "1995-01-01", "2036-01-01")
    busdays = np.busdaycalendar(weekmask="1111100", holidays=off)
    heading(f"[5] vector add_working_days(dates, 10) on {n:,} dates  (s per 1M)")
    ours = best(lambda: vc.add_working_days(starts, 10), cfg.vector_repeat) * scale
    module = best(lambda: frame_add_working_days(cal, starts, 10), cfg.vector_repeat) * scale
    anchor = (
        best(
            lambda: np.busday_offset(starts, 10, roll="backward", busdaycal=busdays),
            cfg.vector_repeat,
        )
        * scale
    )
    row("ours: VectorCalendar.add_working_days", ours, "s")
    row("ours: hanhchinh.frame.add_working_days (tables built each call)", module, "s")
    row("anchor: numpy.busday_offset(roll='backward')", anchor, "s")
    ratio(ours, anchor, "ratio <= 1.0", ours <= anchor)
    got = vc.add_working_days(starts, 10)
    theirs = np.busday_offset(starts, 10, roll="backward", busdaycal=busdays)
    differ = got != theirs
    share("results where busday_offset disagrees with ours", int(differ.sum()), n)
    saturdays = make_up_saturdays(vc, "1995-01-01", "2036-01-01")
    latest = np.maximum(got, theirs)[differ]
    inside = np.searchsorted(saturdays, latest, side="right") - np.searchsorted(
        saturdays, starts[differ], side="right"
    )
    share(
        "  of which a make-up Saturday lies in (start, result]",
        int((inside > 0).sum()),
        int(differ.sum()),
    )
    sample = 2_000
    check = [cal.add_working_days(d, 10) for d in as_dates(starts[:sample])]
    share(
        "  vector == scalar WorkCalendar (first 2,000)",
        int((got[:sample] == np.array(check, "M8[D]")).sum()),
        sample,
    )

    heading(f"    vector working_days_between on {n:,} pairs  (s per 1M)")
    ours = best(lambda: vc.working_days_between(starts, ends), cfg.vector_repeat) * scale
    anchor = (
        best(lambda: np.busday_count(starts + 1, ends + 1, busdaycal=busdays), cfg.vector_repeat)
        * scale
    )
    row("ours: VectorCalendar.working_days_between  (start, end]", ours, "s")
    row("anchor: numpy.busday_count(start + 1, end + 1)  same interval", anchor, "s")
    ratio(ours, anchor)
    differ_count = int(
        (
            vc.working_days_between(starts, ends)
            != np.busday_count(starts + 1, ends + 1, busdaycal=busdays)
        ).sum()
    )
    share("results where busday_count disagrees with ours", differ_count, n)


def vector_hours(cfg: Config, cal: WorkCalendar, vc: VectorCalendar, scalar_us: float) -> None:
    n = cfg.n
    scale = MILLION / n
    first, second = instants(n)
    eight = np.timedelta64(8, "h")
    heading(f"[6] vector add_working_time(instants, 8 h) on {n:,} instants  (s per 1M)")
    ours = best(lambda: vc.add_working_time(first, eight), cfg.vector_repeat) * scale
    row("ours: VectorCalendar.add_working_time", ours, "s")
    row("anchor: scalar WorkCalendar.add_working_time loop (extrap)", scalar_us * MILLION, "s")
    ratio(ours, scalar_us * MILLION)
    sample = 2_000
    want = [cal.add_working_time(t, timedelta(hours=8)) for t in aware(first[:sample])]
    want64 = np.array([w.astimezone(UTC).replace(tzinfo=None) for w in want], "M8[us]")
    got = vc.add_working_time(first[:sample], eight)
    share("  vector == scalar WorkCalendar (first 2,000)", int((got == want64).sum()), sample)

    heading(f"    vector working_time_between on {n:,} instant pairs  (s per 1M)")
    ours = best(lambda: vc.working_time_between(first, second), cfg.vector_repeat) * scale
    a, b = aware(first[:sample]), aware(second[:sample])
    scalar = (
        best(
            lambda: [cal.working_time_between(x, y) for x, y in zip(a, b, strict=True)],
            cfg.repeat,
        )
        / sample
        * MILLION
    )
    row("ours: VectorCalendar.working_time_between", ours, "s")
    row("anchor: scalar WorkCalendar.working_time_between loop (extrap)", scalar, "s")
    ratio(ours, scalar)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="small inputs, few repeats")
    cfg = Config(parser.parse_args(argv).quick)
    warnings.simplefilter("ignore")  # pandas' PerformanceWarning on non-vectorised offsets
    print(
        f"hanhchinh benchmarks{' (--quick)' if cfg.quick else ''}: python "
        f"{platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}, "
        f"holidays {importlib.metadata.version('holidays')}; {os.cpu_count()} CPUs; best of "
        f"{cfg.repeat} (scalar) / {cfg.vector_repeat} (vector) repeats"
    )
    cal = vietnam_public_sector()
    vc = VectorCalendar.of(cal)
    vn = holidays.country_holidays("VN", years=range(2019, 2032))
    off = weekday_days_off(vc, "2019-01-01", "2032-01-01")
    print(
        f"calendar: {cal.name}, {cal.first_year}-{cal.last_year}; anchors' holidays: "
        f"{len(off)} weekday days off 2019-2031; make-up Saturdays 2019-2031: "
        f"{', '.join(str(d) for d in make_up_saturdays(vc, '2019-01-01', '2032-01-01'))}"
    )
    scalar_days(cfg, cal, vn)
    scalar_us = scalar_hours(cfg, cal, off)
    scalar_between(cfg, cal, vn)
    build(cfg)
    vector_days(cfg, cal, vc)
    vector_hours(cfg, cal, vc, scalar_us)
    catalog_bench(cfg.quick)
    sla_bench(cfg.quick)
    eventlog_bench(cfg.quick)
    reports_bench(cfg.quick)
    mining_bench(cfg.quick)
    tables_bench(cfg.quick)


if __name__ == "__main__":
    main()
