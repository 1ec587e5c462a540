"""Explanations of deadlines, clocks and verdicts: text in Vietnamese and English, and a
structured form portals render and test suites assert on."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

import attrs

from hanhchinh.calendar import ExplainedDay
from hanhchinh.legal import LegalReference

__all__ = ["ExplanationStep", "SlaExplanation"]

_WEEKDAY_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAY_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def moment_text(value: datetime | date | None, lang: str) -> str:
    """``Fri 13/02/2026 16:20`` / ``16 giờ 20 Thứ Sáu 13/02/2026``."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        day = value.date()
        if lang == "vi":
            return (
                f"{value.hour:02d} giờ {value.minute:02d} {_WEEKDAY_VI[day.weekday()]} "
                f"{day:%d/%m/%Y}"
            )
        return f"{_WEEKDAY_EN[day.weekday()]} {day:%d/%m/%Y} {value:%H:%M}"
    if lang == "vi":
        return f"{_WEEKDAY_VI[value.weekday()]} {value:%d/%m/%Y}"
    return f"{_WEEKDAY_EN[value.weekday()]} {value:%d/%m/%Y}"


def duration_text(value: timedelta, lang: str) -> str:
    """``2h30`` / ``2 giờ 30 phút`` (working time, never days: days differ in length)."""
    minutes = int(abs(value).total_seconds() // 60)
    h, m = divmod(minutes, 60)
    sign = "-" if value < timedelta(0) else ""
    if lang == "vi":
        return f"{sign}{h} giờ {m:02d} phút"
    return f"{sign}{h}h{m:02d}"


@attrs.frozen(kw_only=True)
class ExplanationStep:
    """One step of an explanation.

    Attributes:
        kind: What the step is: ``"reception"``, ``"time"``, ``"count"``, ``"due"``,
            ``"pause"``, ``"supplement"``, ``"restart"``, ``"reschedule"``, ``"step"``,
            ``"returned"``, ``"verdict"``, ``"status"``.
        text_en, text_vi: The step in words.
        start, end: The instants or dates the step covered (``None`` where it has none).
        days: For counting steps, each day walked over, with what the count did with it and
            the reason and source of each day skipped.
        sources: The legal sources of the step.
    """

    kind: str
    text_en: str
    text_vi: str
    start: datetime | date | None = None
    end: datetime | date | None = None
    days: tuple[ExplainedDay, ...] = ()
    sources: tuple[LegalReference, ...] = ()

    def lines(self, lang: str = "en") -> list[str]:
        """The step as lines of text."""
        out = [f"- {self.text_vi if lang == 'vi' else self.text_en}"]
        if self.sources:
            label = "căn cứ" if lang == "vi" else "source"
            out.append(f"  [{label}: " + "; ".join(str(s) for s in self.sources) + "]")
        out.extend("  " + d.line(lang) for d in self.days)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The step as JSON-ready data (ISO dates, sources as objects)."""
        return {
            "kind": self.kind,
            "text_en": self.text_en,
            "text_vi": self.text_vi,
            "start": _json(self.start),
            "end": _json(self.end),
            "days": [_day(d) for d in self.days],
            "sources": [_source(s) for s in self.sources],
        }


@attrs.frozen(kw_only=True)
class SlaExplanation:
    """How a deadline, a clock or a verdict was reached, step by step.

    ``str(e)`` is English, ``e.text("vi")`` Vietnamese, ``e.to_dict()`` the structured form.

    Attributes:
        title_en, title_vi: What is explained and its result, in one line.
        result: The result (an instant, a verdict, a status).
        steps: The steps, in order.
        notes_en, notes_vi: Anything else worth knowing (statute-only years, a rule that is
            not the legal default).
    """

    title_en: str
    title_vi: str
    result: object
    steps: tuple[ExplanationStep, ...]
    notes_en: tuple[str, ...] = ()
    notes_vi: tuple[str, ...] = ()

    def text(self, lang: str = "en") -> str:
        """The explanation as plain text, ``"en"`` or ``"vi"``."""
        vi = lang == "vi"
        lines = [self.title_vi if vi else self.title_en]
        for step in self.steps:
            lines.extend(step.lines(lang))
        label = "Ghi chú: " if vi else "Note: "
        lines.extend(label + n for n in (self.notes_vi if vi else self.notes_en))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text("en")

    def to_dict(self) -> dict[str, Any]:
        """The explanation as JSON-ready data."""
        return {
            "title_en": self.title_en,
            "title_vi": self.title_vi,
            "result": _json(self.result),
            "steps": [s.to_dict() for s in self.steps],
            "notes_en": list(self.notes_en),
            "notes_vi": list(self.notes_vi),
        }


def _json(value: object) -> object:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return int(value.total_seconds())
    if isinstance(value, Enum):
        return value.value
    return str(value)


def _source(ref: LegalReference) -> dict[str, object]:
    return {
        "document": ref.document,
        "article": ref.article,
        "url": ref.url,
        "confidence": ref.confidence.value,
    }


def _day(d: ExplainedDay) -> dict[str, object]:
    info = d.day
    sources = [_source(x.source) for x in info.days_off if x.source is not None]
    if info.make_up is not None and info.make_up.source is not None:
        sources.append(_source(info.make_up.source))
    return {
        "date": info.date.isoformat(),
        "kind": info.kind.value,
        "ordinal": d.ordinal,
        "counted_seconds": None if d.counted is None else int(d.counted.total_seconds()),
        "skipped": d.ordinal is None and d.counted is None and d.skipped,
        "reason_en": info.reason("en"),
        "reason_vi": info.reason("vi"),
        "sources": sources,
    }
