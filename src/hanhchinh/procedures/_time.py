"""Processing times (thời hạn giải quyết) as typed values, read from and written as Vietnamese."""

from __future__ import annotations

import re
import unicodedata
from datetime import time
from enum import Enum
from fractions import Fraction
from functools import lru_cache
from typing import ClassVar, Final, TypeAlias

import attrs

from hanhchinh.errors import InvalidDurationError, ProcessingTimeParseError

__all__ = [
    "CalendarDays",
    "CalendarHours",
    "Conditional",
    "Count",
    "ProcessingTime",
    "SameDay",
    "Since",
    "WorkingDays",
    "WorkingHours",
]

Count: TypeAlias = int | Fraction


class Since(Enum):
    """From when a processing time runs, as the record states it.

    ``COMPLETE_DOSSIER``: "kể từ ngày nhận đủ hồ sơ hợp lệ" and its variants — the time runs
    from the moment the dossier is recorded complete and valid (Nghị định 118/2025/NĐ-CP,
    Điều 17(2)–(3)). ``RECEPTION``: "kể từ thời điểm tiếp nhận hồ sơ". ``None`` on a value
    means the record does not say.
    """

    COMPLETE_DOSSIER = "complete_dossier"
    RECEPTION = "reception"


_SINCE_TEXT: Final = {
    Since.COMPLETE_DOSSIER: "kể từ ngày nhận đủ hồ sơ hợp lệ",
    Since.RECEPTION: "kể từ thời điểm tiếp nhận hồ sơ",
}


def _count(value: object) -> Count:
    """A positive whole or decimal number of units; floats are refused (law durations are exact)."""
    if type(value) is int:
        n: Count = value
    elif isinstance(value, Fraction):
        n = int(value) if value.denominator == 1 else value
    else:
        raise InvalidDurationError(
            "n", value, "an int or a fractions.Fraction (never a float), e.g. Fraction(1, 2)"
        )
    if n <= 0:
        raise InvalidDurationError("n", value, "a duration > 0")
    if isinstance(n, Fraction):
        d = n.denominator
        while d % 2 == 0:
            d //= 2
        while d % 5 == 0:
            d //= 5
        if d != 1:
            raise InvalidDurationError(
                "n", value, "a number with a finite decimal form, as records write them (0,5)"
            )
    return n


def _decimal(n: Count) -> str:
    """``3`` -> ``"03"``, ``Fraction(1, 2)`` -> ``"0,5"`` (the records' own style)."""
    if isinstance(n, int):
        return f"{n:02d}"
    whole, rest = divmod(n.numerator, n.denominator)
    digits = ""
    rest_fraction = Fraction(rest, n.denominator)
    while rest_fraction:
        rest_fraction *= 10
        digit = int(rest_fraction)
        digits += str(digit)
        rest_fraction -= digit
    return f"{whole},{digits}"


class ProcessingTime:
    """The legal processing time of a procedure (thời hạn giải quyết).

    One of :class:`WorkingDays`, :class:`WorkingHours`, :class:`CalendarDays`,
    :class:`CalendarHours`, :class:`SameDay` or a :class:`Conditional` combination. Every value
    writes itself back as the canonical Vietnamese phrase (``str(t)``), which
    :meth:`parse` reads back to an equal value.

    >>> ProcessingTime.parse("03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ")
    WorkingDays(n=3, since=<Since.COMPLETE_DOSSIER: 'complete_dossier'>)
    >>> str(ProcessingTime.parse("0,5 ngày làm việc"))
    '0,5 ngày làm việc'
    """

    __slots__ = ()

    def format(self) -> str:
        """The canonical Vietnamese phrase."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.format()

    @classmethod
    def parse(cls, text: str) -> ProcessingTime:
        """Read a processing-time phrase as procedure records write it.

        Handles leading zeros (``03``), decimal commas (``0,5``), numbers spelled out in
        brackets (``05 (năm)``), "ngày làm việc" (working days), "ngày" (calendar days),
        "giờ làm việc" (working hours), "giờ" (elapsed hours), "trong ngày" (same day, with
        an optional cut-off hour), "không quá"/"tối đa" (the same deadline), the start phrase
        "kể từ ngày nhận đủ hồ sơ hợp lệ" and its variants, and a conditional longer time
        ("…; trường hợp phải xác minh thì không quá 10 ngày làm việc").

        Raises:
            ProcessingTimeParseError: Quoting the text, if it cannot be read.
        """
        return _parse_cached(text) if isinstance(text, str) else _parse(text)


def _with_since(body: str, since: Since | None) -> str:
    return body if since is None else f"{body} {_SINCE_TEXT[since]}"


@attrs.frozen
class _Length(ProcessingTime):
    """*n* units of time, and from when they run; the unit is the subclass's."""

    n: Count = attrs.field(converter=_count)
    since: Since | None = None
    unit: ClassVar[str] = ""

    def format(self) -> str:
        """``"03 ngày làm việc"``, in the subclass's unit."""
        return _with_since(f"{_decimal(self.n)} {self.unit}", self.since)


@attrs.frozen
class WorkingDays(_Length):
    """*n* working days ("ngày làm việc"), the start day not counted.

    >>> WorkingDays(Fraction(1, 2)).format()
    '0,5 ngày làm việc'
    """

    unit: ClassVar[str] = "ngày làm việc"


@attrs.frozen
class WorkingHours(_Length):
    """*n* hours of office time ("giờ làm việc"), counted from the moment given."""

    unit: ClassVar[str] = "giờ làm việc"


@attrs.frozen
class CalendarDays(_Length):
    """*n* calendar days ("ngày"), counted by the Civil Code (Điều 147–148: the first day not
    counted; a last day that is a day off moves to the next working day)."""

    unit: ClassVar[str] = "ngày"


@attrs.frozen
class CalendarHours(_Length):
    """*n* elapsed hours ("giờ" without "làm việc"), from the moment given (Civil Code
    Điều 147(1)). Kept apart from :class:`WorkingHours` because the record does not say
    "làm việc"; the SLA engine decides how to count it."""

    unit: ClassVar[str] = "giờ"


def _cutoff(value: time | None) -> time | None:
    if value is None:
        return None
    if type(value) is not time or value.tzinfo is not None or value.second or value.microsecond:
        raise InvalidDurationError("cutoff", value, "a wall-clock datetime.time in whole minutes")
    return value


@attrs.frozen
class SameDay(ProcessingTime):
    """Done the same day ("trong ngày"); received after *cutoff*, the next working day.

    Certification: "ngay trong ngày cơ quan, tổ chức tiếp nhận yêu cầu hoặc trong ngày làm
    việc tiếp theo nếu tiếp nhận yêu cầu sau 15 giờ" (Nghị định 23/2015/NĐ-CP, Điều 7).

    >>> SameDay().format()
    'Trong ngày; sau 15 giờ thì trong ngày làm việc tiếp theo'
    >>> SameDay(cutoff=None).format()
    'Trong ngày'
    """

    cutoff: time | None = attrs.field(default=time(15), converter=_cutoff)

    def format(self) -> str:
        """The canonical phrase, with the cut-off hour if there is one."""
        if self.cutoff is None:
            return "Trong ngày"
        clock = f"{self.cutoff.hour} giờ"
        if self.cutoff.minute:
            clock += f" {self.cutoff.minute:02d}"
        return f"Trong ngày; sau {clock} thì trong ngày làm việc tiếp theo"


def _simple(value: ProcessingTime) -> ProcessingTime:
    if isinstance(value, Conditional):
        raise InvalidDurationError("base", value, "a single processing time, not a Conditional")
    return value


def _length(value: ProcessingTime) -> ProcessingTime:
    if not isinstance(value, _Length):
        raise InvalidDurationError(
            "longer", value, "a length of time (days or hours), not the same day or a Conditional"
        )
    return value


@attrs.frozen
class Conditional(ProcessingTime):
    """A base time, and a longer one that applies in a named case (verification, …).

    ``additional=True`` when the record says the longer time is *added* ("kéo dài thêm không
    quá 05 ngày làm việc"); :meth:`longest` gives the total either way. Which time applies to
    a dossier is the caller's explicit choice, never guessed.

    >>> t = ProcessingTime.parse(
    ...     "05 ngày làm việc; trường hợp phải xác minh thì không quá 10 ngày làm việc")
    >>> t.base, t.longer, t.condition
    (WorkingDays(n=5, since=None), WorkingDays(n=10, since=None), 'phải xác minh')
    """

    base: ProcessingTime = attrs.field(converter=_simple)
    longer: ProcessingTime = attrs.field(converter=_length)
    condition: str = attrs.field()
    additional: bool = False

    @condition.validator
    def _check(self, _: attrs.Attribute[str], value: str) -> None:
        if not value.strip() or ";" in value or value != " ".join(value.split()):
            raise InvalidDurationError(
                "condition", value, "a short phrase without ';' or repeated spaces"
            )

    def longest(self) -> ProcessingTime:
        """The time when the condition holds (base + longer when ``additional``)."""
        if not self.additional:
            return self.longer
        base, longer = self.base, self.longer
        if isinstance(base, _Length) and type(base) is type(longer):
            return type(longer)(base.n + longer.n, longer.since)
        raise InvalidDurationError(
            "longer", self.longer, f"the same unit as the base time {self.base} to add them"
        )

    def format(self) -> str:
        """``"05 ngày làm việc; trường hợp phải xác minh thì không quá 10 ngày làm việc"``."""
        extra = "kéo dài thêm " if self.additional else ""
        return f"{self.base}; trường hợp {self.condition} thì {extra}không quá {self.longer}"


# ---------------------------------------------------------------------- parsing
_NUMBER_WORDS = (
    r"một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mười một|mười hai|mười lăm|hai mươi|"
    r"ba mươi|bốn mươi|bốn mươi lăm|sáu mươi"
)
_UNIT = r"ngày làm việc|ngày|giờ làm việc|giờ"
_DURATION = re.compile(
    r"(?:(?:không quá|tối đa|trong thời hạn|trong vòng|trong|là|thời hạn|thời gian)\s+)*"
    r"(?P<n>\d+(?:[,.]\d+)?)\s*(?:\((?:" + _NUMBER_WORDS + r")\)\s*)?"
    r"(?P<unit>" + _UNIT + r")"
    r"(?P<rest>.*)$"
)
# "kể từ ngày nhận đủ hồ sơ hợp lệ", "kể từ khi nhận được hồ sơ đầy đủ, hợp lệ", "kể từ ngày
# nhận được đề nghị của Trưởng thôn", … : the event, up to the end of the clause.
_SINCE_PHRASE: Final = re.compile(r"kể từ (?P<event>(?:[^,;:.()]|, ?hợp lệ)+)")
_SAME_DAY = re.compile(r"^(?:giải quyết )?(?:ngay )?trong (?:ngày|ngày làm việc)(?P<rest>.*)$")
_CUTOFF = re.compile(r"sau (?P<h>\d{1,2})\s*(?:giờ|h)(?:\s*(?P<m>\d{2})(?:\s*phút)?)?")
_CONDITION = re.compile(
    r"^(?P<base>.+?)\s*[;.,]\s*(?:(?:trong|đối với) )?trường hợp (?P<cond>.+?)\s*,?\s*thì\s+"
    r"(?P<longer>.+)$"
)
_LONGER = re.compile(
    r"^(?:thời (?:hạn|gian)(?: (?:giải quyết|xác minh|nói trên))?\s+)?(?:(?:được|có thể)\s+)?"
    r"(?P<extra>(?:kéo dài|gia hạn)(?: thêm)?\s+)?(?:nhưng\s+)?(?P<rest>.+)$"
)


def _normalise(text: str) -> str:
    s = unicodedata.normalize("NFC", text).strip().lower()
    s = s.replace("\u00a0", " ").replace("–", "-")
    s = re.sub(r"\s+", " ", s)
    s = re.sub(r"^[-+•*]\s*", "", s)  # a bullet
    # The field's own label repeated inside the value: "Thời gian giải quyết: 12 ngày".
    s = re.sub(r"^thời (?:hạn|gian) (?:giải quyết|thực hiện)(?: thủ tục)?\s*:\s*", "", s)
    s = re.sub(r"\s+([,;])", r"\1", s)  # "xác minh , thì"
    return s.rstrip(" ./")  # "…hợp lệ..", "./." (the end-of-document mark)


def _number(raw: str) -> Count:
    if "," in raw or "." in raw:
        whole, _, frac = raw.replace(".", ",").partition(",")
        return Fraction(int(whole or "0") * 10 ** len(frac) + int(frac), 10 ** len(frac))
    return int(raw)


def _since(rest: str, text: str) -> Since | None:
    rest = rest.strip(" ,.;")
    if not rest:
        return None
    m = _SINCE_PHRASE.match(rest)
    if m is None:
        if _ignorable(rest):
            return None
        raise ProcessingTimeParseError(text, f"cannot read {rest!r} after the duration")
    tail = rest[m.end() :].strip(" ,.;")
    if tail and not _ignorable(tail):
        raise ProcessingTimeParseError(text, f"cannot read {tail!r} after the start phrase")
    event = m["event"]
    if "đủ" in event or "hợp lệ" in event:
        return Since.COMPLETE_DOSSIER
    if re.search(r"\b(?:nhận|nộp|thụ lý)\b", event):
        return Since.RECEPTION
    raise ProcessingTimeParseError(
        text, f"the start {m.group(0)!r} is neither the reception nor the complete dossier"
    )


def _ignorable(tail: str) -> bool:
    # Words that restate what the unit already says.
    return bool(re.fullmatch(r"\(?(?:làm việc|hành chính)\)?", tail))


def _duration(part: str, text: str) -> ProcessingTime:
    m = _DURATION.match(part)
    if m is None:
        raise ProcessingTimeParseError(text, "expected a number of ngày/giờ (làm việc)")
    n = _number(m["n"])
    since = _since(m["rest"], text)
    unit = m["unit"]
    try:
        if unit == "ngày làm việc":
            return WorkingDays(n, since)
        if unit == "ngày":
            return CalendarDays(n, since)
        if unit == "giờ làm việc":
            return WorkingHours(n, since)
        return CalendarHours(n, since)
    except InvalidDurationError as exc:
        raise ProcessingTimeParseError(text, str(exc)) from None


def _same_day(rest: str, text: str) -> SameDay:
    rest = rest.strip(" ,.;")
    if not rest or re.fullmatch(r"(?:tiếp nhận|làm việc)?\s*(?:hồ sơ|yêu cầu)?", rest):
        return SameDay(cutoff=None)
    m = _CUTOFF.search(rest)
    next_day = rest.find("tiếp theo")
    if m is None or next_day < 0 or re.search(r"\.\s*\S", rest):
        raise ProcessingTimeParseError(
            text, "expected 'sau <giờ> … ngày làm việc tiếp theo' after 'trong ngày'"
        )
    # The cut-off clause must be the whole rest: a further "; trường hợp …" is a Conditional.
    tail = rest[max(m.end(), next_day + len("tiếp theo")) :].strip(" ,")
    if tail and tail != "hàng ngày":
        raise ProcessingTimeParseError(text, f"cannot read {tail!r} after the cut-off hour")
    return SameDay(cutoff=time(int(m["h"]), int(m["m"] or 0)))


def _single(part: str, text: str) -> ProcessingTime:
    m = _SAME_DAY.match(part)
    if m is not None:
        return _same_day(m["rest"], text)
    return _duration(part, text)


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> ProcessingTime:
    # Values are immutable and catalogues repeat a few phrases thousands of times.
    return _parse(text)


def _parse(text: str) -> ProcessingTime:
    if not isinstance(text, str):
        raise ProcessingTimeParseError(repr(text), "expected a str")
    s = _normalise(text)
    if not s:
        raise ProcessingTimeParseError(text, "the text is empty")
    try:
        return _single(s, text)
    except ProcessingTimeParseError:
        m = _CONDITION.match(s)
        if m is None:
            raise
    base = _single(m["base"], text)
    clause = _LONGER.match(m["longer"])
    assert clause is not None  # the pattern accepts any non-empty text
    longer = _duration(clause["rest"], text)
    try:
        return Conditional(
            base, longer, m["cond"].strip(" ,"), additional=clause["extra"] is not None
        )
    except InvalidDurationError as exc:
        raise ProcessingTimeParseError(text, str(exc)) from None
