"""The workbook of ``mes trend --format xlsx``, made through the CLI and read back with openpyxl.

Three quarters of the made-up office of the diff tests (the second and third are the same
answers under two names): the Trend sheet holds the figures of `--format json`, every chart
draws a line per group from that sheet's cells, a group suppressed in a quarter has an empty cell
there and no line point, a group suppressed in every quarter has no line at all, and no figure
of a hidden group, computed here from the raw answers, is in any cell a chart or a reader sees.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from mes.render import Lang
from mes.render.terminal.change import ordered
from mes.results import TrendGroup, TrendReport
from tests.chart_refs import chart_references, referenced_cells, split_ref
from tests.compare_fixtures import write_csv
from tests.conftest import (
    convert_with_libreoffice,
    needs_libreoffice,
    pdf_text,
    stored,
    workbook_cells,
)
from tests.report_fixtures import DDE, HYPERLINK
from tests.test_render_xlsx_diff import (
    FRAUDE,
    ONLINE_Q3,
    Q2,
    Q3,
    ZAKELIJK,
    _close,
    _figures,
    _json_numbers,
    run,
)

SHEETS = {"en": ["Charts", "Trend", "About"], "nl": ["Grafieken", "Verloop", "Toelichting"]}
LABELS = ("Q2", "Q3", "Q3 again")
HEADER_ROW = 4  # Trend: title, subtitle, blank, header
QUARTER_COL = 4  # Trend: group, level, part of, then the quarters

#: Hidden in every quarter (Fraude, and Zakelijk, which protects it), or Online's four people of
#: the last two quarters: none of those figures may be shown. (Advies, hidden in the last two to
#: protect Online, has the same people in Q2, where it is shown: its figures are Q2's to show.)
HIDDEN = {
    "Fraude": [FRAUDE],
    "Zakelijk": [ZAKELIJK],
    "Online": [ONLINE_Q3],
}


def _trend_groups(report: TrendReport) -> list[TrendGroup]:
    return ordered(report.groups, lambda g: (0, 0.0, "/".join(g.path).casefold()))


@pytest.fixture(scope="module")
def trended(tmp_path_factory: pytest.TempPathFactory) -> tuple[TrendReport, dict[str, Any], dict]:
    folder = tmp_path_factory.mktemp("trend")
    files = [
        str(folder / write_csv(Q2, folder / "q2.csv")),
        str(folder / write_csv(Q3, folder / "q3.csv")),
        str(folder / write_csv(Q3, folder / "q3b.csv")),
    ]
    labels = [arg for label in LABELS for arg in ("--label", label)]
    renames = ("--rename", "Noord=Noord-Oost")
    text = run("trend", *files, *labels, *renames, "-f", "json").stdout
    books: dict[Lang, Workbook] = {}
    for lang in ("en", "nl"):
        out = folder / f"trend-{lang}.xlsx"
        result = run("trend", *files, *labels, *renames, "-f", "xlsx", "-o", str(out), "--lang",
                     lang)  # fmt: skip
        assert result.stdout == ""
        books[lang] = load_workbook(out)
    return TrendReport.model_validate_json(text), json.loads(text), books


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_sheets_per_language(trended: tuple[TrendReport, Any, Any], lang: Lang) -> None:
    assert trended[2][lang].sheetnames == SHEETS[lang]


def test_trend_sheet_holds_the_figures_of_the_json(trended: tuple[TrendReport, Any, Any]) -> None:
    report, _, books = trended
    ws = books["en"]["Trend"]
    assert [c.value for c in ws[HEADER_ROW]][:6] == ["Group", "Level", "Part of", *LABELS]
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    groups = _trend_groups(report)
    assert len(rows) == len(groups)
    for group, row in zip(groups, rows, strict=True):
        expected = [
            None if p.suppressed or not p.present or p.mes is None else stored(p.mes)
            for p in group.points
        ]
        # The JSON is rounded to 1e-9 (mes.render.json); the workbook keeps every digit.
        assert list(row[3:6]) == pytest.approx(expected, abs=1e-9), group.id
        assert row[6] == pytest.approx(
            None if group.last_change is None else stored(group.last_change), abs=1e-9
        )
    fraude = next(r for r in rows if r[0] == "Fraude")
    assert fraude[3:7] == (None, None, None, None)
    assert fraude[-1] == "suppressed in Q2, Q3, Q3 again"


def test_every_group_with_a_figure_has_a_line_drawn_from_its_own_row(
    trended: tuple[TrendReport, Any, Any],
) -> None:
    report, _, books = trended
    wb = books["en"]
    charts = wb["Charts"]._charts
    titles = [c.title.tx.rich.paragraphs[0].r[0].t for c in charts]
    departments = sorted({g.path[0] for g in report.groups if g.dimension == "department"})
    assert titles[0] == "Organisation and departments"
    assert titles[1:] == [f"{d} and its teams" for d in departments if _has_charted_team(report, d)]
    lines: dict[str, list[Any]] = {}
    for chart in charts:
        assert chart.display_blanks == "gap"  # a hidden quarter is a gap, never a zero
        for series in chart.series:
            (name,) = referenced_cells(wb, series.tx.strRef.f)
            sheet, cells = split_ref(series.val.numRef.f)
            assert sheet == "Trend"
            row = int(cells.split(":")[0].lstrip("$").lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ$"))
            assert wb["Trend"].cell(row=row, column=1).value == name
            lines[name] = referenced_cells(wb, series.val.numRef.f)
            categories = referenced_cells(wb, (series.cat.strRef or series.cat.numRef).f)
            assert categories == list(LABELS)
    charted = {
        ("Organisation" if g.dimension == "organisation" else _quoted(g.name))
        for g in report.groups
        if any(p.mes is not None and not p.suppressed for p in g.points)
    }
    assert set(lines) == charted
    for hidden in HIDDEN:
        if hidden in ("Fraude", "Zakelijk"):
            assert hidden not in lines  # hidden in every quarter: no line at all
    assert lines["Online"][1:] == [None, None]  # shown in Q2 only
    assert lines["Advies"][1:] == [None, None]


def _has_charted_team(report: TrendReport, department: str) -> bool:
    return any(
        g.dimension == "team"
        and g.path[0] == department
        and any(p.mes is not None and not p.suppressed for p in g.points)
        for g in report.groups
    )


def _quoted(name: str) -> str:
    return "'" + name if name.startswith(("=", "+", "-", "@")) else name


def test_no_figure_of_a_hidden_group_in_any_cell_or_chart(
    trended: tuple[TrendReport, Any, Any],
) -> None:
    report, data, books = trended
    shown = _json_numbers(data)
    for name, sides in HIDDEN.items():
        for people in sides:
            distinctive, traits = _figures(people)
            assert not _close(distinctive[1], shown), f"the JSON itself shows {name}"
            for wb in books.values():
                for ws, cell in workbook_cells(wb):
                    value = cell.value
                    if isinstance(value, bool) or not isinstance(value, (int, float)):
                        continue
                    where = f"{ws.title}!{cell.coordinate} = {value}"
                    assert not _close(value, distinctive), f"{where}: a figure of {name}"
                    assert not _close(value, traits) or _close(value, shown), where
    for wb in books.values():
        for ref in chart_references(wb):
            sheet, _ = split_ref(ref.ref)
            assert wb[sheet].sheet_state == "visible"
    assert report.groups  # the comparison ran


def test_text_is_text_never_a_formula(trended: tuple[TrendReport, Any, Any]) -> None:
    for wb in trended[2].values():
        found = set()
        for ws, cell in workbook_cells(wb):
            assert cell.data_type != "f", f"{ws.title}!{cell.coordinate}"
            if isinstance(cell.value, str) and (HYPERLINK in cell.value or DDE in cell.value):
                assert cell.value in ("'" + HYPERLINK, "'" + DDE)
                found.add(ws.title)
        assert found == {wb.sheetnames[1]}  # the Trend sheet; the charts point at it


def test_dutch_workbook(trended: tuple[TrendReport, Any, Any]) -> None:
    wb = trended[2]["nl"]
    assert wb["Verloop"]["A1"].value == "MES per kwartaal: Q2 → Q3 → Q3 again"
    titles = [c.title.tx.rich.paragraphs[0].r[0].t for c in wb["Grafieken"]._charts]
    assert titles[0] == "Organisatie en afdelingen"


@pytest.mark.slow
@needs_libreoffice
def test_libreoffice_opens_the_trend_workbook(
    trended: tuple[TrendReport, Any, Any], tmp_path: Path
) -> None:
    import datetime as dt

    from mes.render.xlsx.trend import build_trend_workbook

    path = tmp_path / "trend.xlsx"
    build_trend_workbook(trended[0], lang="nl", today=dt.date(2026, 10, 1)).save(path)
    text = " ".join(pdf_text(convert_with_libreoffice(path, tmp_path)).split())
    assert "Organisatie en afdelingen" in text  # the first line chart was drawn
    assert "Klantenservice en de teams" in text
