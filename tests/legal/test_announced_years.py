"""The calendar of officials and public employees, 2019–2026, against the announcements.

Every expected value below was typed from the announcement (or, where none was issued, from
the Labour Code as confirmed by the cited page) — not read from the shipped data file. Each
break is "nghỉ từ <first> đến hết <last>"; the weekdays just outside it are working days.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hanhchinh.calendar import (
    DayOff,
    MakeUpDay,
    WorkCalendar,
    statutory_days_off,
    vietnam_public_sector,
)
from hanhchinh.calendar._data import shipped_announcements

D = date

# (first day off, last day off, source)
BREAKS = [
    (
        D(2018, 12, 29),
        D(2019, 1, 1),
        "TB 3238/TB-LĐTBXH: Tết Dương lịch 2019, Mon 31/12/2018 swapped",
    ),
    (D(2019, 2, 2), D(2019, 2, 10), "TB 3238/TB-LĐTBXH: Tết Kỷ Hợi"),
    (D(2019, 4, 13), D(2019, 4, 15), "BLLĐ 2012 Đ.115: Giỗ Tổ Sun 14/4, nghỉ bù Mon 15/4"),
    (D(2019, 4, 27), D(2019, 5, 1), "TB 3238/TB-LĐTBXH: 30/4–1/5, Mon 29/4 swapped"),
    (D(2019, 8, 31), D(2019, 9, 2), "BLLĐ 2012 Đ.115: Quốc khánh Mon 2/9"),
    (D(2020, 1, 1), D(2020, 1, 1), "BLLĐ 2012 Đ.115: Tết Dương lịch"),
    (D(2020, 1, 23), D(2020, 1, 29), "TB 4544/TB-LĐTBXH: Tết Canh Tý"),
    (D(2020, 4, 2), D(2020, 4, 2), "BLLĐ 2012 Đ.115: Giỗ Tổ"),
    (D(2020, 4, 30), D(2020, 5, 3), "BLLĐ 2012 Đ.115: 30/4–1/5"),
    (D(2020, 9, 2), D(2020, 9, 2), "BLLĐ 2012 Đ.115: Quốc khánh (one day)"),
    (D(2021, 1, 1), D(2021, 1, 3), "BLLĐ 2019 Đ.112: Tết Dương lịch"),
    (D(2021, 2, 10), D(2021, 2, 16), "TB 4875/TB-LĐTBXH: Tết Tân Sửu"),
    (D(2021, 4, 21), D(2021, 4, 21), "BLLĐ 2019 Đ.112: Giỗ Tổ"),
    (D(2021, 4, 30), D(2021, 5, 3), "BLLĐ 2019 Đ.111(3): 1/5 Sat, nghỉ bù Mon 3/5"),
    (D(2021, 9, 2), D(2021, 9, 5), "TB 4875/TB-LĐTBXH: Quốc khánh 2–3/9"),
    (D(2022, 1, 1), D(2022, 1, 3), "BLLĐ 2019 Đ.111(3): 1/1 Sat, nghỉ bù Mon 3/1"),
    (D(2022, 1, 29), D(2022, 2, 6), "CV 245/VPCP-KGVX: Tết Nhâm Dần"),
    (D(2022, 4, 9), D(2022, 4, 11), "BLLĐ 2019 Đ.111(3): Giỗ Tổ Sun 10/4, nghỉ bù Mon 11/4"),
    (D(2022, 4, 30), D(2022, 5, 3), "BLLĐ 2019 Đ.111(3): nghỉ bù 2/5 and 3/5"),
    (D(2022, 9, 1), D(2022, 9, 4), "CV 245/VPCP-KGVX: Quốc khánh 1–2/9"),
    (D(2022, 12, 31), D(2023, 1, 2), "BLLĐ 2019 Đ.111(3): 1/1/2023 Sun, nghỉ bù Mon 2/1"),
    (D(2023, 1, 20), D(2023, 1, 26), "CV 8056/VPCP-KGVX: Tết Quý Mão"),
    (D(2023, 4, 29), D(2023, 5, 3), "BLLĐ 2019 Đ.111(3): Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5"),
    (D(2023, 9, 1), D(2023, 9, 4), "CV 8056/VPCP-KGVX: Quốc khánh"),
    (D(2023, 12, 30), D(2024, 1, 1), "BLLĐ 2019 Đ.112: Tết Dương lịch Mon 1/1/2024"),
    (D(2024, 2, 8), D(2024, 2, 14), "CV 8662/VPCP-KGVX: Tết Giáp Thìn"),
    (D(2024, 4, 18), D(2024, 4, 18), "BLLĐ 2019 Đ.112: Giỗ Tổ"),
    (D(2024, 4, 27), D(2024, 5, 1), "CV 2450/VPCP-KGVX: Mon 29/4 swapped"),
    (D(2024, 8, 31), D(2024, 9, 3), "CV 8662/VPCP-KGVX: Quốc khánh"),
    (D(2025, 1, 1), D(2025, 1, 1), "BLLĐ 2019 Đ.112: Tết Dương lịch"),
    (D(2025, 1, 25), D(2025, 2, 2), "CV 8726/VPCP-KGVX; TB 6150/TB-BLĐTBXH: Tết Ất Tỵ"),
    (D(2025, 4, 5), D(2025, 4, 7), "BLLĐ 2019 Đ.112: Giỗ Tổ Mon 7/4"),
    (D(2025, 4, 30), D(2025, 5, 4), "CV 8726/VPCP-KGVX: Fri 2/5 swapped"),
    (D(2025, 8, 30), D(2025, 9, 2), "TB 6150/TB-BLĐTBXH: Quốc khánh 1–2/9"),
    (D(2026, 1, 1), D(2026, 1, 4), "CV 12729/VPCP-KGVX: Fri 2/1 swapped"),
    (D(2026, 2, 14), D(2026, 2, 22), "TB 9441/TB-BNV: Tết Bính Ngọ"),
    (D(2026, 4, 25), D(2026, 4, 27), "BLLĐ 2019 Đ.111(3): Giỗ Tổ Sun 26/4, nghỉ bù Mon 27/4"),
    (D(2026, 4, 30), D(2026, 5, 3), "BLLĐ 2019 Đ.112: 30/4–1/5, no swap"),
    (D(2026, 8, 29), D(2026, 9, 2), "TB 9441/TB-BNV: Mon 31/8 swapped"),
]

# Saturdays worked in exchange for a swapped weekday: (make-up day, weekday given off, source)
MAKE_UP = [
    (D(2019, 1, 5), D(2018, 12, 31), "TB 3238/TB-LĐTBXH"),
    (D(2019, 5, 4), D(2019, 4, 29), "TB 3238/TB-LĐTBXH"),
    (D(2024, 5, 4), D(2024, 4, 29), "CV 2450/VPCP-KGVX"),
    (D(2025, 4, 26), D(2025, 5, 2), "CV 8726/VPCP-KGVX"),
    (D(2026, 1, 10), D(2026, 1, 2), "CV 12729/VPCP-KGVX"),
    (D(2026, 8, 22), D(2026, 8, 31), "TB 9441/TB-BNV"),
]


@pytest.mark.parametrize(("first", "last", "source"), BREAKS)
def test_every_day_of_an_announced_break_is_off(
    cal: WorkCalendar, first: date, last: date, source: str
) -> None:
    day = first
    while day <= last:
        assert not cal.is_working_day(day), f"{day} should be off ({source})"
        day += timedelta(days=1)


@pytest.mark.parametrize(("first", "last", "source"), BREAKS)
def test_weekdays_around_a_break_are_working_days(
    cal: WorkCalendar, first: date, last: date, source: str
) -> None:
    off = {f + timedelta(days=k) for f, la, _ in BREAKS for k in range((la - f).days + 1)}
    for day in (first - timedelta(days=1), last + timedelta(days=1)):
        if day.weekday() < 5 and day not in off:
            assert cal.is_working_day(day), f"{day} should be worked ({source})"


@pytest.mark.parametrize(("saturday", "swapped", "source"), MAKE_UP)
def test_make_up_saturdays_are_working_days(
    cal: WorkCalendar, saturday: date, swapped: date, source: str
) -> None:
    assert saturday.weekday() == 5
    assert cal.is_working_day(saturday), source
    assert not cal.is_working_day(swapped), source
    assert cal.day(saturday).make_up is not None
    assert cal.day(saturday).make_up.replaces == swapped  # type: ignore[union-attr]


def test_no_other_saturday_is_worked_2019_to_2026(cal: WorkCalendar) -> None:
    worked = {m for m, _, _ in MAKE_UP}
    day = date(2019, 1, 5)
    while day <= date(2026, 12, 26):
        assert cal.is_working_day(day) == (day in worked), day
        day += timedelta(days=7)


@pytest.mark.parametrize(
    ("year", "working_days"),
    [
        # Weekdays of the year minus the weekdays inside the breaks above, plus make-up days.
        # 2024: 1/1; Tết 8,9,12,13,14/2; 18/4; 29,30/4, 1/5; 2,3/9 = 12 off; 4/5 worked.
        (2024, 262 - 12 + 1),
        # 2025: 1/1; Tết 27–31/1; 7/4; 30/4, 1,2/5; 1,2/9 = 12 off; 26/4 worked.
        (2025, 261 - 12 + 1),
        # 2026: 1,2/1; Tết 16–20/2; 27/4; 30/4, 1/5; 31/8, 1,2/9 = 13 off; 10/1 and 22/8
        # worked; and Tuesday 24/11 (Ngày Văn hóa Việt Nam, see the culture-day test).
        (2026, 261 - 13 + 2 - 1),
    ],
)
def test_working_days_per_year(cal: WorkCalendar, year: int, working_days: int) -> None:
    assert cal.working_days_between(date(year - 1, 12, 31), date(year, 12, 31)) == working_days


def test_statutes_reproduce_every_announcement_except_the_swaps() -> None:
    """The statutory engine (Labour Code + the practice rules of statutory_days_off) gives
    exactly the announced weekday days off of 2019–2026, apart from the announced swaps."""
    swapped = {s for _, s, _ in MAKE_UP}
    announced = shipped_announcements()
    for year in range(2019, 2027):
        statute = {d.date for d in statutory_days_off(year) if d.date.weekday() < 5}
        told = {
            a.date
            for a in announced
            if isinstance(a, DayOff) and a.occasion_year == year and a.date.weekday() < 5
        }
        assert told - statute == {s for s in swapped if s in told}, year
        assert statute - told == set(), year
        made_up = {
            a.date for a in announced if isinstance(a, MakeUpDay) and a.occasion_year == year
        }
        assert made_up == {m for m, s, _ in MAKE_UP if s in told}, year


def test_culture_day_is_a_named_rule_with_both_settings() -> None:
    """24/11 Ngày Văn hóa Việt Nam: Nghị quyết 28/2026/QH16 Điều 2 (unconfirmed), default on."""
    with_day = vietnam_public_sector()
    without = vietnam_public_sector(culture_day=False)
    assert not with_day.is_working_day(date(2026, 11, 24))
    assert without.is_working_day(date(2026, 11, 24))
    assert not with_day.is_working_day(date(2027, 11, 24))  # Wednesday 24/11/2027
    assert without.is_working_day(date(2027, 11, 24))
    assert with_day.is_working_day(date(2025, 11, 24))  # before the resolution
    # No substitute day: it is not one of the Labour Code's Art. 112(1) holidays.
    assert with_day.is_working_day(date(2029, 11, 26))  # 24/11/2029 is a Saturday


def test_six_day_week_before_decision_188_1999(cal: WorkCalendar) -> None:
    """QĐ 188/1999/QĐ-TTg Điều 1: Saturday off from October 1999; worked before."""
    assert cal.is_working_day(date(1999, 9, 25))  # Saturday
    assert not cal.is_working_day(date(1999, 10, 2))  # first Saturday off
    assert not cal.is_working_day(date(1999, 9, 26))  # Sunday
