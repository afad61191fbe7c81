"""Files that read but hold bad data: exit 1, every problem reported where the user can find it.

Most use the plain layout (id, afdeling, team, then the five answers in columns D-H, person
``k`` of the organisation on row ``k + 2``), so a location can be worked out by hand: the room
answer of the sixth person is cell E7.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from .case import Case, ExpectedIssue, Kind
from .layout import PLAIN_HEADERS, Row, csv_text, item_column, plain_rows
from .org import LABELS_NL, PEOPLE, STATEMENTS_NL, TRAITS, label
from .registry import example
from .xlsx import ErrorValue, Sheet, column_letter, save_openpyxl, write_package

SHEET = "Sheet1"


def _row(person: int) -> int:
    """Excel row of the ``person``-th person in the plain layout."""
    return person + 2


def _cell(person: int, trait: str) -> str:
    return f"{column_letter(item_column(trait))}{_row(person)}"


def _at(person: int, trait: str, **extra: str | int | None) -> dict[str, str | int | None]:
    """The location of one answer in the plain layout."""
    where: dict[str, str | int | None] = {
        "row": _row(person),
        "cell": _cell(person, trait),
        "column": trait,
    }
    return {**where, **extra}


def _plain(edits: Mapping[tuple[int, str], object]) -> list[Row]:
    """The plain layout with some answers replaced."""
    rows: list[Row] = [list(PLAIN_HEADERS), *plain_rows()]
    for (person, trait), value in edits.items():
        rows[person + 1][item_column(trait)] = value
    return rows


def _bad(
    name: str,
    path: Path,
    description: str,
    *issues: ExpectedIssue,
    never_shown: tuple[str, ...] = (),
) -> Case:
    return Case(
        name=name,
        path=path,
        kind=Kind.BAD,
        description=description,
        issues=issues,
        never_shown=never_shown,
    )


@example("out-of-range-xlsx")
def out_of_range_xlsx(folder: Path) -> Case:
    """Answers outside 1-5: 7, 0 and -1."""
    edits = {(5, "room"): 7, (12, "speed"): 0, (20, "signals"): -1}
    path = save_openpyxl(folder / "out-of-range.xlsx", {SHEET: _plain(edits)})
    return _bad(
        "out-of-range-xlsx",
        path,
        "answers 7, 0 and -1 on a 1-5 scale",
        *(ExpectedIssue("answer-out-of-range", _at(p, t, sheet=SHEET)) for p, t in edits),
    )


@example("junk-answers-csv")
def junk_answers_csv(folder: Path) -> Case:
    """Text that is no answer: "?", "weet niet" (not the missing "weet ik niet"), "4+"."""
    edits = {(13, "criticism"): "?", (8, "feedback"): "weet niet", (15, "signals"): "4+"}
    path = folder / "junk-answers.csv"
    path.write_text(csv_text(_plain(edits)), encoding="utf-8")
    return _bad(
        "junk-answers-csv",
        path,
        'junk answers "?", "weet niet" and "4+"',
        *(ExpectedIssue("invalid-answer", _at(p, t, sheet=None)) for p, t in edits),
    )


@example("junk-near-header-csv")
def junk_near_header_csv(folder: Path) -> Case:
    """A "?" among the first rows, where mes looks for the header."""
    edits = {(3, "criticism"): "?"}
    path = folder / "junk-near-header.csv"
    path.write_text(csv_text(_plain(edits)), encoding="utf-8")
    return _bad(
        "junk-near-header-csv",
        path,
        'a "?" answer on row 5, among the rows searched for the header',
        ExpectedIssue("invalid-answer", _at(3, "criticism", sheet=None)),
    )


@example("half-points-xlsx")
def half_points_xlsx(folder: Path) -> Case:
    """Half points: 3.5 as a number, "2,5" and "4.5" as text."""
    edits = {(4, "signals"): 3.5, (10, "room"): "2,5", (11, "speed"): "4.5"}
    path = save_openpyxl(folder / "half-points.xlsx", {SHEET: _plain(edits)})
    return _bad(
        "half-points-xlsx",
        path,
        "half points 3.5, 2,5 and 4.5",
        *(ExpectedIssue("answer-not-whole", _at(p, t, sheet=SHEET)) for p, t in edits),
    )


@example("unknown-label-xlsx")
def unknown_label_xlsx(folder: Path) -> Case:
    """A label the scale does not know: the error gives a valid label and how to add it."""
    header: Row = ["ID", "Email", "Team", *STATEMENTS_NL]
    rows: list[Row] = [header]
    for p in PEOPLE:
        rows.append([p.id, p.email, p.team, *(label(a, LABELS_NL) for a in p.answers)])
    rows[7][4] = "Beetje mee eens"
    rows[19][7] = "Eens?"
    path = save_openpyxl(folder / "unknown-label.xlsx", {SHEET: rows})
    # Said once per wrong answer, without the whole list of labels: one valid example and how
    # to add the label.
    accepted = ("'Helemaal mee eens'", "`labels` in an instrument file")
    return _bad(
        "unknown-label-xlsx",
        path,
        'unknown labels "Beetje mee eens" and "Eens?"',
        ExpectedIssue(
            "invalid-answer",
            {"sheet": SHEET, "row": 8, "cell": "E8", "column": STATEMENTS_NL[1]},
            ("'Beetje mee eens'", *accepted),
        ),
        ExpectedIssue(
            "invalid-answer",
            {"sheet": SHEET, "row": 20, "cell": "H20", "column": STATEMENTS_NL[4]},
            ("'Eens?'", *accepted),
        ),
    )


@example("duplicate-ids-xlsx")
def duplicate_ids_xlsx(folder: Path) -> Case:
    """One respondent id on two rows: the error is on the second and names the first."""
    rows = _plain({})
    rows[_row(7) - 1][0] = PEOPLE[2].id
    path = save_openpyxl(folder / "duplicate-ids.xlsx", {SHEET: rows})
    return _bad(
        "duplicate-ids-xlsx",
        path,
        "respondent id on rows 4 and 9",
        ExpectedIssue(
            "duplicate-respondent",
            {"sheet": SHEET, "row": 9, "cell": "A9", "column": "id"},
            ("row 4 (cell A4)",),
        ),
        never_shown=(PEOPLE[2].id,),  # a personnel number: said by row and cell, never by value
    )


@example("duplicate-columns-csv")
def duplicate_columns_csv(folder: Path) -> Case:
    """Two team columns, and the room statement under both its key and its Dutch text."""
    rows = [[*row, row[2], row[item_column("room")]] for row in _plain({})]
    rows[0][-2:] = ["Team", STATEMENTS_NL[1]]
    path = folder / "duplicate-columns.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    return _bad(
        "duplicate-columns-csv",
        path,
        "a second team column and a second room column",
        ExpectedIssue("duplicate-column", {"row": 1, "cell": "I1", "column": "Team"}),
        ExpectedIssue("duplicate-column", {"row": 1, "cell": "J1", "column": STATEMENTS_NL[1]}),
    )


@example("missing-columns-xlsx")
def missing_columns_xlsx(folder: Path) -> Case:
    """No feedback and no speed column: one error for each, at the header row."""
    rows = [row[:6] for row in _plain({})]
    path = save_openpyxl(folder / "missing-columns.xlsx", {SHEET: rows})
    return _bad(
        "missing-columns-xlsx",
        path,
        "the feedback and speed columns are missing",
        *(
            ExpectedIssue("missing-column", {"sheet": SHEET, "row": 1}, (f"'{trait}'",))
            for trait in TRAITS[3:]
        ),
    )


@example("header-only-xlsx")
def header_only_xlsx(folder: Path) -> Case:
    """A sheet with the header and nothing under it."""
    path = save_openpyxl(folder / "header-only.xlsx", {SHEET: [list(PLAIN_HEADERS)]})
    return _bad(
        "header-only-xlsx",
        path,
        "header row only",
        ExpectedIssue("no-responses", {"sheet": SHEET, "row": 1}),
    )


@example("header-only-csv")
def header_only_csv(folder: Path) -> Case:
    """A CSV export of a form nobody answered: the header and empty lines."""
    path = folder / "header-only.csv"
    path.write_text(csv_text([PLAIN_HEADERS]) + "\r\n\r\n", encoding="utf-8-sig")
    return _bad("header-only-csv", path, "header only", ExpectedIssue("no-responses", {"row": 1}))


@example("no-answers-csv")
def no_answers_csv(folder: Path) -> Case:
    """Rows for every person, but not one answer (the answers were exported elsewhere)."""
    header, *people = _plain({})
    rows = [header, *([*row[:3], None, None, None, None, None] for row in people)]
    path = folder / "no-answers.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    return _bad(
        "no-answers-csv",
        path,
        "people but no answers",
        ExpectedIssue("no-responses", {"row": None}, ("no row has any answer",)),
    )


@example("json-wrong-types")
def json_wrong_types(folder: Path) -> Case:
    """JSON answers of the wrong type: true is not 1, false not 0; strings, lists, objects."""
    items: list[dict[str, object]] = [
        {
            "id": p.id,
            "afdeling": p.department,
            "team": p.team,
            **dict(zip(TRAITS, p.answers, strict=True)),
        }
        for p in PEOPLE
    ]
    edits: dict[tuple[int, str], object] = {
        (3, "room"): True,
        (5, "signals"): "vier",
        (8, "speed"): [4],
        (11, "feedback"): {"score": 4},
        (14, "criticism"): 4.5,
        (17, "room"): False,
    }
    for (item, trait), value in edits.items():
        items[item][trait] = value
    path = folder / "wrong-types.json"
    path.write_text(json.dumps(items, indent=1, ensure_ascii=False), encoding="utf-8")
    return _bad(
        "json-wrong-types",
        path,
        "true, false, a string, a list, an object and 4.5 as answers",
        *(
            ExpectedIssue(
                "answer-not-whole" if isinstance(v, float) else "invalid-answer",
                {"item": i, "field": t, "row": None},
            )
            for (i, t), v in edits.items()
        ),
    )


@example("formula-without-value-xlsx")
def formula_without_value_xlsx(folder: Path) -> Case:
    """A formula saved without its result (written by a program, never opened in Excel)."""
    rows = _plain({(7, "criticism"): "=ROUND(AVERAGE(D9:E9),0)"})
    path = save_openpyxl(folder / "formula-without-value.xlsx", {SHEET: rows})
    return _bad(
        "formula-without-value-xlsx",
        path,
        "cell F9 holds a formula without a saved value",
        ExpectedIssue(
            "formula-without-value",
            {"sheet": SHEET, "row": 9, "cell": "F9", "column": "criticism"},
        ),
    )


@example("error-values-xlsx")
def error_values_xlsx(folder: Path) -> Case:
    """Error values (#N/A from a lookup, #DIV/0!) where answers should be."""
    edits = {(10, "feedback"): ErrorValue("#N/A"), (22, "speed"): ErrorValue("#DIV/0!")}
    path = write_package(folder / "error-values.xlsx", [Sheet(SHEET, _plain(edits))])
    return _bad(
        "error-values-xlsx",
        path,
        "#N/A and #DIV/0! as answers",
        ExpectedIssue("invalid-answer", _at(10, "feedback", sheet=SHEET), ("'#N/A'",)),
        ExpectedIssue("invalid-answer", _at(22, "speed", sheet=SHEET), ("'#DIV/0!'",)),
    )


@example("many-problems-csv")
def many_problems_csv(folder: Path) -> Case:
    """Several kinds of problem in one file: all are reported, not just the first."""
    edits: dict[tuple[int, str], object] = {
        (1, "room"): "9",
        (16, "signals"): "?",
        (9, "criticism"): "3,5",
        (13, "speed"): "Beetje",
    }
    rows = _plain(edits)
    rows[_row(25) - 1][0] = PEOPLE[20].id
    path = folder / "many-problems.csv"
    path.write_bytes(csv_text(rows).encode("cp1252"))
    codes = ("answer-out-of-range", "invalid-answer", "answer-not-whole", "invalid-answer")
    return _bad(
        "many-problems-csv",
        path,
        "out of range, junk, a half point, an unknown label and a duplicate id in one file",
        *(ExpectedIssue(c, _at(p, t)) for c, (p, t) in zip(codes, edits, strict=True)),
        ExpectedIssue("duplicate-respondent", {"row": 27, "cell": "A27"}, ("row 22",)),
    )
