"""Period reports: the figures one-stop centres publish, computed from dossiers.

Every dossier of the report falls in exactly one outcome as of the report instant, so the
figures add up: received (carried over + new) = resolved + in progress + refused + withdrawn
+ stopped, overall and in every group.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime, time, timedelta
from enum import Enum
from fractions import Fraction
from typing import Any, Final, NamedTuple
from zoneinfo import ZoneInfo

import attrs

from hanhchinh.calendar import WorkCalendar
from hanhchinh.dossiers import (
    Digitised,
    Dossier,
    Event,
    FeePaid,
    Received,
    Rejected,
    ResultReady,
    Returned,
    Stopped,
    Submitted,
    Withdrawn,
    WorkflowPolicy,
)
from hanhchinh.errors import EventOrderError, IllegalTransitionError, ReportError
from hanhchinh.legal import Confidence, LegalReference
from hanhchinh.procedures import Catalog, Channel
from hanhchinh.sla import ReturnInstant, Status, Verdict

__all__ = [
    "DEFINITIONS",
    "Definition",
    "Figures",
    "Outcome",
    "PeriodReport",
]

_ONLINE = frozenset({Channel.ONLINE_FULL, Channel.ONLINE_PARTIAL})

SEED_REPORTS = LegalReference(
    document="Báo cáo kết quả giải quyết TTHC của các Trung tâm Phục vụ hành chính công "
    "(bài báo nguồn trong domain.md, 'Measuring service')",
    confidence=Confidence.SECONDARY,
)
QD_766 = LegalReference(
    document="Quyết định 766/QĐ-TTg (23/6/2022) Bộ chỉ số chỉ đạo, điều hành và đánh giá chất "
    "lượng phục vụ người dân, doanh nghiệp",
    confidence=Confidence.SECONDARY,
)


class Outcome(Enum):
    """Where a dossier of the report stands at the report instant (exactly one)."""

    EARLY = "early"  # giải quyết trước hạn
    ON_TIME = "on_time"  # giải quyết đúng hạn
    LATE = "late"  # giải quyết quá hạn
    IN_TIME = "in_time"  # đang giải quyết trong hạn
    OVERDUE = "overdue"  # đang giải quyết quá hạn
    PENDING = "pending"  # filed, not yet accepted (reception, supplement at reception)
    REFUSED = "refused"  # từ chối
    WITHDRAWN = "withdrawn"  # rút hồ sơ
    STOPPED = "stopped"  # dừng giải quyết


@attrs.frozen(kw_only=True)
class Definition:
    """What a figure counts, in English and Vietnamese, and where the definition comes from."""

    name: str
    en: str
    vi: str
    source: LegalReference | None = None


def _defs() -> dict[str, Definition]:
    rows = [
        ("carried_over", "dossiers filed before the period and still open at its start",
         "hồ sơ kỳ trước chuyển sang", SEED_REPORTS),
        ("new_in_person", "dossiers filed in the period in person", "tiếp nhận mới trực tiếp",
         SEED_REPORTS),
        ("new_online", "dossiers filed in the period online (full or partial)",
         "tiếp nhận mới trực tuyến", SEED_REPORTS),
        ("new_post", "dossiers filed in the period by post", "tiếp nhận mới qua bưu chính",
         SEED_REPORTS),
        ("new", "new in person + new online + new by post: filed in the period",
         "tiếp nhận mới", SEED_REPORTS),
        ("received", "carried over + new: every dossier the report covers",
         "tổng số hồ sơ tiếp nhận", SEED_REPORTS),
        ("resolved", "early + on time + late: returned in the period", "đã giải quyết",
         SEED_REPORTS),
        ("in_progress", "in time + overdue + pending: open at the report instant",
         "đang giải quyết", SEED_REPORTS),
        ("early", "returned in the period before the appointment date in force",
         "đã giải quyết trước hạn", SEED_REPORTS),
        ("on_time", "returned in the period on the appointment date in force",
         "đã giải quyết đúng hạn", SEED_REPORTS),
        ("late", "returned in the period after the appointment date in force",
         "đã giải quyết quá hạn", SEED_REPORTS),
        ("late_against_original", "returned in the period after the original appointment date "
         "(the service index's view of a rescheduled dossier)",
         "quá hạn so với ngày hẹn ban đầu", QD_766),
        ("in_time", "accepted, not returned, not past the appointment date at the report instant",
         "đang giải quyết trong hạn", SEED_REPORTS),
        ("overdue", "accepted, not returned, past the appointment date at the report instant",
         "đang giải quyết quá hạn", SEED_REPORTS),
        ("pending", "filed, not yet accepted (being checked or completed at reception)",
         "chờ tiếp nhận, bổ sung", None),
        ("refused", "refused at reception or after appraisal (Mẫu 03)", "từ chối giải quyết",
         None),
        ("withdrawn", "withdrawn by the applicant before acceptance", "rút hồ sơ", None),
        ("stopped", "processing stopped (Mẫu 05)", "dừng giải quyết", None),
        ("paid", "covered dossiers with a fee paid before the report instant",
         "hồ sơ đã nộp phí, lệ phí", None),
        ("paid_online", "of those, paid online", "hồ sơ thanh toán trực tuyến", QD_766),
        ("digitised", "covered dossiers with their documents digitised before the report instant",
         "hồ sơ đã số hóa", QD_766),
        ("on_time_rate", "(early + on time) / resolved", "tỷ lệ giải quyết trước hạn, đúng hạn",
         QD_766),
        ("online_share", "new online / new", "tỷ lệ hồ sơ trực tuyến", QD_766),
        ("online_payment_share", "dossiers whose fee was paid online / dossiers with a fee paid "
         "(of those covered, paid before the report instant)",
         "tỷ lệ thanh toán trực tuyến", QD_766),
        ("digitised_share", "dossiers with their documents digitised / dossiers covered",
         "tỷ lệ số hóa hồ sơ", QD_766),
    ]  # fmt: skip
    return {n: Definition(name=n, en=en, vi=vi, source=s) for n, en, vi, s in rows}


DEFINITIONS: Final[Mapping[str, Definition]] = _defs()
"""Every figure of a report, by name."""


class _Facts(NamedTuple):
    """One dossier as the report sees it at the report instant. Hashable, so that a report
    keeps one count per distinct combination (a cube), not one object per dossier."""

    key: tuple[str, ...]  # in GROUPS order
    new: bool
    channel: Channel | None
    outcome: Outcome
    late_original: bool
    paid: bool
    paid_online: bool
    digitised: bool


@attrs.frozen(kw_only=True)
class Figures:
    """The counts of one report or one group, and the rates derived from them (exact
    Fractions, ``None`` where the denominator is zero)."""

    carried_over: int = 0
    new_in_person: int = 0
    new_online: int = 0
    new_post: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    late_against_original: int = 0
    in_time: int = 0
    overdue: int = 0
    pending: int = 0
    refused: int = 0
    withdrawn: int = 0
    stopped: int = 0
    paid: int = 0
    paid_online: int = 0
    digitised: int = 0

    @property
    def new(self) -> int:
        """Dossiers filed in the period."""
        return self.new_in_person + self.new_online + self.new_post

    @property
    def received(self) -> int:
        """Carried over + new."""
        return self.carried_over + self.new

    @property
    def resolved(self) -> int:
        """Returned in the period: early + on time + late."""
        return self.early + self.on_time + self.late

    @property
    def in_progress(self) -> int:
        """Open at the report instant: in time + overdue + pending at reception."""
        return self.in_time + self.overdue + self.pending

    @property
    def on_time_rate(self) -> Fraction | None:
        """(early + on time) / resolved."""
        return _rate(self.early + self.on_time, self.resolved)

    @property
    def online_share(self) -> Fraction | None:
        """New online / new."""
        return _rate(self.new_online, self.new)

    @property
    def online_payment_share(self) -> Fraction | None:
        """Paid online / paid."""
        return _rate(self.paid_online, self.paid)

    @property
    def digitised_share(self) -> Fraction | None:
        """Digitised / received."""
        return _rate(self.digitised, self.received)

    def __add__(self, other: Figures) -> Figures:
        if not isinstance(other, Figures):
            return NotImplemented
        return Figures(**{a.name: getattr(self, a.name) + getattr(other, a.name)
                          for a in attrs.fields(Figures)})  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        """Every count and rate by name (rates as floats rounded to 4 places, or None)."""
        out: dict[str, Any] = attrs.asdict(self)
        for name in ("new", "received", "resolved", "in_progress"):
            out[name] = getattr(self, name)
        for name in ("on_time_rate", "online_share", "online_payment_share", "digitised_share"):
            r = getattr(self, name)
            out[name] = None if r is None else round(float(r), 4)
        return out


def _rate(n: int, d: int) -> Fraction | None:
    return None if d == 0 else Fraction(n, d)


def _count(cube: Iterable[tuple[_Facts, int]]) -> Figures:
    c = dict.fromkeys((a.name for a in attrs.fields(Figures)), 0)
    for f, n in cube:
        if not f.new:
            c["carried_over"] += n
        elif f.channel in _ONLINE:
            c["new_online"] += n
        elif f.channel is Channel.POST:
            c["new_post"] += n
        else:
            c["new_in_person"] += n
        c[f.outcome.value] += n
        c["late_against_original"] += f.late_original * n
        c["paid"] += f.paid * n
        c["paid_online"] += f.paid_online * n
        c["digitised"] += f.digitised * n
    return Figures(**c)


GROUPS: Final = ("procedure", "field", "agency", "level", "channel", "month")
"""What a report can be grouped by."""


@attrs.frozen(kw_only=True)
class PeriodReport:
    """The figures of a period, as of an instant, in the shape centres publish.

    Build it with :meth:`from_dossiers`. ``figures`` are the totals; :meth:`by` groups them.

    Attributes:
        start: The period's first day, in *zone*.
        end: Its last day (included).
        as_of: The report instant: only events strictly before it, and before the end of the
            period, are known.
        zone: The time zone the days are read in.
        returned: Which instant counts as returned (handed over, or at the counter).
        figures: The totals.
    """

    start: date
    end: date
    as_of: datetime
    zone: str
    returned: ReturnInstant
    figures: Figures
    _cube: tuple[tuple[_Facts, int], ...] = attrs.field(repr=False, eq=False, alias="_cube")

    @classmethod
    def from_dossiers(
        cls,
        dossiers: Iterable[Dossier] | Mapping[str, Dossier],
        start: date,
        end: date,
        *,
        as_of: datetime | None = None,
        zone: str = "Asia/Ho_Chi_Minh",
        returned: ReturnInstant = ReturnInstant.HANDED_OVER,
    ) -> PeriodReport:
        """The report of the dossiers filed up to the end of the period.

        A dossier is covered if it was filed (``Submitted``) before the report instant and was
        not closed before the period began; it counts as *new* if filed in the period and as
        *carried over* otherwise. Its outcome is read from its events before the report
        instant: returned (early / on time / late against the appointment in force, and late
        against the original one, reported apart), refused, withdrawn, stopped, or in progress
        (in time or overdue by the appointment date; pending if not yet accepted).

        Args:
            dossiers: The dossiers (a mapping such as :func:`hanhchinh.io.replay_log` gives is
                read by its values).
            start: The period's first day.
            end: Its last day (included).
            as_of: The report instant (default: the end of *end*, 24:00). It may fall before
                the end of the period (a report of a period still running).
            zone: Where the days begin and end.
            returned: :attr:`ReturnInstant.HANDED_OVER` (default) or ``AT_COUNTER`` (some
                provinces count the result reaching the counter as returned).

        Raises:
            ReportError: If *end* is before *start*, *as_of* is naive or before *start*.
        """
        begin, instant = _bounds(start, end, as_of, zone)
        items = dossiers.values() if isinstance(dossiers, Mapping) else dossiers
        cube: Counter[_Facts] = Counter()
        for d in items:
            f = _facts(d, begin, instant, returned)
            if f is not None:
                cube[f] += 1
        return cls._of(start, end, as_of, zone, returned, cube)

    @classmethod
    def from_events(
        cls,
        events: Iterable[Event],
        start: date,
        end: date,
        *,
        catalog: Catalog,
        calendar: WorkCalendar,
        policy: WorkflowPolicy | None = None,
        longer: Collection[str] = (),
        as_of: datetime | None = None,
        zone: str = "Asia/Ho_Chi_Minh",
        returned: ReturnInstant = ReturnInstant.HANDED_OVER,
    ) -> PeriodReport:
        """The report of a stream of events (a centre's log, dossiers interleaved), in one
        pass and in memory that grows with the dossiers open at a time, not with the log.

        Each dossier is replayed as :func:`hanhchinh.io.replay_log` replays it (its first
        event is ``Submitted`` naming the procedure's code in *catalog*), with every event
        checked; events at or after the report instant are not applied, since the report
        cannot know them. A dossier is counted as soon as it is closed (returned, refused,
        withdrawn, stopped) and then let go, keeping only what a later payment or
        digitisation fact needs; the dossiers still open are counted at the end. The figures
        are exactly those of :meth:`from_dossiers` over the replayed dossiers.

        Args:
            events: The events, each dossier's in time order.
            start: The period's first day.
            end: Its last day (included).
            catalog: Where the procedures' codes are looked up.
            calendar: The working calendar of every dossier.
            policy: The workflow policy (default :class:`~hanhchinh.dossiers.WorkflowPolicy`).
            longer: The ids of the dossiers whose longer conditional time applies.
            as_of: The report instant (default: the end of *end*).
            zone: Where the days begin and end.
            returned: Which instant counts as returned.

        Raises:
            ReportError: For a bad period or instant (as :meth:`from_dossiers`).
            EventLogError: At the first event that cannot be applied, naming its position
                (``<events>, line N``: the N-th event).
        """
        begin, instant = _bounds(start, end, as_of, zone)
        numbered = (("<events>", n, e) for n, e in enumerate(events, 1))
        cube = _fold(numbered, begin, instant, returned, catalog, calendar, policy, longer)
        return cls._of(start, end, as_of, zone, returned, cube)

    @classmethod
    def from_log(
        cls,
        source: str | os.PathLike[str] | Iterable[str],
        start: date,
        end: date,
        *,
        catalog: Catalog,
        calendar: WorkCalendar,
        policy: WorkflowPolicy | None = None,
        longer: Collection[str] = (),
        as_of: datetime | None = None,
        zone: str = "Asia/Ho_Chi_Minh",
        returned: ReturnInstant = ReturnInstant.HANDED_OVER,
        file: str | None = None,
    ) -> PeriodReport:
        """:meth:`from_events` over a JSON Lines log (a path or lines; the ``[io]`` extra),
        streamed line by line; an error names the file and line.

        Raises:
            EventLogError: At the first line that cannot be read or applied.
            ReportError: For a bad period or instant.
        """
        from hanhchinh.io._log import _numbered

        begin, instant = _bounds(start, end, as_of, zone)
        cube = _fold(
            _numbered(source, file), begin, instant, returned, catalog, calendar, policy, longer
        )
        return cls._of(start, end, as_of, zone, returned, cube)

    @classmethod
    def _of(
        cls,
        start: date,
        end: date,
        as_of: datetime | None,
        zone: str,
        returned: ReturnInstant,
        cube: Counter[_Facts],
    ) -> PeriodReport:
        if as_of is None:
            as_of = datetime.combine(end + timedelta(days=1), time(0), ZoneInfo(zone))
        items = tuple(sorted(cube.items(), key=lambda kv: kv[0].key))
        return cls(
            start=start,
            end=end,
            as_of=as_of,
            zone=zone,
            returned=returned,
            figures=_count(items),
            _cube=items,
        )

    def text(self, lang: str = "vi") -> str:
        """The report in the shape centres publish (Vietnamese, or ``lang="en"``)."""
        return _text(self, lang)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data: the period, the instant, the figures, and each
        figure's definition and source."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "as_of": self.as_of.isoformat(),
            "zone": self.zone,
            "returned": self.returned.value,
            "figures": self.figures.as_dict(),
            "definitions": {
                k: {
                    "en": v.en,
                    "vi": v.vi,
                    "source": None if v.source is None else v.source.document,
                    "confidence": None if v.source is None else v.source.confidence.value,
                }
                for k, v in DEFINITIONS.items()
            },
        }

    def rows(self, group: str | None = None) -> list[dict[str, Any]]:
        """One flat row per group (or one row of totals): what CSV and data frames hold."""
        if group is None:
            return [{"group": "", "key": "", **self.figures.as_dict()}]
        return [{"group": group, "key": k, **f.as_dict()} for k, f in self.by(group).items()]

    def to_csv(self, group: str | None = None) -> str:
        """:meth:`rows` as CSV (UTF-8 text, a header line first)."""
        import csv
        import io

        rows = self.rows(group)
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue()

    @property
    def definitions(self) -> Mapping[str, Definition]:
        """What each figure counts, and its source."""
        return DEFINITIONS

    def by(self, group: str) -> dict[str, Figures]:
        """The figures per group: ``"procedure"``, ``"field"``, ``"agency"``, ``"level"``,
        ``"channel"`` or ``"month"`` (of filing, ``YYYY-MM``), sorted by key.

        Raises:
            ReportError: If *group* is not one of these.
        """
        if group not in GROUPS:
            raise ReportError("group", group, f"one of {', '.join(GROUPS)}")
        i = GROUPS.index(group)
        buckets: dict[str, list[tuple[_Facts, int]]] = {}
        for f, n in self._cube:
            buckets.setdefault(f.key[i], []).append((f, n))
        return {k: _count(v) for k, v in sorted(buckets.items())}


def _bounds(start: date, end: date, as_of: datetime | None, zone: str) -> tuple[datetime, datetime]:
    """The period's first instant and the report instant (the earlier of *as_of* and the
    period's end), checked."""
    if not isinstance(start, date) or not isinstance(end, date) or end < start:
        raise ReportError("end", end, f"a date on or after start={start!r}")
    tz = ZoneInfo(zone)
    begin = datetime.combine(start, time(0), tz)
    stop = datetime.combine(end + timedelta(days=1), time(0), tz)
    if as_of is None:
        as_of = stop
    if as_of.tzinfo is None or as_of.utcoffset() is None:
        raise ReportError("as_of", as_of, "an aware datetime")
    if as_of <= begin:
        raise ReportError("as_of", as_of.isoformat(), f"an instant after {begin.isoformat()}")
    return begin, min(as_of, stop)


def _fold(
    numbered: Iterable[tuple[str, int, Event]],
    begin: datetime,
    instant: datetime,
    returned: ReturnInstant,
    catalog: Catalog,
    calendar: WorkCalendar,
    policy: WorkflowPolicy | None,
    longer: Collection[str],
) -> Counter[_Facts]:
    """One pass over a log: replay each dossier, count it once it closes, let it go.

    A closed dossier leaves behind its counted facts (shared: a report has few distinct
    ones) and its last instant, so that a later payment or digitisation fact moves it to
    the right cell and an event out of order is still refused.
    """
    from hanhchinh.errors import EventLogError, HanhChinhError, _message

    pol = WorkflowPolicy() if policy is None else policy
    cube: Counter[_Facts] = Counter()
    shared = _Shared()
    open_: dict[str, Dossier] = {}
    # A closed dossier leaves two dict entries of atomic values: the number of its (shared)
    # facts and its last instant. Dicts holding only atomic values are not tracked by the
    # garbage collector, so a million closed dossiers add nothing for each full collection
    # to trace (with the facts themselves as values, the collections grew with the log).
    done_facts: dict[str, int] = {}
    done_at: dict[str, datetime] = {}
    for name, number, event in numbered:
        if event.at >= instant:
            continue
        ident = event.dossier_id
        try:
            d = open_.get(ident)
            if d is None:
                if ident in done_at:
                    _after_close(ident, event, done_facts, done_at, cube, shared)
                    continue
                d = Dossier.opened_by(
                    event,
                    catalog=catalog,
                    calendar=calendar,
                    policy=pol,
                    longer=ident in longer,
                )
            d = d.apply(event)
        except (HanhChinhError, KeyError) as exc:
            raise EventLogError("$", _message(exc), file=name, line=number) from exc
        if d.state.closed:
            open_.pop(ident, None)
            f = _facts(d, begin, instant, returned)
            if f is not None:
                cube[f] += 1
            done_facts[ident] = shared.number(f)
            done_at[ident] = event.at
        else:
            open_[ident] = d
    for d in open_.values():
        f = _facts(d, begin, instant, returned)
        if f is not None:
            cube[f] += 1
    return cube


class _Shared:
    """The distinct facts of a report, numbered (``-1`` for none)."""

    def __init__(self) -> None:
        self.facts: list[_Facts] = []
        self.numbers: dict[_Facts, int] = {}

    def number(self, f: _Facts | None) -> int:
        if f is None:
            return -1
        n = self.numbers.get(f)
        if n is None:
            n = self.numbers[f] = len(self.facts)
            self.facts.append(f)
        return n


def _after_close(
    ident: str,
    event: Event,
    done_facts: dict[str, int],
    done_at: dict[str, datetime],
    cube: Counter[_Facts],
    shared: _Shared,
) -> None:
    """A fact recorded after the dossier closed (only payment and digitisation may be)."""
    if not isinstance(event, (FeePaid, Digitised)):
        raise IllegalTransitionError(ident, "closed", event.kind, ("FeePaid", "Digitised"))
    last = done_at[ident]
    if event.at < last:
        raise EventOrderError(event.kind, event.at, last)
    done_at[ident] = event.at
    n = done_facts[ident]
    if n < 0:
        return
    f = shared.facts[n]
    g = (
        f._replace(paid=True, paid_online=event.online)
        if isinstance(event, FeePaid)
        else f._replace(digitised=True)
    )
    cube[f] -= 1
    if not cube[f]:
        del cube[f]
    cube[g] += 1
    done_facts[ident] = shared.number(g)


def _first(d: Dossier, kind: type, before: datetime) -> Any:
    for e in d.events:
        if e.at >= before:
            return None
        if isinstance(e, kind):
            return e
    return None


_CLOSING: Final[tuple[type, ...]] = (Returned, Rejected, Withdrawn, Stopped)


def _closing(d: Dossier, returned: ReturnInstant) -> Event | None:
    """The event that closed the dossier (the first return, refusal, withdrawal or stop)."""
    closing = _CLOSING + ((ResultReady,) if returned is ReturnInstant.AT_COUNTER else ())
    return next((e for e in d.events if isinstance(e, closing)), None)


_VERDICT_OUTCOME: Final = {
    Verdict.EARLY: Outcome.EARLY,
    Verdict.ON_TIME: Outcome.ON_TIME,
    Verdict.LATE: Outcome.LATE,
}


def _facts(
    d: Dossier, begin: datetime, instant: datetime, returned: ReturnInstant
) -> _Facts | None:
    if not d.events or not isinstance(d.events[0], Submitted) or d.events[0].at >= instant:
        return None
    filed = d.events[0]
    closed = _closing(d, returned)
    if closed is not None and closed.at < begin:
        return None  # closed before the period: not the period's business
    outcome, late_original = _outcome(d, instant, returned, closed)
    paid = paid_online = digitised = False
    for e in d.events:
        if e.at >= instant:
            break
        if isinstance(e, FeePaid):
            paid, paid_online = True, e.online
        elif isinstance(e, Digitised):
            digitised = True
    p = d.procedure
    channel = d.channel
    local = filed.at.astimezone(begin.tzinfo)
    return _Facts(
        key=(
            p.code or p.name,
            p.field,
            p.agency,
            p.level.value,
            channel.value if channel is not None else "",
            f"{local:%Y-%m}",
        ),
        new=filed.at >= begin,
        channel=channel,
        outcome=outcome,
        late_original=late_original,
        paid=paid,
        paid_online=paid_online,
        digitised=digitised,
    )


_CLOSE_OUTCOME: Final[Mapping[type, Outcome]] = {
    Rejected: Outcome.REFUSED,
    Withdrawn: Outcome.WITHDRAWN,
    Stopped: Outcome.STOPPED,
}


def _outcome(
    d: Dossier, instant: datetime, returned: ReturnInstant, closed: Event | None
) -> tuple[Outcome, bool]:
    if closed is not None and closed.at < instant:
        kind = _CLOSE_OUTCOME.get(type(closed))
        if kind is not None:
            return kind, False
        j = d.verdict(returned)  # closed by the return (or the result at the counter)
        assert j is not None
        return _VERDICT_OUTCOME[j.verdict], j.original is Verdict.LATE
    received = _first(d, Received, instant)
    if received is None or d.clock is None:
        return Outcome.PENDING, False
    standing = d.status_at(instant)
    assert standing is not None
    if standing.status is Status.OVERDUE:
        return Outcome.OVERDUE, False
    return Outcome.IN_TIME, False


def _pct(r: Fraction | None, lang: str) -> str:
    if r is None:
        return "—"
    text = f"{float(r) * 100:.2f}%"
    return text.replace(".", ",") if lang == "vi" else text


def _n(n: int, lang: str) -> str:
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "vi" else text


def _text(r: PeriodReport, lang: str) -> str:
    f = r.figures

    def n(x: int) -> str:
        return _n(x, lang)

    def pct(x: Fraction | None) -> str:
        return _pct(x, lang)

    if lang == "vi":
        lines = [
            f"Kết quả tiếp nhận, giải quyết hồ sơ từ {r.start:%d/%m/%Y} đến {r.end:%d/%m/%Y} "
            f"(số liệu đến {r.as_of:%H:%M %d/%m/%Y})",
            f"- Tổng số hồ sơ tiếp nhận: {n(f.received)} (kỳ trước chuyển sang: "
            f"{n(f.carried_over)}; tiếp nhận mới: {n(f.new)}, trong đó trực tiếp "
            f"{n(f.new_in_person)}, trực tuyến {n(f.new_online)}, qua bưu chính {n(f.new_post)})",
            f"- Đã giải quyết: {n(f.resolved)} (trước hạn {n(f.early)}, đúng hạn {n(f.on_time)}, "
            f"quá hạn {n(f.late)}); tỷ lệ trước hạn, đúng hạn: {pct(f.on_time_rate)}",
            f"- Đang giải quyết: {n(f.in_progress)} (trong hạn {n(f.in_time)}, quá hạn "
            f"{n(f.overdue)}, chờ tiếp nhận/bổ sung {n(f.pending)})",
            f"- Từ chối: {n(f.refused)}; rút hồ sơ: {n(f.withdrawn)}; dừng giải quyết: "
            f"{n(f.stopped)}",
            f"- Tỷ lệ hồ sơ trực tuyến: {pct(f.online_share)}; thanh toán trực tuyến: "
            f"{pct(f.online_payment_share)}; số hóa hồ sơ: {pct(f.digitised_share)}",
        ]
        if f.late_against_original != f.late:
            lines.append(
                f"- Quá hạn so với ngày hẹn ban đầu (hồ sơ đã gia hạn): "
                f"{n(f.late_against_original)}"
            )
        return "\n".join(lines) + "\n"
    lines = [
        f"Dossiers received and resolved {r.start:%d/%m/%Y}–{r.end:%d/%m/%Y} "
        f"(as of {r.as_of:%H:%M %d/%m/%Y})",
        f"- Received: {n(f.received)} (carried over {n(f.carried_over)}; new {n(f.new)}: in "
        f"person {n(f.new_in_person)}, online {n(f.new_online)}, by post {n(f.new_post)})",
        f"- Resolved: {n(f.resolved)} (early {n(f.early)}, on time {n(f.on_time)}, late "
        f"{n(f.late)}); early or on time: {pct(f.on_time_rate)}",
        f"- In progress: {n(f.in_progress)} (in time {n(f.in_time)}, overdue {n(f.overdue)}, "
        f"pending at reception {n(f.pending)})",
        f"- Refused: {n(f.refused)}; withdrawn: {n(f.withdrawn)}; stopped: {n(f.stopped)}",
        f"- Online share: {pct(f.online_share)}; paid online: {pct(f.online_payment_share)}; "
        f"digitised: {pct(f.digitised_share)}",
    ]
    if f.late_against_original != f.late:
        lines.append(f"- Late against the original appointment: {n(f.late_against_original)}")
    return "\n".join(lines) + "\n"
