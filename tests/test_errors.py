"""Bad input gets a specific error from the library's hierarchy, with a message that names the
value and what was expected; nothing passed in is changed."""

from __future__ import annotations

import pickle
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from hanhchinh import errors
from hanhchinh.calendar import (
    DayOff,
    MakeUpDay,
    OfficeHours,
    WorkCalendar,
    load_announcements,
    read_announcements,
    vietnam_public_sector,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
HEADER = "occasion,year,kind,start,end,replaces,name_en,name_vi,document,url,confidence,note\n"


def test_naive_datetime(cal: WorkCalendar) -> None:
    naive = datetime(2024, 1, 5, 9, 30)  # noqa: DTZ001 - the point of the test
    with pytest.raises(errors.NaiveDatetimeError) as info:
        cal.add_working_time(naive, timedelta(hours=1))
    assert str(info.value) == (
        "start=datetime.datetime(2024, 1, 5, 9, 30) is naive; expected an aware datetime, "
        "e.g. tzinfo=ZoneInfo('Asia/Ho_Chi_Minh')"
    )
    assert isinstance(info.value, ValueError)
    for call in (cal.is_working_time, cal.next_working_moment, cal.is_reception_time):
        with pytest.raises(errors.NaiveDatetimeError, match="moment="):
            call(naive)
    with pytest.raises(errors.NaiveDatetimeError, match="end="):
        cal.working_time_between(datetime(2024, 1, 5, tzinfo=VN), naive)


def test_date_outside_the_range(cal: WorkCalendar) -> None:
    with pytest.raises(errors.OutOfCalendarRangeError) as info:
        cal.is_working_day(date(2036, 1, 2))
    assert str(info.value) == (
        "date 2036-01-02 is outside the calendar's range 1995-01-01..2035-12-31; expected a "
        "date within it (build the calendar with a wider range of years)"
    )
    with pytest.raises(errors.OutOfCalendarRangeError, match="start 1994-12-31"):
        cal.add_working_days(date(1994, 12, 31), 1)
    with pytest.raises(errors.OutOfCalendarRangeError, match="end 2036-01-01"):
        cal.working_days_between(date(2035, 1, 1), date(2036, 1, 1))


def test_result_outside_the_range(cal: WorkCalendar) -> None:
    with pytest.raises(
        errors.OutOfCalendarRangeError, match="adding 10 working days to 2035-12-28"
    ):
        cal.add_working_days(date(2035, 12, 28), 10)
    late = datetime(2035, 12, 31, 16, tzinfo=VN)
    with pytest.raises(errors.OutOfCalendarRangeError, match="of working time to 2035-12-31"):
        cal.add_working_time(late, timedelta(hours=2))


def test_wider_ranges_are_asked_for_explicitly() -> None:
    wide = vietnam_public_sector(1995, 2045)
    # Fri 28/12/2035: Mon 31 (1), Tue 1/1/2036 off, 2, 3, 4 (2-4), 7-11 (5-9), Mon 14 (10).
    assert wide.add_working_days(date(2035, 12, 28), 10) == date(2036, 1, 14)
    with pytest.raises(errors.OutOfCalendarRangeError, match="first_year"):
        vietnam_public_sector(1990, 2000)
    with pytest.raises(errors.OutOfCalendarRangeError, match="last_year"):
        vietnam_public_sector(2000, 2100)


@pytest.mark.parametrize("days", [-1, 1.5, True, "3"])
def test_bad_day_counts(cal: WorkCalendar, days: object) -> None:
    with pytest.raises(errors.InvalidDurationError) as info:
        cal.add_working_days(date(2026, 3, 2), days)  # type: ignore[arg-type]
    assert (
        str(info.value)
        == f"days={days!r} is not allowed; expected a whole number of working days >= 0"
    )


@pytest.mark.parametrize("duration", [timedelta(minutes=-1), 3, 2.5])
def test_bad_durations(cal: WorkCalendar, duration: object) -> None:
    with pytest.raises(errors.InvalidDurationError) as info:
        cal.add_working_time(datetime(2026, 3, 2, 9, tzinfo=VN), duration)  # type: ignore[arg-type]
    assert str(info.value) == f"duration={duration!r} is not allowed; expected a timedelta >= 0"


def test_bad_types_are_type_errors(cal: WorkCalendar) -> None:
    with pytest.raises(TypeError, match="'2026-03-02' is not a date"):
        cal.is_working_day("2026-03-02")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="is not a DayOff"):
        cal.with_days_off(date(2026, 3, 2))  # type: ignore[arg-type]


def test_bad_office_hours() -> None:
    with pytest.raises(
        errors.InvalidHoursError,
        match="'11:30-07:30' is not allowed; expected each session to end after it starts",
    ):
        OfficeHours(((time(11, 30), time(7, 30)),))
    with pytest.raises(errors.InvalidHoursError, match="previous ends 12:00"):
        OfficeHours.parse("08:00-12:00, 11:00-17:00")
    with pytest.raises(errors.InvalidHoursError, match="at least one session"):
        OfficeHours(())
    with pytest.raises(errors.InvalidHoursError, match="'8 to 12'"):
        OfficeHours.parse("8 to 12")
    with pytest.raises(errors.InvalidHoursError, match="25:00"):
        OfficeHours.parse("25:00-26:00")


def test_a_day_cannot_be_both_off_and_worked() -> None:
    base = vietnam_public_sector()
    with pytest.raises(
        errors.CalendarConflictError, match="2026-01-10 is both a day off and a make-up"
    ):
        WorkCalendar(
            first_year=2026,
            last_year=2026,
            workweek=base.workweek,
            hours=base.hours,
            all_days_off=(DayOff(date=date(2026, 1, 10), name="x"),),
            all_make_up_days=(MakeUpDay(date=date(2026, 1, 10), name="y"),),
        )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "tet,2027,off,2027-02-30,,,Tết,Tết,CV 1,,,",
            "line 2, field 'start': '2027-02-30' is invalid; expected a date YYYY-MM-DD",
        ),
        (
            "tet,2027,holiday,2027-02-04,,,Tết,Tết,CV 1,,,",
            "line 2, field 'kind': 'holiday' is invalid; expected 'off' or 'make_up'",
        ),
        (
            "tet,2027,off,2027-02-10,2027-02-04,,Tết,Tết,CV 1,,,",
            "line 2, field 'end': '2027-02-04' is invalid; expected"
            " a date on or after start 2027-02-10",
        ),
        (
            "tet,2027,off,2027-02-04,,,Tết,Tết,,,,",
            "line 2, field 'document': '' is invalid; expected a value",
        ),
        (
            "tet,20x7,off,2027-02-04,,,Tết,Tết,CV 1,,,",
            "line 2, field 'year': '20x7' is invalid; expected a year such as 2026",
        ),
        (
            "tet,2027,off,2029-02-04,,,Tết,Tết,CV 1,,,",
            "line 2, field 'start': '2029-02-04' is invalid; expected"
            " a date within a day or so of year 2027",
        ),
        (
            "tet,2027,make_up,2027-02-06,2027-02-07,,Tết,Tết,CV 1,,,",
            "line 2, field 'end': '2027-02-07' is invalid; expected"
            " the same date as start for a make_up row",
        ),
        (
            "tet,2027,off,2027-02-04,,,Tết,Tết,CV 1,,sure,",
            "line 2, field 'confidence': 'sure' is invalid;"
            " expected text, secondary or unconfirmed",
        ),
        ("tet,2027,off", "line 2: 'tet,2027,off' is invalid; expected 12 fields as in the header"),
    ],
)
def test_malformed_announcement_rows(row: str, message: str) -> None:
    with pytest.raises(errors.CalendarDataError) as info:
        read_announcements(HEADER + row + "\n", "tet2027.csv")
    assert str(info.value) == "tet2027.csv, " + message
    assert info.value.file == "tet2027.csv"
    assert info.value.line == 2


def test_malformed_announcement_headers(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("occasion,year,kind,start,colour\n", encoding="utf-8")
    with pytest.raises(errors.CalendarDataError, match=r"a.csv, line 1, field 'colour'"):
        load_announcements(path)
    path.write_text("occasion,year,kind\n", encoding="utf-8")
    with pytest.raises(errors.CalendarDataError, match=r"line 1, field 'start'"):
        load_announcements(path)
    path.write_text("# only a comment\n", encoding="utf-8")
    with pytest.raises(errors.CalendarDataError, match="expected a header line"):
        load_announcements(path)
    path.write_bytes(b"occasion,year\n\xff\xfe\n")
    with pytest.raises(errors.CalendarDataError, match="expected a UTF-8 text file"):
        load_announcements(path)


def test_errors_pickle_and_keep_their_inputs() -> None:
    samples: list[errors.HanhChinhError] = [
        errors.NaiveDatetimeError("at", datetime(2024, 1, 5)),  # noqa: DTZ001
        errors.OutOfCalendarRangeError(date(2040, 1, 1), date(1995, 1, 1), date(2035, 12, 31)),
        errors.InvalidDurationError("days", -1, "a whole number >= 0"),
        errors.InvalidHoursError("sessions", (), "at least one session"),
        errors.CalendarConflictError(date(2026, 1, 10)),
        errors.CalendarDataError("f.csv", 3, "start", "x", "a date"),
        errors.MissingValueError("dates[1]", "date"),
        errors.UnsupportedZoneError("Europe/Paris", "Asia/Ho_Chi_Minh"),
        errors.LogStartError("type", "dossier 'HS-1' starts with Received; expected Submitted"),
    ]
    for exc in samples:
        copy = pickle.loads(pickle.dumps(exc))
        assert type(copy) is type(exc)
        assert str(copy) == str(exc)
        assert isinstance(exc, errors.HanhChinhError)
        assert isinstance(exc, ValueError)


def test_inputs_are_not_changed(cal: WorkCalendar) -> None:
    closure = DayOff(date=date(2026, 3, 2), name="storm")
    derived = cal.with_days_off(closure)
    assert closure == DayOff(date=date(2026, 3, 2), name="storm")
    assert derived.is_working_day(date(2026, 3, 2)) is False
    assert cal.is_working_day(date(2026, 3, 2)) is True
