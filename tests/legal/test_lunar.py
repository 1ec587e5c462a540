"""Lunar dates on the Vietnamese calendar (UTC+7), checked against an independent table."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from hanhchinh.calendar import statutory_days_off
from hanhchinh.calendar._vietnam import _lunar_table, lunar_from_holidays

TABLE = Path(__file__).with_name("lunar_dates.csv")


def _rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


ROWS = _rows()


def test_the_independent_table_covers_1995_to_2035() -> None:
    assert [int(r["year"]) for r in ROWS] == list(range(1995, 2036))


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["year"])
def test_tet_and_hung_kings_match_ho_ngoc_duc(row: dict[str, str]) -> None:
    year = int(row["year"])
    tet, hung = _lunar_table()[year]
    assert tet == date.fromisoformat(row["tet_vn"])
    if year >= 2007:  # Giỗ Tổ is a public holiday from 2007 (Luật 84/2007/QH11)
        assert hung == date.fromisoformat(row["hung_kings_vn"])
    else:
        assert hung is None


def test_the_years_where_vietnam_and_china_differ_are_the_vietnamese_dates() -> None:
    differ = {
        int(r["year"]): r
        for r in ROWS
        if (r["tet_vn"], r["hung_kings_vn"]) != (r["tet_cn"], r["hung_kings_cn"])
    }
    assert set(differ) == {2007, 2009, 2030}
    assert _lunar_table()[2007][0] == date(2007, 2, 17)  # China: 18 February
    assert _lunar_table()[2009][1] == date(2009, 4, 4)  # China: 5 April
    assert _lunar_table()[2030][0] == date(2030, 2, 2)  # China: 3 February


def test_shipped_table_still_equals_the_holidays_package() -> None:
    """calendar/data/lunar.csv was generated from `holidays`; regenerate it if this fails."""
    assert lunar_from_holidays(range(1995, 2100)) == _lunar_table()


def test_tet_2007_days_off_follow_the_vietnamese_new_year() -> None:
    """Labour Code 1994 Art. 73 (as amended 2007): Tết = the last day of the year + 3 days."""
    tet = [
        d.date for d in statutory_days_off(2007) if d.occasion == "tet" and "bù" not in d.name_vi
    ]
    assert tet == [date(2007, 2, 16), date(2007, 2, 17), date(2007, 2, 18), date(2007, 2, 19)]
