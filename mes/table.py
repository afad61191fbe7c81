"""Format-neutral survey rows: what every reader produces and validation consumes.

A `RawTable` is the file as the user sees it, reduced to text: one header per column, every cell
as a string (or null for an empty cell), and for every data row the row number the user sees in
Excel (or the item index in a JSON array). It knows nothing of instruments or scores; it only
keeps enough of the source to point at a cell.

Cells are kept column-wise in a polars DataFrame so that a million rows cost a few Arrow buffers,
not millions of Python objects. Column ``i`` of the file is frame column ``c{i}``; the frame's
``ROW`` column holds the source row number (JSON: the item index).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

import polars as pl

from mes.errors import Issue, Location

ROW = "_row"

#: Scores a candidate header row: how many of its cells name a column the instrument knows.
#: Readers use it to find the header below title rows and to pick the sheet that holds the data.
HeaderScorer = Callable[[Sequence[str | None]], int]


class SourceKind(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"
    JSON = "json"
    JSONL = "jsonl"


def column_letter(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA": Excel's column names."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def data_column(index: int) -> str:
    """Name of the frame column that holds column ``index`` of the file."""
    return f"c{index}"


@dataclass(frozen=True)
class RawTable:
    """One table read from a survey file: headers, text cells and where each came from."""

    source: str  # the file name as the user gave it ("<stdin>" for standard input)
    kind: SourceKind
    headers: tuple[str, ...]  # header text per column, as written (stripped of nothing)
    frame: pl.DataFrame  # columns c0..c{n-1} as pl.String, plus ROW as pl.Int64
    sheet: str | None = None
    header_row: int | None = None  # Excel row number of the header (None for JSON)
    column_refs: tuple[str | None, ...] = ()  # Excel column letter per column; empty for JSON
    notes: tuple[Issue, ...] = field(default=())  # warnings from reading, e.g. which sheet was used

    def __post_init__(self) -> None:
        expected = [data_column(i) for i in range(len(self.headers))] + [ROW]
        if self.frame.columns != expected:
            raise ValueError(f"RawTable frame columns {self.frame.columns} != {expected}")
        if self.column_refs and len(self.column_refs) != len(self.headers):
            raise ValueError("column_refs must name every column")

    def emptied(self, keep: Collection[int]) -> RawTable:
        """This table with the cells of every column but ``keep`` dropped (all null).

        For what validation has read and no longer needs: the answers' text of a large file
        is most of its memory, and scoring, which runs after, only points at cells.
        """
        dropped = [data_column(i) for i in range(len(self.headers)) if i not in keep]
        frame = self.frame.with_columns(pl.lit(None, dtype=pl.String).alias(c) for c in dropped)
        return replace(self, frame=frame)

    def without_rows(self) -> RawTable:
        """This table with no data rows left: its headers and places, to point at cells.

        For a caller done with every cell's text (`mes score` after validation): the frame
        keeps its columns, none of its rows.
        """
        return replace(self, frame=self.frame.clear())

    @property
    def is_json(self) -> bool:
        return self.kind in (SourceKind.JSON, SourceKind.JSONL)

    def locate(self, row: int | None, column: int | None) -> Location:
        """Location of a cell, a whole row (``column=None``) or a whole column (``row=None``)."""
        header = self.headers[column] if column is not None else None
        if self.is_json:
            return Location(file=self.source, item=row, field=header)
        cell = None
        if row is not None and column is not None and self.column_refs:
            ref = self.column_refs[column]
            cell = f"{ref}{row}" if ref else None
        return Location(file=self.source, sheet=self.sheet, row=row, column=header, cell=cell)
