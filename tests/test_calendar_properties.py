"""Invariants of WorkCalendar, checked on random inputs."""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import assume, given
from hypothesis import strategies as st

from hanhchinh.calendar import Boundary, DayOff, WorkCalendar, vietnam_public_sector
from hanhchinh.testing import aware_datetimes, work_calendars

CAL = vietnam_public_sector()
VN = ZoneInfo("Asia/Ho_Chi_Minh")
DAYS = st.dates(date(1995, 1, 1), date(2034, 12, 31))
COUNTS = st.integers(0, 200)
DURATIONS = st.timedeltas(timedelta(0), timedelta(days=30)).map(
    lambda d: timedelta(seconds=int(d.total_seconds()))
)


@given(DAYS, COUNTS)
def test_adding_then_counting_returns_the_count(start: date, n: int) -> None:
    assert CAL.working_days_between(start, CAL.add_working_days(start, n)) == n


@given(DAYS, st.integers(1, 200))
def test_results_are_working_days_after_the_start(start: date, n: int) -> None:
    result = CAL.add_working_days(start, n)
    assert result > start
    assert CAL.is_working_day(result)


@given(DAYS, COUNTS)
def test_adding_is_strictly_monotonic_in_n(start: date, n: int) -> None:
    assert CAL.add_working_days(start, n) < CAL.add_working_days(start, n + 1)


@given(DAYS, st.integers(1, 200))
def test_no_working_day_is_skipped(start: date, n: int) -> None:
    result = CAL.add_working_days(start, n)
    previous = CAL.add_working_days(start, n - 1) if n > 1 else start
    day = previous + timedelta(days=1)
    while day < result:
        assert not CAL.is_working_day(day)
        day += timedelta(days=1)


@given(DAYS, DAYS)
def test_counting_is_antisymmetric(a: date, b: date) -> None:
    assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)


@given(DAYS)
def test_next_working_day_is_adding_one(day: date) -> None:
    assert CAL.next_working_day(day) == CAL.add_working_days(day, 1)


@given(aware_datetimes(), DURATIONS)
def test_adding_time_then_measuring_returns_the_duration(start: datetime, d: timedelta) -> None:
    end = CAL.add_working_time(start, d)
    assert CAL.working_time_between(start, end) == d


@given(aware_datetimes(), DURATIONS, DURATIONS)
def test_adding_time_is_associative(start: datetime, a: timedelta, b: timedelta) -> None:
    assert CAL.add_working_time(CAL.add_working_time(start, a), b) == CAL.add_working_time(
        start, a + b
    )


@given(aware_datetimes(), st.timedeltas(timedelta(seconds=1), timedelta(days=30)))
def test_results_land_in_office_hours_or_at_a_closing_time(start: datetime, d: timedelta) -> None:
    close = CAL.add_working_time(start, d)
    opening = CAL.add_working_time(start, d, boundary=Boundary.NEXT_OPENING)
    assert CAL.is_working_time(opening)
    assert CAL.is_working_time(close) or CAL.is_working_time(close - timedelta(microseconds=1))
    # The two conventions are the same amount of working time.
    assert CAL.working_time_between(close, opening) == timedelta(0)
    assert close <= opening


@given(aware_datetimes(), aware_datetimes(), aware_datetimes())
def test_working_time_is_additive(a: datetime, b: datetime, c: datetime) -> None:
    assert CAL.working_time_between(a, b) + CAL.working_time_between(
        b, c
    ) == CAL.working_time_between(a, c)


@given(st.dates(date(2000, 1, 1), date(2034, 6, 30)), st.integers(1, 60))
def test_hour_arithmetic_agrees_with_day_arithmetic(day: date, n: int) -> None:
    """n eight-hour days from a working day's opening end at the close of the (n-1)-th
    working day after it, or at the opening of the n-th with Boundary.NEXT_OPENING."""
    assume(CAL.is_working_day(day))
    opening = datetime(day.year, day.month, day.day, 8, tzinfo=VN)
    close = CAL.add_working_time(opening, timedelta(hours=8 * n))
    assert close.date() == CAL.add_working_days(day, n - 1)
    assert (close.hour, close.minute) == (17, 0)
    nxt = CAL.add_working_time(opening, timedelta(hours=8 * n), boundary=Boundary.NEXT_OPENING)
    assert nxt.date() == CAL.add_working_days(day, n)
    assert (nxt.hour, nxt.minute) == (8, 0)


@given(aware_datetimes())
def test_zone_of_the_input_does_not_matter(moment: datetime) -> None:
    utc = moment.astimezone(ZoneInfo("UTC"))
    assert CAL.add_working_time(utc, timedelta(hours=3)) == CAL.add_working_time(
        moment, timedelta(hours=3)
    )
    assert CAL.next_working_moment(utc) == CAL.next_working_moment(moment)
    assert CAL.is_working_time(utc) == CAL.is_working_time(moment)


@given(aware_datetimes())
def test_next_working_moment_is_working_time_and_not_before(moment: datetime) -> None:
    nxt = CAL.next_working_moment(moment)
    assert nxt >= moment
    assert CAL.is_working_time(nxt)
    assert CAL.working_time_between(moment, nxt) == timedelta(0)


@given(work_calendars(), st.lists(st.dates(date(2019, 1, 1), date(2030, 12, 31)), max_size=5))
def test_derived_calendars_never_change_the_original(cal: WorkCalendar, dates: list[date]) -> None:
    before = (cal.fingerprint, cal.all_days_off, cal.all_make_up_days, cal.hours)
    derived = cal.with_days_off(*(DayOff(date=d, name="closure") for d in dates))
    assert (cal.fingerprint, cal.all_days_off, cal.all_make_up_days, cal.hours) == before
    for d in dates:
        assert not derived.is_working_day(d)


@given(work_calendars())
def test_pickling_keeps_the_calendar(cal: WorkCalendar) -> None:
    copy = pickle.loads(pickle.dumps(cal))
    assert copy == cal
    assert copy.fingerprint == cal.fingerprint
    assert copy.add_working_days(date(2026, 2, 13), 5) == cal.add_working_days(date(2026, 2, 13), 5)


@given(work_calendars(), DAYS.filter(lambda d: d.year >= 2019), st.integers(0, 40))
def test_properties_hold_on_derived_calendars(cal: WorkCalendar, start: date, n: int) -> None:
    result = cal.add_working_days(start, n)
    assert cal.working_days_between(start, result) == n
    assert n == 0 or cal.is_working_day(result)


def test_strategies_are_registered_for_from_type() -> None:
    """The `hypothesis` entry point registers hanhchinh's strategies for users' suites."""
    from hypothesis import find

    from hanhchinh.calendar import OfficeHours

    hours = find(st.from_type(OfficeHours), lambda h: len(h.sessions) == 2)
    assert len(hours.sessions) == 2
    cal = find(st.from_type(WorkCalendar), lambda c: True)
    assert cal == CAL  # the shrink target: the unchanged national calendar
