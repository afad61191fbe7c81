"""The workbook of ``mes diff --format xlsx``: what changed between two quarters, for management.

Sheets, in order:

- **Changes**: one row per group, in the order of the terminal table (the organisation, each
  department followed by its teams, siblings sorted by change, then groups without a change):
  n and MES of both quarters, the change with its interval, p, Hedges' g, the verdict and a note
  (why stable, "was …" for a renamed group, why suppressed).
- **Traits**: per group shown in both quarters, the change in MES, in the share
  customer-energetic and in each trait.
- **Paired**: only when the report's paired view is available: who stayed, joined and left, and
  the stayers' own change with its paired test.
- **About**: the two quarters, the settings, how the verdict is reached, renames, the paired
  view's availability and the comparison's warnings.

It is made with the score report's machinery (`SheetWriter`, the palette, `safe_text` on every
string), so it looks and behaves like that report: frozen headers, autofilters, A4 print setup,
real numbers shown through number formats. Colour follows the verdict, as in the terminal: only
a change the report labels rising or falling is green or red; a large change in a small team
that is not significant stays uncoloured, because mes does not call noise a trend.

Privacy was decided in the core: a group suppressed in either quarter arrives with its name and
the quarters that hid it, and nothing else is written for it, not even its n.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Border, Font, PatternFill, Side

from mes.errors import Issue, Location
from mes.messages import N_
from mes.render import Lang
from mes.render.catalogue import tr, tr_ctx
from mes.render.terminal.change import diff_order
from mes.render.words import (
    LEVELS,
    WORKBOOK_VERDICTS,
    decimal,
    display_name,
    issue_text,
    paired_text,
    percent,
)
from mes.render.xlsx.charts import before_after_bars
from mes.render.xlsx.kit import Column, Row, SheetWriter, TableRange
from mes.render.xlsx.style import (
    FALLING_FILL,
    FALLING_TEXT,
    GREY_TEXT,
    HEADER_FILL,
    P_VALUE,
    RISING_FILL,
    RISING_TEXT,
    ROW_RULE,
    SIGNED_EFFECT,
    SIGNED_SCORE,
    SIGNED_SHARE,
    Kind,
    RowStyle,
    Value,
    alignment,
    font,
)
from mes.results import DiffReport, GroupChange, Headcount, SideName

__all__ = ["build_diff_workbook", "write_diff_workbook"]

_TREE = ("organisation", "department", "team")
_LABEL_IN_HEADER = 18  # quarter labels (file names) in column headers are shortened to this

# Columns of the Changes sheet (0-based), named so the code reads as the sheet does.
_WHO = 3  # group, level, part of
_N_OLD, _N_NEW, _MES_OLD, _MES_NEW = 3, 4, 5, 6
_CHANGE, _CI_LOW, _CI_HIGH, _P, _G, _VERDICT, _NOTE = 7, 8, 9, 10, 11, 12, 13


def write_diff_workbook(report: DiffReport, path: Path, *, lang: Lang = "en") -> None:
    """Write the workbook of a comparison to ``path`` (the CLI makes the write atomic)."""
    build_diff_workbook(report, lang=lang, today=dt.date.today()).save(path)


def build_diff_workbook(report: DiffReport, *, lang: Lang = "en", today: dt.date) -> Workbook:
    """The comparison as an openpyxl `Workbook`; ``today`` is its only non-deterministic content."""
    wb = Workbook()
    first = wb.active
    assert first is not None  # a new Workbook always has one sheet
    first.title = tr(lang, "Changes")
    order = diff_order(report)
    write_changes(SheetWriter(first, lang), report, order)
    if report.mes_compared and any(_charted(g) for g in order):
        chart = wb.create_sheet(tr(lang, "Before and after"))
        write_before_after(SheetWriter(chart, lang), report, order)
    traits = wb.create_sheet(tr(lang, "Traits"))
    write_trait_changes(SheetWriter(traits, lang), report, order)
    if report.paired.available:
        paired = wb.create_sheet(tr(lang, "Paired"))
        write_paired(SheetWriter(paired, lang), report, order)
    write_about(
        SheetWriter(wb.create_sheet(tr_ctx(lang, "diff workbook", "About")), lang), report, today
    )
    wb.active = 0
    wb.properties.title = tr(lang, "Change in the Employee Energy Score (MES)")
    wb.properties.creator = f"mes {report.mes_version}"
    return wb


# -- What every table starts with: the group ----------------------------------------------------


def _who_columns(lang: Lang) -> list[Column]:
    return [
        Column(tr(lang, "Group"), Kind.TEXT, min_width=14, max_width=40),
        Column(tr(lang, "Level"), Kind.TEXT, max_width=24),
        Column(tr_ctx(lang, "score workbook", "Part of"), Kind.TEXT, max_width=28),
    ]


def _who(g: GroupChange, lang: Lang) -> list[Value]:
    """Group, level and the department a team belongs to, as on the score report's Groups."""
    name = tr(lang, "Organisation") if g.dimension == "organisation" else g.name
    level = tr(lang, LEVELS[g.dimension]) if g.dimension in _TREE else g.dimension  # --by: as named
    part_of = g.path[0] if g.dimension == "team" and len(g.path) > 1 else None
    return [name, level, part_of]


def _indent(g: GroupChange) -> int:
    if g.dimension == "organisation":
        return 0
    return 2 if g.dimension == "team" and len(g.path) > 1 else 1


def _style(g: GroupChange) -> RowStyle:
    if g.suppressed_in:
        return RowStyle.MUTED
    if g.dimension == "organisation":
        return RowStyle.TOTAL
    return RowStyle.SUBTOTAL if g.dimension == "department" else RowStyle.NORMAL


def _header_labels(old: str, new: str) -> tuple[str, str]:
    """The quarters' names for column headers, cut in the middle where long: file names of one
    survey tend to differ at the end ("… 2026-Q2"). Cut alike, they stay whole (and wrap)."""

    def cut(label: str) -> str:
        if len(label) <= _LABEL_IN_HEADER:
            return label
        head = (_LABEL_IN_HEADER - 1) // 2
        return label[:head] + "…" + label[-(_LABEL_IN_HEADER - 1 - head) :]

    short = cut(old), cut(new)
    return short if short[0] != short[1] else (old, new)


def _formats(sheet: SheetWriter, table: TableRange, formats: dict[int, str]) -> None:
    """Number formats the cell kinds do not have (signed changes, p-values), column by column."""
    for col, number_format in formats.items():
        letter = table.letter(col)
        for row in range(table.first_row, table.last_row + 1):
            sheet.ws[f"{letter}{row}"].number_format = number_format


def _finish_table(sheet: SheetWriter, table: TableRange, header_rows: int = 1) -> None:
    """Frozen header and group names, autofilter, landscape print: as the Groups sheet."""
    sheet.freeze_and_filter(table, frozen_cols=1)
    top = table.header_row - header_rows + 1
    sheet.finish(landscape=True, title_rows=f"{top}:{table.header_row}", title_cols="A:A")


# -- Changes ------------------------------------------------------------------------------------


def change_columns(report: DiffReport, lang: Lang) -> list[Column]:
    old, new = _header_labels(report.old.label, report.new.label)
    conf = percent(report.settings.confidence, lang, None)
    return [
        *_who_columns(lang),
        # Under the spanning "n" and "MES": the quarters' names only.
        Column(old, Kind.COUNT, min_width=8, max_width=14),
        Column(new, Kind.COUNT, min_width=8, max_width=14),
        Column(old, Kind.SCORE, min_width=8, max_width=14),
        Column(new, Kind.SCORE, min_width=8, max_width=14),
        Column(tr(lang, "Change"), Kind.SCORE, min_width=9),
        Column(tr(lang, "{conf} CI from", conf=conf), Kind.SCORE, min_width=8),
        Column(tr(lang, "{conf} CI to", conf=conf), Kind.SCORE, min_width=8),
        Column(tr(lang, "p"), Kind.DECIMAL, min_width=7),
        Column(tr(lang, "Hedges' g"), Kind.DECIMAL, min_width=10),
        Column(tr(lang, "Verdict"), Kind.TEXT, min_width=10, max_width=16),
        Column(tr(lang, "Note"), Kind.WRAP, max_width=46),
    ]


def write_changes(sheet: SheetWriter, report: DiffReport, order: Sequence[GroupChange]) -> None:
    """One row per group with its change and verdict; rising green, falling red."""
    lang, st = sheet.lang, report.settings
    sheet.title(
        tr(lang, "MES change: {old} → {new}", old=report.old.label, new=report.new.label),
        tr(
            lang,
            (
                "Rising (green) or falling (red) only when Welch's test is significant "
                "at {conf} and the change is at least {min} points; otherwise stable. "
                "Small groups will mostly be stable: with few respondents only a large "
                "change is significant."
            ),
            conf=percent(st.confidence, lang, None),
            min=decimal(st.min_change, lang, None),
        ),
    )
    columns = change_columns(report, lang)
    _spanning_header(sheet, len(columns), {_N_OLD: tr(lang, "n"), _MES_OLD: tr(lang, "MES")})
    table = sheet.table(columns, [change_row(g, report, lang) for g in order])
    if not table.empty:
        formats = dict.fromkeys((_CHANGE, _CI_LOW, _CI_HIGH), SIGNED_SCORE)
        _formats(sheet, table, {**formats, _P: P_VALUE, _G: SIGNED_EFFECT})
        _colour_verdicts(sheet, table, order)
    _finish_table(sheet, table, header_rows=2)


def _spanning_header(sheet: SheetWriter, width: int, spans: dict[int, str]) -> None:
    """A header row above the table's own: ``n`` over the two quarters' n, ``MES`` over their
    MES, so the columns below need only the quarters' names."""
    row = sheet.row
    for col in range(1, width + 1):
        sheet.ws.cell(row=row, column=col).fill = HEADER_FILL
    for first, text in spans.items():
        cell = sheet.put(row, first + 1, text, cell_font=font(bold=True, color="FFFFFF"), fit=False)
        cell.fill = HEADER_FILL
        cell.alignment = alignment("center", "bottom")
        sheet.ws.merge_cells(
            start_row=row, start_column=first + 1, end_row=row, end_column=first + 2
        )
        for col in (first + 1, first + 2):  # a white rule under the span groups its two columns
            sheet.ws.cell(row=row, column=col).border = Border(bottom=_WHITE_RULE)
    sheet.row += 1


_WHITE_RULE = Side(style="thin", color="FFFFFF")


def change_row(g: GroupChange, report: DiffReport, lang: Lang) -> Row:
    """A group's row: figures where the report has them; a hidden group's name and reason only."""
    verdict, note = _verdict(g, lang), _note(g, report, lang)
    if g.suppressed_in:
        values: list[Value] = [*_who(g, lang), *[None] * (_VERDICT - _WHO), verdict, note]
        return Row(values, RowStyle.MUTED, _indent(g), notes=(_VERDICT, _NOTE))
    test = g.test
    figures: list[Value] = [
        g.old.n if g.old else None,
        g.new.n if g.new else None,
        g.old.mes if g.old else None,
        g.new.mes if g.new else None,
        g.mes_change,
        test.ci.low if test else None,
        test.ci.high if test else None,
        test.p if test else None,
        test.hedges_g if test else None,
    ]
    # New and gone are facts about the data, not verdicts on a change: set apart in grey italic.
    notes = (_NOTE,) if g.status == "compared" else (_VERDICT, _NOTE)
    return Row([*_who(g, lang), *figures, verdict, note], _style(g), _indent(g), notes=notes)


def _verdict(g: GroupChange, lang: Lang) -> str:
    if g.status != "compared":
        return tr(lang, WORKBOOK_VERDICTS[g.status])
    if g.mes_change is None or g.label is None:
        return tr(lang, "not compared")
    return tr(lang, WORKBOOK_VERDICTS[g.label])


def _note(g: GroupChange, report: DiffReport, lang: Lang) -> str | None:
    """Why the verdict is what it is, and the earlier name of a renamed group."""
    parts = []
    if g.old_path:
        moved = g.old_path[:-1] != g.path[:-1]
        parts.append(
            tr(lang, "was {name}", name=" / ".join(g.old_path) if moved else g.old_path[-1])
        )
    if g.suppressed_in:
        quarters = tr(lang, " and ").join(_label(report, side) for side in g.suppressed_in)
        parts.append(
            tr(
                lang,
                (
                    "suppressed in {quarters}: fewer than {k} respondents, or protects a "
                    "smaller group"
                ),
                quarters=quarters,
                k=report.settings.min_group_size,
            )
        )
    elif g.status in ("new", "gone"):
        parts.append(
            tr(lang, "only in {q}", q=_label(report, "new" if g.status == "new" else "old"))
        )
    elif g.reason and g.reason in _WHY:
        st = report.settings
        conf = percent(st.confidence, lang, None)
        parts.append(tr(lang, _WHY[g.reason], conf=conf, min=decimal(st.min_change, lang, None)))
    return "; ".join(parts) or None


#: The reasons a compared group's note explains. Not "not significant": it is why most groups
#: are stable, which the subtitle says once rather than on every row.
_WHY: dict[str, str] = {
    "below-min-change": N_("significant, but less than {min} points"),
    "no-spread": N_("no test: everyone scored the same"),
    "one-respondent": N_("no test: one respondent"),
    "instrument-changed": N_("questionnaire changed: MES not compared"),
}


def _label(report: DiffReport, side: SideName) -> str:
    return report.old.label if side == "old" else report.new.label


_COLOURS = (("rising", RISING_FILL, RISING_TEXT), ("falling", FALLING_FILL, FALLING_TEXT))


def _colour_verdicts(sheet: SheetWriter, table: TableRange, order: Sequence[GroupChange]) -> None:
    """Green for rising, red for falling: a rule on the change cells, and the verdict's text.

    The rule looks at the verdict cell of its row rather than at the number, so the colour is
    exactly the report's verdict (significance *and* size), and it stays right after sorting.
    """
    verdict = f"${table.letter(_VERDICT)}{table.first_row}"
    for label, fill, text in _COLOURS:
        rule = FormulaRule(
            formula=[f'{verdict}="{tr(sheet.lang, WORKBOOK_VERDICTS[label])}"'],
            fill=PatternFill("solid", start_color=fill, end_color=fill),
            font=Font(color=text),
        )
        sheet.ws.conditional_formatting.add(table.column_range(_CHANGE), rule)
    colours = {label: text for label, _, text in _COLOURS}
    for i, g in enumerate(order):
        if g.label in colours and not g.suppressed_in:
            cell = sheet.ws.cell(row=table.first_row + i, column=table.first_col + _VERDICT)
            cell.font = font(bold=True, color=colours[g.label])


# -- Traits -------------------------------------------------------------------------------------


def write_trait_changes(
    sheet: SheetWriter, report: DiffReport, order: Sequence[GroupChange]
) -> None:
    """Per compared group: the change in MES, in the share customer-energetic and per trait."""
    lang = sheet.lang
    sheet.title(
        tr(lang, "Change per trait: {old} → {new}", old=report.old.label, new=report.new.label),
        tr(
            lang,
            (
                "Points on 0–100; customer-energetic in percentage points. Only the "
                "change in MES is tested: these show where it comes from."
            ),
        ),
    )
    compared = [g for g in order if g.status == "compared"]
    if not compared:
        sheet.put(
            sheet.row,
            1,
            tr(lang, ("No group is shown in both quarters, so there is no change to show.")),
            cell_font=font(italic=True),
        )
        sheet.finish(landscape=True)
        return
    with_mes = report.mes_compared  # else MES and the energetic share are not comparable
    names = [display_name(t.name, t.name_nl, lang) for t in report.traits]
    columns = _who_columns(lang)
    if with_mes:
        columns += [
            Column(tr(lang, "MES"), Kind.SCORE, min_width=8),
            Column(tr(lang, "Customer-energetic (pp)"), Kind.SHARE, min_width=10, max_width=16),
        ]
    columns += [Column(name, Kind.SCORE, min_width=8, max_width=16) for name in names]
    rows = []
    for g in compared:
        by_key = {t.key: t.change for t in g.traits or []}
        values = _who(g, lang)
        if with_mes:
            values += [g.mes_change, g.energetic_change]
        values += [by_key.get(t.key) for t in report.traits]
        rows.append(Row(values, _style(g), _indent(g)))
    table = sheet.table(columns, rows)
    formats = dict.fromkeys(range(_WHO, len(columns)), SIGNED_SCORE)
    if with_mes:
        formats[_WHO + 1] = SIGNED_SHARE
    _formats(sheet, table, formats)
    _finish_table(sheet, table)


# -- Before and after -------------------------------------------------------------------------


def _charted(g: GroupChange) -> bool:
    """A group with figures in both quarters: compared, and shown in both."""
    return (
        g.status == "compared" and not g.suppressed_in and g.old is not None and g.new is not None
    )


def write_before_after(
    sheet: SheetWriter, report: DiffReport, order: Sequence[GroupChange]
) -> None:
    """MES per group in both quarters as a bar chart, the later bar green when the report calls
    the change rising and red when falling, over a table of the figures it draws."""
    lang = sheet.lang
    sheet.title(
        tr(lang, "MES before and after: {old} → {new}", old=report.old.label, new=report.new.label),
        tr(
            lang,
            (
                "Every group shown in both quarters. The later bar is green when the "
                "change is rising, red when falling (significant and large enough), "
                "dark grey when stable."
            ),
        ),
    )
    groups = [g for g in order if _charted(g)]
    chart_row = sheet.row
    height = 4.0 + 0.9 * len(groups)
    sheet.row += math.ceil(height / 0.53) + 2
    old, new = _header_labels(report.old.label, report.new.label)
    columns = [
        *_who_columns(lang),
        Column(old, Kind.SCORE, min_width=9, max_width=14),
        Column(new, Kind.SCORE, min_width=9, max_width=14),
        Column(tr(lang, "Change"), Kind.SCORE, min_width=9),
        Column(tr(lang, "Verdict"), Kind.TEXT, min_width=10, max_width=16),
    ]
    rows = []
    for g in groups:
        assert g.old is not None
        assert g.new is not None
        values = [*_who(g, lang), g.old.mes, g.new.mes, g.mes_change, _verdict(g, lang)]
        rows.append(Row(values, _style(g), _indent(g)))
    table = sheet.table(columns, rows)
    _formats(sheet, table, {_WHO + 2: SIGNED_SCORE})
    colours = {label: text for label, _, text in _COLOURS}
    for i, g in enumerate(groups):
        if g.label in colours:
            cell = sheet.ws.cell(row=table.first_row + i, column=table.first_col + _WHO + 3)
            cell.font = font(bold=True, color=colours[g.label])
    chart = before_after_bars(
        sheet.ws,
        names=(1, table.first_row, table.last_row),
        before=_WHO + 1,
        after=_WHO + 2,
        labels=[g.label for g in groups],
        title=tr(lang, "MES in {old} and {new}", old=report.old.label, new=report.new.label),
        axis_title=tr(lang, "MES (0–100)"),
    )
    chart.height = height
    sheet.ws.add_chart(chart, f"A{chart_row}")
    sheet.finish(landscape=False)


# -- Paired -------------------------------------------------------------------------------------


def write_paired(sheet: SheetWriter, report: DiffReport, order: Sequence[GroupChange]) -> None:
    """Who stayed, joined and left, and the stayers' own change, where privacy allows."""
    lang, k = sheet.lang, report.settings.min_group_size
    sheet.title(
        tr(lang, "Same people: {old} → {new}", old=report.old.label, new=report.new.label),
        tr(
            lang,
            (
                "People followed by their respondent id. A count that could give "
                "someone away shows only as below or at least {k}, and the change is "
                "then withheld."
            ),
            k=k,
        ),
    )
    if not any(g.paired is not None and g.paired.shown for g in order):
        # Nothing to show but "≥5 <5 <5 withheld" on every row: say so once.
        sheet.paragraph(
            tr(
                lang,
                (
                    "No group can show who stayed, joined and left: in every group at "
                    "least one of these counts is below {k} and could give someone away, "
                    "so the paired view is withheld everywhere. The Changes sheet compares "
                    "all respondents of both quarters."
                ),
                k=k,
            ),
            10,
        )
        sheet.finish(landscape=True)
        return
    conf = percent(report.settings.confidence, lang, None)
    counts = [
        Column(tr(lang, key), Kind.COUNT, min_width=9, align="right")
        for key in (N_("Stayed"), N_("Joined"), N_("Left"))
    ]
    columns = [
        *_who_columns(lang),
        *counts,
        Column(tr(lang, "Change of stayers"), Kind.SCORE, min_width=10, max_width=14),
        Column(tr(lang, "{conf} CI from", conf=conf), Kind.SCORE, min_width=8),
        Column(tr(lang, "{conf} CI to", conf=conf), Kind.SCORE, min_width=8),
        Column(tr(lang, "p"), Kind.DECIMAL, min_width=7),
        Column(tr(lang, "Note"), Kind.TEXT, max_width=50),
    ]
    rows = [_paired_row(g, k, lang) for g in order if g.paired is not None]
    table = sheet.table(columns, rows)
    first = _WHO + 3
    _formats(sheet, table, {first: SIGNED_SCORE, first + 1: SIGNED_SCORE, first + 2: SIGNED_SCORE,
                            first + 3: P_VALUE})  # fmt: skip
    _finish_table(sheet, table)


def _paired_row(g: GroupChange, k: int, lang: Lang) -> Row:
    paired = g.paired
    assert paired is not None
    counts = [_headcount(c) for c in (paired.stayed, paired.joined, paired.left)]
    note_col = _WHO + 3 + 4
    if not paired.shown:
        key = paired.reason or ""
        note = tr(lang, _WITHHELD[key], k=k) if key in _WITHHELD else tr(lang, "withheld")
        values: list[Value] = [*_who(g, lang), *counts, None, None, None, None, note]
        return Row(values, RowStyle.MUTED, _indent(g), notes=(note_col,))
    test = paired.test
    values = [
        *_who(g, lang),
        *counts,
        paired.mes_change,
        test.ci.low if test else None,
        test.ci.high if test else None,
        test.p if test else None,
        None if test else tr(lang, "no test: everyone changed by the same amount"),
    ]
    return Row(values, _style(g), _indent(g), notes=(note_col,))


_WITHHELD: dict[str, str] = {
    "too-few-stayers": N_("withheld: fewer than {k} stayed"),
    "few-joined-or-left": N_("withheld: fewer than {k} joined or left"),
    "protects-another-group": N_("withheld: protects another group"),
    "parent-suppressed": N_("withheld: hidden with its parent group"),
}


def _headcount(count: Headcount) -> Value:
    """A count as the JSON holds it: the number, or only "<k" / "≥k" where exact would tell."""
    if count.exact is not None:
        return count.exact
    return f"<{count.below}" if count.below is not None else f"≥{count.at_least}"


# -- About --------------------------------------------------------------------------------------

_ABOUT_COLS = 3
_ABOUT_WIDTHS = {1: 44.0, 2: 42.0, 3: 42.0}


def write_about(sheet: SheetWriter, report: DiffReport, today: dt.date) -> None:
    """The quarters, settings, how the verdict is reached, renames, pairing and warnings."""
    lang = sheet.lang
    for col, width in _ABOUT_WIDTHS.items():
        sheet.set_width(col, width)
    sheet.title(
        tr(lang, "About this comparison"),
        tr(
            lang,
            (
                "Where the figures come from, how the verdict is reached, and what to "
                "keep in mind when reading it."
            ),
        ),
    )
    _quarters(sheet, report)
    _settings(sheet, report, today)
    sheet.section(tr(lang, "How the verdict is reached"), _ABOUT_COLS)
    for text in _how(report, lang):
        sheet.paragraph(text, _ABOUT_COLS)
    _renames(sheet, report)
    sheet.section(tr(lang, "Same people (paired view)"), _ABOUT_COLS)
    sheet.paragraph(_paired_text(report, lang), _ABOUT_COLS)
    _issues(sheet, report.issues)
    sheet.finish(landscape=False)


def _quarters(sheet: SheetWriter, report: DiffReport) -> None:
    lang = sheet.lang
    sheet.section(tr(lang, "The two quarters"), _ABOUT_COLS)
    org = next((g for g in report.groups if g.dimension == "organisation"), None)
    hidden = set(org.suppressed_in) if org is not None else set()
    old, new = report.old, report.new

    def counts(side: SideName, value: int | None) -> Value:
        # A quarter's respondent counts are its organisation's size: not shown when it is hidden.
        return None if side in hidden else value

    rows: list[tuple[str, Value, Value, Kind]] = [
        (tr(lang, "Quarter"), old.label, new.label, Kind.TEXT),
        (tr(lang, "File"), old.file, new.file, Kind.WRAP),
        (
            tr(lang, "Respondents"),
            counts("old", old.respondents),
            counts("new", new.respondents),
            Kind.COUNT,
        ),
        (
            tr(lang, "Respondents scored"),
            counts("old", old.scored),
            counts("new", new.scored),
            Kind.COUNT,
        ),
        (tr(lang, "Questionnaire"), old.instrument, new.instrument, Kind.TEXT),
        (
            tr(lang, "Questionnaire fingerprint"),
            old.instrument_fingerprint,
            new.instrument_fingerprint,
            Kind.TEXT,
        ),
    ]
    if old.sheet or new.sheet:  # a CSV or JSON file has no sheet
        rows.insert(2, (tr(lang, "Sheet"), old.sheet, new.sheet, Kind.TEXT))
    columns = [
        Column("", Kind.TEXT),
        Column(tr(lang, "Earlier quarter"), Kind.WRAP, align="left", max_width=_ABOUT_WIDTHS[2]),
        Column(tr(lang, "Later quarter"), Kind.WRAP, align="left", max_width=_ABOUT_WIDTHS[3]),
    ]
    table_rows = [
        Row([label, a, b], RowStyle.SUBTOTAL if i == 0 else RowStyle.NORMAL, kinds={1: k, 2: k})
        for i, (label, a, b, k) in enumerate(rows)
    ]
    sheet.table(columns, table_rows)


def _settings(sheet: SheetWriter, report: DiffReport, today: dt.date) -> None:
    lang, st = sheet.lang, report.settings
    sheet.section(tr(lang, "Settings"), _ABOUT_COLS)
    rows: list[tuple[str, Value, Kind]] = [
        (
            tr(lang, "Confidence level (--confidence)"),
            percent(st.confidence, lang, None),
            Kind.TEXT,
        ),
        (tr(lang, "Minimum change in points (--min-change)"), st.min_change, Kind.NUMBER),
        (tr(lang, "Minimum group size (-k)"), st.min_group_size, Kind.COUNT),
        (
            tr(lang, "Same people (paired view)"),
            (tr(lang, "asked for") if st.paired else tr(lang, "switched off (--no-paired)")),
            Kind.TEXT,
        ),
        (
            tr(lang, "Different questionnaires"),
            (
                tr(lang, "allowed (--allow-instrument-change)")
                if st.allow_instrument_change
                else tr(lang, "not allowed")
            ),
            Kind.TEXT,
        ),
        (tr(lang, "Date"), today, Kind.DATE),
        (tr(lang, "Made with"), f"mes {report.mes_version}", Kind.TEXT),
    ]
    for label, value, kind in rows:
        sheet.put(sheet.row, 1, label, cell_font=font(bold=True), fit=False)
        sheet.put(sheet.row, 2, value, kind, fit=False, align="left")
        sheet.row += 1


def _how(report: DiffReport, lang: Lang) -> list[str]:
    """How the verdict is reached, with this comparison's settings filled in."""
    st = report.settings
    conf = percent(st.confidence, lang, None)
    alpha = decimal(1.0 - st.confidence, lang, None)
    texts = [
        tr(
            lang,
            (
                "Groups are matched by their department and team names, ignoring case, "
                "spacing and accents' forms, and by the renames given (--rename). A "
                "group only in the later quarter is new, one only in the earlier "
                "quarter is gone."
            ),
        ),
        tr(
            lang,
            (
                "For every group shown in both quarters, Welch's t-test compares the "
                "MES of the people in the two quarters, from each quarter's number of "
                "respondents, mean and standard deviation. The {conf} confidence "
                "interval of the change and Hedges' g (the change in standard "
                "deviations: about 0.2 is small, 0.5 medium, 0.8 large) say how large "
                "the change is."
            ),
            conf=conf,
        ),
        tr(
            lang,
            (
                "A change is rising or falling only when it is both significant at "
                "{conf} (p below {alpha}) and at least {min} points. Otherwise it is "
                "stable."
            ),
            conf=conf,
            alpha=alpha,
            min=decimal(st.min_change, lang, None),
        ),
        tr(
            lang,
            (
                "Small groups will mostly be stable: with few respondents only a large "
                "change is significant, and mes will not call noise a trend. For a "
                "small team, stable means that the data cannot tell, not that nothing "
                "changed."
            ),
        ),
        tr(
            lang,
            (
                "A group suppressed in either quarter (fewer than {k} respondents, or "
                "hidden to protect a smaller group) gets no change and no figures at "
                "all, not even its number of respondents: a change beside a hidden "
                "figure would let that figure be worked out."
            ),
            k=st.min_group_size,
        ),
    ]
    if report.instrument_changed:
        names = [display_name(t.name, t.name_nl, lang) for t in report.traits]
        text = tr(
            lang,
            (
                "The questionnaire changed between the quarters. Compared are only the "
                "traits whose statements and scale are identical: {traits}."
            ),
            traits=", ".join(names) or "–",
        )
        texts.append(
            text
            + (
                ""
                if report.mes_compared
                else tr(
                    lang,
                    (
                        " MES and the share customer-energetic need every trait and are not "
                        "compared."
                    ),
                )
            )
        )
    return texts


def _renames(sheet: SheetWriter, report: DiffReport) -> None:
    lang = sheet.lang
    sheet.section(tr(lang, "Renames"), _ABOUT_COLS)
    if not report.renames:
        sheet.put(
            sheet.row,
            1,
            tr(lang, "No renames were given (--rename)."),
            cell_font=font(italic=True),
            fit=False,
        )
        sheet.row += 1
        return
    # The groups a rename hit, by their earlier names (ids of the earlier quarter).
    earlier = {g.old_id: " / ".join(g.old_path or g.path) for g in report.groups if g.old_id}
    rows = []
    for rename in report.renames:
        hit = "\n".join(earlier.get(gid, gid) for gid in rename.groups)
        rows.append(
            Row(
                [rename.old, rename.new, hit or tr(lang, ("matched nothing: check the spelling"))],
                notes=() if hit else (2,),
            )
        )
    sheet.table(
        [
            Column(tr(lang, "Earlier name"), Kind.TEXT, max_width=_ABOUT_WIDTHS[1]),
            Column(tr(lang, "Later name"), Kind.WRAP, max_width=_ABOUT_WIDTHS[2]),
            Column(tr(lang, "Groups renamed"), Kind.WRAP, max_width=_ABOUT_WIDTHS[3]),
        ],
        rows,
    )


def _paired_text(report: DiffReport, lang: Lang) -> str:
    paired = report.paired
    if paired.available:
        return tr(
            lang,
            (
                "On the sheet {sheet}: people are followed from one quarter to the "
                "next by their respondent id. Microsoft Forms' ID column (1, 2, 3, …) "
                "numbers responses, not people, and is never used for this."
            ),
            sheet=tr(lang, "Paired"),
        )
    key = paired.reason or ""
    if key in _PAIRED_REASONS:
        return tr(lang, _PAIRED_REASONS[key])
    reason = paired_text(paired, lang) or paired.reason or "–"
    return tr(lang, "Not available: {message}", message=reason)


_PAIRED_REASONS: dict[str, str] = {
    "not-requested": N_("Switched off with --no-paired."),
    "saved-result": N_(
        "Not available: it needs the survey files of both quarters, and a saved result has "
        "no person ids."
    ),
    "no-ids": N_("Not available: a quarter has no respondent id column to follow people by."),
    "sequence-ids": N_(
        "Not available: the respondent ids are numbered 1, 2, 3, … (as Microsoft Forms "
        "numbers responses). They do not identify people, so nobody can be followed from "
        "one quarter to the next."
    ),
    "no-overlap": N_("Not available: no respondent id occurs in both quarters."),
}


def _issues(sheet: SheetWriter, issues: Sequence[Issue]) -> None:
    """The comparison's warnings: code, then the message and where it points to, if anywhere.

    The message spans the two wide columns: most warnings of a comparison (renames, breakdowns)
    point to no place in a file, and a column of blanks beside them would look unfinished.
    """
    lang = sheet.lang
    sheet.section(tr(lang, "Warnings"), _ABOUT_COLS)
    if issues:
        header = sheet.row
        sheet.table(
            [
                Column(tr(lang, "Code")),
                Column(tr(lang, "Message")),
                Column(""),
            ],
            [],
        )
        sheet.ws.merge_cells(start_row=header, start_column=2, end_row=header, end_column=3)
        sheet.row = header + 1
        for issue in issues:
            where = _where(issue.location, lang)
            row = sheet.row
            sheet.put(row, 1, issue.code, fit=False, border=ROW_RULE)
            text = issue_text(issue, lang) + (f"\n{where}" if where else "")
            sheet.paragraph(text, 3, first_col=2)
            for col in (2, 3):  # after the paragraph, whose styling would replace it
                sheet.ws.cell(row=row, column=col).border = ROW_RULE
    else:
        sheet.put(
            sheet.row,
            1,
            tr(lang, "The comparison raised no warnings."),
            cell_font=font(italic=True),
            fit=False,
        )
        sheet.row += 1
    sheet.row += 1
    sheet.paragraph(
        tr(
            lang,
            (
                "Warnings about a survey file itself (such as respondents who answered "
                "too few statements) are in that quarter's own report: mes score FILE "
                "--format xlsx."
            ),
        ),
        _ABOUT_COLS,
        cell_font=font(italic=True, color=GREY_TEXT),
    )


def _where(loc: Location, lang: Lang) -> str | None:
    """A location in the report's language: file, sheet, item, cell or row, column or field."""
    parts = [loc.file] if loc.file else []
    if loc.sheet:
        parts.append(tr(lang, "sheet {v}", v=loc.sheet))
    if loc.item is not None:
        parts.append(tr(lang, "item {v}", v=loc.item))
    if loc.cell:
        parts.append(tr(lang, "cell {v}", v=loc.cell))
    elif loc.row is not None:
        parts.append(tr(lang, "row {v}", v=loc.row))
    if loc.column is not None:
        parts.append(tr(lang, "column {v}", v=repr(loc.column)))
    elif loc.field is not None:
        parts.append(tr(lang, "field {v}", v=repr(loc.field)))
    return ", ".join(parts) or None
