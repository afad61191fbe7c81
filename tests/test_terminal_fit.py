"""Terminal tables fit the console: golden text at 80, 100 and 120 columns for every table
command in English and Dutch, and properties that hold at any width (`mes.render.terminal.fit`):
no line longer than the width, no trailing spaces, no two different names shown alike, every
column left out named under the table, operators and numbers never split from their operands.

``MES_UPDATE_GOLDEN=1 pytest tests/test_terminal_fit.py`` rewrites the golden files; read the diff.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text
from typer.testing import CliRunner, Result

from mes.cli.app import app
from mes.messages import message
from mes.render.terminal.fit import (
    KEEP,
    NAME_CAP,
    Column,
    Fold,
    Name,
    band_style,
    emit,
    emit_fitted,
    fit_table,
    fold_header,
    wrap,
)
from tests.conftest import MES5_HEADERS

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"
runner = CliRunner()

Q1, Q2, Q3 = (f"sample_data/2026-Q{i}.xlsx" for i in (1, 2, 3))
COMMANDS = {
    "score": ("score", Q3),
    "score-by": ("score", Q3, "--by", "rol"),
    "diff": ("diff", Q2, Q3),
    "trend": ("trend", Q1, Q2, Q3),
    "mirror": (
        "mirror", "sample_data/2026-Q3-mirror-employees.xlsx", "sample_data/2026-Q3-customers.xlsx"
    ),
    "link-full": (
        "link", Q3, "sample_data/2026-Q3-customers.xlsx", "--previous", Q2,
        "sample_data/2026-Q2-customers-teams.xlsx", "--earlier", Q1,
    ),
    "drivers": ("drivers", Q3),
    "columns": ("columns", Q3),
}  # fmt: skip
WIDTHS = (80, 100, 120)


def run(args: tuple[str, ...], columns: int, **env: str) -> Result:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns), "NO_COLOR": "1", **env})
    assert result.exit_code == 0, f"{result.exit_code}\n{result.stdout}\n{result.stderr}"
    return result


def check_lines(text: str, width: int) -> None:
    for line in text.splitlines():
        assert len(line) <= width, f"{len(line)} > {width}: {line!r}"
        assert line == line.rstrip(), f"trailing space: {line!r}"


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_tables_match_golden_text_and_fit(
    command: str, columns: int, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # file names in titles as a user types them
    text = run((*COMMANDS[command], "--lang", lang), columns).stdout
    golden = GOLDEN / f"{command}-{lang}-{columns}.txt"
    if os.environ.get("MES_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    check_lines(text, columns)


def test_at_80_columns_diff_and_trend_keep_numbers_and_verdicts_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    diff = run(COMMANDS["diff"], 80).stdout
    row = next(line for line in diff.splitlines() if "Klantcontact Zuid" in line)
    assert re.search(r"19 → 21 +51\.3 → 67\.9 +↑ \+16\.5 +rising$", row), row
    trend = run(COMMANDS["trend"], 80).stdout
    row = next(line for line in trend.splitlines() if "Schade Particulier" in line)
    assert re.search(r"71\.4 .*67\.1 .*50\.8 .*↓ -16\.3 +falling$", row), row
    assert "…" not in row


def test_score_at_80_columns_says_what_was_left_out_and_suppressed_rows_say_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    text = run(COMMANDS["score"], 80).stdout
    assert "Left out to fit 80 columns: (n) of each figure, 95% CI, favourable shares, Focus" in (
        " ".join(text.split())
    )
    assert next(line for line in text.splitlines() if "Fraudeonderzoek" in line).endswith(
        "suppressed"
    )
    wide = run(COMMANDS["score"], 120).stdout
    # At 120 columns only the "(n)" beside figures that rest on fewer people gives way.
    assert "Left out to fit 120 columns: (n) of each figure;" in " ".join(wide.split())
    assert "Klantcontact Noord-Oost" in wide


def _long_names_csv(tmp_path: Path) -> str:
    """Teams whose names only differ at the end, long enough to be cut at 80 columns."""
    teams = [
        ("Klantenservice", "Klantcontact Noord-Oost Regio Twente"),
        ("Klantenservice", "Klantcontact Noord-Oost Regio Drenthe"),
        ("Klantenservice", "Klantcontact Zuid"),
    ]
    rows = [";".join(MES5_HEADERS)]
    for t, (dept, team) in enumerate(teams):
        for i in range(6):
            answers = [str(1 + (i + t + j) % 5) for j in range(5)]
            rows.append(";".join([f"p{t}{i}", dept, team, *answers]))
    path = tmp_path / "long.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def long_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The file's name as a user types it in its folder, so the title does not vary."""
    _long_names_csv(tmp_path)
    monkeypatch.chdir(tmp_path)
    return "long.csv"


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("columns", WIDTHS)
def test_cut_names_stay_distinct_and_are_listed_in_full(
    long_names: str, columns: int, lang: str
) -> None:
    text = run(("score", long_names, "--lang", lang), columns).stdout
    golden = GOLDEN / f"score-cut-{lang}-{columns}.txt"
    if os.environ.get("MES_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    check_lines(text, columns)
    rows = [line for line in text.splitlines() if re.match(r"^    \S", line)]
    shown = [re.split(r"\s{2,}", row.strip())[0] for row in rows]
    assert len(set(shown)) == len(shown) == 3, shown
    flat = " ".join(text.split())
    for name in shown:
        if "…" in name:
            assert f"{name} = Klantcontact" in flat  # the full name is listed below the table


def test_individuals_in_the_terminal_say_where_the_people_are(tmp_path: Path) -> None:
    path = _long_names_csv(tmp_path)
    result = run(("score", path, "--individuals"), 80)
    assert "18 per-person rows" in result.stderr
    assert "--format json" in result.stderr
    assert "P001" not in result.stdout  # no person in the table
    dutch = run(("score", path, "--individuals", "--lang", "nl"), 80)
    assert "18 rijen per persoon" in dutch.stderr


def test_colour_follows_the_terminal_and_no_color(tmp_path: Path) -> None:
    path = _long_names_csv(tmp_path)
    coloured = run(("score", path), 120, FORCE_COLOR="1", NO_COLOR="")
    assert "\x1b[" in coloured.stdout
    for line in coloured.stdout.splitlines():
        plain = re.sub(r"\x1b\[[0-9;]*m", "", line)
        assert plain == plain.rstrip()
    assert "\x1b[" not in run(("score", path), 120).stdout  # NO_COLOR=1
    json_out = run(("score", path, "--format", "json"), 120, FORCE_COLOR="1", NO_COLOR="")
    assert "\x1b[" not in json_out.stdout


def test_bands_follow_the_thresholds() -> None:
    assert band_style(75.0) == "green"
    assert band_style(74.9) == ""
    assert band_style(50.0) == ""
    assert band_style(49.9) == "yellow"
    assert band_style(25.0) == "red"
    assert band_style(None) == ""
    assert band_style(80.0, favourable=85.0) == ""


# --- Properties of the fitting itself ---------------------------------------------------------

_name_text = st.text(alphabet="ab -", min_size=1, max_size=30).map(str.strip).filter(bool)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[Name], list[Column]]:
    names = draw(st.lists(_name_text, min_size=1, max_size=8, unique=True))
    rows = [Name("Klantcontact " + n, draw(st.sampled_from([0, 2, 4]))) for n in names]
    columns = []
    for i in range(draw(st.integers(1, 8))):
        cells = [draw(st.text(alphabet="0123456789.%", min_size=1, max_size=9)) for _ in rows]
        rank = draw(st.sampled_from([5, 10, 20, 30, 50, KEEP]))
        folds = ()
        if draw(st.booleans()):
            folds = (Fold(draw(st.sampled_from([5, 10, 30])), cells=[c[:2] for c in cells],
                          lost=f"detail {i}"),)  # fmt: skip
        columns.append(Column(f"Col {i}", cells, rank, folds=folds))
    return rows, columns


@settings(max_examples=150, deadline=None)
@given(tables(), st.integers(40, 160))
def test_fit_table_properties(table: tuple[list[Name], list[Column]], width: int) -> None:
    names, columns = table
    fitted = fit_table("Group", names, columns, width)
    out = io.StringIO()
    console = Console(file=out, width=width, no_color=True, highlight=False)
    emit_fitted(console, fitted)
    text = out.getvalue()
    lines = text.splitlines()
    assert all(line == line.rstrip() for line in lines)
    keep_only = sum(max(len(c.header), *(len(x) for x in c.cells)) + 2
                    for c in columns if c.rank == KEEP)  # fmt: skip
    if keep_only + 4 + 12 + 8 <= width:  # the most compact layout fits: so does every line
        assert max(len(line) for line in lines) <= width
    shown = [fitted.cut.get(n.text, n.text) for n in names]
    assert len(set(shown)) == len(shown)  # different names never read alike
    for full, short in fitted.cut.items():
        listed = " ".join(f"{short} = {full}".split())
        assert short != full
        assert listed in " ".join(text.split())
    headers = [str(c.header) for c in fitted.table.columns[1:]]
    notes = " ".join(" ".join(fitted.notes).split())
    for column in columns:
        if column.header not in headers:
            assert column.header in notes  # every column left out is named


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["≥ 75", "p < 0.05", "5 points", "word", "a", "longerword",
                              "+0.1 … +0.9", "(≥ 75;"]), min_size=1, max_size=30),
    st.integers(20, 100),
)  # fmt: skip
def test_wrap_never_splits_operators_or_numbers_from_units(parts: list[str], width: int) -> None:
    text = "; ".join(parts)
    lines = wrap(text, width)
    assert all(len(line) <= width and line == line.rstrip() for line in lines)
    assert " ".join(" ".join(lines).split()) == " ".join(text.split())  # nothing lost
    for line in lines:
        assert not re.search(r"(^|\s)(≥|<|…)$", line), line  # no operator at a line's end
        assert not re.match(r"^(≥|<|…)\s", line) or line.startswith("≥ 75"), line
        assert not re.search(r"(^|\s)5$", line), line  # "5 points" stays together
        assert not re.match(r"^points", line), line


def test_fold_header_breaks_words_between_syllables() -> None:
    assert fold_header("Klantsignalen") == "Klant-\nsignalen"
    assert fold_header("Feedback") == "Feed-\nback"
    assert fold_header("Snelheid") == "Snel-\nheid"
    assert fold_header("Customer signals") == "Customer\nsignals"
    assert fold_header("Room") == "Room"


def test_no_trailing_spaces_even_in_styled_wrapped_text() -> None:
    out = io.StringIO()
    console = Console(file=out, width=30, force_terminal=True, color_system="standard")
    emit(console, Text("word " * 20, style="dim"))
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())
    assert all(line == line.rstrip() for line in plain.splitlines())


def test_issues_wrap_at_words_in_a_terminal_and_stay_one_line_elsewhere() -> None:
    from mes.errors import warning
    from mes.render.terminal.issues import render_issues

    issue = warning("incomplete-respondents", message("word " * 40 + "end"))
    out = io.StringIO()
    render_issues([issue], Console(file=out, width=50, force_terminal=True, no_color=True))
    lines = out.getvalue().splitlines()
    assert len(lines) > 1
    assert all(len(line) <= 50 and line == line.rstrip() for line in lines)
    assert all(not line.startswith("ord") for line in lines)  # no word split
    piped = io.StringIO()
    render_issues([issue], Console(file=piped, width=50, no_color=True))
    assert len(piped.getvalue().splitlines()) == 1


@pytest.mark.parametrize("columns", [83, 97, 131])
@pytest.mark.parametrize("command", ["score-by", "diff", "trend"])
def test_any_width_fits_without_trailing_spaces_or_equal_names(
    command: str, columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    text = run((*COMMANDS[command], "--lang", "nl"), columns).stdout
    check_lines(text, columns)
    rows = [line for line in text.splitlines() if re.match(r"^ {2,4}\S", line)]
    names = [re.split(r"\s{2,}", row.strip())[0] for row in rows]
    shortened = [name for name in names if "…" in name]
    assert len(set(shortened)) == len(shortened)
    for name in shortened:
        assert f"{name} = " in " ".join(text.split())


# --- Long group names in the drivers and outcome change tables ----------------------------------

LONG = (
    "Klantcontact en Schadebehandeling Regio Noord-Oost",
    "Klantcontact en Schadebehandeling Regio Zuid-West",
)


def _long_name_quarters(folder: Path) -> list[str]:
    """Three quarters of 80 people in two teams with names of 49 and 50 characters, with energy
    and eNPS (the generator of tests/test_outcomes.py)."""
    from tests.test_outcomes import HEADERS, answers

    files = []
    for i, seed in enumerate((11, 12, 13)):
        rows = answers(seed, 80, 0.03)
        lines = [";".join(HEADERS)]
        for j, row in enumerate(rows):
            lines.append(";".join([LONG[j % 2], *(c or "" for c in row[1:])]))
        path = folder / f"q{i}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(str(path))
    return files


def _cut_names_listed(text: str) -> list[str]:
    """The shortened names in the table rows, each checked to be distinct and listed in full."""
    rows = [line for line in text.splitlines() if re.match(r"^ {2,4}\S", line)]
    shortened = [re.split(r"\s{2,}", row.strip())[0] for row in rows]
    shortened = [name for name in shortened if "…" in name]
    flat = " ".join(text.split())
    for name in set(shortened):
        head, tail = name.split("…")
        full = next(n for n in LONG if n.startswith(head) and n.endswith(tail))
        assert f"{name} = {full}" in flat, name
    return shortened


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_outcome_change_table_cuts_long_names_and_keeps_figures_whole(
    lang: str, tmp_path: Path
) -> None:
    q0, q1, q2 = _long_name_quarters(tmp_path)
    for args in (("diff", q1, q2), ("trend", q0, q1, q2)):
        text = run((*args, "--lang", lang), 80).stdout
        check_lines(text, 80)
        title = "Change in the outcomes" if lang == "en" else "Verandering in de uitkomsten"
        table = text.split(title + "\n")[1].split("\n")
        body = [line for line in table[2:] if re.match(r"^ {2}\S", line)]
        assert len(body) == 2, table
        for line in body:  # old→new and the change with its arrow, whole, for both outcomes
            assert re.search(r"\d\.\d→\d\.\d +[+-]\d\.\d [↑↓→] +-?\d+→-?\d+ +[+-]\d+ [↑↓→]$", line)
        cut = _cut_names_listed(text)
        # The outcome table cuts a name as the MES change table above it does (its first rows).
        teams = [line for line in text.splitlines() if re.match(r"^ {2}\S", line)]
        first = [re.split(r"\s{2,}", line.strip())[0] for line in teams[:2]]
        names_in_outcomes = [re.split(r"\s{2,}", line.strip())[0] for line in body]
        assert sorted(names_in_outcomes) == sorted(first)
        assert len(set(names_in_outcomes)) == 2
        assert set(names_in_outcomes) <= set(cut)
    wide = run(("diff", q1, q2, "--lang", lang), 160).stdout
    check_lines(wide, 160)
    table = wide.split(title + "\n")[1].split("\n")
    body = [line for line in table[2:] if re.match(r"^ {2}\S", line)]
    assert len(body) == 2
    for line in body:  # at 160 columns the intervals are shown too
        assert re.search(r"[+-]\d\.\d [↑↓→] +[+-]\d\.\d…[+-]\d\.\d +-?\d+→", line), line


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("columns", [60, 80, 120])
def test_drivers_with_long_names_fit_and_list_the_cut_names(
    lang: str, columns: int, tmp_path: Path
) -> None:
    q0, *_ = _long_name_quarters(tmp_path)
    text = run(("drivers", q0, "--lang", lang), columns).stdout
    check_lines(text, columns)
    group = "Per group" if lang == "en" else "Per groep"
    table = text.split(group)[1]
    rows = [line for line in table.splitlines() if re.match(r"^ {2}\S", line)]
    assert len(rows) == 2
    shortened = _cut_names_listed(text)
    assert len(set(shortened)) == len(shortened)
    if columns == 120:  # room enough: every trait shown; names cut only at the cap of fit.py
        assert all(len(re.findall(r"\d+%", row)) == 5 for row in rows)
        assert all(len(name) == NAME_CAP - 2 for name in shortened)


def test_drivers_leave_out_the_weakest_drivers_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = run(("drivers", Q3, "--by", "rol"), 60).stdout
    check_lines(text, 60)
    # The organisation's shares: Room 35%, Speed 26%, Customer signals 17%, Feedback 13%,
    # Criticism 10% (the trait table above). The two weakest give way.
    assert "Left out to fit 60 columns: Criticism, Feedback;" in " ".join(text.split())
    header = next(line for line in text.splitlines() if line.startswith("Group"))
    assert "Room" in header
    assert "Speed" in header
