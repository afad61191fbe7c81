"""The two ways of reading a CSV give the same table, the same validated answers, the same issues.

`mes.io` reads a UTF-8 CSV from its bytes, decoding only its head (`mes.io.csv.read_utf8_csv`),
and gives way to the text path (`read_csv` on the decoded file) whenever the head cannot settle
something. Every test here reads files both ways, the text path forced by switching the byte
path off, and compares the whole outcome: the `RawTable` (headers, every cell, row numbers,
column letters, notes) or the error and its issues, then what validation makes of the table.
Validation's own shortcut (a cast for plain numbers) is checked against its text parser below.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_fixtures import scorer

import mes.io
from mes.columns import make_header_scorer
from mes.errors import MesError
from mes.instrument import builtin
from mes.io import csv as csv_reader
from mes.io import read_table
from mes.io.text import HEAD_BYTES
from mes.table import HeaderScorer
from mes.validation import (
    _MISSING,
    _parse_answers,
    _parse_column,
    _plain_numbers_are_answers,
    _Range,
    validate,
)
from tests.examples.build import build_all
from tests.test_io_speed_paths import table_form

Outcome = tuple[str, Any]
INSTRUMENT = builtin()
MES_SCORER = make_header_scorer(INSTRUMENT)
# The built-in instrument's headers, as Microsoft Forms writes them (department, team, five
# statements, the energy grade).
HEADERS = [
    "ID",
    "Bij welke afdeling werk je?",
    "In welk team werk je?",
    "Ik geef signalen van klanten actief door in de organisatie.",
    "Ik heb voldoende ruimte om zelf oplossingen voor klanten te bedenken en door te voeren.",
    "Ik krijg energie van kritiek of verbeterpunten van klanten.",
    "Ik krijg regelmatig terug wat klanten van mijn werk, team en organisatie vinden.",
    "Ik schakel snel om verbeteringen voor de klant door te voeren.",
    "Met hoeveel energie ga je aan het eind van de werkdag naar huis?",
]


def _error(exc: MesError) -> Outcome:
    return "error", (type(exc).__name__, [(i.code, i.message, i.location) for i in exc.issues])


def outcome(path: Path, header_scorer: HeaderScorer) -> tuple[Outcome, Outcome | None]:
    """What reading gives, and what validating the table gives, in comparable forms."""
    try:
        table = read_table(str(path), header_scorer=header_scorer)
    except MesError as exc:
        return _error(exc), None
    if header_scorer is not MES_SCORER:
        return ("table", table_form(table)), None
    try:
        responses = validate(table, INSTRUMENT)
    except MesError as exc:
        return ("table", table_form(table)), _error(exc)
    validated = (
        responses.frame.to_dicts(),
        responses.frame.schema,
        responses.issues,
        responses.rows_read,
    )
    return ("table", table_form(table)), ("responses", validated)


@pytest.fixture
def byte_reads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each CSV read went the byte way (True) or gave way to the text path (False)."""
    used: list[bool] = []
    read_bytes = csv_reader.read_utf8_csv

    def recording(*args: Any, **kwargs: Any) -> Any:
        table = read_bytes(*args, **kwargs)
        used.append(table is not None)
        return table

    monkeypatch.setattr(csv_reader, "read_utf8_csv", recording)  # imported when called
    return used


def both_ways(
    path: Path, monkeypatch: pytest.MonkeyPatch, header_scorer: HeaderScorer = MES_SCORER
) -> tuple[Outcome, Outcome | None]:
    """Read (and validate) ``path`` both ways; they must agree. The byte way's outcome."""
    fast = outcome(path, header_scorer)
    with monkeypatch.context() as patch:
        patch.setattr(mes.io, "_read_utf8_csv", lambda *args: None)
        plain = outcome(path, header_scorer)
    assert fast == plain
    return fast


def write(tmp_path: Path, data: bytes, name: str = "survey.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def survey(rows: list[list[str]], separator: str = ";", end: str = "\r\n") -> str:
    return end.join(separator.join(row) for row in [HEADERS, *rows]) + end


GOOD = [["1", "Klantenservice", "Chat", "4", "5", "3", "4", "5", "8"]]
MESSY = [
    [
        "2",
        " Klantenservice ",
        "chat",
        "Helemaal mee eens",
        "5 - Helemaal mee eens",
        "",
        "4",
        "2",
        "7",
    ],
    ["3", "Klantenservice", "Chat", "4,0", " 4", "n.v.t.", "", "1", ""],
    ["4", '"Schade; Zakelijk"', '"Team\r\nNoord"', "05", "+5", "3", "4", "5", "10"],
    ["", "", "", "", "", "", "", "", ""],
    ["5", "Financiën", "Team é", "4", "4", "4", "4", "4", "6"],
]

# name -> file bytes: each is read both ways, and the byte way is expected to be taken or not.
FILES: dict[str, tuple[bytes, bool]] = {
    "plain": (survey(GOOD * 3).encode(), True),
    "messy answers and names": (survey(GOOD + MESSY).encode(), True),
    "bom": (b"\xef\xbb\xbf" + survey(GOOD + MESSY).encode(), True),
    "sep line": (b"sep=;\r\n" + survey(GOOD + MESSY).encode(), True),
    "bom and quoted sep line": (b'\xef\xbb\xbf"sep=,"\n' + survey(GOOD, ",").encode(), True),
    "sep line ended by a bare CR": (b"sep=;\r" + survey(GOOD, end="\n").encode(), False),
    "two BOMs": (b"\xef\xbb\xbf\xef\xbb\xbf" + survey(GOOD).encode(), False),
    "a BOM after the sep line": (b"sep=;\n\xef\xbb\xbf" + survey(GOOD).encode(), False),
    "commas": (survey(GOOD + MESSY, ",", "\n").encode(), True),
    "tabs": (survey(GOOD + MESSY, "\t").encode(), True),
    "pipes": (survey(GOOD, "|").encode(), True),
    "title rows and blank records": (
        ("Medewerkersonderzoek Q3\r\n\r\n;;\r\n" + survey([*GOOD, [""] * 9, *GOOD])).encode(),
        True,
    ),
    "quoted empty and blank cells": (
        survey([["1", '""', '" "', "4", "", '""', "4", "4", "8"], *GOOD]).encode(),
        True,
    ),
    "control characters": (survey([[*GOOD[0][:3], "4\x1b[31m", *GOOD[0][4:]]]).encode(), True),
    "answers out of range": (
        survey([["1", "A", "B", "0", "6", "7", "4", "4", "11"]]).encode(),
        True,
    ),
    "duplicate ids": (survey(GOOD * 2).encode(), True),
    "text ids": (survey([["a 1", "A", "B", "4", "4", "4", "4", "4", "8"], GOOD[0]]).encode(), True),
    "ragged row": (survey([*GOOD, [*GOOD[0], "extra"]]).encode(), False),
    "unclosed quote": (
        survey([*GOOD, ["2", '"A', "B", "4", "4", "4", "4", "4", "8"]]).encode(),
        False,
    ),
    "cp1252": (survey(GOOD + MESSY).encode("cp1252"), False),
    "utf-16": (b"\xff\xfe" + survey(GOOD, "\t").encode("utf-16-le"), False),
    "classic mac line ends": (survey(GOOD + MESSY, end="\r").encode(), False),
    "nul byte": (survey(GOOD).encode().replace(b"Chat", b"Ch\x00at"), False),
    "no known header": (b"a;b\n1;2\n", True),
    "header only": (survey([]).encode(), True),
    "html": (b"<html><body>no</body></html>", False),
}


@pytest.mark.parametrize("name", list(FILES))
def test_messy_files_read_and_validate_the_same_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, byte_reads: list[bool], name: str
) -> None:
    data, byte_way = FILES[name]
    both_ways(write(tmp_path, data), monkeypatch)
    assert any(byte_reads) is byte_way


def _long(tail: str = "") -> bytes:
    """A file longer than the decoded head, with ``tail`` as its last records."""
    rows = [
        [str(i), "Klantenservice", f"Team {i % 7}", "4", "5", "3", "2", "1", "8"]
        for i in range(1, 15_001)
    ]
    data = (survey(rows) + tail).encode()
    assert len(data) > HEAD_BYTES
    return data


def _line_break_at(data: bytes, offset: int) -> bytes:
    """``data`` with the team of the record around byte ``offset`` quoted over two lines."""
    start = data.rindex(b"\r\n", 0, offset) + 2
    return data[:start] + data[start:].replace(b";Team ", b';"Team\r\n', 1).replace(
        b";4;5;3", b'";4;5;3', 1
    )


LONG: dict[str, tuple[bytes, bool]] = {
    "long": (_long(), True),
    "ragged far below the head": (_long("99999;A;B;4;4;4;4;4;8;extra\r\n"), False),
    "unclosed quote far below the head": (_long('99999;"A;B;4;4;4;4;4;8\r\n'), False),
    "nul far below the head": (_long("99999;A\x00;B;4;4;4;4;4;8\r\n"), False),
    "cp1252 far below the head": (
        _long() + "99999;Financiën;B;4;4;4;4;4;8\r\n".encode("cp1252"),
        False,
    ),
    "mixed encodings far below the head": (
        _long("99998;Financiën;B;4;4;4;4;4;8\r\n")
        + "99999;Financiën;B;4;4;4;4;4;8\r\n".encode("cp1252"),
        False,
    ),
    "a line break across the sniffed region's end": (_line_break_at(_long(), 64 * 1024), True),
    "a line break across the decoded head's end": (_line_break_at(_long(), HEAD_BYTES), True),
    "bad answers far below the head": (_long("99999;A;B;vier;4;4;4;4;8\r\n"), True),
}


@pytest.mark.parametrize("name", list(LONG))
def test_long_files_read_the_same_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, byte_reads: list[bool], name: str
) -> None:
    data, byte_way = LONG[name]
    both_ways(write(tmp_path, data), monkeypatch)
    assert any(byte_reads) is byte_way


def test_standard_input_reads_the_same_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    data = survey(GOOD + MESSY).encode()

    def read() -> dict[str, Any]:
        return table_form(read_table("<stdin>", data=data, header_scorer=MES_SCORER))

    fast = read()
    with monkeypatch.context() as patch:
        patch.setattr(mes.io, "_read_utf8_csv", lambda *args: None)
        assert read() == fast


# Pieces a CSV is made of, the awkward ones often; some bytes are not UTF-8 (cp1252's é, a
# UTF-16 BOM, NUL), which the byte way must leave to the text way.
PIECES = st.sampled_from(
    [";", ",", "\t", '"', '""', "\n", "\r\n", "\r", " ", "4", "5", "12", "4,5", "Team",
     "Signals", "Room", "team", "é", "\x1b", "\x01", "Helemaal mee eens", "sep=;", "\ufeff"]
).map(str.encode) | st.sampled_from([b"\x00", b"\xe9", b"\xff\xfe", b"\xef\xbb"])  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=st.lists(PIECES, max_size=40))
def test_any_bytes_read_the_same_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pieces: list[bytes]
) -> None:
    both_ways(write(tmp_path, b"".join(pieces)), monkeypatch, scorer)


@pytest.mark.slow  # builds the whole example corpus
def test_every_example_csv_reads_the_same_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, byte_reads: list[bool]
) -> None:
    csvs = [case for case in build_all(tmp_path) if case.path.suffix.lower() in (".csv", ".txt")]
    for case in csvs:
        both_ways(case.path, monkeypatch)
    assert len(csvs) >= 3
    assert sum(byte_reads) >= 2


# --- validation: the integer cast against the text parser -----------------------------------------

TEXTS = [
    "1", "5", "05", "+5", "+0", "-0", "0", "6", "10", "11", "255", "256", "-1", "4,0", "4.0",
    "4.5", " 4", "4 ", "５", "٥", "1e0", "nan", "inf", "n.v.t.", "Helemaal mee eens",
    "5 - Helemaal mee eens", "1 - Helemaal mee eens", "Mee eens (4)", "", " ", None,
]  # fmt: skip


def _reference(texts: pl.Series, answers: _Range) -> pl.DataFrame:
    status, value = _parse_answers(pl.col("text").fill_null(""), answers)
    return texts.to_frame("text").select(status.cast(pl.Int8), value)


@pytest.mark.parametrize(
    "answers",
    [
        _Range(1, 5, INSTRUMENT.scale.label_values, (), INSTRUMENT.scale.missing_tokens),
        _Range(0, 10, {}, (), frozenset({"n.v.t."})),
        _Range(1, 10, {"goed": 8}, (), frozenset()),
        # A label or a no-answer token that is a plain number: the cast must not be used.
        _Range(1, 5, {"5": 1, "eens": 4}, (), frozenset()),
        _Range(0, 10, {}, (), frozenset({"99", "0"})),
    ],
)
def test_the_integer_cast_reads_answers_as_the_text_parser_does(answers: _Range) -> None:
    texts = pl.Series("c0", TEXTS * 3, dtype=pl.String)
    numbers, status, value = _parse_column(texts, answers)
    frame = texts.to_frame() if numbers is None else texts.to_frame().with_columns(numbers)
    got = frame.select(status.alias("status"), value.alias("value"))
    expected = _reference(texts, answers)
    assert got.rows() == expected.rows()  # the text parser's Float64 against whole numbers
    assert got.schema == pl.Schema({"status": pl.Int8, "value": pl.UInt8})


def test_the_cast_is_not_used_when_a_label_is_a_number() -> None:
    assert _plain_numbers_are_answers(_Range(1, 5, {"eens": 4}, (), frozenset({"n.v.t."})))
    assert not _plain_numbers_are_answers(_Range(1, 5, {"5": 1}, (), frozenset()))
    assert not _plain_numbers_are_answers(_Range(0, 10, {}, (), frozenset({"99"})))


def test_a_column_of_numbers_only_is_read_by_the_cast_alone() -> None:
    texts = pl.Series("c0", ["1", "5", None, "7"], dtype=pl.String)
    numbers, status, value = _parse_column(texts, _Range(1, 5, {}, (), frozenset()))
    assert numbers is not None
    got = texts.to_frame().with_columns(numbers).select(status.alias("s"), value.alias("v"))
    assert got.rows() == [(0, 1), (0, 5), (_MISSING, None), (4, None)]
    assert got.schema["v"] == pl.UInt8
