"""From a grid of text cells to a `RawTable`: the header row, the data rows, export quirks.

CSV files and worksheets both arrive here as a *grid*: every row of the file in order, one
``pl.String`` column per file column (null for an empty cell) and the row number the user sees.
This module finds the header among title rows, drops empty rows and empty unnamed columns, and
undoes what survey tools add around the answers:

* Qualtrics puts two rows under the header, question texts and ``{"ImportId": ...}`` cells;
* LimeSurvey exports incomplete responses with an empty ``submitdate``.

All of it is column-wise polars work; only the first rows (header search) become Python objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from mes.errors import Issue, warning
from mes.messages import message_n
from mes.table import ROW, HeaderScorer, RawTable, SourceKind, data_column

#: The header is looked for among this many first non-empty rows.
HEADER_SEARCH_ROWS = 10
#: Header texts (case-insensitive) of LimeSurvey's completion time; empty means "not submitted".
SUBMITDATE_HEADERS = frozenset({"submitdate", "date submitted"})
_QUALTRICS_MARK = '{"ImportId"'


def grid_column(index: int) -> str:
    """Name of the grid column that holds column ``index`` of the file."""
    return f"g{index}"


@dataclass(frozen=True)
class Grid:
    """All rows of a sheet or CSV file, before the header is known."""

    frame: pl.DataFrame  # g0..g{w-1} as pl.String (null = empty) and ROW, in file order
    column_refs: tuple[str | None, ...]  # Excel column letter of each grid column

    @property
    def width(self) -> int:
        return len(self.column_refs)

    @property
    def columns(self) -> list[str]:
        return [grid_column(i) for i in range(self.width)]


@dataclass(frozen=True)
class Located:
    """A grid split at its header row: header texts and the non-empty rows below it."""

    grid: Grid
    headers: tuple[str, ...]
    header_row: int
    data: pl.DataFrame  # grid columns and ROW, data rows only


def make_grid(
    frame: pl.DataFrame,
    rows: pl.Series,
    column_refs: Sequence[str | None],
    never_empty: frozenset[int] = frozenset(),
) -> Grid:
    """A grid from text columns in file order and the row number of each row.

    The columns at the ``never_empty`` positions hold no empty string (numbers made text).
    """
    names = [grid_column(i) for i in range(frame.width)]
    text = frame.rename(dict(zip(frame.columns, names, strict=True)))
    # An empty string is an empty cell (calamine returns "" for a formula whose result is "").
    text = text.with_columns(
        pl.when(pl.col(n) != "").then(pl.col(n)).alias(n)
        for i, n in enumerate(names)
        if i not in never_empty
    ).with_columns(_chunked_like(text, rows.cast(pl.Int64)).alias(ROW))
    return Grid(frame=text, column_refs=tuple(column_refs))


def _chunked_like(frame: pl.DataFrame, series: pl.Series) -> pl.Series:
    """``series`` cut where the frame's columns are cut (a parsed CSV comes in many chunks).

    A column chunked otherwise than the rest makes polars copy the whole frame into one chunk
    at the next ``select``: at a million rows that copy was most of reading's peak memory.
    """
    lengths = frame.to_series(0).chunk_lengths() if frame.width else []
    if len(lengths) <= 1 or series.n_chunks() != 1:
        return series
    starts = [sum(lengths[:i]) for i in range(len(lengths))]
    return pl.concat(
        [series.slice(s, n) for s, n in zip(starts, lengths, strict=True)], rechunk=False
    )


def non_empty_rows(grid: Grid, never_blank: frozenset[str] = frozenset()) -> pl.DataFrame:
    """The rows with at least one cell that is not blank (thousands of blank rows cost little).

    In the ``never_blank`` columns a cell is known to be blank only when it is empty (numbers
    turned into text, say), which spares stripping them.
    """
    if not grid.width:
        return grid.frame.clear()
    # Column by column, and each column only on the rows no earlier column filled: in a usual
    # export the first column fills every row and the others are never stripped (stripping every
    # cell took half of reading a million-row CSV, and its copies most of the peak memory).
    frame = grid.frame
    filled = pl.repeat(False, frame.height, eager=True)
    for c in grid.columns:
        open_rows = (~filled).arg_true()
        if open_rows.is_empty():
            break
        whole = len(open_rows) == frame.height
        part = frame.select(c) if whole else frame.select(pl.col(c).gather(open_rows))
        found = part.select(pl.col(c).is_not_null() if c in never_blank else _filled(c))
        filled = filled.scatter(open_rows, found.to_series())
    return frame if filled.all() else frame.filter(filled)


def best_header_score(rows: pl.DataFrame, grid: Grid, scorer: HeaderScorer) -> tuple[int, int]:
    """(position, score) of the best header candidate among the first non-empty ``rows``.

    Highest score wins, the first on ties; with no score at all, the first row.
    """
    best, best_score = 0, 0
    head = rows.head(HEADER_SEARCH_ROWS).select(grid.columns).rows()
    for position, cells in enumerate(head):
        score = scorer(list(cells))
        if score > best_score:
            best, best_score = position, score
    return best, best_score


def locate(grid: Grid, scorer: HeaderScorer, rows: pl.DataFrame | None = None) -> Located | None:
    """Find the header row; ``None`` when the grid has no non-empty row at all."""
    rows = non_empty_rows(grid) if rows is None else rows
    if rows.height == 0:
        return None
    position, _ = best_header_score(rows, grid, scorer)
    header = rows.row(position)
    headers = tuple("" if cell is None else str(cell) for cell in header[: grid.width])
    return Located(
        grid=grid,
        headers=headers,
        header_row=int(header[grid.width]),
        data=rows.slice(position + 1),
    )


def finish(
    located: Located,
    *,
    source: str,
    kind: SourceKind,
    sheet: str | None,
    notes: list[Issue],
) -> RawTable:
    """Undo export quirks, drop empty unnamed columns and build the `RawTable`."""
    data = _drop_qualtrics_rows(located.data, located.grid)
    keep = [
        i
        for i, header in enumerate(located.headers)
        if header.strip() or _any_filled(data, grid_column(i))
    ]
    headers = tuple(located.headers[i] for i in keep)
    frame = data.select(
        [pl.col(grid_column(i)).alias(data_column(n)) for n, i in enumerate(keep)] + [pl.col(ROW)]
    )
    frame, skipped = skip_incomplete(headers, frame, source, sheet)
    return RawTable(
        source=source,
        kind=kind,
        headers=headers,
        frame=frame,
        sheet=sheet,
        header_row=located.header_row,
        column_refs=tuple(located.grid.column_refs[i] for i in keep),
        notes=tuple(notes + skipped),
    )


def _filled(column: str) -> pl.Expr:
    return pl.col(column).str.strip_chars().str.len_bytes().fill_null(0) > 0


def _any_filled(frame: pl.DataFrame, column: str) -> bool:
    return bool(frame.select(_filled(column).any()).item())


def _drop_qualtrics_rows(data: pl.DataFrame, grid: Grid) -> pl.DataFrame:
    """Drop Qualtrics' question-text and ImportId rows under the header (when present)."""
    for position, cells in enumerate(data.head(2).select(grid.columns).rows()):
        filled = [c.strip() for c in cells if c is not None and c.strip()]
        marked = sum(c.startswith(_QUALTRICS_MARK) for c in filled)
        if filled and marked * 2 >= len(filled):
            return data.slice(position + 1)
    return data


def skip_incomplete(
    table_headers: tuple[str, ...], data: pl.DataFrame, file: str, sheet: str | None
) -> tuple[pl.DataFrame, list[Issue]]:
    """Drop LimeSurvey's incomplete responses (empty ``submitdate``) and say how many."""
    for index, header in enumerate(table_headers):
        if header.strip().casefold() in SUBMITDATE_HEADERS:
            column = data_column(index)
            complete = data.filter(_filled(column))
            skipped = data.height - complete.height
            if not skipped:
                return data, []
            note = warning(
                "incomplete-responses-skipped",
                message_n(
                    "{n} incomplete response (no {column}) was skipped",
                    "{n} incomplete responses (no {column}) were skipped",
                    skipped,
                    n=skipped,
                    column=header.strip(),
                ),
                file=file,
                sheet=sheet,
                column=header,
            )
            return complete, [note]
    return data, []
