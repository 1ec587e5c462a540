"""Vector forms of the working calendar, over numpy arrays (the ``[frame]`` extra).

Every function here gives, element by element, exactly what the scalar
:class:`~hanhchinh.calendar.WorkCalendar` method of the same name gives — make-up Saturdays
(ngày làm bù) included, which ``numpy.busday_offset``, pandas and polars cannot express — but for
a million values at a time, in C.

Build a :class:`VectorCalendar` once per calendar and reuse it; the module-level functions
take a ``WorkCalendar`` (or a ``VectorCalendar``) and build the tables on every call (about a
millisecond), which is convenient for one-off calls.

Conventions (the scalar ones, see :class:`~hanhchinh.calendar.WorkCalendar`):

* **Dates** are ``datetime64[D]`` arrays, or anything ``numpy.asarray(x, "datetime64[D]")``
  accepts (lists of :class:`datetime.date`, ISO strings). A ``datetime64`` with a time part is
  cut to its date by numpy, **with no zone conversion**; Python :class:`datetime.datetime`
  values in an object array are converted to the calendar's zone first, like the scalar API.
* **Instants** are ``datetime64`` values read as **UTC** (numpy has no zones). The calendar's
  zone must be ``Asia/Ho_Chi_Minh``, which has been UTC+7 with no daylight saving since
  13 June 1975, so local time is UTC + 7 h; any other zone raises ``ValueError``, and instants
  whose local date is before 1975-06-13 are out of range. Results are ``datetime64[us]``, UTC.
  Sub-microsecond parts are dropped (floored), as in a Python ``datetime``. For a zone-aware
  pandas column pass ``series.dt.tz_convert(None).to_numpy()``.
* **Durations** are ``timedelta64`` values or :class:`datetime.timedelta`; plain integers are
  refused (their unit would be a guess).
* **Errors**: a date or result outside the calendar raises
  :class:`~hanhchinh.errors.OutOfCalendarRangeError` naming the first offending element
  (``dates[3]``) and the range; a negative or NaT count or duration raises
  :class:`~hanhchinh.errors.InvalidDurationError`; a NaT (missing) date or instant raises a
  plain ``ValueError`` saying which element — drop or fill missing values before calling.
  Nothing is ever returned as NaT.

>>> import numpy as np
>>> from hanhchinh.calendar import vietnam_public_sector
>>> from hanhchinh.frame import VectorCalendar
>>> vc = VectorCalendar.of(vietnam_public_sector())
>>> vc.add_working_days(np.array(["2024-05-02", "2026-01-09"], "datetime64[D]"), 2)
array(['2024-05-04', '2026-01-12'], dtype='datetime64[D]')

Tables of period reports and of the register (``report_frame``, ``register_frame``,
``register_rows``, ``register_csv``, ``write_xlsx``): ``docs/tables.md``.

Implementation note: the tables are read from the calendar's private kernel
(``WorkCalendar._t``), which this subpackage is allowed to do as part of ``hanhchinh``.
"""

from __future__ import annotations

try:
    import numpy  # noqa: F401  (the import is the check)
except ImportError as error:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        "hanhchinh.frame needs numpy, which is not installed: pip install 'hanhchinh[frame]'"
    ) from error

from hanhchinh.frame._tables import (
    REGISTER_HEADERS_VI,
    register_csv,
    register_frame,
    register_rows,
    report_frame,
    write_xlsx,
)
from hanhchinh.frame._vector import (
    VectorCalendar,
    add_working_days,
    add_working_time,
    is_working_day,
    working_days_between,
    working_time_between,
)

__all__ = [
    "REGISTER_HEADERS_VI",
    "VectorCalendar",
    "add_working_days",
    "add_working_time",
    "is_working_day",
    "register_csv",
    "register_frame",
    "register_rows",
    "report_frame",
    "working_days_between",
    "working_time_between",
    "write_xlsx",
]
