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


def test_certification_of_copies_fee() -> None:
    """2,000 đ a page for pages 1-2, 1,000 đ from page 3, at most 200,000 đ a copy
    (domain.md, "Procedures")."""
    fee = CATALOG["2.000815"].fee
    assert fee is not None
    assert fee.amount(pages=1) == 2_000
    assert fee.amount(pages=5) == 7_000
    assert fee.amount(pages=1_000, copies=2) == 400_000
