"""One layout for every form, rendered as plain text and as HTML that prints on A5 or A4."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, datetime

import attrs

__all__ = ["Layout", "day_line", "moment_vi"]

_NATION = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def moment_vi(value: datetime | None) -> str:
    """``16 giờ 55 phút, ngày 09 tháng 01 năm 2026``, the way the forms print a moment."""
    if value is None:
        return "…… giờ …… phút, ngày …… tháng …… năm ……"
    return (
        f"{value.hour:02d} giờ {value.minute:02d} phút, "
        f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"
    )


def day_line(place: str, day: date | None) -> str:
    """``Phường Ba Đình, ngày 09 tháng 01 năm 2026`` (the place-and-date line)."""
    where = place or "……"
    if day is None:
        return f"{where}, ngày …… tháng …… năm ……"
    return f"{where}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


@attrs.frozen(kw_only=True)
class Layout:
    """What a printed form shows, in order (the forms' common skeleton)."""

    agency: tuple[str, ...]
    number: str
    place_date: str
    title: str
    subtitle: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    table_title: str = ""
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    closing: tuple[str, ...] = ()
    signatures: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    footer: str = ""
    paper: str = "A5"
    qr_svg: str = ""

    def text(self) -> str:
        """The form as plain text (UTF-8), for a receipt printer or a log."""
        out: list[str] = []
        width = 78 if self.paper == "A4" else 64
        left = [*self.agency, self.number]
        right = [*_NATION, self.place_date]
        gap = max(len(x) for x in left) + 2
        for i in range(max(len(left), len(right))):
            a = left[i] if i < len(left) else ""
            b = right[i] if i < len(right) else ""
            out.append(f"{a:<{gap}}{b}".rstrip())
        out.append("")
        out.append(self.title.upper().center(width).rstrip())
        if self.subtitle:
            out.append(self.subtitle.center(width).rstrip())
        out.append("")
        for label, value in self.fields:
            out.append(f"{label}: {value}" if label else value)
        if self.columns:
            if self.table_title:
                out.append(self.table_title)
            out.extend(_text_table(self.columns, self.rows))
        out.extend(self.closing)
        if self.signatures:
            out.append("")
            out.append("    ".join(role for role, _ in self.signatures))
            out.append("    ".join(hint for _, hint in self.signatures))
        if self.notes:
            out.append("")
            out.append("Ghi chú:")
            out.extend(f"- {n}" for n in self.notes)
        if self.footer:
            out.append("")
            out.append(self.footer)
        return "\n".join(out) + "\n"

    def html(self) -> str:
        """The form as a standalone HTML page that prints on its paper size (A5 or A4)."""
        e = html.escape
        landscape = " landscape" if self.paper == "A4" and len(self.columns) > 6 else ""
        parts = [
            "<!DOCTYPE html>",
            '<html lang="vi"><head><meta charset="utf-8">',
            f"<title>{e(self.title)}</title>",
            "<style>",
            f"@page {{ size: {self.paper}{landscape}; margin: 12mm; }}",
            "body { font-family: 'Times New Roman', serif; font-size: 12pt; }",
            ".head { display: flex; justify-content: space-between; text-align: center; }",
            "h1 { text-align: center; font-size: 14pt; margin: 8mm 0 2mm; }",
            ".sub { text-align: center; font-style: italic; }",
            "table { border-collapse: collapse; width: 100%; margin: 3mm 0; }",
            "th, td { border: 1px solid #000; padding: 1mm 2mm; vertical-align: top; }",
            ".sign { display: flex; justify-content: space-around; text-align: center;"
            " margin-top: 6mm; }",
            ".qr { float: right; width: 28mm; }",
            ".notes { font-size: 10pt; margin-top: 8mm; }",
            "</style></head><body>",
            '<div class="head"><div>',
            *(f"<div><b>{e(line)}</b></div>" for line in self.agency),
            f"<div>{e(self.number)}</div></div><div>",
            *(f"<div><b>{e(line)}</b></div>" for line in _NATION),
            f"<div><i>{e(self.place_date)}</i></div></div></div>",
        ]
        if self.qr_svg:
            parts.append(f'<div class="qr">{self.qr_svg}</div>')
        parts.append(f"<h1>{e(self.title.upper())}</h1>")
        if self.subtitle:
            parts.append(f'<p class="sub">{e(self.subtitle)}</p>')
        for label, value in self.fields:
            parts.append(f"<p>{e(label)}: {e(value)}</p>" if label else f"<p>{e(value)}</p>")
        if self.columns:
            if self.table_title:
                parts.append(f"<p>{e(self.table_title)}</p>")
            parts.append("<table><thead><tr>")
            parts.extend(f"<th>{e(c)}</th>" for c in self.columns)
            parts.append("</tr></thead><tbody>")
            for row in self.rows:
                parts.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>")
            parts.append("</tbody></table>")
        parts.extend(f"<p>{e(line)}</p>" for line in self.closing)
        if self.signatures:
            parts.append('<div class="sign">')
            for role, hint in self.signatures:
                parts.append(f"<div><b>{e(role)}</b><br><i>{e(hint)}</i></div>")
            parts.append("</div>")
        if self.notes:
            parts.append('<div class="notes"><b>Ghi chú:</b><ul>')
            parts.extend(f"<li>{e(n)}</li>" for n in self.notes)
            parts.append("</ul></div>")
        if self.footer:
            parts.append(f'<p class="notes">{e(self.footer)}</p>')
        parts.append("</body></html>")
        return "\n".join(parts) + "\n"


def _text_table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [len(c) for c in columns]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(f"{c:<{w}}" for c, w in zip(cells, widths, strict=True)) + " |"

    out = [rule, line(columns), rule]
    out.extend(line(r) for r in rows)
    out.append(rule)
    return out
