"""The national service index (QĐ 766). Expected values are counted by hand on the 2026
calendar (office hours 08-12, 13-17) for the March month of ``test_reports`` plus dossier S;
Đăng ký tạm trú is due at 17:00 on the third working day after reception."""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings

from hanhchinh.calendar import WorkCalendar
from hanhchinh.dossiers import Dossier, Returned, Supplemented, SupplementRequested
from hanhchinh.errors import ReportError
from hanhchinh.reports import Against, ServiceIndex
from test_reports import MARCH, SPAN, at, dossier, ev, filed, march, received


@pytest.fixture(scope="module")
def month_s(cal: WorkCalendar) -> list[Dossier]:
    # S: asked to complete at reception (2/3), accepted 3/3 09:00, asked again in processing
    # 4/3 10:00, supplemented 5/3 10:00 (the count restarts: due 10/3 17:00), returned 6/3.
    s = dossier(cal, "S", filed(at(3, 2)),
                ev(SupplementRequested, at(3, 2, 10), missing="Tờ khai"),
                ev(Supplemented, at(3, 3, 8, 30)), received(at(3, 3, 9)),
                ev(SupplementRequested, at(3, 4, 10), missing="Bản sao"),
                ev(Supplemented, at(3, 5, 10)), ev(Returned, at(3, 6, 9)))  # fmt: skip
    return [*march(cal), s]


def test_on_time_rate_by_the_index_rules(month_s: list[Dossier]) -> None:
    ix = ServiceIndex.from_dossiers(month_s, *MARCH)
    # Counted (accepted, not ended before March): A C D E F J K N S = 9. On time: C, D
    # (returned by 5/3), E (open, due 2/4), J (stopped 17/3, due 19/3) = 4. Late: A (3/3 > 2/3),
    # F and N (open past 26/3 and 30/3), K (23/3 > original 19/3), S (two supplement requests).
    assert dict(ix.timeliness) == {
        "counted": 9, "on_time": 4, "resolved_on_time": 2, "in_time": 1, "ended_in_time": 1,
        "late": 5, "supplements_late": 1,
    }  # fmt: skip
    assert ix["on_time_rate"].value == Fraction(4, 9)
    assert ix["on_time_rate"].points is None  # the scoring rule was not found: no points


def test_both_settings_of_the_named_rules(month_s: list[Dossier]) -> None:
    # Against the appointment in force, K (rescheduled to 24/3) is early; without the
    # supplement rule S is judged by its dates (returned 6/3, due 10/3): on time.
    ix = ServiceIndex.from_dossiers(
        month_s, *MARCH, against=Against.IN_FORCE, supplements_late=False
    )
    assert (ix.timeliness["on_time"], ix.timeliness["supplements_late"]) == (6, 0)
    only_k = ServiceIndex.from_dossiers(month_s, *MARCH, against=Against.IN_FORCE)
    assert only_k.timeliness["on_time"] == 5
    only_s = ServiceIndex.from_dossiers(month_s, *MARCH, supplements_late=False)
    assert only_s.timeliness["on_time"] == 5


def test_shares_and_digitisation_points(month_s: list[Dossier]) -> None:
    ix = ServiceIndex.from_dossiers(month_s, *MARCH)
    assert ix["online_rate"].value == Fraction(2, 12)  # D and L of 12 new
    assert ix["online_payment_rate"].value == Fraction(1, 2)  # D online, C at the counter
    digitised = ix["digitised_rate"]
    assert digitised.value == Fraction(2, 13)  # C and D of 13 covered
    # Below the 80 % threshold: 4 x (2/13) / (4/5) = 40/52 points.
    assert digitised.points == Fraction(40, 52)
    with pytest.raises(ReportError, match="indicator"):
        ix["satisfaction"]


def test_average_resolution_time(month_s: list[Dossier]) -> None:
    ix = ServiceIndex.from_dossiers(month_s, *MARCH)
    avg = ix.average_times["1.004194"]
    # Received in March with a result before 1/4: C, D, K, S (J stopped, E F N open, A from
    # February). Working time counted: C 2/3 09:05 -> 4/3 09:00 = 6h55 + 8h + 1h = 15h55;
    # D -> 5/3 15:00 = 28h55; K -> 23/3 09:00 = 39h55; S from the restart 5/3 10:00 -> 6/3
    # 09:00 = 6h + 1h = 7h. Mean 91h45 / 4.
    assert avg.dossiers == 4
    assert avg.working_time == timedelta(hours=91, minutes=45) / 4
    # Allowed: 30h55 for C, D, K (reception to 17:00 of the third working day), 30h for S.
    assert avg.allowed == (3 * timedelta(hours=30, minutes=55) + timedelta(hours=30)) / 4
    share = avg.share_of_allowed
    assert share is not None
    assert share < 1


def test_index_exports_and_errors(month_s: list[Dossier]) -> None:
    ix = ServiceIndex.from_dossiers(month_s, *MARCH)
    doc = ix.to_dict()
    assert [i["name"] for i in doc["indicators"]] == [
        "on_time_rate", "online_rate", "online_payment_rate", "digitised_rate",
    ]  # fmt: skip
    assert {i["confidence"] for i in doc["indicators"]} == {"secondary"}
    assert doc["average_times"]["1.004194"]["dossiers"] == 4
    assert "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn: 44,44% (4/9) [secondary]" in ix.text()
    assert "Dossiers processed early or on time: 44.44% (4/9)" in ix.text("en")
    with pytest.raises(ReportError, match="against"):
        ServiceIndex.from_dossiers(month_s, *MARCH, against="original")  # type: ignore[arg-type]
    with pytest.raises(ReportError, match="end"):
        ServiceIndex.from_dossiers(month_s, MARCH[1], MARCH[0])


@settings(max_examples=60)
@given(SPAN)
def test_index_counts_add_up(ds: list[Dossier]) -> None:
    span = (MARCH[0].replace(year=2020), MARCH[1].replace(year=2029))
    strict = ServiceIndex.from_dossiers(ds, *span)
    loose = ServiceIndex.from_dossiers(ds, *span, against=Against.IN_FORCE, supplements_late=False)
    for ix in (strict, loose):
        t = ix.timeliness
        assert t["on_time"] + t["late"] == t["counted"]
        assert t["on_time"] == t["resolved_on_time"] + t["in_time"] + t["ended_in_time"]
        assert sum(a.dossiers for a in ix.average_times.values()) <= t["counted"]
    # Relaxing both rules can only move dossiers from late to on time.
    assert loose.timeliness["counted"] == strict.timeliness["counted"]
    assert loose.timeliness["on_time"] >= strict.timeliness["on_time"]
