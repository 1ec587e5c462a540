"""The synthetic dossier log generator.

Expected values come from outside the generator: the published figures it is calibrated to
(domain.md, "Measuring service"), the 2025 calendar (30/8-2/9/2025 off for National Day,
office hours 08-12, 13-17), binomial bounds, and invariants any real log satisfies. The
calibration tests check the generator's calibration (that the default seed lands near the
published figures), not the library's reports.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanhchinh.calendar import WorkCalendar, vietnam_public_sector
from hanhchinh.dossiers import (
    Digitised,
    Dossier,
    Event,
    FeePaid,
    Received,
    Returned,
    Submitted,
    SupplementRequested,
)
from hanhchinh.errors import ReportError, UnknownProcedureError
from hanhchinh.io import dump_events, replay_log
from hanhchinh.legal import Confidence, LegalReference
from hanhchinh.procedures import Catalog, Channel
from hanhchinh.reports import PeriodReport
from hanhchinh.synthetic import (
    COMMUNE_2024,
    COMMUNE_2025,
    COMMUNE_MIX,
    Calibration,
    CalibrationRow,
    ProcedureShare,
    calibration_table,
    calibration_text,
    commune_log,
    default_profile,
    generate,
    write_log,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
START, END = date(2025, 7, 1), date(2025, 11, 11)
CATALOG = Catalog.default()
CALENDAR = vietnam_public_sector()
NATIONAL_DAY = [date(2025, 8, 30), date(2025, 8, 31), date(2025, 9, 1), date(2025, 9, 2)]
ONLINE = (Channel.ONLINE_FULL, Channel.ONLINE_PARTIAL)


def by_dossier(events: Iterable[Event]) -> dict[str, list[Event]]:
    out: dict[str, list[Event]] = {}
    for e in events:
        out.setdefault(e.dossier_id, []).append(e)
    return out


def in_office_hours(at: datetime) -> bool:
    """08:00-12:00 or 13:00-17:00 on a weekday that is not a 2025 National Day day off."""
    local = at.astimezone(VN)
    if local.weekday() >= 5 or local.date() in NATIONAL_DAY:
        return False
    t = local.time()
    return time(8) <= t < time(12) or time(13) <= t < time(17)


def counter_events(events: Iterable[Event]) -> Iterable[Event]:
    """Everything but what an applicant or the portal does online (filing, its scan)."""
    for e in events:
        if e.actor in ("system",) or (isinstance(e, Submitted) and e.channel in ONLINE):
            continue
        yield e


# ---------------------------------------------------------------------------- the default log
@pytest.fixture(scope="module")
def default_log() -> list[Event]:
    return commune_log(seed=2025)


@pytest.fixture(scope="module")
def replayed(
    default_log: list[Event], tmp_path_factory: pytest.TempPathFactory, cal: WorkCalendar
) -> dict[str, Dossier]:
    path = tmp_path_factory.mktemp("synthetic") / "commune.jsonl"
    path.write_text("".join(dump_events(default_log)), encoding="utf-8")
    return replay_log(path, catalog=CATALOG, calendar=cal)


@pytest.fixture(scope="module")
def report(replayed: dict[str, Dossier]) -> PeriodReport:
    return PeriodReport.from_dossiers(replayed, START, END)


def test_the_log_is_in_time_order(default_log: list[Event]) -> None:
    assert all(a.at <= b.at for a, b in itertools.pairwise(default_log))


def test_the_log_is_interleaved_across_dossiers(default_log: list[Event]) -> None:
    # A real log is not one dossier after another: the first 200 events belong to many.
    assert len({e.dossier_id for e in default_log[:200]}) > 20


def test_every_instant_is_aware_in_vietnam(default_log: list[Event]) -> None:
    assert {e.at.utcoffset() for e in default_log} == {timedelta(hours=7)}


def test_counter_events_fall_in_office_hours_on_working_days(default_log: list[Event]) -> None:
    bad = [e for e in counter_events(default_log) if not in_office_hours(e.at)]
    assert bad == []


def test_online_filings_on_days_off_are_received_on_the_next_working_day(
    default_log: list[Event],
) -> None:
    # Filed during the National Day days off (30/8-2/9/2025): received Wed 3/9 unless the
    # dossier was first sent back to be completed.
    filed_then = 0
    for events in by_dossier(default_log).values():
        first = events[0]
        assert isinstance(first, Submitted)
        if first.at.date() not in NATIONAL_DAY:
            continue
        filed_then += 1
        assert first.channel in ONLINE
        if not any(isinstance(e, SupplementRequested) for e in events):
            received = next(e for e in events if isinstance(e, Received))
            assert received.at.date() == date(2025, 9, 3)
    assert filed_then > 0


def test_the_period_starts_with_nothing_carried_over(default_log: list[Event]) -> None:
    assert default_log[0].at >= datetime(2025, 7, 1, tzinfo=VN)
    assert default_log[-1].at < datetime(2025, 11, 12, tzinfo=VN)


def test_no_personal_data_only_opaque_references(default_log: list[Event]) -> None:
    refs = {e.applicant_ref for e in default_log if isinstance(e, Submitted)}
    assert all(re.fullmatch(r"CD-\d{6}", r) for r in refs)
    ids = {e.dossier_id for e in default_log}
    assert all(re.fullmatch(r"000\.00\.99\.Z99-\d{6}-\d{4}", i) for i in ids)
    assert len(refs) == len(ids)


def test_every_dossier_replays_and_names_its_procedure(
    default_log: list[Event], replayed: dict[str, Dossier]
) -> None:
    assert set(replayed) == {e.dossier_id for e in default_log}
    codes = {s.code for s in COMMUNE_MIX}
    assert {d.procedure.code for d in replayed.values()} <= codes
    for d in replayed.values():
        assert d.channel in d.procedure.channel_names


def test_the_receipt_slip_shows_the_engines_appointment(replayed: dict[str, Dossier]) -> None:
    checked = 0
    for d in replayed.values():
        if d.clock is None:
            continue
        received = next(e for e in d.events if isinstance(e, Received))
        if any(isinstance(e, SupplementRequested) and e.at > received.at for e in d.events):
            continue
        assert received.appointment == d.clock.original_due_at
        checked += 1
    assert checked > 5000


def test_returned_after_received(replayed: dict[str, Dossier]) -> None:
    for d in replayed.values():
        kinds = [type(e) for e in d.events]
        if Returned in kinds:
            assert kinds.index(Received) < kinds.index(Returned)


# The published figures (COMMUNE_2025) and the tolerances the generator is calibrated to.
def test_calibration_received_within_two_percent(report: PeriodReport) -> None:
    assert abs(report.figures.received - 5932) <= 0.02 * 5932
    assert report.figures.carried_over == 0


def test_calibration_resolved_early_or_on_time(report: PeriodReport) -> None:
    f = report.figures
    assert abs(f.early + f.on_time - 5825) <= 0.02 * 5825


def test_calibration_in_progress_within_time(report: PeriodReport) -> None:
    f = report.figures
    assert abs(f.in_time + f.pending - 106) <= 0.2 * 106


def test_calibration_overdue_and_late_are_rare(report: PeriodReport) -> None:
    f = report.figures
    assert 0 <= f.overdue <= 3
    assert f.late <= 5


def test_calibration_shares(report: PeriodReport) -> None:
    f = report.figures
    assert f.online_share is not None
    assert f.online_payment_share is not None
    assert f.digitised_share is not None
    assert abs(f.online_share - Fraction(6783, 10000)) <= Fraction(1, 100)
    assert abs(f.online_payment_share - Fraction(854, 1000)) <= Fraction(2, 100)
    assert abs(f.digitised_share - Fraction(9995, 10000)) <= Fraction(1, 1000)


def test_nothing_refused_withdrawn_or_stopped_as_published(report: PeriodReport) -> None:
    f = report.figures
    assert (f.refused, f.withdrawn, f.stopped) == (0, 0, 0)
    assert f.received == f.resolved + f.in_progress


def test_the_calibration_table_side_by_side(report: PeriodReport) -> None:
    rows = {r.name: r for r in calibration_table(report)}
    f = report.figures
    assert rows["received"].published == 5932
    assert rows["received"].synthetic == f.received
    assert rows["received"].difference == f.received - 5932
    assert rows["in_time"].published == 106
    assert rows["in_time"].synthetic == f.in_time + f.pending
    assert rows["late"].published is None
    assert rows["late"].difference is None
    assert rows["online_share"].published == Fraction(6783, 10000)
    assert rows["online_share"].is_share
    assert not rows["received"].is_share
    text = calibration_text(rows.values(), "en")
    assert text.splitlines()[0].split() == ["Figure", "Published", "Synthetic", "Difference"]
    assert "67.83%" in text
    assert "5,932" in text


# ---------------------------------------------------------------------------- determinism
WEEK = default_profile().with_period(date(2025, 7, 7), date(2025, 7, 11))


def test_the_same_seed_gives_the_same_bytes() -> None:
    a = "".join(dump_events(generate(WEEK, seed=1)))
    b = "".join(dump_events(generate(WEEK, seed=1)))
    assert a == b


def test_a_different_seed_gives_a_different_log() -> None:
    assert generate(WEEK, seed=1) != generate(WEEK, seed=2)


def test_generation_leaves_the_global_random_state_alone() -> None:
    import random

    state = random.getstate()
    generate(WEEK, seed=3)
    assert random.getstate() == state


def test_write_log_writes_what_generate_gives(tmp_path: Path, cal: WorkCalendar) -> None:
    path = tmp_path / "week.jsonl"
    n = write_log(path, WEEK, seed=1)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert n == len(lines)
    assert lines == list(dump_events(generate(WEEK, seed=1)))
    assert len(replay_log(path, catalog=CATALOG, calendar=cal)) > 200


# ---------------------------------------------------------------------------- a small week
@pytest.fixture(scope="module")
def week() -> list[Event]:
    return generate(attrs.evolve(WEEK, late_rate=0.0), seed=1)


def test_week_volume_within_a_binomial_bound(week: list[Event]) -> None:
    # Five weekdays, about 316 dossiers in all (Monday busiest); 4 sd is about 71.
    mean = sum(WEEK.volume)
    n = sum(1 for e in week if isinstance(e, Submitted))
    assert abs(n - mean) <= 4 * math.sqrt(mean)


def test_week_online_share_within_a_binomial_bound(week: list[Event]) -> None:
    filed = [e for e in week if isinstance(e, Submitted)]
    online = sum(1 for e in filed if e.channel in ONLINE)
    n = len(filed)
    sd = math.sqrt(n * 0.6783 * (1 - 0.6783))
    assert abs(online - 0.6783 * n) <= 4 * sd


def test_week_no_late_rate_no_late_dossier(week: list[Event], cal: WorkCalendar) -> None:
    dossiers = replay_log(dump_events(week), catalog=CATALOG, calendar=cal)
    f = PeriodReport.from_dossiers(dossiers, date(2025, 7, 7), date(2025, 7, 11)).figures
    assert (f.late, f.overdue) == (0, 0)
    assert f.received == f.resolved + f.in_progress


def test_week_each_dossier_is_a_legal_life(week: list[Event]) -> None:
    for ident, events in by_dossier(week).items():
        first = events[0]
        assert isinstance(first, Submitted)
        assert first.procedure is not None
        kinds = [type(e) for e in events]
        assert kinds.count(Submitted) == 1
        assert kinds.count(Received) <= 1
        assert kinds.count(FeePaid) <= 1
        assert kinds.count(Digitised) <= 1
        if Returned in kinds:
            assert kinds.index(Received) < kinds.index(Returned)
        paid = [e for e in events if isinstance(e, FeePaid)]
        assert all(p.amount > 0 for p in paid), ident


def test_week_in_person_filings_arrive_in_reception_hours(week: list[Event]) -> None:
    for e in week:
        if isinstance(e, Submitted) and e.channel not in ONLINE:
            assert in_office_hours(e.at)
            assert date(2025, 7, 7) <= e.at.date() <= date(2025, 7, 11)


def test_week_in_person_filings_are_the_minority(week: list[Event]) -> None:
    channels = Counter(e.channel for e in week if isinstance(e, Submitted))
    assert set(channels) <= set(Channel)
    # Only the procedures offered in person only (certified copies: 20 of 91 by weight) and the
    # in-person share of the others are filed in person: well under half.
    assert channels[Channel.IN_PERSON] < sum(channels.values()) / 2


# ---------------------------------------------------------------------------- property
TINY = attrs.evolve(
    default_profile().with_period(date(2025, 8, 29), date(2025, 9, 3)),
    volume=(6, 6, 6, 6, 6),
    reception_supplement=0.2,
    processing_supplement=0.2,
    late_rate=0.1,
    late_days=3,
)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_any_seed_gives_a_log_that_replays_and_adds_up(seed: int) -> None:
    # Two working days around the National Day days off, with frequent supplements and
    # slips, so that both kinds of supplement and late returns are drawn often.
    cal = CALENDAR
    events = generate(TINY, seed=seed, calendar=cal)
    assert all(a.at <= b.at for a, b in itertools.pairwise(events))
    dossiers = replay_log(dump_events(events), catalog=CATALOG, calendar=cal)
    assert len(dossiers) == sum(1 for e in events if isinstance(e, Submitted))
    f = PeriodReport.from_dossiers(dossiers, TINY.start, TINY.end).figures
    assert f.received == len(dossiers)
    assert f.received == f.resolved + f.in_progress + f.refused + f.withdrawn + f.stopped
    assert f.new == f.received
    assert all(in_office_hours(e.at) for e in counter_events(events))


# ---------------------------------------------------------------------------- the values
def test_the_published_figures_are_recorded_as_published() -> None:
    c = COMMUNE_2025
    assert (c.start, c.end) == (START, END)
    assert (c.received, c.early_or_on_time, c.in_time, c.overdue) == (5932, 5825, 106, 1)
    assert c.early_or_on_time + c.in_time + c.overdue == c.received  # type: ignore[operator]
    assert (c.online_share, c.online_payment_share, c.digitised_share) == (
        Fraction(6783, 10000),
        Fraction(854, 1000),
        Fraction(9995, 10000),
    )
    assert c.source.confidence is Confidence.SECONDARY
    assert "Measuring service" in c.source.document
    assert (COMMUNE_2024.received, COMMUNE_2024.early_or_on_time) == (3717, 3716)


def test_the_default_profile_expects_the_published_volume(cal: WorkCalendar) -> None:
    # 1/7-11/11/2025: 18 Mondays, 19 of each other weekday (1 and 2/9 off) = 94 working days.
    p = default_profile()
    assert (p.start, p.end) == (START, END)
    assert sum(n * v for n, v in zip((18, 19, 19, 19, 19), p.volume, strict=True)) == (
        pytest.approx(5932, abs=1)
    )
    assert p.online_share == 0.6783
    assert p.online_payment_share == 0.854


def test_the_mix_is_of_commune_procedures_in_force() -> None:
    for share in COMMUNE_MIX:
        p = CATALOG[share.code]
        assert p.level.value == "commune"
        assert p.is_valid_on(START)
        assert p.is_valid_on(END)


def test_a_hand_built_report_beside_a_calibration(cal: WorkCalendar) -> None:
    # Two dossiers in March 2026: A returned early (online, paid online), B in progress.
    p = CATALOG["1.004194"]  # Đăng ký tạm trú, 03 ngày làm việc

    def at(day: int, hour: int) -> datetime:
        return datetime(2026, 3, day, hour, tzinfo=VN)

    a = Dossier(id="A", procedure=p, calendar=cal).apply_all(
        [
            Submitted(dossier_id="A", at=at(2, 9), channel=Channel.ONLINE_PARTIAL),
            Received(dossier_id="A", at=at(2, 10), receipt_number="1"),
            FeePaid(dossier_id="A", at=at(2, 11), amount=7000, online=True),
            Returned(dossier_id="A", at=at(3, 9)),
        ]
    )
    b = Dossier(id="B", procedure=p, calendar=cal).apply_all(
        [
            Submitted(dossier_id="B", at=at(30, 9), channel=Channel.IN_PERSON),
            Received(dossier_id="B", at=at(30, 10), receipt_number="2"),
        ]
    )
    report = PeriodReport.from_dossiers([a, b], date(2026, 3, 1), date(2026, 3, 31))
    published = Calibration(
        start=date(2026, 3, 1),
        end=date(2026, 3, 31),
        source=LegalReference(document="a test", confidence=Confidence.UNCONFIRMED),
        received=3,
        early_or_on_time=2,
        in_time=1,
        online_share=Fraction(1, 4),
    )
    rows = {r.name: r for r in calibration_table(report, published)}
    assert (rows["received"].synthetic, rows["received"].difference) == (2, -1)
    assert (rows["early_or_on_time"].synthetic, rows["early_or_on_time"].difference) == (1, -1)
    assert (rows["in_time"].synthetic, rows["in_time"].difference) == (1, 0)
    assert rows["online_share"].synthetic == Fraction(1, 2)
    assert rows["online_share"].difference == Fraction(1, 4)
    assert rows["online_payment_share"].synthetic == 1
    assert rows["digitised_share"].difference is None
    assert calibration_text(rows.values(), "vi").splitlines() == [
        "Chỉ tiêu                           Công bố  Tổng hợp   Chênh lệch",
        "Tổng số hồ sơ tiếp nhận                  3         2           -1",
        "Đã giải quyết trước hạn, đúng hạn        2         1           -1",
        "Đã giải quyết quá hạn                    —         0            —",
        "Đang giải quyết trong hạn                1         1           +0",
        "Đang giải quyết quá hạn                  —         0            —",
        "Tỷ lệ hồ sơ trực tuyến              25,00%    50,00%  +25,00 điểm",
        "Tỷ lệ thanh toán trực tuyến              —   100,00%            —",
        "Tỷ lệ số hóa hồ sơ                       —     0,00%            —",
    ]


def test_a_row_without_either_value_has_no_difference() -> None:
    row = CalibrationRow(name="late", vi="x", en="x", published=None, synthetic=3)
    assert row.difference is None


# ---------------------------------------------------------------------------- bad input
def test_an_unreachable_online_share_is_refused() -> None:
    # Certified copies are offered in person only: a mix of them alone cannot be online.
    profile = attrs.evolve(WEEK, mix=(ProcedureShare(code="2.000815", weight=1),))
    with pytest.raises(ReportError, match="online_share"):
        generate(profile, seed=1)


def test_a_procedure_not_in_force_is_refused() -> None:
    # 2.000620.000.00.00.H14 is a district record valid until 30/6/2025.
    profile = attrs.evolve(WEEK, mix=(ProcedureShare(code="2.000620.000.00.00.H14", weight=1),))
    with pytest.raises(ReportError, match="in force"):
        generate(profile, seed=1)


def test_an_unknown_code_is_refused() -> None:
    profile = attrs.evolve(WEEK, mix=(ProcedureShare(code="9.999999", weight=1),))
    with pytest.raises(UnknownProcedureError):
        generate(profile, seed=1)


@pytest.mark.parametrize(
    ("change", "name"),
    [
        ({"volume": (1, 2, 3)}, "volume"),
        ({"volume": (-1, 2, 3, 4, 5)}, "volume"),
        ({"online_share": 1.5}, "online_share"),
        ({"late_days": 0}, "late_days"),
        ({"promptness": 0}, "promptness"),
        ({"mix": ()}, "mix"),
        ({"unit": "commune 7"}, "unit"),
        ({"end": date(2025, 7, 1)}, "end"),
    ],
)
def test_bad_profiles_are_refused(change: dict[str, object], name: str) -> None:
    with pytest.raises(ReportError, match=name):
        attrs.evolve(WEEK, **change)  # type: ignore[arg-type]


def test_a_bad_seed_is_refused() -> None:
    with pytest.raises(ReportError, match="seed"):
        generate(WEEK, seed="1")  # type: ignore[arg-type]


def test_bad_calibrations_are_refused() -> None:
    src = LegalReference(document="x")
    with pytest.raises(ReportError, match="received"):
        Calibration(start=START, end=END, source=src, received=-1)
    with pytest.raises(ReportError, match="online_share"):
        Calibration(start=START, end=END, source=src, online_share=Fraction(3, 2))
    with pytest.raises(ReportError, match="end"):
        Calibration(start=END, end=START, source=src)
    with pytest.raises(ReportError, match="weight"):
        ProcedureShare(code="2.000815", weight=0)
