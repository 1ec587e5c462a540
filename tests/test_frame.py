"""hanhchinh.frame: the vector forms agree, element by element, with the scalar WorkCalendar."""

from __future__ import annotations

import pickle
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hanhchinh.frame
from hanhchinh.calendar import (
    Boundary,
    HoursRule,
    OfficeHours,
    WorkCalendar,
    Workweek,
    vietnam_public_sector,
)
from hanhchinh.errors import (
    InvalidDurationError,
    MissingValueError,
    NaiveDatetimeError,
    OutOfCalendarRangeError,
    UnsupportedZoneError,
)
from hanhchinh.frame import (
    VectorCalendar,
    add_working_days,
    add_working_time,
    is_working_day,
    working_days_between,
    working_time_between,
)
from hanhchinh.testing import work_calendars

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = vietnam_public_sector()
VC = VectorCalendar.of(CAL)
# Office hours that differ by season and by weekday: the general (non-uniform) kernel.
MIXED = CAL.with_hours(
    OfficeHours.parse("07:00-11:30, 13:30-17:00"), season=((5, 1), (9, 30))
).with_hours(OfficeHours.parse("07:30-09:00, 09:15-11:30, 14:00-16:45"), weekdays=[2])
VMIXED = VectorCalendar.of(MIXED)
CALENDARS = st.sampled_from([(CAL, VC), (MIXED, VMIXED)])

DAYS = st.dates(date(1995, 1, 1), date(2034, 12, 31))
COUNTS = st.integers(0, 250)
EDGES = [time(h, m) for h, m in [(0, 0), (7, 0), (7, 30), (8, 0), (9, 0), (9, 15), (11, 30)]] + [
    time(h, m) for h, m in [(12, 0), (13, 0), (13, 30), (14, 0), (16, 45), (17, 0), (23, 59)]
]
CLOCKS = st.one_of(
    st.times(),
    st.sampled_from(EDGES),
    st.sampled_from(EDGES).map(
        lambda t: (datetime.combine(date(2000, 1, 3), t) - timedelta(microseconds=1)).time()
    ),
)
INSTANTS = st.builds(lambda d, t: datetime.combine(d, t, tzinfo=VN), DAYS, CLOCKS)
DURATIONS = st.one_of(
    st.timedeltas(timedelta(0), timedelta(days=40)),
    st.integers(0, 400).map(lambda h: timedelta(hours=h)),
    st.integers(0, 800).map(lambda m: timedelta(minutes=15 * m)),
)


def utc64(moment: datetime) -> np.datetime64:
    """An aware datetime as the UTC datetime64[us] the vector API takes."""
    return np.datetime64(moment.astimezone(UTC).replace(tzinfo=None), "us")


def days64(days: list[date]) -> np.ndarray:
    return np.array(days, dtype="datetime64[D]")


def readonly(array: np.ndarray) -> np.ndarray:
    """Inputs must never be written to: a read-only array would make that raise."""
    array.setflags(write=False)
    return array


# ---------------------------------------------------------------------- days
@given(st.lists(DAYS, min_size=1, max_size=40), st.data())
def test_add_working_days_equals_the_scalar(days: list[date], data: st.DataObject) -> None:
    counts = data.draw(st.lists(COUNTS, min_size=len(days), max_size=len(days)))
    got = VC.add_working_days(readonly(days64(days)), readonly(np.array(counts)))
    assert got.dtype == np.dtype("datetime64[D]")
    assert got.tolist() == [CAL.add_working_days(d, n) for d, n in zip(days, counts, strict=True)]


@given(st.lists(DAYS, max_size=40), COUNTS)
def test_add_working_days_with_one_count_equals_the_scalar(days: list[date], n: int) -> None:
    got = VC.add_working_days(days64(days), n)
    assert got.tolist() == [CAL.add_working_days(d, n) for d in days]


@given(st.lists(st.tuples(DAYS, DAYS), min_size=1, max_size=40))
def test_working_days_between_equals_the_scalar(pairs: list[tuple[date, date]]) -> None:
    start, end = (days64(list(x)) for x in zip(*pairs, strict=True))
    got = VC.working_days_between(start, end)
    assert got.tolist() == [CAL.working_days_between(a, b) for a, b in pairs]


@given(st.lists(DAYS, max_size=60))
def test_is_working_day_equals_the_scalar(days: list[date]) -> None:
    assert VC.is_working_day(days64(days)).tolist() == [CAL.is_working_day(d) for d in days]


# ---------------------------------------------------------------------- hours
@given(CALENDARS, st.lists(st.tuples(INSTANTS, DURATIONS), min_size=1, max_size=30))
def test_add_working_time_equals_the_scalar(
    calendars: tuple[WorkCalendar, VectorCalendar], pairs: list[tuple[datetime, timedelta]]
) -> None:
    cal, vc = calendars
    starts = readonly(np.array([utc64(s) for s, _ in pairs]))
    durations = readonly(np.array([d for _, d in pairs], dtype="timedelta64[us]"))
    for boundary in Boundary:
        got = vc.add_working_time(starts, durations, boundary=boundary)
        assert got.dtype == np.dtype("datetime64[us]")
        want = [utc64(cal.add_working_time(s, d, boundary=boundary)) for s, d in pairs]
        assert got.tolist() == np.array(want).tolist()


@given(CALENDARS, st.lists(INSTANTS, max_size=30), DURATIONS)
def test_add_working_time_with_one_duration_equals_the_scalar(
    calendars: tuple[WorkCalendar, VectorCalendar], starts: list[datetime], duration: timedelta
) -> None:
    cal, vc = calendars
    got = vc.add_working_time(np.array([utc64(s) for s in starts], "M8[us]"), duration)
    want = [utc64(cal.add_working_time(s, duration)) for s in starts]
    assert got.tolist() == np.array(want, "M8[us]").tolist()


@given(CALENDARS, st.lists(st.tuples(INSTANTS, INSTANTS), min_size=1, max_size=30))
def test_working_time_between_equals_the_scalar(
    calendars: tuple[WorkCalendar, VectorCalendar], pairs: list[tuple[datetime, datetime]]
) -> None:
    cal, vc = calendars
    a = np.array([utc64(x) for x, _ in pairs])
    b = np.array([utc64(y) for _, y in pairs])
    got = vc.working_time_between(a, b)
    assert got.dtype == np.dtype("timedelta64[us]")
    assert got.tolist() == [cal.working_time_between(x, y) for x, y in pairs]


@settings(max_examples=25)
@given(
    work_calendars(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)),
    st.lists(st.tuples(INSTANTS, DURATIONS), min_size=1, max_size=20),
)
def test_random_calendars_agree_with_the_scalar(
    cal: WorkCalendar, pairs: list[tuple[datetime, timedelta]]
) -> None:
    vc = VectorCalendar.of(cal)
    starts = np.array([utc64(s) for s, _ in pairs])
    durations = np.array([d for _, d in pairs], dtype="timedelta64[us]")
    for boundary in Boundary:
        # Short random office hours can carry a long duration past 2035: then both must raise.
        try:
            want = [utc64(cal.add_working_time(s, d, boundary=boundary)) for s, d in pairs]
        except OutOfCalendarRangeError:
            with pytest.raises(OutOfCalendarRangeError):
                vc.add_working_time(starts, durations, boundary=boundary)
            continue
        got = vc.add_working_time(starts, durations, boundary=boundary)
        assert got.tolist() == np.array(want).tolist()
    ends = starts + durations
    assert vc.working_time_between(starts, ends).tolist() == [
        cal.working_time_between(s, s + d) for s, d in pairs
    ]
    days = [s.date() for s, _ in pairs]
    counts = np.arange(len(days)) * 7
    assert vc.add_working_days(days64(days), counts).tolist() == [
        cal.add_working_days(d, int(n)) for d, n in zip(days, counts, strict=True)
    ]


def test_closing_time_lands_at_close_or_next_opening() -> None:
    friday_8am = utc64(datetime(2026, 2, 13, 8, tzinfo=VN))  # Tết 2026: 14–22/2 off
    close = VC.add_working_time([friday_8am], timedelta(hours=8))
    following = VC.add_working_time(
        [friday_8am], timedelta(hours=8), boundary=Boundary.NEXT_OPENING
    )
    assert close[0] == utc64(datetime(2026, 2, 13, 17, tzinfo=VN))
    assert following[0] == utc64(datetime(2026, 2, 23, 8, tzinfo=VN))  # Monday after Tết


# ---------------------------------------------------------------------- make-up Saturdays
@pytest.mark.parametrize("saturday", [date(2024, 5, 4), date(2025, 4, 26), date(2026, 1, 10)])
def test_make_up_saturday_where_numpy_busday_offset_is_wrong(saturday: date) -> None:
    friday = saturday - timedelta(days=1)
    # numpy's best effort: Mon–Fri with every weekday the calendar has off as a holiday.
    span = np.arange(np.datetime64("2024-01-01"), np.datetime64("2027-01-01"))
    holidays = span[np.is_busday(span) & ~VC.is_working_day(span)]
    numpy_says = np.busday_offset(
        days64([friday]), 1, roll="backward", busdaycal=np.busdaycalendar(holidays=holidays)
    )
    ours = VC.add_working_days(days64([friday]), 1)
    assert CAL.is_working_day(saturday)
    assert ours.tolist() == [saturday] == [CAL.add_working_days(friday, 1)]
    assert numpy_says.tolist() != [saturday]  # a weekmask cannot work one Saturday
    assert VC.is_working_day(days64([saturday])).tolist() == [True]
    assert not np.is_busday(days64([saturday]))[0]


# ---------------------------------------------------------------------- shapes, inputs
def test_inputs_of_other_kinds_and_shapes() -> None:
    assert VC.add_working_days("2024-05-02", 2).shape == ()
    assert VC.add_working_days("2024-05-02", 2)[()] == np.datetime64("2024-05-04")
    assert VC.add_working_days([date(2024, 5, 2)], np.int64(2)).tolist() == [date(2024, 5, 4)]
    grid = np.array([["2024-05-02", "2024-05-03"], ["2025-04-25", "2026-01-09"]], "M8[D]")
    assert VC.add_working_days(grid, np.array([1, 2])).shape == (2, 2)
    assert VC.add_working_days("2024-05-03", np.array([0, 1, 2])).tolist() == [
        date(2024, 5, 3),
        date(2024, 5, 4),
        date(2024, 5, 6),
    ]
    assert VC.working_days_between("2024-04-26", ["2024-05-06", "2024-04-26"]).tolist() == [4, 0]
    assert VC.is_working_day(np.array([], "M8[D]")).shape == (0,)
    # An aware datetime counts on its local date, like the scalar API.
    late = datetime(2024, 5, 3, 20, tzinfo=UTC)  # Saturday 03:00 in Hà Nội
    assert VC.add_working_days([late], 0).tolist() == [date(2024, 5, 4)]


def test_instants_of_other_kinds() -> None:
    start = datetime(2024, 5, 3, 15, tzinfo=VN)
    want = utc64(CAL.add_working_time(start, timedelta(hours=4)))
    assert VC.add_working_time([start], timedelta(hours=4))[0] == want
    in_ns = np.array([utc64(start)], "M8[ns]")
    assert VC.add_working_time(in_ns, np.timedelta64(240, "m"))[0] == want
    assert VC.add_working_time(utc64(start), np.timedelta64(4, "h")).shape == ()
    zero = VC.add_working_time(in_ns, np.array([0, 0], "m8[s]"))
    assert zero.tolist() == [utc64(start).item()] * 2


def test_module_functions_build_the_tables_each_call() -> None:
    d = days64([date(2026, 1, 9)])
    assert add_working_days(CAL, d, 1).tolist() == [date(2026, 1, 10)]
    assert add_working_days(VC, d, 1).tolist() == [date(2026, 1, 10)]
    assert is_working_day(CAL, d).tolist() == [True]
    assert working_days_between(CAL, d, d + 3).tolist() == [2]
    t = np.array([utc64(datetime(2026, 1, 9, 8, tzinfo=VN))])
    saturday_5pm = utc64(datetime(2026, 1, 10, 17, tzinfo=VN))
    assert add_working_time(CAL, t, timedelta(hours=16))[0] == saturday_5pm
    assert working_time_between(CAL, t, t + np.timedelta64(1, "D")).tolist() == [timedelta(hours=8)]


def test_vector_calendar_is_a_value() -> None:
    assert VectorCalendar.of(CAL) == VC
    assert VectorCalendar.of(VC) is VC
    assert hash(VectorCalendar(vietnam_public_sector())) == hash(VC)
    assert pickle.loads(pickle.dumps(VC)) == VC
    assert "fingerprint" in repr(VC)
    assert VC != VMIXED
    with pytest.raises(TypeError, match="is not a WorkCalendar"):
        VectorCalendar("Vietnam")  # type: ignore[arg-type]


def test_public_names() -> None:
    assert sorted(hanhchinh.frame.__all__) == hanhchinh.frame.__all__
    assert {n for n in dir(hanhchinh.frame) if not n.startswith("_")} >= set(
        hanhchinh.frame.__all__
    )


# ---------------------------------------------------------------------- errors
def test_a_date_outside_the_calendar_is_named() -> None:
    with pytest.raises(OutOfCalendarRangeError) as info:
        VC.add_working_days(days64([date(2030, 1, 1), date(2040, 1, 2), date(1990, 1, 1)]), 1)
    assert str(info.value) == (
        "dates[1] 2040-01-02 is outside the calendar's range 1995-01-01..2035-12-31; "
        "expected a date within it (build the calendar with a wider range of years)"
    )
    assert info.value.value == date(2040, 1, 2)
    with pytest.raises(OutOfCalendarRangeError, match=r"^end\[0, 1\] 1994-12-31 is outside"):
        VC.working_days_between("2000-01-01", [["2000-01-01", "1994-12-31"]])
    with pytest.raises(OutOfCalendarRangeError, match=r"^dates\[0\] 12000-01-01 is outside"):
        VC.is_working_day(np.array(["12000-01-01"], "M8[D]"))


def test_a_result_outside_the_calendar_is_named() -> None:
    with pytest.raises(OutOfCalendarRangeError) as info:
        VC.add_working_days(days64([date(2030, 1, 1), date(2035, 12, 28)]), 5)
    assert str(info.value).startswith(
        "at position 1, the result of adding 5 working days to 2035-12-28 is outside the "
        "calendar's range 1995-01-01..2035-12-31"
    )
    with pytest.raises(OutOfCalendarRangeError, match="adding 9223372036854775807 working days"):
        VC.add_working_days(days64([date(2030, 1, 1)]), np.array([np.iinfo(np.int64).max]))
    late = np.array([utc64(datetime(2035, 12, 31, 9, tzinfo=VN))])
    with pytest.raises(
        OutOfCalendarRangeError, match="adding 8:00:00 of working time to 2035-12-31"
    ):
        VC.add_working_time(late, timedelta(hours=8))


def test_negative_and_non_integer_counts() -> None:
    d = days64([date(2024, 1, 1), date(2024, 1, 2)])
    with pytest.raises(InvalidDurationError, match=r"^days=-1 is not allowed; expected a whole"):
        VC.add_working_days(d, -1)
    with pytest.raises(InvalidDurationError, match=r"^days\[1\]=-2 is not allowed"):
        VC.add_working_days(d, np.array([3, -2]))
    with pytest.raises(InvalidDurationError, match=r"^days.dtype=dtype\('float64'\)"):
        VC.add_working_days(d, np.array([1.0, 2.0]))
    with pytest.raises(InvalidDurationError, match=r"^days=True"):
        VC.add_working_days(d, True)


def test_negative_nat_and_untyped_durations() -> None:
    t = np.array([utc64(datetime(2024, 5, 3, 9, tzinfo=VN))] * 2)
    with pytest.raises(InvalidDurationError, match=r"^duration=datetime.timedelta\(days=-1"):
        VC.add_working_time(t, timedelta(days=-1))
    with pytest.raises(InvalidDurationError, match=r"^duration\[1\]=np.timedelta64\('NaT'"):
        VC.add_working_time(t, np.array([1, "NaT"], "m8[h]"))
    with pytest.raises(InvalidDurationError, match=r"^duration\[0\]=.*-3.*expected a timedelta"):
        VC.add_working_time(t, np.array([-3, 1], "m8[h]"))
    with pytest.raises(InvalidDurationError, match=r"^duration=5 is not allowed"):
        VC.add_working_time(t, 5)
    with pytest.raises(InvalidDurationError, match=r"^duration.dtype=.*not months or years"):
        VC.add_working_time(t, np.timedelta64(1, "M"))


def test_missing_values_are_refused() -> None:
    with pytest.raises(MissingValueError, match=r"^dates\[1\] is NaT \(a missing date\)"):
        VC.add_working_days(np.array(["2024-01-01", "NaT"], "M8[D]"), 1)
    with pytest.raises(MissingValueError, match=r"^instants\[2\] is NaT \(a missing instant\)"):
        VC.add_working_time(np.array(["2024-01-01", "2024-01-01", "NaT"], "M8[s]"), timedelta(1))
    with pytest.raises(MissingValueError, match=r"^start\[0\] is NaT"):
        VC.working_time_between(np.array(["NaT"], "M8[s]"), np.array(["2024-01-01"], "M8[s]"))


def test_naive_datetimes_and_wrong_dtypes_are_refused() -> None:
    with pytest.raises(NaiveDatetimeError, match=r"^instants\[0\]=datetime.datetime\(2024, 1"):
        VC.add_working_time([datetime(2024, 1, 1)], timedelta(hours=1))  # noqa: DTZ001
    with pytest.raises(NaiveDatetimeError, match=r"^dates\[0\]"):
        VC.is_working_day([datetime(2024, 1, 1)])  # noqa: DTZ001
    with pytest.raises(TypeError, match=r"^dates has dtype int64; expected datetime64\[D\]"):
        VC.is_working_day(np.array([19000, 19001]))
    with pytest.raises(TypeError, match=r"^start has dtype float64; expected datetime64"):
        VC.working_time_between(np.array([1.5]), np.array([2.5]))


def test_only_the_vietnam_zone_is_supported_for_hours() -> None:
    bangkok = WorkCalendar(
        first_year=2020,
        last_year=2021,
        workweek=(Workweek(weekdays=range(5)),),
        hours=(HoursRule(hours=OfficeHours.parse("08:00-12:00")),),
        zone="Asia/Bangkok",
    )
    vc = VectorCalendar.of(bangkok)
    assert vc.is_working_day(["2020-01-02"]).tolist() == [True]  # days do not need a zone
    with pytest.raises(
        UnsupportedZoneError, match=r"^calendar.zone='Asia/Bangkok' is not supported"
    ):
        vc.add_working_time(np.array(["2020-01-02T01:00"], "M8[m]"), timedelta(hours=1))


def test_hours_only_from_the_day_vietnam_became_utc_plus_7() -> None:
    assert datetime(1975, 6, 12, 16, tzinfo=UTC).astimezone(VN).utcoffset() == timedelta(hours=7)
    assert datetime(1975, 6, 12, 15, tzinfo=UTC).astimezone(VN).utcoffset() == timedelta(hours=8)
    old = WorkCalendar(
        first_year=1970,
        last_year=1980,
        workweek=(Workweek(weekdays=range(6)),),
        hours=(HoursRule(hours=OfficeHours.parse("07:00-11:00, 13:00-17:00")),),
    )
    vc = VectorCalendar.of(old)
    ok = datetime(1975, 6, 13, 7, 30, tzinfo=VN)
    assert vc.add_working_time([utc64(ok)], timedelta(hours=9))[0] == utc64(
        old.add_working_time(ok, timedelta(hours=9))
    )
    with pytest.raises(
        OutOfCalendarRangeError,
        match=r"^the local date of instants\[0\] 1975-06-12 is outside the calendar's range "
        r"1975-06-13\.\.1980-12-31",
    ):
        vc.add_working_time([utc64(datetime(1975, 6, 12, 20, tzinfo=VN))], timedelta(hours=1))


# ---------------------------------------------------------------------- packaging
def test_importing_hanhchinh_does_not_import_numpy() -> None:
    code = "import sys, hanhchinh; hanhchinh.vietnam_public_sector(); print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_without_numpy_the_import_says_what_to_install() -> None:
    code = "import sys; sys.modules['numpy'] = None; import hanhchinh.frame"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode != 0
    assert "ImportError" in out.stderr
    assert "pip install 'hanhchinh[frame]'" in out.stderr


@pytest.mark.parametrize("boundary", list(Boundary))
@pytest.mark.parametrize(
    "duration", [timedelta(0), timedelta(hours=1), timedelta(hours=3), timedelta(hours=4)]
)
def test_the_end_of_the_calendar_like_the_scalar(boundary: Boundary, duration: timedelta) -> None:
    last = [datetime(2035, 12, 31, h, m, tzinfo=VN) for h, m in [(8, 0), (13, 0), (16, 0), (17, 0)]]
    for cal, vc in [(CAL, VC), (MIXED, VMIXED)]:
        for start in last:
            try:
                want: object = utc64(cal.add_working_time(start, duration, boundary=boundary))
            except OutOfCalendarRangeError as error:
                want = type(error)
            try:
                got: object = vc.add_working_time(utc64(start), duration, boundary=boundary)[()]
            except OutOfCalendarRangeError as error:
                got = type(error)
            assert got == want, (start, duration, boundary)


def test_errors_pickle() -> None:
    with pytest.raises(OutOfCalendarRangeError) as info:
        VC.is_working_day(np.array(["12000-01-01"], "M8[D]"))
    again = pickle.loads(pickle.dumps(info.value))
    assert str(again) == str(info.value)
