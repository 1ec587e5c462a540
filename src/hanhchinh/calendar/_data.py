"""Reading announcement files: official days off and make-up days, one row per period."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Final

from hanhchinh.calendar._model import Basis, DayOff, MakeUpDay
from hanhchinh.errors import CalendarDataError
from hanhchinh.legal import Confidence, LegalReference

__all__ = ["COLUMNS", "load_announcements", "read_announcements", "shipped_announcements"]

#: The columns of an announcement file, in order. ``replaces``, ``url``, ``confidence`` and
#: ``note`` may be empty; every other field is required.
COLUMNS: Final = (
    "occasion",
    "year",
    "kind",
    "start",
    "end",
    "replaces",
    "name_en",
    "name_vi",
    "document",
    "url",
    "confidence",
    "note",
)
_REQUIRED: Final = ("occasion", "year", "kind", "start", "name_en", "name_vi", "document")
_KINDS: Final = ("off", "make_up")


def _date(value: str, file: str, line: int, field: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise CalendarDataError(file, line, field, value, "a date YYYY-MM-DD") from None


def _rows(text: str, file: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text))
    header: list[str] | None = None
    for row in reader:
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [h.strip() for h in row]
            unknown = [h for h in header if h not in COLUMNS]
            if unknown:
                raise CalendarDataError(
                    file, line, unknown[0], unknown[0], f"one of the columns {', '.join(COLUMNS)}"
                )
            missing = [c for c in _REQUIRED if c not in header]
            if missing:
                raise CalendarDataError(
                    file, line, missing[0], ",".join(header), f"a header with column {missing[0]!r}"
                )
            continue
        if len(row) != len(header):
            raise CalendarDataError(
                file, line, None, ",".join(row), f"{len(header)} fields as in the header"
            )
        yield line, dict(zip(header, (cell.strip() for cell in row), strict=True))
    if header is None:
        raise CalendarDataError(file, None, None, "", "a header line naming the columns")


def read_announcements(text: str, file: str = "<string>") -> tuple[DayOff | MakeUpDay, ...]:
    """Parse an announcement file's text into days off and make-up days.

    Each row is one announced period: ``kind=off`` with ``start``..``end`` (both included,
    weekends too, as announcements state them), or ``kind=make_up`` for one make-up working
    day, optionally naming the weekday it ``replaces``. Rows are grouped by
    ``(occasion, year)``; a calendar given these rows replaces its own days of each such
    occasion and year (see :meth:`WorkCalendar.with_announcements`).

    Raises:
        CalendarDataError: Naming the file, line and field of the first malformed value.

    >>> rows = read_announcements(
    ...     "occasion,year,kind,start,end,name_en,name_vi,document\\n"
    ...     "tet,2027,off,2027-02-05,2027-02-10,Lunar New Year,Tết Nguyên đán,Công văn X\\n")
    >>> len(rows), rows[0].date, rows[-1].date
    (6, datetime.date(2027, 2, 5), datetime.date(2027, 2, 10))
    """
    out: list[DayOff | MakeUpDay] = []
    for line, row in _rows(text, file):
        for field in _REQUIRED:
            if not row.get(field):
                raise CalendarDataError(file, line, field, row.get(field, ""), "a value")
        kind = row["kind"]
        if kind not in _KINDS:
            raise CalendarDataError(file, line, "kind", kind, "'off' or 'make_up'")
        try:
            year = int(row["year"])
        except ValueError:
            raise CalendarDataError(
                file, line, "year", row["year"], "a year such as 2026"
            ) from None
        start = _date(row["start"], file, line, "start")
        end = _date(row["end"], file, line, "end") if row.get("end") else start
        if end < start:
            raise CalendarDataError(
                file, line, "end", row["end"], f"a date on or after start {start.isoformat()}"
            )
        if not (year - 1 <= start.year <= year and end.year <= year + 1):
            raise CalendarDataError(
                file, line, "start", row["start"], f"a date within a day or so of year {year}"
            )
        confidence_text = row.get("confidence") or "secondary"
        try:
            confidence = Confidence(confidence_text)
        except ValueError:
            raise CalendarDataError(
                file, line, "confidence", confidence_text, "text, secondary or unconfirmed"
            ) from None
        source = LegalReference(
            document=row["document"], url=row.get("url") or None, confidence=confidence
        )
        common = {
            "name": row["name_en"],
            "name_vi": row["name_vi"],
            "occasion": row["occasion"],
            "occasion_year": year,
            "basis": Basis.ANNOUNCEMENT,
            "source": source,
        }
        if kind == "make_up":
            if end != start:
                raise CalendarDataError(
                    file, line, "end", row["end"], "the same date as start for a make_up row"
                )
            replaces = (
                _date(row["replaces"], file, line, "replaces") if row.get("replaces") else None
            )
            out.append(MakeUpDay(date=start, replaces=replaces, **common))  # type: ignore[arg-type]
        else:
            if row.get("replaces"):
                raise CalendarDataError(
                    file, line, "replaces", row["replaces"], "an empty value on an 'off' row"
                )
            out.extend(
                DayOff.range(start, end, **common)  # type: ignore[arg-type]
            )
    return tuple(out)


def load_announcements(path: str | PathLike[str]) -> tuple[DayOff | MakeUpDay, ...]:
    """Read an announcement file (CSV, UTF-8) in the same format as the shipped one.

    >>> from hanhchinh.calendar import vietnam_public_sector
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "tet2027.csv").write_text(
    ...     "occasion,year,kind,start,end,name_en,name_vi,document\\n"
    ...     "tet,2027,off,2027-02-04,2027-02-10,Lunar New Year,Tết Nguyên đán,Thông báo X\\n",
    ...     encoding="utf-8")
    >>> cal = vietnam_public_sector().with_announcements(load_announcements(folder / "tet2027.csv"))
    >>> cal.is_working_day(date(2027, 2, 4))
    False
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CalendarDataError(str(p), None, None, exc.reason, "a UTF-8 text file") from None
    return read_announcements(text, str(p))


def shipped_announcements() -> tuple[DayOff | MakeUpDay, ...]:
    """The announcements that ship with hanhchinh (``calendar/data/announcements.csv``)."""
    res = resources.files("hanhchinh.calendar").joinpath("data/announcements.csv")
    return read_announcements(
        res.read_text(encoding="utf-8"), "hanhchinh/calendar/data/announcements.csv"
    )
