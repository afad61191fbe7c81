"""The Outcomes sheet of the Excel report: energy, eNPS and any scale question per shown group.

Written only when the file has outcome questions. A figure that is not shown (too few people,
or it would give someone away) is an empty cell, as in the Groups sheet; suppressed groups are
not listed (the Groups sheet names them and why).
"""

from __future__ import annotations

from mes.messages import N_
from mes.render import Lang
from mes.render.catalogue import tr
from mes.render.words import OUTCOME_KINDS, outcome_names, percent
from mes.render.xlsx.kit import Column, Row, SheetWriter
from mes.render.xlsx.measure import text_width
from mes.render.xlsx.style import Kind, RowStyle, Value
from mes.results import OutcomeInfo, OutcomeResult, ScoreReport, ShownGroup


def outcome_columns(report: ScoreReport, lang: Lang) -> list[Column]:
    """Group, then per outcome its n and figures."""
    conf = percent(report.settings.confidence, lang, None)
    names = outcome_names(report.instrument, lang)
    columns = [
        Column(tr(lang, "Group"), Kind.TEXT, min_width=14, max_width=40),
        Column(
            tr(lang, "Respondents"),
            Kind.COUNT,
            min_width=text_width(tr(lang, "Respondents"), bold=True) + 3,
        ),
    ]
    for o in report.instrument.outcomes:
        # Short names in the headers (the full ones are in the sheet's subtitle).
        short = tr(lang, OUTCOME_KINDS[o.kind]) if o.kind in OUTCOME_KINDS else names[o.key]
        columns += _columns(o, short, conf, lang)
    return columns


def _columns(o: OutcomeInfo, name: str, conf: str, lang: Lang) -> list[Column]:
    # A count's header on one line with air on both sides ("Respondents Energy: n" touched).
    n_header = tr(lang, "{name}: n", name=name)
    count = Column(n_header, Kind.COUNT, min_width=text_width(n_header, bold=True) + 3,
                   max_width=14)  # fmt: skip
    mean = Column(
        tr(lang, "{name}: mean {low}–{high}", low=o.low, high=o.high, name=name),
        Kind.GRADE,
        max_width=16,
    )
    if o.kind == "enps":
        return [
            count,
            # eNPS and its interval in whole points, as in the terminal (General showed 2,
            # 11.1, -49, -34.6 side by side).
            Column(name, Kind.COUNT, max_width=10),
            Column(tr(lang, "eNPS {conf} CI low", conf=conf, name=name), Kind.COUNT, max_width=12),
            Column(tr(lang, "eNPS {conf} CI high", conf=conf, name=name), Kind.COUNT, max_width=12),
            Column(
                tr(
                    lang,
                    "{name}: {word} ≥{at}",
                    word=tr(lang, "promoters", name=name),
                    at=o.high_at,
                    name=name,
                ),
                Kind.SHARE,
                max_width=14,
            ),
            Column(
                tr(
                    lang,
                    "{name}: {word} ≤{at}",
                    word=tr(lang, "detractors", name=name),
                    at=o.low_at,
                    name=name,
                ),
                Kind.SHARE,
                max_width=14,
            ),
        ]
    high, low = (
        (N_("a lot of energy"), N_("little energy"))
        if o.kind == "energy"
        else (N_("favourable"), N_("unfavourable"))
    )
    return [
        count,
        mean,
        Column(tr(lang, "{name}: 0–100", name=name), Kind.SCORE, max_width=12),
        Column(
            tr(lang, "{name}: {word} ≥{at}", word=tr(lang, high), at=o.high_at, name=name),
            Kind.SHARE,
            max_width=16,
        ),
        Column(
            tr(lang, "{name}: {word} ≤{at}", word=tr(lang, low), at=o.low_at, name=name),
            Kind.SHARE,
            max_width=16,
        ),
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
    subtitle = (
        "; ".join(names.values())
        + ". "
        + tr(
            lang,
            (
                "Questions reported beside the MES, never part of it; each figure over "
                "the people who answered the question. Empty: not shown (fewer than "
                "{k} people, or it would give someone away)."
            ),
            k=k,
        )
    )
    sheet.title(tr(lang, "Outcomes beside the MES"), subtitle)
    rows = []
    for group in report.groups:
        if not isinstance(group, ShownGroup):
            continue
        shown = {o.key: o for o in group.outcomes}
        values: list[Value] = [
            tr(lang, "Organisation") if group.dimension == "organisation" else group.name,
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
        tr(
            lang,
            (
                "Context (MSI 2020, 1,012 Dutch employees): 19% go home with a lot of "
                "energy, 33% with (almost) none. Not targets."
            ),
        )
        if o.kind == "energy"
        else tr(
            lang,
            (
                "eNPS = % promoters (≥{high}) − % detractors (≤{low}), −100..100; "
                "interval: Wald, from one multinomial sample."
            ),
            high=o.high_at,
            low=o.low_at,
        )
        for o in report.instrument.outcomes
        if o.kind in ("energy", "enps")
    ]
    for note in dict.fromkeys(notes):
        sheet.paragraph(note, len(columns))
    sheet.freeze_and_filter(table, frozen_cols=1)
    sheet.finish(
        landscape=True, title_rows=f"{table.header_row}:{table.header_row}", title_cols="A:A"
    )
