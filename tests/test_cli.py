"""The command line: `hanhchinh calendar YEAR` and `hanhchinh demo`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from hanhchinh.cli import main


def run(*argv: str) -> str:
    out = io.StringIO()
    assert main(list(argv), out=out) == 0
    return out.getvalue()


def test_calendar_2026_in_vietnamese() -> None:
    text = run("calendar", "2026")
    assert "T7 2026-02-14 – CN 2026-02-22 (9 ngày): Tết Nguyên đán Bính Ngọ" in text
    assert "T7 2026-01-10: Làm bù cho thứ Sáu 2/1/2026" in text
    assert "Thông báo 9441/TB-BNV" in text
    assert "2026-02   15" in text  # February 2026: 20 weekdays, 5 of them Tết
    assert "cộng     249" in text


def test_calendar_2026_in_english_and_json() -> None:
    text = run("calendar", "2026", "--lang", "en")
    assert "Sat 2026-08-22: Make-up working day for Monday 31/8/2026" in text
    payload = json.loads(run("calendar", "2026", "--json"))
    dates = {d["date"] for d in payload["days_off"]}
    assert "2026-01-02" in dates
    assert "2026-11-24" in dates
    assert payload["make_up_days"][0]["replaces"] == "2026-01-02"
    assert payload["days_off"][0]["source"]["document"].startswith("Công văn 12729/VPCP-KGVX")


def test_calendar_without_the_culture_day() -> None:
    payload = json.loads(run("calendar", "2026", "--json", "--no-culture-day"))
    assert "2026-11-24" not in {d["date"] for d in payload["days_off"]}


def test_statute_only_years_say_so() -> None:
    text = run("calendar", "2040", "--lang", "en")
    assert "No official announcement is loaded for 2040" in text


def test_out_of_range_year_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2100"], out=io.StringIO()) == 2
    assert "outside the calendar's range 1995-01-01..2099-12-31" in capsys.readouterr().err


def test_demo_runs_and_explains(tmp_path: Path) -> None:
    text = run("demo", "--out", str(tmp_path))
    assert "Working calendar 2026" in text
    assert "add_working_days(2026-02-13, 3) = 2026-02-25" in text
    assert "Điều 147" in text
    # The dossier's life (hand-checked): 05 ngày làm việc from Wed 22/4/2026, skipping Giỗ Tổ
    # (Mon 27/4, the substitute for Sun 26/4) and 30/4-1/5, end Mon 4/5; rescheduled to 6/5.
    assert (
        "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 04 tháng 05 năm 2026"
        in text
    )
    assert "Thời gian hẹn trả kết quả lại: 17 giờ 00 phút, ngày 06 tháng 05 năm 2026" in text
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "against the original appointment: quá hạn" in text
    assert "the dossier is equal to this one: True" in text
    # The commune centre: a synthetic log, said so, beside the published figures.
    assert "a SYNTHETIC dossier log" in text
    assert "Received                       5,932" in text  # the published figure
    assert "Service index (QĐ 766/QĐ-TTg)" in text
    written = ("monthly.png", "backlog.png", "verdicts.svg", "report.xlsx", "log.jsonl",
               "log.csv", "log.xes")  # fmt: skip
    for name in written:
        assert (tmp_path / name).stat().st_size > 0, name
    assert (tmp_path / "monthly.png").read_bytes().startswith(b"\x89PNG")
    # Received Fri 29/8/2025 16:22: 30/8-2/9 are off, so the three working days are 3-5/9.
    assert "Sat 2025-08-30  not counted: day off: National Day" in text
    assert "Fri 2025-09-05  working day 3" in text


def test_python_dash_m_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hanhchinh", "calendar", "2025", "--lang", "en"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Sat 2025-04-26" in done.stdout


def test_procedures_search_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    found = run("procedures", "search", "DANG KY tam tru")
    assert found.startswith("1.004194")
    shown = run("procedures", "show", "1.004222")
    assert "1.004222  Đăng ký thường trú" in shown
    assert "online_partial: 07 ngày làm việc" in shown
    assert "fee: 10,000 đ" in shown  # the online fee of Thông tư 75/2022/TT-BTC
    assert main(["procedures", "show", "1.004221"], out=io.StringIO()) == 2
    assert "closest: 1.004222 Đăng ký thường trú" in capsys.readouterr().err
    assert main(["procedures", "search", "zzz"], out=io.StringIO()) == 1


def test_procedures_from_a_province_file(tmp_path: Path) -> None:
    from hanhchinh.procedures import Catalog

    path = tmp_path / "province.json"
    Catalog.default().write(path)
    assert run("procedures", "show", "1.004194", "--catalog", str(path)).startswith("1.004194")


def test_due_for_a_procedure_and_a_time() -> None:
    # 1.001193 is 01 ngày làm việc; Fri 13/2/2026 16:20 is the eve of Tết (14–22/2 off)
    text = run("due", "--procedure", "1.001193", "--received", "2026-02-13T16:20+07:00")
    assert "Hẹn trả kết quả: 17 giờ 00 Thứ Hai 23/02/2026" in text
    assert "Tết Nguyên đán Bính Ngọ" in text
    text = run("due", "--working-days", "3", "--received", "2026-02-13T16:55+07:00", "--lang", "en")
    assert "Appointment: Wed 25/02/2026 17:00" in text
    text = run(
        "due", "--working-days", "3", "--received", "2026-02-13T16:55+07:00",
        "--rule", "eight_hour_days", "--lang", "en",
    )  # fmt: skip
    assert "Appointment: Wed 25/02/2026 16:55" in text


def test_due_json_is_the_structured_explanation() -> None:
    payload = json.loads(
        run("due", "--time", "Trong ngày", "--received", "2026-03-01T20:00+07:00", "--json")
    )
    assert payload["starts_at"] == "2026-03-02T08:00:00+07:00"  # Sunday night -> Monday
    assert payload["due_date"] == "2026-03-02"
    kinds = [s["kind"] for s in payload["explanation"]["steps"]]
    assert kinds == ["reception", "time", "count", "due"]
    assert payload["explanation"]["steps"][0]["days"][0]["kind"] == "weekly_rest"


def test_due_refuses_a_time_without_offset(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["due", "--working-days", "3", "--received", "2026-02-13 16:55"])
    assert "has no UTC offset" in capsys.readouterr().err
    assert main(["due", "--procedure", "9.999999", "--received", "2026-02-13T16:55+07:00"]) == 2
    assert "9.999999" in capsys.readouterr().err


def _log(tmp_path: Path) -> Path:
    """Two dossiers of Đăng ký tạm trú (03 ngày làm việc) in March 2026: one received Mon 2/3
    (due Thu 5/3) and returned Wed 4/3 (early), one received Mon 23/3 (due Thu 26/3) and never
    returned (overdue on 1/4)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from hanhchinh.dossiers import Received, Returned, Submitted
    from hanhchinh.io import write_events
    from hanhchinh.procedures import Channel

    vn = ZoneInfo("Asia/Ho_Chi_Minh")

    def t(day: int, hour: int = 9) -> datetime:
        return datetime(2026, 3, day, hour, tzinfo=vn)

    events = [
        Submitted(dossier_id="HS-1", at=t(2), channel=Channel.IN_PERSON, procedure="1.004194"),
        Received(dossier_id="HS-1", at=t(2, 10), receipt_number="1"),
        Returned(dossier_id="HS-1", at=t(4)),
        Submitted(
            dossier_id="HS-2", at=t(23), channel=Channel.ONLINE_PARTIAL, procedure="1.004194"
        ),
        Received(dossier_id="HS-2", at=t(23, 10), receipt_number="2"),
    ]
    path = tmp_path / "log.jsonl"
    write_events(events, path)
    return path


def test_report_from_a_log(tmp_path: Path) -> None:
    log = str(_log(tmp_path))
    text = run("report", log, "--from", "2026-03-01", "--to", "2026-03-31")
    assert "- Tổng số hồ sơ tiếp nhận: 2 (kỳ trước chuyển sang: 0; tiếp nhận mới: 2" in text
    assert "- Đã giải quyết: 1 (trước hạn 1, đúng hạn 0, quá hạn 0)" in text
    assert "- Đang giải quyết: 1 (trong hạn 0, quá hạn 1, chờ tiếp nhận/bổ sung 0)" in text
    assert "Tỷ lệ hồ sơ trực tuyến: 50,00%" in text
    early = run("report", log, "--from", "2026-03-01", "--to", "2026-03-31",
                "--as-of", "2026-03-24T12:00+07:00", "--lang", "en")  # fmt: skip
    assert "- In progress: 1 (in time 1, overdue 0, pending at reception 0)" in early
    doc = json.loads(run("report", log, "--from", "2026-03-01", "--to", "2026-03-31", "--json",
                         "--by", "channel"))  # fmt: skip
    assert doc["figures"]["overdue"] == 1
    assert set(doc["groups"]) == {"in_person", "online_partial"}
    csv_text = run("report", log, "--from", "2026-03-01", "--to", "2026-03-31", "--csv")
    assert csv_text.splitlines()[0].startswith("group,key,carried_over")


def test_report_with_the_service_index(tmp_path: Path) -> None:
    # HS-1 returned early, HS-2 overdue at the end of March: 1 of 2 on time.
    log = str(_log(tmp_path))
    text = run("report", log, "--from", "2026-03-01", "--to", "2026-03-31", "--index")
    assert "Bộ chỉ số phục vụ (Quyết định 766/QĐ-TTg)" in text
    assert "- Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn: 50,00% (1/2) [secondary]" in text
    doc = json.loads(run("report", log, "--from", "2026-03-01", "--to", "2026-03-31",
                         "--index", "--json"))  # fmt: skip
    rates = {i["name"]: i["value"] for i in doc["service_index"]["indicators"]}
    assert rates["on_time_rate"] == 0.5
    assert rates["online_rate"] == 0.5


def test_report_names_the_bad_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = _log(tmp_path)
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    log.write_text("".join([*lines[:3], "{broken\n", *lines[3:]]), encoding="utf-8")
    assert main(["report", str(log), "--from", "2026-03-01", "--to", "2026-03-31"]) == 2
    assert f"{log}, line 4, $: is not JSON" in capsys.readouterr().err
