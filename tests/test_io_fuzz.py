"""Random and damaged input: reading ends in a `RawTable` or a `MesError`, never anything else."""

from __future__ import annotations

import io

import openpyxl
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_fixtures import scorer

from mes.errors import MesError
from mes.io import read_table
from mes.table import ROW, RawTable


def _good_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Medewerkersonderzoek"])
    sheet.append(["Team", "Signals", "Room", "Comment"])
    for i in range(20):
        sheet.append([f"Team {i % 3}", i % 5 + 1, 4.5, "goed; 'ok'" if i % 2 else None])
    sheet.merge_cells("A3:A5")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD_XLSX = _good_xlsx()
GOOD_CSV = (
    'sep=;\r\nTeam;Signals;Comment\r\nSales;4;"twee\r\nregels"\r\nIT;5;"a ""b"""\r\n'
).encode("cp1252") + "Financiën;3;é\r\n".encode("cp1252")
NAMES = st.sampled_from(["<stdin>", "fuzz.xlsx", "fuzz.csv", "fuzz.json"])


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(0, 8))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


INPUTS = st.one_of(
    st.binary(max_size=2_000),
    st.binary(max_size=200).map(lambda tail: b"PK\x03\x04" + tail),
    mutated(GOOD_XLSX),
    mutated(GOOD_CSV),
    st.text(max_size=300).map(str.encode),
)


def check(table: RawTable) -> None:
    assert table.frame[ROW].dtype == pl.Int64
    assert all(table.frame[c].dtype == pl.String for c in table.frame.columns[:-1])


@pytest.mark.slow  # 100 generated inputs, each through format detection and a reader
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=INPUTS, name=NAMES)
def test_any_bytes_give_a_table_or_a_mes_error(data: bytes, name: str) -> None:
    outcome: RawTable | MesError
    try:
        outcome = read_table(name, data=data, header_scorer=scorer)
    except MesError as exc:  # anything else escaping is a bug
        outcome = exc
    if isinstance(outcome, MesError):
        assert outcome.issues
        assert all(issue.code for issue in outcome.issues)
    else:
        check(outcome)


def test_the_unmutated_inputs_read() -> None:
    xlsx = read_table("good.xlsx", data=GOOD_XLSX, header_scorer=scorer)
    assert xlsx.header_row == 2
    assert xlsx.frame.height == 20
    csv = read_table("good.csv", data=GOOD_CSV, header_scorer=scorer)
    assert csv.frame[ROW].to_list() == [2, 3, 4]
