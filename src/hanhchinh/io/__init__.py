"""Lossless JSON for every public type, JSON Schema for the wire types, the JSON Lines
event log (the ``[io]`` extra: cattrs), and CSV / XES event logs for process mining
(``docs/process-mining.md``).

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from hanhchinh.dossiers import Received
>>> event = Received(dossier_id="HS-1", receipt_number="000001",
...                  at=datetime(2026, 1, 9, 16, 55, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
>>> doc = to_dict(event)
>>> doc["at"]
'2026-01-09T16:55:00+07:00[Asia/Ho_Chi_Minh]'
>>> from_dict(doc) == event
True
"""

from hanhchinh.io._convert import (
    EVENT_TYPES,
    PROCESSING_TIME_TYPES,
    SCHEMA_VERSION,
    WIRE_TYPES,
    converter,
    from_dict,
    to_dict,
)
from hanhchinh.io._log import dump_events, read_events, replay_log, write_events
from hanhchinh.io._mining import (
    ACTIVITIES,
    MINING_COLUMNS,
    event_rows,
    to_csv,
    to_xes,
    write_csv,
    write_xes,
)
from hanhchinh.io._schema import json_schema

__all__ = [
    "ACTIVITIES",
    "EVENT_TYPES",
    "MINING_COLUMNS",
    "PROCESSING_TIME_TYPES",
    "SCHEMA_VERSION",
    "WIRE_TYPES",
    "converter",
    "dump_events",
    "event_rows",
    "from_dict",
    "json_schema",
    "read_events",
    "replay_log",
    "to_csv",
    "to_dict",
    "to_xes",
    "write_csv",
    "write_events",
    "write_xes",
]
