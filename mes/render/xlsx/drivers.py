"""The Drivers sheet: per outcome, how each trait relates to it across people.

In the score workbook when the file has an outcome question, and the one sheet of
``mes drivers --format xlsx``. Per outcome: the organisation's traits, strongest driver first
(score, Pearson's r with its interval, share of R² with its interval, rank), the reading in
plain words, and a table of every shown group (people, R², each trait's share, strongest
driver, priority; a group not computed has its reason and no figure). Then how it was computed.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.pagebreak import Break

from mes.render import Lang
from mes.render.catalogue import tr
from mes.render.driver_sentences import (
    method_lines,
    not_computed,
    outcome_title,
    reading,
    trait_label,
)
from mes.render.words import LEVELS, percent
from mes.render.xlsx.kit import Column, Row, SheetWriter
from mes.render.xlsx.measure import text_width
from mes.render.xlsx.style import Kind, RowStyle, Value
from mes.results import DriversReport, DriversResult, GroupDrivers, InstrumentInfo, OutcomeDrivers

_WIDTH = 10  # columns the paragraphs span


def write_drivers_workbook(report: DriversReport, path: Path, *, lang: Lang = "en") -> None:
    """``mes drivers --format xlsx``: one Drivers sheet (the CLI makes the write atomic)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new Workbook always has one sheet
    ws.title = tr(lang, "Drivers")
    write_drivers(SheetWriter(ws, lang), report.drivers, report.instrument)
    wb.properties.title = tr(lang, "What drives the outcomes")
    wb.properties.creator = f"mes {report.mes_version}"
    wb.save(path)


def write_drivers(sheet: SheetWriter, result: DriversResult, instrument: InstrumentInfo) -> None:
    """Fill a Drivers sheet (landscape)."""
    lang = sheet.lang
    sheet.title(
        tr(lang, "What drives the outcomes"),
        tr(
            lang,
            (
                "How each trait relates to each outcome question across people: "
                "Pearson's r and each trait's share of the explained variance (R²). "
                "Relations, not causes."
            ),
        ),
    )
    for i, outcome in enumerate(result.outcomes):
        if i:  # printed, each outcome starts a page
            sheet.ws.row_breaks.append(Break(id=sheet.row))
        _outcome(sheet, result, outcome, instrument)
    sheet.section(tr(lang, "Method"), _WIDTH)
    for line in method_lines(result, lang):
        sheet.paragraph(line, _WIDTH)
    sheet.finish(landscape=True)


def _outcome(
    sheet: SheetWriter, result: DriversResult, outcome: OutcomeDrivers, instrument: InstrumentInfo
) -> None:
    lang = sheet.lang
    sheet.section(tr(lang, "Drivers of {outcome}", outcome=outcome_title(outcome, lang)), _WIDTH)
    org = outcome.groups[0] if outcome.groups else None
    if org is None or org.dimension != "organisation":
        sheet.paragraph(
            tr(
                lang,
                (
                    "No group has {min} or more people with every trait and the outcome "
                    "answered: nothing is computed."
                ),
                min=result.settings.min_people,
            ),
            _WIDTH,
        )
        return
    if org.computed and org.traits is not None and org.n is not None:
        label = tr(lang, "Organisation")
        sheet.paragraph(
            f"{label}: "
            + tr(lang, "rests on {n} people with every trait and the outcome answered", n=org.n),
            _WIDTH,
        )
        _trait_table(sheet, org, instrument, result.settings.confidence)
        sheet.row += 1
    for line in reading(org, outcome, instrument, result, lang):
        sheet.paragraph(line, _WIDTH)
    if len(outcome.groups) > 1:
        sheet.row += 1
        _groups_table(sheet, result, outcome, instrument)


def _trait_table(
    sheet: SheetWriter, group: GroupDrivers, instrument: InstrumentInfo, confidence: float
) -> None:
    lang = sheet.lang
    conf = percent(confidence, lang, None)
    low, high = tr(lang, "{conf} CI low", conf=conf), tr(lang, "{conf} CI high", conf=conf)
    # The interval and share headers all on one line, in columns of one width: with some
    # wrapped and some not, "low 95% CI high" ran together across two columns.
    wide = max(_header_width(h) for h in (low, high, tr(lang, "Share of R²")))
    columns = [
        Column(tr(lang, "Trait"), Kind.TEXT, min_width=14, max_width=30),
        Column(tr(lang, "Score"), Kind.SCORE),
        Column("r", Kind.DECIMAL),
        Column(low, Kind.DECIMAL, min_width=wide),
        Column(high, Kind.DECIMAL, min_width=wide),
        Column(tr(lang, "Share of R²"), Kind.SHARE, min_width=wide),
        Column(low, Kind.SHARE, min_width=wide),
        Column(high, Kind.SHARE, min_width=wide),
        Column(tr(lang, "Rank"), Kind.COUNT),
    ]
    rows = [
        Row(
            [
                trait_label(instrument, t.key, lang),
                t.score,
                t.r,
                t.r_ci.low,
                t.r_ci.high,
                t.share,
                t.share_ci.low,
                t.share_ci.high,
                t.rank,
            ]
        )
        for t in sorted(group.traits or [], key=lambda t: t.rank)
    ]
    sheet.table(columns, rows)


def _groups_table(
    sheet: SheetWriter, result: DriversResult, outcome: OutcomeDrivers, instrument: InstrumentInfo
) -> None:
    lang = sheet.lang
    keys = [t.key for t in instrument.traits]
    # Strongest and priority hold a trait's name: wide enough for any of them and for their
    # headers, so that no name runs into the next column.
    label = max(
        [text_width(trait_label(instrument, k, lang), bold=True) + 3 for k in keys]
        + [_header_width(tr(lang, "Strongest")), _header_width(tr(lang, "Priority")), 11]
    )
    columns = [
        Column(tr(lang, "Group"), Kind.TEXT, min_width=14, max_width=40),
        Column(tr(lang, "Level"), Kind.TEXT, max_width=24),
        Column(tr(lang, "People"), Kind.COUNT),
        Column(tr(lang, "R²"), Kind.DECIMAL),
        *(Column(trait_label(instrument, k, lang), Kind.SHARE, max_width=16) for k in keys),
        Column(tr(lang, "Strongest"), Kind.TEXT, min_width=min(label, 24), max_width=24),
        Column(tr(lang, "Priority"), Kind.TEXT, min_width=min(label, 24), max_width=24),
        Column(tr(lang, "Note"), Kind.TEXT, max_width=50),
    ]
    rows = []
    for group in outcome.groups:
        name = tr(lang, "Organisation") if group.dimension == "organisation" else group.name
        indent = _indent(group)
        level = _level(group, lang)
        if not group.computed or group.traits is None:
            blanks: list[Value] = [None] * (len(columns) - 3)
            note = not_computed(group, result, lang)
            rows.append(Row([name, level, *blanks, note], RowStyle.MUTED, indent))
            continue
        shares = {t.key: t.share for t in group.traits}
        values: list[Value] = [
            name,
            level,
            group.n,
            group.r2,
            *(shares.get(k) for k in keys),
            trait_label(instrument, group.strongest, lang) if group.strongest else None,
            trait_label(instrument, group.priority, lang) if group.priority else None,
            None,
        ]
        style = RowStyle.TOTAL if group.dimension == "organisation" else RowStyle.NORMAL
        rows.append(Row(values, style, indent))
    sheet.table(columns, rows)


def _header_width(header: str) -> float:
    """The width a header needs on one line, bold, with air on both sides."""
    return text_width(header, bold=True) + 3


def _level(group: GroupDrivers, lang: Lang) -> str:
    if group.dimension in ("organisation", "department", "team"):
        return tr(lang, LEVELS[group.dimension])
    return group.dimension  # the --by column, as the user named it


def _indent(group: GroupDrivers) -> int:
    if group.dimension == "organisation":
        return 0
    if group.dimension == "team" and len(group.path) > 1:
        return 2
    return 1
