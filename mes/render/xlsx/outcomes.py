"""The Outcomes sheet of the Excel report: energy, eNPS and any scale question per shown group.

Written only when the file has outcome questions. A figure that is not shown (too few people,
or it would give someone away) is an empty cell, as in the Groups sheet; suppressed groups are
not listed (the Groups sheet names them and why).
"""

from __future__ import annotations

from mes.render import Lang
from mes.render.words import COMMON, OUTCOMES, WORKBOOK, outcome_names, percent, say
from mes.render.xlsx.kit import Column, Row, SheetWriter
from mes.render.xlsx.style import Kind, RowStyle, Value
from mes.results import OutcomeInfo, OutcomeResult, ScoreReport, ShownGroup


def outcome_columns(report: ScoreReport, lang: Lang) -> list[Column]:
    """Group, then per outcome its n and figures."""
    conf = percent(report.settings.confidence, lang, None)
    names = outcome_names(report.instrument, lang)
    columns = [
        Column(say(WORKBOOK, "group", lang), Kind.TEXT, min_width=14, max_width=40),
        Column(say(WORKBOOK, "respondents", lang), Kind.COUNT),
    ]
    for o in report.instrument.outcomes:
        # Short names in the headers (the full ones are in the sheet's subtitle).
        short = say(OUTCOMES, o.kind, lang) if o.kind in ("energy", "enps") else names[o.key]
        columns += _columns(o, short, conf, lang)
    return columns


def _columns(o: OutcomeInfo, name: str, conf: str, lang: Lang) -> list[Column]:
    def w(key: str, **values: object) -> str:
        return say(OUTCOMES, key, lang, name=name, **values)

    count = Column(w("n_answered"), Kind.COUNT, max_width=14)
    mean = Column(w("mean_on", low=o.low, high=o.high), Kind.GRADE, max_width=16)
    if o.kind == "enps":
        return [
            count,
            Column(name, Kind.NUMBER, max_width=10),
            Column(w("enps_low", conf=conf), Kind.NUMBER, max_width=12),
            Column(w("enps_high", conf=conf), Kind.NUMBER, max_width=12),
            Column(
                w("share_high", word=w("word_promoters"), at=o.high_at), Kind.SHARE, max_width=14
            ),
            Column(
                w("share_low", word=w("word_detractors"), at=o.low_at), Kind.SHARE, max_width=14
            ),
        ]
    high, low = (
        ("word_lot", "word_little")
        if o.kind == "energy"
        else ("word_favourable", "word_unfavourable")
    )
    return [
        count,
        mean,
        Column(w("mean_100"), Kind.SCORE, max_width=12),
        Column(w("share_high", word=w(high), at=o.high_at), Kind.SHARE, max_width=16),
        Column(w("share_low", word=w(low), at=o.low_at), Kind.SHARE, max_width=16),
    ]


def _values(o: OutcomeInfo, r: OutcomeResult | None) -> list[Value]:
    width = 6 if o.kind == "enps" else 5
    if r is None:
        return [None] * width
    if o.kind == "enps":
        ci = r.enps_ci
        return [
            r.n,
            round(r.enps, 1) if r.enps is not None else None,
            round(ci.low, 1) if ci else None,
            round(ci.high, 1) if ci else None,
            r.high_share,
            r.low_share,
        ]
    return [r.n, r.mean, r.mean_100, r.high_share, r.low_share]


def write_outcomes(sheet: SheetWriter, report: ScoreReport) -> None:
    """One row per shown group with each outcome's figures, and the study's context."""
    lang = sheet.lang
    k = report.settings.min_group_size
    names = outcome_names(report.instrument, lang)
    subtitle = "; ".join(names.values()) + ". " + say(OUTCOMES, "sheet_subtitle", lang, k=k)
    sheet.title(say(OUTCOMES, "sheet_title", lang), subtitle)
    rows = []
    for group in report.groups:
        if not isinstance(group, ShownGroup):
            continue
        shown = {o.key: o for o in group.outcomes}
        values: list[Value] = [
            say(COMMON, "organisation", lang) if group.dimension == "organisation" else group.name,
            group.respondents,
        ]
        for o in report.instrument.outcomes:
            values += _values(o, shown.get(o.key))
        style = RowStyle.TOTAL if group.dimension == "organisation" else RowStyle.NORMAL
        indent = 0 if group.dimension == "organisation" else 1 + (len(group.path) > 1)
        rows.append(Row(values, style, indent))
    columns = outcome_columns(report, lang)
    table = sheet.table(columns, rows)
    notes = [
        say(OUTCOMES, "context", lang)
        if o.kind == "energy"
        else say(OUTCOMES, "enps_note", lang, high=o.high_at, low=o.low_at)
        for o in report.instrument.outcomes
        if o.kind in ("energy", "enps")
    ]
    for note in dict.fromkeys(notes):
        sheet.paragraph(note, len(columns))
    sheet.freeze_and_filter(table, frozen_cols=1)
    sheet.finish(
        landscape=True, title_rows=f"{table.header_row}:{table.header_row}", title_cols="A:A"
    )
