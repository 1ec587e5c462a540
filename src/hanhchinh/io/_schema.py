"""JSON Schema (draft 2020-12) for the wire types, generated from the attrs classes themselves
so that it cannot drift from the converter.

No maintained library derives JSON Schema from attrs classes (cattrs does not; pydantic and
apischema want their own models), so this walks the annotations by hand: about a hundred lines.
"""

from __future__ import annotations

import types
import typing
from datetime import date, datetime, time, timedelta
from enum import Enum
from fractions import Fraction
from typing import Any

import attrs

from hanhchinh.dossiers import Event
from hanhchinh.io._convert import (
    EVENT_TYPES,
    PROCESSING_TIME_TYPES,
    SCHEMA_VERSION,
    WIRE_TYPES,
)
from hanhchinh.procedures import ProcessingTime

__all__ = ["json_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_FRACTION = {"type": "string", "pattern": r"^-?\d+/[1-9]\d*$"}
_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    datetime: {
        "type": "string",
        "description": "RFC 3339 with its UTC offset, then [IANA zone] when it has one",
        "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,6})?)?"
        r"(Z|[+-]\d\d:\d\d(:\d\d(\.\d{1,6})?)?)(\[[A-Za-z0-9_+\-/]+\])?$",
    },
    date: {"type": "string", "format": "date", "pattern": r"^\d{4}-\d\d-\d\d$"},
    time: {"type": "string", "pattern": r"^\d\d:\d\d(:\d\d(\.\d{1,6})?)?$"},
    timedelta: {
        "type": "string",
        "description": "ISO 8601 duration in days, hours, minutes and seconds",
        "pattern": r"^-?P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d{1,6})?S)?)?$",
    },
    Fraction: _FRACTION,
}


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def of(self, t: Any) -> dict[str, Any]:
        if t in _SCALARS:
            return dict(_SCALARS[t])
        if t == (int | Fraction):
            return {"anyOf": [{"type": "integer"}, _FRACTION]}
        if t is ProcessingTime:
            return {"oneOf": [self.ref(c, tagged=True) for c in PROCESSING_TIME_TYPES.values()]}
        if t is Event:
            return {"oneOf": [self.ref(c, tagged=True) for c in EVENT_TYPES.values()]}
        if isinstance(t, type) and issubclass(t, Enum):
            return {"enum": [m.value for m in t]}
        if isinstance(t, type) and attrs.has(t):
            tagged = t.__name__ in PROCESSING_TIME_TYPES or t.__name__ in EVENT_TYPES
            return self.ref(t, tagged=tagged)
        origin, args = typing.get_origin(t), typing.get_args(t)
        if origin in (types.UnionType, typing.Union):
            return {"anyOf": [self.of(a) for a in args]}
        if t is type(None):
            return {"type": "null"}
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self.of(args[0])}
        if origin is tuple:
            n = len(args)
            return {
                "type": "array",
                "prefixItems": [self.of(a) for a in args],
                "minItems": n,
                "maxItems": n,
            }
        if origin is frozenset:
            return {"type": "array", "items": self.of(args[0]), "uniqueItems": True}
        raise TypeError(f"no JSON Schema for {t!r}")  # pragma: no cover - a new field type

    def ref(self, cls: type[Any], *, tagged: bool) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserve, for recursive types
            self.defs[name] = self.body(cls, tagged=tagged)
        return {"$ref": f"#/$defs/{name}"}

    def body(self, cls: type[Any], *, tagged: bool, top: bool = False) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        props: dict[str, Any] = {}
        required: list[str] = []
        if top:
            props["schema_version"] = {"const": SCHEMA_VERSION}
            required.append("schema_version")
        if tagged or top:
            props["type"] = {"const": cls.__name__}
            required.append("type")
        for a in attrs.fields(cls):
            if not a.init:
                continue
            name = a.alias or a.name
            props[name] = self.of(hints[a.name])
            if a.default is attrs.NOTHING:
                required.append(name)
        out: dict[str, Any] = {
            "type": "object",
            "properties": props,
            "required": required,
            "additionalProperties": False,
        }
        doc = (cls.__doc__ or "").strip().split("\n\n")[0]
        if doc:
            out["description"] = " ".join(doc.split())
        return out


def json_schema(cls: type[Any]) -> dict[str, Any]:
    """The JSON Schema of the documents :func:`~hanhchinh.io.to_dict` writes for *cls*.

    *cls* is one of :data:`~hanhchinh.io.WIRE_TYPES`, or :class:`~hanhchinh.dossiers.Event`
    (one line of an event log: any event).

    >>> schema = json_schema(Event)
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> [each["properties"]["type"]["const"] for each in schema["oneOf"]][:3]
    ['Submitted', 'Received', 'SupplementRequested']
    """
    b = _Builder()
    if cls is Event:
        root: dict[str, Any] = {
            "oneOf": [b.body(c, tagged=True, top=True) for c in EVENT_TYPES.values()]
        }
        title = "hanhchinh event (one line of an event log)"
    else:
        if WIRE_TYPES.get(cls.__name__) is not cls:
            raise TypeError(
                f"{cls!r} is not a hanhchinh wire type; expected one of {sorted(WIRE_TYPES)}"
            )
        root = b.body(cls, tagged=True, top=True)
        title = f"hanhchinh {cls.__name__}"
    return {
        "$schema": _DIALECT,
        "$id": f"https://hanhchinh.invalid/schema/v{SCHEMA_VERSION}/{cls.__name__}.json",
        "title": title,
        **root,
        "$defs": dict(sorted(b.defs.items())),
    }
