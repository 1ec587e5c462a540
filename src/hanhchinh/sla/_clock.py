"""The SLA clock: the running account of a dossier's time, its pauses, restarts,
rescheduling, internal steps and verdicts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from enum import Enum
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from hanhchinh.calendar import WorkCalendar
from hanhchinh.errors import ClockStateError, EventOrderError, InvalidDurationError, RescheduleError
from hanhchinh.legal import LegalReference
from hanhchinh.procedures import (
    CalendarDays,
    ProcessingTime,
    Step,
    WorkingDays,
    WorkingHours,
)
from hanhchinh.procedures._procedure import HOURS_PER_WORKING_DAY
from hanhchinh.sla._deadline import Deadline, _aware, deadline
from hanhchinh.sla._explain import ExplanationStep, SlaExplanation, duration_text, moment_text
from hanhchinh.sla._rules import (
    CIVIL_CODE,
    NEXT_WORKING_MOMENT,
    CountingRule,
    ReceptionRule,
    ReschedulePolicy,
    ReturnInstant,
    SupplementRule,
    VerdictBasis,
)

if TYPE_CHECKING:
    from hanhchinh.procedures import Channel, Procedure

__all__ = [
    "ClockEntry",
    "ClockState",
    "EntryKind",
    "Judgement",
    "PauseReason",
    "SlaClock",
    "Standing",
    "Status",
    "StepDeadline",
    "Verdict",
    "judge",
]

_ZERO = timedelta(0)


class Verdict(Enum):
    """A returned dossier (or a completed step) against its appointment: trước hạn, đúng hạn,
    quá hạn."""

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"

    @property
    def vi(self) -> str:
        """The Vietnamese label reports use."""
        return {"early": "trước hạn", "on_time": "đúng hạn", "late": "quá hạn"}[self.value]


class Status(Enum):
    """A dossier in progress at an instant: đang giải quyết trong hạn / quá hạn."""

    IN_TIME = "in_time"
    OVERDUE = "overdue"

    @property
    def vi(self) -> str:
        """The Vietnamese label reports use."""
        return "trong hạn" if self is Status.IN_TIME else "quá hạn"


class PauseReason(Enum):
    """Why time does not count: the applicant's supplement (under
    :attr:`SupplementRule.SUBTRACT`), the applicant's financial obligations (land procedures),
    an authorised stop, or another reason given with its source."""

    SUPPLEMENT = "supplement"
    FINANCIAL_OBLIGATION = "financial_obligation"
    AUTHORISED = "authorised"
    OTHER = "other"


_PAUSE_VI = {
    PauseReason.SUPPLEMENT: "chờ bổ sung, hoàn thiện hồ sơ",
    PauseReason.FINANCIAL_OBLIGATION: "chờ thực hiện nghĩa vụ tài chính",
    PauseReason.AUTHORISED: "tạm dừng theo quy định",
    PauseReason.OTHER: "tạm dừng",
}
_PAUSE_EN = {
    PauseReason.SUPPLEMENT: "waiting for the applicant's supplement",
    PauseReason.FINANCIAL_OBLIGATION: "waiting for the applicant's financial obligations",
    PauseReason.AUTHORISED: "an authorised stop",
    PauseReason.OTHER: "paused",
}


class EntryKind(Enum):
    """The kinds of entry a clock records."""

    PAUSE = "pause"
    RESUME = "resume"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    SUPPLEMENTED = "supplemented"
    RESCHEDULED = "rescheduled"
    STEP_COMPLETED = "step_completed"
    RESULT_READY = "result_ready"
    RETURNED = "returned"


class ClockState(Enum):
    """Where the clock stands."""

    RUNNING = "running"
    PAUSED = "paused"
    WAITING_SUPPLEMENT = "waiting_supplement"
    RESULT_READY = "result_ready"
    RETURNED = "returned"


@attrs.frozen(kw_only=True)
class ClockEntry:
    """One fact the clock was told, with its instant.

    Attributes:
        kind: What happened.
        at: When (aware).
        reason: For a pause, why.
        source: For a pause, the legal source that allows it.
        appointment: For a rescheduling, the new appointment.
        step: For a completed step, its name.
        note: Free text (the apology's reason, a pause's detail), never personal data.
    """

    kind: EntryKind
    at: datetime
    reason: PauseReason | None = None
    source: LegalReference | None = None
    appointment: datetime | None = None
    step: str | None = None
    note: str = ""


@attrs.frozen(kw_only=True)
class Standing:
    """Where a dossier in progress stands at an instant.

    Attributes:
        at: The instant asked about.
        state: The clock's state then.
        status: IN_TIME or OVERDUE.
        due_at: The appointment in force then (pauses up to *at* included).
        remaining: Working time left until the appointment (``None`` while the clock waits
            for a supplement that will restart it).
        overrun: Working time past the appointment (zero when in time).
    """

    at: datetime
    state: ClockState
    status: Status
    due_at: datetime | None
    remaining: timedelta | None
    overrun: timedelta


@attrs.frozen(kw_only=True)
class Judgement:
    """The verdict on a returned dossier, against the appointment in force and the original.

    Attributes:
        verdict: Against the appointment in force (the new one after a rescheduling: what
            the applicant's receipt shows).
        original: Against the original appointment (what the service index counts).
        returned_at: The instant that counted as returned (see :class:`ReturnInstant`).
        due_at, due_date: The appointment in force.
        original_due_at, original_due_date: The original appointment.
        margin: Working time from the return to the appointment in force: positive when
            early, negative when late.
        returned: Which instant counted as returned.
    """

    verdict: Verdict
    original: Verdict
    returned_at: datetime
    due_at: datetime
    due_date: date
    original_due_at: datetime
    original_due_date: date
    margin: timedelta
    returned: ReturnInstant


@attrs.frozen(kw_only=True)
class StepDeadline:
    """An internal step's deadline from the procedure's allocations, and how it went.

    Attributes:
        name: The step.
        allocated: Its own allocation.
        due_at, due_date: Its deadline (the allocations up to and including it, counted from
            the clock's start, pushed by pauses).
        completed_at: When it was completed, if it was.
        verdict: Against ``due_at`` (an instant: steps are often hours long).
        overrun: Working time past the deadline (zero if none).
    """

    name: str
    allocated: ProcessingTime
    due_at: datetime
    due_date: date
    completed_at: datetime | None = None
    verdict: Verdict | None = None
    overrun: timedelta = _ZERO


def judge(
    at: datetime, due_at: datetime, due_date: date, basis: VerdictBasis, calendar: WorkCalendar
) -> Verdict:
    """The verdict of *at* against an appointment.

    ``VerdictBasis.DATE``: before the appointment date is EARLY, on it ON_TIME, after it LATE
    (as reports count trước hạn / đúng hạn / quá hạn). ``VerdictBasis.INSTANT``: after
    ``due_at`` is LATE; otherwise EARLY on an earlier date, ON_TIME on the same date.
    """
    day = calendar.localize(at).date()
    if basis is VerdictBasis.DATE:
        if day < due_date:
            return Verdict.EARLY
        return Verdict.ON_TIME if day == due_date else Verdict.LATE
    if at > due_at:
        return Verdict.LATE
    return Verdict.EARLY if day < due_date else Verdict.ON_TIME


def _cumulative(steps: tuple[Step, ...]) -> list[ProcessingTime]:
    """Each step's deadline as a processing time counted from the start: the allocations up
    to and including it."""
    out: list[ProcessingTime] = []
    hours = Fraction(0)
    days = Fraction(0)
    for s in steps:
        t = s.time
        if isinstance(t, CalendarDays):
            days += Fraction(t.n)
            out.append(CalendarDays(int(days) if days.denominator == 1 else days))
            continue
        if isinstance(t, WorkingDays):
            hours += Fraction(t.n) * HOURS_PER_WORKING_DAY
        elif isinstance(t, WorkingHours):
            hours += Fraction(t.n)
        else:
            raise InvalidDurationError(
                "steps", s.text, "steps in working days or hours (or calendar days)"
            )
        whole_days = hours / HOURS_PER_WORKING_DAY
        if whole_days.denominator == 1:
            out.append(WorkingDays(int(whole_days)))
        else:
            out.append(WorkingHours(int(hours) if hours.denominator == 1 else hours))
    return out


@attrs.define
class _Pause:
    start: datetime
    end: datetime | None
    reason: PauseReason
    source: LegalReference | None


@attrs.define
class _State:
    state: ClockState
    start: datetime
    base: Deadline
    pauses: list[_Pause]
    step_bases: list[Deadline]
    resched_at: datetime | None = None
    resched_to: datetime | None = None
    resched_count: int = 0
    steps_done: dict[str, datetime] = attrs.Factory(dict)
    ready_at: datetime | None = None
    returned_at: datetime | None = None
    log: list[ExplanationStep] = attrs.Factory(list)

    def copy(self) -> _State:
        """A copy that shares no mutable part with this state (the log is not kept)."""
        return _State(
            state=self.state,
            start=self.start,
            base=self.base,
            pauses=[_Pause(p.start, p.end, p.reason, p.source) for p in self.pauses],
            step_bases=list(self.step_bases),
            resched_at=self.resched_at,
            resched_to=self.resched_to,
            resched_count=self.resched_count,
            steps_done=dict(self.steps_done),
            ready_at=self.ready_at,
            returned_at=self.returned_at,
        )


@attrs.frozen(kw_only=True)
class SlaClock:
    """The running account of one dossier's time, from reception to return.

    A clock is an immutable value: each method returns a new clock with one more entry, and
    every figure is recomputed from the entries, so a clock can be rebuilt from a log.

    * :meth:`pause` / :meth:`resume`: time that does not count (the applicant's financial
      obligations, an authorised stop) pushes the appointment by exactly the working time
      paused.
    * :meth:`request_supplement` / :meth:`supplemented`: under
      :attr:`SupplementRule.RESTART` (default; Nghị định 118/2025/NĐ-CP, Điều 19(5)) the
      processing time restarts from zero when the complete dossier arrives; under
      :attr:`SupplementRule.SUBTRACT` (the service index) the wait is a pause.
    * :meth:`reschedule`: a new appointment with an apology letter, at most
      ``policy.max_count`` times and no later than ``policy.notice_days`` before the
      appointment (Điều 19(6)); the verdict is given against both appointments.
    * :meth:`complete_step`: the procedure's internal steps, each with its own deadline
      from the allocations; a step's overrun shows even when the dossier is on time.
    * :meth:`result_ready` / :meth:`returned`: the two instants a verdict can be taken at
      (:class:`ReturnInstant`).

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from hanhchinh.calendar import vietnam_public_sector
    >>> from hanhchinh.procedures import WorkingDays
    >>> tz = ZoneInfo("Asia/Ho_Chi_Minh")
    >>> clock = SlaClock.start(WorkingDays(3), datetime(2026, 3, 2, 9, tzinfo=tz),
    ...                        vietnam_public_sector())
    >>> clock.due_at.date()
    datetime.date(2026, 3, 5)
    >>> clock = clock.pause(datetime(2026, 3, 3, 9, tzinfo=tz), PauseReason.FINANCIAL_OBLIGATION)
    >>> clock = clock.resume(datetime(2026, 3, 4, 9, tzinfo=tz))  # 8 working hours paused
    >>> clock.due_at.date()
    datetime.date(2026, 3, 6)
    >>> clock.returned(datetime(2026, 3, 6, 10, tzinfo=tz)).verdict().verdict
    <Verdict.ON_TIME: 'on_time'>
    """

    processing_time: ProcessingTime
    received_at: datetime
    calendar: WorkCalendar = attrs.field(repr=False)
    rule: CountingRule = CIVIL_CODE
    reception: ReceptionRule = NEXT_WORKING_MOMENT
    supplement_rule: SupplementRule = SupplementRule.RESTART
    policy: ReschedulePolicy = attrs.field(factory=ReschedulePolicy)
    longer: bool = False
    steps: tuple[Step, ...] = ()
    entries: tuple[ClockEntry, ...] = ()
    _s: _State = attrs.field(init=False, repr=False, eq=False, hash=False, alias="_s")

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_s", self._replay(None, explain=False))

    # ------------------------------------------------------------------ building
    @classmethod
    def start(
        cls,
        processing_time: ProcessingTime,
        received_at: datetime,
        calendar: WorkCalendar,
        *,
        rule: CountingRule = CIVIL_CODE,
        reception: ReceptionRule = NEXT_WORKING_MOMENT,
        supplement_rule: SupplementRule = SupplementRule.RESTART,
        policy: ReschedulePolicy | None = None,
        longer: bool = False,
        steps: Iterable[Step] = (),
    ) -> SlaClock:
        """A clock started at the reception of a complete, valid dossier."""
        return cls(
            processing_time=processing_time,
            received_at=_aware(received_at, "received_at"),
            calendar=calendar,
            rule=rule,
            reception=reception,
            supplement_rule=supplement_rule,
            policy=ReschedulePolicy() if policy is None else policy,
            longer=longer,
            steps=tuple(steps),
        )

    @classmethod
    def for_procedure(
        cls,
        procedure: Procedure,
        received_at: datetime,
        calendar: WorkCalendar,
        *,
        channel: Channel | None = None,
        rule: CountingRule = CIVIL_CODE,
        reception: ReceptionRule = NEXT_WORKING_MOMENT,
        supplement_rule: SupplementRule = SupplementRule.RESTART,
        policy: ReschedulePolicy | None = None,
        longer: bool = False,
    ) -> SlaClock:
        """A clock for *procedure* on *channel*, with the procedure's internal steps."""
        return cls.start(
            procedure.processing_time(channel),
            received_at,
            calendar,
            rule=rule,
            reception=reception,
            supplement_rule=supplement_rule,
            policy=policy,
            longer=longer,
            steps=procedure.steps,
        )

    def _add(self, entry: ClockEntry) -> SlaClock:
        """A new clock with *entry* appended: the entry is applied to a copy of this
        clock's state (checked as a replay would check it), not replayed from the start."""
        self.calendar.localize(_aware(entry.at, "at"))  # refuses a naive instant
        last = self.entries[-1].at if self.entries else self.received_at
        if entry.at < last:
            raise EventOrderError(entry.kind.value, entry.at, last)
        state = self._s.copy()
        self._apply(state, entry, [st.name for st in self.steps], explain=False)
        new = object.__new__(SlaClock)
        for name in _KEPT_FIELDS:
            object.__setattr__(new, name, getattr(self, name))
        object.__setattr__(new, "entries", (*self.entries, entry))
        object.__setattr__(new, "_s", state)
        return new

    def pause(
        self,
        at: datetime,
        reason: PauseReason,
        *,
        source: LegalReference | None = None,
        note: str = "",
    ) -> SlaClock:
        """Stop the clock at *at* for *reason* (with its legal *source*, if any)."""
        if not isinstance(reason, PauseReason):
            raise InvalidDurationError("reason", reason, "a PauseReason")
        return self._add(
            ClockEntry(kind=EntryKind.PAUSE, at=at, reason=reason, source=source, note=note)
        )

    def resume(self, at: datetime) -> SlaClock:
        """Restart the clock after a pause."""
        return self._add(ClockEntry(kind=EntryKind.RESUME, at=at))

    def request_supplement(self, at: datetime, *, note: str = "") -> SlaClock:
        """A supplement requested during processing (Phiếu yêu cầu bổ sung, hoàn thiện)."""
        return self._add(ClockEntry(kind=EntryKind.SUPPLEMENT_REQUESTED, at=at, note=note))

    def supplemented(self, at: datetime) -> SlaClock:
        """The complete dossier received back from the applicant."""
        return self._add(ClockEntry(kind=EntryKind.SUPPLEMENTED, at=at))

    def reschedule(self, at: datetime, appointment: datetime, *, note: str = "") -> SlaClock:
        """A new appointment set at *at* with an apology letter (Văn bản xin lỗi và đề nghị
        gia hạn).

        Raises:
            RescheduleError: If the policy's count is used up, the letter is later than the
                notice allows, or *appointment* is not after the appointment in force.
        """
        self.calendar.localize(_aware(appointment, "appointment"))
        return self._add(
            ClockEntry(kind=EntryKind.RESCHEDULED, at=at, appointment=appointment, note=note)
        )

    def complete_step(self, step: str, at: datetime) -> SlaClock:
        """Record that internal *step* was completed (handed over) at *at*."""
        return self._add(ClockEntry(kind=EntryKind.STEP_COMPLETED, at=at, step=step))

    def result_ready(self, at: datetime) -> SlaClock:
        """The result reached the one-stop counter."""
        return self._add(ClockEntry(kind=EntryKind.RESULT_READY, at=at))

    def returned(self, at: datetime) -> SlaClock:
        """The result was handed to the applicant."""
        return self._add(ClockEntry(kind=EntryKind.RETURNED, at=at))

    # ------------------------------------------------------------------ replay
    def _deadline(self, processing_time: ProcessingTime, at: datetime, longer: bool) -> Deadline:
        return deadline(
            processing_time,
            at,
            self.calendar,
            rule=self.rule,
            reception=self.reception,
            longer=longer,
        )

    def _push(
        self, due: datetime, pauses: Iterable[_Pause], now: datetime | None, since: datetime | None
    ) -> datetime:
        cal = self.calendar
        for p in pauses:
            if since is not None and p.start < since:
                continue
            end = p.end if p.end is not None else now
            if end is None or p.start >= due:
                continue
            due = cal.add_working_time(due, cal.working_time_between(p.start, end))
        return due

    def _replay(self, until: datetime | None, *, explain: bool) -> _State:
        base = self._deadline(self.processing_time, self.received_at, self.longer)
        step_times = _cumulative(self.steps)
        s = _State(
            state=ClockState.RUNNING,
            start=base.starts_at,
            base=base,
            pauses=[],
            step_bases=[self._deadline(t, self.received_at, False) for t in step_times],
        )
        if explain:
            s.log.extend(base.explain().steps)
        names = [st.name for st in self.steps]
        last = self.received_at
        for e in self.entries:
            if until is not None and e.at > until:
                break
            if e.at < last:
                raise EventOrderError(e.kind.value, e.at, last)
            last = e.at
            self._apply(s, e, names, explain)
        return s

    def _require(self, s: _State, e: ClockEntry, *allowed: ClockState) -> None:
        if s.state not in allowed:
            raise ClockStateError(
                e.kind.value, s.state.value, "the clock " + " or ".join(a.value for a in allowed)
            )

    def _apply(self, s: _State, e: ClockEntry, names: list[str], explain: bool) -> None:
        cal = self.calendar
        kind = e.kind
        if kind is EntryKind.PAUSE:
            self._require(s, e, ClockState.RUNNING)
            assert e.reason is not None
            s.pauses.append(_Pause(e.at, None, e.reason, e.source))
            s.state = ClockState.PAUSED
            if explain:
                sources = () if e.source is None else (e.source,)
                s.log.append(
                    ExplanationStep(
                        kind="pause",
                        text_en=f"paused {moment_text(e.at, 'en')}: {_PAUSE_EN[e.reason]}"
                        + (f" ({e.note})" if e.note else ""),
                        text_vi=f"tạm dừng {moment_text(e.at, 'vi')}: {_PAUSE_VI[e.reason]}"
                        + (f" ({e.note})" if e.note else ""),
                        start=e.at,
                        sources=sources,
                    )
                )
        elif kind is EntryKind.RESUME:
            self._require(s, e, ClockState.PAUSED)
            self._close_pause(s, e, explain)
        elif kind is EntryKind.SUPPLEMENT_REQUESTED:
            self._require(s, e, ClockState.RUNNING)
            s.state = ClockState.WAITING_SUPPLEMENT
            rule = self.supplement_rule
            if rule is SupplementRule.SUBTRACT:
                s.pauses.append(_Pause(e.at, None, PauseReason.SUPPLEMENT, rule.source))
            if explain:
                then_en = (
                    "the time restarts from zero when the complete dossier arrives"
                    if rule is SupplementRule.RESTART
                    else "the waiting time will not count"
                )
                then_vi = (
                    "thời hạn được tính lại từ đầu sau khi nhận đủ hồ sơ"
                    if rule is SupplementRule.RESTART
                    else "thời gian chờ bổ sung không được tính"
                )
                s.log.append(
                    ExplanationStep(
                        kind="supplement",
                        text_en=f"supplement requested {moment_text(e.at, 'en')}; {then_en}",
                        text_vi=f"yêu cầu bổ sung, hoàn thiện hồ sơ {moment_text(e.at, 'vi')}; "
                        f"{then_vi}",
                        start=e.at,
                        sources=(rule.source,),
                    )
                )
        elif kind is EntryKind.SUPPLEMENTED:
            self._require(s, e, ClockState.WAITING_SUPPLEMENT)
            if self.supplement_rule is SupplementRule.SUBTRACT:
                self._close_pause(s, e, explain)
                return
            base = self._deadline(self.processing_time, e.at, self.longer)
            s.base = base
            s.start = base.starts_at
            s.pauses = []
            s.resched_at = s.resched_to = None
            s.steps_done = {}  # the steps run again on the complete dossier
            s.step_bases = [self._deadline(t, e.at, False) for t in _cumulative(self.steps)]
            s.state = ClockState.RUNNING
            if explain:
                s.log.append(
                    ExplanationStep(
                        kind="restart",
                        text_en=f"complete dossier received {moment_text(e.at, 'en')}: the "
                        "processing time restarts from zero",
                        text_vi=f"nhận đủ hồ sơ {moment_text(e.at, 'vi')}: thời hạn giải quyết "
                        "được tính lại từ đầu",
                        start=e.at,
                        sources=(SupplementRule.RESTART.source,),
                    )
                )
                s.log.extend(base.explain().steps)
        elif kind is EntryKind.RESCHEDULED:
            self._require(s, e, ClockState.RUNNING, ClockState.PAUSED)
            assert e.appointment is not None
            policy = self.policy
            if s.resched_count >= policy.max_count:
                raise RescheduleError(
                    "rescheduling",
                    s.resched_count + 1,
                    f"at most {policy.max_count} rescheduling(s) per dossier ({policy.source})",
                )
            current = self._in_force(s, e.at)
            current_date = cal.localize(current).date()
            latest = current_date - timedelta(days=policy.notice_days)
            if cal.localize(e.at).date() > latest:
                raise RescheduleError(
                    "at",
                    e.at,
                    f"a letter sent on or before {latest.isoformat()}, {policy.notice_days} "
                    f"day(s) before the appointment {current_date.isoformat()} ({policy.source})",
                )
            if e.appointment <= current:
                raise RescheduleError(
                    "appointment",
                    e.appointment,
                    f"a new appointment after the one in force, {current.isoformat()}",
                )
            s.resched_at, s.resched_to = e.at, e.appointment
            s.resched_count += 1
            if explain:
                s.log.append(
                    ExplanationStep(
                        kind="reschedule",
                        text_en=f"apology letter {moment_text(e.at, 'en')}: new appointment "
                        f"{moment_text(cal.localize(e.appointment), 'en')} (was "
                        f"{moment_text(current, 'en')})"
                        + (f"; reason: {e.note}" if e.note else ""),
                        text_vi=f"văn bản xin lỗi {moment_text(e.at, 'vi')}: hẹn lại "
                        f"{moment_text(cal.localize(e.appointment), 'vi')} (hẹn cũ "
                        f"{moment_text(current, 'vi')})" + (f"; lý do: {e.note}" if e.note else ""),
                        start=e.at,
                        end=e.appointment,
                        sources=(policy.source,),
                    )
                )
        elif kind is EntryKind.STEP_COMPLETED:
            self._require(s, e, ClockState.RUNNING, ClockState.PAUSED)
            if e.step not in names:
                raise ClockStateError(
                    f"step {e.step!r}", s.state.value, "one of the steps: " + ", ".join(names)
                )
            if e.step in s.steps_done:
                raise ClockStateError(f"step {e.step!r}", "past it", "each step completed once")
            s.steps_done[e.step] = e.at
            if explain:
                sd = self._step_deadlines(s)[names.index(e.step)]
                assert sd.verdict is not None
                s.log.append(
                    ExplanationStep(
                        kind="step",
                        text_en=f"step '{e.step}' completed {moment_text(e.at, 'en')}, deadline "
                        f"{moment_text(sd.due_at, 'en')}: {sd.verdict.value}",
                        text_vi=f"bước '{e.step}' hoàn thành {moment_text(e.at, 'vi')}, hạn "
                        f"{moment_text(sd.due_at, 'vi')}: {sd.verdict.vi}",
                        start=e.at,
                        end=sd.due_at,
                    )
                )
        elif kind is EntryKind.RESULT_READY:
            self._require(s, e, ClockState.RUNNING)
            s.ready_at = e.at
            s.state = ClockState.RESULT_READY
            if explain:
                s.log.append(
                    ExplanationStep(
                        kind="result_ready",
                        text_en=f"result at the one-stop counter {moment_text(e.at, 'en')}",
                        text_vi=f"kết quả chuyển đến Bộ phận Một cửa {moment_text(e.at, 'vi')}",
                        start=e.at,
                    )
                )
        else:  # RETURNED
            self._require(s, e, ClockState.RUNNING, ClockState.RESULT_READY)
            s.returned_at = e.at
            if s.ready_at is None:
                s.ready_at = e.at
            s.state = ClockState.RETURNED
            if explain:
                s.log.append(
                    ExplanationStep(
                        kind="returned",
                        text_en=f"result handed to the applicant {moment_text(e.at, 'en')}",
                        text_vi=f"trả kết quả cho người yêu cầu {moment_text(e.at, 'vi')}",
                        start=e.at,
                    )
                )

    def _close_pause(self, s: _State, e: ClockEntry, explain: bool) -> None:
        p = s.pauses[-1]
        p.end = e.at
        s.state = ClockState.RUNNING
        if explain:
            cal = self.calendar
            paused = cal.working_time_between(p.start, e.at)
            s.log.append(
                ExplanationStep(
                    kind="resume",
                    text_en=f"resumed {moment_text(e.at, 'en')}: {duration_text(paused, 'en')} "
                    "of working time not counted; the appointment moves by as much, to "
                    f"{moment_text(self._in_force(s, e.at), 'en')}",
                    text_vi=f"tiếp tục {moment_text(e.at, 'vi')}: không tính "
                    f"{duration_text(paused, 'vi')} làm việc; hẹn trả lùi tương ứng, đến "
                    f"{moment_text(self._in_force(s, e.at), 'vi')}",
                    start=p.start,
                    end=e.at,
                    days=cal.explain.working_time_between(p.start, e.at).days,
                    sources=() if p.source is None else (p.source,),
                )
            )

    def _original(self, s: _State, now: datetime | None) -> datetime:
        return self._push(s.base.due_at, s.pauses, now, None)

    def _in_force(self, s: _State, now: datetime | None) -> datetime:
        if s.resched_to is None:
            return self._original(s, now)
        return self._push(self.calendar.localize(s.resched_to), s.pauses, now, s.resched_at)

    def _step_deadlines(self, s: _State) -> list[StepDeadline]:
        cal = self.calendar
        out = []
        for st, base in zip(self.steps, s.step_bases, strict=True):
            due = self._push(base.due_at, s.pauses, None, None)
            due_date = base.due_date if due == base.due_at else cal.localize(due).date()
            done = s.steps_done.get(st.name)
            verdict = None
            overrun = _ZERO
            if done is not None:
                verdict = judge(done, due, due_date, VerdictBasis.INSTANT, cal)
                if verdict is Verdict.LATE:
                    overrun = cal.working_time_between(due, done)
            out.append(
                StepDeadline(
                    name=st.name,
                    allocated=st.time,
                    due_at=due,
                    due_date=due_date,
                    completed_at=done,
                    verdict=verdict,
                    overrun=overrun,
                )
            )
        return out

    # ------------------------------------------------------------------ results
    @property
    def state(self) -> ClockState:
        """Where the clock stands after its last entry."""
        return self._s.state

    @property
    def deadline(self) -> Deadline:
        """The deadline counted from the last (re)start, before pauses and rescheduling."""
        return self._s.base

    @property
    def original_due_at(self) -> datetime:
        """The original appointment: the deadline pushed by the pauses closed so far."""
        return self._original(self._s, None)

    @property
    def due_at(self) -> datetime:
        """The appointment in force: the new one after a rescheduling, pushed by pauses."""
        return self._in_force(self._s, None)

    @property
    def due_date(self) -> date:
        """The date of the appointment in force."""
        return self._date(self.due_at, self._s)

    def _date(self, due: datetime, s: _State) -> date:
        if due == s.base.due_at:
            return s.base.due_date  # 24:00 of a calendar-day period is its last day
        return self.calendar.localize(due).date()

    @property
    def rescheduled(self) -> bool:
        """Whether the appointment was reset with an apology letter."""
        return self._s.resched_to is not None

    @property
    def step_deadlines(self) -> tuple[StepDeadline, ...]:
        """Each internal step's deadline and, once completed, its verdict and overrun."""
        return tuple(self._step_deadlines(self._s))

    def verdict(self, returned: ReturnInstant = ReturnInstant.HANDED_OVER) -> Judgement | None:
        """The verdict on the returned dossier (``None`` while it is not returned).

        Args:
            returned: Which instant counts as returned: the result handed to the applicant
                (default) or the result reaching the one-stop counter.
        """
        s = self._s
        at = s.returned_at if returned is ReturnInstant.HANDED_OVER else s.ready_at
        if at is None:
            return None
        cal = self.calendar
        due = self._in_force(s, None)
        due_date = self._date(due, s)
        orig = self._original(s, None)
        orig_date = self._date(orig, s)
        return Judgement(
            verdict=judge(at, due, due_date, VerdictBasis.DATE, cal),
            original=judge(at, orig, orig_date, VerdictBasis.DATE, cal),
            returned_at=at,
            due_at=due,
            due_date=due_date,
            original_due_at=orig,
            original_due_date=orig_date,
            margin=cal.working_time_between(at, due),
            returned=returned,
        )

    def status_at(self, at: datetime, *, basis: VerdictBasis = VerdictBasis.DATE) -> Standing:
        """Where the dossier stands at *at*: in time or overdue, the working time left or
        overrun. Entries after *at* are ignored; a pause still open at *at* counts up to it.

        ``basis=VerdictBasis.DATE`` (default) is overdue from the day after the appointment
        date, as reports count it; ``INSTANT`` from the appointment instant.
        """
        self.calendar.localize(_aware(at, "at"))
        if at < self.received_at:
            raise EventOrderError("status_at", at, self.received_at)
        s = self._replay(at, explain=False)
        cal = self.calendar
        if s.state is ClockState.WAITING_SUPPLEMENT and (
            self.supplement_rule is SupplementRule.RESTART
        ):
            return Standing(
                at=at,
                state=s.state,
                status=Status.IN_TIME,
                due_at=None,
                remaining=None,
                overrun=_ZERO,
            )
        when = at
        if s.state is ClockState.RETURNED and s.returned_at is not None:
            when = s.returned_at
        due = self._in_force(s, at)
        due_date = self._date(due, s)
        late = judge(when, due, due_date, basis, cal) is Verdict.LATE
        left = cal.working_time_between(when, due)
        return Standing(
            at=at,
            state=s.state,
            status=Status.OVERDUE if late else Status.IN_TIME,
            due_at=due,
            remaining=max(left, _ZERO),
            overrun=max(-left, _ZERO),
        )

    def explain(self) -> SlaExplanation:
        """The clock step by step: the appointment, each pause, restart and rescheduling,
        each step's deadline, and the verdict against both appointments."""
        s = self._replay(None, explain=True)
        steps = list(s.log)
        j = self.verdict()
        if j is not None:
            orig = (
                ""
                if not self.rescheduled
                else f"; against the original appointment "
                f"{moment_text(j.original_due_at, 'en')}: {j.original.value}"
            )
            orig_vi = (
                ""
                if not self.rescheduled
                else f"; so với hẹn ban đầu {moment_text(j.original_due_at, 'vi')}: {j.original.vi}"
            )
            steps.append(
                ExplanationStep(
                    kind="verdict",
                    text_en=f"verdict against the appointment {moment_text(j.due_at, 'en')}: "
                    f"{j.verdict.value}" + orig,
                    text_vi=f"kết quả so với ngày hẹn {moment_text(j.due_at, 'vi')}: "
                    f"{j.verdict.vi}" + orig_vi,
                    start=j.returned_at,
                    end=j.due_at,
                )
            )
        late_steps = [d for d in self.step_deadlines if d.verdict is Verdict.LATE]
        notes_en = tuple(
            f"step '{d.name}' overran its deadline by {duration_text(d.overrun, 'en')}"
            for d in late_steps
        )
        notes_vi = tuple(
            f"bước '{d.name}' quá hạn {duration_text(d.overrun, 'vi')}" for d in late_steps
        )
        result: Any = j.verdict if j is not None else self.due_at
        return SlaExplanation(
            title_en=f"Dossier clock: appointment {moment_text(self.due_at, 'en')}"
            + (f", verdict {j.verdict.value}" if j is not None else ""),
            title_vi=f"Theo dõi thời hạn: hẹn trả {moment_text(self.due_at, 'vi')}"
            + (f", {j.verdict.vi}" if j is not None else ""),
            result=result,
            steps=tuple(steps),
            notes_en=notes_en,
            notes_vi=notes_vi,
        )


# The fields a new clock shares with the one it extends (all but its entries and state).
_KEPT_FIELDS: tuple[str, ...] = tuple(
    f.name for f in attrs.fields(SlaClock) if f.name not in ("entries", "_s")
)
