"""The ``hanhchinh`` command line: ``calendar YEAR``, ``procedures``, ``due`` and ``demo``.

Reads no clock and no network: every date it shows is one you asked for.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from hanhchinh.calendar import DayOff, WorkCalendar, vietnam_public_sector
from hanhchinh.errors import HanhChinhError
from hanhchinh.procedures import Catalog, Channel, Procedure, ProcessingTime
from hanhchinh.sla import (
    AS_RECORDED,
    CIVIL_CODE,
    EIGHT_HOUR_DAYS,
    NEXT_WORKING_MOMENT,
    Deadline,
    ReturnInstant,
    SlaClock,
    deadline,
)

__all__ = ["calendar_report", "due_report", "main", "procedure_report"]

_RULES = {r.name: r for r in (CIVIL_CODE, EIGHT_HOUR_DAYS)}
_RECEPTIONS = {r.name: r for r in (NEXT_WORKING_MOMENT, AS_RECORDED)}

_VN = ZoneInfo("Asia/Ho_Chi_Minh")
_WEEKDAY = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "vi": ("T2", "T3", "T4", "T5", "T6", "T7", "CN"),
}
_LABELS = {
    "en": {
        "title": "Working calendar {year} — {name}",
        "off": "Days off",
        "makeup": "Make-up working days",
        "months": "Working days per month",
        "total": "total",
        "none": "(none)",
        "statute": "No official announcement is loaded for {year}: days off follow the statutes "
        "and may change when the Government announces swaps.",
        "days": "days",
    },
    "vi": {
        "title": "Lịch làm việc năm {year} — {name}",
        "off": "Ngày nghỉ",
        "makeup": "Ngày làm bù",
        "months": "Số ngày làm việc theo tháng",
        "total": "cộng",
        "none": "(không có)",
        "statute": "Chưa có thông báo chính thức cho năm {year}: ngày nghỉ tính theo Bộ luật "
        "Lao động, có thể thay đổi khi Chính phủ công bố hoán đổi.",
        "days": "ngày",
    },
}


def _periods(days: Sequence[DayOff]) -> list[list[DayOff]]:
    """Group consecutive days with the same reason and source into one period."""
    groups: list[list[DayOff]] = []
    for d in days:
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and d.date - last.date == timedelta(days=1)
            and (d.name, d.source) == (last.name, last.source)
        ):
            groups[-1].append(d)
        else:
            groups.append([d])
    return groups


def calendar_report(calendar: WorkCalendar, year: int, lang: str = "vi") -> str:
    """The year's calendar as text: days off with reasons and sources, make-up days, and the
    working days of each month.

    >>> text = calendar_report(vietnam_public_sector(), 2026, lang="en")
    >>> "2026-01-10" in text and "12729/VPCP-KGVX" in text
    True
    """
    labels = _LABELS["vi" if lang == "vi" else "en"]
    weekday = _WEEKDAY["vi" if lang == "vi" else "en"]
    lines = [labels["title"].format(year=year, name=calendar.name), ""]
    if year not in calendar.announced_years:
        lines += [labels["statute"].format(year=year), ""]
    lines.append(labels["off"])
    seen: set[date] = set()
    unique = []
    for d in calendar.days_off(year):
        if d.date not in seen:
            seen.add(d.date)
            unique.append(d)
    for group in _periods(unique):
        first, last = group[0], group[-1]
        name = first.name_vi if lang == "vi" else first.name
        span = f"{weekday[first.date.weekday()]} {first.date.isoformat()}"
        if len(group) > 1:
            span += f" – {weekday[last.date.weekday()]} {last.date.isoformat()}"
            span += f" ({len(group)} {labels['days']})"
        lines.append(f"  {span}: {name}")
        if first.source is not None:
            url = f" <{first.source.url}>" if first.source.url else ""
            lines.append(f"      {first.source}{url} [{first.source.confidence.value}]")
    if not unique:
        lines.append("  " + labels["none"])
    lines += ["", labels["makeup"]]
    make_up = calendar.make_up_days(year)
    for m in make_up:
        name = m.name_vi if lang == "vi" else m.name
        lines.append(f"  {weekday[m.date.weekday()]} {m.date.isoformat()}: {name}")
        if m.source is not None:
            url = f" <{m.source.url}>" if m.source.url else ""
            lines.append(f"      {m.source}{url} [{m.source.confidence.value}]")
    if not make_up:
        lines.append("  " + labels["none"])
    lines += ["", labels["months"]]
    total = 0
    for month in range(1, 13):
        start = date(year, month, 1) - timedelta(days=1)
        end = (date(year, month + 1, 1) if month < 12 else date(year + 1, 1, 1)) - timedelta(days=1)
        if start < calendar.first_day:
            count = calendar.working_days_between(calendar.first_day, end) + int(
                calendar.is_working_day(calendar.first_day)
            )
        else:
            count = calendar.working_days_between(start, end)
        total += count
        lines.append(f"  {year}-{month:02d}  {count:3d}")
    lines.append(f"  {labels['total']:<7}  {total:3d}")
    return "\n".join(lines)


def _calendar_json(calendar: WorkCalendar, year: int) -> str:
    def src(obj: object) -> dict[str, object] | None:
        source = getattr(obj, "source", None)
        if source is None:
            return None
        return {
            "document": source.document,
            "article": source.article,
            "url": source.url,
            "confidence": source.confidence.value,
        }

    payload = {
        "year": year,
        "calendar": calendar.name,
        "announced": year in calendar.announced_years,
        "days_off": [
            {
                "date": d.date.isoformat(),
                "name": d.name,
                "name_vi": d.name_vi,
                "occasion": d.occasion,
                "basis": d.basis.value,
                "source": src(d),
            }
            for d in calendar.days_off(year)
        ],
        "make_up_days": [
            {
                "date": m.date.isoformat(),
                "replaces": None if m.replaces is None else m.replaces.isoformat(),
                "name": m.name,
                "name_vi": m.name_vi,
                "basis": m.basis.value,
                "source": src(m),
            }
            for m in calendar.make_up_days(year)
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def procedure_report(p: Procedure, *, notes: bool = True) -> str:
    """One procedure as text: code, name, level, agency, times and fee per channel, sources.

    >>> print(procedure_report(Catalog.default()["1.004194"]).splitlines()[0])
    1.004194  Đăng ký tạm trú
    """
    lines = [f"{p.code or '(no code)'}  {p.name}"]
    lines.append(f"  field: {p.field or '(not shown in the source)'}; level: {p.level.value}")
    lines.append(f"  agency: {p.agency or '(not shown in the source)'}")
    if p.valid_from or p.valid_to:
        lines.append(f"  valid: {p.valid_from or '…'} to {p.valid_to or '…'}")
    for c in p.channels:
        lines.append(f"  {c.channel.value}: {c.processing_time}")
        if c.text.strip() != str(c.processing_time):
            lines.append(f"      as written: {c.text.strip()}")
        if c.reading is not None:
            lines.append(
                "      (the reading above is the catalogue's transcription, not the record's)"
            )
        fee = p.fee_for(c.channel)
        if fee is not None and fee.set_by is not None:
            lines.append(f"      fee: set by {fee.set_by} ({fee.name})")
        elif fee is not None:
            lines.append(f"      fee: {fee.amount(channel=c.channel):,} đ ({fee.name})")
    for step in p.steps:
        lines.append(f"  step: {step.name}: {step.time}")
    if p.chain:
        lines.append("  chain: " + " → ".join(p.chain))
    for ref in p.legal_basis:
        lines.append(f"  legal basis: {ref}")
    lines.append(f"  source: {p.source}")
    if p.note and notes:
        lines.append(f"  note: {p.note}")
    return "\n".join(lines)


def due_report(d: Deadline, lang: str = "vi", procedure: Procedure | None = None) -> str:
    """The appointment of *d* and its explanation, as the ``due`` command prints it."""
    vi = lang == "vi"
    lines = []
    if procedure is not None:
        label = "Thủ tục" if vi else "Procedure"
        lines.append(f"{label}: {procedure.code or '(no code)'} {procedure.name}")
    when = d.explain()
    due = when.steps[-1].text_vi if vi else when.steps[-1].text_en
    lines.append(due[:1].upper() + due[1:])
    lines.append("")
    lines.append(when.text(lang))
    return "\n".join(lines)


def _due_json(d: Deadline, procedure: Procedure | None) -> str:
    data = {
        "procedure": None if procedure is None else procedure.code,
        "procedure_name": None if procedure is None else procedure.name,
        "processing_time": str(d.processing_time),
        "longer": d.longer,
        "received_at": d.received_at.isoformat(),
        "starts_at": d.starts_at.isoformat(),
        "due_at": d.due_at.isoformat(),
        "due_date": d.due_date.isoformat(),
        "rule": d.rule.name,
        "reception": d.reception.name,
        "explanation": d.explain().to_dict(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _received(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO date-time; expected e.g. 2026-02-13T16:20+07:00"
        ) from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no UTC offset; expected e.g. 2026-02-13T16:20+07:00"
        )
    return value


def _due(args: argparse.Namespace, out: TextIO) -> None:
    procedure = None
    if args.procedure is not None:
        catalog = Catalog.load(args.catalog) if args.catalog else Catalog.default()
        procedure = catalog[args.procedure]
        channel = None if args.channel is None else Channel(args.channel)
        time = procedure.processing_time(channel)
    elif args.time is not None:
        time = ProcessingTime.parse(args.time)
    elif args.working_days is not None:
        time = ProcessingTime.parse(f"{args.working_days} ngày làm việc")
    elif args.working_hours is not None:
        time = ProcessingTime.parse(f"{args.working_hours} giờ làm việc")
    else:
        time = ProcessingTime.parse(f"{args.calendar_days} ngày")
    year = args.received.year
    calendar = vietnam_public_sector(
        min(1995, year), max(2035, year + 1), culture_day=not args.no_culture_day
    )
    d = deadline(
        time,
        args.received,
        calendar,
        rule=_RULES[args.rule],
        reception=_RECEPTIONS[args.reception],
        longer=args.longer,
    )
    if args.json:
        print(_due_json(d, procedure), file=out)
    else:
        print(due_report(d, args.lang, procedure), file=out)


def _demo(out: TextIO, lang: str, folder: str = "demo-output") -> None:
    cal = vietnam_public_sector()
    print(calendar_report(cal, 2026, lang=lang), file=out)
    at = datetime(2026, 2, 13, 16, 55, tzinfo=_VN)
    examples = [
        (
            "A dossier counted in working days from Friday 13/2/2026, the last day before Tết",
            cal.explain.add_working_days(date(2026, 2, 13), 3),
        ),
        (
            "Eight working hours from Friday 13/2/2026 16:55",
            cal.explain.add_working_time(at, timedelta(hours=8)),
        ),
        (
            "Five working days across 30/4–1/5/2025 and the make-up Saturday 26/4/2025",
            cal.explain.add_working_days(date(2025, 4, 24), 5),
        ),
        (
            "Working days in April–May 2024: Monday 29/4 swapped for Saturday 4/5",
            cal.explain.working_days_between(date(2024, 4, 26), date(2024, 5, 6)),
        ),
        (
            "New Year 2026: Friday 2/1 off, Saturday 10/1 worked (Công văn 12729/VPCP-KGVX)",
            cal.explain.add_working_days(date(2025, 12, 31), 6),
        ),
    ]
    for title, explanation in examples:
        print("\n" + "=" * 78 + f"\n{title}\n" + "-" * 78, file=out)
        print(explanation.text(lang), file=out)
    catalog = Catalog.default()
    print("\n" + "=" * 78, file=out)
    print(
        f"Procedures from the shipped catalogue ({len(catalog)} records, each with its source)",
        file=out,
    )
    print("-" * 78, file=out)
    for code in ("1.004222", "1.004194", "1.001731"):
        print(procedure_report(catalog[code], notes=False) + "\n", file=out)
    print("(`hanhchinh procedures show CODE` adds each record's research note)", file=out)
    _demo_appointments(out, lang, cal, catalog)
    _demo_commune(out, lang, cal, catalog, folder)


def _demo_appointments(out: TextIO, lang: str, cal: WorkCalendar, catalog: Catalog) -> None:
    """Real procedures received at awkward moments, each appointment explained."""
    cases = [
        ("1.004222", datetime(2026, 3, 6, 16, 55, tzinfo=_VN), None, False,
         "Friday 16:55, five minutes before closing"),
        ("1.001193", datetime(2026, 2, 13, 17, 40, tzinfo=_VN), Channel.ONLINE_PARTIAL, False,
         "filed online at 17:40 on the eve of Tết Bính Ngọ"),
        ("1.000656.000.00.00.H29", datetime(2026, 1, 10, 15, 20, tzinfo=_VN), None, False,
         "the make-up Saturday 10/1/2026, after the 15:00 cut-off"),
        ("1.000689.000.00.00.H29", datetime(2026, 8, 26, 14, 0, tzinfo=_VN), None, True,
         "verification needed, across the National Day swap (31/8 off, 22/8 worked)"),
    ]  # fmt: skip
    for code, received, channel, longer, why in cases:
        p = catalog[code]
        d = deadline(p.processing_time(channel), received, cal, longer=longer)
        print("\n" + "=" * 78, file=out)
        print(f"Appointment: {p.name} ({code}), {why}", file=out)
        print("-" * 78, file=out)
        print(due_report(d, lang), file=out)
    p = catalog["1.001731"]
    start = datetime(2026, 4, 22, 9, 0, tzinfo=_VN)
    first = p.steps[0].name
    clock = (
        SlaClock.for_procedure(p, start, cal)
        .request_supplement(datetime(2026, 4, 23, 10, 0, tzinfo=_VN))
        .supplemented(datetime(2026, 5, 5, 9, 30, tzinfo=_VN))
        .complete_step(first, datetime(2026, 5, 8, 10, 0, tzinfo=_VN))
        .returned(datetime(2026, 5, 11, 15, 0, tzinfo=_VN))
    )
    print("\n" + "=" * 78, file=out)
    print(
        f"A dossier's clock: {p.name} ({p.code}), a supplement across Giỗ Tổ and 30/4–1/5/2026 "
        "that restarts the time (Nghị định 118/2025, Điều 19(5)), then a step handed over late",
        file=out,
    )
    print("-" * 78, file=out)
    print(clock.explain().text(lang), file=out)
    _demo_dossier(out, cal, catalog)


def _demo_dossier(out: TextIO, cal: WorkCalendar, catalog: Catalog) -> None:
    """One liên thông dossier through its whole life: its forms and its event log."""
    from hanhchinh import dossiers as ds  # the demo's extras, imported when it runs
    from hanhchinh.forms import FormContext, forms_for

    p = catalog["1.001731"]
    first, second = (s.name for s in p.steps)
    ident = "000.00.31.H26-260422-0123"

    def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
        return datetime(2026, month, day, hour, minute, tzinfo=_VN)

    common: dict[str, Any] = {"dossier_id": ident, "actor": "cb-01"}
    d = ds.Dossier(id=ident, procedure=p, calendar=cal, applicant_ref="A-7F3K").apply_all(
        [
            ds.Submitted(at=at(4, 22, 8, 50), channel=Channel.IN_PERSON, procedure=p.code,
                         applicant_ref="A-7F3K", **common),
            ds.Received(at=at(4, 22, 9), receipt_number="000123", **common),
            ds.Digitised(at=at(4, 22, 9, 10), documents=3, **common),
            ds.Transferred(at=at(4, 22, 10), from_agency="Bộ phận Một cửa",
                           to_agency="UBND xã", **common),
            ds.StepCompleted(at=at(4, 24, 16), step=first, **common),
            ds.Transferred(at=at(4, 24, 16), from_agency="UBND xã", to_agency="Phòng Y tế",
                           step=first, **common),
            ds.Rescheduled(at=at(4, 29, 10), appointment=at(5, 6, 17),
                           reason="Cần xác minh thêm thông tin về đối tượng", letter="15/PYT",
                           **common),
            ds.StepCompleted(at=at(5, 6, 11), step=second, **common),
            ds.Transferred(at=at(5, 6, 11), from_agency="Phòng Y tế",
                           to_agency="Bộ phận Một cửa", step=second, **common),
            ds.ResultReady(at=at(5, 6, 14), **common),
            ds.Returned(at=at(5, 6, 15), **common),
        ]
    )  # fmt: skip
    ctx = FormContext(
        parent="UBND xã (ví dụ)",
        office="Bộ phận Một cửa",
        place="……",
        lookup_url="https://dichvucong.example.vn/tra-cuu?ma={code}",
    )
    print("\n" + "=" * 78, file=out)
    print(
        f"One dossier's life: {p.name} ({p.code}), liên thông between the commune and the "
        "health office, rescheduled once; every form it produced (Thông tư 03/2025/TT-VPCP)",
        file=out,
    )
    for form in forms_for(d, ctx):
        print("-" * 78, file=out)
        print(form.text(), file=out)
    j = d.verdict()
    assert j is not None
    print("-" * 78, file=out)
    print(
        f"state: {d.state.value}; verdict against the appointment in force: {j.verdict.vi}; "
        f"against the original appointment: {j.original.vi}",
        file=out,
    )
    try:
        from hanhchinh.io import dump_events, replay_log
    except ImportError:  # pragma: no cover - the [io] extra is missing
        print("(install hanhchinh[io] to see the event log)", file=out)
        return
    lines = list(dump_events(d.events))
    back = replay_log(lines, catalog=catalog, calendar=cal)
    print(
        f"event log: {len(lines)} JSON lines, {sum(map(len, lines))} bytes; replayed from the "
        f"log, the dossier is equal to this one: {back == {ident: d}}",
        file=out,
    )
    print(f"first line: {lines[0]}", end="", file=out)


def _demo_commune(out: TextIO, lang: str, cal: WorkCalendar, catalog: Catalog, folder: str) -> None:
    """The real-data demo: a synthetic commune log calibrated to published figures, its
    report beside them, the service index, the plots and tables written to *folder*, and one
    dossier's deadline explained."""
    from pathlib import Path

    from hanhchinh.frame import write_xlsx
    from hanhchinh.io import dump_events, replay_log, write_csv, write_xes
    from hanhchinh.reports import (
        PeriodReport,
        ServiceIndex,
        backlog,
        monthly,
        plot_backlog,
        plot_monthly,
        plot_verdicts,
    )
    from hanhchinh.synthetic import (
        COMMUNE_2025,
        calibration_table,
        calibration_text,
        commune_log,
    )

    c = COMMUNE_2025
    vi = lang == "vi"
    lines = list(dump_events(commune_log(seed=2025)))
    report = PeriodReport.from_log(lines, c.start, c.end, catalog=catalog, calendar=cal)
    dossiers = replay_log(lines, catalog=catalog, calendar=cal)

    def n(x: int) -> str:
        return f"{x:,}".replace(",", ".") if vi else f"{x:,}"

    print("\n" + "=" * 78, file=out)
    print(
        f"Một trung tâm cấp xã, {c.start:%d/%m}–{c.end:%d/%m/%Y}: nhật ký hồ sơ TỔNG HỢP "
        f"(synthetic; {n(len(dossiers))} hồ sơ, {n(len(lines))} sự kiện, seed 2025), hiệu chỉnh "
        f"theo số liệu một trung tâm đã công bố ({c.source.confidence.value}); không hồ sơ nào "
        "là thật. Lịch và danh mục thủ tục là dữ liệu thật của thư viện."
        if vi
        else f"A commune centre, {c.start:%d/%m}–{c.end:%d/%m/%Y}: a SYNTHETIC dossier log "
        f"({n(len(dossiers))} dossiers, {n(len(lines))} events, seed 2025) calibrated to the "
        f"figures one commune centre published ({c.source.confidence.value}); no dossier in it "
        "is real. The calendar and the procedures are the library's real shipped data.",
        file=out,
    )
    print("-" * 78, file=out)
    print(report.text(lang), end="", file=out)
    print("-" * 78, file=out)
    print(calibration_text(calibration_table(report, c), lang), end="", file=out)
    print("-" * 78, file=out)
    index = ServiceIndex.from_dossiers(dossiers, c.start, c.end)
    print(
        "Bộ chỉ số phục vụ (QĐ 766/QĐ-TTg), công thức theo nguồn thứ cấp:"
        if vi
        else "Service index (QĐ 766/QĐ-TTg), formulas from secondary sources:",
        file=out,
    )
    print(index.text(lang), end="", file=out)

    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = [
        plot_monthly(monthly(dossiers, c.start, c.end), lang=lang, path=target / "monthly.png"),
        plot_backlog(backlog(dossiers, c.start, c.end), lang=lang, path=target / "backlog.png"),
        plot_verdicts(report, lang=lang, path=target / "verdicts.svg"),
    ]
    del written  # the figures are saved; their paths are listed below
    names = ["monthly.png", "backlog.png", "verdicts.svg", "report.xlsx", "log.jsonl"]
    write_xlsx(target / "report.xlsx", report=report, groups=("procedure", "month"))
    (target / "log.jsonl").write_text("".join(lines), encoding="utf-8")
    write_csv(dossiers, target / "log.csv", lang=lang)  # process mining (pm4py columns)
    write_xes(dossiers, target / "log.xes", lang=lang)  # IEEE 1849 XES
    names += ["log.csv", "log.xes"]
    print(
        ("Đã ghi vào " if vi else "Written to ") + f"{target}/: " + ", ".join(names),
        file=out,
    )

    # One dossier of the log received on the Friday afternoon before the National Day days
    # off (30/8-2/9/2025): the latest residence registration of that afternoon.
    friday = [
        (d.procedure.code == "1.004194", d.clock.received_at, d.id)
        for d in dossiers.values()
        if d.clock is not None
        and d.clock.received_at.date() == date(2025, 8, 29)
        and d.clock.received_at.hour >= 14
        and d.clock.due_date > date(2025, 9, 3)
    ]
    pick = dossiers[max(friday)[2]]
    assert pick.clock is not None
    print("\n" + "=" * 78, file=out)
    print(
        f"{pick.procedure.name} ({pick.procedure.code}), {pick.id}: "
        + (
            "nhận chiều thứ Sáu trước kỳ nghỉ Quốc khánh"
            if vi
            else "received on the Friday afternoon before the National Day days off"
        ),
        file=out,
    )
    print("-" * 78, file=out)
    print(pick.clock.explain().text(lang), file=out)


def _report(args: argparse.Namespace, out: TextIO) -> None:
    from hanhchinh.reports import PeriodReport

    catalog = Catalog.load(args.catalog) if args.catalog else Catalog.default()
    cal = vietnam_public_sector(culture_day=not args.no_culture_day)
    report = PeriodReport.from_log(  # streamed: memory grows with the open dossiers only
        args.log,
        args.start,
        args.end,
        catalog=catalog,
        calendar=cal,
        as_of=args.as_of,
        returned=ReturnInstant.AT_COUNTER if args.at_counter else ReturnInstant.HANDED_OVER,
    )
    index = None
    if args.index:
        from hanhchinh.io import replay_log
        from hanhchinh.reports import ServiceIndex

        index = ServiceIndex.from_dossiers(
            replay_log(args.log, catalog=catalog, calendar=cal),
            args.start,
            args.end,
            as_of=args.as_of,
        )
    if args.json:
        doc = report.to_dict()
        if args.by:
            doc["groups"] = {k: f.as_dict() for k, f in report.by(args.by).items()}
        if index is not None:
            doc["service_index"] = index.to_dict()
        print(json.dumps(doc, ensure_ascii=False, indent=2), file=out)
    elif args.csv:
        print(report.to_csv(args.by), end="", file=out)
    else:
        print(report.text(args.lang), end="", file=out)
        if args.by:
            head = (
                f"Theo {args.by}: tiếp nhận / đã giải quyết / đang giải quyết / tỷ lệ đúng hạn"
                if args.lang == "vi"
                else f"By {args.by}: received / resolved / in progress / early or on time"
            )
            print(head, file=out)
            for key, f in report.by(args.by).items():
                rate = f.on_time_rate
                shown = "—" if rate is None else f"{float(rate) * 100:.2f}%"
                print(
                    f"  {key}: {f.received} / {f.resolved} / {f.in_progress} / {shown}",
                    file=out,
                )
        if index is not None:
            head = (
                "Bộ chỉ số phục vụ (Quyết định 766/QĐ-TTg), công thức theo nguồn thứ cấp:"
                if args.lang == "vi"
                else "Service index (Quyết định 766/QĐ-TTg), formulas from secondary sources:"
            )
            print(head, file=out)
            print(index.text(args.lang), end="", file=out)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    stream = sys.stdout if out is None else out
    parser = argparse.ArgumentParser(
        prog="hanhchinh", description="Vietnamese public-sector working calendar and SLA rules."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    cal = sub.add_parser("calendar", help="print a year's working calendar")
    cal.add_argument("year", type=int)
    cal.add_argument("--lang", choices=("vi", "en"), default="vi")
    cal.add_argument("--json", action="store_true", help="print JSON instead of text")
    cal.add_argument(
        "--no-culture-day",
        action="store_true",
        help="leave out 24/11 (Ngày Văn hóa Việt Nam), an unconfirmed rule",
    )
    procs = sub.add_parser("procedures", help="search and show the shipped procedure catalogue")
    psub = procs.add_subparsers(dest="action", required=True)
    search = psub.add_parser("search", help="search by name (diacritics and case ignored)")
    search.add_argument("query")
    show = psub.add_parser("show", help="show one procedure by code")
    show.add_argument("code")
    for command in (search, show):
        command.add_argument(
            "--catalog", help="a TOML, JSON or CSV catalogue instead of the shipped one"
        )
    due = sub.add_parser("due", help="the appointment (ngày hẹn trả) of a dossier, explained")
    what = due.add_mutually_exclusive_group(required=True)
    what.add_argument("--procedure", metavar="CODE", help="a procedure code from the catalogue")
    what.add_argument("--working-days", metavar="N", help="N ngày làm việc (0,5 allowed)")
    what.add_argument("--working-hours", metavar="N", help="N giờ làm việc")
    what.add_argument("--calendar-days", metavar="N", help="N ngày (calendar days)")
    what.add_argument(
        "--time", metavar="PHRASE", help="a processing-time phrase, e.g. 'Trong ngày'"
    )
    due.add_argument(
        "--received",
        required=True,
        type=_received,
        help="when the dossier was recorded complete and valid, with its UTC offset",
    )
    due.add_argument("--channel", choices=[c.value for c in Channel], help="with --procedure")
    due.add_argument("--catalog", help="a TOML, JSON or CSV catalogue instead of the shipped one")
    due.add_argument(
        "--longer", action="store_true", help="the longer conditional time applies (xác minh…)"
    )
    due.add_argument("--rule", choices=sorted(_RULES), default=CIVIL_CODE.name)
    due.add_argument("--reception", choices=sorted(_RECEPTIONS), default=NEXT_WORKING_MOMENT.name)
    due.add_argument("--lang", choices=("vi", "en"), default="vi")
    due.add_argument("--json", action="store_true", help="print the structured explanation")
    due.add_argument("--no-culture-day", action="store_true", help="leave out 24/11")
    rep = sub.add_parser("report", help="a period report from a JSON Lines event log")
    rep.add_argument("log", help="the event log (JSON Lines, one event a line)")
    rep.add_argument("--from", dest="start", required=True, type=date.fromisoformat)
    rep.add_argument("--to", dest="end", required=True, type=date.fromisoformat)
    rep.add_argument(
        "--as-of", type=_received, help="the report instant (default: the end of --to), with offset"
    )
    rep.add_argument("--by", choices=("procedure", "field", "agency", "level", "channel", "month"))
    rep.add_argument(
        "--at-counter",
        action="store_true",
        help="count the result reaching the counter as returned",
    )
    rep.add_argument("--catalog", help="a TOML, JSON or CSV catalogue instead of the shipped one")
    rep.add_argument("--lang", choices=("vi", "en"), default="vi")
    rep.add_argument(
        "--index",
        action="store_true",
        help="add the national service index (QĐ 766) indicators [secondary]",
    )
    form = rep.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON with every definition")
    form.add_argument("--csv", action="store_true", help="print CSV (one row, or one per group)")
    rep.add_argument("--no-culture-day", action="store_true", help="leave out 24/11")
    demo = sub.add_parser("demo", help="the shipped real-data demo")
    demo.add_argument("--lang", choices=("vi", "en"), default="en")
    demo.add_argument(
        "--out", default="demo-output", help="where the plots, tables and log are written"
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "calendar":
            calendar = vietnam_public_sector(
                min(1995, args.year), max(2035, args.year), culture_day=not args.no_culture_day
            )
            if args.json:
                print(_calendar_json(calendar, args.year), file=stream)
            else:
                print(calendar_report(calendar, args.year, lang=args.lang), file=stream)
        elif args.command == "procedures":
            catalog = Catalog.load(args.catalog) if args.catalog else Catalog.default()
            if args.action == "search":
                hits = catalog.search(args.query)
                for p in hits:
                    print(f"{p.code or '(no code)':<24} {p.name}", file=stream)
                if not hits:
                    print(f"no procedure matches {args.query!r}", file=sys.stderr)
                    return 1
            else:
                print(procedure_report(catalog[args.code]), file=stream)
        elif args.command == "due":
            _due(args, stream)
        elif args.command == "report":
            _report(args, stream)
        else:
            _demo(stream, args.lang, args.out)
    except HanhChinhError as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and not str(exc) else str(exc)
        print(f"hanhchinh: error: {message}", file=sys.stderr)
        return 2
    return 0
