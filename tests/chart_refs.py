"""Every cell a workbook's charts draw from, read back: for checks of what a chart can show.

A chart in an xlsx file holds references (``'Sheet'!$B$5:$B$9``), not figures: what it shows is
whatever those cells hold. `chart_references` lists every reference of every chart (values,
categories, series names, error-bar amounts), `referenced_cells` the cells one points at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import range_boundaries


@dataclass(frozen=True)
class ChartRef:
    sheet: str  # the sheet the chart is on
    chart: int  # its index on that sheet
    series: int
    role: str  # "values", "categories", "name", "error"
    ref: str  # as written in the file


def _refs_of_series(series: Any) -> Iterator[tuple[str, str]]:
    if series.val is not None and series.val.numRef is not None:
        yield "values", series.val.numRef.f
    if series.cat is not None:
        ref = series.cat.strRef or series.cat.numRef
        if ref is not None:
            yield "categories", ref.f
    if series.tx is not None and series.tx.strRef is not None:
        yield "name", series.tx.strRef.f
    bars = series.errBars
    if bars is not None:
        for side in (bars.plus, bars.minus):
            if side is not None and side.numRef is not None:
                yield "error", side.numRef.f


def chart_references(wb: Workbook) -> list[ChartRef]:
    out = []
    for ws in wb.worksheets:
        for c, chart in enumerate(ws._charts):
            for s, series in enumerate(chart.series):
                out += [
                    ChartRef(ws.title, c, s, role, ref) for role, ref in _refs_of_series(series)
                ]
    return out


def split_ref(ref: str) -> tuple[str, str]:
    """``'My sheet'!$A$1:$A$3`` -> ("My sheet", "$A$1:$A$3")."""
    sheet, _, cells = ref.rpartition("!")
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, cells


def referenced_cells(wb: Workbook, ref: str) -> list[Any]:
    """The values of the cells ``ref`` points at, row by row."""
    sheet, cells = split_ref(ref)
    ws = wb[sheet]
    min_col, min_row, max_col, max_row = range_boundaries(cells.replace("$", ""))
    return [
        ws.cell(row=r, column=c).value
        for r in range(min_row, max_row + 1)
        for c in range(min_col, max_col + 1)
    ]
