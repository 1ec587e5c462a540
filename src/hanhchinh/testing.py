"""Hypothesis strategies for hanhchinh's public types (install the ``[testing]`` extra).

Each strategy follows Hypothesis' own idiom: plural names, ``min_value``/``max_value`` bounds,
other arguments keyword-only, bad arguments raise ``InvalidArgument``, and a stated shrink
target. Registered through the ``hypothesis`` entry point, so ``st.from_type(WorkCalendar)``
works in users' suites.

>>> from hypothesis import given
>>> from hanhchinh.testing import work_calendars
>>> @given(work_calendars())
... def test_calendars_are_values(cal):
...     assert cal.fingerprint == cal.with_days_off().fingerprint
>>> test_calendars_are_values()
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "hanhchinh.testing needs Hypothesis: pip install 'hanhchinh[testing]'"
    ) from exc

from hanhchinh.calendar import (
    DayOff,
    HoursRule,
    MakeUpDay,
    OfficeHours,
    WorkCalendar,
    vietnam_public_sector,
)

__all__ = ["aware_datetimes", "days_off", "office_hours", "work_calendars"]

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@st.composite
def office_hours(draw: st.DrawFn, *, max_sessions: int = 3) -> OfficeHours:
    """Valid office hours of 1..*max_sessions* sessions on a 15-minute grid.

    Shrinks towards one session starting at midnight and lasting 15 minutes.
    """
    if max_sessions < 1:
        raise InvalidArgument(f"max_sessions={max_sessions!r} must be at least 1")
    count = draw(st.integers(1, max_sessions))
    cuts = sorted(draw(st.sets(st.integers(0, 95), min_size=2 * count, max_size=2 * count)))
    sessions = tuple(
        (
            time(cuts[2 * k] // 4, cuts[2 * k] % 4 * 15),
            time(cuts[2 * k + 1] // 4, cuts[2 * k + 1] % 4 * 15),
        )
        for k in range(count)
    )
    return OfficeHours(sessions)


@st.composite
def days_off(
    draw: st.DrawFn, *, min_value: date = date(2019, 1, 1), max_value: date = date(2030, 12, 31)
) -> DayOff:
    """A local day off (a closure) between the bounds; shrinks towards *min_value*."""
    if max_value < min_value:
        raise InvalidArgument(f"max_value={max_value!r} is before min_value={min_value!r}")
    day = draw(st.dates(min_value, max_value))
    return DayOff(date=day, name="local closure", name_vi="nghỉ theo quyết định địa phương")


@st.composite
def work_calendars(
    draw: st.DrawFn,
    *,
    min_value: date = date(2019, 1, 1),
    max_value: date = date(2030, 12, 31),
    max_changes: int = 4,
) -> WorkCalendar:
    """The national calendar with up to *max_changes* local closures, make-up Saturdays and
    office-hours rules; shrinks towards the unchanged national calendar."""
    if max_changes < 0:
        raise InvalidArgument(f"max_changes={max_changes!r} must not be negative")
    cal = vietnam_public_sector()
    closures = draw(
        st.lists(days_off(min_value=min_value, max_value=max_value), max_size=max_changes)
    )
    cal = cal.with_days_off(*closures)
    saturdays = draw(st.lists(st.dates(min_value, max_value), max_size=max_changes))
    make_up = [MakeUpDay(date=d, name="local make-up day") for d in saturdays if d.weekday() == 5]
    cal = cal.with_working_days(*make_up)
    for _ in range(draw(st.integers(0, min(max_changes, 2)))):
        hours = draw(office_hours())
        start = draw(st.dates(min_value, max_value))
        cal = cal.with_hours(HoursRule(hours=hours, start=start, name="local hours"))
    return cal


def aware_datetimes(
    *,
    min_value: datetime = datetime(2019, 1, 1),  # noqa: DTZ001 - naive bounds, as st.datetimes takes them
    max_value: datetime = datetime(2030, 12, 31),  # noqa: DTZ001
) -> st.SearchStrategy[datetime]:
    """Aware instants in Vietnam's zone or UTC; shrinks towards *min_value* in Vietnam."""
    if max_value < min_value:
        raise InvalidArgument(f"max_value={max_value!r} is before min_value={min_value!r}")
    return st.datetimes(min_value, max_value, timezones=st.sampled_from([VN, ZoneInfo("UTC")])).map(
        lambda t: t.replace(microsecond=t.microsecond // 1000 * 1000)
    )


def _register() -> None:
    """Hypothesis entry point: teach ``st.from_type`` hanhchinh's types."""
    st.register_type_strategy(OfficeHours, office_hours())
    st.register_type_strategy(WorkCalendar, work_calendars())
    st.register_type_strategy(DayOff, days_off())
