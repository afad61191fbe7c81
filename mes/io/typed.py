"""Reading a sheet typed: the rows down to the header from its head, calamine's types under it.

calamine's text load (``dtypes="string"``) formats every number as a string in Rust, which costs
more than parsing the sheet's numbers did. Knowing the header row before calamine runs (`plan`,
from the rows `head` reads out of the XML) lets it load only the rows under the header, with its
own types (`load`): a column of answers is then a float per cell. `as_text` writes every column
back as the text load would have shown it, so the grid is the same, cell for cell:

* numbers as fastexcel formats them (`head.float_text`): whole numbers without ".0", others with
  at most nine decimals; a value `head.float_text` cannot promise (a tie at the tenth decimal,
  NaN, infinity) makes the column unclear;
* booleans as ``true`` / ``false``, date-times as ``2026-04-01 09:30:00`` (with milliseconds when
  there are any), as calamine's text load writes them;
* text columns (also a column of numbers and labels, which calamine types as text) as they are.

Whatever is not certain gives ``None``, and `xlsx` loads the sheet as text instead: a cell on or
above the header the head cannot read for certain, a column of another type (dates without
time, durations), a shared string calamine's type guessing would read as empty (`package` looks,
before calamine runs), and what the sheet scan finds (`scan.TypedCheck`): such text in the sheet
itself, booleans, ISO dates, and cells of the rows down to the header further on in the part.
"""

from __future__ import annotations

from dataclasses import dataclass

import fastexcel
import polars as pl

from mes.io.head import HeadRow, Unclear, float_text, read_head
from mes.io.package import Package, SheetInfo
from mes.io.prefetch import Load, Prefetch
from mes.io.scan import TypedCheck
from mes.io.table import (
    HEADER_SEARCH_ROWS,
    Grid,
    best_header_score,
    grid_column,
    make_grid,
    non_empty_rows,
)
from mes.table import ROW, HeaderScorer, column_letter

#: Where calamine's text load puts fractional seconds: none, or milliseconds.
DATETIME_TEXT = "%Y-%m-%d %H:%M:%S%.f"
_EXACT_WHOLE = 2.0**53  # beyond this a float's integer part is not exact in Int64 terms


@dataclass(frozen=True)
class Plan:
    """How to load a sheet typed: the rows down to ``check.header_row`` come from its head."""

    check: TypedCheck
    head: tuple[HeadRow, ...]  # the rows down to the header, read from the XML


#: A header further down than this is left to the text load (the scan looks for every row
#: number down to the header).
MAX_TYPED_HEADER_ROW = 200


def plan(info: SheetInfo, package: Package, header_scorer: HeaderScorer) -> Plan | None:
    """The header row as the head shows it, if every cell down to it is certain."""
    part = info.part
    if part is None or not package.typed_ok or part not in package.heads:
        return None
    head = read_head(package.heads[part], package.strings, HEADER_SEARCH_ROWS)
    if head is None or not head.rows:
        return None
    columns = sorted({c for row in head.rows for c, value in row.cells if value is not None})
    if not columns:
        return None
    frame = pl.DataFrame(
        {
            grid_column(position): pl.Series(
                [_provisional(row, column) for row in head.rows], dtype=pl.String
            )
            for position, column in enumerate(columns)
        },
        height=len(head.rows),
    )
    rows = pl.Series([row.number for row in head.rows], dtype=pl.Int64)
    grid = make_grid(frame, rows, [column_letter(c) for c in columns])
    candidates = non_empty_rows(grid)
    if candidates.height == 0:
        return None
    position, _ = best_header_score(candidates, grid, header_scorer)
    header_row = int(candidates[ROW][position])
    above = tuple(row for row in head.rows if row.number <= header_row)
    if header_row > MAX_TYPED_HEADER_ROW or any(
        isinstance(value, Unclear) for row in above for _, value in row.cells
    ):
        return None
    return Plan(check=TypedCheck(header_row=header_row, head_end=above[-1].end), head=above)


def _provisional(row: HeadRow, column: int) -> str | None:
    """A head cell for choosing the header row (an unclear cell counts as empty there)."""
    value = dict(row.cells).get(column)
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class Loaded:
    """A sheet's grid (before error values are put back) from its head and a typed load."""

    grid: Grid
    positions: dict[int, int]  # absolute column index -> grid column position
    numeric: frozenset[int]  # grid positions of columns calamine typed (numbers made text)
    head_rows: int  # the grid's first rows, down to the header, come from the head


def load(
    reader: fastexcel.ExcelReader,
    info: SheetInfo,
    package: Package,
    plan: Plan,
    early: Prefetch | None = None,
) -> Loaded | None:
    """The sheet's grid from its head and a typed load under the header; ``None`` if unsure.

    The load is ``early``'s when it prefetched exactly this one (`prefetch.Prefetch.take`).
    """
    header_row = plan.check.header_row
    wanted = Load(info.name, header_row)
    try:
        sheet = early.take(wanted) if early is not None else None
        if sheet is None:
            sheet = reader.load_sheet(info.name, **wanted.arguments())
        absolute = [column.absolute_index for column in sheet.selected_columns]
        typed = sheet.to_polars()
        del sheet  # calamine's copy of the cells: free it before the text is made
    except Exception:  # whatever is wrong, the text load finds it too and says so
        return None
    except BaseException as exc:
        if type(exc).__name__ == "PanicException":
            return None
        raise
    text = as_text(typed)
    if text is None:
        return None
    scan = package.scan(info)
    if scan.head_rows_elsewhere or (
        scan.hidden_text and not all(is_plain_text(t) for t in typed.dtypes)
    ):
        return None
    positions = {column: position for position, column in enumerate(absolute)}
    if not positions:
        return None
    head_cells = [(row.number, column, value) for row in plan.head for column, value in row.cells]
    if any(value is not None and column not in positions for _, column, value in head_cells):
        return None
    head = pl.DataFrame(
        {
            grid_column(position): pl.Series(
                [dict(row.cells).get(column) or None for row in plan.head], dtype=pl.String
            )
            for column, position in positions.items()
        },
        height=len(plan.head),
    )
    frame = pl.concat([head, text.rename(dict(zip(text.columns, head.columns, strict=True)))])
    numbers = pl.concat(
        [
            pl.Series([row.number for row in plan.head], dtype=pl.Int64),
            pl.int_range(header_row + 1, header_row + 1 + text.height, eager=True),
        ]
    )
    numeric = frozenset(p for p, t in enumerate(typed.dtypes) if not is_plain_text(t))
    grid = make_grid(frame, numbers, [column_letter(i) for i in absolute], never_empty=numeric)
    return Loaded(grid=grid, positions=positions, numeric=numeric, head_rows=head.height)


def as_text(frame: pl.DataFrame) -> pl.DataFrame | None:
    """Every column of a typed load as the text load's ``pl.String``; ``None`` if unclear.

    One polars ``select`` writes every column (in parallel); only the distinct fractional values
    of a number column, usually none, are formatted in Python.
    """
    floats = [c for c, t in frame.schema.items() if t == pl.Float64]
    fractions: dict[str, dict[float, str]] = {}
    whole: set[str] = set()  # number columns of whole numbers only (and empty cells)
    if floats:
        checks = frame.select(
            *(pl.col(c).is_finite().fill_null(True).all().alias(f"finite {c}") for c in floats),
            *((~_whole(pl.col(c))).sum().alias(f"other {c}") for c in floats),
        ).row(0, named=True)
        for column in floats:
            if not checks[f"finite {column}"]:
                return None
            if not checks[f"other {column}"]:
                whole.add(column)
            else:
                texts = _fraction_texts(frame[column])
                if texts is None:
                    return None
                fractions[column] = texts
    expressions: list[pl.Expr] = []
    for column, dtype in frame.schema.items():
        if column in whole:  # the usual answer column: no zeros, no fractions
            expressions.append(pl.col(column).cast(pl.Int64).cast(pl.String))
            continue
        text = _text_expr(pl.col(column), dtype, fractions.get(column, {}))
        if text is None:
            return None
        expressions.append(text.alias(column))
    return frame.select(expressions)


def is_plain_text(dtype: pl.DataType) -> bool:
    """Whether calamine typed a column as text (or empty): its cells need no `scan` check."""
    return dtype in (pl.String, pl.Null)


def _text_expr(x: pl.Expr, dtype: pl.DataType, fractions: dict[float, str]) -> pl.Expr | None:
    if dtype == pl.String:
        return x
    if dtype in (pl.Null, pl.Boolean, pl.Int64):  # booleans: "true" / "false"
        return x.cast(pl.String)
    if dtype == pl.Float64:
        fraction = (
            x.replace_strict(
                list(fractions), list(fractions.values()), default=None, return_dtype=pl.String
            )
            if fractions
            else pl.lit(None, dtype=pl.String)
        )
        return (
            pl.when(_whole(x))
            .then(x.cast(pl.Int64).cast(pl.String))
            .when(x == 0)  # -0.0 and 0.0 are one value to polars, two texts to fastexcel
            .then(pl.when(pl.lit(1.0) / x < 0).then(pl.lit("-0")).otherwise(pl.lit("0")))
            .otherwise(fraction)
        )
    if isinstance(dtype, pl.Datetime) and dtype.time_unit == "ms" and dtype.time_zone is None:
        return x.dt.to_string(DATETIME_TEXT)
    return None


def _whole(x: pl.Expr) -> pl.Expr:
    """Non-zero whole numbers that Int64 holds exactly (and empty cells, which stay empty)."""
    return ((x == x.floor()) & (x.abs() < _EXACT_WHOLE) & (x != 0)).fill_null(True)


def _fraction_texts(column: pl.Series) -> dict[float, str] | None:
    """fastexcel's text of each distinct value that is not a whole number (zeros aside)."""
    others = column.to_frame().filter(~_whole(pl.col(column.name)))[column.name]
    texts: dict[float, str] = {}
    for value in others.unique().to_list():
        if value == 0:
            continue
        text = float_text(value)
        if isinstance(text, Unclear):
            return None
        texts[value] = text
    return texts
