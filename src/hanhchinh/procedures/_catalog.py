"""The catalogue: procedures by code and by name; read from and written to TOML, JSON and CSV."""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import lru_cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any, Final

import attrs

from hanhchinh.errors import (
    CatalogFileError,
    HanhChinhError,
    ProcedureRecordError,
    UnknownProcedureError,
)
from hanhchinh.legal import LegalReference
from hanhchinh.procedures._fee import Channel, Exemption, Fee, FeeUnit, Tier
from hanhchinh.procedures._procedure import ChannelTime, Level, Procedure, Step

__all__ = ["SCHEMA_VERSION", "Catalog", "fold"]

#: The version of the catalogue file format this library reads and writes.
SCHEMA_VERSION: Final = 1

_PROCEDURE_KEYS: Final = (
    "code", "name", "field", "level", "agency", "valid_from", "valid_to", "source", "note",
    "chain", "legal_basis", "channels", "steps", "fee",
)  # fmt: skip
_REQUIRED: Final = ("name", "level", "source", "channels")  # field, agency: "" when not shown
_CHANNEL_KEYS: Final = ("channel", "processing_time", "reading", "fee")
_STEP_KEYS: Final = ("name", "time")
_FEE_KEYS: Final = (
    "name", "text", "unit", "amount", "tiers", "cap", "online_amount", "exemptions", "basis",
    "set_by",
)  # fmt: skip
_REF_KEYS: Final = ("document", "article", "url")


def fold(text: str) -> str:
    """Lower case, without Vietnamese diacritics, spaces collapsed: the search key.

    >>> fold("  Đăng ký  KHAI SINH ")
    'dang ky khai sinh'
    """
    if text.isascii():  # already accent-free, as most typed queries are
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.lower().split())


class _FieldError(Exception):
    """A record error before the file position is known: (path within the record, value,
    expected)."""

    def __init__(self, path: str, value: object, expected: str) -> None:
        super().__init__(path, value, expected)
        self.path, self.value, self.expected = path, value, expected


def _keys(record: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
    if not isinstance(record, Mapping):
        raise _FieldError(where or "procedure", record, "a table of fields")
    for key in record:
        if key not in allowed:
            raise _FieldError(f"{where}{key}", key, f"one of the fields {', '.join(allowed)}")


def _text(record: Mapping[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = record.get(key, "")
    if not isinstance(value, str):
        raise _FieldError(f"{where}{key}", value, "a string")
    if required and not value.strip():
        raise _FieldError(f"{where}{key}", value, "a non-empty string")
    return value


def _optional_date(record: Mapping[str, Any], key: str) -> date | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _FieldError(key, value, "a date YYYY-MM-DD") from None


def _int(value: Any, where: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if type(value) is not int:
        raise _FieldError(where, value, "a whole number of đồng")
    return value


def _reference(value: Any, where: str) -> LegalReference:
    _keys(value, _REF_KEYS, where + ".")
    document = _text(value, "document", where + ".", required=True)
    article = _text(value, "article", where + ".") or None
    url = _text(value, "url", where + ".") or None
    return LegalReference(document=document, article=article, url=url)


def _fee(value: Any, where: str) -> Fee:
    _keys(value, _FEE_KEYS, where + ".")
    unit = value.get("unit", "case")
    try:
        fee_unit = FeeUnit(unit)
    except ValueError:
        raise _FieldError(f"{where}.unit", unit, "case, page or copy") from None
    tiers = []
    for k, t in enumerate(value.get("tiers", [])):
        _keys(t, ("from", "to", "amount"), f"{where}.tiers[{k}].")
        tiers.append(
            Tier(
                _int(t.get("from"), f"{where}.tiers[{k}].from") or 0,
                _int(t.get("to"), f"{where}.tiers[{k}].to", optional=True),
                _int(t.get("amount"), f"{where}.tiers[{k}].amount") or 0,
            )
        )
    exemptions = []
    for k, e in enumerate(value.get("exemptions", [])):
        _keys(e, ("who", "document", "article", "url"), f"{where}.exemptions[{k}].")
        basis = None
        if e.get("document"):
            basis = _reference(
                {x: e[x] for x in ("document", "article", "url") if x in e},
                f"{where}.exemptions[{k}]",
            )
        exemptions.append(
            Exemption(_text(e, "who", f"{where}.exemptions[{k}].", required=True), basis)
        )
    basis_value = value.get("basis")
    return Fee(
        name=_text(value, "name", where + ".", required=True),
        text=_text(value, "text", where + "."),
        unit=fee_unit,
        fixed=_int(value.get("amount", 0), f"{where}.amount") or 0,
        tiers=tuple(tiers),
        cap=_int(value.get("cap"), f"{where}.cap", optional=True),
        online_amount=_int(value.get("online_amount"), f"{where}.online_amount", optional=True),
        exemptions=tuple(exemptions),
        basis=None if basis_value is None else _reference(basis_value, f"{where}.basis"),
        set_by=_text(value, "set_by", where + ".") or None,
    )


def _procedure(record: Mapping[str, Any]) -> Procedure:
    _keys(record, _PROCEDURE_KEYS, "")
    for key in _REQUIRED:
        if key not in record:
            raise _FieldError(key, "", f"the field {key!r}")
    level = record["level"]
    try:
        level_value = Level(level)
    except ValueError:
        raise _FieldError("level", level, "commune, district, province or ministry") from None
    channels = []
    raw_channels = record["channels"]
    if not isinstance(raw_channels, list) or not raw_channels:
        raise _FieldError("channels", raw_channels, "at least one [[procedure.channels]] table")
    for k, c in enumerate(raw_channels):
        where = f"channels[{k}]."
        _keys(c, _CHANNEL_KEYS, where)
        name = c.get("channel")
        try:
            channel = Channel(name)
        except ValueError:
            raise _FieldError(
                where + "channel", name, "in_person, post, online_full or online_partial"
            ) from None
        text = _text(c, "processing_time", where, required=True)
        reading = _text(c, "reading", where) or None
        try:
            fee = None if c.get("fee") is None else _fee(c["fee"], where + "fee")
            channels.append(ChannelTime(channel=channel, text=text, reading=reading, fee=fee))
        except HanhChinhError as exc:
            key = "processing_time" if reading is None else "reading"
            raise _FieldError(where + key, reading or text, str(exc)) from None
    steps = []
    for k, s in enumerate(record.get("steps", [])):
        _keys(s, _STEP_KEYS, f"steps[{k}].")
        text = _text(s, "time", f"steps[{k}].", required=True)
        try:
            steps.append(Step(name=_text(s, "name", f"steps[{k}].", required=True), text=text))
        except HanhChinhError as exc:
            raise _FieldError(f"steps[{k}].time", text, str(exc)) from None
    chain = record.get("chain", [])
    if not isinstance(chain, list) or not all(isinstance(x, str) for x in chain):
        raise _FieldError("chain", chain, "a list of agency names")
    code = record.get("code") or None
    try:
        return Procedure(
            code=code,
            name=_text(record, "name", "", required=True),
            field=_text(record, "field", ""),
            level=level_value,
            agency=_text(record, "agency", ""),
            source=_text(record, "source", "", required=True),
            note=_text(record, "note", ""),
            valid_from=_optional_date(record, "valid_from"),
            valid_to=_optional_date(record, "valid_to"),
            chain=tuple(chain),
            legal_basis=tuple(
                _reference(r, f"legal_basis[{k}]")
                for k, r in enumerate(record.get("legal_basis", []))
            ),
            channels=tuple(channels),
            steps=tuple(steps),
            fee=None if record.get("fee") is None else _fee(record["fee"], "fee"),
        )
    except ProcedureRecordError as exc:
        raise _FieldError(exc.field, exc.value, exc.expected) from None


# ---------------------------------------------------------------------- records out
def _reference_record(ref: LegalReference) -> dict[str, Any]:
    out: dict[str, Any] = {"document": ref.document}
    if ref.article:
        out["article"] = ref.article
    if ref.url:
        out["url"] = ref.url
    return out


def _fee_record(fee: Fee) -> dict[str, Any]:
    out: dict[str, Any] = {"name": fee.name}
    if fee.text:
        out["text"] = fee.text
    out["unit"] = fee.unit.value
    out["amount"] = fee.fixed
    if fee.tiers:
        out["tiers"] = [
            {"from": t.first, **({"to": t.last} if t.last is not None else {}), "amount": t.amount}
            for t in fee.tiers
        ]
    if fee.cap is not None:
        out["cap"] = fee.cap
    if fee.online_amount is not None:
        out["online_amount"] = fee.online_amount
    if fee.exemptions:
        out["exemptions"] = [
            {"who": e.who, **({} if e.basis is None else _reference_record(e.basis))}
            for e in fee.exemptions
        ]
    if fee.basis is not None:
        out["basis"] = _reference_record(fee.basis)
    if fee.set_by is not None:
        out["set_by"] = fee.set_by
    return out


def _record(p: Procedure) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if p.code:
        out["code"] = p.code
    out.update(name=p.name, field=p.field, level=p.level.value, agency=p.agency)
    if p.valid_from:
        out["valid_from"] = p.valid_from.isoformat()
    if p.valid_to:
        out["valid_to"] = p.valid_to.isoformat()
    out["source"] = p.source
    if p.note:
        out["note"] = p.note
    if p.chain:
        out["chain"] = list(p.chain)
    if p.legal_basis:
        out["legal_basis"] = [_reference_record(r) for r in p.legal_basis]
    out["channels"] = [
        {
            "channel": c.channel.value,
            "processing_time": c.text,
            **({} if c.reading is None else {"reading": c.reading}),
            **({} if c.fee is None else {"fee": _fee_record(c.fee)}),
        }
        for c in p.channels
    ]
    if p.steps:
        out["steps"] = [{"name": s.name, "time": s.text} for s in p.steps]
    if p.fee is not None:
        out["fee"] = _fee_record(p.fee)
    return out


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {value!r} as TOML")


def _to_toml(procedures: Iterable[Procedure]) -> str:
    lines = [f"schema_version = {SCHEMA_VERSION}", ""]
    for p in procedures:
        record = _record(p)
        lines.append("[[procedure]]")
        for key, value in record.items():
            if key not in ("channels", "steps", "fee", "legal_basis"):
                lines.append(f"{key} = {_toml_value(value)}")
        for ref in record.get("legal_basis", []):
            lines += ["", "[[procedure.legal_basis]]"]
            lines += [f"{k} = {_toml_value(v)}" for k, v in ref.items()]
        for channel in record["channels"]:
            lines += ["", "[[procedure.channels]]"]
            lines += [f"{k} = {_toml_value(v)}" for k, v in channel.items()]
        for step in record.get("steps", []):
            lines += ["", "[[procedure.steps]]"]
            lines += [f"{k} = {_toml_value(v)}" for k, v in step.items()]
        if "fee" in record:
            lines += ["", "[procedure.fee]"]
            lines += [f"{k} = {_toml_value(v)}" for k, v in record["fee"].items()]
        lines.append("")
    return "\n".join(lines)


_CSV_COLUMNS: Final = (
    "code", "name", "field", "level", "agency", "valid_from", "valid_to", "source", "note",
    "in_person", "post", "online_full", "online_partial", "chain", "legal_basis", "steps", "fee",
)  # fmt: skip
_CSV_JSON: Final = ("chain", "legal_basis", "steps", "fee")


def _to_csv(procedures: Iterable[Procedure]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    for p in procedures:
        record = _record(p)
        if any("fee" in c or "reading" in c for c in record["channels"]):
            raise CatalogFileError(
                "<csv>",
                None,
                "channels",
                p.name,
                "per-channel fees and readings only in TOML or JSON catalogues",
            )
        times = {c["channel"]: c["processing_time"] for c in record["channels"]}
        row = []
        for column in _CSV_COLUMNS:
            if column in times:
                row.append(times[column])
            elif column in _CSV_JSON:
                value = record.get(column)
                row.append("" if value is None else json.dumps(value, ensure_ascii=False))
            else:
                row.append(str(record.get(column, "")))
        writer.writerow(row)
    return out.getvalue()


# ---------------------------------------------------------------------- records in, with positions
def _toml_records(text: str, file: str) -> Iterator[tuple[Mapping[str, Any], int, list[str]]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's TOMLDecodeError has no lineno; its message ends "(at line N, column M)".
        found = re.search(r"at line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        raise CatalogFileError(file, line, None, str(exc).split(" (at")[0], "valid TOML") from None
    extra = [k for k in data if k not in ("schema_version", "procedure")]
    if extra:
        raise CatalogFileError(file, None, extra[0], extra[0], "schema_version and [[procedure]]")
    _check_version(data.get("schema_version", SCHEMA_VERSION), file)
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines, 1) if line.strip() == "[[procedure]]"]
    for k, record in enumerate(data.get("procedure", [])):
        yield record, starts[k] if k < len(starts) else 1, lines


def _json_records(text: str, file: str) -> Iterator[tuple[Mapping[str, Any], int, list[str]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogFileError(file, exc.lineno, None, exc.msg, "valid JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("procedures"), list):
        raise CatalogFileError(file, 1, None, type(data).__name__, '{"procedures": [...]}')
    extra = [k for k in data if k not in ("schema_version", "procedures")]
    if extra:
        raise CatalogFileError(file, 1, extra[0], extra[0], "schema_version and procedures")
    _check_version(data.get("schema_version", SCHEMA_VERSION), file)
    lines = text.splitlines()
    # Find where each procedure object starts by decoding the array element by element.
    decoder = json.JSONDecoder()
    index = text.index("[", text.index('"procedures"'))
    line, counted = 1, 0  # lines counted incrementally: one pass over the text in all
    for record in data["procedures"]:
        index += 1
        while text[index] in " \t\r\n,":
            index += 1
        line += text.count("\n", counted, index)
        counted = index
        _, end = decoder.raw_decode(text, index)
        yield record, line, lines
        index = end - 1


def _csv_records(text: str, file: str) -> Iterator[tuple[Mapping[str, Any], int, list[str]]]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise CatalogFileError(file, 1, None, "", "a header line naming the columns")
    unknown = [h for h in header if h not in _CSV_COLUMNS]
    if unknown:
        raise CatalogFileError(
            file, 1, unknown[0], unknown[0], f"columns from {', '.join(_CSV_COLUMNS)}"
        )
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise CatalogFileError(file, line, None, ",".join(row), f"{len(header)} fields")
        cells = dict(zip(header, row, strict=True))
        record: dict[str, Any] = {}
        for key, value in cells.items():
            if value == "":
                continue
            if key in _CSV_JSON:
                try:
                    record[key] = json.loads(value)
                except json.JSONDecodeError:
                    raise CatalogFileError(file, line, key, value, "a JSON value") from None
            elif key in ("in_person", "post", "online_full", "online_partial"):
                record.setdefault("channels", []).append({"channel": key, "processing_time": value})
            else:
                record[key] = value
        yield record, line, []


def _check_version(version: object, file: str) -> None:
    if version != SCHEMA_VERSION:
        raise CatalogFileError(
            file, None, "schema_version", version, f"schema_version = {SCHEMA_VERSION}"
        )


def _line_of(lines: list[str], start: int, path: str) -> int:
    """Best effort: the line of *path*'s last key at or after *start* (TOML/JSON)."""
    key = path.rsplit(".", 1)[-1].split("[")[0] if path else ""
    if not key or not lines:
        return start
    pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*[=:]')
    for n in range(start - 1, len(lines)):
        if n > start - 1 and lines[n].strip() == "[[procedure]]":
            break
        if pattern.match(lines[n]):
            return n + 1
    return start


def _read(text: str, file: str, kind: str) -> tuple[Procedure, ...]:
    records = {"toml": _toml_records, "json": _json_records, "csv": _csv_records}[kind]
    out: list[Procedure] = []
    seen: dict[str, int] = {}
    for record, line, lines in records(text, file):
        try:
            procedure = _procedure(record)
        except _FieldError as fail:
            where = line if kind == "csv" else _line_of(lines, line, fail.path)
            raise CatalogFileError(file, where, fail.path, fail.value, fail.expected) from None
        if procedure.code is not None:
            if procedure.code in seen:
                where = line if kind == "csv" else _line_of(lines, line, "code")
                raise CatalogFileError(
                    file,
                    where,
                    "code",
                    procedure.code,
                    f"a code not already used (first used on line {seen[procedure.code]})",
                )
            seen[procedure.code] = line if kind == "csv" else _line_of(lines, line, "code")
        out.append(procedure)
    return tuple(out)


def _procedures(value: Iterable[Procedure]) -> tuple[Procedure, ...]:
    return tuple(value)


@attrs.frozen
class Catalog:
    """An immutable catalogue of procedures: by code, by accent-free name, by field, level
    and channel.

    >>> catalog = Catalog.default()
    >>> "Thủ tục đăng ký khai sinh" in [p.name for p in catalog.search("dang ky khai sinh")]
    True
    """

    procedures: tuple[Procedure, ...] = attrs.field(converter=_procedures)
    _by_code: Mapping[str, Procedure] = attrs.field(init=False, eq=False, repr=False)
    _folded: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    _by_name: Mapping[str, tuple[Procedure, ...]] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_code: dict[str, Procedure] = {}
        by_name: dict[str, list[Procedure]] = {}
        for p in self.procedures:
            if p.code is not None:
                if p.code in by_code:
                    raise ProcedureRecordError(
                        p.name, "code", p.code, "a code not already in the catalogue"
                    )
                by_code[p.code] = p
            by_name.setdefault(fold(p.name), []).append(p)
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_folded", tuple(fold(p.name) for p in self.procedures))
        object.__setattr__(self, "_by_name", {k: tuple(v) for k, v in by_name.items()})

    def __repr__(self) -> str:
        return f"<Catalog of {len(self.procedures)} procedures>"

    def __len__(self) -> int:
        return len(self.procedures)

    def __iter__(self) -> Iterator[Procedure]:
        return iter(self.procedures)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __getitem__(self, code: str) -> Procedure:
        return self.get(code)

    def get(self, code: str) -> Procedure:
        """The procedure with *code*.

        Raises:
            UnknownProcedureError: Naming the code and the closest codes and names.
        """
        try:
            return self._by_code[code]
        except (KeyError, TypeError):
            pass
        codes = difflib.get_close_matches(str(code), list(self._by_code), n=3, cutoff=0.6)
        closest = [f"{c} {self._by_code[c].name}" for c in codes]
        if not closest:
            closest = [f"{p.code or '(no code)'} {p.name}" for p in self.search(str(code))[:3]]
        raise UnknownProcedureError(str(code), tuple(closest))

    def by_name(self, name: str) -> tuple[Procedure, ...]:
        """The procedures whose name equals *name*, ignoring diacritics and case."""
        return self._by_name.get(fold(name), ())

    def search(self, query: str) -> tuple[Procedure, ...]:
        """Procedures whose name contains every word of *query* (diacritics and case ignored),
        exact matches first, then names that start with the query, then by length.

        >>> [p.code for p in Catalog.default().search("DANG KY tam tru")]
        ['1.004194']
        """
        key = fold(query)
        words = key.split()
        if not words:
            return ()
        hits = [
            (0 if name == key else 1 if name.startswith(key) else 2, len(name), n)
            for n, name in enumerate(self._folded)
            if all(w in name for w in words)
        ]
        return tuple(self.procedures[n] for *_, n in sorted(hits))

    def filter(
        self,
        *,
        field: str | None = None,
        level: Level | None = None,
        channel: Channel | None = None,
        on: date | None = None,
    ) -> Catalog:
        """A new catalogue of the procedures that match every condition given.

        *field* is compared without diacritics or case; *on* keeps the records valid that day.
        """
        folded = None if field is None else fold(field)
        return Catalog(
            p
            for p in self.procedures
            if (folded is None or fold(p.field) == folded)
            and (level is None or p.level is level)
            and (channel is None or channel in p.channel_names)
            and (on is None or p.is_valid_on(on))
        )

    # ------------------------------------------------------------------ files
    @classmethod
    def loads(cls, text: str, format: str, file: str = "<string>") -> Catalog:
        """Read a catalogue from *text* in ``format`` ``"toml"``, ``"json"`` or ``"csv"``.

        Raises:
            CatalogFileError: Naming the file, line and field of the first problem: malformed
                syntax, an unknown or missing field, an unreadable processing time, a
                duplicate code.
        """
        if format not in ("toml", "json", "csv"):
            raise CatalogFileError(file, None, None, format, "toml, json or csv")
        return cls(_read(text, file, format))

    @classmethod
    def load(cls, path: str | PathLike[str]) -> Catalog:
        """Read a catalogue file; the format comes from its suffix (.toml, .json, .csv)."""
        p = Path(path)
        kind = p.suffix.lower().lstrip(".")
        if kind not in ("toml", "json", "csv"):
            raise CatalogFileError(str(p), None, None, p.suffix, "a .toml, .json or .csv file")
        try:
            text = p.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CatalogFileError(str(p), None, None, exc.reason, "a UTF-8 text file") from None
        return cls.loads(text, kind, str(p))

    @classmethod
    def default(cls) -> Catalog:
        """The catalogue that ships with hanhchinh (``procedures/data/catalog.toml``)."""
        return _default()

    def dumps(self, format: str = "toml") -> str:
        """The catalogue as text in ``format`` ``"toml"``, ``"json"`` or ``"csv"``; reading it
        back gives an equal catalogue."""
        if format == "toml":
            return _to_toml(self.procedures)
        if format == "json":
            payload = {
                "schema_version": SCHEMA_VERSION,
                "procedures": [_record(p) for p in self.procedures],
            }
            return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
        if format == "csv":
            return _to_csv(self.procedures)
        raise CatalogFileError("<output>", None, None, format, "toml, json or csv")

    def write(self, path: str | PathLike[str]) -> None:
        """Write the catalogue to *path*, in the format its suffix names."""
        p = Path(path)
        p.write_text(self.dumps(p.suffix.lower().lstrip(".")), encoding="utf-8")


@lru_cache(maxsize=1)
def _default() -> Catalog:
    name = "hanhchinh/procedures/data/catalog.toml"
    text = resources.files("hanhchinh.procedures").joinpath("data/catalog.toml").read_text("utf-8")
    return Catalog.loads(text, "toml", name)
