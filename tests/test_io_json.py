"""JSON arrays of objects and JSON Lines, as dashboards and survey APIs write them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from io_fixtures import codes, read, row_numbers, rows

from mes.errors import InputError
from mes.table import SourceKind


def put(tmp_path: Path, text: str | bytes, name: str = "survey.json") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_array_of_objects(tmp_path: Path) -> None:
    data = [
        {"team": "Sales", "signals": 4, "room": 4.5},
        {"team": "IT", "signals": True, "room": None, "extra": [1, {"a": "é"}]},
        {"signals": 3.0, "team": "HR"},
    ]
    table = read(put(tmp_path, json.dumps(data)))
    assert table.kind is SourceKind.JSON
    assert table.headers == ("team", "signals", "room", "extra")
    assert table.column_refs == ()
    assert table.header_row is None
    assert rows(table) == [
        ("Sales", "4", "4.5", None, 0),
        ("IT", "true", None, '[1,{"a":"é"}]', 1),
        ("HR", "3.0", None, None, 2),
    ]
    location = table.locate(1, 1)
    assert (location.item, location.field) == (1, "signals")


def test_empty_array(tmp_path: Path) -> None:
    table = read(put(tmp_path, "[]"))
    assert table.headers == ()
    assert table.frame.height == 0


def test_json_lines(tmp_path: Path) -> None:
    text = '{"team": "Sales", "signals": 4}\r\n\n{"team": "IT", "signals": "5"}\n'
    table = read(put(tmp_path, text, "survey.jsonl"))
    assert table.kind is SourceKind.JSONL
    assert rows(table) == [("Sales", "4", 0), ("IT", "5", 2)]


def test_utf8_bom_and_utf16(tmp_path: Path) -> None:
    text = '[{"afdeling": "Financiën"}]'
    assert rows(read(put(tmp_path, b"\xef\xbb\xbf" + text.encode()))) == [("Financiën", 0)]
    assert rows(read(put(tmp_path, text.encode("utf-16")))) == [("Financiën", 0)]


def test_large_numbers_stay_exact(tmp_path: Path) -> None:
    table = read(put(tmp_path, '[{"id": 12345678901234567890, "x": 1e-7}]'))
    assert rows(table) == [("12345678901234567890", "1e-07", 0)]


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read(put(tmp_path, '[\n  {"team": "Sales",}\n]'))
    assert codes(caught.value) == ["invalid-json"]
    assert "line 2, column" in caught.value.issues[0].message
    assert str(tmp_path / "survey.json") in str(caught.value)


@pytest.mark.parametrize("text", ['[{"a": NaN}]', "[" * 100_000, '[{"a": 1' + "0" * 5000 + "}]"])
def test_unusual_invalid_json(tmp_path: Path, text: str) -> None:
    with pytest.raises(InputError) as caught:
        read(put(tmp_path, text))
    assert codes(caught.value) == ["invalid-json"]


def test_invalid_json_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read(put(tmp_path, '{"a": 1}\n{"a": \n', "x.jsonl"))
    assert codes(caught.value) == ["invalid-json"]
    assert "line 2" in caught.value.issues[0].message


def test_single_object_is_not_an_array(tmp_path: Path) -> None:
    text = json.dumps({"survey": "Q1", "responses": [{"team": "Sales"}]}, indent=2)
    with pytest.raises(InputError) as caught:
        read(put(tmp_path, text))
    assert codes(caught.value) == ["not-json-array"]
    assert "responses" in caught.value.issues[0].message


def test_single_object_on_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read(put(tmp_path, '{"team": "Sales", "signals": 4}\n'))
    assert codes(caught.value) == ["not-json-array"]


def test_array_item_that_is_not_an_object(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read(put(tmp_path, '[{"team": "Sales"}, ["IT", 4]]'))
    (issue,) = caught.value.issues
    assert issue.code == "not-json-array"
    assert issue.location.item == 1
    assert "item 1" in issue.message


def test_json_line_that_is_not_an_object(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read(put(tmp_path, '{"team": "Sales"}\n[1, 2]\n', "x.jsonl"))
    assert caught.value.issues[0].location.item == 1


def test_row_numbers_are_item_indexes(tmp_path: Path) -> None:
    data = [{"team": f"T{i}"} for i in range(1000)]
    assert row_numbers(read(put(tmp_path, json.dumps(data))))[-1] == 999


def test_limesurvey_json_skips_incomplete_responses(tmp_path: Path) -> None:
    data = [{"id": 1, "submitdate": "2026-04-01", "team": "A"}, {"id": 2, "submitdate": None}]
    table = read(put(tmp_path, json.dumps(data)))
    assert row_numbers(table) == [0]
    assert [n.code for n in table.notes] == ["incomplete-responses-skipped"]
