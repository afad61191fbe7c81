"""Validation: every bad cell found, located as the user sees it, with a stable code."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mes.errors import DataError, InputError
from mes.instrument import Instrument
from mes.table import SourceKind
from mes.validation import _clean_column, clean_name, item_column, validate
from tests.conftest import MES5_HEADERS, make_table

GOOD = ["1", "Klantenservice", "Team A", "4", "3", "5", "4", "2"]


def issues_of(exc: pytest.ExceptionInfo[DataError]) -> list[tuple[int | None, str | None, str]]:
    return [(i.location.row, i.location.cell, i.code) for i in exc.value.issues]


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("4", 4.0),
        (" 4 ", 4.0),
        ("4.0", 4.0),
        ("4,0", 4.0),  # decimal comma
        ("2.9999999999999996", 3.0),  # float artefact within 1e-9 of a whole point
        ("Helemaal mee eens", 5.0),
        ("helemaal  MEE eens", 5.0),
        ("Noch eens, noch oneens", 3.0),
        ("Strongly disagree", 1.0),
        ("Oneens", 2.0),
        ("n.v.t.", None),
        ("Niet van toepassing", None),
        ("N/A", None),
        ("Weet ik niet", None),
        ("", None),
        (None, None),
    ],
)
def test_answers_that_are_accepted(
    mes5: Instrument, answer: str | None, value: float | None
) -> None:
    row = [*GOOD[:3], answer, "3", "3", "3", "3"]
    responses = validate(make_table([row]), mes5)
    assert responses.frame[item_column("signals")][0] == value


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ("?", "invalid-answer"),
        ("weet niet", "invalid-answer"),
        ("true", "invalid-answer"),
        ("nan", "invalid-answer"),
        ("3.5", "answer-not-whole"),
        ("3,5", "answer-not-whole"),
        ("6", "answer-out-of-range"),
        ("0", "answer-out-of-range"),
        ("-1", "answer-out-of-range"),
    ],
)
def test_bad_answers_are_located(mes5: Instrument, answer: str, code: str) -> None:
    rows = [GOOD, ["2", *GOOD[1:4], answer, *GOOD[5:]]]
    with pytest.raises(DataError) as exc:
        validate(make_table(rows), mes5)
    assert issues_of(exc) == [(3, "E3", code)]
    issue = exc.value.issues[0]
    assert issue.location.column == "room"
    assert issue.location.file == "survey.xlsx"
    assert issue.location.sheet == "Sheet1"


def test_all_problems_are_collected_in_row_order(mes5: Instrument) -> None:
    rows = [
        [*GOOD[:3], "9", "3", "x", "3", "3"],
        GOOD,
        [*GOOD[:3], "3", "3", "3", "3", "2.5"],
    ]
    rows[1] = ["2", *GOOD[1:]]
    rows[2][0] = "3"
    with pytest.raises(DataError) as exc:
        validate(make_table(rows), mes5)
    assert issues_of(exc) == [
        (2, "D2", "answer-out-of-range"),
        (2, "F2", "invalid-answer"),
        (4, "H4", "answer-not-whole"),
    ]


def test_unknown_label_lists_accepted_labels(mes5: Instrument) -> None:
    with pytest.raises(DataError) as exc:
        validate(make_table([[*GOOD[:3], "Een beetje eens", *GOOD[4:]]]), mes5)
    message = exc.value.issues[0].message
    assert "'Een beetje eens'" in message
    assert "'Helemaal mee eens'" in message
    assert "1 to 5" in message


def test_duplicate_respondent_names_both_rows(mes5: Instrument) -> None:
    rows = [GOOD, ["2", *GOOD[1:]], GOOD]
    with pytest.raises(DataError) as exc:
        validate(make_table(rows), mes5)
    assert issues_of(exc) == [(4, "A4", "duplicate-respondent")]
    assert "row 2" in exc.value.issues[0].message


def test_skip_invalid_scores_the_rest_and_reports_what_it_skipped(mes5: Instrument) -> None:
    rows = [GOOD, ["2", *GOOD[1:3], "7", *GOOD[4:]], ["3", *GOOD[1:]], GOOD]
    responses = validate(make_table(rows), mes5, skip_invalid=True)
    assert responses.frame["respondent"].to_list() == ["1", "3"]
    assert responses.skipped_rows == 2
    codes = {(i.location.row, i.code, i.severity) for i in responses.issues}
    assert (3, "answer-out-of-range", "warning") in codes
    assert (5, "duplicate-respondent", "warning") in codes


def test_row_without_answers_is_not_a_respondent(mes5: Instrument) -> None:
    rows = [GOOD, ["2", "Klantenservice", "Team A", "", None, "", "n.v.t.", ""]]
    responses = validate(make_table(rows), mes5)
    assert responses.frame.height == 1
    assert [(i.location.row, i.code) for i in responses.issues] == [(3, "no-answers")]


def test_missing_columns_say_what_was_expected_and_found(mes5: Instrument) -> None:
    headers = ("id", "team", "signals", "room", "Vraag 3", "feedback", "speed")
    with pytest.raises(DataError) as exc:
        validate(make_table([["1", "A", "3", "3", "3", "3", "3"]], headers), mes5)
    (issue,) = exc.value.issues
    assert issue.code == "missing-column"
    assert "criticism" in issue.message
    assert "'Vraag 3'" in issue.message


def test_duplicate_item_columns_are_refused(mes5: Instrument) -> None:
    headers = (*MES5_HEADERS, "Room")
    with pytest.raises(DataError) as exc:
        validate(make_table([[*GOOD, "3"]], headers), mes5)
    assert issues_of(exc) == [(1, "I1", "duplicate-column")]


def test_header_only_sheet(mes5: Instrument) -> None:
    with pytest.raises(DataError) as exc:
        validate(make_table([]), mes5)
    assert exc.value.issues[0].code == "no-responses"


def test_headers_match_by_statement_and_dutch_name(mes5: Instrument) -> None:
    headers = (
        "Medewerker",
        "  AFDELING ",
        "In welk team werk je?",
        "Ik geef signalen van klanten actief door in de organisatie.",
        "Ruimte",
        "Stellingen.Ik krijg energie van kritiek of verbeterpunten van klanten.",
        "Stellingen [Ik krijg regelmatig terug wat klanten van mijn werk, team en organisatie "
        "vinden.]",
        "speed",
        "E-mailadres",
    )
    responses = validate(make_table([[*GOOD, "x@example.org"]], headers), mes5)
    assert responses.columns.items == {
        "signals": 3, "room": 4, "criticism": 5, "feedback": 6, "speed": 7
    }  # fmt: skip
    assert responses.columns.dimensions == {"id": 0, "department": 1, "team": 2}
    assert responses.columns.personal == frozenset({8})


def test_group_names_trimmed_and_nfc_normalised(mes5: Instrument) -> None:
    decomposed = "Financie\u0308n"  # e + combining diaeresis
    rows = [["1", "Financiën", " Team  A ", *GOOD[3:]], ["2", decomposed, "Team A", *GOOD[3:]]]
    frame = validate(make_table(rows), mes5).frame
    assert frame["department"].unique().to_list() == ["Financiën"]
    assert frame["team"].unique().to_list() == ["Team A"]


def test_without_id_column_respondents_are_numbered_by_row(mes5: Instrument) -> None:
    headers = MES5_HEADERS[1:]
    frame = validate(make_table([GOOD[1:], GOOD[1:]], headers), mes5).frame
    assert frame["respondent"].to_list() == ["2", "3"]


def test_by_column_unknown_is_a_usage_error(mes5: Instrument) -> None:
    with pytest.raises(InputError) as exc:
        validate(make_table([GOOD]), mes5, by=["regio"])
    assert exc.value.issues[0].code == "unknown-by-column"


def test_by_a_personal_column_is_refused(mes5: Instrument) -> None:
    headers = (*MES5_HEADERS, "Email")
    with pytest.raises(InputError) as exc:
        validate(make_table([[*GOOD, "a@b.nl"]], headers), mes5, by=["Email"])
    assert exc.value.issues[0].code == "personal-by-column"


def test_json_locations_name_item_and_field(mes5: Instrument) -> None:
    rows = [GOOD, ["2", *GOOD[1:3], "true", *GOOD[4:]]]
    with pytest.raises(DataError) as exc:
        validate(make_table(rows, kind=SourceKind.JSON, source="x.json"), mes5)
    loc = exc.value.issues[0].location
    assert (loc.item, loc.field, loc.cell, loc.row) == (1, "signals", None, None)


NAME_PIECES = st.sampled_from(
    ["R_1", "42", "a", "Team", " ", "  ", "\t", "\u00a0", "e\u0301", "\u00e9", "-", "~", ""]
)


@given(
    st.lists(st.one_of(st.none(), st.lists(NAME_PIECES, max_size=4).map("".join)), max_size=40),
    st.integers(min_value=0, max_value=2000),
)
def test_group_names_are_cleaned_alike_on_every_path(names: list[str | None], ids: int) -> None:
    # _clean_column takes a short cut for clean ASCII ids, and computes names once per distinct
    # value otherwise; whichever it takes, the result is clean_name's. Enough numbered ids make
    # the column pass its first 1,000 rows before anything needs cleaning.
    column = pl.Series("c", [f"R{i}" for i in range(ids)] + names, dtype=pl.String)
    frame = column.to_frame()
    fast = frame.select(_clean_column(column)).to_series().to_list()
    assert fast == frame.select(clean_name(pl.col("c"))).to_series().to_list()
