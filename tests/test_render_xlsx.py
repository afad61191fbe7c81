"""The Excel report, read back with openpyxl: figures, formats, safety, privacy, and a real client.

Workbooks are built from `ScoreReport`s made through the Python API (`tests/report_fixtures.py`),
written to disk and loaded again, so every assertion is about what a user's Excel would see.
"""

from __future__ import annotations

import datetime as dt
import math
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import range_boundaries
from openpyxl.worksheet.worksheet import Worksheet
from report_fixtures import (
    AT_ROLE,
    CONTROL,
    DASH_ROLE,
    DDE,
    HYPERLINK,
    LONG,
    Survey,
    group_figures,
    multi_item_survey,
    survey,
    tiny_survey,
)

from mes.pipeline import score_file
from mes.render import Lang
from mes.render.words import reason, trait_names
from mes.render.xlsx.safe import EXCEL_CELL_LIMIT, FORMULA_TRIGGERS, safe_text
from mes.render.xlsx.score import build_score_workbook, write_score_workbook
from mes.results import GroupResult, ScoreReport, ShownGroup
from tests.chart_refs import chart_references, referenced_cells, split_ref
from tests.conftest import (
    convert_with_libreoffice,
    needs_libreoffice,
    pdf_text,
    stored,
    workbook_cells,
)

TODAY = dt.date(2026, 9, 30)
SHEETS = {
    "en": ["Summary", "Groups", "Traits", "Method", "Issues"],
    "nl": ["Samenvatting", "Groepen", "Kenmerken", "Methode", "Meldingen"],
}
INDIVIDUALS = {"en": "Individuals", "nl": "Personen"}
HEADER_ROW = 4  # title, subtitle, blank line, then a table's header
GROUPS_HEADER = 5  # Groups: a spanning header row ("score", "favourable") above the table's own
FIRST_TRAIT_COLUMN = 9  # Groups: group, level, part of, n, MES, CI from, CI to, energetic
BY_HEADINGS = 1  # the standard survey has one --by column: one heading row above its groups


# -- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def standard() -> Survey:
    return survey()


@pytest.fixture(scope="module")
def with_individuals() -> Survey:
    return survey(individuals=True)


def _saved(report: ScoreReport, path: Path, lang: Lang = "en") -> Workbook:
    build_score_workbook(report, lang=lang, today=TODAY).save(path)
    return load_workbook(path)


@pytest.fixture(scope="module")
def book(standard: Survey, tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    return _saved(standard.report, tmp_path_factory.mktemp("xlsx") / "report.xlsx")


@pytest.fixture(scope="module")
def book_nl(standard: Survey, tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    return _saved(standard.report, tmp_path_factory.mktemp("xlsx") / "rapport.xlsx", "nl")


def _group_rows(ws: Worksheet, report: ScoreReport) -> dict[str, tuple[Any, ...]]:
    """Groups-sheet rows by group id, in report order (the sheet keeps that order); the heading
    row of a --by breakdown (a name and nothing else, before its first group) is left out."""
    rows = [tuple(c.value for c in row) for row in ws.iter_rows(min_row=GROUPS_HEADER + 1)]
    rows = [r for r in rows if not _is_by_heading(r)]
    return dict(zip((g.id for g in report.groups), rows, strict=True))


def _is_by_heading(row: tuple[Any, ...]) -> bool:
    return isinstance(row[0], str) and row[0].startswith(("By ", "Naar ")) and row[1] is None


# -- safe_text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x","click")', DDE, "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_safe_text_quotes_formula_triggers(text: str) -> None:
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize(
    "text", ["Team A", "Financiën", "", " =1", "'quoted", "a=b", "Chat & Social"]
)
def test_safe_text_leaves_ordinary_text_alone(text: str) -> None:
    assert safe_text(text) == text


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x0b", "\x1f", "\ud800", "\uffff"])
def test_safe_text_replaces_characters_excel_cannot_hold(char: str) -> None:
    assert safe_text(f"Team{char}A") == "Team\ufffdA"
    assert safe_text("line\nbreak\tand tab") == "line\nbreak\tand tab"  # legal: kept


@pytest.mark.parametrize(("lang", "suffix"), [("en", "… [shortened]"), ("nl", "… [ingekort]")])
def test_safe_text_shortens_visibly_to_the_cell_limit(lang: Lang, suffix: str) -> None:
    text = safe_text("x" * 40_000, lang=lang)
    assert len(text) == EXCEL_CELL_LIMIT
    assert text.endswith(suffix)
    assert safe_text("x" * EXCEL_CELL_LIMIT) == "x" * EXCEL_CELL_LIMIT  # at the limit: untouched


def test_safe_text_counts_and_cuts_like_excel_in_utf16() -> None:
    text = safe_text("😀" * 20_000)  # two UTF-16 units each: 40,000 units
    assert len(text.encode("utf-16-le")) // 2 <= EXCEL_CELL_LIMIT
    assert text.endswith("… [shortened]")
    text.encode("utf-8")  # no half surrogate pair left behind


# -- structure ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_sheet_names_per_language(standard: Survey, with_individuals: Survey, lang: Lang) -> None:
    plain = build_score_workbook(standard.report, lang=lang, today=TODAY)
    assert plain.sheetnames == SHEETS[lang]
    full = build_score_workbook(with_individuals.report, lang=lang, today=TODAY)
    assert full.sheetnames == [*SHEETS[lang], INDIVIDUALS[lang]]


def test_individuals_sheet_lists_every_person(with_individuals: Survey, tmp_path: Path) -> None:
    report = with_individuals.report
    people = report.people()
    assert people is not None
    individuals = people.models()
    ws = _saved(report, tmp_path / "r.xlsx")["Individuals"]
    header = [c.value for c in ws[HEADER_ROW]]
    assert header[:4] == ["Respondent", "Department", "Team", "rol"]
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert len(rows) == len(individuals)
    for person, row in zip(individuals, rows, strict=True):
        assert row[0] == person.respondent
        keys = ("signals", "room", "criticism", "feedback", "speed")
        assert row[4:9] == tuple(person.traits[k] for k in keys)
        assert row[9] == person.mes
    masked = [r for r in rows if r[2] == "(suppressed)"]
    assert masked, "members of suppressed teams keep their team masked"


def test_workbook_is_written_to_any_path_the_cli_chooses(standard: Survey, tmp_path: Path) -> None:
    path = tmp_path / ".report.xlsx.abc123.tmp"  # the CLI's temporary name beside the target
    write_score_workbook(standard.report, path, lang="nl")
    with path.open("rb") as fh:  # openpyxl reads only files named .xlsx; a stream it takes as is
        wb = load_workbook(fh)
    assert wb.sheetnames == SHEETS["nl"]
    date = wb["Samenvatting"]
    assert any(
        c.value == dt.datetime.combine(dt.date.today(), dt.time())
        for r in date.iter_rows()
        for c in r
    )


def test_dutch_workbook_speaks_dutch_with_the_same_figures(
    book: Workbook, book_nl: Workbook, standard: Survey
) -> None:
    header = [c.value for c in book_nl["Groepen"][GROUPS_HEADER]]
    traits = ["Klantsignalen", "Ruimte", "Kritiek", "Feedback", "Snelheid"]
    assert header == [
        "Groep", "Niveau", "Valt onder", "Respondenten", "MES", "95%-BI van", "95%-BI tot",
        "Klantenergiek", *traits, *traits, "Focuskenmerk", "Toelichting",
    ]  # fmt: skip
    spans = [c.value for c in book_nl["Groepen"][GROUPS_HEADER - 1] if c.value]
    assert spans == ["Score per kenmerk (0–100)", "Aandeel positief per kenmerk (75 of meer)"]
    en = _group_rows(book["Groups"], standard.report)
    nl = _group_rows(book_nl["Groepen"], standard.report)
    for group_id, row in en.items():
        assert nl[group_id][3:18] == row[3:18]
    assert any(r[0] == "Naar rol" for r in book_nl["Groepen"].iter_rows(values_only=True))
    assert nl["organisation"][:2] == ("Organisatie", "Organisatie")
    assert nl["team/Financiën/Uitkeringen"][-1].startswith("Afgeschermd: ")


def test_the_cli_writes_the_report_of_the_sample_data(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from mes.cli.app import app

    sample = Path(__file__).parent.parent / "sample_data" / "2026-Q3.xlsx"
    out = tmp_path / "q3.xlsx"
    args = ["score", str(sample), "--format", "xlsx", "-o", str(out), "--by", "Wat is je functie?"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    # Q3 asks the energy and eNPS questions: their sheet follows Traits.
    assert wb.sheetnames == [*SHEETS["en"][:3], "Outcomes", "Drivers", *SHEETS["en"][3:]]
    outcomes = {r[0]: r for r in wb["Outcomes"].iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    q3 = score_file(str(sample))
    org = q3.organisation
    assert isinstance(org, ShownGroup)
    energy = next(o for o in org.outcomes if o.key == "energy")
    figures = (stored(energy.mean), stored(energy.mean_100))
    assert outcomes["Organisation"][1:5] == (org.respondents, energy.n, *figures)
    rows = {r[0]: r for r in wb["Groups"].iter_rows(min_row=GROUPS_HEADER + 1, values_only=True)}
    # The sample's smallest team, and the sibling hidden so it cannot be worked out.
    for name in ("Fraudeonderzoek", "Letselschade"):
        assert all(v is None for v in rows[name][3:-1])
        assert rows[name][-1].startswith("Suppressed: ")
    assert rows["Online Verkoop"][3] == 6  # its respondents; its MES rests on 5: at the threshold
    assert rows["Online Verkoop"][4] is not None
    assert rows["Management"][1] == "Wat is je functie?"


# -- Groups -------------------------------------------------------------------------------------


def test_groups_header(book: Workbook, standard: Survey) -> None:
    ws = book["Groups"]
    header = [c.value for c in ws[GROUPS_HEADER]]
    names = list(trait_names(standard.report.instrument, "en").values())
    assert header == [
        "Group", "Level", "Part of", "Respondents", "MES", "95% CI from", "95% CI to",
        "Energetic", *names, *names, "Focus trait", "Note",
    ]  # fmt: skip
    # "Score per trait" over the five score columns, "Share favourable" over the next five.
    merged = sorted(str(r) for r in ws.merged_cells.ranges if r.min_row == GROUPS_HEADER - 1)
    assert merged == [
        f"I{GROUPS_HEADER - 1}:M{GROUPS_HEADER - 1}",
        f"N{GROUPS_HEADER - 1}:R{GROUPS_HEADER - 1}",
    ]


def test_groups_values_are_the_reports_figures_at_full_precision(
    book: Workbook, standard: Survey
) -> None:
    report = standard.report
    rows = _group_rows(book["Groups"], report)
    names = trait_names(report.instrument, "en")
    for group in report.groups:
        row = rows[group.id]
        if group.suppressed:
            continue
        assert group.traits is not None
        assert group.ci is not None
        figures = (group.mes, group.ci.low, group.ci.high, group.energetic_share)
        assert row[3:8] == (group.respondents, *map(stored, figures))
        # A trait figure that is not shown is a blank cell.
        by_key = {t.key: t for t in group.traits}
        keys = [t.key for t in report.instrument.traits]
        assert row[8:13] == tuple(stored(by_key[k].mean) if k in by_key else None for k in keys)
        assert row[13:18] == tuple(
            stored(by_key[k].favourable) if k in by_key else None for k in keys
        )
        assert row[18] == names[group.focus_trait or ""]
    org = rows["organisation"]
    assert org[:3] == ("Organisation", "Organisation", None)
    assert rows["department/Klantenservice"][:2] == ("Klantenservice", "Department")
    assert rows["team/Klantenservice/Chat & Social"][:3] == (
        "Chat & Social",
        "Team",
        "Klantenservice",
    )
    assert rows["by:rol/Backoffice"][:2] == ("Backoffice", "rol")


def test_suppressed_group_has_its_name_and_reason_and_nothing_else(
    book: Workbook, standard: Survey
) -> None:
    report = standard.report
    rows = _group_rows(book["Groups"], report)
    hidden = [g for g in report.groups if g.suppressed]
    assert {g.name for g in hidden} == {
        "Fraudeonderzoek", "Letselschade", "Uitkeringen", "Premie & Incasso"
    }  # fmt: skip
    for group in hidden:
        assert group.suppression is not None
        why = reason(group.suppression, report.settings.min_group_size, "en")
        row = rows[group.id]
        assert row[0] == group.name
        assert all(v is None for v in row[3:-1]), f"{group.name}: only the name and the reason"
        assert row[-1] == f"Suppressed: {why}"


def test_groups_number_formats(book: Workbook, standard: Survey) -> None:
    ws = book["Groups"]
    row = GROUPS_HEADER + 1  # the organisation
    formats = [ws.cell(row=row, column=c).number_format for c in range(4, 19)]
    assert formats == ["0", "0.0", "0.0", "0.0", "0%", *["0.0"] * 5, *["0%"] * 5]


def test_groups_frozen_header_autofilter_and_print_setup(book: Workbook, standard: Survey) -> None:
    ws = book["Groups"]
    last_row = GROUPS_HEADER + len(standard.report.groups) + BY_HEADINGS
    assert ws.freeze_panes == f"B{GROUPS_HEADER + 1}"  # header rows and group names stay in view
    assert ws.auto_filter.ref == f"A{GROUPS_HEADER}:T{last_row}"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${GROUPS_HEADER - 1}:${GROUPS_HEADER}"


def test_groups_column_widths_fit_their_contents(book: Workbook) -> None:
    ws = book["Groups"]
    widths = {col: ws.column_dimensions[col].width for col in "ABCDEFGHIJKLMNOPQRST"}
    assert 14 <= widths["A"] <= 40  # the 40,000-character name does not blow up the column
    assert widths["D"] >= len("Respondents")
    assert all(5 <= w <= 60 for w in widths.values())


def test_heatmap_covers_exactly_the_score_cells(book: Workbook, standard: Survey) -> None:
    ws = book["Groups"]
    first, last = GROUPS_HEADER + 1, GROUPS_HEADER + len(standard.report.groups) + BY_HEADINGS
    n_traits = len(standard.report.instrument.traits)
    expected = {(r, 5) for r in range(first, last + 1)} | {
        (r, c)
        for r in range(first, last + 1)
        for c in range(FIRST_TRAIT_COLUMN, FIRST_TRAIT_COLUMN + n_traits)
    }
    formats = list(ws.conditional_formatting)
    assert len(formats) == 1
    (cf,) = formats
    assert [rule.type for rule in cf.rules] == ["colorScale"]
    covered = set()
    for cell_range in cf.sqref.ranges:
        min_col, min_row, max_col, max_row = range_boundaries(cell_range.coord)
        covered |= {
            (r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)
        }
    assert covered == expected
    anchors = [(v.type, v.val) for v in cf.rules[0].colorScale.cfvo]
    assert anchors == [("num", 25.0), ("num", 50.0), ("num", 75.0)]


# -- Traits -------------------------------------------------------------------------------------


def test_traits_table_and_diverging_chart(book: Workbook, standard: Survey) -> None:
    ws = book["Traits"]
    org = standard.report.organisation
    assert org.traits is not None
    names = list(trait_names(standard.report.instrument, "en").values())
    table = list(ws.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + 5, values_only=True))
    assert [r[0] for r in table] == names
    # A trait figure the organisation does not show is a blank row of figures.
    by_key = {t.key: t for t in org.traits}
    keys = [t.key for t in standard.report.instrument.traits]
    assert [r[2:6] for r in table] == [
        tuple(map(stored, (t.mean, t.unfavourable, t.neutral, t.favourable)))
        if (t := by_key.get(key)) is not None
        else (None, None, None, None)
        for key in keys
    ]
    assert ws.cell(row=HEADER_ROW + 1, column=4).number_format == "0%"
    (chart,) = ws._charts
    assert (chart.type, chart.grouping, chart.overlap) == ("bar", "percentStacked", 100)
    # Drawn from the table itself: unfavourable, neutral, favourable (columns D, E, F), no
    # separate chart data anywhere.
    first, last = HEADER_ROW + 1, HEADER_ROW + 5
    assert [s.val.numRef.f for s in chart.series] == [
        f"'Traits'!${col}${first}:${col}${last}" for col in "DEF"
    ]
    categories = {s.cat.strRef.f if s.cat.strRef else s.cat.numRef.f for s in chart.series}
    assert categories == {f"'Traits'!$A${first}:$A${last}"}
    titles = [s.tx.v for s in chart.series]
    assert titles == ["Unfavourable", "Neutral", "Favourable"]
    assert ws.max_row < last + 4  # nothing under the table but the alpha line


def test_single_item_traits_have_no_alpha(book: Workbook) -> None:
    ws = book["Traits"]
    header = [c.value for c in ws[HEADER_ROW] if c.value is not None]
    assert header == ["Trait", "Statement", "Score", "Unfavourable", "Neutral", "Favourable"]
    # Said once under the table, not five times in a column of its own.
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert sum("alpha" in t for t in texts) == 1
    assert ws.cell(row=HEADER_ROW + 6, column=1).value == (
        "Each trait has one statement, so Cronbach's alpha (reliability) does not apply."
    )


def test_multi_item_traits_show_alpha_and_warn_below_threshold(tmp_path: Path) -> None:
    report = multi_item_survey().report
    reliability = {r.trait: r for r in report.reliability}
    assert reliability["signals"].alpha is not None
    assert reliability["signals"].alpha >= 0.7
    assert reliability["speed"].below_threshold
    ws = _saved(report, tmp_path / "multi.xlsx")["Traits"]
    rows = {
        r[0]: r
        for r in ws.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + 3, values_only=True)
    }
    assert rows["Customer signals"][6:8] == (2, stored(reliability["signals"].alpha or 0))
    assert rows["Speed"][6:8] == (2, stored(reliability["speed"].alpha or 0))
    assert rows["Speed"][8].startswith("Below 0.70: the statements may not measure one thing")
    assert rows["Customer signals"][8].startswith("Good")
    assert rows["Room"][6:9] == (1, None, "One statement: alpha does not apply")
    assert ws.cell(row=HEADER_ROW + 1, column=8).number_format == "0.00"
    assert rows["Speed"][1] == "I switch quickly.\nImprovements take me long."


# -- Summary, Method, Issues ----------------------------------------------------------------------


def _labelled(ws: Worksheet) -> dict[str, tuple[Any, ...]]:
    """Rows of a sheet by their first cell's text."""
    return {row[0]: row[1:] for row in ws.iter_rows(values_only=True) if isinstance(row[0], str)}


def test_summary_key_figures(book: Workbook, standard: Survey) -> None:
    report = standard.report
    org = report.organisation
    assert org.ci is not None
    rows = _labelled(book["Summary"])
    assert rows["MES (0–100)"][0] == stored(org.mes or 0)
    assert rows["95% confidence interval"][:2] == (stored(org.ci.low), stored(org.ci.high))
    assert rows["Respondents"][0] == org.respondents
    assert rows["With a MES"][0] == org.n
    assert rows["Customer-energetic"][0] == stored(org.energetic_share or 0)
    focus = trait_names(report.instrument, "en")[org.focus_trait or ""]
    assert rows["Focus trait"][0] == focus
    assert rows["Date"][0] == dt.datetime(2026, 9, 30)
    assert rows["Source file"][0] == "survey.xlsx, sheet Sheet1"
    assert rows["Questionnaire"][0].startswith("MES-5, version 1 (sha256:")
    assert rows["Settings"][0].startswith("minimum group size 5; 95% confidence")
    # The five trait scores and the reference figures, context not targets.
    lowest = next(t.mean for t in org.traits or [] if t.key == org.focus_trait)
    assert rows[f"{focus} (focus)"][0] == stored(lowest)
    assert rows["Go home with a lot of energy"][0] == 0.19
    assert rows["Lack room to solve a customer's problem themselves"][0] == 0.51
    assert rows["End the workday with (almost) no energy"][0] == 0.33
    # One figure per row, each saying whose it is (side by side they read as a riddle).
    assert rows["Customer orientation of engaged employees (grade 1–10)"][:2] == (8.5, None)
    assert rows["Customer orientation of the other employees (grade 1–10)"][:2] == (6.6, None)


def test_summary_reading_in_plain_words(
    book: Workbook, book_nl: Workbook, standard: Survey
) -> None:
    mes = f"{standard.report.organisation.mes:.1f}"
    texts = [
        c.value
        for _, c in workbook_cells(book)
        if isinstance(c.value, str) and c.value.startswith("• ")
    ]
    assert texts[0].startswith(f"• The organisation's MES is {mes} on a scale from 0 to 100")
    org = standard.report.organisation
    focus = trait_names(standard.report.instrument, "en")[org.focus_trait or ""]
    assert any(f"The weakest trait is {focus}" in t for t in texts)
    assert any("4 groups are not shown" in t for t in texts)
    nl = [
        c.value
        for _, c in workbook_cells(book_nl)
        if isinstance(c.value, str) and c.value.startswith("• ")
    ]
    mes_nl = mes.replace(".", ",")
    assert nl[0].startswith(f"• De MES van de organisatie is {mes_nl} op een schaal van 0 tot 100")


def test_method_explains_with_this_runs_settings(book: Workbook, standard: Survey) -> None:
    rows = _labelled(book["Method"])
    assert "fewer than 5 respondents" in rows["Anonymity"][0]
    assert "100 × (answer − 1) / (5 − 1)" in rows["Trait score"][0]
    assert rows["Minimum group size (-k)"][0] == 5
    assert rows["Confidence level (--confidence)"][0] == 0.95
    assert rows["Respondents with a MES"][0] == standard.report.source.scored
    assert rows["Breakdowns (--by)"][0] == "rol"


def test_issues_sheet_lists_every_warning_with_its_location(
    book: Workbook, standard: Survey
) -> None:
    ws = book["Issues"]
    header = [c.value for c in ws[HEADER_ROW]]
    assert header == ["Severity", "Code", "Message", "File", "Sheet", "Row", "Column", "Cell"]
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    issues = standard.report.issues
    assert [(r[1], r[5], r[7]) for r in rows] == [
        (i.code, i.location.row, i.location.cell) for i in issues
    ]
    assert ("answer-out-of-range", 106, "F106") in [(r[1], r[5], r[7]) for r in rows]
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:H{HEADER_ROW + len(issues)}"


# -- safety -------------------------------------------------------------------------------------


def test_input_text_is_text_and_neutralised(book: Workbook, standard: Survey) -> None:
    rows = _group_rows(book["Groups"], standard.report)
    ws = book["Groups"]
    cells = [
        r[0]
        for r in ws.iter_rows(min_row=GROUPS_HEADER + 1)
        if not _is_by_heading(tuple(c.value for c in r))
    ]
    by_name = {g.name: cell for g, cell in zip(standard.report.groups, cells, strict=True)}
    for name in (HYPERLINK, DDE, AT_ROLE, DASH_ROLE):
        cell = by_name[name]
        assert cell.data_type == "s"
        assert cell.value == "'" + name, "a leading = + - @ is quoted, the rest kept verbatim"
    assert by_name[CONTROL].value == "Advies\ufffdZakelijk"
    long_cell = by_name[LONG]
    assert len(long_cell.value) == EXCEL_CELL_LIMIT
    assert long_cell.value.endswith("… [shortened]")
    assert long_cell.value.startswith(LONG[:1000])
    assert rows  # the hostile names did not stop the rest of the sheet


def test_no_formula_anywhere(book: Workbook, with_individuals: Survey, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    wb = _saved(with_individuals.report, path)
    for loaded in (book, wb):
        for ws, cell in workbook_cells(loaded):
            where = f"{ws.title}!{cell.coordinate}"
            assert cell.data_type != "f", f"{where} is a formula"
            if isinstance(cell.value, str):
                assert cell.data_type == "s", where
                assert not cell.value.startswith(FORMULA_TRIGGERS), f"{where}: {cell.value!r}"
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name)
                assert b"<f " not in archive.read(name)


def test_error_like_names_stay_text(standard: Survey, tmp_path: Path) -> None:
    group = standard.report.groups[1].model_copy(update={"name": "#N/A"})
    groups = [standard.report.groups[0], group, *standard.report.groups[2:]]
    wb = _saved(standard.report.model_copy(update={"groups": groups}), tmp_path / "r.xlsx")
    cell = wb["Groups"].cell(row=GROUPS_HEADER + 2, column=1)
    assert (cell.value, cell.data_type) == ("#N/A", "s")


# -- privacy ------------------------------------------------------------------------------------


def _private_figures(data: Survey, group: GroupResult) -> tuple[list[float], list[float]]:
    """The figures a suppressed group would have, computed here from the raw rows."""
    if group.dimension == "organisation":
        people = data.scored_people(lambda row: True)
    elif group.dimension == "department":
        people = data.scored_people(lambda row: row[1] == group.path[0])
    elif group.dimension == "team":
        people = data.scored_people(lambda row: (row[1], row[2]) == tuple(group.path))
    else:
        people = data.scored_people(lambda row: row[3] == group.name)
    assert people, f"no people in {group.id}"
    return group_figures(people)


def _shown_figures(report: ScoreReport) -> list[float]:
    """Every figure the report may show: those of the shown groups."""
    out: list[float] = []
    for g in report.groups:
        if g.suppressed or g.traits is None:
            continue
        out += [t.mean for t in g.traits] + [t.favourable for t in g.traits]
    return out


def _close(value: float, figures: list[float]) -> bool:
    return any(math.isclose(value, f, abs_tol=1e-9) for f in figures)


def _assert_nowhere(
    wb: Workbook, secrets: dict[str, tuple[list[float], list[float]]], shown: list[float]
) -> None:
    """No cell holds a suppressed figure; a coarse one only where a shown group has it too."""
    for ws, cell in workbook_cells(wb):
        assert cell.comment is None, f"{ws.title}!{cell.coordinate} has a comment"
        value = cell.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        where = f"{ws.title}!{cell.coordinate} = {value}"
        for name, (distinctive, coarse) in secrets.items():
            assert not _close(value, distinctive), f"{where}: a figure of suppressed {name!r}"
            assert not _close(value, coarse) or _close(value, shown), (
                f"{where}: a trait mean of suppressed {name!r}"
            )
    for ws in wb.worksheets:
        assert ws.sheet_state == "visible"
        assert not any(d.hidden for d in ws.column_dimensions.values())
        assert not any(d.hidden for d in ws.row_dimensions.values())


def test_no_figure_of_a_suppressed_group_appears_anywhere(book: Workbook, standard: Survey) -> None:
    report = standard.report
    hidden = [g for g in report.groups if g.suppressed]
    secrets = {g.name: _private_figures(standard, g) for g in hidden}
    assert sorted(int(s[0][0]) for s in secrets.values()) == [3, 4, 7, 8]  # their sizes
    _assert_nowhere(book, secrets, _shown_figures(report))
    # Their names appear only where the name of a hidden group may: in its own Groups row.
    # (Names inside a shown group's name, like "Uitkeringen" in the long one, cannot be told.)
    shown_names = [g.name for g in report.groups if not g.suppressed]
    names = [g.name for g in hidden if not any(g.name in other for other in shown_names)]
    for ws, cell in workbook_cells(book):
        if isinstance(cell.value, str) and any(name in cell.value for name in names):
            assert (ws.title, cell.column) == ("Groups", 1), f"{ws.title}!{cell.coordinate}"


def test_a_suppressed_organisation_shows_no_figures_at_all(tmp_path: Path) -> None:
    data = tiny_survey()
    org = data.report.organisation
    assert org.suppressed
    wb = _saved(data.report, tmp_path / "tiny.xlsx")
    distinctive, coarse = _private_figures(data, org)
    _assert_nowhere(wb, {"organisation": (distinctive + coarse, [])}, [])
    assert wb["Traits"]._charts == []
    numbers = [
        (ws.title, c.value)
        for ws, c in workbook_cells(wb)
        if isinstance(c.value, (int, float)) and ws.title != "Summary"
    ]
    # Only the run's settings remain: no count of the (too few) respondents anywhere.
    assert numbers == [("Method", 5), ("Method", 0.95), ("Method", 75), ("Method", 75),
                       ("Method", 25), ("Method", 0.7)]  # fmt: skip


# -- a real spreadsheet program -------------------------------------------------------------------


@pytest.mark.slow  # starts LibreOffice, whose start-up is most of the time
@needs_libreoffice
def test_libreoffice_opens_and_converts_the_workbook(
    with_individuals: Survey, tmp_path: Path
) -> None:
    path = tmp_path / "report.xlsx"
    build_score_workbook(with_individuals.report, lang="nl", today=TODAY).save(path)
    text = " ".join(pdf_text(convert_with_libreoffice(path, tmp_path)).split())
    # The charts were drawn: LibreOffice prints their titles and axis labels as text.
    for title in (
        "Score per kenmerk, hele organisatie (0–100)",
        "MES per afdeling, met het 95%-betrouwbaarheidsinterval",
        "Negatief, neutraal en positief per kenmerk",
    ):
        assert title in text


# -- Summary charts, and what every chart draws from ------------------------------------------


def _cat(series: Any) -> str:
    return str((series.cat.strRef or series.cat.numRef).f)


def _summary_charts(wb: Workbook) -> dict[str, Any]:
    return {chart.title.tx.rich.paragraphs[0].r[0].t: chart for chart in wb["Summary"]._charts}


def test_summary_charts_mes_per_department_with_interval_and_trait_profile(
    book: Workbook, standard: Survey
) -> None:
    report = standard.report
    charts = _summary_charts(book)
    assert set(charts) == {
        "Score per trait, whole organisation (0–100)",
        "MES per department, with its 95% confidence interval",
    }
    org = report.organisation
    assert org.traits is not None
    # The profile: the Summary's own trait table, one bar per trait.
    (profile,) = charts["Score per trait, whole organisation (0–100)"].series
    # (a trait figure the organisation does not show is an empty cell: no bar)
    by_key = {t.key: t for t in org.traits}
    keys = [t.key for t in report.instrument.traits]
    assert referenced_cells(book, profile.val.numRef.f) == [
        stored(by_key[k].mean) if k in by_key else None for k in keys
    ]
    # MES per department: the organisation and every shown department, nothing else; the error
    # bars are the interval's half-width on both sides.
    (bars,) = charts["MES per department, with its 95% confidence interval"].series
    shown_groups = [org, *(g for g in report.groups if g.dimension == "department" and
                           not g.suppressed)]  # fmt: skip
    names = referenced_cells(book, _cat(bars))
    assert names == ["Organisation", *(g.name for g in shown_groups[1:])]
    assert referenced_cells(book, bars.val.numRef.f) == [stored(g.mes or 0) for g in shown_groups]
    assert bars.errBars.errValType == "cust"
    assert bars.errBars.plus.numRef.f == bars.errBars.minus.numRef.f
    margins = referenced_cells(book, bars.errBars.plus.numRef.f)
    for group, margin in zip(shown_groups, margins, strict=True):
        assert group.ci is not None
        assert margin == pytest.approx(group.ci.high - (group.mes or 0), abs=1e-12)
        assert margin == pytest.approx((group.mes or 0) - group.ci.low, abs=1e-9)  # symmetric


def test_a_suppressed_department_is_named_under_the_chart_but_not_charted(tmp_path: Path) -> None:
    base = survey().report
    target = next(g for g in base.groups if g.dimension == "department")
    hidden = base.model_copy(
        update={"groups": [g if g.id != target.id else _suppressed(g, base) for g in base.groups]}
    )
    wb = _saved(hidden, tmp_path / "r.xlsx")
    (bars,) = _summary_charts(wb)["MES per department, with its 95% confidence interval"].series
    assert target.name not in referenced_cells(wb, _cat(bars))
    texts = [c.value for _, c in workbook_cells(wb) if isinstance(c.value, str)]
    assert f"Not shown, to protect anonymity: {target.name}." in texts


def _suppressed(group: GroupResult, report: ScoreReport) -> GroupResult:
    from mes.privacy import Suppression
    from mes.results import SuppressedGroup

    return SuppressedGroup(
        id=group.id, dimension=group.dimension, name=group.name, path=group.path,
        parent=group.parent, suppressed=True, suppression=Suppression.TOO_FEW,
    )  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_chart_draws_from_visible_cells_of_shown_groups_only(
    standard: Survey, tmp_path: Path, lang: Lang
) -> None:
    report = standard.report
    wb = _saved(report, tmp_path / f"r-{lang}.xlsx", lang)
    refs = chart_references(wb)
    assert {(r.sheet, r.role) for r in refs} >= {
        (SHEETS[lang][0], "values"), (SHEETS[lang][0], "error"), (SHEETS[lang][2], "values"),
    }  # fmt: skip
    hidden = [g for g in report.groups if g.suppressed]
    shown_names = [g.name for g in report.groups if not g.suppressed]
    secrets = [_private_figures(standard, g) for g in hidden]
    shown = _shown_figures(report)
    for ref in refs:
        sheet, _ = split_ref(ref.ref)
        assert wb[sheet].sheet_state == "visible", ref
        for value in referenced_cells(wb, ref.ref):
            if isinstance(value, str):
                assert not any(
                    g.name in value and not any(g.name in s for s in shown_names) for g in hidden
                ), (ref, value)
            elif isinstance(value, (int, float)):
                for distinctive, coarse in secrets:
                    assert not _close(value, distinctive), (ref, value)
                    assert not _close(value, coarse) or _close(value, shown), (ref, value)


def test_energy_is_compared_like_with_like_once_the_survey_asks_it(standard: Survey) -> None:
    """Without an energy question the reading says the share customer-energetic and the 19% who
    go home with energy do not compare; with one (issue 16 adds them) it compares energy."""
    from types import SimpleNamespace

    from mes.render.xlsx.summary import reading

    report = standard.report.model_copy(deep=True)
    without = next(s for s in reading(report, "en") if "customer-energetic" in s)
    assert "the two figures do not compare" in without
    energy = SimpleNamespace(key="energy", kind="energy", high_share=0.23)
    object.__setattr__(report.organisation, "outcomes", [energy])
    object.__setattr__(report.instrument, "outcomes", [SimpleNamespace(key="energy", high_at=8)])
    sentence = next(s for s in reading(report, "nl") if "klantenergiek" in s)
    assert sentence.endswith(
        "Gevraagd naar hun energie aan het eind van de werkdag gaat 23% van de respondenten met "
        "veel energie naar huis (8 of meer): het Nederlandse onderzoek (MSI 2020) vond 19%."
    )


def test_a_name_too_long_for_its_column_wraps_inside_its_cell(book: Workbook) -> None:
    """Cut off at the column's edge it ran up against the next column's text; wrapped (at most
    three lines) it stays in its cell. A name that fits keeps one line."""
    ws = book["Groups"]
    cells = {c.value: c for c in ws["A"] if isinstance(c.value, str)}
    long_cell = next(c for v, c in cells.items() if v.startswith(LONG[:100]))
    assert long_cell.alignment.wrap_text
    assert ws.row_dimensions[long_cell.row].height == 3 * 15.0 + 2
    short_cell = cells["Klantcontact Zuid"]
    assert not short_cell.alignment.wrap_text
    assert ws.row_dimensions[short_cell.row].height is None


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_summary_shows_everyone_and_separately_who_has_a_mes(lang: str, tmp_path: Path) -> None:
    """The sample's third quarter: 155 people answered, 16 of them missed a statement (one item
    per trait there; "n.v.t." is no answer) and so have no MES. Counted here from the input
    file itself."""
    from typer.testing import CliRunner

    from mes.cli.app import app

    source = Path(__file__).parent.parent / "sample_data" / "2026-Q3.xlsx"
    data = list(load_workbook(source).active.iter_rows(values_only=True))
    header, body = data[0], data[1:]
    items = [i for i, h in enumerate(header) if isinstance(h, str) and h.startswith("Ik ")]
    answers = [*items, len(header) - 2, len(header) - 1]  # the statements, energy and eNPS
    assert len(items) == 5
    everyone = sum(any(row[i] is not None for i in answers) for row in body)
    scale = {"Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"}
    with_mes = sum(all(row[i] in scale for i in items) for row in body)
    assert everyone > with_mes  # the case this test is about
    out = tmp_path / "r.xlsx"
    result = CliRunner().invoke(
        app, ["score", str(source), "--format", "xlsx", "-o", str(out), "--lang", lang]
    )
    assert result.exit_code == 0, result.stderr
    rows = _labelled(load_workbook(out)["Summary" if lang == "en" else "Samenvatting"])
    labels = ("Respondents", "With a MES") if lang == "en" else ("Respondenten", "Met een MES")
    assert rows[labels[0]][0] == everyone
    assert rows[labels[1]][0] == with_mes
    assert str(everyone - with_mes) in rows[labels[1]][2]  # the note says how many have none
