"""The Individuals sheet (``mes score --format xlsx --individuals``), streamed into the workbook.

openpyxl builds the whole report, Individuals included, but writes only that sheet's title, header
and styles: a cell object per value made a million people take minutes and gigabytes. The
people's rows are written when the workbook is saved (`StreamedWorkbook.save`): openpyxl saves
the report in memory, and its Individuals worksheet XML gets the rows spliced in, made by polars
column-wise a batch at a time and compressed as they come, so memory stays flat.

The rows look exactly as the SheetWriter would have written them: three template rows (the widest
value of every column, the same as notes, and empty cells) are written with the `SheetWriter`,
so the columns get their fitted widths and each kind of cell its style; their style ids are read
off and the template cells removed. Text goes through `safe_text` and is XML-escaped; numbers
are written unrounded, shown by the column's number format.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from copy import copy
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO
from xml.etree import ElementTree

import polars as pl
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from mes.individuals import HIDDEN_LABEL, People
from mes.render import Lang
from mes.render.catalogue import tr
from mes.render.words import trait_names
from mes.render.xlsx.kit import (
    _WRAP_CHARS,
    _WRAP_LINES,
    Column,
    Row,
    SheetWriter,
    TableRange,
    _text_indent,
)
from mes.render.xlsx.measure import (
    _MEASURED,
    LINE_HEIGHT,
    MAX_ROW_HEIGHT,
    text_width,
    wrapped_lines,
)
from mes.render.xlsx.safe import EXCEL_CELL_LIMIT, FORMULA_TRIGGERS, safe_text
from mes.render.xlsx.style import Kind, Value, alignment
from mes.results import ScoreReport
from mes.scoring import ENERGETIC, MES

#: People written per batch: bounds the XML in memory at a time.
BATCH = 50_000
#: zlib level of the workbook's other parts (the rows' part is deflated by ISA-L, `_fast_deflate`).
COMPRESS_LEVEL = 6

# Text safe_text would change: a formula trigger first, a character XML cannot hold, or long.
_UNSAFE = "^[" + re.escape("".join(FORMULA_TRIGGERS)) + "]|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class _Cells:
    """How one column's cells are written: its source column, kind and style ids."""

    source: str
    kind: Kind
    letter: str
    style: int  # a value
    note: int  # a masked label, grey italic
    empty: int  # no value
    labels: dict[str, str] | None = None  # text columns: value -> what the cell shows
    wrapped: tuple[int, int] = (0, 0)  # text too wide for the column, wrapped: value, note
    wide: str | None = None  # the frame's column telling which cells are too wide (lines > 0)


@dataclass(frozen=True)
class DeferredRows:
    """The rows of one sheet, written when the workbook is saved."""

    sheet: str
    people: People
    first_row: int
    cells: tuple[_Cells, ...]

    def xml(self) -> Iterator[str]:
        """The rows' ``<row>`` elements, a batch at a time."""
        row = pl.int_range(pl.len(), dtype=pl.Int64) + self.first_row
        exprs = [_cell_xml(c) for c in self.cells]
        for start in range(0, len(self.people), BATCH):
            part = self.people.frame.slice(start, BATCH)
            number = (row + start).cast(pl.String).alias("_r")
            height = pl.col("_ht") if "_ht" in part.columns else pl.lit("")
            xml = part.with_columns(number).select(
                pl.concat_str(
                    [
                        pl.lit('<row r="'),
                        pl.col("_r"),
                        pl.lit('"'),
                        height,
                        pl.lit(">"),
                        *exprs,
                        pl.lit("</row>"),
                    ]
                )
            )
            yield xml.to_series().str.join("").item()


class StreamedWorkbook(Workbook):  # type: ignore[misc]  # openpyxl has no type hints
    """An openpyxl workbook some of whose sheets' rows are streamed in when it is saved."""

    def __init__(self) -> None:
        super().__init__()
        self.deferred: list[DeferredRows] = []

    def save(self, filename: str | Path | IO[bytes]) -> None:
        if not self.deferred:
            super().save(filename)
            return
        built = io.BytesIO()
        super().save(built)
        _splice(built, filename, self.deferred)


def write_individuals(sheet: SheetWriter, report: ScoreReport, people: People) -> None:
    """Per-person scores, only when asked for; labels of hidden groups stay masked.

    Writes the title and header now; the rows are left to `StreamedWorkbook.save`.
    """
    lang = sheet.lang
    sheet.title(
        tr(lang, "Individuals"),
        tr(
            lang,
            (
                "Scores per person (--individuals); names of suppressed groups are "
                "masked. This sheet holds personal data: share it only with people "
                "allowed to see it."
            ),
        ),
    )
    names = trait_names(report.instrument, lang)
    # (source column, header, kind, max width, a label that may be masked)
    spec: list[tuple[str, str, Kind, float, bool]] = [
        ("respondent", tr(lang, "Respondent"), Kind.TEXT, 24, False)
    ]
    if people.has_department:
        spec.append(("department", tr(lang, "Department"), Kind.TEXT, 30, True))
    if people.has_team:
        spec.append(("team", tr(lang, "Team"), Kind.TEXT, 30, True))
    spec += [(f"by:{name}", name, Kind.TEXT, 30, True) for name in report.by]
    spec += [(f"trait:{key}", names[key], Kind.SCORE, 16, False) for key in people.traits]
    spec += [
        (MES, tr(lang, "MES"), Kind.SCORE, 45, False),
        (ENERGETIC, tr(lang, "Customer-energetic"), Kind.TEXT, 45, False),
    ]
    columns = [Column(header, kind, max_width=width) for _, header, kind, width, _ in spec]
    yes, no = tr(lang, "yes"), tr(lang, "no")
    hidden = tr(lang, "(suppressed)")
    frame = people.frame.with_columns(_safe(people.frame.get_column("respondent"), lang))
    people = People(frame, people.by, people.traits)
    labels: dict[str, dict[str, str]] = {}
    for source, _, kind, _, masked in spec:
        if source == "respondent" or kind != Kind.TEXT:
            continue
        if source == ENERGETIC:
            labels[source] = {"true": yes, "false": no}
        else:
            values = frame.get_column(source).drop_nulls().unique().to_list()
            labels[source] = {
                v: hidden if masked and v == HIDDEN_LABEL else safe_text(v, lang=lang)
                for v in values
            }
    widest: list[Value] = [_widest(frame, source, labels.get(source)) for source, *_ in spec]
    short: list[Value] = ["x" if kind == Kind.TEXT else 0.0 for _, _, kind, _, _ in spec]
    notes = [i for i, (*_, masked) in enumerate(spec) if masked]
    # the styles of a value, a note and an empty cell, then the widest values for the widths
    template = [Row(short), Row(short, notes=notes), Row([None] * len(spec)), Row(widest)]
    # No heatmap here: colouring people red or green is not what this sheet is for.
    written = sheet.table(columns, template)
    ws = sheet.ws
    at = [
        [ws.cell(row=written.first_row + r, column=c + 1) for c in range(len(spec))]
        for r in range(3)
    ]
    ids = [[cell.style_id for cell in row] for row in at]
    wrapped = []
    for c in range(len(spec)):  # a value too wide for its column wraps, as SheetWriter does it
        indent = _text_indent(columns, c)
        for cell in (at[0][c], at[1][c]):
            cell._style = copy(cell._style)  # SheetWriter shares one style between cells
            cell.alignment = alignment(cell.alignment.horizontal or "left", "top", True, indent)
        wrapped.append((at[0][c].style_id, at[1][c].style_id))
    for r in range(written.first_row, written.first_row + len(template)):
        for c in range(len(spec)):  # the template rows go; their styles stay in the workbook
            del ws._cells[(r, c + 1)]
        ws.row_dimensions.pop(r, None)
    wide_columns = {}
    for i, (source, _, kind, _, _) in enumerate(spec):
        if kind == Kind.TEXT:
            lines = _wide_lines(
                frame, source, labels.get(source), columns[i], _text_indent(columns, i)
            )
            if lines is not None:
                wide_columns[f"_wide{i}"] = lines
    if wide_columns:
        frame = frame.with_columns(**wide_columns)
        most = pl.max_horizontal(pl.col(wide_columns))
        frame = frame.with_columns(
            _ht=pl.when(most > 1)
            .then(
                pl.lit(' ht="')
                + (most.cast(pl.Float64) * LINE_HEIGHT + 2)
                .clip(upper_bound=MAX_ROW_HEIGHT)
                .cast(pl.String)
                + pl.lit('" customHeight="1"')
            )
            .otherwise(pl.lit(""))
        )
        people = People(frame, people.by, people.traits)
    cells = tuple(
        _Cells(
            source,
            kind,
            get_column_letter(i + 1),
            ids[0][i],
            ids[1][i],
            ids[2][i],
            labels.get(source),
            wrapped[i],
            f"_wide{i}" if f"_wide{i}" in wide_columns else None,
        )
        for i, (source, _, kind, _, _) in enumerate(spec)
    )
    first = written.header_row + 1
    table = TableRange(written.header_row, first, written.header_row + len(people), 1, columns)
    sheet.freeze_and_filter(table, frozen_cols=1)
    sheet.finish(landscape=True, title_rows=f"{table.header_row}:{table.header_row}")
    book = ws.parent
    assert isinstance(book, StreamedWorkbook), "the Individuals sheet streams into its workbook"
    book.deferred.append(DeferredRows(ws.title, people, first, cells))


def _widest(frame: pl.DataFrame, source: str, labels: dict[str, str] | None) -> Value:
    """The value of a column that shows widest, to fit the column to (None: no values)."""
    if labels is not None:
        return max(labels.values(), key=text_width, default=None)
    column = frame.get_column(source)
    if column.dtype == pl.String:
        longest = column.drop_nulls().str.len_chars().arg_max()
        return None if longest is None else str(column[longest])
    top = column.drop_nans().max() if column.dtype.is_float() else column.max()
    return None if top is None else float(top)  # type: ignore[arg-type]


def _wide_lines(
    frame: pl.DataFrame, source: str, labels: dict[str, str] | None, column: Column, indent: int
) -> pl.Series | None:
    """Per row, 0 where the column's text fits, else the lines it wraps to (as SheetWriter
    counts them); None when every value fits."""

    def lines(text: str) -> int:
        width = text_width(text[:_MEASURED]) + 2 * indent + 1.5
        if width <= column.max_width:
            return 0
        room = column.max_width - 1.5 * indent
        return min(wrapped_lines(text[:_WRAP_CHARS], room), _WRAP_LINES)

    values = frame.get_column(source).cast(pl.String)
    if labels is not None:
        found = {value: lines(text) for value, text in labels.items()}
        if not any(found.values()):
            return None
        return values.replace_strict(found, default=0, return_dtype=pl.Int32)
    # Only a text with enough characters can be too wide: the rest are not measured one by one.
    longest_char = text_width("W")
    may = (values.str.len_chars() * longest_char + 2 * indent + 1.5 > column.max_width).fill_null(
        False
    )
    at = may.arg_true()
    found_at = [lines(v) for v in values.gather(at).to_list()]
    if not any(found_at):
        return None
    return pl.zeros(len(values), pl.Int32, eager=True).scatter(at, found_at)


def _cell_xml(cells: _Cells) -> pl.Expr:
    """One column's ``<c>`` elements, with cell references."""
    value = pl.col(cells.source)
    ref = [pl.lit(f'<c r="{cells.letter}'), pl.col("_r")]
    empty = pl.concat_str([*ref, pl.lit(f'" s="{cells.empty}"/>')])
    if cells.kind == Kind.SCORE:
        number = pl.when(value.is_finite()).then(value.cast(pl.String))
        shown = pl.concat_str(
            [*ref, pl.lit(f'" s="{cells.style}"><v>'), number, pl.lit("</v></c>")]
        )
        return pl.coalesce(shown, empty)
    if cells.labels is not None:
        text = value.cast(pl.String).replace_strict(
            list(cells.labels), list(cells.labels.values()), default=None
        )
        note = value.cast(pl.String) == HIDDEN_LABEL
    else:
        text = value  # made safe by write_individuals
        note = pl.lit(False)
    style = pl.when(note).then(pl.lit(str(cells.note))).otherwise(pl.lit(str(cells.style)))
    if cells.wide is not None:
        value_or_note = [pl.lit(str(i)) for i in cells.wrapped]
        wrapped = pl.when(note).then(value_or_note[1]).otherwise(value_or_note[0])
        style = pl.when(pl.col(cells.wide) > 0).then(wrapped).otherwise(style)
    escaped = (
        text.str.replace_all("&", "&amp;", literal=True)
        .str.replace_all("<", "&lt;", literal=True)
        .str.replace_all(">", "&gt;", literal=True)
    )
    space = pl.when(text.str.contains(r"^\s|\s$")).then(pl.lit(' xml:space="preserve"'))
    shown = pl.concat_str(
        [
            *ref,
            pl.lit('" s="'),
            style,
            pl.lit('" t="inlineStr"><is><t'),
            space.otherwise(pl.lit("")),
            pl.lit(">"),
            escaped,
            pl.lit("</t></is></c>"),
        ]
    )
    return pl.coalesce(shown, empty)


def _safe(column: pl.Series, lang: Lang) -> pl.Series:
    """`safe_text` on a column: only the few values it would change go through it."""
    unsafe = column.str.contains(_UNSAFE) | (column.str.len_chars() > EXCEL_CELL_LIMIT // 2)
    at = unsafe.fill_null(False).arg_true()
    if at.is_empty():
        return column
    return column.scatter(at, [safe_text(v, lang=lang) for v in column.gather(at).to_list()])


# -- the splice ------------------------------------------------------------------------------------


def _splice(
    built: io.BytesIO, target: str | Path | IO[bytes], deferred: Sequence[DeferredRows]
) -> None:
    """Copy the workbook openpyxl ``built``, with the deferred rows in their sheets' XML."""
    with zipfile.ZipFile(built) as source:
        parts = _sheet_parts(source)
        by_part = {parts[d.sheet]: d for d in deferred}
        with zipfile.ZipFile(
            target, "w", zipfile.ZIP_DEFLATED, allowZip64=True, compresslevel=COMPRESS_LEVEL
        ) as out:
            for info in source.infolist():
                data = source.read(info)
                rows = by_part.get(info.filename)
                if rows is None:
                    out.writestr(info.filename, data)
                    continue
                head, end, tail = data.decode("utf-8").partition("</sheetData>")
                assert end, "a sheet with a header row has sheet data"
                last = max(rows.first_row + len(rows.people), rows.first_row) - 1
                head = re.sub(
                    r'(<dimension ref="[A-Z]+\d+:[A-Z]+)\d+"', rf'\g<1>{last}"', head, count=1
                )
                with out.open(info.filename, "w", force_zip64=True) as part:
                    _fast_deflate(part)
                    part.write(head.encode("utf-8"))
                    for chunk in rows.xml():
                        part.write(chunk.encode("utf-8"))
                    part.write((end + tail).encode("utf-8"))


def _fast_deflate(part: IO[bytes]) -> None:
    """Deflate a part being written with ISA-L (already mes's inflater) instead of zlib: 4-5x
    zlib's speed at level 1 on the rows' XML, and as small. zipfile has no public hook for its
    compressor; where its private one is not found, zlib stays."""
    if getattr(part, "_compressor", None) is not None:
        from isal import isal_zlib

        part._compressor = isal_zlib.compressobj(1, isal_zlib.DEFLATED, -15)  # type: ignore[attr-defined]


def _sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the path of its worksheet XML in the package."""
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets[sheet.get(f"{_REL}id")]
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl", target))
        parts[sheet.get("name", "")] = path
    return parts
