"""Benchmark [7]: the procedure catalogue, against a plain dict baseline measured in the same run.

A generated catalogue of 5,000 procedures (real-looking names, codes, times and fees) is
written as TOML, JSON and CSV and loaded back; then 1,000,000 lookups by code and by
accent-free name are timed beside the same lookups in a plain ``dict``.
"""

from __future__ import annotations

import csv
import io
import json
import random
import timeit
import tomllib
from collections.abc import Callable
from functools import partial

from hanhchinh.procedures import Catalog, Channel, ChannelTime, Fee, Level, Procedure, fold

NAMES = (
    "Đăng ký khai sinh", "Đăng ký tạm trú", "Chứng thực chữ ký", "Cấp giấy phép xây dựng",
    "Đăng ký hộ kinh doanh", "Trợ cấp xã hội hàng tháng", "Cấp phiếu lý lịch tư pháp",
)  # fmt: skip
TIMES = ("03 ngày làm việc", "Trong ngày; sau 15 giờ thì trong ngày làm việc tiếp theo", "15 ngày")


def generate(n: int, seed: int = 42) -> Catalog:
    """*n* distinct procedures with codes 1.000000 … and names "<base> <k>"."""
    rng = random.Random(seed)
    return Catalog(
        Procedure(
            code=f"1.{k:06d}",
            name=f"{rng.choice(NAMES)} {k}",
            field="Hộ tịch",
            level=rng.choice(list(Level)),
            agency="Ủy ban nhân dân cấp xã",
            source="https://example.invalid/generated",
            channels=(ChannelTime(channel=Channel.IN_PERSON, text=rng.choice(TIMES)),),
            fee=Fee(name="Lệ phí", fixed=rng.randrange(0, 200_000, 1000)),
        )
        for k in range(n)
    )


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _best(fn: Callable[[], object], repeat: int) -> float:
    return min(timeit.repeat(fn, number=1, repeat=repeat))


def run(quick: bool = False) -> None:
    """Print the figures, each beside its anchor, with the ratio."""
    n = 500 if quick else 5_000
    lookups = 20_000 if quick else 1_000_000
    repeat = 2 if quick else 3
    print(f"\n[7] procedure catalogue: {n:,} generated procedures, {lookups:,} lookups")
    catalog = generate(n)
    for kind in ("toml", "json", "csv"):
        text = catalog.dumps(kind)
        ours = _best(partial(Catalog.loads, text, kind), repeat)
        parsers: dict[str, Callable[[str], object]] = {
            "json": json.loads,
            "toml": tomllib.loads,
            "csv": _csv_rows,
        }
        anchor = _best(partial(parsers[kind], text), repeat)
        print(
            f"  load {kind.upper():<4} ({len(text) / 1e6:5.2f} MB)      {ours * 1e3:9.1f} ms   "
            f"anchor: parse only (stdlib) {anchor * 1e3:7.1f} ms   ratio {ours / anchor:5.1f}"
        )
    codes = [f"1.{random.Random(k).randrange(n):06d}" for k in range(lookups)]
    plain = {p.code: p for p in catalog}
    get = catalog.get
    ours = _best(lambda: [get(c) for c in codes], repeat)
    base = _best(lambda: [plain[c] for c in codes], repeat)
    print(
        f"  lookup by code        ours {ours / lookups * 1e9:7.0f} ns   anchor dict "
        f"{base / lookups * 1e9:7.0f} ns   ratio {ours / base:5.2f}"
    )
    names = [fold(catalog.procedures[random.Random(k).randrange(n)].name) for k in range(lookups)]
    by_name = {fold(p.name): p for p in catalog}
    by = catalog.by_name
    ours = _best(lambda: [by(x) for x in names], repeat)
    base = _best(lambda: [by_name[x] for x in names], repeat)
    print(
        f"  lookup by name (folded input)  ours {ours / lookups * 1e9:6.0f} ns   anchor dict "
        f"{base / lookups * 1e9:7.0f} ns   ratio {ours / base:5.2f}  (ours also folds the input)"
    )
    queries = ["dang ky khai sinh 12", "CHUNG THUC chu ky 4999"] * (100 if quick else 500)
    ours = _best(lambda: [catalog.search(q) for q in queries], repeat)
    print(f"  search (substring, {n:,} names)  {ours / len(queries) * 1e6:9.1f} µs/query")


if __name__ == "__main__":
    run()
