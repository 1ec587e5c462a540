"""Event-log export for process mining (CSV, XES). The expected rows, traces and instants of the
hand-built log below are written out by hand; pm4py and the XES schema read the files back."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hanhchinh import testing
from hanhchinh.calendar import vietnam_public_sector
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
    StopReason,
    Submitted,
    Supplemented,
    SupplementRequested,
    Transferred,
    Withdrawn,
)
from hanhchinh.errors import ExportError, HanhChinhError
from hanhchinh.io import EVENT_TYPES, replay_log, write_events
from hanhchinh.io._mining import (
    ACTIVITIES,
    MINING_COLUMNS,
    event_rows,
    to_csv,
    to_xes,
    write_csv,
    write_xes,
)
from hanhchinh.procedures import Catalog, Channel
from hanhchinh.sla import PauseReason

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = vietnam_public_sector()
RESIDENCE = Catalog.default()["1.004194"]  # Đăng ký tạm trú, 03 ngày làm việc
NS = "{http://www.xes-standard.org/}"
XSD = Path(__file__).parent / "data" / "xes-ieee-1849-2016.xsd"
ODD_ACTOR = 'Tổ <1> & "2"'
PM4PY_SPEEDUP_HINT = "ignore:Install the optional requirement:UserWarning"


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN)


def build(ident: str, applicant: str, *events: Event) -> Dossier:
    d = Dossier(id=ident, procedure=RESIDENCE, calendar=CAL, applicant_ref=applicant)
    return d.apply_all(events)


def hand_built() -> list[Dossier]:
    """Four dossiers, 20 events, in the input order A, B, C, D; by first event D, A, B, C."""
    a, b, c, d = "HS-A", "HS-B", "HS-C", "HS-D"
    return [
        build(a, "A-0001",
              Submitted(dossier_id=a, at=at(3, 2, 8), channel=Channel.IN_PERSON,
                        procedure="1.004194", applicant_ref="A-0001", actor="applicant"),
              Received(dossier_id=a, at=at(3, 2, 8, 30), receipt_number="000001",
                       appointment=at(3, 5, 17), actor="tn-01"),
              FeePaid(dossier_id=a, at=at(3, 2, 8, 40), amount=15_000, online=True,
                      actor="tn-01"),
              Digitised(dossier_id=a, at=at(3, 2, 8, 45), documents=2, actor="tn-01"),
              Transferred(dossier_id=a, at=at(3, 2, 10), from_agency="Bộ phận Một cửa",
                          to_agency="Công an xã", step="Thẩm định", actor="tn-01"),
              Paused(dossier_id=a, at=at(3, 2, 11), reason=PauseReason.FINANCIAL_OBLIGATION,
                     note="chờ nộp thuế", actor="cb-02"),
              Resumed(dossier_id=a, at=at(3, 3, 9), actor="cb-02"),
              StepCompleted(dossier_id=a, at=at(3, 3, 15), step="Thẩm định", actor="cb-02"),
              ResultReady(dossier_id=a, at=at(3, 4, 10), actor="cb-02"),
              Returned(dossier_id=a, at=at(3, 4, 14), actor="tn-01")),
        build(b, "A-0002",
              Submitted(dossier_id=b, at=at(3, 2, 9), channel=Channel.ONLINE_PARTIAL,
                        procedure="1.004194", applicant_ref="A-0002"),
              SupplementRequested(dossier_id=b, at=at(3, 2, 9, 30), missing="Tờ khai",
                                  actor="tn-01"),
              Supplemented(dossier_id=b, at=at(3, 2, 14)),
              Received(dossier_id=b, at=at(3, 2, 14, 10), receipt_number="000002",
                       actor="tn-01"),
              Rescheduled(dossier_id=b, at=at(3, 3, 10), appointment=at(3, 10, 17),
                          reason="Cần xác minh", actor="cb-02"),
              Stopped(dossier_id=b, at=at(3, 6, 9), reason=StopReason.APPLICANT_REQUEST,
                      actor="cb-02")),
        build(c, "",
              Submitted(dossier_id=c, at=at(3, 3, 8), channel=Channel.IN_PERSON,
                        procedure="1.004194"),
              Withdrawn(dossier_id=c, at=at(3, 3, 8, 30), reason="đổi ý", actor=ODD_ACTOR)),
        build(d, "A-0004",
              Submitted(dossier_id=d, at=datetime(2026, 2, 27, 9, tzinfo=UTC),
                        channel=Channel.ONLINE_PARTIAL, procedure="1.004194",
                        applicant_ref="A-0004"),
              Rejected(dossier_id=d, at=at(3, 2, 8, 15), reasons="Không thuộc thẩm quyền",
                       actor="tn-01")),
    ]  # fmt: skip


# The activities of each dossier, in time order, and the instants in UTC, written by hand.
EXPECTED = {
    "HS-D": (
        ["Submitted", "Rejected"],
        ["2026-02-27T09:00:00+00:00", "2026-03-02T01:15:00+00:00"],
    ),
    "HS-A": (
        ["Submitted", "Received", "Fee paid", "Digitised", "Transferred", "Paused", "Resumed",
         "Step completed", "Result ready", "Returned"],
        ["2026-03-02T01:00:00+00:00", "2026-03-02T01:30:00+00:00", "2026-03-02T01:40:00+00:00",
         "2026-03-02T01:45:00+00:00", "2026-03-02T03:00:00+00:00", "2026-03-02T04:00:00+00:00",
         "2026-03-03T02:00:00+00:00", "2026-03-03T08:00:00+00:00", "2026-03-04T03:00:00+00:00",
         "2026-03-04T07:00:00+00:00"],
    ),
    "HS-B": (
        ["Submitted", "Supplement requested", "Supplemented", "Received", "Rescheduled",
         "Stopped"],
        ["2026-03-02T02:00:00+00:00", "2026-03-02T02:30:00+00:00", "2026-03-02T07:00:00+00:00",
         "2026-03-02T07:10:00+00:00", "2026-03-03T03:00:00+00:00", "2026-03-06T02:00:00+00:00"],
    ),
    "HS-C": (
        ["Submitted", "Withdrawn"],
        ["2026-03-03T01:00:00+00:00", "2026-03-03T01:30:00+00:00"],
    ),
}  # fmt: skip


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def interleaved(dossiers: list[Dossier]) -> list[Event]:
    """The dossiers' events as a centre's log holds them: one stream in time order."""
    return sorted((e for d in dossiers for e in d.events), key=lambda e: e.at)


def cell(value: object) -> str:
    """How the CSV is documented to write a value (written here, not taken from the code)."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def xml_char(ch: str) -> bool:
    """XML 1.0, production [2] Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
    [#x10000-#x10FFFF]."""
    c = ord(ch)
    return c in (0x9, 0xA, 0xD) or 0x20 <= c <= 0xD7FF or 0xE000 <= c <= 0xFFFD or c >= 0x10000


def xes_tree(text: str) -> ET.Element:
    return ET.fromstring(text)


def attrs_of(element: ET.Element) -> dict[str, tuple[str, str]]:
    """An XES component's attributes: key -> (element type, value)."""
    return {
        child.attrib["key"]: (child.tag.removeprefix(NS), child.attrib["value"])
        for child in element
        if child.tag.removeprefix(NS) in ("string", "date", "int", "boolean", "float", "id")
    }


# ---------------------------------------------------------------------- rows
def test_rows_of_the_hand_built_log() -> None:
    rows = list(event_rows(hand_built()))
    assert len(rows) == 20
    assert Counter(str(r["case:concept:name"]) for r in rows) == {
        "HS-A": 10, "HS-B": 6, "HS-C": 2, "HS-D": 2
    }  # fmt: skip
    assert rows[0] == {
        "case:concept:name": "HS-A",
        "concept:name": "Submitted",
        "time:timestamp": at(3, 2, 8),
        "org:resource": "applicant",
        "lifecycle:transition": "complete",
        "kind": "Submitted",
        "case:procedure": "1.004194",
        "case:channel": "in_person",
        "case:applicant_ref": "A-0001",
    }
    by_kind = {(r["case:concept:name"], r["kind"]): r for r in rows}
    received = by_kind["HS-A", "Received"]
    assert received["appointment"] == at(3, 5, 17)
    paid = by_kind["HS-A", "FeePaid"]
    assert (paid["concept:name"], paid["amount"], paid["online"]) == ("Fee paid", 15_000, True)
    assert by_kind["HS-A", "Digitised"]["documents"] == 2
    moved = by_kind["HS-A", "Transferred"]
    assert (moved["from_agency"], moved["to_agency"], moved["step"]) == (
        "Bộ phận Một cửa", "Công an xã", "Thẩm định"
    )  # fmt: skip
    assert by_kind["HS-A", "StepCompleted"]["step"] == "Thẩm định"
    assert by_kind["HS-A", "Paused"]["reason"] == "financial_obligation"
    assert by_kind["HS-B", "Stopped"]["reason"] == "applicant_request"
    assert by_kind["HS-B", "Rescheduled"]["appointment"] == at(3, 10, 17)
    assert by_kind["HS-B", "Supplemented"]["org:resource"] == ""
    # HS-C gave no applicant reference: the column is absent, not empty.
    assert "case:applicant_ref" not in by_kind["HS-C", "Withdrawn"]
    assert by_kind["HS-C", "Withdrawn"]["org:resource"] == ODD_ACTOR


def test_free_text_is_not_exported() -> None:
    text = to_csv(hand_built()) + to_xes(hand_built())
    for prose in ("chờ nộp thuế", "Tờ khai", "Cần xác minh", "đổi ý", "Không thuộc thẩm quyền",
                  "000001"):  # fmt: skip
        assert prose not in text


def test_every_row_has_the_five_standard_columns_and_known_keys_only() -> None:
    for row in event_rows(hand_built()):
        assert set(MINING_COLUMNS[:5]) <= set(row) <= set(MINING_COLUMNS)


def test_every_event_kind_has_an_english_and_a_vietnamese_activity() -> None:
    assert set(ACTIVITIES) == set(EVENT_TYPES)
    assert len({en for en, _ in ACTIVITIES.values()}) == len(ACTIVITIES)
    assert len({vi for _, vi in ACTIVITIES.values()}) == len(ACTIVITIES)


def test_vietnamese_activity_names() -> None:
    names = [r["concept:name"] for r in event_rows(hand_built()[2:], lang="vi")]
    assert names == ["Nộp hồ sơ", "Rút hồ sơ", "Nộp hồ sơ", "Từ chối hồ sơ"]


def test_rows_from_the_interleaved_events_equal_the_rows_from_the_dossiers() -> None:
    # Every Submitted names the procedure and the dossier's applicant reference, as a log must
    # for replay_log: then a stream of events carries the same case attributes.
    dossiers = hand_built()
    from_dossiers = list(event_rows(dossiers))
    from_events = list(event_rows(interleaved(dossiers)))
    assert [r["time:timestamp"] for r in from_events] == sorted(
        r["time:timestamp"] for r in from_events
    )
    assert sorted(from_events, key=repr) == sorted(from_dossiers, key=repr)


def test_a_replayed_log_mapping_is_a_source(tmp_path: Path) -> None:
    path = tmp_path / "centre.jsonl"
    write_events(interleaved(hand_built()), path)
    replayed = replay_log(path, catalog=Catalog.default(), calendar=CAL)
    assert list(replayed) == ["HS-D", "HS-A", "HS-B", "HS-C"]
    assert list(event_rows(replayed)) == list(
        event_rows([replayed[k] for k in ("HS-D", "HS-A", "HS-B", "HS-C")])
    )
    assert len(list(event_rows(replayed))) == 20


def test_a_stream_of_events_before_submitted_has_no_case_attributes() -> None:
    late = Returned(dossier_id="HS-9", at=at(3, 2, 9))
    row = next(event_rows([late]))
    assert "case:channel" not in row
    assert "case:procedure" not in row


def test_zone_converts_every_instant_and_keeps_it() -> None:
    rows = list(event_rows(hand_built(), zone="UTC"))
    got = {(r["case:concept:name"], r["time:timestamp"]) for r in rows}
    for r in rows:
        stamp = r["time:timestamp"]
        assert isinstance(stamp, datetime)
        assert stamp.utcoffset() == timedelta(0)
    expected = {(case, utc(t)) for case, (_, times) in EXPECTED.items() for t in times}
    assert got == expected
    appointment = next(r["appointment"] for r in rows if r["kind"] == "Received" and
                       "appointment" in r)  # fmt: skip
    assert isinstance(appointment, datetime)
    assert appointment.isoformat() == "2026-03-05T10:00:00+00:00"


def test_an_offset_in_seconds_is_written_in_utc() -> None:
    # ISO 8601 and xs:dateTime offsets are whole minutes; local mean time was not.
    lmt = timezone(timedelta(hours=7, minutes=6, seconds=30), "LMT")
    old = Returned(dossier_id="HS-1", at=datetime(1900, 1, 1, 8, tzinfo=lmt))
    stamp = next(event_rows([old]))["time:timestamp"]
    assert isinstance(stamp, datetime)
    assert stamp.isoformat() == "1900-01-01T00:53:30+00:00"
    assert 'value="1900-01-01T00:53:30+00:00"' in to_xes([old])


# ---------------------------------------------------------------------- errors
@attrs.frozen(kw_only=True)
class Noted(Event):
    """An event kind hanhchinh does not know."""


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ([Returned(dossier_id="HS-1", at=at(3, 2, 9)), "HS-1"], "source[1]"),
        ([None], "source[0]"),
        ({"HS-1": "not a dossier"}, "source[0]"),
        ("HS-1", "source"),
        (42, "source"),
        ([Noted(dossier_id="HS-1", at=at(3, 2, 9))], "event"),
    ],
)
def test_what_is_not_an_event_or_a_dossier_is_refused(source: Any, name: str) -> None:
    for export in (lambda: list(event_rows(source)), lambda: to_csv(source),
                   lambda: to_xes(source)):  # fmt: skip
        with pytest.raises(ExportError) as info:
            export()
        assert info.value.name == name
        assert isinstance(info.value, HanhChinhError)


def test_a_dossier_alone_is_refused_with_the_way_out() -> None:
    with pytest.raises(ExportError, match="an iterable of events or dossiers"):
        to_xes(hand_built()[0])  # type: ignore[arg-type]


def test_bad_lang_and_zone() -> None:
    with pytest.raises(ExportError, match="lang='fr' is not allowed; expected 'en' or 'vi'"):
        to_csv(hand_built(), lang="fr")
    with pytest.raises(ExportError, match="zone='Mars/Olympus'"):
        to_xes(hand_built(), zone="Mars/Olympus")


def test_text_xml_cannot_hold_is_refused_by_xes_and_kept_by_csv() -> None:
    bell = Returned(dossier_id="HS-1", at=at(3, 2, 9), actor="cb\x07")
    with pytest.raises(ExportError, match="U\\+0007") as info:
        to_xes([bell])
    assert info.value.name == "org:resource"
    assert "cb\x07" in to_csv([bell])


def test_bad_arguments_are_refused_at_the_call() -> None:
    with pytest.raises(ExportError, match="lang="):
        event_rows(hand_built(), lang="de")  # not iterated
    with pytest.raises(ExportError, match="source="):
        event_rows(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("write", [write_csv, write_xes])
def test_a_failed_write_leaves_no_file(write: Any, tmp_path: Path) -> None:
    path = tmp_path / "log.out"
    with pytest.raises(ExportError):
        write(hand_built(), path, zone="Nowhere/Else")
    assert not path.exists()
    late = [*interleaved(hand_built()), "not an event"]
    with pytest.raises(ExportError, match=r"source\[20\]"):
        write(late, path)
    assert not path.exists()
    if write is write_xes:  # refused while writing, the file already opened
        bell = Returned(dossier_id="HS-Z", at=at(3, 9, 9), actor="cb\x07")
        with pytest.raises(ExportError, match="org:resource"):
            write([*interleaved(hand_built()), bell], path)
        assert not path.exists()


def test_the_caller_input_is_not_changed() -> None:
    dossiers = hand_built()
    mapping = {d.id: d for d in dossiers}
    before = (list(dossiers), dict(mapping))
    to_xes(dossiers)
    to_csv(mapping)
    assert (dossiers, mapping) == before


# ---------------------------------------------------------------------- CSV
def test_csv_header_and_lines_written_out_by_hand() -> None:
    lines = to_csv(hand_built()).splitlines()
    assert lines[0] == (
        "case:concept:name,concept:name,time:timestamp,org:resource,lifecycle:transition,"
        "case:procedure,case:channel,case:applicant_ref,kind,from_agency,to_agency,step,"
        "reason,appointment,amount,online,documents"
    )
    assert len(lines) == 21
    assert lines[3] == (
        "HS-A,Fee paid,2026-03-02T08:40:00+07:00,tn-01,complete,1.004194,in_person,A-0001,"
        "FeePaid,,,,,,15000,true,"
    )
    assert lines[5] == (
        "HS-A,Transferred,2026-03-02T10:00:00+07:00,tn-01,complete,1.004194,in_person,A-0001,"
        "Transferred,Bộ phận Một cửa,Công an xã,Thẩm định,,,,,"
    )
    assert lines[18] == (
        'HS-C,Withdrawn,2026-03-03T08:30:00+07:00,"Tổ <1> & ""2""",complete,1.004194,'
        "in_person,,Withdrawn,,,,,,,,"
    )
    assert lines[19] == (
        "HS-D,Submitted,2026-02-27T09:00:00+00:00,,complete,1.004194,online_partial,A-0004,"
        "Submitted,,,,,,,,"
    )


def test_csv_reads_back_to_the_rows() -> None:
    dossiers = hand_built()
    back = list(csv.DictReader(io.StringIO(to_csv(dossiers))))
    assert back == [{c: cell(row.get(c)) for c in MINING_COLUMNS} for row in event_rows(dossiers)]


def test_write_csv_to_a_path_and_to_a_file(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    assert write_csv(hand_built(), path, lang="vi") == 20
    data = path.read_bytes()
    assert data.decode("utf-8") == to_csv(hand_built(), lang="vi")
    assert b"\r" not in data
    assert "Tiếp nhận hồ sơ".encode() in data
    buf = io.StringIO()
    assert write_csv(interleaved(hand_built()), buf) == 20


class _Spy(io.StringIO):
    """A text file that records, at each write, how many events the source had yielded."""

    def __init__(self, pulled: list[int]) -> None:
        super().__init__()
        self.pulled = pulled
        self.seen: list[int] = []

    def write(self, s: str) -> int:
        self.seen.append(self.pulled[0])
        return super().write(s)


def test_csv_streams_each_row_before_reading_the_next_event() -> None:
    pulled = [0]

    def events() -> Any:
        for e in interleaved(hand_built()):
            pulled[0] += 1
            yield e

    spy = _Spy(pulled)
    assert write_csv(events(), spy) == 20
    # The header, then each row as soon as its event was read.
    assert spy.seen == [0, *range(1, 21)]


# ---------------------------------------------------------------------- XES
def test_xes_structure() -> None:
    root = xes_tree(to_xes(hand_built()))
    assert root.tag == NS + "log"
    assert root.attrib == {"xes.version": "1849-2016", "xes.features": "nested-attributes"}
    extensions = {e.attrib["prefix"]: (e.attrib["name"], e.attrib["uri"])
                  for e in root.iter(NS + "extension")}  # fmt: skip
    assert extensions == {
        "concept": ("Concept", "http://www.xes-standard.org/concept.xesext"),
        "time": ("Time", "http://www.xes-standard.org/time.xesext"),
        "org": ("Organizational", "http://www.xes-standard.org/org.xesext"),
        "lifecycle": ("Lifecycle", "http://www.xes-standard.org/lifecycle.xesext"),
    }
    scopes = {g.attrib["scope"]: attrs_of(g) for g in root.iter(NS + "global")}
    assert set(scopes["trace"]) == {"concept:name"}
    assert scopes["event"] == {
        "concept:name": ("string", "UNKNOWN"),
        "time:timestamp": ("date", "1970-01-01T00:00:00+00:00"),
        "org:resource": ("string", ""),
        "lifecycle:transition": ("string", "complete"),
    }
    classifiers = {c.attrib["name"]: c.attrib["keys"] for c in root.iter(NS + "classifier")}
    assert classifiers == {
        "Activity": "concept:name",
        "MXML_Legacy_Classifier": "concept:name lifecycle:transition",
        "Resource": "org:resource",
    }
    assert attrs_of(root) == {"lifecycle:model": ("string", "standard")}


def test_xes_traces_in_order_of_first_event_with_events_in_time_order() -> None:
    root = xes_tree(to_xes(hand_built()))
    traces = root.findall(NS + "trace")
    assert [attrs_of(t)["concept:name"][1] for t in traces] == ["HS-D", "HS-A", "HS-B", "HS-C"]
    for trace in traces:
        case = attrs_of(trace)["concept:name"][1]
        events = trace.findall(NS + "event")
        names = [attrs_of(e)["concept:name"][1] for e in events]
        stamps = [utc(attrs_of(e)["time:timestamp"][1]) for e in events]
        assert names == EXPECTED[case][0]
        assert stamps == [utc(t) for t in EXPECTED[case][1]]


def test_xes_of_shuffled_events_is_the_xes_of_the_dossiers() -> None:
    events = interleaved(hand_built())
    shuffled = events[1::2] + events[::2]  # neither dossier order nor time order
    assert to_xes(shuffled) == to_xes(hand_built())


def test_xes_attribute_types_and_escaping() -> None:
    root = xes_tree(to_xes(hand_built()))
    traces = {attrs_of(t)["concept:name"][1]: t for t in root.findall(NS + "trace")}
    assert attrs_of(traces["HS-A"]) == {
        "concept:name": ("string", "HS-A"),
        "procedure": ("string", "1.004194"),
        "channel": ("string", "in_person"),
        "applicant_ref": ("string", "A-0001"),
    }
    assert "applicant_ref" not in attrs_of(traces["HS-C"])
    events = {attrs_of(e)["kind"][1]: attrs_of(e) for e in traces["HS-A"].iter(NS + "event")}
    assert events["FeePaid"]["amount"] == ("int", "15000")
    assert events["FeePaid"]["online"] == ("boolean", "true")
    assert events["Digitised"]["documents"] == ("int", "2")
    assert events["Received"]["appointment"] == ("date", "2026-03-05T17:00:00+07:00")
    assert events["Received"]["time:timestamp"] == ("date", "2026-03-02T08:30:00+07:00")
    assert events["Paused"]["reason"] == ("string", "financial_obligation")
    assert events["Transferred"]["to_agency"] == ("string", "Công an xã")
    withdrawn = traces["HS-C"].findall(NS + "event")[1]
    assert attrs_of(withdrawn)["org:resource"] == ("string", ODD_ACTOR)
    text = to_xes(hand_built())
    assert 'value="Tổ &lt;1&gt; &amp; &quot;2&quot;"' in text


def test_xes_keeps_line_breaks_and_tabs_in_values() -> None:
    odd = Returned(dossier_id="HS-1", at=at(3, 2, 9), actor="a\nb\tc\r")
    event = xes_tree(to_xes([odd])).find(f"{NS}trace/{NS}event")
    assert event is not None
    assert attrs_of(event)["org:resource"] == ("string", "a\nb\tc\r")


def test_write_xes_to_a_path(tmp_path: Path) -> None:
    path = tmp_path / "log.xes"
    assert write_xes(hand_built(), path, lang="vi") == 20
    data = path.read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    assert data.decode("utf-8") == to_xes(hand_built(), lang="vi")
    assert "Hẹn lại ngày trả kết quả".encode() in data


def test_an_empty_source_is_an_empty_log() -> None:
    root = xes_tree(to_xes([]))
    assert root.findall(NS + "trace") == []
    assert to_csv({}).splitlines() == [",".join(MINING_COLUMNS)]


def test_xes_against_the_ieee_1849_schema() -> None:
    etree = pytest.importorskip("lxml.etree")
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.fromstring(to_xes(hand_built()).encode("utf-8"))
    # The schema declares no target namespace, while XES files (ours, pm4py's, OpenXES')
    # put their elements in http://www.xes-standard.org/: validate the same elements
    # without it.
    for element in doc.iter():
        element.tag = etree.QName(element).localname
    etree.cleanup_namespaces(doc)
    assert not schema.validate(doc)
    # The one complaint: the schema types xes.version as xs:decimal, and "1849-2016" (the
    # value pm4py writes for this standard) is not one.
    assert [(e.path, e.message) for e in schema.error_log] == [
        (
            "/log",
            "Element 'log', attribute 'xes.version': '1849-2016' is not a valid value of the "
            "atomic type 'xs:decimal'.",
        )
    ]
    doc.set("xes.version", "2.0")
    assert schema.validate(doc), schema.error_log


# ---------------------------------------------------------------------- pm4py
@pytest.mark.filterwarnings(PM4PY_SPEEDUP_HINT)
def test_pm4py_reads_the_xes(tmp_path: Path) -> None:
    pm4py = pytest.importorskip("pm4py")
    path = tmp_path / "log.xes"
    write_xes(hand_built(), path)
    df = pm4py.read_xes(str(path))
    assert len(df) == 20
    assert df["case:concept:name"].nunique() == 4
    for case, (names, times) in EXPECTED.items():
        rows = df[df["case:concept:name"] == case]
        assert list(rows["concept:name"]) == names
        assert [t.to_pydatetime() for t in rows["time:timestamp"]] == [utc(t) for t in times]
    assert set(df["case:procedure"]) == {"1.004194"}
    assert list(df[df["concept:name"] == "Withdrawn"]["org:resource"]) == [ODD_ACTOR]
    log = pm4py.read_xes(str(path), return_legacy_log_object=True)
    assert [trace.attributes["concept:name"] for trace in log] == list(EXPECTED)
    assert [len(trace) for trace in log] == [2, 10, 6, 2]


@pytest.mark.filterwarnings(PM4PY_SPEEDUP_HINT)
def test_pm4py_reads_the_csv(tmp_path: Path) -> None:
    pm4py = pytest.importorskip("pm4py")
    pd = pytest.importorskip("pandas")
    path = tmp_path / "log.csv"
    write_csv(interleaved(hand_built()), path, lang="vi")
    df = pm4py.format_dataframe(
        pd.read_csv(path),
        case_id="case:concept:name",
        activity_key="concept:name",
        timestamp_key="time:timestamp",
    )
    assert len(df) == 20
    assert df["case:concept:name"].nunique() == 4
    vietnamese = {en: vi for en, vi in ACTIVITIES.values()}
    for case, (names, times) in EXPECTED.items():
        rows = df[df["case:concept:name"] == case]
        assert list(rows["concept:name"]) == [vietnamese[n] for n in names]
        assert [t.to_pydatetime() for t in rows["time:timestamp"]] == [utc(t) for t in times]
    dfg, start, end = pm4py.discover_dfg(df)
    assert start == {"Nộp hồ sơ": 4}
    assert end == {"Trả kết quả": 1, "Dừng giải quyết hồ sơ": 1, "Rút hồ sơ": 1,
                   "Từ chối hồ sơ": 1}  # fmt: skip
    assert dfg[("Nộp hồ sơ", "Tiếp nhận hồ sơ")] == 1


# ---------------------------------------------------------------------- properties
LOGS = st.lists(testing.dossiers(calendar=CAL), max_size=5, unique_by=lambda d: d.id)


def _mine(dossiers: list[Dossier]) -> tuple[list[Event], ET.Element]:
    return [e for d in dossiers for e in d.events], xes_tree(to_xes(dossiers))


@given(LOGS)
def test_every_event_appears_once_in_the_rows_and_in_the_xes(dossiers: list[Dossier]) -> None:
    events, root = _mine(dossiers)
    rows = list(event_rows(dossiers))
    key = Counter((e.dossier_id, e.kind, e.at, e.actor) for e in events)
    assert Counter((r["case:concept:name"], r["kind"], r["time:timestamp"], r["org:resource"])
                   for r in rows) == key  # fmt: skip
    in_xes = Counter(
        (
            attrs_of(t)["concept:name"][1],
            attrs_of(e)["kind"][1],
            datetime.fromisoformat(attrs_of(e)["time:timestamp"][1]),
            attrs_of(e)["org:resource"][1],
        )
        for t in root.iter(NS + "trace")
        for e in t.iter(NS + "event")
    )
    assert in_xes == key


@given(LOGS)
def test_traces_are_the_dossiers(dossiers: list[Dossier]) -> None:
    _, root = _mine(dossiers)
    traces = root.findall(NS + "trace")
    with_events = [d for d in dossiers if d.events]
    assert len(traces) == len(with_events)
    by_id = {d.id: d for d in with_events}
    firsts = []
    for trace in traces:
        d = by_id[attrs_of(trace)["concept:name"][1]]
        events = [attrs_of(e) for e in trace.iter(NS + "event")]
        assert [e["kind"][1] for e in events] == [e.kind for e in d.events]
        assert attrs_of(trace).get("channel") == (
            None if d.channel is None else ("string", d.channel.value)
        )
        firsts.append(d.events[0].at)
    assert firsts == sorted(firsts)


@given(LOGS)
def test_instants_round_trip_exactly(dossiers: list[Dossier]) -> None:
    events, root = _mine(dossiers)
    stamps = sorted(
        datetime.fromisoformat(attrs_of(e)["time:timestamp"][1]) for e in root.iter(NS + "event")
    )
    assert stamps == sorted(e.at for e in events)
    back = csv.DictReader(io.StringIO(to_csv(dossiers)))
    assert sorted(datetime.fromisoformat(r["time:timestamp"]) for r in back) == stamps


@given(LOGS)
def test_the_csv_reads_back_to_the_same_rows(dossiers: list[Dossier]) -> None:
    back = list(csv.DictReader(io.StringIO(to_csv(dossiers))))
    assert back == [{c: cell(row.get(c)) for c in MINING_COLUMNS} for row in event_rows(dossiers)]


@given(st.lists(testing.events(), max_size=8))
def test_any_text_is_written_to_xes_or_refused(events: list[Event]) -> None:
    # The free text XES holds: actors, agencies and steps (ids and codes are never odd).
    texts = [e.actor for e in events]
    for e in events:
        if isinstance(e, Transferred):
            texts += [e.from_agency, e.to_agency, e.step or ""]
        elif isinstance(e, StepCompleted):
            texts.append(e.step)
    if any(not xml_char(ch) for text in texts for ch in text):
        with pytest.raises(ExportError, match="cannot be written to XES"):
            to_xes(events)
        return
    root = xes_tree(to_xes(events))
    written = [attrs_of(e) for e in root.iter(NS + "event")]
    assert Counter(e["org:resource"][1] for e in written) == Counter(e.actor for e in events)
    assert Counter(e["to_agency"][1] for e in written if "to_agency" in e) == Counter(
        e.to_agency for e in events if isinstance(e, Transferred)
    )
    assert Counter(e["step"][1] for e in written if "step" in e) == Counter(
        e.step for e in events if isinstance(e, StepCompleted | Transferred) and e.step
    )


def test_the_hand_built_dossiers_are_what_they_say() -> None:
    # Guards the fixture: each dossier reached the state its last event says.
    states = [d.state.value for d in hand_built()]
    assert states == ["returned", "stopped", "withdrawn", "rejected"]
