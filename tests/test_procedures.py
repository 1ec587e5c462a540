"""Processing times, fees, procedure records and the catalogue."""

from __future__ import annotations

from datetime import date, time
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given

from hanhchinh.errors import (
    CatalogFileError,
    InvalidDurationError,
    InvalidFeeError,
    ProcedureRecordError,
    ProcessingTimeParseError,
    UnknownProcedureError,
)
from hanhchinh.procedures import (
    CalendarDays,
    Catalog,
    Channel,
    ChannelTime,
    Conditional,
    Exemption,
    Fee,
    FeeUnit,
    Level,
    Procedure,
    ProcessingTime,
    SameDay,
    Since,
    Step,
    Tier,
    WorkingDays,
    WorkingHours,
    fold,
)
from hanhchinh.testing import catalogs, processing_times

SAMPLE = Path(__file__).parent / "data" / "sample_catalog.toml"


# ---------------------------------------------------------------- processing times
@given(processing_times())
def test_parse_of_format_is_identity(value: ProcessingTime) -> None:
    assert ProcessingTime.parse(str(value)) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("03 ngày làm việc", WorkingDays(3)),
        ("0,5 ngày làm việc", WorkingDays(Fraction(1, 2))),
        ("1,25 ngày", CalendarDays(Fraction(5, 4))),
        ("08 giờ làm việc", WorkingHours(8)),
        ("05 (năm) ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ, hợp lệ",
         WorkingDays(5, Since.COMPLETE_DOSSIER)),
        ("Trong ngày", SameDay(cutoff=None)),
        ("Trong ngày; sau 16 giờ 30 thì trong ngày làm việc tiếp theo", SameDay(time(16, 30))),
        ("05 ngày làm việc; trường hợp phải xác minh thì không quá 10 ngày làm việc",
         Conditional(WorkingDays(5), WorkingDays(10), "phải xác minh")),
    ],
)  # fmt: skip
def test_parse_examples(text: str, value: ProcessingTime) -> None:
    assert ProcessingTime.parse(text) == value


def test_conditional_longest() -> None:
    extra = ProcessingTime.parse(
        "03 ngày làm việc; trường hợp cần xác minh thì kéo dài thêm không quá 05 ngày làm việc"
    )
    assert isinstance(extra, Conditional)
    assert extra.longest() == WorkingDays(8)
    plain = Conditional(WorkingDays(5), WorkingDays(10), "phải xác minh")
    assert plain.longest() == WorkingDays(10)
    mixed = Conditional(WorkingDays(5), CalendarDays(10), "phải xác minh", additional=True)
    with pytest.raises(InvalidDurationError, match="the same unit as the base time"):
        mixed.longest()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "n=0 is not allowed; expected a duration > 0"),
        (-3, "n=-3 is not allowed; expected a duration > 0"),
        (1.5, "n=1.5 is not allowed; expected an int or a fractions.Fraction (never a float)"),
        (Fraction(1, 3), "n=Fraction(1, 3) is not allowed; expected a number with a finite"),
    ],
)
def test_bad_counts(value: object, message: str) -> None:
    with pytest.raises(InvalidDurationError) as info:
        WorkingDays(value)
    assert str(info.value).startswith(message)


def test_unreadable_phrases_are_quoted() -> None:
    with pytest.raises(ProcessingTimeParseError) as info:
        ProcessingTime.parse("mấy hôm")
    assert str(info.value) == (
        "cannot read the processing time 'mấy hôm': expected a number of ngày/giờ (làm việc)"
    )
    with pytest.raises(ProcessingTimeParseError, match=r"'0 ngày'.*duration > 0"):
        ProcessingTime.parse("0 ngày")
    with pytest.raises(ProcessingTimeParseError, match="the text is empty"):
        ProcessingTime.parse("  ")


# ---------------------------------------------------------------- fees
COPIES = Fee(
    name="Phí chứng thực bản sao từ bản chính",
    unit=FeeUnit.PAGE,
    tiers=(Tier(1, 2, 2000), Tier(3, None, 1000)),
    cap=200_000,
)


@pytest.mark.parametrize(
    ("pages", "copies", "amount"),
    [
        (1, 1, 2000),
        (2, 1, 4000),
        (3, 1, 5000),  # 2 × 2,000 + 1 × 1,000
        (10, 3, 36000),  # (4,000 + 8 × 1,000) × 3
        (197, 1, 199000),
        (198, 1, 200000),
        (500, 2, 400000),  # the cap, 200,000 per copy
    ],
)
def test_certification_fee(pages: int, copies: int, amount: int) -> None:
    assert COPIES.amount(pages=pages, copies=copies) == amount


def test_a_fee_set_by_the_province_has_no_amount_of_its_own() -> None:
    fee = Fee(name="Lệ phí đăng ký hộ kinh doanh", set_by="Hội đồng nhân dân cấp tỉnh")
    assert not fee.is_free
    with pytest.raises(InvalidFeeError) as info:
        fee.amount()
    assert str(info.value) == (
        "amount='Lệ phí đăng ký hộ kinh doanh' is not allowed; expected the amount Hội đồng nhân "
        "dân cấp tỉnh sets: load a catalogue with that fee (Catalog.load) or use Fee(fixed=...)"
    )
    with pytest.raises(InvalidFeeError, match="no amount of the fee's own"):
        Fee(name="x", fixed=1000, set_by="Hội đồng nhân dân cấp tỉnh")
    exempt = Fee(name="x", set_by="HĐND tỉnh", exemptions=(Exemption("khai sinh đúng hạn"),))
    assert exempt.amount(exempt=True) == 0


def test_fixed_online_and_exempt_fees() -> None:
    fee = Fee(
        name="Lệ phí",
        fixed=100_000,
        online_amount=50_000,
        exemptions=(Exemption("người có công"),),
    )
    assert fee.amount() == 100_000
    assert fee.amount(channel=Channel.ONLINE_FULL) == 50_000
    assert fee.amount(channel=Channel.POST) == 100_000
    assert fee.amount(exempt=True) == 0
    per_copy = Fee(name="Phí cấp bản sao", unit=FeeUnit.COPY, fixed=8000)
    assert per_copy.amount(copies=3) == 24000
    with pytest.raises(InvalidFeeError, match="lists none"):
        per_copy.amount(exempt=True)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Fee(name="x", fixed=-1), "fee.fixed=-1 is not allowed"),
        (lambda: Fee(name="x", fixed=1.5), "fee.fixed=1.5 is not allowed"),  # type: ignore[arg-type]
        (lambda: Tier(0, 2, 10), "tier.first=0 is not allowed"),
        (lambda: Tier(3, 2, 10), "tier.last=2 is not allowed"),
        (
            lambda: Fee(name="x", unit=FeeUnit.PAGE, tiers=(Tier(1, 2, 1), Tier(4, None, 1))),
            "expected tiers in order without gaps or overlaps, the next from 3",
        ),
        (
            lambda: Fee(name="x", tiers=(Tier(1, None, 1),)),
            "expected unit=PAGE or COPY for a tiered fee",
        ),
        (lambda: COPIES.amount(pages=0), "pages=0 is not allowed; expected a whole number >= 1"),
    ],
)
def test_bad_fees(build: object, message: str) -> None:
    with pytest.raises(InvalidFeeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        build()  # type: ignore[operator]


# ---------------------------------------------------------------- procedures
def _procedure(**changes: object) -> Procedure:
    fields: dict[str, object] = {
        "name": "Đăng ký thành lập hộ kinh doanh",
        "field": "Hộ kinh doanh",
        "level": Level.COMMUNE,
        "agency": "UBND cấp xã",
        "source": "https://example.invalid",
        "channels": (ChannelTime(channel=Channel.IN_PERSON, text="03 ngày làm việc"),),
    }
    fields.update(changes)
    return Procedure(**fields)  # type: ignore[arg-type]


def test_steps_must_add_up_to_the_processing_time() -> None:
    ok = _procedure(
        steps=(
            Step(name="Tiếp nhận", text="0,5 ngày làm việc"),
            Step(name="Thẩm định", text="02 ngày làm việc"),
            Step(name="Trả kết quả", text="04 giờ làm việc"),
        )
    )
    assert len(ok.steps) == 3
    with pytest.raises(ProcedureRecordError) as info:
        _procedure(steps=(Step(name="Thẩm định", text="02 ngày làm việc"),))
    assert str(info.value) == (
        "procedure 'Đăng ký thành lập hộ kinh doanh', field 'steps': '2 ngày làm việc in all' is "
        "invalid; expected steps adding up to the processing time 03 ngày làm việc"
    )


def test_procedure_record_checks() -> None:
    with pytest.raises(ProcedureRecordError, match="at least one channel"):
        _procedure(channels=())
    twice = ChannelTime(channel=Channel.IN_PERSON, text="03 ngày làm việc")
    with pytest.raises(ProcedureRecordError, match="each channel once"):
        _procedure(channels=(twice, twice))
    with pytest.raises(ProcedureRecordError, match=r"'1\.1193' is invalid"):
        _procedure(code="1.1193")
    with pytest.raises(ProcedureRecordError, match="on or after valid_from"):
        _procedure(valid_from=date(2025, 7, 1), valid_to=date(2025, 6, 30))
    p = _procedure(valid_to=date(2025, 6, 30))
    assert p.is_valid_on(date(2025, 6, 30))
    assert not p.is_valid_on(date(2025, 7, 1))
    with pytest.raises(
        ProcedureRecordError, match="'online_full' is invalid; expected one of: in_person"
    ):
        p.processing_time(Channel.ONLINE_FULL)


# ---------------------------------------------------------------- catalogue
def test_sample_catalogue_lookups() -> None:
    catalog = Catalog.load(SAMPLE)
    assert len(catalog) == 2
    copies = catalog["2.000815"]
    assert copies.fee is not None
    assert copies.fee.amount(pages=5) == 7000
    assert catalog.search("ho kinh doanh")[0].code is None
    assert catalog.by_name("dang ky thanh lap ho kinh doanh")[0].chain == ("Cơ quan thuế",)
    assert [p.name for p in catalog.filter(channel=Channel.ONLINE_FULL)] == [
        "Đăng ký thành lập hộ kinh doanh"
    ]
    assert len(catalog.filter(field="chung thuc")) == 1
    assert len(catalog.filter(level=Level.PROVINCE)) == 0
    assert "2.000815" in catalog
    with pytest.raises(UnknownProcedureError) as info:
        catalog["2.000851"]
    assert str(info.value) == (
        "no procedure with code '2.000851' in the catalogue; closest: 2.000815 Chứng thực bản sao "
        "từ bản chính giấy tờ, văn bản"
    )
    assert isinstance(info.value, KeyError)


def test_fold_ignores_diacritics_and_case() -> None:
    assert fold("Đăng Ký KHAI SINH") == fold("dang ky khai sinh") == "dang ky khai sinh"


@given(catalogs())
def test_catalogue_round_trips_through_every_format(catalog: Catalog) -> None:
    for kind in ("toml", "json"):
        assert Catalog.loads(catalog.dumps(kind), kind) == catalog
    if all(c.reading is None and c.fee is None for p in catalog for c in p.channels):
        assert Catalog.loads(catalog.dumps("csv"), "csv") == catalog
    else:  # CSV has one cell per channel: no room for a reading or a channel's own fee
        with pytest.raises(CatalogFileError, match="only in TOML or JSON catalogues"):
            catalog.dumps("csv")


def test_a_reading_is_parsed_and_the_wording_kept() -> None:
    c = ChannelTime(
        channel=Channel.IN_PERSON,
        text="Trong ngày cơ quan tiếp nhận yêu cầu. Trường hợp trả kết quả sau thì có phiếu hẹn.",
        reading="Trong ngày",
    )
    assert c.processing_time == SameDay(cutoff=None)
    assert c.text.startswith("Trong ngày cơ quan")
    with pytest.raises(ProcessingTimeParseError):
        ChannelTime(channel=Channel.IN_PERSON, text=c.text)


def test_write_and_load_files(tmp_path: Path) -> None:
    catalog = Catalog.load(SAMPLE)
    for suffix in ("toml", "json", "csv"):
        path = tmp_path / f"c.{suffix}"
        catalog.write(path)
        assert Catalog.load(path) == catalog


BAD_TOML = [
    (
        'level = "district"\n',
        'level = "county"\n',
        7,
        "level",
        "commune, district, province or ministry",
    ),
    ('agency = "UBND"\n', 'agency = "UBND"\ncolour = "red"\n', 9, "colour", "one of the fields"),
    (
        'processing_time = "03 ngày làm việc"\n',
        'processing_time = "ba hôm"\n',
        13,
        "channels[0].processing_time",
        "cannot read the processing time 'ba hôm'",
    ),
    ('channel = "in_person"\n', 'channel = "fax"\n', 12, "channels[0].channel", "in_person, post"),
]
GOOD_TOML = """schema_version = 1

[[procedure]]
code = "1.000001"
name = "A"
field = "F"
level = "district"
agency = "UBND"
source = "https://example.invalid"

[[procedure.channels]]
channel = "in_person"
processing_time = "03 ngày làm việc"
"""


@pytest.mark.parametrize(("old", "new", "line", "field", "expected"), BAD_TOML)
def test_malformed_toml_names_file_line_and_field(
    old: str, new: str, line: int, field: str, expected: str
) -> None:
    assert Catalog.loads(GOOD_TOML, "toml").procedures[0].level is Level.DISTRICT
    with pytest.raises(CatalogFileError) as info:
        Catalog.loads(GOOD_TOML.replace(old, new), "toml", "province.toml")
    error = info.value
    assert (error.file, error.line, error.field) == ("province.toml", line, field)
    assert str(error).startswith(f"province.toml, line {line}, field {field!r}: ")
    assert expected in str(error)


def test_duplicate_codes_and_missing_fields() -> None:
    twice = GOOD_TOML + GOOD_TOML.split("\n", 2)[2]
    with pytest.raises(CatalogFileError) as info:
        Catalog.loads(twice, "toml", "twice.toml")
    assert str(info.value) == (
        "twice.toml, line 15, field 'code': '1.000001' is invalid; expected a code not already "
        "used (first used on line 4)"
    )
    with pytest.raises(CatalogFileError, match=r"line 3, field 'source'.*the field 'source'"):
        Catalog.loads(
            GOOD_TOML.replace('source = "https://example.invalid"\n', ""), "toml", "x.toml"
        )
    assert (
        Catalog.loads(GOOD_TOML.replace('agency = "UBND"\n', ""), "toml").procedures[0].agency == ""
    )
    with pytest.raises(CatalogFileError, match="schema_version = 1"):
        Catalog.loads(GOOD_TOML.replace("schema_version = 1", "schema_version = 2"), "toml")
    with pytest.raises(CatalogFileError, match=r"x.toml, line 4: .* expected valid TOML"):
        Catalog.loads(GOOD_TOML.replace('code = "1.000001"', "code = "), "toml", "x.toml")


def test_malformed_json_and_csv() -> None:
    catalog = Catalog.loads(GOOD_TOML, "toml")
    text = catalog.dumps("json").replace('"level": "district"', '"level": "county"')
    with pytest.raises(CatalogFileError) as info:
        Catalog.loads(text, "json", "c.json")
    assert (info.value.line, info.value.field) == (
        8,
        "level",
    )  # after {, version, [, {, code, name, field
    with pytest.raises(CatalogFileError, match=r"c.json, line 1: .*valid JSON"):
        Catalog.loads("{", "json", "c.json")
    rows = catalog.dumps("csv").replace("03 ngày làm việc", "ba hôm")
    with pytest.raises(
        CatalogFileError, match=r"c.csv, line 2, field 'channels\[0\].processing_time'"
    ):
        Catalog.loads(rows, "csv", "c.csv")
    with pytest.raises(CatalogFileError, match=r"c\.csv, line 1, field 'colour'"):
        Catalog.loads("colour\nred\n", "csv", "c.csv")
    with pytest.raises(CatalogFileError, match=r"a \.toml, \.json or \.csv file"):
        Catalog.load("catalog.xlsx")
