"""Hypothesis strategies for hanhchinh's public types (install the ``[testing]`` extra).

Each strategy follows Hypothesis' own idiom: plural names, ``min_value``/``max_value`` bounds,
other arguments keyword-only, bad arguments raise ``InvalidArgument``, and a stated shrink
target. Registered through the ``hypothesis`` entry point, so ``st.from_type(WorkCalendar)``
works in users' suites.

>>> from hypothesis import given
>>> from hanhchinh.testing import work_calendars
>>> @given(work_calendars())
... def test_calendars_are_values(cal):
...     assert cal.fingerprint == cal.with_days_off().fingerprint
>>> test_calendars_are_values()
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from fractions import Fraction
from typing import Any, cast
from zoneinfo import ZoneInfo

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "hanhchinh.testing needs Hypothesis: pip install 'hanhchinh[testing]'"
    ) from exc

from hanhchinh.calendar import (
    DayOff,
    HoursRule,
    MakeUpDay,
    OfficeHours,
    WorkCalendar,
    vietnam_public_sector,
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
    StopReason,
    Submitted,
    Supplemented,
    SupplementRequested,
    Transferred,
    Withdrawn,
    WorkflowPolicy,
)
from hanhchinh.errors import HanhChinhError
from hanhchinh.legal import LegalReference
from hanhchinh.procedures import (
    CalendarDays,
    CalendarHours,
    Catalog,
    Channel,
    ChannelTime,
    Conditional,
    Exemption,
    Fee,
    FeeUnit,
    Level,
    Procedure,
    ProcessingTime,
    SameDay,
    Since,
    Tier,
    WorkingDays,
    WorkingHours,
)
from hanhchinh.sla import (
    AS_RECORDED,
    CIVIL_CODE,
    EIGHT_HOUR_DAYS,
    NEXT_WORKING_MOMENT,
    CountingRule,
    Deadline,
    PauseReason,
    ReceptionRule,
    ReschedulePolicy,
    SlaClock,
    SupplementRule,
    deadline,
)

__all__ = [
    "aware_datetimes",
    "catalogs",
    "counting_rules",
    "days_off",
    "deadlines",
    "dossiers",
    "events",
    "fees",
    "office_hours",
    "procedures",
    "processing_times",
    "reception_rules",
    "sla_clocks",
    "work_calendars",
    "workflow_policies",
]

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@st.composite
def office_hours(draw: st.DrawFn, *, max_sessions: int = 3) -> OfficeHours:
    """Valid office hours of 1..*max_sessions* sessions on a 15-minute grid.

    Shrinks towards one session starting at midnight and lasting 15 minutes.
    """
    if max_sessions < 1:
        raise InvalidArgument(f"max_sessions={max_sessions!r} must be at least 1")
    count = draw(st.integers(1, max_sessions))
    cuts = sorted(draw(st.sets(st.integers(0, 95), min_size=2 * count, max_size=2 * count)))
    sessions = tuple(
        (
            time(cuts[2 * k] // 4, cuts[2 * k] % 4 * 15),
            time(cuts[2 * k + 1] // 4, cuts[2 * k + 1] % 4 * 15),
        )
        for k in range(count)
    )
    return OfficeHours(sessions)


@st.composite
def days_off(
    draw: st.DrawFn, *, min_value: date = date(2019, 1, 1), max_value: date = date(2030, 12, 31)
) -> DayOff:
    """A local day off (a closure) between the bounds; shrinks towards *min_value*."""
    if max_value < min_value:
        raise InvalidArgument(f"max_value={max_value!r} is before min_value={min_value!r}")
    day = draw(st.dates(min_value, max_value))
    return DayOff(date=day, name="local closure", name_vi="nghỉ theo quyết định địa phương")


@st.composite
def work_calendars(
    draw: st.DrawFn,
    *,
    min_value: date = date(2019, 1, 1),
    max_value: date = date(2030, 12, 31),
    max_changes: int = 4,
) -> WorkCalendar:
    """The national calendar with up to *max_changes* local closures, make-up Saturdays and
    office-hours rules; shrinks towards the unchanged national calendar."""
    if max_changes < 0:
        raise InvalidArgument(f"max_changes={max_changes!r} must not be negative")
    cal = vietnam_public_sector()
    closures = draw(
        st.lists(days_off(min_value=min_value, max_value=max_value), max_size=max_changes)
    )
    cal = cal.with_days_off(*closures)
    saturdays = draw(st.lists(st.dates(min_value, max_value), max_size=max_changes))
    make_up = [MakeUpDay(date=d, name="local make-up day") for d in saturdays if d.weekday() == 5]
    cal = cal.with_working_days(*make_up)
    for _ in range(draw(st.integers(0, min(max_changes, 2)))):
        hours = draw(office_hours())
        start = draw(st.dates(min_value, max_value))
        cal = cal.with_hours(HoursRule(hours=hours, start=start, name="local hours"))
    return cal


def aware_datetimes(
    *,
    min_value: datetime = datetime(2019, 1, 1),  # noqa: DTZ001 - naive bounds, as st.datetimes takes them
    max_value: datetime = datetime(2030, 12, 31),  # noqa: DTZ001
) -> st.SearchStrategy[datetime]:
    """Aware instants in Vietnam's zone or UTC; shrinks towards *min_value* in Vietnam."""
    if max_value < min_value:
        raise InvalidArgument(f"max_value={max_value!r} is before min_value={min_value!r}")
    return st.datetimes(min_value, max_value, timezones=st.sampled_from([VN, ZoneInfo("UTC")])).map(
        lambda t: t.replace(microsecond=t.microsecond // 1000 * 1000)
    )


_COUNTS = st.one_of(
    st.integers(1, 90),
    st.builds(Fraction, st.integers(1, 199), st.sampled_from([2, 4, 5, 10])).filter(
        lambda f: f.denominator != 1
    ),
)
_SIMPLE_KINDS = (WorkingDays, WorkingHours, CalendarDays, CalendarHours)


@st.composite
def _simple_times(draw: st.DrawFn) -> ProcessingTime:
    if draw(st.integers(0, 5)) == 0:
        cutoff = draw(st.none() | st.builds(time, st.integers(8, 17), st.sampled_from([0, 30])))
        return SameDay(cutoff=cutoff)
    kind = draw(st.sampled_from(_SIMPLE_KINDS))
    since = draw(st.none() | st.sampled_from(Since))
    return kind(draw(_COUNTS), since)


@st.composite
def processing_times(draw: st.DrawFn, *, conditional: bool = True) -> ProcessingTime:
    """Any processing time, including conditional ones (``conditional=False`` leaves them
    out); shrinks towards ``WorkingDays(1)``."""
    base = draw(_simple_times())
    if conditional and draw(st.booleans()):
        longer = draw(st.sampled_from(_SIMPLE_KINDS))(
            draw(_COUNTS), draw(st.none() | st.sampled_from(Since))
        )
        condition = draw(st.sampled_from(["phải xác minh", "cần xác minh", "phức tạp"]))
        return Conditional(base, longer, condition, additional=draw(st.booleans()))
    return base


@st.composite
def fees(draw: st.DrawFn) -> Fee:
    """Valid fees: fixed, per unit, tiered with a cap, online-reduced, with exemptions."""
    unit = draw(st.sampled_from(FeeUnit))
    tiers: tuple[Tier, ...] = ()
    if unit is not FeeUnit.CASE and draw(st.booleans()):
        cut = draw(st.integers(1, 5))
        tiers = (
            Tier(1, cut, draw(st.integers(0, 10_000))),
            Tier(cut + 1, None, draw(st.integers(0, 10_000))),
        )
    exemptions = tuple(
        Exemption(who, None)
        for who in draw(
            st.lists(st.sampled_from(["trẻ em", "người cao tuổi"]), max_size=2, unique=True)
        )
    )
    if draw(st.integers(0, 9)) == 0:
        return Fee(name="Lệ phí", set_by="Hội đồng nhân dân cấp tỉnh", unit=unit)
    return Fee(
        name=draw(st.sampled_from(["Lệ phí", "Phí chứng thực"])),
        unit=unit,
        fixed=0 if tiers else draw(st.integers(0, 500_000)),
        tiers=tiers,
        cap=draw(st.none() | st.integers(0, 1_000_000)),
        online_amount=draw(st.none() | st.integers(0, 100_000)),
        exemptions=exemptions,
    )


@st.composite
def procedures(draw: st.DrawFn, *, code: bool = True) -> Procedure:
    """Valid procedure records (channels with times written as records write them, an
    optional fee, legal basis); shrinks towards a one-channel record without a fee."""
    channels = draw(st.lists(st.sampled_from(Channel), min_size=1, max_size=4, unique=True))
    times = [draw(processing_times()) for _ in channels]
    number = draw(st.integers(0, 999_999))
    return Procedure(
        code=f"{draw(st.integers(1, 3))}.{number:06d}" if code and draw(st.booleans()) else None,
        name=draw(st.sampled_from(["Đăng ký khai sinh", "Chứng thực chữ ký", "Đăng ký tạm trú"]))
        + f" {number}",
        field=draw(st.sampled_from(["Hộ tịch", "Chứng thực", "Cư trú"])),
        level=draw(st.sampled_from(Level)),
        agency="Ủy ban nhân dân cấp xã",
        source="https://example.invalid/record",
        channels=tuple(
            ChannelTime(channel=c, text=str(t))
            if draw(st.booleans())
            else ChannelTime(channel=c, text=f"{t}. Phiếu hẹn ghi rõ ngày trả.", reading=str(t))
            for c, t in zip(channels, times, strict=True)
        ),
        fee=draw(st.none() | fees()),
        legal_basis=tuple(
            LegalReference(document=d)
            for d in draw(
                st.lists(
                    st.sampled_from(["Luật Hộ tịch 2014", "Nghị định 23/2015/NĐ-CP"]),
                    max_size=2,
                    unique=True,
                )
            )
        ),
    )


@st.composite
def catalogs(draw: st.DrawFn, *, max_size: int = 8) -> Catalog:
    """Catalogues of procedures with distinct codes; shrinks towards the empty catalogue."""
    if max_size < 0:
        raise InvalidArgument(f"max_size={max_size!r} must not be negative")
    items = draw(st.lists(procedures(), max_size=max_size, unique_by=lambda p: p.code or id(p)))
    seen: set[str] = set()
    unique = []
    for p in items:
        if p.code is None or p.code not in seen:
            unique.append(p)
            if p.code:
                seen.add(p.code)
    return Catalog(unique)


def counting_rules() -> st.SearchStrategy[CountingRule]:
    """The shipped counting rules; shrinks towards :data:`~hanhchinh.sla.CIVIL_CODE`."""
    return st.sampled_from([CIVIL_CODE, EIGHT_HOUR_DAYS])


@st.composite
def reception_rules(draw: st.DrawFn) -> ReceptionRule:
    """The shipped reception rules and sector rules with a cut-off; shrinks towards
    :data:`~hanhchinh.sla.NEXT_WORKING_MOMENT`."""
    kind = draw(st.integers(0, 2))
    if kind == 0:
        return NEXT_WORKING_MOMENT
    if kind == 1:
        return AS_RECORDED
    cutoff = draw(st.builds(time, st.integers(11, 17), st.sampled_from([0, 30])))
    return ReceptionRule(name=f"cutoff_{cutoff:%H%M}", shift=True, cutoff=cutoff)


@st.composite
def deadlines(
    draw: st.DrawFn,
    *,
    calendar: WorkCalendar | None = None,
    min_value: datetime = datetime(2019, 1, 1),  # noqa: DTZ001 - naive bounds, as st.datetimes
    max_value: datetime = datetime(2030, 6, 30),  # noqa: DTZ001
) -> Deadline:
    """Deadlines of any processing time received at any instant, under any rule, on
    *calendar* (default: the national one); shrinks towards ``WorkingDays(1)`` received at
    *min_value*. The longer case of a conditional time is drawn only where it can be
    counted."""
    cal = vietnam_public_sector() if calendar is None else calendar
    pt = draw(processing_times())
    longer = False
    if isinstance(pt, Conditional):
        longer = draw(st.booleans())
        if longer and pt.additional:
            base, extra = pt.base, pt.longer
            same = type(base) is type(extra)
            runs_on = isinstance(extra, WorkingDays) and type(extra.n) is int
            if not same and not runs_on:
                longer = False
    received = draw(aware_datetimes(min_value=min_value, max_value=max_value))
    return deadline(
        pt,
        received,
        cal,
        rule=draw(counting_rules()),
        reception=draw(reception_rules()),
        longer=longer,
    )


_CLOSING = frozenset({"Rejected", "Withdrawn", "Stopped"})
_DOSSIER_PROCEDURE_CODES = ("1.004194", "1.001731", "1.000656.000.00.00.H29", "1.004222")


@st.composite
def dossiers(
    draw: st.DrawFn,
    *,
    calendar: WorkCalendar | None = None,
    procedures: Catalog | None = None,
    max_events: int = 12,
) -> Dossier:
    """Dossiers reached from a fresh one by legal events only, in time order; shrinks towards
    a fresh dossier (no events). Procedures are drawn from *procedures* (default: a few of
    the shipped catalogue's, with and without internal steps)."""
    cal = vietnam_public_sector() if calendar is None else calendar
    if procedures is None:
        shipped = Catalog.default()
        pool = [shipped[c] for c in _DOSSIER_PROCEDURE_CODES]
    else:
        pool = list(procedures)
    if not pool:
        raise InvalidArgument("procedures is empty; expected at least one procedure")
    procedure = draw(st.sampled_from(pool))
    ident = draw(st.from_regex(r"HS-[0-9]{1,6}", fullmatch=True))
    d = Dossier(
        id=ident,
        procedure=procedure,
        calendar=cal,
        applicant_ref=draw(st.from_regex(r"A-[0-9a-f]{8}", fullmatch=True)),
    )
    at = draw(aware_datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2029, 6, 30)))  # noqa: DTZ001
    for _ in range(draw(st.integers(0, max_events))):
        at = at + timedelta(minutes=draw(st.integers(0, 3 * 24 * 60)))
        event = _next_event(draw, d, at)
        if event is None:
            continue
        try:
            d = d.apply(event)
        except HanhChinhError:  # a policy refused it (e.g. a second supplement request)
            continue
    return d


def _next_event(draw: st.DrawFn, d: Dossier, at: datetime) -> Event | None:
    names = d.allowed_events
    if not names:
        return None
    # Events that close the dossier are drawn less often, so walks reach the later states.
    weighted = [n for n in names for _ in range(1 if n in _CLOSING else 4)]
    name = draw(st.sampled_from(weighted))
    actor = draw(st.sampled_from(["", "cb-01", "tn-02"]))
    common: dict[str, Any] = {"dossier_id": d.id, "at": at, "actor": actor}
    if name == "Submitted":
        return Submitted(
            channel=draw(st.sampled_from(d.procedure.channel_names)),
            procedure=draw(st.sampled_from([None, d.procedure.code])),
            applicant_ref=d.applicant_ref,
            **common,
        )
    if name == "Received":
        return Received(receipt_number=f"{draw(st.integers(1, 9999)):06d}", **common)
    if name == "SupplementRequested":
        return SupplementRequested(missing=("Tờ khai",), **common)
    if name == "Rejected":
        return Rejected(reasons=("Không đủ điều kiện",), **common)
    if name == "Transferred":
        return Transferred(
            from_agency="Bộ phận Một cửa", to_agency="Công chức chuyên môn", **common
        )
    if name == "StepCompleted":
        clock = d.clock
        done = set() if clock is None else {s.name for s in clock.step_deadlines if s.completed_at}
        todo = [s.name for s in d.procedure.steps if s.name not in done]
        return StepCompleted(step=draw(st.sampled_from(todo)) if todo else "Thẩm định", **common)
    if name == "Paused":
        return Paused(reason=draw(st.sampled_from(PauseReason)), **common)
    if name == "Rescheduled":
        clock = d.clock
        if clock is None:
            return None
        return Rescheduled(
            appointment=clock.due_at + timedelta(days=draw(st.integers(1, 10))),
            reason="Cần xác minh",
            **common,
        )
    if name == "Stopped":
        return Stopped(reason=draw(st.sampled_from(StopReason)), **common)
    if name == "FeePaid":
        return FeePaid(amount=draw(st.integers(0, 200_000)), online=draw(st.booleans()), **common)
    if name == "Digitised":
        return Digitised(documents=draw(st.integers(1, 5)), **common)
    kinds: dict[str, type[Event]] = {
        "Supplemented": Supplemented,
        "Resumed": Resumed,
        "ResultReady": ResultReady,
        "Returned": Returned,
        "Withdrawn": Withdrawn,
    }
    return kinds[name](**common)


_TEXTS = st.text(st.characters(codec="utf-8"), min_size=1).filter(str.strip)


def events(*, dossier_id: str | None = None) -> st.SearchStrategy[Event]:
    """Any one dossier event, each field drawn freely (Vietnamese text, any zone); for
    legal sequences of events use :func:`dossiers`."""
    ids = (
        st.just(dossier_id)
        if dossier_id is not None
        else st.from_regex(r"HS-[0-9]{1,6}", fullmatch=True)
    )
    at = aware_datetimes()
    common: dict[str, st.SearchStrategy[Any]] = {
        "dossier_id": ids, "at": at, "actor": st.sampled_from(["", "cb-01", "applicant"])
    }  # fmt: skip
    texts = st.lists(_TEXTS, min_size=1, max_size=3).map(tuple)
    return st.one_of(
        st.builds(
            Submitted,
            channel=st.sampled_from(Channel),
            procedure=st.none() | st.sampled_from(_DOSSIER_PROCEDURE_CODES),
            applicant_ref=st.from_regex(r"(A-[0-9a-f]{8})?", fullmatch=True),
            **common,
        ),
        st.builds(
            Received,
            receipt_number=st.from_regex(r"[0-9]{6}", fullmatch=True),
            appointment=st.none() | at,
            **common,
        ),
        st.builds(SupplementRequested, missing=texts, **common),
        st.builds(Rejected, reasons=texts, **common),
        st.builds(
            Transferred,
            from_agency=_TEXTS,
            to_agency=_TEXTS,
            step=st.none() | _TEXTS,
            **common,
        ),
        st.builds(StepCompleted, step=_TEXTS, **common),
        st.builds(
            Paused,
            reason=st.sampled_from(PauseReason),
            source=st.none() | st.just(LegalReference(document="Luật Đất đai 2024", article="")),
            note=st.text(max_size=20),
            **common,
        ),
        st.builds(
            Rescheduled, appointment=at, reason=_TEXTS, letter=st.text(max_size=20), **common
        ),
        st.builds(Stopped, reason=st.sampled_from(StopReason), note=st.text(max_size=20), **common),
        st.builds(Withdrawn, reason=st.text(max_size=20), **common),
        st.builds(FeePaid, amount=st.integers(0, 10**9), online=st.booleans(), **common),
        st.builds(Digitised, documents=st.integers(0, 50), **common),
        *(st.builds(k, **common) for k in (Supplemented, Resumed, ResultReady, Returned)),
    )


def workflow_policies() -> st.SearchStrategy[WorkflowPolicy]:
    """Workflow policies over every named setting; shrinks towards the legal defaults."""
    limits = st.sampled_from([1, None, 2])
    return st.builds(
        WorkflowPolicy,
        reception_supplements=limits,
        processing_supplements=limits,
        supplement_rule=st.sampled_from(SupplementRule),
        reschedule=st.builds(
            ReschedulePolicy, max_count=st.integers(0, 3), notice_days=st.integers(0, 3)
        ),
        rule=counting_rules(),
        reception=reception_rules(),
    )


def sla_clocks(*, calendar: WorkCalendar | None = None) -> st.SearchStrategy[SlaClock]:
    """The SLA clocks of dossiers drawn by :func:`dossiers` (from reception on)."""
    return (
        dossiers(calendar=calendar)
        .filter(lambda d: d.clock is not None)
        .map(lambda d: cast(SlaClock, d.clock))
    )
