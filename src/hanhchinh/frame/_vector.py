"""The vector kernel: prefix-sum tables of a WorkCalendar as numpy arrays (private)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, Final, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from hanhchinh.calendar._work import Boundary, WorkCalendar
from hanhchinh.errors import (
    InvalidDurationError,
    MissingValueError,
    NaiveDatetimeError,
    OutOfCalendarRangeError,
    UnsupportedZoneError,
)

__all__ = [
    "VectorCalendar",
    "add_working_days",
    "add_working_time",
    "is_working_day",
    "working_days_between",
    "working_time_between",
]

Int64Array: TypeAlias = npt.NDArray[np.int64]
DateArray: TypeAlias = npt.NDArray[np.datetime64]
CountArray: TypeAlias = npt.NDArray[np.int64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]
DurationArray: TypeAlias = npt.NDArray[np.timedelta64]

#: The only zone the vector hours kernel supports: a fixed UTC+7 since 13 June 1975.
VN_ZONE: Final = "Asia/Ho_Chi_Minh"
#: From this local date on, Asia/Ho_Chi_Minh is UTC+7 without daylight saving (tzdata: the
#: change from +08 happened at 1975-06-13 00:00 local time).
FIXED_OFFSET_SINCE: Final = date(1975, 6, 13)
_OFFSET_US: Final = 7 * 3_600_000_000
_US_PER_DAY: Final = 86_400_000_000
_EPOCH: Final = date(1970, 1, 1).toordinal()
_INTEGER_KINDS: Final = "iu"


class _FarDate(date):
    """A date numpy can hold but Python cannot (year < 1 or > 9999), for error messages."""

    text: str

    def __new__(cls, text: str) -> _FarDate:
        low = text.startswith("-") or len(text.split("-")[0]) < 4
        self = super().__new__(cls, 1, 1, 1) if low else super().__new__(cls, 9999, 12, 31)
        self.text = text
        return self

    def isoformat(self) -> str:
        return self.text

    def __reduce__(self) -> tuple[Any, ...]:
        return (_FarDate, (self.text,))


def _day_value(day: int) -> date:
    """Days since 1970-01-01 as a date (for messages), even beyond Python's date range."""
    if -719_162 <= day <= 2_932_896:  # 0001-01-01 .. 9999-12-31
        return date.fromordinal(day + _EPOCH)
    return _FarDate(str(np.datetime64(day, "D")))


def _at(name: str, shape: tuple[int, ...], flat: int) -> str:
    """``dates[3]`` or ``dates[1, 2]`` for the *flat*-th element of an array of *shape*."""
    if not shape:
        return name
    index = np.unravel_index(flat, shape)
    return f"{name}[{', '.join(str(int(i)) for i in index)}]"


def _position(shape: tuple[int, ...], flat: int) -> str:
    """``"at position 5, "`` (or ``(1, 2)``) for the *flat*-th element of a result of *shape*."""
    if not shape:
        return ""
    if len(shape) == 1:
        return f"at position {flat}, "
    return f"at position {tuple(int(i) for i in np.unravel_index(flat, shape))}, "


def _first(mask: BoolArray) -> int:
    return int(np.flatnonzero(mask)[0])


class _Tables:
    """The numpy form of a calendar's kernel (read-only arrays; see ``WorkCalendar._t``)."""

    __slots__ = (
        "base",
        "bucket",
        "bucket_us",
        "cumi",
        "cumt",
        "cumt_h",
        "cumtw",
        "day_us",
        "end_h",
        "ends_w",
        "first",
        "first_h",
        "hbase",
        "hn",
        "last",
        "n",
        "nwork",
        "offsets_w",
        "sessions",
        "shift_cum",
        "start_h",
        "total",
        "tz",
        "uniform",
        "wdays",
        "working",
        "working_h",
        "zone",
    )

    base: int  # days since 1970-01-01 of the first day
    n: int
    nwork: int
    first: date
    last: date
    zone: str
    tz: tzinfo
    working: BoolArray  # [n]
    cumi: Int64Array  # [n]: working days up to and including day i (WorkCalendar cum[i + 1])
    wdays: Int64Array  # [nwork + 1]: days since epoch of each working day, then a sentinel
    # Hours. Local time is UTC + 7 h from day ``lo`` on; the "_h" tables start there.
    first_h: date
    hbase: int  # base + lo
    hn: int  # n - lo
    cumt: Int64Array  # [n + 1]: working µs before day i (WorkCalendar cumt)
    cumt_h: Int64Array  # cumt[lo:n]
    working_h: BoolArray  # working[lo:]
    total: int  # cumt[n]
    uniform: bool  # every working day has the same sessions
    # uniform: the sessions, their total length, and per session (working µs of the day up to
    # its end, its start minus the working µs before it)
    sessions: tuple[tuple[int, int], ...]
    day_us: int
    shift_cum: tuple[tuple[int, int], ...]
    # general: per session k (padded with empty sessions), start and end by day from lo on,
    # and by working day the two columns of ``shift_cum``
    start_h: tuple[Int64Array, ...]
    end_h: tuple[Int64Array, ...]
    ends_w: tuple[Int64Array, ...]
    offsets_w: tuple[Int64Array, ...]
    # general: working µs before each working day ([nwork + 2], two sentinels), and for each
    # bucket of ``bucket_us`` (the shortest day) the working day its start falls in: a day is
    # never shorter than a bucket, so the working day of any value is bucket[q] or the next.
    cumtw: Int64Array
    bucket_us: int
    bucket: Int64Array


def _frozen(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    array.setflags(write=False)
    return array


def _session_columns(hours: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """Per session: (working µs of the day up to its end, its start minus those before it)."""
    columns = []
    done = 0
    for s, e in hours:
        columns.append((done + e - s, s - done))
        done += e - s
    return columns


def _build(calendar: WorkCalendar) -> _Tables:
    t = calendar._t
    v = _Tables()
    v.base = t.base - _EPOCH
    v.n = t.n
    v.nwork = t.nwork
    v.first, v.last = t.first, t.last
    v.zone = calendar.zone
    v.tz = t.tz
    working = np.frombuffer(bytes(t.working), dtype=np.uint8).astype(np.bool_)
    v.working = _frozen(working)
    v.cumi = _frozen(np.array(t.cum[1:], dtype=np.int64))
    work_index = np.flatnonzero(working)
    v.wdays = _frozen(np.append(work_index + v.base, v.base + v.n).astype(np.int64))
    lo = min(max(0, FIXED_OFFSET_SINCE.toordinal() - t.base), t.n)
    v.first_h = max(t.first, FIXED_OFFSET_SINCE)
    v.hbase = v.base + lo
    v.hn = t.n - lo
    cumt = np.array(t.cumt, dtype=np.int64)
    v.cumt = _frozen(cumt)
    v.cumt_h = _frozen(cumt[lo : t.n])
    v.working_h = _frozen(working[lo:])
    v.total = int(cumt[t.n])
    kinds = sorted(set(t.day_hours) - {()})
    v.uniform = len(kinds) <= 1
    v.sessions = kinds[0] if kinds else ((0, 0),)
    v.day_us = sum(e - s for s, e in v.sessions) or 1  # 1: a calendar with no working day
    v.shift_cum = tuple(_session_columns(v.sessions))
    if v.uniform:
        return v
    # Several kinds of days: per-session tables, gathered by day or by working day.
    width = max(len(h) for h in kinds)
    code = {h: c for c, h in enumerate(kinds, start=1)}  # 0: no sessions (not working)
    codes = np.array([code.get(h, 0) for h in t.day_hours], dtype=np.intp)
    per_kind = np.zeros((4, width, len(kinds) + 1), dtype=np.int64)  # start, end, ends, offs
    for h, c in code.items():
        columns = _session_columns(h)
        for k in range(width):
            if k < len(h):
                per_kind[0, k, c], per_kind[1, k, c] = h[k]
                per_kind[2, k, c], per_kind[3, k, c] = columns[k]
            else:  # padding: an empty session no working time reaches
                per_kind[2, k, c] = columns[-1][0]
    by_day = per_kind[:, :, codes]  # [4, width, n]
    by_work = by_day[:, :, work_index]  # [4, width, nwork]
    v.start_h = tuple(_frozen(np.ascontiguousarray(row[lo:])) for row in by_day[0])
    v.end_h = tuple(_frozen(np.ascontiguousarray(row[lo:])) for row in by_day[1])
    v.ends_w = tuple(_frozen(np.ascontiguousarray(row)) for row in by_work[2])
    v.offsets_w = tuple(_frozen(np.ascontiguousarray(row)) for row in by_work[3])
    sentinel = np.iinfo(np.int64).max
    cumtw = np.append(cumt[work_index], [v.total, sentinel]).astype(np.int64)
    v.cumtw = _frozen(cumtw)
    v.bucket_us = min(sum(e - s for s, e in h) for h in kinds)
    starts = np.arange(v.total // v.bucket_us + 1, dtype=np.int64) * v.bucket_us
    v.bucket = _frozen(np.searchsorted(cumtw[: v.nwork + 1], starts, side="right") - 1)
    return v


def _check_range(
    idx: Int64Array,
    n: int,
    base: int,
    array: npt.NDArray[np.datetime64],
    name: str,
    kind: str,
    first: date,
    last: date,
) -> None:
    """Raise for the first index outside ``0..n-1``: NaT (MissingValueError) or a day outside
    the tables (OutOfCalendarRangeError). One pass: negative indices (and NaT, the smallest
    int64) become huge as unsigned."""
    if not idx.size or idx.view(np.uint64).max() < n:
        return
    flat = _first((idx.view(np.uint64) >= n).ravel())
    where = _at(name, array.shape, flat)
    if np.isnat(array.ravel()[flat]):
        raise MissingValueError(where, kind)
    value = _day_value(int(idx.ravel()[flat]) + base)
    what = where if kind == "date" else f"the local date of {where}"
    raise OutOfCalendarRangeError(value, first, last, what)


# ---------------------------------------------------------------------- input conversion
def _as_datetime64(
    values: object,
    name: str,
    unit: str,
    aware: Callable[[datetime], object],
    what: str,
    expected: str,
) -> npt.NDArray[np.datetime64]:
    """*values* as ``datetime64[unit]``; aware datetimes go through *aware*, naive ones are
    refused; *what* and *expected* word the errors."""
    array = np.asarray(values)
    kind = array.dtype.kind
    dtype = np.dtype(f"M8[{unit}]")
    if kind == "M":
        return array if array.dtype == dtype else array.astype(dtype)
    if kind in "US":
        return array.astype(dtype)
    if kind == "O":
        out = []
        for flat, value in enumerate(array.flat):
            if isinstance(value, datetime):
                tz = value.tzinfo
                if tz is None or tz.utcoffset(value) is None:
                    raise NaiveDatetimeError(_at(name, array.shape, flat), value)
                value = aware(value)
            out.append(value)
        try:
            return np.array(out, dtype=dtype).reshape(array.shape)
        except (TypeError, ValueError) as error:
            raise TypeError(
                f"{name} holds values that are not {what} ({error}); expected {expected}"
            ) from None
    raise TypeError(f"{name} has dtype {array.dtype}; expected {expected}")


def _as_dates(values: object, name: str, tables: _Tables) -> DateArray:
    """*values* as a ``datetime64[D]`` array (aware datetimes: their date in the zone)."""
    return _as_datetime64(
        values,
        name,
        "D",
        lambda value: value.astimezone(tables.tz).date(),
        "dates",
        "datetime64[D] dates (or datetime.date objects, or ISO strings)",
    )


def _as_instants(values: object, name: str) -> npt.NDArray[np.datetime64]:
    """*values* as ``datetime64[us]`` UTC (aware datetimes are converted, naive refused)."""
    return _as_datetime64(
        values,
        name,
        "us",
        lambda value: value.astimezone(UTC).replace(tzinfo=None),
        "instants",
        "datetime64 instants (read as UTC) or aware datetime.datetime objects",
    )


def _as_counts(days: object, nwork: int) -> tuple[int | Int64Array, object]:
    """Working-day counts: an ``int`` (scalar) or an int64 array, capped at ``nwork + 1``.

    The cap keeps the kernel free of overflow: any count above ``nwork`` is out of range
    anyway. Also returns the original values, for messages.
    """
    expected = "a whole number of working days >= 0"
    if type(days) is int:
        if days < 0:
            raise InvalidDurationError("days", days, expected)
        return min(days, nwork + 1), days
    array = np.asarray(days)
    if array.dtype.kind not in _INTEGER_KINDS:
        value: object = days if array.ndim == 0 else array.dtype
        name = "days" if array.ndim == 0 else "days.dtype"
        raise InvalidDurationError(name, value, f"{expected} (an integer dtype)")
    if array.ndim == 0:
        count = int(array)
        if count < 0:
            raise InvalidDurationError("days", count, expected)
        return min(count, nwork + 1), array
    if array.size == 0:
        return array.astype(np.int64), array
    if array.dtype.kind == "i" and array.min() < 0:
        flat = _first((array < 0).ravel())
        bad = int(array.ravel()[flat])
        raise InvalidDurationError(_at("days", array.shape, flat), bad, expected)
    if array.max() > nwork:
        return np.minimum(array, nwork + 1).astype(np.int64), array
    return array.astype(np.int64, copy=False), array


def _as_durations(duration: object) -> tuple[int | Int64Array, object]:
    """Durations as microseconds: an ``int`` (scalar) or an int64 array; never negative."""
    expected = "a timedelta >= 0"
    if type(duration) is timedelta:
        if duration < timedelta(0):
            raise InvalidDurationError("duration", duration, expected)
        micro = (duration.days * 86_400 + duration.seconds) * 1_000_000 + duration.microseconds
        return micro, duration
    array = np.asarray(duration)
    if array.dtype.kind == "O":
        try:
            array = array.astype("m8[us]")
        except (TypeError, ValueError):
            raise InvalidDurationError(
                "duration", duration, f"{expected} (timedelta64 or datetime.timedelta)"
            ) from None
    if array.dtype.kind != "m":
        value: object = duration if array.ndim == 0 else array.dtype
        name = "duration" if array.ndim == 0 else "duration.dtype"
        raise InvalidDurationError(name, value, f"{expected} (timedelta64 or datetime.timedelta)")
    if np.datetime_data(array.dtype)[0] in ("Y", "M"):
        raise InvalidDurationError(
            "duration.dtype", array.dtype, f"{expected} of fixed length (not months or years)"
        )
    values: Int64Array = array.astype("m8[us]").view(np.int64)
    if values.ndim == 0:
        if np.isnat(array):
            raise InvalidDurationError("duration", array[()], f"{expected}, not NaT")
        if int(values) < 0:
            raise InvalidDurationError("duration", array[()], expected)
        return int(values), array
    if values.size and values.min() < 0:  # NaT is the smallest int64, so this finds it too
        flat = _first((values < 0).ravel())
        bad = array.ravel()[flat]
        why = f"{expected}, not NaT" if np.isnat(bad) else expected
        raise InvalidDurationError(_at("duration", array.shape, flat), bad, why)
    return values, array


# ---------------------------------------------------------------------- the calendar
@attrs.frozen(repr=False)
class VectorCalendar:
    """A :class:`~hanhchinh.calendar.WorkCalendar` as read-only numpy tables, for arrays.

    Build it once with :meth:`of` and reuse it: every method is a handful of vectorised
    numpy operations (gathers from prefix sums, mostly in place), exact on make-up Saturdays,
    and gives element-wise what the scalar method of the same name gives. Inputs are never
    modified. Results are always arrays (0-dimensional for a scalar input). Equal calendars
    give equal ``VectorCalendar`` objects; pickling one sends only the calendar's definition.

    Attributes:
        calendar: The calendar the tables were built from.

    >>> import numpy as np
    >>> from hanhchinh.calendar import vietnam_public_sector
    >>> vc = VectorCalendar.of(vietnam_public_sector())
    >>> vc.is_working_day(np.array(["2024-05-04", "2024-05-05"], "datetime64[D]"))
    array([ True, False])
    """

    calendar: WorkCalendar
    _v: _Tables = attrs.field(init=False, repr=False, eq=False, hash=False, alias="_v")

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.calendar, WorkCalendar):
            raise TypeError(
                f"calendar={self.calendar!r} is not a WorkCalendar; "
                "expected e.g. vietnam_public_sector()"
            )
        object.__setattr__(self, "_v", _build(self.calendar))

    @classmethod
    def of(cls, calendar: WorkCalendar | VectorCalendar) -> VectorCalendar:
        """The vector form of *calendar* (returned as is if it already is one)."""
        if isinstance(calendar, VectorCalendar):
            return calendar
        return cls(calendar)

    def __reduce__(self) -> tuple[Any, ...]:
        return (VectorCalendar, (self.calendar,))

    def __repr__(self) -> str:
        cal = self.calendar
        return (
            f"VectorCalendar(<WorkCalendar {cal.name!r}, {cal.first_year}–{cal.last_year}, "
            f"fingerprint {cal.fingerprint[:12]}>)"
        )

    # ------------------------------------------------------------------ checks
    def _indices(self, dates: object, name: str) -> tuple[Int64Array, DateArray]:
        """(day indices into the tables, a new array; the dates), after the range check."""
        v = self._v
        array = _as_dates(dates, name, v)
        days = array.view(np.int64).reshape(-1) if array.ndim == 0 else array.view(np.int64)
        idx = np.subtract(days, v.base, out=np.empty(days.shape, np.int64))  # at least 1-d
        _check_range(idx, v.n, v.base, array, name, "date", v.first, v.last)
        return idx, array

    def _local(
        self, instants: object, name: str
    ) -> tuple[Int64Array, Int64Array, Int64Array, tuple[int, ...]]:
        """(µs UTC as given; day index from ``hbase``, µs since local midnight: new arrays;
        the shape given). The arrays are at least 1-d."""
        v = self._v
        if v.zone != VN_ZONE:
            raise UnsupportedZoneError(v.zone, VN_ZONE)
        array = _as_instants(instants, name)
        utc = array.view(np.int64).reshape(-1) if array.ndim == 0 else array.view(np.int64)
        us = np.add(utc, _OFFSET_US, out=np.empty(utc.shape, np.int64))  # at least 1-d
        day = np.empty_like(us)
        np.divmod(us, _US_PER_DAY, out=(day, us))
        day -= v.hbase
        _check_range(day, v.hn, v.hbase, array, name, "instant", v.first_h, v.last)
        return utc, day, us, array.shape

    def _positions(self, day: Int64Array, us: Int64Array) -> Int64Array:
        """Working µs from the calendar's start to each instant (*us* is used up)."""
        v = self._v
        if v.uniform:
            (s, e), *others = v.sessions
            done = np.clip(us, s, e, out=np.empty_like(us))
            done -= s
            for s, e in others:
                np.clip(us, s, e, out=us)
                us -= s
                done += us
            np.multiply(done, np.take(v.working_h, day), out=done)
        else:
            done = np.zeros(us.shape, dtype=np.int64)
            part = np.empty_like(us)
            for s_k, e_k in zip(v.start_h, v.end_h, strict=True):
                start = np.take(s_k, day)
                np.clip(us, start, np.take(e_k, day), out=part)
                part -= start
                done += part
        done += np.take(v.cumt_h, day, out=us, mode="clip")  # day is range-checked
        return done

    # ------------------------------------------------------------------ days
    def is_working_day(self, dates: object) -> BoolArray:
        """Whether each date is a working day (a make-up Saturday is one).

        Args:
            dates: ``datetime64[D]`` values, or anything ``numpy.asarray`` makes dates of.

        Returns:
            A boolean array of the same shape.

        Raises:
            OutOfCalendarRangeError: If a date falls outside the calendar.
            MissingValueError: If a date is NaT.

        >>> import numpy as np
        >>> from hanhchinh.calendar import vietnam_public_sector
        >>> vc = VectorCalendar.of(vietnam_public_sector())
        >>> vc.is_working_day(["2026-01-02", "2026-01-10", "2026-01-11"])
        array([False,  True, False])
        """
        idx, array = self._indices(dates, "dates")
        return np.take(self._v.working, idx, mode="clip").reshape(array.shape)

    def add_working_days(self, dates: object, days: object) -> DateArray:
        """The date *days* working days after each date (the start day is not counted).

        Same rule as :meth:`WorkCalendar.add_working_days`: counting begins the day after the
        start, whether or not the start is a working day, and ``days=0`` returns the start.
        Unlike ``numpy.busday_offset`` there is no ``roll``: a start on a day off is not moved.

        Args:
            dates: ``datetime64[D]`` values, or anything ``numpy.asarray`` makes dates of.
            days: An ``int`` or an integer array (broadcast against *dates*), never negative.

        Returns:
            ``datetime64[D]`` values, of the broadcast shape.

        Raises:
            InvalidDurationError: If a count is negative or not an integer.
            OutOfCalendarRangeError: If a date or a result falls outside the calendar.
            MissingValueError: If a date is NaT.

        >>> import numpy as np
        >>> from hanhchinh.calendar import vietnam_public_sector
        >>> vc = VectorCalendar.of(vietnam_public_sector())
        >>> start = np.array(["2025-04-25", "2025-04-25"], "datetime64[D]")
        >>> vc.add_working_days(start, np.array([1, 0]))  # Sat 26/4/2025 is worked
        array(['2025-04-26', '2025-04-25'], dtype='datetime64[D]')
        """
        v = self._v
        idx, array = self._indices(dates, "dates")
        count, original = _as_counts(days, v.nwork)
        zero = None
        shape = array.shape
        if isinstance(count, int):
            if count == 0:
                return np.array(array, copy=True)
            k = np.take(v.cumi, idx, out=idx, mode="clip")  # idx is range-checked
            k += count - 1
        else:
            k = np.take(v.cumi, idx, mode="clip")
            shape = np.broadcast_shapes(shape, count.shape)
            if k.shape != np.broadcast_shapes(k.shape, count.shape):
                k = np.array(np.broadcast_to(k, np.broadcast_shapes(k.shape, count.shape)))
            k += count
            k -= 1
            zero = np.broadcast_to(count == 0, k.shape)
        if k.size and k.max() >= v.nwork:
            bad = k >= v.nwork
            if zero is not None:
                bad &= ~zero
            flat = _first(bad.ravel())
            start = np.broadcast_to(array, k.shape).ravel()[flat]
            n = np.broadcast_to(np.asarray(original), k.shape).ravel()[flat]
            raise OutOfCalendarRangeError(
                _day_value(int(start.view(np.int64))),
                v.first,
                v.last,
                f"{_position(k.shape, flat)}the result of adding {int(n)} working days to",
            )
        out = np.take(v.wdays, k, out=k, mode="clip").view("M8[D]")
        if zero is not None and zero.any():
            np.copyto(out, np.broadcast_to(array, k.shape), where=zero)
        return out.reshape(shape)

    def working_days_between(self, start: object, end: object) -> CountArray:
        """Count the working days in ``(start, end]``, element-wise (negative if end < start).

        Args:
            start: ``datetime64[D]`` values (broadcast against *end*).
            end: ``datetime64[D]`` values (broadcast against *start*).

        Returns:
            ``int64`` counts, of the broadcast shape.

        >>> import numpy as np
        >>> from hanhchinh.calendar import vietnam_public_sector
        >>> vc = VectorCalendar.of(vietnam_public_sector())
        >>> vc.working_days_between(["2024-04-26", "2024-05-06"], ["2024-05-06", "2024-04-26"])
        array([ 4, -4])
        """
        v = self._v
        i, first = self._indices(start, "start")
        j, last = self._indices(end, "end")
        shape = np.broadcast_shapes(first.shape, last.shape)
        a = np.take(v.cumi, i, out=i, mode="clip")
        b = np.take(v.cumi, j, out=j, mode="clip")
        if b.shape == np.broadcast_shapes(a.shape, b.shape):
            b -= a
            return b.reshape(shape)
        return (b - a).reshape(shape)

    # ------------------------------------------------------------------ hours
    def working_time_between(self, start: object, end: object) -> DurationArray:
        """The working time in ``[start, end)``, element-wise; negative if end < start.

        Args:
            start: ``datetime64`` instants, read as UTC (see the module notes), broadcast
                against *end*.
            end: ``datetime64`` instants, read as UTC, broadcast against *start*.

        Returns:
            ``timedelta64[us]`` values, of the broadcast shape.

        Raises:
            OutOfCalendarRangeError: If an instant falls outside the calendar.
            MissingValueError: If an instant is NaT.
            UnsupportedZoneError: If the calendar's zone is not Asia/Ho_Chi_Minh.

        >>> import numpy as np
        >>> from hanhchinh.calendar import vietnam_public_sector
        >>> vc = VectorCalendar.of(vietnam_public_sector())
        >>> a = np.array(["2026-02-13T02:00"], "datetime64[m]")  # Friday 09:00 in Hà Nội
        >>> vc.working_time_between(a, a + np.timedelta64(10, "D")).astype("m8[h]")
        array([8], dtype='timedelta64[h]')
        """
        _, da, ua, sa = self._local(start, "start")
        _, db, ub, sb = self._local(end, "end")
        shape = np.broadcast_shapes(sa, sb)
        a = self._positions(da, ua)
        b = self._positions(db, ub)
        if b.shape == np.broadcast_shapes(a.shape, b.shape):
            b -= a
            return b.view("m8[us]").reshape(shape)
        return (b - a).view("m8[us]").reshape(shape)

    def add_working_time(
        self, instants: object, duration: object, *, boundary: Boundary = Boundary.CLOSE
    ) -> npt.NDArray[np.datetime64]:
        """The instant at which *duration* of working time from each instant is used up.

        Same rule as :meth:`WorkCalendar.add_working_time`: time outside office hours does not
        count, and a result exactly at a closing time is that closing time
        (:attr:`Boundary.CLOSE`) unless ``boundary=Boundary.NEXT_OPENING``. A zero duration
        returns the instant itself.

        Args:
            instants: ``datetime64`` values, read as UTC (local time is UTC + 7 h).
            duration: A ``timedelta64`` or ``datetime.timedelta``, or an array of them
                (broadcast against *instants*), never negative.
            boundary: Where a result that ends exactly at a closing time lands.

        Returns:
            ``datetime64[us]`` values, UTC, of the broadcast shape.

        Raises:
            InvalidDurationError: If a duration is negative, NaT or not a duration.
            OutOfCalendarRangeError: If an instant or a result falls outside the calendar.
            MissingValueError: If an instant is NaT.
            UnsupportedZoneError: If the calendar's zone is not Asia/Ho_Chi_Minh.

        >>> import numpy as np
        >>> from hanhchinh.calendar import vietnam_public_sector
        >>> vc = VectorCalendar.of(vietnam_public_sector())
        >>> start = np.array(["2026-02-13T01:00"], "datetime64[m]")  # Fri 08:00 local; Tết next
        >>> vc.add_working_time(start, np.timedelta64(8, "h"))  # 17:00 local that Friday
        array(['2026-02-13T10:00:00.000000'], dtype='datetime64[us]')
        >>> vc.add_working_time(start, np.timedelta64(8, "h"), boundary=Boundary.NEXT_OPENING)
        array(['2026-02-23T01:00:00.000000'], dtype='datetime64[us]')
        """
        v = self._v
        utc, day, us, shape = self._local(instants, "instants")
        micro, _ = _as_durations(duration)
        if isinstance(micro, int) and micro == 0:
            return np.array(utc.view("M8[us]"), copy=True).reshape(shape)
        target = self._positions(day, us)  # a new array; *us* is used up
        zero = None
        if isinstance(micro, int):
            target += min(micro, v.total + 1)  # the cap keeps int64 from overflowing
        else:
            capped = np.minimum(micro, v.total + 1)
            shape = np.broadcast_shapes(shape, capped.shape)
            full = np.broadcast_shapes(target.shape, capped.shape)
            if target.shape != full:
                target = np.array(np.broadcast_to(target, full))
            target += capped
            zero = np.broadcast_to(micro == 0, full)
        close = boundary is Boundary.CLOSE
        # x: the working-time offset whose working day and place in it we look up. With
        # CLOSE a target exactly at a day's end belongs to that day, so look up target - 1
        # and add the 1 back (rest in (0, length]); with NEXT_OPENING rest is in [0, length).
        x = target
        if close:
            x -= 1
        if x.size and x.max() >= v.total:
            bad = x >= v.total
            if zero is not None:
                bad &= ~zero
            if bad.any():
                flat = _first(bad.ravel())
                at = int(np.broadcast_to(utc, x.shape).ravel()[flat])
                amount = int(np.broadcast_to(micro, x.shape).ravel()[flat])
                raise OutOfCalendarRangeError(
                    _day_value((at + _OFFSET_US) // _US_PER_DAY),
                    v.first,
                    v.last,
                    f"{_position(x.shape, flat)}the result of adding "
                    f"{timedelta(microseconds=amount)} of working time to",
                )
        w = day if day.shape == x.shape else np.empty_like(x)  # reuse a buffer
        if v.uniform:
            # Every working day is as long: the working day is a division.
            np.divmod(x, v.day_us, out=(w, x))
            rest = x
            if close:
                rest += 1
            # The session the rest falls in, by nested masks (scalars, no gathers).
            masks = [rest <= end if close else rest < end for end, _ in v.shift_cum[:-1]]
            shifts = [shift for _, shift in v.shift_cum]
            rest += shifts[-1]
            for k in range(len(masks) - 1, -1, -1):
                np.add(rest, shifts[k] - shifts[k + 1], out=rest, where=masks[k])
        else:
            # The working day is bucket[x // bucket_us] or the one after it.
            np.floor_divide(x, v.bucket_us, out=w)
            np.take(v.bucket, w, out=w, mode="clip")
            before = np.take(v.cumtw, w + 1, mode="clip")
            w += before <= x
            x -= np.take(v.cumtw, w, out=before, mode="clip")
            rest = x
            if close:
                rest += 1
            width = len(v.offsets_w)
            shift = np.take(v.offsets_w[width - 1], w, mode="clip")
            for k in range(width - 2, -1, -1):
                ends = np.take(v.ends_w[k], w, mode="clip")
                inside = rest <= ends if close else rest < ends
                np.copyto(shift, np.take(v.offsets_w[k], w, mode="clip"), where=inside)
            rest += shift
        out = np.take(v.wdays, w, out=w, mode="clip")
        out *= _US_PER_DAY
        out += rest
        out -= _OFFSET_US
        result = out.view("M8[us]")
        if zero is not None and zero.any():
            np.copyto(result, np.broadcast_to(utc.view("M8[us]"), result.shape), where=zero)
        return result.reshape(shape)


# ---------------------------------------------------------------------- module functions
def is_working_day(calendar: WorkCalendar | VectorCalendar, dates: object) -> BoolArray:
    """:meth:`VectorCalendar.is_working_day` for *calendar* (tables built on each call).

    >>> from hanhchinh.calendar import vietnam_public_sector
    >>> is_working_day(vietnam_public_sector(), ["2024-05-04"])
    array([ True])
    """
    return VectorCalendar.of(calendar).is_working_day(dates)


def add_working_days(
    calendar: WorkCalendar | VectorCalendar, dates: object, days: object
) -> DateArray:
    """:meth:`VectorCalendar.add_working_days` for *calendar* (tables built on each call).

    >>> import numpy as np
    >>> from hanhchinh.calendar import vietnam_public_sector
    >>> add_working_days(vietnam_public_sector(), np.array(["2024-05-02"], "datetime64[D]"), 2)
    array(['2024-05-04'], dtype='datetime64[D]')
    """
    return VectorCalendar.of(calendar).add_working_days(dates, days)


def working_days_between(
    calendar: WorkCalendar | VectorCalendar, start: object, end: object
) -> CountArray:
    """:meth:`VectorCalendar.working_days_between` for *calendar* (tables built on each call).

    >>> from hanhchinh.calendar import vietnam_public_sector
    >>> working_days_between(vietnam_public_sector(), ["2026-01-01"], ["2026-01-12"])
    array([7])
    """
    return VectorCalendar.of(calendar).working_days_between(start, end)


def add_working_time(
    calendar: WorkCalendar | VectorCalendar,
    instants: object,
    duration: object,
    *,
    boundary: Boundary = Boundary.CLOSE,
) -> npt.NDArray[np.datetime64]:
    """:meth:`VectorCalendar.add_working_time` for *calendar* (tables built on each call).

    >>> import numpy as np
    >>> from hanhchinh.calendar import vietnam_public_sector
    >>> start = np.array(["2024-05-03T08:00"], "datetime64[m]")  # Fri 15:00 local
    >>> add_working_time(vietnam_public_sector(), start, np.timedelta64(4, "h"))  # Sat worked
    array(['2024-05-04T03:00:00.000000'], dtype='datetime64[us]')
    """
    return VectorCalendar.of(calendar).add_working_time(instants, duration, boundary=boundary)


def working_time_between(
    calendar: WorkCalendar | VectorCalendar, start: object, end: object
) -> DurationArray:
    """:meth:`VectorCalendar.working_time_between` for *calendar* (tables built on each call).

    >>> import numpy as np
    >>> from hanhchinh.calendar import vietnam_public_sector
    >>> a = np.array(["2024-05-03T01:00"], "datetime64[m]")  # Fri 08:00 local
    >>> working_time_between(vietnam_public_sector(), a, a + np.timedelta64(2, "D")).astype("m8[h]")
    array([16], dtype='timedelta64[h]')
    """
    return VectorCalendar.of(calendar).working_time_between(start, end)
