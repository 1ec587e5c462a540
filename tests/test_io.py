"""hanhchinh.io: lossless JSON for every public type, JSON Schema, the JSON Lines event log."""

from __future__ import annotations

import io
import json
import pickle
from datetime import UTC, date, datetime, timedelta, timezone
from fractions import Fraction
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hanhchinh import testing
from hanhchinh.calendar import vietnam_public_sector
from hanhchinh.dossiers import (
    Dossier,
    Event,
    Paused,
    Received,
    Resumed,
    Returned,
    Submitted,
    WorkflowPolicy,
)
from hanhchinh.errors import (
    DocumentError,
    EventLogError,
    HanhChinhError,
    ProcedureMismatchError,
    SchemaVersionError,
)
from hanhchinh.io import (
    SCHEMA_VERSION,
    WIRE_TYPES,
    converter,
    dump_events,
    from_dict,
    json_schema,
    read_events,
    replay_log,
    to_dict,
    write_events,
)
from hanhchinh.io._convert import duration_text, parse_datetime, parse_duration
from hanhchinh.procedures import Catalog, Channel, WorkingDays
from hanhchinh.sla import ClockState, PauseReason, SlaClock, deadline

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = vietnam_public_sector()
CATALOG = Catalog.default()
BIRTH = CATALOG["1.004194"]  # 3 working days in person (the shipped record)


def through_json(obj: object) -> Any:
    """Write *obj* as JSON text and read it back (the round trip a portal does)."""
    text = json.dumps(to_dict(obj), ensure_ascii=False)
    return from_dict(json.loads(text))


def lifecycle() -> Dossier:
    d = Dossier(id="HS-7", procedure=BIRTH, calendar=CAL, applicant_ref="A-0007")
    return d.apply_all(
        [
            Submitted(
                dossier_id="HS-7",
                at=datetime(2026, 3, 2, 9, tzinfo=VN),
                channel=Channel.IN_PERSON,
                procedure="1.004194",
                applicant_ref="A-0007",
            ),
            Received(
                dossier_id="HS-7",
                at=datetime(2026, 3, 2, 9, 5, tzinfo=VN),
                receipt_number="000001",
                actor="cb-01",
            ),
            Paused(
                dossier_id="HS-7",
                at=datetime(2026, 3, 3, 8, tzinfo=VN),
                reason=PauseReason.FINANCIAL_OBLIGATION,
            ),
            Resumed(dossier_id="HS-7", at=datetime(2026, 3, 4, 8, tzinfo=VN)),
            Returned(dossier_id="HS-7", at=datetime(2026, 3, 5, 10, tzinfo=VN)),
        ]
    )


# --------------------------------------------------------------- round trips (properties)
@given(testing.work_calendars(max_changes=2))
def test_calendar_round_trip(cal: Any) -> None:
    assert through_json(cal) == cal


@given(testing.procedures())
def test_procedure_round_trip(p: Any) -> None:
    assert through_json(p) == p


@given(testing.catalogs(max_size=3))
def test_catalog_round_trip(c: Any) -> None:
    assert through_json(c) == c


@given(testing.processing_times())
def test_processing_time_round_trip(pt: Any) -> None:
    back = through_json(pt)
    assert back == pt
    assert type(back) is type(pt)
    assert type(getattr(back, "n", 0)) is type(getattr(pt, "n", 0))  # Fractions stay exact


@given(testing.fees())
def test_fee_round_trip(fee: Any) -> None:
    assert through_json(fee) == fee


@given(testing.deadlines())
def test_deadline_round_trip(d: Any) -> None:
    back = through_json(d)
    assert back == d
    assert back.due_at.utcoffset() == d.due_at.utcoffset()


@given(testing.events())
def test_event_round_trip_keeps_zone_and_offset(event: Event) -> None:
    back = through_json(event)
    assert back == event
    assert type(back) is type(event)
    assert back.at.utcoffset() == event.at.utcoffset()
    assert back.at.tzinfo == event.at.tzinfo


@given(testing.dossiers(calendar=CAL))
def test_dossier_round_trip(d: Dossier) -> None:
    back = through_json(d)
    assert back == d
    assert back.state is d.state
    assert back.clock == d.clock


@given(testing.sla_clocks(calendar=CAL))
def test_clock_and_its_results_round_trip(clock: SlaClock) -> None:
    assert through_json(clock) == clock
    for step in clock.step_deadlines:
        assert through_json(step) == step
    judgement = clock.verdict() if clock.state is ClockState.RETURNED else None
    if judgement is not None:
        assert through_json(judgement) == judgement
    standing = clock.status_at(clock.received_at + timedelta(days=2))
    assert through_json(standing) == standing


@given(st.one_of(testing.counting_rules(), testing.reception_rules(), testing.workflow_policies()))
def test_rules_and_policies_round_trip(value: Any) -> None:
    assert through_json(value) == value


def test_every_wire_type_is_covered_by_a_round_trip() -> None:
    # The strategies above reach these; the rest are reached inside them.
    nested = {
        "LegalReference",
        "Tier",
        "Exemption",
        "ChannelTime",
        "Step",
        "OfficeHours",
        "HoursRule",
        "Workweek",
        "DayOff",
        "MakeUpDay",
        "ReschedulePolicy",
        "ClockEntry",
    }
    direct = {
        "Procedure",
        "Catalog",
        "WorkCalendar",
        "CountingRule",
        "ReceptionRule",
        "Deadline",
        "SlaClock",
        "Judgement",
        "Standing",
        "StepDeadline",
        "WorkflowPolicy",
        "Dossier",
        "Fee",
    }
    tagged = {
        "WorkingDays",
        "WorkingHours",
        "CalendarDays",
        "CalendarHours",
        "SameDay",
        "Conditional",
        "Submitted",
        "Received",
        "SupplementRequested",
        "Supplemented",
        "Rejected",
        "Transferred",
        "StepCompleted",
        "Paused",
        "Resumed",
        "Rescheduled",
        "ResultReady",
        "Returned",
        "Withdrawn",
        "Stopped",
        "FeePaid",
        "Digitised",
    }
    assert set(WIRE_TYPES) == nested | direct | tagged


# --------------------------------------------------------------- the wire conventions
def test_a_hand_built_lifecycle_reads_back_equal_with_its_clock() -> None:
    d = lifecycle()
    back = through_json(d)
    assert back == d
    assert back.verdict() == d.verdict()
    # Hand-counted: received Mon 2/3 09:05; 3 working days end Thu 5/3 17:00; the pause of one
    # working day (Tue 08:00 -> Wed 08:00) moves it to Fri 6/3 17:00.
    assert back.clock is not None
    assert back.clock.due_at == datetime(2026, 3, 6, 17, tzinfo=VN)


def test_wire_format_of_a_received_event() -> None:
    event = Received(
        dossier_id="HS-1",
        at=datetime(2026, 1, 9, 16, 55, tzinfo=VN),
        receipt_number="000001",
        appointment=datetime(2026, 1, 14, 17, tzinfo=VN),
    )
    assert to_dict(event) == {
        "schema_version": SCHEMA_VERSION,
        "type": "Received",
        "dossier_id": "HS-1",
        "at": "2026-01-09T16:55:00+07:00[Asia/Ho_Chi_Minh]",
        "actor": "",
        "receipt_number": "000001",
        "appointment": "2026-01-14T17:00:00+07:00[Asia/Ho_Chi_Minh]",
    }


def test_fractions_are_exact_strings_and_whole_counts_integers() -> None:
    assert to_dict(WorkingDays(Fraction(1, 2)))["n"] == "1/2"
    assert to_dict(WorkingDays(3))["n"] == 3
    assert from_dict({"schema_version": 1, "type": "WorkingDays", "n": "1/2", "since": None}) == (
        WorkingDays(Fraction(1, 2))
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (datetime(2026, 1, 9, 16, 55, tzinfo=VN), "2026-01-09T16:55:00+07:00[Asia/Ho_Chi_Minh]"),
        (datetime(2026, 1, 9, 9, 55, tzinfo=UTC), "2026-01-09T09:55:00+00:00"),
        (
            datetime(2026, 1, 9, 16, 55, 0, 250000, tzinfo=timezone(timedelta(hours=7))),
            "2026-01-09T16:55:00.250000+07:00",
        ),
        # A fold: 01:30 happens twice in New York on 1/11/2026; the offset tells which.
        (
            datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=ZoneInfo("America/New_York")),
            "2026-11-01T01:30:00-05:00[America/New_York]",
        ),
    ],
)
def test_datetimes_keep_offset_and_zone(value: datetime, text: str) -> None:
    doc = converter().unstructure(value)
    assert doc == text
    back = parse_datetime(doc)
    assert back == value
    assert back.utcoffset() == value.utcoffset()
    assert back.tzinfo == value.tzinfo or not isinstance(value.tzinfo, ZoneInfo)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (timedelta(0), "PT0S"),
        (timedelta(hours=4), "PT14400S"),
        (timedelta(days=1, seconds=3600), "P1DT3600S"),
        (timedelta(days=2), "P2D"),
        (-timedelta(seconds=1, microseconds=500000), "-PT1.5S"),
    ],
)
def test_durations(value: timedelta, text: str) -> None:
    assert duration_text(value) == text
    assert parse_duration(text) == value


@given(st.timedeltas())
def test_any_duration_round_trips(value: timedelta) -> None:
    assert parse_duration(duration_text(value)) == value


def test_the_vietnam_calendar_document_is_stable_in_shape() -> None:
    doc = to_dict(CAL)
    assert doc["zone"] == "Asia/Ho_Chi_Minh"
    assert doc["workweek"][-1]["weekdays"] == [0, 1, 2, 3, 4]  # a sorted array, not a set
    tet = [d for d in doc["all_days_off"] if d["date"] == "2026-02-17"]
    assert tet, "Mùng 1 Tết 2026 (17/2/2026) is a day off"


# --------------------------------------------------------------- errors name the JSON path
def event_doc(**change: Any) -> dict[str, Any]:
    doc = to_dict(Resumed(dossier_id="HS-1", at=datetime(2026, 1, 9, 9, tzinfo=VN)))
    doc.update(change)
    return doc


@pytest.mark.parametrize(
    ("doc", "error", "path", "words"),
    [
        ({"type": "Resumed"}, SchemaVersionError, "$.schema_version", "missing"),
        (event_doc(schema_version=2), SchemaVersionError, "$.schema_version", "expected 1"),
        (event_doc(schema_version="1"), SchemaVersionError, "$.schema_version", "'1'"),
        (event_doc(type="Resume"), DocumentError, "$.type", "'Resume'"),
        (event_doc(at="2026-01-09T09:00:00"), DocumentError, "$.at", "no UTC offset"),
        (
            event_doc(at="2026-01-09T09:00:00+08:00[Asia/Ho_Chi_Minh]"),
            DocumentError,
            "$.at",
            "does not match",
        ),
        (event_doc(at="yesterday"), DocumentError, "$.at", "'yesterday'"),
        (event_doc(dossier_id=5), DocumentError, "$.dossier_id", "5 is not a string"),
        (event_doc(colour="red"), DocumentError, "$", "unknown keys ['colour']"),
        ({k: v for k, v in event_doc().items() if k != "at"}, DocumentError, "$.at", "missing"),
        (
            {"schema_version": 1, "type": "WorkingDays", "n": 0.5, "since": None},
            DocumentError,
            "$.n",
            "JSON float",
        ),
        (
            {"schema_version": 1, "type": "WorkingDays", "n": "3", "since": None},
            DocumentError,
            "$.n",
            "'3' is not a fraction",
        ),
        ([1, 2], DocumentError, "$", "list is not an object"),
    ],
)
def test_malformed_documents_name_the_path(
    doc: Any, error: type[DocumentError], path: str, words: str
) -> None:
    with pytest.raises(error) as info:
        from_dict(doc)
    assert info.value.path == path
    assert words in str(info.value)


def test_a_nested_error_names_the_whole_path() -> None:
    doc = to_dict(BIRTH)
    doc["channels"][1]["processing_time"]["n"] = -1
    with pytest.raises(DocumentError) as info:
        from_dict(doc)
    assert info.value.path == "$.channels[1].processing_time"
    assert "-1" in str(info.value)


def test_a_refused_event_inside_a_dossier_names_its_index() -> None:
    doc = to_dict(lifecycle())
    doc["events"][3], doc["events"][4] = (
        doc["events"][4],
        doc["events"][3],
    )  # Returned, then Resumed
    with pytest.raises(DocumentError) as info:
        from_dict(doc)
    assert info.value.path == "$.events[3]"
    assert "paused: Returned is not allowed" in str(info.value)


def test_a_dossier_event_with_a_naive_datetime_names_its_index() -> None:
    doc = to_dict(lifecycle())
    doc["events"][2]["at"] = "2026-03-03T08:00:00"
    with pytest.raises(DocumentError) as info:
        from_dict(doc)
    assert info.value.path == "$.events[2].at"


def test_a_deadline_that_claims_another_appointment_is_refused() -> None:
    d = deadline(WorkingDays(3), datetime(2026, 3, 2, 9, tzinfo=VN), CAL)
    doc = to_dict(d)
    doc["due_date"] = "2026-03-04"
    with pytest.raises(DocumentError) as info:
        from_dict(doc)
    assert info.value.path == "$.due_date"
    assert "expected 2026-03-05" in str(info.value)


def test_a_document_of_another_type_is_refused_when_a_type_is_asked() -> None:
    with pytest.raises(DocumentError, match="'Resumed' is not a Dossier"):
        from_dict(event_doc(), Dossier)
    assert from_dict(event_doc(), Event) == Resumed(
        dossier_id="HS-1", at=datetime(2026, 1, 9, 9, tzinfo=VN)
    )


def test_to_dict_refuses_what_is_not_a_wire_type() -> None:
    with pytest.raises(TypeError, match="not a hanhchinh wire type"):
        to_dict(date(2026, 1, 1))


def test_errors_pickle_with_their_fields() -> None:
    err = EventLogError("$.at", "bad", file="log.jsonl", line=3)
    back = pickle.loads(pickle.dumps(err))
    assert (type(back), back.path, back.file, back.line, str(back)) == (
        EventLogError,
        "$.at",
        "log.jsonl",
        3,
        str(err),
    )


def test_reading_does_not_mutate_the_callers_document() -> None:
    doc = to_dict(lifecycle())
    before = json.dumps(doc, sort_keys=True)
    from_dict(doc)
    assert json.dumps(doc, sort_keys=True) == before


def test_a_submitted_event_naming_another_procedure_is_refused() -> None:
    d = Dossier(id="HS-1", procedure=BIRTH, calendar=CAL)
    with pytest.raises(ProcedureMismatchError, match=r"'1\.010038'"):
        d.apply(
            Submitted(
                dossier_id="HS-1",
                at=datetime(2026, 3, 2, 9, tzinfo=VN),
                channel=Channel.IN_PERSON,
                procedure="1.010038",
            )
        )


# --------------------------------------------------------------- JSON Schema
VALIDATORS = {
    name: jsonschema.Draft202012Validator(json_schema(cls)) for name, cls in WIRE_TYPES.items()
}
EVENT_VALIDATOR = jsonschema.Draft202012Validator(json_schema(Event))


def test_schemas_are_valid_draft_2020_12() -> None:
    for name, cls in WIRE_TYPES.items():
        jsonschema.Draft202012Validator.check_schema(json_schema(cls))
        assert json_schema(cls)["properties"]["type"] == {"const": name}


@given(st.one_of(testing.dossiers(calendar=CAL), testing.deadlines(), testing.procedures()))
def test_every_document_validates_against_its_schema(value: Any) -> None:
    doc = json.loads(json.dumps(to_dict(value)))
    VALIDATORS[type(value).__name__].validate(doc)


@given(testing.events())
def test_every_event_line_validates_against_the_event_schema(event: Event) -> None:
    EVENT_VALIDATOR.validate(json.loads(next(dump_events([event]))))


def test_the_schema_refuses_what_the_reader_refuses() -> None:
    for bad in (
        event_doc(at="2026-01-09T09:00:00"),
        event_doc(colour="red"),
        event_doc(schema_version=2),
        {k: v for k, v in event_doc().items() if k != "at"},
    ):
        assert not EVENT_VALIDATOR.is_valid(bad)
        with pytest.raises(DocumentError):
            from_dict(bad)
    assert VALIDATORS["Dossier"].is_valid(json.loads(json.dumps(to_dict(lifecycle()))))
    assert not VALIDATORS["WorkingDays"].is_valid(
        {"schema_version": 1, "type": "WorkingDays", "n": 0.5, "since": None}
    )


# --------------------------------------------------------------- the JSON Lines event log
def test_event_log_round_trip_through_a_file(tmp_path: Path) -> None:
    d = lifecycle()
    path = tmp_path / "log.jsonl"
    assert write_events(d.events, path) == 5
    assert tuple(read_events(path)) == d.events
    assert path.read_text(encoding="utf-8").count("\n") == 5
    assert replay_log(path, catalog=CATALOG, calendar=CAL) == {"HS-7": d}


@given(st.lists(testing.dossiers(calendar=CAL), max_size=4, unique_by=lambda d: d.id))
def test_interleaved_logs_replay_to_the_same_dossiers(ds: list[Dossier]) -> None:
    ds = [d for d in ds if d.events and d.procedure.code is not None]
    # Interleave by time (stable), the order a centre's log has; ties keep dossier order.
    events = sorted((e for d in ds for e in d.events), key=lambda e: e.at)
    lines = list(dump_events(events))
    # A Submitted without the procedure code cannot be replayed from a log alone.
    named = all(
        isinstance(d.events[0], Submitted) and d.events[0].procedure is not None for d in ds
    )
    if named:
        assert replay_log(lines, catalog=CATALOG, calendar=CAL) == {
            d.id: d for d in sorted(ds, key=lambda d: (d.events[0].at, ds.index(d)))
        }
    assert list(read_events(lines)) == events


@pytest.mark.parametrize(
    ("line", "path", "words"),
    [
        ("\n", "$", "empty"),
        ("{not json\n", "$", "is not JSON"),
        ("[1]\n", "$", "list is not an object"),
        ('{"schema_version":9,"type":"Resumed"}\n', "$.schema_version", "9"),
        (
            '{"schema_version":1,"type":"Resumd","dossier_id":"HS-7","at":"x","actor":""}\n',
            "$.type",
            "'Resumd'",
        ),
        (
            '{"schema_version":1,"type":"Resumed","dossier_id":"HS-7",'
            '"at":"2026-03-05T11:00:00","actor":""}\n',
            "$.at",
            "no UTC offset",
        ),
    ],
)
def test_a_bad_line_is_reported_with_its_number_and_never_skipped(
    line: str, path: str, words: str
) -> None:
    good = list(dump_events(lifecycle().events))
    lines = [*good[:2], line, *good[2:]]
    seen: list[Event] = []
    reader = read_events(lines, file="centre.jsonl")
    seen.append(next(reader))
    seen.append(next(reader))
    with pytest.raises(EventLogError) as info:
        next(reader)
    assert (info.value.file, info.value.line, info.value.path) == ("centre.jsonl", 3, path)
    assert words in str(info.value)
    assert str(info.value).startswith("centre.jsonl, line 3, ")
    assert [e.kind for e in seen] == ["Submitted", "Received"]  # the lines before it, no more


def test_the_reader_streams_and_stops_at_the_bad_line() -> None:
    good = list(dump_events(lifecycle().events))
    reader = read_events([*good[:2], "oops\n", *good[2:]])
    assert next(reader).kind == "Submitted"
    assert next(reader).kind == "Received"
    with pytest.raises(EventLogError, match="line 3"):
        next(reader)


def test_replay_names_the_line_of_an_illegal_event() -> None:
    events = list(lifecycle().events)
    events.insert(2, Returned(dossier_id="HS-7", at=datetime(2026, 3, 2, 10, tzinfo=VN)))
    with pytest.raises(EventLogError) as info:
        replay_log(dump_events(events), catalog=CATALOG, calendar=CAL, file="c.jsonl")
    # line 4 is the Paused event after the early Returned
    assert info.value.line == 4
    assert "returned: Paused is not allowed" in str(info.value)


def test_replay_refuses_a_log_that_does_not_start_a_dossier_or_name_its_procedure() -> None:
    events = lifecycle().events
    with pytest.raises(EventLogError, match="starts with Received; expected Submitted") as info:
        replay_log(dump_events(events[1:]), catalog=CATALOG, calendar=CAL)
    assert info.value.line == 1
    nameless = Submitted(dossier_id="HS-9", at=events[0].at, channel=Channel.IN_PERSON)
    with pytest.raises(EventLogError, match="names no procedure"):
        replay_log(dump_events([nameless]), catalog=CATALOG, calendar=CAL)
    unknown = Submitted(
        dossier_id="HS-9", at=events[0].at, channel=Channel.IN_PERSON, procedure="9.999999"
    )
    with pytest.raises(EventLogError, match=r"9\.999999"):
        replay_log(dump_events([unknown]), catalog=CATALOG, calendar=CAL)


def test_replay_applies_the_policy_and_the_longer_time() -> None:
    # Nhận cha, mẹ, con: 3 working days, or at most 8 where verification is needed.
    code = "1.001022.000.00.00.H29"
    at = datetime(2026, 3, 2, 9, tzinfo=VN)  # Monday
    events = [
        Submitted(
            dossier_id="HS-8",
            at=at,
            channel=Channel.IN_PERSON,
            procedure=code,
            applicant_ref="A-0008",
        ),
        Received(dossier_id="HS-8", at=at, receipt_number="000002"),
    ]
    policy = WorkflowPolicy(processing_supplements=None)
    got = replay_log(
        dump_events(events), catalog=CATALOG, calendar=CAL, policy=policy, longer={"HS-8"}
    )["HS-8"]
    assert (got.policy, got.longer, got.applicant_ref) == (policy, True, "A-0008")
    assert got.clock is not None
    # 8 working days from Mon 2/3 (not counted): Tue 3 ... Fri 6, Mon 9 ... Thu 12 -> 12/3.
    assert got.clock.due_date == date(2026, 3, 12)
    plain = replay_log(dump_events(events), catalog=CATALOG, calendar=CAL)["HS-8"]
    assert plain.clock is not None
    assert plain.clock.due_date == date(2026, 3, 5)


def test_write_events_to_an_open_text_file() -> None:
    buf = io.StringIO()
    write_events(lifecycle().events, buf)
    assert tuple(read_events(io.StringIO(buf.getvalue()))) == lifecycle().events


def test_a_bad_line_in_a_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "centre.jsonl"
    path.write_text('{"schema_version":1}\n', encoding="utf-8")
    with pytest.raises(EventLogError) as info:
        list(read_events(path))
    assert info.value.file == str(path)
    assert info.value.line == 1
    assert isinstance(info.value, HanhChinhError)
    assert isinstance(info.value, ValueError)


def test_the_new_strategies_are_registered_for_from_type() -> None:
    from hypothesis import find

    from hanhchinh.sla import SupplementRule

    event = find(st.from_type(Event), lambda e: isinstance(e, Received))
    assert isinstance(event, Received)
    policy = find(
        st.from_type(WorkflowPolicy), lambda p: p.supplement_rule is SupplementRule.SUBTRACT
    )
    assert policy.supplement_rule is SupplementRule.SUBTRACT
    clock = find(st.from_type(SlaClock), lambda c: True)
    assert isinstance(clock, SlaClock)
