"""Period reports. The expected figures of the hand-built month were counted by hand on the
2026 calendar (office hours 08-12, 13-17; Đăng ký tạm trú, 03 ngày làm việc)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Any
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
    Paused,
    Received,
    Rejected,
    Rescheduled,
    ResultReady,
    Resumed,
    Returned,
    Stopped,
    StopReason,
    Submitted,
    SupplementRequested,
    Withdrawn,
)
from hanhchinh.errors import ReportError
from hanhchinh.procedures import Catalog, Channel
from hanhchinh.reports import DEFINITIONS, Figures, PeriodReport
from hanhchinh.sla import PauseReason, ReturnInstant
from hanhchinh.testing import dossiers

VN = ZoneInfo("Asia/Ho_Chi_Minh")
RESIDENCE = Catalog.default()["1.004194"]
MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN)


def dossier(
    cal: WorkCalendar, ident: str, *steps: tuple[type[Event], datetime, dict[str, Any]]
) -> Dossier:
    d = Dossier(id=ident, procedure=RESIDENCE, calendar=cal, applicant_ref=f"A-{ident}")
    return d.apply_all(kind(dossier_id=ident, at=when, **kw) for kind, when, kw in steps)


def filed(
    when: datetime, channel: Channel = Channel.IN_PERSON
) -> tuple[type[Event], datetime, dict[str, Any]]:
    return (Submitted, when, {"channel": channel, "procedure": RESIDENCE.code})


def received(when: datetime) -> tuple[type[Event], datetime, dict[str, Any]]:
    return (Received, when, {"receipt_number": "1"})


def ev(
    kind: type[Event], when: datetime, **kw: Any
) -> tuple[type[Event], datetime, dict[str, Any]]:
    return (kind, when, kw)


@pytest.fixture(scope="module")
def month(cal: WorkCalendar) -> list[Dossier]:
    return march(cal)


def march(cal: WorkCalendar) -> list[Dossier]:
    """The hand-built month: 14 dossiers A-N around March 2026."""
    return [
        # A: received Wed 25/2 -> 26, 27/2, Mon 2/3 -> due 2/3; returned 3/3: carried over, late
        dossier(cal, "A", filed(at(2, 25)), received(at(2, 25, 9, 5)), ev(Returned, at(3, 3))),
        # B: returned before the period: not in the report
        dossier(cal, "B", filed(at(2, 9)), received(at(2, 9, 9, 5)), ev(Returned, at(2, 11))),
        # C: received Mon 2/3 -> due Thu 5/3; returned Wed 4/3: early; paid at the counter
        dossier(cal, "C", filed(at(3, 2)), received(at(3, 2, 9, 5)),
                ev(FeePaid, at(3, 2, 9, 10), amount=15_000, online=False),
                ev(Digitised, at(3, 2, 9, 15)), ev(Returned, at(3, 4))),
        # D: online, due Thu 5/3, returned 5/3: on time; paid online
        dossier(cal, "D", filed(at(3, 2), Channel.ONLINE_PARTIAL), received(at(3, 2, 9, 5)),
                ev(FeePaid, at(3, 2, 9, 10), amount=7_000, online=True),
                ev(Digitised, at(3, 2, 9, 15)), ev(Returned, at(3, 5, 15))),
        # E: received Mon 30/3 -> due Thu 2/4: in progress, in time on 1/4 00:00
        dossier(cal, "E", filed(at(3, 30)), received(at(3, 30, 10))),
        # F: received Mon 23/3 -> due Thu 26/3: overdue
        dossier(cal, "F", filed(at(3, 23)), received(at(3, 23, 9, 5))),
        # G: asked to complete at reception, never did: pending
        dossier(cal, "G", filed(at(3, 10)),
                ev(SupplementRequested, at(3, 10, 9, 30), missing="Tờ khai")),
        # H: withdrawn
        dossier(cal, "H", filed(at(3, 11)), ev(Withdrawn, at(3, 12))),
        # I: refused at reception
        dossier(cal, "I", filed(at(3, 12)),
                ev(Rejected, at(3, 12, 10), reasons="Không thuộc thẩm quyền")),
        # J: stopped on request
        dossier(cal, "J", filed(at(3, 16)), received(at(3, 16, 9, 5)),
                ev(Stopped, at(3, 17), reason=StopReason.APPLICANT_REQUEST)),
        # K: due Thu 19/3, rescheduled on 18/3 to Tue 24/3, returned Mon 23/3: early against
        # the appointment in force, late against the original one
        dossier(cal, "K", filed(at(3, 16)), received(at(3, 16, 9, 5)),
                ev(Rescheduled, at(3, 18, 10), appointment=at(3, 24, 17), reason="Xác minh"),
                ev(Returned, at(3, 23))),
        # L: filed online at 23:00 on 31/3, not yet accepted: new, pending
        dossier(cal, "L", filed(at(3, 31, 23), Channel.ONLINE_PARTIAL)),
        # M: filed after the period: not in the report
        dossier(cal, "M", filed(at(4, 2))),
        # N: received Wed 25/3 -> due Mon 30/3, returned Fri 3/4 (after the period): overdue
        dossier(cal, "N", filed(at(3, 25)), received(at(3, 25, 9, 5)), ev(Returned, at(4, 3))),
    ]  # fmt: skip


def test_a_hand_built_month(month: list[Dossier]) -> None:
    f = PeriodReport.from_dossiers(month, *MARCH).figures
    assert (f.carried_over, f.new_in_person, f.new_online, f.new_post) == (1, 9, 2, 0)
    assert (f.early, f.on_time, f.late, f.late_against_original) == (2, 1, 1, 2)
    assert (f.in_time, f.overdue, f.pending) == (1, 2, 2)
    assert (f.refused, f.withdrawn, f.stopped) == (1, 1, 1)
    assert f.received == 12 == f.resolved + f.in_progress + f.refused + f.withdrawn + f.stopped
    assert f.on_time_rate == Fraction(3, 4)
    assert f.online_share == Fraction(2, 11)
    assert f.online_payment_share == Fraction(1, 2)
    assert f.digitised_share == Fraction(2, 12)


def test_as_of_inside_the_period(month: list[Dossier]) -> None:
    # As of Fri 20/3 00:00: K is in progress (rescheduled to 24/3: in time), F and N and E are
    # not yet filed, L neither; J stopped 17/3.
    f = PeriodReport.from_dossiers(month, *MARCH, as_of=at(3, 20, 0)).figures
    assert f.new == 7  # C, D, G, H, I, J, K
    assert (f.early, f.on_time, f.late) == (1, 1, 1)  # C, D, A
    assert (f.in_time, f.overdue, f.pending) == (1, 0, 1)  # K; G
    assert f.received == f.resolved + f.in_progress + f.refused + f.withdrawn + f.stopped


def test_returned_at_the_counter_is_a_named_choice(cal: WorkCalendar) -> None:
    # Due Thu 5/3; the result reaches the counter on 5/3, the applicant collects it on 9/3.
    d = dossier(cal, "R", filed(at(3, 2)), received(at(3, 2, 9, 5)),
                ev(ResultReady, at(3, 5, 10)), ev(Returned, at(3, 9)))  # fmt: skip
    handed = PeriodReport.from_dossiers([d], *MARCH).figures
    counter = PeriodReport.from_dossiers([d], *MARCH, returned=ReturnInstant.AT_COUNTER).figures
    assert (handed.on_time, handed.late) == (0, 1)
    assert (counter.on_time, counter.late) == (1, 0)


def test_a_paused_dossier_is_judged_by_its_moved_appointment(cal: WorkCalendar) -> None:
    # Received Mon 9/3 09:05 -> due Thu 12/3 17:00. Paused Tue 10/3 09:00 to Wed 11/3 09:00:
    # 3h + 4h + 1h = 8 working hours not counted, so the appointment moves to Fri 13/3 17:00.
    d = dossier(cal, "P", filed(at(3, 9)), received(at(3, 9, 9, 5)),
                ev(Paused, at(3, 10, 9), reason=PauseReason.FINANCIAL_OBLIGATION),
                ev(Resumed, at(3, 11, 9)), ev(Returned, at(3, 13, 10)))  # fmt: skip
    f = PeriodReport.from_dossiers([d], *MARCH).figures
    assert (f.early, f.on_time, f.late) == (0, 1, 0)  # returned on 13/3, the moved date
    # At 00:00 on Fri 13/3 it is open and not past its (moved) appointment date: in time.
    g = PeriodReport.from_dossiers([d], *MARCH, as_of=at(3, 13, 0)).figures
    assert (g.in_time, g.overdue) == (1, 0)
    # Still paused at 00:00 on Wed 11/3: in time, the clock stopped.
    h = PeriodReport.from_dossiers([d], *MARCH, as_of=at(3, 11, 0)).figures
    assert (h.in_time, h.overdue) == (1, 0)


def test_groups_add_up_to_the_totals(month: list[Dossier]) -> None:
    report = PeriodReport.from_dossiers(month, *MARCH)
    by_month = report.by("month")
    assert {k: v.received for k, v in by_month.items()} == {"2026-02": 1, "2026-03": 11}
    for group in ("procedure", "field", "agency", "level", "channel", "month"):
        parts = report.by(group).values()
        total = sum(parts, Figures())
        assert total == report.figures, group
    assert set(report.by("channel")) == {"in_person", "online_partial"}
    with pytest.raises(ReportError, match="group"):
        report.by("colour")


def test_text_in_the_shape_centres_publish(month: list[Dossier]) -> None:
    report = PeriodReport.from_dossiers(month, *MARCH)
    vi = report.text()
    assert "- Tổng số hồ sơ tiếp nhận: 12 (kỳ trước chuyển sang: 1; tiếp nhận mới: 11" in vi
    assert "tỷ lệ trước hạn, đúng hạn: 75,00%" in vi
    assert "Quá hạn so với ngày hẹn ban đầu (hồ sơ đã gia hạn): 2" in vi
    en = report.text("en")
    assert "- Resolved: 4 (early 2, on time 1, late 1); early or on time: 75.00%" in en


def test_json_and_csv_exports(month: list[Dossier]) -> None:
    report = PeriodReport.from_dossiers(month, *MARCH)
    doc = json.loads(json.dumps(report.to_dict()))
    assert doc["figures"]["received"] == 12
    assert doc["figures"]["on_time_rate"] == 0.75
    assert set(doc["definitions"]) == set(DEFINITIONS)
    assert set(DEFINITIONS) == set(Figures().as_dict())  # every exported column is defined
    assert doc["definitions"]["on_time_rate"]["confidence"] == "secondary"
    rows = list(csv.DictReader(io.StringIO(report.to_csv("channel"))))
    assert [(r["key"], r["received"]) for r in rows] == [
        ("in_person", "10"),
        ("online_partial", "2"),
    ]


def test_report_errors(month: list[Dossier]) -> None:
    with pytest.raises(ReportError, match="end"):
        PeriodReport.from_dossiers(month, date(2026, 3, 31), date(2026, 3, 1))
    with pytest.raises(ReportError, match="as_of"):
        PeriodReport.from_dossiers(month, *MARCH, as_of=datetime(2026, 3, 20))  # noqa: DTZ001
    with pytest.raises(ReportError, match="as_of"):
        PeriodReport.from_dossiers(month, *MARCH, as_of=at(2, 1))


# --------------------------------------------------------------- properties
CAL = vietnam_public_sector()
SPAN = st.lists(dossiers(calendar=CAL), max_size=6, unique_by=lambda d: d.id)


def _split(draw_day: date) -> tuple[date, date, date]:
    return date(2020, 1, 1), draw_day, date(2029, 12, 31)


@settings(max_examples=60)
@given(SPAN, st.dates(date(2020, 1, 2), date(2029, 12, 30)))
def test_figures_add_up_and_adjacent_periods_agree(ds: list[Dossier], cut: date) -> None:
    first, mid, last = _split(cut)
    whole = PeriodReport.from_dossiers(ds, first, last).figures
    a = PeriodReport.from_dossiers(ds, first, mid).figures
    b = PeriodReport.from_dossiers(ds, mid + timedelta(days=1), last).figures
    for f in (whole, a, b):
        assert f.received == f.resolved + f.in_progress + f.refused + f.withdrawn + f.stopped
    assert whole.new == a.new + b.new
    assert whole.carried_over == a.carried_over
    assert b.carried_over == a.in_progress  # open at the end of one = carried into the next
    for name in ("early", "on_time", "late", "refused", "withdrawn", "stopped",
                 "new_online", "new_in_person", "new_post"):  # fmt: skip
        assert getattr(whole, name) == getattr(a, name) + getattr(b, name), name
    assert (whole.in_time, whole.overdue, whole.pending) == (b.in_time, b.overdue, b.pending)


# ------------------------------------------------------------ streaming logs
def _log(ds: list[Dossier]) -> list[Event]:
    """The dossiers' events interleaved in time order, as a centre's log holds them (a log's
    Submitted names the procedure)."""

    def named(e: Event, code: str | None) -> Event:
        return attrs.evolve(e, procedure=code) if isinstance(e, Submitted) else e

    events = (named(e, d.procedure.code) for d in ds for e in d.events)
    return sorted(events, key=lambda e: e.at)


def _same(a: PeriodReport, b: PeriodReport) -> None:
    assert a.figures == b.figures
    for group in ("procedure", "field", "agency", "level", "channel", "month"):
        assert a.by(group) == b.by(group), group


def test_a_log_streamed_gives_the_dossiers_report(month: list[Dossier], cal: WorkCalendar) -> None:
    # O: returned early on 4/3, then paid online and digitised after the return: the late
    # facts still count (paid 3 -> 4 of which online 2; digitised 3).
    late_facts = dossier(cal, "O", filed(at(3, 2)), received(at(3, 2, 9, 5)),
                         ev(Returned, at(3, 4)),
                         ev(FeePaid, at(3, 4, 10), amount=15_000, online=True),
                         ev(Digitised, at(3, 5)))  # fmt: skip
    ds = [*month, late_facts]
    for as_of in (None, at(3, 20, 0), at(3, 4, 10, 30)):
        streamed = PeriodReport.from_events(
            _log(ds), *MARCH, catalog=Catalog.default(), calendar=cal, as_of=as_of
        )
        _same(streamed, PeriodReport.from_dossiers(ds, *MARCH, as_of=as_of))
    f = PeriodReport.from_events(_log(ds), *MARCH, catalog=Catalog.default(), calendar=cal)
    assert (f.figures.paid, f.figures.paid_online, f.figures.digitised) == (3, 2, 3)
    assert f.figures.early == 3  # C, K and O


def test_a_log_file_streamed(month: list[Dossier], cal: WorkCalendar, tmp_path: Any) -> None:
    from hanhchinh.io import write_events

    path = tmp_path / "log.jsonl"
    write_events(_log(month), path)
    streamed = PeriodReport.from_log(path, *MARCH, catalog=Catalog.default(), calendar=cal)
    _same(streamed, PeriodReport.from_dossiers(month, *MARCH))


def test_a_streamed_log_names_the_bad_event(cal: WorkCalendar) -> None:
    from hanhchinh.errors import EventLogError

    d = dossier(cal, "P", filed(at(3, 2)), received(at(3, 2, 9, 5)), ev(Returned, at(3, 4)))
    after = Received(dossier_id="P", at=at(3, 5), receipt_number="2")
    cat = Catalog.default()
    with pytest.raises(EventLogError, match=r"<events>, line 4.*closed.*Received"):
        PeriodReport.from_events([*d.events, after], *MARCH, catalog=cat, calendar=cal)
    early = FeePaid(dossier_id="P", at=at(3, 3), amount=1, online=True)
    with pytest.raises(EventLogError, match=r"line 4.*FeePaid"):
        PeriodReport.from_events([*d.events, early], *MARCH, catalog=cat, calendar=cal)
    with pytest.raises(EventLogError, match=r"line 1.*starts with Received; expected Submitted"):
        PeriodReport.from_events(d.events[1:], *MARCH, catalog=cat, calendar=cal)
    unnamed = Submitted(dossier_id="Q", at=at(3, 2), channel=Channel.IN_PERSON)
    with pytest.raises(EventLogError, match=r"line 1.*names no procedure"):
        PeriodReport.from_events([unnamed], *MARCH, catalog=cat, calendar=cal)


@settings(max_examples=60)
@given(SPAN, st.dates(date(2020, 1, 2), date(2029, 12, 30)), st.integers(0, 24 * 60 - 1))
def test_streaming_a_log_agrees_with_replaying_it(
    ds: list[Dossier], cut: date, minute: int
) -> None:
    as_of = datetime.combine(cut, datetime.min.time(), VN) + timedelta(minutes=minute)
    span = (date(2020, 1, 1), date(2029, 12, 31))
    streamed = PeriodReport.from_events(
        _log(ds), *span, catalog=Catalog.default(), calendar=CAL, as_of=as_of
    )
    _same(streamed, PeriodReport.from_dossiers(ds, *span, as_of=as_of))
