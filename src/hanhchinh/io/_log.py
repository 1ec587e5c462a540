"""The event log: JSON Lines, one event a line, each line a whole document
(``{"schema_version": 1, "type": "Received", ...}``), so that logs can be cut, concatenated and
streamed. The reader stops at the first bad line and names it; it never skips one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Iterable, Iterator
from contextlib import ExitStack
from typing import IO, Any

from hanhchinh.calendar import WorkCalendar
from hanhchinh.dossiers import Dossier, Event, WorkflowPolicy
from hanhchinh.errors import EventLogError, HanhChinhError, LogStartError, _message
from hanhchinh.io._convert import (
    SCHEMA_VERSION,
    ClassValidationError,
    IterableValidationError,
    _messages,
    _PathError,
    converter,
    to_dict,
)
from hanhchinh.procedures import Catalog

__all__ = ["dump_events", "read_events", "replay_log", "write_events"]

Source = str | os.PathLike[str] | Iterable[str]


def dump_events(events: Iterable[Event]) -> Iterator[str]:
    """Each event as one JSON line (with its ``"\\n"``), non-ASCII kept as UTF-8.

    >>> from datetime import datetime, timezone
    >>> from hanhchinh.dossiers import Resumed
    >>> at = datetime(2026, 1, 9, 9, tzinfo=timezone.utc)
    >>> print(next(dump_events([Resumed(dossier_id="HS-1", at=at)])), end="")
    {"schema_version":1,"type":"Resumed","dossier_id":"HS-1","at":"2026-01-09T09:00:00+00:00","actor":""}
    """
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for event in events:
        if not isinstance(event, Event):
            raise TypeError(f"{event!r} is not a hanhchinh.dossiers event")
        yield dumps(to_dict(event)) + "\n"


def write_events(events: Iterable[Event], target: str | os.PathLike[str] | IO[str]) -> int:
    """Write *events* to a file (a path, written as UTF-8, or an open text file); returns how
    many lines were written."""
    n = 0
    with ExitStack() as stack:
        out: IO[str]
        if isinstance(target, (str, os.PathLike)):
            out = stack.enter_context(open(target, "w", encoding="utf-8", newline="\n"))
        else:
            out = target
        for line in dump_events(events):
            out.write(line)
            n += 1
    return n


def _lines(source: Source, file: str | None) -> Iterator[tuple[str, int, str]]:
    if isinstance(source, (str, os.PathLike)):
        name = os.fspath(source) if file is None else file
        with open(source, encoding="utf-8", newline="") as fh:
            for number, line in enumerate(fh, 1):
                yield name, number, line
    else:
        name = "<events>" if file is None else file
        for number, line in enumerate(source, 1):
            yield name, number, line


def _numbered(source: Source, file: str | None) -> Iterator[tuple[str, int, Event]]:
    conv = converter()
    loads = json.loads
    for name, number, line in _lines(source, file):
        if not line.strip():
            raise EventLogError(
                "$", "the line is empty; expected one JSON event per line", file=name, line=number
            )
        try:
            data: Any = loads(line)
        except json.JSONDecodeError as exc:
            raise EventLogError(
                "$", f"is not JSON ({exc.msg} at column {exc.colno})", file=name, line=number
            ) from None
        if not isinstance(data, dict):
            raise EventLogError(
                "$", f"{type(data).__name__} is not an object; expected an event",
                file=name, line=number,
            )  # fmt: skip
        version = data.pop("schema_version", None)
        if type(version) is not int or version != SCHEMA_VERSION:
            raise EventLogError(
                "$.schema_version",
                f"{version!r} is not a version this release reads; expected {SCHEMA_VERSION}",
                file=name,
                line=number,
            )
        try:
            event = conv.structure(data, Event)
        except (ValueError, TypeError, ClassValidationError, IterableValidationError) as exc:
            path, problem = _messages(exc)[0]
            raise EventLogError(path, problem, file=name, line=number) from None
        yield name, number, event


def read_events(source: Source, *, file: str | None = None) -> Iterator[Event]:
    """Stream the events of a JSON Lines log: a path, or any iterable of lines (an open file).

    Args:
        source: The log.
        file: The name to give in errors (default: the path, or ``"<events>"``).

    Raises:
        EventLogError: At the first line that is empty, not JSON, of an unknown
            ``schema_version``, or not a valid event, naming the file, line and JSON path.

    >>> lines = ['{"schema_version":1,"type":"Resumed","dossier_id":"HS-1",'
    ...          '"at":"2026-01-09T09:00:00+07:00","actor":""}\\n',
    ...          '{"schema_version":1,"type":"Resumed","dossier_id":"HS-1",'
    ...          '"at":"2026-01-09T09:00:00","actor":""}\\n']
    >>> for event in read_events(lines, file="log.jsonl"):
    ...     print(event.kind)
    Traceback (most recent call last):
    ...
    hanhchinh.errors.EventLogError: log.jsonl, line 2, $.at: '2026-01-09T09:00:00' has no \
UTC offset; expected an aware ISO 8601 datetime such as 2026-01-09T16:55:00+07:00
    """
    for _, _, event in _numbered(source, file):
        yield event


def replay_log(
    source: Source,
    *,
    catalog: Catalog,
    calendar: WorkCalendar,
    policy: WorkflowPolicy | None = None,
    longer: Collection[str] = (),
    file: str | None = None,
) -> dict[str, Dossier]:
    """Rebuild every dossier of a log, in the order they first appear.

    Each dossier's first event must be :class:`~hanhchinh.dossiers.Submitted` naming its
    procedure's code (looked up in *catalog*); later events are applied in log order.

    Args:
        source: The log (a path or lines).
        catalog: Where the procedures' codes are looked up.
        calendar: The working calendar of every dossier.
        policy: The workflow policy (default :class:`~hanhchinh.dossiers.WorkflowPolicy`).
        longer: The ids of the dossiers whose longer conditional time applies.
        file: The name to give in errors.

    Raises:
        EventLogError: At the first line that cannot be read or applied (an illegal
            transition, an event out of order, an unknown procedure), naming the line.
    """
    policy = WorkflowPolicy() if policy is None else policy
    dossiers: dict[str, Dossier] = {}
    for name, number, event in _numbered(source, file):
        try:
            d = dossiers.get(event.dossier_id)
            if d is None:
                d = _start(event, catalog, calendar, policy, longer)
            dossiers[event.dossier_id] = d.apply(event)
        except _PathError as exc:
            raise EventLogError(f"$.{exc.path}", exc.problem, file=name, line=number) from exc
        except (HanhChinhError, KeyError) as exc:
            raise EventLogError("$", _message(exc), file=name, line=number) from exc
    return dossiers


def _start(
    event: Event,
    catalog: Catalog,
    calendar: WorkCalendar,
    policy: WorkflowPolicy,
    longer: Collection[str],
) -> Dossier:
    try:
        return Dossier.opened_by(
            event,
            catalog=catalog,
            calendar=calendar,
            policy=policy,
            longer=event.dossier_id in longer,
        )
    except LogStartError as exc:
        raise _PathError(exc.field, exc.problem) from None
