"""Event logs for process mining: one flat row per event under the column names process-mining
tools read (pm4py, ProM, Disco, Celonis, bupaR), as CSV, and the same log as IEEE 1849 XES.

pm4py is AGPL-3.0: hanhchinh writes its formats and never imports it (the test suite reads
the files back with it when it is installed). ``docs/process-mining.md`` is the guide.

Only what the caller recorded is written: the dossier id, each event's kind, instant and actor
(an opaque reference), the structured fields listed in :data:`MINING_COLUMNS`, and the
applicant's opaque reference where one was given. Free-text fields (notes, reasons written as
prose, lists of missing documents, letters) are left out.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, tzinfo
from types import MappingProxyType
from typing import IO, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hanhchinh.dossiers import (
    Digitised,
    Dossier,
    Event,
    FeePaid,
    Paused,
    Received,
    Rescheduled,
    StepCompleted,
    Stopped,
    Submitted,
    Transferred,
)
from hanhchinh.errors import ExportError

__all__ = [
    "ACTIVITIES",
    "MINING_COLUMNS",
    "event_rows",
    "to_csv",
    "to_xes",
    "write_csv",
    "write_xes",
]

Value = str | int | bool | datetime
"""A cell: text, a whole number, a boolean or an aware instant."""

Source = Mapping[str, Dossier] | Iterable[Event | Dossier]
"""Events (interleaved dossiers, as :func:`~hanhchinh.io.read_events` yields them), dossiers,
or a mapping of id to dossier (as :func:`~hanhchinh.io.replay_log` returns)."""

ACTIVITIES: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "Submitted": ("Submitted", "Nộp hồ sơ"),
        "Received": ("Received", "Tiếp nhận hồ sơ"),
        "SupplementRequested": ("Supplement requested", "Yêu cầu bổ sung, hoàn thiện hồ sơ"),
        "Supplemented": ("Supplemented", "Bổ sung hồ sơ"),
        "Rejected": ("Rejected", "Từ chối hồ sơ"),
        "Transferred": ("Transferred", "Chuyển hồ sơ"),
        "StepCompleted": ("Step completed", "Hoàn thành bước xử lý"),
        "Paused": ("Paused", "Tạm dừng"),
        "Resumed": ("Resumed", "Tiếp tục xử lý"),
        "Rescheduled": ("Rescheduled", "Hẹn lại ngày trả kết quả"),
        "ResultReady": ("Result ready", "Có kết quả"),
        "Returned": ("Returned", "Trả kết quả"),
        "Withdrawn": ("Withdrawn", "Rút hồ sơ"),
        "Stopped": ("Stopped", "Dừng giải quyết hồ sơ"),
        "FeePaid": ("Fee paid", "Nộp phí, lệ phí"),
        "Digitised": ("Digitised", "Số hóa hồ sơ"),
    }
)
"""The activity (``concept:name``) of each event kind: ``kind -> (English, Vietnamese)``.
The names are stable: a process model mined from one export matches the next."""

MINING_COLUMNS: Final[tuple[str, ...]] = (
    "case:concept:name",
    "concept:name",
    "time:timestamp",
    "org:resource",
    "lifecycle:transition",
    "case:procedure",
    "case:channel",
    "case:applicant_ref",
    "kind",
    "from_agency",
    "to_agency",
    "step",
    "reason",
    "appointment",
    "amount",
    "online",
    "documents",
)
"""The CSV header, in order. A row from :func:`event_rows` has the first five always, and the
others only where the event or its dossier has them."""

_LANGS = ("en", "vi")
_COMPLETE = "complete"


# ---------------------------------------------------------------------- rows
def _zone(zone: str | None) -> tzinfo | None:
    if zone is None:
        return None
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ExportError(
            "zone", zone, "an IANA time zone name such as 'Asia/Ho_Chi_Minh', or None"
        ) from None


def _instant(at: datetime, zone: tzinfo | None) -> datetime:
    """*at* in *zone* (or as recorded); in UTC if its offset is not whole minutes, which
    xs:dateTime and ISO 8601 offsets cannot write (local mean time before 1906)."""
    if zone is not None:
        at = at.astimezone(zone)
    offset = at.utcoffset()
    if offset is not None and offset % timedelta(minutes=1):
        at = at.astimezone(UTC)
    return at


def _names(lang: str) -> dict[str, str]:
    if lang not in _LANGS:
        raise ExportError("lang", lang, "'en' or 'vi'")
    i = _LANGS.index(lang)
    return {kind: pair[i] for kind, pair in ACTIVITIES.items()}


def _case_of(d: Dossier) -> dict[str, Value]:
    case: dict[str, Value] = {}
    if d.procedure.code is not None:
        case["case:procedure"] = d.procedure.code
    if d.channel is not None:
        case["case:channel"] = d.channel.value
    if d.applicant_ref:
        case["case:applicant_ref"] = d.applicant_ref
    return case


def _items(source: Source) -> Iterable[object]:
    if isinstance(source, Mapping):
        return source.values()
    if isinstance(source, Iterable) and not isinstance(source, (str, bytes)):
        return source
    raise ExportError(
        "source", source, "an iterable of events or dossiers, or a mapping of id to Dossier"
    )


def _pairs(items: Iterable[object]) -> Iterator[tuple[Event, dict[str, Value]]]:
    """Each event with its dossier's case attributes (the dict is shared by the dossier's
    events and, for a stream of events, filled in when its Submitted event comes)."""
    cases: dict[str, dict[str, Value]] = {}
    for i, item in enumerate(items):
        if isinstance(item, Event):
            case = cases.get(item.dossier_id)
            if case is None:
                case = cases[item.dossier_id] = {}
            if isinstance(item, Submitted):
                if item.procedure is not None:
                    case["case:procedure"] = item.procedure
                case["case:channel"] = item.channel.value
                if item.applicant_ref:
                    case["case:applicant_ref"] = item.applicant_ref
            yield item, case
        elif isinstance(item, Dossier):
            case = _case_of(item)
            for event in item.events:
                yield event, case
        else:
            raise ExportError(f"source[{i}]", item, "a hanhchinh.dossiers Event or Dossier")


def _event_fields(
    event: Event, names: Mapping[str, str], zone: tzinfo | None, row: dict[str, Value]
) -> dict[str, Value]:
    """*row* with the event's own columns added (no case attributes)."""
    kind = type(event).__name__
    name = names.get(kind)
    if name is None:
        raise ExportError("event", event, f"one of the event kinds {', '.join(ACTIVITIES)}")
    row["concept:name"] = name
    row["time:timestamp"] = _instant(event.at, zone)
    row["org:resource"] = event.actor
    row["lifecycle:transition"] = _COMPLETE
    row["kind"] = kind
    if isinstance(event, Transferred):
        row["from_agency"] = event.from_agency
        row["to_agency"] = event.to_agency
        if event.step is not None:
            row["step"] = event.step
    elif isinstance(event, StepCompleted):
        row["step"] = event.step
    elif isinstance(event, (Paused, Stopped)):
        row["reason"] = event.reason.value
    elif isinstance(event, (Received, Rescheduled)):
        if event.appointment is not None:
            row["appointment"] = _instant(event.appointment, zone)
    elif isinstance(event, FeePaid):
        row["amount"] = event.amount
        row["online"] = event.online
    elif isinstance(event, Digitised):
        row["documents"] = event.documents
    return row


def event_rows(
    source: Source, *, lang: str = "en", zone: str | None = None
) -> Iterator[dict[str, Value]]:
    """One flat row per event, in the order of *source*, under the column names pm4py uses.

    Every row has ``case:concept:name`` (the dossier id), ``concept:name`` (the activity:
    :data:`ACTIVITIES`), ``time:timestamp`` (the aware instant), ``org:resource`` (the
    actor, ``""`` if none), ``lifecycle:transition`` (``"complete"``) and ``kind`` (the
    event class). The dossier's ``case:procedure`` (code), ``case:channel`` and
    ``case:applicant_ref`` follow when known: from the :class:`~hanhchinh.dossiers.Dossier`
    when given one, otherwise from the dossier's ``Submitted`` event (so events before it have
    none). Then the event's own fields that mining uses: ``from_agency``, ``to_agency``,
    ``step``, ``reason`` (a code), ``appointment``, ``amount``, ``online``, ``documents``.

    Rows stream: memory holds a few strings per dossier (its case attributes), never the log.

    Args:
        source: Events (interleaved dossiers, as :func:`~hanhchinh.io.read_events` yields
            them), dossiers, or a mapping of id to dossier (as
            :func:`~hanhchinh.io.replay_log` returns).
        lang: ``"en"`` (default) or ``"vi"``: the language of ``concept:name``.
        zone: An IANA zone to convert every instant to; ``None`` (default) keeps each
            instant with the UTC offset it was recorded with.

    Returns:
        An iterator of dicts; instants stay ``datetime``, counts ``int``, flags ``bool``.

    Raises:
        ExportError: At the call, for an unknown *lang* or *zone* or a *source* that is not
            iterable; while iterating, for an item that is neither an event nor a dossier
            or an event of an unknown kind.

    >>> from datetime import datetime, timezone
    >>> from hanhchinh.dossiers import FeePaid
    >>> paid = FeePaid(dossier_id="HS-1", at=datetime(2026, 3, 2, 2, tzinfo=timezone.utc),
    ...                actor="cb-01", amount=15_000, online=True)
    >>> row = next(event_rows([paid], lang="vi", zone="Asia/Ho_Chi_Minh"))
    >>> row["case:concept:name"], row["concept:name"], row["time:timestamp"].isoformat()
    ('HS-1', 'Nộp phí, lệ phí', '2026-03-02T09:00:00+07:00')
    >>> row["amount"], row["online"]
    (15000, True)
    """
    return _rows(_items(source), _names(lang), _zone(zone))


def _rows(
    items: Iterable[object], names: Mapping[str, str], zone: tzinfo | None
) -> Iterator[dict[str, Value]]:
    for event, case in _pairs(items):
        row = _event_fields(event, names, zone, {"case:concept:name": event.dossier_id})
        row.update(case)
        yield row


# ---------------------------------------------------------------------- files
@contextmanager
def _opened(target: str | os.PathLike[str] | IO[str], newline: str) -> Iterator[IO[str]]:
    """*target* itself if it is an open file; else the path opened for UTF-8 text, and
    removed again if writing fails, so that no half-written log is left behind."""
    if not isinstance(target, (str, os.PathLike)):
        yield target
        return
    with open(target, "w", encoding="utf-8", newline=newline) as out:
        try:
            yield out
        except BaseException:
            out.close()
            os.remove(target)
            raise


# ---------------------------------------------------------------------- CSV
def _cell(value: Value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _write_csv(rows: Iterable[dict[str, Value]], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MINING_COLUMNS)
    n = 0
    blanks = ("",) * len(MINING_COLUMNS)
    for row in rows:
        cells = map(row.get, MINING_COLUMNS, blanks)
        writer.writerow([v if v.__class__ is str else _cell(v) for v in cells])
        n += 1
    return n


def write_csv(
    source: Source,
    target: str | os.PathLike[str] | IO[str],
    *,
    lang: str = "en",
    zone: str | None = None,
) -> int:
    """Write :func:`event_rows` as CSV: a header of :data:`MINING_COLUMNS`, then one line per
    event, streamed (memory holds a few strings per dossier, never the log).

    Instants are ISO 8601 with their UTC offset, booleans ``true``/``false``, an absent
    value an empty cell; lines end with ``"\\n"``.

    Args:
        source: Events, dossiers, or a mapping of id to dossier (see :func:`event_rows`).
        target: A path (written as UTF-8) or an open text file.
        lang: ``"en"`` or ``"vi"``: the language of ``concept:name``.
        zone: An IANA zone to convert instants to (default: as recorded).

    Returns:
        The number of events written.

    Raises:
        ExportError: As :func:`event_rows`. A path is then removed, never left half written.
    """
    rows = event_rows(source, lang=lang, zone=zone)
    with _opened(target, "") as out:
        return _write_csv(rows, out)


def to_csv(source: Source, *, lang: str = "en", zone: str | None = None) -> str:
    """:func:`write_csv` to a string.

    >>> from datetime import datetime, timezone
    >>> from hanhchinh.dossiers import Returned
    >>> done = Returned(dossier_id="HS-1", at=datetime(2026, 3, 5, 9, tzinfo=timezone.utc))
    >>> print(to_csv([done]).splitlines()[1])
    HS-1,Returned,2026-03-05T09:00:00+00:00,,complete,,,,Returned,,,,,,,,
    """
    buf = io.StringIO()
    write_csv(source, buf, lang=lang, zone=zone)
    return buf.getvalue()


# ---------------------------------------------------------------------- XES
_XES_NS = "http://www.xes-standard.org/"
_EXTENSIONS = (
    ("Concept", "concept", "http://www.xes-standard.org/concept.xesext"),
    ("Time", "time", "http://www.xes-standard.org/time.xesext"),
    ("Organizational", "org", "http://www.xes-standard.org/org.xesext"),
    ("Lifecycle", "lifecycle", "http://www.xes-standard.org/lifecycle.xesext"),
)
_HEAD = "".join(
    [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<log xes.version="1849-2016" xes.features="nested-attributes" xmlns="{_XES_NS}">\n',
        *(f'\t<extension name="{n}" prefix="{p}" uri="{u}"/>\n' for n, p, u in _EXTENSIONS),
        '\t<global scope="trace">\n',
        '\t\t<string key="concept:name" value="UNKNOWN"/>\n',
        "\t</global>\n",
        '\t<global scope="event">\n',
        '\t\t<string key="concept:name" value="UNKNOWN"/>\n',
        '\t\t<date key="time:timestamp" value="1970-01-01T00:00:00+00:00"/>\n',
        '\t\t<string key="org:resource" value=""/>\n',
        f'\t\t<string key="lifecycle:transition" value="{_COMPLETE}"/>\n',
        "\t</global>\n",
        '\t<classifier name="Activity" scope="event" keys="concept:name"/>\n',
        '\t<classifier name="MXML_Legacy_Classifier" scope="event" '
        'keys="concept:name lifecycle:transition"/>\n',
        '\t<classifier name="Resource" scope="event" keys="org:resource"/>\n',
        '\t<string key="lifecycle:model" value="standard"/>\n',
    ]
)
_TAIL = "</log>\n"

# What XML 1.0 cannot hold at all, escaped or not: C0 controls but tab and line ends,
# lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
     "\t": "&#9;"}
)  # fmt: skip


def _escaped(key: str, text: str) -> str:
    """*text* as the inside of a double-quoted XML attribute value."""
    bad = _NOT_XML.search(text)
    if bad is not None:
        raise ExportError(
            key,
            text,
            f"text XML 1.0 can hold (U+{ord(bad.group()):04X} cannot be written to XES)",
        )
    return text.translate(_ESCAPES)


def _attribute(key: str, value: Value, memo: dict[str, str] | None = None) -> str:
    if isinstance(value, str):
        text = None if memo is None else memo.get(value)
        if text is None:
            text = _escaped(key, value)
            if memo is not None:
                memo[value] = text
        return f'<string key="{key}" value="{text}"/>'
    if isinstance(value, bool):
        return f'<boolean key="{key}" value="{"true" if value else "false"}"/>'
    if isinstance(value, datetime):
        return f'<date key="{key}" value="{value.isoformat()}"/>'
    return f'<int key="{key}" value="{value}"/>'


def _trace(
    ident: str,
    case: Mapping[str, Value],
    events: list[Event],
    names: Mapping[str, str],
    zone: tzinfo | None,
    memo: dict[str, str],
) -> str:
    parts = ["\t<trace>\n\t\t", _attribute("concept:name", ident), "\n"]
    for key, value in case.items():
        parts += ["\t\t", _attribute(key.removeprefix("case:"), value), "\n"]
    for event in sorted(events, key=_at):
        parts.append("\t\t<event>\n")
        for key, value in _event_fields(event, names, zone, {}).items():
            parts += ["\t\t\t", _attribute(key, value, memo), "\n"]
        parts.append("\t\t</event>\n")
    parts.append("\t</trace>\n")
    return "".join(parts)


def _at(event: Event) -> datetime:
    return event.at


def write_xes(
    source: Source,
    target: str | os.PathLike[str] | IO[str],
    *,
    lang: str = "en",
    zone: str | None = None,
) -> int:
    """Write the log as IEEE 1849 XES: one ``<trace>`` per dossier that has events, in the
    order of each dossier's first event, its events in time order.

    The log declares the Concept, Time, Organizational and Lifecycle extensions, the global
    trace and event attributes every trace and event carries, and three classifiers
    (``Activity``, ``MXML_Legacy_Classifier``, ``Resource``). A trace holds
    ``concept:name`` (the dossier id) and the case attributes of :func:`event_rows` without
    their ``case:`` prefix (``procedure``, ``channel``, ``applicant_ref``); an event holds the
    other columns, typed: ``<date>`` for instants (xs:dateTime with the UTC offset),
    ``<int>``, ``<boolean>``, ``<string>``. Each trace is written as soon as the input is
    read, but grouping needs the whole input first: memory holds every event of the log (a
    reference to each when given events or dossiers already in memory).

    Args:
        source: Events, dossiers, or a mapping of id to dossier (see :func:`event_rows`).
        target: A path (written as UTF-8) or an open text file (write UTF-8 to match the
            XML declaration).
        lang: ``"en"`` or ``"vi"``: the language of ``concept:name``.
        zone: An IANA zone to convert instants to (default: as recorded).

    Returns:
        The number of events written.

    Raises:
        ExportError: As :func:`event_rows`, and for text XML 1.0 cannot hold (a control
            character other than tab and line breaks), naming the attribute. A path is then
            removed, never left half written.
    """
    names = _names(lang)
    tz = _zone(zone)
    traces: dict[str, tuple[dict[str, Value], list[Event]]] = {}
    for event, case in _pairs(_items(source)):
        entry = traces.get(event.dossier_id)
        if entry is None:
            traces[event.dossier_id] = (case, [event])
        else:
            entry[1].append(event)
    order = sorted(traces, key=lambda ident: min(e.at for e in traces[ident][1]))
    memo: dict[str, str] = {}
    n = 0
    with _opened(target, "\n") as out:
        out.write(_HEAD)
        for ident in order:
            case, events = traces[ident]
            out.write(_trace(ident, case, events, names, tz, memo))
            n += len(events)
        out.write(_TAIL)
    return n


def to_xes(source: Source, *, lang: str = "en", zone: str | None = None) -> str:
    """:func:`write_xes` to a string (encode it as UTF-8 to save it).

    >>> from datetime import datetime, timezone
    >>> from hanhchinh.dossiers import Returned
    >>> done = Returned(dossier_id="HS-1", at=datetime(2026, 3, 5, 9, tzinfo=timezone.utc),
    ...                 actor='Tổ "A" & <B>')
    >>> xes = to_xes([done])
    >>> for line in xes[xes.index("<trace>") : xes.index("</trace>") + 8].splitlines():
    ...     print(line.strip())
    <trace>
    <string key="concept:name" value="HS-1"/>
    <event>
    <string key="concept:name" value="Returned"/>
    <date key="time:timestamp" value="2026-03-05T09:00:00+00:00"/>
    <string key="org:resource" value="Tổ &quot;A&quot; &amp; &lt;B&gt;"/>
    <string key="lifecycle:transition" value="complete"/>
    <string key="kind" value="Returned"/>
    </event>
    </trace>
    """
    buf = io.StringIO()
    write_xes(source, buf, lang=lang, zone=zone)
    return buf.getvalue()
