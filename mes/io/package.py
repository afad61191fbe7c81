"""The workbook package: which sheets it has, and what calamine does not tell about them.

One streaming pass (see `safety`) checks every XML part. For worksheets the same pass looks for
three things calamine's cell values hide, using plain ``bytes.find`` and parsing a cell in
detail only where a match is found, so a million plain rows cost a decompression and a few
memchr-speed searches:

* merged ranges (``<mergeCell ref="A5:A12"/>``): Excel shows the value of the top-left cell across
  the whole range;
* formula cells without a cached result (``<f>`` and no ``<v>``): calamine reads them as empty,
  but the user sees a value once Excel recalculates, so they must not pass as unanswered;
* error values (``t="e"``, such as ``#N/A``): calamine reads them as empty, the user sees the code.

Workbook structure (sheet names, order, visibility, which part holds which sheet) comes from
``xl/workbook.xml`` and its relationships, parsed with defusedxml.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from mes.io import detect
from mes.io.safety import check_entities, corrupt, iter_member, iter_regions, xml_entities

_XML_SUFFIXES = (".xml", ".rels")
_WORKBOOK = "xl/workbook.xml"
_WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
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


@dataclass
class SheetScan:
    """What the XML of one worksheet holds beyond calamine's cell values (0-based columns)."""

    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    formulas_without_value: list[tuple[int, int]] = field(default_factory=list)  # row, col
    formulas_without_value_total: int = 0
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # row, col, "#N/A"
    budget: int = MAX_DETAILED_MATCHES  # detailed looks left (see `_positions`)


@dataclass(frozen=True)
class SheetInfo:
    name: str
    part: str | None  # zip member holding the sheet, when it is a worksheet
    visible: bool


@dataclass(frozen=True)
class Package:
    """A checked workbook package: its sheets in tab order and their worksheet scans."""

    sheets: tuple[SheetInfo, ...]
    scans: dict[str, SheetScan]  # by part name

    def scan(self, sheet: SheetInfo) -> SheetScan:
        return self.scans.get(sheet.part or "", SheetScan())


def inspect_package(handle: BinaryIO, archive: zipfile.ZipFile, name: str) -> Package:
    """Identify the package, check every XML part, and scan the worksheets."""
    members = {info.filename.replace("\\", "/").lower(): info for info in archive.infolist()}
    _identify(handle, members, name)
    workbook_xml = _read_small(handle, members[_WORKBOOK], name)
    rels_info = members.get(_WORKBOOK_RELS)
    rels_xml = _read_small(handle, rels_info, name) if rels_info else b""
    sheets, related = _sheets(workbook_xml, rels_xml, name)
    worksheet_parts = {s.part for s in sheets if s.part}
    scans: dict[str, SheetScan] = {}
    for key, info in members.items():
        # Every XML part, and whatever the workbook points calamine at, whatever its name.
        if key in (_WORKBOOK, _WORKBOOK_RELS) or not (
            key.endswith(_XML_SUFFIXES) or key in related
        ):
            continue
        if key in worksheet_parts:
            scans[key] = scan_worksheet(iter_member(handle, info, name), name, info.filename)
        else:
            for region in iter_regions(iter_member(handle, info, name)):
                check_entities(region, name, info.filename)
    return Package(sheets=tuple(sheets), scans=scans)


def _identify(handle: BinaryIO, members: dict[str, zipfile.ZipInfo], name: str) -> None:
    if _WORKBOOK in members:
        return
    mimetype = members.get("mimetype")
    if (
        mimetype is not None
        and mimetype.file_size < 200
        and b"".join(iter_member(handle, mimetype, name)).startswith(_ODS_MIME)
    ):
        raise detect.ods_file(name)
    if "xl/workbook.bin" in members:
        raise detect.not_a_workbook(
            name,
            "a binary workbook (.xlsb)",
            "open it in Excel and save it as .xlsx (Excel Workbook)",
        )
    if "word/document.xml" in members:
        what = "a Word document"
    elif any(key.startswith("ppt/") for key in members):
        what = "a PowerPoint presentation"
    elif "mimetype" in members:
        what = "an OpenDocument file"
    else:
        what = "a zip archive"
    raise detect.not_a_workbook(
        name, what, "export the survey results as .xlsx or .csv and give mes that file"
    )


def _read_small(handle: BinaryIO, info: zipfile.ZipInfo, name: str) -> bytes:
    if info.file_size > 16 * 1024 * 1024:  # a workbook.xml lists sheets; it is never this big
        raise corrupt(name, f"part {info.filename} is implausibly large")
    data = b"".join(iter_member(handle, info, name))
    check_entities(data, name, info.filename)
    return data


def _sheets(workbook_xml: bytes, rels_xml: bytes, name: str) -> tuple[list[SheetInfo], set[str]]:
    """The sheets in tab order, and every part the workbook's relationships point at."""
    workbook = _parse(workbook_xml, name, _WORKBOOK)
    targets: dict[str, tuple[str, str]] = {}
    if rels_xml:
        for rel in _parse(rels_xml, name, _WORKBOOK_RELS).iter():
            if _local(rel.tag) == "Relationship":
                target = rel.get("Target", "")
                targets[rel.get("Id", "")] = (rel.get("Type", ""), _resolve(target))
    sheets: list[SheetInfo] = []
    for element in workbook.iter():
        if _local(element.tag) != "sheet":
            continue
        rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
        rel_type, part = targets.get(rel_id, ("", ""))
        is_worksheet = rel_type.endswith("/worksheet") and bool(part)
        sheets.append(
            SheetInfo(
                name=element.get("name", ""),
                part=part if is_worksheet else None,
                visible=element.get("state", "visible") == "visible",
            )
        )
    return sheets, {part for _, part in targets.values()}


def _parse(data: bytes, name: str, part: str) -> Element:
    try:
        root: Element = fromstring(data)
    except DefusedXmlException:
        raise xml_entities(name, part) from None
    except (ParseError, ValueError):
        raise corrupt(name, f"part {part} is not valid XML") from None
    return root


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _resolve(target: str) -> str:
    """A relationship target as a member name: relative to ``xl/`` unless it starts with ``/``."""
    target = target.replace("\\", "/")
    path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    return posixpath.normpath(path).lower()


# --- worksheet scan ------------------------------------------------------------------------------


def scan_worksheet(chunks: Iterator[bytes], name: str, part: str) -> SheetScan:
    """Check one worksheet part for entities and collect merges, formula and error cells.

    Each region costs one memchr-speed search for ``!`` (entities), one for ``<f`` (formulas)
    and one for ``t="e"`` (errors); merges are looked for only after the last row.
    """
    scan = SheetScan()
    first = next(chunks, b"")
    root = _ROOT.search(first[:4096])
    needles = _Needles((root.group(1) or b"") if root else b"")
    # Excel quotes attributes with ", other writers may use '; one style holds for a document.
    error_marks = (b't="e"', b"t='e'") if b"='" in first[:4096] else (b't="e"',)
    boundary = b"</" + needles.prefix + b"row>"

    def all_chunks() -> Iterator[bytes]:
        yield first
        yield from chunks

    for region in iter_regions(all_chunks(), boundary=boundary):
        check_entities(region, name, part)
        _scan_formulas(region, needles, scan)
        for mark in error_marks:
            _scan_errors(region, needles, mark, scan)
        if not region.endswith(boundary):  # <mergeCells> follows the last row
            _scan_merges(region, scan)
    return scan


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


def find_sheet(sheets: list[SheetInfo] | tuple[SheetInfo, ...], wanted: str) -> SheetInfo | None:
    """The worksheet called ``wanted`` (exactly, else the only case-insensitive match)."""
    worksheets = [s for s in sheets if s.part]
    for sheet in worksheets:
        if sheet.name == wanted:
            return sheet
    folded = [s for s in worksheets if s.name.casefold() == wanted.strip().casefold()]
    return folded[0] if len(folded) == 1 else None
