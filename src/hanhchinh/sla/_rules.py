"""The named rules of the SLA engine and their legal sources.

Every choice the law leaves open, or that deployed systems make differently, is a named value
here, with the source it follows; nothing is a bare flag. ``docs/sla.md`` sets them side by
side with worked examples.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from enum import Enum
from typing import TYPE_CHECKING

import attrs

from hanhchinh.calendar._explain import CIVIL_CODE_147_1, CIVIL_CODE_147_2
from hanhchinh.errors import InvalidDurationError
from hanhchinh.legal import Confidence, LegalReference

if TYPE_CHECKING:
    from hanhchinh.calendar import WorkCalendar

__all__ = [
    "AS_RECORDED",
    "CIVIL_CODE",
    "CIVIL_CODE_147_1",
    "CIVIL_CODE_147_2",
    "CIVIL_CODE_148",
    "DECREE_23_2015_ART_7",
    "DECREE_118_2025_ART_17",
    "DECREE_118_2025_ART_19_5",
    "DECREE_118_2025_ART_19_6",
    "EIGHT_HOUR_DAYS",
    "LABOUR_CODE_ART_105",
    "NEXT_WORKING_MOMENT",
    "SECTOR_RECEPTION_RULES",
    "SERVICE_INDEX_766",
    "CountingRule",
    "ReceptionRule",
    "ReschedulePolicy",
    "ReturnInstant",
    "SupplementRule",
    "VerdictBasis",
]

# ---------------------------------------------------------------------- sources
CIVIL_CODE_148 = LegalReference(
    document="Bộ luật Dân sự 2015 (91/2015/QH13)",
    article="Điều 148 khoản 1 và khoản 5",
    url="https://thuvienphapluat.vn/hoi-dap-phap-luat/3896F-hd-thoi-diem-bat-dau-va-ket-thuc-thoi-han-duoc-xac-dinh-nhu-the-nao.html",
    confidence=Confidence.SECONDARY,
)
DECREE_118_2025_ART_17 = LegalReference(
    document="Nghị định 118/2025/NĐ-CP về thực hiện thủ tục hành chính theo cơ chế một cửa, "
    "một cửa liên thông",
    article="Điều 17 khoản 2 và khoản 3",
)
DECREE_118_2025_ART_19_5 = attrs.evolve(DECREE_118_2025_ART_17, article="Điều 19 khoản 5")
DECREE_118_2025_ART_19_6 = attrs.evolve(DECREE_118_2025_ART_17, article="Điều 19 khoản 6")
DECREE_23_2015_ART_7 = LegalReference(
    document="Nghị định 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, "
    "chứng thực chữ ký và chứng thực hợp đồng, giao dịch",
    article="Điều 7",
    confidence=Confidence.SECONDARY,
)
SECTOR_RECEPTION_RULES = (
    LegalReference(
        document="Thông tư 87/2021/TT-BTC (Kho bạc Nhà nước)",
        article="Điều 10",
        confidence=Confidence.SECONDARY,
    ),
    LegalReference(
        document="Quyết định 2988/QĐ-TCHQ (Hải quan)",
        article="Điều 7 khoản 5",
        confidence=Confidence.SECONDARY,
    ),
)
SERVICE_INDEX_766 = LegalReference(
    document="Quyết định 766/QĐ-TTg (Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng "
    "phục vụ người dân, doanh nghiệp)",
    confidence=Confidence.SECONDARY,
)
LABOUR_CODE_ART_105 = LegalReference(
    document="Bộ luật Lao động 2019 (45/2019/QH14)",
    article="Điều 105 khoản 1",
    confidence=Confidence.SECONDARY,
)


# ---------------------------------------------------------------------- counting
def _hours_per_day(value: timedelta | None) -> timedelta | None:
    if value is None:
        return None
    if type(value) is not timedelta or value <= timedelta(0) or value > timedelta(hours=24):
        raise InvalidDurationError("hours_per_day", value, "a timedelta in (0, 24 hours]")
    return value


@attrs.frozen(kw_only=True)
class CountingRule:
    """How a processing time in working days becomes an appointment.

    Two rules ship:

    * :data:`CIVIL_CODE` (the default): the reception day is not counted; the period ends at
      the end (closing time) of the *n*-th working day after it (Bộ luật Dân sự 2015,
      Điều 147(2), 148). Calendar-day periods end at 24:00 of their last day, moved to the
      next working day when that day is a day off (Điều 148(5)). Hour periods run from the
      moment of reception (Điều 147(1)).
    * :data:`EIGHT_HOUR_DAYS`: *n* working days are *n* × 8 working hours counted from the
      moment of reception, as deployed one-stop systems count them. Its source is practice,
      not a legal text; the 8 hours are the statutory working day (Bộ luật Lao động 2019,
      Điều 105(1)).

    Attributes:
        name: A stable identifier (``"civil_code"``, ``"eight_hour_days"``).
        hours_per_day: ``None`` for the Civil Code's whole days; otherwise the working time
            one working day stands for.
        title_en, title_vi: One line describing the rule.
        sources: Where the rule comes from.
    """

    name: str
    hours_per_day: timedelta | None = attrs.field(default=None, converter=_hours_per_day)
    title_en: str
    title_vi: str
    sources: tuple[LegalReference, ...] = ()

    def __str__(self) -> str:
        return self.name


CIVIL_CODE = CountingRule(
    name="civil_code",
    title_en=(
        "the reception day is not counted; a period of working days ends at the close of its "
        "last working day, a period of calendar days at 24:00 of its last day (moved to the "
        "next working day if that is a day off), a period of hours at the same working moment"
    ),
    title_vi=(
        "không tính ngày tiếp nhận; thời hạn tính bằng ngày làm việc kết thúc vào cuối giờ làm "
        "việc của ngày làm việc cuối cùng, thời hạn tính bằng ngày kết thúc lúc 24 giờ ngày cuối "
        "cùng (chuyển sang ngày làm việc tiếp theo nếu là ngày nghỉ), thời hạn tính bằng giờ "
        "kết thúc vào đúng thời điểm làm việc tương ứng"
    ),
    sources=(CIVIL_CODE_147_1, CIVIL_CODE_147_2, CIVIL_CODE_148),
)
EIGHT_HOUR_DAYS = CountingRule(
    name="eight_hour_days",
    hours_per_day=timedelta(hours=8),
    title_en=(
        "n working days are n × 8 working hours counted from the moment of reception "
        "(the practice of deployed one-stop systems)"
    ),
    title_vi=(
        "n ngày làm việc tính bằng n × 8 giờ làm việc kể từ thời điểm tiếp nhận "
        "(cách tính của các hệ thống một cửa điện tử)"
    ),
    sources=(LABOUR_CODE_ART_105,),
)


# ---------------------------------------------------------------------- reception
def _cutoff(value: time | None) -> time | None:
    if value is not None and (type(value) is not time or value.tzinfo is not None):
        raise InvalidDurationError("cutoff", value, "a wall-clock datetime.time or None")
    return value


@attrs.frozen(kw_only=True)
class ReceptionRule:
    """From which instant the clock runs for a dossier recorded at a given moment.

    Nghị định 118/2025/NĐ-CP, Điều 17(2)–(3): the time runs from the moment the dossier is
    recorded complete and valid. The decree has no general rule for a dossier sent online
    outside working time; sector rules count it from the next working day or its opening
    hour (Thông tư 87/2021/TT-BTC Điều 10; Quyết định 2988/QĐ-TCHQ Điều 7(5)).

    * :data:`NEXT_WORKING_MOMENT` (the default): a dossier recorded outside office hours
      (at night, on a Sunday, in Tết) counts from the next opening of the office. No one can
      record a dossier complete and valid while the office is closed, so this is what
      Điều 17 gives when the submission instant is passed in.
    * :data:`AS_RECORDED`: the instant as given, whatever it is.
    * ``ReceptionRule(name=..., shift=True, cutoff=time(16))`` builds a sector rule: also a
      dossier recorded at or after the cut-off on a working day counts from the next
      working day's opening.

    Attributes:
        name: A stable identifier.
        shift: Whether a moment outside office hours moves to the next working moment.
        cutoff: A wall-clock time after which a working day's dossiers count from the next
            working day's opening (``None``: no cut-off).
        title_en, title_vi: One line describing the rule.
        sources: Where the rule comes from.
    """

    name: str
    shift: bool
    cutoff: time | None = attrs.field(default=None, converter=_cutoff)
    title_en: str = ""
    title_vi: str = ""
    sources: tuple[LegalReference, ...] = ()

    def start(self, received_at: datetime, calendar: WorkCalendar) -> datetime:
        """The instant the clock starts for a dossier recorded at *received_at*."""
        moment = calendar.localize(received_at)
        if not self.shift:
            return moment
        if self.cutoff is not None and moment.time() >= self.cutoff:
            day = moment.date()
            if calendar.is_working_day(day):
                return calendar.next_working_moment(calendar.closing_moment(day))
        return calendar.next_working_moment(moment)

    def __str__(self) -> str:
        return self.name


NEXT_WORKING_MOMENT = ReceptionRule(
    name="next_working_moment",
    shift=True,
    title_en=("a dossier recorded outside office hours counts from the next opening of the office"),
    title_vi=(
        "hồ sơ được ghi nhận ngoài giờ làm việc được tính từ thời điểm bắt đầu giờ làm việc kế tiếp"
    ),
    sources=(DECREE_118_2025_ART_17, *SECTOR_RECEPTION_RULES),
)
AS_RECORDED = ReceptionRule(
    name="as_recorded",
    shift=False,
    title_en="the clock starts at the instant the dossier was recorded, whatever it is",
    title_vi="thời hạn tính từ đúng thời điểm hồ sơ được ghi nhận",
    sources=(DECREE_118_2025_ART_17,),
)


# ---------------------------------------------------------------------- the clock's choices
class SupplementRule(Enum):
    """What a supplement requested during processing does to the clock.

    ``RESTART`` (the default): the processing time is counted again from zero once the
    complete dossier is received (Nghị định 118/2025/NĐ-CP, Điều 19(5): "Thời hạn giải
    quyết được tính lại từ đầu sau khi nhận đủ hồ sơ"). ``SUBTRACT``: the waiting time is
    only excluded, as the national service index counts it (Quyết định 766/QĐ-TTg,
    secondary).
    """

    RESTART = "restart"
    SUBTRACT = "subtract"

    @property
    def source(self) -> LegalReference:
        """Where the rule comes from."""
        return DECREE_118_2025_ART_19_5 if self is SupplementRule.RESTART else SERVICE_INDEX_766


def _non_negative(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value < 0:
        raise InvalidDurationError(attribute.name, value, "a whole number >= 0")


@attrs.frozen(kw_only=True)
class ReschedulePolicy:
    """How often and how late an appointment may be reset with an apology letter.

    Nghị định 118/2025/NĐ-CP, Điều 19(6): no later than 1 day before the deadline the agency
    sends the apology and proposes a new time; the appointment may be reset only once. The
    defaults follow that text; both numbers are settable because issue-by-issue practice
    differs and the decree may be amended.

    Attributes:
        max_count: How many reschedulings a dossier may have (default 1).
        notice_days: How many calendar days before the appointment date the letter must be
            sent at the latest (default 1: on the day before, or earlier).
    """

    max_count: int = attrs.field(default=1, validator=_non_negative)
    notice_days: int = attrs.field(default=1, validator=_non_negative)
    source: LegalReference = DECREE_118_2025_ART_19_6


class ReturnInstant(Enum):
    """Which instant counts as "returned" for the verdict.

    ``HANDED_OVER`` (the default): the result handed to the applicant (trả kết quả).
    ``AT_COUNTER``: the result reaching the one-stop counter, as some provinces count it.
    """

    HANDED_OVER = "handed_over"
    AT_COUNTER = "at_counter"


class VerdictBasis(Enum):
    """What a verdict compares: the appointment ``DATE`` (the dossier verdict, as reports
    count trước hạn / đúng hạn / quá hạn) or the appointment ``INSTANT`` (internal steps,
    whose allocations are often hours)."""

    DATE = "date"
    INSTANT = "instant"
