"""The forms of the one-stop mechanism, built from a dossier's history.

Thông tư 03/2025/TT-VPCP (from 15/9/2025, Phụ lục I) has seven forms, Mẫu 01–07; Thông tư
01/2018/TT-VPCP (6/1/2019 to 14/9/2025) had six. The titles, numbers and paper sizes are
**secondary** (legal-news summaries); the circulars' own field lists were not reachable, so each
form carries the fields of the provincial print templates that cite them (**secondary**), and
``docs/forms.md`` says field by field where each comes from. The forms print the applicant's
opaque reference unless the caller passes a name at print time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from types import MappingProxyType
from typing import Any, Final

import attrs

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
    SupplementRequested,
    Transferred,
)
from hanhchinh.errors import FormError
from hanhchinh.forms._layout import Layout, day_line, moment_vi
from hanhchinh.legal import Confidence, LegalReference
from hanhchinh.procedures import Channel
from hanhchinh.sla import ReturnInstant, Verdict

__all__ = [
    "FORMS",
    "TT_03_2025_FROM",
    "Apology",
    "ControlSheet",
    "DocumentLine",
    "FormContext",
    "FormKind",
    "FormSpec",
    "HandOver",
    "Receipt",
    "Refusal",
    "Regime",
    "Register",
    "RegisterRow",
    "StopNotice",
    "SupplementRequest",
    "apologies",
    "control_sheet",
    "dossier_code",
    "forms_for",
    "receipt",
    "refusal",
    "register",
    "stop_notice",
    "supplement_requests",
]

TT_03_2025_FROM: Final = date(2025, 9, 15)
"""The first day of the Thông tư 03/2025/TT-VPCP forms (secondary: its signing date, which the
legal-news summaries give as the day the forms apply)."""

TT_03_2025 = LegalReference(
    document="Thông tư 03/2025/TT-VPCP (Văn phòng Chính phủ, 15/9/2025)",
    article="Phụ lục I",
    confidence=Confidence.SECONDARY,
)
TT_01_2018 = LegalReference(
    document="Thông tư 01/2018/TT-VPCP (Văn phòng Chính phủ, 23/11/2018)",
    article=None,  # the article that lists the forms was not found
    confidence=Confidence.SECONDARY,
)
DOSSIER_CODE_2018 = LegalReference(
    document="Thông tư 01/2018/TT-VPCP",
    article="Điều 19",
    confidence=Confidence.SECONDARY,
)


class Regime(Enum):
    """Which circular's forms apply."""

    TT_01_2018 = "tt_01_2018"
    TT_03_2025 = "tt_03_2025"

    @classmethod
    def on(cls, day: date) -> Regime:
        """The forms in force on *day* (Thông tư 03/2025 from 15/9/2025)."""
        return cls.TT_03_2025 if day >= TT_03_2025_FROM else cls.TT_01_2018


class FormKind(Enum):
    """The forms of the one-stop mechanism."""

    RECEIPT = "receipt"
    SUPPLEMENT_REQUEST = "supplement_request"
    REFUSAL = "refusal"
    APOLOGY = "apology"
    STOP_NOTICE = "stop_notice"
    CONTROL_SHEET = "control_sheet"
    REGISTER = "register"


@attrs.frozen(kw_only=True)
class FormSpec:
    """A form as a circular numbers and titles it.

    Attributes:
        kind: Which form.
        regime: Which circular.
        number: Its number (``"01"``).
        title: Its title as printed.
        paper: ``"A5"`` or ``"A4"``.
        source: The circular (secondary).
        fields_confirmed: Whether the field list was read in the circular itself (never, so
            far: see ``docs/forms.md``).
    """

    kind: FormKind
    regime: Regime
    number: str
    title: str
    paper: str
    source: LegalReference
    fields_confirmed: bool = False


def _specs() -> dict[tuple[Regime, FormKind], FormSpec]:
    k, new, old = FormKind, Regime.TT_03_2025, Regime.TT_01_2018
    rows = [
        (new, k.RECEIPT, "01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "A5"),
        (new, k.SUPPLEMENT_REQUEST, "02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "A5"),
        (new, k.REFUSAL, "03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "A5"),
        (new, k.APOLOGY, "04", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết", "A5"),
        (new, k.STOP_NOTICE, "05", "Thông báo dừng giải quyết hồ sơ", "A5"),
        (new, k.CONTROL_SHEET, "06", "Phiếu kiểm soát quá trình giải quyết hồ sơ", "A5"),
        (new, k.REGISTER, "07", "Sổ theo dõi hồ sơ", "A4"),
        (old, k.RECEIPT, "01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "A5"),
        (old, k.SUPPLEMENT_REQUEST, "02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "A5"),
        (old, k.REFUSAL, "03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "A5"),
        (old, k.APOLOGY, "04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả", "A5"),
        (old, k.CONTROL_SHEET, "05", "Phiếu kiểm soát quá trình giải quyết hồ sơ", "A5"),
        (old, k.REGISTER, "06", "Sổ theo dõi hồ sơ", "A4"),
    ]
    return {
        (regime, kind): FormSpec(
            kind=kind,
            regime=regime,
            number=number,
            title=title,
            paper=paper,
            source=TT_03_2025 if regime is new else TT_01_2018,
        )
        for regime, kind, number, title, paper in rows
    }


FORMS: Final[Mapping[tuple[Regime, FormKind], FormSpec]] = MappingProxyType(_specs())
"""Every form of both circulars; Thông tư 01/2018 has no stop notice."""


def spec(kind: FormKind, regime: Regime) -> FormSpec:
    """The form *kind* of *regime*.

    Raises:
        FormError: If the circular has no such form (a stop notice before 15/9/2025).
    """
    found = FORMS.get((regime, kind))
    if found is None:
        raise FormError("kind", kind.value, f"a form {regime.value} has")
    return found


@attrs.frozen(kw_only=True)
class FormContext:
    """What the forms print that a dossier does not hold.

    Attributes:
        office: The one-stop unit (Bộ phận Một cửa, Trung tâm Phục vụ hành chính công).
        parent: The level above it, printed first (``"UBND PHƯỜNG BA ĐÌNH"``).
        place: The place of the place-and-date line.
        lookup_url: A status-lookup address with ``{code}`` where the dossier code goes; the
            receipt prints it and, with the ``[qr]`` extra, its QR code.
        regime: Force one circular's forms; default: the one in force on each form's date.
    """

    office: str = "Bộ phận Một cửa"
    parent: str = ""
    place: str = ""
    lookup_url: str | None = None
    regime: Regime | None = None

    def __attrs_post_init__(self) -> None:
        if self.lookup_url is not None and "{code}" not in self.lookup_url:
            raise FormError("lookup_url", self.lookup_url, "an address containing {code}")

    def regime_on(self, day: date) -> Regime:
        """The circular whose forms apply on *day*."""
        return self.regime if self.regime is not None else Regime.on(day)

    def agency(self) -> tuple[str, ...]:
        return tuple(x for x in (self.parent.upper(), self.office.upper()) if x)


@attrs.frozen
class DocumentLine:
    """One document of the dossier, as the receipt lists it."""

    name: str
    originals: int = 1
    copies: int = 0


def _who(d: Dossier, applicant: str | None) -> str:
    return applicant if applicant is not None else (d.applicant_ref or "……")


def _code(d: Dossier) -> str:
    return d.procedure.code or "(chưa có mã)"


_UNIT = re.compile(r"^[0-9A-Z]{1,3}(\.[0-9A-Z]{2}){0,3}(\.[0-9A-Z]{2,3})?$")


def dossier_code(unit: str, received: date, sequence: int, *, width: int = 4) -> str:
    """A dossier code in the Thông tư 01/2018/TT-VPCP, Điều 19 shape
    ``V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`` (secondary: two copies of the article agree): the
    unit's electronic identifier, the reception date, and the running number within the day.
    The Thông tư 03/2025 shape was not found; *width* widens the running number (ministry
    portals are reported to use 6-7 digits).

    >>> dossier_code("000.17.22.H56", date(2021, 5, 31), 1)
    '000.17.22.H56-210531-0001'

    Raises:
        FormError: If the unit is not dot-separated code groups, or the number does not fit.
    """
    if not isinstance(unit, str) or not _UNIT.match(unit):
        raise FormError("unit", unit, "an identifier like 000.17.22.H56 (Thông tư 10/2016)")
    if (
        isinstance(sequence, bool)
        or not isinstance(sequence, int)
        or not (1 <= sequence < 10**width)
    ):
        raise FormError("sequence", sequence, f"a running number 1..{10**width - 1}")
    return f"{unit}-{received:%y%m%d}-{sequence:0{width}d}"


class _Printable:
    """Text and HTML from a form's :meth:`layout`."""

    spec: FormSpec
    context: FormContext

    def layout(self) -> Layout:
        raise NotImplementedError

    def _page(self, day: date | None, **parts: Any) -> Layout:
        """The layout with the parts every form shares: the agency, the place-and-date line,
        the title and number, the footer naming the circular, the paper."""
        parts.setdefault("number", "Số: ……")
        return Layout(
            agency=self.context.agency(),
            place_date=day_line(self.context.place, day),
            title=self.spec.title,
            subtitle=parts.pop("subtitle", f"Mẫu số {self.spec.number}"),
            footer=_footer(self.spec),
            paper=self.spec.paper,
            **parts,
        )

    def text(self) -> str:
        """The form as plain text."""
        return self.layout().text()

    def html(self) -> str:
        """The form as printable HTML on its paper size."""
        return self.layout().html()


@attrs.frozen(kw_only=True)
class _DossierForm(_Printable):
    """What every form about one dossier has.

    Attributes:
        spec: The form's number, title and circular.
        context: The office that prints it.
        dossier_code: The dossier code.
        applicant: The applicant as printed (the opaque reference unless a name was given).
        procedure: The procedure's name.
    """

    spec: FormSpec
    context: FormContext
    dossier_code: str
    applicant: str
    procedure: str


@attrs.frozen(kw_only=True)
class Receipt(_DossierForm):
    """Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01): the receipt slip, with the
    appointment hour and date the SLA engine gave."""

    receipt_number: str
    procedure_code: str
    documents: tuple[DocumentLine, ...]
    sets: int
    processing_time: str
    received_at: datetime
    appointment: datetime
    return_to: str
    register_entry: str = ""

    @property
    def lookup_url(self) -> str | None:
        """Where the applicant looks up the dossier's status (only its code is in it)."""
        url = self.context.lookup_url
        return None if url is None else url.replace("{code}", self.dossier_code)

    def layout(self, *, qr: bool = False) -> Layout:
        """The printed form; *qr* embeds the lookup address as a QR code (``[qr]`` extra)."""
        docs = tuple(
            (str(i), doc.name, str(doc.originals), str(doc.copies))
            for i, doc in enumerate(self.documents, 1)
        )
        fields: tuple[tuple[str, str], ...] = (
            ("Mã hồ sơ", self.dossier_code),
            ("", f"{self.context.office}:"),
            ("Tiếp nhận hồ sơ của", self.applicant),
            ("Nội dung yêu cầu giải quyết", f"{self.procedure} ({self.procedure_code})"),
        )
        after: tuple[str, ...] = (
            f"2. Số lượng hồ sơ: {self.sets:02d} (bộ)",
            f"3. Thời gian giải quyết hồ sơ theo quy định: {self.processing_time}",
            f"4. Thời gian nhận hồ sơ: {moment_vi(self.received_at)}",
            f"5. Thời gian trả kết quả giải quyết hồ sơ: {moment_vi(self.appointment)}",
            f"6. Đăng ký nhận kết quả tại: {self.return_to}",
            "Vào Sổ theo dõi hồ sơ, " + (self.register_entry or "Quyển số: …… Số thứ tự: ……"),
        )
        url = self.lookup_url
        if url is not None:
            after += (f"Tra cứu tình trạng hồ sơ: {url}",)
        return self._page(
            self.received_at.date(),
            number=f"Số: {self.receipt_number}",
            fields=fields,
            table_title="1. Thành phần hồ sơ, yêu cầu và số lượng mỗi loại giấy tờ gồm:",
            columns=("STT", "Tên giấy tờ", "Số bản chính", "Số bản sao"),
            rows=docs or (("", "(theo thành phần hồ sơ của thủ tục)", "", ""),),
            closing=after,
            signatures=(
                ("NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)"),
                ("NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)"),
            ),
            notes=(
                "Giấy tiếp nhận và hẹn trả kết quả được lập thành 2 liên; một liên chuyển kèm "
                "theo Phiếu kiểm soát quá trình giải quyết hồ sơ và được lưu tại Bộ phận Một "
                "cửa; một liên giao cho cá nhân, tổ chức nộp hồ sơ.",
                "Cá nhân, tổ chức có thể đăng ký nhận kết quả tại Bộ phận Một cửa hoặc tại nhà "
                "(trụ sở tổ chức) qua dịch vụ bưu chính.",
            ),
            qr_svg=_qr_svg(url) if qr and url is not None else "",
        )

    def html(self, *, qr: bool = False) -> str:
        """The receipt as printable HTML (A5); *qr* needs the ``[qr]`` extra (segno)."""
        return self.layout(qr=qr).html()


@attrs.frozen(kw_only=True)
class SupplementRequest(_DossierForm):
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)."""

    at: datetime
    at_reception: bool
    missing: tuple[str, ...]
    reason: str = ""

    def layout(self) -> Layout:
        stage = "khi tiếp nhận" if self.at_reception else "trong quá trình giải quyết"
        return self._page(
            self.at.date(),
            number="Số: ……",
            fields=(
                ("Mã hồ sơ", self.dossier_code),
                ("Tiếp nhận hồ sơ của", self.applicant),
                ("Nội dung yêu cầu giải quyết", self.procedure),
                ("Thời điểm yêu cầu", f"{moment_vi(self.at)} ({stage})"),
                ("", "Yêu cầu hoàn thiện hồ sơ gồm những nội dung như sau:"),
            ),
            columns=("TT", "Thành phần hồ sơ cần bổ sung, hoàn thiện"),
            rows=tuple((str(i), m) for i, m in enumerate(self.missing, 1)),
            closing=(f"Lý do: {self.reason or '……'}",),
            signatures=(("NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)"),),
        )


@attrs.frozen(kw_only=True)
class Refusal(_DossierForm):
    """Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03), with the reasons."""

    at: datetime
    reasons: tuple[str, ...]

    def layout(self) -> Layout:
        return self._page(
            self.at.date(),
            number="Số: ……",
            fields=(
                ("Mã hồ sơ", self.dossier_code),
                ("Tiếp nhận hồ sơ của", self.applicant),
                ("Nội dung yêu cầu giải quyết", self.procedure),
                (
                    "",
                    f"Qua xem xét, {self.context.office} thông báo không tiếp nhận, giải quyết "
                    "hồ sơ này với lý do cụ thể như sau:",
                ),
                *(("", f"- {r}") for r in self.reasons),
            ),
            closing=("Xin thông báo cho Ông/Bà được biết và thực hiện./.",),
            signatures=(
                ("NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)"),
                ("NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)"),
            ),
        )


@attrs.frozen(kw_only=True)
class Apology(_DossierForm):
    """Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (Mẫu 04; before 15/9/2025:
    Phiếu xin lỗi và hẹn lại ngày trả kết quả), signed by the head of the agency."""

    receipt_number: str
    received_at: datetime
    original_appointment: datetime
    new_appointment: datetime
    reason: str
    at: datetime
    letter: str = ""

    def layout(self) -> Layout:
        return self._page(
            self.at.date(),
            number=f"Số: {self.letter or '……'}",
            fields=(
                ("Kính gửi", self.applicant),
                ("Mã hồ sơ", self.dossier_code),
                ("Ngày tiếp nhận hồ sơ", moment_vi(self.received_at)),
                ("Số biên nhận hồ sơ", self.receipt_number),
                ("Nội dung yêu cầu giải quyết", self.procedure),
                ("Ngày hẹn trả kết quả giải quyết hồ sơ", moment_vi(self.original_appointment)),
                (
                    "",
                    "Tuy nhiên, hồ sơ chưa được giải quyết đúng thời hạn ghi trên Giấy tiếp "
                    "nhận hồ sơ và hẹn trả kết quả.",
                ),
                ("Lý do", self.reason),
                ("", "Cơ quan trân trọng xin lỗi và đề nghị gia hạn thời gian giải quyết."),
                ("Thời gian hẹn trả kết quả lại", moment_vi(self.new_appointment)),
            ),
            closing=("Trân trọng./.",),
            signatures=(("THỦ TRƯỞNG CƠ QUAN", "(Ký, ghi rõ họ tên và đóng dấu)"),),
        )


_STOP_REASON_VI: Final = {
    StopReason.APPLICANT_REQUEST: "theo đề nghị của tổ chức, cá nhân (Nghị định 118/2025, Điều 21)",
    StopReason.SUPPLEMENT_NOT_PROVIDED: (
        "quá thời hạn mà hồ sơ chưa được bổ sung, hoàn thiện (Nghị định 118/2025, Điều 19)"
    ),
    StopReason.OTHER: "lý do khác",
}


@attrs.frozen(kw_only=True)
class StopNotice(_DossierForm):
    """Thông báo dừng giải quyết hồ sơ (Mẫu 05 of Thông tư 03/2025; no earlier form)."""

    received_at: datetime | None
    at: datetime
    reason: StopReason
    note: str = ""

    def layout(self) -> Layout:
        why = _STOP_REASON_VI[self.reason] + (f": {self.note}" if self.note else "")
        return self._page(
            self.at.date(),
            number="Số: ……",
            fields=(
                ("Kính gửi", self.applicant),
                ("Mã hồ sơ", self.dossier_code),
                ("Nội dung yêu cầu giải quyết", self.procedure),
                ("Thời gian nhận hồ sơ", moment_vi(self.received_at)),
                ("Thời điểm dừng giải quyết", moment_vi(self.at)),
                ("Lý do", why),
            ),
            closing=("Xin thông báo để Ông/Bà được biết./.",),
            signatures=(("THỦ TRƯỞNG CƠ QUAN", "(Ký, ghi rõ họ tên và đóng dấu)"),),
        )


@attrs.frozen(kw_only=True)
class HandOver:
    """One row of the control sheet: who gave the dossier to whom, when, and whether that
    was before, on or after the giver's deadline (blank where none is allocated)."""

    giver: str
    receiver: str
    at: datetime
    verdict: Verdict | None = None
    note: str = ""


@attrs.frozen(kw_only=True)
class ControlSheet(_DossierForm):
    """Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 06; before 15/9/2025 Mẫu 05): one row
    per hand-over with its verdict."""

    received_at: datetime
    appointment: datetime
    lead: str
    partners: tuple[str, ...]
    rows: tuple[HandOver, ...]

    def layout(self) -> Layout:
        return self._page(
            self.received_at.date(),
            number="",
            fields=(
                ("Kèm theo hồ sơ của", self.applicant),
                ("Mã hồ sơ", self.dossier_code),
                ("Nội dung yêu cầu giải quyết", self.procedure),
                ("Ngày nhận", moment_vi(self.received_at)),
                ("Ngày, giờ hẹn trả kết quả", moment_vi(self.appointment)),
                ("Cơ quan (bộ phận) giải quyết hồ sơ", self.lead),
                ("Cơ quan phối hợp giải quyết hồ sơ", ", ".join(self.partners) or "—"),
            ),
            columns=(
                "TÊN CƠ QUAN",
                "THỜI GIAN GIAO, NHẬN HỒ SƠ",
                "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)",
                "GHI CHÚ",
            ),
            rows=tuple(
                (
                    f"1. Giao: {r.giver}; 2. Nhận: {r.receiver}",
                    moment_vi(r.at),
                    r.verdict.vi if r.verdict is not None else "",
                    r.note,
                )
                for r in self.rows
            ),
        )


@attrs.frozen(kw_only=True)
class RegisterRow:
    """One dossier in the register."""

    number: int
    dossier_code: str
    procedure: str
    applicant: str
    agency: str
    channel: Channel | None
    received_at: datetime | None
    appointment: datetime | None
    returned_at: datetime | None
    verdict: Verdict | None
    state: str


@attrs.frozen(kw_only=True)
class Register(_Printable):
    """Sổ theo dõi hồ sơ (Mẫu 07; before 15/9/2025 Mẫu 06): every dossier received in a
    period, one row each. The columns are the local registers' (secondary): the circulars'
    own column list was not found."""

    spec: FormSpec
    context: FormContext
    start: date | None
    end: date | None
    rows: tuple[RegisterRow, ...]

    def layout(self) -> Layout:
        def d(x: datetime | None) -> str:
            return "" if x is None else f"{x:%d/%m/%Y %H:%M}"

        period = f"từ {self.start:%d/%m/%Y}" if self.start else ""
        period += f" đến {self.end:%d/%m/%Y}" if self.end else ""
        return self._page(
            self.end,
            number="",
            subtitle=f"Mẫu số {self.spec.number} {period}".rstrip(),
            columns=(
                "TT",
                "Mã hồ sơ",
                "Tên thủ tục hành chính",
                "Tổ chức, cá nhân",
                "Cơ quan chủ trì giải quyết",
                "Nhận hồ sơ",
                "Hẹn trả kết quả",
                "Trả kết quả",
                "Kết quả",
            ),
            rows=tuple(
                (
                    str(r.number),
                    r.dossier_code,
                    r.procedure,
                    r.applicant,
                    r.agency,
                    d(r.received_at),
                    d(r.appointment),
                    d(r.returned_at),
                    r.verdict.vi if r.verdict is not None else r.state,
                )
                for r in self.rows
            ),
        )


def _footer(s: FormSpec) -> str:
    src = s.source.document + (f", {s.source.article}" if s.source.article else "")
    return (
        f"Mẫu số {s.number} theo {src}. Danh mục trường theo mẫu in của các Trung tâm Phục vụ "
        "hành chính công (chưa đối chiếu được với văn bản gốc)."
    )


def _qr_svg(data: str) -> str:
    try:
        import segno
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            "a QR code needs segno, which is not installed: pip install 'hanhchinh[qr]'"
        ) from exc
    return str(segno.make(data, error="m").svg_inline(scale=3, omitsize=True))


# ---------------------------------------------------------------- builders
def _first(d: Dossier, kind: type[Event]) -> Event | None:
    return next((e for e in d.events if isinstance(e, kind)), None)


def _common(
    d: Dossier, ctx: FormContext, kind: FormKind, day: date, applicant: str | None
) -> dict[str, Any]:
    """The fields every dossier form takes from the dossier and the context."""
    return {
        "spec": spec(kind, ctx.regime_on(day)),
        "context": ctx,
        "dossier_code": d.id,
        "applicant": _who(d, applicant),
        "procedure": d.procedure.name,
    }


def _received(d: Dossier) -> Received:
    r = _first(d, Received)
    if not isinstance(r, Received) or d.clock is None:
        raise FormError("dossier", d.id, "a dossier that has been received (a Received event)")
    return r


def _appointment_at_reception(d: Dossier, r: Received) -> datetime:
    """The appointment printed at reception: the one recorded, or the clock's as it stood
    right after reception (a later restart or rescheduling does not rewrite a receipt)."""
    if r.appointment is not None:
        return r.appointment
    upto = d.events[: d.events.index(r) + 1]
    clock = attrs.evolve(d, events=upto).clock
    assert clock is not None
    return clock.due_at


def receipt(
    d: Dossier,
    context: FormContext | None = None,
    *,
    documents: Iterable[DocumentLine] = (),
    sets: int = 1,
    applicant: str | None = None,
    register_entry: str = "",
) -> Receipt:
    """The receipt slip (Mẫu 01) of a received dossier; the appointment is the SLA clock's
    original one (the one printed at reception).

    Raises:
        FormError: If the dossier has not been received.
    """
    ctx = FormContext() if context is None else context
    r = _received(d)
    clock = d.clock
    assert clock is not None
    by_post = d.channel is Channel.POST
    return Receipt(
        **_common(d, ctx, FormKind.RECEIPT, r.at.date(), applicant),
        receipt_number=r.receipt_number,
        procedure_code=_code(d),
        documents=tuple(documents),
        sets=sets,
        processing_time=str(clock.deadline.applied),
        received_at=r.at,
        appointment=_appointment_at_reception(d, r),
        return_to="qua dịch vụ bưu chính" if by_post else ctx.office,
        register_entry=register_entry,
    )


def supplement_requests(
    d: Dossier, context: FormContext | None = None, *, applicant: str | None = None
) -> tuple[SupplementRequest, ...]:
    """One supplement request (Mẫu 02) per request in the dossier's history."""
    ctx = FormContext() if context is None else context
    out = []
    received = False
    for e in d.events:
        received = received or isinstance(e, Received)
        if isinstance(e, SupplementRequested):
            out.append(
                SupplementRequest(
                    **_common(d, ctx, FormKind.SUPPLEMENT_REQUEST, e.at.date(), applicant),
                    at=e.at,
                    at_reception=not received,
                    missing=e.missing,
                )
            )
    return tuple(out)


def refusal(
    d: Dossier, context: FormContext | None = None, *, applicant: str | None = None
) -> Refusal | None:
    """The refusal (Mẫu 03) of a rejected dossier, or ``None``."""
    ctx = FormContext() if context is None else context
    e = _first(d, Rejected)
    if not isinstance(e, Rejected):
        return None
    return Refusal(
        **_common(d, ctx, FormKind.REFUSAL, e.at.date(), applicant),
        at=e.at,
        reasons=e.reasons,
    )


def apologies(
    d: Dossier, context: FormContext | None = None, *, applicant: str | None = None
) -> tuple[Apology, ...]:
    """One apology and extension letter (Mẫu 04) per rescheduling."""
    ctx = FormContext() if context is None else context
    out: list[Apology] = []
    if not any(isinstance(e, Rescheduled) for e in d.events):
        return ()
    r = _received(d)
    for i, e in enumerate(d.events):
        if isinstance(e, Rescheduled):
            # The appointment in force just before this letter (after any restart).
            before = attrs.evolve(d, events=d.events[:i]).clock
            assert before is not None
            out.append(
                Apology(
                    **_common(d, ctx, FormKind.APOLOGY, e.at.date(), applicant),
                    receipt_number=r.receipt_number,
                    received_at=r.at,
                    original_appointment=before.due_at,
                    new_appointment=e.appointment,
                    reason=e.reason,
                    at=e.at,
                    letter=e.letter,
                )
            )
    return tuple(out)


def stop_notice(
    d: Dossier, context: FormContext | None = None, *, applicant: str | None = None
) -> StopNotice | None:
    """The stop notice (Mẫu 05) of a stopped dossier, or ``None``.

    Raises:
        FormError: If it stopped before 15/9/2025: Thông tư 01/2018 has no such form.
    """
    ctx = FormContext() if context is None else context
    e = _first(d, Stopped)
    if not isinstance(e, Stopped):
        return None
    r = _first(d, Received)
    return StopNotice(
        **_common(d, ctx, FormKind.STOP_NOTICE, e.at.date(), applicant),
        received_at=r.at if r is not None else None,
        at=e.at,
        reason=e.reason,
        note=e.note,
    )


def control_sheet(
    d: Dossier, context: FormContext | None = None, *, applicant: str | None = None
) -> ControlSheet:
    """The control sheet (Mẫu 06) of a received dossier: one row per hand-over.

    Rows come from :class:`~hanhchinh.dossiers.Transferred` (judged against the deadline of
    the step it names, once that step is completed), from each completed step no transfer
    names, from :class:`~hanhchinh.dossiers.ResultReady` (the result reaching the one-stop
    unit, judged on that instant, unless a transfer to the unit already recorded it) and from
    :class:`~hanhchinh.dossiers.Returned` (judged on the hand-over to the applicant).

    Raises:
        FormError: If the dossier has not been received.
    """
    ctx = FormContext() if context is None else context
    r = _received(d)
    clock = d.clock
    assert clock is not None
    steps = {s.name: s for s in clock.step_deadlines}
    named = {e.step for e in d.events if isinstance(e, Transferred) and e.step}
    holder = ctx.office
    partners: list[str] = []
    rows: list[HandOver] = []
    for e in d.events:
        if isinstance(e, Transferred):
            sd = steps.get(e.step) if e.step else None
            rows.append(
                HandOver(
                    giver=e.from_agency,
                    receiver=e.to_agency,
                    at=e.at,
                    verdict=sd.verdict if sd is not None else None,
                    note=e.step or "",
                )
            )
            holder = e.to_agency
            for agency in (e.from_agency, e.to_agency):
                if agency != ctx.office and agency not in partners:
                    partners.append(agency)
        elif isinstance(e, StepCompleted) and e.step not in named:
            sd = steps.get(e.step)
            rows.append(
                HandOver(
                    giver=holder,
                    receiver="(bước tiếp theo)",
                    at=e.at,
                    verdict=sd.verdict if sd is not None else None,
                    note=f"hoàn thành: {e.step}",
                )
            )
        elif isinstance(e, ResultReady) and holder != ctx.office:
            # (when a transfer already brought the result back, that row is the hand-over)
            j = clock.verdict(ReturnInstant.AT_COUNTER)
            rows.append(
                HandOver(
                    giver=holder,
                    receiver=ctx.office,
                    at=e.at,
                    verdict=j.verdict if j is not None else None,
                    note="kết quả chuyển về Bộ phận Một cửa",
                )
            )
            holder = ctx.office
        elif isinstance(e, Returned):
            j = clock.verdict(ReturnInstant.HANDED_OVER)
            rows.append(
                HandOver(
                    giver=holder,
                    receiver=_who(d, applicant),
                    at=e.at,
                    verdict=j.verdict if j is not None else None,
                    note="trả kết quả",
                )
            )
    lead = partners[0] if partners else (d.procedure.agency or ctx.office)
    return ControlSheet(
        **_common(d, ctx, FormKind.CONTROL_SHEET, r.at.date(), applicant),
        received_at=r.at,
        appointment=clock.due_at,
        lead=lead,
        partners=tuple(partners[1:]),
        rows=tuple(rows),
    )


def register(
    dossiers: Iterable[Dossier],
    context: FormContext | None = None,
    *,
    start: date | None = None,
    end: date | None = None,
) -> Register:
    """The register (Mẫu 07) of the dossiers received from *start* to *end* (both included;
    ``None``: open), in order of reception. Dossiers never received are not in it.

    Raises:
        FormError: If *end* is before *start*.
    """
    ctx = FormContext() if context is None else context
    if start is not None and end is not None and end < start:
        raise FormError("end", end.isoformat(), f"a date on or after start={start.isoformat()}")
    picked: list[tuple[datetime, Dossier]] = []
    for d in dossiers:
        r = _first(d, Received)
        if r is None:
            continue
        day = r.at.date()
        if (start is None or day >= start) and (end is None or day <= end):
            picked.append((r.at, d))
    picked.sort(key=lambda pair: pair[0])
    rows = []
    for i, (at, d) in enumerate(picked, 1):
        clock = d.clock
        ret = _first(d, Returned)
        j = d.verdict()
        rows.append(
            RegisterRow(
                number=i,
                dossier_code=d.id,
                procedure=d.procedure.name,
                applicant=d.applicant_ref,
                agency=d.procedure.agency,
                channel=d.channel,
                received_at=at,
                appointment=clock.due_at if clock is not None else None,
                returned_at=ret.at if ret is not None else None,
                verdict=j.verdict if j is not None else None,
                state=d.state.value,
            )
        )
    day = end or (picked[-1][0].date() if picked else start or TT_03_2025_FROM)
    return Register(
        spec=spec(FormKind.REGISTER, ctx.regime_on(day)),
        context=ctx,
        start=start,
        end=end,
        rows=tuple(rows),
    )


Form = Receipt | SupplementRequest | Refusal | Apology | StopNotice | ControlSheet
"""Any form built from one dossier."""


def forms_for(
    d: Dossier, context: FormContext | None = None, *, applicant: str | None = None
) -> tuple[Form, ...]:
    """Every form the dossier's history has produced, in order: supplement requests at
    reception, the receipt, supplement requests in processing, apologies, the refusal or stop
    notice, and the control sheet. A stop before 15/9/2025 produces no stop notice (Thông tư
    01/2018 had none)."""
    ctx = FormContext() if context is None else context
    out: list[Form] = []
    requests = supplement_requests(d, ctx, applicant=applicant)
    out.extend(s for s in requests if s.at_reception)
    received = d.clock is not None
    if received:
        out.append(receipt(d, ctx, applicant=applicant))
    out.extend(s for s in requests if not s.at_reception)
    out.extend(apologies(d, ctx, applicant=applicant))
    ref = refusal(d, ctx, applicant=applicant)
    if ref is not None:
        out.append(ref)
    stopped = _first(d, Stopped)
    if stopped is not None and (ctx.regime_on(stopped.at.date()), FormKind.STOP_NOTICE) in FORMS:
        notice = stop_notice(d, ctx, applicant=applicant)
        assert notice is not None
        out.append(notice)
    if received:
        out.append(control_sheet(d, ctx, applicant=applicant))
    return tuple(out)
