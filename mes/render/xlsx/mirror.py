"""The workbook of ``mes mirror --format xlsx``: the mirror survey for management.

Sheets, in order:

- **Mirror** (*Spiegel*): the summary in plain words, the organisation's table per aspect
  (customers' score, employees' expectation, both on 0-100 and on the answer scale, with n, the
  gap, its interval, p and the verdict) and a native bar chart of customers against employees
  per aspect.
- **Groups** (*Groepen*): one row per department or team and aspect, with an autofilter, so a
  team leader can filter on their team; a suppressed group keeps its name and the reason only.
- **About** (*Over*): the files, the definition, the settings, how the verdict is reached, what
  is hidden and why, and the warnings.

Made with the score report's machinery (`SheetWriter`, `safe_text` on every string, the
palette), so figures are real numbers shown through number formats and no text from the input
can become a formula. Privacy was decided in the core: a hidden figure arrives as None and its
cell stays empty.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import PatternFill
from openpyxl.worksheet.pagebreak import Break

from mes.messages import N_
from mes.mirror_results import AspectGap, MirrorGroup, MirrorReport
from mes.render import Lang
from mes.render.catalogue import tr
from mes.render.mirror_sentences import notes, summary
from mes.render.words import (
    aspect_names,
    group_label,
    hidden_word,
    issue_line,
    suppression_word,
    verdict_word,
)
from mes.render.xlsx.kit import Column, Row, SheetWriter, TableRange
from mes.render.xlsx.style import (
    FALLING_FILL,
    FALLING_TEXT,
    GREY_TEXT,
    NAVY,
    P_VALUE,
    RISING_FILL,
    RISING_TEXT,
    SIGNED_SCORE,
    Kind,
    RowStyle,
    Value,
    font,
)

__all__ = ["build_mirror_workbook", "write_mirror_workbook"]

CUSTOMER_COLOUR = NAVY
EMPLOYEE_COLOUR = "F4B183"  # a light orange: apart from the navy in colour and in grey print
_ROW_CM = 0.53


_LEVEL = {"organisation": N_("organisation"), "department": N_("department"), "team": N_("team")}


def _scale(low: float, high: float) -> str:
    """An answer scale as written in a heading: ``1-10``."""
    return f"{low}-{high}"


def write_mirror_workbook(report: MirrorReport, path: Path, *, lang: Lang = "en") -> None:
    """Write the mirror workbook to ``path`` (the CLI makes the write atomic)."""
    build_mirror_workbook(report, lang=lang, today=dt.date.today()).save(path)


def build_mirror_workbook(report: MirrorReport, *, lang: Lang = "en", today: dt.date) -> Workbook:
    """The mirror report as an openpyxl `Workbook`; ``today`` is its only changing content."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = tr(lang, "Mirror")
    _write_mirror(SheetWriter(first, lang), report)
    _write_groups(SheetWriter(wb.create_sheet(tr(lang, "Groups")), lang), report)
    _write_about(SheetWriter(wb.create_sheet(tr(lang, "About")), lang), report, today)
    wb.active = 0
    wb.properties.title = tr(lang, "Mirror survey")
    wb.properties.creator = f"mes {report.mes_version}"
    return wb


# -- Mirror ------------------------------------------------------------------------------------


def _figure_columns(report: MirrorReport, lang: Lang) -> list[Column]:
    d = report.definition
    conf = f"{report.settings.confidence:.0%}"
    return [
        Column(tr(lang, "Customers (0-100)"), Kind.SCORE, min_width=10, max_width=14),
        Column(
            tr(lang, "Customers ({s})", s=_scale(d.scale_min, d.scale_max)),
            Kind.DECIMAL,
            min_width=10,
            max_width=14,
        ),
        Column(tr(lang, "n customers"), Kind.COUNT, min_width=9, max_width=12),
        Column(tr(lang, "Employees expect (0-100)"), Kind.SCORE, min_width=14, max_width=16),
        Column(
            tr(
                lang, "Employees expect ({s})", s=_scale(d.employee_scale_min, d.employee_scale_max)
            ),
            Kind.DECIMAL,
            min_width=14,
            max_width=16,
        ),
        Column(tr(lang, "n employees"), Kind.COUNT, min_width=10, max_width=13),
        Column(tr(lang, "Gap (points)"), Kind.SCORE, min_width=9, max_width=12),
        Column(tr(lang, "{conf} CI low", conf=conf), Kind.SCORE, min_width=9, max_width=12),
        Column(tr(lang, "{conf} CI high", conf=conf), Kind.SCORE, min_width=9, max_width=12),
        Column(tr(lang, "p"), Kind.DECIMAL, min_width=7, max_width=9),
        Column(tr(lang, "Verdict"), Kind.TEXT, min_width=12, max_width=18),
    ]


def _figures(a: AspectGap, lang: Lang) -> list[Value]:
    c, e, t = a.customers, a.employees, a.test
    return [
        c.mean, c.mean_on_scale, c.n, e.mean, e.mean_on_scale, e.n, a.gap,
        t.ci.low if t else None, t.ci.high if t else None, t.p if t else None,
        verdict_word(a.verdict, lang) if a.verdict else None,
    ]  # fmt: skip


_MIRROR_WIDTHS = (22, 10, 10, 10, 17, 17, 14, 10, 10, 10, 8, 15)


def _write_mirror(sheet: SheetWriter, report: MirrorReport) -> None:
    lang = sheet.lang
    names = aspect_names(report, lang)
    sheet.title(
        tr(lang, "Mirror survey"),
        tr(
            lang,
            "Customers: {customers} · Employees: {employees}",
            customers=report.customers.file,
            employees=report.employees.file,
        ),
    )
    columns = [Column(tr(lang, "Aspect"), Kind.TEXT, min_width=14, max_width=24)]
    columns += _figure_columns(report, lang)
    # Fixed widths, set before the summary, so its wrapped rows get the height they need.
    for col, width in enumerate(_MIRROR_WIDTHS, start=1):
        sheet.set_width(col, width)
    sheet.section(tr(lang, "In plain words"), len(columns))
    for line in summary(report, lang):
        sheet.paragraph(line, len(columns))
    org = report.organisation
    sheet.section(tr(lang, "The organisation per aspect"), len(columns))
    if org.suppressed or not org.aspects:
        sheet.paragraph(tr(lang, "The organisation is suppressed: nothing is shown."), len(columns))
        sheet.finish(landscape=True)
        return
    rows = [Row([names[a.aspect], *_figures(a, lang)]) for a in org.aspects]
    table = sheet.table(columns, rows)
    _format_figures(sheet, table, first_figure=1)
    _colour_verdicts(sheet, table, [a.verdict for a in org.aspects], verdict_col=11, gap_col=7)
    # Printed, the chart gets a page of its own rather than being cut in two; it starts a row
    # below the break so that no edge of it lands on the first page.
    sheet.ws.row_breaks.append(Break(id=sheet.row))
    chart_row = sheet.row + 2
    sheet.ws.add_chart(_chart(sheet, table, len(org.aspects)), f"A{chart_row}")
    sheet.finish(landscape=True)


def _format_figures(sheet: SheetWriter, table: TableRange, first_figure: int) -> None:
    """Signed gaps and intervals, and p as "<0.001" below that, through number formats."""
    if table.empty:
        return
    for offset, fmt in ((6, SIGNED_SCORE), (7, SIGNED_SCORE), (8, SIGNED_SCORE), (9, P_VALUE)):
        col = table.first_col + first_figure + offset
        for row in range(table.first_row, table.last_row + 1):
            sheet.ws.cell(row=row, column=col).number_format = fmt


def _colour_verdicts(
    sheet: SheetWriter,
    table: TableRange,
    verdicts: list[str | None],
    verdict_col: int,
    gap_col: int,
) -> None:
    """Underestimated (customers rate higher) in Excel's green, overestimated in its red."""
    for i, verdict in enumerate(verdicts):
        if verdict not in ("underestimate", "overestimate"):
            continue
        fill, colour = (
            (RISING_FILL, RISING_TEXT)
            if verdict == "underestimate"
            else (FALLING_FILL, FALLING_TEXT)
        )
        for col in (verdict_col, gap_col):
            cell = sheet.ws.cell(row=table.first_row + i, column=table.first_col + col)
            cell.fill = PatternFill("solid", fgColor=fill)
            cell.font = font(bold=True, color=colour)


def _chart(sheet: SheetWriter, table: TableRange, n_aspects: int) -> BarChart:
    """Horizontal bars: customers and employees side by side per aspect, first aspect on top."""
    lang = sheet.lang
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.gapWidth = 60
    chart.overlap = 0
    chart.title = tr(lang, "Customers' score and employees' expectation per aspect (0-100)")
    categories = Reference(
        sheet.ws, min_col=table.first_col, min_row=table.first_row, max_row=table.last_row
    )
    for offset, title, colour in (
        (1, tr(lang, "Customers"), CUSTOMER_COLOUR),
        (4, tr(lang, "Employees expect"), EMPLOYEE_COLOUR),
    ):
        col = table.first_col + offset
        ref = Reference(sheet.ws, min_col=col, min_row=table.first_row, max_row=table.last_row)
        chart.add_data(ref, titles_from_data=False)
        series = chart.series[-1]
        series.tx = SeriesLabel(v=title)
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
        series.dLbls = DataLabelList(numFmt="0", showVal=True)
        for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
            setattr(series.dLbls, flag, False)
    chart.set_categories(categories)
    cat, val = chart.x_axis, chart.y_axis
    cat.delete = False
    val.delete = False
    cat.scaling.orientation = "maxMin"  # first aspect at the top, as in the table
    val.crosses = "max"  # with the categories reversed, keep the scores at the bottom
    val.scaling.min = 0
    val.scaling.max = 100
    val.majorUnit = 20
    val.number_format = "0"
    chart.legend.position = "b"
    chart.width = 24.0
    chart.height = 4.0 + 1.3 * n_aspects
    return chart


# -- Groups ------------------------------------------------------------------------------------


def _write_groups(sheet: SheetWriter, report: MirrorReport) -> None:
    lang = sheet.lang
    names = aspect_names(report, lang)
    k = report.settings.min_group_size
    sheet.title(
        tr(lang, "Per department and team"),
        tr(
            lang,
            ("Gap = customers − employees' expectation, in points on 0-100. Filter on a group."),
        ),
    )
    columns = [
        Column(tr(lang, "Group"), Kind.TEXT, min_width=14, max_width=36),
        Column(tr(lang, "Level"), Kind.TEXT, max_width=14),
        Column(tr(lang, "Part of"), Kind.TEXT, max_width=24),
        Column(tr(lang, "Aspect"), Kind.TEXT, min_width=14, max_width=24),
        *_figure_columns(report, lang),
        Column(tr(lang, "Note"), Kind.WRAP, max_width=40),
    ]
    rows: list[Row] = []
    verdicts: list[str | None] = []
    for group in report.groups:
        who: list[Value] = [
            group_label(group, lang),
            tr(lang, _LEVEL[group.dimension]),
            group.path[0] if group.dimension == "team" and len(group.path) > 1 else None,
        ]
        indent = (
            0 if group.dimension == "organisation" else 1 if group.dimension == "department" else 2
        )
        if group.suppressed:
            note = f"{suppression_word(group.suppression, k, lang)}"
            rows.append(Row([*who, None, *[None] * 11, note], RowStyle.MUTED, indent, notes=(15,)))
            verdicts.append(None)
            continue
        style = RowStyle.TOTAL if group.dimension == "organisation" else RowStyle.NORMAL
        for a in group.aspects:
            rows.append(
                Row([*who, names[a.aspect], *_figures(a, lang), _note(a, group, k, lang)],
                    style, indent, notes=(15,))
            )  # fmt: skip
            verdicts.append(a.verdict)
    table = sheet.table(columns, rows)
    _format_figures(sheet, table, first_figure=4)
    _colour_verdicts(sheet, table, verdicts, verdict_col=14, gap_col=10)
    if not table.empty:
        sheet.freeze_and_filter(table, frozen_cols=1)
    sheet.finish(landscape=True, title_rows=f"{table.header_row}:{table.header_row}")


def _note(a: AspectGap, group: MirrorGroup, k: int, lang: Lang) -> str | None:
    parts = []
    if a.customers.hidden:
        hidden = hidden_word(a.customers.hidden, k, lang)
        parts.append(tr(lang, "customers: {reason}", reason=hidden))
    if a.employees.hidden:
        hidden = hidden_word(a.employees.hidden, k, lang)
        parts.append(tr(lang, "employees: {reason}", reason=hidden))
    return "; ".join(parts) or None


# -- About -------------------------------------------------------------------------------------


def _write_about(sheet: SheetWriter, report: MirrorReport, today: dt.date) -> None:
    lang = sheet.lang
    width = 8
    sheet.set_width(1, 30)
    for col in range(2, width + 1):
        sheet.set_width(col, 14)
    sheet.title(tr(lang, "About this report"))
    sheet.section(tr(lang, "Files"), width)
    for label, info in (
        (tr(lang, "Customers"), report.customers),
        (tr(lang, "Employees"), report.employees),
    ):
        where = info.file + (f" ({info.sheet})" if info.sheet else "")
        sheet.put(sheet.row, 1, label, cell_font=font(bold=True), fit=False)
        sheet.put(sheet.row, 2, where, fit=False)
        sheet.row += 1
    sheet.section(tr(lang, "Method and settings"), width)
    sheet.paragraph(
        tr(
            lang,
            (
                "Customers answered how they rate each aspect of the service; "
                "employees answered how they think customers rate it. Both are shown "
                "on 0-100 (100 × (answer − min) / (max − min)). The gap is the "
                "customers' mean minus the employees' mean, tested with Welch's "
                "t-test. Employees underestimate an aspect when customers rate it "
                "higher, and overestimate it when customers rate it lower, but only "
                "when the gap is significant and at least the minimum number of "
                "points; otherwise they are in line. Employee groups are suppressed "
                "exactly as mes score suppresses them; no figure rests on fewer than "
                "the minimum group size, on either side. Names, e-mail addresses, "
                "customer numbers and comments in the customer file are never read."
            ),
        ),
        width,
    )
    for line in notes(report, lang):
        sheet.paragraph(line, width)
    sheet.paragraph(
        tr(lang, "Made by mes {v} on {date}.", v=report.mes_version, date=today.isoformat()),
        width,
        cell_font=font(italic=True, color=GREY_TEXT),
    )
    sheet.section(tr(lang, "Warnings"), width)
    if not report.issues:
        sheet.paragraph(tr(lang, "None."), width)
    for issue in report.issues:
        sheet.paragraph(issue_line(issue, lang), width)
    sheet.finish(landscape=False)
