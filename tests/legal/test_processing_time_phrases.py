"""Every processing-time phrase collected from published records (tests/legal/
processing_time_phrases.csv): read into the hand-written expected value, or refused."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from hanhchinh.errors import ProcessingTimeParseError
from hanhchinh.procedures import ProcessingTime

TABLE = Path(__file__).with_name("processing_time_phrases.csv")


def _rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


ROWS = _rows()


def test_the_table_has_at_least_40_readable_phrases_with_sources() -> None:
    readable = [r for r in ROWS if r["expected"] != "error"]
    assert len(readable) >= 40
    assert all(r["source_url"].startswith("http") for r in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[f"phrase{k}" for k in range(len(ROWS))])
def test_each_phrase(row: dict[str, str]) -> None:
    if row["expected"] == "error":
        with pytest.raises(ProcessingTimeParseError) as info:
            ProcessingTime.parse(row["phrase"])
        assert info.value.text == row["phrase"]  # the message quotes the text as given
        assert repr(row["phrase"]) in str(info.value)
    else:
        value = ProcessingTime.parse(row["phrase"])
        assert str(value) == row["expected"]
        assert ProcessingTime.parse(row["expected"]) == value
