"""Validation's answers as small integers, and the text it lets go, without changing a figure
or a message: held to plain-Python computations and to the cells' own text."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from mes import pipeline
from mes.errors import DataError
from mes.instrument import Instrument, parse_instrument
from mes.scoring import MES, score_persons, trait_column
from mes.settings import Settings
from mes.table import ROW
from mes.validation import (
    RESPONDENT,
    _parse_column,
    _Range,
    answer_dtype,
    item_column,
    outcome_column,
    validate,
)
from tests.conftest import make_table

MES5 = ("signals", "room", "criticism", "feedback", "speed")
HEADER = "id;afdeling;team;" + ";".join(MES5)

#: Three traits: two items (one reversed), three items, one item; scale 0-10.
WIDE = """
id = "wide"
name = "Wide"
[scale]
min = 0
max = 10
[[traits]]
key = "a"
name = "A"
[[traits.items]]
key = "a1"
[[traits.items]]
key = "a2"
reverse = true
[[traits]]
key = "b"
name = "B"
[[traits.items]]
key = "b1"
[[traits.items]]
key = "b2"
[[traits.items]]
key = "b3"
[[traits]]
key = "c"
name = "C"
[[traits.items]]
key = "c1"
"""


def _approx(value: float | None) -> object:
    return None if value is None else pytest.approx(value, rel=1e-15, abs=1e-13)


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("low", "high", "dtype"),
    [
        (1, 5, pl.UInt8),
        (0, 10, pl.UInt8),
        (0, 255, pl.UInt8),
        (0, 256, pl.UInt16),
        (-3, 3, pl.Int8),
        (-128, 127, pl.Int8),
        (-129, 0, pl.Int16),
        (1, 1000, pl.UInt16),
        (0, 70_000, pl.UInt32),
        (-40_000, 1, pl.Int32),
        (0, 2**40, pl.Int64),
    ],
)
def test_answers_take_the_smallest_integer_type_of_their_range(
    low: int, high: int, dtype: type[pl.DataType]
) -> None:
    chosen = answer_dtype(low, high)
    assert chosen == dtype
    # It holds both ends (a strict cast refuses anything it cannot hold).
    assert pl.Series([low, high]).cast(chosen, strict=True).to_list() == [low, high]


@pytest.mark.parametrize(("low", "high"), [(-3, 3), (0, 10), (1, 1000), (-200, 200)])
def test_answers_on_any_scale_are_read_as_the_text_parser_reads_them(low: int, high: int) -> None:
    texts = ["-3", "-1", "0", "3", "7", "127", "128", "200", "255", "256", "999", "1000", "1001"]
    column = pl.Series("c0", [*texts, "", None, "x", "2,0"], dtype=pl.String)
    answers = _Range(low, high, {}, (), frozenset())
    numbers, status, value = _parse_column(column, answers)
    frame = column.to_frame() if numbers is None else column.to_frame().with_columns(numbers)
    got = frame.select(status.alias("status"), value.alias("value"))
    assert got.schema["value"] == answer_dtype(low, high)
    # By hand: a whole number in low..high is itself, any other text is not an answer.
    want = []
    for text in column.to_list():
        number = None if text in (None, "", "x") else float(text.replace(",", "."))
        ok = number is not None and low <= number <= high
        want.append(int(number) if ok and number is not None else None)
    assert got["value"].to_list() == want
    assert [s == 0 for s in got["status"].to_list()] == [w is not None for w in want]


def test_a_csv_scores_from_small_integers_as_plain_python_does(tmp_path: Path) -> None:
    rng = random.Random(15)
    lines, expected = [HEADER], {}
    for person in range(1, 401):
        answers = [rng.choice([None, 1, 2, 3, 4, 5, 5, 4]) for _ in MES5]
        if all(a is None for a in answers):
            answers[0] = 3
        cells = ["" if a is None else str(a) for a in answers]
        if person % 50 == 0 and answers[1] == 5:
            cells[1] = "Helemaal mee eens"  # a label: parsed from its text, 5
        if person % 40 == 0 and answers[2] == 4:
            cells[2] = "4,0"  # a decimal comma: 4
        lines.append(f"{person};Dept {person % 3};Team {person % 7};" + ";".join(cells))
        # By hand: each trait 100 * (answer - 1) / 4; the MES the mean of all five.
        traits = [None if a is None else 100.0 * (a - 1) / 4 for a in answers]
        full = None if None in traits else sum(t for t in traits if t is not None) / 5
        expected[str(person)] = (traits, full)
    scored = pipeline.scored_file(str(_write(tmp_path / "survey.csv", lines)))
    frame = scored.responses.frame
    assert {frame.schema[item_column(k)] for k in MES5} == {pl.UInt8}
    for row in scored.persons.iter_rows(named=True):
        traits, full = expected[row[RESPONDENT]]
        assert [row[trait_column(k)] for k in MES5] == traits
        assert row[MES] == (None if full is None else pytest.approx(full, rel=1e-15))


def test_multi_item_traits_on_0_10_score_from_small_integers_as_plain_python_does() -> None:
    ins = parse_instrument(WIDE, "wide.toml")
    keys = ["a1", "a2", "b1", "b2", "b3", "c1"]
    rng = random.Random(3)
    rows = []
    for person in range(1, 301):
        answers = [rng.choice([None, *range(11)]) for _ in keys]
        rows.append([str(person), "T", *("" if a is None else str(a) for a in answers)])
    responses = validate(make_table(rows, ("id", "team", *keys)), ins)
    assert {responses.frame.schema[item_column(k)] for k in keys} == {pl.UInt8}
    persons = score_persons(responses.frame, ins, Settings())
    for (_, _, *cells), row in zip(rows, persons.iter_rows(named=True), strict=True):
        got = dict(zip(keys, (None if c == "" else int(c) for c in cells), strict=True))
        got["a2"] = None if got["a2"] is None else 10 - got["a2"]  # reversed: min + max - x
        for trait, items, need in (("a", ["a1", "a2"], 1), ("b", ["b1", "b2", "b3"], 2)):
            values = [got[i] for i in items if got[i] is not None]
            want = 100.0 * (sum(values) / len(values)) / 10 if len(values) >= need else None
            assert row[trait_column(trait)] == (None if want is None else pytest.approx(want))
        c1 = got["c1"]
        assert row[trait_column("c")] == _approx(None if c1 is None else 100.0 * c1 / 10)


SEVEN = """
id = "seven"
name = "Seven"
[scale]
min = 1
max = 7
[[traits]]
key = "r"
name = "R"
[[traits.items]]
key = "r1"
reverse = true
[[traits]]
key = "s"
name = "S"
[[traits.items]]
key = "s1"
"""


def test_single_item_traits_score_every_point_as_plain_python_does() -> None:
    ins = parse_instrument(SEVEN, "seven.toml")
    points = [None, *range(1, 8)]
    rows = [[str(i + 1), "T", "" if a is None else str(a), "" if b is None else str(b)]
            for i, (a, b) in enumerate(zip(points, reversed(points), strict=True))]  # fmt: skip
    responses = validate(make_table(rows, ("id", "team", "r1", "s1")), ins)
    persons = score_persons(responses.frame, ins, Settings())
    # By hand: reversed 1 + 7 - x, then 100 * (x - 1) / 6.
    want_r = [None if a is None else 100.0 * (1 + 7 - a - 1) / 6 for a in points]
    want_s = [None if b is None else 100.0 * (b - 1) / 6 for b in reversed(points)]
    assert persons[trait_column("r")].to_list() == [_approx(w) for w in want_r]
    assert persons[trait_column("s")].to_list() == [_approx(w) for w in want_s]
    # Bit for bit the figures of Float64 answers (computed over the people, not looked up).
    items = [item_column("r1"), item_column("s1")]
    floats = responses.frame.with_columns(pl.col(items).cast(pl.Float64))
    from_floats = score_persons(floats, ins, Settings())
    assert from_floats.drop(items).equals(persons.drop(items))


def test_outcomes_are_small_integers_validated_and_float_when_scored(mes5: Instrument) -> None:
    headers = ("id", "team", *MES5, "energie")
    rows = [[str(i), "T", "4", "4", "4", "4", "4", str(i % 10 + 1)] for i in range(1, 12)]
    rows[3][-1] = ""
    responses = validate(make_table(rows, headers), mes5)
    energy = outcome_column("energy")
    assert responses.frame.schema[energy] == pl.UInt8
    persons = score_persons(responses.frame, mes5, Settings())
    assert persons.schema[energy] == pl.Float64
    assert persons[energy].to_list() == [None if r[-1] == "" else float(r[-1]) for r in rows]


@pytest.mark.parametrize("bad", ["07", "6", "veel", "3,5"])
def test_one_bad_cell_among_whole_numbers_is_named_by_its_text(tmp_path: Path, bad: str) -> None:
    lines = [HEADER] + [f"{i};D;T;4;3;5;4;2" for i in range(1, 200)]
    lines[120] = f"120;D;T;4;{bad};5;4;2"  # file row 121, column E (room)
    path = _write(tmp_path / "survey.csv", lines)
    with pytest.raises(DataError) as exc:
        pipeline.score_file(str(path))
    (issue,) = [i for i in exc.value.issues if i.location.cell == "E121"]
    assert issue.location.row == 121
    assert issue.location.column == "room"
    assert (repr(bad) if bad == "veel" else bad) in issue.message
    if bad == "07":  # its own text, not the number it reads as
        assert "'07'" in issue.message or issue.message.startswith("07")


def test_with_skip_invalid_the_other_rows_score_and_the_bad_row_is_named(tmp_path: Path) -> None:
    lines = [HEADER] + [f"{i};D;T;4;3;5;4;2" for i in range(1, 31)]
    lines[7] = "7;D;T;4;9;5;4;2"
    report = pipeline.score_file(
        str(_write(tmp_path / "survey.csv", lines)), pipeline.ReadOptions(skip_invalid=True)
    )
    assert report.source.skipped == 1
    (skipped,) = [i for i in report.issues if i.code == "answer-out-of-range"]
    assert skipped.location.cell == "E8"


def test_compact_keeps_what_scoring_reads_and_drops_the_text(mes5: Instrument) -> None:
    rows = [[str(i), "D", "T", "4", "3", "5", "4", "2"] for i in range(1, 6)]
    responses = validate(make_table(rows), mes5)
    assert responses.table.frame.height == 5  # the ids' text, for following people
    frame = responses.frame.with_columns(pl.col(ROW))
    compact = responses.compact(ids=False)
    assert RESPONDENT not in compact.frame.columns
    assert compact.frame.equals(frame.drop(RESPONDENT))
    assert compact.table.frame.height == 0
    assert compact.table.headers == responses.table.headers
    assert compact.table.locate(3, 4) == responses.table.locate(3, 4)
    assert responses.compact().frame.equals(frame)
    assert all(s.n_chunks() == 1 for s in compact.frame.get_columns())


def test_the_command_line_asks_polars_allocator_to_return_freed_memory() -> None:
    env = {k: v for k, v in os.environ.items() if k != "_RJEM_MALLOC_CONF"}
    code = "import os, mes.cli; print(os.environ['_RJEM_MALLOC_CONF'])"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "muzzy_decay_ms:0"
    env["_RJEM_MALLOC_CONF"] = "dirty_decay_ms:0"  # a user's own setting is kept
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "dirty_decay_ms:0"


def test_polars_allocator_takes_the_setting() -> None:
    env = {k: v for k, v in os.environ.items() if k != "_RJEM_MALLOC_CONF"}
    code = (
        "import os, mes.cli\n"
        "os.environ['_RJEM_MALLOC_CONF'] += ',stats_print:true,stats_print_opts:mdablxe'\n"
        "import polars\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    if "opt.muzzy_decay_ms" not in out.stderr:
        pytest.skip("polars is not built with jemalloc here (its allocator prints no options)")
    assert "opt.muzzy_decay_ms: 0 " in out.stderr


def test_the_library_leaves_the_process_as_it_is() -> None:
    # The allocator setting and the collector's thresholds belong to the command line's process;
    # a program that imports mes's core keeps its own.
    env = {k: v for k, v in os.environ.items() if k != "_RJEM_MALLOC_CONF"}
    code = (
        "import gc, os, mes.report, mes.pipeline\n"
        "print(os.environ.get('_RJEM_MALLOC_CONF'), gc.get_threshold())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    allocator, thresholds = out.stdout.strip().split(" ", 1)
    assert "muzzy_decay_ms:0" not in allocator  # polars' own default, if polars sets one
    assert thresholds == str((700, 10, 10))
