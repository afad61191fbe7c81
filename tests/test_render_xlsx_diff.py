"""The workbook of ``mes diff --format xlsx``, made through the CLI and read back with openpyxl.

Two quarters of a made-up office are written as survey CSV files, compared with
``mes diff … --format xlsx`` and with ``--format json``, and every assertion is about what a
user's Excel would see: the same figures as the JSON, in the terminal's order, with signed
formats, colour only where the verdict is rising or falling, hostile names as quoted text, no
formula anywhere, and no figure of a group hidden in either quarter, computed here from the raw
answers, in any cell.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import range_boundaries
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner, Result

from mes.cli.app import app
from mes.render import Lang
from mes.render.terminal.change import diff_order
from mes.render.xlsx.diff import build_diff_workbook
from mes.render.xlsx.style import P_VALUE, SIGNED_EFFECT, SIGNED_SCORE, SIGNED_SHARE
from mes.results import DiffReport, GroupChange
from tests.chart_refs import chart_references, referenced_cells
from tests.compare_fixtures import (
    NOORD_OOST_Q3,
    NOORD_Q2,
    PART_Q2,
    PART_Q3,
    ZAKELIJK,
    ZUID_Q2,
    ZUID_Q3,
    Person,
    shifted,
    spread,
    team,
    write_csv,
)
from tests.conftest import (
    convert_with_libreoffice,
    needs_libreoffice,
    pdf_text,
    stored,
    workbook_cells,
)
from tests.report_fixtures import DDE, HYPERLINK

#: The JSON's figures are rounded to 9 decimals; the workbook's are not.
JSON_ROUNDING = 1e-9

runner = CliRunner()
TODAY = dt.date(2026, 10, 1)
SHEETS = {
    "en": ["Changes", "Before and after", "Traits", "Paired", "About"],
    "nl": ["Veranderingen", "Voor en na", "Kenmerken", "Gekoppeld", "Toelichting"],
}
HEADER_ROW = 5  # Changes: title, subtitle, blank, the spanning "n" / "MES" row, then the header
TRAIT_HEADER_ROW = 4  # Traits and Paired: title, subtitle, blank, header
# Changes columns (1-based, as openpyxl counts)
N_OLD, N_NEW, MES_OLD, MES_NEW, CHANGE, CI_LOW, CI_HIGH, P, G, VERDICT, NOTE = range(4, 15)

# --- Two quarters ------------------------------------------------------------------------------
# Besides the office of `compare_fixtures` (Zuid rises, Noord is renamed Noord-Oost, Particulier
# falls, Fraude (3) is hidden with Zakelijk in both quarters): Post leaves (gone), Chat arrives
# (new), Online shrinks to 4 in Q3 so that it and Advies are hidden in Q3 only, and Digitaal has
# two teams named like formulas. Fraude's answers are its own so that its figures are distinctive;
# group sizes are chosen so that no hidden group's size is a count shown anywhere.

FRAUDE = [
    Person("f1", "Schade", "Fraude", (2, 3, 4, 2, 5)),
    Person("f2", "Schade", "Fraude", (4, 4, 2, 3, 1)),
    Person("f3", "Schade", "Fraude", (1, 2, 5, 5, 3)),
]
POST = team("Klantenservice", "Post", spread(9, (3, 2, 3, 3, 2)), "q")
CHAT = team("Klantenservice", "Chat", spread(13, (4, 3, 4, 3, 4)), "c")
ADVIES = team("Verkoop", "Advies", spread(8, (3, 3, 4, 3, 3)), "a")
ONLINE_Q2 = team("Verkoop", "Online", spread(7, (2, 4, 3, 4, 2)), "o")
ONLINE_Q3 = shifted(ONLINE_Q2[:4], 2, 1)
FORMULA = team("Digitaal", HYPERLINK, spread(14, (3, 4, 4, 3, 3)), "h")
COMMAND = team("Digitaal", DDE, spread(15, (4, 3, 3, 3, 4)), "d")

Q2 = [*ZUID_Q2, *NOORD_Q2, *POST, *PART_Q2, *ZAKELIJK, *FRAUDE, *ADVIES, *ONLINE_Q2,
      *FORMULA, *COMMAND]  # fmt: skip
Q3 = [*ZUID_Q3, *NOORD_OOST_Q3, *CHAT, *PART_Q3, *ZAKELIJK, *FRAUDE, *ADVIES, *ONLINE_Q3,
      *FORMULA, *COMMAND]  # fmt: skip

#: Groups hidden in a quarter, with their people there: none of their figures may be shown.
HIDDEN = {
    ("Fraude", "2026-Q2"): FRAUDE,
    ("Fraude", "2026-Q3"): FRAUDE,
    ("Zakelijk", "2026-Q2"): ZAKELIJK,
    ("Zakelijk", "2026-Q3"): ZAKELIJK,
    ("Online", "2026-Q2"): ONLINE_Q2,  # shown in Q2's own report, but no change against Q3
    ("Online", "2026-Q3"): ONLINE_Q3,
    ("Advies", "2026-Q2"): ADVIES,
    ("Advies", "2026-Q3"): ADVIES,
}
RENAMES = ("--rename", "Noord=Noord-Oost", "--rename", "Nergens=Ergens")


def run(*args: str, code: int = 0) -> Result:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (
        f"exit {result.exit_code}, expected {code}\nstdout:\n{result.stdout}\n"
        f"stderr:\n{result.stderr}\nexception: {result.exception!r}"
    )
    return result


@dataclass(frozen=True)
class Run:
    """One comparison of the two quarters: the JSON report and the workbooks of it."""

    quarters: tuple[str, str]
    report: DiffReport
    json: dict[str, Any]
    books: dict[Lang, Workbook]

    def group(self, name: str) -> GroupChange:
        return next(g for g in self.report.groups if g.name == name)


@pytest.fixture(scope="module")
def diffed(tmp_path_factory: pytest.TempPathFactory) -> Run:
    folder = tmp_path_factory.mktemp("quarters")
    quarters = (
        str(folder / write_csv(Q2, folder / "2026-Q2.csv")),
        str(folder / write_csv(Q3, folder / "2026-Q3.csv")),
    )
    text = run("diff", *quarters, *RENAMES, "--format", "json").stdout
    books: dict[Lang, Workbook] = {}
    for lang in ("en", "nl"):
        out = folder / f"changes-{lang}.xlsx"
        result = run(
            "diff", *quarters, *RENAMES, "--format", "xlsx", "-o", str(out), "--lang", lang
        )
        assert result.stdout == ""
        books[lang] = load_workbook(out)
    return Run(quarters, DiffReport.model_validate_json(text), json.loads(text), books)


@pytest.fixture(scope="module")
def book(diffed: Run) -> Workbook:
    return diffed.books["en"]


def _rows(ws: Worksheet, header_row: int) -> dict[str, tuple[Any, ...]]:
    """A table's rows by the name in their first cell (the organisation as "Organisation")."""
    return {
        str(row[0]): row
        for row in ws.iter_rows(min_row=header_row + 1, values_only=True)
        if row[0] is not None
    }


def _label(g: GroupChange) -> str:
    name = "Organisation" if g.dimension == "organisation" else g.name
    return "'" + name if name.startswith(("=", "+", "-", "@")) else name


# --- Structure ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_sheet_names_per_language(diffed: Run, lang: Lang) -> None:
    assert diffed.books[lang].sheetnames == SHEETS[lang]
    assert diffed.books[lang].active.title == SHEETS[lang][0]


def test_without_the_paired_view_there_is_no_paired_sheet(diffed: Run, tmp_path: Path) -> None:
    out = tmp_path / "no-paired.xlsx"
    run("diff", *diffed.quarters, "--no-paired", "-f", "xlsx", "-o", str(out))
    wb = load_workbook(out)
    assert wb.sheetnames == ["Changes", "Before and after", "Traits", "About"]
    texts = [c.value for _, c in workbook_cells(wb) if isinstance(c.value, str)]
    assert "Switched off with --no-paired." in texts


def test_changes_header_and_print_setup(book: Workbook, diffed: Run) -> None:
    ws = book["Changes"]
    assert ws["A1"].value == "MES change: 2026-Q2 → 2026-Q3"
    assert "Small groups will mostly be stable" in ws["A2"].value
    assert ws.cell(row=HEADER_ROW - 1, column=N_OLD).value == "n"
    assert ws.cell(row=HEADER_ROW - 1, column=MES_OLD).value == "MES"
    assert {str(r) for r in ws.merged_cells.ranges} == {"D4:E4", "F4:G4"}
    assert [c.value for c in ws[HEADER_ROW]] == [
        "Group", "Level", "Part of", "2026-Q2", "2026-Q3", "2026-Q2", "2026-Q3", "Change",
        "95% CI from", "95% CI to", "p", "Hedges' g", "Verdict", "Note",
    ]  # fmt: skip
    last = HEADER_ROW + len(diffed.report.groups)
    assert ws.freeze_panes == f"B{HEADER_ROW + 1}"  # both header rows and the names stay in view
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:N{last}"
    assert ws.print_title_rows == f"${HEADER_ROW - 1}:${HEADER_ROW}"
    assert ws.print_title_cols == "$A:$A"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_rows_follow_the_terminal_order(book: Workbook, diffed: Run) -> None:
    ws = book["Changes"]
    names = [r[0] for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    assert names == [_label(g) for g in diff_order(diffed.report)]
    # Departments and teams by change, the largest rise first; new, gone and hidden teams last.
    assert names == [
        "Organisation",
        "Klantenservice", "Zuid", "Noord-Oost", "Chat", "Post",
        "Verkoop", "Advies", "Online",
        "Digitaal", "'" + DDE, "'" + HYPERLINK,
        "Schade", "Particulier", "Fraude", "Zakelijk",
    ]  # fmt: skip


# --- Figures ------------------------------------------------------------------------------------


def test_every_compared_group_has_the_json_figures(book: Workbook, diffed: Run) -> None:
    rows = _rows(book["Changes"], HEADER_ROW)
    compared = [g for g in diffed.json["groups"] if g["status"] == "compared"]
    assert len(compared) == 10
    for g in compared:
        row = rows[_label(diffed.group(g["name"]))]
        test = g["test"]
        expected = (
            g["old"]["n"], g["new"]["n"], g["old"]["mes"], g["new"]["mes"], g["mes_change"],
            test["ci"]["low"], test["ci"]["high"], test["p"], test["hedges_g"],
        )  # fmt: skip
        # The JSON is rounded to 1e-9 (mes.render.json); the workbook keeps every digit.
        assert row[N_OLD - 1 : G] == pytest.approx(
            tuple(v if isinstance(v, int) else stored(v) for v in expected), abs=JSON_ROUNDING
        ), g["name"]


def test_verdicts_and_notes(book: Workbook, diffed: Run) -> None:
    rows = _rows(book["Changes"], HEADER_ROW)
    verdicts = {name: row[VERDICT - 1] for name, row in rows.items()}
    assert verdicts["Zuid"] == "↑ rising"
    assert verdicts["Particulier"] == "↓ falling"
    assert verdicts["Organisation"] == "→ stable"
    assert (verdicts["Chat"], verdicts["Post"]) == ("new", "gone")
    notes = {name: row[NOTE - 1] for name, row in rows.items()}
    assert notes["Noord-Oost"] == "was Noord"
    assert notes["Chat"] == "only in 2026-Q3"
    assert notes["Post"] == "only in 2026-Q2"
    assert notes["Organisation"] == "significant, but less than 5 points"  # p 0.02, +3.2
    # A new or gone group shows the figures of the quarter it is in.
    chat, post = diffed.group("Chat").new, diffed.group("Post").old
    assert chat is not None
    assert post is not None
    assert rows["Chat"][N_OLD - 1 : MES_NEW] == pytest.approx(
        (None, chat.n, None, stored(chat.mes)), abs=JSON_ROUNDING
    )
    assert rows["Post"][N_OLD - 1 : MES_NEW] == pytest.approx(
        (post.n, None, stored(post.mes), None), abs=JSON_ROUNDING
    )


def test_groups_hidden_in_either_quarter_have_their_name_and_reason_only(
    book: Workbook, diffed: Run
) -> None:
    rows = _rows(book["Changes"], HEADER_ROW)
    hidden = {g.name: g for g in diffed.report.groups if g.status == "suppressed"}
    assert {n: g.suppressed_in for n, g in hidden.items()} == {
        "Fraude": ["old", "new"], "Zakelijk": ["old", "new"], "Online": ["new"],
        "Advies": ["new"],
    }  # fmt: skip
    for name in hidden:
        row = rows[name]
        assert row[:3] == (name, "Team", hidden[name].path[0])
        assert all(v is None for v in row[N_OLD - 1 : G]), f"{name}: no figure, not even n"
        assert row[VERDICT - 1] == "suppressed"
    assert rows["Fraude"][NOTE - 1] == (
        "suppressed in 2026-Q2 and 2026-Q3: fewer than 5 respondents, or protects a smaller group"
    )
    assert rows["Online"][NOTE - 1].startswith("suppressed in 2026-Q3: ")


def test_change_cells_have_signed_formats(book: Workbook, diffed: Run) -> None:
    ws = book["Changes"]
    formats = {CHANGE: SIGNED_SCORE, CI_LOW: SIGNED_SCORE, CI_HIGH: SIGNED_SCORE, P: P_VALUE,
               G: SIGNED_EFFECT, N_OLD: "0", MES_OLD: "0.0"}  # fmt: skip
    assert SIGNED_SCORE == "+0.0;-0.0;0.0"
    for row in range(HEADER_ROW + 1, HEADER_ROW + len(diffed.report.groups) + 1):
        for col, number_format in formats.items():
            cell = ws.cell(row=row, column=col)
            if cell.value is not None:
                assert cell.number_format == number_format, cell.coordinate


def test_colour_rules_cover_exactly_the_change_cells_and_follow_the_verdict(
    book: Workbook, diffed: Run
) -> None:
    ws = book["Changes"]
    first, last = HEADER_ROW + 1, HEADER_ROW + len(diffed.report.groups)
    expected = {(r, CHANGE) for r in range(first, last + 1)}
    formats = list(ws.conditional_formatting)
    assert len(formats) == 1
    (cf,) = formats
    covered = set()
    for cell_range in cf.sqref.ranges:
        min_col, min_row, max_col, max_row = range_boundaries(cell_range.coord)
        covered |= {
            (r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)
        }
    assert covered == expected
    assert [(r.type, r.formula) for r in cf.rules] == [
        ("expression", [f'$M{first}="↑ rising"']),
        ("expression", [f'$M{first}="↓ falling"']),
    ]
    assert [r.dxf.fill.fgColor.rgb[-6:] for r in cf.rules] == ["C6EFCE", "FFC7CE"]
    # The rule colours exactly the rows the report labels rising or falling.
    coloured = {
        ws.cell(row=r, column=1).value: ws.cell(row=r, column=VERDICT).value
        for r in range(first, last + 1)
        if ws.cell(row=r, column=VERDICT).value in ("↑ rising", "↓ falling")
    }
    labelled = {
        _label(g): "↑ rising" if g.label == "rising" else "↓ falling"
        for g in diffed.report.groups
        if g.label in ("rising", "falling")
    }
    assert coloured == labelled
    assert len(labelled) >= 2


def test_traits_sheet_has_the_json_changes(book: Workbook, diffed: Run) -> None:
    ws = book["Traits"]
    header = [c.value for c in ws[TRAIT_HEADER_ROW]]
    assert header == [
        "Group", "Level", "Part of", "MES", "Customer-energetic (pp)", "Customer signals",
        "Room", "Criticism", "Feedback", "Speed",
    ]  # fmt: skip
    rows = _rows(ws, TRAIT_HEADER_ROW)
    compared = [g for g in diff_order(diffed.report) if g.status == "compared"]
    assert list(rows) == [_label(g) for g in compared]
    for g in compared:
        assert g.traits is not None
        assert g.mes_change is not None
        assert g.energetic_change is not None
        expected = (g.mes_change, g.energetic_change, *(t.change for t in g.traits))
        assert rows[_label(g)][3:] == pytest.approx(tuple(map(stored, expected)), abs=JSON_ROUNDING)
    first = TRAIT_HEADER_ROW + 1
    assert ws.cell(row=first, column=4).number_format == SIGNED_SCORE
    assert ws.cell(row=first, column=5).number_format == SIGNED_SHARE
    assert ws.cell(row=first, column=6).number_format == SIGNED_SCORE


def test_paired_sheet_shows_counts_as_the_json_holds_them(book: Workbook, diffed: Run) -> None:
    ws = book["Paired"]
    rows = _rows(ws, TRAIT_HEADER_ROW)
    with_paired = [g for g in diff_order(diffed.report) if g.paired is not None]
    assert list(rows) == [_label(g) for g in with_paired]
    for g in with_paired:
        assert g.paired is not None
        row = rows[_label(g)]
        for value, count in zip(
            row[3:6], (g.paired.stayed, g.paired.joined, g.paired.left), strict=True
        ):
            if count.exact is not None:
                assert value == count.exact
            else:
                assert value == (f"<{count.below}" if count.below else f"≥{count.at_least}")
        if g.paired.shown:
            test = g.paired.test
            shown = (g.paired.mes_change, *((test.ci.low, test.ci.high, test.p) if test else ()))
            assert row[6 : 6 + len(shown)] == pytest.approx(
                tuple(stored(v) for v in shown if v is not None), abs=JSON_ROUNDING
            )
        else:
            assert row[6:10] == (None, None, None, None)
    # Verkoop: 3 people left, so its turnover is shown only as below / at least 5.
    assert rows["Verkoop"][3:6] == ("≥5", "<5", "<5")
    assert rows["Verkoop"][-1] == "withheld: fewer than 5 joined or left"
    # Klantenservice's own turnover is fine, but the organisation's leavers minus its leavers
    # would give Verkoop's 3 away: it is withheld as well, its counts only as ≥5.
    assert rows["Klantenservice"][3:6] == ("≥5", "≥5", "≥5")
    assert rows["Klantenservice"][-1].startswith("withheld")


def test_about_sheet(diffed: Run, tmp_path: Path) -> None:
    # Through the library entry point, with a fixed date.
    path = tmp_path / "about.xlsx"
    build_diff_workbook(diffed.report, today=TODAY).save(path)
    ws = load_workbook(path)["About"]
    rows = {r[0]: r[1:] for r in ws.iter_rows(values_only=True) if isinstance(r[0], str)}
    assert rows["Quarter"][:2] == ("2026-Q2", "2026-Q3")
    assert rows["File"][:2] == diffed.quarters
    assert rows["Respondents scored"][:2] == (diffed.report.old.scored, diffed.report.new.scored)
    assert rows["Questionnaire fingerprint"][0].startswith("sha256:")
    assert rows["Confidence level (--confidence)"][0] == "95%"
    assert rows["Minimum change in points (--min-change)"][0] == 5
    assert rows["Minimum group size (-k)"][0] == 5
    assert rows["Date"][0] == dt.datetime(2026, 10, 1)
    texts = [c.value for _, c in workbook_cells(ws.parent) if isinstance(c.value, str)]
    assert any(t.startswith("Small groups will mostly be stable") for t in texts)
    assert any("significant at 95% (p below 0.05) and at least 5 points" in t for t in texts)
    assert rows["Noord"][:2] == ("Noord-Oost", "Klantenservice / Noord")
    assert rows["Nergens"][:2] == ("Ergens", "matched nothing: check the spelling")
    assert rows["rename-unmatched"][0].startswith("rename 'Nergens'='Ergens' matches no")


def test_about_says_why_there_is_no_paired_view(diffed: Run, tmp_path: Path) -> None:
    saved = tmp_path / "q2.json"
    run("score", diffed.quarters[0], "-f", "json", "-o", str(saved))
    out = tmp_path / "saved.xlsx"
    run("diff", str(saved), diffed.quarters[1], "-f", "xlsx", "-o", str(out), "--lang", "nl")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Veranderingen", "Voor en na", "Kenmerken", "Toelichting"]
    texts = [c.value for _, c in workbook_cells(wb) if isinstance(c.value, str)]
    assert any(t.startswith("Niet beschikbaar: hiervoor zijn de enquêtebestanden") for t in texts)


def test_dutch_workbook_speaks_dutch_with_the_same_figures(book: Workbook, diffed: Run) -> None:
    nl = diffed.books["nl"]["Veranderingen"]
    header = [c.value for c in nl[HEADER_ROW]]
    assert header[:3] == ["Groep", "Niveau", "Valt onder"]
    assert header[7:] == ["Verandering", "95%-BI van", "95%-BI tot", "p", "Hedges' g",
                          "Oordeel", "Toelichting"]  # fmt: skip
    en_rows = _rows(book["Changes"], HEADER_ROW)
    nl_rows = _rows(nl, HEADER_ROW)
    assert nl_rows["Zuid"][VERDICT - 1] == "↑ stijgend"
    assert nl_rows["Fraude"][VERDICT - 1] == "afgeschermd"
    assert nl_rows["Organisatie"][N_OLD - 1 : G] == en_rows["Organisation"][N_OLD - 1 : G]
    for name, row in en_rows.items():
        if name != "Organisation":
            assert nl_rows[name][N_OLD - 1 : G] == row[N_OLD - 1 : G]
    (cf,) = list(nl.conditional_formatting)
    assert cf.rules[0].formula == [f'$M{HEADER_ROW + 1}="↑ stijgend"']


# --- Safety and privacy ------------------------------------------------------------------------


def test_no_cell_anywhere_is_a_formula(diffed: Run) -> None:
    for wb in diffed.books.values():
        for ws, cell in workbook_cells(wb):
            assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"


def test_hostile_group_names_are_quoted_text(diffed: Run) -> None:
    for wb in diffed.books.values():
        found = [
            (ws.title, cell.value)
            for ws, cell in workbook_cells(wb)
            if isinstance(cell.value, str) and (HYPERLINK in cell.value or DDE in cell.value)
        ]
        assert found, "the hostile names are in the workbook"
        for where, value in found:
            assert value in ("'" + HYPERLINK, "'" + DDE), (where, value)
        # In every table they are: Changes, Before and after, Traits, Paired.
        assert {where for where, _ in found} == set(wb.sheetnames[:4])


def test_a_quarter_named_like_a_formula_is_quoted_text(
    diffed: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("=Q3.csv").write_bytes(Path(diffed.quarters[1]).read_bytes())
    run("diff", diffed.quarters[0], "=Q3.csv", "-f", "xlsx", "-o", "hostile.xlsx")
    wb = load_workbook("hostile.xlsx")
    assert wb["Changes"].cell(row=HEADER_ROW, column=N_NEW).value == "'=Q3"
    assert wb["Changes"].cell(row=HEADER_ROW, column=MES_NEW).value == "'=Q3"
    about = {r[0]: r[1:] for r in wb["About"].iter_rows(values_only=True) if r[0]}
    assert about["Quarter"][1] == "'=Q3"
    assert about["File"][1] == "'=Q3.csv"
    for ws, cell in workbook_cells(wb):
        assert cell.data_type != "f", f"{ws.title}!{cell.coordinate}"


def _figures(people: Sequence[Person]) -> tuple[list[float], list[float]]:
    """A group's figures computed from the raw answers: (n, MES mean, sd) and its trait means."""
    mes = [p.mes for p in people]
    distinctive = [float(len(people)), statistics.fmean(mes), statistics.stdev(mes)]
    traits = [statistics.fmean(100 * (p.answers[t] - 1) / 4 for p in people) for t in range(5)]
    return distinctive, traits


def _json_numbers(value: object) -> list[float]:
    """Every number the JSON report shows: a number in a cell is fine if the JSON has it too."""
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, float)):
        return [float(value)]
    if isinstance(value, dict):
        return [n for v in value.values() for n in _json_numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _json_numbers(v)]
    return []


def _close(value: float, numbers: Sequence[float]) -> bool:
    return any(math.isclose(value, n, abs_tol=1e-9) for n in numbers)


def test_no_figure_of_a_hidden_group_appears_anywhere(diffed: Run) -> None:
    shown = _json_numbers(diffed.json)
    for (name, quarter), people in HIDDEN.items():
        distinctive, traits = _figures(people)
        assert not _close(distinctive[1], shown), f"the JSON itself shows {name} in {quarter}"
        for wb in diffed.books.values():
            for ws, cell in workbook_cells(wb):
                assert cell.comment is None
                value = cell.value
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    continue
                where = f"{ws.title}!{cell.coordinate} = {value}"
                assert not _close(value, distinctive), f"{where}: a figure of {name} in {quarter}"
                # A trait mean takes few values in a small group: only where the JSON has it too.
                assert not _close(value, traits) or _close(value, shown), where
    for wb in diffed.books.values():
        for ws in wb.worksheets:
            assert ws.sheet_state == "visible"
            assert not any(d.hidden for d in ws.column_dimensions.values())
            assert not any(d.hidden for d in ws.row_dimensions.values())


# --- Before and after: the chart ----------------------------------------------------------------


def test_before_and_after_chart_draws_the_compared_groups_coloured_by_verdict(
    diffed: Run,
) -> None:
    from mes.render.xlsx.charts import FALLING_COLOUR, RISING_COLOUR

    wb = diffed.books["en"]
    ws = wb["Before and after"]
    (chart,) = ws._charts
    charted = [
        g for g in diff_order(diffed.report) if g.status == "compared" and not g.suppressed_in
    ]
    before, after = chart.series
    names = referenced_cells(wb, (before.cat.strRef or before.cat.numRef).f)
    assert names == [_label(g) for g in charted]
    assert referenced_cells(wb, before.val.numRef.f) == pytest.approx(
        [stored(g.old.mes) for g in charted], abs=JSON_ROUNDING
    )
    assert referenced_cells(wb, after.val.numRef.f) == pytest.approx(
        [stored(g.new.mes) for g in charted], abs=JSON_ROUNDING
    )
    assert [referenced_cells(wb, s.tx.strRef.f) for s in chart.series] == [["2026-Q2"], ["2026-Q3"]]
    colours = {p.idx: str(p.graphicalProperties.solidFill.srgbClr) for p in after.dPt}
    expected = {
        i: {"rising": RISING_COLOUR, "falling": FALLING_COLOUR}[g.label]
        for i, g in enumerate(charted)
        if g.label in ("rising", "falling")
    }
    assert colours == expected
    assert set(expected.values()) == {RISING_COLOUR, FALLING_COLOUR}  # the fixture has both
    # No group hidden in either quarter is among the bars, not even by name.
    hidden = {name for name, _ in HIDDEN}
    for ref in chart_references(wb):
        for value in referenced_cells(wb, ref.ref):
            assert value not in hidden, ref


def test_label_names_the_quarters_everywhere(diffed: Run, tmp_path: Path) -> None:
    out = tmp_path / "labelled.xlsx"
    labels = ("--label", "Spring 2026", "--label", "Summer 2026")
    run("diff", *diffed.quarters, *labels, "-f", "xlsx", "-o", str(out))
    wb = load_workbook(out)
    assert wb["Changes"]["A1"].value == "MES change: Spring 2026 → Summer 2026"
    header = [c.value for c in wb["Changes"][HEADER_ROW]]
    assert header[3:7] == ["Spring 2026", "Summer 2026", "Spring 2026", "Summer 2026"]
    report = DiffReport.model_validate_json(
        run("diff", *diffed.quarters, *labels, "-f", "json").stdout
    )
    assert (report.old.label, report.new.label) == ("Spring 2026", "Summer 2026")


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        (["--label", "Q2"], "--label was given 1 time(s) for 2 quarters"),
        (["--label", "Q", "--label", "Q"], "each quarter needs a label of its own"),
        (["--label", " ", "--label", "Q3"], "a label cannot be empty"),
    ],
)
def test_label_is_refused_unless_one_distinct_label_per_quarter(
    diffed: Run, labels: list[str], message: str
) -> None:
    result = run("diff", *diffed.quarters, *labels, code=2)
    assert message in " ".join(result.stderr.split())


def test_a_paired_view_with_nothing_to_show_says_so_in_one_paragraph(diffed: Run) -> None:
    from mes.results import Headcount

    withheld = Headcount(at_least=5)
    groups = [
        g.model_copy(
            update={
                "paired": g.paired.model_copy(
                    update={"shown": False, "reason": "too-few-stayers", "mes_change": None,
                            "test": None, "stayed": withheld}
                )
            }
        )
        if g.paired is not None
        else g
        for g in diffed.report.groups
    ]  # fmt: skip
    assert any(g.paired is not None for g in groups)
    report = diffed.report.model_copy(update={"groups": groups})
    ws = build_diff_workbook(report, lang="en", today=TODAY)["Paired"]
    texts = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert len(texts) == 3  # title, subtitle, and the one paragraph
    assert texts[2].startswith("No group can show who stayed, joined and left")
    assert not any("≥" in str(t) or "<5" in str(t) for t in texts)


# --- The command line ----------------------------------------------------------------------------


def test_a_workbook_on_stdout_without_o(diffed: Run) -> None:
    result = run("diff", *diffed.quarters, "--format", "xlsx")
    assert result.stdout_bytes.startswith(b"PK")  # stdout is not a terminal here: the bytes
    assert load_workbook(io.BytesIO(result.stdout_bytes)).sheetnames == SHEETS["en"]


def test_trend_writes_a_workbook_but_no_pdf(diffed: Run) -> None:
    result = run("trend", *diffed.quarters, diffed.quarters[1], "--format", "pdf", code=2)
    assert "'pdf' is not one of 'table', 'json', 'xlsx'" in " ".join(result.stderr.split())
    help_text = " ".join(run("trend", "--help").stdout.split())
    assert "a line chart per group over the quarters" in help_text
    assert "xlsx" in " ".join(run("diff", "--help").stdout.split())


# --- A real spreadsheet program ------------------------------------------------------------------


@pytest.mark.slow  # starts LibreOffice, whose start-up is most of the time
@needs_libreoffice
def test_libreoffice_opens_and_converts_the_workbook(diffed: Run, tmp_path: Path) -> None:
    path = tmp_path / "changes.xlsx"
    build_diff_workbook(diffed.report, lang="nl", today=TODAY).save(path)
    text = " ".join(pdf_text(convert_with_libreoffice(path, tmp_path)).split())
    assert "MES in 2026-Q2 en 2026-Q3" in text  # the before-and-after chart was drawn


def test_paired_counts_cannot_be_worked_out_by_subtraction(diffed: Run) -> None:
    """Stayers, joiners and leavers shown exactly obey the remainder rule, like a group's n."""
    k = diffed.report.settings.min_group_size
    tree = [
        g for g in diffed.report.groups if g.dimension in ("organisation", "department", "team")
    ]
    exact = {
        tuple(g.path): (g.paired.stayed.exact, g.paired.joined.exact, g.paired.left.exact)
        for g in tree
        if g.paired is not None and g.paired.shown
    }
    assert exact, "the fixture should show some paired figures"
    checked = 0
    for path, counts in exact.items():
        kids = [p for p in exact if len(p) == len(path) + 1 and p[:-1] == path]
        if not kids:
            continue
        for i in range(3):
            remainder = (counts[i] or 0) - sum(exact[kid][i] or 0 for kid in kids)
            assert remainder == 0 or remainder >= k, (path, i, remainder)
        checked += 1
    assert checked
