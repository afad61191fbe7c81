"""A small toolkit for writing report sheets with openpyxl; `mes score` and `mes diff` share it.

With `mes.render.xlsx.style` (the look: palette, font, number formats) it owns the rules every
workbook mes writes follows:

- every string goes through `safe_text` and is stored as a text cell (``data_type = "s"``), so
  no input can become a formula, an error value or an illegal character, whatever its content;
- figures are written unrounded, as numbers, and shown through number formats, so a manager can
  compute with them;
- tables get a styled header row, fitted column widths, a frozen header and an autofilter;
- every sheet prints landscape or portrait on A4, fitted to the page width, header rows repeated.

A `SheetWriter` writes one sheet from the top down, keeping a row cursor.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field

from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from mes.render import Lang
from mes.render.catalogue import tr
from mes.render.xlsx.measure import (
    LINE_HEIGHT,
    MAX_ROW_HEIGHT,
    display_width,
    text_height,
    text_width,
    wrapped_lines,
)
from mes.render.xlsx.safe import safe_text
from mes.render.xlsx.style import (
    GREEN,
    GREY_TEXT,
    HEADER_FILL,
    NAVY,
    NUMBER_FORMATS,
    RED,
    ROW_FILLS,
    ROW_RULE,
    THIN_RULE,
    YELLOW,
    Align,
    Kind,
    RowStyle,
    Value,
    alignment,
    font,
)


@dataclass(frozen=True)
class Column:
    """One table column: its header, what it holds, and limits for its fitted width."""

    header: str
    kind: Kind = Kind.TEXT
    min_width: float = 6
    max_width: float = 45
    align: Align | None = None  # default: text left, numbers right

    @property
    def numeric(self) -> bool:
        return self.kind not in (Kind.TEXT, Kind.WRAP)


@dataclass(frozen=True)
class Row:
    """One table row: its values in column order, its style, and an indent for the first cell."""

    values: Sequence[Value]
    style: RowStyle = RowStyle.NORMAL
    indent: int = 0
    notes: Sequence[int] = ()  # columns (0-based) of text to show as a note: grey italic
    kinds: Mapping[int, Kind] = field(default_factory=dict)  # per-cell kind, for mixed columns


@dataclass(frozen=True)
class TableRange:
    """Where a written table landed: for heatmaps, autofilters, frozen panes and charts."""

    header_row: int
    first_row: int
    last_row: int  # equal to header_row when the table has no rows
    first_col: int
    columns: Sequence[Column]

    def letter(self, index: int) -> str:
        """Column letter of the table's column ``index`` (0-based)."""
        return str(get_column_letter(self.first_col + index))

    def column_range(self, index: int) -> str:
        """``E5:E30``: the data cells of one column."""
        col = self.letter(index)
        return f"{col}{self.first_row}:{col}{self.last_row}"

    @property
    def ref(self) -> str:
        """``A4:P30``: the header and every data row."""
        last = get_column_letter(self.first_col + len(self.columns) - 1)
        return f"{self.letter(0)}{self.header_row}:{last}{self.last_row}"

    @property
    def empty(self) -> bool:
        return self.last_row < self.first_row


@dataclass
class SheetWriter:
    """Writes one sheet from the top down; remembers the widest value of every column."""

    ws: Worksheet
    lang: Lang = "en"
    row: int = 1  # the next row to write
    _widths: dict[int, float] = field(default_factory=dict)
    _fixed: dict[int, float] = field(default_factory=dict)
    _headers: list[tuple[int, int, Sequence[Column]]] = field(default_factory=list)
    # Styled once, then copied: openpyxl compares style objects field by field when one is
    # assigned, which made a sheet of 20,000 people take most of a minute.
    _styles: dict[tuple[object, ...], StyleArray] = field(default_factory=dict)

    # -- single cells ------------------------------------------------------------------------

    def put(
        self,
        row: int,
        col: int,
        value: Value,
        kind: Kind = Kind.TEXT,
        *,
        cell_font: Font | None = None,
        fit: bool = True,
        align: Align | None = None,
        indent: int = 0,
        fill: PatternFill | None = None,
        border: Border | None = None,
    ) -> Cell:
        """Write one value safely and style it; ``fit=False`` keeps it out of the width measure.

        An empty value (None, NaN) leaves the cell empty: it only gets the fill and border.
        """
        cell = self.ws.cell(row=row, column=col)
        if isinstance(value, float) and not math.isfinite(value):
            value = None  # NaN or infinity has no honest cell value
        if isinstance(value, str):
            cell.value = safe_text(value, lang=self.lang)
            # openpyxl reads "=..." as a formula and "#N/A" as an error: text stays text.
            cell.data_type = "s"
        elif value is not None:
            cell.value = value
        if value is None and fill is None and border is None:
            return cell
        number_format = None if isinstance(value, str) else NUMBER_FORMATS.get(kind)
        wrap = kind == Kind.WRAP
        if align is None:
            text = isinstance(value, str) or wrap or kind in (Kind.TEXT, Kind.DATE)
            align = "left" if text else "right"
        self._style(cell, cell_font or font(), number_format, align, indent, wrap, fill, border)
        if fit and value is not None:
            self._measure(col, cell)
        return cell

    def _style(
        self,
        cell: Cell,
        cell_font: Font,
        number_format: str | None,
        align: Align,
        indent: int,
        wrap: bool,
        fill: PatternFill | None,
        border: Border | None,
    ) -> None:
        # Fonts, fills and borders are shared objects, so their identity names them.
        key = (id(cell_font), number_format, align, indent, wrap, id(fill), id(border))
        cached = self._styles.get(key)
        if cached is not None:
            cell._style = copy(cached)
            return
        cell.font = cell_font
        if number_format is not None:
            cell.number_format = number_format
        # Excel and LibreOffice apply an indent only to left- or right-aligned cells.
        cell.alignment = alignment(align, "top", wrap, indent)
        if fill is not None:
            cell.fill = fill
        if border is not None:
            cell.border = border
        self._styles[key] = copy(cell._style)

    def set_width(self, col: int, width: float) -> None:
        """Give a column a fixed width, whatever it holds."""
        self._fixed[col] = width

    # -- blocks ------------------------------------------------------------------------------

    def title(self, text: str, subtitle: str | None = None) -> None:
        """The sheet's title in large type, and a grey line under it."""
        self.put(self.row, 1, text, cell_font=font(bold=True, size=16, color=NAVY), fit=False)
        self.ws.row_dimensions[self.row].height = 24
        self.row += 1
        if subtitle:
            self.put(self.row, 1, subtitle, cell_font=font(color=GREY_TEXT), fit=False)
            self.row += 1
        self.row += 1

    def section(self, text: str, last_col: int) -> None:
        """A heading over columns 1..last_col, with a rule under it."""
        if self.row > 1 and self.ws.cell(row=self.row - 1, column=1).value is not None:
            self.row += 1  # a blank line before every section
        for col in range(1, last_col + 1):
            self.ws.cell(row=self.row, column=col).border = Border(bottom=THIN_RULE)
        self.put(self.row, 1, text, cell_font=font(bold=True, size=12, color=NAVY), fit=False)
        self.ws.row_dimensions[self.row].height = 18
        self.row += 1

    def paragraph(
        self, text: str, last_col: int, *, first_col: int = 1, cell_font: Font | None = None
    ) -> None:
        """Wrapped text over merged columns, with a row height that shows all of it."""
        cell = self.put(self.row, first_col, text, Kind.WRAP, cell_font=cell_font, fit=False)
        if last_col > first_col:
            self.ws.merge_cells(
                start_row=self.row, start_column=first_col, end_row=self.row, end_column=last_col
            )
        # Neither Excel nor LibreOffice grows a merged row to fit its text: estimate the lines.
        width = sum(self._column_width(c) for c in range(first_col, last_col + 1))
        self.ws.row_dimensions[self.row].height = text_height(str(cell.value or ""), width)
        self.row += 1

    def table(
        self, columns: Sequence[Column], rows: Sequence[Row], first_col: int = 1
    ) -> TableRange:
        """A header row and data rows, styled; returns where it landed."""
        header_row = self.row
        self._header(columns, first_col)
        for row in rows:
            self.row += 1
            self._table_row(columns, row, first_col)
        self.row += 1
        return TableRange(header_row, header_row + 1, header_row + len(rows), first_col, columns)

    def spanning_header(self, width: int, spans: Mapping[int, tuple[str, int]]) -> None:
        """A header row above a table's own: ``{column: (text, how many columns)}`` (0-based
        table columns), each text centred over its columns, the rest of the row a plain band."""
        row = self.row
        for col in range(1, width + 1):
            self.ws.cell(row=row, column=col).fill = HEADER_FILL
        white = Side(style="thin", color="FFFFFF")
        for first, (text, span) in spans.items():
            cell = self.put(
                row, first + 1, text, cell_font=font(bold=True, color="FFFFFF"), fit=False
            )
            cell.fill = HEADER_FILL
            cell.alignment = alignment("center", "bottom")
            if span > 1:
                self.ws.merge_cells(
                    start_row=row, start_column=first + 1, end_row=row, end_column=first + span
                )
            for col in range(first + 1, first + span + 1):  # a white rule groups the columns
                self.ws.cell(row=row, column=col).border = Border(bottom=white)
        self.row += 1

    # -- sheet-wide settings -----------------------------------------------------------------

    def heatmap(self, ranges: Sequence[str], low: float, mid: float, high: float) -> None:
        """Red-yellow-green colour scale anchored at fixed scores, over the given ranges.

        Fixed anchors (not the sheet's own minimum and maximum) keep the colours honest: a team
        at 70 is yellow-green in every report, not red just because it is the lowest here.
        Empty cells (suppressed figures) stay uncoloured.
        """
        if not ranges:
            return
        rule = ColorScaleRule(
            start_type="num",
            start_value=low,
            start_color=RED,
            mid_type="num",
            mid_value=mid,
            mid_color=YELLOW,
            end_type="num",
            end_value=high,
            end_color=GREEN,
        )
        self.ws.conditional_formatting.add(" ".join(ranges), rule)

    def freeze_and_filter(self, table: TableRange, frozen_cols: int = 0) -> None:
        """Freeze everything above the table's first data row (and ``frozen_cols`` columns);
        put an autofilter on the table."""
        self.ws.freeze_panes = f"{get_column_letter(frozen_cols + 1)}{table.first_row}"
        self.ws.auto_filter.ref = table.ref

    def finish(
        self, *, landscape: bool, title_rows: str | None = None, title_cols: str | None = None
    ) -> None:
        """Apply the fitted column widths, header heights and the print setup."""
        for col, width in {**self._widths, **self._fixed}.items():
            self.ws.column_dimensions[get_column_letter(col)].width = width
        for row, first_col, columns in self._headers:  # only now are the widths known
            lines = max(
                wrapped_lines(c.header, self._column_width(first_col + i), bold=True)
                for i, c in enumerate(columns)
            )
            self.ws.row_dimensions[row].height = LINE_HEIGHT * lines + 4
        setup = self.ws.page_setup
        setup.orientation = "landscape" if landscape else "portrait"
        setup.paperSize = self.ws.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0  # as many pages down as it takes
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.ws.page_margins.left = self.ws.page_margins.right = 0.5
        self.ws.page_margins.top = self.ws.page_margins.bottom = 0.6
        # The footer sits 0.5" from the edge by default: with a 0.6" bottom margin LibreOffice
        # cuts its text in half. 0.25" gives it the room (first found on the link workbook).
        self.ws.page_margins.footer = self.ws.page_margins.header = 0.25
        if title_rows:
            self.ws.print_title_rows = title_rows
        if title_cols:
            self.ws.print_title_cols = title_cols
        # Page x of y, in the language of the report; "&P" and "&N" are Excel's page fields.
        self.ws.oddFooter.right.text = tr(self.lang, "Page &P of &N")
        self.ws.oddFooter.left.text = "&A"  # the sheet's name
        self.ws.sheet_view.showGridLines = False

    # -- internals ---------------------------------------------------------------------------

    def _header(self, columns: Sequence[Column], first_col: int) -> None:
        self._headers.append((self.row, first_col, columns))
        for i, column in enumerate(columns):
            col = first_col + i
            cell = self.put(
                self.row,
                col,
                column.header,
                cell_font=font(bold=True, color="FFFFFF"),
                fit=False,
                indent=_text_indent(columns, i),
            )
            cell.fill = HEADER_FILL
            cell.alignment = alignment(
                column.align or ("right" if column.numeric else "left"),
                "bottom",
                True,
                _text_indent(columns, i),
            )
            if column.kind == Kind.WRAP and col not in self._fixed:
                self._fixed[col] = column.max_width  # wrapped text fills its column exactly
            # A header may wrap onto more lines, but its longest word sets the minimum width:
            # measured bold, as it is shown ("Focuskenmerk" broke before its last letter).
            longest = max((text_width(w, bold=True) for w in column.header.split()), default=0)
            self._widths[col] = max(self._widths.get(col, 0), _clamp(longest + 2.5, column))

    def _table_row(self, columns: Sequence[Column], row: Row, first_col: int) -> None:
        bold = row.style in (RowStyle.TOTAL, RowStyle.SUBTOTAL)
        muted = row.style == RowStyle.MUTED
        fill = ROW_FILLS.get(row.style)
        lines = 1
        for i, column in enumerate(columns):
            col = first_col + i
            value = row.values[i] if i < len(row.values) else None
            kind = row.kinds.get(i, column.kind)
            note = i in row.notes
            cell_font = font(
                bold=bold and not note,
                italic=muted or note,
                color=GREY_TEXT if muted or note else None,
            )
            indent = row.indent if i == 0 else _text_indent(columns, i)
            cell = self.put(
                self.row,
                col,
                value,
                kind,
                cell_font=cell_font,
                fit=False,
                align=column.align,
                indent=indent,
                fill=fill,
                border=ROW_RULE,
            )
            if value is not None and kind != Kind.WRAP:
                width = display_width(cell) + 2 * indent + 1.5
                self._widths[col] = max(self._widths.get(col, 0), _clamp(width, column))
                if isinstance(value, str) and width > column.max_width:
                    # Too long for the widest its column gets: wrap it inside the cell (up to
                    # a few lines) rather than let it run up against the next column's text.
                    horizontal = cell.alignment.horizontal or "left"
                    cell.alignment = alignment(horizontal, "top", True, indent)
                    room = column.max_width - 1.5 * indent
                    wrapped = wrapped_lines(str(cell.value)[:_WRAP_CHARS], room, bold=bold)
                    lines = max(lines, min(wrapped, _WRAP_LINES))
            if kind == Kind.WRAP and value is not None:
                width = self._column_width(col) - 1.5 * indent
                lines = max(lines, wrapped_lines(str(cell.value), width, bold=bool(cell_font.b)))
        if lines > 1:  # a one-line row keeps the default height
            height = min(LINE_HEIGHT * lines + 2, MAX_ROW_HEIGHT)
            self.ws.row_dimensions[self.row].height = height

    def _measure(self, col: int, cell: Cell) -> None:
        width = display_width(cell) + 1.5
        self._widths[col] = max(self._widths.get(col, 0), min(width, 60))

    def _column_width(self, col: int) -> float:
        letter = get_column_letter(col)
        width = self._fixed.get(col) or self._widths.get(col)
        if width is None:
            width = self.ws.column_dimensions[letter].width or 8.43  # Excel's default width
        return width


_WRAP_LINES = 3  # a name longer than its column shows at most this many lines; the cell has all
_WRAP_CHARS = 1000  # enough of such a name to count its lines


def _text_indent(columns: Sequence[Column], index: int) -> int:
    """Text right after a column of right-aligned numbers gets a little air."""
    column = columns[index]
    if index == 0 or column.numeric or column.align == "right":
        return 0
    return 1 if columns[index - 1].numeric else 0


def _clamp(width: float, column: Column) -> float:
    return max(column.min_width, min(width, column.max_width))
