"""The Excel report of ``mes score --format xlsx``: a workbook a manager can hand on as it is.

Sheets, in order: Summary (the organisation's result in figures and plain words, the reference
figures as context, what produced it), Groups (one row per group, heatmap over the scores),
Traits (unfavourable/neutral/favourable per trait as a diverging stacked bar chart, and
reliability), Outcomes and Drivers (only when the file has an outcome question: its figures,
and how each trait relates to it, see `mes.render.xlsx.drivers`), Method (how each figure is
computed, with this run's settings), Issues (warnings with their locations) and, only with
``--individuals``, Individuals.

What may be shown was decided in the core: a suppressed group arrives with its name and reason
only, and nothing else is written for it. The one exception the core cannot make for us is the
source's respondent counts, which equal the organisation's count; they are left out when the
organisation itself is suppressed. Every string goes through `safe_text` (see
`mes.render.xlsx.safe`), so input text never becomes a formula.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from mes.messages import N_
from mes.render import Lang
from mes.render.catalogue import tr, tr_ctx
from mes.render.words import LEVELS, issue_text, percent, reason, severity_word, trait_names
from mes.render.xlsx.drivers import write_drivers
from mes.render.xlsx.individuals import StreamedWorkbook, write_individuals
from mes.render.xlsx.kit import Column, Row, SheetWriter, TableRange
from mes.render.xlsx.method import write_method
from mes.render.xlsx.outcomes import write_outcomes
from mes.render.xlsx.response import response_columns, response_values
from mes.render.xlsx.safe import safe_text
from mes.render.xlsx.style import Kind, RowStyle, Value, font
from mes.render.xlsx.summary import write_summary
from mes.render.xlsx.traits import write_traits
from mes.results import GroupResult, ScoreReport, ShownGroup

__all__ = ["build_score_workbook", "safe_text", "write_score_workbook"]


def write_score_workbook(report: ScoreReport, path: Path, *, lang: Lang = "en") -> None:
    """Write the Excel report of a score run to ``path`` (the CLI makes the write atomic)."""
    build_score_workbook(report, lang=lang, today=dt.date.today()).save(path)


def build_score_workbook(report: ScoreReport, *, lang: Lang = "en", today: dt.date) -> Workbook:
    """The report as an openpyxl `Workbook`; ``today`` is its only non-deterministic content."""
    wb = StreamedWorkbook()  # the Individuals sheet's rows are streamed in when it is saved
    summary = wb.active
    assert summary is not None  # a new Workbook always has one sheet
    summary.title = tr(lang, "Summary")
    write_summary(SheetWriter(summary, lang), report, today)
    write_groups(SheetWriter(wb.create_sheet(tr(lang, "Groups")), lang), report)
    write_traits(SheetWriter(wb.create_sheet(tr(lang, "Traits")), lang), report)
    if report.instrument.outcomes:
        sheet = wb.create_sheet(tr(lang, "Outcomes"))
        write_outcomes(SheetWriter(sheet, lang), report)
    if report.drivers is not None:  # the file has an outcome question
        sheet = wb.create_sheet(tr(lang, "Drivers"))
        write_drivers(SheetWriter(sheet, lang), report.drivers, report.instrument)
    write_method(SheetWriter(wb.create_sheet(tr(lang, "Method")), lang), report)
    write_issues(SheetWriter(wb.create_sheet(tr(lang, "Issues")), lang), report)
    people = report.people()
    if people is not None:
        sheet = wb.create_sheet(tr(lang, "Individuals"))
        write_individuals(SheetWriter(sheet, lang), report, people)
    wb.active = 0
    wb.properties.title = tr(lang, "Employee Energy Score (MES)")
    wb.properties.creator = f"mes {report.mes_version}"
    return wb


# -- Groups -------------------------------------------------------------------------------------

_FIXED_DIMENSIONS = ("organisation", "department", "team")
_FIRST_FIGURE = 3  # columns before it: group, level, part of


def group_columns(report: ScoreReport, lang: Lang) -> list[Column]:
    """The Groups table's columns: who, then the figures, then focus and note."""
    conf = percent(report.settings.confidence, lang, None)
    names = trait_names(report.instrument, lang)
    return [
        *_group_columns(report, lang, conf, names),
        *(response_columns(lang) if report.response is not None else []),
    ]


def _group_columns(
    report: ScoreReport, lang: Lang, conf: str, names: dict[str, str]
) -> list[Column]:
    return [
        Column(tr(lang, "Group"), Kind.TEXT, min_width=14, max_width=40),
        Column(tr(lang, "Level"), Kind.TEXT, max_width=24),
        Column(tr_ctx(lang, "score workbook", "Part of"), Kind.TEXT, max_width=28),
        Column(tr(lang, "Respondents"), Kind.COUNT),
        Column(tr(lang, "MES"), Kind.SCORE),
        # Wide enough for "95% CI" on one line of the header.
        Column(tr(lang, "{conf} CI from", conf=conf), Kind.SCORE, min_width=8),
        Column(tr(lang, "{conf} CI to", conf=conf), Kind.SCORE, min_width=8),
        Column(tr(lang, "Energetic"), Kind.SHARE),
        *(Column(name, Kind.SCORE, max_width=16) for name in names.values()),
        # The share favourable per trait, under a spanning "favourable" header (the terminal's
        # "71 68%" cells, as two numbers Excel can sort and compute with).
        *(Column(name, Kind.SHARE, max_width=16) for name in names.values()),
        Column(tr(lang, "Focus trait"), Kind.TEXT, max_width=24),
        Column(tr(lang, "Note"), Kind.TEXT, max_width=60),
    ]


def write_groups(sheet: SheetWriter, report: ScoreReport) -> None:
    """One row per group, a heatmap over MES and the trait scores, ready to filter and print."""
    lang, st = sheet.lang, report.settings
    sheet.title(
        tr(lang, "Groups"),
        tr(
            lang,
            (
                "Scores from 0 to 100, coloured red ({u} or less), yellow (50) and "
                "green ({f} or more). A group with fewer than {k} respondents, or from "
                "which such a group could be worked out, is suppressed: its name and "
                "the reason only."
            ),
            u=f"{st.unfavourable_at:g}",
            f=f"{st.favourable_at:g}",
            k=st.min_group_size,
        ),
    )
    columns = group_columns(report, lang)
    n_traits = len(report.instrument.traits)
    first_trait = _FIRST_FIGURE + 5
    sheet.spanning_header(
        len(columns),
        {
            first_trait: (tr(lang, "Score per trait (0–100)"), n_traits),
            first_trait + n_traits: (
                tr(lang, "Share favourable per trait ({f} or more)", f=f"{st.favourable_at:g}"),
                n_traits,
            ),
        },
    )
    rows = group_rows(report, lang)
    table = sheet.table(columns, rows)
    mes_col = _FIRST_FIGURE + 1
    if not table.empty:
        sheet.heatmap(
            [table.column_range(mes_col), _span(table, first_trait, first_trait + n_traits - 1)],
            st.unfavourable_at,
            50.0,
            st.favourable_at,
        )
    sheet.freeze_and_filter(table, frozen_cols=1)
    sheet.finish(
        landscape=True, title_rows=f"{table.header_row - 1}:{table.header_row}", title_cols="A:A"
    )


def group_rows(report: ScoreReport, lang: Lang) -> list[Row]:
    """The tree's rows, then each ``--by`` breakdown under a heading row of its own (without
    one its rows followed the last department as if they were its teams)."""
    rows: list[Row] = []
    dimension = None
    for group in report.groups:
        if group.dimension not in _FIXED_DIMENSIONS and group.dimension != dimension:
            heading = tr(lang, "By {column}", column=group.dimension)
            rows.append(Row([heading], RowStyle.SUBTOTAL))
        dimension = group.dimension
        rows.append(group_row(group, report, lang))
    return rows


def group_row(group: GroupResult, report: ScoreReport, lang: Lang) -> Row:
    """A group's row: its figures, or for a suppressed group its name and the reason only."""
    names = trait_names(report.instrument, lang)
    who: list[Value] = [_group_label(group, lang), _level(group, lang), _part_of(group)]
    note_col = _FIRST_FIGURE + 5 + 2 * len(names) + 1
    if group.suppressed or group.traits is None or group.respondents is None:
        blanks: list[Value] = [None] * (note_col - _FIRST_FIGURE)
        note = None
        if group.suppression is not None:
            why = reason(group.suppression, report.settings.min_group_size, lang)
            note = tr(lang, "Suppressed: {reason}", reason=why)
        values = [*who, *blanks, note, *response_values(group, report)]
        return Row(values, RowStyle.MUTED, _indent(group), notes=(note_col,))
    by_key = {t.key: t for t in group.traits}
    figures: list[Value] = [
        group.respondents,
        group.mes,
        group.ci.low if group.ci else None,
        group.ci.high if group.ci else None,
        group.energetic_share,
        *(by_key[key].mean if key in by_key else None for key in names),
        *(by_key[key].favourable if key in by_key else None for key in names),
        names.get(group.focus_trait or "", group.focus_trait),
        figure_note(group, names, lang),
        *response_values(group, report),
    ]
    return Row([*who, *figures], _row_style(group), _indent(group), notes=(note_col,))


def figure_note(group: ShownGroup, names: dict[str, str], lang: Lang) -> str | None:
    """On how many people the figures rest where fewer than the respondents answered, and
    which figures are not shown: "MES: 14; Room: 15; not shown: Criticism"."""
    parts = []
    if group.n is not None and group.n != group.respondents:
        parts.append(f"MES: {group.n}")
    parts += [f"{names[t.key]}: {t.n}" for t in group.traits if t.n != group.respondents]
    hidden = [
        "MES" if h.figure == "mes" else names.get(h.figure.removeprefix("trait:"), "")
        for h in group.hidden
        if not h.figure.startswith("outcome:")
    ]
    if hidden:
        parts.append(tr(lang, "not shown: {figures}", figures=", ".join(hidden)))
    return "; ".join(parts) or None


_ISSUE_COLUMNS = {
    "severity": N_("Severity"),
    "code": N_("Code"),
    "message": N_("Message"),
    "file": N_("File"),
    "sheet": N_("Sheet"),
    "row": N_("Row"),
    "column": N_("Column"),
    "cell": N_("Cell"),
    "item": N_("Item"),
    "field": N_("Field"),
}


def _group_label(group: GroupResult, lang: Lang) -> str:
    return tr(lang, "Organisation") if group.dimension == "organisation" else group.name


def _level(group: GroupResult, lang: Lang) -> str:
    if group.dimension in _FIXED_DIMENSIONS:
        return tr(lang, LEVELS[group.dimension])
    return group.dimension  # the --by column, as the user named it


def _part_of(group: GroupResult) -> str | None:
    return group.path[0] if group.dimension == "team" and len(group.path) > 1 else None


def _indent(group: GroupResult) -> int:
    if group.dimension == "organisation":
        return 0
    if group.dimension == "team" and len(group.path) > 1:
        return 2
    return 1


def _row_style(group: GroupResult) -> RowStyle:
    if group.dimension == "organisation":
        return RowStyle.TOTAL
    if group.dimension == "department":
        return RowStyle.SUBTOTAL
    return RowStyle.NORMAL


def _span(table: TableRange, first: int, last: int) -> str:
    """``H5:L30``: the data cells of the table's columns ``first`` to ``last``."""
    return f"{table.letter(first)}{table.first_row}:{table.letter(last)}{table.last_row}"


# -- Issues -------------------------------------------------------------------------------------


def write_issues(sheet: SheetWriter, report: ScoreReport) -> None:
    """Every warning with its location, one per row; filterable by code."""
    lang = sheet.lang
    sheet.title(
        tr(lang, "Issues"),
        tr(
            lang,
            (
                "Warnings from reading and checking the input, and where to find them "
                "(rows as numbered in Excel)."
            ),
        ),
    )
    json_input = any(i.location.item is not None or i.location.field for i in report.issues)
    keys = ["severity", "code", "message", "file", "sheet", "row", "column", "cell"]
    if json_input:
        keys += ["item", "field"]
    columns = [
        Column(
            tr(lang, _ISSUE_COLUMNS[key]),
            Kind.COUNT if key in ("row", "item") else Kind.WRAP if key == "message" else Kind.TEXT,
            max_width=70 if key == "message" else 30,
        )
        for key in keys
    ]
    rows = []
    for issue in report.issues:
        loc = issue.location
        values: list[Value] = [
            severity_word(issue.severity, lang),
            issue.code,
            issue_text(issue, lang),
            loc.file,
            loc.sheet,
            loc.row,
            loc.column,
            loc.cell,
        ]
        if json_input:
            values += [loc.item, loc.field]
        rows.append(Row(values))
    table = sheet.table(columns, rows)
    if table.empty:
        sheet.put(
            sheet.row,
            1,
            tr(lang, "No problems were found in the input."),
            cell_font=font(italic=True),
            fit=False,
        )
    sheet.freeze_and_filter(table)
    sheet.finish(landscape=True, title_rows=f"{table.header_row}:{table.header_row}")
