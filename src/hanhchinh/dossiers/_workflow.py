"""The one-stop workflow: the states, one transition table, and the immutable dossier."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from enum import Enum
from types import MappingProxyType
from typing import NamedTuple

import attrs

from hanhchinh.calendar import WorkCalendar
from hanhchinh.dossiers._events import (
    Digitised,
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
)
from hanhchinh.errors import (
    EventOrderError,
    IllegalTransitionError,
    LogStartError,
    ProcedureMismatchError,
    WorkflowPolicyError,
    WrongDossierError,
)
from hanhchinh.procedures import Catalog, Channel, Procedure
from hanhchinh.sla import (
    CIVIL_CODE,
    NEXT_WORKING_MOMENT,
    CountingRule,
    Judgement,
    ReceptionRule,
    ReschedulePolicy,
    ReturnInstant,
    SlaClock,
    Standing,
    SupplementRule,
)

__all__ = ["TRANSITIONS", "Dossier", "State", "WorkflowPolicy", "mermaid"]


class State(Enum):
    """Where a dossier is in the one-stop workflow."""

    NEW = "new"  # nothing filed yet
    SUBMITTED = "submitted"  # filed, not yet accepted
    SUPPLEMENT_AT_RECEPTION = "supplement_at_reception"  # asked to complete before acceptance
    PROCESSING = "processing"  # accepted; the clock runs
    SUPPLEMENT_IN_PROCESSING = "supplement_in_processing"  # asked to supplement during processing
    PAUSED = "paused"  # time does not count
    RESULT_READY = "result_ready"  # result at the one-stop counter
    RETURNED = "returned"  # result handed to the applicant
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"

    @property
    def closed(self) -> bool:
        """Whether no event but a payment or digitisation fact can follow."""
        return self in _CLOSED


_CLOSED = frozenset({State.RETURNED, State.REJECTED, State.WITHDRAWN, State.STOPPED})

_S = State
_TABLE: dict[tuple[State, type[Event]], State] = {
    (_S.NEW, Submitted): _S.SUBMITTED,
    (_S.SUBMITTED, Received): _S.PROCESSING,
    (_S.SUBMITTED, SupplementRequested): _S.SUPPLEMENT_AT_RECEPTION,
    (_S.SUBMITTED, Rejected): _S.REJECTED,
    (_S.SUBMITTED, Withdrawn): _S.WITHDRAWN,
    (_S.SUPPLEMENT_AT_RECEPTION, Supplemented): _S.SUBMITTED,
    (_S.SUPPLEMENT_AT_RECEPTION, Rejected): _S.REJECTED,
    (_S.SUPPLEMENT_AT_RECEPTION, Withdrawn): _S.WITHDRAWN,
    (_S.PROCESSING, Transferred): _S.PROCESSING,
    (_S.PROCESSING, StepCompleted): _S.PROCESSING,
    (_S.PROCESSING, SupplementRequested): _S.SUPPLEMENT_IN_PROCESSING,
    (_S.PROCESSING, Paused): _S.PAUSED,
    (_S.PROCESSING, Rescheduled): _S.PROCESSING,
    (_S.PROCESSING, Rejected): _S.REJECTED,
    (_S.PROCESSING, ResultReady): _S.RESULT_READY,
    (_S.PROCESSING, Returned): _S.RETURNED,
    (_S.PROCESSING, Stopped): _S.STOPPED,
    (_S.SUPPLEMENT_IN_PROCESSING, Supplemented): _S.PROCESSING,
    (_S.SUPPLEMENT_IN_PROCESSING, Rejected): _S.REJECTED,
    (_S.SUPPLEMENT_IN_PROCESSING, Stopped): _S.STOPPED,
    (_S.PAUSED, Resumed): _S.PROCESSING,
    (_S.PAUSED, Rescheduled): _S.PAUSED,
    (_S.PAUSED, StepCompleted): _S.PAUSED,
    (_S.PAUSED, Stopped): _S.STOPPED,
    (_S.RESULT_READY, Returned): _S.RETURNED,
}
# Payment and digitisation are facts the service indicators count; they change no state and
# may be recorded at any point after filing, including after the return.
for _state in State:
    if _state is not State.NEW:
        _TABLE[(_state, FeePaid)] = _state
        _TABLE[(_state, Digitised)] = _state

TRANSITIONS: Mapping[tuple[State, type[Event]], State] = MappingProxyType(_TABLE)
"""The whole workflow, state × event → state, in one place (drawn by :func:`mermaid`)."""


def allowed(state: State) -> tuple[str, ...]:
    """The names of the events *state* allows, in table order."""
    return tuple(dict.fromkeys(e.__name__ for s, e in TRANSITIONS if s is state))


def mermaid() -> str:
    """The transition table as a Mermaid state diagram (``docs/workflow.md`` shows it)."""
    lines = ["stateDiagram-v2", "    [*] --> new"]
    edges: dict[tuple[str, str], list[str]] = {}
    for (source, event), target in TRANSITIONS.items():
        if event in (FeePaid, Digitised):
            continue
        edges.setdefault((source.value, target.value), []).append(event.__name__)
    for (start, end), events in edges.items():
        lines.append(f"    {start} --> {end}: {', '.join(events)}")
    for closed in sorted(_CLOSED, key=lambda s: s.value):
        lines.append(f"    {closed.value} --> [*]")
    return "\n".join(lines)


@attrs.frozen(kw_only=True)
class WorkflowPolicy:
    """The workflow rules that the law leaves open or that are unconfirmed, as named values.

    Attributes:
        reception_supplements: How many supplement requests a dossier may get at reception.
            Default 1: the officer guides the applicant to complete the dossier "once, fully"
            (Nghị định 118/2025/NĐ-CP, Điều 16(3), 17(1)); ``None`` for no limit.
        processing_supplements: How many during processing (default 1; ``None``: no limit).
            The service index counts a dossier with more than one as late (Quyết định
            766/QĐ-TTg, secondary).
        supplement_rule: Restart the processing time (default) or subtract the wait.
        reschedule: How often and how late an appointment may be reset.
        rule, reception: The counting and reception rules of the SLA clock.
    """

    reception_supplements: int | None = 1
    processing_supplements: int | None = 1
    supplement_rule: SupplementRule = SupplementRule.RESTART
    reschedule: ReschedulePolicy = attrs.field(factory=ReschedulePolicy)
    rule: CountingRule = CIVIL_CODE
    reception: ReceptionRule = NEXT_WORKING_MOMENT


class _Derived(NamedTuple):
    """What the events determine, recomputed event by event (a tuple: built once per event)."""

    state: State
    clock: SlaClock | None
    channel: Channel | None
    reception_supplements: int
    processing_supplements: int


def _check_limit(limit: int | None, count: int, name: str, source: str) -> None:
    if limit is not None and count > limit:
        raise WorkflowPolicyError(name, count, f"at most {limit} ({source})")


@attrs.frozen(kw_only=True)
class Dossier:
    """One dossier (hồ sơ) and its whole history, driven by events.

    A dossier is immutable: :meth:`apply` returns a new one, and :meth:`replay` rebuilds one
    from a log. It holds an opaque applicant reference, never personal data.

    Attributes:
        id: The dossier code.
        procedure: The procedure applied for.
        calendar: The working calendar its clock counts on.
        applicant_ref: An opaque reference to the applicant.
        policy: The workflow policy.
        longer: Whether the procedure's longer conditional time applies (verification).
        events: The history, oldest first.
    """

    id: str
    procedure: Procedure
    calendar: WorkCalendar = attrs.field(repr=False)
    applicant_ref: str = ""
    policy: WorkflowPolicy = attrs.field(factory=WorkflowPolicy)
    longer: bool = False
    events: tuple[Event, ...] = ()
    _d: _Derived = attrs.field(init=False, repr=False, eq=False, hash=False, alias="_d")

    def __attrs_post_init__(self) -> None:
        d = _Derived(
            state=State.NEW,
            clock=None,
            channel=None,
            reception_supplements=0,
            processing_supplements=0,
        )
        last: datetime | None = None
        for event in self.events:
            d = self._step(d, event, last)
            last = event.at
        object.__setattr__(self, "_d", d)

    @classmethod
    def replay(
        cls,
        events: Iterable[Event],
        *,
        procedure: Procedure,
        calendar: WorkCalendar,
        applicant_ref: str = "",
        policy: WorkflowPolicy | None = None,
        longer: bool = False,
    ) -> Dossier:
        """Rebuild a dossier from its event log (the dossier id is the first event's)."""
        log = tuple(events)
        if not log:
            raise ValueError("events=() is empty; expected at least the Submitted event")
        return cls(
            id=log[0].dossier_id,
            procedure=procedure,
            calendar=calendar,
            applicant_ref=applicant_ref,
            policy=WorkflowPolicy() if policy is None else policy,
            longer=longer,
            events=log,
        )

    @classmethod
    def opened_by(
        cls,
        event: Event,
        *,
        catalog: Catalog,
        calendar: WorkCalendar,
        policy: WorkflowPolicy | None = None,
        longer: bool = False,
    ) -> Dossier:
        """The fresh dossier a log's first event opens: *event* must be ``Submitted`` naming
        its procedure's code, looked up in *catalog* (the event itself is not applied).

        Raises:
            LogStartError: If *event* is not ``Submitted`` or names no procedure.
            UnknownProcedureError: If *catalog* has no such code.
        """
        if not isinstance(event, Submitted):
            raise LogStartError(
                "type", f"dossier {event.dossier_id!r} starts with {event.kind}; expected Submitted"
            )
        if event.procedure is None:
            raise LogStartError(
                "procedure",
                f"Submitted for dossier {event.dossier_id!r} names no procedure; expected its code",
            )
        return cls(
            id=event.dossier_id,
            procedure=catalog.get(event.procedure),
            calendar=calendar,
            applicant_ref=event.applicant_ref,
            policy=WorkflowPolicy() if policy is None else policy,
            longer=longer,
        )

    def _step(self, d: _Derived, event: Event, last: datetime | None) -> _Derived:
        if not isinstance(event, Event):
            raise TypeError(f"event={event!r} is not a hanhchinh.dossiers event")
        if event.dossier_id != self.id:
            raise WrongDossierError(self.id, event.dossier_id)
        if last is not None and event.at < last:
            raise EventOrderError(event.kind, event.at, last)
        target = TRANSITIONS.get((d.state, type(event)))
        if target is None:
            raise IllegalTransitionError(self.id, d.state.value, event.kind, allowed(d.state))
        clock = d.clock
        channel = d.channel
        rec, proc = d.reception_supplements, d.processing_supplements
        policy = self.policy
        if isinstance(event, Submitted):
            channel = event.channel
            code = self.procedure.code
            if event.procedure is not None and event.procedure != code:
                raise ProcedureMismatchError("Submitted.procedure", event.procedure, repr(code))
        elif isinstance(event, SupplementRequested):
            if d.state is State.SUBMITTED:
                rec += 1
                _check_limit(
                    policy.reception_supplements, rec, "reception supplement requests",
                    "Nghị định 118/2025/NĐ-CP, Điều 16(3): once, fully",
                )  # fmt: skip
            else:
                proc += 1
                _check_limit(
                    policy.processing_supplements, proc, "processing supplement requests",
                    "WorkflowPolicy.processing_supplements",
                )  # fmt: skip
                assert clock is not None
                clock = clock.request_supplement(event.at, note="; ".join(event.missing))
        elif isinstance(event, Received):
            clock = SlaClock.for_procedure(
                self.procedure,
                event.at,
                self.calendar,
                channel=channel if channel in self.procedure.channel_names else None,
                rule=policy.rule,
                reception=policy.reception,
                supplement_rule=policy.supplement_rule,
                policy=policy.reschedule,
                longer=self.longer,
            )
        elif clock is not None:
            clock = _drive(clock, event, self.procedure)
        return _Derived(
            state=target,
            clock=clock,
            channel=channel,
            reception_supplements=rec,
            processing_supplements=proc,
        )

    def apply(self, event: Event) -> Dossier:
        """A new dossier with *event* applied; this one is unchanged.

        Raises:
            WrongDossierError: If the event belongs to another dossier.
            EventOrderError: If it is dated before the last event.
            IllegalTransitionError: If the state does not allow it (the message lists what
                it does allow).
            WorkflowPolicyError, RescheduleError, ClockStateError: If a policy or the clock
                refuses it.
        """
        last = self.events[-1].at if self.events else None
        d = self._step(self._d, event, last)
        # A copy without __init__: the fields are the same objects, only the history and the
        # derived state grow (validated by _step above). attrs.evolve would replay nothing but
        # still costs three times as much, and apply runs once per event of every log.
        new = object.__new__(Dossier)
        for name in _FIELDS:
            object.__setattr__(new, name, getattr(self, name))
        object.__setattr__(new, "events", (*self.events, event))
        object.__setattr__(new, "_d", d)
        return new

    def apply_all(self, events: Iterable[Event]) -> Dossier:
        """Apply *events* in order."""
        out = self
        for event in events:
            out = out.apply(event)
        return out

    # ------------------------------------------------------------------ views
    @property
    def state(self) -> State:
        """The current state."""
        return self._d.state

    @property
    def channel(self) -> Channel | None:
        """The channel the dossier was filed on."""
        return self._d.channel

    @property
    def allowed_events(self) -> tuple[str, ...]:
        """The names of the events the current state allows."""
        return allowed(self._d.state)

    @property
    def clock(self) -> SlaClock | None:
        """The SLA clock, from reception on (``None`` before)."""
        return self._d.clock

    def verdict(self, returned: ReturnInstant = ReturnInstant.HANDED_OVER) -> Judgement | None:
        """The verdict once the result is returned (``None`` before, or if never received)."""
        clock = self._d.clock
        return None if clock is None else clock.verdict(returned)

    def status_at(self, at: datetime) -> Standing | None:
        """Where the dossier stands at *at* (``None`` before reception)."""
        clock = self._d.clock
        if clock is None or at < clock.received_at:
            return None
        return clock.status_at(at)


_FIELDS: tuple[str, ...] = tuple(
    a.name for a in attrs.fields(Dossier) if a.name not in ("events", "_d")
)


def _drive(clock: SlaClock, event: Event, procedure: Procedure) -> SlaClock:
    """Feed a dossier event to its SLA clock."""
    if isinstance(event, Paused):
        return clock.pause(event.at, event.reason, source=event.source, note=event.note)
    if isinstance(event, Resumed):
        return clock.resume(event.at)
    if isinstance(event, Supplemented):
        return clock.supplemented(event.at)
    if isinstance(event, Rescheduled):
        return clock.reschedule(event.at, event.appointment, note=event.reason)
    if isinstance(event, StepCompleted) and any(s.name == event.step for s in procedure.steps):
        return clock.complete_step(event.step, event.at)
    if isinstance(event, ResultReady):
        return clock.result_ready(event.at)
    if isinstance(event, Returned):
        return clock.returned(event.at)
    return clock
