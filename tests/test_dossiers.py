"""Dossiers and the one-stop workflow. Appointments in the lifecycles were counted by hand on
the 2026 calendar (office hours 08–12, 13–17; Tết 14–22/2 off)."""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hanhchinh.calendar import WorkCalendar
from hanhchinh.dossiers import (
    TRANSITIONS,
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
    State,
    StepCompleted,
    Stopped,
    StopReason,
    Submitted,
    Supplemented,
    SupplementRequested,
    Transferred,
    Withdrawn,
    WorkflowPolicy,
    mermaid,
)
from hanhchinh.errors import (
    EventOrderError,
    HanhChinhError,
    IllegalTransitionError,
    NaiveDatetimeError,
    RescheduleError,
    WorkflowPolicyError,
    WrongDossierError,
)
from hanhchinh.procedures import Catalog, Channel
from hanhchinh.sla import PauseReason, ReturnInstant, Status, Verdict
from hanhchinh.testing import dossiers

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CATALOG = Catalog.default()
DOCS = Path(__file__).parent.parent / "docs"


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN)


def fresh(cal: WorkCalendar, code: str = "1.004194", **kw: object) -> Dossier:
    return Dossier(id="HS-1", procedure=CATALOG[code], calendar=cal, applicant_ref="A-1", **kw)  # type: ignore[arg-type]


def e(kind: type[Event], when: datetime, **kw: object) -> Event:
    return kind(dossier_id="HS-1", at=when, actor="cb-01", **kw)


def test_working_days_lifecycle(cal: WorkCalendar) -> None:
    # Đăng ký tạm trú, 03 ngày làm việc: received Mon 2/3 -> 3, 4, 5/3 -> due Thu 5/3 17:00
    d = fresh(cal).apply_all(
        [
            e(Submitted, at(3, 2), channel=Channel.IN_PERSON),
            e(Received, at(3, 2, 9, 10), receipt_number="000001"),
            e(FeePaid, at(3, 2, 9, 15), amount=15_000, online=False),
            e(Digitised, at(3, 2, 9, 20), documents=2),
            e(Transferred, at(3, 2, 10), from_agency="Một cửa", to_agency="Công an xã"),
            e(ResultReady, at(3, 5, 10)),
            e(Returned, at(3, 5, 15)),
        ]
    )
    assert d.state is State.RETURNED
    assert d.clock is not None
    assert d.clock.due_at == at(3, 5, 17)
    j = d.verdict()
    assert j is not None
    assert j.verdict is Verdict.ON_TIME
    assert d.allowed_events == ("FeePaid", "Digitised")


def test_same_day_lifecycle_after_the_cut_off(cal: WorkCalendar) -> None:
    # khai tử: same day, 15:00 cut-off; received Wed 11/2 15:20 -> due Thu 12/2
    d = fresh(cal, "1.000656.000.00.00.H29").apply_all(
        [
            e(Submitted, at(2, 11, 15, 10), channel=Channel.IN_PERSON),
            e(Received, at(2, 11, 15, 20), receipt_number="000002"),
            e(Returned, at(2, 12, 8, 30)),
        ]
    )
    assert d.clock is not None
    assert d.clock.due_at.date() == date(2026, 2, 12)
    j = d.verdict()
    assert j is not None
    assert j.verdict is Verdict.ON_TIME


def test_lien_thong_steps_each_with_its_verdict(cal: WorkCalendar) -> None:
    # 1.001731: 05 ngày làm việc = 02 (xã) + 03 (Phòng Y tế); received Mon 2/3
    p = CATALOG["1.001731"]
    first, second = (s.name for s in p.steps)
    d = fresh(cal, "1.001731").apply_all(
        [
            e(Submitted, at(3, 2), channel=Channel.IN_PERSON),
            e(Received, at(3, 2, 9, 5), receipt_number="000003"),
            e(Transferred, at(3, 2, 14), from_agency="UBND xã", to_agency="Phòng Y tế"),
            e(StepCompleted, at(3, 5, 10), step=first),  # due Wed 4/3 17:00: 2h late
            e(StepCompleted, at(3, 9, 11), step=second),  # due Mon 9/3 17:00
            e(Returned, at(3, 9, 16)),
        ]
    )
    assert d.clock is not None
    one, two = d.clock.step_deadlines
    assert (one.verdict, one.overrun) == (Verdict.LATE, timedelta(hours=2))
    assert two.verdict is Verdict.ON_TIME
    j = d.verdict()
    assert j is not None
    assert j.verdict is Verdict.ON_TIME


def test_supplement_during_processing_restarts_the_time(cal: WorkCalendar) -> None:
    d = fresh(cal).apply_all(
        [
            e(Submitted, at(3, 2), channel=Channel.ONLINE_PARTIAL),
            e(Received, at(3, 2, 10), receipt_number="000004"),
            e(SupplementRequested, at(3, 3, 9), missing=("Giấy tờ chứng minh chỗ ở",)),
            e(Supplemented, at(3, 9, 14)),
        ]
    )
    assert d.state is State.PROCESSING
    assert d.clock is not None
    assert d.clock.due_at == at(3, 12, 17)  # counted again from Mon 9/3: 10, 11, 12/3
    with pytest.raises(WorkflowPolicyError, match="at most 1"):
        d.apply(e(SupplementRequested, at(3, 10), missing=("Tờ khai",)))
    lenient = WorkflowPolicy(processing_supplements=None)
    again = fresh(cal, policy=lenient).apply_all(d.events)
    assert again.apply(e(SupplementRequested, at(3, 10), missing=("Tờ khai",))).state is (
        State.SUPPLEMENT_IN_PROCESSING
    )


def test_supplement_at_reception_once_fully(cal: WorkCalendar) -> None:
    d = fresh(cal).apply_all(
        [
            e(Submitted, at(3, 2), channel=Channel.IN_PERSON),
            e(SupplementRequested, at(3, 2, 9, 5), missing=("Tờ khai CT01",)),
            e(Supplemented, at(3, 3, 9)),
        ]
    )
    assert d.state is State.SUBMITTED
    assert d.clock is None  # the clock starts only at reception
    with pytest.raises(WorkflowPolicyError, match="once, fully"):
        d.apply(e(SupplementRequested, at(3, 3, 9, 5), missing=("Ảnh",)))


def test_rescheduled_lifecycle_two_verdicts(cal: WorkCalendar) -> None:
    d = fresh(cal).apply_all(
        [
            e(Submitted, at(3, 2), channel=Channel.IN_PERSON),
            e(Received, at(3, 2, 9, 5), receipt_number="000005"),  # due Thu 5/3
            e(Paused, at(3, 3, 9), reason=PauseReason.AUTHORISED),
            e(Resumed, at(3, 3, 11)),  # 2 working hours: due Fri 6/3 10:00
            e(Rescheduled, at(3, 4, 16), appointment=at(3, 10, 17), reason="Cần xác minh"),
            e(Returned, at(3, 9, 10)),
        ]
    )
    j = d.verdict()
    assert j is not None
    assert j.original_due_at == at(3, 6, 10)
    assert (j.verdict, j.original) == (Verdict.EARLY, Verdict.LATE)
    with pytest.raises(RescheduleError):
        fresh(cal).apply_all(d.events[:5]).apply(
            e(Rescheduled, at(3, 9, 9), appointment=at(3, 20, 17), reason="again")
        )


def test_withdrawn_and_stopped(cal: WorkCalendar) -> None:
    submitted = fresh(cal).apply(e(Submitted, at(3, 2), channel=Channel.POST))
    assert submitted.apply(e(Withdrawn, at(3, 2, 10))).state is State.WITHDRAWN
    received = submitted.apply(e(Received, at(3, 3), receipt_number="000006"))
    stopped = received.apply(e(Stopped, at(3, 4), reason=StopReason.APPLICANT_REQUEST))
    assert stopped.state is State.STOPPED
    assert stopped.verdict() is None
    assert received.apply(e(Rejected, at(3, 4), reasons=("Sai thẩm quyền",))).state is (
        State.REJECTED
    )


def test_status_of_a_dossier_in_progress(cal: WorkCalendar) -> None:
    d = fresh(cal).apply_all(
        [
            e(Submitted, at(3, 2), channel=Channel.IN_PERSON),
            e(Received, at(3, 2, 9, 5), receipt_number="000007"),
        ]
    )
    assert d.status_at(at(3, 1)) is None
    s = d.status_at(at(3, 6, 9))
    assert s is not None
    assert s.status is Status.OVERDUE
    counter = d.apply_all([e(ResultReady, at(3, 5, 16)), e(Returned, at(3, 6, 9))])
    handed, ready = counter.verdict(), counter.verdict(ReturnInstant.AT_COUNTER)
    assert handed is not None
    assert ready is not None
    assert (handed.verdict, ready.verdict) == (Verdict.LATE, Verdict.ON_TIME)


def test_bad_events_raise_and_leave_the_dossier_unchanged(cal: WorkCalendar) -> None:
    d = fresh(cal).apply(e(Submitted, at(3, 2), channel=Channel.IN_PERSON))
    before = (d.events, d.state)
    with pytest.raises(IllegalTransitionError, match="Returned is not allowed") as info:
        d.apply(e(Returned, at(3, 3)))
    assert "Received" in info.value.allowed
    with pytest.raises(EventOrderError):
        d.apply(e(Received, at(3, 1), receipt_number="1"))
    with pytest.raises(WrongDossierError):
        d.apply(Received(dossier_id="HS-2", at=at(3, 3), receipt_number="1"))
    with pytest.raises(NaiveDatetimeError):
        Received(dossier_id="HS-1", at=datetime(2026, 3, 3), receipt_number="1")  # noqa: DTZ001
    assert (d.events, d.state) == before


def test_every_state_is_reachable_and_every_closed_state_is_final() -> None:
    targets = {State.NEW} | set(TRANSITIONS.values())
    assert targets == set(State)
    for (source, event), target in TRANSITIONS.items():
        if source.closed:
            assert event in (FeePaid, Digitised)
            assert target is source


def test_the_docs_draw_the_table() -> None:
    assert mermaid() in (DOCS / "workflow.md").read_text(encoding="utf-8")


@given(d=dossiers())
def test_replay_rebuilds_the_dossier(d: Dossier) -> None:
    if not d.events:
        return
    again = Dossier.replay(
        d.events, procedure=d.procedure, calendar=d.calendar, applicant_ref=d.applicant_ref
    )
    assert again == d
    assert again.state is d.state
    assert (again.clock is None) is (d.clock is None)
    if d.clock is not None and again.clock is not None:
        assert again.clock.due_at == d.clock.due_at


@given(d=dossiers(), kind=st.sampled_from([e for _, e in TRANSITIONS]))
def test_an_illegal_event_leaves_the_dossier_unchanged(d: Dossier, kind: type[Event]) -> None:
    if kind.__name__ in d.allowed_events:
        return
    last = d.events[-1].at if d.events else datetime(2026, 3, 2, 9, tzinfo=VN)
    table: dict[type[Event], dict[str, object]] = {
        Submitted: {"channel": Channel.IN_PERSON},
        Received: {"receipt_number": "1"},
        SupplementRequested: {"missing": ("x",)},
        Rejected: {"reasons": ("x",)},
        Transferred: {"from_agency": "a", "to_agency": "b"},
        StepCompleted: {"step": "x"},
        Paused: {"reason": PauseReason.OTHER},
        Rescheduled: {"appointment": last + timedelta(days=30), "reason": "x"},
        Stopped: {"reason": StopReason.OTHER},
        FeePaid: {"amount": 0, "online": True},
    }
    fields = table.get(kind, {})
    event = kind(dossier_id=d.id, at=last, **fields)  # type: ignore[arg-type]
    before = (d.events, d.state, d.clock)
    with pytest.raises(IllegalTransitionError):
        d.apply(event)
    assert (d.events, d.state, d.clock) == before


@given(d=dossiers())
def test_no_legal_walk_reaches_an_impossible_state(d: Dossier) -> None:
    received = any(isinstance(x, Received) for x in d.events)
    assert (d.clock is not None) is received
    if d.state is State.RETURNED:
        assert d.verdict() is not None
    if d.state in (State.PROCESSING, State.PAUSED, State.SUPPLEMENT_IN_PROCESSING):
        assert received
    if d.events:
        assert isinstance(d.events[0], Submitted)
    assert all(a.at <= b.at for a, b in zip(d.events, d.events[1:], strict=False))


def test_dossiers_pickle(cal: WorkCalendar) -> None:
    d = fresh(cal).apply(e(Submitted, at(3, 2), channel=Channel.IN_PERSON))
    assert pickle.loads(pickle.dumps(d)) == d


def test_errors_are_library_errors() -> None:
    for cls in (IllegalTransitionError, WrongDossierError, WorkflowPolicyError):
        assert issubclass(cls, HanhChinhError)
