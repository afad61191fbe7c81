"""Files mes must refuse: one `InputError` each, with a stable code, naming the file."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path
from typing import Any

import fastexcel
import pytest
from io_fixtures import (
    codes,
    inline_row,
    patch_sizes,
    raw_xlsx,
    read,
    sheet_xml,
    write_xlsx,
)

from mes.errors import InputError, MesError
from mes.io import safety

HEADER = ["Team", "Signals"]
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def refused(path: Path, code: str, **kwargs: Any) -> InputError:
    """Read ``path``, expect exactly one refusal with ``code`` that names the file."""
    with pytest.raises(InputError) as caught:
        read(path, **kwargs)
    error = caught.value
    assert codes(error) == [code], error.issues
    assert error.issues[0].location.file == str(path)
    assert str(path) in str(error)
    return error


def good_workbook() -> bytes:
    body = "<sheetData>" + inline_row(1, HEADER) + inline_row(2, ["Sales", 4]) + "</sheetData>"
    return raw_xlsx({"Data": sheet_xml(body)})


def put(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- not a file, nothing in it -------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    refused(tmp_path / "nope.xlsx", "file-not-found")


def test_directory(tmp_path: Path) -> None:
    refused(tmp_path, "not-a-file")


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = put(tmp_path, "locked.xlsx", good_workbook())

    def deny(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)
    error = refused(path, "permission-denied")
    assert "Excel" in error.issues[0].message


@pytest.mark.parametrize("data", [b"", b"   \r\n\t\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00\x00"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    refused(put(tmp_path, "survey.csv", data), "empty-file")


# --- formats by content --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["old.xls", "secret.xlsx", "noname"])
def test_ole_file_is_legacy_or_encrypted(tmp_path: Path, name: str) -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    error = refused(put(tmp_path, name, data), "legacy-or-encrypted-workbook")
    assert "save it as .xlsx" in error.issues[0].message


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("export.xls", b"<html><body><table><tr><td>Team</td></tr></table></body></html>"),
        ("export.xlsx", b"\r\n<!DOCTYPE html>\n<html lang='nl'></html>"),
        ("export.csv", b'<table border="1"><tr><td>Team</td></tr></table>'),
        ("export.xls", "\ufeff<html></html>".encode("utf-16")),
    ],
)
def test_html_page(tmp_path: Path, name: str, data: bytes) -> None:
    error = refused(put(tmp_path, name, data), "html-not-supported")
    assert "HTML page" in error.issues[0].message


def test_html_message_names_the_extension(tmp_path: Path) -> None:
    error = refused(put(tmp_path, "export.xls", b"<html></html>"), "html-not-supported")
    assert "saved as .xls" in error.issues[0].message


def test_excel_2003_xml(tmp_path: Path) -> None:
    data = b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
    refused(put(tmp_path, "export.xml", data), "xml-not-supported")


def test_csv_saved_as_xlsx(tmp_path: Path) -> None:
    error = refused(put(tmp_path, "survey.xlsx", b"Team;Signals\nSales;4\n"), "not-a-workbook")
    assert "CSV" in error.issues[0].message


def test_json_saved_as_xlsx(tmp_path: Path) -> None:
    refused(put(tmp_path, "survey.xlsx", b'[{"Team": "Sales"}]'), "not-a-workbook")


def test_binary_junk(tmp_path: Path) -> None:
    junk = bytes(range(1, 32)) * 100
    refused(put(tmp_path, "survey.csv", junk), "unreadable-text")
    refused(put(tmp_path, "survey.xlsx", junk), "not-a-workbook")


def test_ods(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    error = refused(put(tmp_path, "survey.ods", buffer.getvalue()), "ods-not-supported")
    assert ".xlsx" in error.issues[0].message


@pytest.mark.parametrize(
    ("member", "what"),
    [
        ("word/document.xml", "Word"),
        ("xl/workbook.bin", "xlsb"),
        ("readme.txt", "zip archive"),
    ],
)
def test_other_zip_files(tmp_path: Path, member: str, what: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "x")
    error = refused(put(tmp_path, "survey.xlsx", buffer.getvalue()), "not-a-workbook")
    assert what in error.issues[0].message


# --- damaged workbooks ---------------------------------------------------------------------------


def test_truncated_workbook(tmp_path: Path) -> None:
    data = good_workbook()
    refused(put(tmp_path, "cut.xlsx", data[: len(data) // 2]), "corrupt-workbook")


def test_damaged_part(tmp_path: Path) -> None:
    data = bytearray(good_workbook())
    start = data.find(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml")
    for offset in range(start + 5, start + 25):
        data[offset] ^= 0x55
    refused(put(tmp_path, "bad.xlsx", bytes(data)), "corrupt-workbook")


def test_part_that_does_not_inflate(tmp_path: Path) -> None:
    # 0xFF opens a deflate block of the reserved type 3: the inflater itself must fail, not
    # only the checksum after it.
    data = bytearray(good_workbook())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start] = 0xFF
    error = refused(put(tmp_path, "bad.xlsx", bytes(data)), "corrupt-workbook")
    assert "sheet1.xml cannot be unpacked" in str(error)


def test_lying_size_field(tmp_path: Path) -> None:
    data = patch_sizes(good_workbook(), "xl/worksheets/sheet1.xml", uncompressed=10)
    refused(put(tmp_path, "lie.xlsx", data), "corrupt-workbook")


def test_encrypted_member(tmp_path: Path) -> None:
    data = bytearray(good_workbook())
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + flag_offset] |= 0x01
            at = data.find(signature, at + 4)
    refused(put(tmp_path, "enc.xlsx", bytes(data)), "corrupt-workbook")


def test_duplicate_parts(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate we want
        data = raw_xlsx(
            {"Data": sheet_xml("<sheetData/>")},
            extra={"xl/worksheets/sheet1.xml": sheet_xml("<sheetData/>")},
        )
    refused(put(tmp_path, "dup.xlsx", data), "corrupt-workbook")


def test_rust_panic_becomes_a_refusal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class PanicException(BaseException):  # what pyo3 raises when Rust code panics
        pass

    def panic(source: object) -> None:
        raise PanicException("index out of bounds")

    monkeypatch.setattr(fastexcel, "read_excel", panic)
    refused(put(tmp_path, "p.xlsx", good_workbook()), "corrupt-workbook")


def test_keyboard_interrupt_is_not_swallowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(source: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fastexcel, "read_excel", interrupt)
    with pytest.raises(KeyboardInterrupt):
        read(put(tmp_path, "k.xlsx", good_workbook()))


# --- zip bombs and XML entities ------------------------------------------------------------------


def test_declared_total_over_the_limit(tmp_path: Path) -> None:
    data = patch_sizes(good_workbook(), "xl/worksheets/sheet1.xml", uncompressed=2**31)
    refused(put(tmp_path, "bomb.xlsx", data), "zip-bomb")


def test_declared_ratio_over_the_limit(tmp_path: Path) -> None:
    data = patch_sizes(good_workbook(), "xl/worksheets/sheet1.xml", uncompressed=60 * 2**20)
    error = refused(put(tmp_path, "bomb.xlsx", data), "zip-bomb")
    assert "xl/worksheets/sheet1.xml" in error.issues[0].message


def test_real_high_ratio_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "LIMITS", safety.ZipLimits(ratio_min_size=1_000_000))
    padding = " " * 5_000_000  # whitespace compresses about 1000:1
    body = f"<sheetData>{inline_row(1, HEADER)}</sheetData>{padding}"
    refused(put(tmp_path, "bomb.xlsx", raw_xlsx({"Data": sheet_xml(body)})), "zip-bomb")


def test_too_many_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "LIMITS", safety.ZipLimits(max_members=3))
    refused(put(tmp_path, "many.xlsx", good_workbook()), "zip-bomb")


def test_billion_laughs_in_a_sheet(tmp_path: Path) -> None:
    body = "<sheetData>" + inline_row(1, ["&lol3;", "Signals"]) + "</sheetData>"
    data = raw_xlsx({"Data": sheet_xml(body, prolog=LAUGHS)})
    refused(put(tmp_path, "lol.xlsx", data), "xml-entities")


def test_entities_in_shared_strings(tmp_path: Path) -> None:
    sst = f'<?xml version="1.0"?>{LAUGHS}<sst><si><t>&lol3;</t></si></sst>'
    body = '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>'
    data = raw_xlsx({"Data": sheet_xml(body)}, shared_strings=sst)
    refused(put(tmp_path, "lol.xlsx", data), "xml-entities")


def test_external_entity_in_the_workbook_part(tmp_path: Path) -> None:
    workbook = (
        '<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheets><sheet name="&x;" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    data = raw_xlsx({"Data": sheet_xml("<sheetData/>")}, workbook_xml=workbook)
    refused(put(tmp_path, "xxe.xlsx", data), "xml-entities")


def test_doctype_in_lower_case_in_another_part(tmp_path: Path) -> None:
    data = raw_xlsx(
        {"Data": sheet_xml("<sheetData/>")},
        extra={"docProps/core.xml": '<?xml version="1.0"?><!doctype x><x/>'},
    )
    refused(put(tmp_path, "lol.xlsx", data), "xml-entities")


def test_refusals_are_mes_errors_with_exit_code_2(tmp_path: Path) -> None:
    with pytest.raises(MesError) as caught:
        read(put(tmp_path, "x.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"))
    assert int(caught.value.exit_code) == 2


def test_formula_problems_are_data_errors(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", {"Data": [HEADER, ["Sales", "=1+1"]]})
    with pytest.raises(MesError) as caught:
        read(path)
    assert int(caught.value.exit_code) == 1
