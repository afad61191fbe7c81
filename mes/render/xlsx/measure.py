"""How wide text shows in a cell, and how many lines it wraps to: for widths and row heights.

openpyxl cannot measure text and neither Excel nor LibreOffice fits a row to wrapped text in a
merged cell, so mes estimates: each character has a width in units of Calibri 11's "0" (the unit
of Excel's column width), and wrapping at spaces is simulated greedily. Estimates lean wide: a
line too many costs a little white space, a line too few lets text run into the next row.
"""

from __future__ import annotations

import datetime as dt
import math

from openpyxl.cell.cell import Cell

LINE_HEIGHT = 15.0  # points per line of 11-point text
MAX_ROW_HEIGHT = 409.0  # Excel's limit
_MEASURED = 200  # characters of a text measured for its column's width: none is wider

_NARROW = frozenset("ijlI.,;:'!|` ")
_SEMI = frozenset('ftr()[]-/"')
_WIDE = frozenset("mw")
_WIDEST = frozenset("MW%@")
_TEXT_MARGIN = 1.06  # kerning and rounding
# Bold type is wider: about 5% in Calibri, 10% in DejaVu Sans, which LibreOffice substitutes
# where Calibri is missing. Measured as regular, a bold statement overprinted the next row.
_BOLD = 1.1


def text_width(text: str, *, bold: bool = False) -> float:
    """Estimated width of ``text`` in Calibri 11, in column-width units."""
    return _TEXT_MARGIN * (_BOLD if bold else 1.0) * sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> float:
    if ch in _NARROW:
        return 0.45
    if ch in _SEMI:
        return 0.62
    if ch in _WIDE:
        return 1.45
    if ch in _WIDEST:
        return 1.6
    if ch.isupper():
        return 1.1
    return 1.0 if ch.isdigit() else 0.9


def display_width(cell: Cell) -> float:
    """About how many characters wide a cell's value shows."""
    value = cell.value
    number_format = str(cell.number_format)
    bold = bool(cell.font is not None and cell.font.b)
    if value is None:
        return 0
    if isinstance(value, str):
        # Only the start matters: no fitted column is wider than a few dozen characters.
        return text_width(value[:_MEASURED], bold=bold)
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, (int, float)):
        return len(number_format_preview(value, number_format))
    return len(str(value))


def number_format_preview(value: float, number_format: str) -> str:
    """Roughly how a number shows under the formats mes uses (``0``, ``0.0``, ``0%``, General)."""
    fmt = number_format.partition(";")[0]
    percent = fmt.endswith("%")
    if percent:
        value, fmt = 100 * value, fmt[:-1]
    if not fmt.startswith("0"):  # "General"
        return f"{value:g}"
    decimals = len(fmt.partition(".")[2])
    return f"{value:.{decimals}f}" + ("%" if percent else "")


def text_height(text: str, width: float, indent: int = 0, *, bold: bool = False) -> float:
    """Row height (points) that shows ``text`` wrapped in a column ``width`` units wide."""
    lines = wrapped_lines(text, width - 1.5 * indent, bold=bold)
    return min(LINE_HEIGHT * lines + 2, MAX_ROW_HEIGHT)


def wrapped_lines(text: str, width: float, *, bold: bool = False) -> int:
    """How many lines ``text`` takes when wrapped at spaces in a column ``width`` units wide."""
    room = max(width - 1.0, 4.0)  # the cell's own padding
    space = text_width(" ", bold=bold)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            size = text_width(word, bold=bold)
            if used and used + space + size > room:
                lines += 1
                used = 0.0
            if not used and size > room:  # a word wider than the column breaks anywhere
                extra = math.ceil(size / room) - 1
                lines += extra
                used = size - extra * room
            else:
                used += size + (space if used else 0.0)
    return lines
