"""Plots of period reports (the ``[plot]`` extra: matplotlib, imported only when a plot is
drawn).

Each function returns a :class:`matplotlib.figure.Figure` built without pyplot, so a library
or a server can call it without touching global plotting state, and a notebook shows it as
the cell's value. Pass ``ax=`` to draw into an axes of your own figure instead, ``lang="en"``
for English labels (Vietnamese by default), and ``path=`` (``.png`` or ``.svg``) to save it.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import cache, partial
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from hanhchinh.errors import ReportError
from hanhchinh.reports._period import PeriodReport, _n
from hanhchinh.reports._series import (
    BacklogSeries,
    MonthlySeries,
    ProcedureVerdicts,
    verdicts_by_procedure,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_backlog", "plot_monthly", "plot_verdicts", "save_figure"]

_FORMATS: Final = ("png", "svg")  # what save_figure writes, chosen by the path's suffix

_MISSING: Final = (
    "hanhchinh.reports plots need matplotlib, which is not installed: pip install 'hanhchinh[plot]'"
)
_LANGS: Final = ("vi", "en")
# Okabe–Ito colours: distinct for colour-blind readers and in greyscale print.
_BLUE, _SKY, _GREEN, _ORANGE, _RED, _GREY = (
    "#0072B2", "#56B4E9", "#009E73", "#E69F00", "#D55E00", "#BBBBBB"
)  # fmt: skip
_MONTHS_EN: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # fmt: skip

_TEXT: Final[dict[str, dict[str, str]]] = {
    "vi": {
        "monthly": "Tiếp nhận và giải quyết hồ sơ theo tháng",
        "new": "Tiếp nhận mới",
        "resolved": "Đã giải quyết",
        "rate": "Tỷ lệ trước hạn, đúng hạn",
        "rate_axis": "Tỷ lệ trước hạn, đúng hạn (%)",
        "dossiers": "Số hồ sơ",
        "month": "Tháng",
        "backlog_day": "Hồ sơ đang giải quyết cuối mỗi ngày",
        "backlog_week": "Hồ sơ đang giải quyết cuối mỗi tuần",
        "backlog_month": "Hồ sơ đang giải quyết cuối mỗi tháng",
        "in_time": "Trong hạn",
        "overdue": "Quá hạn",
        "pending": "Chờ tiếp nhận, bổ sung",
        "day": "Ngày",
        "verdicts": "Kết quả giải quyết theo thủ tục",
        "early": "Trước hạn",
        "on_time": "Đúng hạn",
        "late": "Quá hạn",
        "resolved_axis": "Số hồ sơ đã giải quyết",
        "other": "Khác ({n} thủ tục)",
    },
    "en": {
        "monthly": "Dossiers received and resolved by month",
        "new": "Received (new)",
        "resolved": "Resolved",
        "rate": "Early or on time",
        "rate_axis": "Early or on time (%)",
        "dossiers": "Dossiers",
        "month": "Month",
        "backlog_day": "Dossiers open at the end of each day",
        "backlog_week": "Dossiers open at the end of each week",
        "backlog_month": "Dossiers open at the end of each month",
        "in_time": "In time",
        "overdue": "Overdue",
        "pending": "Pending at reception",
        "day": "Day",
        "verdicts": "Resolved dossiers by procedure",
        "early": "Early",
        "on_time": "On time",
        "late": "Late",
        "resolved_axis": "Resolved dossiers",
        "other": "Other ({n} procedures)",
    },
}


# ------------------------------------------------------------------------------ figures
@cache
def _figure_type() -> type[Figure]:
    from matplotlib.figure import Figure

    class ReportFigure(Figure):
        """A matplotlib Figure that shows itself in a notebook, as a PNG. A figure made
        without pyplot is none of pyplot's figures, so Jupyter's inline backend does not
        display it (checked with ipykernel 7.4 and matplotlib 3.11)."""

        def _repr_png_(self) -> bytes:
            buf = io.BytesIO()
            self.savefig(buf, format="png")
            return buf.getvalue()

    # Pickle finds the class as hanhchinh.reports._plots.ReportFigure (the module __getattr__).
    ReportFigure.__module__ = __name__
    ReportFigure.__qualname__ = "ReportFigure"
    return ReportFigure


def __getattr__(name: str) -> Any:
    if name == "ReportFigure":
        return _figure_type()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _require() -> None:
    """Import matplotlib, or say which extra installs it."""
    try:
        import matplotlib.figure  # noqa: F401  (the import is the check)
    except ImportError as error:
        raise ImportError(_MISSING) from error


def _canvas(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes, bool]:
    """The figure and axes to draw on, and whether the figure is ours."""
    if ax is not None:
        return ax.figure.figure, ax, False
    fig = _figure_type()(figsize=size, layout="constrained")
    return fig, fig.add_subplot(), True


def _check(lang: str, path: str | PathLike[str] | None) -> dict[str, str]:
    if lang not in _LANGS:
        raise ReportError("lang", lang, "'vi' or 'en'")
    if path is not None:
        _format(path)
    return _TEXT[lang]


def _format(path: str | PathLike[str]) -> str:
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in _FORMATS:
        raise ReportError("path", str(path), "a file name ending in .png or .svg")
    return fmt


def save_figure(fig: Figure, path: str | PathLike[str], *, dpi: float = 150) -> Path:
    """Write *fig* to *path* as PNG or SVG, by the path's suffix.

    Rendering goes through matplotlib's non-interactive canvases (Agg for PNG), whatever
    backend pyplot uses. The SVG carries no date and no random ids, so the same figure gives
    the same file.

    Args:
        fig: The figure.
        path: Where to write it: a name ending in ``.png`` or ``.svg``.
        dpi: Resolution of a PNG (dots per inch).

    Returns:
        The path written.

    Raises:
        ReportError: If the suffix is neither ``.png`` nor ``.svg``.
        ImportError: If matplotlib is not installed (the ``[plot]`` extra).
    """
    fmt = _format(path)
    _require()
    from matplotlib import rc_context

    out = Path(path)
    if fmt == "svg":
        # No date, and element ids from a fixed salt rather than a random one.
        with rc_context({"svg.hashsalt": "hanhchinh"}):
            fig.savefig(out, format="svg", metadata={"Date": None})
    else:
        fig.savefig(out, format="png", dpi=dpi)
    return out


def _finish(
    fig: Figure,
    ax: Axes,
    ours: bool,
    handles: Sequence[Any],
    labels: Sequence[str],
    path: str | PathLike[str] | None,
    loc: Literal["best", "upper left", "lower right"],
) -> Figure:
    if ours:  # below the plot, clear of bars, lines and tick labels
        fig.legend(handles, labels, loc="outside lower center", ncols=len(labels), frameon=False)
    else:  # in someone else's figure: inside the axes (move it with ax.get_legend().set_loc)
        ax.legend(handles, labels, loc=loc, fontsize="small", framealpha=0.9)
    if path is not None:
        save_figure(fig, path)
    return fig


def _count_axis(ax: Axes, lang: str, axis: str = "y") -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 2.5, 5, 10]))
    target.set_major_formatter(FuncFormatter(partial(_tick, lang=lang)))  # partial: picklable


def _tick(value: float, position: int | None, *, lang: str) -> str:
    return _n(round(value), lang)


def _percent(r: Fraction | None, lang: str) -> str:
    if r is None:
        return ""
    text = f"{float(r) * 100:.1f}%"
    return text.replace(".", ",") if lang == "vi" else text


def _month_labels(months: Sequence[str], lang: str) -> list[str]:
    """Short month labels ("T3" or "Mar"), the year below the first one of each year; with
    more than 24 months only every k-th month is labelled, so labels never run together."""
    every = max(1, math.ceil(len(months) / 24))
    labels = []
    shown_year = ""
    for i, month in enumerate(months):
        year, number = month.split("-")
        if i % every:
            labels.append("")
            continue
        label = f"T{int(number)}" if lang == "vi" else _MONTHS_EN[int(number) - 1]
        if year != shown_year:
            label += f"\n{year}"
            shown_year = year
        labels.append(label)
    return labels


# ------------------------------------------------------------------------------ plots
def plot_monthly(
    series: MonthlySeries,
    *,
    ax: Axes | None = None,
    lang: str = "vi",
    path: str | PathLike[str] | None = None,
) -> Figure:
    """Bars of dossiers received (new) and resolved per month, and the on-time rate of those
    resolved as a line on a second axis (0–100 %).

    A month with nothing resolved has no rate: the line breaks there.

    Args:
        series: What :func:`~hanhchinh.reports.monthly` gives.
        ax: Draw into this axes (its figure is returned); default: a new figure.
        lang: ``"vi"`` (default) or ``"en"``, for titles, labels and numbers.
        path: Also save the figure there (``.png`` or ``.svg``).

    Returns:
        The figure.

    Raises:
        ReportError: If *lang* or the suffix of *path* is not one of those.
        ImportError: If matplotlib is not installed (the ``[plot]`` extra).
    """
    text = _check(lang, path)
    _require()
    months = len(series.points)
    fig, ax, ours = _canvas(ax, (min(14.0, max(6.4, 2.5 + 0.5 * months)), 4.4))
    x = list(range(months))
    width = 0.38
    new = ax.bar([i - width / 2 for i in x], [p.new for p in series], width, color=_BLUE)
    done = ax.bar([i + width / 2 for i in x], [p.resolved for p in series], width, color=_GREEN)
    ax.set_xticks(x, _month_labels(series.months, lang))
    ax.set_xlabel(text["month"])
    ax.set_ylabel(text["dossiers"])
    _count_axis(ax, lang)
    ax.set_title(text["monthly"])
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    from matplotlib.ticker import PercentFormatter

    twin = ax.twinx()
    rates = [math.nan if p.on_time_rate is None else float(p.on_time_rate) * 100 for p in series]
    (line,) = twin.plot(
        x, rates, color=_ORANGE, marker="o", linewidth=2, markeredgecolor="white", clip_on=False
    )
    twin.set_ylim(0, 100)
    twin.yaxis.set_major_formatter(PercentFormatter(xmax=100, decimals=0))
    twin.set_ylabel(text["rate_axis"])
    labels = [text["new"], text["resolved"], text["rate"]]
    return _finish(fig, twin, ours, [new, done, line], labels, path, "best")


def plot_backlog(
    series: BacklogSeries,
    *,
    ax: Axes | None = None,
    lang: str = "vi",
    path: str | PathLike[str] | None = None,
) -> Figure:
    """The dossiers open at the end of each sampled day, stacked: overdue at the bottom,
    then in time, then pending at reception; the top edge is all open dossiers.

    Args:
        series: What :func:`~hanhchinh.reports.backlog` gives.
        ax: Draw into this axes (its figure is returned); default: a new figure.
        lang: ``"vi"`` (default) or ``"en"``.
        path: Also save the figure there (``.png`` or ``.svg``).

    Returns:
        The figure.

    Raises:
        ReportError: If *lang* or the suffix of *path* is not one of those.
        ImportError: If matplotlib is not installed (the ``[plot]`` extra).
    """
    text = _check(lang, path)
    _require()
    import numpy as np  # a dependency of matplotlib
    from matplotlib import dates as mdates

    fig, ax, ours = _canvas(ax, (8.0, 4.4))
    x = np.array(series.days, dtype="datetime64[D]")
    layers = ax.stackplot(
        x,
        series.overdue,
        series.in_time,
        series.pending,
        colors=[_RED, _SKY, _GREY],
        alpha=0.9,
        linewidth=0.5,
        edgecolor="white",
    )
    # matplotlib.dates is not annotated: hence the type: ignore comments.
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    if lang == "vi":
        formatter = mdates.ConciseDateFormatter(  # type: ignore[no-untyped-call]
            locator,
            formats=["%Y", "T%m", "%d", "%H:%M", "%H:%M", "%S"],
            zero_formats=["", "%Y", "T%m", "%d/%m", "%H:%M", "%H:%M"],
            offset_formats=["", "%Y", "T%m/%Y", "%d/%m/%Y", "%d/%m/%Y", "%d/%m/%Y %H:%M"],
        )
    else:
        formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(formatter)
    ax.margins(x=0)
    ax.set_ylim(bottom=0)
    _count_axis(ax, lang)
    ax.set_xlabel(text["day"])
    ax.set_ylabel(text["dossiers"])
    ax.set_title(text[f"backlog_{series.step}"])
    ax.grid(alpha=0.3)
    ax.set_axisbelow(True)
    # The legend lists the layers top first, as they are stacked.
    handles = [layers[2], layers[1], layers[0]]
    labels = [text["pending"], text["in_time"], text["overdue"]]
    return _finish(fig, ax, ours, handles, labels, path, "upper left")


def _short(name: str, limit: int) -> str:
    if name.startswith("Thủ tục "):
        name = name[len("Thủ tục ") :]
        name = name[:1].upper() + name[1:]
    if len(name) <= limit:
        return name
    cut = name[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def _label(row: ProcedureVerdicts, width: int = 52) -> str:
    """The code and the name, cut to about *width* characters (a long code leaves less room
    for the name, never less than 20)."""
    if row.name == row.procedure:  # a procedure without a code: its name is its key
        return _short(row.name, width - 10)
    return f"{row.procedure} {_short(row.name, max(20, width - 1 - len(row.procedure)))}"


def plot_verdicts(
    data: PeriodReport | Sequence[ProcedureVerdicts],
    *,
    top: int = 15,
    names: Mapping[str, str] | None = None,
    ax: Axes | None = None,
    lang: str = "vi",
    path: str | PathLike[str] | None = None,
) -> Figure:
    """Horizontal stacked bars of the dossiers resolved early, on time and late, per
    procedure (code and short name), the most resolved at the top, with each procedure's
    on-time rate at the end of its bar.

    Procedures with nothing resolved are left out; those beyond the first *top* are added up
    in one last bar, "khác" ("other").

    Args:
        data: A report, or what :func:`~hanhchinh.reports.verdicts_by_procedure` gives.
        top: How many procedures get a bar of their own.
        names: Procedure names by key, for a report (see ``verdicts_by_procedure``).
        ax: Draw into this axes (its figure is returned); default: a new figure.
        lang: ``"vi"`` (default) or ``"en"``.
        path: Also save the figure there (``.png`` or ``.svg``).

    Returns:
        The figure.

    Raises:
        ReportError: If *top* is not a whole number >= 1, or *lang* or the suffix of *path*
            is not one of those.
        ImportError: If matplotlib is not installed (the ``[plot]`` extra).
    """
    text = _check(lang, path)
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ReportError("top", top, "a whole number >= 1")
    _require()
    table = verdicts_by_procedure(data, names=names) if isinstance(data, PeriodReport) else data
    rows = sorted((r for r in table if r.resolved), key=lambda r: -r.resolved)
    shown = rows[:top]
    bars = [(_label(r), r.early, r.on_time, r.late) for r in shown]
    rest = rows[top:]
    if rest:
        bars.append(
            (
                text["other"].format(n=len(rest)),
                sum(r.early for r in rest),
                sum(r.on_time for r in rest),
                sum(r.late for r in rest),
            )
        )
    fig, ax, ours = _canvas(ax, (9.0, 1.6 + 0.42 * max(len(bars), 1)))
    y = list(range(len(bars)))
    early = [b[1] for b in bars]
    on_time = [b[2] for b in bars]
    late = [b[3] for b in bars]
    c1 = ax.barh(y, early, color=_GREEN)
    c2 = ax.barh(y, on_time, left=early, color=_SKY)
    c3 = ax.barh(y, late, left=[a + b for a, b in zip(early, on_time, strict=True)], color=_RED)
    totals = [sum(b[1:]) for b in bars]
    for i, b in enumerate(bars):
        rate = _percent(Fraction(b[1] + b[2], totals[i]), lang)
        ax.annotate(
            f" {rate}",
            (totals[i], i),
            va="center",
            ha="left",
            fontsize="small",
            annotation_clip=False,
        )
    ax.set_yticks(y, [b[0] for b in bars])
    ax.invert_yaxis()
    ax.set_xlim(0, max(totals, default=1) * 1.15)
    _count_axis(ax, lang, axis="x")
    ax.set_xlabel(text["resolved_axis"])
    ax.set_title(text["verdicts"])
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    labels = [text["early"], text["on_time"], text["late"]]
    return _finish(fig, ax, ours, [c1, c2, c3], labels, path, "lower right")
