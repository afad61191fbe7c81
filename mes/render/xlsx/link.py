"""The workbook of ``mes link --format xlsx``: team energy beside the customer score.

Sheets, in order:

- **Link** (*Verband*): what the correlation says in plain words, the per-team table (staff n,
  MES, share customer-energetic, every trait, customer n and score on 0-100 and on its scale; a
  suppressed team by name and reason only), the correlations across teams (Pearson and Spearman
  with their intervals) and, on a printed page of its own, a native scatter chart of team MES
  (x) against customer score (y) with a straight trend line.
- **Change** (*Verandering*), with ``--previous``: each team's MES and customer score in both
  quarters and the changes, the correlation between the changes with the words on how many
  teams it rests, and a scatter of the two changes. A team left out has its name and why only.
- **Lag** (*Vertraging*), with ``--earlier`` as well: the same for each team's change in MES from
  the first to the second quarter against its change in customer score from the second quarter
  to this one (the next quarter's), with its own scatter chart.
- **About** (*Over*): the files, the method, what is hidden and why, and the warnings.

Made with the score report's machinery (`SheetWriter`, `safe_text` on every string, the palette):
figures are real numbers shown through number formats, no text from the input can become a
formula, and a hidden figure arrives as None so its cell stays empty. The charts read the
table's own cells, so they can show nothing the table does not.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import Reference, ScatterChart, Series
from openpyxl.chart.trendline import Trendline
from openpyxl.worksheet.pagebreak import Break

from mes.messages import N_
from mes.mirror_results import Correlation, LinkReport
from mes.render import Lang
from mes.render.catalogue import tr
from mes.render.link_sentences import (
    change_words,
    lag_left_out_word,
    lag_words,
    left_out_word,
    measure_name,
    no_score_word,
    notes,
    words,
)
from mes.render.words import issue_line, suppression_word
from mes.render.xlsx.kit import Column, Row, SheetWriter, TableRange
from mes.render.xlsx.measure import text_width
from mes.render.xlsx.style import (
    GREY_TEXT,
    NAVY,
    P_VALUE,
    SIGNED_SCORE,
    Kind,
    RowStyle,
    Value,
    font,
)

__all__ = ["build_link_workbook", "write_link_workbook"]


_LEVEL = {"team": N_("Team"), "department": N_("Department")}


def write_link_workbook(report: LinkReport, path: Path, *, lang: Lang = "en") -> None:
    """Write the link workbook to ``path`` (the CLI makes the write atomic)."""
    build_link_workbook(report, lang=lang, today=dt.date.today()).save(path)


def build_link_workbook(report: LinkReport, *, lang: Lang = "en", today: dt.date) -> Workbook:
    """The link report as an openpyxl `Workbook`; ``today`` is its only changing content."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = tr(lang, "Link")
    _write_link(SheetWriter(first, lang), report)
    if report.change is not None:
        _write_change(SheetWriter(wb.create_sheet(tr(lang, "Change")), lang), report)
    if report.lag is not None:
        _write_lag(SheetWriter(wb.create_sheet(tr(lang, "Lag")), lang), report)
    _write_about(SheetWriter(wb.create_sheet(tr(lang, "About")), lang), report, today)
    wb.active = 0
    wb.properties.title = tr(lang, "Team energy and customer score")
    wb.properties.creator = f"mes {report.mes_version}"
    return wb


# -- Link --------------------------------------------------------------------------------------


def _fix_widths(sheet: SheetWriter, widths: tuple[float, ...], columns: list[Column]) -> None:
    """Fixed widths (set before any paragraph, so wrapped rows get the height they need), each
    wide enough for the longest word of its header: a header never breaks inside a word."""
    for col, width in enumerate(widths, start=1):
        header = columns[col - 1].header if col <= len(columns) else ""
        longest = max((text_width(word) for word in header.split()), default=0)
        sheet.set_width(col, max(width, longest + 2))


#: Column of the per-team table (0-based) holding MES: the chart's x.
MES_COL = 3


def customer_col(report: LinkReport) -> int:
    """Column of the per-team table (0-based) holding the customer score on 0-100: the y."""
    return 6 + len(report.trait_names)


def _team_columns(report: LinkReport, lang: Lang) -> list[Column]:
    st = report.settings
    names = report.trait_names_nl if lang == "nl" else report.trait_names
    return [
        Column(tr(lang, _LEVEL[report.level]), Kind.TEXT, min_width=14, max_width=26),
        Column(tr(lang, "Part of"), Kind.TEXT, min_width=10, max_width=20),
        Column(tr(lang, "n staff"), Kind.COUNT, min_width=8, max_width=10),
        Column(tr(lang, "MES"), Kind.SCORE, min_width=7, max_width=9),
        Column(tr(lang, "Share energetic"), Kind.SHARE, min_width=10, max_width=12),
        *[Column(name, Kind.SCORE, min_width=10, max_width=12) for name in names.values()],
        Column(tr(lang, "n customers"), Kind.COUNT, min_width=9, max_width=10),
        Column(tr(lang, "Customer score\n(0-100)"), Kind.SCORE, min_width=10, max_width=12),
        Column(tr(lang, "Customer score\n({s})", s=f"{st.scale_min}-{st.scale_max}"), Kind.DECIMAL,
               min_width=10, max_width=12),
        Column(tr(lang, "Note"), Kind.WRAP, max_width=30),
    ]  # fmt: skip


def _team_rows(report: LinkReport, lang: Lang) -> list[Row]:
    k = report.settings.min_group_size
    rows = []
    n_figures = 6 + len(report.trait_names)
    for t in report.teams:
        part_of = t.path[0] if len(t.path) > 1 else None
        if t.suppressed:
            note = suppression_word(t.suppression, k, lang)
            muted: list[Value] = [t.name, part_of, *[None] * n_figures, note]
            rows.append(Row(muted, RowStyle.MUTED, notes=(len(muted) - 1,)))
            continue
        traits = [(t.traits or {}).get(key) for key in report.trait_names]
        hidden = None
        if t.customer_score is None:
            hidden = no_score_word(t.customer_hidden, k, lang)
        values: list[Value] = [
            t.name, part_of, t.employees, t.mes, t.energetic_share, *traits, t.customers,
            t.customer_score, t.customer_mean_on_scale, hidden,
        ]  # fmt: skip
        rows.append(Row(values, notes=(len(values) - 1,)))
    return rows


def _write_link(sheet: SheetWriter, report: LinkReport) -> None:
    lang = sheet.lang
    columns = _team_columns(report, lang)
    widths = (22, 18, 9, 9, 12, *[11] * len(report.trait_names), 11, 13, 13, 26)
    _fix_widths(sheet, widths, columns)
    sheet.title(
        tr(lang, "Team energy and customer score"),
        tr(
            lang,
            "Staff survey: {survey} · Customers: {customers}",
            survey=report.survey.file,
            customers=report.customers.file,
        ),
    )
    last = len(columns)
    sheet.section(tr(lang, "In plain words"), last)
    for line in words(report, lang):
        sheet.paragraph(line, last)
    sheet.section(
        (tr(lang, "Per team") if report.level == "team" else tr(lang, "Per department")), last
    )
    table = sheet.table(columns, _team_rows(report, lang))
    mes = next(c for c in report.correlations if c.measure == "mes")
    sheet.section(tr(lang, "Across {n} teams", n=mes.teams), last)
    _correlation_table(sheet, report, report.correlations)
    for line in notes(report, lang):
        sheet.paragraph(line, last, cell_font=font(italic=True, color=GREY_TEXT))
    if not table.empty:
        # Printed, the chart gets a page of its own rather than being cut in two.
        sheet.ws.row_breaks.append(Break(id=sheet.row))
        axes = ("MES", tr(lang, "Customer score\n(0-100)").replace("\n", " "))
        chart = _scatter(
            sheet,
            table,
            MES_COL,
            customer_col(report),
            tr(lang, ("Team MES (x) and customer score (y), 0-100")),
            axes,
        )
        sheet.ws.add_chart(chart, f"A{sheet.row + 2}")
    sheet.finish(landscape=True)


def _correlation_table(
    sheet: SheetWriter, report: LinkReport, correlations: list[Correlation]
) -> TableRange:
    lang = sheet.lang
    conf = f"{report.settings.confidence:.0%}"
    columns = [
        Column(tr(lang, "Measure"), Kind.TEXT, min_width=14, max_width=26),
        Column(tr(lang, "Teams"), Kind.COUNT, min_width=6, max_width=8),
        Column(tr(lang, "Pearson r"), Kind.DECIMAL, min_width=8, max_width=10),
        Column(tr(lang, "{conf} CI low", conf=conf), Kind.DECIMAL, min_width=8, max_width=11),
        Column(tr(lang, "{conf} CI high", conf=conf), Kind.DECIMAL, min_width=8, max_width=11),
        Column("p", Kind.DECIMAL, min_width=6, max_width=8),
        Column(tr(lang, "Spearman ρ"), Kind.DECIMAL, min_width=8, max_width=10),
        Column(tr(lang, "{conf} CI low", conf=conf), Kind.DECIMAL, min_width=8, max_width=11),
        Column(tr(lang, "{conf} CI high", conf=conf), Kind.DECIMAL, min_width=8, max_width=11),
        Column("p", Kind.DECIMAL, min_width=6, max_width=8),
    ]
    rows = [
        Row(
            [
                measure_name(report, c.measure, lang), c.teams,
                c.pearson_r, c.pearson_ci.low if c.pearson_ci else None,
                c.pearson_ci.high if c.pearson_ci else None, c.pearson_p,
                c.spearman_rho, c.spearman_ci.low if c.spearman_ci else None,
                c.spearman_ci.high if c.spearman_ci else None, c.spearman_p,
            ]
        )
        for c in correlations
    ]  # fmt: skip
    table = sheet.table(columns, rows)
    for offset, fmt in ((2, "+0.00;-0.00;0.00"), (3, "+0.00;-0.00;0.00"), (4, "+0.00;-0.00;0.00"),
                        (5, P_VALUE), (6, "+0.00;-0.00;0.00"), (7, "+0.00;-0.00;0.00"),
                        (8, "+0.00;-0.00;0.00"), (9, P_VALUE)):  # fmt: skip
        for row in range(table.first_row, table.last_row + 1):
            sheet.ws.cell(row=row, column=table.first_col + offset).number_format = fmt
    return table


def _scatter(
    sheet: SheetWriter,
    table: TableRange,
    x_col: int,
    y_col: int,
    title: str,
    axis_titles: tuple[str, str],
    *,
    fixed_scale: bool = True,
) -> ScatterChart:
    """Team points from two columns of ``table`` (empty cells are no point), a linear trend."""
    chart = ScatterChart()
    chart.title = title
    chart.style = 13
    xs = Reference(
        sheet.ws, min_col=table.first_col + x_col, min_row=table.first_row, max_row=table.last_row
    )
    ys = Reference(
        sheet.ws, min_col=table.first_col + y_col, min_row=table.first_row, max_row=table.last_row
    )
    series = Series(ys, xs, title=tr(sheet.lang, "Teams"))
    series.marker.symbol = "circle"
    series.marker.size = 8
    series.marker.graphicalProperties.solidFill = NAVY
    series.marker.graphicalProperties.line.solidFill = NAVY
    series.graphicalProperties.line.noFill = True  # points, not a line through them
    series.trendline = Trendline(trendlineType="linear", dispRSqr=False, dispEq=False)
    chart.series.append(series)
    chart.x_axis.title, chart.y_axis.title = axis_titles
    for axis in (chart.x_axis, chart.y_axis):
        axis.delete = False
        axis.number_format = "0"
        if fixed_scale:
            axis.scaling.min = 0
            axis.scaling.max = 100
            axis.majorUnit = 20
    chart.legend = None
    chart.width = 24.0
    chart.height = 14.0
    return chart


# -- Change ------------------------------------------------------------------------------------


def _write_change(sheet: SheetWriter, report: LinkReport) -> None:
    change = report.change
    assert change is not None
    lang = sheet.lang
    subtitle = tr(
        lang,
        "Earlier quarter: {survey} · {customers}",
        survey=change.previous_survey.file,
        customers=change.previous_customers.file,
    )
    rows: list[tuple[str, str | None, list[float | None]]] = [
        (
            t.name,
            None if t.left_out is None else left_out_word(t.left_out, lang),
            [t.mes_previous, t.mes_current, t.mes_change, t.customer_previous,
             t.customer_current, t.customer_change],
        )
        for t in change.teams
    ]  # fmt: skip
    _write_changes(
        sheet,
        report,
        title=tr(lang, "Change in MES and in customer score"),
        subtitle=subtitle,
        lines=change_words(report, lang),
        headers=(
            N_("MES before"),
            N_("MES now"),
            N_("Change in MES"),
            N_("Customer score before"),
            N_("Customer score now"),
            N_("Change in customer score"),
        ),
        rows=rows,
        correlation=change.correlation,
        chart_title=tr(lang, "Change in MES (x) and change in customer score (y), points"),
    )


def _write_lag(sheet: SheetWriter, report: LinkReport) -> None:
    lag = report.lag
    assert lag is not None
    lang = sheet.lang
    rows: list[tuple[str, str | None, list[float | None]]] = [
        (
            t.name,
            None if t.left_out is None else lag_left_out_word(t.left_out, lang),
            [t.mes_earlier, t.mes_previous, t.mes_change, t.customer_previous,
             t.customer_current, t.customer_change],
        )
        for t in lag.teams
    ]  # fmt: skip
    _write_changes(
        sheet,
        report,
        title=tr(lang, "Change in MES, then the next quarter's change in customer score"),
        subtitle=tr(
            lang,
            ("First quarter: {survey} · second quarter and this one as on the Change sheet"),
            survey=lag.earlier_survey.file,
        ),
        lines=lag_words(report, lang),
        headers=(
            N_("MES 1st quarter"),
            N_("MES 2nd quarter"),
            N_("Change in MES, 1st to 2nd"),
            N_("Customer score 2nd quarter"),
            N_("Customer score now"),
            N_("Change in customer score, 2nd to now"),
        ),
        rows=rows,
        correlation=lag.correlation,
        chart_title=tr(
            lang, ("Change in MES (x) and the next quarter's change in customer score (y), points")
        ),
    )


def _write_changes(
    sheet: SheetWriter,
    report: LinkReport,
    *,
    title: str,
    subtitle: str,
    lines: list[str],
    headers: tuple[str, str, str, str, str, str],
    rows: list[tuple[str, str | None, list[float | None]]],
    correlation: Correlation,
    chart_title: str,
) -> None:
    """A sheet of changes: the words, per team the MES before and after and its change and the
    customer score before and after and its change (a team left out: name and why only), the
    correlation of the two changes and a scatter of them (x: column D, y: column G)."""
    lang = sheet.lang
    columns = [
        Column(tr(lang, _LEVEL[report.level]), Kind.TEXT, min_width=14, max_width=26),
        *[Column(tr(lang, h), Kind.SCORE, min_width=10, max_width=12) for h in headers],
    ]
    # Widths shared with the correlation table below it (ten columns).
    _fix_widths(sheet, (22, 12, 12, 12, 12, 12, 12, 11, 11, 8), columns)
    sheet.title(title, subtitle)
    last = 10  # the correlation table's columns: the widest block of the sheet
    sheet.section(tr(lang, "In plain words"), last)
    for line in lines:
        sheet.paragraph(line, last)
    sheet.section(
        (tr(lang, "Per team") if report.level == "team" else tr(lang, "Per department")), last
    )
    table_rows = []
    for name, left_out, figures in rows:
        if left_out is not None:  # the reason runs on over the empty figure cells
            reason: list[Value] = [name, left_out, *[None] * 5]
            table_rows.append(Row(reason, RowStyle.MUTED, notes=(1,), kinds={1: Kind.TEXT}))
            continue
        table_rows.append(Row([name, *figures]))
    table = sheet.table(columns, table_rows)
    for offset in (3, 6):
        for row in range(table.first_row, table.last_row + 1):
            sheet.ws.cell(row=row, column=table.first_col + offset).number_format = SIGNED_SCORE
    sheet.section(tr(lang, "Across {n} teams", n=correlation.teams), last)
    _correlation_table(sheet, report, [correlation])
    if not table.empty:
        sheet.ws.row_breaks.append(Break(id=sheet.row))
        chart = _scatter(
            sheet,
            table,
            3,
            6,
            chart_title,
            (tr(lang, headers[2]), tr(lang, headers[5])),
            fixed_scale=False,
        )
        sheet.ws.add_chart(chart, f"A{sheet.row + 2}")
    sheet.finish(landscape=True)


# -- About -------------------------------------------------------------------------------------


def _write_about(sheet: SheetWriter, report: LinkReport, today: dt.date) -> None:
    lang = sheet.lang
    width = 8
    sheet.set_width(1, 30)
    for col in range(2, width + 1):
        sheet.set_width(col, 14)
    sheet.title(tr(lang, "About this report"))
    sheet.section(tr(lang, "Files"), width)
    files = [(N_("Staff survey"), report.survey), (N_("Customers"), report.customers)]
    if report.change is not None:
        second = report.lag is not None  # three quarters: "earlier" would be ambiguous
        files += [
            (
                N_("Staff survey, second quarter") if second else N_("Staff survey, earlier"),
                report.change.previous_survey,
            ),
            (
                N_("Customers, second quarter") if second else N_("Customers, earlier"),
                report.change.previous_customers,
            ),
        ]
    if report.lag is not None:
        files.append((N_("Staff survey, first quarter"), report.lag.earlier_survey))
    for key, info in files:
        where = info.file + (f" ({info.sheet})" if info.sheet else "")
        sheet.put(sheet.row, 1, tr(lang, key), cell_font=font(bold=True), fit=False)
        sheet.put(sheet.row, 2, where, fit=False)
        sheet.row += 1
    sheet.section(tr(lang, "Method and settings"), width)
    sheet.paragraph(
        tr(
            lang,
            (
                "Each team's MES, share customer-energetic and trait scores come from "
                "the staff survey, scored and suppressed exactly as mes score does. "
                "The customer score is the mean of the team's customer responses (or "
                "the team's score in a file with one row per team, weighed by its n), "
                "on 0-100 as 100 × (score − min) / (max − min). Across the teams shown "
                "on both sides, Pearson's r has the interval scipy gives and "
                "Spearman's ρ a Fisher-z interval (Bonett and Wright). A relation "
                "across teams says that they go together, not that one causes the "
                "other. Names, e-mail addresses, customer numbers and comments in the "
                "customer file are never read."
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
