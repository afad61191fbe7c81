"""A workbook prefetched at command entry reads exactly as one read the normal way.

`mes.io.prefetch` checks a workbook and starts calamine on it before the CLI has parsed its
command line; `read_xlsx` then uses that work only where it is what it would have done itself.
Every test here reads a file both ways, without a prefetch and after `prefetch.start`, and
compares the whole outcome (the `RawTable`, or the error and its issues), and whether the
prefetched load was the one used.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastexcel
import pytest
from io_fixtures import inline_row, patch_sizes, raw_xlsx, scorer, sheet_xml, write_xlsx

from mes.columns import make_header_scorer
from mes.instrument import builtin, load_instrument
from mes.io import prefetch
from mes.table import HeaderScorer
from tests.examples.build import build_all
from tests.test_io_speed_paths import Outcome, outcome

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"
MES5 = make_header_scorer(builtin())


@pytest.fixture(autouse=True)
def _no_prefetch_left() -> Iterator[None]:
    yield
    prefetch.forget()
    assert not [t for t in threading.enumerate() if t.name == "mes-prefetch"]


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each prefetched load asked for was the one loaded (True) or dropped (False)."""
    used: list[bool] = []
    take = prefetch.Prefetch.take

    def recording(self: prefetch.Prefetch, load: prefetch.Load) -> Any:
        sheet = take(self, load)
        used.append(sheet is not None)
        return sheet

    monkeypatch.setattr(prefetch.Prefetch, "take", recording)
    return used


def both_ways(
    path: Path, header_scorer: HeaderScorer = scorer, sheet: str | None = None
) -> Outcome:
    """Read ``path`` without and with a prefetch; they must agree. The outcome."""
    plain = outcome(path, header_scorer, sheet)
    prefetch.start(str(path), sheet)
    early = outcome(path, header_scorer, sheet)
    assert early == plain
    left = prefetch._pending.pop(str(path), None)  # a workbook's is claimed by the read
    assert left is None or left.checked() is None
    return early


def _option(args: list[str] | tuple[str, ...], name: str) -> str | None:
    return args[args.index(name) + 1] if name in args else None


@pytest.mark.slow  # builds the whole example corpus and reads it twice
def test_every_example_reads_the_same_prefetched(tmp_path: Path, taken: list[bool]) -> None:
    for case in build_all(tmp_path):
        instrument = _option(case.args, "--instrument")
        ins = load_instrument(Path(instrument)) if instrument else builtin()
        both_ways(case.path, make_header_scorer(ins), _option(case.args, "--sheet"))
    assert sum(taken) >= 15  # most example workbooks use the prefetched load


@pytest.mark.parametrize("path", sorted(SAMPLE.glob("*.xlsx")), ids=lambda p: p.name)
def test_sample_data_reads_the_same_prefetched(path: Path, taken: list[bool]) -> None:
    kind, _ = both_ways(path, MES5)
    assert kind == "table"
    assert taken[:1] == [True]


# --- messy workbooks: where the prefetch guesses wrong, or is not used ---------------------------

HEADER = ["Team", "Department", "Signals", "Room", "Speed"]
ROWS = [["Sales", "North", 4, 5, 3], ["Support", "South", 2, 4, 5], ["Sales", "North", 5, 5, 4]]


def test_a_title_above_the_header(tmp_path: Path, taken: list[bool]) -> None:
    rows = [["Staff survey Q3, all answers"], [], HEADER, *ROWS]
    path = write_xlsx(tmp_path / "title.xlsx", {"Data": rows})
    kind, table = both_ways(path)
    assert kind == "table"
    assert table["header_row"] == 3
    assert taken == [True]  # the row with the most cells of text is the header


def test_a_header_the_guess_gets_wrong(tmp_path: Path, taken: list[bool]) -> None:
    # Row 1 has more cells than the header, none of them column names the scorer knows.
    rows = [["a", "b", "c", "d", "e", "f", "g"], HEADER, *ROWS]
    path = write_xlsx(tmp_path / "wide-title.xlsx", {"Data": rows})
    kind, table = both_ways(path)
    assert kind == "table"
    assert table["header_row"] == 2
    assert taken[0] is False  # loaded under row 1, dropped, loaded again under row 2


def test_an_instructions_sheet_first(tmp_path: Path, taken: list[bool]) -> None:
    sheets = {
        "Read me": [["Fill in one row per person"], ["Team means ..."]],
        "Data": [HEADER, *ROWS],
    }
    path = write_xlsx(tmp_path / "instructions.xlsx", sheets)
    kind, table = both_ways(path)
    assert (kind, table["sheet"]) == ("table", "Data")
    assert [n.code for n in table["notes"]] == ["sheet-chosen"]
    assert taken[0] is True  # the first visible sheet, as the normal path loads it first


def test_a_hidden_first_sheet_and_sheet_option(tmp_path: Path, taken: list[bool]) -> None:
    sheets = {"Old": [HEADER, *ROWS[:1]], "Data": [HEADER, *ROWS], "Other": [HEADER, *ROWS[1:]]}
    path = write_xlsx(tmp_path / "hidden.xlsx", sheets, hidden=["Old"])
    assert both_ways(path)[1]["sheet"] == "Data"
    assert both_ways(path, sheet="other")[1]["sheet"] == "Other"  # case-folded, as --sheet is
    assert both_ways(path, sheet="Nope")[0] == "error"
    # Without --sheet every visible sheet is loaded; the first one comes from the prefetch.
    assert taken == [True, False, True]


def test_shared_strings_a_typed_load_would_misread(tmp_path: Path, taken: list[bool]) -> None:
    # "N/A" as a shared string among numbers: no typed load is planned, the text load is read.
    strings = ["Team", "Signals", "Sales", "N/A"]
    sst = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + "".join(f"<si><t>{s}</t></si>" for s in strings)
        + "</sst>"
    )
    body = (
        '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>4</v></c></row>'
        '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="s"><v>3</v></c></row></sheetData>'
    )
    path = tmp_path / "strings.xlsx"
    path.write_bytes(raw_xlsx({"Data": sheet_xml(body)}, shared_strings=sst))
    kind, table = both_ways(path)
    assert kind == "table"
    assert table["rows"][1][1] == "N/A"
    assert taken == [False]  # the prefetch guessed a typed load (it does not look at strings)


def test_a_file_changed_after_the_prefetch_is_read_as_it_is_now(
    tmp_path: Path, taken: list[bool]
) -> None:
    path = write_xlsx(tmp_path / "survey.xlsx", {"Data": [HEADER, *ROWS]})
    prefetch.start(str(path))
    prefetch._pending[str(path)].checked()
    write_xlsx(path, {"Data": [HEADER, *ROWS[:1]]})
    _, table = outcome(path, scorer)
    assert len(table["rows"]) == 1
    assert taken == []  # not claimed: the file is another one now


def test_a_pipe_is_left_to_the_normal_path(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.xlsx"
    import os

    os.mkfifo(fifo)
    prefetch.start(str(fifo))
    assert prefetch._pending[str(fifo)].checked() is None  # not opened, so not drained


def test_an_abandoned_prefetch_ends(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "survey.xlsx", {"Data": [HEADER, *ROWS]})
    prefetch.start(str(path))
    prefetch.forget()  # the fixture checks that no thread is left


# --- hostile workbooks: refused before calamine, prefetched or not -------------------------------

LAUGHS = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'


def _good_body() -> str:
    return (
        "<sheetData>"
        + inline_row(1, ["Team", "Signals"])
        + inline_row(2, ["A", 4])
        + "</sheetData>"
    )


def _hostile() -> dict[str, bytes]:
    good = raw_xlsx({"Data": sheet_xml(_good_body())})
    return {
        "lying size": patch_sizes(good, "xl/worksheets/sheet1.xml", uncompressed=10),
        "declared bomb": patch_sizes(good, "xl/worksheets/sheet1.xml", uncompressed=2**31),
        "entities in a sheet": raw_xlsx({"Data": sheet_xml(_good_body(), prolog=LAUGHS)}),
        "entities in shared strings": raw_xlsx(
            {"Data": sheet_xml(_good_body())}, shared_strings=LAUGHS + "<sst/>"
        ),
        "not a workbook": raw_xlsx({}, workbook_xml="<nope/>")[:200],
    }


@pytest.mark.parametrize("name", list(_hostile()))
def test_a_hostile_workbook_never_reaches_calamine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(_hostile()[name])
    calls: list[str] = []
    read_excel = fastexcel.read_excel

    def recording(source: Any) -> Any:
        calls.append(threading.current_thread().name)
        return read_excel(source)

    monkeypatch.setattr(fastexcel, "read_excel", recording)
    kind, (error, _) = both_ways(path)
    assert kind == "error"
    assert error == "InputError"
    assert calls == []


# --- what the prefetch imports -------------------------------------------------------------------


def test_the_checks_import_neither_polars_nor_pydantic(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "survey.xlsx", {"Data": [HEADER, *ROWS]})
    code = (
        "import sys\n"
        "from mes.io import prefetch\n"
        "from mes.io.head import read_head\n"
        f"early = prefetch.Prefetch({str(path)!r}, None)\n"
        "checked = early._check()\n"
        "info = checked.package.sheets[0]\n"
        "head = read_head(checked.package.heads[info.part], checked.package.strings, 10)\n"
        "assert prefetch.guess_header_row(head) == 1\n"
        "print(sorted(m for m in ('polars', 'pydantic', 'mes.errors') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
