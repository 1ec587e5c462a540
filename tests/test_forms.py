"""The one-stop forms, per lifecycle. Appointments were counted by hand on the 2026 calendar
(office hours 08–12, 13–17); the form numbers and titles are those of Thông tư 03/2025/TT-VPCP
and Thông tư 01/2018/TT-VPCP as the legal-news summaries list them (docs/forms.md)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from hanhchinh.calendar import WorkCalendar
from hanhchinh.dossiers import (
    Dossier,
    Event,
    Received,
    Rejected,
    Rescheduled,
    ResultReady,
    Returned,
    StepCompleted,
    Stopped,
    StopReason,
    Submitted,
    Supplemented,
    SupplementRequested,
    Transferred,
    Withdrawn,
)
from hanhchinh.errors import FormError
from hanhchinh.forms import (
    FORMS,
    Apology,
    ControlSheet,
    DocumentLine,
    FormContext,
    FormKind,
    Receipt,
    Refusal,
    Regime,
    StopNotice,
    SupplementRequest,
    control_sheet,
    dossier_code,
    forms_for,
    receipt,
    register,
    spec,
    stop_notice,
)
from hanhchinh.procedures import Catalog, Channel
from hanhchinh.sla import Verdict

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CATALOG = Catalog.default()
CTX = FormContext(
    office="Bộ phận Một cửa",
    parent="UBND phường Ba Đình",
    place="Ba Đình",
    lookup_url="https://dichvucong.example/tra-cuu?ma={code}",
)


def at(month: int, day: int, hour: int = 9, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN)


def fresh(cal: WorkCalendar, code: str = "1.004194", ident: str = "HS-1") -> Dossier:
    return Dossier(id=ident, procedure=CATALOG[code], calendar=cal, applicant_ref="A-1")


def e(kind: type[Event], when: datetime, ident: str = "HS-1", **kw: object) -> Event:
    return kind(dossier_id=ident, at=when, actor="cb-01", **kw)


def kinds(forms: tuple[object, ...]) -> list[str]:
    return [type(f).__name__ for f in forms]


def line(text: str, start: str) -> str:
    return next(x for x in text.splitlines() if x.startswith(start))


# --------------------------------------------------------------- one lifecycle per kind
def test_working_days_receipt_and_control_sheet(cal: WorkCalendar) -> None:
    # Đăng ký tạm trú, 03 ngày làm việc: received Mon 2/3 09:05 -> 3, 4, 5/3 -> Thu 5/3 17:00.
    d = fresh(cal).apply_all(
        [
            e(Submitted, at(3, 2), channel=Channel.IN_PERSON),
            e(Received, at(3, 2, 9, 5), receipt_number="000001"),
            e(Transferred, at(3, 2, 10), from_agency="Bộ phận Một cửa", to_agency="Công an xã"),
            e(ResultReady, at(3, 4, 15)),
            e(Returned, at(3, 5, 9)),
        ]
    )
    forms = forms_for(d, CTX)
    assert kinds(forms) == ["Receipt", "ControlSheet"]
    slip, sheet = forms
    assert isinstance(slip, Receipt)
    assert isinstance(sheet, ControlSheet)
    assert (slip.spec.number, slip.spec.regime, slip.spec.paper) == ("01", Regime.TT_03_2025, "A5")
    text = slip.text()
    assert line(text, "3.") == "3. Thời gian giải quyết hồ sơ theo quy định: 03 ngày làm việc"
    assert line(text, "4.") == "4. Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 02 tháng 03 năm 2026"
    assert line(text, "5.") == (
        "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 05 tháng 03 năm 2026"
    )
    assert "Ba Đình, ngày 02 tháng 03 năm 2026" in text
    assert "Tra cứu tình trạng hồ sơ: https://dichvucong.example/tra-cuu?ma=HS-1" in text
    # Control sheet (Mẫu 06): the transfer has no allocated step (blank); the result reached
    # the counter on Wed 4/3, before the due date (trước hạn); handed over on Thu 5/3, the due
    # date itself (đúng hạn: verdicts compare dates).
    assert sheet.spec.number == "06"
    assert [(r.giver, r.receiver, r.verdict) for r in sheet.rows] == [
        ("Bộ phận Một cửa", "Công an xã", None),
        ("Công an xã", "Bộ phận Một cửa", Verdict.EARLY),
        ("Bộ phận Một cửa", "A-1", Verdict.ON_TIME),
    ]
    assert sheet.lead == "Công an xã"
    assert "| trước hạn" in sheet.text()


def test_same_day_after_the_cut_off(cal: WorkCalendar) -> None:
    # Khai tử: "trong ngày; sau 15 giờ thì trong ngày làm việc tiếp theo"; received Wed 11/2
    # 15:20 -> due Thu 12/2 at the close, 17:00.
    d = fresh(cal, "1.000656.000.00.00.H29").apply_all(
        [
            e(Submitted, at(2, 11, 15, 10), channel=Channel.IN_PERSON),
            e(Received, at(2, 11, 15, 20), receipt_number="000002"),
            e(Returned, at(2, 12, 8, 30)),
        ]
    )
    slip = receipt(d, CTX)
    assert slip.appointment == at(2, 12, 17)
    assert slip.processing_time == "Trong ngày; sau 15 giờ thì trong ngày làm việc tiếp theo"
    sheet = control_sheet(d, CTX)
    assert [(r.receiver, r.verdict) for r in sheet.rows] == [("A-1", Verdict.ON_TIME)]


def test_lien_thong_each_hand_over_with_its_step_verdict(cal: WorkCalendar) -> None:
    # 1.001731: 05 ngày làm việc = 02 (UBND xã) + 03 (Phòng Y tế); received Mon 2/3 09:05.
    # Step 1 due Wed 4/3 17:00, handed over Thu 5/3 10:00: quá hạn. Step 2 due Mon 9/3 17:00,
    # handed back Mon 9/3 11:00: đúng hạn (same date). Returned Mon 9/3 16:00: đúng hạn.
    p = CATALOG["1.001731"]
    first, second = (s.name for s in p.steps)
    d = fresh(cal, "1.001731").apply_all(
        [
            e(Submitted, at(3, 2), channel=Channel.IN_PERSON),
            e(Received, at(3, 2, 9, 5), receipt_number="000003"),
            e(Transferred, at(3, 2, 10), from_agency="Bộ phận Một cửa", to_agency="UBND xã"),
            e(StepCompleted, at(3, 5, 10), step=first),
            e(Transferred, at(3, 5, 10), from_agency="UBND xã", to_agency="Phòng Y tế", step=first),
            e(StepCompleted, at(3, 9, 11), step=second),
            e(
                Transferred,
                at(3, 9, 11),
                from_agency="Phòng Y tế",
                to_agency="Bộ phận Một cửa",
                step=second,
            ),
            e(ResultReady, at(3, 9, 13)),  # already recorded by the transfer: no second row
            e(Returned, at(3, 9, 16)),
        ]
    )
    sheet = control_sheet(d, CTX)
    assert [(r.giver, r.receiver, r.verdict) for r in sheet.rows] == [
        ("Bộ phận Một cửa", "UBND xã", None),
        ("UBND xã", "Phòng Y tế", Verdict.LATE),
        ("Phòng Y tế", "Bộ phận Một cửa", Verdict.ON_TIME),
        ("Bộ phận Một cửa", "A-1", Verdict.ON_TIME),
    ]
    assert (sheet.lead, sheet.partners) == ("UBND xã", ("Phòng Y tế",))
    assert "quá hạn" in sheet.text()


def test_a_completed_step_no_transfer_names_gets_its_own_row(cal: WorkCalendar) -> None:
    p = CATALOG["1.001731"]
    first = p.steps[0].name
    d = fresh(cal, "1.001731").apply_all(
        [
            e(Submitted, at(3, 2), channel=Channel.IN_PERSON),
            e(Received, at(3, 2, 9, 5), receipt_number="000003"),
            e(
                StepCompleted, at(3, 4, 10), step=first
            ),  # due Wed 4/3 17:00; done that day: đúng hạn (dates)
        ]
    )
    (row,) = control_sheet(d, CTX).rows
    assert (row.giver, row.verdict, row.note) == (
        "Bộ phận Một cửa",
        Verdict.ON_TIME,
        f"hoàn thành: {first}",
    )


def test_supplement_at_reception_and_in_processing(cal: WorkCalendar) -> None:
    d = fresh(cal).apply_all(
        [
            e(Submitted, at(3, 2), channel=Channel.IN_PERSON),
            e(SupplementRequested, at(3, 2, 9, 10), missing=("Tờ khai thay đổi thông tin",)),
            e(Supplemented, at(3, 3, 8, 30)),
            e(Received, at(3, 3, 8, 40), receipt_number="000004"),
            e(SupplementRequested, at(3, 4, 9), missing=("Giấy tờ chứng minh chỗ ở",)),
            e(Supplemented, at(3, 9, 14)),
            e(Returned, at(3, 12, 10)),
        ]
    )
    forms = forms_for(d, CTX)
    assert kinds(forms) == ["SupplementRequest", "Receipt", "SupplementRequest", "ControlSheet"]
    before, slip, during, sheet = forms
    assert isinstance(before, SupplementRequest)
    assert isinstance(during, SupplementRequest)
    assert isinstance(slip, Receipt)
    assert isinstance(sheet, ControlSheet)
    assert (before.at_reception, during.at_reception) == (True, False)
    assert during.missing == ("Giấy tờ chứng minh chỗ ở",)
    assert "khi tiếp nhận" in before.text()
    assert "trong quá trình giải quyết" in during.text()
    # The receipt prints the appointment of reception: Tue 3/3 -> 4, 5, 6/3 17:00. The restart
    # (received complete again Mon 9/3 -> 10, 11, 12/3) moves the control sheet's.
    assert slip.appointment == at(3, 6, 17)
    assert sheet.appointment == at(3, 12, 17)
    assert sheet.rows[-1].verdict is Verdict.ON_TIME


def test_rescheduled_gives_an_apology_with_both_appointments(cal: WorkCalendar) -> None:
    # Received Mon 2/3 -> due Thu 5/3 17:00; on Wed 4/3 the agency apologises and proposes
    # Tue 10/3 17:00; returned Tue 10/3 11:00.
    d = fresh(cal).apply_all(
        [
            e(Submitted, at(3, 2), channel=Channel.IN_PERSON),
            e(Received, at(3, 2, 9, 5), receipt_number="000005"),
            e(
                Rescheduled,
                at(3, 4, 10),
                appointment=at(3, 10, 17),
                reason="Cần xác minh",
                letter="12/CAX",
            ),
            e(Returned, at(3, 10, 11)),
        ]
    )
    forms = forms_for(d, CTX)
    assert kinds(forms) == ["Receipt", "Apology", "ControlSheet"]
    apology = forms[1]
    assert isinstance(apology, Apology)
    assert (apology.spec.number, apology.spec.title) == (
        "04",
        "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
    )
    assert (apology.original_appointment, apology.new_appointment) == (at(3, 5, 17), at(3, 10, 17))
    text = apology.text()
    assert "Số: 12/CAX" in text
    assert "Thời gian hẹn trả kết quả lại: 17 giờ 00 phút, ngày 10 tháng 03 năm 2026" in text
    assert "THỦ TRƯỞNG CƠ QUAN" in text
    sheet = forms[2]
    assert isinstance(sheet, ControlSheet)
    assert sheet.appointment == at(3, 10, 17)
    assert sheet.rows[-1].verdict is Verdict.ON_TIME


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([e(Submitted, at(3, 2), channel=Channel.ONLINE_FULL), e(Withdrawn, at(3, 2, 10))], []),
        (
            [
                e(Submitted, at(3, 2), channel=Channel.IN_PERSON),
                e(SupplementRequested, at(3, 2, 9, 30), missing=("Tờ khai",)),
                e(Withdrawn, at(3, 3)),
            ],
            ["SupplementRequest"],
        ),
    ],
)
def test_withdrawn_before_reception(
    cal: WorkCalendar, events: list[Event], expected: list[str]
) -> None:
    assert kinds(forms_for(fresh(cal).apply_all(events), CTX)) == expected


def test_refused(cal: WorkCalendar) -> None:
    d = fresh(cal).apply_all(
        [
            e(Submitted, at(3, 2), channel=Channel.IN_PERSON),
            e(Rejected, at(3, 2, 9, 30), reasons=("Không thuộc thẩm quyền", "Thiếu tờ khai")),
        ]
    )
    (form,) = forms_for(d, CTX)
    assert isinstance(form, Refusal)
    assert form.spec.number == "03"
    assert "- Không thuộc thẩm quyền" in form.text()
    assert "- Thiếu tờ khai" in form.text()


def test_stopped_after_15_9_2025_gives_the_stop_notice(cal: WorkCalendar) -> None:
    d = fresh(cal).apply_all(
        [
            e(Submitted, at(3, 2), channel=Channel.IN_PERSON),
            e(Received, at(3, 2, 9, 5), receipt_number="000006"),
            e(Stopped, at(3, 3, 10), reason=StopReason.APPLICANT_REQUEST),
        ]
    )
    forms = forms_for(d, CTX)
    assert kinds(forms) == ["Receipt", "StopNotice", "ControlSheet"]
    notice = forms[1]
    assert isinstance(notice, StopNotice)
    assert (notice.spec.number, notice.spec.title) == ("05", "Thông báo dừng giải quyết hồ sơ")
    assert "Điều 21" in notice.text()


def test_before_15_9_2025_the_2018_forms_apply(cal: WorkCalendar) -> None:
    # 2025: the 2018 numbering (control sheet Mẫu 05) and no stop notice.
    d = fresh(cal).apply_all(
        [
            e(Submitted, at(9, 12, year=2025), channel=Channel.IN_PERSON),
            e(Received, at(9, 12, 9, 5, year=2025), receipt_number="000007"),
            e(
                Rescheduled,
                at(9, 15, 10, year=2025),
                appointment=at(9, 22, 17, year=2025),
                reason="Cần xác minh",
            ),
            e(Stopped, at(9, 16, year=2025), reason=StopReason.APPLICANT_REQUEST),
        ]
    )
    forms = forms_for(d, CTX)
    assert kinds(forms) == ["Receipt", "Apology", "StopNotice", "ControlSheet"]
    slip, apology, notice, sheet = forms
    assert slip.spec.regime is Regime.TT_01_2018  # received Fri 12/9/2025
    assert apology.spec.regime is Regime.TT_03_2025  # written Mon 15/9/2025, the first day
    assert notice.spec.regime is Regime.TT_03_2025
    assert sheet.spec == spec(FormKind.CONTROL_SHEET, Regime.TT_01_2018)
    assert sheet.spec.number == "05"
    early = fresh(cal).apply_all(
        [
            e(Submitted, at(9, 10, year=2025), channel=Channel.IN_PERSON),
            e(Received, at(9, 10, 9, 5, year=2025), receipt_number="000008"),
            e(
                Rescheduled,
                at(9, 11, 10, year=2025),
                appointment=at(9, 22, 17, year=2025),
                reason="Cần xác minh",
            ),
            e(Stopped, at(9, 12, year=2025), reason=StopReason.APPLICANT_REQUEST),
        ]
    )
    forms = forms_for(early, CTX)
    assert kinds(forms) == ["Receipt", "Apology", "ControlSheet"]
    assert forms[1].spec.title == "Phiếu xin lỗi và hẹn lại ngày trả kết quả"
    with pytest.raises(FormError, match="stop_notice"):
        stop_notice(early, CTX)


def test_a_context_can_force_one_circular(cal: WorkCalendar) -> None:
    d = fresh(cal).apply_all(
        [
            e(Submitted, at(3, 2), channel=Channel.IN_PERSON),
            e(Received, at(3, 2, 9, 5), receipt_number="000009"),
        ]
    )
    old = FormContext(regime=Regime.TT_01_2018)
    assert control_sheet(d, old).spec.number == "05"
    assert control_sheet(d).spec.number == "06"


def test_the_form_table_has_seven_new_and_six_old_forms() -> None:
    new = sorted(s.number for (r, _), s in FORMS.items() if r is Regime.TT_03_2025)
    old = sorted(s.number for (r, _), s in FORMS.items() if r is Regime.TT_01_2018)
    assert new == ["01", "02", "03", "04", "05", "06", "07"]
    assert old == ["01", "02", "03", "04", "05", "06"]
    assert {s.paper for s in FORMS.values() if s.kind is FormKind.REGISTER} == {"A4"}
    assert not any(s.fields_confirmed for s in FORMS.values())


# --------------------------------------------------------------- the register (Mẫu 07)
def test_register_over_a_period(cal: WorkCalendar) -> None:
    def one(ident: str, day: int, returned: int | None) -> Dossier:
        d = fresh(cal, ident=ident).apply_all(
            [
                e(Submitted, at(3, day), ident, channel=Channel.IN_PERSON),
                e(Received, at(3, day, 9, 5), ident, receipt_number=ident),
            ]
        )
        if returned is not None:
            d = d.apply(e(Returned, at(3, returned, 10), ident))
        return d

    ds = [one("HS-3", 4, None), one("HS-1", 2, 5), one("HS-2", 3, 9), one("HS-4", 10, None)]
    never = fresh(cal, ident="HS-5").apply(e(Submitted, at(3, 3), "HS-5", channel=Channel.POST))
    reg = register([*ds, never], CTX, start=date(2026, 3, 2), end=date(2026, 3, 9))
    assert (reg.spec.number, reg.spec.paper) == ("07", "A4")
    # HS-1: due Thu 5/3, returned 5/3 (đúng hạn); HS-2: received Tue 3/3, due Fri 6/3, returned
    # Mon 9/3 (quá hạn); HS-3 in processing; HS-4 received after the period; HS-5 never received.
    assert [(r.number, r.dossier_code, r.verdict, r.state) for r in reg.rows] == [
        (1, "HS-1", Verdict.ON_TIME, "returned"),
        (2, "HS-2", Verdict.LATE, "returned"),
        (3, "HS-3", None, "processing"),
    ]
    text = reg.text()
    assert "quá hạn" in text
    assert "processing" in text
    assert "size: A4 landscape" in reg.html()
    with pytest.raises(FormError, match="end"):
        register(ds, CTX, start=date(2026, 3, 9), end=date(2026, 3, 2))


# --------------------------------------------------------------- HTML, QR, privacy, errors
def received(cal: WorkCalendar) -> Dossier:
    return fresh(cal).apply_all(
        [
            e(Submitted, at(3, 2), channel=Channel.POST),
            e(Received, at(3, 2, 9, 5), receipt_number="000010"),
        ]
    )


def test_html_prints_on_a5_and_escapes_what_it_is_given(cal: WorkCalendar) -> None:
    slip = receipt(
        received(cal),
        CTX,
        applicant="<b>Nguyễn Văn A</b>",
        documents=[DocumentLine("Tờ khai CT01", 1, 0)],
    )
    page = slip.html()
    assert "@page { size: A5;" in page
    assert "&lt;b&gt;Nguyễn Văn A&lt;/b&gt;" in page
    assert "<b>Nguyễn Văn A</b>" not in page
    assert "<td>Tờ khai CT01</td>" in page
    assert slip.return_to == "qua dịch vụ bưu chính"  # filed by post
    assert "<svg" not in page


def test_the_receipt_qr_code_holds_only_the_lookup_address(cal: WorkCalendar) -> None:
    slip = receipt(received(cal), CTX)
    page = slip.html(qr=True)
    assert page.count("<svg") == 1
    assert slip.lookup_url == "https://dichvucong.example/tra-cuu?ma=HS-1"
    plain = receipt(received(cal), FormContext())
    assert plain.lookup_url is None
    assert "<svg" not in plain.html(qr=True)  # nothing to encode


def test_forms_print_the_opaque_reference_unless_given_a_name(cal: WorkCalendar) -> None:
    d = received(cal)
    assert "Tiếp nhận hồ sơ của: A-1" in receipt(d, CTX).text()
    assert "Tiếp nhận hồ sơ của: Trần Thị B" in receipt(d, CTX, applicant="Trần Thị B").text()


def test_form_errors(cal: WorkCalendar) -> None:
    d = fresh(cal).apply(e(Submitted, at(3, 2), channel=Channel.IN_PERSON))
    with pytest.raises(FormError, match="has been received"):
        receipt(d, CTX)
    with pytest.raises(FormError, match="lookup_url"):
        FormContext(lookup_url="https://example/tra-cuu")


@pytest.mark.parametrize(
    ("unit", "day", "seq", "width", "expected"),
    [
        ("000.17.22.H56", date(2021, 5, 31), 1, 4, "000.17.22.H56-210531-0001"),
        ("H15.50.05.13", date(2026, 10, 8), 975, 4, "H15.50.05.13-261008-0975"),
        ("000.00.31.H26", date(2026, 3, 2), 123456, 6, "000.00.31.H26-260302-123456"),
    ],
)
def test_dossier_codes(unit: str, day: date, seq: int, width: int, expected: str) -> None:
    assert dossier_code(unit, day, seq, width=width) == expected


@pytest.mark.parametrize(
    ("unit", "seq", "words"),
    [
        ("000.17.22.H56", 0, "sequence"),
        ("000.17.22.H56", 10_000, "1..9999"),
        ("", 1, "unit"),
        ("abc def", 1, "unit"),
    ],
)
def test_bad_dossier_codes(unit: str, seq: int, words: str) -> None:
    with pytest.raises(FormError, match=words):
        dossier_code(unit, date(2026, 3, 2), seq)
