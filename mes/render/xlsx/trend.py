"""The workbook of ``mes trend --format xlsx``: MES per group over the quarters, as line charts.

Sheets, in order:

- **Charts**: line charts over the quarters: the organisation with its departments, then each
  department with its teams, the teams without a department, and each ``--by`` breakdown;
- **Trend**: one row per group: MES per quarter, the last change and its verdict (the terminal
  table's figures); every chart draws from this sheet's cells;
- **About**: the quarters (label, file, respondents), the settings and how to read it.

A quarter in which a group is absent or suppressed has an empty cell, so its line has a gap
there: no figure of a suppressed group is in any cell or any chart. A group with no figure in any
quarter gets no line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from mes.render import Lang
from mes.render.catalogue import tr, tr_ctx
from mes.render.terminal.change import ordered
from mes.render.words import LEVELS, WORKBOOK_VERDICTS, decimal, percent
from mes.render.xlsx.charts import quarter_lines
from mes.render.xlsx.kit import Column, Row, SheetWriter, TableRange
from mes.render.xlsx.style import GREY_TEXT, SIGNED_SCORE, Kind, RowStyle, Value, font
from mes.results import TrendGroup, TrendReport

__all__ = ["build_trend_workbook", "write_trend_workbook"]

_TREE = ("organisation", "department", "team")
_WHO = 3  # group, level, part of
_CHART_ROWS = 16  # sheet rows one chart of 7.5 cm covers, with a blank row under it
_CHARTS_PER_PAGE = 3


def write_trend_workbook(report: TrendReport, path: Path, *, lang: Lang = "en") -> None:
    """Write the workbook of a trend to ``path`` (the CLI makes the write atomic)."""
    build_trend_workbook(report, lang=lang, today=dt.date.today()).save(path)


def build_trend_workbook(report: TrendReport, *, lang: Lang = "en", today: dt.date) -> Workbook:
    """The trend as an openpyxl `Workbook`; ``today`` is its only non-deterministic content."""
    wb = Workbook()
    charts = wb.active
    assert charts is not None  # a new Workbook always has one sheet
    charts.title = tr(lang, "Charts")
    table_sheet = SheetWriter(wb.create_sheet(tr(lang, "Trend")), lang)
    order = ordered(report.groups, _sort_key)
    table = write_trend_table(table_sheet, report, order)
    write_trend_charts(SheetWriter(charts, lang), report, order, table_sheet.ws, table)
    write_trend_about(
        SheetWriter(wb.create_sheet(tr_ctx(lang, "diff workbook", "About")), lang), report, today
    )
    wb.active = 0
    wb.properties.title = tr(lang, "MES trend")
    wb.properties.creator = f"mes {report.mes_version}"
    return wb


def _sort_key(g: TrendGroup) -> tuple[int, float, str]:
    return (0, 0.0, "/".join(g.path).casefold())  # alphabetical: lines are easier to find


def _name(g: TrendGroup, lang: Lang) -> str:
    return tr(lang, "Organisation") if g.dimension == "organisation" else g.name


def _level(g: TrendGroup, lang: Lang) -> str:
    return tr(lang, LEVELS[g.dimension]) if g.dimension in _TREE else g.dimension


def _part_of(g: TrendGroup) -> str | None:
    return g.path[0] if g.dimension == "team" and len(g.path) > 1 else None


def _has_figures(g: TrendGroup) -> bool:
    return any(p.mes is not None and not p.suppressed for p in g.points)


# -- Trend (the table) --------------------------------------------------------------------------


def write_trend_table(
    sheet: SheetWriter, report: TrendReport, order: Sequence[TrendGroup]
) -> TableRange:
    """One row per group: MES per quarter (empty where absent or suppressed), last change."""
    lang = sheet.lang
    labels = [q.label for q in report.quarters]
    sheet.title(
        tr(lang, "MES per quarter: {quarters}", quarters=" → ".join(labels)),
        tr(
            lang,
            (
                "An empty cell: the group was not in that quarter, or was suppressed. "
                "The last change is rising or falling only when significant at {conf} "
                "and at least {min} points."
            ),
            conf=percent(report.settings.confidence, lang, None),
            min=decimal(report.settings.min_change, lang, None),
        ),
    )
    columns = [
        Column(tr(lang, "Group"), Kind.TEXT, min_width=14, max_width=40),
        Column(tr(lang, "Level"), Kind.TEXT, max_width=24),
        Column(tr_ctx(lang, "score workbook", "Part of"), Kind.TEXT, max_width=28),
        *(Column(label, Kind.SCORE, min_width=9, max_width=16) for label in labels),
        Column(tr(lang, "Last change"), Kind.SCORE, min_width=10),
        Column(tr(lang, "Verdict"), Kind.TEXT, min_width=10, max_width=16),
        Column(tr(lang, "Note"), Kind.TEXT, max_width=40),
    ]
    rows = [_row(g, report, lang) for g in order]
    table = sheet.table(columns, rows)
    if not table.empty:
        col = table.letter(_WHO + len(labels))
        for r in range(table.first_row, table.last_row + 1):
            sheet.ws[f"{col}{r}"].number_format = SIGNED_SCORE
    sheet.freeze_and_filter(table, frozen_cols=1)
    sheet.finish(
        landscape=True, title_rows=f"{table.header_row}:{table.header_row}", title_cols="A:A"
    )
    return table


def _row(g: TrendGroup, report: TrendReport, lang: Lang) -> Row:
    who: list[Value] = [_name(g, lang), _level(g, lang), _part_of(g)]
    figures: list[Value] = [
        None if p.suppressed or not p.present else p.mes for p in g.points
    ]  # the core leaves a suppressed quarter's figures out; this keeps it so if one slipped in
    hidden = [q.label for q, p in zip(report.quarters, g.points, strict=True) if p.suppressed]
    note = tr(lang, "suppressed in {quarters}", quarters=", ".join(hidden)) if hidden else None
    verdict = None if g.last_label is None else tr(lang, WORKBOOK_VERDICTS[g.last_label])
    if not _has_figures(g):
        return Row([*who, *figures, None, None, note], RowStyle.MUTED, _indent(g), notes=())
    style = {"organisation": RowStyle.TOTAL, "department": RowStyle.SUBTOTAL}.get(
        g.dimension, RowStyle.NORMAL
    )
    last = len(report.quarters) + _WHO + 2
    return Row([*who, *figures, g.last_change, verdict, note], style, _indent(g), notes=(last,))


def _indent(g: TrendGroup) -> int:
    if g.dimension == "organisation":
        return 0
    return 2 if g.dimension == "team" and len(g.path) > 1 else 1


# -- Charts -------------------------------------------------------------------------------------


def chart_groups(report: TrendReport, order: Sequence[TrendGroup], lang: Lang) -> list[
    tuple[str, list[int]]
]:  # fmt: skip
    """Which groups share a chart: (title, indexes into ``order``), groups with figures only."""
    index = {id(g): i for i, g in enumerate(order)}
    charted = [g for g in order if _has_figures(g)]
    out: list[tuple[str, list[int]]] = []
    top = [g for g in charted if g.dimension in ("organisation", "department")]
    if top:
        out.append((tr(lang, "Organisation and departments"), [index[id(g)] for g in top]))
    for dept in (g for g in order if g.dimension == "department"):
        teams = [
            g
            for g in charted
            if g.dimension == "team" and len(g.path) == 2 and g.path[0] == dept.path[0]
        ]
        if teams:
            members = ([dept] if _has_figures(dept) else []) + teams
            title = tr(lang, "{name} and its teams", name=dept.name)
            out.append((title, [index[id(g)] for g in members]))
    loose = [g for g in charted if g.dimension == "team" and len(g.path) == 1]
    if loose:
        out.append((tr(lang, "Teams without a department"), [index[id(g)] for g in loose]))
    for dimension in dict.fromkeys(g.dimension for g in charted if g.dimension not in _TREE):
        members = [g for g in charted if g.dimension == dimension]
        title = tr(lang, "By {column}", column=dimension)
        out.append((title, [index[id(g)] for g in members]))
    return out


def write_trend_charts(
    sheet: SheetWriter,
    report: TrendReport,
    order: Sequence[TrendGroup],
    table_ws: Worksheet,
    table: TableRange,
) -> None:
    """A line chart per set of groups, three to a printed page, drawn from the Trend sheet."""
    lang = sheet.lang
    labels = [q.label for q in report.quarters]
    sheet.title(
        tr(lang, "MES over the quarters: {quarters}", quarters=" → ".join(labels)),
        tr(
            lang,
            (
                "A line per group, drawn from the Trend sheet. A gap: the group was "
                "not in that quarter or was suppressed. Differences of a few points "
                "are mostly noise."
            ),
        ),
    )
    sheets = chart_groups(report, order, lang)
    if not sheets:
        sheet.put(
            sheet.row,
            1,
            tr(lang, ("No group has figures in any quarter: nothing to draw.")),
            cell_font=font(italic=True),
        )
    for i, (title, members) in enumerate(sheets):
        if i and i % _CHARTS_PER_PAGE == 0:
            sheet.ws.row_breaks.append(Break(id=sheet.row - 1))
        chart = quarter_lines(
            table_ws,
            rows=[table.first_row + m for m in members],
            name_col=table.first_col,
            first_col=table.first_col + _WHO,
            last_col=table.first_col + _WHO + len(labels) - 1,
            header_row=table.header_row,
            title=title,
            axis_title=tr(lang, "MES (0–100)"),
        )
        sheet.ws.add_chart(chart, f"A{sheet.row}")
        sheet.row += _CHART_ROWS
    for col in range(1, 12):
        sheet.set_width(col, 9.0)
    sheet.finish(landscape=False)


# -- About --------------------------------------------------------------------------------------


def write_trend_about(sheet: SheetWriter, report: TrendReport, today: dt.date) -> None:
    """The quarters, the settings and how to read the verdict."""
    lang, st = sheet.lang, report.settings
    sheet.set_width(1, 30.0)
    sheet.set_width(2, 40.0)
    sheet.title(tr(lang, "About this trend"))
    sheet.section(tr(lang, "The quarters"), 4)
    org = next((g for g in report.groups if g.dimension == "organisation"), None)
    rows = []
    for i, q in enumerate(report.quarters):
        # A quarter's respondent counts are its organisation's size: not when it is hidden.
        hidden = org is None or org.points[i].suppressed
        rows.append(
            Row([q.label, q.file, None if hidden else q.respondents, None if hidden else q.scored])
        )
    sheet.table(
        [
            Column(tr(lang, "Quarter"), Kind.TEXT),
            Column(tr(lang, "File"), Kind.WRAP, max_width=40),
            Column(tr(lang, "Respondents"), Kind.COUNT),
            Column(tr(lang, "Respondents scored"), Kind.COUNT),
        ],
        rows,
    )
    sheet.section(tr(lang, "Settings"), 4)
    conf = percent(st.confidence, lang, None)
    sheet.paragraph(
        tr(
            lang,
            (
                "Each quarter is scored on its own, with minimum group size {k}: a "
                "group hidden in one quarter can be shown in another. The last change "
                "is tested with Welch's t-test; it is rising or falling only when "
                "significant at {conf} and at least {min} points, otherwise stable. "
                "Small groups will mostly be stable."
            ),
            conf=conf,
            min=decimal(st.min_change, lang, None),
            k=st.min_group_size,
        ),
        4,
    )
    sheet.put(sheet.row, 1, tr(lang, "Date"), cell_font=font(bold=True), fit=False)
    sheet.put(sheet.row, 2, today, Kind.DATE, fit=False)
    sheet.row += 1
    sheet.put(sheet.row, 1, tr(lang, "Made with"), cell_font=font(bold=True), fit=False)
    sheet.put(sheet.row, 2, f"mes {report.mes_version}", fit=False)
    sheet.row += 1
    if report.issues:
        sheet.section(tr(lang, "Warnings"), 4)
        for issue in report.issues:
            sheet.paragraph(f"{issue.code}: {issue.message}", 4, cell_font=font(color=GREY_TEXT))
    sheet.finish(landscape=False)
