"""Tables of period reports and of the dossier register: data frames, plain rows, CSV, XLSX.

Re-exported by :mod:`hanhchinh.frame`; ``docs/tables.md`` is the guide. pandas, polars and
XlsxWriter are imported only by the function that needs them; a missing one raises
``ImportError`` naming the extra that installs it.
"""

from __future__ import annotations

import csv
import importlib
import io
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from itertools import repeat
from operator import attrgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, BinaryIO, Final, Literal, overload
from zoneinfo import ZoneInfo

import attrs

from hanhchinh.dossiers import State
from hanhchinh.errors import NaiveDatetimeError, ReportError
from hanhchinh.forms import Register, RegisterRow
from hanhchinh.procedures import Channel
from hanhchinh.reports import DEFINITIONS, GROUPS, Figures, PeriodReport
from hanhchinh.sla import Verdict

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

__all__ = [
    "REGISTER_HEADERS_VI",
    "register_csv",
    "register_frame",
    "register_rows",
    "report_frame",
    "write_xlsx",
]

ZONE: Final = "Asia/Ho_Chi_Minh"
"""The zone of every datetime column, cell and CSV field (UTC+7, no daylight saving)."""
_VN: Final = ZoneInfo(ZONE)
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND: Final = timedelta(microseconds=1)
_NAT: Final = -(2**63)  # numpy's NaT as int64

BACKENDS: Final = ("pandas", "polars")
HEADERS: Final = ("en", "vi")

#: Which extra installs each optional dependency (the missing-dependency messages name it).
_EXTRA: Final[Mapping[str, str]] = MappingProxyType(
    {"pandas": "frame", "xlsxwriter": "frame", "polars": "polars"}
)

#: The columns of a report frame, in the order and with the names of ``Figures.as_dict()``.
_FIGURES: Final = tuple(Figures().as_dict())
#: The rates among them: with every count zero, exactly the rates are undefined (``None``).
_RATES: Final = frozenset(n for n, v in Figures().as_dict().items() if v is None)

_CHANNELS: Final = tuple(c.value for c in Channel)
_VERDICTS: Final = tuple(v.value for v in Verdict)
_STATES: Final = tuple(s.value for s in State)
_INSTANTS: Final = ("received_at", "appointment", "returned_at")

REGISTER_HEADERS_VI: Final[Mapping[str, str]] = MappingProxyType(
    {
        "number": "TT",
        "dossier_code": "Mã hồ sơ",
        "procedure": "Tên thủ tục hành chính",
        "applicant": "Tổ chức, cá nhân",
        "agency": "Cơ quan chủ trì giải quyết",
        "channel": "Hình thức nộp",  # ours: Mẫu 07 has no such column
        "received_at": "Nhận hồ sơ",
        "appointment": "Hẹn trả kết quả",
        "returned_at": "Trả kết quả",
        "verdict": "Kết quả",
        "state": "Trạng thái",  # ours: the printed form shows the state under "Kết quả"
    }
)
"""The Vietnamese header of each register column: the column names printed on Mẫu 07 (Sổ theo
dõi hồ sơ), and for the two columns the form does not print, ``channel`` and ``state``, names of
ours. ``df.rename(columns=REGISTER_HEADERS_VI)`` relabels a register frame."""

_Kind = Literal["count", "rate", "fraction", "text", "category", "instant"]


@attrs.frozen
class _Column:
    """One column of a table, backend-neutral: Python values (``None`` where missing) and
    what they are. Instants are aware datetimes; categories are the enum values."""

    name: str
    kind: _Kind
    values: Sequence[Any]
    categories: tuple[str, ...] = ()
    ordered: bool = False


# ------------------------------------------------------------------------------ arguments
def _check_backend(backend: object) -> str:
    if not isinstance(backend, str) or backend not in BACKENDS:
        raise ReportError("backend", backend, f"one of {', '.join(BACKENDS)}")
    return backend


def _check_header(header: object) -> str:
    if not isinstance(header, str) or header not in HEADERS:
        raise ReportError("header", header, f"one of {', '.join(HEADERS)}")
    return header


def _missing(module: str, what: str) -> ImportError:
    extra = _EXTRA[module]
    return ImportError(
        f"{what} needs {module}, which is not installed: pip install 'hanhchinh[{extra}]'",
        name=module,
    )


# ------------------------------------------------------------------------------ columns
def _report_columns(report: PeriodReport, group: str | None, exact: bool) -> list[_Column]:
    """The report's totals (no key column), or one row per key of *group*."""
    if group is None:
        keys: list[str] = []
        parts = [report.figures]
    else:
        by = report.by(group)  # ReportError for an unknown group, naming the choices
        keys, parts = list(by), list(by.values())
    columns = [] if group is None else [_Column(group, "text", keys)]
    for name in _FIGURES:
        values = [getattr(f, name) for f in parts]
        if name in _RATES:
            columns.append(_Column(name, "fraction" if exact else "rate", values))
        else:
            columns.append(_Column(name, "count", values))
    return columns


def _report_meta(report: PeriodReport, group: str | None) -> dict[str, Any]:
    return {
        "start": report.start,
        "end": report.end,
        "as_of": report.as_of,
        "zone": report.zone,
        "returned": report.returned.value,
        "group": group,
    }


def _checked_instants(rows: Sequence[RegisterRow], name: str) -> list[datetime | None]:
    values: list[datetime | None] = list(map(attrgetter(name), rows))
    # One C-level pass over the present values; the Python loop runs only to name the culprit.
    if None in map(datetime.utcoffset, filter(None, values)):
        for i, x in enumerate(values):
            if x is not None and x.utcoffset() is None:
                raise NaiveDatetimeError(f"register.rows[{i}].{name}", x)
    return values


def _checked_category(
    name: str, values: list[Any], categories: tuple[str, ...]
) -> list[str | None]:
    allowed = {*categories, None}
    if not allowed.issuperset(values):
        for i, x in enumerate(values):
            if x not in allowed:
                raise ReportError(
                    f"register.rows[{i}].{name}", x, f"one of {', '.join(categories)}"
                )
    return values


def _values(rows: Sequence[RegisterRow], name: str) -> list[Any]:
    """A column of enum values; ``None`` and plain strings as they are. (``_value_`` is the
    member's value, read without the ``value`` property's Python-level descriptor.)"""
    column = list(map(attrgetter(name), rows))
    return list(map(getattr, column, repeat("_value_"), column))


def _register_columns(register: Register) -> list[_Column]:
    """The columns of the register, in the order of :class:`RegisterRow`'s fields."""
    rows = register.rows
    instants = {name: _checked_instants(rows, name) for name in _INSTANTS}
    return [
        _Column("number", "count", list(map(attrgetter("number"), rows))),
        _Column("dossier_code", "text", list(map(attrgetter("dossier_code"), rows))),
        _Column("procedure", "text", list(map(attrgetter("procedure"), rows))),
        _Column("applicant", "text", list(map(attrgetter("applicant"), rows))),
        _Column("agency", "text", list(map(attrgetter("agency"), rows))),
        _Column(
            "channel",
            "category",
            _checked_category("channel", _values(rows, "channel"), _CHANNELS),
            _CHANNELS,
        ),
        _Column("received_at", "instant", instants["received_at"]),
        _Column("appointment", "instant", instants["appointment"]),
        _Column("returned_at", "instant", instants["returned_at"]),
        _Column(
            "verdict",
            "category",
            _checked_category("verdict", _values(rows, "verdict"), _VERDICTS),
            _VERDICTS,
            ordered=True,
        ),
        _Column(
            "state",
            "category",
            _checked_category("state", _values(rows, "state"), _STATES),
            _STATES,
        ),
    ]


def _register_meta(register: Register) -> dict[str, Any]:
    return {
        "start": register.start,
        "end": register.end,
        "form": f"Mẫu số {register.spec.number}",
        "title": register.spec.title,
        "regime": register.spec.regime.value,
        "zone": ZONE,
    }


def _microseconds(values: Sequence[datetime | None], missing: int | None) -> list[int | None]:
    """Aware datetimes as microseconds since 1970-01-01 UTC, *missing* for ``None``."""
    return [missing if x is None else (x - _EPOCH) // _MICROSECOND for x in values]


def _local(x: datetime | None) -> datetime | None:
    return None if x is None else x.astimezone(_VN)


# ------------------------------------------------------------------------------ backends
def _pandas(columns: Sequence[_Column], meta: Mapping[str, Any]) -> Any:
    try:
        import pandas as pd
    except ImportError as error:
        raise _missing("pandas", "backend='pandas'") from error
    import numpy as np  # pandas requires it

    text = pd.Series([""]).dtype  # the default string dtype: str (pandas 3) or object (2.x)
    data: dict[str, Any] = {}
    for c in columns:
        if c.kind == "count":
            data[c.name] = np.array(c.values, dtype=np.int64)
        elif c.kind == "rate":
            data[c.name] = np.array(
                [np.nan if v is None else float(v) for v in c.values], dtype=np.float64
            )
        elif c.kind == "fraction":
            data[c.name] = pd.Series(list(c.values), dtype=object)
        elif c.kind == "text":
            data[c.name] = pd.Series(list(c.values), dtype=text)
        elif c.kind == "category":
            code = {v: i for i, v in enumerate(c.categories)}
            data[c.name] = pd.Categorical.from_codes(
                [-1 if v is None else code[v] for v in c.values],
                categories=list(c.categories),
                ordered=c.ordered,
            )
        else:  # instant
            us = np.array(_microseconds(c.values, _NAT), dtype=np.int64)
            data[c.name] = pd.Series(us.view("M8[us]")).dt.tz_localize("UTC").dt.tz_convert(ZONE)
    frame = pd.DataFrame(data, columns=[c.name for c in columns])
    frame.attrs.update(meta)
    return frame


def _polars(columns: Sequence[_Column]) -> pl.DataFrame:
    try:
        import polars as pl
    except ImportError as error:
        raise _missing("polars", "backend='polars'") from error

    series: list[pl.Series] = []
    for c in columns:
        if c.kind == "count":
            series.append(pl.Series(c.name, c.values, dtype=pl.Int64))
        elif c.kind == "rate":
            floats = [None if v is None else float(v) for v in c.values]
            series.append(pl.Series(c.name, floats, dtype=pl.Float64))
        elif c.kind == "fraction":
            pairs = [
                None if v is None else {"numerator": v.numerator, "denominator": v.denominator}
                for v in c.values
            ]
            dtype = pl.Struct({"numerator": pl.Int64, "denominator": pl.Int64})
            series.append(pl.Series(c.name, pairs, dtype=dtype))
        elif c.kind == "text":
            series.append(pl.Series(c.name, c.values, dtype=pl.String))
        elif c.kind == "category":
            series.append(pl.Series(c.name, c.values, dtype=pl.Enum(list(c.categories))))
        else:  # instant
            us = pl.Series(c.name, _microseconds(c.values, None), dtype=pl.Int64)
            series.append(
                us.cast(pl.Datetime("us")).dt.replace_time_zone("UTC").dt.convert_time_zone(ZONE)
            )
    return pl.DataFrame(series)


# ------------------------------------------------------------------------------ frames
@overload
def report_frame(
    report: PeriodReport,
    group: str | None = None,
    *,
    backend: Literal["pandas"] = "pandas",
    exact: bool = False,
) -> pd.DataFrame: ...
@overload
def report_frame(
    report: PeriodReport,
    group: str | None = None,
    *,
    backend: Literal["polars"],
    exact: bool = False,
) -> pl.DataFrame: ...
@overload
def report_frame(
    report: PeriodReport, group: str | None = None, *, backend: str, exact: bool = False
) -> Any: ...
def report_frame(
    report: PeriodReport,
    group: str | None = None,
    *,
    backend: str = "pandas",
    exact: bool = False,
) -> Any:
    """The report's figures as a data frame: one row of totals, or one row per group.

    Columns: with a *group*, first the group's key, in a column named after the group
    (``"procedure"``, ``"month"``, …); then every count and rate, named and ordered as in
    :meth:`~hanhchinh.reports.Figures.as_dict`. Counts are ``int64``. Rates are ``float64``
    (the nearest double to the exact rate, not rounded), missing where the denominator is
    zero: ``NaN`` in pandas (``isna()`` is true), ``null`` in polars.

    pandas frames carry the report's period in ``df.attrs``: ``start``, ``end`` (dates),
    ``as_of`` (the report instant), ``zone``, ``returned`` (``"handed_over"`` or
    ``"at_counter"``) and ``group``. polars frames have no such metadata; keep the report.

    Args:
        report: The period report.
        group: ``None`` for the totals, or one of ``"procedure"``, ``"field"``,
            ``"agency"``, ``"level"``, ``"channel"``, ``"month"``.
        backend: ``"pandas"`` (the ``[frame]`` extra) or ``"polars"`` (the ``[polars]``
            extra).
        exact: Give each rate exactly: pandas, an ``object`` column of
            :class:`fractions.Fraction` (``None`` where undefined); polars, a struct column
            ``{numerator, denominator}`` of ``Int64`` in lowest terms (``null`` where
            undefined).

    Returns:
        A ``pandas.DataFrame`` or a ``polars.DataFrame``.

    Raises:
        ReportError: If *backend* or *group* is not one of the choices.
        ImportError: If the backend is not installed; the message names the extra.

    >>> from datetime import date
    >>> from hanhchinh.reports import PeriodReport
    >>> empty = PeriodReport.from_dossiers([], date(2026, 3, 1), date(2026, 3, 31))
    >>> df = report_frame(empty)
    >>> int(df.loc[0, "received"]), bool(df["on_time_rate"].isna()[0]), df.attrs["end"]
    (0, True, datetime.date(2026, 3, 31))
    """
    _check_backend(backend)
    columns = _report_columns(report, group, exact)
    if backend == "polars":
        return _polars(columns)
    return _pandas(columns, _report_meta(report, group))


@overload
def register_frame(
    register: Register, *, backend: Literal["pandas"] = "pandas"
) -> pd.DataFrame: ...
@overload
def register_frame(register: Register, *, backend: Literal["polars"]) -> pl.DataFrame: ...
@overload
def register_frame(register: Register, *, backend: str) -> Any: ...
def register_frame(register: Register, *, backend: str = "pandas") -> Any:
    """The register (Sổ theo dõi hồ sơ, Mẫu 07) as a data frame, one row per dossier.

    Columns, in order: ``number`` (the running number, ``int64``), ``dossier_code``,
    ``procedure``, ``applicant`` (the dossier's opaque applicant reference, the only thing
    about the applicant a dossier holds), ``agency`` (strings), ``channel`` (categorical of the
    :class:`~hanhchinh.procedures.Channel` values), ``received_at``, ``appointment``,
    ``returned_at`` (timezone-aware, microseconds, ``Asia/Ho_Chi_Minh``; missing: ``NaT`` /
    ``null``), ``verdict`` (categorical ``early < on_time < late``, missing while open) and
    ``state`` (categorical of the :class:`~hanhchinh.dossiers.State` values). Categoricals
    are ``category`` with fixed categories in pandas, ``Enum`` in polars, so frames of
    different registers concatenate.

    pandas frames carry ``start``, ``end``, ``form``, ``title``, ``regime`` and ``zone`` in
    ``df.attrs``.

    Args:
        register: The register, from :func:`hanhchinh.forms.register`.
        backend: ``"pandas"`` (the ``[frame]`` extra) or ``"polars"`` (the ``[polars]``
            extra).

    Returns:
        A ``pandas.DataFrame`` or a ``polars.DataFrame``.

    Raises:
        ReportError: If *backend* is not one of the choices, or a hand-built row holds a
            channel, verdict or state that is not one of the enum's values.
        NaiveDatetimeError: If a hand-built row holds a naive datetime.
        ImportError: If the backend is not installed; the message names the extra.
    """
    _check_backend(backend)
    columns = _register_columns(register)
    if backend == "polars":
        return _polars(columns)
    return _pandas(columns, _register_meta(register))


# ------------------------------------------------------------------------------ rows, CSV
def register_rows(register: Register) -> list[dict[str, Any]]:
    """The register as plain dicts, one per row, keyed by the column names of
    :func:`register_frame`: enums as their string values, datetimes as aware
    :class:`~datetime.datetime` in ``Asia/Ho_Chi_Minh``, ``None`` where missing.

    Args:
        register: The register, from :func:`hanhchinh.forms.register`.

    Returns:
        A new list of new dicts (nothing in them is shared with the register's rows).

    Raises:
        ReportError: If a hand-built row holds an unknown channel, verdict or state.
        NaiveDatetimeError: If a hand-built row holds a naive datetime.
    """
    columns = _register_columns(register)
    names = [c.name for c in columns]
    values = [[_local(x) for x in c.values] if c.kind == "instant" else c.values for c in columns]
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


def register_csv(register: Register, *, header: str = "en") -> str:
    """The register as CSV text: a header line, then one line per row.

    The fields are those of :func:`register_rows`: datetimes in ISO 8601 with their offset
    (``2026-03-02T09:05:00+07:00``), enums as their string values, an empty field where a
    value is missing. Only the header changes with *header*. Encode the text as UTF-8; for
    Excel, which reads a CSV without a byte-order mark in the local code page, write it with
    ``encoding="utf-8-sig"``.

    Args:
        register: The register, from :func:`hanhchinh.forms.register`.
        header: ``"en"`` (default): the column names of :func:`register_frame`; ``"vi"``: the
            column names printed on Mẫu 07, see :data:`REGISTER_HEADERS_VI`.

    Returns:
        The CSV text, lines ending in ``\\n``.

    Raises:
        ReportError: If *header* is not ``"en"`` or ``"vi"``, or a hand-built row holds an
            unknown channel, verdict or state.
        NaiveDatetimeError: If a hand-built row holds a naive datetime.
    """
    _check_header(header)
    columns = _register_columns(register)
    names = [c.name for c in columns]
    cells = [
        ["" if x is None else x.astimezone(_VN).isoformat() for x in c.values]
        if c.kind == "instant"
        else ["" if x is None else x for x in c.values]
        for c in columns
    ]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([REGISTER_HEADERS_VI[n] for n in names] if header == "vi" else names)
    writer.writerows(zip(*cells, strict=True))
    return buf.getvalue()


# ------------------------------------------------------------------------------ XLSX
_SHEET_COLUMN_WIDTH: Final[Mapping[str, float]] = MappingProxyType(
    {"count": 10, "rate": 12, "text": 28, "category": 14, "instant": 17}
)


def _created(report: PeriodReport | None, register: Register | None) -> datetime:
    """The workbook's creation property, from the data (never the clock), in UTC."""
    if report is not None:
        return report.as_of.astimezone(UTC)
    assert register is not None
    if register.end is not None:
        stop = datetime.combine(register.end + timedelta(days=1), time(0), _VN)
        return stop.astimezone(UTC)
    received = [r.received_at for r in register.rows if r.received_at is not None]
    if received:
        return max(received).astimezone(UTC)
    return datetime(1980, 1, 1, tzinfo=UTC)  # the zip format's epoch, as XlsxWriter uses


def _iso(x: date | None) -> str:
    return "" if x is None else x.isoformat()


def _about_columns(report: PeriodReport | None, register: Register | None) -> list[_Column]:
    items: list[tuple[str, str]] = []
    if report is not None:
        items += [
            ("report.start", _iso(report.start)),
            ("report.end", _iso(report.end)),
            ("report.as_of", report.as_of.isoformat()),
            ("report.zone", report.zone),
            ("report.returned", report.returned.value),
        ]
    if register is not None:
        items += [
            ("register.start", _iso(register.start)),
            ("register.end", _iso(register.end)),
            ("register.form", f"Mẫu số {register.spec.number}: {register.spec.title}"),
            ("register.regime", register.spec.regime.value),
            ("register.zone", ZONE),
        ]
    return [
        _Column("item", "text", [k for k, _ in items]),
        _Column("value", "text", [v for _, v in items]),
    ]


def _definition_columns() -> list[_Column]:
    defs = list(DEFINITIONS.values())
    return [
        _Column("figure", "text", [d.name for d in defs]),
        _Column("en", "text", [d.en for d in defs]),
        _Column("vi", "text", [d.vi for d in defs]),
        _Column("source", "text", [d.source.document if d.source else None for d in defs]),
        _Column("article", "text", [d.source.article if d.source else None for d in defs]),
        _Column("url", "text", [d.source.url if d.source else None for d in defs]),
        _Column(
            "confidence", "text", [d.source.confidence.value if d.source else None for d in defs]
        ),
    ]


def _write_sheet(
    book: Any,
    name: str,
    columns: Sequence[_Column],
    headers: Sequence[str],
    formats: Mapping[str, Any],
) -> None:
    sheet = book.add_worksheet(name)
    for j, (c, h) in enumerate(zip(columns, headers, strict=True)):
        width = max(_SHEET_COLUMN_WIDTH.get(c.kind, 12), min(len(h) + 2, 40))
        sheet.set_column(j, j, width)
        sheet.write_string(0, j, h, formats["header"])
    sheet.freeze_panes(1, 0)
    writers: list[tuple[Sequence[Any], Any, str | None]] = []
    for c in columns:
        if c.kind == "count":
            writers.append((c.values, sheet.write_number, None))
        elif c.kind == "rate":
            writers.append(
                ([None if v is None else float(v) for v in c.values], sheet.write_number, "rate")
            )
        elif c.kind == "instant":
            local = [
                None if v is None else v.astimezone(_VN).replace(tzinfo=None) for v in c.values
            ]
            writers.append((local, sheet.write_datetime, "instant"))
        else:  # text, category
            writers.append((c.values, sheet.write_string, None))
    n = len(columns[0].values) if columns else 0
    for i in range(n):  # row by row: XlsxWriter's constant_memory mode writes rows in order
        for j, (values, write, fmt) in enumerate(writers):
            v = values[i]
            if v is None:
                continue
            if fmt is None:
                write(i + 1, j, v)
            else:
                write(i + 1, j, v, formats[fmt])
    if n:
        sheet.autofilter(0, 0, n, len(columns) - 1)


def write_xlsx(
    path: str | os.PathLike[str] | BinaryIO,
    *,
    report: PeriodReport | None = None,
    register: Register | None = None,
    groups: Iterable[str] = (),
    header: str = "en",
) -> None:
    """Write a report and/or a register to an Excel workbook (``.xlsx``), one sheet per table.

    Sheets, in order: ``totals`` (the report's totals, one row), one sheet per group in
    *groups*, named after it (``procedure``, ``month``, …), ``register`` (one row per dossier),
    ``definitions`` (each figure of :data:`hanhchinh.reports.DEFINITIONS`: its name, English
    and Vietnamese definition, source document, article, URL and confidence; only with a
    report) and ``about`` (the period, the report instant, the zone, the form). Each table has
    its header in the first row, frozen, with a filter; the columns are those of
    :func:`report_frame` and :func:`register_frame`. Counts are numbers, rates numbers shown
    as percentages (empty where undefined), datetimes Excel date-times in ``Asia/Ho_Chi_Minh``
    local time (Excel has no time zones), shown ``dd/mm/yyyy hh:mm``. Text is written as text,
    never as a formula.

    The same input gives the same file: the workbook's "created" property is the report
    instant (or the end of the register's period, or its last reception), never the clock.
    The period is also in the workbook's custom properties.

    Args:
        path: A file name, or a binary file open for writing.
        report: The period report (sheets ``totals``, the groups, ``definitions``).
        register: The register (sheet ``register``).
        groups: Groups of the report to write a sheet for, in order, each at most once.
        header: The register sheet's header: ``"en"`` (default) or ``"vi"`` (the Mẫu 07
            column names, :data:`REGISTER_HEADERS_VI`). The report sheets always use the
            figure names; the ``definitions`` sheet translates them.

    Raises:
        ReportError: If neither a report nor a register is given, *groups* are given
            without a report or repeat one, a group or *header* is not one of the choices.
        ImportError: If XlsxWriter is not installed; the message names the extra.
    """
    _check_header(header)
    wanted = tuple(groups)
    if report is None and register is None:
        raise ReportError("report", None, "a report or a register (or both)")
    if wanted and report is None:
        raise ReportError("groups", wanted, "no groups without a report")
    if len(set(wanted)) != len(wanted):
        raise ReportError("groups", wanted, "each group at most once")
    for g in wanted:
        if not isinstance(g, str) or g not in GROUPS:
            raise ReportError("group", g, f"one of {', '.join(GROUPS)}")
    try:  # XlsxWriter ships no type information: the module is typed as Any here
        xlsxwriter = importlib.import_module("xlsxwriter")
    except ImportError as error:
        raise _missing("xlsxwriter", "write_xlsx()") from error

    # Every table is computed before the file is opened: an error leaves no partial file.
    sheets: list[tuple[str, list[_Column], list[str]]] = []
    if report is not None:
        for name, group in [("totals", None), *((g, g) for g in wanted)]:
            columns = _report_columns(report, group, exact=False)
            sheets.append((name, columns, [c.name for c in columns]))
    if register is not None:
        columns = _register_columns(register)
        names = [c.name for c in columns]
        shown = [REGISTER_HEADERS_VI[n] for n in names] if header == "vi" else names
        sheets.append(("register", columns, shown))
    if report is not None:
        columns = _definition_columns()
        sheets.append(("definitions", columns, [c.name for c in columns]))
    about = _about_columns(report, register)
    sheets.append(("about", about, [c.name for c in about]))

    target = os.fspath(path) if isinstance(path, str | os.PathLike) else path
    book = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    title = "Sổ theo dõi hồ sơ" if report is None else "Kết quả tiếp nhận, giải quyết hồ sơ"
    book.set_properties({"title": title, "created": _created(report, register)})
    for k, v in zip(about[0].values, about[1].values, strict=True):
        if v:
            book.set_custom_property(k, v)
    formats = {
        "header": book.add_format({"bold": True}),
        "rate": book.add_format({"num_format": "0.00%"}),
        "instant": book.add_format({"num_format": "dd/mm/yyyy hh:mm"}),
    }
    for name, columns, headers in sheets:
        _write_sheet(book, name, columns, headers, formats)
    book.close()  # the file is written here, and only here
