"""The Traits sheet: how the organisation's answers split per trait, and whether traits hold up.

A table per trait (score, unfavourable / neutral / favourable shares, Cronbach's alpha for a
trait with several statements, with a warning below the threshold) and a native Excel diverging
stacked bar chart: unfavourable to the left of a centre line, favourable to the right, neutral
split evenly across it, the picture survey people know from Likert reports.

Excel has no diverging bar type: the chart stacks four series, two of them negative (half of
neutral, then unfavourable, drawn leftwards). Those values sit in a small, labelled "chart data"
table under the chart, never on a hidden sheet.
"""

from __future__ import annotations

import math

from openpyxl.chart import BarChart, Reference, Series
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.series import SeriesLabel
from openpyxl.worksheet.pagebreak import Break

from mes.render import Lang
from mes.render.catalogue import tr
from mes.render.words import decimal, trait_names
from mes.render.xlsx.kit import Column, Row, SheetWriter, TableRange
from mes.render.xlsx.style import GREY_TEXT, WARNING_RED, Kind, Value, font
from mes.render.xlsx.summary import shown, statements
from mes.results import GroupResult, ReliabilityResult, ScoreReport, TraitResult

UNFAVOURABLE_COLOUR = "D9534F"
NEUTRAL_COLOUR = "C8C8C8"
FAVOURABLE_COLOUR = "5BA55B"
_ROW_CM = 0.53  # height of a default 15-point row
_CHART_WIDTH_CM = 24.0


def write_traits(sheet: SheetWriter, report: ScoreReport) -> None:
    """Fill the Traits sheet (landscape)."""
    lang, st = sheet.lang, report.settings
    org = report.organisation
    if not shown(org) or org.n is None:
        sheet.title(tr(lang, "Traits"))
        sheet.paragraph(
            tr(
                lang,
                "No trait figures: fewer than {k} people could be scored.",
                k=st.min_group_size,
            ),
            6,
        )
        sheet.finish(landscape=True)
        return
    sheet.title(
        tr(lang, "Traits"),
        tr(
            lang,
            (
                "Whole organisation, {n} respondents: the share of people with an "
                "unfavourable ({u} or less), neutral or favourable ({f} or more) score "
                "on each trait."
            ),
            n=org.n,
            u=format(st.unfavourable_at, "g"),
            f=format(st.favourable_at, "g"),
        ),
    )
    table = _trait_table(sheet, report, org)
    chart_row = sheet.row + 1
    data_row = chart_row + _chart_rows(table) + 2
    # Printed, the table and the chart make page 1; the chart's data is for whoever checks it.
    # (No repeated header rows here: the trait table's header would land on the data table.)
    sheet.ws.row_breaks.append(Break(id=data_row - 1))
    data = _chart_data(sheet, report, org, first_row=data_row)
    sheet.ws.add_chart(diverging_chart(sheet, table, data), f"A{chart_row}")
    sheet.finish(landscape=True)


def _trait_table(sheet: SheetWriter, report: ScoreReport, org: GroupResult) -> TableRange:
    lang = sheet.lang
    names = trait_names(report.instrument, lang)
    columns = [
        Column(tr(lang, "Trait"), Kind.TEXT, min_width=12, max_width=30),
        Column(tr(lang, "Statement"), Kind.WRAP, max_width=55),
        Column(tr(lang, "Score"), Kind.SCORE),
        Column(tr(lang, "Unfavourable"), Kind.SHARE),
        Column(tr(lang, "Neutral"), Kind.SHARE),
        Column(tr(lang, "Favourable"), Kind.SHARE),
        Column(tr(lang, "Statements"), Kind.COUNT),
        Column(tr(lang, "Cronbach's alpha"), Kind.DECIMAL),
        Column(tr(lang, "Reliability"), Kind.WRAP, max_width=40),
    ]
    results: dict[str, TraitResult] = {t.key: t for t in org.traits or []}
    reliability = {r.trait: r for r in report.reliability}
    rows = []
    warn_rows = []
    for i, trait in enumerate(report.instrument.traits):
        result = results.get(trait.key)
        rel = reliability.get(trait.key)
        values: list[Value] = [
            names[trait.key],
            statements(report.instrument, trait.key, lang),
            result.mean if result else None,
            result.unfavourable if result else None,
            result.neutral if result else None,
            result.favourable if result else None,
            len(trait.items),
            rel.alpha if rel else None,
            _reliability_note(rel, len(trait.items), report, lang),
        ]
        if rel is not None and rel.below_threshold:
            warn_rows.append(i)
        rows.append(Row(values, notes=() if rel and rel.below_threshold else (8,)))
    table = sheet.table(columns, rows)
    for i in warn_rows:  # a reliability warning is meant to be seen: red, not grey
        for col in (8, 9):
            sheet.ws.cell(row=table.first_row + i, column=col).font = font(
                bold=True, color=WARNING_RED
            )
    sheet.heatmap(
        [table.column_range(2)],
        report.settings.unfavourable_at,
        50.0,
        report.settings.favourable_at,
    )
    return table


def _reliability_note(
    rel: ReliabilityResult | None, items: int, report: ScoreReport, lang: Lang
) -> str:
    threshold = decimal(report.settings.reliability_warning_below, lang, 2)
    if items < 2 or rel is None:
        return tr(lang, "One statement: alpha does not apply")
    if rel.alpha is None:
        return tr(lang, "Cannot be computed: {note}", note=rel.note or "")
    if rel.below_threshold:
        return tr(
            lang,
            "Below {r}: the statements may not measure one thing ({n} complete answers)",
            r=threshold,
            n=rel.n,
        )
    return tr(lang, "Good: {r} or more ({n} complete answers)", r=threshold, n=rel.n)


def _chart_data(
    sheet: SheetWriter, report: ScoreReport, org: GroupResult, first_row: int
) -> TableRange:
    """The values the chart draws, leftward ones negative, in a labelled table."""
    lang = sheet.lang
    sheet.row = first_row
    sheet.section(tr(lang, "Chart data"), 5)
    sheet.paragraph(
        tr(
            lang,
            (
                "The chart centres the neutral share on the middle line: unfavourable "
                "and half of neutral are drawn to the left, so they are stored as "
                "negative values (shown without the minus sign)."
            ),
        ),
        9,
        cell_font=font(italic=True, color=GREY_TEXT),
    )
    names = trait_names(report.instrument, lang)
    results = {t.key: t for t in org.traits or []}
    columns = [
        Column(tr(lang, "Trait"), Kind.TEXT, min_width=12, max_width=30),
        Column(tr(lang, "Neutral (left half)"), Kind.SHARE_UNSIGNED),
        Column(tr(lang, "Unfavourable"), Kind.SHARE_UNSIGNED),
        Column(tr(lang, "Neutral (right half)"), Kind.SHARE),
        Column(tr(lang, "Favourable"), Kind.SHARE),
    ]
    rows = []
    for trait in report.instrument.traits:
        r = results.get(trait.key)
        if r is None:
            rows.append(Row([names[trait.key]]))
            continue
        rows.append(
            Row([names[trait.key], -r.neutral / 2, -r.unfavourable, r.neutral / 2, r.favourable])
        )
    return sheet.table(columns, rows)


def diverging_chart(sheet: SheetWriter, table: TableRange, data: TableRange) -> BarChart:
    """A horizontal stacked bar chart centred on neutral, first trait on top."""
    lang = sheet.lang
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.gapWidth = 50
    chart.title = tr(lang, "Unfavourable, neutral and favourable per trait")
    categories = Reference(
        sheet.ws, min_col=table.first_col, min_row=table.first_row, max_row=table.last_row
    )
    # Negative values stack outward from zero in series order: half of neutral, then unfavourable.
    parts = [
        (1, tr(lang, "Neutral"), NEUTRAL_COLOUR, False),
        (2, tr(lang, "Unfavourable"), UNFAVOURABLE_COLOUR, True),
        (3, tr(lang, "Neutral"), NEUTRAL_COLOUR, False),
        (4, tr(lang, "Favourable"), FAVOURABLE_COLOUR, True),
    ]
    for offset, title, colour, labelled in parts:
        col = data.first_col + offset
        values = Reference(sheet.ws, min_col=col, min_row=data.first_row, max_row=data.last_row)
        series = Series(values, title=None)
        series.tx = SeriesLabel(v=title)
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
        if labelled:
            series.dLbls = DataLabelList(numFmt="0%;0%", showVal=True)
            for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
                setattr(series.dLbls, flag, False)
        chart.series.append(series)
    chart.set_categories(categories)
    # No legend: it would list "neutral" twice (LibreOffice ignores hidden legend entries).
    # The colours are the usual ones, and the axis title names the three parts in order.
    chart.legend = None
    chart.y_axis.title = tr(lang, "◀ unfavourable · neutral in the middle · favourable ▶")
    _axes(chart)
    height = _chart_height(table.last_row - table.first_row + 1)
    chart.width, chart.height = _CHART_WIDTH_CM, height
    return chart


def _axes(chart: BarChart) -> None:
    cat, val = chart.x_axis, chart.y_axis
    cat.delete = False
    val.delete = False
    cat.scaling.orientation = "maxMin"  # first trait at the top, as in the table
    cat.tickLblPos = "low"  # trait names at the far left, not on the centre line
    val.crosses = "max"  # with the categories reversed, keep the percentages at the bottom
    val.scaling.min = -1.0
    val.scaling.max = 1.0
    val.majorUnit = 0.25
    val.number_format = "0%;0%"  # distances from the centre line: no minus signs


def _chart_height(n_traits: int) -> float:
    return 4.0 + 1.1 * n_traits


def _chart_rows(table: TableRange) -> int:
    """How many sheet rows the chart covers, so the chart data starts below it."""
    return math.ceil(_chart_height(table.last_row - table.first_row + 1) / _ROW_CM)
