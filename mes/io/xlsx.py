"""Reading .xlsx workbooks into a `RawTable`, with calamine (through fastexcel).

The package is checked first (`safety`, `package`): nothing reaches calamine before its sizes,
checksums and XML have passed. The CLI may have done that, and started calamine's first load,
at command entry (`prefetch`): the reader then takes that work over, and the load only when it
is exactly the one it asks for. Each sheet is then read into a grid of text cells, row ``i`` being
Excel row ``i + 1`` and each column carrying its absolute index, in one of two ways that give the
same grid, cell for cell:

* typed (`typed.load`): `head` reads the rows down to the header from the XML, and calamine
  loads only the rows under it with its own types (``skip_rows``), which `typed` turns back into
  calamine's text. A number column then costs a float per cell instead of a formatted string.
  Whenever a step is not certain to give calamine's text, the sheet is loaded as text instead;
* as text (`_load_text`): calamine loads the whole sheet with every column as text and no header
  (``dtypes="string"``, ``header_row=None``, ``skip_rows=0``).

Without ``--sheet`` the first visible worksheet whose best header candidate scores above zero is
read (an instructions sheet before the data is common), else the first visible sheet with data;
choosing any sheet but the first is reported as a note. What calamine's values hide comes from
the worksheet scan (`scan`, run on another thread while calamine loads): error values (``#N/A``)
are put back as text, a value merged down a block of data rows fills every row of the block,
and formula cells without a cached result are errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import fastexcel
import polars as pl

from mes.errors import DataError, InputError, Issue, error, unreadable, warning
from mes.io import prefetch, typed
from mes.io.package import Package, SheetInfo, find_sheet, worksheets
from mes.io.prefetch import Checked, Load, Prefetch
from mes.io.safety import corrupt, open_zip
from mes.io.scan import SheetScan
from mes.io.source import Source
from mes.io.table import (
    Grid,
    Located,
    best_header_score,
    finish,
    grid_column,
    locate,
    make_grid,
    non_empty_rows,
)
from mes.messages import message
from mes.table import ROW, HeaderScorer, RawTable, SourceKind, column_letter

#: Formula cells without a result reported one by one; the rest are counted in one more issue.
MAX_FORMULA_ISSUES = 1_000

_T = TypeVar("_T")


@dataclass(frozen=True)
class _Loaded:
    info: SheetInfo
    grid: Grid
    rows: pl.DataFrame  # the non-empty rows
    positions: dict[int, int]  # absolute column index -> grid column position


def read_xlsx(
    src: Source,
    sheet: str | None,
    header_scorer: HeaderScorer,
    parsing: Callable[[], None] | None = None,
) -> RawTable:
    """Check, load and locate the survey table in a workbook (or refuse it).

    ``parsing`` is called once, just before calamine starts loading a sheet (see `read_table`).
    """
    name = src.name
    # Checked, and its first sheet loading, since the command started (`prefetch`)?
    claimed = prefetch.claim(src)
    early, checked = claimed if claimed is not None else (None, _check(src))
    package, reader = checked.package, checked.reader
    started = _once(parsing)
    found = worksheets(package, checked.known)
    notes: list[Issue] = []
    with _waiting(early):
        if sheet is not None:
            info = find_sheet(found, sheet)
            if info is None:
                raise _unknown_sheet(name, sheet, found)
            loaded = _load(reader, info, package, name, header_scorer, started, early)
        else:
            loaded = _choose(reader, found, package, header_scorer, name, notes, started, early)
    located = locate(loaded.grid, header_scorer, loaded.rows)
    if located is None:
        raise unreadable(
            name,
            message(
                "sheet {name!r} is empty: choose the sheet with the responses (--sheet)",
                name=loaded.info.name,
            ),
            "empty-file",
        )
    scan = package.scan(loaded.info)
    _refuse_formulas_without_value(scan, located, loaded, name)
    located = _fill_merged(scan, located, loaded)
    return finish(located, source=name, kind=SourceKind.XLSX, sheet=loaded.info.name, notes=notes)


def _check(src: Source) -> Checked:
    """The workbook's checks (`safety`, `package`), then calamine opened on the checked bytes."""
    name = src.name
    with src.open_binary() as handle:
        open_zip(handle, name)  # declared sizes first: a bomb is refused before it is loaded
    # Then one read: calamine parses exactly the bytes that were checked, even if the file
    # changes on disk meanwhile.
    data = src.read_all()
    return prefetch.opened(data, name, calamine=lambda call: _calamine(name, call))


@contextmanager
def _waiting(early: Prefetch | None) -> Iterator[None]:
    """However reading ends (but for Ctrl-C, which ends the command at once), calamine is done
    with a prefetched load before it returns: no thread is left running."""
    try:
        yield
    except KeyboardInterrupt:
        raise
    except BaseException:
        if early is not None:
            early.wait()
        raise
    if early is not None:
        early.wait()


def _choose(
    reader: fastexcel.ExcelReader,
    worksheets: list[SheetInfo],
    package: Package,
    header_scorer: HeaderScorer,
    name: str,
    notes: list[Issue],
    started: Callable[[], None],
    early: Prefetch | None,
) -> _Loaded:
    visible = [s for s in worksheets if s.visible] or worksheets
    fallback: _Loaded | None = None
    chosen: _Loaded | None = None
    best = 0
    # The sheet whose header fits best wins (the first on a tie): an instructions sheet that
    # explains a column or two must not beat the sheet with the answers.
    for info in visible:
        loaded = _load(reader, info, package, name, header_scorer, started, early)
        if loaded.rows.height == 0:
            continue
        _, score = best_header_score(loaded.rows, loaded.grid, header_scorer)
        if score > best:
            chosen, best = loaded, score
        fallback = fallback or loaded
    chosen = chosen or fallback
    if chosen is None:
        raise unreadable(name, message("the workbook has no data on any sheet"), "empty-file")
    order = [s.name for s in package.sheets] or [s.name for s in worksheets]
    skipped = order[: order.index(chosen.info.name)] if chosen.info.name in order else []
    if skipped:
        why = (
            message("the sheet whose column headers mes recognises best")
            if chosen is not fallback
            else message("the first sheet with data (no sheet has column headers mes recognises)")
        )
        notes.append(
            warning(
                "sheet-chosen",
                message(
                    "read sheet {name!r}, {why}; skipped {items}. Use --sheet to read "
                    "another sheet",
                    name=chosen.info.name,
                    why=why,
                    items=", ".join(repr(n) for n in skipped),
                ),
                file=name,
                sheet=chosen.info.name,
            )
        )
    return chosen


def _load(
    reader: fastexcel.ExcelReader,
    info: SheetInfo,
    package: Package,
    name: str,
    header_scorer: HeaderScorer,
    started: Callable[[], None],
    early: Prefetch | None,
) -> _Loaded:
    plan = typed.plan(info, package, header_scorer)
    package.start_scan(info, plan.check if plan else None)
    started()  # after the scan: its thread is needed first, the caller's only after the read
    loaded = typed.load(reader, info, package, plan, early) if plan else None
    if loaded is None:
        return _load_text(reader, info, package, name, early)
    scan = package.scan(info)
    grid = _put_back_errors(scan, loaded.grid, loaded.positions)
    # A number, boolean or date-time turned into text is never blank (an error value put back
    # in its column might be); the rows down to the header, from the head, hold any text.
    errors = {loaded.positions[c] for _, c, _ in scan.errors if c in loaded.positions}
    never_blank = frozenset(grid_column(p) for p in loaded.numeric if p not in errors)
    above = Grid(frame=grid.frame.slice(0, loaded.head_rows), column_refs=grid.column_refs)
    below = Grid(frame=grid.frame.slice(loaded.head_rows), column_refs=grid.column_refs)
    rows = pl.concat([non_empty_rows(above), non_empty_rows(below, never_blank)])
    return _Loaded(info=info, grid=grid, rows=rows, positions=loaded.positions)


def _load_text(
    reader: fastexcel.ExcelReader,
    info: SheetInfo,
    package: Package,
    name: str,
    early: Prefetch | None,
) -> _Loaded:
    as_text = Load(info.name, None)

    def load() -> tuple[pl.DataFrame, list[int]]:
        sheet = early.take(as_text) if early is not None else None
        if sheet is None:
            sheet = reader.load_sheet(info.name, **as_text.arguments())
        absolute = [column.absolute_index for column in sheet.selected_columns]
        return sheet.to_polars(), absolute

    frame, absolute = _calamine(name, load)
    frame = frame.select(pl.all().cast(pl.String))
    rows = pl.int_range(1, frame.height + 1, eager=True)  # skip_rows=0: frame row 0 is row 1
    grid = make_grid(frame, rows, [column_letter(i) for i in absolute])
    positions = {column: position for position, column in enumerate(absolute)}
    grid = _put_back_errors(package.scan(info), grid, positions)
    return _Loaded(info=info, grid=grid, rows=non_empty_rows(grid), positions=positions)


def _once(call: Callable[[], None] | None) -> Callable[[], None]:
    """``call`` made safe to call any number of times: it runs the first time only."""
    pending = [call] if call is not None else []

    def run() -> None:
        while pending:
            pending.pop()()

    return run


def _calamine(name: str, call: Callable[[], _T]) -> _T:
    """Run a fastexcel call; whatever it raises about the file becomes a refusal."""
    try:
        return call()
    except InputError:
        raise
    except Exception as exc:  # fastexcel and calamine errors are many; all mean a broken file
        raise corrupt(name, _short(exc)) from None
    except BaseException as exc:
        # A Rust panic inside calamine arrives as pyo3's PanicException, a BaseException.
        if type(exc).__name__ == "PanicException":
            raise corrupt(name, message("the spreadsheet reader failed on it")) from None
        raise


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def _unknown_sheet(name: str, wanted: str, worksheets: list[SheetInfo]) -> InputError:
    listed = ", ".join(repr(s.name) for s in worksheets)
    return InputError(
        error(
            "unknown-sheet",
            message(
                "there is no sheet {wanted!r}; the sheets are: {listed}. Give one of "
                "these names to --sheet",
                wanted=wanted,
                listed=listed,
            ),
            file=name,
        )
    )


def _replace_cells(column: str, rows: pl.Series, values: pl.Series) -> pl.Expr:
    """``column`` with the cells of the given rows replaced (rows not present are ignored)."""
    return (
        pl.col(ROW)
        .replace_strict(rows, values, default=pl.col(column), return_dtype=pl.String)
        .alias(column)
    )


def _put_back_errors(scan: SheetScan, grid: Grid, positions: dict[int, int]) -> Grid:
    """Error values (``#N/A``) read as empty by calamine become the text the user sees."""
    by_column: dict[int, dict[int, str]] = {}
    for row, column, text in scan.errors:
        if column in positions:
            by_column.setdefault(positions[column], {})[row] = text
    if not by_column:
        return grid
    frame = grid.frame.with_columns(
        _replace_cells(
            grid_column(position),
            pl.Series(list(cells), dtype=pl.Int64),
            pl.Series(list(cells.values()), dtype=pl.String),
        )
        for position, cells in by_column.items()
    )
    return Grid(frame=frame, column_refs=grid.column_refs)


def _fill_merged(scan: SheetScan, located: Located, loaded: _Loaded) -> Located:
    """A value merged down a block of data rows applies to every row of the block.

    Only the range's first column is filled: the other columns of a wide merge are usually
    decoration (a comment spread over three columns), and they stay empty. Merges that start on
    or above the header row (a title band, a merged header cell) change nothing. An as-of join
    keeps the cost at rows + merges, however long (or hostile) the declared ranges are.
    """
    blocks = [
        (r1, r2, loaded.positions[c1])
        for r1, c1, r2, _ in scan.merges
        if r1 > located.header_row and r2 > r1 and c1 in loaded.positions
    ]
    data = located.data
    if not blocks or data.height == 0:
        return located
    ranges = pl.DataFrame(
        blocks, schema={"first": pl.Int64, "last": pl.Int64, "position": pl.Int64}, orient="row"
    )
    for position in sorted(set(ranges["position"].to_list())):
        column = grid_column(position)
        tops = (
            ranges.filter(pl.col("position") == position)
            .join(
                data.select(pl.col(ROW).alias("first"), pl.col(column).alias("value")),
                on="first",
                how="inner",
            )
            .filter(pl.col("value").is_not_null())
            .select("first", "last", "value")
            .sort("first")
        )
        if tops.height == 0:
            continue
        covering = data.select(ROW).join_asof(
            tops, left_on=ROW, right_on="first", strategy="backward"
        )
        inside = (covering[ROW] > covering["first"]) & (covering[ROW] <= covering["last"])
        data = data.with_columns(
            pl.when(pl.lit(inside.fill_null(False)))
            .then(pl.lit(covering["value"]))
            .otherwise(pl.col(column))
            .alias(column)
        )
    return Located(
        grid=located.grid, headers=located.headers, header_row=located.header_row, data=data
    )


def _refuse_formulas_without_value(
    scan: SheetScan, located: Located, loaded: _Loaded, name: str
) -> None:
    cells = [(r, c) for r, c in scan.formulas_without_value if r >= located.header_row]
    if not cells:
        return
    sheet = loaded.info.name
    issues: list[Issue] = []
    for row, column in sorted(cells)[:MAX_FORMULA_ISSUES]:
        position = loaded.positions.get(column)
        header = located.headers[position] if position is not None else None
        issues.append(
            error(
                "formula-without-value",
                message(
                    "this cell holds a formula without a saved result, so mes cannot see "
                    "its value: open the workbook in Excel, let it calculate, and save it "
                    "again"
                ),
                file=name,
                sheet=sheet,
                row=row,
                column=header or None,
                cell=f"{column_letter(column)}{row}",
            )
        )
    unlisted = (
        len(cells)
        - len(issues)
        + (scan.formulas_without_value_total - len(scan.formulas_without_value))
    )
    if unlisted > 0:
        issues.append(
            error(
                "formula-without-value",
                message("{unlisted} more formula cells have no saved result", unlisted=unlisted),
                file=name,
                sheet=sheet,
            )
        )
    raise DataError(issues)
