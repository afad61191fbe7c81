"""Issue 11, items 1, 2, 3 and 6: what mes understands of a file and how it says what it does not.

Column recognition by meaning words (and what must never be taken for a group column), near
misses, ``mes columns``; names merged across spellings; wrong answers reported by value;
instrument files and options in their own words; JSON rounding; control characters in CSV.
Expected values are written out by hand here, never taken from mes.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import polars as pl
import pytest
from rich.cells import cell_len
from typer.testing import CliRunner, Result

from mes.cli.app import app
from mes.columns import map_columns
from mes.errors import DataError, InputError
from mes.headers import dimension_by_meaning, looks_like_person_id, near_miss
from mes.instrument import Instrument, builtin, builtin_toml, parse_instrument
from mes.names import one_name_each
from mes.render.json import rounded, to_json
from mes.report import score
from mes.settings import Settings
from mes.validation import item_column, tree_issues, validate
from tests.conftest import MES5_HEADERS, make_table
from tests.examples.org import STATEMENTS_EN, STATEMENTS_NL
from tests.json_compare import same_json

runner = CliRunner()
GOOD = ["1", "Klantenservice", "Team A", "4", "3", "5", "4", "2"]
FORMS_COLUMNS = (
    "ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "Total points",
    "Quiz feedback", "Grade posted time", "Timestamp", "Email Address", "Score",
)  # fmt: skip


def run(*args: str, code: int = 0, env: dict[str, str] | None = None) -> Result:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == code, (
        f"exit {result.exit_code}, expected {code}\nstdout:\n{result.stdout}\n"
        f"stderr:\n{result.stderr}\nexception: {result.exception!r}"
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def write_csv(path: Path, rows: list[list[str]], headers: tuple[str, ...] = MES5_HEADERS) -> str:
    lines = [";".join(headers)] + [";".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def office(n: int = 6) -> list[list[str]]:
    teams = [("Klantenservice", "Team A"), ("Klantenservice", "Team B"), ("Financiën", "Team C")]
    return [
        [f"p{t}{i}", dept, team, *(str(1 + (i + t + j) % 5) for j in range(5))]
        for t, (dept, team) in enumerate(teams)
        for i in range(n)
    ]


# --- Item 1: columns recognised by the words of their question -----------------------------------


@pytest.mark.parametrize(
    ("header", "dimension"),
    [
        ("In welk team ben je werkzaam?", "team"),
        ("In welk team werk je op dit moment?", "team"),
        ("Which team do you work in?", "team"),
        ("What team are you part of?", "team"),
        ("Naam van je team", "team"),
        ("Your team name", "team"),
        ("Tot welke afdeling behoor je?", "department"),
        ("Bij welke afdeling hoor je?", "department"),
        ("Which department do you belong to?", "department"),
        ("Afdeling waar je werkt", "department"),
        ("What unit do you work in?", "department"),
        ("Onder welke afdeling valt je team?", "department"),  # the one asked for
        ("Wat is jouw rol?", "role"),
        ("Welke functie heb je?", "role"),
    ],
)
def test_group_questions_are_found_by_their_words(header: str, dimension: str) -> None:
    meaning = dimension_by_meaning(header)
    assert meaning is not None
    assert meaning.dimension == dimension


@pytest.mark.parametrize(
    "header",
    [
        *STATEMENTS_NL,
        *STATEMENTS_EN,
        *FORMS_COLUMNS,
        "Hoe tevreden ben je over je team?",
        "What do you think of your team?",
        "Teamgeest",
        "Team spirit",
        "Wie is je teamleider?",
        "Ik voel me thuis in mijn team",
        "Opmerkingen over je afdeling",
    ],
)
def test_statements_and_forms_columns_are_never_group_columns(header: str) -> None:
    assert dimension_by_meaning(header) is None


def test_no_builtin_statement_or_forms_column_is_read_as_a_group(mes5: Instrument) -> None:
    """The whole mapping, not only the word rule: a Forms export with every statement, in Dutch
    and English, and no team or department column, gets none."""
    headers = (*FORMS_COLUMNS, *STATEMENTS_NL, *(f"{s} (EN)" for s in STATEMENTS_EN))
    row = ["1", "x", "y", "a@b.nl", "Anna Jansen", "z", "3", "ok", "t", "t", "c@d.nl", "4"]
    row += ["4"] * 10
    columns = map_columns(make_table([row, row], headers), mes5)
    assert set(columns.dimensions) <= {"id"}
    assert "no-group-columns" in {i.code for i in columns.issues}


def test_a_file_with_other_wordings_is_scored_by_team_and_department(mes5: Instrument) -> None:
    headers = ("ID", "Tot welke afdeling behoor je?", "In welk team ben je werkzaam?")
    table = make_table([GOOD], (*headers, *MES5_HEADERS[3:]))
    columns = map_columns(table, mes5)
    assert columns.dimensions == {"id": 0, "department": 1, "team": 2}
    assert columns.how[2] == ("@team", "meaning")


def test_a_column_of_answers_is_never_a_group_column(mes5: Instrument) -> None:
    """'Your team' asked as a 1-5 question is an unknown question, not the team column."""
    headers = ("id", "afdeling", *MES5_HEADERS[3:], "Your team")
    rows = [[str(i), "KS", "4", "3", "5", "4", "2", str(1 + i % 5)] for i in range(10)]
    columns = map_columns(make_table(rows, headers), mes5)
    assert "team" not in columns.dimensions
    named = [["1", "KS", "4", "3", "5", "4", "2", "Telefonie"]] * 2
    assert map_columns(make_table(named, headers), mes5).dimensions["team"] == 7


def test_warning_when_a_team_column_seems_present_but_is_not_read(mes5: Instrument) -> None:
    headers = ("id", "afdeling", "Team (kies uit de lijst hieronder)", *MES5_HEADERS[3:])
    columns = map_columns(make_table([GOOD], headers), mes5)
    assert "team" not in columns.dimensions
    issues = [i for i in columns.issues if i.code == "group-column-not-recognised"]
    assert [i.location.column for i in issues] == ["Team (kies uit de lijst hieronder)"]
    assert "[columns] team" in issues[0].message


@pytest.mark.parametrize("header", ["Pers. nr.", "Personeelnummer", "Employee code", "Mdw nr"])
def test_warning_when_a_personnel_number_is_not_the_id(mes5: Instrument, header: str) -> None:
    assert looks_like_person_id(header)
    headers = ("afdeling", "team", *MES5_HEADERS[3:], header)
    columns = map_columns(make_table([[*GOOD[1:], "E1"]], headers), mes5)
    assert "id" not in columns.dimensions
    issue = next(i for i in columns.issues if i.code == "id-column-not-recognised")
    assert issue.location.column == header
    assert "counted twice" in issue.message


def test_no_id_warning_for_forms_columns(mes5: Instrument) -> None:
    assert not any(looks_like_person_id(h) for h in (*FORMS_COLUMNS, *STATEMENTS_NL))


def test_near_misses_name_the_expected_column(mes5: Instrument) -> None:
    aliases = mes5.header_aliases
    oplossingen = near_miss("oplosingen", aliases)
    assert oplossingen is not None
    assert oplossingen.key == "room"
    afdeling = near_miss("Afdelng", aliases)
    assert afdeling is not None
    assert afdeling.key == "@department"
    teem = near_miss("teem", aliases)  # one letter off a short name
    assert teem is not None
    assert teem.key == "@team"
    assert near_miss("Klanten", aliases) is None  # a word of every statement: no answer
    # The columns survey tools add resemble nothing: no hint where there is nothing to fix.
    for header in (*FORMS_COLUMNS, "Quiz feedback", "Locatie", "Opmerkingen", "Datum"):
        if header not in ("ID",):  # "ID" is the id column's own name
            assert near_miss(header, aliases) is None, header


def test_a_missing_item_names_the_column_that_looks_like_it(mes5: Instrument) -> None:
    headers = (*MES5_HEADERS[:4], "oplosingen", *MES5_HEADERS[5:])
    with pytest.raises(DataError) as exc:
        validate(make_table([GOOD], headers), mes5)
    (issue,) = exc.value.issues
    assert issue.code == "missing-column"
    assert "Column E 'oplosingen' looks like it" in issue.message


# --- mes columns ---------------------------------------------------------------------------------


def _forms_file(tmp_path: Path) -> str:
    headers = (
        "ID", "Email", "Name", "Tot welke afdeling behoor je?", "In welk team ben je werkzaam?",
        "Pers. nr.", "signals", "oplosingen", "criticism", "feedback", "speed", "Stellingen.room",
    )  # fmt: skip
    rows = [[str(i), f"x{i}@example.org", f"Anna Jansen{i}", "D", "T", f"E{i}"] for i in range(6)]
    rows = [[*r, "4", "x", "3", "4", "5", "2"] for r in rows]
    return write_csv(tmp_path / "forms.csv", rows, headers)


def test_columns_json_says_what_each_column_is_read_as_and_why(tmp_path: Path) -> None:
    report = json.loads(run("columns", _forms_file(tmp_path), "-f", "json", code=1).stdout)
    assert report["kind"] == "mes.columns"
    got = {c["header"]: (c["read_as"], c["why"], c["key"]) for c in report["columns"]}
    assert got == {
        "ID": ("id", "key", None),
        "Email": ("personal", "header", None),
        "Name": ("personal", "header", None),
        "Tot welke afdeling behoor je?": ("department", "meaning", None),
        "In welk team ben je werkzaam?": ("team", "meaning", None),
        "Pers. nr.": ("unknown", None, None),
        "signals": ("item", "key", "signals"),
        "oplosingen": ("unknown", None, None),
        "criticism": ("item", "key", "criticism"),
        "feedback": ("item", "key", "feedback"),
        "speed": ("item", "key", "speed"),
        "Stellingen.room": ("unknown", None, None),
    }
    by_header = {c["header"]: c for c in report["columns"]}
    assert by_header["oplosingen"]["near_miss"]["key"] == "room"
    assert by_header["Pers. nr."]["near_miss"]["read_as"] == "id"
    assert by_header["signals"]["trait_number"] == 1
    assert by_header["speed"]["item_number"] == 1
    assert "x0@example.org" not in json.dumps(report)  # headers only, never values


def test_columns_exits_1_when_an_item_is_missing_and_0_when_not(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", office())
    run("columns", path)
    headers = (*MES5_HEADERS[:4], "oplosingen", *MES5_HEADERS[5:])
    run("columns", write_csv(tmp_path / "t.csv", office(), headers), code=1)


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_columns_table_fits_the_terminal(tmp_path: Path, width: int, lang: str) -> None:
    result = run(
        "columns", _forms_file(tmp_path), "--lang", lang, env={"COLUMNS": str(width)}, code=1
    )
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    assert "oplosingen" in result.stdout
    assert ("looks like item 'room'" if lang == "en" else "lijkt op stelling 'room'") in (
        " ".join(result.stdout.split())
    )


# --- Labels as people write them ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("5 - Helemaal mee eens", 5.0),
        ("5. Helemaal mee eens", 5.0),
        ("(5) Helemaal mee eens", 5.0),
        ("5 = helemaal mee eens", 5.0),
        ("Helemaal mee eens (5)", 5.0),
        ("4) Agree", 4.0),
        ("2 - iets anders", 2.0),  # a tool's own label: its number counts
        ("Helemaal niet mee eens", 1.0),
        ("Zeer eens", 5.0),
        ("Volledig akkoord", 5.0),
        ("Totally agree", 5.0),
        ("Niet akkoord", 2.0),
        ("Enigszins eens", 4.0),
    ],
)
def test_label_variants(mes5: Instrument, answer: str, value: float) -> None:
    row = [*GOOD[:3], answer, "3", "3", "3", "3"]
    assert validate(make_table([row]), mes5).frame[item_column("signals")][0] == value


@pytest.mark.parametrize("answer", ["1 - Helemaal mee eens", "Mee oneens (4)"])
def test_a_number_and_a_label_that_disagree_are_refused(mes5: Instrument, answer: str) -> None:
    with pytest.raises(DataError) as exc:
        validate(make_table([[*GOOD[:3], answer, "3", "3", "3", "3"]]), mes5)
    (issue,) = exc.value.issues
    assert issue.code == "invalid-answer"
    assert "disagree" in issue.message


def test_new_label_spellings_leave_the_fingerprint_as_it_was(mes5: Instrument) -> None:
    """Results saved before the variants were added still compare (same instrument)."""
    assert mes5.fingerprint == "sha256:d073774a8698de3e"


# --- Item 2: names are one name -----------------------------------------------------------------


def test_spellings_of_one_name_are_one_name_shown_as_the_most_frequent() -> None:
    column = pl.Series(
        "c",
        ["Telefonie"] * 3 + ["telefonie "] * 2 + ["TELE\u00a0FONIE", "Tele\tfonie"]
        + ["Ｔelefonie", "Chat\n", "chat", None, "  "],
    )  # fmt: skip
    names = one_name_each(column)
    shown = dict(zip(names.raw, names.shown, strict=True))
    assert {shown[t] for t in ("Telefonie", "telefonie ", "Ｔelefonie")} == {"Telefonie"}
    assert shown["TELE\u00a0FONIE"] == shown["Tele\tfonie"] == "TELE FONIE"  # one space: a word
    assert shown["  "] is None
    # A tie (one "Chat", one "chat") goes to the first in code-point order, whatever the order.
    assert shown["Chat\n"] == shown["chat"] == "Chat"
    reverse = one_name_each(column.reverse())
    assert dict(zip(reverse.raw, reverse.shown, strict=True)) == shown
    merged = {m.shown: m.spellings for m in names.merged}
    assert merged["Telefonie"] == ("Telefonie", "telefonie", "Ｔelefonie")


def test_score_merges_names_and_warns_with_the_spellings(mes5: Instrument) -> None:
    rows = [[str(i), "KS", "Telefonie", "4", "4", "4", "4", "4"] for i in range(4)]
    rows += [[str(i), "ks", "telefonie ", "2", "2", "2", "2", "2"] for i in range(4, 6)]
    responses = validate(make_table(rows), mes5)
    assert responses.frame["team"].unique().to_list() == ["Telefonie"]
    assert responses.frame["department"].unique().to_list() == ["KS"]
    merged = [i for i in responses.issues if i.code == "group-names-merged"]
    assert [i.location.column for i in merged] == ["afdeling", "team"]
    assert "'Telefonie', 'telefonie'" in merged[1].message


def test_a_team_without_a_department_is_reported_with_its_rows(mes5: Instrument) -> None:
    rows = [[str(i), "KS", "Telefonie", "4", "4", "4", "4", "4"] for i in range(3)]
    rows += [[str(i), "", "Telefonie", "2", "2", "2", "2", "2"] for i in range(3, 26)]
    responses = validate(make_table(rows), mes5)
    (issue,) = [i for i in tree_issues(responses) if i.code == "team-without-department"]
    blank_rows = list(range(5, 28))  # data from row 2; the blank ones are rows 5 to 27
    first = ", ".join(str(r) for r in blank_rows[:20])
    assert f"23 rows, first {first}" in issue.message
    assert "in other rows it is under 'KS'" in issue.message
    teams = responses.frame.group_by("department", "team").len().sort("department")
    assert teams.rows() == [(None, "Telefonie", 23), ("KS", "Telefonie", 3)]


def test_rows_of_a_hidden_team_are_not_listed_in_a_report(mes5: Instrument) -> None:
    """A list of rows is a count: a report lists them only for a team it shows."""
    rows = [[str(i), "KS", "Telefonie", "4", "4", "4", "4", "4"] for i in range(6)]
    rows += [[str(i), "", "Chat", "2", "2", "2", "2", "2"] for i in range(6, 8)]
    rows += [[str(i), "Schade", "Telefonie", "3", "3", "3", "3", "3"] for i in range(8, 10)]
    report = score(validate(make_table(rows), mes5), mes5, Settings())
    hidden = {g.name for g in report.groups if g.suppressed}
    assert {"Chat", "Telefonie"} <= hidden  # Chat (2), and Schade's Telefonie (2)
    loose, two = (
        next(i for i in report.issues if i.code == code)
        for code in ("team-without-department", "team-in-several-departments")
    )
    assert "not listed" in loose.message
    assert not re.search(r"rows? \d", loose.message + two.message)
    # mes validate, for the file's owner, lists them.
    assert "rows 8, 9" in " ".join(i.message for i in tree_issues(validate(make_table(rows), mes5)))


def test_a_team_under_two_departments_is_reported(mes5: Instrument) -> None:
    rows = [[str(i), "KS", "Backoffice", "4", "4", "4", "4", "4"] for i in range(5)]
    rows += [[str(i), "Schade", "Backoffice", "2", "2", "2", "2", "2"] for i in range(5, 7)]
    (issue,) = [
        i
        for i in tree_issues(validate(make_table(rows), mes5))
        if i.code == "team-in-several-departments"
    ]
    assert "'Backoffice' appears under 2 departments ('KS', 'Schade')" in issue.message
    assert "outside 'KS' (rows 7, 8)" in issue.message


def test_headcount_names_match_whatever_their_spelling(tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "s.csv", office())
    headcount = tmp_path / "h.csv"
    headcount.write_text(
        "afdeling;team;aantal\nklantenservice;TEAM A;8\nKlantenservice;team b ;8\n"
        "FINANCIËN;Team\u00a0C;7\n",
        encoding="utf-8",
    )
    report = json.loads(run("score", survey, "--headcount", str(headcount), "-f", "json").stdout)
    invited = {g["name"]: g["response"]["invited"] for g in report["groups"]}
    assert invited == {
        "organisation": 23, "Financiën": 7, "Team C": 7, "Klantenservice": 16, "Team A": 8,
        "Team B": 8,
    }  # fmt: skip


# --- Item 3: errors by value ---------------------------------------------------------------------


def test_the_same_wrong_answer_is_one_issue_with_its_cells(mes5: Instrument) -> None:
    rows = [[str(i), "KS", "T", "Beetje", "3", "3", "3", "3"] for i in range(25)]
    rows[3][4] = "beetje "  # the same answer, spelled a little differently
    rows[7][6] = "9"
    with pytest.raises(DataError) as exc:
        validate(make_table(rows), mes5)
    beetje, nine = exc.value.issues
    assert (beetje.code, beetje.count, beetje.location.cell) == ("invalid-answer", 26, "D2")
    assert beetje.cells is not None
    assert [c.cell for c in beetje.cells][:4] == ["D2", "D3", "D4", "D5"]
    assert "E5" in [c.cell for c in beetje.cells]
    assert "'Beetje' in 26 cells of columns D, E, first D2, D3, D4" in beetje.message
    assert beetje.message.count("'Helemaal mee eens'") == 1  # one example, not the whole list
    assert (nine.code, nine.count, nine.location.cell) == ("answer-out-of-range", None, "G9")


def test_skipped_rows_are_reported_by_kind_never_by_value(mes5: Instrument) -> None:
    rows = [[str(i), "KS", "T", "4", "3", "3", "3", "3"] for i in range(8)]
    rows[1][3], rows[2][3], rows[3][5] = "geheim", "geheim", "anders"
    responses = validate(make_table(rows), mes5, skip_invalid=True)
    assert responses.skipped_rows == 3
    (issue,) = [i for i in responses.issues if i.code == "invalid-answer"]
    assert issue.count == 3
    assert "geheim" not in issue.message
    assert "anders" not in issue.message
    assert "first D3, D4, F5" in issue.message


# --- Instrument files in their own words ----------------------------------------------------------


def _instrument_error(text: str) -> list[str]:
    with pytest.raises(InputError) as exc:
        parse_instrument(text, "mine.toml")
    assert {i.code for i in exc.value.issues} == {"invalid-instrument"}
    return [i.message for i in exc.value.issues]


def test_an_unknown_field_is_named_with_its_place_and_a_suggestion() -> None:
    text = builtin_toml().replace('key = "room"\ntext_nl', 'key = "room"\nreversed = true\ntext_nl')
    (message,) = _instrument_error(text)
    assert message.startswith(
        "trait 2 'room', item 1 'room': unknown field 'reversed' (did you mean 'reverse'?)"
    )
    assert "Extra inputs" not in message


def test_wrong_types_and_missing_fields_are_said_plainly() -> None:
    text = builtin_toml().replace("min = 1", 'min = "1"').replace('name = "Room"\n', "")
    text = text.replace('key = "speed"\ntext_nl', 'key = "speed"\nreverse = "yes"\ntext_nl')
    messages = _instrument_error(text)
    assert messages == [
        "[scale]: 'min' should be a whole number, not '1'; fix the instrument file",
        "trait 2 'room': 'name' is missing; fix the instrument file",
        "trait 5 'speed', item 1 'speed': 'reverse' should be true or false, not 'yes'; fix the "
        "instrument file",
    ]


def test_item_keys_as_people_write_them() -> None:
    text = builtin_toml().replace('key = "signals"\ntext_nl', 'key = "A1"\ntext_nl')
    instrument = parse_instrument(text, "mine.toml")
    assert instrument.items[0].key == "A1"
    table = make_table([GOOD], ("id", "afdeling", "team", "a1", *MES5_HEADERS[4:]))
    assert map_columns(table, instrument).items["A1"] == 3
    (message,) = _instrument_error(text.replace('key = "room"\ntext_nl', 'key = "a1"\ntext_nl'))
    assert "repeated: 'A1' and 'a1'" in message
    (message,) = _instrument_error(text.replace('key = "A1"', 'key = "A 1"'))
    assert "key 'A 1': a key is a letter followed by letters, digits or _" in message


def test_a_hand_written_instrument_keeps_the_builtin_column_names() -> None:
    text = re.sub(r"(?s)\[columns\].*?(?=\n\[\[traits\]\])", "", builtin_toml())
    assert "[columns]" not in text
    instrument = parse_instrument(text, "mine.toml")
    headers = ("Personeelsnummer", "Bij welke afdeling werk je?", "In welk team werk je?")
    table = make_table([GOOD], (*headers, *MES5_HEADERS[3:]))
    assert map_columns(table, instrument).dimensions == {"id": 0, "department": 1, "team": 2}


# --- Options -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--confidence", "95"), "--confidence 95 is refused: --confidence takes a fraction "
         "between 0.5 and 0.999, e.g. --confidence 0.95; for 95% write 0.95"),
        (("--confidence", "abc"), "--confidence takes a fraction between 0.5 and 0.999, "
         "e.g. --confidence 0.95"),
        (("-k", "abc"), "--min-group-size takes a whole number of people, 3 or more, "
         "e.g. --min-group-size 5"),
        (("-k", "2"), "--min-group-size 2 is refused: --min-group-size takes a whole number"),
        (("--min-response", "60"), "--min-response 60 is refused: --min-response takes a share "
         "between 0 and 1, e.g. --min-response 0.6 for 60%; for 60% write 0.6"),
    ],
)  # fmt: skip
def test_option_values_are_refused_with_an_example(
    tmp_path: Path, args: tuple[str, ...], words: str
) -> None:
    result = run("score", write_csv(tmp_path / "s.csv", office()), *args, code=2)
    assert words in " ".join(result.stderr.split())
    assert "Input should" not in result.stderr


def test_diff_checks_its_options_the_same_way(tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "s.csv", office())
    result = run("diff", survey, survey, "--min-change", "-3", code=2)
    assert "--min-change takes a number of points from 0 to 100, e.g. --min-change 5" in (
        " ".join(result.stderr.split())
    )


# --- Item 6: JSON numbers and control characters --------------------------------------------------


def test_json_numbers_are_rounded_at_1e_9_and_p_values_keep_their_digits() -> None:
    data = rounded({"mes": 5.55e-17, "share": 0.30000000000000004, "low": -1e-12, "p": 3.2e-12})
    assert data == {"mes": 0.0, "share": 0.3, "low": 0.0, "p": 3.2e-12}
    assert math.copysign(1, data["low"]) == 1  # never -0.0


def test_score_json_has_no_float_noise(tmp_path: Path, mes5: Instrument) -> None:
    rows = [[str(i), "KS", "T", "1", "2", "3", "4", "5"] for i in range(7)]  # every sd is 0
    out = run("score", write_csv(tmp_path / "s.csv", rows), "-f", "json").stdout
    floats = re.findall(r"-?\d+\.\d+(?:e-?\d+)?", out)
    assert floats
    assert all("e-" not in f and len(f.split(".")[1]) <= 9 for f in floats), floats
    assert json.loads(out)["groups"][0]["sd"] == 0.0


def test_a_saved_result_reads_back_to_the_same_json(tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "s.csv", office())
    saved = tmp_path / "saved.json"
    run("score", survey, "-f", "json", "-o", str(saved))
    again = run("diff", str(saved), survey, "--no-paired", "-f", "json").stdout
    fresh = run("diff", survey, survey, "--no-paired", "-f", "json").stdout
    assert same_json(again.replace(str(saved), survey), fresh)
    # An edited result is still refused.
    document = json.loads(saved.read_text(encoding="utf-8"))
    document["settings"]["energetic_at"] = 50.0
    saved.write_text(json.dumps(document), encoding="utf-8")
    result = run("diff", str(saved), survey, code=2)
    assert "edited-saved-result" in result.stderr or "not made by mes score" in result.stderr


def test_stray_control_characters_in_a_csv_are_read_and_shown_escaped(tmp_path: Path) -> None:
    rows = office()
    rows[0][2] = "Team A\x0b"  # a vertical tab, as pasted from a Word table
    rows[1][2] = "Team A"
    rows[2][7] = "\x1b[31m2\x1b[0m"  # a colour code pasted from a terminal: not an answer
    path = write_csv(tmp_path / "s.csv", rows)
    result = run("score", path, code=1)
    assert "\\x1b[31m2\\x1b[0m" in result.stderr
    assert "\x1b" not in result.stderr
    rows[2][7] = "2"
    rows[3][2] = "\x1b[1mTeam A\x1b[0m"
    report = json.loads(run("score", write_csv(tmp_path / "t.csv", rows), "-f", "json").stdout)
    names = {g["name"] for g in report["groups"]}
    assert "Team A" in names
    assert "\x1b[1mTeam A\x1b[0m" in names  # kept as written in JSON (escaped by JSON itself)
    table = run("score", str(tmp_path / "t.csv"), env={"COLUMNS": "200"}).stdout
    assert "\\x1b[1mTeam A\\x1b[0m" in table


def test_a_file_full_of_control_characters_is_still_binary(tmp_path: Path) -> None:
    junk = tmp_path / "s.csv"
    junk.write_bytes(b"id;team\n" + bytes(range(1, 9)) * 200)
    result = run("score", str(junk), code=2)
    assert "binary" in result.stderr


def test_json_is_written_once_rounded(tmp_path: Path) -> None:
    """`to_json` of a result read back from its own JSON is that JSON: rounding is stable."""
    rows = office()
    survey = write_csv(tmp_path / "s.csv", rows)
    text = run("score", survey, "-f", "json").stdout
    from mes.results import ScoreReport

    assert to_json(ScoreReport.model_validate_json(text)) == text


def test_builtin_instrument_is_unchanged() -> None:
    assert builtin().columns.team == ()


def test_to_json_rounds_numbers_and_never_text() -> None:
    """The fast path of `to_json` (rewriting the text pydantic writes) against `rounded` on the
    parsed document; names that look like numbers stay as written."""
    from pydantic import BaseModel

    class Inner(BaseModel):
        name: str
        p: float
        pearson_p: float | None
        values: list[float]

    class Outer(BaseModel):
        mes: float
        zero: float
        noise: float
        names: dict[str, float]
        inner: list[Inner]

    trick = "Team 1.23456789012345, 5.55e-17\n"
    doc = Outer(
        mes=62.55555555555556,
        zero=-0.0,
        noise=5.551115123125783e-17,
        names={trick: 0.30000000000000004, "x": 1e-20},
        inner=[
            Inner(name=trick, p=3.2123456789123e-12, pearson_p=0.0123456789012345,
                  values=[1.0000000000001, -2.5e-10, 7.0])
        ],
    )  # fmt: skip
    text = to_json(doc)
    data = json.loads(text)
    assert data == rounded(json.loads(doc.model_dump_json()))
    assert data["inner"][0]["name"] == trick
    assert trick in data["names"]
    assert data["mes"] == 62.555555556
    assert data["inner"][0]["p"] == 3.21234568e-12
    assert "-0.0" not in text


def test_colour_codes_pasted_into_many_cells_are_text_not_binary(tmp_path: Path) -> None:
    """Forty escape characters in a small file: before, more than 8 control characters in a
    file this size made it binary; colour codes (ESC followed by '[') are text."""
    rows = office()
    for row in rows:
        row[2] = f"\x1b[1m{row[2]}\x1b[0m"
    report = json.loads(run("score", write_csv(tmp_path / "s.csv", rows), "-f", "json").stdout)
    assert report["source"]["respondents"] == len(rows)
    assert {g["name"] for g in report["groups"] if g["dimension"] == "team"} == {
        f"\x1b[1m{t}\x1b[0m" for t in ("Team A", "Team B", "Team C")
    }
