"""The SLA engine: appointments, the clock, verdicts, explanations.

Every expected value in the tables was worked out by hand from the 2026 calendar facts
(Tết Bính Ngọ 14–22/2 off; 10/1 a make-up Saturday; office hours 08–12, 13–17), never taken
from the code under test; the comment on each row shows the count.
"""

from __future__ import annotations

import json
import pickle
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from hanhchinh.calendar import WorkCalendar
from hanhchinh.errors import (
    ClockStateError,
    EventOrderError,
    HanhChinhError,
    InvalidDurationError,
    NaiveDatetimeError,
    OutOfCalendarRangeError,
    RescheduleError,
)
from hanhchinh.procedures import (
    CalendarDays,
    Catalog,
    ProcessingTime,
    SameDay,
    WorkingDays,
    WorkingHours,
)
from hanhchinh.sla import (
    AS_RECORDED,
    CIVIL_CODE,
    EIGHT_HOUR_DAYS,
    NEXT_WORKING_MOMENT,
    ClockState,
    PauseReason,
    ReceptionRule,
    ReschedulePolicy,
    ReturnInstant,
    SlaClock,
    Status,
    SupplementRule,
    Verdict,
    VerdictBasis,
    deadline,
    deadline_for,
)
from hanhchinh.testing import aware_datetimes, deadlines

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN)


VERIFY = ProcessingTime.parse(
    "05 ngày làm việc; trường hợp phải xác minh thì không quá 10 ngày làm việc"
)
EXTRA = ProcessingTime.parse(
    "Trong ngày; sau 15 giờ thì trong ngày làm việc tiếp theo; trường hợp phức tạp thì kéo dài "
    "thêm không quá 02 ngày làm việc"
)
TREASURY = ReceptionRule(name="treasury", shift=True, cutoff=time(16))

# (processing time, received, rule, reception, longer, expected due_at, expected due_date)
CASES = [
    # eve of Tết: Fri 13/2 not counted; 14–22/2 off; 23, 24, 25/2 are working days 1–3
    (WorkingDays(3), at(2026, 2, 13, 16, 55), CIVIL_CODE, NEXT_WORKING_MOMENT, False,
     at(2026, 2, 25, 17), date(2026, 2, 25)),
    # 24 working hours: 0h05 on Fri 13/2, 8h on 23/2 and 24/2, 7h55 on 25/2 -> 16:55
    (WorkingDays(3), at(2026, 2, 13, 16, 55), EIGHT_HOUR_DAYS, NEXT_WORKING_MOMENT, False,
     at(2026, 2, 25, 16, 55), date(2026, 2, 25)),
    # where the two rules differ most: received at opening, 1 day
    (WorkingDays(1), at(2026, 3, 2, 8), CIVIL_CODE, NEXT_WORKING_MOMENT, False,
     at(2026, 3, 3, 17), date(2026, 3, 3)),
    (WorkingDays(1), at(2026, 3, 2, 8), EIGHT_HOUR_DAYS, NEXT_WORKING_MOMENT, False,
     at(2026, 3, 2, 17), date(2026, 3, 2)),
    # half a day = 4 working hours: 10:00 + 2h to 12:00, 13:00 + 2h -> 15:00
    (ProcessingTime.parse("0,5 ngày làm việc"), at(2026, 3, 2, 10), CIVIL_CODE,
     NEXT_WORKING_MOMENT, False, at(2026, 3, 2, 15), date(2026, 3, 2)),
    # same day: before the 15:00 cut-off, after it, and after it on the eve of Tết
    (SameDay(), at(2026, 2, 11, 14, 59), CIVIL_CODE, NEXT_WORKING_MOMENT, False,
     at(2026, 2, 11, 17), date(2026, 2, 11)),
    (SameDay(), at(2026, 2, 11, 15, 1), CIVIL_CODE, NEXT_WORKING_MOMENT, False,
     at(2026, 2, 12, 17), date(2026, 2, 12)),
    (SameDay(), at(2026, 2, 13, 15, 30), CIVIL_CODE, NEXT_WORKING_MOMENT, False,
     at(2026, 2, 23, 17), date(2026, 2, 23)),
    # the make-up Saturday 10/1/2026 (Công văn 12729/VPCP-KGVX) is a working day
    (WorkingDays(1), at(2026, 1, 9, 10), CIVIL_CODE, NEXT_WORKING_MOMENT, False,
     at(2026, 1, 10, 17), date(2026, 1, 10)),
    (WorkingDays(1), at(2026, 1, 10, 10), CIVIL_CODE, NEXT_WORKING_MOMENT, False,
     at(2026, 1, 12, 17), date(2026, 1, 12)),
    # online on Sunday night: the clock starts Mon 2/3 08:00 (Monday is day 0) ...
    (WorkingDays(2), at(2026, 3, 1, 20), CIVIL_CODE, NEXT_WORKING_MOMENT, False,
     at(2026, 3, 4, 17), date(2026, 3, 4)),
    # ... or as recorded (Sunday is day 0; Mon 2, Tue 3 are days 1–2)
    (WorkingDays(2), at(2026, 3, 1, 20), CIVIL_CODE, AS_RECORDED, False,
     at(2026, 3, 3, 17), date(2026, 3, 3)),
    # a sector rule with a 16:00 cut-off: Wed 16:30 counts from Thu 08:00
    (WorkingDays(1), at(2026, 3, 4, 16, 30), CIVIL_CODE, TREASURY, False,
     at(2026, 3, 6, 17), date(2026, 3, 6)),
    (WorkingDays(1), at(2026, 3, 4, 16, 30), CIVIL_CODE, NEXT_WORKING_MOMENT, False,
     at(2026, 3, 5, 17), date(2026, 3, 5)),
    # calendar days: 14..23/2 are days 1–10; 23/2 is a working day: 24:00 that day
    (CalendarDays(10), at(2026, 2, 13, 16, 20), CIVIL_CODE, NEXT_WORKING_MOMENT, False,
     at(2026, 2, 24, 0), date(2026, 2, 23)),
    # 5 calendar days from Mon 9/2 end on Sat 14/2, in Tết: moved to Mon 23/2
    (CalendarDays(5), at(2026, 2, 9, 9), CIVIL_CODE, NEXT_WORKING_MOMENT, False,
     at(2026, 2, 24, 0), date(2026, 2, 23)),
    # hours: 40 min on Fri 13/2, then 3h20 from Mon 23/2 08:00
    (WorkingHours(4), at(2026, 2, 13, 16, 20), CIVIL_CODE, NEXT_WORKING_MOMENT, False,
     at(2026, 2, 23, 11, 20), date(2026, 2, 23)),
    # conditional: base 5 days (3,4,5,6,9/3) or, chosen, 10 days (… 10,11,12,13,16/3)
    (VERIFY, at(2026, 3, 2, 9), CIVIL_CODE, NEXT_WORKING_MOMENT, False,
     at(2026, 3, 9, 17), date(2026, 3, 9)),
    (VERIFY, at(2026, 3, 2, 9), CIVIL_CODE, NEXT_WORKING_MOMENT, True,
     at(2026, 3, 16, 17), date(2026, 3, 16)),
    # same day, plus at most 2 more working days when chosen: Wed 4/3 -> Fri 6/3
    (EXTRA, at(2026, 3, 4, 10), CIVIL_CODE, NEXT_WORKING_MOMENT, True,
     at(2026, 3, 6, 17), date(2026, 3, 6)),
    (EXTRA, at(2026, 3, 4, 10), CIVIL_CODE, NEXT_WORKING_MOMENT, False,
     at(2026, 3, 4, 17), date(2026, 3, 4)),
]  # fmt: skip


@pytest.mark.parametrize(("time_", "received", "rule", "reception", "longer", "due", "day"), CASES)
def test_hand_checked_appointments(
    cal: WorkCalendar,
    time_: ProcessingTime,
    received: datetime,
    rule: object,
    reception: object,
    longer: bool,
    due: datetime,
    day: date,
) -> None:
    d = deadline(time_, received, cal, rule=rule, reception=reception, longer=longer)  # type: ignore[arg-type]
    assert (d.due_at, d.due_date) == (due, day)
    assert d.received_at is received


def test_explain_shows_each_day_its_reason_and_source(cal: WorkCalendar) -> None:
    d = deadline(WorkingDays(3), at(2026, 2, 13, 16, 55), cal)
    e = d.explain()
    count = next(s for s in e.steps if s.kind == "count")
    assert [x.ordinal for x in count.days if x.ordinal] == [1, 2, 3]
    skipped = [x for x in count.days if x.ordinal is None]
    assert [x.day.date for x in skipped] == [date(2026, 2, d) for d in range(14, 23)]
    assert all("9441/TB-BNV" in str(x.day.days_off[0].source) for x in skipped)
    assert any("Điều 147" in str(s) for s in count.sources)
    assert "ngày làm việc thứ 3" in e.text("vi")
    assert "working day 3" in e.text("en")
    data = json.loads(json.dumps(e.to_dict()))
    assert data["result"] == "2026-02-25T17:00:00+07:00"
    assert [s["kind"] for s in data["steps"]] == ["reception", "time", "count", "due"]


def test_explain_shows_the_conditional_choice(cal: WorkCalendar) -> None:
    chosen = deadline(VERIFY, at(2026, 3, 2, 9), cal, longer=True).explain()
    base = deadline(VERIFY, at(2026, 3, 2, 9), cal).explain()
    assert "'phải xác minh' is chosen by the caller" in chosen.text("en")
    assert "not chosen" in base.text("en")
    assert "được chọn" in chosen.text("vi")


def test_explain_shows_reception_shift_and_the_non_default_rule(cal: WorkCalendar) -> None:
    e = deadline(WorkingDays(2), at(2026, 2, 14, 10), cal, rule=EIGHT_HOUR_DAYS).explain()
    reception = e.steps[0]
    assert reception.kind == "reception"
    assert reception.end == at(2026, 2, 23, 8)
    assert next(x.day.date for x in reception.days) == date(2026, 2, 14)
    assert any("eight_hour_days" in n for n in e.notes_en)


def test_deadline_for_uses_the_channel_time() -> None:
    catalog = Catalog.default()
    p = catalog["1.001731"]
    from hanhchinh.calendar import vietnam_public_sector

    d = deadline_for(p, at(2026, 3, 2, 9), vietnam_public_sector())
    assert d.processing_time == p.processing_time()


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: deadline(WorkingDays(1), datetime(2026, 3, 2, 9), c), NaiveDatetimeError),  # noqa: DTZ001
        (lambda c: deadline(WorkingDays(1), at(2040, 3, 2, 9), c), OutOfCalendarRangeError),
        (lambda c: deadline(WorkingDays(3), at(2035, 12, 31, 9), c), OutOfCalendarRangeError),
        (
            lambda c: deadline(WorkingDays(1), at(2026, 3, 2, 9), c, longer=True),
            InvalidDurationError,
        ),
        (lambda c: deadline("3 days", at(2026, 3, 2, 9), c), InvalidDurationError),  # type: ignore[arg-type]
    ],
)
def test_bad_input_raises_library_errors(cal: WorkCalendar, call: object, error: type) -> None:
    with pytest.raises(error) as info:
        call(cal)  # type: ignore[operator]
    assert isinstance(info.value, HanhChinhError)


# ---------------------------------------------------------------------- the clock
def test_pause_pushes_the_appointment_by_the_paused_working_time(cal: WorkCalendar) -> None:
    clock = SlaClock.start(WorkingDays(5), at(2026, 3, 2, 9), cal)
    assert clock.due_at == at(2026, 3, 9, 17)
    paused = clock.pause(at(2026, 3, 3, 14), PauseReason.FINANCIAL_OBLIGATION)
    assert paused.state is ClockState.PAUSED
    resumed = paused.resume(at(2026, 3, 4, 10))  # 14–17 (3h) + 08–10 (2h) = 5h
    assert resumed.due_at == at(2026, 3, 10, 14)  # 9/3 17:00 + 5h: 4h on 10/3, 13:00 + 1h
    assert clock.due_at == at(2026, 3, 9, 17)  # the first clock is unchanged
    assert len(clock.entries) == 0
    assert len(resumed.entries) == 2


def test_supplement_restarts_from_zero_or_subtracts(cal: WorkCalendar) -> None:
    start = at(2026, 3, 2, 9)
    restart = (
        SlaClock.start(WorkingDays(5), start, cal)
        .request_supplement(at(2026, 3, 3, 10))
        .supplemented(at(2026, 3, 10, 14))
    )
    # counted again from 10/3: 11, 12, 13, 16, 17/3
    assert restart.due_at == at(2026, 3, 17, 17)
    subtract = (
        SlaClock.start(WorkingDays(5), start, cal, supplement_rule=SupplementRule.SUBTRACT)
        .request_supplement(at(2026, 3, 3, 10))
        .supplemented(at(2026, 3, 10, 14))
    )
    # waiting 3/3 10:00 – 10/3 14:00 = 7 + 8×4 + 5 = 43h (Tue 6h 10–17? 10–12, 13–17 = 6h)
    # 6 + 8 (4/3) + 8 (5/3) + 8 (6/3) + 8 (9/3) + 5 (10/3 08–12, 13–14) = 43h
    # 9/3 17:00 + 43h: 10, 11, 12, 13/3 (32h) -> 13/3 17:00, 16/3 (8h) -> 11h left 3h: 17/3 11:00
    assert subtract.due_at == at(2026, 3, 17, 11)
    waiting = SlaClock.start(WorkingDays(5), start, cal).request_supplement(at(2026, 3, 3, 10))
    standing = waiting.status_at(at(2026, 3, 20, 9))
    assert standing.state is ClockState.WAITING_SUPPLEMENT
    assert standing.status is Status.IN_TIME
    assert standing.remaining is None


def test_rescheduling_once_and_the_two_verdicts(cal: WorkCalendar) -> None:
    clock = SlaClock.start(WorkingDays(5), at(2026, 3, 2, 9), cal)  # due 9/3
    moved = clock.reschedule(at(2026, 3, 6, 10), at(2026, 3, 13, 17), note="cần xác minh")
    assert moved.rescheduled
    assert moved.due_at == at(2026, 3, 13, 17)
    assert moved.original_due_at == at(2026, 3, 9, 17)
    j = moved.returned(at(2026, 3, 12, 10)).verdict()
    assert j is not None
    assert (j.verdict, j.original) == (Verdict.EARLY, Verdict.LATE)
    assert j.margin == timedelta(hours=14)  # 12/3 10–12, 13–17 (6h) + 13/3 (8h)
    with pytest.raises(RescheduleError, match="at most 1"):
        moved.reschedule(at(2026, 3, 9, 10), at(2026, 3, 20, 17))
    with pytest.raises(RescheduleError, match="on or before 2026-03-08"):
        clock.reschedule(at(2026, 3, 9, 8), at(2026, 3, 13, 17))
    with pytest.raises(RescheduleError, match="after the one in force"):
        clock.reschedule(at(2026, 3, 5, 10), at(2026, 3, 9, 12))
    twice = SlaClock.start(
        WorkingDays(5), at(2026, 3, 2, 9), cal, policy=ReschedulePolicy(max_count=2)
    )
    twice = twice.reschedule(at(2026, 3, 4, 9), at(2026, 3, 12, 17))
    assert twice.reschedule(at(2026, 3, 10, 9), at(2026, 3, 16, 17)).due_at == at(2026, 3, 16, 17)


def test_steps_have_their_own_deadlines_and_overruns(cal: WorkCalendar) -> None:
    p = Catalog.default()["1.001731"]  # 05 ngày làm việc = 02 + 03 (steps of the record)
    clock = SlaClock.for_procedure(p, at(2026, 3, 2, 9), cal)
    first, second = clock.step_deadlines
    assert (first.due_at, second.due_at) == (at(2026, 3, 4, 17), at(2026, 3, 9, 17))
    done = clock.complete_step(first.name, at(2026, 3, 5, 10)).returned(at(2026, 3, 9, 11))
    late = done.step_deadlines[0]
    assert late.verdict is Verdict.LATE
    assert late.overrun == timedelta(hours=2)
    j = done.verdict()
    assert j is not None
    assert j.verdict is Verdict.ON_TIME
    assert any("overran" in n for n in done.explain().notes_en)
    with pytest.raises(ClockStateError, match="each step completed once"):
        clock.complete_step(first.name, at(2026, 3, 3, 9)).complete_step(
            first.name, at(2026, 3, 3, 10)
        )
    with pytest.raises(ClockStateError, match="one of the steps"):
        clock.complete_step("no such step", at(2026, 3, 3, 9))


def test_status_date_and_instant_bases(cal: WorkCalendar) -> None:
    clock = SlaClock.start(WorkingDays(1), at(2026, 3, 2, 9), cal)  # due 3/3 17:00
    early = clock.status_at(at(2026, 3, 3, 9))
    assert early.status is Status.IN_TIME
    assert early.remaining == timedelta(hours=7)
    evening = at(2026, 3, 3, 18)
    assert clock.status_at(evening).status is Status.IN_TIME
    assert clock.status_at(evening, basis=VerdictBasis.INSTANT).status is Status.OVERDUE
    late = clock.status_at(at(2026, 3, 4, 10))
    assert late.status is Status.OVERDUE
    assert late.overrun == timedelta(hours=2)


def test_which_instant_counts_as_returned(cal: WorkCalendar) -> None:
    clock = (
        SlaClock.start(WorkingDays(5), at(2026, 3, 2, 9), cal)
        .result_ready(at(2026, 3, 9, 16))
        .returned(at(2026, 3, 10, 9))
    )
    handed = clock.verdict()
    counter = clock.verdict(ReturnInstant.AT_COUNTER)
    assert handed is not None
    assert counter is not None
    assert (handed.verdict, counter.verdict) == (Verdict.LATE, Verdict.ON_TIME)
    assert SlaClock.start(WorkingDays(1), at(2026, 3, 2, 9), cal).verdict() is None


def test_clock_refuses_events_out_of_order_and_in_the_wrong_state(cal: WorkCalendar) -> None:
    clock = SlaClock.start(WorkingDays(5), at(2026, 3, 2, 9), cal)
    with pytest.raises(EventOrderError, match="before the last event"):
        clock.pause(at(2026, 3, 3, 10), PauseReason.OTHER).resume(at(2026, 3, 3, 9))
    with pytest.raises(EventOrderError):
        clock.pause(at(2026, 3, 1, 10), PauseReason.OTHER)
    with pytest.raises(ClockStateError, match="resume is not allowed while the clock is running"):
        clock.resume(at(2026, 3, 3, 10))
    with pytest.raises(ClockStateError):
        clock.supplemented(at(2026, 3, 3, 10))
    with pytest.raises(ClockStateError):
        clock.returned(at(2026, 3, 3, 10)).pause(at(2026, 3, 4, 9), PauseReason.OTHER)
    with pytest.raises(NaiveDatetimeError):
        clock.pause(datetime(2026, 3, 3, 10), PauseReason.OTHER)  # noqa: DTZ001


def test_clock_explain_lists_pauses_reschedule_and_verdict(cal: WorkCalendar) -> None:
    clock = (
        SlaClock.start(WorkingDays(5), at(2026, 3, 2, 9), cal)
        .pause(at(2026, 3, 3, 14), PauseReason.FINANCIAL_OBLIGATION)
        .resume(at(2026, 3, 4, 10))
        .reschedule(at(2026, 3, 6, 10), at(2026, 3, 16, 17))
        .returned(at(2026, 3, 13, 9))
    )
    e = clock.explain()
    kinds = [s.kind for s in e.steps]
    assert kinds == [
        "reception", "time", "count", "due", "pause", "resume", "reschedule", "returned",
        "verdict",
    ]  # fmt: skip
    assert "5h00" in e.text("en")
    assert "5 giờ 00 phút" in e.text("vi")
    assert e.result is Verdict.EARLY
    json.dumps(e.to_dict())


def test_clock_pickles_and_compares(cal: WorkCalendar) -> None:
    clock = SlaClock.start(WorkingDays(5), at(2026, 3, 2, 9), cal).pause(
        at(2026, 3, 3, 14), PauseReason.AUTHORISED
    )
    assert pickle.loads(pickle.dumps(clock)) == clock
    assert attrs.evolve(clock) == clock


# ---------------------------------------------------------------------- properties
@given(n=st.integers(1, 60), received=aware_datetimes(max_value=datetime(2030, 6, 30)))  # noqa: DTZ001
def test_working_days_end_at_the_close_of_the_nth_working_day(
    cal: WorkCalendar, n: int, received: datetime
) -> None:
    d = deadline(WorkingDays(n), received, cal)
    assert cal.is_working_day(d.due_date)
    assert cal.working_days_between(d.starts_at.date(), d.due_date) == n
    assert d.due_at == cal.closing_moment(d.due_date)
    assert d.starts_at >= cal.localize(received)


@given(
    n=st.integers(1, 30),
    a=aware_datetimes(max_value=datetime(2030, 6, 30)),  # noqa: DTZ001
    b=aware_datetimes(max_value=datetime(2030, 6, 30)),  # noqa: DTZ001
)
def test_a_later_reception_is_never_due_earlier(
    cal: WorkCalendar, n: int, a: datetime, b: datetime
) -> None:
    a, b = sorted((a, b))
    for rule in (CIVIL_CODE, EIGHT_HOUR_DAYS):
        assert (
            deadline(WorkingDays(n), a, cal, rule=rule).due_at
            <= deadline(WorkingDays(n), b, cal, rule=rule).due_at
        )


@given(n=st.integers(1, 30), received=aware_datetimes(max_value=datetime(2030, 6, 30)))  # noqa: DTZ001
def test_eight_hour_days_never_later_than_the_civil_code(
    cal: WorkCalendar, n: int, received: datetime
) -> None:
    # With 8-hour office days and the reception moved to working time, n × 8 working hours
    # from the start end within the n-th working day after the start day.
    hours = deadline(WorkingDays(n), received, cal, rule=EIGHT_HOUR_DAYS)
    civil = deadline(WorkingDays(n), received, cal)
    assert hours.due_at <= civil.due_at
    assert cal.working_time_between(hours.starts_at, hours.due_at) == timedelta(hours=8 * n)


@given(received=aware_datetimes(max_value=datetime(2030, 6, 30)))  # noqa: DTZ001
def test_same_day_is_due_on_the_reception_day_or_the_next_working_day(
    cal: WorkCalendar, received: datetime
) -> None:
    d = deadline(SameDay(), received, cal)
    start = d.starts_at
    if start.time() <= time(15):
        assert d.due_date == start.date()
    else:
        assert d.due_date == cal.next_working_day(start.date())


@given(
    n=st.integers(1, 20),
    received=aware_datetimes(max_value=datetime(2030, 6, 30)),  # noqa: DTZ001
    offset=st.integers(0, 30 * 24 * 60),
    length=st.integers(1, 20 * 24 * 60),
)
def test_a_pause_moves_the_appointment_by_exactly_its_working_time(
    cal: WorkCalendar, n: int, received: datetime, offset: int, length: int
) -> None:
    clock = SlaClock.start(WorkingDays(n), received, cal)
    start = clock.deadline.starts_at + timedelta(minutes=offset)
    end = start + timedelta(minutes=length)
    assume(start < clock.due_at)
    moved = clock.pause(start, PauseReason.OTHER).resume(end)
    assert cal.working_time_between(clock.due_at, moved.due_at) == cal.working_time_between(
        start, end
    )


@given(d=deadlines())
def test_every_deadline_explains_itself(d: object) -> None:
    from hanhchinh.sla import Deadline

    assert isinstance(d, Deadline)
    e = d.explain()
    assert e.result == d.due_at
    assert e.steps[0].kind == "reception"
    assert e.steps[-1].kind == "due"
    assert json.loads(json.dumps(e.to_dict()))["result"] == d.due_at.isoformat()
    assert e.text("vi")
    assert e.text("en")


@given(n=st.integers(1, 20), received=aware_datetimes(max_value=datetime(2030, 6, 30)))  # noqa: DTZ001
def test_status_at_reception_has_the_whole_period_left(
    cal: WorkCalendar, n: int, received: datetime
) -> None:
    clock = SlaClock.start(WorkingDays(n), received, cal)
    s = clock.status_at(clock.deadline.starts_at)
    assert s.status is Status.IN_TIME
    assert s.remaining == cal.working_time_between(clock.deadline.starts_at, clock.due_at)


@given(
    received=aware_datetimes(max_value=datetime(2030, 6, 30)),  # noqa: DTZ001
    gaps=st.lists(st.integers(0, 5 * 24 * 60), min_size=1, max_size=8),
    supplement=st.sampled_from(SupplementRule),
)
def test_a_clock_extended_entry_by_entry_equals_its_replay(
    cal: WorkCalendar, received: datetime, gaps: list[int], supplement: SupplementRule
) -> None:
    clock = SlaClock.start(WorkingDays(4), received, cal, supplement_rule=supplement)
    t = clock.deadline.starts_at
    for k, gap in enumerate(gaps):
        t += timedelta(minutes=gap)
        if k % 4 == 0:
            clock = clock.pause(t, PauseReason.OTHER)
        elif k % 4 == 1:
            clock = clock.resume(t)
        elif k % 4 == 2:
            clock = clock.request_supplement(t)
        else:
            clock = clock.supplemented(t)
    replayed = SlaClock(
        processing_time=clock.processing_time,
        received_at=clock.received_at,
        calendar=cal,
        supplement_rule=supplement,
        entries=clock.entries,
    )
    assert replayed == clock
    assert (replayed.state, replayed.due_at, replayed.original_due_at) == (
        clock.state,
        clock.due_at,
        clock.original_due_at,
    )
    assert replayed.status_at(t) == clock.status_at(t)
