"""What the XML of a worksheet holds beyond calamine's cell values, found on a second thread.

The scan looks for three things calamine's cell values hide, using plain ``bytes.find`` and
parsing a cell in detail only where a match is found, so a million plain rows cost a
decompression and a few memchr-speed searches:

* merged ranges (``<mergeCell ref="A5:A12"/>``): Excel shows the value of the top-left cell across
  the whole range;
* formula cells without a cached result (``<f>`` and no ``<v>``): calamine reads them as empty,
  but the user sees a value once Excel recalculates, so they must not pass as unanswered;
* error values (``t="e"``, such as ``#N/A``): calamine reads them as empty, the user sees the code.

For a sheet that `typed` loads with calamine's own types it also looks for what such a load would
show differently from the text load (`TypedCheck`): text that calamine's type guessing takes for
an empty cell (``NA``, ``null`` ...), booleans and ISO dates, and cells of the rows down to the
header (which are read from the head instead) further on in the part.

The scan is not a safety check: `package` has checked sizes, checksums and entities before it
runs. It runs on its own thread (`ScanJob`) while calamine loads the sheet, decompressing the part
a second time: calamine releases the GIL while it parses and uses one core, so the scan costs
little wall time (a million rows: about 1.5 s of the second core beside calamine's 4 s).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from mes.io.safety import iter_regions

#: Per sheet, at most this many cells are remembered for each kind of finding; a sheet with more
#: is reported by count (formulas) or read as calamine reads it (errors, merges).
MAX_FINDINGS = 200_000

_START_TAG_MAX = 1024  # a cell's start tag holds a few short attributes
_CELL_MAX = 256 * 1024  # the longest formula or text a cell can hold, XML-escaped, and more
#: Matches looked at in detail per sheet; bounds the time a hostile sheet can cost.
MAX_DETAILED_MATCHES = 1_000_000
_ROOT = re.compile(rb"<([\w.-]{1,32}:)?worksheet[\s>]")
_REF = re.compile(rb"(?:^|\s)r\s*=\s*[\"']([A-Za-z]{1,3})([0-9]{1,7})[\"']")
_TYPE = re.compile(rb"(?:^|\s)t\s*=\s*[\"']([A-Za-z]+)[\"']")
_MERGE = re.compile(
    rb"<(?:[\w.-]{1,32}:)?mergeCell\s[^>]{0,256}?ref\s*=\s*[\"']"
    rb"([A-Za-z]{1,3})([0-9]{1,7})(?::([A-Za-z]{1,3})([0-9]{1,7}))?[\"']"
)

#: Texts fastexcel's type guessing counts as empty cells (its ``NULL_STRING_VALUES``, but "",
#: which the text load also reads as empty). In a column it types as numbers they would vanish.
NULL_TEXTS = (
    "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
    "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
)  # fmt: skip


def _literal(text: str) -> str:
    """``text`` as a literal in polars' (Rust) regex syntax."""
    return "".join("\\" + c if c in "\\.+*?()|[]{}^$" else c for c in text)


def _escaped(text: str) -> str:
    """``text`` as XML writes it, as a regex literal."""
    return _literal(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


_SPACE = r"[ \t\r\n]"  # the spaces XML allows between tags and calamine trims from text
_ERROR_TEXTS = ("#N/A", "#N/A N/A", "#NA")  # also error values, which both loads read alike


def _null_texts(texts: Iterable[str]) -> str:
    """A text node holding one of ``texts``, with the spaces calamine trims."""
    return rf">{_SPACE}*(?:" + "|".join(_escaped(t) for t in texts) + rf"){_SPACE}*</"


_UNSEEN = (
    r"&#|_x[0-9A-Fa-f]{4}_|<!|<\?|[<:]r[ \t\r\n>/P]"
    rf"|{_SPACE}t{_SPACE}*={_SPACE}*[\"'][bd][\"']"
)
#: Anything that could make a typed load show a cell differently from the text load: a text
#: node holding one of `NULL_TEXTS` (with the spaces calamine trims), and every way of writing a
#: text that this pattern cannot see through (character references, ``_xHHHH_`` escapes, CDATA,
#: comments, processing instructions, rich-text and phonetic runs); booleans (a number column
#: would read TRUE as 1) and ISO dates (typed, they come back in another format). ASCII mode
#: (``(?-u)``) keeps polars' regex engine on its fast path.
HIDDEN_TEXT = rf"(?-u){_null_texts(NULL_TEXTS)}|{_UNSEEN}"
#: `HIDDEN_TEXT` in a worksheet, but for ``#N/A`` and its likes: error cells hold them, and an
#: error value reads the same both ways (see `_error_texts_outside_errors`).
SHEET_HIDDEN_TEXT = rf"(?-u){_null_texts(t for t in NULL_TEXTS if t not in _ERROR_TEXTS)}|{_UNSEEN}"
_ERROR_TEXT = rf"(?-u){_null_texts(_ERROR_TEXTS)}"


def has_hidden_text(region: bytes, *, first: bool = False, sheet: bool = False) -> bool:
    """Whether ``region`` (whole tags) may hold a cell a typed load shows differently.

    In the ``first`` region of a part the XML declaration, a processing instruction that
    `HIDDEN_TEXT` would count, is skipped. In a ``sheet``, ``#N/A`` in an error cell does not
    count.
    """
    if first and region.startswith(b"<?xml"):
        region = region[region.find(b"?>") + 2 :]
    if not sheet:
        return _contains(region, HIDDEN_TEXT)
    return _contains(region, SHEET_HIDDEN_TEXT) or (
        _contains(region, _ERROR_TEXT) and _error_texts_outside_errors(region)
    )


def _error_texts_outside_errors(region: bytes) -> bool:
    """Whether ``#N/A``, ``#N/A N/A`` or ``#NA`` is the text of something but an error cell."""
    cells = _Cells(region, b"")
    at = region.find(b"#N")
    while at >= 0:
        before = region[max(0, at - 64) : at].rstrip(b" \t\r\n")
        if before.endswith(b">"):
            cell = cells.around(at)
            kind = _TYPE.search(cell[0]) if cell is not None else None
            if kind is None or kind.group(1) != b"e":
                return True
        at = region.find(b"#N", at + 2)
    return False


def _contains(region: bytes, pattern: str) -> bool:
    # polars' regex engine runs at about 1 GB/s and releases the GIL; Python's re does neither.
    # Imported here: the package's safety pass imports this module before polars is needed.
    import polars as pl

    try:
        text = pl.Series([region], dtype=pl.Binary).cast(pl.String)
    except pl.exceptions.PolarsError:  # not UTF-8: not what it seems, so say yes
        return True
    return bool(text.str.contains(pattern)[0])


@dataclass(frozen=True)
class TypedCheck:
    """The sheet is loaded typed under ``header_row``, rows 1..header_row read from the head."""

    header_row: int
    head_end: int  # offset in the part just after the header row's end tag


@dataclass
class SheetScan:
    """What the XML of one worksheet holds beyond calamine's cell values (0-based columns)."""

    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    formulas_without_value: list[tuple[int, int]] = field(default_factory=list)  # row, col
    formulas_without_value_total: int = 0
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # row, col, "#N/A"
    budget: int = MAX_DETAILED_MATCHES  # detailed looks left (see `_positions`)
    hidden_text: bool = False  # see `HIDDEN_TEXT` (looked for only with a `TypedCheck`)
    head_rows_elsewhere: bool = False  # a cell of rows 1..header_row after the head


class ScanJob:
    """A scan running on its own thread; `result` waits for it and re-raises what it raised."""

    def __init__(self, work: Callable[[], SheetScan]) -> None:
        self._work = work
        self._value: SheetScan | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="mes-sheet-scan", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as exc:  # handed to the thread that asks for the result
            self._error = exc

    def result(self) -> SheetScan:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._value is not None
        return self._value


def scan_worksheet(chunks: Iterator[bytes], typed: TypedCheck | None = None) -> SheetScan:
    """Collect merges, formula and error cells of one worksheet part (and `TypedCheck` findings).

    Each region costs one memchr-speed search for ``<f`` (formulas) and one for ``t="e"``
    (errors); merges are looked for only after the last row. With a `TypedCheck`, one pass of
    polars' regex engine (which releases the GIL) over a region looks for all of it at once, and
    only a region where it finds something is looked at in detail.
    """
    scan = SheetScan()
    first = next(chunks, b"")
    root = _ROOT.search(first[:4096])
    needles = _Needles((root.group(1) or b"") if root else b"")
    # Excel quotes attributes with ", other writers may use '; one style holds for a document.
    error_marks = (b't="e"', b"t='e'") if b"='" in first[:4096] else (b't="e"',)
    boundary = b"</" + needles.prefix + b"row>"
    head_rows = _head_rows_pattern(typed) if typed else ""
    needles_found = [needles.formula, *error_marks]
    anything = "|".join(
        [
            SHEET_HIDDEN_TEXT,
            _ERROR_TEXT[len("(?-u)") :],
            head_rows[len("(?-u)") :],
            *(_literal(n.decode()) for n in needles_found),
        ]
    )

    def all_chunks() -> Iterator[bytes]:
        yield first
        yield from chunks

    offset = 0
    for region in iter_regions(all_chunks(), boundary=boundary):
        start, offset = offset, offset + len(region)
        if not region.endswith(boundary):  # <mergeCells> follows the last row
            _scan_merges(region, scan)
        if typed is not None and start >= typed.head_end and not _contains(region, anything):
            continue  # the usual region of a sheet read typed: nothing in it to look at
        _scan_formulas(region, needles, scan)
        for mark in error_marks:
            _scan_errors(region, needles, mark, scan)
        if typed is not None:
            scan.hidden_text = scan.hidden_text or has_hidden_text(
                region, first=start == 0, sheet=True
            )
            after = max(typed.head_end - start, 0)
            if after < len(region) and not scan.head_rows_elsewhere:
                scan.head_rows_elsewhere = _contains(region[after:], head_rows)
    return scan


def _head_rows_pattern(typed: TypedCheck) -> str:
    """An ``r`` attribute naming a row (or a cell of a row) from 1 to the header row."""
    numbers = "|".join(str(n) for n in range(typed.header_row, 0, -1))
    return rf"(?-u){_SPACE}r{_SPACE}*={_SPACE}*[\"'][A-Za-z]{{0,3}}0*(?:{numbers})[\"']"


@dataclass(frozen=True)
class _Needles:
    """Tag spellings for one worksheet (``<c`` or, with a namespace prefix, ``<x:c``)."""

    prefix: bytes

    @property
    def formula(self) -> bytes:
        return b"<" + self.prefix + b"f"

    def value(self, inner: bytes) -> bytes | None:
        """The cached value of a cell (``None`` when it has no ``<v>``)."""
        tag = b"<" + self.prefix + b"v"
        start = inner.find(tag + b">")
        if start < 0:
            return b"" if (tag + b"/>") in inner else None
        end = inner.find(b"</" + self.prefix + b"v>", start)
        return inner[start + len(tag) + 1 : end if end >= 0 else len(inner)]


class _Cells:
    """Finds the ``<c>`` element around a match in one region, in bounded time per match.

    ``<f>`` is a cell's first child and ``t="e"`` sits in its start tag, so the start tag is
    looked for a short distance back. The end tag is looked for forward, remembering where
    none was found, so a hostile run of matches outside any cell costs linear time, not
    quadratic.
    """

    def __init__(self, region: bytes, prefix: bytes) -> None:
        self.region = region
        self.open_tag = b"<" + prefix + b"c "  # a cell without r="..." cannot be named anyway
        self.close_tag = b"</" + prefix + b"c>"
        self.no_close_until = 0  # no end tag starts in [tag end, no_close_until)

    def around(self, pos: int) -> tuple[bytes, bytes] | None:
        """The attributes and inner XML of the cell around ``pos``, if any."""
        region = self.region
        start = region.rfind(self.open_tag, max(0, pos - _START_TAG_MAX), pos)
        if start < 0:
            return None
        tag_end = region.find(b">", start, start + _START_TAG_MAX)
        if tag_end < 0:
            return None
        attrs = region[start + len(self.open_tag) - 1 : tag_end]
        if attrs.endswith(b"/"):
            return (attrs, b"") if pos < tag_end else None
        limit = tag_end + _CELL_MAX
        close = region.find(self.close_tag, max(tag_end, self.no_close_until), limit)
        if close < 0:
            self.no_close_until = max(self.no_close_until, limit - len(self.close_tag))
            return None
        if close < pos:
            return None
        return attrs, region[tag_end + 1 : close]


def _positions(region: bytes, needle: bytes, scan: SheetScan) -> Iterator[int]:
    """Where ``needle`` occurs, while the sheet's budget for detailed looks lasts."""
    at = region.find(needle)
    while at >= 0 and scan.budget > 0:
        scan.budget -= 1
        yield at
        at = region.find(needle, at + 1)


def _scan_formulas(region: bytes, needles: _Needles, scan: SheetScan) -> None:
    needle = needles.formula
    if needle not in region:
        return
    # Fast path for a formula column on every row: when every "<f" is directly followed (after
    # its "</f>" or "/>") by a non-empty "<v>", counting at C speed proves there is nothing to
    # report. Anything else (pretty-printed XML, <filterColumn>, empty values) is looked at
    # cell by cell.
    p = needles.prefix
    value = b"<" + p + b"v>"
    with_value = region.count(b"</" + p + b"f>" + value) + region.count(b"/>" + value)
    empty = region.count(value + b"</" + p + b"v>") + region.count(b"<" + p + b"v/>")
    if not empty and with_value == region.count(needle):
        return
    cells = _Cells(region, p)
    for pos in _positions(region, needle, scan):
        if region[pos + len(needle) : pos + len(needle) + 1] not in (b">", b" ", b"/"):
            continue  # <filterColumn>, <formula1> ...
        cell = cells.around(pos)
        if cell is None:
            continue
        attrs, inner = cell
        cached = needles.value(inner)
        kind = _TYPE.search(attrs)
        has_text_result = kind is not None and kind.group(1) in (b"str", b"inlineStr")
        if cached is None or (not cached.strip() and not has_text_result):
            where = _cell_ref(attrs)
            if where is None:
                continue
            scan.formulas_without_value_total += 1
            if len(scan.formulas_without_value) < MAX_FINDINGS:
                scan.formulas_without_value.append(where)


def _scan_errors(region: bytes, needles: _Needles, mark: bytes, scan: SheetScan) -> None:
    if mark not in region:
        return
    cells = _Cells(region, needles.prefix)
    for pos in _positions(region, mark, scan):
        cell = cells.around(pos)
        if cell is None or len(scan.errors) >= MAX_FINDINGS:
            continue
        attrs, inner = cell
        value = needles.value(inner)
        where = _cell_ref(attrs)
        if value and where is not None:
            text = _xml_unescape(value.decode("utf-8", errors="replace"))
            scan.errors.append((where[0], where[1], text))


def _xml_unescape(text: str) -> str:
    """XML's five predefined entities. (xml.sax.saxutils would do, but importing it pulls in
    urllib and ssl: 40 ms on every run.)"""
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'")):
        text = text.replace(entity, char)
    return text.replace("&amp;", "&")


def _scan_merges(region: bytes, scan: SheetScan) -> None:
    if b"mergeCell" not in region:
        return
    for match in _MERGE.finditer(region):
        if len(scan.merges) >= MAX_FINDINGS:
            return
        c1, r1 = _column_index(match.group(1)), int(match.group(2))
        if match.group(3) is None:
            continue  # a single-cell "merge" changes nothing
        c2, r2 = _column_index(match.group(3)), int(match.group(4))
        scan.merges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))


def _cell_ref(attrs: bytes) -> tuple[int, int] | None:
    match = _REF.search(attrs)
    if match is None:
        return None  # a cell without r="D7" cannot be named; calamine's value stands
    return int(match.group(2)), _column_index(match.group(1))


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + (letter - ord("A") + 1)
    return index - 1
