"""Fees and charges (phí, lệ phí) in whole đồng."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum

import attrs

from hanhchinh.errors import InvalidFeeError
from hanhchinh.legal import LegalReference

__all__ = ["Channel", "Exemption", "Fee", "FeeUnit", "Tier"]


class Channel(Enum):
    """How a dossier is submitted (Nghị định 118/2025/NĐ-CP, Điều 15–16)."""

    IN_PERSON = "in_person"  # trực tiếp
    POST = "post"  # qua dịch vụ bưu chính
    ONLINE_FULL = "online_full"  # trực tuyến toàn trình
    ONLINE_PARTIAL = "online_partial"  # trực tuyến một phần

    @property
    def is_online(self) -> bool:
        """Whether the channel is one of the online ones."""
        return self in (Channel.ONLINE_FULL, Channel.ONLINE_PARTIAL)


class FeeUnit(Enum):
    """What a fee is charged per: a case (hồ sơ, việc), a page (trang) or a copy (bản)."""

    CASE = "case"
    PAGE = "page"
    COPY = "copy"


def _dong(name: str) -> Callable[[object, attrs.Attribute[int], int], None]:
    def check(_: object, attribute: attrs.Attribute[int], value: int) -> None:
        if type(value) is not int or value < 0:
            raise InvalidFeeError(f"{name}.{attribute.name}", value, "a whole number of đồng >= 0")

    return check


def _optional_dong(_: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and (type(value) is not int or value < 0):
        raise InvalidFeeError(attribute.name, value, "a whole number of đồng >= 0, or None")


@attrs.frozen
class Tier:
    """An amount per unit for units *first* to *last* (both included; ``None``: no end).

    >>> Tier(1, 2, 2000), Tier(3, None, 1000)
    (Tier(first=1, last=2, amount=2000), Tier(first=3, last=None, amount=1000))
    """

    first: int
    last: int | None
    amount: int = attrs.field(validator=_dong("tier"))

    def __attrs_post_init__(self) -> None:
        if type(self.first) is not int or self.first < 1:
            raise InvalidFeeError("tier.first", self.first, "a unit number >= 1")
        if self.last is not None and (type(self.last) is not int or self.last < self.first):
            raise InvalidFeeError("tier.last", self.last, f"None or a number >= {self.first}")


@attrs.frozen
class Exemption:
    """Who does not pay (được miễn), with the source that says so."""

    who: str
    basis: LegalReference | None = None


def _tiers(value: Iterable[Tier]) -> tuple[Tier, ...]:
    tiers = tuple(value)
    expected = 1
    for tier in tiers:
        if tier.first != expected:
            raise InvalidFeeError(
                "tiers", tiers, f"tiers in order without gaps or overlaps, the next from {expected}"
            )
        if tier.last is None:
            if tier is not tiers[-1]:
                raise InvalidFeeError("tiers", tiers, "only the last tier open-ended")
            break
        expected = tier.last + 1
    return tiers


def _exemptions(value: Iterable[Exemption]) -> tuple[Exemption, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Fee:
    """A fee or charge (phí, lệ phí), in whole đồng.

    Fixed (``amount`` per case), per unit (``unit=PAGE`` or ``COPY``), tiered by unit with a
    cap per copy (``tiers``, ``cap``), reduced when filed online (``online_amount``), and
    with the people exempt (``exemptions``). ``text`` keeps the wording of the source.

    Many national records leave the amount to each province ("Mức lệ phí cụ thể do Hội đồng
    nhân dân tỉnh quyết định", Thông tư 85/2019/TT-BTC): such a fee has ``set_by`` naming the
    body, no amount of its own, and :meth:`amount` refuses to answer rather than say 0.

    The certification fee for copies (Thông tư 226/2016/TT-BTC, as quoted by domain.md):

    >>> copies = Fee(name="Phí chứng thực bản sao từ bản chính", unit=FeeUnit.PAGE,
    ...              tiers=(Tier(1, 2, 2000), Tier(3, None, 1000)), cap=200_000)
    >>> copies.amount(pages=5)            # 2 × 2,000 + 3 × 1,000
    7000
    >>> copies.amount(pages=400, copies=2)  # capped at 200,000 per copy
    400000
    """

    name: str
    text: str = ""
    unit: FeeUnit = FeeUnit.CASE
    fixed: int = attrs.field(default=0, validator=_dong("fee"))
    tiers: tuple[Tier, ...] = attrs.field(default=(), converter=_tiers)
    cap: int | None = attrs.field(default=None, validator=_optional_dong)
    online_amount: int | None = attrs.field(default=None, validator=_optional_dong)
    exemptions: tuple[Exemption, ...] = attrs.field(default=(), converter=_exemptions)
    basis: LegalReference | None = None
    set_by: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.set_by is not None and (
            self.fixed or self.tiers or self.online_amount is not None or not self.set_by.strip()
        ):
            raise InvalidFeeError(
                "set_by", self.set_by, "a named body, and no amount of the fee's own beside it"
            )
        if self.tiers and self.unit is FeeUnit.CASE:
            raise InvalidFeeError("tiers", self.tiers, "unit=PAGE or COPY for a tiered fee")
        if self.tiers and self.tiers[-1].last is not None:
            raise InvalidFeeError("tiers", self.tiers, "a last tier with last=None (no end)")

    @property
    def is_free(self) -> bool:
        """Whether nothing is charged (``fixed`` 0, no tiers, not left to another body)."""
        return self.fixed == 0 and not self.tiers and not self.online_amount and not self.set_by

    def amount(
        self,
        *,
        pages: int = 1,
        copies: int = 1,
        channel: Channel = Channel.IN_PERSON,
        exempt: bool = False,
    ) -> int:
        """The amount due, in đồng.

        Args:
            pages: Pages per copy (for ``unit=PAGE``).
            copies: Copies (for ``unit=PAGE`` and ``COPY``).
            channel: How the dossier was filed; an online filing pays ``online_amount`` per
                unit when the fee has one.
            exempt: The applicant belongs to one of :attr:`exemptions`; raises if the fee
                lists none.

        Raises:
            InvalidFeeError: For pages or copies below 1, or ``exempt`` with no exemptions.
        """
        for name, value in (("pages", pages), ("copies", copies)):
            if type(value) is not int or value < 1:
                raise InvalidFeeError(name, value, "a whole number >= 1")
        if not isinstance(channel, Channel):
            raise InvalidFeeError("channel", channel, "a Channel, e.g. Channel.ONLINE_FULL")
        if exempt:  # an exemption holds whoever sets the amount
            if not self.exemptions:
                raise InvalidFeeError(
                    "exempt", exempt, f"a fee that lists who is exempt ({self.name!r} lists none)"
                )
            return 0
        if self.set_by is not None:
            raise InvalidFeeError(
                "amount",
                self.name,
                f"the amount {self.set_by} sets: load a catalogue with that fee "
                "(Catalog.load) or use Fee(fixed=...)",
            )
        per_unit = self.fixed
        if channel.is_online and self.online_amount is not None:
            per_unit = self.online_amount
        if self.unit is FeeUnit.CASE:
            return per_unit
        units = pages if self.unit is FeeUnit.PAGE else copies
        if self.tiers and not (channel.is_online and self.online_amount is not None):
            per_copy = 0
            for tier in self.tiers:
                last = units if tier.last is None else min(tier.last, units)
                if last >= tier.first:
                    per_copy += (last - tier.first + 1) * tier.amount
        else:
            per_copy = units * per_unit
        if self.unit is FeeUnit.COPY:
            return per_copy if self.cap is None else min(per_copy, self.cap)
        if self.cap is not None:
            per_copy = min(per_copy, self.cap)
        return per_copy * copies
