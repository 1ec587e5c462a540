"""Period reports and service indicators, computed from dossiers by the engine that set their
appointments (``docs/reports.md``); series and plots (``docs/plots.md``; plots need the
``[plot]`` extra, imported only when plotting)."""

from hanhchinh.reports._index import Against, AverageTime, Indicator, ServiceIndex
from hanhchinh.reports._period import (
    DEFINITIONS,
    GROUPS,
    Definition,
    Figures,
    Outcome,
    PeriodReport,
)
from hanhchinh.reports._plots import plot_backlog, plot_monthly, plot_verdicts, save_figure
from hanhchinh.reports._series import (
    BACKLOG_STEPS,
    BacklogPoint,
    BacklogSeries,
    MonthlySeries,
    MonthPoint,
    ProcedureVerdicts,
    backlog,
    monthly,
    verdicts_by_procedure,
)

__all__ = [
    "BACKLOG_STEPS",
    "DEFINITIONS",
    "GROUPS",
    "Against",
    "AverageTime",
    "BacklogPoint",
    "BacklogSeries",
    "Definition",
    "Figures",
    "Indicator",
    "MonthPoint",
    "MonthlySeries",
    "Outcome",
    "PeriodReport",
    "ProcedureVerdicts",
    "ServiceIndex",
    "backlog",
    "monthly",
    "plot_backlog",
    "plot_monthly",
    "plot_verdicts",
    "save_figure",
    "verdicts_by_procedure",
]
