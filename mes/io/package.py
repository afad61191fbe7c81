"""The workbook package: which sheets it has, checked before calamine sees any of it.

`inspect_package` makes one streaming pass over every XML part (see `safety`): declared sizes,
CRC and entity declarations. From that pass it keeps the first bytes of each worksheet and of
the shared strings, so `head` can read the rows down to the header before calamine runs, and it
looks through the whole shared strings part for text a typed load would misread
(`scan.HIDDEN_TEXT`).

What calamine's cell values hide (merges, formulas without a result, error values) is found by
`scan`, which `Package.start_scan` runs on its own thread once this pass is over, while calamine
loads the sheet.

Workbook structure (sheet names, order, visibility, which part holds which sheet) comes from
``xl/workbook.xml`` and its relationships, parsed with defusedxml.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from mes.io import detect
from mes.io.head import HEAD_BYTES, STRINGS_HEAD_BYTES, SharedStrings
from mes.io.safety import (
    LARGE_CHUNK,
    EntityGuard,
    check_entities,
    check_stream,
    corrupt,
    iter_member,
    iter_regions,
    xml_entities,
)
from mes.io.scan import ScanJob, SheetScan, TypedCheck, has_hidden_text, scan_worksheet
from mes.messages import message

_XML_SUFFIXES = (".xml", ".rels")
_WORKBOOK = "xl/workbook.xml"
_WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
_SHARED_STRINGS = "xl/sharedstrings.xml"  # where calamine reads them (member names folded)
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
#: Shared strings larger than this are not looked through for `scan.HIDDEN_TEXT` (the typed load
#: is not used then): the look costs about a second per GB, before calamine can start.
MAX_CHECKED_STRINGS = 64 * 1024 * 1024


@dataclass(frozen=True)
class SheetInfo:
    name: str
    part: str | None  # zip member holding the sheet, when it is a worksheet
    visible: bool


@dataclass
class Package:
    """A checked workbook package: its sheets in tab order, their heads and their scans."""

    sheets: tuple[SheetInfo, ...]
    data: bytes  # the whole file, as checked
    name: str
    members: dict[str, zipfile.ZipInfo]  # by folded name
    heads: dict[str, bytes]  # worksheet part -> its first bytes
    strings: SharedStrings  # the first shared strings, for `head`
    #: Whether the shared strings hold no text a typed load would misread; None until the parts
    #: in `_unlooked` are looked through (`typed_ok`).
    _typed_ok: bool | None
    _unlooked: tuple[zipfile.ZipInfo, ...] = ()
    _jobs: dict[str, ScanJob] = field(default_factory=dict)
    _scans: dict[str, SheetScan] = field(default_factory=dict)

    @property
    def typed_ok(self) -> bool:
        """The shared strings hold no text a typed load would misread (see `scan.HIDDEN_TEXT`)."""
        if self._typed_ok is None:
            with io.BytesIO(self.data) as handle:
                self._typed_ok = all(
                    _strings_clean(iter_member(handle, info, self.name, LARGE_CHUNK, checked=True))
                    for info in self._unlooked
                )
        return self._typed_ok

    def start_scan(self, sheet: SheetInfo, typed: TypedCheck | None = None) -> None:
        """Start scanning ``sheet`` on another thread (see `scan`); `scan` waits for it."""
        part = sheet.part
        if part is None or part not in self.members or part in self._jobs or part in self._scans:
            return
        info, data, name = self.members[part], self.data, self.name

        def work() -> SheetScan:
            with io.BytesIO(data) as handle:
                return scan_worksheet(iter_member(handle, info, name, checked=True), typed)

        self._jobs[part] = ScanJob(work)

    def scan(self, sheet: SheetInfo) -> SheetScan:
        """The scan of ``sheet`` (an empty one for a sheet that is not a worksheet)."""
        part = sheet.part
        if part is None or part not in self.members:
            return SheetScan()
        if part not in self._scans:
            self.start_scan(sheet)
            self._scans[part] = self._jobs.pop(part).result()
        return self._scans[part]


def inspect_package(
    data: bytes, archive: zipfile.ZipFile, name: str, *, look: bool = True
) -> Package:
    """Identify the package and check every XML part, keeping the heads `head` reads.

    With ``look`` false the shared strings are checked but not yet looked through for text a
    typed load would misread (that look needs polars): `Package.typed_ok` does it when asked.
    """
    members = {info.filename.replace("\\", "/").lower(): info for info in archive.infolist()}
    with io.BytesIO(data) as handle:
        _identify(handle, members, name)
        workbook_xml = _read_small(handle, members[_WORKBOOK], name)
        rels_info = members.get(_WORKBOOK_RELS)
        rels_xml = _read_small(handle, rels_info, name) if rels_info else b""
        sheets, related = _sheets(workbook_xml, rels_xml, name)
        worksheet_parts = {s.part for s in sheets if s.part}
        heads: dict[str, bytes] = {}
        strings_head: bytes | None = None
        typed_ok = True
        unlooked: list[zipfile.ZipInfo] = []
        for key, info in members.items():
            # Every XML part, and whatever the workbook points calamine at, whatever its name.
            if key in (_WORKBOOK, _WORKBOOK_RELS) or not (
                key.endswith(_XML_SUFFIXES) or key in related
            ):
                continue
            chunks = iter_member(handle, info, name, LARGE_CHUNK)
            if key in worksheet_parts:
                heads[key] = _check_keeping_head(chunks, name, info.filename, HEAD_BYTES)
            elif key == _SHARED_STRINGS or related.get(key, "").endswith("/sharedStrings"):
                # calamine reads the strings from xl/sharedStrings.xml: the head reads them only
                # from a part of exactly that name (and none when another one is named).
                exact = info.filename == "xl/sharedStrings.xml"
                head, clean = _check_shared_strings(chunks, name, info, exact, look)
                strings_head = head if exact else strings_head
                if clean is None:
                    unlooked.append(info)
                else:
                    typed_ok = typed_ok and clean
            else:
                check_stream(chunks, name, info.filename)
    other = any(t.endswith("/sharedStrings") and k != _SHARED_STRINGS for k, t in related.items())
    return Package(
        sheets=tuple(sheets),
        data=data,
        name=name,
        members=members,
        heads=heads,
        strings=SharedStrings(head=None if other else strings_head),
        _typed_ok=None if unlooked and typed_ok else typed_ok,
        _unlooked=tuple(unlooked),
    )


def _check_keeping_head(chunks: Iterator[bytes], name: str, part: str, keep: int) -> bytes:
    """Check one part as it streams by (see `safety.check_stream`); its first ``keep`` bytes."""
    guard = EntityGuard(name, part)
    head: list[bytes] = []
    kept = 0
    for chunk in chunks:
        guard.feed(chunk)
        if kept < keep:
            head.append(chunk[: keep - kept])
            kept += len(head[-1])
    guard.close()
    return b"".join(head)


def _check_shared_strings(
    chunks: Iterator[bytes], name: str, info: zipfile.ZipInfo, keep: bool, look: bool = True
) -> tuple[bytes, bool | None]:
    """Check the shared strings part; its head, and whether it is free of `HIDDEN_TEXT`
    (None: not looked, for `Package.typed_ok` to look later)."""
    guard = EntityGuard(name, info.filename)
    head: list[bytes] = []
    kept = 0
    small = info.file_size <= MAX_CHECKED_STRINGS
    defer = small and not look  # looked through later, by `Package.typed_ok`
    look = small and look
    clean = True

    def guarded() -> Iterator[bytes]:
        nonlocal kept
        for chunk in chunks:
            guard.feed(chunk)
            if keep and kept < STRINGS_HEAD_BYTES:
                head.append(chunk[: STRINGS_HEAD_BYTES - kept])
                kept += len(head[-1])
            yield chunk
        guard.close()

    if not look:  # too large to look through: checked, but the typed load is not used
        for _ in guarded():
            pass
        return b"".join(head), None if defer else False
    for number, region in enumerate(iter_regions(guarded(), boundary=b"</si>")):
        if clean and has_hidden_text(region, first=number == 0):
            clean = False
    return b"".join(head), clean


def _strings_clean(chunks: Iterator[bytes]) -> bool:
    """Whether a shared strings part, checked already, is free of `HIDDEN_TEXT`."""
    regions = iter_regions(chunks, boundary=b"</si>")
    return not any(has_hidden_text(r, first=n == 0) for n, r in enumerate(regions))


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
            message("a binary workbook (.xlsb)"),
            message("open it in Excel and save it as .xlsx (Excel Workbook)"),
        )
    if "word/document.xml" in members:
        what = message("a Word document")
    elif any(key.startswith("ppt/") for key in members):
        what = message("a PowerPoint presentation")
    elif "mimetype" in members:
        what = message("an OpenDocument file")
    else:
        what = message("a zip archive")
    raise detect.not_a_workbook(
        name, what, message("export the survey results as .xlsx or .csv and give mes that file")
    )


def _read_small(handle: BinaryIO, info: zipfile.ZipInfo, name: str) -> bytes:
    if info.file_size > 16 * 1024 * 1024:  # a workbook.xml lists sheets; it is never this big
        raise corrupt(name, message("part {filename} is implausibly large", filename=info.filename))
    data = b"".join(iter_member(handle, info, name))
    check_entities(data, name, info.filename)
    return data


def _sheets(
    workbook_xml: bytes, rels_xml: bytes, name: str
) -> tuple[list[SheetInfo], dict[str, str]]:
    """The sheets in tab order, and every part the workbook's relationships point at (by type)."""
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
    return sheets, {part: rel_type for rel_type, part in targets.values()}


def _parse(data: bytes, name: str, part: str) -> Element:
    try:
        root: Element = fromstring(data)
    except DefusedXmlException:
        raise xml_entities(name, part) from None
    except (ParseError, ValueError):
        raise corrupt(name, message("part {part} is not valid XML", part=part)) from None
    return root


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _resolve(target: str) -> str:
    """A relationship target as a member name: relative to ``xl/`` unless it starts with ``/``."""
    target = target.replace("\\", "/")
    path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    return posixpath.normpath(path).lower()


def worksheets(package: Package, known: list[str]) -> list[SheetInfo]:
    """The package's worksheets calamine knows, in tab order; calamine's own list (as sheets of
    unknown parts) where the package's structure could not be mapped."""
    found = [s for s in package.sheets if s.part and s.name in known]
    return found or [SheetInfo(name=n, part=None, visible=True) for n in known]


def find_sheet(sheets: list[SheetInfo] | tuple[SheetInfo, ...], wanted: str) -> SheetInfo | None:
    """The worksheet called ``wanted`` (exactly, else the only case-insensitive match)."""
    worksheets = [s for s in sheets if s.part]
    for sheet in worksheets:
        if sheet.name == wanted:
            return sheet
    folded = [s for s in worksheets if s.name.casefold() == wanted.strip().casefold()]
    return folded[0] if len(folded) == 1 else None
