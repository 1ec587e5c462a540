"""The national service index (Quyết định 766/QĐ-TTg): the indicators dossier data supports.

What the decision's own annex says could not be read (see ``research/qd766.md``): the formulas
below are those of the national portal's published computation notes and provincial summaries,
all **[secondary]**, and each indicator says so. Where a threshold or a maximum is not known,
the field is ``None`` and no points are computed: nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from enum import Enum
from fractions import Fraction
from typing import Any, Final

import attrs

from hanhchinh.dossiers import (
    Dossier,
    Received,
    Rejected,
    ResultReady,
    Returned,
    Stopped,
    Supplemented,
    SupplementRequested,
    Withdrawn,
)
from hanhchinh.errors import ReportError
from hanhchinh.legal import Confidence, LegalReference
from hanhchinh.reports._period import PeriodReport, _bounds
from hanhchinh.sla import ReturnInstant, Status, Verdict

__all__ = ["Against", "AverageTime", "Indicator", "ServiceIndex"]

_PORTAL_NOTES: Final = (
    "Mô tả công thức tính chỉ số 766 (ghi chú tính toán của Cổng Dịch vụ công quốc gia, bản "
    "công khai không rõ nguồn; research/qd766.md)"
)
QD_766_TIMELINESS = LegalReference(
    document="Quyết định 766/QĐ-TTg (23/6/2022), Phụ lục, nhóm chỉ số Tiến độ, kết quả giải "
    "quyết (20 điểm); công thức theo " + _PORTAL_NOTES,
    confidence=Confidence.SECONDARY,
)
QD_766_DIGITISATION = LegalReference(
    document="Quyết định 766/QĐ-TTg (23/6/2022), Phụ lục, nhóm chỉ số Số hóa hồ sơ (22 điểm); "
    "công thức theo " + _PORTAL_NOTES,
    confidence=Confidence.SECONDARY,
)
QD_766_ONLINE = LegalReference(
    document="Quyết định 766/QĐ-TTg (23/6/2022), Phụ lục, nhóm chỉ số Cung cấp dịch vụ trực "
    "tuyến (22 điểm); công thức theo " + _PORTAL_NOTES,
    confidence=Confidence.SECONDARY,
)


class Against(Enum):
    """Which appointment a rescheduled dossier is judged against in the index."""

    ORIGINAL = "original"  # the index's view (domain.md, 'Measuring service') [secondary]
    IN_FORCE = "in_force"  # the new appointment, as the applicant's receipt shows


@attrs.frozen(kw_only=True)
class Indicator:
    """One indicator: its ratio, its formula and where the formula comes from.

    Attributes:
        name: A stable identifier.
        vi: The indicator's Vietnamese name.
        en: An English name.
        numerator: What the formula's numerator counts here.
        denominator: What its denominator counts here.
        formula: The formula in words.
        source: Where the formula comes from, and how sure we are.
        full_at: The rate from which the indicator earns its full points, where a source
            gives one (``None``: not found).
        max_points: The indicator's maximum points, where a source gives them.
        note: What the data cannot show, or how this library reads the formula.
    """

    name: str
    vi: str
    en: str
    numerator: int
    denominator: int
    formula: str
    source: LegalReference
    full_at: Fraction | None = None
    max_points: int | None = None
    note: str = ""

    @property
    def value(self) -> Fraction | None:
        """numerator / denominator (``None`` when nothing is counted)."""
        return None if self.denominator == 0 else Fraction(self.numerator, self.denominator)

    @property
    def points(self) -> Fraction | None:
        """The points, where both the maximum and the threshold are known: full points from
        the threshold on, proportional below it (``rate × max / threshold``, the portal's
        rule [secondary]); ``None`` otherwise."""
        v = self.value
        if v is None or self.full_at is None or self.max_points is None:
            return None
        return Fraction(self.max_points) * min(v / self.full_at, Fraction(1))


@attrs.frozen(kw_only=True)
class AverageTime:
    """The average resolution time of one procedure (Thời gian giải quyết TTHC trung bình).

    Attributes:
        procedure: The procedure's code (or name when it has none).
        dossiers: How many dossiers the average is over.
        working_time: The mean working time the SLA clock counted from the start of
            processing to the result, pauses and supplement waits excluded.
        allowed: The mean working time the procedure allowed those dossiers.
    """

    procedure: str
    dossiers: int
    working_time: timedelta
    allowed: timedelta

    @property
    def share_of_allowed(self) -> Fraction | None:
        """working_time / allowed (below 1: faster than the law allows on average)."""
        a = _us(self.allowed)
        return None if a == 0 else Fraction(_us(self.working_time), a)


def _us(t: timedelta) -> int:
    return (t.days * 86_400 + t.seconds) * 1_000_000 + t.microseconds


@attrs.frozen(kw_only=True)
class _Timeliness:
    counted: int = 0  # accepted and processed in the period
    on_time: int = 0  # = resolved_on_time + in_time + ended_in_time
    resolved_on_time: int = 0  # result ready (or handed over) by the appointment
    in_time: int = 0  # open, or waiting for a supplement, within time
    ended_in_time: int = 0  # refused, stopped or withdrawn after acceptance, within time
    late: int = 0  # the rest (includes supplements_late)
    supplements_late: int = 0  # late for more than one supplement request


@attrs.frozen(kw_only=True)
class ServiceIndex:
    """The indicators of the national service index that dossier data supports, for a period.

    Build it with :meth:`from_dossiers`. ``indicators`` holds, in this order: the on-time
    rate, the online filing rate, the online payment rate and the digitisation rate;
    ``average_times`` the average resolution time per procedure. Openness, online service
    supply (procedures offered online) and satisfaction need data a dossier does not carry
    (the procedure database, ratings, feedback): they are not computed.

    Attributes:
        start: The period's first day.
        end: Its last day.
        as_of: The report instant.
        against: Which appointment a rescheduled dossier is judged against.
        supplements_late: Whether more than one supplement request makes a dossier late.
        indicators: The indicators.
        average_times: The average resolution time per procedure, by code.
        timeliness: The on-time count broken down (resolved on time, in progress in time,
            late or overdue, late for more than one supplement request).
    """

    start: date
    end: date
    as_of: datetime
    against: Against
    supplements_late: bool
    indicators: tuple[Indicator, ...]
    average_times: Mapping[str, AverageTime]
    timeliness: Mapping[str, int]

    @classmethod
    def from_dossiers(
        cls,
        dossiers: Iterable[Dossier] | Mapping[str, Dossier],
        start: date,
        end: date,
        *,
        as_of: datetime | None = None,
        zone: str = "Asia/Ho_Chi_Minh",
        against: Against = Against.ORIGINAL,
        supplements_late: bool = True,
    ) -> ServiceIndex:
        """The index's indicators over the dossiers, for the period *start*–*end*.

        Args:
            dossiers: The dossiers (a mapping is read by its values).
            start: The period's first day.
            end: Its last day (included).
            as_of: The report instant (default: the end of *end*).
            zone: Where the days begin and end.
            against: Judge a rescheduled dossier against its original appointment (the
                index's view, default) or the one in force.
            supplements_late: Count a dossier with more than one supplement request as late
                (the portal's rule, default) or judge it by its dates only.

        Raises:
            ReportError: For a bad period or instant.
        """
        if not isinstance(against, Against):
            raise ReportError("against", against, "an Against member")
        begin, instant = _bounds(start, end, as_of, zone)
        items = list(dossiers.values() if isinstance(dossiers, Mapping) else dossiers)
        report = PeriodReport.from_dossiers(items, start, end, as_of=as_of, zone=zone)
        t = dict.fromkeys(attrs.fields_dict(_Timeliness), 0)
        times: dict[str, list[tuple[timedelta, timedelta]]] = {}
        for d in items:
            _timeliness(d, begin, instant, against, supplements_late, t)
            _average(d, begin, instant, times)
        f = report.figures
        indicators = (
            Indicator(
                name="on_time_rate",
                vi="Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn",
                en="Dossiers processed early or on time",
                numerator=t["on_time"],
                denominator=t["counted"],
                formula="(resolved early or on time + in progress within time) / dossiers "
                "accepted and processed in the period; a result counts at the instant it "
                "is ready (đã xử lý xong) before the instant it is handed over; the time "
                "waiting for a supplement is not counted; more than one supplement request "
                "counts as late",
                source=QD_766_TIMELINESS,
                max_points=20,
                note="How the 20 points are scored from the rate was not found (full_at "
                "None). A refusal, stop or withdrawal after acceptance ends processing and "
                "is judged at its instant; a dossier waiting for a supplement is judged at "
                "the request.",
            ),
            Indicator(
                name="online_rate",
                vi="Tỷ lệ hồ sơ tiếp nhận trực tuyến",
                en="Dossiers filed online",
                numerator=f.new_online,
                denominator=f.new,
                formula="dossiers filed online in the period / dossiers filed in the period",
                source=QD_766_ONLINE,
                full_at=Fraction(1, 2),
                note="The portal also requires an electronic result for procedures whose "
                "result is a paper document and multiplies by the share synchronised to the "
                "national portal; a dossier does not carry either. Maximum points not found.",
            ),
            Indicator(
                name="online_payment_rate",
                vi="Tỷ lệ hồ sơ thanh toán trực tuyến",
                en="Dossiers paid online",
                numerator=f.paid_online,
                denominator=f.paid,
                formula="dossiers whose fee was paid online / dossiers with a fee paid",
                source=QD_766_ONLINE,
                max_points=6,
                note="The portal's denominator is the dossiers of fee-bearing procedures less "
                "those with a zero fee; here, the dossiers with a payment recorded. "
                "Threshold not found; the 6 points are from a third-party listing [low].",
            ),
            Indicator(
                name="digitised_rate",
                vi="Tỷ lệ hồ sơ thủ tục hành chính thực hiện số hóa hồ sơ",
                en="Dossiers digitised",
                numerator=f.digitised,
                denominator=f.received,
                formula="dossiers with their documents digitised / dossiers covered",
                source=QD_766_DIGITISATION,
                full_at=Fraction(4, 5),
                max_points=4,
                note="The portal also requires the result issued electronically where the "
                "procedure's result is a paper document; a Digitised event records the "
                "dossier's documents only. The 4 points are from a third-party listing [low].",
            ),
        )
        averages = {
            k: AverageTime(
                procedure=k,
                dossiers=len(v),
                working_time=sum((w for w, _ in v), timedelta()) / len(v),
                allowed=sum((a for _, a in v), timedelta()) / len(v),
            )
            for k, v in sorted(times.items())
        }
        return cls(
            start=start,
            end=end,
            as_of=report.as_of,
            against=against,
            supplements_late=supplements_late,
            indicators=indicators,
            average_times=averages,
            timeliness=t,
        )

    def __getitem__(self, name: str) -> Indicator:
        for i in self.indicators:
            if i.name == name:
                return i
        raise ReportError("indicator", name, ", ".join(i.name for i in self.indicators))

    def text(self, lang: str = "vi") -> str:
        """The indicators, one a line, with their confidence."""
        lines = []
        for i in self.indicators:
            v = i.value
            shown = "—" if v is None else f"{float(v) * 100:.2f}%"
            if lang == "vi":
                shown = shown.replace(".", ",")
            pts = i.points
            extra = "" if pts is None else f" ({float(pts):.2f}/{i.max_points})"
            label = i.vi if lang == "vi" else i.en
            lines.append(
                f"- {label}: {shown} ({i.numerator}/{i.denominator}){extra} "
                f"[{i.source.confidence.value}]"
            )
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: every indicator with its formula, source and confidence."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "as_of": self.as_of.isoformat(),
            "against": self.against.value,
            "supplements_late": self.supplements_late,
            "indicators": [
                {
                    "name": i.name,
                    "vi": i.vi,
                    "en": i.en,
                    "numerator": i.numerator,
                    "denominator": i.denominator,
                    "value": None if i.value is None else round(float(i.value), 6),
                    "points": None if i.points is None else round(float(i.points), 4),
                    "max_points": i.max_points,
                    "full_at": None if i.full_at is None else str(i.full_at),
                    "formula": i.formula,
                    "source": i.source.document,
                    "confidence": i.source.confidence.value,
                    "note": i.note,
                }
                for i in self.indicators
            ],
            "timeliness": dict(self.timeliness),
            "average_times": {
                k: {
                    "dossiers": a.dossiers,
                    "working_hours": round(a.working_time.total_seconds() / 3600, 4),
                    "allowed_hours": round(a.allowed.total_seconds() / 3600, 4),
                }
                for k, a in self.average_times.items()
            },
        }


_ENDS: Final = (ResultReady, Returned, Rejected, Stopped, Withdrawn)


def _timeliness(
    d: Dossier,
    begin: datetime,
    instant: datetime,
    against: Against,
    supplements_late: bool,
    t: dict[str, int],
) -> None:
    """Count one dossier in the on-time indicator, if it is the period's business."""
    clock = d.clock
    received = end = waiting = None
    supplements = 0
    for e in d.events:
        if e.at >= instant:
            break
        if isinstance(e, Received):
            received = e
        elif isinstance(e, SupplementRequested):
            supplements += 1
            if received is not None:
                waiting = e
        elif isinstance(e, Supplemented):
            waiting = None
        elif received is not None and end is None and isinstance(e, _ENDS):
            end = e
    if received is None or clock is None:
        return  # never accepted: not processed
    if end is not None and end.at < begin:
        return  # ended before the period
    t["counted"] += 1
    if supplements_late and supplements > 1:
        t["late"] += 1
        t["supplements_late"] += 1
        return
    if isinstance(end, (ResultReady, Returned)):
        j = clock.verdict(ReturnInstant.AT_COUNTER)  # ready first, else handed over
        assert j is not None
        v = j.original if against is Against.ORIGINAL else j.verdict
        ok, kind = v is not Verdict.LATE, "resolved_on_time"
    elif end is not None:
        ok, kind = clock.status_at(end.at).status is Status.IN_TIME, "ended_in_time"
    else:
        at = instant if waiting is None else waiting.at
        ok, kind = clock.status_at(at).status is Status.IN_TIME, "in_time"
    t["on_time" if ok else "late"] += 1
    if ok:
        t[kind] += 1


def _average(
    d: Dossier,
    begin: datetime,
    instant: datetime,
    times: dict[str, list[tuple[timedelta, timedelta]]],
) -> None:
    """Add one dossier to its procedure's average, if its processing began in the period and
    its result came before the report instant."""
    clock = d.clock
    if clock is None or not begin <= clock.received_at < instant:
        return
    j = clock.verdict(ReturnInstant.AT_COUNTER)
    if j is None or j.returned_at >= instant:
        return
    cal = d.calendar
    base = clock.deadline
    allowed = cal.working_time_between(base.starts_at, base.due_at)
    used = allowed - cal.working_time_between(j.returned_at, j.original_due_at)
    p = d.procedure
    times.setdefault(p.code or p.name, []).append((used, allowed))
