"""The look of mes's workbooks: palette, font, number formats and cell kinds, in one place.

Style objects are made once and shared (`font` is cached): openpyxl registers a style by
comparing it field by field with those it has, so fresh objects for every cell are slow.
"""

from __future__ import annotations

import datetime as dt
import functools
from enum import StrEnum
from typing import Literal

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

# The palette: a dark blue for structure, greys for what is secondary, and the red-yellow-green
# of Excel's own three-colour scale for scores, which managers already know how to read.
NAVY = "1F3864"
LIGHT_BLUE = "DDEBF7"
GREY_TEXT = "7F7F7F"
GREY_FILL = "F2F2F2"
RULE = "A6A6A6"
RED = "F8696B"
YELLOW = "FFEB84"
GREEN = "63BE7B"
WARNING_RED = "C00000"

FONT_NAME = "Calibri"  # Excel's default: what the reader's other workbooks look like
SIZE = 11


class Kind(StrEnum):
    """What a cell holds; decides its number format, alignment and how its width is measured."""

    TEXT = "text"
    WRAP = "wrap"  # long text, wrapped within the column
    COUNT = "count"
    SCORE = "score"  # 0-100
    SHARE = "share"  # 0-1, shown as a percentage
    SHARE_UNSIGNED = "share-unsigned"  # a share drawn leftwards in a chart: negative, shown as 12%
    DECIMAL = "decimal"  # e.g. Cronbach's alpha
    GRADE = "grade"  # e.g. 8.5 on a 1-10 report grade
    NUMBER = "number"  # a setting such as 75: shown as written
    DATE = "date"


NUMBER_FORMATS: dict[Kind, str] = {
    Kind.COUNT: "0",
    Kind.SCORE: "0.0",
    Kind.SHARE: "0%",
    Kind.SHARE_UNSIGNED: "0%;0%",
    Kind.DECIMAL: "0.00",
    Kind.GRADE: "0.0",
    Kind.NUMBER: "General",
    Kind.DATE: "yyyy-mm-dd",  # ISO: reads the same in Dutch and English
}

Align = Literal["left", "right"]

#: What a cell may hold. None leaves it empty: a suppressed figure is never written at all.
Value = str | int | float | bool | dt.date | None


class RowStyle(StrEnum):
    NORMAL = "normal"
    TOTAL = "total"  # the organisation: bold on a light blue band
    SUBTOTAL = "subtotal"  # a department: bold
    MUTED = "muted"  # a suppressed group: grey italic, no figures


@functools.cache
def font(
    *, bold: bool = False, italic: bool = False, size: float = SIZE, color: str | None = None
) -> Font:
    """The report's font in a given weight and colour (one shared, never-mutated object each)."""
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic, color=color)


@functools.cache
def alignment(
    horizontal: str, vertical: str = "top", wrap: bool = False, indent: int = 0
) -> Alignment:
    return Alignment(horizontal=horizontal, vertical=vertical, wrap_text=wrap, indent=indent)


THIN_RULE = Side(style="thin", color=RULE)
ROW_RULE = Border(bottom=Side(style="hair", color=RULE))
HEADER_FILL = PatternFill("solid", fgColor=NAVY)
ROW_FILLS = {
    RowStyle.TOTAL: PatternFill("solid", fgColor=LIGHT_BLUE),
    RowStyle.MUTED: PatternFill("solid", fgColor=GREY_FILL),  # no figures here, visibly
}

# -- Workbooks of change (``mes diff``) ----------------------------------------------------------
# Number formats applied to cells after they are written (a change is a score, a share or an
# effect size with a sign): the cells keep their unrounded values, the format only shows them.

#: A change in points: +0.4 and -0.4 never read alike; zero shows without a sign.
SIGNED_SCORE = "+0.0;-0.0;0.0"
#: A change in a share, in percentage points (0.083 shows as +8%).
SIGNED_SHARE = "+0%;-0%;0%"
#: An effect size such as Hedges' g.
SIGNED_EFFECT = "+0.00;-0.00;0.00"
#: A p-value: three decimals, and "<0.001" below that instead of a misleading 0.000.
P_VALUE = '[<0.001]"<0.001";0.000'

# Excel's own "Good" and "Bad" cell styles: the green and red a manager knows from other sheets.
# Used only for what a diff labels rising or falling, never for a change it calls stable.
RISING_FILL = "C6EFCE"
RISING_TEXT = "006100"
FALLING_FILL = "FFC7CE"
FALLING_TEXT = "9C0006"
