"""CSV exports as Dutch Excel, survey tools and text editors write them."""

from __future__ import annotations

from pathlib import Path

import pytest
from io_fixtures import codes, column, read, row_numbers, rows

from mes.errors import InputError, Severity
from mes.table import SourceKind


def write(tmp_path: Path, data: bytes, name: str = "survey.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("separator", [";", ",", "\t", "|"])
def test_separator_is_detected(tmp_path: Path, separator: str) -> None:
    text = separator.join(["Team", "Signals", "Room"]) + "\n"
    text += separator.join(["Sales", "4", "5"]) + "\n"
    table = read(write(tmp_path, text.encode()))
    assert table.kind is SourceKind.CSV
    assert table.headers == ("Team", "Signals", "Room")
    assert rows(table) == [("Sales", "4", "5", 2)]
    assert table.column_refs == ("A", "B", "C")
    assert table.header_row == 1


def test_dutch_excel_semicolons_with_decimal_commas(tmp_path: Path) -> None:
    data = b"Team;Signals;Room;Score\r\nSales;4;5;3,5\r\nService;2;3;4,25\r\n"
    table = read(write(tmp_path, data))
    assert table.headers == ("Team", "Signals", "Room", "Score")
    assert column(table, "Score") == ["3,5", "4,25"]  # left as text for validation


def test_separator_inside_quotes_does_not_count(tmp_path: Path) -> None:
    data = b'Team,Signals,Comment\n"Sales; Noord",4,"ja; nee"\n"Service; Zuid",3,"a; b; c"\n'
    table = read(write(tmp_path, data))
    assert table.headers == ("Team", "Signals", "Comment")
    assert rows(table)[0] == ("Sales; Noord", "4", "ja; nee", 2)


def test_sep_line_sets_the_separator_and_is_not_a_row(tmp_path: Path) -> None:
    data = b"sep=,\r\nTeam,Signals\r\nSales,4\r\n"
    table = read(write(tmp_path, data))
    assert table.headers == ("Team", "Signals")
    assert table.header_row == 1  # Excel hides the sep= line
    assert row_numbers(table) == [2]


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("cp1252", b""),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
    ],
)
def test_encodings(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    separator = "\t" if encoding.startswith("utf-16") else ";"
    text = (
        f"Team{separator}Department{separator}Signals\r\nSales{separator}Financiën{separator}4\r\n"
    )
    table = read(write(tmp_path, prefix + text.encode(encoding)))
    assert table.headers == ("Team", "Department", "Signals")
    assert column(table, "Department") == ["Financiën"]
    assert not table.notes


def test_cp1252_specials_survive(tmp_path: Path) -> None:
    data = "Team;Comment\nSales;€ 5 – ‘goed’\n".encode("cp1252")
    assert column(read(write(tmp_path, data)), "Comment") == ["€ 5 – ‘goed’"]


def test_mixed_utf8_and_cp1252_is_refused(tmp_path: Path) -> None:
    data = "Team;Department\nSales;Financiën\nService;Café\n".encode() + b"X;Caf\xe9\n"
    with pytest.raises(InputError) as caught:
        read(write(tmp_path, data))
    assert codes(caught.value) == ["unreadable-text"]
    assert "survey.csv" in str(caught.value)


def test_quoted_line_breaks_are_one_row(tmp_path: Path) -> None:
    data = b'Team;Comment;Signals\r\nSales;"line one\r\nline two";4\r\nService;"x";3\r\n'
    table = read(write(tmp_path, data))
    assert rows(table) == [
        ("Sales", "line one\r\nline two", "4", 2),
        ("Service", "x", "3", 3),
    ]


def test_last_line_without_newline_and_blank_lines(tmp_path: Path) -> None:
    data = b"Team;Signals\n\nSales;4\n  ;  \nService;3"
    table = read(write(tmp_path, data))
    assert rows(table) == [("Sales", "4", 3), ("Service", "3", 5)]


def test_text_is_kept_as_written(tmp_path: Path) -> None:
    data = b'Team;Signals\n" Sales ";" 4 "\n'
    assert rows(read(write(tmp_path, data))) == [(" Sales ", " 4 ", 2)]


def test_title_rows_above_the_header(tmp_path: Path) -> None:
    data = b"Medewerkersonderzoek 2026;;\nExport 1-4-2026;;\n;;\nTeam;Signals;Room\nSales;4;5\n"
    table = read(write(tmp_path, data))
    assert table.header_row == 4
    assert table.headers == ("Team", "Signals", "Room")
    assert rows(table) == [("Sales", "4", "5", 5)]


def test_nul_bytes_are_removed_with_a_note(tmp_path: Path) -> None:
    data = b"Team;Signals\nSales;4\n\x00\x00\x00"
    table = read(write(tmp_path, data))
    assert rows(table) == [("Sales", "4", 2)]
    assert [n.code for n in table.notes] == ["nul-bytes-removed"]
    assert table.notes[0].severity is Severity.WARNING
    assert table.notes[0].location.file == str(tmp_path / "survey.csv")


def test_empty_unnamed_columns_are_dropped_named_ones_kept(tmp_path: Path) -> None:
    data = b"Team;Signals;;Room;;\nSales;4;;5;;\nService;3;;;;\n"
    table = read(write(tmp_path, data))
    assert table.headers == ("Team", "Signals", "Room")
    assert table.column_refs == ("A", "B", "D")
    assert column(table, "Room") == ["5", None]


def test_data_under_an_empty_header_is_kept(tmp_path: Path) -> None:
    data = b"Team;Signals;\nSales;4;note\n"
    table = read(write(tmp_path, data))
    assert table.headers == ("Team", "Signals", "")
    assert rows(table) == [("Sales", "4", "note", 2)]


def test_short_rows_are_padded(tmp_path: Path) -> None:
    table = read(write(tmp_path, b"Team;Signals;Room\nSales;4\n"))
    assert rows(table) == [("Sales", "4", None, 2)]


def test_ragged_rows_are_refused_by_row(tmp_path: Path) -> None:
    data = b"Team;Comment;Signals\nSales;ok;4\nService;goed; maar;3\nIT;x;5\nHR;a;b;c;4\n"
    with pytest.raises(InputError) as caught:
        read(write(tmp_path, data))
    issues = caught.value.issues
    assert [(i.code, i.location.row) for i in issues] == [("ragged-row", 3), ("ragged-row", 5)]
    assert all(i.location.file == str(tmp_path / "survey.csv") for i in issues)


def test_ragged_row_far_below_the_head_is_found(tmp_path: Path) -> None:
    lines = [b"Team;Signals"] + [b"Sales;4"] * 5000 + [b"Service;3;extra;more"]
    with pytest.raises(InputError) as caught:
        read(write(tmp_path, b"\n".join(lines)))
    assert [(i.code, i.location.row) for i in caught.value.issues] == [("ragged-row", 5002)]


def test_extra_empty_fields_are_not_ragged(tmp_path: Path) -> None:
    table = read(write(tmp_path, b"Team;Signals\nSales;4;;;\n"))
    assert rows(table) == [("Sales", "4", 2)]


def test_unclosed_quote_is_refused_at_its_row(tmp_path: Path) -> None:
    data = b'Team;Signals\nSales;4\n"Service;3\nIT;5\n'
    with pytest.raises(InputError) as caught:
        read(write(tmp_path, data))
    assert codes(caught.value) == ["unreadable-text"]
    assert "row 3" in caught.value.issues[0].message


def test_quote_polars_rejects_is_read_by_the_strict_parser(tmp_path: Path) -> None:
    data = b'Team;Comment\nSales;ab"c\n'
    assert rows(read(write(tmp_path, data))) == [("Sales", 'ab"c', 2)]


def test_classic_mac_line_ends(tmp_path: Path) -> None:
    table = read(write(tmp_path, b"Team;Signals\rSales;4\rService;3\r"))
    assert rows(table) == [("Sales", "4", 2), ("Service", "3", 3)]


def test_no_known_header_uses_the_first_row(tmp_path: Path) -> None:
    table = read(write(tmp_path, b"a;b\n1;2\n"))
    assert table.headers == ("a", "b")
    assert table.header_row == 1


def test_only_empty_rows_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read(write(tmp_path, b";;\n;;\n"))
    assert codes(caught.value) == ["empty-file"]


def test_header_only(tmp_path: Path) -> None:
    table = read(write(tmp_path, b"Team;Signals\n"))
    assert table.headers == ("Team", "Signals")
    assert table.frame.height == 0


def test_standard_input(tmp_path: Path) -> None:
    table = read("<stdin>", data=b"Team,Signals\nSales,4\n")
    assert table.source == "<stdin>"
    assert table.locate(2, 1).describe() == "<stdin>, cell B2, column 'Signals'"


def test_sheet_option_on_csv_is_noted(tmp_path: Path) -> None:
    table = read(write(tmp_path, b"Team;Signals\nSales;4\n"), sheet="Data")
    assert [n.code for n in table.notes] == ["sheet-ignored"]


# --- survey tools --------------------------------------------------------------------------------


def test_microsoft_forms_export(tmp_path: Path) -> None:
    data = (
        "ID,Start time,Completion time,Email,Name,Team,Signals,Room\r\n"
        "1,3/4/26 9:01:02,3/4/26 9:03:10,anonymous,,Sales,4,5\r\n"
    ).encode("utf-8-sig")
    table = read(write(tmp_path, data))
    assert table.headers[:5] == ("ID", "Start time", "Completion time", "Email", "Name")
    assert column(table, "Name") == [None]


def test_google_forms_export(tmp_path: Path) -> None:
    data = 'Tijdstempel,E-mailadres,Team,Signals\n"2026/04/03 9:01:02 AM CET",a@b.nl,Sales,4\n'
    table = read(write(tmp_path, data.encode()))
    assert column(table, "Tijdstempel") == ["2026/04/03 9:01:02 AM CET"]


def test_limesurvey_incomplete_responses_are_skipped(tmp_path: Path) -> None:
    data = (
        b'"id","submitdate","lastpage","Team","Signals"\n'
        b'"1","2026-04-01 10:00:00","2","Sales","4"\n'
        b'"2","","1","Sales",""\n'
        b'"3","2026-04-01 11:00:00","2","IT","5"\n'
        b'"4","","0","",""\n'
    )
    table = read(write(tmp_path, data))
    assert row_numbers(table) == [2, 4]
    (note,) = table.notes
    assert note.code == "incomplete-responses-skipped"
    assert note.severity is Severity.WARNING
    assert "2 incomplete responses" in note.message


def test_qualtrics_extra_header_rows_are_dropped(tmp_path: Path) -> None:
    data = (
        b"StartDate,EndDate,Team,Signals\r\n"
        b"Start Date,End Date,Which team are you in?,I pass customer signals on\r\n"
        b'"{""ImportId"":""startDate""}","{""ImportId"":""endDate""}",'
        b'"{""ImportId"":""QID1""}","{""ImportId"":""QID2""}"\r\n'
        b"2026-04-01,2026-04-01,Sales,4\r\n"
    )
    table = read(write(tmp_path, data))
    assert table.headers == ("StartDate", "EndDate", "Team", "Signals")
    assert rows(table) == [("2026-04-01", "2026-04-01", "Sales", "4", 4)]


def test_big_csv_reads_quickly_and_numbers_rows(tmp_path: Path) -> None:
    body = "".join(f"Team {i % 7};{i % 5 + 1};{i % 3 + 1}\n" for i in range(20_000))
    table = read(write(tmp_path, ("Team;Signals;Room\n" + body).encode()))
    assert table.frame.height == 20_000
    assert row_numbers(table)[-1] == 20_001


def test_bracketed_first_header_is_csv_not_json(tmp_path: Path) -> None:
    table = read(write(tmp_path, b"[ID];Team;Signals\n1;Sales;4\n"))
    assert table.headers == ("[ID]", "Team", "Signals")
