"""Benchmark [12]: tables of a period report and of the register, beside anchors timed in the
same run.

* ``register_frame`` (pandas and polars) over the register of 100,000 dossiers, against
  ``pandas.DataFrame(rows)`` / ``polars.DataFrame(rows)`` of the very same rows as plain dicts
  (``register_rows``), prepared beforehand: the anchor only builds the frame, and infers
  its dtypes (object columns where ours are categoricals).
* ``report_frame`` by month and by procedure over the report of the same dossiers, against
  ``pandas.DataFrame(report.rows(group))``: both group the dossiers, which is most of the work.
* ``register_csv`` against ``csv.DictWriter`` over the same dicts (no datetime formatting:
  the floor of any CSV writer).
* ``write_xlsx`` of the first 20,000 register rows (XlsxWriter, constant-memory mode) against
  openpyxl's write-only mode writing the same cells: the write speed behind the choice of
  writer in ``docs/tables.md``.

Each dossier: Submitted, Received, and for three in four a Returned 0-6 days later; receptions
spread over the working hours of 2026 (seed 11), four procedures, a third filed online.
Run alone: ``python benchmarks/tables.py [--quick] [--dossiers N]``.
"""

from __future__ import annotations

import csv
import io
import sys
import timeit
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import polars as pl

from hanhchinh.calendar import vietnam_public_sector
from hanhchinh.dossiers import Dossier, Received, Returned, Submitted
from hanhchinh.forms import Register, register
from hanhchinh.frame._tables import (
    register_csv,
    register_frame,
    register_rows,
    report_frame,
    write_xlsx,
)
from hanhchinh.procedures import Catalog, Channel
from hanhchinh.reports import PeriodReport

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CODES = ("1.004194", "1.010038", "1.002755", "1.001731")
XLSX_ROWS = 20_000


def dossiers(n: int) -> list[Dossier]:
    """*n* reproducible dossiers received on the working days of 2026."""
    rng = np.random.default_rng(11)
    cal = vietnam_public_sector()
    catalog = Catalog.default()
    days = [date(2026, 1, 1) + timedelta(k) for k in range(355)]
    days = [d for d in days if cal.is_working_day(d)]
    out = []
    for i in range(n):
        day = days[int(rng.integers(0, len(days)))]
        t = datetime(day.year, day.month, day.day, 8, tzinfo=VN) + timedelta(
            minutes=int(rng.integers(0, 8 * 60))
        )
        ident = f"000.00.31.H26-{i:07d}"
        channel = Channel.ONLINE_FULL if i % 3 == 0 else Channel.IN_PERSON
        events: list[Any] = [
            Submitted(dossier_id=ident, at=t, channel=channel),
            Received(dossier_id=ident, at=t + timedelta(minutes=1), receipt_number=f"{i}"),
        ]
        if i % 4:
            later = timedelta(days=int(rng.integers(0, 7)), hours=1)
            events.append(Returned(dossier_id=ident, at=t + later))
        d = Dossier(
            id=ident,
            procedure=catalog[CODES[i % len(CODES)]],
            calendar=cal,
            applicant_ref=f"A-{i:08x}",
        )
        out.append(d.apply_all(events))
    return out


def best(fn: Callable[[], object], repeat: int) -> float:
    return min(timeit.repeat(fn, number=1, repeat=repeat))


def _row(label: str, value: str) -> None:
    print(f"  {label:<66} {value:>16}")


def _pair(label: str, ours: float, anchor: float, anchor_label: str) -> None:
    _row(f"{label}, ms", f"{ours * 1e3:.1f}")
    _row(f"anchor {anchor_label}, ms", f"{anchor * 1e3:.1f}")
    _row("ratio ours/anchor", f"{ours / anchor:.2f}")


def _report_anchor(report: PeriodReport, group: str) -> pd.DataFrame:
    return pd.DataFrame(report.rows(group))


def _openpyxl_register(reg: Register, target: io.BytesIO) -> None:
    """The anchor: the same cells with openpyxl's write-only mode (no formats)."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("register")
    rows = register_rows(reg)
    sheet.append(list(rows[0]))
    for r in rows:
        sheet.append([v.replace(tzinfo=None) if isinstance(v, datetime) else v for v in r.values()])
    book.save(target)


def run(quick: bool, n: int | None = None) -> None:
    n = n if n is not None else (2_000 if quick else 100_000)
    repeat = 3 if quick else 5
    ds = dossiers(n)
    report = PeriodReport.from_dossiers(ds, date(2026, 1, 1), date(2026, 12, 31))
    reg = register(ds, start=date(2026, 1, 1), end=date(2026, 12, 31))
    rows = register_rows(reg)
    print(
        f"\n[12] tables: the register of {len(rows):,} dossiers, a report of "
        f"{report.figures.received:,} (seed 11)"
    )

    ours = best(lambda: register_frame(reg), repeat)
    anchor = best(lambda: pd.DataFrame(rows), repeat)
    _pair("register_frame (pandas)", ours, anchor, "pandas.DataFrame(register_rows)")
    ours = best(lambda: register_frame(reg, backend="polars"), repeat)
    anchor = best(lambda: pl.DataFrame(rows), repeat)
    _pair("register_frame (polars)", ours, anchor, "polars.DataFrame(register_rows)")
    _row(
        "register_rows (the anchors' input), ms",
        f"{best(lambda: register_rows(reg), repeat) * 1e3:.1f}",
    )
    inferred = pd.DataFrame(rows).dtypes
    print(
        f"  anchor's inferred dtypes: received_at {inferred['received_at']}, "
        f"verdict {inferred['verdict']}, channel {inferred['channel']}"
    )
    same = pd.DataFrame(rows).astype(register_frame(reg).dtypes.to_dict())
    print(
        f"  same values as the anchor once cast to our dtypes: {same.equals(register_frame(reg))}"
    )

    for group in ("month", "procedure"):
        ours = best(partial(report_frame, report, group), repeat)
        anchor = best(partial(_report_anchor, report, group), repeat)
        _pair(f"report_frame(report, {group!r}) (pandas)", ours, anchor, "DataFrame(report.rows)")

    def dict_writer() -> str:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue()

    ours = best(lambda: register_csv(reg), repeat)
    anchor = best(dict_writer, repeat)
    _pair("register_csv", ours, anchor, "csv.DictWriter(register_rows)")

    part = Register(
        spec=reg.spec, context=reg.context, start=reg.start, end=reg.end, rows=reg.rows[:XLSX_ROWS]
    )
    size = len(part.rows)
    ours = best(lambda: write_xlsx(io.BytesIO(), register=part), 1 if not quick else 2)
    try:
        anchor = best(lambda: _openpyxl_register(part, io.BytesIO()), 1 if not quick else 2)
    except ImportError:
        _row(f"write_xlsx of {size:,} register rows (XlsxWriter), s", f"{ours:.2f}")
        print("  (openpyxl is not installed: no anchor)")
        return
    _row(f"write_xlsx of {size:,} register rows (XlsxWriter), s", f"{ours:.2f}")
    _row("anchor openpyxl write-only, same cells, s", f"{anchor:.2f}")
    _row("ratio ours/anchor", f"{ours / anchor:.2f}")


if __name__ == "__main__":
    args = sys.argv[1:]
    count = int(args[args.index("--dossiers") + 1]) if "--dossiers" in args else None
    run("--quick" in args, count)
