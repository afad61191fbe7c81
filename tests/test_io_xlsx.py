"""Workbooks as survey tools and people make them: title rows, extra sheets, merges, formulas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from io_fixtures import (
    codes,
    column,
    inline_row,
    raw_xlsx,
    read,
    row_numbers,
    rows,
    sheet_xml,
    write_xlsx,
)

from mes.errors import DataError, InputError, Severity
from mes.io import xlsx as xlsx_reader
from mes.table import SourceKind

HEADER = ["Team", "Signals", "Room"]


def test_plain_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "s.xlsx", {"Data": [HEADER, ["Sales", 4, 5], ["IT", 2, 3]]})
    table = read(path)
    assert table.kind is SourceKind.XLSX
    assert table.sheet == "Data"
    assert table.headers == ("Team", "Signals", "Room")
    assert table.header_row == 1
    assert table.column_refs == ("A", "B", "C")
    assert rows(table) == [("Sales", "4", "5", 2), ("IT", "2", "3", 3)]
    assert table.notes == ()
    assert table.locate(3, 1).cell == "B3"


def test_cells_become_text_as_shown(tmp_path: Path) -> None:
    data = [
        ["Team", "Signals", "When", "Flag", "Big"],
        ["Sales", 2.9999999999999996, dt.datetime(2026, 4, 1, 9, 30), True, 123456789012],
        ["  IT ", 4.5, dt.date(2026, 4, 2), False, 0.1],
    ]
    table = read(write_xlsx(tmp_path / "s.xlsx", {"Data": data}))
    assert rows(table) == [
        ("Sales", "3", "2026-04-01 09:30:00", "true", "123456789012", 2),
        ("  IT ", "4.5", "2026-04-02 00:00:00", "false", "0.1", 3),
    ]


def test_data_not_starting_at_a1(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "s.xlsx",
        {"Data": [HEADER, ["Sales", 4, 5], [None, None, None], ["IT", 2, 3]]},
        origin={"Data": (3, 3)},
    )
    table = read(path)
    assert table.header_row == 3
    assert table.column_refs == ("C", "D", "E")
    assert row_numbers(table) == [4, 6]
    assert table.locate(6, 2).cell == "E6"


def test_title_rows_and_merged_band_above_the_header(tmp_path: Path) -> None:
    data = [
        ["Medewerkersonderzoek 2026", None, None],
        ["Afdeling Klantcontact", None, None],
        [],
        HEADER,
        ["Sales", 4, 5],
    ]
    path = write_xlsx(tmp_path / "s.xlsx", {"Data": data}, merges={"Data": ["A1:C1"]})
    table = read(path)
    assert table.header_row == 4
    assert table.headers == ("Team", "Signals", "Room")
    assert rows(table) == [("Sales", "4", "5", 5)]


def test_value_merged_over_data_rows_fills_the_block(tmp_path: Path) -> None:
    data = [HEADER, ["Service", 4, 5], [None, 4, 5], [None, 4, 5], ["Sales", 4, 5]]
    data += [[None, 3, 3] for _ in range(7)] + [["IT", 1, 1]]
    path = write_xlsx(tmp_path / "s.xlsx", {"Data": data}, merges={"Data": ["A5:A12"]})
    table = read(path)
    teams = dict(zip(row_numbers(table), column(table, "Team"), strict=True))
    assert all(teams[r] == "Sales" for r in range(5, 13))
    assert teams[2] == "Service"
    assert teams[3] is None  # not merged: stays empty for validation to report
    assert teams[13] == "IT"


def test_instructions_sheet_before_the_data(tmp_path: Path) -> None:
    sheets: dict[str, list[Any]] = {
        "Instructies": [["Vul per medewerker één rij in."], ["Gebruik 1 t/m 5."]],
        "Antwoorden": [HEADER, ["Sales", 4, 5]],
    }
    table = read(write_xlsx(tmp_path / "s.xlsx", sheets))
    assert table.sheet == "Antwoorden"
    (note,) = table.notes
    assert note.code == "sheet-chosen"
    assert note.severity is Severity.WARNING
    assert "Antwoorden" in note.message
    assert note.location.sheet == "Antwoorden"


def test_hidden_sheets_are_skipped(tmp_path: Path) -> None:
    sheets = {"Lookup": [HEADER, ["x", 1, 1]], "Data": [HEADER, ["Sales", 4, 5]]}
    table = read(write_xlsx(tmp_path / "s.xlsx", sheets, hidden=["Lookup"]))
    assert table.sheet == "Data"
    assert rows(table) == [("Sales", "4", "5", 2)]


def test_without_known_headers_the_first_sheet_with_data_is_read(tmp_path: Path) -> None:
    sheets = {"Leeg": [], "Een": [["a", "b"], [1, 2]], "Twee": [["c"], [3]]}
    table = read(write_xlsx(tmp_path / "s.xlsx", sheets))
    assert table.sheet == "Een"
    assert table.headers == ("a", "b")
    assert [n.code for n in table.notes] == ["sheet-chosen"]


def test_sheet_option(tmp_path: Path) -> None:
    sheets = {"Q1": [HEADER, ["Sales", 1, 1]], "Q2": [HEADER, ["Sales", 5, 5]]}
    path = write_xlsx(tmp_path / "s.xlsx", sheets)
    assert rows(read(path, sheet="Q2")) == [("Sales", "5", "5", 2)]
    assert read(path, sheet="q2").sheet == "Q2"
    assert read(path, sheet="Q2").notes == ()


def test_unknown_sheet_lists_the_sheets(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "s.xlsx", {"Q1": [HEADER], "Q2": [HEADER]})
    with pytest.raises(InputError) as caught:
        read(path, sheet="Q3")
    assert codes(caught.value) == ["unknown-sheet"]
    message = str(caught.value)
    assert "'Q1', 'Q2'" in message
    assert str(path) in message


def test_empty_workbook_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read(write_xlsx(tmp_path / "s.xlsx", {"Blad1": []}))
    assert codes(caught.value) == ["empty-file"]


def test_empty_rows_and_columns(tmp_path: Path) -> None:
    data = [["Team", None, "Signals"], ["Sales", None, 4], [], ["IT", None, 2]]
    table = read(write_xlsx(tmp_path / "s.xlsx", {"Data": data}))
    assert table.headers == ("Team", "Signals")
    assert table.column_refs == ("A", "C")
    assert rows(table) == [("Sales", "4", 2), ("IT", "2", 4)]


def test_formatted_empty_rows_are_dropped(tmp_path: Path) -> None:
    # A template formatted far beyond the data: styled cells and rows without values.
    empty = "".join(
        f'<row r="{r}" s="1" customFormat="1"><c r="A{r}" s="1"/><c r="B{r}" s="1"/>'
        f'<c r="C{r}" s="1" t="inlineStr"><is><t>  </t></is></c></row>'
        for r in range(4, 50_004)
    )
    body = (
        "<sheetData>"
        + inline_row(1, HEADER)
        + inline_row(2, ["Sales", 4, 5])
        + empty
        + "</sheetData>"
    )
    path = tmp_path / "s.xlsx"
    path.write_bytes(raw_xlsx({"Data": sheet_xml(body)}))
    table = read(path)
    assert rows(table) == [("Sales", "4", "5", 2)]


def test_wrong_dimension_still_reads_every_row(tmp_path: Path) -> None:
    body = '<dimension ref="A1"/><sheetData>'
    body += inline_row(1, HEADER) + "".join(inline_row(r, ["T", r, 1]) for r in range(2, 50))
    body += "</sheetData>"
    path = tmp_path / "s.xlsx"
    path.write_bytes(raw_xlsx({"Data": sheet_xml(body)}))
    table = read(path)
    assert table.frame.height == 48
    assert row_numbers(table)[-1] == 49


def test_shared_strings(tmp_path: Path) -> None:
    sst = (
        '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main"><si><t>Team</t></si><si><t>Signals</t></si><si><t>Financiën</t></si></sst>'
    )
    body = (
        '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>4</v></c></row></sheetData>'
    )
    path = tmp_path / "s.xlsx"
    path.write_bytes(raw_xlsx({"Data": sheet_xml(body)}, shared_strings=sst))
    assert rows(read(path)) == [("Financiën", "4", 2)]


def test_formulas_use_their_cached_values(tmp_path: Path) -> None:
    body = (
        "<sheetData>"
        + inline_row(1, HEADER)
        + '<row r="2"><c r="A2" t="str"><f>"Sa"&amp;"les"</f><v>Sales</v></c>'
        '<c r="B2"><f>2+2</f><v>4</v></c><c r="C2"><f t="shared" ref="C2:C3" si="0">B2+1</f>'
        '<v>5</v></c></row><row r="3"><c r="A3" t="str"><f>""</f><v></v></c>'
        '<c r="B3"><v>1</v></c><c r="C3"><f t="shared" si="0"/><v>2</v></c></row>'
        "</sheetData>"
    )
    path = tmp_path / "s.xlsx"
    path.write_bytes(raw_xlsx({"Data": sheet_xml(body)}))
    assert rows(read(path)) == [("Sales", "4", "5", 2), (None, "1", "2", 3)]


def test_formulas_without_a_cached_value_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    data = [["Titel =", None, None], HEADER, ["Sales", "=2+2", 5], ["IT", 3, "=1+1"]]
    write_xlsx(path, {"Data": data})  # openpyxl saves formulas without results
    with pytest.raises(DataError) as caught:
        read(path)
    found = [(i.code, i.location.cell, i.location.column) for i in caught.value.issues]
    assert found == [
        ("formula-without-value", "B3", "Signals"),
        ("formula-without-value", "C4", "Room"),
    ]
    assert all(i.location.sheet == "Data" for i in caught.value.issues)
    assert all(i.location.file == str(path) for i in caught.value.issues)


def test_many_formulas_without_value_are_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_reader, "MAX_FORMULA_ISSUES", 3)
    path = tmp_path / "s.xlsx"
    write_xlsx(path, {"Data": [HEADER] + [["T", "=1+1", 1]] * 10})
    with pytest.raises(DataError) as caught:
        read(path)
    issues = caught.value.issues
    assert len(issues) == 4
    assert "7 more" in issues[-1].message


def test_error_values_read_as_shown(tmp_path: Path) -> None:
    body = (
        "<sheetData>"
        + inline_row(1, HEADER)
        + '<row r="2"><c r="A2" t="inlineStr"><is><t>Sales</t></is></c>'
        '<c r="B2" t="e"><v>#N/A</v></c><c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
        "</sheetData>"
    )
    path = tmp_path / "s.xlsx"
    path.write_bytes(raw_xlsx({"Data": sheet_xml(body)}))
    assert rows(read(path)) == [("Sales", "#N/A", "#DIV/0!", 2)]


def test_namespace_prefixed_worksheet(tmp_path: Path) -> None:
    ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    body = (
        f'<?xml version="1.0"?><x:worksheet {ns}><x:sheetData>'
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Team</x:t></x:is></x:c>'
        '<x:c r="B1" t="inlineStr"><x:is><x:t>Signals</x:t></x:is></x:c></x:row>'
        '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Sales</x:t></x:is></x:c>'
        '<x:c r="B2"><x:v>4</x:v></x:c></x:row>'
        '<x:row r="3"><x:c r="B3"><x:v>3</x:v></x:c></x:row>'
        '<x:row r="4"><x:c r="B4"><x:f>1+1</x:f></x:c></x:row>'
        '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A2:A3"/></x:mergeCells>'
        "</x:worksheet>"
    )
    path = tmp_path / "s.xlsx"
    path.write_bytes(raw_xlsx({"Data": body}))
    with pytest.raises(DataError) as caught:
        read(path)
    assert [i.location.cell for i in caught.value.issues] == ["B4"]


def test_qualtrics_workbook(tmp_path: Path) -> None:
    data = [
        ["StartDate", "Team", "Signals"],
        ["Start Date", "Your team", "I pass signals on"],
        ['{"ImportId":"startDate"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2"}'],
        ["2026-04-01", "Sales", 4],
    ]
    table = read(write_xlsx(tmp_path / "s.xlsx", {"Sheet0": data}))
    assert rows(table) == [("2026-04-01", "Sales", "4", 4)]


def test_limesurvey_workbook(tmp_path: Path) -> None:
    data = [
        ["id", "submitdate", "Team", "EES[ENE]"],
        [1, "2026-04-01", "Sales", 4],
        [2, None, "IT"],
    ]
    table = read(write_xlsx(tmp_path / "s.xlsx", {"results": data}))
    assert row_numbers(table) == [2]
    assert [n.code for n in table.notes] == ["incomplete-responses-skipped"]
    assert table.notes[0].location.sheet == "results"


def test_workbook_from_standard_input(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "s.xlsx", {"Data": [HEADER, ["Sales", 4, 5]]})
    table = read("<stdin>", data=path.read_bytes())
    assert table.source == "<stdin>"
    assert rows(table) == [("Sales", "4", "5", 2)]


def test_workbook_with_a_csv_name_is_read_by_content(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "s.csv", {"Data": [HEADER, ["Sales", 4, 5]]})
    assert read(path).kind is SourceKind.XLSX


def test_hostile_merges_cost_rows_not_range_lengths(tmp_path: Path) -> None:
    merges = '<mergeCell ref="A2:B1048576"/>' * 5_000 + '<mergeCell ref="A3:A1048000"/>'
    body = (
        "<sheetData>"
        + inline_row(1, HEADER)
        + "".join(inline_row(r, [f"T{r}", r, 1]) for r in range(2, 200))
        + f'</sheetData><mergeCells count="5001">{merges}</mergeCells>'
    )
    path = tmp_path / "s.xlsx"
    path.write_bytes(raw_xlsx({"Data": sheet_xml(body)}))
    table = read(path)
    assert table.frame.height == 198
    assert set(column(table, "Team")) <= {"T2", "T3"}


@pytest.mark.parametrize("dimension", ["", '<dimension ref="A1"/>', '<dimension ref="E9:F10"/>'])
def test_position_comes_from_cells_not_the_dimension(tmp_path: Path, dimension: str) -> None:
    body = (
        f"{dimension}<sheetData>"
        + inline_row(3, HEADER, first_col=2)
        + inline_row(4, ["Sales", 4, 5], first_col=2)
        + inline_row(7, ["IT", 1, None, None, "x"], first_col=2)
        + "</sheetData>"
    )
    path = tmp_path / "s.xlsx"
    path.write_bytes(raw_xlsx({"Data": sheet_xml(body)}))
    table = read(path)
    assert table.header_row == 3
    assert table.column_refs == ("C", "D", "E", "G")
    assert rows(table) == [("Sales", "4", "5", None, 4), ("IT", "1", None, "x", 7)]
