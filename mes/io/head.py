"""The first rows of a worksheet, read from its XML where calamine's reading of a cell is certain.

Knowing the header row before calamine parses the sheet lets `typed` ask calamine for the rows
under it with their own types, which is much cheaper than text for a column of numbers. The rows
down to the header are then taken from here, so every cell read here must come out exactly as
calamine's text load shows it; anything this reader is not sure of is `UNCLEAR`, and a sheet with
an unclear cell on or above its header row is read the ordinary way.

What is certain, and read: cells with an ``r`` reference, in rows with an ``r`` number, in
increasing order; shared and inline strings made of plain ``<t>`` elements and rich-text runs;
numbers without a style (so they cannot be dates); booleans; error values and formulas without
a result (empty here, as in calamine's text; `xlsx` puts error values back for both). What is
not: styled numbers, formula text results, phonetic runs, ``_xHHHH_`` escapes, character
references, carriage returns, and text with edge spaces but no ``xml:space="preserve"`` (calamine
trims those). Shared strings are read only as far as the head of the part that was kept.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final


class Unclear:
    """A cell whose text this reader cannot promise to match calamine's."""

    def __repr__(self) -> str:
        return "UNCLEAR"


UNCLEAR: Final = Unclear()
Value = str | None | Unclear

#: The first bytes of a worksheet part kept for this reader (rows that end beyond are not read).
HEAD_BYTES = 256 * 1024
#: The first bytes of the shared strings part kept: header texts are among the first strings.
STRINGS_HEAD_BYTES = 1024 * 1024

_ROOT = re.compile(rb"<([\w.-]{1,32}:)?worksheet[\s>]")
_ATTR = re.compile(rb"\s+([\w:.-]+)\s*=\s*(?:\"([^\"<]*)\"|'([^'<]*)')")
_ROW = re.compile(rb"<row((?:\s+[\w:.-]+\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*)\s*(/?)>")
_CELL = re.compile(rb"<c((?:\s+[\w:.-]+\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*)\s*(/?)>")
_REF = re.compile(rb"([A-Z]{1,3})([0-9]{1,7})")
_FORMULA = re.compile(rb"<f(?:\s[^<>]*)?(?:/>|>[^<]*</f>)")
_VALUE = re.compile(rb"<v>([^<]*)</v>|<v\s*/>")
_INLINE = re.compile(rb"<is>(.*?)</is>|<is\s*/>", re.DOTALL)
_NUMBER = re.compile(rb"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_SPACE = b" \t\r\n"
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&"))
# The pieces of a string item: a <t> element (maybe empty or preserving space), or a rich-text
# run holding formatting (only empty elements inside <rPr>) and one <t>.
_TEXT = (
    rb"<t(?P<attrs>(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*)\s*(?:/>|>(?P<text>[^<]*)</t>)"
)
_PIECE = re.compile(
    rb"\s*(?:" + _TEXT + rb"|<r>\s*(?:<rPr>(?:\s*<[\w:.-]+(?:\s[^<>]*)?/>)*\s*</rPr>|<rPr\s*/>)?"
    rb"\s*<t(?P<rattrs>(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*)\s*"
    rb"(?:/>|>(?P<rtext>[^<]*)</t>)\s*</r>)"
)


@dataclass(frozen=True)
class HeadRow:
    number: int  # the row as Excel numbers it
    cells: tuple[tuple[int, Value], ...]  # (0-based column, value), left to right
    end: int  # offset just after this row's end tag in the part


@dataclass(frozen=True)
class SheetHead:
    """The complete rows at the start of a sheet, as far as they could be read."""

    rows: tuple[HeadRow, ...]
    complete: bool  # every row of the sheet is among them


def read_head(data: bytes, strings: SharedStrings, enough: int) -> SheetHead | None:
    """The first rows of a worksheet part from its first bytes; ``None`` when nothing is certain.

    Reading stops after ``enough`` rows with something in them, and at the first thing it does
    not understand; the rows before it stand.
    """
    root = _ROOT.search(data, 0, 4096)
    if root is None or root.group(1):  # a namespace prefix: leave it to calamine
        return None
    start = data.find(b"<sheetData", root.end())
    if start < 0:
        return None
    if data.startswith(b"<sheetData/>", start):
        return SheetHead(rows=(), complete=True)
    if not data.startswith(b"<sheetData>", start):
        return None
    at = start + len(b"<sheetData>")
    rows: list[HeadRow] = []
    previous = 0
    while True:
        at = _skip_space(data, at)
        if data.startswith(b"</sheetData>", at):
            return SheetHead(rows=tuple(rows), complete=True)
        match = _ROW.match(data, at)
        if match is None:
            break
        number = _int(_attribute(match.group(1), b"r"))
        if number is None or number <= previous:
            break
        if match.group(2):  # <row .../>: nothing in it
            at, previous = match.end(), number
            continue
        parsed = _read_cells(data, match.end(), number, strings)
        if parsed is None:
            break
        cells, at = parsed
        rows.append(HeadRow(number=number, cells=cells, end=at))
        previous = number
        enough -= any(not isinstance(v, str) or v.strip() for _, v in cells if v is not None)
        if enough <= 0:
            break
    return SheetHead(rows=tuple(rows), complete=False)


def _read_cells(
    data: bytes, at: int, row: int, strings: SharedStrings
) -> tuple[tuple[tuple[int, Value], ...], int] | None:
    """The cells of one row and the offset after ``</row>``; ``None`` if it cannot be read."""
    cells: list[tuple[int, Value]] = []
    last = -1
    while True:
        at = _skip_space(data, at)
        if data.startswith(b"</row>", at):
            return tuple(cells), at + len(b"</row>")
        match = _CELL.match(data, at)
        if match is None:
            return None
        attrs = _attributes(match.group(1))
        ref = _REF.fullmatch(attrs.get(b"r", b""))
        if ref is None or int(ref.group(2)) != row:
            return None
        column = _column_index(ref.group(1))
        if column <= last:
            return None
        last = column
        if match.group(2):
            cells.append((column, None))
            at = match.end()
            continue
        end = data.find(b"</c>", match.end())
        if end < 0:
            return None
        cells.append((column, _cell_value(attrs, data[match.end() : end], strings)))
        at = end + len(b"</c>")


def _cell_value(attrs: dict[bytes, bytes], inner: bytes, strings: SharedStrings) -> Value:
    """The text calamine's string load shows for a cell, or `UNCLEAR`."""
    if set(attrs) - {b"r", b"s", b"t"}:
        return UNCLEAR
    kind = attrs.get(b"t", b"n")
    formula = _FORMULA.match(inner)
    rest = inner[formula.end() :] if formula else inner
    value = _VALUE.fullmatch(rest.strip(_SPACE))
    inline = _INLINE.fullmatch(rest.strip(_SPACE))
    if rest.strip(_SPACE) and value is None and inline is None:
        return UNCLEAR  # some other element (or text) inside the cell
    if inline is not None:
        if kind != b"inlineStr":
            return UNCLEAR
        return string_item(inline.group(1) or b"")
    raw = value.group(1) if value is not None else None
    if not raw:  # no <v>, or an empty one: calamine reads an empty cell
        return None if kind in (b"n", b"s", b"b", b"e", b"inlineStr", b"str") else UNCLEAR
    if kind == b"n":
        return UNCLEAR if b"s" in attrs else number_text(raw)
    if kind == b"s":
        return strings.get(int(raw)) if raw.isdigit() else UNCLEAR
    if kind == b"b":
        return {b"0": "false", b"1": "true"}.get(raw, UNCLEAR)
    if kind == b"e":
        return None  # calamine's text is empty; the error value is put back from the scan
    if kind == b"inlineStr":
        return None  # calamine ignores <v> in an inline string cell
    return UNCLEAR


def number_text(raw: bytes) -> str | Unclear:
    """A number as calamine's text load shows it (at most nine decimals, no trailing zeros)."""
    if _NUMBER.fullmatch(raw) is None:
        return UNCLEAR
    return float_text(float(raw))


def float_text(value: float) -> str | Unclear:
    """fastexcel's text of a float: ``format!("{:.9}")`` without trailing zeros and point.

    Both Python and Rust round the exact binary value correctly; only an exact tie at the tenth
    decimal could be broken differently, and such a value is left `UNCLEAR`.
    """
    if not math.isfinite(value):
        return UNCLEAR
    exact = Decimal(value)
    exponent = exact.as_tuple().exponent
    if isinstance(exponent, int) and exponent == -10 and exact.as_tuple().digits[-1] == 5:
        return UNCLEAR
    return f"{value:.9f}".rstrip("0").rstrip(".")


def string_item(inner: bytes) -> str | Unclear:
    """The text of a shared string item (``<si>``) or inline string (``<is>``), or `UNCLEAR`."""
    parts: list[str] = []
    at = 0
    inner = inner.rstrip(_SPACE)
    while at < len(inner):
        match = _PIECE.match(inner, at)
        if match is None or match.end() == at:
            return UNCLEAR
        if match.group("attrs") is not None or match.group("text") is not None:
            attrs, text = match.group("attrs"), match.group("text")
        else:
            attrs, text = match.group("rattrs"), match.group("rtext")
        piece = _text(attrs or b"", text or b"")
        if isinstance(piece, Unclear):
            return UNCLEAR
        parts.append(piece)
        at = match.end()
    return "".join(parts)


def _text(attrs: bytes, raw: bytes) -> str | Unclear:
    names = _attributes(attrs)
    if set(names) - {b"xml:space"}:
        return UNCLEAR
    preserve = names.get(b"xml:space")
    if preserve not in (None, b"preserve"):
        return UNCLEAR
    if b"\r" in raw or b"_x" in raw:
        return UNCLEAR
    if preserve is None and raw != raw.strip(_SPACE):
        return UNCLEAR  # calamine trims such text; leave the rule to it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return UNCLEAR
    if "&" in text:
        for entity, char in _ENTITIES[:-1]:
            text = text.replace(entity, char)
        if "&" in text.replace("&amp;", ""):
            return UNCLEAR  # a character reference or an unknown entity
        text = text.replace("&amp;", "&")
    return text


@dataclass
class SharedStrings:
    """The first items of the shared strings part, parsed on demand."""

    head: bytes | None  # the first bytes of the part; None when there is none (or it is unclear)
    complete: bool = False  # the head is the whole part
    items: list[Value] = field(default_factory=list)
    _at: int = -1  # where the next <si> starts; -1 before the root, -2 when no more can be read

    def get(self, index: int) -> Value:
        while len(self.items) <= index and self._next():
            pass
        return self.items[index] if index < len(self.items) else UNCLEAR

    def _next(self) -> bool:
        data = self.head
        if data is None or self._at == -2:
            return False
        if self._at == -1:
            root = re.compile(rb"<sst(?:\s[^<>]*)?>").search(data, 0, 4096)
            if root is None:
                self._at = -2
                return False
            self._at = root.end()
        at = _skip_space(data, self._at)
        if not data.startswith(b"<si>", at):
            self._at = -2  # </sst>, <si/> (which calamine skips, shifting every index), or worse
            return False
        end = data.find(b"</si>", at)
        if end < 0:
            self._at = -2
            return False
        self.items.append(string_item(data[at + len(b"<si>") : end]))
        self._at = end + len(b"</si>")
        return True


def _skip_space(data: bytes, at: int) -> int:
    while at < len(data) and data[at] in _SPACE:
        at += 1
    return at


def _attributes(raw: bytes) -> dict[bytes, bytes]:
    found: dict[bytes, bytes] = {}
    for match in _ATTR.finditer(raw):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        found[match.group(1)] = value
    return found


def _attribute(raw: bytes, name: bytes) -> bytes | None:
    return _attributes(raw).get(name)


def _int(raw: bytes | None) -> int | None:
    return int(raw) if raw is not None and raw.isdigit() and len(raw) <= 7 else None


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + (letter - ord("A") + 1)
    return index - 1
