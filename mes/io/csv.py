"""Reading CSV (and tab-separated "Unicode text") exports into a `RawTable`.

The separator is decided on the first records, parsed quote-aware: Dutch Excel writes ``;`` and
decimal commas, others write ``,`` or tabs, and an Excel ``sep=;`` first line settles it. The whole
file is then parsed by polars (all columns text, no header or type inference) from UTF-8 bytes.
When polars refuses the quoting, Python's ``csv`` module parses it strictly instead, so a quote
that is never closed is reported at its row rather than swallowing the rest of the file.

Two ways in, one result: `read_utf8_csv` takes a UTF-8 file's bytes as they are and only its
decoded head (the usual large export: no decoding of the whole file, no second copy of it), and
gives way to `read_csv`, which takes the decoded text, whenever it cannot be sure of giving the
same table (tests/test_io_csv_paths.py reads messy files both ways and compares).

Row numbers are what Excel shows when it opens the CSV: one row per record (a quoted value with
line breaks is one row), counting blank records, not counting a ``sep=`` line.

Ragged rows: a data row with values beyond the header's last field (Excel pads every row to the
same number of fields, so such a row was written by hand) usually means an unquoted separator
inside a value, which shifts every later answer one column. Such rows are refused, each named,
instead of being scored misaligned. Extra *empty* fields are harmless and ignored.
"""

from __future__ import annotations

import csv
import inspect
import io
import re
from collections import Counter
from pathlib import Path
from typing import Any

import polars as pl

from mes.errors import InputError, Issue, error, unreadable
from mes.io.table import Grid, Located, finish, grid_column, locate, make_grid
from mes.io.text import Text
from mes.messages import message
from mes.table import ROW, HeaderScorer, RawTable, SourceKind, column_letter

SEPARATORS = (";", ",", "\t", "|")
_SEP_LINE = re.compile(r'\A"?sep=(.)"?[ \t]*(?:\r\n|\n|\r|\Z)', re.IGNORECASE)
_BLANK_SNIFF = " \t" + "".join(SEPARATORS)
_HEAD_CHARS = 64 * 1024
_SNIFF_RECORDS = 50
_MAX_RAGGED_ISSUES = 20
# polars >= 2 asks for `missing_columns="insert"` to pad short records with nulls; 1.x did it.
_PAD_SHORT: dict[str, Any] = (
    {"missing_columns": "insert"}
    if "missing_columns" in inspect.signature(pl.read_csv).parameters
    else {}
)


def read_csv(name: str, text: Text, header_scorer: HeaderScorer, notes: list[Issue]) -> RawTable:
    """Parse decoded CSV text into a `RawTable` (or refuse it)."""
    body, declared = _strip_sep_line(text.text)
    if "\n" not in body and "\r" in body:
        body = body.replace("\r", "\n")  # classic Mac line ends
    head, truncated = _head(body)
    separator = declared or sniff_separator(head, truncated, header_scorer)
    head_records = _records(head, separator, truncated)
    width = max((len(record) for record in head_records), default=1)
    frame = _parse_polars(body.encode("utf-8"), separator, width)
    if frame is None:
        frame = _parse_python(body, separator, name)
    return _table(name, frame, head_records, separator, header_scorer, notes)


def read_utf8_csv(
    name: str,
    data: bytes | Path,
    head_text: str,
    whole: bool,
    header_scorer: HeaderScorer,
    notes: list[Issue],
) -> RawTable | None:
    """What `read_csv` makes of ``data`` decoded, parsed from the bytes; ``None`` if unsure.

    ``data`` is the file (its path, or its bytes), UTF-8 (a BOM allowed) without NUL;
    ``head_text`` its decoded head, at least twice the sniffed region (or all of it when
    ``whole``). The head settles the separator and the width; polars parses the bytes as they
    are (it skips a BOM, and the ``sep=`` line by count). ``None`` when `read_csv` is needed:
    line ends the head does not show to be ``\n``, or bytes polars refuses (not UTF-8,
    quoting, a record wider than the head's), where the strict parser or `decode` must name
    the problem.
    """
    body, declared = _strip_sep_line(head_text)
    if "\n" not in body or not (whole or len(body) > _HEAD_CHARS):
        return None  # classic Mac line ends, or a head too short to sniff as the text path does
    if declared is not None and not head_text[: len(head_text) - len(body)].endswith("\n"):
        return None  # a sep= line ended by a bare CR: polars would skip more than that line
    if body.startswith("\ufeff"):
        return None  # polars drops it from the start of the text path's bytes as a BOM
    head, truncated = _head(body) if whole else _head_of_part(body)
    separator = declared or sniff_separator(head, truncated, header_scorer)
    head_records = _records(head, separator, truncated)
    width = max((len(record) for record in head_records), default=1)
    frame = _parse_polars(data, separator, width, skip_lines=int(declared is not None))
    if frame is None:
        return None
    return _table(name, frame, head_records, separator, header_scorer, notes)


def _table(
    name: str,
    frame: pl.DataFrame,
    head_records: list[list[str]],
    separator: str,
    header_scorer: HeaderScorer,
    notes: list[Issue],
) -> RawTable:
    """The `RawTable` of a parsed grid (every record, text or null): header, ragged rows."""
    rows = pl.int_range(1, frame.height + 1, eager=True)
    # Both parsers give null, never "", for an empty field: make_grid need not look.
    grid = make_grid(
        frame,
        rows,
        [column_letter(i) for i in range(frame.width)],
        never_empty=frozenset(range(frame.width)),
    )
    located = locate(grid, header_scorer)
    if located is None:
        raise unreadable(
            name, message("the file has no data, only empty rows: export it again"), "empty-file"
        )
    record = located.header_row - 1
    header_fields = len(head_records[record]) if 0 <= record < len(head_records) else grid.width
    _refuse_ragged(located, header_fields, separator, name)
    return finish(located, source=name, kind=SourceKind.CSV, sheet=None, notes=notes)


def sniff_separator(head: str, truncated: bool, header_scorer: HeaderScorer) -> str:
    """The separator that best splits the first records.

    Ranked by: the best header score it gives, then how many records share the most common
    field count, then that count; the order of `SEPARATORS` breaks ties.
    """
    best, best_key = SEPARATORS[0], (-1, -1, -1)
    for separator in SEPARATORS:
        # A record of nothing but separators is blank whichever separator is tried.
        records = [
            r
            for r in _records(head, separator, truncated)[:_SNIFF_RECORDS]
            if any(f.strip(_BLANK_SNIFF) for f in r)
        ]
        if not records:
            continue
        score = max(header_scorer(list(r)) for r in records[:10])
        counts = Counter(len(r) for r in records if len(r) > 1)
        fields, consistent = counts.most_common(1)[0] if counts else (1, 0)
        key = (score, consistent, fields)
        if key > best_key:
            best, best_key = separator, key
    return best


def _strip_sep_line(text: str) -> tuple[str, str | None]:
    match = _SEP_LINE.match(text)
    if match is None:
        return text, None
    return text[match.end() :], match.group(1)  # Excel hides the line: row 1 is the next one


def _head(body: str) -> tuple[str, bool]:
    if len(body) <= _HEAD_CHARS:
        return body, False
    return _head_of_part(body)


def _head_of_part(body: str) -> tuple[str, bool]:
    """The head region of a text longer than it (or of the first part of such a text)."""
    cut = body.rfind("\n", 0, _HEAD_CHARS)
    return body[: cut + 1 if cut > 0 else _HEAD_CHARS], True


def _records(head: str, separator: str, truncated: bool) -> list[list[str]]:
    """Records of the head region, leniently (a damaged record only ends the sample)."""
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(head, newline=""), delimiter=separator, quotechar='"')
    try:
        records.extend(reader)
    except csv.Error:
        return records
    if truncated and records:
        records.pop()  # may be cut in the middle of a quoted value
    return records


def _parse_polars(
    data: bytes | Path, separator: str, width: int, skip_lines: int = 0
) -> pl.DataFrame | None:
    schema = {grid_column(i): pl.String() for i in range(width)}
    try:
        return pl.read_csv(
            data,
            has_header=False,
            skip_lines=skip_lines,
            empty_string_is_null=True,
            glob=False,  # a path is a file's name, never a pattern
            separator=separator,
            quote_char='"',
            schema=schema,
            comment_prefix=None,
            raise_if_empty=False,
            truncate_ragged_lines=False,
            **_PAD_SHORT,
        )
    except (pl.exceptions.PolarsError, ValueError, OSError):
        # A record longer than the head's widest, or quoting polars will not guess at:
        # the strict Python parser decides (and names the row if it cannot).
        return None


def _parse_python(body: str, separator: str, name: str) -> pl.DataFrame:
    records: list[list[str]] = []
    reader = csv.reader(
        io.StringIO(body, newline=""), delimiter=separator, quotechar='"', strict=True
    )
    line = 0
    try:
        for record in reader:
            records.append(record)
            line = reader.line_num
    except csv.Error as exc:
        raise unreadable(
            name,
            message(
                "row {row} (line {line} of the file) cannot be read ({exc}): a "
                'quote (") is probably not closed, or text follows a closing quote. '
                "Fix that row, or open the file in Excel and save it again",
                row=len(records) + 1,
                line=line + 1,
                exc=str(exc),
            ),
            "unreadable-text",
        ) from None
    width = max((len(record) for record in records), default=0)
    columns = {
        grid_column(i): pl.Series(
            [r[i] if i < len(r) and r[i] else None for r in records], dtype=pl.String
        )
        for i in range(width)
    }
    return pl.DataFrame(columns, schema={c: pl.String() for c in columns})


def _refuse_ragged(located: Located, header_fields: int, separator: str, name: str) -> None:
    grid: Grid = located.grid
    extra = grid.columns[header_fields:]
    if not extra:
        return
    filled = pl.any_horizontal(
        pl.col(c).str.strip_chars().str.len_bytes().fill_null(0) > 0 for c in extra
    )
    rows = located.data.filter(filled)[ROW].to_list()
    if not rows:
        return
    shown = "tab" if separator == "\t" else repr(separator)
    issues = [
        error(
            "ragged-row",
            message(
                "this row has more values than the header (row {header_row}) has "
                "columns; a value probably contains an unquoted {shown}, which shifts "
                "the answers after it. Put that value in double quotes or remove the "
                "extra {shown}, then run mes again",
                header_row=located.header_row,
                shown=shown,
            ),
            file=name,
            row=row,
        )
        for row in rows[:_MAX_RAGGED_ISSUES]
    ]
    if len(rows) > _MAX_RAGGED_ISSUES:
        issues.append(
            error(
                "ragged-row",
                message(
                    "{n} more rows have more values than the header",
                    n=len(rows) - _MAX_RAGGED_ISSUES,
                ),
                file=name,
            )
        )
    raise InputError(issues)
