"""Tables of period reports and of the register: data frames, rows, CSV, XLSX.

The dossiers are the hand-built March 2026 of ``test_reports.py`` (same dossiers, same hand
counts, 2026 calendar, office hours 08-12 and 13-17, Đăng ký tạm trú: 03 ngày làm việc). The
per-group figures and the register rows below were counted by hand from those comments; the
appointment of a dossier received on a working day is 17:00 (the close of office hours) on the
third working day after it, as the receipt of ``docs/forms.md`` prints for 2/3 09:05.
"""

from __future__ import annotations

import csv
import io
import math
import sys
import zipfile
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import attrs
import numpy as np
import openpyxl
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanhchinh.calendar import WorkCalendar, vietnam_public_sector
from hanhchinh.dossiers import (
    Dossier,
    State,
)
from hanhchinh.errors import NaiveDatetimeError, ReportError
from hanhchinh.forms import FormContext, Register, RegisterRow, register
from hanhchinh.frame import (
    REGISTER_HEADERS_VI,
    register_csv,
    register_frame,
    register_rows,
    report_frame,
    write_xlsx,
)
from hanhchinh.procedures import Channel
from hanhchinh.reports import DEFINITIONS, GROUPS, Figures, PeriodReport
from hanhchinh.testing import dossiers
from test_reports import MARCH, RESIDENCE, VN, at, march

FIGURES = list(Figures().as_dict())  # the column names the frames must use, in order
RATES = ["on_time_rate", "online_share", "online_payment_share", "digitised_share"]
COUNTS = [n for n in FIGURES if n not in RATES]
REGISTER_COLUMNS = [a.name for a in attrs.fields(RegisterRow)]


@pytest.fixture(scope="module")
def month(cal: WorkCalendar) -> list[Dossier]:
    return march(cal)  # the hand-counted month of test_reports


@pytest.fixture(scope="module")
def report(month: list[Dossier]) -> PeriodReport:
    return PeriodReport.from_dossiers(month, *MARCH)


@pytest.fixture(scope="module")
def reg(month: list[Dossier]) -> Register:
    return register(month, FormContext(office="Bộ phận Một cửa"), start=MARCH[0], end=MARCH[1])


def figures(**given_: int) -> dict[str, int]:
    """A row of counts: the given ones, every other count 0, and the four sums."""
    row = dict.fromkeys((a.name for a in attrs.fields(Figures)), 0) | given_
    row["new"] = row["new_in_person"] + row["new_online"] + row["new_post"]
    row["received"] = row["carried_over"] + row["new"]
    row["resolved"] = row["early"] + row["on_time"] + row["late"]
    row["in_progress"] = row["in_time"] + row["overdue"] + row["pending"]
    return row


# Hand counts by channel. online_partial: D (new, on time, paid online, digitised), L (new,
# pending). in_person: A (carried over, late, late against the original), C (new, early, paid
# at the counter, digitised), E (in time), F and N (overdue), G (pending), H (withdrawn),
# I (refused), J (stopped), K (early, late against the original).
BY_CHANNEL: dict[str, tuple[dict[str, int], dict[str, Fraction | None]]] = {
    "in_person": (
        figures(carried_over=1, new_in_person=9, early=2, late=1, late_against_original=2,
                in_time=1, overdue=2, pending=1, refused=1, withdrawn=1, stopped=1, paid=1,
                digitised=1),
        # (C + K) / (C, K, A); 0 online of 9 new; 0 of 1 paid online; 1 digitised of 10
        {"on_time_rate": Fraction(2, 3), "online_share": Fraction(0),
         "online_payment_share": Fraction(0), "digitised_share": Fraction(1, 10)},
    ),
    "online_partial": (
        figures(new_online=2, on_time=1, pending=1, paid=1, paid_online=1, digitised=1),
        {"on_time_rate": Fraction(1), "online_share": Fraction(1),
         "online_payment_share": Fraction(1), "digitised_share": Fraction(1, 2)},
    ),
}  # fmt: skip
# Hand counts by month of filing. 2026-02: A alone (carried over, late): nothing new and
# nothing paid, so the online share and the online payment share are undefined.
BY_MONTH: dict[str, tuple[dict[str, int], dict[str, Fraction | None]]] = {
    "2026-02": (
        figures(carried_over=1, late=1, late_against_original=1),
        {"on_time_rate": Fraction(0), "online_share": None, "online_payment_share": None,
         "digitised_share": Fraction(0)},
    ),
    "2026-03": (
        figures(new_in_person=9, new_online=2, early=2, on_time=1, late_against_original=1,
                in_time=1, overdue=2, pending=2, refused=1, withdrawn=1, stopped=1, paid=2,
                paid_online=1, digitised=2),
        {"on_time_rate": Fraction(1), "online_share": Fraction(2, 11),
         "online_payment_share": Fraction(1, 2), "digitised_share": Fraction(2, 11)},
    ),
}  # fmt: skip
# The totals, as test_reports.py counts them.
TOTALS = (
    figures(carried_over=1, new_in_person=9, new_online=2, early=2, on_time=1, late=1,
            late_against_original=2, in_time=1, overdue=2, pending=2, refused=1, withdrawn=1,
            stopped=1, paid=2, paid_online=1, digitised=2),
    {"on_time_rate": Fraction(3, 4), "online_share": Fraction(2, 11),
     "online_payment_share": Fraction(1, 2), "digitised_share": Fraction(2, 12)},
)  # fmt: skip


def plain(value: Any) -> Any:
    """A frame cell as a plain Python value: numpy scalars unwrapped, NaN/NaT/NA as None."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        return plain(value.item())
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def pandas_records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {k: plain(v) for k, v in zip(df.columns, row, strict=True)}
        for row in df.itertuples(index=False)
    ]


def expected_row(counts: Mapping[str, int], rates: Mapping[str, Fraction | None]) -> dict[str, Any]:
    return {
        **counts,
        **{k: None if v is None else float(v) for k, v in rates.items()},
    }


# --------------------------------------------------------------------- report frames
@pytest.mark.parametrize(("group", "table"), [("channel", BY_CHANNEL), ("month", BY_MONTH)])
def test_report_frame_rows_are_the_hand_counts(
    report: PeriodReport,
    group: str,
    table: dict[str, tuple[dict[str, int], dict[str, Fraction | None]]],
) -> None:
    df = report_frame(report, group)
    assert list(df.columns) == [group, *FIGURES]
    want = [{group: key, **expected_row(*table[key])} for key in sorted(table)]
    assert pandas_records(df) == want
    got_polars = report_frame(report, group, backend="polars").to_dicts()
    assert got_polars == want


def test_report_frame_of_the_totals(report: PeriodReport) -> None:
    df = report_frame(report)
    assert list(df.columns) == FIGURES  # no key column
    assert pandas_records(df) == [expected_row(*TOTALS)]
    assert report_frame(report, backend="polars").to_dicts() == [expected_row(*TOTALS)]
    assert df.attrs == {
        "start": date(2026, 3, 1),
        "end": date(2026, 3, 31),
        "as_of": datetime(2026, 4, 1, tzinfo=VN),
        "zone": "Asia/Ho_Chi_Minh",
        "returned": "handed_over",
        "group": None,
    }
    assert report_frame(report, "month").attrs["group"] == "month"


def test_report_frame_dtypes(report: PeriodReport) -> None:
    df = report_frame(report, "month")
    assert all(df[n].dtype == np.dtype("int64") for n in COUNTS)
    assert all(df[n].dtype == np.dtype("float64") for n in RATES)
    assert pd.api.types.is_string_dtype(df["month"])
    pf = report_frame(report, "month", backend="polars")
    assert pf.schema == pl.Schema(
        {"month": pl.String} | dict.fromkeys(COUNTS, pl.Int64) | dict.fromkeys(RATES, pl.Float64)
    )


def test_undefined_rates_are_missing_not_nan_strings(report: PeriodReport) -> None:
    # 2026-02 has nothing new and nothing paid: those two shares are undefined.
    df = report_frame(report, "month").set_index("month")
    assert df.loc["2026-02", ["online_share", "online_payment_share"]].isna().all()
    assert df.loc["2026-02", "on_time_rate"] == 0.0  # defined: 0 of 1 resolved on time
    pf = report_frame(report, "month", backend="polars")
    shares = pf.filter(pl.col("month") == "2026-02").select(
        ["online_share", "online_payment_share"]
    )
    assert shares.null_count().row(0) == (1, 1)  # real nulls, not NaN
    csv_text = report_frame(report, "month").to_csv(index=False)
    assert "nan" not in csv_text.lower()


def test_exact_rates(report: PeriodReport) -> None:
    df = report_frame(report, "month", exact=True)
    assert all(df[n].dtype == np.dtype("object") for n in RATES)
    assert df["online_share"].tolist() == [None, Fraction(2, 11)]
    assert df["digitised_share"].tolist() == [Fraction(0), Fraction(2, 11)]
    assert all(df[n].dtype == np.dtype("int64") for n in COUNTS)
    pf = report_frame(report, "month", backend="polars", exact=True)
    for name, value in [("online_share", (2, 11)), ("online_payment_share", (1, 2))]:
        assert pf[name].is_null().to_list() == [True, False]  # undefined in 2026-02: null
        assert pf[name][1] == {"numerator": value[0], "denominator": value[1]}
    assert pf.schema["on_time_rate"] == pl.Struct({"numerator": pl.Int64, "denominator": pl.Int64})


def test_an_empty_report_keeps_its_columns_and_dtypes() -> None:
    empty = PeriodReport.from_dossiers([], *MARCH)
    df = report_frame(empty, "procedure")
    assert len(df) == 0
    assert list(df.columns) == ["procedure", *FIGURES]
    assert all(df[n].dtype == np.dtype("int64") for n in COUNTS)
    assert all(df[n].dtype == np.dtype("float64") for n in RATES)
    pf = report_frame(empty, "procedure", backend="polars")
    assert pf.shape == (0, len(FIGURES) + 1)
    assert pf.schema["received"] == pl.Int64


def test_pandas_and_polars_agree_on_every_group(report: PeriodReport) -> None:
    for group in (None, *GROUPS):
        pandas_rows = pandas_records(report_frame(report, group))
        polars_rows = report_frame(report, group, backend="polars").to_dicts()
        assert pandas_rows == polars_rows, group


# --------------------------------------------------------------------- register
# The register of March: the dossiers *received* 1/3..31/3, in order of reception (C and D
# both at 2/3 09:05, J and K both at 16/3 09:05: in the order given). Appointments: 17:00 on
# the third working day after reception; K's is the rescheduled one.
REGISTER = [
    # number, code, channel, received, appointment, returned, verdict, state
    (1, "C", "in_person", at(3, 2, 9, 5), at(3, 5, 17), at(3, 4), "early", "returned"),
    (2, "D", "online_partial", at(3, 2, 9, 5), at(3, 5, 17), at(3, 5, 15), "on_time",
     "returned"),
    (3, "J", "in_person", at(3, 16, 9, 5), at(3, 19, 17), None, None, "stopped"),
    (4, "K", "in_person", at(3, 16, 9, 5), at(3, 24, 17), at(3, 23), "early", "returned"),
    (5, "F", "in_person", at(3, 23, 9, 5), at(3, 26, 17), None, None, "processing"),
    # N: Wed 25/3 -> 26, 27, Mon 30/3; returned Fri 3/4: late
    (6, "N", "in_person", at(3, 25, 9, 5), at(3, 30, 17), at(4, 3), "late", "returned"),
    # E: Mon 30/3 10:00 -> 31/3, 1/4, Thu 2/4
    (7, "E", "in_person", at(3, 30, 10), at(4, 2, 17), None, None, "processing"),
]  # fmt: skip


def expected_register() -> list[dict[str, Any]]:
    return [
        {
            "number": n,
            "dossier_code": code,
            "procedure": "Đăng ký tạm trú",
            "applicant": f"A-{code}",
            "agency": RESIDENCE.agency,
            "channel": channel,
            "received_at": rec,
            "appointment": due,
            "returned_at": ret,
            "verdict": verdict,
            "state": state,
        }
        for n, code, channel, rec, due, ret, verdict, state in REGISTER
    ]


def test_register_rows_are_the_hand_built_register(reg: Register) -> None:
    rows = register_rows(reg)
    assert rows == expected_register()
    assert all(r["received_at"].tzinfo == VN for r in rows)  # in Vietnam's zone, not UTC
    assert list(rows[0]) == REGISTER_COLUMNS  # nothing about the applicant but the reference


def test_register_frame_pandas(reg: Register) -> None:
    df = register_frame(reg)
    assert list(df.columns) == REGISTER_COLUMNS
    assert df["number"].dtype == np.dtype("int64")
    for name in ("received_at", "appointment", "returned_at"):
        assert str(df[name].dtype) == "datetime64[us, Asia/Ho_Chi_Minh]"
    assert df["verdict"].dtype == pd.CategoricalDtype(["early", "on_time", "late"], ordered=True)
    assert list(df["channel"].cat.categories) == [c.value for c in Channel]
    assert list(df["state"].cat.categories) == [s.value for s in State]
    assert pandas_records(df) == expected_register()
    assert df["returned_at"].isna().tolist() == [False, False, True, False, True, False, True]
    assert df.loc[0, "received_at"].isoformat() == "2026-03-02T09:05:00+07:00"
    assert df.attrs["form"] == "Mẫu số 07"
    assert df.attrs["end"] == date(2026, 3, 31)


def test_register_frame_polars(reg: Register) -> None:
    pf = register_frame(reg, backend="polars")
    aware = pl.Datetime("us", "Asia/Ho_Chi_Minh")
    want: dict[str, Any] = {
        "number": pl.Int64,
        "dossier_code": pl.String,
        "procedure": pl.String,
        "applicant": pl.String,
        "agency": pl.String,
        "channel": pl.Enum([c.value for c in Channel]),
        "received_at": aware,
        "appointment": aware,
        "returned_at": aware,
        "verdict": pl.Enum(["early", "on_time", "late"]),
        "state": pl.Enum([s.value for s in State]),
    }
    assert pf.schema == pl.Schema(want)
    assert pf.to_dicts() == expected_register()
    assert pf["verdict"].null_count() == 3


def test_an_empty_register_keeps_its_columns_and_dtypes(month: list[Dossier]) -> None:
    empty = register(month, start=date(2026, 5, 1), end=date(2026, 5, 31))
    assert register_rows(empty) == []
    df = register_frame(empty)
    assert list(df.columns) == REGISTER_COLUMNS
    assert len(df) == 0
    assert str(df["received_at"].dtype) == "datetime64[us, Asia/Ho_Chi_Minh]"
    assert register_frame(empty, backend="polars").schema["received_at"] == pl.Datetime(
        "us", "Asia/Ho_Chi_Minh"
    )
    assert register_csv(empty) == ",".join(REGISTER_COLUMNS) + "\n"


def test_register_csv_headers_and_values(reg: Register) -> None:
    en = register_csv(reg)
    assert en.splitlines()[0] == (
        "number,dossier_code,procedure,applicant,agency,channel,received_at,appointment,"
        "returned_at,verdict,state"
    )
    vi = register_csv(reg, header="vi")
    assert vi.splitlines()[0] == (
        'TT,Mã hồ sơ,Tên thủ tục hành chính,"Tổ chức, cá nhân",Cơ quan chủ trì giải quyết,'
        "Hình thức nộp,Nhận hồ sơ,Hẹn trả kết quả,Trả kết quả,Kết quả,Trạng thái"
    )
    assert en.splitlines()[1:] == vi.splitlines()[1:]  # only the header changes
    rows = list(csv.reader(io.StringIO(en)))
    assert rows[1] == [
        "1", "C", "Đăng ký tạm trú", "A-C", RESIDENCE.agency, "in_person",
        "2026-03-02T09:05:00+07:00", "2026-03-05T17:00:00+07:00", "2026-03-04T09:00:00+07:00",
        "early", "returned",
    ]  # fmt: skip
    assert rows[3][7:] == ["2026-03-19T17:00:00+07:00", "", "", "stopped"]  # J: stopped
    assert len(rows) == 1 + 7


def test_instants_in_another_zone_are_converted_never_reinterpreted(reg: Register) -> None:
    utc = ZoneInfo("UTC")
    row = attrs.evolve(reg.rows[0], received_at=datetime(2026, 3, 2, 2, 5, tzinfo=utc))
    moved = attrs.evolve(reg, rows=(row,))
    assert register_rows(moved)[0]["received_at"] == at(3, 2, 9, 5)
    assert register_rows(moved)[0]["received_at"].utcoffset() == timedelta(hours=7)
    assert register_frame(moved).loc[0, "received_at"].isoformat() == "2026-03-02T09:05:00+07:00"
    assert register_csv(moved).splitlines()[1].split(",")[6] == "2026-03-02T09:05:00+07:00"


# --------------------------------------------------------------------- XLSX
def custom_properties(xlsx: bytes) -> dict[str, str]:
    """The workbook's custom properties, read from ``docProps/custom.xml`` in the zip."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        root = ElementTree.fromstring(z.read("docProps/custom.xml"))
    return {p.attrib["name"]: "".join(p.itertext()) for p in root}


def read_sheet(book: Any, name: str) -> list[list[Any]]:
    return [list(row) for row in book[name].iter_rows(values_only=True)]


def same_cells(got: dict[str, Any], want: dict[str, Any]) -> bool:
    """Cells equal to *want*: None (an empty cell) for None, integers exactly, and floats to
    15 significant digits, what Excel keeps (XlsxWriter writes 16, ``%.16G``, not 17)."""
    assert got.keys() == want.keys()
    for k, w in want.items():
        g = got[k]
        if isinstance(w, float):
            # (Excel has one number type: a rate of 0.0 reads back as the integer 0)
            assert isinstance(g, int | float), (k, g, w)
            assert math.isclose(g, w, rel_tol=1e-15), (k, g, w)
        else:
            assert type(g) is type(w), (k, g, w)
            assert g == w, (k, g, w)
    return True


def test_xlsx_round_trip(tmp_path: Path, report: PeriodReport, reg: Register) -> None:
    path = tmp_path / "march.xlsx"
    write_xlsx(path, report=report, register=reg, groups=["month", "channel"])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["totals", "month", "channel", "register", "definitions", "about"]

    totals = read_sheet(book, "totals")
    assert totals[0] == FIGURES
    assert same_cells(dict(zip(totals[0], totals[1], strict=True)), expected_row(*TOTALS))

    months = read_sheet(book, "month")
    assert months[0] == ["month", *FIGURES]
    for row, key in zip(months[1:], sorted(BY_MONTH), strict=True):
        assert row[0] == key
        assert same_cells(dict(zip(FIGURES, row[1:], strict=True)), expected_row(*BY_MONTH[key]))
    assert months[1][FIGURES.index("online_share") + 1] is None
    assert book["month"].cell(2, FIGURES.index("on_time_rate") + 2).number_format == "0.00%"

    rows = read_sheet(book, "register")
    assert rows[0] == REGISTER_COLUMNS
    local = [
        {k: v.replace(tzinfo=None) if isinstance(v, datetime) else v for k, v in r.items()}
        for r in expected_register()
    ]  # Excel has no zones: the cells hold Vietnam's wall-clock time
    assert [dict(zip(rows[0], r, strict=True)) for r in rows[1:]] == local

    definitions = read_sheet(book, "definitions")
    assert definitions[0] == ["figure", "en", "vi", "source", "article", "url", "confidence"]
    assert [r[0] for r in definitions[1:]] == list(DEFINITIONS)
    on_time = next(r for r in definitions if r[0] == "on_time_rate")
    assert on_time[2] == "tỷ lệ giải quyết trước hạn, đúng hạn"
    assert on_time[3].startswith("Quyết định 766/QĐ-TTg")
    assert on_time[6] == "secondary"
    pending = next(r for r in definitions if r[0] == "pending")
    assert pending[3:] == [None, None, None, None]  # a figure of ours: no source

    about = dict(read_sheet(book, "about")[1:])
    assert about["report.as_of"] == "2026-04-01T00:00:00+07:00"
    assert about["register.form"] == "Mẫu số 07: Sổ theo dõi hồ sơ"
    props = custom_properties(path.read_bytes())
    assert props["report.start"] == "2026-03-01"
    assert props["register.end"] == "2026-03-31"
    created = datetime(2026, 4, 1, tzinfo=VN).astimezone(UTC).replace(tzinfo=None)
    assert book.properties.created == created  # the report instant, in UTC: not the clock


def test_xlsx_vi_header_register_only_and_same_bytes_twice(reg: Register) -> None:
    first, second = io.BytesIO(), io.BytesIO()
    write_xlsx(first, register=reg, header="vi")
    write_xlsx(second, register=reg, header="vi")
    assert first.getvalue() == second.getvalue()  # nothing from the clock
    book = openpyxl.load_workbook(first)
    assert book.sheetnames == ["register", "about"]  # no report: no definitions
    assert read_sheet(book, "register")[0] == [REGISTER_HEADERS_VI[n] for n in REGISTER_COLUMNS]


def test_xlsx_writes_text_as_text(reg: Register) -> None:
    row = attrs.evolve(reg.rows[0], dossier_code="=1+1", applicant="http://example.com")
    buf = io.BytesIO()
    write_xlsx(buf, register=attrs.evolve(reg, rows=(row,)))
    sheet = openpyxl.load_workbook(buf)["register"]
    assert sheet.cell(2, 2).value == "=1+1"
    assert sheet.cell(2, 2).data_type == "s"  # a string, not a formula
    assert sheet.cell(2, 4).value == "http://example.com"
    assert sheet.cell(2, 4).hyperlink is None


# --------------------------------------------------------------------- errors
def test_unknown_backend_group_and_header(report: PeriodReport, reg: Register) -> None:
    with pytest.raises(
        ReportError, match=r"backend='spark' is not allowed; expected one of pandas, polars"
    ):
        report_frame(report, backend="spark")
    with pytest.raises(ReportError, match=r"backend='arrow'.*pandas, polars"):
        register_frame(reg, backend="arrow")
    with pytest.raises(ReportError, match=r"group='colour'.*procedure, field, agency"):
        report_frame(report, "colour")
    with pytest.raises(ReportError, match=r"header='fr'.*en, vi"):
        register_csv(reg, header="fr")


def test_write_xlsx_refuses_before_writing_anything(
    tmp_path: Path, report: PeriodReport, reg: Register
) -> None:
    path = tmp_path / "x.xlsx"
    with pytest.raises(ReportError, match="a report or a register"):
        write_xlsx(path)
    with pytest.raises(ReportError, match="no groups without a report"):
        write_xlsx(path, register=reg, groups=["month"])
    with pytest.raises(ReportError, match="each group at most once"):
        write_xlsx(path, report=report, groups=["month", "month"])
    with pytest.raises(ReportError, match=r"group='colour'.*procedure, field"):
        write_xlsx(path, report=report, groups=["month", "colour"])
    with pytest.raises(ReportError, match="header='EN'"):
        write_xlsx(path, register=reg, header="EN")
    assert not path.exists()


@pytest.mark.parametrize(
    ("module", "call", "extra"),
    [
        ("polars", lambda r, g: report_frame(r, backend="polars"), "polars"),
        ("polars", lambda r, g: register_frame(g, backend="polars"), "polars"),
        ("pandas", lambda r, g: report_frame(r), "frame"),
        ("pandas", lambda r, g: register_frame(g), "frame"),
        ("xlsxwriter", lambda r, g: write_xlsx(io.BytesIO(), report=r), "frame"),
    ],
)
def test_a_missing_dependency_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
    report: PeriodReport,
    reg: Register,
    module: str,
    call: Any,
    extra: str,
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ImportError, match=rf"needs {module}, .*pip install 'hanhchinh\[{extra}\]'"):
        call(report, reg)


def test_hand_built_rows_are_checked(reg: Register) -> None:
    naive = attrs.evolve(reg.rows[0], appointment=datetime(2026, 3, 5, 17))  # noqa: DTZ001
    with pytest.raises(NaiveDatetimeError, match=r"register.rows\[0\].appointment"):
        register_frame(attrs.evolve(reg, rows=(naive,)))
    odd = attrs.evolve(reg.rows[0], state="lost")
    with pytest.raises(ReportError, match=r"register.rows\[0\].state='lost'.*returned"):
        register_csv(attrs.evolve(reg, rows=(odd,)))


# --------------------------------------------------------------------- properties
CAL = vietnam_public_sector()
SPAN = st.lists(dossiers(calendar=CAL), max_size=8, unique_by=lambda d: d.id)


@settings(max_examples=40)
@given(SPAN, st.dates(date(2020, 1, 1), date(2029, 12, 31)), st.integers(0, 3650))
def test_column_sums_are_the_totals_for_every_group(
    ds: list[Dossier], end: date, days: int
) -> None:
    # Periods of up to ten years ending anywhere in the strategy's 2020-2029: most drawn
    # dossiers fall in them, filed in the period or carried over.
    report = PeriodReport.from_dossiers(ds, max(date(2020, 1, 1), end - timedelta(days)), end)
    totals = report.figures
    for group in GROUPS:
        df = report_frame(report, group)
        pf = report_frame(report, group, backend="polars")
        assert len(df) == len(report.by(group)) == pf.height
        for name in COUNTS:
            assert int(df[name].sum()) == getattr(totals, name), (group, name)
            assert int(pf[name].sum()) == getattr(totals, name), (group, name)
        assert pandas_records(df) == pf.to_dicts()


@settings(max_examples=40)
@given(SPAN)
def test_register_frames_hold_the_rows(ds: list[Dossier]) -> None:
    reg = register(ds)
    rows = register_rows(reg)
    df = register_frame(reg)
    assert pandas_records(df) == rows == register_frame(reg, backend="polars").to_dicts()
    assert [r["received_at"] for r in rows] == [r.received_at for r in reg.rows]
    assert [r["verdict"] for r in rows] == [
        None if r.verdict is None else r.verdict.value for r in reg.rows
    ]
