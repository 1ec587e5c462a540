"""Behaviour of WorkCalendar on hand-checked examples: hours, reception, derivation, explain."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

import hanhchinh
from hanhchinh.calendar import (
    Basis,
    Boundary,
    DayKind,
    DayOff,
    HoursRule,
    MakeUpDay,
    OfficeHours,
    WorkCalendar,
    read_announcements,
    vietnam_public_sector,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VN)


def _isort_key(name: str) -> tuple[int, str]:
    # Ruff's RUF022 order: CONSTANTS, then Classes, then functions.
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_public_names_are_exported_and_sorted() -> None:
    assert hanhchinh.__all__ == sorted(hanhchinh.__all__, key=_isort_key)
    for name in hanhchinh.__all__:
        assert hasattr(hanhchinh, name), name
    import hanhchinh.calendar as calendar

    assert calendar.__all__ == sorted(calendar.__all__, key=_isort_key)
    for name in calendar.__all__:
        assert hasattr(calendar, name), name
    assert {"WorkCalendar", "vietnam_public_sector", "OfficeHours", "DayOff", "MakeUpDay"} <= set(
        calendar.__all__
    )


def test_the_calendar_is_cached_and_immutable() -> None:
    a = vietnam_public_sector()
    assert vietnam_public_sector() is a
    with pytest.raises(AttributeError):
        a.first_year = 2000  # type: ignore[misc]


@pytest.mark.parametrize(
    ("start", "duration", "boundary", "expected"),
    [
        # 8 hours from a Monday opening: 17:00 the same day, or 08:00 the next working day.
        (at(2026, 3, 2, 8), timedelta(hours=8), Boundary.CLOSE, at(2026, 3, 2, 17)),
        (at(2026, 3, 2, 8), timedelta(hours=8), Boundary.NEXT_OPENING, at(2026, 3, 3, 8)),
        # 4 hours from 08:00 ends at the morning close, 12:00 (or 13:00 with NEXT_OPENING).
        (at(2026, 3, 2, 8), timedelta(hours=4), Boundary.CLOSE, at(2026, 3, 2, 12)),
        (at(2026, 3, 2, 8), timedelta(hours=4), Boundary.NEXT_OPENING, at(2026, 3, 2, 13)),
        # From the lunch break, counting starts at 13:00.
        (at(2026, 3, 2, 12, 30), timedelta(hours=1), Boundary.CLOSE, at(2026, 3, 2, 14)),
        # Friday 16:55 before Tết Bính Ngọ (14–22/2/2026): 5 minutes, then Monday 23/2.
        (at(2026, 2, 13, 16, 55), timedelta(hours=8), Boundary.CLOSE, at(2026, 2, 23, 16, 55)),
        # Saturday 9/1/2026: ordinary rest day; the next Saturday, 10/1, is worked.
        (at(2026, 1, 9, 16), timedelta(hours=2), Boundary.CLOSE, at(2026, 1, 10, 9)),
        # Sunday night: from Monday's opening.
        (at(2026, 3, 1, 22), timedelta(hours=1), Boundary.CLOSE, at(2026, 3, 2, 9)),
    ],
)
def test_add_working_time_examples(
    cal: WorkCalendar, start: datetime, duration: timedelta, boundary: Boundary, expected: datetime
) -> None:
    assert cal.add_working_time(start, duration, boundary=boundary) == expected


def test_hours_are_half_open(cal: WorkCalendar) -> None:
    assert cal.is_working_time(at(2026, 3, 2, 8))
    assert not cal.is_working_time(at(2026, 3, 2, 12))
    assert not cal.is_working_time(at(2026, 3, 2, 17))
    assert cal.is_working_time(at(2026, 3, 2, 16, 59))
    assert cal.next_working_moment(at(2026, 3, 2, 17)) == at(2026, 3, 3, 8)
    assert cal.next_working_moment(at(2026, 3, 2, 12)) == at(2026, 3, 2, 13)
    assert cal.next_working_moment(at(2026, 3, 2, 9, 15)) == at(2026, 3, 2, 9, 15)


def test_working_time_between_examples(cal: WorkCalendar) -> None:
    # Friday 13/2/2026 16:00 to Monday 23/2/2026 09:00: 1 hour + 1 hour, across Tết.
    assert cal.working_time_between(at(2026, 2, 13, 16), at(2026, 2, 23, 9)) == timedelta(hours=2)
    assert cal.working_time_between(at(2026, 2, 23, 9), at(2026, 2, 13, 16)) == -timedelta(hours=2)
    assert cal.working_time_on(date(2026, 1, 10)) == timedelta(hours=8)  # make-up Saturday
    assert cal.working_time_on(date(2026, 1, 2)) == timedelta(0)  # swapped Friday


def test_seasonal_and_dated_office_hours() -> None:
    # Nghệ An's summer hours (Thông báo 170/TB-UBND 2015): 07:00–11:30, 13:30–17:00, 16/4–15/10.
    summer = OfficeHours.parse("07:00-11:30, 13:30-17:00")
    cal = vietnam_public_sector().with_hours(summer, season=((4, 16), (10, 15)), name="summer")
    assert cal.working_time_on(date(2026, 6, 1)) == timedelta(hours=8)
    assert cal.add_working_time(at(2026, 6, 1, 7), timedelta(hours=4, minutes=30)) == at(
        2026, 6, 1, 11, 30
    )
    assert cal.add_working_time(at(2026, 12, 1, 7), timedelta(hours=1)) == at(2026, 12, 1, 9)
    later = cal.with_hours(OfficeHours.parse("07:30-11:30, 13:30-17:30"), start=date(2027, 1, 1))
    assert later.add_working_time(at(2027, 1, 4, 7), timedelta(minutes=30)) == at(2027, 1, 4, 8)
    assert later.add_working_time(at(2026, 12, 1, 7), timedelta(hours=1)) == at(2026, 12, 1, 9)
    winter = HoursRule(
        hours=OfficeHours.parse("07:30-12:00, 13:00-16:30"), season=((11, 1), (3, 31))
    )
    assert winter.applies(date(2027, 1, 15))
    assert not winter.applies(date(2027, 6, 1))


def test_saturday_morning_reception(cal: WorkCalendar) -> None:
    commune = cal.with_reception_hours(OfficeHours.parse("07:30-11:30"), weekdays=[5])
    assert commune.is_reception_time(at(2026, 3, 7, 9))  # Saturday morning
    assert not commune.is_reception_time(at(2026, 3, 7, 14))
    assert not commune.is_working_day(date(2026, 3, 7))  # reception is not processing
    assert not commune.is_reception_time(at(2026, 2, 14, 9))  # Saturday inside Tết: closed
    assert commune.is_reception_time(at(2026, 3, 9, 14))  # weekday: office hours
    assert not cal.is_reception_time(at(2026, 3, 7, 9))  # without the rule
    assert commune.next_reception_moment(at(2026, 3, 6, 17, 30)) == at(2026, 3, 7, 7, 30)
    assert cal.next_reception_moment(at(2026, 3, 6, 17, 30)) == at(2026, 3, 9, 8)
    assert commune.reception_sessions(date(2026, 3, 8)) == ()
    # A make-up Saturday (10/1/2026) is a full working day: the Saturday rule does not shorten it.
    assert commune.is_reception_time(at(2026, 1, 10, 15))


def test_local_closures_and_extra_working_days(cal: WorkCalendar) -> None:
    storm = DayOff.range(date(2025, 9, 29), date(2025, 9, 30), name="Storm Bualoi: offices closed")
    closed = cal.with_days_off(*storm)
    assert closed.add_working_days(date(2025, 9, 26), 1) == date(2025, 10, 1)
    assert cal.add_working_days(date(2025, 9, 26), 1) == date(2025, 9, 29)
    assert closed.day(date(2025, 9, 29)).days_off[0].basis is Basis.LOCAL
    # A local make-up day removes a day off; a local closure removes a make-up day.
    worked = cal.with_working_days(MakeUpDay(date=date(2026, 2, 20), name="backlog"))
    assert worked.is_working_day(date(2026, 2, 20))
    unworked = cal.with_days_off(DayOff(date=date(2026, 1, 10), name="closure"))
    assert not unworked.is_working_day(date(2026, 1, 10))


def test_announcements_replace_their_occasion_and_year(cal: WorkCalendar) -> None:
    # The statutes give Tết 2027 as 4–10/2 (the practice rule); a different announcement wins.
    assert not cal.is_working_day(date(2027, 2, 4))
    rows = read_announcements(
        "occasion,year,kind,start,end,replaces,name_en,name_vi,document\n"
        "tet,2027,off,2027-02-05,2027-02-14,,Lunar New Year,Tết Đinh Mùi,Thông báo X\n"
        "tet,2027,make_up,2027-02-20,,2027-02-04,Make-up,Làm bù,Thông báo X\n",
        "tet2027.csv",
    )
    new = cal.with_announcements(rows)
    assert 2027 in new.announced_years
    assert 2027 not in cal.announced_years
    assert new.is_working_day(date(2027, 2, 4))  # no longer off: the statutory day is replaced
    assert not new.is_working_day(date(2027, 2, 12))
    assert new.is_working_day(date(2027, 2, 20))
    assert not new.is_working_day(date(2027, 4, 30))  # other occasions keep the statutes


def test_day_kinds_and_reasons(cal: WorkCalendar) -> None:
    assert cal.day(date(2026, 1, 10)).kind is DayKind.MAKE_UP
    assert cal.day(date(2026, 1, 2)).kind is DayKind.DAY_OFF
    assert cal.day(date(2026, 1, 3)).kind is DayKind.DAY_OFF  # inside the announced break
    assert cal.day(date(2026, 3, 7)).kind is DayKind.WEEKLY_REST
    assert cal.day(date(2026, 3, 9)).kind is DayKind.WORKING
    assert "12729/VPCP-KGVX" in str(cal.day(date(2026, 1, 10)).make_up.source)  # type: ignore[union-attr]
    assert cal.day(date(2026, 2, 17)).reason("vi") == "ngày nghỉ: Tết Nguyên đán Bính Ngọ"


def test_explain_add_working_days(cal: WorkCalendar) -> None:
    e = cal.explain.add_working_days(date(2026, 2, 13), 3)
    assert e.result == date(2026, 2, 25)
    assert [d.ordinal for d in e.days if d.ordinal] == [1, 2, 3]
    skipped = [d.day.date for d in e.days if d.ordinal is None]
    assert skipped == [date(2026, 2, 14) + timedelta(days=k) for k in range(9)]
    assert all("9441/TB-BNV" in str(d.day.days_off[0].source) for d in e.days if d.ordinal is None)
    assert "Điều 147 khoản 2" in str(e)
    assert "không tính: ngày nghỉ: Tết Nguyên đán Bính Ngọ" in e.text("vi")
    assert e.notes_en == ()  # 2026 is an announced year


def test_explain_marks_statute_only_years(cal: WorkCalendar) -> None:
    e = cal.explain.add_working_days(date(2027, 2, 3), 3)
    assert "no official announcement is loaded for 2027" in str(e)
    assert "theo luật, chưa có thông báo của năm" in e.text("vi")
    # Monday 31/12/2018 is off by the 2019 announcement (TB 3238/TB-LĐTBXH), not by statute.
    swapped = cal.explain.day(date(2018, 12, 31)).days[0].line("en")
    assert "3238/TB-LĐTBXH" in swapped
    assert "statutory rule" not in swapped
    assert cal.explain.day(date(2018, 12, 31)).notes_en == ()
    e2018 = cal.explain.day(date(2018, 4, 25))
    assert e2018.result is False
    assert "2018" in str(e2018)


def test_explain_hours(cal: WorkCalendar) -> None:
    e = cal.explain.add_working_time(at(2026, 2, 13, 16, 55), timedelta(hours=8))
    assert e.result == at(2026, 2, 23, 16, 55)
    counted = {d.day.date: d.counted for d in e.days if d.counted is not None}
    assert counted == {
        date(2026, 2, 13): timedelta(minutes=5),
        date(2026, 2, 23): timedelta(hours=7, minutes=55),
    }
    assert "Điều 147 khoản 1" in str(e)
    between = cal.explain.working_time_between(at(2026, 2, 13, 16), at(2026, 2, 23, 9))
    assert between.result == timedelta(hours=2)
    assert sum((d.counted for d in between.days if d.counted), timedelta()) == timedelta(hours=2)
    counted_days = cal.explain.working_days_between(date(2024, 4, 26), date(2024, 5, 6))
    assert counted_days.result == 4
    assert [d.day.date for d in counted_days.days if d.ordinal] == [
        date(2024, 5, 2),
        date(2024, 5, 3),
        date(2024, 5, 4),
        date(2024, 5, 6),
    ]


def test_table_export(cal: WorkCalendar) -> None:
    rows = cal.table()
    assert len(rows) == (date(2035, 12, 31) - date(1995, 1, 1)).days + 1
    by_date = {r["date"]: r for r in rows}
    assert by_date[date(2026, 1, 10)]["is_working"] is True
    assert by_date[date(2026, 1, 10)]["working_minutes"] == 480
    assert by_date[date(2026, 1, 2)]["kind"] == "day_off"
    assert "12729/VPCP-KGVX" in str(by_date[date(2026, 1, 2)]["source"])
    n = by_date[date(2026, 3, 2)]["working_day_ordinal"]
    assert by_date[date(2026, 3, 3)]["working_day_ordinal"] == n + 1  # type: ignore[operator]


def test_fingerprint_is_stable_and_sensitive(cal: WorkCalendar) -> None:
    assert cal.fingerprint == vietnam_public_sector(culture_day=True).fingerprint
    assert cal.fingerprint != vietnam_public_sector(culture_day=False).fingerprint
    assert cal.__dask_tokenize__() == cal.fingerprint
    assert len(cal.fingerprint) == 64


def test_a_hand_built_calendar() -> None:
    """A six-day week with one session: the calendar is not tied to Vietnam's data."""
    from hanhchinh.calendar import Workweek

    cal = WorkCalendar(
        name="test",
        first_year=2030,
        last_year=2030,
        workweek=(Workweek(weekdays=range(6)),),
        hours=(HoursRule(hours=OfficeHours(((time(9), time(15)),))),),
    )
    assert cal.add_working_days(date(2030, 1, 4), 2) == date(2030, 1, 7)  # Fri -> Sat, Mon
    assert cal.add_working_time(
        datetime(2030, 1, 5, 14, tzinfo=VN), timedelta(hours=2)
    ) == datetime(2030, 1, 7, 10, tzinfo=VN)
