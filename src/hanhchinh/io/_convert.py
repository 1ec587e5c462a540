"""The cattrs converter: every public type to JSON-ready values and back, with no loss.

The wire conventions (``docs/io.md`` lists them with examples):

- an aware datetime is an RFC 3339 string with its UTC offset, followed by the IANA zone in
  brackets when it has one (RFC 9557): ``2026-01-09T16:55:00+07:00[Asia/Ho_Chi_Minh]``;
- a date, a time: ISO 8601 (``2026-01-09``, ``16:55:00``); a timedelta: an ISO 8601 duration in
  days and seconds (``P1DT3600S``, ``-PT0.5S``);
- a Fraction: the string ``"1/2"`` (exact); an ``int | Fraction`` count stays a JSON integer when
  it is whole, and a JSON float is refused (it could not be exact);
- an enum: its value, a stable lower-case string;
- a frozenset: a sorted array; a tuple: an array;
- a processing time and an event: an object tagged with ``"type"`` (the class name);
- a top-level document: the object with ``"schema_version"`` and ``"type"``.

Strings, integers and booleans are strict (``5`` is not read as ``"5"``), and unknown keys are
refused, so that no value is guessed and none is dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta, timezone
from fractions import Fraction
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hanhchinh.calendar import (
    DayOff,
    HoursRule,
    MakeUpDay,
    OfficeHours,
    WorkCalendar,
    Workweek,
)
from hanhchinh.dossiers import (
    Digitised,
    Dossier,
    Event,
    FeePaid,
    Paused,
    Received,
    Rejected,
    Rescheduled,
    ResultReady,
    Resumed,
    Returned,
    StepCompleted,
    Stopped,
    Submitted,
    Supplemented,
    SupplementRequested,
    Transferred,
    Withdrawn,
    WorkflowPolicy,
)
from hanhchinh.errors import DocumentError, HanhChinhError, SchemaVersionError
from hanhchinh.legal import LegalReference
from hanhchinh.procedures import (
    CalendarDays,
    CalendarHours,
    Catalog,
    ChannelTime,
    Conditional,
    Exemption,
    Fee,
    Procedure,
    ProcessingTime,
    SameDay,
    Step,
    Tier,
    WorkingDays,
    WorkingHours,
)
from hanhchinh.sla import (
    ClockEntry,
    CountingRule,
    Deadline,
    Judgement,
    ReceptionRule,
    ReschedulePolicy,
    SlaClock,
    Standing,
    StepDeadline,
    deadline,
)

try:
    import cattrs
    from cattrs.errors import ClassValidationError, IterableValidationError
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "hanhchinh.io needs cattrs, which is not installed: pip install 'hanhchinh[io]'"
    ) from exc

__all__ = [
    "EVENT_TYPES",
    "PROCESSING_TIME_TYPES",
    "SCHEMA_VERSION",
    "WIRE_TYPES",
    "ClassValidationError",
    "IterableValidationError",
    "converter",
    "from_dict",
    "to_dict",
]

T = TypeVar("T")

SCHEMA_VERSION: Final = 1
"""The version of the wire format this release writes and reads."""

PROCESSING_TIME_TYPES: Final[Mapping[str, type[ProcessingTime]]] = {
    c.__name__: c
    for c in (WorkingDays, WorkingHours, CalendarDays, CalendarHours, SameDay, Conditional)
}
"""The processing-time classes by their ``"type"`` tag."""

EVENT_TYPES: Final[Mapping[str, type[Event]]] = {
    c.__name__: c
    for c in (
        Submitted,
        Received,
        SupplementRequested,
        Supplemented,
        Rejected,
        Transferred,
        StepCompleted,
        Paused,
        Resumed,
        Rescheduled,
        ResultReady,
        Returned,
        Withdrawn,
        Stopped,
        FeePaid,
        Digitised,
    )
}
"""The dossier event classes by their ``"type"`` tag."""

WIRE_TYPES: Final[Mapping[str, type[Any]]] = (
    {
        c.__name__: c
        for c in (
            LegalReference,
            Tier,
            Exemption,
            Fee,
            ChannelTime,
            Step,
            Procedure,
            Catalog,
            OfficeHours,
            HoursRule,
            Workweek,
            DayOff,
            MakeUpDay,
            WorkCalendar,
            CountingRule,
            ReceptionRule,
            ReschedulePolicy,
            Deadline,
            ClockEntry,
            SlaClock,
            Judgement,
            Standing,
            StepDeadline,
            WorkflowPolicy,
            Dossier,
        )
    }
    | dict(PROCESSING_TIME_TYPES)
    | dict(EVENT_TYPES)
)
"""Every type a top-level document may hold, by its ``"type"`` tag."""


# ---------------------------------------------------------------- scalars
_ZONE = re.compile(r"^(?P<stamp>[^\[\]]+)(?:\[(?P<zone>[A-Za-z0-9_+\-/]+)\])?$")
_DURATION = re.compile(
    r"^(?P<sign>-)?P(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?"
    r"(?:(?P<s>\d+(?:\.\d{1,6})?)S)?)?$"
)
_FRACTION = re.compile(r"^-?\d+/[1-9]\d*$")


def _expect(value: object, kind: type | tuple[type, ...], expected: str) -> None:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ValueError(f"{value!r} is not {expected}")


def datetime_text(value: datetime) -> str:
    """An aware datetime as RFC 3339 with its offset, plus ``[zone]`` when it has an IANA zone."""
    tz = value.tzinfo
    if tz is None or tz.utcoffset(value) is None:
        raise ValueError(f"{value!r} is naive; expected an aware datetime")
    text = value.isoformat()
    if isinstance(tz, ZoneInfo) and tz.key:
        text += f"[{tz.key}]"
    return text


def parse_datetime(value: object) -> datetime:
    """Read :func:`datetime_text` back; the offset must match the zone at that instant."""
    _expect(value, str, "a string; expected an aware ISO 8601 datetime")
    assert isinstance(value, str)
    m = _ZONE.match(value)
    if m is None:
        raise ValueError(f"{value!r} is not an ISO 8601 datetime with an optional [zone]")
    try:
        stamp = datetime.fromisoformat(m["stamp"])
    except ValueError:
        raise ValueError(
            f"{value!r} is not an ISO 8601 datetime; expected e.g. 2026-01-09T16:55:00+07:00"
        ) from None
    if stamp.tzinfo is None:
        raise ValueError(
            f"{value!r} has no UTC offset; expected an aware ISO 8601 datetime "
            "such as 2026-01-09T16:55:00+07:00"
        )
    zone = m["zone"]
    if zone is None:
        return stamp
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"{value!r} names the unknown zone {zone!r}; expected an IANA zone"
        ) from None
    local = stamp.replace(tzinfo=tz)
    for candidate in (local, local.replace(fold=1)):
        if candidate.utcoffset() == stamp.utcoffset():
            return candidate
    raise ValueError(
        f"{value!r}: the offset {stamp.utcoffset()} does not match {zone} at that time "
        f"({local.utcoffset()}); expected the zone's own offset"
    )


def duration_text(value: timedelta) -> str:
    """A timedelta as an ISO 8601 duration in days and seconds (``P1DT3600S``)."""
    sign = "-" if value < timedelta(0) else ""
    value = abs(value)
    text = f"{sign}P"
    if value.days:
        text += f"{value.days}D"
    if value.seconds or value.microseconds or not value.days:
        seconds = str(value.seconds)
        if value.microseconds:
            seconds += f".{value.microseconds:06d}".rstrip("0")
        text += f"T{seconds}S"
    return text


def parse_duration(value: object) -> timedelta:
    """Read an ISO 8601 duration of days, hours, minutes and seconds."""
    _expect(value, str, "a string; expected an ISO 8601 duration such as PT4H")
    assert isinstance(value, str)
    m = _DURATION.match(value)
    if m is None or value in ("P", "-P") or value.endswith("T"):
        raise ValueError(f"{value!r} is not an ISO 8601 duration; expected e.g. P1DT3600S")
    out = timedelta(
        days=int(m["d"] or 0),
        hours=int(m["h"] or 0),
        minutes=int(m["m"] or 0),
        seconds=float(0),
    )
    if m["s"]:
        whole, _, frac = m["s"].partition(".")
        out += timedelta(seconds=int(whole), microseconds=int(frac.ljust(6, "0") or 0))
    return -out if m["sign"] else out


def _parse_iso(kind: type[T], example: str) -> Callable[[object, object], T]:
    def parse(value: object, _: object) -> T:
        _expect(value, str, f"a string; expected an ISO 8601 {kind.__name__} like {example}")
        assert isinstance(value, str)
        try:
            out = kind.fromisoformat(value)  # type: ignore[attr-defined]
        except ValueError:
            raise ValueError(
                f"{value!r} is not an ISO 8601 {kind.__name__}; expected e.g. {example}"
            ) from None
        if kind is date and len(value) != 10:
            raise ValueError(f"{value!r} is not a date YYYY-MM-DD")
        return out  # type: ignore[no-any-return]

    return parse


def _parse_fraction(value: object, _: object) -> Fraction:
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    _expect(value, str, "a fraction string like '1/2'")
    assert isinstance(value, str)
    if not _FRACTION.match(value):
        raise ValueError(f"{value!r} is not a fraction; expected a string like '1/2'")
    return Fraction(value)


def _parse_count(value: object, _: object) -> int | Fraction:
    if isinstance(value, float):
        raise ValueError(
            f"{value!r} is a JSON float, which cannot be exact; expected an integer or a "
            "fraction string like '1/2'"
        )
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    f = _parse_fraction(value, None)
    return f.numerator if f.denominator == 1 else f


def _strict(kind: type[T], expected: str) -> Callable[[object, object], T]:
    def parse(value: object, _: object) -> T:
        _expect(value, kind, expected)
        return value  # type: ignore[return-value]

    return parse


# ---------------------------------------------------------------- tagged unions
def _tagged(
    conv: cattrs.Converter, family: Mapping[str, type[Any]], what: str
) -> tuple[Callable[[Any], dict[str, Any]], Callable[[object, object], Any]]:
    # Built on first use, once every hook is registered (a nested processing time needs it).
    @functools.cache
    def plain_un(name: str) -> Callable[[Any], dict[str, Any]]:
        return cattrs.gen.make_dict_unstructure_fn(family[name], conv)

    @functools.cache
    def plain_st(name: str) -> Callable[[Any, Any], Any]:
        return cattrs.gen.make_dict_structure_fn(
            family[name], conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
        )

    def unstructure(obj: Any) -> dict[str, Any]:
        cls = type(obj)
        name = cls.__name__
        if family.get(name) is not cls:
            raise TypeError(f"{obj!r} is not one of the {what} types {sorted(family)}")
        return {"type": name, **plain_un(name)(obj)}

    def structure(value: object, _: object) -> Any:
        if not isinstance(value, Mapping):
            raise ValueError(f"{value!r} is not an object; expected a {what} with a 'type'")
        tag = value.get("type")
        if not isinstance(tag, str) or tag not in family:
            raise _PathError("type", f"{tag!r} is not a {what}; expected one of {sorted(family)}")
        body = {k: v for k, v in value.items() if k != "type"}
        return plain_st(tag)(body, family[tag])

    return unstructure, structure


def _structure_dossier(conv: cattrs.Converter) -> Callable[[object, object], Dossier]:
    """Rebuild a dossier event by event, so that a refused event is named by its index."""
    plain = cattrs.gen.make_dict_structure_fn(
        Dossier, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def structure(value: object, _: object) -> Dossier:
        if not isinstance(value, Mapping):
            raise ValueError(f"{value!r} is not an object; expected a dossier")
        events = value.get("events", [])
        empty = plain({**value, "events": []}, Dossier)
        if not isinstance(events, list):
            raise _PathError("events", f"{events!r} is not an array; expected the events")
        out = empty
        for i, item in enumerate(events):
            try:
                event = conv.structure(item, Event)
            except ClassValidationError as exc:
                raise _nested(exc, f"events[{i}]") from exc
            except (ValueError, TypeError) as exc:
                raise _PathError(f"events[{i}]", str(exc)) from exc
            try:
                out = out.apply(event)
            except HanhChinhError as exc:
                raise _PathError(f"events[{i}]", str(exc)) from exc
        return out

    return structure


def _structure_deadline(conv: cattrs.Converter) -> Callable[[object, object], Deadline]:
    """Read a deadline and check it against the engine: a document cannot claim another
    appointment than its calendar and rules give."""
    plain = cattrs.gen.make_dict_structure_fn(
        Deadline, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def structure(value: object, _: object) -> Deadline:
        if not isinstance(value, Mapping):
            raise ValueError(f"{value!r} is not an object; expected a deadline")
        d = plain(value, Deadline)
        again = deadline(
            d.processing_time,
            d.received_at,
            d.calendar,
            rule=d.rule,
            reception=d.reception,
            longer=d.longer,
        )
        for name in ("starts_at", "due_at", "due_date"):
            claimed, computed = getattr(d, name), getattr(again, name)
            if claimed != computed:
                raise _PathError(
                    name,
                    f"{claimed.isoformat()} does not agree with the calendar and rules given; "
                    f"expected {computed.isoformat()}",
                )
        return d

    return structure


class _PathError(ValueError):
    """A problem at a path below the value being structured (joined into the JSON path)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(problem)
        self.path = path
        self.problem = problem


def _nested(exc: BaseException, prefix: str) -> _PathError:
    errors = _messages(exc)
    path, problem = errors[0]
    return _PathError(prefix + path.removeprefix("$"), problem)


def _messages(exc: BaseException) -> list[tuple[str, str]]:
    """The (JSON path, problem) pairs of a cattrs validation error, first error first."""
    out: list[tuple[str, str]] = []

    def walk(e: BaseException, path: str) -> None:
        if isinstance(e, (ClassValidationError, IterableValidationError)):
            for sub, note in _with_notes(e):
                walk(sub, path + note)
            return
        if isinstance(e, cattrs.ForbiddenExtraKeysError):
            keys = sorted(e.extra_fields)
            out.append((path, f"has unknown keys {keys}; expected none (nothing is dropped)"))
            return
        if isinstance(e, _PathError):
            sep = "" if e.path.startswith("[") else "."
            out.append((f"{path}{sep}{e.path}", e.problem))
            return
        if isinstance(e, KeyError):
            out.append((path, "is missing; expected it (a required field)"))
            return
        out.append((path, str(e)))

    walk(exc, "$")
    return out


def _with_notes(e: ClassValidationError | IterableValidationError) -> list[tuple[Any, str]]:
    out: list[tuple[Any, str]] = []
    if isinstance(e, ClassValidationError):
        with_notes, without = e.group_exceptions()
        for sub, note in with_notes:
            out.append((sub, f".{note.name}"))
        out.extend((sub, "") for sub in without)
    else:
        with_notes_i, without_i = e.group_exceptions()
        for sub, note_i in with_notes_i:
            out.append((sub, f"[{note_i.index!r}]"))
        out.extend((sub, "") for sub in without_i)
    return out


# ---------------------------------------------------------------- the converter
@functools.cache
def converter() -> cattrs.Converter:
    """The configured converter (built once; it holds no state a call can change).

    Use it directly to embed hanhchinh values in your own cattrs-based documents; use
    :func:`to_dict` / :func:`from_dict` for whole documents with a ``schema_version``.
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_unstructure_hook(datetime, datetime_text)
    conv.register_structure_hook(datetime, lambda v, _: parse_datetime(v))
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(date, _parse_iso(date, "2026-01-09"))
    conv.register_unstructure_hook(time, time.isoformat)
    conv.register_structure_hook(time, _parse_iso(time, "16:55:00"))
    conv.register_unstructure_hook(timedelta, duration_text)
    conv.register_structure_hook(timedelta, lambda v, _: parse_duration(v))
    conv.register_unstructure_hook(Fraction, lambda f: f"{f.numerator}/{f.denominator}")
    conv.register_structure_hook(Fraction, _parse_fraction)
    conv.register_structure_hook_func(lambda t: t == (int | Fraction), _parse_count)
    conv.register_unstructure_hook_func(
        lambda t: t == (int | Fraction), lambda v: v if isinstance(v, int) else conv.unstructure(v)
    )
    conv.register_structure_hook(str, _strict(str, "a string"))
    conv.register_structure_hook(bool, _strict(bool, "a boolean"))
    conv.register_structure_hook(int, _strict(int, "an integer"))
    conv.register_unstructure_hook_func(
        lambda t: getattr(t, "__origin__", None) is frozenset,
        lambda v: sorted(conv.unstructure(x) for x in v),
    )
    conv.register_unstructure_hook(timezone, str)
    for base, family, what in (
        (ProcessingTime, PROCESSING_TIME_TYPES, "processing time"),
        (Event, EVENT_TYPES, "dossier event"),
    ):
        un, st = _tagged(conv, family, what)
        members = frozenset((base, *family.values()))
        conv.register_unstructure_hook_func(members.__contains__, un)
        conv.register_structure_hook_func(members.__contains__, st)
    conv.register_structure_hook(Dossier, _structure_dossier(conv))
    conv.register_structure_hook(Deadline, _structure_deadline(conv))
    return conv


def to_dict(obj: object) -> dict[str, Any]:
    """A JSON-ready document for *obj*, with ``schema_version`` and ``type``.

    Raises:
        TypeError: If *obj* is not one of :data:`WIRE_TYPES`.
    """
    cls = type(obj)
    if WIRE_TYPES.get(cls.__name__) is not cls:
        raise TypeError(
            f"{obj!r} is not a hanhchinh wire type; expected one of {sorted(WIRE_TYPES)}"
        )
    conv = converter()
    body = conv.unstructure(obj, cls)
    body.pop("type", None)
    return {"schema_version": SCHEMA_VERSION, "type": cls.__name__, **body}


def from_dict(data: object, cls: type[T] | None = None) -> T:
    """Read a document written by :func:`to_dict`.

    Args:
        data: The parsed JSON object.
        cls: The type expected (a base such as :class:`~hanhchinh.dossiers.Event` accepts any
            subclass); ``None`` accepts any wire type.

    Raises:
        SchemaVersionError: If ``schema_version`` is missing or not one this release reads.
        DocumentError: If anything else is wrong, naming the JSON path (``$.events[2].at``).
    """
    if not isinstance(data, Mapping):
        raise DocumentError("$", f"{type(data).__name__} is not an object; expected a document")
    version = data.get("schema_version")
    if "schema_version" not in data:
        raise SchemaVersionError("$.schema_version", f"is missing; expected {SCHEMA_VERSION}")
    if type(version) is not int or version != SCHEMA_VERSION:
        raise SchemaVersionError(
            "$.schema_version",
            f"{version!r} is not a version this release reads; expected {SCHEMA_VERSION}",
        )
    tag = data.get("type")
    found = WIRE_TYPES.get(tag) if isinstance(tag, str) else None
    if found is None:
        raise DocumentError(
            "$.type", f"{tag!r} is not a hanhchinh type; expected one of {sorted(WIRE_TYPES)}"
        )
    if cls is not None and not issubclass(found, cls):
        raise DocumentError("$.type", f"{tag!r} is not a {cls.__name__}; expected {cls.__name__}")
    tagged = tag in EVENT_TYPES or tag in PROCESSING_TIME_TYPES
    drop = ("schema_version",) if tagged else ("schema_version", "type")
    body = {k: v for k, v in data.items() if k not in drop}
    conv = converter()
    try:
        return conv.structure(body, found)  # type: ignore[no-any-return]
    except (ClassValidationError, IterableValidationError, _PathError) as exc:
        path, problem = _messages(exc)[0]
        raise DocumentError(path, problem) from None
    except (ValueError, TypeError) as exc:
        raise DocumentError("$", str(exc)) from None
