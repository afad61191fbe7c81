"""The fast ways of reading a workbook give what the plain way gives, cell for cell.

`mes.io.xlsx` loads a sheet typed under a header found by `mes.io.head` whenever it can (see
`mes.io.typed`), and as text otherwise. Every test here reads a workbook both ways, the plain way
forced by switching the typed plan off, and compares the whole outcome: the `RawTable` (headers,
every cell, row numbers, column letters, notes) or the error and its issues.
"""

from __future__ import annotations

import io
import logging
import math
import struct
import tracemalloc
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import fastexcel
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_fixtures import inline_row, raw_xlsx, read, scorer, sheet_xml, write_xlsx

from mes.columns import make_header_scorer
from mes.errors import MesError
from mes.instrument import builtin, load_instrument
from mes.io import read_table, safety, typed
from mes.io.head import SharedStrings, float_text, read_head, string_item
from mes.table import HeaderScorer, RawTable
from tests.examples.build import build_all

Outcome = tuple[str, Any]


def outcome(path: Path | str, header_scorer: HeaderScorer, sheet: str | None = None) -> Outcome:
    """What reading gives, in a form two reads can be compared by."""
    try:
        table = read_table(str(path), sheet=sheet, header_scorer=header_scorer)
    except MesError as exc:
        return "error", (type(exc).__name__, [(i.code, i.message, i.location) for i in exc.issues])
    return "table", table_form(table)


def table_form(table: RawTable) -> dict[str, Any]:
    """A table in a form two reads can be compared by (every reader test uses it)."""
    return {
        "source": table.source,
        "kind": table.kind,
        "headers": table.headers,
        "sheet": table.sheet,
        "header_row": table.header_row,
        "column_refs": table.column_refs,
        "notes": table.notes,
        "schema": table.frame.schema,
        "rows": table.frame.rows(),
    }


@pytest.fixture
def typed_loads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each sheet load went the typed way (True) or fell back to text (False)."""
    used: list[bool] = []
    load_typed = typed.load

    def recording(*args: Any, **kwargs: Any) -> Any:
        loaded = load_typed(*args, **kwargs)
        used.append(loaded is not None)
        return loaded

    monkeypatch.setattr(typed, "load", recording)
    return used


def both_ways(
    path: Path | str,
    monkeypatch: pytest.MonkeyPatch,
    header_scorer: HeaderScorer = scorer,
    sheet: str | None = None,
) -> Outcome:
    """Read ``path`` the fast way and the plain way; they must agree. The fast way's outcome."""
    fast = outcome(path, header_scorer, sheet)
    with monkeypatch.context() as patch:
        patch.setattr(typed, "plan", lambda *args: None)
        plain = outcome(path, header_scorer, sheet)
    assert fast == plain
    return fast


# --- the example corpus --------------------------------------------------------------------------


def _option(args: Sequence[str], name: str) -> str | None:
    return args[args.index(name) + 1] if name in args else None


@pytest.mark.slow  # builds the whole example corpus and reads it with both readers
def test_every_example_reads_the_same_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed_loads: list[bool]
) -> None:
    workbooks = 0
    for case in build_all(tmp_path):
        instrument_path = _option(case.args, "--instrument")
        instrument = load_instrument(Path(instrument_path)) if instrument_path else builtin()
        sheet = _option(case.args, "--sheet")
        before = len(typed_loads)
        both_ways(case.path, monkeypatch, make_header_scorer(instrument), sheet)
        workbooks += len(typed_loads) > before
    assert workbooks >= 20
    assert sum(typed_loads) >= 15  # most example workbooks do take the typed way


# --- cells of every kind -------------------------------------------------------------------------

NUMBERS = [
    "1", "3", "-4", "0", "-0", "0.1", "4.5", "2.9999999999999996", "29.020000000000003",
    "123456789012", "1E3", "1e-7", "1.23456789012", "0.0009765625", "1e20", "-0.0000000001",
    "9007199254740993", "12345678901234567890", ".5", "5.",
]  # fmt: skip


def test_numbers_of_every_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [inline_row(1, ["Team", "Signals", "Room"])]
    for number, value in enumerate(NUMBERS, start=2):
        rows.append(
            f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>T</t></is></c>'
            f'<c r="B{number}"><v>{value}</v></c><c r="C{number}"><v>{number}</v></c></row>'
        )
    path = tmp_path / "n.xlsx"
    path.write_bytes(raw_xlsx({"Data": sheet_xml("<sheetData>" + "".join(rows) + "</sheetData>")}))
    kind, table = both_ways(path, monkeypatch)
    assert kind == "table"
    assert table["rows"][0][1] == "1"


def test_openpyxl_values_of_every_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    data = [
        ["Export 2026", dt.datetime(2026, 4, 1, 9, 30), True],
        ["Team", "Signals", "When", "Flag", "Big", "Mixed", "Time"],
        ["Sales", 2.9999999999999996, dt.datetime(2026, 4, 1, 9, 30, 1, 250_000), True, 1e15, 1],
        ["  IT ", 4.5, dt.date(2026, 4, 2), False, 0.1, "n.v.t.", dt.time(12, 30)],
        [None, -0.0, None, None, -3.0, 2.5, dt.timedelta(hours=30)],
    ]
    both_ways(write_xlsx(tmp_path / "v.xlsx", {"Data": data}), monkeypatch)


@pytest.mark.parametrize(
    ("answer", "cell"),
    [
        ("NA", '<c r="B3" t="inlineStr"><is><t>NA</t></is></c>'),
        ("padded", '<c r="B3" t="inlineStr"><is><t> n/a </t></is></c>'),
        ("nan", '<c r="B3" t="inlineStr"><is><t>nan</t></is></c>'),
        ("null text result", '<c r="B3" t="str"><f>"null"</f><v>null</v></c>'),
        ("runs", '<c r="B3" t="inlineStr"><is><r><t>N</t></r><r><t>A</t></r></is></c>'),
        ("escape", '<c r="B3" t="inlineStr"><is><t>_x004E_A</t></is></c>'),
        ("reference", '<c r="B3" t="inlineStr"><is><t>&#78;A</t></is></c>'),
        ("cdata", '<c r="B3" t="inlineStr"><is><t><![CDATA[NA]]></t></is></c>'),
        ("boolean", '<c r="B3" t="b"><v>1</v></c>'),
        ("iso date", '<c r="B3" t="d"><v>2026-04-01T09:30:00</v></c>'),
        ("error", '<c r="B3" t="e"><v>#N/A</v></c>'),
        ("number as text", '<c r="B3" t="inlineStr"><is><t>4</t></is></c>'),
        ("nan number", '<c r="B3"><v>NaN</v></c>'),
        ("infinite", '<c r="B3"><v>1e999</v></c>'),
    ],
)
def test_cells_a_number_column_must_not_lose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str, cell: str
) -> None:
    body = (
        "<sheetData>"
        + inline_row(1, ["Team", "Signals"])
        + inline_row(2, ["Sales", 4])
        + f'<row r="3"><c r="A3" t="inlineStr"><is><t>IT</t></is></c>{cell}</row>'
        + inline_row(4, ["HR", 2])
        + "</sheetData>"
    )
    path = tmp_path / "c.xlsx"
    path.write_bytes(raw_xlsx({"Data": sheet_xml(body)}))
    both_ways(path, monkeypatch)


def test_shared_strings_that_a_number_column_must_not_lose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed_loads: list[bool]
) -> None:
    sst = _sst(["Team", "Signals", "Sales", "N/A"])
    body = (
        '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>4</v></c></row>'
        '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="s"><v>3</v></c></row></sheetData>'
    )
    path = tmp_path / "s.xlsx"
    path.write_bytes(raw_xlsx({"Data": sheet_xml(body)}, shared_strings=sst))
    kind, table = both_ways(path, monkeypatch)
    assert kind == "table"
    assert table["rows"][1][1] == "N/A"
    assert typed_loads == []  # seen before calamine runs: no typed load is tried


def _sst(items: Sequence[str]) -> str:
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    body = "".join(f'<si><t xml:space="preserve">{item}</t></si>' for item in items)
    return f'<?xml version="1.0"?><sst xmlns="{ns}">{body}</sst>'


@pytest.mark.parametrize(
    "member", ["xl/sharedStrings.xml", "xl/SharedStrings.xml", "xl/strings.xml"]
)
def test_shared_strings_wherever_they_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, member: str
) -> None:
    body = (
        '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>4</v></c></row></sheetData>'
    )
    data = raw_xlsx({"Data": sheet_xml(body)}, shared_strings=_sst(["Team", "Signals", "Sales"]))
    if member != "xl/sharedStrings.xml":
        data = _rename_member(data, "xl/sharedStrings.xml", member)
    path = tmp_path / "s.xlsx"
    path.write_bytes(data)
    both_ways(path, monkeypatch)


def _rename_member(data: bytes, old: str, new: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.endswith(".rels"):
                content = content.replace(
                    old.removeprefix("xl/").encode(), new.removeprefix("xl/").encode()
                )
            target.writestr(new if info.filename == old else info.filename, content)
    return out.getvalue()


@pytest.mark.parametrize(
    "header_xml",
    [
        "<t>Team</t>",
        '<t xml:space="preserve">  Team </t>',
        "<t> Team</t>",  # calamine trims this
        "<t>Te&amp;am &lt;1&gt;</t>",
        "<t>Te&#97;m</t>",
        '<r><t>Te</t></r><r><rPr><b/><sz val="11"/></rPr><t>am</t></r>',
        '<t>Team</t><rPh sb="0" eb="1"><t>X</t></rPh>',
        "<t>Te_x000D_am</t>",
        "<t>Te\r\nam</t>",
        "<t>Te\nam</t>",
        "<t/>",
        "",
    ],
)
def test_header_texts_of_every_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header_xml: str
) -> None:
    sst = _sst(["x"]).replace("<si><t>x</t></si>", f"<si>{header_xml}</si><si><t>Signals</t></si>")
    body = (
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Titel</t></is></c></row>'
        '<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c>'
        f'<c r="C3" t="inlineStr"><is>{header_xml}</is></c><c r="D3" t="b"><v>0</v></c>'
        '<c r="E3" t="e"><v>#REF!</v></c><c r="F3"><v>7</v></c></row>'
        + "".join(inline_row(r, ["Sales", r, r, r, r, r]) for r in range(4, 9))
        + "</sheetData>"
    )
    path = tmp_path / "h.xlsx"
    path.write_bytes(raw_xlsx({"Data": sheet_xml(body)}, shared_strings=sst))
    both_ways(path, monkeypatch)


def test_rows_of_the_head_written_again_further_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed_loads: list[bool]
) -> None:
    for name, late in [
        ("row", '<row r="1"><c r="C1" t="inlineStr"><is><t>Room</t></is></c></row>'),
        ("cell", '<row r="30"><c r="C1" t="inlineStr"><is><t>Room</t></is></c></row>'),
    ]:
        body = (
            "<sheetData>"
            + inline_row(1, ["Team", "Signals"])
            + "".join(inline_row(r, ["T", r, r]) for r in range(2, 30))
            + late
            + "</sheetData>"
        )
        path = tmp_path / f"{name}.xlsx"
        path.write_bytes(raw_xlsx({"Data": sheet_xml(body)}))
        kind, table = both_ways(path, monkeypatch)
        assert kind == "table"
        assert table["headers"] == ("Team", "Signals", "Room")
    assert typed_loads == [False, False]


@pytest.mark.parametrize(
    "late",
    [
        '<c r="B{r}" t="e"><v>#N/A</v></c>',
        '<c r="B{r}" t="inlineStr"><is><t>#N/A</t></is></c>',
        '<c r="B{r}"><f>1+1</f></c>',
        '<c r="B{r}" t="inlineStr"><is><t>NA</t></is></c>',
        '<c r="B{r}" t="b"><v>0</v></c>',
        '<c r="D1"><v>7</v></c>',
        '<c r="B{r}"><v>4</v></c>',
    ],
)
def test_what_lies_far_below_the_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed_loads: list[bool], late: str
) -> None:
    # Far enough down to be in a later region of the scan than the head.
    rows = [inline_row(r, ["Sales", r % 5 + 1, 3]) for r in range(2, 40_000)]
    rows[30_000] = f'<row r="30002">{late.format(r=30002)}</row>'
    body = "<sheetData>" + inline_row(1, ["Team", "Signals", "Room"]) + "".join(rows)
    path = tmp_path / "far.xlsx"
    path.write_bytes(raw_xlsx({"Data": sheet_xml(body + "</sheetData>")}))
    both_ways(path, monkeypatch)
    assert typed_loads[0] is not ("inlineStr" in late or 't="b"' in late or "D1" in late)


def test_a_plain_export_takes_the_typed_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed_loads: list[bool]
) -> None:
    data = [["Team", "Signals", "Room"]] + [["Sales", i % 5 + 1, None] for i in range(50)]
    kind, table = both_ways(write_xlsx(tmp_path / "p.xlsx", {"Data": data}), monkeypatch)
    assert kind == "table"
    assert typed_loads == [True]
    assert table["rows"][0] == ("Sales", "1", None, 2)


def test_type_guessing_logs_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, typed_loads: list[bool]
) -> None:
    # fastexcel logs a warning for each column it finds empty while guessing types.
    data = [["Team", "Signals", None, "Room"]] + [["Sales", i % 5 + 1] for i in range(5)]
    caplog.set_level(logging.DEBUG)
    read(write_xlsx(tmp_path / "e.xlsx", {"Data": data}))
    assert typed_loads == [True]
    assert [r.getMessage() for r in caplog.records if r.name.startswith("fastexcel")] == []


# --- random sheets -------------------------------------------------------------------------------

# Shared strings without a text calamine's type guessing reads as empty (with one, no sheet of
# the workbook is loaded typed); inline strings with them too.
_SHARED = ["Team", "Signals", "Room", "Sales", "", "x&amp;y", "3", "Speed", "  Feedback "]
_TEXTS = [*_SHARED[:-1], " IT ", "NA", "n/a", "null", "4.5"]
_PLAIN = st.one_of(
    st.sampled_from(NUMBERS).map(lambda v: ("n", f"<v>{v}</v>")),
    st.sampled_from(NUMBERS).map(lambda v: ("n", f"<v>{v}</v>")),
    st.sampled_from(_TEXTS).map(lambda t: ("inlineStr", f"<is><t>{t}</t></is>")),
    st.sampled_from(_TEXTS).map(
        lambda t: ("inlineStr", f'<is><t xml:space="preserve">{t}</t></is>')
    ),
    st.integers(0, len(_SHARED) - 1).map(lambda i: ("s", f"<v>{i}</v>")),
    st.sampled_from(["#N/A", "#DIV/0!"]).map(lambda v: ("e", f"<v>{v}</v>")),
    st.just(("n", "")),
    st.sampled_from(["1+1", "A1"]).map(lambda f: ("n", f"<f>{f}</f><v>2</v>")),
)
_RARE = st.one_of(
    st.sampled_from(["0", "1"]).map(lambda v: ("b", f"<v>{v}</v>")),
    st.sampled_from(_TEXTS).map(lambda t: ("str", f"<f>A1</f><v>{t}</v>")),
    st.just(("inlineStr", "<is><r><t>Te</t></r><r><t>am</t></r></is>")),
    st.just(("d", "<v>2026-04-01T09:30:00</v>")),
)
_CELLS = st.one_of(_PLAIN, _PLAIN, _PLAIN, _PLAIN, _RARE)


@st.composite
def sheets(draw: st.DrawFn) -> str:
    rows = []
    for number in sorted(draw(st.sets(st.integers(1, 30), min_size=1, max_size=14))):
        cells = []
        for column in sorted(draw(st.sets(st.integers(0, 5), max_size=6))):
            kind, inner = draw(_CELLS)
            ref = f"{'ABCDEF'[column]}{number}"
            cells.append(f'<c r="{ref}" t="{kind}">{inner}</c>' if inner else f'<c r="{ref}"/>')
        rows.append(f'<row r="{number}">{"".join(cells)}</row>')
    if draw(st.integers(0, 9)) == 0:  # a row written again out of order, further on
        number = draw(st.integers(1, 3))
        rows.append(f'<row r="{number}"><c r="F{number}" t="n"><v>9</v></c></row>')
    return "<sheetData>" + "".join(rows) + "</sheetData>"


@pytest.mark.slow  # 150 generated sheets, each read by both readers
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=sheets())
def test_random_sheets_read_the_same_both_ways(body: str) -> None:
    data = raw_xlsx({"Data": sheet_xml(body)}, shared_strings=_sst(_SHARED))
    fast = _outcome_of_bytes(data)
    plan = typed.plan
    typed.plan = lambda *args: None
    try:
        plain = _outcome_of_bytes(data)
    finally:
        typed.plan = plan
    assert fast == plain


def _outcome_of_bytes(data: bytes) -> Outcome:
    try:
        table = read_table("<stdin>", data=data, header_scorer=scorer)
    except MesError as exc:
        return "error", [(i.code, i.message, i.location) for i in exc.issues]
    return "table", table_form(table)


# --- the head reader on its own ------------------------------------------------------------------


def test_float_text_matches_fastexcel() -> None:
    assert float_text(3.0) == "3"
    assert float_text(-0.0) == "-0"
    assert float_text(29.020000000000003) == "29.02"
    assert float_text(1e20) == "100000000000000000000"
    assert not isinstance(float_text(0.1), str) or float_text(0.1) == "0.1"
    assert not isinstance(float_text(0.0009765625), str)  # a tie at the tenth decimal: unclear
    assert not isinstance(float_text(math.nan), str)


def test_string_items() -> None:
    assert string_item(b"<t>a</t>") == "a"
    assert string_item(b'<t xml:space="preserve"> a </t>') == " a "
    assert string_item(b"<r><t>a</t></r><r><rPr><b/></rPr><t>b</t></r>") == "ab"
    assert not isinstance(string_item(b"<t> a</t>"), str)
    assert not isinstance(string_item(b'<t>a</t><rPh sb="0"><t>x</t></rPh>'), str)


def test_head_stops_after_enough_rows() -> None:
    body = "<sheetData>" + "".join(inline_row(r, ["T", r]) for r in range(1, 50)) + "</sheetData>"
    head = read_head(sheet_xml(body).encode(), SharedStrings(head=None), 5)
    assert head is not None
    assert [row.number for row in head.rows] == [1, 2, 3, 4, 5]
    assert not head.complete


# --- the safety pass still comes first -----------------------------------------------------------


def _lying_bomb(real_size: int) -> bytes:
    """A workbook whose sheet declares 100 bytes but unpacks to ``real_size`` bytes."""
    data = bytearray(raw_xlsx({"Data": sheet_xml("<sheetData/>")}))
    stream = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    chunk = b" " * (1024 * 1024)  # compressed piece by piece: never holds real_size bytes
    pieces = [stream.compress(b"<")]
    pieces += [stream.compress(chunk) for _ in range(real_size // len(chunk))]
    pieces.append(stream.compress(b" " * (real_size % len(chunk))))
    body = b"".join(pieces) + stream.flush()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                info.compress_type = zipfile.ZIP_STORED
                target.writestr(info, body)  # stored: the deflate stream goes in as it is
            else:
                target.writestr(info, content)
    return _as_deflated(out.getvalue(), "xl/worksheets/sheet1.xml", declared=100)


def _as_deflated(data: bytes, member: str, *, declared: int) -> bytes:
    """Mark ``member`` (stored) as deflated, declaring ``declared`` bytes unpacked."""
    buffer = bytearray(data)
    name = member.encode()
    for signature, method_at, size_at, name_len_at, name_at in (
        (b"PK\x03\x04", 8, 22, 26, 30),
        (b"PK\x01\x02", 10, 24, 28, 46),
    ):
        at = buffer.find(signature)
        while at >= 0:
            length = struct.unpack_from("<H", buffer, at + name_len_at)[0]
            if buffer[at + name_at : at + name_at + length] == name:
                struct.pack_into("<H", buffer, at + method_at, zipfile.ZIP_DEFLATED)
                struct.pack_into("<I", buffer, at + size_at, declared)
            at = buffer.find(signature, at + 4)
    return bytes(buffer)


def test_a_lying_size_is_refused_before_calamine_and_in_little_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def never(source: object) -> None:
        raise AssertionError("calamine saw the file before it was checked")

    monkeypatch.setattr(fastexcel, "read_excel", never)
    # 200 MB unpacked, about four times the memory allowed below: a reader that trusted the declared
    # size and unpacked the part would fail the memory bound (1 GB proved no more and took 7 s).
    data = _lying_bomb(200_000_000)
    assert len(data) < 400_000
    tracemalloc.start()
    try:
        with pytest.raises(MesError) as caught:
            read_table("<stdin>", data=data, header_scorer=scorer)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [i.code for i in caught.value.issues] == ["corrupt-workbook"]
    assert peak < 48 * 1024 * 1024


def test_parsing_is_announced_once_after_the_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The CLI imports scipy on another thread from this call on: a refused file never makes
    # it, and a workbook makes it once, before calamine loads, however many sheets are tried.
    calls: list[str] = []
    read_excel = fastexcel.read_excel

    def reader(source: bytes) -> object:
        calls.append("calamine")
        return read_excel(source)

    def parsing() -> None:
        calls.append("parsing")

    monkeypatch.setattr(fastexcel, "read_excel", reader)
    with pytest.raises(MesError):
        read_table("<stdin>", data=_lying_bomb(1_000_000), header_scorer=scorer, parsing=parsing)
    assert calls == []

    notes = sheet_xml("<sheetData>" + inline_row(1, ["Read me first"]) + "</sheetData>")
    answers = sheet_xml(
        "<sheetData>" + inline_row(1, ["Team", "Signals"]) + inline_row(2, ["Sales", 4])
        + "</sheetData>"
    )  # fmt: skip
    workbook = tmp_path / "two-sheets.xlsx"
    workbook.write_bytes(raw_xlsx({"Notes": notes, "Answers": answers}))
    read_table(str(workbook), header_scorer=scorer, parsing=parsing)
    assert calls.count("parsing") == 1
    assert calls.index("calamine") < calls.index("parsing")

    calls.clear()
    text = tmp_path / "answers.csv"
    text.write_text("Team;Signals\nSales;4\n", encoding="utf-8")
    read_table(str(text), header_scorer=scorer, parsing=parsing)
    assert calls == ["parsing"]


@pytest.mark.parametrize("cut", range(1, 10))
def test_entities_split_across_chunks_are_found(cut: int) -> None:
    declaration = b"<!DOCTYPE x>"
    pieces = [b"<a>" * 5, declaration[:cut], declaration[cut:], b"<a/>"]
    with pytest.raises(MesError):
        safety.check_stream(iter(pieces), "x.xlsx", "part")
