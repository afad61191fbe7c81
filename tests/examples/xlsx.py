"""Writing the example workbooks: openpyxl for ordinary ones, a hand-made package for the rest.

openpyxl writes what most tools write, merged cells included, but it saves formulas without a
cached result and always declares the right sheet dimension. `package` writes the zip parts
itself, the way Excel lays them out (shared strings, a styles part), so that an example can hold
formulas with saved results, a wrong ``<dimension>``, thousands of formatted empty rows, or XML
that mes must refuse (entity declarations).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import openpyxl

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

Value = str | int | float | None


@dataclass(frozen=True)
class Formula:
    """A formula cell; ``cached`` is the result Excel saved with it (None: never calculated)."""

    expr: str
    cached: str | int | float | None


@dataclass(frozen=True)
class ErrorValue:
    """An error value such as ``#N/A``, as a cell shows it."""

    text: str


Cell = Value | Formula | ErrorValue


@dataclass(frozen=True)
class Sheet:
    """One worksheet of a hand-made package. ``rows[i]`` is Excel row ``i + 1``."""

    name: str
    rows: Sequence[Sequence[object]]  # `Cell` values
    merges: Sequence[str] = ()
    dimension: str | None = None  # the declared range; None: the real one
    formatted_rows: int = 0  # styled but empty rows after the data (a template's leftovers)
    formatted_columns: int = 8


def column_letter(index: int) -> str:
    """0 -> "A", 26 -> "AA"."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


# --- openpyxl ------------------------------------------------------------------------------------


def save_openpyxl(
    path: Path,
    sheets: Mapping[str, Sequence[Sequence[object]]],
    *,
    merges: Mapping[str, Iterable[str]] | None = None,
    text_cells: bool = False,
) -> Path:
    """A workbook with one sheet per entry; ``None`` leaves a cell empty.

    With ``text_cells`` every value is stored as text, as a hand-typed sheet with the "Text"
    number format does ("4" instead of 4).
    """
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                if value is None:
                    continue
                cell = sheet.cell(row=r, column=c, value=str(value) if text_cells else value)
                if text_cells:
                    cell.number_format = "@"
        for ref in (merges or {}).get(name, ()):
            sheet.merge_cells(ref)
    workbook.properties.creator = "tests/examples/build.py"
    workbook.save(path)
    return path


# --- a hand-made package -------------------------------------------------------------------------


@dataclass
class _Strings:
    index: dict[str, int] = field(default_factory=dict)

    def ref(self, text: str) -> int:
        return self.index.setdefault(text, len(self.index))

    def xml(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in self.index)
        count = len(self.index)
        return (
            f'{_DECLARATION}<sst xmlns="{_MAIN_NS}" count="{count}" uniqueCount="{count}">'
            f"{items}</sst>"
        )


def _cell(ref: str, value: object, strings: _Strings) -> str:
    if isinstance(value, Formula):
        expr = f"<f>{escape(value.expr)}</f>"
        if value.cached is None:
            return f'<c r="{ref}">{expr}</c>'
        if isinstance(value.cached, str):
            return f'<c r="{ref}" t="str">{expr}<v>{escape(value.cached)}</v></c>'
        return f'<c r="{ref}">{expr}<v>{value.cached!r}</v></c>'
    if isinstance(value, ErrorValue):
        return f'<c r="{ref}" t="e"><v>{escape(value.text)}</v></c>'
    if isinstance(value, str):
        return f'<c r="{ref}" t="s"><v>{strings.ref(value)}</v></c>'
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    raise TypeError(f"cannot write {value!r} into a cell")


def _sheet_xml(sheet: Sheet, strings: _Strings) -> str:
    rows: list[str] = []
    width = max((len(r) for r in sheet.rows), default=1)
    for number, values in enumerate(sheet.rows, start=1):
        cells = "".join(
            _cell(f"{column_letter(c)}{number}", v, strings)
            for c, v in enumerate(values)
            if v is not None
        )
        if cells:
            rows.append(f'<row r="{number}">{cells}</row>')
    first = len(sheet.rows) + 1
    for number in range(first, first + sheet.formatted_rows):
        cells = "".join(
            f'<c r="{column_letter(c)}{number}" s="1"/>' for c in range(sheet.formatted_columns)
        )
        rows.append(f'<row r="{number}" s="1" customFormat="1">{cells}</row>')
    last_row = first - 1 + sheet.formatted_rows
    dimension = sheet.dimension or f"A1:{column_letter(width - 1)}{max(last_row, 1)}"
    merges = ""
    if sheet.merges:
        refs = "".join(f"<mergeCell ref={quoteattr(m)}/>" for m in sheet.merges)
        merges = f'<mergeCells count="{len(sheet.merges)}">{refs}</mergeCells>'
    return (
        f'{_DECLARATION}<worksheet xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
        f'<dimension ref="{dimension}"/><sheetData>{"".join(rows)}</sheetData>{merges}'
        "</worksheet>"
    )


_STYLES = (
    f'{_DECLARATION}<styleSheet xmlns="{_MAIN_NS}"><fonts count="1"><font><sz val="11"/>'
    '<name val="Calibri"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/>'
    '</fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill '
    'patternType="solid"><fgColor rgb="FFFFF2CC"/></patternFill></fill></fills><borders '
    'count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
    'borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" '
    'borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" '
    'applyFill="1"/></cellXfs></styleSheet>'
)


def package(
    sheets: Sequence[Sheet],
    *,
    workbook_prolog: str = "",
    sheet_names: Sequence[str] | None = None,
) -> dict[str, str]:
    """The parts of a workbook (name -> XML text), ready for `zip_parts`.

    ``sheet_names`` overrides the names written into ``xl/workbook.xml`` (e.g. an entity
    reference), ``workbook_prolog`` goes before its root element.
    """
    strings = _Strings()
    parts = {
        f"xl/worksheets/sheet{i + 1}.xml": _sheet_xml(sheet, strings)
        for i, sheet in enumerate(sheets)
    }
    names = sheet_names or [escape(s.name, {'"': "&quot;"}) for s in sheets]
    entries = "".join(
        f'<sheet name="{name}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
        for i, name in enumerate(names)
    )
    n = len(sheets)
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Type="{_REL_NS}/worksheet" '
        f'Target="worksheets/sheet{i + 1}.xml"/>'
        for i in range(n)
    )
    rels += (
        f'<Relationship Id="rId{n + 1}" Type="{_REL_NS}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{n + 2}" Type="{_REL_NS}/sharedStrings" '
        'Target="sharedStrings.xml"/>'
    )
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="{_CT}.worksheet+xml"/>'
        for i in range(n)
    )
    return {
        "[Content_Types].xml": (
            f'{_DECLARATION}<Types xmlns="{_CT_NS}"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
            f"{overrides}</Types>"
        ),
        "_rels/.rels": (
            f'{_DECLARATION}<Relationships xmlns="{_PKG_REL_NS}"><Relationship Id="rId1" '
            f'Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{_DECLARATION}{workbook_prolog}<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
            f"<sheets>{entries}</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_DECLARATION}<Relationships xmlns="{_PKG_REL_NS}">{rels}</Relationships>'
        ),
        "xl/styles.xml": _STYLES,
        "xl/sharedStrings.xml": strings.xml(),
        **parts,
    }


def zip_parts(parts: Mapping[str, str | bytes], *, level: int = 6) -> bytes:
    """A zip archive of the parts, deflated as Excel does, with fixed timestamps."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 9, 18, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=level)
    return buffer.getvalue()


def write_package(
    path: Path,
    sheets: Sequence[Sheet],
    *,
    workbook_prolog: str = "",
    sheet_names: Sequence[str] | None = None,
) -> Path:
    """Write a hand-made workbook (see `package`) to ``path``."""
    parts = package(sheets, workbook_prolog=workbook_prolog, sheet_names=sheet_names)
    path.write_bytes(zip_parts(parts))
    return path
