"""The shipped catalogue: every record sourced, and spot checks against the legal texts."""

from __future__ import annotations

from hanhchinh.procedures import Catalog, Channel, WorkingDays
from hanhchinh.procedures._procedure import CODE_PATTERN

CATALOG = Catalog.default()


def test_at_least_25_real_procedures_each_with_its_source() -> None:
    assert len(CATALOG) >= 25
    for p in CATALOG:
        assert p.source.startswith(("http://", "https://")), p.name
        assert p.code is None or CODE_PATTERN.fullmatch(p.code), p.code
        assert p.channels, p.name
        assert all(c.text.strip() for c in p.channels), p.name


def test_at_least_25_records_are_complete() -> None:
    """Name, field, level, agency, a time per channel, fee, legal basis and source: the
    fields issue #4 asks every shipped record for."""
    complete = [p for p in CATALOG if p.field and p.agency and p.fee is not None and p.legal_basis]
    assert len(complete) >= 25


def test_records_without_a_code_say_why() -> None:
    for p in CATALOG:
        if p.code is None:
            assert p.note, p.name


def test_residence_fees_follow_circular_75_2022() -> None:
    """Thông tư 75/2022/TT-BTC: permanent residence 20,000 đ (10,000 đ online), temporary
    residence 15,000 đ (7,000 đ online)."""
    permanent = CATALOG["1.004222"]
    temporary = CATALOG["1.004194"]
    for record, paper, online in ((permanent, 20_000, 10_000), (temporary, 15_000, 7_000)):
        fee = record.fee_for(Channel.ONLINE_PARTIAL)
        assert fee is not None
        assert fee.amount(channel=Channel.IN_PERSON) == paper
        assert fee.amount(channel=Channel.ONLINE_PARTIAL) == online
    assert permanent.processing_time() == WorkingDays(7)  # Luật Cư trú 2020, Điều 22
    assert temporary.processing_time() == WorkingDays(3)  # Luật Cư trú 2020, Điều 28


def test_household_split_and_residence_extension_records() -> None:
    """As read in the national record copies (data/Data_DVC/1.010038.txt, 1.002755.txt):
    Tách hộ 05 ngày làm việc, 10.000 đ in person and 5.000 đ online per lần đăng ký; Gia hạn
    tạm trú 03 ngày làm việc, 15.000 đ / 7.000 đ (Thông tư 75/2022/TT-BTC household rates)."""
    split = CATALOG["1.010038"]
    extend = CATALOG["1.002755"]
    for record, days, paper, online in ((split, 5, 10_000, 5_000), (extend, 3, 15_000, 7_000)):
        assert record.agency == "Công an cấp Xã"
        assert record.channel_names == (Channel.IN_PERSON, Channel.ONLINE_PARTIAL)
        for channel in record.channel_names:
            assert record.processing_time(channel).n == days  # type: ignore[attr-defined]
        fee = record.fee_for(Channel.IN_PERSON)
        assert fee is not None
        assert fee.amount(channel=Channel.IN_PERSON) == paper
        assert fee.amount(channel=Channel.ONLINE_PARTIAL) == online


def test_certification_of_copies_fee() -> None:
    """2,000 đ a page for pages 1-2, 1,000 đ from page 3, at most 200,000 đ a copy
    (domain.md, "Procedures")."""
    fee = CATALOG["2.000815"].fee
    assert fee is not None
    assert fee.amount(pages=1) == 2_000
    assert fee.amount(pages=5) == 7_000
    assert fee.amount(pages=1_000, copies=2) == 400_000
