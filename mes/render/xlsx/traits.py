"""The Traits sheet: how the organisation's answers split per trait, and whether traits hold up.

A table per trait (score, unfavourable / neutral / favourable shares and, when a trait has
several statements, Cronbach's alpha with a warning below the threshold) and a native Excel
100% stacked bar chart drawn straight from the table's three share columns: unfavourable on the
left, neutral in the middle, favourable on the right, the picture survey people know from Likert
reports. (An earlier diverging chart needed a page of negative "chart data"; this one needs none.)
"""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference, Series
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.series import SeriesLabel

from mes.render import Lang
from mes.render.catalogue import tr
from mes.render.words import decimal, trait_names
from mes.render.xlsx.charts import set_title
from mes.render.xlsx.kit import Column, Row, SheetWriter, TableRange
from mes.render.xlsx.style import GREY_TEXT, WARNING_RED, Kind, Value, font
from mes.render.xlsx.summary import shown, statements
from mes.results import GroupResult, ReliabilityResult, ScoreReport, TraitResult

UNFAVOURABLE_COLOUR = "D9534F"
NEUTRAL_COLOUR = "C8C8C8"
FAVOURABLE_COLOUR = "5BA55B"
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
            u=f"{st.unfavourable_at:g}",
            f=f"{st.favourable_at:g}",
        ),
    )
    table = _trait_table(sheet, report, org)
    sheet.ws.add_chart(stacked_chart(sheet, table), f"A{sheet.row + 1}")
    sheet.finish(landscape=True)


def _trait_table(sheet: SheetWriter, report: ScoreReport, org: GroupResult) -> TableRange:
    lang = sheet.lang
    names = trait_names(report.instrument, lang)
    # Alpha needs two statements: with one per trait (MES-5) the three reliability columns would
    # say "does not apply" five times; one line under the table says it once.
    multi = any(len(t.items) > 1 for t in report.instrument.traits)
    columns = [
        Column(tr(lang, "Trait"), Kind.TEXT, min_width=12, max_width=30),
        Column(tr(lang, "Statement"), Kind.WRAP, max_width=55),
        Column(tr(lang, "Score"), Kind.SCORE),
        Column(tr(lang, "Unfavourable"), Kind.SHARE),
        Column(tr(lang, "Neutral"), Kind.SHARE),
        Column(tr(lang, "Favourable"), Kind.SHARE),
    ]
    if multi:
        columns += [
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
        ]
        if multi:
            values += [
                len(trait.items),
                rel.alpha if rel else None,
                _reliability_note(rel, len(trait.items), report, lang),
            ]
        if rel is not None and rel.below_threshold:
            warn_rows.append(i)
        rows.append(Row(values, notes=() if rel and rel.below_threshold else (8,)))
    table = sheet.table(columns, rows)
    if not multi:
        sheet.put(
            sheet.row,
            1,
            tr(
                lang,
                ("Each trait has one statement, so Cronbach's alpha (reliability) does not apply."),
            ),
            cell_font=font(italic=True, color=GREY_TEXT),
            fit=False,
        )
        sheet.row += 1
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


def stacked_chart(sheet: SheetWriter, table: TableRange) -> BarChart:
    """A horizontal 100% stacked bar per trait from the table's share columns, first on top."""
    lang = sheet.lang
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "percentStacked"
    chart.overlap = 100
    chart.gapWidth = 50
    set_title(chart, tr(lang, "Unfavourable, neutral and favourable per trait"))
    categories = Reference(
        sheet.ws, min_col=table.first_col, min_row=table.first_row, max_row=table.last_row
    )
    # The table's columns 3, 4, 5: unfavourable, neutral, favourable, in the order drawn.
    parts = [
        (3, UNFAVOURABLE_COLOUR, True),
        (4, NEUTRAL_COLOUR, False),
        (5, FAVOURABLE_COLOUR, True),
    ]
    for index, colour, labelled in parts:
        col = table.first_col + index
        values = Reference(sheet.ws, min_col=col, min_row=table.first_row, max_row=table.last_row)
        series = Series(values, title=None)
        series.tx = SeriesLabel(v=table.columns[index].header)
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
        if labelled:
            series.dLbls = DataLabelList(numFmt="0%", showVal=True)
            for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
                setattr(series.dLbls, flag, False)
        chart.series.append(series)
    chart.set_categories(categories)
    chart.legend.position = "b"
    _axes(chart)
    chart.width = _CHART_WIDTH_CM
    chart.height = _chart_height(table.last_row - table.first_row + 1)
    return chart


def _axes(chart: BarChart) -> None:
    cat, val = chart.x_axis, chart.y_axis
    cat.delete = False
    val.delete = False
    cat.scaling.orientation = "maxMin"  # first trait at the top, as in the table
    cat.tickLblPos = "low"  # trait names at the far left, not on the centre line
    val.crosses = "max"  # with the categories reversed, keep the percentages at the bottom
    val.scaling.min = 0.0
    val.scaling.max = 1.0
    val.majorUnit = 0.25
    val.number_format = "0%"


def _chart_height(n_traits: int) -> float:
    return 4.0 + 1.1 * n_traits
