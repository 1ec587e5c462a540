"""Period reports and service indicators, computed from dossiers by the engine that set their
appointments (``docs/reports.md``)."""

from hanhchinh.reports._index import Against, AverageTime, Indicator, ServiceIndex
from hanhchinh.reports._period import (
    DEFINITIONS,
    GROUPS,
    Definition,
    Figures,
    Outcome,
    PeriodReport,
)

__all__ = [
    "DEFINITIONS",
    "GROUPS",
    "Against",
    "AverageTime",
    "Definition",
    "Figures",
    "Indicator",
    "Outcome",
    "PeriodReport",
    "ServiceIndex",
]
