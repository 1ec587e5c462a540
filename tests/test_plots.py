"""Monthly series, backlog and verdicts by procedure, and their plots.

The expected figures were counted by hand on the 2026 calendar (office hours 08-12, 13-17;
Đăng ký tạm trú 1.004194 and Gia hạn tạm trú 1.002755, both 03 ngày làm việc: the appointment
is the third working day after the day of reception, which is not counted). A dossier still
open at 24:00 of its appointment date is overdue from that instant: the report instant's date
is then after the appointment date (docs/reports.md, "in time / overdue").
"""

from __future__ import annotations

import io
import pickle
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.collections import PolyCollection
from matplotlib.container import BarContainer
from matplotlib.figure import Figure

from hanhchinh.calendar import WorkCalendar, vietnam_public_sector
from hanhchinh.dossiers import (
    Dossier,
    Event,
    Received,
    Rejected,
    Rescheduled,
    ResultReady,
    Returned,
    Stopped,
    StopReason,
    Submitted,
    Supplemented,
    SupplementRequested,
    Withdrawn,
)
from hanhchinh.errors import ReportError
from hanhchinh.procedures import Catalog, Channel, Procedure
from hanhchinh.reports import (
    BacklogSeries,
    MonthlySeries,
    PeriodReport,
    ProcedureVerdicts,
    backlog,
    monthly,
    plot_backlog,
    plot_monthly,
    plot_verdicts,
    save_figure,
    verdicts_by_procedure,
)
from hanhchinh.sla import ReturnInstant
from hanhchinh.testing import dossiers

VN = ZoneInfo("Asia/Ho_Chi_Minh")
RESIDENCE = Catalog.default()["1.004194"]  # Đăng ký tạm trú, 03 ngày làm việc
EXTENSION = Catalog.default()["1.002755"]  # Gia hạn tạm trú, 03 ngày làm việc
PNG = b"\x89PNG\r\n\x1a\n"
Step = tuple[type[Event], datetime, dict[str, Any]]


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN)


def dossier(
    cal: WorkCalendar, ident: str, *steps: Step, procedure: Procedure = RESIDENCE
) -> Dossier:
    d = Dossier(id=ident, procedure=procedure, calendar=cal, applicant_ref=f"A-{ident}")
    return d.apply_all(kind(dossier_id=ident, at=when, **kw) for kind, when, kw in steps)


def filed(when: datetime, channel: Channel = Channel.IN_PERSON) -> Step:
    return (Submitted, when, {"channel": channel})


def received(when: datetime) -> Step:
    return (Received, when, {"receipt_number": "1"})


def ev(kind: type[Event], when: datetime, **kw: Any) -> Step:
    return (kind, when, kw)


@pytest.fixture(scope="module")
def spring(cal: WorkCalendar) -> list[Dossier]:
    return [
        # P: received Tue 24/2 -> due Fri 27/2 (25, 26, 27); returned Thu 26/2: early
        dossier(cal, "P", filed(at(2, 24)), received(at(2, 24, 9, 5)), ev(Returned, at(2, 26))),
        # A: received Wed 25/2 -> due Mon 2/3 (26, 27/2, 2/3); returned Tue 3/3: late
        dossier(cal, "A", filed(at(2, 25)), received(at(2, 25, 9, 5)), ev(Returned, at(3, 3))),
        # C: Gia hạn tạm trú, received Mon 2/3 -> due Thu 5/3; returned Wed 4/3: early
        dossier(cal, "C", filed(at(3, 2)), received(at(3, 2, 9, 5)), ev(Returned, at(3, 4)),
                procedure=EXTENSION),
        # D: Gia hạn tạm trú, online, due Thu 5/3; returned Thu 5/3 15:00: on time
        dossier(cal, "D", filed(at(3, 2), Channel.ONLINE_PARTIAL), received(at(3, 2, 9, 5)),
                ev(Returned, at(3, 5, 15)), procedure=EXTENSION),
        # K: due Thu 19/3, rescheduled on Wed 18/3 to Tue 24/3; returned Mon 23/3 9:00: early
        dossier(cal, "K", filed(at(3, 16)), received(at(3, 16, 9, 5)),
                ev(Rescheduled, at(3, 18, 10), appointment=at(3, 24, 17), reason="Xác minh"),
                ev(Returned, at(3, 23))),
        # S: received Mon 23/3 8:10 -> due Thu 26/3; stopped Wed 25/3 9:00
        dossier(cal, "S", filed(at(3, 23, 8)), received(at(3, 23, 8, 10)),
                ev(Stopped, at(3, 25), reason=StopReason.APPLICANT_REQUEST)),
        # F: received Mon 23/3 -> due Thu 26/3 (24, 25, 26); returned Thu 2/4 10:00: late
        dossier(cal, "F", filed(at(3, 23)), received(at(3, 23, 9, 5)),
                ev(Returned, at(4, 2, 10))),
        # G: asked to complete at reception on Tue 24/3, completed Fri 27/3, received Mon 30/3
        # 8:30 -> due Thu 2/4 (31, 1, 2); never returned
        dossier(cal, "G", filed(at(3, 24)),
                ev(SupplementRequested, at(3, 24, 9, 30), missing="Tờ khai"),
                ev(Supplemented, at(3, 27, 14)), received(at(3, 30, 8, 30))),
        # R: received Tue 24/3 -> due Fri 27/3; rescheduled on Wed 25/3 to Thu 2/4 17:00;
        # returned Fri 3/4 9:00: late against the new appointment
        dossier(cal, "R", filed(at(3, 24)), received(at(3, 24, 9, 5)),
                ev(Rescheduled, at(3, 25, 10), appointment=at(4, 2, 17), reason="Xác minh"),
                ev(Returned, at(4, 3))),
        # N: received Wed 25/3 -> due Mon 30/3 (26, 27, 30); never returned
        dossier(cal, "N", filed(at(3, 25)), received(at(3, 25, 9, 5))),
        # H: filed Thu 26/3 10:00, withdrawn Fri 27/3 9:00
        dossier(cal, "H", filed(at(3, 26, 10)), ev(Withdrawn, at(3, 27))),
        # I: filed and refused on Thu 12/3: never open at the end of a day
        dossier(cal, "I", filed(at(3, 12)),
                ev(Rejected, at(3, 12, 10), reasons="Không thuộc thẩm quyền")),
        # E: received Mon 30/3 10:00 -> due Thu 2/4; returned Thu 2/4 15:00: on time
        dossier(cal, "E", filed(at(3, 30)), received(at(3, 30, 10)),
                ev(Returned, at(4, 2, 15))),
        # T: received Mon 30/3 -> due Thu 2/4; result at the counter Wed 1/4 14:00, handed over
        # Fri 3/4 9:00: late when handed over counts, early when the counter counts
        dossier(cal, "T", filed(at(3, 30)), received(at(3, 30, 9, 5)),
                ev(ResultReady, at(4, 1, 14)), ev(Returned, at(4, 3))),
        # L: filed online on Tue 31/3 at 23:00, never accepted
        dossier(cal, "L", filed(at(3, 31, 23), Channel.ONLINE_PARTIAL)),
        # Z: received Mon 6/4 -> due Thu 9/4; open
        dossier(cal, "Z", filed(at(4, 6)), received(at(4, 6, 9, 5))),
    ]  # fmt: skip


RANGE = (date(2026, 2, 23), date(2026, 4, 7))
WINDOW = (date(2026, 3, 23), date(2026, 4, 3))


# ----------------------------------------------------------------------------- monthly
def test_monthly_hand_counted(spring: list[Dossier]) -> None:
    series = monthly(spring, *RANGE)
    assert series.months == ("2026-02", "2026-03", "2026-04")
    # partial first and last months are clipped to the range
    assert [(p.start, p.end) for p in series] == [
        (date(2026, 2, 23), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 4, 7)),
    ]
    # Feb: P, A filed; March: C D I K S F G R N H E T L (13) filed; April: Z
    assert [p.new for p in series] == [2, 13, 1]
    # Feb: P returned; March: A C D K returned; April: F E R T returned
    assert [p.resolved for p in series] == [1, 4, 4]
    march, april = series.points[1].report.figures, series.points[2].report.figures
    assert (march.early, march.on_time, march.late) == (2, 1, 1)  # C K; D; A
    assert (april.early, april.on_time, april.late) == (0, 1, 3)  # -; E; F R T
    assert [p.on_time_rate for p in series] == [Fraction(1), Fraction(3, 4), Fraction(1, 4)]
    assert march.carried_over == 1  # A, filed in February and open on 1/3
    assert (march.refused, march.withdrawn, march.stopped) == (1, 1, 1)  # I, H, S


def test_monthly_counts_the_counter_when_asked(spring: list[Dossier]) -> None:
    series = monthly(spring, *RANGE, returned=ReturnInstant.AT_COUNTER)
    april = series.points[2].report.figures
    # T's result reached the counter on Wed 1/4, before its appointment Thu 2/4: early
    assert (april.early, april.on_time, april.late) == (1, 1, 2)  # T; E; F R
    assert series.points[2].on_time_rate == Fraction(1, 2)


def test_monthly_rows_and_a_one_day_range(spring: list[Dossier]) -> None:
    rows = monthly({d.id: d for d in spring}, *RANGE).rows()
    assert [(r["month"], r["start"], r["end"], r["new"], r["resolved"]) for r in rows] == [
        ("2026-02", "2026-02-23", "2026-02-28", 2, 1),
        ("2026-03", "2026-03-01", "2026-03-31", 13, 4),
        ("2026-04", "2026-04-01", "2026-04-07", 1, 4),
    ]
    assert rows[1]["on_time_rate"] == 0.75
    one = monthly(spring, date(2026, 3, 2), date(2026, 3, 2))
    assert one.months == ("2026-03",)
    assert [p.new for p in one] == [2]  # C, D filed on 2/3; A, filed in February, carried over


def test_monthly_crosses_the_year() -> None:
    series = monthly([], date(2025, 11, 15), date(2026, 2, 3))
    assert series.months == ("2025-11", "2025-12", "2026-01", "2026-02")
    assert [p.on_time_rate for p in series] == [None] * 4  # nothing resolved: no rate


# ----------------------------------------------------------------------------- backlog
# End of each day of the window: (in time, overdue, pending), dossier by dossier.
DAILY = {
    date(2026, 3, 23): (2, 0, 0),  # in time F S; K returned at 9:00
    date(2026, 3, 24): (3, 0, 1),  # in time F R S; pending G
    date(2026, 3, 25): (3, 0, 1),  # in time F (due 26: 24:00 on 25 is the 26th) N R; G; S stopped
    date(2026, 3, 26): (2, 1, 2),  # in time N R; overdue F; pending G H
    date(2026, 3, 27): (2, 1, 1),  # in time N R; overdue F; pending G (completed, not received)
    date(2026, 3, 28): (2, 1, 1),  # the weekend changes nothing
    date(2026, 3, 29): (2, 1, 1),
    date(2026, 3, 30): (4, 2, 0),  # in time E G R T; overdue F N (due 30)
    date(2026, 3, 31): (4, 2, 1),  # same, and L filed at 23:00
    date(2026, 4, 1): (4, 2, 1),  # in time E G R T (all due 2/4); overdue F N; pending L
    date(2026, 4, 2): (0, 4, 1),  # F E returned; overdue N G R T; pending L
    date(2026, 4, 3): (0, 2, 1),  # R T returned; overdue N G; pending L
}


def _triples(series: BacklogSeries) -> dict[date, tuple[int, int, int]]:
    return {p.day: (p.in_time, p.overdue, p.pending) for p in series}


def test_backlog_hand_counted(spring: list[Dossier]) -> None:
    series = backlog(spring, *WINDOW)
    assert _triples(series) == DAILY
    assert [p.at for p in series][:2] == [at(3, 24, 0), at(3, 25, 0)]  # 24:00 local
    assert series.rows()[7] == {
        "day": "2026-03-30", "at": "2026-03-31T00:00:00+07:00",
        "in_time": 4, "overdue": 2, "pending": 0, "open": 6,
    }  # fmt: skip


def test_backlog_at_the_counter(spring: list[Dossier]) -> None:
    series = backlog(spring, *WINDOW, returned=ReturnInstant.AT_COUNTER)
    expected = dict(DAILY)
    expected[date(2026, 4, 1)] = (3, 2, 1)  # T closed by its result at the counter on 1/4
    expected[date(2026, 4, 2)] = (0, 3, 1)  # overdue N G R
    assert _triples(series) == expected


def test_backlog_steps(spring: list[Dossier]) -> None:
    weekly = backlog(spring, *WINDOW, step="week")
    assert _triples(weekly) == {d: DAILY[d] for d in (date(2026, 3, 29), date(2026, 4, 3))}
    by_month = backlog(spring, *WINDOW, step="month")
    assert _triples(by_month) == {d: DAILY[d] for d in (date(2026, 3, 31), date(2026, 4, 3))}
    assert (weekly.step, by_month.step) == ("week", "month")


# ----------------------------------------------------------------------------- verdicts
def test_verdicts_by_procedure(spring: list[Dossier]) -> None:
    report = PeriodReport.from_dossiers(spring, date(2026, 3, 1), date(2026, 3, 31))
    rows = verdicts_by_procedure(report)
    # Both resolved 2 (A late, K early; C early, D on time): the one with dossiers in
    # progress comes first. At 24:00 on 31/3, 1.004194 has E G R T in time, F N overdue.
    assert rows == (
        ProcedureVerdicts(procedure="1.004194", name="Đăng ký tạm trú", received=12,
                          early=1, on_time=0, late=1, in_time=4, overdue=2),
        ProcedureVerdicts(procedure="1.002755", name="Gia hạn tạm trú", received=2,
                          early=1, on_time=1, late=0, in_time=0, overdue=0),
    )  # fmt: skip
    assert [r.on_time_rate for r in rows] == [Fraction(1, 2), Fraction(1)]
    named = verdicts_by_procedure(report, names={"1.004194": "Tạm trú"})
    assert [r.name for r in named] == ["Tạm trú", "Gia hạn tạm trú"]


# ----------------------------------------------------------------------------- errors
def test_bad_ranges_and_steps(spring: list[Dossier]) -> None:
    with pytest.raises(ReportError, match=r"end=datetime.date\(2026, 3, 1\)"):
        monthly(spring, date(2026, 3, 31), date(2026, 3, 1))
    with pytest.raises(ReportError, match="end"):
        backlog(spring, date(2026, 3, 31), date(2026, 3, 1))
    with pytest.raises(ReportError, match=r"start=.*expected a datetime.date"):
        backlog(spring, at(3, 1), date(2026, 3, 31))  # a datetime is a date, but not a day
    with pytest.raises(ReportError, match="start"):
        monthly(spring, "2026-03-01", date(2026, 3, 31))  # type: ignore[arg-type]
    with pytest.raises(ReportError, match=r"step='hour'.*day, week, month"):
        backlog(spring, *WINDOW, step="hour")


# ----------------------------------------------------------------------------- properties
CAL = vietnam_public_sector()
SPAN = st.lists(dossiers(calendar=CAL), max_size=6, unique_by=lambda d: d.id)


@st.composite
def windows(draw: st.DrawFn, ds: list[Dossier]) -> tuple[date, date]:
    """A window of up to 26 days around one of the dossiers' events (or any day)."""
    days = [e.at.astimezone(VN).date() for d in ds for e in d.events]
    anchor = draw(st.sampled_from(days)) if days else draw(st.dates(date(2020, 1, 1)))
    start = anchor - timedelta(days=draw(st.integers(0, 20)))
    return start, start + timedelta(days=draw(st.integers(0, 25)))


@settings(max_examples=60)
@given(SPAN, st.data())
def test_backlog_equals_the_report_every_day(ds: list[Dossier], data: st.DataObject) -> None:
    start, end = data.draw(windows(ds))
    returned = data.draw(st.sampled_from(ReturnInstant))
    series = backlog(ds, start, end, returned=returned)
    assert series.days == tuple(start + timedelta(days=i) for i in range((end - start).days + 1))
    for p in series:
        f = PeriodReport.from_dossiers(ds, start, p.day, returned=returned).figures
        assert (p.in_time, p.overdue, p.pending) == (f.in_time, f.overdue, f.pending), p.day
    for step in ("week", "month"):
        sampled = backlog(ds, start, end, step=step, returned=returned)
        assert set(sampled.points) <= set(series.points)
        assert sampled.points[-1] == series.points[-1]  # the last day is always sampled


@settings(max_examples=60)
@given(SPAN, st.data())
def test_months_add_up_to_the_range(ds: list[Dossier], data: st.DataObject) -> None:
    start, end = data.draw(windows(ds))
    end += timedelta(days=data.draw(st.integers(0, 70)))
    whole = PeriodReport.from_dossiers(ds, start, end).figures
    series = monthly(ds, start, end)
    for name in ("new", "early", "on_time", "late", "refused", "withdrawn", "stopped"):
        assert sum(getattr(p.report.figures, name) for p in series) == getattr(whole, name)
    last = series.points[-1].report.figures
    assert (last.in_time, last.overdue, last.pending) == (
        whole.in_time,
        whole.overdue,
        whole.pending,
    )


# ----------------------------------------------------------------------------- plots
@pytest.fixture(scope="module")
def months(spring: list[Dossier]) -> MonthlySeries:
    return monthly(spring, *RANGE)


@pytest.fixture(scope="module")
def window(spring: list[Dossier]) -> BacklogSeries:
    return backlog(spring, *WINDOW)


TABLE = (
    ProcedureVerdicts(procedure="1.004194", name="Đăng ký tạm trú", received=9,
                      early=5, on_time=2, late=1, in_time=1, overdue=0),
    ProcedureVerdicts(procedure="Thủ tục đăng ký khai sinh", name="Thủ tục đăng ký khai sinh",
                      received=3, early=1, on_time=0, late=2, in_time=0, overdue=0),
    ProcedureVerdicts(procedure="1.002755", name="Gia hạn tạm trú", received=12,
                      early=6, on_time=3, late=3, in_time=0, overdue=0),
    ProcedureVerdicts(procedure="1.010038", name="Tách hộ", received=2,
                      early=0, on_time=1, late=0, in_time=1, overdue=0),
    ProcedureVerdicts(procedure="1.004222", name="Đăng ký thường trú", received=4,
                      early=0, on_time=0, late=0, in_time=3, overdue=1),
)  # fmt: skip


def test_plot_monthly_bars_line_and_labels(months: MonthlySeries) -> None:
    fig = plot_monthly(months)
    ax, twin = fig.axes
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert [[round(b.get_height()) for b in c] for c in bars] == [[2, 13, 1], [1, 4, 4]]
    (line,) = twin.lines
    assert list(line.get_ydata()) == [100.0, 75.0, 25.0]  # type: ignore[arg-type]
    assert twin.get_ylim() == (0.0, 100.0)
    assert ax.get_title() == "Tiếp nhận và giải quyết hồ sơ theo tháng"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Tháng", "Số hồ sơ")
    assert twin.get_ylabel() == "Tỷ lệ trước hạn, đúng hạn (%)"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["T2\n2026", "T3", "T4"]
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == [
        "Tiếp nhận mới", "Đã giải quyết", "Tỷ lệ trước hạn, đúng hạn"
    ]  # fmt: skip
    en = plot_monthly(months, lang="en")
    ax, twin = en.axes
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel(), twin.get_ylabel()) == (
        "Dossiers received and resolved by month", "Month", "Dossiers", "Early or on time (%)"
    )  # fmt: skip
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Feb\n2026", "Mar", "Apr"]


def test_plot_monthly_breaks_the_line_where_nothing_was_resolved() -> None:
    fig = plot_monthly(monthly([], date(2025, 12, 1), date(2026, 1, 31)))
    (line,) = fig.axes[1].lines
    assert all(y != y for y in line.get_ydata())  # type: ignore[union-attr]  # NaN: no rate


def test_plot_backlog_layers_and_labels(window: BacklogSeries) -> None:
    fig = plot_backlog(window)
    (ax,) = fig.axes
    layers = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(layers) == 3  # overdue, in time, pending
    assert ax.get_title() == "Hồ sơ đang giải quyết cuối mỗi ngày"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Ngày", "Số hồ sơ")
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == [
        "Chờ tiếp nhận, bổ sung", "Trong hạn", "Quá hạn"
    ]  # fmt: skip
    # the top of the stack is every open dossier: 2 on 23/3, 7 on 31/3 (4 + 2 + 1)
    top = np.asarray(layers[2].get_paths()[0].vertices)[:, 1]
    assert top.max() == 7
    en = plot_backlog(backlog([], *WINDOW, step="week"), lang="en")
    (ax,) = en.axes
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == (
        "Dossiers open at the end of each week", "Day", "Dossiers"
    )  # fmt: skip
    assert [t.get_text() for t in en.legends[0].get_texts()] == [
        "Pending at reception", "In time", "Overdue"
    ]  # fmt: skip


def test_plot_verdicts_top_and_other() -> None:
    fig = plot_verdicts(TABLE, top=2)
    (ax,) = fig.axes
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    # resolved: 1.002755 12, 1.004194 8, khai sinh 3, Tách hộ 1, thường trú 0 (left out);
    # the first two get bars, khai sinh and Tách hộ are folded into "Khác (2 thủ tục)"
    assert [[round(b.get_width()) for b in c] for c in bars] == [
        [6, 5, 1],  # early: 1.002755, 1.004194, other (1 + 0)
        [3, 2, 1],  # on time (0 + 1)
        [3, 1, 2],  # late (2 + 0)
    ]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "1.002755 Gia hạn tạm trú", "1.004194 Đăng ký tạm trú", "Khác (2 thủ tục)"
    ]  # fmt: skip
    assert ax.get_xlabel() == "Số hồ sơ đã giải quyết"
    assert ax.get_title() == "Kết quả giải quyết theo thủ tục"
    rates = [t.get_text() for t in ax.texts]
    assert rates == [" 75,0%", " 87,5%", " 50,0%"]  # 9/12, 7/8, 2/4
    en = plot_verdicts(TABLE, top=15, lang="en")
    (ax,) = en.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "1.002755 Gia hạn tạm trú", "1.004194 Đăng ký tạm trú", "Đăng ký khai sinh",
        "1.010038 Tách hộ",
    ]  # fmt: skip  # a name without a code loses "Thủ tục"
    assert [t.get_text() for t in en.legends[0].get_texts()] == ["Early", "On time", "Late"]
    assert ax.get_xlabel() == "Resolved dossiers"


def test_plot_verdicts_of_a_report_and_long_names(spring: list[Dossier]) -> None:
    report = PeriodReport.from_dossiers(spring, date(2026, 3, 1), date(2026, 3, 31))
    long = "Đăng ký tạm trú cho người chưa thành niên sống cùng cha mẹ hoặc người giám hộ"
    fig = plot_verdicts(report, names={"1.004194": long})
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[1] == "1.002755 Gia hạn tạm trú"
    assert labels[0].startswith("1.004194 Đăng ký tạm trú cho người")
    assert labels[0].endswith("…")
    assert len(labels[0]) <= 52


def test_plots_draw_into_a_given_axes(months: MonthlySeries, window: BacklogSeries) -> None:
    fig = Figure()
    left, right = fig.subplots(1, 2)
    assert plot_monthly(months, ax=left) is fig
    assert plot_backlog(window, ax=right, lang="en") is fig
    assert not fig.legends  # the legends go in the given axes, not on someone else's figure
    assert len(fig.axes) == 3  # two, and the rate's twin axis
    assert right.get_legend() is not None


def test_save_png_and_svg(months: MonthlySeries, tmp_path: Path) -> None:
    fig = plot_monthly(months)
    png = save_figure(fig, tmp_path / "monthly.png")
    assert png.read_bytes().startswith(PNG)  # rendered with Vietnamese labels: no glyph warning
    svg = save_figure(fig, tmp_path / "monthly.SVG")
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Tiếp nhận mới" in svg.read_text("utf-8")
    again = save_figure(fig, tmp_path / "again.svg")
    assert again.read_bytes() == svg.read_bytes()  # no date in the SVG
    out = tmp_path / "verdicts.png"
    plot_verdicts(TABLE, path=out)
    assert out.read_bytes().startswith(PNG)
    assert fig._repr_png_().startswith(PNG)  # type: ignore[attr-defined]  # notebooks


def test_bad_suffix_lang_and_top(months: MonthlySeries, tmp_path: Path) -> None:
    fig = plot_monthly(months)
    for name in ("monthly.pdf", "monthly.jpg", "monthly"):
        with pytest.raises(ReportError, match=r"path=.*expected a file name ending in .png or"):
            save_figure(fig, tmp_path / name)
    with pytest.raises(ReportError, match="path"):
        plot_monthly(months, path=tmp_path / "monthly.pdf")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ReportError, match="lang='fr'"):
        plot_monthly(months, lang="fr")
    for top in (0, -1, True, 1.5):
        with pytest.raises(ReportError, match="top"):
            plot_verdicts(TABLE, top=top)  # type: ignore[arg-type]


def test_plots_of_nothing(tmp_path: Path) -> None:
    fig = plot_verdicts([], path=tmp_path / "none.png")
    assert [len(c) for c in fig.axes[0].containers] == [0, 0, 0]
    one_day = backlog([], date(2026, 3, 2), date(2026, 3, 2))
    assert _triples(one_day) == {date(2026, 3, 2): (0, 0, 0)}
    plot_backlog(one_day, path=tmp_path / "one.svg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["none.png", "one.svg"]


def test_figures_pickle(months: MonthlySeries) -> None:
    fig = plot_monthly(months)
    back = pickle.loads(pickle.dumps(fig))
    assert type(back) is type(fig)
    assert [t.get_text() for t in back.axes[0].get_xticklabels()] == ["T2\n2026", "T3", "T4"]


# ----------------------------------------------------------------------------- packaging
def test_without_matplotlib_the_error_names_the_extra(
    months: MonthlySeries, window: BacklogSeries, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    draws: list[Callable[[], Figure]] = [
        lambda: plot_monthly(months),
        lambda: plot_backlog(window),
        lambda: plot_verdicts(TABLE),
    ]
    for draw in draws:
        with pytest.raises(ImportError, match=r"pip install 'hanhchinh\[plot\]'"):
            draw()
    assert monthly([], *RANGE).months  # the data needs no matplotlib


def test_series_and_the_plot_module_do_not_import_matplotlib() -> None:
    code = (
        "import sys; from datetime import date; import hanhchinh.reports; "
        "import hanhchinh.reports._plots; from hanhchinh.reports import backlog, monthly; "
        "monthly([], date(2026, 1, 1), date(2026, 3, 1)); "
        "backlog([], date(2026, 1, 1), date(2026, 3, 1)); "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_png_bytes_are_an_image(months: MonthlySeries) -> None:
    buf = io.BytesIO()
    plot_monthly(months).savefig(buf, format="png")
    assert buf.getvalue().startswith(PNG)
