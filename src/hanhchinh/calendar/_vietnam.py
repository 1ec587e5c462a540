"""The national working calendar of Vietnamese state agencies, from statutes and announcements.

Layers, later ones winning (see ``docs/legal-sources.md`` for every source):

1. The working week: six days (Monday–Saturday) until 30 September 1999, then Monday–Friday
   (Quyết định 188/1999/QĐ-TTg, Điều 1; its date of effect, 1 or 2 October 1999, is
   unconfirmed — both give Saturday 2 October 1999 as the first Saturday off).
2. The statutory public holidays of the Labour Code in force on each day, with their
   substitute days (nghỉ bù) when one falls on a weekly rest day; lunar dates on the
   Vietnamese calendar (UTC+7), taken from the ``holidays`` package.
3. The official announcements for officials and public employees, shipped as
   ``calendar/data/announcements.csv`` (2019–2026): for every occasion and year they cover they
   replace the statutory computation, swaps and make-up Saturdays included.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time, timedelta
from functools import lru_cache
from importlib import resources
from typing import Final

from hanhchinh.calendar._data import shipped_announcements
from hanhchinh.calendar._model import Basis, DayOff, HoursRule, MakeUpDay, OfficeHours, Workweek
from hanhchinh.calendar._work import WorkCalendar, merge_announcements
from hanhchinh.errors import CalendarDataError, OutOfCalendarRangeError
from hanhchinh.legal import Confidence, LegalReference

__all__ = [
    "DEFAULT_HOURS",
    "FIRST_SUPPORTED_YEAR",
    "LAST_SUPPORTED_YEAR",
    "lunar_from_holidays",
    "statutory_days_off",
    "vietnam_public_sector",
]

#: The earliest year: the Labour Code 1994 (35-L/CTN) is believed to have taken effect on
#: 1 January 1995 (unconfirmed: its final article was not read).
FIRST_SUPPORTED_YEAR: Final = 1995
#: The latest year the ``holidays`` package's lunar tables reach.
LAST_SUPPORTED_YEAR: Final = 2099

# Each URL is a page the statute's text (or a verbatim quotation of it) was read on; see
# docs/legal-sources.md for the quotations and how sure we are of each.
_URL_BLLD_1994 = "https://m.thuvienphapluat.vn/van-ban/Lao-dong-Tien-luong/Bo-luat-Lao-dong-1994-35-L-CTN-38702.aspx"
_URL_LAW_84_2007 = "https://mplaw.vn/luat-sua-doi-bo-sung-dieu-73-cua-bo-luat-lao-dong-so-84-2007-qh11-cua-quoc-hoi/"
_URL_BLLD_2012 = "http://thptngosilienbg.edu.vn/tin-giao-duc/pho-bien-phap-luat-1554720882.html"
_URL_BLLD_2019_112 = "https://sites.google.com/view/luatlaodong2019/luật-lao-động/chương-7-thời-gian-làm-việc-thời-giờ-nghỉ-ngơi/điều-112-nghỉ-lễ-tết"
_URL_BLLD_2019_111 = (
    "https://tuyetnhunglaw.vn/bat-nguoi-lao-dong-lam-viec-full-tuan-dung-hay-sai/amp"
)
_URL_QD_188 = "https://hethongphapluat.com/quyet-dinh-188-1999-qd-ttg-ve-che-do-tuan-lam-viec-40-gio-do-thu-tuong-chinh-phu-ban-hanh.html"
_URL_TT_23_1999 = "https://hethongphapluat.com/circular-no-23-1999-tt-bldtbxh-of-october-4-1999-guiding-the-implementation-of-the-regime-of-reducing-the-weekly-working-hours-applicable-to-state-enterprises.html"

BLLD_1994: Final = LegalReference(
    document="Bộ luật Lao động 1994 (35-L/CTN)",
    article="Điều 73",
    url=_URL_BLLD_1994,
    confidence=Confidence.SECONDARY,
)
BLLD_2007: Final = LegalReference(
    document="Luật sửa đổi, bổ sung Điều 73 của Bộ luật Lao động (84/2007/QH11)",
    article="Điều 1",
    url=_URL_LAW_84_2007,
    confidence=Confidence.TEXT,
)
BLLD_2012: Final = LegalReference(
    document="Bộ luật Lao động 2012 (10/2012/QH13)",
    article="Điều 115",
    url=_URL_BLLD_2012,
    confidence=Confidence.SECONDARY,
)
BLLD_2019: Final = LegalReference(
    document="Bộ luật Lao động 2019 (45/2019/QH14)",
    article="Điều 112 khoản 1",
    url=_URL_BLLD_2019_112,
    confidence=Confidence.TEXT,
)
BLLD_2019_SUBSTITUTE: Final = LegalReference(
    document="Bộ luật Lao động 2019 (45/2019/QH14)",
    article="Điều 111 khoản 3",
    url=_URL_BLLD_2019_111,
    confidence=Confidence.SECONDARY,
)
QD_188_1999: Final = LegalReference(
    document="Quyết định 188/1999/QĐ-TTg (tuần làm việc 40 giờ)",
    article="Điều 1",
    url=_URL_QD_188,
    confidence=Confidence.TEXT,
)
SIX_DAY_WEEK: Final = LegalReference(
    document=(
        "Nghị định 195/CP (31/12/1994) on working time; the 6-day, 48-hour week is read in "
        "Thông tư 23/1999/TT-BLĐTBXH"
    ),
    url=_URL_TT_23_1999,
    confidence=Confidence.SECONDARY,
)
CULTURE_DAY: Final = LegalReference(
    document="Nghị quyết 28/2026/QH16 về phát triển văn hóa Việt Nam (in force 1/7/2026)",
    article="Điều 2",
    url="https://datafiles.chinhphu.vn/cpp/files/vbpq/2026/4/nq28phattrienvanhoa.pdf",
    confidence=Confidence.UNCONFIRMED,
)

#: Default office hours: 08:00–12:00 and 13:00–17:00, an 8-hour day of the 40-hour week.
#: Provinces set their own (often 07:00/07:30 starts, summer and winter hours): override with
#: :meth:`WorkCalendar.with_hours`.
DEFAULT_HOURS: Final = OfficeHours(((time(8), time(12)), (time(13), time(17))))

# The Labour Codes, each from the day it took effect.
_LC_2007 = date(
    2007, 4, 2
)  # Giỗ Tổ added: Luật 84/2007/QH11 passed 2/4/2007, in force on promulgation
_LC_2012 = date(2013, 5, 1)  # Bộ luật Lao động 2012: Tết 5 days
_LC_2019 = date(2021, 1, 1)  # Bộ luật Lao động 2019: Quốc khánh 2 days
_FIVE_DAY_WEEK = date(1999, 10, 1)  # Quyết định 188/1999/QĐ-TTg

_NAMES: Final = {
    "new_year": ("New Year's Day", "Tết Dương lịch"),
    "tet": ("Lunar New Year", "Tết Nguyên đán"),
    "hung_kings": ("Hùng Kings' Commemoration Day", "Giỗ Tổ Hùng Vương"),
    "reunification": ("Reunification Day", "Ngày Chiến thắng"),
    "labour": ("International Labour Day", "Ngày Quốc tế Lao động"),
    "national_day": ("National Day", "Quốc khánh"),
    "culture_day": ("Vietnamese Culture Day", "Ngày Văn hóa Việt Nam"),
}


def _source_for(day: date) -> LegalReference:
    if day >= _LC_2019:
        return BLLD_2019
    if day >= _LC_2012:
        return BLLD_2012
    if day >= _LC_2007:  # the 2007 law restates the whole of Điều 73
        return BLLD_2007
    return BLLD_1994


def lunar_from_holidays(years: Iterable[int]) -> dict[int, tuple[date, date | None]]:
    """Tết and Giỗ Tổ (from 2007) of each year, read from the ``holidays`` package.

    This is how ``calendar/data/lunar.csv`` was generated; the test suite checks that the
    shipped table still equals the package's answer, and checks 1995–2035 against Hồ Ngọc
    Đức's independent Vietnamese calendar table (``tests/legal/lunar_dates.csv``).
    """
    import holidays  # heavy import (about 0.1 s): only for regeneration and tests

    wanted = list(years)
    table = holidays.country_holidays("VN", years=wanted, observed=False, language="en_US")
    tet: dict[int, date] = {}
    hung: dict[int, date] = {}
    for day, name in table.items():
        for part in str(name).split("; "):
            if part == "Lunar New Year":
                tet[day.year] = day
            elif part == "Hung Kings' Commemoration Day":
                hung[day.year] = day
    return {year: (tet[year], hung.get(year)) for year in wanted}


@lru_cache(maxsize=1)
def _lunar_table() -> dict[int, tuple[date, date | None]]:
    name = "hanhchinh/calendar/data/lunar.csv"
    text = resources.files("hanhchinh.calendar").joinpath("data/lunar.csv").read_text("utf-8")
    out: dict[int, tuple[date, date | None]] = {}
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith(("#", "year,")):
            continue
        try:
            year, tet, hung = line.split(",")
            out[int(year)] = (date.fromisoformat(tet), date.fromisoformat(hung) if hung else None)
        except ValueError:
            raise CalendarDataError(name, line_no, None, line, "year,tet,hung_kings") from None
    return out


def _lunar(years: range) -> dict[int, tuple[date, date | None]]:
    """Tết (1 tháng Giêng) and Giỗ Tổ (10 tháng 3) of each year, Vietnamese calendar (UTC+7)."""
    table = _lunar_table()
    missing = [y for y in years if y not in table]
    found = {y: table[y] for y in years if y in table}
    if missing:  # not reached for 1995–2099; kept so a wider table needs no code change
        found.update(lunar_from_holidays(missing))
    return found


def _is_rest(day: date) -> bool:
    return day.weekday() == 6 or (day.weekday() == 5 and day >= _FIVE_DAY_WEEK)


def statutory_days_off(year: int, *, culture_day: bool = True) -> tuple[DayOff, ...]:
    """The days off of *year* as the statutes alone give them (no announcement applied).

    Holidays (Bộ luật Lao động 1994 Điều 73 and its 2007 amendment; 2012 Điều 115; 2019
    Điều 112(1)), and for each one on a weekly rest day a substitute on the next working day
    (nghỉ bù: 1994 Điều 73, 2012 Điều 115(3), 2019 Điều 111(3)).

    Where the law lets the Prime Minister fix the days (Tết and, from 2021, the second day of
    Quốc khánh — 2019 Điều 112(3)), this applies the practice of every announcement
    2019–2026 (documented in ``docs/legal-sources.md``):

    * Tết, five days (Labour Code 2012, in force 1/5/2013, so from Tết 2014): the day before
      New Year's Eve, New Year's Eve and days 1–3,
      or, when the day before the Eve is a weekly rest day, New Year's Eve and days 1–4.
      Four days before (Labour Code 1994 Điều 73): New Year's Eve and days 1–3.
    * Quốc khánh from 2021: 2/9 and the adjacent day that joins it to a weekend (Monday → Tuesday,
      Tuesday/Wednesday → the day before, Thursday → Friday, Friday/Saturday → the day before,
      Sunday → Monday).
    * Ngày Văn hóa Việt Nam (24/11) from 2026 when ``culture_day`` is true (see
      :func:`vietnam_public_sector`); it is not in Điều 112(1), so no substitute day is given.

    Tết 2027 (1 tháng Giêng = Saturday 6/2): Thursday 4/2 to Monday 8/2, and substitutes for
    Saturday and Sunday on Tuesday 9/2 and Wednesday 10/2 — the 4–10/2 that Công văn
    10065/VPCP-KGVX is reported to announce (unconfirmed):

    >>> [d.date.day for d in statutory_days_off(2027) if d.occasion == "tet"]
    [4, 5, 6, 7, 8, 9, 10]
    """
    if not FIRST_SUPPORTED_YEAR <= year <= LAST_SUPPORTED_YEAR:
        raise OutOfCalendarRangeError(
            date(year, 1, 1),
            date(FIRST_SUPPORTED_YEAR, 1, 1),
            date(LAST_SUPPORTED_YEAR, 12, 31),
            "year",
        )
    tet, hung = _lunar(range(year, year + 1))[year]
    return _statutory(year, tet, hung, culture_day)


def _statutory(year: int, tet: date, hung: date | None, culture_day: bool) -> tuple[DayOff, ...]:
    holidays_: list[tuple[date, str, str]] = []  # (day, occasion, name key)

    def add(day: date, occasion: str, key: str | None = None) -> None:
        holidays_.append((day, occasion, key or occasion))

    add(date(year, 1, 1), "new_year")
    eve = tet - timedelta(days=1)
    if tet >= _LC_2012:
        first = eve - timedelta(days=1)
        window = (
            [first + timedelta(days=k) for k in range(5)]
            if not _is_rest(first)
            else [eve + timedelta(days=k) for k in range(5)]
        )
    else:
        window = [eve + timedelta(days=k) for k in range(4)]
    for day in window:
        add(day, "tet")
    if hung is not None and hung >= _LC_2007:
        add(hung, "hung_kings")
    add(date(year, 4, 30), "reunification_labour", "reunification")
    add(date(year, 5, 1), "reunification_labour", "labour")
    sep2 = date(year, 9, 2)
    add(sep2, "national_day")
    if sep2 >= _LC_2019:
        shift = {0: 1, 1: -1, 2: -1, 3: 1, 4: -1, 5: -1, 6: 1}[sep2.weekday()]
        add(sep2 + timedelta(days=shift), "national_day")
    holidays_.sort()
    taken = {d for d, _, _ in holidays_}
    out: list[DayOff] = []
    for day, occasion, key in holidays_:
        en, vi = _NAMES[key]
        source = _source_for(day)
        out.append(
            DayOff(
                date=day,
                name=en,
                name_vi=vi,
                occasion=occasion,
                occasion_year=year,
                basis=Basis.STATUTE,
                source=source,
            )
        )
        if _is_rest(day):
            sub = day + timedelta(days=1)
            while _is_rest(sub) or sub in taken:
                sub += timedelta(days=1)
            taken.add(sub)
            out.append(
                DayOff(
                    date=sub,
                    name=f"{en} (substitute day off for {day.isoformat()})",
                    name_vi=f"{vi} (nghỉ bù cho ngày {day.strftime('%d/%m/%Y')})",
                    occasion=occasion,
                    occasion_year=year,
                    basis=Basis.STATUTE,
                    source=BLLD_2019_SUBSTITUTE if day >= _LC_2019 else source,
                )
            )
    if culture_day and year >= 2026:
        en, vi = _NAMES["culture_day"]
        out.append(
            DayOff(
                date=date(year, 11, 24),
                name=en,
                name_vi=vi,
                occasion="culture_day",
                occasion_year=year,
                basis=Basis.STATUTE,
                source=CULTURE_DAY,
            )
        )
    return tuple(sorted(out, key=lambda d: d.date))


@lru_cache(maxsize=16)
def _build(first_year: int, last_year: int, culture_day: bool) -> WorkCalendar:
    days: list[DayOff] = []
    lunar = _lunar(range(first_year, last_year + 1))
    for year in range(first_year, last_year + 1):
        days.extend(_statutory(year, *lunar[year], culture_day))
    announced = [
        a
        for a in shipped_announcements()
        if first_year <= a.date.year <= last_year and (culture_day or a.occasion != "culture_day")
    ]
    days_off, make_up, years = merge_announcements(
        tuple(d for d in days if first_year <= d.date.year <= last_year), (), announced
    )
    return WorkCalendar(
        name="Vietnam public sector (cơ quan hành chính nhà nước)",
        first_year=first_year,
        last_year=last_year,
        workweek=(
            Workweek(weekdays=range(6), source=SIX_DAY_WEEK),
            Workweek(weekdays=range(5), since=_FIVE_DAY_WEEK, source=QD_188_1999),
        ),
        all_days_off=days_off,
        all_make_up_days=make_up,
        hours=(
            HoursRule(hours=DEFAULT_HOURS, name="default office hours (08:00–12:00, 13:00–17:00)"),
        ),
        announced_years=years,
    )


def vietnam_public_sector(
    first_year: int = 1995,
    last_year: int = 2035,
    *,
    culture_day: bool = True,
    announcements: Iterable[DayOff | MakeUpDay] = (),
) -> WorkCalendar:
    """The national working calendar of Vietnamese state agencies (officials and public
    employees), from *first_year* to *last_year* (default 1995–2035).

    Built from the statutes for every year and the shipped official announcements for
    2019–2026 (each row with its document and URL); extra *announcements* (for example a newer
    year read with :func:`load_announcements`) replace what they cover. The result is cached:
    repeated calls with the same arguments return the same immutable calendar.

    Args:
        first_year: First year covered; not before 1995 (the Labour Code 1994).
        last_year: Last year covered; not after 2099 (the lunar tables' reach).
        culture_day: Whether 24/11 (Ngày Văn hóa Việt Nam) is a day off from 2026. Default
            ``True``: Nghị quyết 28/2026/QH16 Điều 2 (in force 1/7/2026) is reported to make it
            a paid day off and Công văn 10065/VPCP-KGVX (2/10/2026) to give officials
            24/11/2026 off with no swap — both **unconfirmed** (not read in the primary
            text); set ``False`` to leave it out.
        announcements: Further announced days, applied after the shipped ones.

    Raises:
        OutOfCalendarRangeError: If the years are outside 1995–2099.

    >>> cal = vietnam_public_sector()
    >>> cal.is_working_day(date(2026, 1, 2)), cal.is_working_day(date(2026, 1, 10))
    (False, True)
    """
    lo, hi = date(FIRST_SUPPORTED_YEAR, 1, 1), date(LAST_SUPPORTED_YEAR, 12, 31)
    if not FIRST_SUPPORTED_YEAR <= first_year <= LAST_SUPPORTED_YEAR:
        raise OutOfCalendarRangeError(date(max(first_year, 1), 1, 1), lo, hi, "first_year")
    if not first_year <= last_year <= LAST_SUPPORTED_YEAR:
        raise OutOfCalendarRangeError(
            date(min(max(last_year, 1), 9998), 12, 31), lo, hi, "last_year"
        )
    calendar = _build(first_year, last_year, culture_day)
    extra = tuple(announcements)
    return calendar.with_announcements(extra) if extra else calendar
