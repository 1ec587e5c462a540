"""Benchmark [9]: the JSON Lines event log, each figure beside an anchor timed in the same run.

* Writing 1,000,000 events (100,000 dossiers of 10 events) with ``write_events`` — the cattrs
  unstructuring plus ``json`` — against ``json.dumps`` and ``orjson.dumps`` of the very same
  dicts, prepared beforehand (serialisation alone: the floor of any JSON writer).
* Replaying the log into dossiers with ``replay_log`` — parse, check, apply every event to its
  immutable dossier and SLA clock — against ``json.loads`` / ``orjson.loads`` of the same lines.
  The replay runs in a child process, so that its peak memory (``ru_maxrss``) is its own; a
  child that only loads the calendar and catalogue gives the baseline.

Each dossier: Submitted, Received, FeePaid, Digitised, Transferred, Paused, Resumed,
Transferred, ResultReady, Returned; receptions spread over working hours of 2026 (seed 5),
events interleaved in time order as a centre's log is.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import orjson

from hanhchinh.calendar import vietnam_public_sector
from hanhchinh.dossiers import (
    Digitised,
    Event,
    FeePaid,
    Paused,
    Received,
    ResultReady,
    Resumed,
    Returned,
    Submitted,
    Transferred,
)
from hanhchinh.io import read_events, replay_log, to_dict, write_events
from hanhchinh.procedures import Catalog, Channel
from hanhchinh.sla import PauseReason

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CODES = ("1.004194", "1.010038", "1.002755", "1.001731")


def events(dossiers: int) -> list[Event]:
    """A reproducible log of *dossiers* dossiers, 10 events each, in time order."""
    rng = np.random.default_rng(5)
    cal = vietnam_public_sector()
    first = date(2026, 1, 1)
    days = [first + timedelta(n) for n in range(365)]
    days = [d for d in days if cal.is_working_day(d)]
    out: list[Event] = []
    for i in range(dossiers):
        ident = f"000.00.31.H26-{i:07d}"
        day = days[int(rng.integers(0, len(days) - 10))]
        t = datetime(day.year, day.month, day.day, 8, tzinfo=VN) + timedelta(
            minutes=int(rng.integers(0, 8 * 60))
        )
        code = CODES[i % len(CODES)]
        minute = timedelta(minutes=1)
        hour = timedelta(hours=1)
        common: dict[str, Any] = {"dossier_id": ident, "actor": "cb-01"}
        out.extend(
            [
                Submitted(at=t, channel=Channel.IN_PERSON, procedure=code,
                          applicant_ref=f"A-{i:08x}", **common),
                Received(at=t + minute, receipt_number=f"{i:07d}", **common),
                FeePaid(at=t + 2 * minute, amount=15_000, online=bool(i % 2), **common),
                Digitised(at=t + 3 * minute, documents=2, **common),
                Transferred(at=t + hour, from_agency="Bộ phận Một cửa",
                            to_agency="Công an xã", **common),
                Paused(at=t + 2 * hour, reason=PauseReason.FINANCIAL_OBLIGATION, **common),
                Resumed(at=t + 3 * hour, **common),
                Transferred(at=t + 24 * hour, from_agency="Công an xã",
                            to_agency="Bộ phận Một cửa", **common),
                ResultReady(at=t + 25 * hour, **common),
                Returned(at=t + 26 * hour, **common),
            ]
        )  # fmt: skip
    out.sort(key=lambda e: e.at)
    return out


def _rss_kib() -> int:
    """This process's peak resident memory. Linux's ``VmHWM`` is per address space, so a
    child does not inherit its parent's peak as ``ru_maxrss`` does across fork and exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child(mode: str, path: str) -> None:
    cal = vietnam_public_sector()
    catalog = Catalog.default()
    if mode == "baseline":
        print(json.dumps({"seconds": 0.0, "rss_kib": _rss_kib(), "dossiers": 0}))
        return
    start = time.perf_counter()
    got = replay_log(path, catalog=catalog, calendar=cal)
    seconds = time.perf_counter() - start
    n = sum(len(d.events) for d in got.values())
    print(
        json.dumps({"seconds": seconds, "rss_kib": _rss_kib(), "dossiers": len(got), "events": n})
    )


def _in_child(mode: str, path: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, path],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def _row(label: str, value: str) -> None:
    print(f"  {label:<66} {value:>16}")


def run(quick: bool) -> None:
    dossiers = 1_000 if quick else 100_000
    log = events(dossiers)
    n = len(log)
    print(f"\n[9] the event log: {n:,} events of {dossiers:,} dossiers (seed 5)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "log.jsonl"
        start = time.perf_counter()
        write_events(log, path)
        ours_write = time.perf_counter() - start
        dicts = [to_dict(e) for e in log]
        start = time.perf_counter()
        for d in dicts:
            json.dumps(d, ensure_ascii=False, separators=(",", ":"))
        json_dumps = time.perf_counter() - start
        start = time.perf_counter()
        for d in dicts:
            orjson.dumps(d)
        orjson_dumps = time.perf_counter() - start
        _row("write_events (unstructure + json), s", f"{ours_write:.2f}")
        _row("anchor json.dumps of the same dicts, s", f"{json_dumps:.2f}")
        _row("anchor orjson.dumps of the same dicts, s", f"{orjson_dumps:.2f}")
        _row("ratio ours/json.dumps", f"{ours_write / json_dumps:.2f}")
        _row("ratio ours/orjson.dumps", f"{ours_write / orjson_dumps:.2f}")
        _row("per event, µs", f"{ours_write / n * 1e6:.2f}")
        print(f"  file: {path.stat().st_size / n:.0f} bytes per event")

        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        start = time.perf_counter()
        for line in lines:
            json.loads(line)
        json_loads = time.perf_counter() - start
        start = time.perf_counter()
        for line in lines:
            orjson.loads(line)
        orjson_loads = time.perf_counter() - start
        start = time.perf_counter()
        for _ in read_events(lines):
            pass
        ours_read = time.perf_counter() - start
        base = _in_child("baseline", str(path))
        replay = _in_child("replay", str(path))
        _row("read_events (parse + structure + validate), s", f"{ours_read:.2f}")
        _row("replay_log into dossiers and clocks (child process), s", f"{replay['seconds']:.2f}")
        _row("anchor json.loads of the same lines, s", f"{json_loads:.2f}")
        _row("anchor orjson.loads of the same lines, s", f"{orjson_loads:.2f}")
        _row("ratio read_events/json.loads", f"{ours_read / json_loads:.2f}")
        _row("ratio replay_log/json.loads", f"{replay['seconds'] / json_loads:.2f}")
        _row("ratio replay_log/orjson.loads", f"{replay['seconds'] / orjson_loads:.2f}")
        _row("replay per event, µs", f"{replay['seconds'] / n * 1e6:.2f}")
        peak = (replay["rss_kib"] - base["rss_kib"]) / 1024
        _row("peak memory of the replay above a bare child, MiB", f"{peak:.0f}")
        _row("peak memory per dossier, KiB", f"{peak * 1024 / dossiers:.1f}")
        ok = replay["events"] == n and replay["dossiers"] == dossiers
        print(f"  every event replayed: {ok} ({int(replay['events']):,} events)")
        again = Path(tmp) / "again.jsonl"
        write_events(read_events(path), again)
        print(f"  read then written back byte for byte: {again.read_bytes() == path.read_bytes()}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], sys.argv[3])
    else:
        run("--quick" in sys.argv)
