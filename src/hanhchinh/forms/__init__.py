"""The forms of the one-stop mechanism (Thông tư 03/2025/TT-VPCP Mẫu 01–07; Thông tư
01/2018/TT-VPCP before 15/9/2025), built from a dossier and printed as text or HTML.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from hanhchinh.calendar import vietnam_public_sector
>>> from hanhchinh.dossiers import Dossier, Received, Submitted
>>> from hanhchinh.procedures import Catalog, Channel
>>> vn = ZoneInfo("Asia/Ho_Chi_Minh")
>>> d = Dossier(id="000.00.31.H26-260302-0001", procedure=Catalog.default()["1.004194"],
...             calendar=vietnam_public_sector(), applicant_ref="A-0001")
>>> d = d.apply_all([
...     Submitted(dossier_id=d.id, at=datetime(2026, 3, 2, 9, tzinfo=vn),
...               channel=Channel.IN_PERSON),
...     Received(dossier_id=d.id, at=datetime(2026, 3, 2, 9, 5, tzinfo=vn), receipt_number="01"),
... ])
>>> slip = receipt(d, FormContext(office="Bộ phận Một cửa phường Ba Đình", place="Ba Đình"))
>>> slip.spec.number, slip.spec.title
('01', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả')
>>> print([line for line in slip.text().splitlines() if line.startswith("5.")][0])
5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 05 tháng 03 năm 2026
"""

from hanhchinh.forms._forms import (
    FORMS,
    TT_03_2025_FROM,
    Apology,
    ControlSheet,
    DocumentLine,
    Form,
    FormContext,
    FormKind,
    FormSpec,
    HandOver,
    Receipt,
    Refusal,
    Regime,
    Register,
    RegisterRow,
    StopNotice,
    SupplementRequest,
    apologies,
    control_sheet,
    dossier_code,
    forms_for,
    receipt,
    refusal,
    register,
    spec,
    stop_notice,
    supplement_requests,
)
from hanhchinh.forms._layout import Layout

__all__ = [
    "FORMS",
    "TT_03_2025_FROM",
    "Apology",
    "ControlSheet",
    "DocumentLine",
    "Form",
    "FormContext",
    "FormKind",
    "FormSpec",
    "HandOver",
    "Layout",
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
    "spec",
    "stop_notice",
    "supplement_requests",
]
