"""The streamed Individuals sheet against the sheet the openpyxl cell-by-cell writer made.

Since issue 15 the people's rows are spliced into the saved workbook column-wise
(`mes.render.xlsx.individuals`). `reference_sheet` below is the writer it replaced, kept here as
the reference: both workbooks are saved, loaded with openpyxl and compared cell by cell, on what a
user sees (values, number formats, fonts, alignment, borders, widths, frozen panes, filter, print
titles), not on bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from report_fixtures import CONTROL, DDE, HYPERLINK, LONG, survey

from mes.individuals import HIDDEN_LABEL, People
from mes.render import Lang
from mes.render.catalogue import tr
from mes.render.words import trait_names
from mes.render.xlsx import individuals as streamed
from mes.render.xlsx.kit import Column, Row, SheetWriter
from mes.render.xlsx.score import build_score_workbook
from mes.render.xlsx.style import Kind, Value
from mes.results import Individual, ScoreReport

TODAY = dt.date(2026, 9, 30)


def reference_sheet(sheet: SheetWriter, report: ScoreReport, individuals: list[Individual]) -> None:
    """Per-person scores, only when asked for; labels of hidden groups stay masked."""
    lang = sheet.lang
    sheet.title(
        tr(lang, "Individuals"),
        tr(
            lang,
            (
                "Scores per person (--individuals); names of suppressed groups are "
                "masked. This sheet holds personal data: share it only with people "
                "allowed to see it."
            ),
        ),
    )
    names = trait_names(report.instrument, lang)
    has_dept = any(p.department is not None for p in individuals)
    has_team = any(p.team is not None for p in individuals)
    columns = [Column(tr(lang, "Respondent"), Kind.TEXT, max_width=24)]
    if has_dept:
        columns.append(Column(tr(lang, "Department"), Kind.TEXT, max_width=30))
    if has_team:
        columns.append(Column(tr(lang, "Team"), Kind.TEXT, max_width=30))
    columns += [Column(name, Kind.TEXT, max_width=30) for name in report.by]
    columns += [Column(name, Kind.SCORE, max_width=16) for name in names.values()]
    columns += [
        Column(tr(lang, "MES"), Kind.SCORE),
        Column(tr(lang, "Customer-energetic"), Kind.TEXT),
    ]
    rows = []
    for person in individuals:
        labels: list[str | None] = []
        if has_dept:
            labels.append(person.department)
        if has_team:
            labels.append(person.team)
        labels += [person.by.get(name) for name in report.by]
        masked = tuple(i + 1 for i, v in enumerate(labels) if v == HIDDEN_LABEL)
        shown = [tr(lang, "(suppressed)") if v == HIDDEN_LABEL else v for v in labels]
        energetic = (
            None
            if person.energetic is None
            else (tr(lang, "yes") if person.energetic else tr(lang, "no"))
        )
        values: list[Value] = [
            person.respondent,
            *shown,
            *(person.traits.get(key) for key in names),
            person.mes,
            energetic,
        ]
        rows.append(Row(values, notes=masked))
    # No heatmap here: colouring people red or green is not what this sheet is for.
    table = sheet.table(columns, rows)
    sheet.freeze_and_filter(table, frozen_cols=1)
    sheet.finish(landscape=True, title_rows=f"{table.header_row}:{table.header_row}")


def reference_workbook(report: ScoreReport, path: Path, lang: Lang) -> Worksheet:
    people = report.people()
    assert people is not None
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = tr(lang, "Individuals")
    reference_sheet(SheetWriter(ws, lang), report, people.models())
    wb.save(path)
    return load_workbook(path)[ws.title]


def streamed_workbook(report: ScoreReport, path: Path, lang: Lang) -> Worksheet:
    build_score_workbook(report, lang=lang, today=TODAY).save(path)
    return load_workbook(path)[tr(lang, "Individuals")]


def look(ws: Worksheet) -> dict[str, Any]:
    """What a user sees of a sheet, cell by cell."""
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            font = c.font
            cells[c.coordinate] = (
                c.value,
                c.data_type,
                c.number_format,
                (font.b, font.i, font.sz, font.color.rgb if font.color else None),
                (c.alignment.horizontal, c.alignment.indent, c.alignment.wrap_text),
                (c.border.bottom.style, c.fill.fgColor.rgb if c.fill.fill_type else None),
            )
    widths = {k: round(d.width, 6) for k, d in ws.column_dimensions.items()}
    return {
        "cells": cells,
        "widths": widths,
        "frozen": ws.freeze_panes,
        "filter": ws.auto_filter.ref,
        "dimension": ws.calculate_dimension(),
        "print": (ws.print_title_rows, ws.page_setup.orientation),
        "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
    }


def odd_ids(report: ScoreReport) -> ScoreReport:
    """The report with respondent ids a user might keep (--keep-ids) that need care."""
    people = report.people()
    assert people is not None
    odd = [HYPERLINK, CONTROL, DDE, LONG, "  spaced  ", "a & b < c > d", "Å 🙂"]
    frame = people.frame.with_columns(
        respondent=people.frame["respondent"].scatter(list(range(len(odd))), odd)
    )
    return report.with_people(People(frame, people.by, people.traits))


@pytest.fixture(scope="module")
def report() -> ScoreReport:
    return survey(individuals=True).report


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("odd", [False, True])
def test_streamed_sheet_looks_as_the_cell_by_cell_one(
    report: ScoreReport, lang: Lang, odd: bool, tmp_path: Path
) -> None:
    report = odd_ids(report) if odd else report
    expected = look(reference_workbook(report, tmp_path / "reference.xlsx", lang))
    got = look(streamed_workbook(report, tmp_path / "streamed.xlsx", lang))
    assert got == expected


@pytest.mark.parametrize("batch", [1, 3, 1000])
def test_batches_make_the_same_sheet(
    report: ScoreReport, batch: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = look(reference_workbook(report, tmp_path / "reference.xlsx", "en"))
    monkeypatch.setattr(streamed, "BATCH", batch)
    assert look(streamed_workbook(report, tmp_path / "streamed.xlsx", "en")) == expected


def test_no_labels_and_no_people(report: ScoreReport, tmp_path: Path) -> None:
    people = report.people()
    assert people is not None
    bare = People(
        people.frame.select("respondent", "^trait:.*$", "mes", "energetic"), (), people.traits
    )
    for rows in (bare, People(bare.frame.clear(), (), people.traits)):
        changed = report.with_people(rows).model_copy(update={"by": []})
        expected = look(reference_workbook(changed, tmp_path / "reference.xlsx", "en"))
        assert look(streamed_workbook(changed, tmp_path / "streamed.xlsx", "en")) == expected


def test_other_sheets_are_untouched_by_the_splice(report: ScoreReport, tmp_path: Path) -> None:
    path = tmp_path / "streamed.xlsx"
    build_score_workbook(report, lang="en", today=TODAY).save(path)
    plain = build_score_workbook(report.with_people(None), lang="en", today=TODAY)
    plain.save(tmp_path / "plain.xlsx")
    full, base = load_workbook(path), load_workbook(tmp_path / "plain.xlsx")
    assert full.sheetnames == [*base.sheetnames, "Individuals"]
    for name in base.sheetnames:
        assert look(full[name]) == look(base[name])
