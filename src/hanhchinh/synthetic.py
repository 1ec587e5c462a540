"""Synthetic dossier logs: a seeded generator calibrated to the figures a commune centre
published, built on the library's own engine.

The published figures (one commune centre, 1/7–11/11/2025, a newspaper report cited in
``domain.md``, "Measuring service" **[secondary]**) are a :class:`Calibration`; a
:class:`CommuneProfile` holds the model's parameters (volume by weekday, procedure mix from the
shipped catalogue, channel, payment and digitisation shares, supplement and late rates, how early
results come back). :func:`generate` draws every dossier's life from one
``random.Random(seed)``, applies each event to a real :class:`~hanhchinh.dossiers.Dossier` (so the
appointments are the SLA engine's own), and returns the events of all dossiers in time order, as
a centre's log is. The log is **synthetic**: no person, dossier or figure in it is real beyond
the published totals it is calibrated to.

>>> from datetime import date
>>> monday = default_profile().with_period(date(2025, 7, 7), date(2025, 7, 7))
>>> events = generate(monday, seed=1)
>>> events == generate(monday, seed=1), events == generate(monday, seed=2)
(True, False)
>>> first = events[0]
>>> first.kind, first.channel.value, first.at.isoformat()
('Submitted', 'online_partial', '2025-07-07T06:09:00+07:00')
"""

from __future__ import annotations

import os
import random
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from itertools import count
from typing import IO, Final
from zoneinfo import ZoneInfo

import attrs

from hanhchinh.calendar import Boundary, WorkCalendar, vietnam_public_sector
from hanhchinh.dossiers import (
    Digitised,
    Dossier,
    Event,
    FeePaid,
    Received,
    ResultReady,
    Returned,
    StepCompleted,
    Submitted,
    Supplemented,
    SupplementRequested,
    Transferred,
)
from hanhchinh.errors import FormError, ReportError
from hanhchinh.forms import dossier_code
from hanhchinh.legal import Confidence, LegalReference
from hanhchinh.procedures import (
    Catalog,
    Channel,
    Fee,
    FeeUnit,
    Procedure,
    WorkingDays,
    WorkingHours,
)
from hanhchinh.reports import PeriodReport

__all__ = [
    "COMMUNE_2024",
    "COMMUNE_2025",
    "COMMUNE_MIX",
    "Calibration",
    "CalibrationRow",
    "CommuneProfile",
    "ProcedureShare",
    "calibration_table",
    "calibration_text",
    "commune_log",
    "default_profile",
    "generate",
    "write_log",
]


# ---------------------------------------------------------------------------- calibration
def _count(_: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and (type(value) is not int or value < 0):
        raise ReportError(attribute.name, value, "a whole number >= 0, or None")


def _share(_: object, attribute: attrs.Attribute[Fraction | None], value: Fraction | None) -> None:
    if value is not None and (not isinstance(value, Fraction) or not 0 <= value <= 1):
        raise ReportError(attribute.name, value, "a Fraction between 0 and 1, or None")


@attrs.frozen(kw_only=True)
class Calibration:
    """Published figures of one centre over one period: what a synthetic log aims at.

    ``None`` marks a figure the source does not give. Shares are exact fractions of the
    published percentages.

    Attributes:
        start: The period's first day.
        end: Its last day (included).
        source: Where the figures were read.
        received: Dossiers received (tổng số hồ sơ tiếp nhận).
        resolved: Dossiers resolved (đã giải quyết), when given apart.
        early_or_on_time: Resolved early or on time (trước hạn, đúng hạn).
        late: Resolved late (quá hạn).
        in_time: In progress within time (đang giải quyết trong hạn).
        overdue: In progress past the appointment (đang giải quyết quá hạn).
        online_share: Dossiers filed online / new dossiers.
        online_payment_share: Fees paid online / fees paid.
        digitised_share: Dossiers digitised / dossiers received.
        note: What the source leaves implicit.
    """

    start: date
    end: date
    source: LegalReference = attrs.field(validator=attrs.validators.instance_of(LegalReference))
    received: int | None = attrs.field(default=None, validator=_count)
    resolved: int | None = attrs.field(default=None, validator=_count)
    early_or_on_time: int | None = attrs.field(default=None, validator=_count)
    late: int | None = attrs.field(default=None, validator=_count)
    in_time: int | None = attrs.field(default=None, validator=_count)
    overdue: int | None = attrs.field(default=None, validator=_count)
    online_share: Fraction | None = attrs.field(default=None, validator=_share)
    online_payment_share: Fraction | None = attrs.field(default=None, validator=_share)
    digitised_share: Fraction | None = attrs.field(default=None, validator=_share)
    note: str = ""

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.start, date) or not isinstance(self.end, date):
            raise ReportError("start", self.start, "a date, and end a date")
        if self.end < self.start:
            raise ReportError("end", self.end, f"a date on or after start={self.start!r}")


COMMUNE_2025: Final = Calibration(
    start=date(2025, 7, 1),
    end=date(2025, 11, 11),
    source=LegalReference(
        document="newspaper report of a commune centre, cited in domain.md 'Measuring service'",
        confidence=Confidence.SECONDARY,
    ),
    received=5932,
    early_or_on_time=5825,
    in_time=106,
    overdue=1,
    online_share=Fraction(6783, 10000),
    online_payment_share=Fraction(854, 1000),
    digitised_share=Fraction(9995, 10000),
    note="5,825 + 106 + 1 = 5,932: no late return, refusal or withdrawal is reported, and "
    "nothing pending at reception is counted apart",
)
"""One commune centre, 1/7–11/11/2025 (the default calibration)."""

COMMUNE_2024: Final = Calibration(
    start=date(2024, 1, 1),
    end=date(2024, 12, 31),
    received=3717,
    resolved=3717,
    early_or_on_time=3716,
    late=1,
    in_time=0,
    overdue=0,
    source=LegalReference(
        document="newspaper report of another commune, cited in domain.md 'Measuring service'",
        confidence=Confidence.SECONDARY,
    ),
    note="3,717 received and resolved, 3,716 early or on time (99.97%): one late return in "
    "3,717, the order of magnitude of the default profile's late rate",
)
"""Another commune, 2024: a cross-check for the late rate, not a generation target."""


# ---------------------------------------------------------------------------- the profile
def _probability(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ReportError(attribute.name, value, "a probability between 0 and 1")


@attrs.frozen(kw_only=True)
class ProcedureShare:
    """One procedure of the mix: its catalogue code, its relative weight, and how often its
    result is handed over the day the dossier is received.

    Attributes:
        code: The procedure's code in the catalogue (it must have one: the log names it).
        weight: Its relative weight among new dossiers (an assumption, not a published figure).
        same_day: The probability the result is handed over on the day of reception (a
            certified copy is done while the applicant waits).
        note: Why this weight.
    """

    code: str
    weight: float
    same_day: float = attrs.field(default=0.0, validator=_probability)
    note: str = ""

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.code, str) or not self.code:
            raise ReportError("code", self.code, "a procedure code such as '2.000815'")
        w = self.weight
        if isinstance(w, bool) or not isinstance(w, int | float) or not w > 0:
            raise ReportError("weight", w, "a number > 0")


COMMUNE_MIX: Final[tuple[ProcedureShare, ...]] = (
    ProcedureShare(code="2.000815", weight=20, same_day=0.9,
                   note="chứng thực bản sao: the largest counter volume; in person only"),
    ProcedureShare(code="1.001193", weight=12, same_day=0.5, note="đăng ký khai sinh"),
    ProcedureShare(code="1.000656.000.00.00.H29", weight=4, note="đăng ký khai tử (same day)"),
    ProcedureShare(code="1.004859.000.00.00.H29", weight=3,
                   note="thay đổi, cải chính, bổ sung thông tin hộ tịch"),
    ProcedureShare(code="1.000689.000.00.00.H29", weight=1,
                   note="khai sinh kết hợp nhận cha, mẹ, con (in person only)"),
    ProcedureShare(code="1.001022.000.00.00.H29", weight=1,
                   note="nhận cha, mẹ, con (one internal step)"),
    ProcedureShare(code="1.004194", weight=12, note="đăng ký tạm trú"),
    ProcedureShare(code="1.002755", weight=4, note="gia hạn tạm trú"),
    ProcedureShare(code="1.004222", weight=8, note="đăng ký thường trú"),
    ProcedureShare(code="1.010038", weight=2, note="tách hộ"),
    ProcedureShare(code="1.010041", weight=12, note="xác nhận thông tin về cư trú (online only)"),
    ProcedureShare(code="1.013978", weight=7,
                   note="đăng ký đất đai lần đầu (17-27 working days, liên thông)"),
    ProcedureShare(code="2.000575", weight=1, note="cấp lại giấy chứng nhận hộ kinh doanh"),
    ProcedureShare(code="1.001653", weight=2, note="đổi, cấp lại giấy xác nhận khuyết tật"),
    ProcedureShare(code="1.001699.000.00.00.H17", weight=1,
                   note="xác định mức độ khuyết tật (25 working days)"),
    ProcedureShare(code="1.014028.H38", weight=0.5, note="hỗ trợ mai táng (in person only)"),
    ProcedureShare(code="1.001731", weight=0.5, note="hỗ trợ mai táng (two steps, liên thông)"),
)  # fmt: skip
"""The default procedure mix: commune-level procedures of the shipped catalogue with a code,
in force over 2025. The weights are assumptions, not published figures: certification and civil
status (hộ tịch) dominate a commune counter; residence procedures (received for the commune
police) and land registration, which moved to the commune on 1 July 2025, follow."""

_WEEKDAY_SHAPE: Final = (1.15, 1.0, 1.0, 0.97, 0.93)


def _volumes(value: Iterable[float]) -> tuple[float, ...]:
    return tuple(value)


def _mix(value: Iterable[ProcedureShare]) -> tuple[ProcedureShare, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class CommuneProfile:
    """The parameters of a synthetic commune centre. Every figure here is a model choice;
    where it follows a published figure, :func:`default_profile` says which.

    Arrivals: each working day *D* receives a binomial number of new dossiers with mean
    ``volume[weekday]`` (Monday first). In-person and post filings arrive in *D*'s reception
    hours; an online filing arrives in *D*'s office hours or, with probability
    ``off_hours_online``, between the previous working day's closing and *D*'s opening
    (06:00–23:00: evenings, weekends, holidays), and is received on *D*.

    Attributes:
        start: The first day dossiers are filed.
        end: The last day (the log is cut at its end, 24:00).
        volume: Mean new dossiers per working day, Monday to Friday.
        mix: The procedures and their weights.
        online_share: The share of new dossiers filed online (over the mix: procedures offered
            only online always are, those offered only in person never are, the others share
            the rest).
        off_hours_online: The share of online filings made outside office hours.
        post_share: The share of the other filings sent by post, where the procedure
            offers it.
        online_payment_share: The share of fees paid online.
        online_payment_if_online: The share of online filers who pay online (the rest pay at
            the counter); in-person filers' share follows from ``online_payment_share``.
        exempt_share: The share of applicants exempt from a fee that lists exemptions.
        digitised_share: The share of dossiers whose documents are digitised.
        reception_supplement: The probability a dossier is asked to complete itself before
            it is accepted (Mẫu 02 at reception).
        processing_supplement: The probability of one supplement request during processing
            (the processing time then restarts, Nghị định 118/2025/NĐ-CP, Điều 19(5)).
        promptness: How early results come back: past the first 30 working minutes, the
            working time used is ``u ** promptness`` of the time allowed (``u`` uniform), so
            the mean share used is about ``1 / (1 + promptness)``.
        late_rate: The probability a dossier slips past its appointment.
        late_days: A slipped dossier comes back 1 to *late_days* working days late.
        officers: How many counter officers the actors are drawn from.
        unit: The electronic identifier in the dossier codes (a made-up one by default).
    """

    start: date
    end: date
    volume: tuple[float, ...] = attrs.field(converter=_volumes)
    mix: tuple[ProcedureShare, ...] = attrs.field(default=COMMUNE_MIX, converter=_mix)
    online_share: float = attrs.field(default=0.6783, validator=_probability)
    off_hours_online: float = attrs.field(default=0.3, validator=_probability)
    post_share: float = attrs.field(default=0.02, validator=_probability)
    online_payment_share: float = attrs.field(default=0.854, validator=_probability)
    online_payment_if_online: float = attrs.field(default=0.97, validator=_probability)
    exempt_share: float = attrs.field(default=0.05, validator=_probability)
    digitised_share: float = attrs.field(default=0.9995, validator=_probability)
    reception_supplement: float = attrs.field(default=0.03, validator=_probability)
    processing_supplement: float = attrs.field(default=0.01, validator=_probability)
    promptness: float = 1.45
    late_rate: float = attrs.field(default=0.00025, validator=_probability)
    late_days: int = 40
    officers: int = 4
    unit: str = "000.00.99.Z99"

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.start, date) or not isinstance(self.end, date):
            raise ReportError("start", self.start, "a date, and end a date")
        if self.end < self.start:
            raise ReportError("end", self.end, f"a date on or after start={self.start!r}")
        v = self.volume
        if len(v) != 5 or any(
            isinstance(x, bool) or not isinstance(x, int | float) or not 0 <= x <= _SLOTS for x in v
        ):
            raise ReportError("volume", v, f"five numbers (Monday to Friday) from 0 to {_SLOTS}")
        if not self.mix or not all(isinstance(s, ProcedureShare) for s in self.mix):
            raise ReportError("mix", self.mix, "at least one ProcedureShare")
        codes = [s.code for s in self.mix]
        if len(set(codes)) != len(codes):
            raise ReportError("mix", codes, "each procedure once")
        p = self.promptness
        if isinstance(p, bool) or not isinstance(p, int | float) or not p > 0:
            raise ReportError("promptness", p, "a number > 0")
        for name in ("late_days", "officers"):
            n = getattr(self, name)
            if type(n) is not int or n < 1:
                raise ReportError(name, n, "a whole number >= 1")
        try:
            dossier_code(self.unit, self.start, 1)
        except FormError:
            raise ReportError("unit", self.unit, "an identifier like 000.17.22.H56") from None

    def with_period(self, start: date, end: date) -> CommuneProfile:
        """The same centre over another period."""
        return attrs.evolve(self, start=start, end=end)


def default_profile(
    calibration: Calibration = COMMUNE_2025, calendar: WorkCalendar | None = None
) -> CommuneProfile:
    """The commune centre calibrated to *calibration* (default: the 2025 figures).

    What follows the published figures: the period; the volume, scaled so that the expected
    number of dossiers over the period's working days is ``calibration.received`` (the weekday
    shape, Monday busiest, is an assumption); the online, online-payment and digitised shares.
    Everything else (the mix, the supplement, late and exemption rates, promptness) is an
    assumption, chosen so that the in-progress and overdue counts at the end of the period
    land near the published ones. No dossier is carried over: the commune centres of the
    two-tier local government opened on 1 July 2025.

    Args:
        calibration: The published figures.
        calendar: The working calendar (default :func:`vietnam_public_sector`).

    Raises:
        ReportError: If the calibration gives no received count, or the period has no
            working day.

    >>> p = default_profile()
    >>> p.start, p.end
    (datetime.date(2025, 7, 1), datetime.date(2025, 11, 11))
    >>> p.volume  # Monday to Friday
    (71.96, 62.574, 62.574, 60.697, 58.194)
    """
    cal = vietnam_public_sector() if calendar is None else calendar
    if calibration.received is None:
        raise ReportError("calibration.received", None, "a published received count")
    days = [0] * 5
    day = calibration.start
    while day <= calibration.end:
        if cal.is_working_day(day) and day.weekday() < 5:
            days[day.weekday()] += 1
        day += timedelta(days=1)
    mass = sum(n * w for n, w in zip(days, _WEEKDAY_SHAPE, strict=True))
    if mass == 0:
        raise ReportError("calibration", calibration.start, "a period with working days")
    scale = calibration.received / mass
    profile = CommuneProfile(
        start=calibration.start,
        end=calibration.end,
        volume=tuple(round(w * scale, 3) for w in _WEEKDAY_SHAPE),
    )
    c = calibration
    return attrs.evolve(
        profile,
        online_share=_or(c.online_share, profile.online_share),
        online_payment_share=_or(c.online_payment_share, profile.online_payment_share),
        digitised_share=_or(c.digitised_share, profile.digitised_share),
    )


def _or(published: Fraction | None, default: float) -> float:
    return default if published is None else float(published)


# ---------------------------------------------------------------------------- the plan
_SLOTS: Final = 1000  # a day's count is Binomial(_SLOTS, volume / _SLOTS): no libm involved
_ONLINE: Final = (Channel.ONLINE_FULL, Channel.ONLINE_PARTIAL)
_MINUTE: Final = timedelta(minutes=1)
_ONE_STOP: Final = "Bộ phận Một cửa"
_MISSING: Final = ("giấy tờ theo Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)",)
_DAY_FROM: Final = time(6)  # off-hours online filings: 06:00-23:00
_DAY_TO: Final = time(23)
_LEAST: Final = 30  # working minutes from reception to result, unless done while waiting


@attrs.frozen(kw_only=True)
class _Entry:
    procedure: Procedure
    share: ProcedureShare
    online: Channel | None  # the online channel offered, if any
    offline: tuple[Channel, ...]  # in person / post, as offered
    p_online: float
    unit: str


@attrs.frozen(kw_only=True)
class _Plan:
    entries: tuple[_Entry, ...]
    cumulative: tuple[float, ...]
    pay_online_if_offline: float


def _pays(fee: Fee | None) -> bool:
    """Whether the catalogue states an amount to pay (not free, not left to the province)."""
    return fee is not None and fee.set_by is None and not fee.is_free


def _payers(fee: Fee | None, channel: Channel, exempt: float) -> float:
    """The share of filers on *channel* who pay something."""
    if fee is None or not _pays(fee) or _amount(fee, channel, 1, 1) == 0:
        return 0.0
    return 1 - exempt if fee.exemptions else 1.0


def _plan(profile: CommuneProfile, catalog: Catalog) -> _Plan:
    entries = []
    total = sum(s.weight for s in profile.mix)
    only_online = only_offline = 0.0
    for s in profile.mix:
        p = catalog.get(s.code)
        if not (p.is_valid_on(profile.start) and p.is_valid_on(profile.end)):
            raise ReportError(
                "mix", s.code, f"a procedure in force from {profile.start} to {profile.end}"
            )
        online = next((c for c in p.channel_names if c in _ONLINE), None)
        offline = tuple(c for c in p.channel_names if c not in _ONLINE)
        if online is None:
            only_offline += s.weight / total
        elif not offline:
            only_online += s.weight / total
        entries.append((p, s, online, offline))
    both = 1 - only_online - only_offline
    target = profile.online_share
    if both <= 0:
        q = 0.0
        ok = abs(target - only_online) < 0.005
    else:
        q = (target - only_online) / both
        ok = 0 <= q <= 1
    if not ok:
        raise ReportError(
            "online_share",
            target,
            f"a share the mix can reach: from {only_online:.4f} (procedures offered only "
            f"online) to {1 - only_offline:.4f} (all but those offered only in person)",
        )
    plan = []
    cumulative = []
    acc = 0.0
    for p, s, online, offline in entries:
        p_online = 0.0 if online is None else (1.0 if not offline else q)
        unit = p.agency.split(",")[0].strip() or "UBND xã"
        plan.append(
            _Entry(
                procedure=p,
                share=s,
                online=online,
                offline=offline,
                p_online=p_online,
                unit=unit,
            )
        )
        acc += s.weight / total
        cumulative.append(acc)
    # Who pays, by channel, in expectation: online filers pay online with the given share;
    # the share of the others follows from the target.
    exempt = profile.exempt_share
    m_on = m_off = 0.0
    for e in plan:
        w = e.share.weight / total
        if e.online is not None:
            m_on += w * e.p_online * _payers(e.procedure.fee_for(e.online), e.online, exempt)
        for c in e.offline:
            share = _offline_share(e, c, profile.post_share)
            m_off += w * (1 - e.p_online) * share * _payers(e.procedure.fee_for(c), c, exempt)
    a = profile.online_payment_if_online
    t = profile.online_payment_share
    b = (t * (m_on + m_off) - a * m_on) / m_off if m_off > 0 else 0.0
    if not 0 <= b <= 1:
        raise ReportError(
            "online_payment_share",
            t,
            f"a share the mix can reach with online_payment_if_online={a}: from "
            f"{a * m_on / (m_on + m_off):.4f} to {(a * m_on + m_off) / (m_on + m_off):.4f}",
        )
    cumulative[-1] = 1.0
    return _Plan(entries=tuple(plan), cumulative=tuple(cumulative), pay_online_if_offline=b)


def _offline_share(e: _Entry, channel: Channel, post_share: float) -> float:
    if len(e.offline) == 1:
        return 1.0
    return post_share if channel is Channel.POST else 1 - post_share


def _amount(fee: Fee, channel: Channel, pages: int, copies: int) -> int:
    return fee.amount(pages=pages, copies=copies, channel=channel)


# ---------------------------------------------------------------------------- drawing
class _Draw:
    """The random draws of one generation, from one ``random.Random``."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.u = self.rng.random

    def minutes(self, low: int, high: int) -> timedelta:
        """A whole number of minutes, uniform in [low, high]."""
        return timedelta(minutes=low + int(self.u() * (high - low + 1)))

    def count(self, mean: float) -> int:
        p = mean / _SLOTS
        u = self.u
        return sum(1 for _ in range(_SLOTS) if u() < p)

    def pick(self, cumulative: Sequence[float]) -> int:
        return min(bisect_right(cumulative, self.u()), len(cumulative) - 1)


@attrs.frozen(kw_only=True)
class _Arrival:
    at: datetime
    entry: _Entry
    channel: Channel


def _sessions_minutes(cal: WorkCalendar, day: date, tz: ZoneInfo) -> list[tuple[datetime, int]]:
    out = []
    for s, e in cal.reception_sessions(day):
        a = datetime.combine(day, s, tzinfo=tz)
        b = datetime.combine(day, e, tzinfo=tz)
        out.append((a, int((b - a) / _MINUTE)))
    return out


def _in_segments(draw: _Draw, segments: list[tuple[datetime, int]]) -> datetime | None:
    total = sum(n for _, n in segments)
    if total <= 0:
        return None
    k = int(draw.u() * total)
    for start, n in segments:
        if k < n:
            return start + k * _MINUTE
        k -= n
    raise AssertionError("unreachable")


def _off_hours(
    cal: WorkCalendar, day: date, previous: date | None, begin: datetime, tz: ZoneInfo
) -> list[tuple[datetime, int]]:
    """The 06:00-23:00 minutes between the previous working day's closing (or *begin*) and
    *day*'s opening."""
    opening = datetime.combine(day, cal.reception_sessions(day)[0][0], tzinfo=tz)
    start = begin if previous is None else max(begin, cal.closing_moment(previous))
    out = []
    d = start.date()
    while d <= day:
        a = max(start, datetime.combine(d, _DAY_FROM, tzinfo=tz))
        b = min(opening, datetime.combine(d, _DAY_TO, tzinfo=tz))
        if b > a:
            out.append((a, int((b - a) / _MINUTE)))
        d += timedelta(days=1)
    return out


def _arrivals(
    profile: CommuneProfile, plan: _Plan, cal: WorkCalendar, draw: _Draw
) -> list[_Arrival]:
    tz = ZoneInfo(cal.zone)
    begin = datetime.combine(profile.start, time(0), tzinfo=tz)
    out: list[_Arrival] = []
    previous: date | None = None
    day = profile.start
    while day <= profile.end:
        if not cal.is_working_day(day) or not cal.reception_sessions(day):
            day += timedelta(days=1)
            continue
        mean = profile.volume[day.weekday()] if day.weekday() < 5 else min(profile.volume)
        hours = _sessions_minutes(cal, day, tz)
        night = _off_hours(cal, day, previous, begin, tz)
        for _ in range(draw.count(mean)):
            e = plan.entries[draw.pick(plan.cumulative)]
            at: datetime | None = None
            if e.online is not None and draw.u() < e.p_online:
                channel = e.online
                if draw.u() < profile.off_hours_online:
                    at = _in_segments(draw, night)
            elif len(e.offline) > 1:
                post = draw.u() < profile.post_share
                channel = Channel.POST if post else Channel.IN_PERSON
            else:
                channel = e.offline[0]
            if at is None:
                at = _in_segments(draw, hours)
            assert at is not None
            out.append(_Arrival(at=at, entry=e, channel=channel))
        previous = day
        day += timedelta(days=1)
    out.sort(key=lambda a: a.at)  # stable: equal instants keep their draw order
    return out


# ---------------------------------------------------------------------------- one dossier
def _step_points(p: Procedure) -> list[Fraction]:
    """Where each internal step ends, as a share of the whole processing (by allocation)."""
    hours: list[Fraction] = []
    for step in p.steps:
        t = step.time
        if isinstance(t, WorkingDays):
            hours.append(Fraction(t.n) * 8)
        elif isinstance(t, WorkingHours):
            hours.append(Fraction(t.n))
        else:
            hours = [Fraction(1)] * len(p.steps)  # not in working time: equal shares
            break
    total = sum(hours, Fraction(0))
    out, acc = [], Fraction(0)
    for h in hours:
        acc += h
        out.append(acc / total)
    return out


def _life(
    profile: CommuneProfile,
    plan: _Plan,
    cal: WorkCalendar,
    draw: _Draw,
    arrival: _Arrival,
    ident: str,
    number: int,
) -> Dossier:
    u = draw.u
    e = arrival.entry
    p = e.procedure
    channel = arrival.channel
    online = channel in _ONLINE
    ref = f"CD-{number:06d}"
    officer = f"cb-{1 + int(u() * profile.officers):02d}"

    def later(at: datetime, low: int, high: int) -> datetime:
        return cal.add_working_time(at, draw.minutes(low, high), boundary=Boundary.NEXT_OPENING)

    def after(at: datetime, minutes: int) -> datetime:
        return cal.add_working_time(at, minutes * _MINUTE, boundary=Boundary.NEXT_OPENING)

    def span(a: datetime, b: datetime) -> int:
        return cal.working_time_between(a, b) // _MINUTE

    d = Dossier(id=ident, procedure=p, calendar=cal, applicant_ref=ref)
    t = arrival.at
    d = d.apply(Submitted(dossier_id=ident, at=t, actor="applicant", channel=channel,
                          procedure=p.code, applicant_ref=ref))  # fmt: skip
    digitised = u() < profile.digitised_share
    documents = 1 + int(u() * 4)
    if online and digitised:  # filed as electronic documents
        d = d.apply(Digitised(dossier_id=ident, at=t, actor="system", documents=documents))
    # Reception: at the counter, or at the next working moment for an online filing.
    check = later(cal.next_working_moment(t), 0, 90) if online else later(t, 3, 15)
    if digitised and not online:  # scanned at the counter as the documents are checked
        d = d.apply(Digitised(dossier_id=ident, at=check, actor=officer, documents=documents))
    if u() < profile.reception_supplement:
        d = d.apply(SupplementRequested(dossier_id=ident, at=check, actor=officer,
                                        missing=_MISSING))  # fmt: skip
        back = later(check, 60, 3 * 480)
        d = d.apply(Supplemented(dossier_id=ident, at=back, actor="applicant"))
        check = later(back, 0, 60) if online else later(back, 1, 10)
    receipt = f"{number:06d}"
    trial = d.apply(Received(dossier_id=ident, at=check, actor=officer, receipt_number=receipt))
    assert trial.clock is not None
    due = trial.clock.due_at  # the engine's appointment, printed on the receipt slip
    d = d.apply(Received(dossier_id=ident, at=check, actor=officer, receipt_number=receipt,
                         appointment=due))  # fmt: skip
    r = check
    planned: list[tuple[datetime, int, Event]] = []
    order = count()

    def plan_(event: Event) -> None:
        planned.append((event.at, next(order), event))

    def flush(d: Dossier) -> Dossier:
        for _, _, event in sorted(planned, key=lambda x: (x[0], x[1])):
            d = d.apply(event)
        planned.clear()
        return d

    fee = p.fee_for(channel)
    amount = 0
    if fee is not None and _pays(fee):
        pages = 1 + int(u() * 6) if fee.unit is FeeUnit.PAGE else 1
        copies = 1 + int(u() * 3) if fee.unit is not FeeUnit.CASE else 1
        exempt = bool(fee.exemptions) and u() < profile.exempt_share
        amount = 0 if exempt else _amount(fee, channel, pages, copies)
    pay_online = amount > 0 and u() < (
        profile.online_payment_if_online if online else plan.pay_online_if_offline
    )
    quick = u() < e.share.same_day  # done while the applicant waits: no hand-over
    late = u() < profile.late_rate
    stations = [e.unit, *p.chain]
    sent = later(r, 1, 30)  # to the processing unit (unless quick)
    supplement = not quick and u() < profile.processing_supplement
    if supplement:
        # The unit asks once for a supplement; the time restarts once it is complete.
        plan_(Transferred(dossier_id=ident, at=sent, actor=officer, from_agency=_ONE_STOP,
                          to_agency=stations[0]))  # fmt: skip
        d = flush(d)
        asked = later(sent, 10, max(10, span(sent, due) // 2))
        d = d.apply(SupplementRequested(dossier_id=ident, at=asked, actor=officer,
                                        missing=_MISSING))  # fmt: skip
        back = later(asked, 480, 5 * 480)
        d = d.apply(Supplemented(dossier_id=ident, at=back, actor="applicant"))
        assert d.clock is not None
        r, due = back, d.clock.due_at
    allowed = max(span(r, due) - 1, 0)  # returned strictly before the appointment
    if late:
        used = span(r, after(due, draw.minutes(480, profile.late_days * 480) // _MINUTE))
    elif quick:
        today = span(r, cal.closing_moment(r.date()))
        used = min(5 + int(u() * max(1, min(today, 120) - 5)), allowed)
    else:
        floor = min(_LEAST, allowed)  # a hand-over takes some time
        used = floor + int(u() ** profile.promptness * (allowed - floor))
    returned = after(r, used)
    ready = after(r, used - min(used, int(u() * 60)))
    if not quick:
        start = r
        if not supplement:
            start = min(sent, ready)
            plan_(Transferred(dossier_id=ident, at=start, actor=officer, from_agency=_ONE_STOP,
                              to_agency=stations[0]))  # fmt: skip
        rest = span(start, ready)
        for k in range(1, len(stations)):
            plan_(Transferred(dossier_id=ident, at=after(start, rest * k // len(stations)),
                              actor=officer, from_agency=stations[k - 1],
                              to_agency=stations[k]))  # fmt: skip
        for step, point in zip(p.steps, _step_points(p), strict=True):
            plan_(StepCompleted(dossier_id=ident, at=after(start, int(rest * point)),
                                actor=officer, step=step.name))  # fmt: skip
        plan_(Transferred(dossier_id=ident, at=ready, actor=officer, from_agency=stations[-1],
                          to_agency=_ONE_STOP))  # fmt: skip
    if amount > 0:
        when = min(later(r, 0, 60), returned) if pay_online or not online else returned
        plan_(FeePaid(dossier_id=ident, at=when, actor="applicant", amount=amount,
                      online=pay_online))  # fmt: skip
    plan_(ResultReady(dossier_id=ident, at=ready, actor=officer))
    plan_(Returned(dossier_id=ident, at=returned, actor=officer))
    return flush(d)


# ---------------------------------------------------------------------------- public API
def generate(
    profile: CommuneProfile,
    *,
    seed: int,
    calendar: WorkCalendar | None = None,
    catalog: Catalog | None = None,
    until: datetime | None = None,
) -> list[Event]:
    """The events of every dossier of a synthetic centre, in time order.

    Each dossier's life is drawn from ``random.Random(seed)`` and applied, event by event, to
    a :class:`~hanhchinh.dossiers.Dossier`, so every appointment is the SLA engine's and every
    transition is legal; a returned result is placed against the dossier's real appointment.
    The same seed gives the same log (byte for byte through
    :func:`hanhchinh.io.dump_events`); nothing reads the clock or the global random state.

    Args:
        profile: The centre's parameters.
        seed: The seed (an int).
        calendar: The working calendar (default :func:`vietnam_public_sector`).
        catalog: Where the mix's codes are looked up (default the shipped catalogue).
        until: The instant the log is extracted: events at or after it are left out
            (default: the end of the profile's last day, 24:00).

    Returns:
        The events, sorted by instant (the events of one dossier keep their order).

    Raises:
        ReportError: If the seed is not an int, the mix names a procedure not in force over
            the period, or a share cannot be reached with the mix.
        UnknownProcedureError: If a code of the mix is not in the catalogue.
    """
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ReportError("seed", seed, "an int")
    dossiers = _dossiers(profile, seed, calendar, catalog)
    cal = vietnam_public_sector() if calendar is None else calendar
    if until is None:
        until = datetime.combine(
            profile.end + timedelta(days=1), time(0), tzinfo=ZoneInfo(cal.zone)
        )
    elif until.tzinfo is None or until.utcoffset() is None:
        raise ReportError("until", until, "an aware datetime")
    keyed = [
        (event.at, n, k, event)
        for n, d in enumerate(dossiers)
        for k, event in enumerate(d.events)
        if event.at < until
    ]
    keyed.sort(key=lambda x: (x[0], x[1], x[2]))
    return [x[3] for x in keyed]


def _dossiers(
    profile: CommuneProfile,
    seed: int,
    calendar: WorkCalendar | None,
    catalog: Catalog | None,
) -> list[Dossier]:
    cal = vietnam_public_sector() if calendar is None else calendar
    cat = Catalog.default() if catalog is None else catalog
    plan = _plan(profile, cat)
    draw = _Draw(seed)
    arrivals = _arrivals(profile, plan, cal, draw)
    out = []
    per_day: dict[date, int] = {}
    for number, a in enumerate(arrivals, 1):
        day = a.at.date()
        per_day[day] = per_day.get(day, 0) + 1
        ident = dossier_code(profile.unit, day, per_day[day])
        out.append(_life(profile, plan, cal, draw, a, ident, number))
    return out


def commune_log(seed: int = 2025) -> list[Event]:
    """The calibrated commune centre's log for 1/7–11/11/2025 (:func:`default_profile`).

    Args:
        seed: The seed; 2025 is the one the demo shows.
    """
    return generate(default_profile(), seed=seed)


def write_log(
    target: str | os.PathLike[str] | IO[str],
    profile: CommuneProfile | None = None,
    *,
    seed: int = 2025,
    calendar: WorkCalendar | None = None,
    catalog: Catalog | None = None,
) -> int:
    """Generate a log and write it as JSON Lines (needs the ``[io]`` extra); returns how many
    events were written.

    Args:
        target: A path (written as UTF-8) or an open text file.
        profile: The centre (default :func:`default_profile`).
        seed: The seed.
        calendar: The working calendar.
        catalog: The catalogue.
    """
    from hanhchinh.io import write_events  # the [io] extra: its ImportError names it

    p = default_profile(calendar=calendar) if profile is None else profile
    return write_events(generate(p, seed=seed, calendar=calendar, catalog=catalog), target)


# ---------------------------------------------------------------------------- side by side
@attrs.frozen(kw_only=True)
class CalibrationRow:
    """One figure, published and synthetic.

    Attributes:
        name: The figure's key.
        vi: Its Vietnamese label.
        en: Its English label.
        published: The published value (``None``: not published).
        synthetic: The value in the synthetic log's report.
        note: How the synthetic value is read, where it is not one figure of the report.
    """

    name: str
    vi: str
    en: str
    published: int | Fraction | None
    synthetic: int | Fraction | None
    note: str = ""

    @property
    def is_share(self) -> bool:
        """Whether the figure is a share (shown as a percentage)."""
        return self.name.endswith("_share")

    @property
    def difference(self) -> int | Fraction | None:
        """Synthetic minus published (``None`` if either is missing)."""
        if self.published is None or self.synthetic is None:
            return None
        return self.synthetic - self.published


def calibration_table(
    report: PeriodReport, calibration: Calibration = COMMUNE_2025
) -> list[CalibrationRow]:
    """The report's figures beside the published ones, row by row.

    "In progress within time" is the report's in time plus pending at reception: the published
    figures add up without a pending count (received = resolved + in progress + overdue), so
    a centre counts those dossiers there.

    Args:
        report: The period report of the synthetic log.
        calibration: The published figures.
    """
    f = report.figures
    c = calibration
    rows = [
        ("received", "Tổng số hồ sơ tiếp nhận", "Received", c.received, f.received, ""),
        ("early_or_on_time", "Đã giải quyết trước hạn, đúng hạn", "Resolved early or on time",
         c.early_or_on_time, f.early + f.on_time, ""),
        ("late", "Đã giải quyết quá hạn", "Resolved late", c.late, f.late, ""),
        ("in_time", "Đang giải quyết trong hạn", "In progress within time", c.in_time,
         f.in_time + f.pending, f"in time {f.in_time} + pending at reception {f.pending}"),
        ("overdue", "Đang giải quyết quá hạn", "In progress overdue", c.overdue, f.overdue, ""),
        ("online_share", "Tỷ lệ hồ sơ trực tuyến", "Online share", c.online_share,
         f.online_share, ""),
        ("online_payment_share", "Tỷ lệ thanh toán trực tuyến", "Paid online",
         c.online_payment_share, f.online_payment_share, ""),
        ("digitised_share", "Tỷ lệ số hóa hồ sơ", "Digitised", c.digitised_share,
         f.digitised_share, ""),
    ]  # fmt: skip
    return [
        CalibrationRow(name=n, vi=vi, en=en, published=pub, synthetic=syn, note=note)
        for n, vi, en, pub, syn, note in rows
    ]


def _show(value: int | Fraction | None, share: bool, lang: str, signed: bool = False) -> str:
    if value is None:
        return "—"
    if share:
        text = f"{float(value) * 100:+.2f}" if signed else f"{float(value) * 100:.2f}%"
        if signed:
            text += " điểm" if lang == "vi" else " pts"
        return text.replace(".", ",") if lang == "vi" else text
    text = f"{int(value):+,}" if signed else f"{int(value):,}"
    return text.replace(",", ".") if lang == "vi" else text


def calibration_text(rows: Iterable[CalibrationRow], lang: str = "vi") -> str:
    """The rows as a text table: figure, published, synthetic, difference (``"vi"`` or
    ``"en"``)."""
    vi = lang == "vi"
    head = (
        ("Chỉ tiêu", "Công bố", "Tổng hợp", "Chênh lệch")
        if vi
        else ("Figure", "Published", "Synthetic", "Difference")
    )
    body = [
        (
            r.vi if vi else r.en,
            _show(r.published, r.is_share, lang),
            _show(r.synthetic, r.is_share, lang),
            _show(r.difference, r.is_share, lang, signed=True),
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in (head, *body)) for i in range(4)]
    lines = []
    for row in (head, *body):
        cells = [row[0].ljust(widths[0])] + [row[i].rjust(widths[i]) for i in range(1, 4)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"
