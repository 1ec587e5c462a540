"""Procedure records (thủ tục hành chính): who does what, in how long, for how much."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from enum import Enum
from fractions import Fraction
from typing import Final, cast

import attrs

from hanhchinh.errors import ProcedureRecordError
from hanhchinh.legal import LegalReference
from hanhchinh.procedures._fee import Channel, Fee
from hanhchinh.procedures._time import (
    CalendarDays,
    Conditional,
    ProcessingTime,
    WorkingDays,
    WorkingHours,
)

__all__ = ["ChannelTime", "Level", "Procedure", "Step"]

#: A national code (mã thủ tục) "1.001193", optionally with a local suffix, long
#: ".000.00.00.H37" or short ".H42" as provincial portals print them (H37 = Lạng Sơn).
CODE_PATTERN: Final = re.compile(r"\d\.\d{6}(?:\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}|\.[A-Z]\d{2})?")
#: Hours in a working day, to add steps given in days and in hours (a 40-hour, 5-day week:
#: Quyết định 188/1999/QĐ-TTg, Điều 1).
HOURS_PER_WORKING_DAY: Final = 8


class Level(Enum):
    """The level that carries out a procedure (cấp thực hiện).

    There is no district level from 1 July 2025 (two-tier local government); ``DISTRICT`` is
    kept for records valid before that date.
    """

    COMMUNE = "commune"  # cấp xã
    DISTRICT = "district"  # cấp huyện, until 30 June 2025
    PROVINCE = "province"  # cấp tỉnh
    MINISTRY = "ministry"  # cấp bộ, trung ương


@attrs.frozen(kw_only=True)
class ChannelTime:
    """One channel a procedure is offered on, its processing time as written, and its fee
    when the record gives a different one for that channel.

    ``text`` is the record's wording, verbatim. Where that wording wraps one processing time
    in further sentences (who may ask, what the appointment slip says), ``reading`` is the
    catalogue's own transcription of it as one phrase, and is what is parsed; it is marked as
    ours wherever it is shown.
    """

    channel: Channel
    text: str
    reading: str | None = None
    processing_time: ProcessingTime = attrs.field()
    fee: Fee | None = None

    @processing_time.default
    def _parse_text(self) -> ProcessingTime:
        return ProcessingTime.parse(self.text if self.reading is None else self.reading)


@attrs.frozen(kw_only=True)
class Step:
    """An internal step (bước) and the time allocated to it."""

    name: str
    text: str
    time: ProcessingTime = attrs.field()

    @time.default
    def _parse_text(self) -> ProcessingTime:
        return ProcessingTime.parse(self.text)


def _in_hours(value: ProcessingTime) -> Fraction | None:
    base = value.base if isinstance(value, Conditional) else value
    if isinstance(base, WorkingDays):
        return Fraction(base.n) * HOURS_PER_WORKING_DAY
    if isinstance(base, WorkingHours):
        return Fraction(base.n)
    return None


def _steps(value: Iterable[Step]) -> tuple[Step, ...]:
    return tuple(value)


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _references(value: Iterable[LegalReference]) -> tuple[LegalReference, ...]:
    return tuple(value)


_CHANNEL_ORDER: Final = {c: k for k, c in enumerate(Channel)}


def _channels(value: Iterable[ChannelTime]) -> tuple[ChannelTime, ...]:
    # A canonical order (in person, post, online full, online partial): a record's order
    # carries no meaning, and every file format then writes and reads the same value.
    return tuple(sorted(value, key=lambda c: _CHANNEL_ORDER.get(c.channel, 99)))


def _code(_: object, __: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and (not isinstance(value, str) or not CODE_PATTERN.fullmatch(value)):
        raise ProcedureRecordError(
            "?", "code", value, "a code such as '1.001193' or '1.001193.000.00.00.H37', or None"
        )


@attrs.frozen(kw_only=True)
class Procedure:
    """A procedure record (Nghị định 63/2010/NĐ-CP, Điều 8(2)): name, channels and times,
    fee, steps, agencies, legal basis, and the source it was read from.

    ``code`` is ``None`` where no source showed the national code; ``field`` and ``agency``
    are empty where the source page did not show them (the ``note`` says so). ``valid_from`` and
    ``valid_to`` bound the dates the record applies to (levels and agencies changed on
    1 July 2025).

    Raises:
        ProcedureRecordError: If the steps do not add up to the processing time, there is
            no channel, a channel appears twice, or the validity dates are reversed.
    """

    name: str
    field: str
    level: Level
    agency: str
    source: str
    channels: tuple[ChannelTime, ...] = attrs.field(converter=_channels)
    code: str | None = attrs.field(default=None, validator=_code)
    fee: Fee | None = None
    steps: tuple[Step, ...] = attrs.field(default=(), converter=_steps)
    chain: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    legal_basis: tuple[LegalReference, ...] = attrs.field(default=(), converter=_references)
    valid_from: date | None = None
    valid_to: date | None = None
    note: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.channels:
            raise ProcedureRecordError(self.name, "channels", (), "at least one channel")
        seen = [c.channel for c in self.channels]
        if len(set(seen)) != len(seen):
            raise ProcedureRecordError(
                self.name, "channels", [c.value for c in seen], "each channel once"
            )
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ProcedureRecordError(
                self.name, "valid_to", self.valid_to.isoformat(), "a date on or after valid_from"
            )
        if self.steps:
            self._check_steps()

    def _check_steps(self) -> None:
        total = self.channels[0].processing_time
        total_hours = _in_hours(total)
        parts = [_in_hours(s.time) for s in self.steps]
        if total_hours is None or any(p is None for p in parts):
            if isinstance(total, CalendarDays) and all(
                isinstance(s.time, CalendarDays) for s in self.steps
            ):
                got = sum((Fraction(cast(CalendarDays, s.time).n) for s in self.steps), Fraction(0))
                if got != Fraction(total.n):
                    raise ProcedureRecordError(
                        self.name,
                        "steps",
                        f"{got} ngày",
                        f"steps adding up to the processing time {total}",
                    )
                return
            raise ProcedureRecordError(
                self.name,
                "steps",
                "; ".join(s.text for s in self.steps),
                f"steps in working days/hours (or calendar days) to add up to {total}",
            )
        got_hours = sum((p for p in parts if p is not None), Fraction(0))
        if got_hours != total_hours:
            days = got_hours / HOURS_PER_WORKING_DAY
            shown = str(days) if days.denominator != 1 else str(int(days))
            raise ProcedureRecordError(
                self.name,
                "steps",
                f"{shown} ngày làm việc in all",
                f"steps adding up to the processing time {total}",
            )

    @property
    def channel_names(self) -> tuple[Channel, ...]:
        """The channels the procedure is offered on."""
        return tuple(c.channel for c in self.channels)

    def processing_time(self, channel: Channel | None = None) -> ProcessingTime:
        """The processing time on *channel* (default: the first channel offered, in the order
        in person, post, online full, online partial).

        Raises:
            ProcedureRecordError: If the procedure is not offered on *channel*.
        """
        return self._channel(channel).processing_time

    def fee_for(self, channel: Channel | None = None) -> Fee | None:
        """The fee on *channel*: the channel's own if the record gives one, else the
        procedure's."""
        own = self._channel(channel).fee
        return own if own is not None else self.fee

    def _channel(self, channel: Channel | None) -> ChannelTime:
        if channel is None:
            return self.channels[0]
        for c in self.channels:
            if c.channel is channel:
                return c
        offered = ", ".join(c.channel.value for c in self.channels)
        raise ProcedureRecordError(self.name, "channel", channel.value, f"one of: {offered}")

    def is_valid_on(self, day: date) -> bool:
        """Whether the record applies on *day*."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )
