"""Files mes must refuse outright: exit 2, one line naming the file, one stable code.

Empty files, text or web pages under a workbook's name, damaged and old or encrypted workbooks,
workbooks that would unpack to far more than a survey holds, XML with entity declarations, JSON
that is not an array of objects, and the usage error of a sheet that does not exist.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

from .case import Case, ExpectedIssue, Kind
from .layout import Row, csv_text, plain_rows
from .org import PEOPLE, STATEMENTS_NL
from .registry import example
from .xlsx import Sheet, package, save_openpyxl, zip_parts

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
LAUGHS = (
    '<!DOCTYPE sst [<!ENTITY lol "lol">'
    '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(2, 10))
    + "]>"
)


def _refused(
    name: str,
    path: Path,
    code: str,
    description: str,
    args: tuple[str, ...] = (),
    **where: str | int,
) -> Case:
    """A refusal: one issue with ``code`` at the file (and at ``where``, e.g. a row)."""
    return Case(
        name=name,
        path=path,
        kind=Kind.REFUSED,
        args=args,
        description=description,
        issues=(ExpectedIssue(code, {"file": str(path), **where}),),
    )


def _survey_sheet() -> Sheet:
    header = ["Medewerker", "Afdeling", "Team", *STATEMENTS_NL]
    return Sheet("Antwoorden", [header, *plain_rows()])


def _survey_parts() -> dict[str, str]:
    return package([_survey_sheet()])


@example("empty-csv")
def empty_csv(folder: Path) -> Case:
    path = folder / "leeg.csv"
    path.write_bytes(b"")
    return _refused("empty-csv", path, "empty-file", "a file of 0 bytes")


@example("blank-csv")
def blank_csv(folder: Path) -> Case:
    path = folder / "alleen-scheidingstekens.csv"
    path.write_bytes("\ufeff\r\n;;;;;;;\r\n  \r\n;;;;;;;\r\n".encode())
    return _refused("blank-csv", path, "empty-file", "only a BOM, separators and blank lines")


@example("empty-xlsx")
def empty_xlsx(folder: Path) -> Case:
    path = save_openpyxl(folder / "leeg.xlsx", {"Blad1": []})
    return _refused("empty-xlsx", path, "empty-file", "a workbook without any data")


@example("csv-as-xlsx")
def csv_as_xlsx(folder: Path) -> Case:
    path = folder / "export-csv.xlsx"
    rows: list[Row] = [["Medewerker", "Afdeling", "Team", *STATEMENTS_NL], *plain_rows()]
    path.write_bytes(csv_text(rows).encode("utf-8-sig"))
    return _refused("csv-as-xlsx", path, "not-a-workbook", "CSV text saved as .xlsx")


@example("json-as-xlsx")
def json_as_xlsx(folder: Path) -> Case:
    path = folder / "export-json.xlsx"
    path.write_text(json.dumps([{"team": p.team} for p in PEOPLE]), encoding="utf-8")
    return _refused("json-as-xlsx", path, "not-a-workbook", "JSON saved as .xlsx")


@example("html-as-xls")
def html_as_xls(folder: Path) -> Case:
    cells = "".join(f"<th>{h}</th>" for h in ("Team", *STATEMENTS_NL))
    body = "".join(
        "<tr>" + "".join(f"<td>{v}</td>" for v in row[2:]) + "</tr>" for row in plain_rows()
    )
    html = (
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8">'
        f"<title>Export</title></head><body><table><tr>{cells}</tr>{body}</table></body></html>"
    )
    path = folder / "export.xls"
    path.write_text(html, encoding="utf-8")
    return _refused("html-as-xls", path, "html-not-supported", "an HTML table saved as .xls")


@example("excel-2003-xml")
def excel_2003_xml(folder: Path) -> Case:
    rows = "".join(
        "<Row>"
        + "".join(f'<Cell><Data ss:Type="String">{v}</Data></Cell>' for v in row[2:])
        + "</Row>"
        for row in plain_rows()[:5]
    )
    xml = (
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n'
        '<DocumentProperties xmlns="urn:schemas-microsoft-com:office:office">'
        "<Author>HR</Author></DocumentProperties>\n"
        '<Styles><Style ss:ID="Default" ss:Name="Normal"><Font ss:FontName="Calibri"/></Style>'
        "</Styles>\n"
        f'<Worksheet ss:Name="Blad1"><Table>{rows}</Table></Worksheet>\n</Workbook>\n'
    )
    path = folder / "export-2003.xml"
    path.write_text(xml, encoding="utf-8")
    return _refused("excel-2003-xml", path, "xml-not-supported", "an Excel 2003 XML spreadsheet")


@example("ods")
def ods(folder: Path) -> Case:
    parts = {
        "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": '<?xml version="1.0"?><office:document-content/>',
    }
    path = folder / "enquete.ods"
    path.write_bytes(zip_parts(parts))
    return _refused("ods", path, "ods-not-supported", "an OpenDocument spreadsheet")


@example("truncated-xlsx")
def truncated_xlsx(folder: Path) -> Case:
    data = zip_parts(_survey_parts())
    path = folder / "afgebroken-download.xlsx"
    path.write_bytes(data[: len(data) * 2 // 3])
    return _refused("truncated-xlsx", path, "corrupt-workbook", "a download cut off at two thirds")


@example("corrupt-part-xlsx")
def corrupt_part_xlsx(folder: Path) -> Case:
    data = bytearray(zip_parts(_survey_parts()))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len + info.compress_size // 2
    for offset in range(start, start + 16):
        data[offset] ^= 0xA5
    path = folder / "beschadigd.xlsx"
    path.write_bytes(bytes(data))
    return _refused(
        "corrupt-part-xlsx", path, "corrupt-workbook", "16 damaged bytes inside the sheet data"
    )


def _ole(stream_name: str) -> bytes:
    """The start of a compound file (OLE2): what old .xls and encrypted .xlsx files are."""
    header = _OLE_MAGIC + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
    header = header.ljust(512, b"\0")
    entry = stream_name.encode("utf-16-le").ljust(64, b"\0")
    return header + entry + bytes(1024)


@example("legacy-xls")
def legacy_xls(folder: Path) -> Case:
    path = folder / "enquete-2003.xls"
    path.write_bytes(_ole("Workbook"))
    return _refused("legacy-xls", path, "legacy-or-encrypted-workbook", "an old Excel 97-2003 .xls")


@example("encrypted-xlsx")
def encrypted_xlsx(folder: Path) -> Case:
    path = folder / "met-wachtwoord.xlsx"
    path.write_bytes(_ole("EncryptionInfo"))
    return _refused(
        "encrypted-xlsx",
        path,
        "legacy-or-encrypted-workbook",
        "a password-protected .xlsx (an OLE container)",
    )


@example("zip-bomb-ratio-xlsx")
def zip_bomb_ratio_xlsx(folder: Path) -> Case:
    parts: dict[str, str | bytes] = dict(_survey_parts())
    # 60 MiB of one repeated string packs to about 60 KB: a ratio no survey has.
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0"?><sst><si><t>' + b"ha" * (30 * 1024 * 1024) + b"</t></si></sst>"
    )
    path = folder / "zip-bom.xlsx"
    path.write_bytes(zip_parts(parts, level=9))
    return _refused(
        "zip-bomb-ratio-xlsx",
        path,
        "zip-bomb",
        "a part that unpacks to 60 MiB at a ratio of about 1000:1",
    )


@example("zip-bomb-declared-xlsx")
def zip_bomb_declared_xlsx(folder: Path) -> Case:
    data = bytearray(zip_parts(_survey_parts()))
    name = b"xl/worksheets/sheet1.xml"
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = data.find(signature)
        while at >= 0:
            if data[at + name_at : at + name_at + len(name)] == name:
                struct.pack_into("<I", data, at + size_at, 3_000_000_000)
            at = data.find(signature, at + 4)
    path = folder / "te-groot.xlsx"
    path.write_bytes(bytes(data))
    return _refused(
        "zip-bomb-declared-xlsx",
        path,
        "zip-bomb",
        "a sheet that declares it unpacks to 3 GB",
    )


@example("billion-laughs-xlsx")
def billion_laughs_xlsx(folder: Path) -> Case:
    parts = _survey_parts()
    sst = parts["xl/sharedStrings.xml"]
    declaration_end = sst.index("?>") + 2
    first = sst.index("<si>")
    end = sst.index("</si>", first) + len("</si>")
    parts["xl/sharedStrings.xml"] = (
        sst[:declaration_end]
        + LAUGHS
        + sst[declaration_end:first]
        + "<si><t>&lol9;</t></si>"
        + sst[end:]
    )
    path = folder / "billion-laughs.xlsx"
    path.write_bytes(zip_parts(parts))
    return _refused(
        "billion-laughs-xlsx", path, "xml-entities", "entity expansion (billion laughs)"
    )


@example("external-entity-xlsx")
def external_entity_xlsx(folder: Path) -> Case:
    parts = package(
        [_survey_sheet()],
        workbook_prolog='<!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        sheet_names=["&xxe;"],
    )
    path = folder / "external-entity.xlsx"
    path.write_bytes(zip_parts(parts))
    return _refused(
        "external-entity-xlsx", path, "xml-entities", "an external entity in workbook.xml"
    )


@example("json-object")
def json_object(folder: Path) -> Case:
    path = folder / "export.json"
    items = [{"team": p.team, "signals": p.answers[0]} for p in PEOPLE]
    path.write_text(json.dumps({"survey": "MES Q3", "responses": items}), encoding="utf-8")
    return _refused("json-object", path, "not-json-array", "one object around the responses")


@example("json-array-of-arrays")
def json_array_of_arrays(folder: Path) -> Case:
    path = folder / "rows.json"
    path.write_text(json.dumps([["team", "signals"], ["Uitkeringen", 4]]), encoding="utf-8")
    return _refused(
        "json-array-of-arrays",
        path,
        "not-json-array",
        "an array of arrays, not of objects",
        item=0,
    )


@example("json-string")
def json_string(folder: Path) -> Case:
    path = folder / "string.json"
    path.write_text(json.dumps("team,signals\nUitkeringen,4"), encoding="utf-8")
    return _refused("json-string", path, "not-json-array", "a JSON string")


@example("invalid-json")
def invalid_json(folder: Path) -> Case:
    path = folder / "kapot.json"
    path.write_text('[{"team": "Uitkeringen", "signals": 4},\n {"team": ', encoding="utf-8")
    return _refused("invalid-json", path, "invalid-json", "JSON cut off in the middle")


@example("ragged-row-csv")
def ragged_row_csv(folder: Path) -> Case:
    rows = [["id", "afdeling", "team", "signals", "room", "criticism", "feedback", "speed"]]
    rows += [[str(v) if v is not None else "" for v in row] for row in plain_rows()]
    rows[5][2] = rows[5][2] + ";extra"  # an unquoted ; typed inside a team name
    path = folder / "ragged.csv"
    path.write_text("\r\n".join(";".join(r) for r in rows) + "\r\n", encoding="utf-8")
    return _refused("ragged-row-csv", path, "ragged-row", "an unquoted ; shifts one row", row=6)


@example("unknown-sheet")
def unknown_sheet(folder: Path) -> Case:
    path = folder / "andere-sheet.xlsx"
    path.write_bytes(zip_parts(_survey_parts()))
    return _refused(
        "unknown-sheet",
        path,
        "unknown-sheet",
        "--sheet names a sheet the workbook does not have",
        args=("--sheet", "Resultaten"),
    )
