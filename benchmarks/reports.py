"""Benchmark [10]: a period report over a million dossiers, beside a pandas groupby.

A centre's year, 1,000,000 dossiers (``HANHCHINH_BENCH_DOSSIERS`` to change it), 10 events
each, generated lazily in time order (dossiers interleaved, as a log holds them; only the
events of dossiers still open are held by the generator). Timed, each in a child process so
that its peak memory (``VmHWM``) is its own:

* the stream alone, consumed by an empty loop (the cost of making the events);
* ``PeriodReport.from_events`` over the same stream, grouped by procedure: every event
  checked and applied to its dossier's SLA clock, each dossier counted when it closes;
* the anchor: pandas computing the same counts (new by channel, carried over, early / on
  time / late, in time / overdue, withdrawn, paid, paid online, digitised, per procedure)
  from a flat table of one row per dossier whose appointment date was already computed —
  the table a portal exports. Building that table is not timed.

Ours is reported as the report's time less the stream's, beside pandas; the counts are
checked equal, group by group.
"""

from __future__ import annotations

import heapq
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hanhchinh.calendar import vietnam_public_sector
from hanhchinh.dossiers import (
    Digitised,
    Event,
    FeePaid,
    Received,
    ResultReady,
    Returned,
    Submitted,
    Transferred,
    Withdrawn,
)
from hanhchinh.procedures import Catalog, Channel
from hanhchinh.sla import deadline_for

sys.path.insert(0, os.path.dirname(__file__))
from eventlog import _row, _rss_kib

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CODES = ("1.004194", "1.010038", "1.002755", "1.001731")
START, END = date(2026, 1, 1), date(2026, 12, 31)
PERIOD = (date(2026, 4, 1), date(2026, 9, 30))  # the report's period: half of the year
FIELDS = ("carried_over", "new_in_person", "new_online", "early", "on_time", "late",
          "in_time", "overdue", "withdrawn", "paid", "paid_online", "digitised")  # fmt: skip


def dossiers(n: int) -> Iterator[tuple[list[Event], dict[str, Any]]]:
    """*n* dossiers in order of filing (seed 11): each one's events and its flat row."""
    rng = random.Random(11)
    cal = vietnam_public_sector()
    catalog = Catalog.default()
    procs = [catalog[c] for c in CODES]
    days = [START + timedelta(k) for k in range((END - START).days + 1)]
    days = [d for d in days if cal.is_working_day(d)]
    per_day = n / len(days)
    minute, hour = timedelta(minutes=1), timedelta(hours=1)
    made = 0
    # keys of atomic values only, so that the garbage collector untracks them: a cache of
    # tracked tuples would be traced by every full collection of the report it feeds
    due_cache: dict[tuple[int, datetime, str], date] = {}
    for k, day in enumerate(days):
        upto = n if k == len(days) - 1 else round(per_day * (k + 1))
        stamps = sorted(rng.randrange(8 * 60, 17 * 60) for _ in range(upto - made))
        for m in stamps:
            i = made
            made += 1
            p = procs[i % len(procs)]
            t = datetime(day.year, day.month, day.day, m // 60, m % 60, tzinfo=VN)
            online = rng.random() < 0.6
            channel = Channel.ONLINE_PARTIAL if online else Channel.IN_PERSON
            ident = f"000.00.31.H26-{i:07d}"
            common: dict[str, Any] = {"dossier_id": ident, "actor": "cb-01"}
            events: list[Event] = [
                Submitted(at=t, channel=channel, procedure=p.code,
                          applicant_ref=f"A-{i:08x}", **common),
            ]  # fmt: skip
            row: dict[str, Any] = {"procedure": p.code, "channel": channel.value, "filed": t}
            if rng.random() < 0.01:
                events.append(Withdrawn(at=t + hour, **common))
                row.update(withdrawn=t + hour, received=None, due=None, returned=None)
                row.update(paid=False, paid_online=False, digitised=False)
                yield events, row
                continue
            received = t + minute
            use = channel if channel in p.channel_names else None
            key = (i % len(procs), received, channel.value)
            due = due_cache.get(key)
            if due is None:
                due = deadline_for(p, received, cal, channel=use).due_date
                due_cache[key] = due
            # returned 3 working days early .. 1 late, mostly early, at 10:00
            offset = rng.choice((-3, -2, -1, -1, 0, 0, 1))
            back = cal.add_working_days(due, offset) if offset > 0 else due
            for _ in range(-offset):
                back -= timedelta(days=1)
                while not cal.is_working_day(back):
                    back -= timedelta(days=1)
            ret = max(datetime(back.year, back.month, back.day, 10, tzinfo=VN), received + hour)
            online_pay = rng.random() < 0.8
            events += [
                Received(at=received, receipt_number=f"{i:07d}", **common),
                FeePaid(at=received + minute, amount=15_000, online=online_pay, **common),
                Digitised(at=received + 2 * minute, documents=2, **common),
                Transferred(at=received + 3 * minute, from_agency="Bộ phận Một cửa",
                            to_agency="Phòng chuyên môn", **common),
                Transferred(at=received + 4 * minute, from_agency="Phòng chuyên môn",
                            to_agency="Lãnh đạo", **common),
                Transferred(at=received + 5 * minute, from_agency="Lãnh đạo",
                            to_agency="Phòng chuyên môn", **common),
                Transferred(at=received + 6 * minute, from_agency="Phòng chuyên môn",
                            to_agency="Bộ phận Một cửa", **common),
                ResultReady(at=ret - 30 * minute, **common),
                Returned(at=ret, **common),
            ]  # fmt: skip
            row.update(withdrawn=None, received=received, due=due, returned=ret)
            row.update(paid=True, paid_online=online_pay, digitised=True)
            yield events, row


def stream(n: int) -> Iterator[Event]:
    """The events of :func:`dossiers` in time order, dossiers interleaved (a heap holds the
    pending events of the dossiers already filed)."""
    heap: list[tuple[datetime, int, Event]] = []
    seq = 0
    for events, _ in dossiers(n):
        first = events[0].at
        while heap and heap[0][0] <= first:
            yield heapq.heappop(heap)[2]
        for e in events:
            heapq.heappush(heap, (e.at, seq, e))
            seq += 1
    while heap:
        yield heapq.heappop(heap)[2]


def _child(mode: str, n: int) -> None:
    from hanhchinh.reports import PeriodReport

    cal = vietnam_public_sector()
    catalog = Catalog.default()
    out: dict[str, Any] = {}
    start = time.perf_counter()
    if mode == "stream":
        out["events"] = sum(1 for _ in stream(n))
    elif mode == "report":
        report = PeriodReport.from_events(stream(n), *PERIOD, catalog=catalog, calendar=cal)
        groups = report.by("procedure")
        out["groups"] = {k: {f: getattr(v, f) for f in FIELDS} for k, v in groups.items()}
    elif mode == "pandas":
        import pandas as pd

        frame = pd.DataFrame([row for _, row in dossiers(n)])
        out["rows"] = len(frame)
        base = _rss_kib()
        start = time.perf_counter()
        out["groups"] = _pandas_counts(frame)
        out["base_kib"] = base
    out["seconds"] = time.perf_counter() - start
    out["rss_kib"] = _rss_kib()
    print(json.dumps(out))


def _pandas_counts(df: Any) -> dict[str, dict[str, int]]:
    """The report's counts from the flat table (one row per dossier)."""
    import numpy as np
    import pandas as pd

    begin = pd.Timestamp(datetime(*PERIOD[0].timetuple()[:3], tzinfo=VN))
    stop = pd.Timestamp(datetime(*(PERIOD[1] + timedelta(1)).timetuple()[:3], tzinfo=VN))
    filed = pd.to_datetime(df["filed"], utc=True)
    withdrawn = pd.to_datetime(df["withdrawn"], utc=True)
    returned = pd.to_datetime(df["returned"], utc=True)
    closed = withdrawn.fillna(returned)
    covered = (filed < stop) & ~(closed < begin)
    new = filed >= begin
    online = df["channel"].eq("online_partial")
    ret_in = returned < stop
    ret_day = returned.dt.tz_convert(VN).dt.date
    due = df["due"]
    last_day = PERIOD[1]
    w = withdrawn < stop
    open_ = ~w & ~ret_in & df["received"].notna()
    flags = pd.DataFrame(
        {
            "carried_over": covered & ~new,
            "new_in_person": covered & new & ~online,
            "new_online": covered & new & online,
            "early": covered & ret_in & (ret_day < due),
            "on_time": covered & ret_in & (ret_day == due),
            "late": covered & ret_in & (ret_day > due),
            "in_time": covered & open_ & (due > last_day),
            "overdue": covered & open_ & (due <= last_day),
            "withdrawn": covered & w,
            "paid": covered & df["paid"] & (filed < stop),
            "paid_online": covered & df["paid_online"] & (filed < stop),
            "digitised": covered & df["digitised"] & (filed < stop),
        }
    )
    flags["procedure"] = df["procedure"]
    sums = flags.groupby("procedure", sort=True).sum()
    return {
        str(k): {f: int(v) for f, v in zip(FIELDS, row, strict=True)}
        for k, row in zip(sums.index, sums[list(FIELDS)].to_numpy(dtype=np.int64), strict=True)
    }


def _in_child(mode: str, n: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(n)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def run(quick: bool) -> None:
    n = 2_000 if quick else int(os.environ.get("HANHCHINH_BENCH_DOSSIERS", "1000000"))
    print(f"\n[10] a period report ({PERIOD[0]}–{PERIOD[1]}) over {n:,} dossiers of 2026")
    gen = _in_child("stream", n)
    ours = _in_child("report", n)
    anchor = _in_child("pandas", n)
    events = int(gen["events"])
    net = ours["seconds"] - gen["seconds"]
    _row(f"making the {events:,} events (the stream alone), s", f"{gen['seconds']:.1f}")
    _row("PeriodReport.from_events over the stream, by procedure, s", f"{ours['seconds']:.1f}")
    _row("  of which the report (less the stream), s", f"{net:.1f}")
    _row("  per event, µs", f"{net / events * 1e6:.2f}")
    _row("anchor pandas groupby of the same counts, flat table, s", f"{anchor['seconds']:.2f}")
    _row("ratio ours (less the stream) / pandas", f"{net / anchor['seconds']:.0f}")
    peak = (ours["rss_kib"] - gen["rss_kib"]) / 1024
    _row("peak memory of the report above the stream alone, MiB", f"{peak:.0f}")
    _row("  per dossier, bytes", f"{peak * 2**20 / n:.0f}")
    table = (anchor["rss_kib"] - gen["rss_kib"]) / 1024
    _row("anchor: peak memory of the flat table + groupby above the stream, MiB", f"{table:.0f}")
    same = ours["groups"] == anchor["groups"]
    print(f"  the same counts in every procedure: {same}")
    if not same:
        for k in sorted(set(ours["groups"]) | set(anchor["groups"])):
            print(f"    {k}: ours   {ours['groups'].get(k)}")
            print(f"    {k}: pandas {anchor['groups'].get(k)}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], int(sys.argv[3]))
    else:
        run("--quick" in sys.argv)
