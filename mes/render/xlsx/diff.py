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
from mes.render import Lang
from mes.render.terminal.change import diff_order
from mes.render.words import COMMON, SHEETS, WORKBOOK, decimal, display_name, percent, say
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
    first.title = say(SHEETS, "changes", lang)
    order = diff_order(report)
    write_changes(SheetWriter(first, lang), report, order)
    if report.mes_compared and any(_charted(g) for g in order):
        chart = wb.create_sheet(say(SHEETS, "before_after", lang))
        write_before_after(SheetWriter(chart, lang), report, order)
    traits = wb.create_sheet(say(SHEETS, "change_traits", lang))
    write_trait_changes(SheetWriter(traits, lang), report, order)
    if report.paired.available:
        paired = wb.create_sheet(say(SHEETS, "paired", lang))
        write_paired(SheetWriter(paired, lang), report, order)
    write_about(SheetWriter(wb.create_sheet(say(SHEETS, "about_diff", lang)), lang), report, today)
    wb.active = 0
    wb.properties.title = say(WORKBOOK, "diff_doc_title", lang)
    wb.properties.creator = f"mes {report.mes_version}"
    return wb


# -- What every table starts with: the group ----------------------------------------------------


def _who_columns(lang: Lang) -> list[Column]:
    return [
        Column(say(WORKBOOK, "group", lang), Kind.TEXT, min_width=14, max_width=40),
        Column(say(WORKBOOK, "level", lang), Kind.TEXT, max_width=24),
        Column(say(WORKBOOK, "part_of", lang), Kind.TEXT, max_width=28),
    ]


def _who(g: GroupChange, lang: Lang) -> list[Value]:
    """Group, level and the department a team belongs to, as on the score report's Groups."""
    name = say(COMMON, "organisation", lang) if g.dimension == "organisation" else g.name
    level = (
        say(COMMON, g.dimension, lang) if g.dimension in _TREE else g.dimension
    )  # --by: as named
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
        Column(say(WORKBOOK, "change", lang), Kind.SCORE, min_width=9),
        Column(say(WORKBOOK, "ci_low", lang, conf=conf), Kind.SCORE, min_width=8),
        Column(say(WORKBOOK, "ci_high", lang, conf=conf), Kind.SCORE, min_width=8),
        Column(say(WORKBOOK, "p", lang), Kind.DECIMAL, min_width=7),
        Column(say(WORKBOOK, "hedges_g", lang), Kind.DECIMAL, min_width=10),
        Column(say(WORKBOOK, "verdict", lang), Kind.TEXT, min_width=10, max_width=16),
        Column(say(WORKBOOK, "note", lang), Kind.WRAP, max_width=46),
    ]


def write_changes(sheet: SheetWriter, report: DiffReport, order: Sequence[GroupChange]) -> None:
    """One row per group with its change and verdict; rising green, falling red."""
    lang, st = sheet.lang, report.settings
    sheet.title(
        say(WORKBOOK, "diff_title", lang, old=report.old.label, new=report.new.label),
        say(
            WORKBOOK,
            "diff_subtitle",
            lang,
            conf=percent(st.confidence, lang, None),
            min=decimal(st.min_change, lang, None),
        ),
    )
    columns = change_columns(report, lang)
    _spanning_header(
        sheet, len(columns), {_N_OLD: say(COMMON, "n", lang), _MES_OLD: say(COMMON, "mes", lang)}
    )
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
        return say(WORKBOOK, f"verdict_{g.status}", lang)
    if g.mes_change is None or g.label is None:
        return say(WORKBOOK, "verdict_not_compared", lang)
    return say(WORKBOOK, f"verdict_{g.label}", lang)


def _note(g: GroupChange, report: DiffReport, lang: Lang) -> str | None:
    """Why the verdict is what it is, and the earlier name of a renamed group."""
    parts = []
    if g.old_path:
        moved = g.old_path[:-1] != g.path[:-1]
        parts.append(
            say(WORKBOOK, "was", lang, name=" / ".join(g.old_path) if moved else g.old_path[-1])
        )
    if g.suppressed_in:
        quarters = say(WORKBOOK, "and", lang).join(_label(report, side) for side in g.suppressed_in)
        parts.append(
            say(
                WORKBOOK, "suppressed_in", lang, quarters=quarters, k=report.settings.min_group_size
            )
        )
    elif g.status in ("new", "gone"):
        parts.append(
            say(WORKBOOK, "only_in", lang, q=_label(report, "new" if g.status == "new" else "old"))
        )
    elif g.reason and f"why_{g.reason}" in _WHY:
        st = report.settings
        conf = percent(st.confidence, lang, None)
        parts.append(
            say(
                WORKBOOK, f"why_{g.reason}", lang, conf=conf, min=decimal(st.min_change, lang, None)
            )
        )
    return "; ".join(parts) or None


#: The reasons a compared group's note explains. Not "not significant": it is why most groups
#: are stable, which the subtitle says once rather than on every row.
_WHY = frozenset(
    f"why_{r}" for r in ("below-min-change", "no-spread", "one-respondent", "instrument-changed")
)


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
            formula=[f'{verdict}="{say(WORKBOOK, f"verdict_{label}", sheet.lang)}"'],
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
        say(WORKBOOK, "diff_traits_title", lang, old=report.old.label, new=report.new.label),
        say(WORKBOOK, "diff_traits_subtitle", lang),
    )
    compared = [g for g in order if g.status == "compared"]
    if not compared:
        sheet.put(
            sheet.row, 1, say(WORKBOOK, "nothing_compared", lang), cell_font=font(italic=True)
        )
        sheet.finish(landscape=True)
        return
    with_mes = report.mes_compared  # else MES and the energetic share are not comparable
    names = [display_name(t.name, t.name_nl, lang) for t in report.traits]
    columns = _who_columns(lang)
    if with_mes:
        columns += [
            Column(say(WORKBOOK, "mes", lang), Kind.SCORE, min_width=8),
            Column(say(WORKBOOK, "energetic_change", lang), Kind.SHARE, min_width=10, max_width=16),
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
        say(WORKBOOK, "before_after_title", lang, old=report.old.label, new=report.new.label),
        say(WORKBOOK, "before_after_subtitle", lang),
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
        Column(say(WORKBOOK, "change", lang), Kind.SCORE, min_width=9),
        Column(say(WORKBOOK, "verdict", lang), Kind.TEXT, min_width=10, max_width=16),
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
        title=say(WORKBOOK, "before_after_chart", lang, old=report.old.label, new=report.new.label),
        axis_title=say(WORKBOOK, "mes_axis", lang),
    )
    chart.height = height
    sheet.ws.add_chart(chart, f"A{chart_row}")
    sheet.finish(landscape=False)


# -- Paired -------------------------------------------------------------------------------------


def write_paired(sheet: SheetWriter, report: DiffReport, order: Sequence[GroupChange]) -> None:
    """Who stayed, joined and left, and the stayers' own change, where privacy allows."""
    lang, k = sheet.lang, report.settings.min_group_size
    sheet.title(
        say(WORKBOOK, "paired_title", lang, old=report.old.label, new=report.new.label),
        say(WORKBOOK, "paired_subtitle", lang, k=k),
    )
    if not any(g.paired is not None and g.paired.shown for g in order):
        # Nothing to show but "≥5 <5 <5 withheld" on every row: say so once.
        sheet.paragraph(say(WORKBOOK, "paired_none_shown", lang, k=k), 10)
        sheet.finish(landscape=True)
        return
    conf = percent(report.settings.confidence, lang, None)
    counts = [
        Column(say(WORKBOOK, key, lang), Kind.COUNT, min_width=9, align="right")
        for key in ("stayed", "joined", "left")
    ]
    columns = [
        *_who_columns(lang),
        *counts,
        Column(say(WORKBOOK, "stayers_change", lang), Kind.SCORE, min_width=10, max_width=14),
        Column(say(WORKBOOK, "ci_low", lang, conf=conf), Kind.SCORE, min_width=8),
        Column(say(WORKBOOK, "ci_high", lang, conf=conf), Kind.SCORE, min_width=8),
        Column(say(WORKBOOK, "p", lang), Kind.DECIMAL, min_width=7),
        Column(say(WORKBOOK, "note", lang), Kind.TEXT, max_width=50),
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
        key = f"withheld_{paired.reason}"
        note = (
            say(WORKBOOK, key, lang, k=k) if key in _WITHHELD else say(WORKBOOK, "withheld", lang)
        )
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
        None if test else say(WORKBOOK, "paired_no_test", lang),
    ]
    return Row(values, _style(g), _indent(g), notes=(note_col,))


_WITHHELD = frozenset(
    f"withheld_{r}"
    for r in ("too-few-stayers", "few-joined-or-left", "protects-another-group",
              "parent-suppressed")
)  # fmt: skip


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
    sheet.title(say(WORKBOOK, "about_diff_title", lang), say(WORKBOOK, "about_diff_subtitle", lang))
    _quarters(sheet, report)
    _settings(sheet, report, today)
    sheet.section(say(WORKBOOK, "how_verdict", lang), _ABOUT_COLS)
    for text in _how(report, lang):
        sheet.paragraph(text, _ABOUT_COLS)
    _renames(sheet, report)
    sheet.section(say(WORKBOOK, "paired_section", lang), _ABOUT_COLS)
    sheet.paragraph(_paired_text(report, lang), _ABOUT_COLS)
    _issues(sheet, report.issues)
    sheet.finish(landscape=False)


def _quarters(sheet: SheetWriter, report: DiffReport) -> None:
    lang = sheet.lang
    sheet.section(say(WORKBOOK, "quarters", lang), _ABOUT_COLS)
    org = next((g for g in report.groups if g.dimension == "organisation"), None)
    hidden = set(org.suppressed_in) if org is not None else set()
    old, new = report.old, report.new

    def counts(side: SideName, value: int | None) -> Value:
        # A quarter's respondent counts are its organisation's size: not shown when it is hidden.
        return None if side in hidden else value

    rows: list[tuple[str, Value, Value, Kind]] = [
        (say(WORKBOOK, "quarter", lang), old.label, new.label, Kind.TEXT),
        (say(WORKBOOK, "file", lang), old.file, new.file, Kind.WRAP),
        (
            say(WORKBOOK, "answered", lang),
            counts("old", old.respondents),
            counts("new", new.respondents),
            Kind.COUNT,
        ),
        (
            say(WORKBOOK, "respondents_label", lang),
            counts("old", old.scored),
            counts("new", new.scored),
            Kind.COUNT,
        ),
        (say(WORKBOOK, "instrument", lang), old.instrument, new.instrument, Kind.TEXT),
        (
            say(WORKBOOK, "fingerprint", lang),
            old.instrument_fingerprint,
            new.instrument_fingerprint,
            Kind.TEXT,
        ),
    ]
    if old.sheet or new.sheet:  # a CSV or JSON file has no sheet
        rows.insert(2, (say(WORKBOOK, "sheet", lang), old.sheet, new.sheet, Kind.TEXT))
    columns = [
        Column("", Kind.TEXT),
        Column(say(WORKBOOK, "earlier", lang), Kind.WRAP, align="left", max_width=_ABOUT_WIDTHS[2]),
        Column(say(WORKBOOK, "later", lang), Kind.WRAP, align="left", max_width=_ABOUT_WIDTHS[3]),
    ]
    table_rows = [
        Row([label, a, b], RowStyle.SUBTOTAL if i == 0 else RowStyle.NORMAL, kinds={1: k, 2: k})
        for i, (label, a, b, k) in enumerate(rows)
    ]
    sheet.table(columns, table_rows)


def _settings(sheet: SheetWriter, report: DiffReport, today: dt.date) -> None:
    lang, st = sheet.lang, report.settings
    sheet.section(say(WORKBOOK, "settings", lang), _ABOUT_COLS)
    rows: list[tuple[str, Value, Kind]] = [
        (say(WORKBOOK, "confidence_setting", lang), percent(st.confidence, lang, None), Kind.TEXT),
        (say(WORKBOOK, "min_change_setting", lang), st.min_change, Kind.NUMBER),
        (say(WORKBOOK, "k_setting", lang), st.min_group_size, Kind.COUNT),
        (
            say(WORKBOOK, "paired_setting", lang),
            say(WORKBOOK, "asked" if st.paired else "switched_off", lang),
            Kind.TEXT,
        ),
        (
            say(WORKBOOK, "instrument_setting", lang),
            say(WORKBOOK, "allowed" if st.allow_instrument_change else "not_allowed", lang),
            Kind.TEXT,
        ),
        (say(WORKBOOK, "date", lang), today, Kind.DATE),
        (say(WORKBOOK, "made_with", lang), f"mes {report.mes_version}", Kind.TEXT),
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
        say(WORKBOOK, "how_match", lang),
        say(WORKBOOK, "how_test", lang, conf=conf),
        say(
            WORKBOOK,
            "how_label",
            lang,
            conf=conf,
            alpha=alpha,
            min=decimal(st.min_change, lang, None),
        ),
        say(WORKBOOK, "how_small", lang),
        say(WORKBOOK, "how_hidden", lang, k=st.min_group_size),
    ]
    if report.instrument_changed:
        names = [display_name(t.name, t.name_nl, lang) for t in report.traits]
        text = say(WORKBOOK, "how_instrument", lang, traits=", ".join(names) or "–")
        texts.append(
            text + ("" if report.mes_compared else say(WORKBOOK, "how_instrument_mes", lang))
        )
    return texts


def _renames(sheet: SheetWriter, report: DiffReport) -> None:
    lang = sheet.lang
    sheet.section(say(WORKBOOK, "renames", lang), _ABOUT_COLS)
    if not report.renames:
        sheet.put(
            sheet.row, 1, say(WORKBOOK, "no_renames", lang), cell_font=font(italic=True), fit=False
        )
        sheet.row += 1
        return
    # The groups a rename hit, by their earlier names (ids of the earlier quarter).
    earlier = {g.old_id: " / ".join(g.old_path or g.path) for g in report.groups if g.old_id}
    rows = []
    for rename in report.renames:
        hit = "\n".join(earlier.get(gid, gid) for gid in rename.groups)
        rows.append(Row([rename.old, rename.new, hit or say(WORKBOOK, "matched_nothing", lang)],
                        notes=() if hit else (2,)))  # fmt: skip
    sheet.table(
        [
            Column(say(WORKBOOK, "old_name", lang), Kind.TEXT, max_width=_ABOUT_WIDTHS[1]),
            Column(say(WORKBOOK, "new_name", lang), Kind.WRAP, max_width=_ABOUT_WIDTHS[2]),
            Column(say(WORKBOOK, "renamed_groups", lang), Kind.WRAP, max_width=_ABOUT_WIDTHS[3]),
        ],
        rows,
    )


def _paired_text(report: DiffReport, lang: Lang) -> str:
    paired = report.paired
    if paired.available:
        return say(WORKBOOK, "paired_available", lang, sheet=say(SHEETS, "paired", lang))
    key = f"paired_{paired.reason}"
    if key in _PAIRED_REASONS:
        return say(WORKBOOK, key, lang)
    return say(WORKBOOK, "paired_unavailable", lang, message=paired.message or paired.reason or "–")


_PAIRED_REASONS = frozenset(
    f"paired_{r}" for r in ("not-requested", "saved-result", "no-ids", "sequence-ids", "no-overlap")
)


def _issues(sheet: SheetWriter, issues: Sequence[Issue]) -> None:
    """The comparison's warnings: code, then the message and where it points to, if anywhere.

    The message spans the two wide columns: most warnings of a comparison (renames, breakdowns)
    point to no place in a file, and a column of blanks beside them would look unfinished.
    """
    lang = sheet.lang
    sheet.section(say(WORKBOOK, "diff_issues", lang), _ABOUT_COLS)
    if issues:
        header = sheet.row
        sheet.table(
            [
                Column(say(WORKBOOK, "code", lang)),
                Column(say(WORKBOOK, "message", lang)),
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
            sheet.paragraph(issue.message + (f"\n{where}" if where else ""), 3, first_col=2)
            for col in (2, 3):  # after the paragraph, whose styling would replace it
                sheet.ws.cell(row=row, column=col).border = ROW_RULE
    else:
        sheet.put(
            sheet.row,
            1,
            say(WORKBOOK, "diff_no_issues", lang),
            cell_font=font(italic=True),
            fit=False,
        )
        sheet.row += 1
    sheet.row += 1
    sheet.paragraph(
        say(WORKBOOK, "diff_issues_note", lang),
        _ABOUT_COLS,
        cell_font=font(italic=True, color=GREY_TEXT),
    )


def _where(loc: Location, lang: Lang) -> str | None:
    """A location in the report's language: file, sheet, item, cell or row, column or field."""
    parts = [loc.file] if loc.file else []
    if loc.sheet:
        parts.append(say(WORKBOOK, "where_sheet", lang, v=loc.sheet))
    if loc.item is not None:
        parts.append(say(WORKBOOK, "where_item", lang, v=loc.item))
    if loc.cell:
        parts.append(say(WORKBOOK, "where_cell", lang, v=loc.cell))
    elif loc.row is not None:
        parts.append(say(WORKBOOK, "where_row", lang, v=loc.row))
    if loc.column is not None:
        parts.append(say(WORKBOOK, "where_column", lang, v=repr(loc.column)))
    elif loc.field is not None:
        parts.append(say(WORKBOOK, "where_field", lang, v=repr(loc.field)))
    return ", ".join(parts) or None
