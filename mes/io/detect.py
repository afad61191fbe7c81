"""Recognising an input's format by its content, and refusing the formats mes does not read.

The extension is only a claim: survey tools and intranet pages "export to Excel" as HTML, CSV or
XML under an .xls or .xlsx name. The first bytes decide. A file named like a workbook whose content
is something else is refused with what it really is, so the user is never surprised by how it was
read. Every refusal names the file (through its `Location`) and says what to do.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from mes.messages import Message, message

if TYPE_CHECKING:
    from mes.errors import InputError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlsb"})
_HTML_MARKERS = ("<html", "<!doctype html", "<table", "<head", "<body", "<meta", "<style", "<div")
_SPREADSHEET_ML = ("urn:schemas-microsoft-com:office:spreadsheet", 'progid="excel.sheet"')
_WHITESPACE = " \t\r\n\f\v\ufeff\x00"
_JSON_VALUE_START = frozenset('{["-0123456789tfn]')


class Container(StrEnum):
    """What the first bytes say, before any decoding."""

    ZIP = "zip"  # xlsx (or ODS, docx, any zip archive: the package decides)
    OLE = "ole"  # old .xls, or an encrypted (password-protected) workbook
    TEXT = "text"  # CSV, JSON, HTML, XML ... decided after decoding


class TextFormat(StrEnum):
    """What decoded text holds, from its first non-blank character."""

    CSV = "csv"
    JSON = "json"  # "[": an array of objects
    JSONL = "jsonl"  # "{": one object per line
    HTML = "html"
    XML = "xml"


def sniff_container(head: bytes) -> Container:
    """Classify by magic bytes; everything that is not a zip or OLE file is treated as text."""
    if head.startswith(_ZIP_MAGICS):
        return Container.ZIP
    if head.startswith(_OLE_MAGIC):
        return Container.OLE
    return Container.TEXT


def sniff_text(text: str) -> TextFormat:
    """Classify decoded text by its first non-blank character (and, for ``<``, what follows)."""
    start = text[:4096].lstrip(_WHITESPACE)
    # "[ID];Team" is a CSV header, not JSON: JSON's "[" or "{" is followed by a value or a key.
    after = start[1:].lstrip(_WHITESPACE)[:1]
    if start.startswith("[") and (not after or after in _JSON_VALUE_START):
        return TextFormat.JSON
    if start.startswith("{") and (not after or after in '"}'):
        return TextFormat.JSONL
    if start.startswith("<"):
        lowered = start[:1024].lower()
        # Excel 2003 XML has <Table> and <Styles>, which look like HTML markers: its namespace
        # or progid settles it first.
        if lowered.startswith("<?xml") and (
            any(m in lowered for m in _SPREADSHEET_ML)
            or not any(m in lowered for m in _HTML_MARKERS)
        ):
            return TextFormat.XML
        return TextFormat.HTML
    return TextFormat.CSV


def is_blank(text: str) -> bool:
    """True for a file with nothing but whitespace (and BOMs or NULs) in it."""
    return not text.strip(_WHITESPACE)


def claims_workbook(suffix: str) -> bool:
    """Whether the file's name says it is an Excel workbook."""
    return suffix in _WORKBOOK_SUFFIXES


# --- refusals ------------------------------------------------------------------------------------


def empty_file(name: str) -> InputError:
    from mes.errors import unreadable  # pydantic: only for a refusal (see prefetch)

    return unreadable(
        name,
        message("the file is empty: export the survey results again (as .xlsx or .csv)"),
        "empty-file",
    )


def legacy_or_encrypted(name: str) -> InputError:
    from mes.errors import unreadable  # pydantic: only for a refusal (see prefetch)

    return unreadable(
        name,
        message(
            "this is an old .xls or password-protected workbook, which mes cannot "
            "read: open it in Excel and save it as .xlsx (Excel Workbook) without "
            "a password"
        ),
        "legacy-or-encrypted-workbook",
    )


def html_page(name: str, suffix: str) -> InputError:
    from mes.errors import unreadable  # pydantic: only for a refusal (see prefetch)

    saved_as = (
        message("saved as {suffix}", suffix=suffix) if suffix else message("not a spreadsheet")
    )
    return unreadable(
        name,
        message(
            "this is an HTML page {saved_as} (many web tools 'export to Excel' "
            "like this): open it in Excel and save it as .xlsx (Excel Workbook), "
            "or export the results as CSV",
            saved_as=saved_as,
        ),
        "html-not-supported",
    )


def xml_file(name: str) -> InputError:
    from mes.errors import unreadable  # pydantic: only for a refusal (see prefetch)

    return unreadable(
        name,
        message(
            "this is an XML file (perhaps an Excel 2003 XML spreadsheet), which "
            "mes cannot read: open it in Excel and save it as .xlsx (Excel "
            "Workbook)"
        ),
        "xml-not-supported",
    )


def ods_file(name: str) -> InputError:
    from mes.errors import unreadable  # pydantic: only for a refusal (see prefetch)

    return unreadable(
        name,
        message(
            "this is an OpenDocument spreadsheet (.ods), which mes cannot read: "
            "open it in LibreOffice Calc or Excel and save it as .xlsx (Excel "
            "2007-365)"
        ),
        "ods-not-supported",
    )


def not_a_workbook(name: str, what: Message, advice: Message) -> InputError:
    from mes.errors import unreadable  # pydantic: only for a refusal (see prefetch)

    return unreadable(
        name,
        message("this is not an Excel workbook but {what}: {advice}", what=what, advice=advice),
        "not-a-workbook",
    )


def misnamed_text(name: str, suffix: str, fmt: TextFormat) -> InputError:
    """A text file (CSV, JSON) named like a workbook."""
    if fmt is TextFormat.CSV:
        return not_a_workbook(
            name,
            message("CSV text saved under a {suffix} name", suffix=suffix),
            message(
                "rename it to .csv and run mes again, or open it in Excel and save it as .xlsx"
            ),
        )
    return not_a_workbook(
        name,
        message("JSON saved under a {suffix} name", suffix=suffix),
        message("rename it to .json and run mes again"),
    )
