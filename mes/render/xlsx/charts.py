"""Native Excel charts that draw straight from a sheet's own table cells.

Every chart mes writes references cells that a reader can see, on a visible sheet, holding the
same figures as the tables: a chart cannot show what the tables do not, and a suppressed group,
which has no figures in any table, has none in any chart either. The tests read every
reference back and check the cells it points at.

- `interval_bars`: a horizontal bar per group with its confidence interval as an error bar
  (custom plus/minus from a column of half-widths; the t-interval is symmetric);
- `profile_bars`: one bar per trait, on the fixed 0-100 scale;
- `before_after_bars`: two bars per group, the later one coloured by its verdict;
- `quarter_lines`: a line per group over the quarters, gaps where a quarter has no figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.chart._chart import ChartBase
from openpyxl.chart.data_source import NumDataSource, NumRef, StrRef
from openpyxl.chart.error_bar import ErrorBars
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint, Marker
from openpyxl.chart.series import SeriesLabel
from openpyxl.drawing.text import CharacterProperties, ParagraphProperties
from openpyxl.worksheet.worksheet import Worksheet

from mes.render.xlsx.style import NAVY

#: Bars and lines: the report's navy first, then colours that stay apart in print and for the
#: common colour-vision deficiencies (Okabe & Ito's palette, without its yellow).
LINE_COLOURS = ("1F3864", "E69F00", "56B4E9", "009E73", "CC79A7", "D55E00", "0072B2", "999999")
BAR_COLOUR = "4472C4"
CHART_WIDTH_CM = 22.0
EARLIER_COLOUR = "BFBFBF"
STABLE_COLOUR = "7F7F7F"
RISING_COLOUR = "2E8B57"
FALLING_COLOUR = "C0392B"


def cell_ref(ws: Worksheet, col: int, first_row: int, last_row: int | None = None) -> str:
    """``'Sheet'!$C$5:$C$9``: an absolute reference to a column's cells."""
    ref = Reference(ws, min_col=col, min_row=first_row, max_row=last_row or first_row)
    return str(ref)


def set_title(chart: ChartBase, text: str) -> None:
    """A chart title in 12-point bold: the default 18 points takes a third of a small chart."""
    chart.title = text
    rich = chart.title.tx.rich  # openpyxl made the string a title of one rich paragraph
    for paragraph in rich.paragraphs:
        size = CharacterProperties(sz=1200, b=True)
        paragraph.pPr = ParagraphProperties(defRPr=size)
        for run in paragraph.r or []:
            run.rPr = CharacterProperties(sz=1200, b=True)


def _label(series: Series, show: bool, number_format: str = "0.0") -> None:
    if not show:
        return
    series.dLbls = DataLabelList(numFmt=number_format, showVal=True)
    for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
        setattr(series.dLbls, flag, False)


def _bar_axes(chart: BarChart, title: str | None) -> None:
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.scaling.orientation = "maxMin"  # the first row of the table on top
    chart.y_axis.crosses = "max"  # with the categories reversed, keep the scale at the bottom
    chart.y_axis.scaling.min = 0.0
    chart.y_axis.scaling.max = 100.0
    chart.y_axis.majorUnit = 25.0
    chart.y_axis.number_format = "0"
    chart.y_axis.majorGridlines = None
    if title:
        chart.y_axis.title = title


def interval_bars(
    ws: Worksheet,
    *,
    names: tuple[int, int, int],
    values: int,
    margins: int,
    title: str,
    axis_title: str,
) -> BarChart:
    """MES per group as horizontal bars with their interval; ``names`` is (column, first row,
    last row) of the group names, ``values`` and ``margins`` the columns of MES and half-width."""
    col, first, last = names
    chart = BarChart()
    chart.type = "bar"
    chart.gapWidth = 60
    set_title(chart, title)
    chart.legend = None
    series = Series(Reference(ws, min_col=values, min_row=first, max_row=last), title=None)
    series.tx = SeriesLabel(v="MES")
    series.graphicalProperties.solidFill = BAR_COLOUR
    series.graphicalProperties.line.solidFill = BAR_COLOUR
    margin = NumDataSource(numRef=NumRef(f=cell_ref(ws, margins, first, last)))
    series.errBars = ErrorBars(
        errBarType="both", errValType="cust", plus=margin, minus=margin, noEndCap=False
    )
    series.errBars.spPr = None
    chart.series.append(series)
    chart.set_categories(Reference(ws, min_col=col, min_row=first, max_row=last))
    _bar_axes(chart, axis_title)
    chart.width = CHART_WIDTH_CM
    chart.height = 3.0 + 0.8 * (last - first + 1)
    return chart


def profile_bars(
    ws: Worksheet, *, names: tuple[int, int, int], values: int, title: str, axis_title: str
) -> BarChart:
    """One bar per trait on 0-100, labelled with its score; first trait on top."""
    col, first, last = names
    chart = BarChart()
    chart.type = "bar"
    chart.gapWidth = 50
    set_title(chart, title)
    chart.legend = None
    series = Series(Reference(ws, min_col=values, min_row=first, max_row=last), title=None)
    series.tx = SeriesLabel(v=axis_title)
    series.graphicalProperties.solidFill = NAVY
    series.graphicalProperties.line.solidFill = NAVY
    _label(series, True)
    chart.series.append(series)
    chart.set_categories(Reference(ws, min_col=col, min_row=first, max_row=last))
    _bar_axes(chart, axis_title)
    chart.width = CHART_WIDTH_CM
    chart.height = 3.0 + 0.9 * (last - first + 1)
    return chart


def before_after_bars(
    ws: Worksheet,
    *,
    names: tuple[int, int, int],
    before: int,
    after: int,
    labels: Sequence[str | None],
    title: str,
    axis_title: str,
) -> BarChart:
    """Per group the earlier MES (grey) and the later one, green when the report calls the
    change rising, red when falling, dark grey when stable; ``labels`` per row, in order."""
    col, first, last = names
    chart = BarChart()
    chart.type = "bar"
    chart.gapWidth = 40
    chart.overlap = 0
    set_title(chart, title)
    for column, colour in ((before, EARLIER_COLOUR), (after, STABLE_COLOUR)):
        values = Reference(ws, min_col=column, min_row=first, max_row=last)
        series = Series(values, title=None)
        series.tx = SeriesLabel(strRef=StrRef(cell_ref(ws, column, first - 1)))
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
        chart.series.append(series)
    later = chart.series[1]
    colours = {"rising": RISING_COLOUR, "falling": FALLING_COLOUR}
    for index, label in enumerate(labels):
        if label in colours:
            colour = colours[label]
            point = DataPoint(idx=index)
            point.graphicalProperties.solidFill = colour
            point.graphicalProperties.line.solidFill = colour
            later.dPt.append(point)
    chart.set_categories(Reference(ws, min_col=col, min_row=first, max_row=last))
    chart.legend.position = "b"
    _bar_axes(chart, axis_title)
    chart.width = CHART_WIDTH_CM
    chart.height = 4.0 + 0.9 * (last - first + 1)
    return chart


def quarter_lines(
    ws: Worksheet,
    *,
    rows: Sequence[int],
    name_col: int,
    first_col: int,
    last_col: int,
    header_row: int,
    title: str,
    axis_title: str,
) -> LineChart:
    """A line per table row over the quarter columns ``first_col..last_col``; the series are
    named by the row's name cell, the categories are the header's quarter labels. An empty cell
    (a quarter in which the group is absent or suppressed) is a gap, never a zero."""
    chart = LineChart()
    set_title(chart, title)
    chart.display_blanks = "gap"
    for i, row in enumerate(rows):
        values = Reference(ws, min_col=first_col, max_col=last_col, min_row=row, max_row=row)
        series = Series(values, title=None)
        series.tx = SeriesLabel(strRef=StrRef(cell_ref(ws, name_col, row)))
        colour = LINE_COLOURS[i % len(LINE_COLOURS)]
        series.graphicalProperties.line.solidFill = colour
        series.graphicalProperties.line.width = 28575  # 2.25 pt
        series.marker = Marker(symbol="circle", size=6)
        series.marker.graphicalProperties = None
        series.smooth = False
        chart.series.append(series)
    chart.set_categories(
        Reference(ws, min_col=first_col, max_col=last_col, min_row=header_row, max_row=header_row)
    )
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.scaling.min = 0.0
    chart.y_axis.scaling.max = 100.0
    chart.y_axis.majorUnit = 25.0
    chart.y_axis.number_format = "0"
    chart.y_axis.title = axis_title
    chart.legend.position = "r"
    chart.width = CHART_WIDTH_CM
    chart.height = 7.5
    return chart
