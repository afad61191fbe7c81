"""Helpers that build survey files in ``tmp_path`` for the reader tests (no committed binaries)."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl

from mes.errors import MesError
from mes.io import read_table
from mes.table import ROW, RawTable, column_letter

KNOWN = frozenset({"team", "department", "signals", "room", "criticism", "feedback", "speed"})


def scorer(cells: Sequence[str | None]) -> int:
    """The test instrument knows a handful of column names, case-insensitively."""
    return sum(1 for cell in cells if cell is not None and cell.strip().lower() in KNOWN)


def read(path: Path | str, **kwargs: Any) -> RawTable:
    return read_table(str(path), header_scorer=scorer, **kwargs)


def rows(table: RawTable) -> list[tuple[Any, ...]]:
    """Data rows as tuples: the cells, then the row number."""
    return table.frame.rows()


def column(table: RawTable, header: str) -> list[str | None]:
    index = table.headers.index(header)
    return table.frame[f"c{index}"].to_list()


def row_numbers(table: RawTable) -> list[int]:
    return table.frame[ROW].to_list()


def codes(exc: MesError) -> list[str]:
    return [issue.code for issue in exc.issues]


# --- workbooks with openpyxl ---------------------------------------------------------------------


def write_xlsx(
    path: Path,
    sheets: Mapping[str, Iterable[Any]],
    *,
    hidden: Iterable[str] = (),
    merges: Mapping[str, Iterable[str]] | None = None,
    origin: Mapping[str, tuple[int, int]] | None = None,
) -> Path:
    """A workbook with one sheet per entry; rows start at ``origin[sheet]`` (row, col), 1-based."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, sheet_rows in sheets.items():
        sheet = workbook.create_sheet(name)
        first_row, first_col = (origin or {}).get(name, (1, 1))
        for r, values in enumerate(sheet_rows):
            for c, value in enumerate(values):
                if value is not None:
                    sheet.cell(row=first_row + r, column=first_col + c, value=value)
        for ref in (merges or {}).get(name, ()):
            sheet.merge_cells(ref)
        if name in set(hidden):
            sheet.sheet_state = "hidden"
    workbook.save(path)
    return path


# --- hand-made packages --------------------------------------------------------------------------

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def sheet_xml(body: str, *, root_attrs: str = "", prolog: str = "") -> str:
    """A worksheet part around ``body`` (``<sheetData>...</sheetData>`` and what follows)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f"<worksheet {_NS} {root_attrs}>{body}</worksheet>"
    )


def inline_row(number: int, values: Sequence[object], first_col: int = 0) -> str:
    """A ``<row>`` with inline-string and number cells (``None`` skips a cell)."""
    cells = []
    for offset, value in enumerate(values):
        if value is None:
            continue
        ref = f"{column_letter(first_col + offset)}{number}"
        if isinstance(value, int | float):
            cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        else:
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def raw_xlsx(
    sheets: Mapping[str, str],
    *,
    shared_strings: str | None = None,
    workbook_xml: str | None = None,
    extra: Mapping[str, bytes | str] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A minimal package: worksheet parts given as full XML text, in tab order."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(len(sheets))
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{overrides}</Types>"
    )
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL_NS}">'
        f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    entries = "".join(
        f'<sheet name="{name}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
        for i, name in enumerate(sheets)
    )
    workbook = workbook_xml or (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} xmlns:r="{_REL_NS}">'
        f"<sheets>{entries}</sheets></workbook>"
    )
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Type="{_REL_NS}/worksheet" '
        f'Target="worksheets/sheet{i + 1}.xml"/>'
        for i in range(len(sheets))
    )
    if shared_strings is not None:
        rels += (
            f'<Relationship Id="rId{len(sheets) + 1}" Type="{_REL_NS}/sharedStrings" '
            'Target="sharedStrings.xml"/>'
        )
    workbook_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL_NS}">'
        f"{rels}</Relationships>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        if shared_strings is not None:
            archive.writestr("xl/sharedStrings.xml", shared_strings)
        for i, text in enumerate(sheets.values()):
            archive.writestr(f"xl/worksheets/sheet{i + 1}.xml", text)
        for member, data in (extra or {}).items():
            archive.writestr(member, data)
    return buffer.getvalue()


def patch_sizes(data: bytes, member: str, *, uncompressed: int) -> bytes:
    """Rewrite the declared uncompressed size of ``member`` in both zip headers (a lie)."""
    out = bytearray(data)
    name = member.encode()
    local = out.find(b"PK\x03\x04")
    while local >= 0:
        name_len = struct.unpack_from("<H", out, local + 26)[0]
        if out[local + 30 : local + 30 + name_len] == name:
            struct.pack_into("<I", out, local + 22, uncompressed)
        local = out.find(b"PK\x03\x04", local + 4)
    central = out.find(b"PK\x01\x02")
    while central >= 0:
        name_len = struct.unpack_from("<H", out, central + 28)[0]
        if out[central + 46 : central + 46 + name_len] == name:
            struct.pack_into("<I", out, central + 24, uncompressed)
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)
