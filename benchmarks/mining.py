"""Benchmark [11]: the process-mining export, each figure beside an anchor timed in the same run.

* ``write_csv`` of N events (default 200,000: 20,000 dossiers of ten events, the log of
  benchmark [9]) against ``csv.DictWriter`` writing the very same rows, already formatted as
  text beforehand (the floor of any CSV writer).
* ``to_xes`` of the same events against ``xml.etree.ElementTree.tostring`` of a tree of the
  same size, built beforehand (serialisation alone), and, when pm4py is installed, against
  ``pm4py.write_xes`` of the same log read from our CSV (the export analysts use today).
* Peak memory of ``write_csv`` and ``write_xes`` streaming from ``read_events`` of a JSON Lines
  file, each in a child process, above a child that only reads the events: the CSV streams,
  the XES holds the log's events to group them by dossier.

Scale with ``--events N`` or ``HANHCHINH_BENCH_MINING_EVENTS=N`` (rounded down to whole
dossiers of ten events); ``--quick`` uses 20,000.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import timeit
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from eventlog import _rss_kib, events  # benchmarks/ is not a package
from hanhchinh.dossiers import Event
from hanhchinh.io import read_events, write_events
from hanhchinh.io._mining import MINING_COLUMNS, event_rows, to_xes, write_csv, write_xes

DEFAULT_EVENTS = 200_000


def best(fn: Callable[[], object], repeat: int) -> float:
    """Seconds per call: the best of *repeat* calls."""
    return min(timeit.repeat(fn, number=1, repeat=repeat))


def _row(label: str, value: str) -> None:
    print(f"  {label:<66} {value:>16}")


def _text(value: object) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _child(mode: str, path: str) -> None:
    start = time.perf_counter()
    if mode == "baseline":
        n = sum(1 for _ in read_events(path))
    elif mode == "csv":
        n = write_csv(read_events(path), os.devnull)
    else:
        n = write_xes(read_events(path), os.devnull)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "rss_kib": _rss_kib(), "events": n}))


def _in_child(mode: str, path: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, path],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    result: dict[str, float] = json.loads(out.stdout.splitlines()[-1])
    return result


def _pm4py(csv_text: str, repeat: int) -> float | None:
    """pm4py.write_xes of the log read from our CSV, or None if pm4py is not installed."""
    try:
        import warnings

        import pandas as pd
        import pm4py  # type: ignore[import-untyped]  # AGPL: a benchmark anchor only
    except ImportError:
        return None
    warnings.simplefilter("ignore")  # its hint to install a faster reader
    df = pm4py.format_dataframe(
        pd.read_csv(io.StringIO(csv_text)),
        case_id="case:concept:name",
        activity_key="concept:name",
        timestamp_key="time:timestamp",
    )
    with tempfile.TemporaryDirectory() as tmp:
        target = str(Path(tmp) / "pm4py.xes")
        return best(lambda: pm4py.write_xes(df, target, show_progress_bar=False), repeat)


def _in_memory(log: list[Event], repeat: int) -> None:
    n = len(log)
    ours_csv = best(lambda: write_csv(log, io.StringIO()), repeat)
    rows = [{k: _text(v) for k, v in row.items()} for row in event_rows(log)]

    def dictwriter() -> None:
        writer = csv.DictWriter(io.StringIO(), MINING_COLUMNS, restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    anchor_csv = best(dictwriter, repeat)
    csv_text = io.StringIO()
    write_csv(log, csv_text)
    _row("write_csv (rows + formatting + csv), s", f"{ours_csv:.2f}")
    _row("anchor csv.DictWriter of the same rows, formatted beforehand, s", f"{anchor_csv:.2f}")
    _row("ratio ours/DictWriter", f"{ours_csv / anchor_csv:.2f}")
    _row("per event, µs", f"{ours_csv / n * 1e6:.2f}")
    print(f"  file: {len(csv_text.getvalue().encode()) / n:.0f} bytes per event")

    ours_xes = best(lambda: to_xes(log), repeat)
    text = to_xes(log)
    tree = ET.fromstring(text)  # the same elements and attributes, built beforehand
    anchor_xes = best(lambda: ET.tostring(tree, encoding="unicode"), repeat)
    _row("to_xes (group, sort, escape, write), s", f"{ours_xes:.2f}")
    _row("anchor ElementTree.tostring, a same-size tree built beforehand, s", f"{anchor_xes:.2f}")
    _row("ratio ours/ElementTree.tostring", f"{ours_xes / anchor_xes:.2f}")
    _row("per event, µs", f"{ours_xes / n * 1e6:.2f}")
    print(f"  file: {len(text.encode()) / n:.0f} bytes per event")
    theirs = _pm4py(csv_text.getvalue(), 1)
    if theirs is None:
        print("  (pm4py not installed: no pm4py.write_xes anchor)")
    else:
        _row("anchor pm4py.write_xes of the same log (from our CSV), s", f"{theirs:.2f}")
        _row("ratio ours/pm4py.write_xes", f"{ours_xes / theirs:.2f}")


def run(quick: bool, n_events: int | None = None) -> None:
    if n_events is None:
        n_events = int(os.environ.get("HANHCHINH_BENCH_MINING_EVENTS", DEFAULT_EVENTS))
    if quick:
        n_events = min(n_events, 20_000)
    dossiers = max(1, n_events // 10)
    repeat = 2 if quick else 3
    log = events(dossiers)
    n = len(log)
    print(f"\n[11] process-mining export: {n:,} events of {dossiers:,} dossiers (seed 5)")

    _in_memory(log, repeat)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "log.jsonl"
        write_events(log, path)
        base = _in_child("baseline", str(path))
        _row("read_events alone (child process), s", f"{base['seconds']:.2f}")
        for mode, label in (("csv", "write_csv"), ("xes", "write_xes")):
            got = _in_child(mode, str(path))
            peak = (got["rss_kib"] - base["rss_kib"]) / 1024
            _row(f"{label} from read_events (child process), s", f"{got['seconds']:.2f}")
            _row("  peak memory above a child that only reads, MiB", f"{peak:.0f}")
            _row("  peak memory per event, bytes", f"{peak * 1024 * 1024 / n:.0f}")
            assert got["events"] == n


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="20,000 events, fewer repeats")
    parser.add_argument("--events", type=int, default=None, help="how many events (default 200k)")
    args = parser.parse_args(argv)
    run(args.quick, args.events)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], sys.argv[3])
    else:
        main()
