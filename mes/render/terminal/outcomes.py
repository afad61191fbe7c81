"""The terminal view of the outcome questions of a `ScoreReport` (energy, eNPS, any scale
question): one small table below the groups table, only when the file has outcomes.

Each figure says on how many people it rests when fewer than the group's respondents answered;
a figure that is not shown is a dash.
"""

from __future__ import annotations

from collections.abc import Sequence

from mes.render import Lang, inert_text
from mes.render.catalogue import tr
from mes.render.terminal.fit import (
    EXTRA,
    INTERVAL,
    KEEP,
    NAME_CAP,
    SHARES,
    Cell,
    Column,
    Fitted,
    Name,
    Section,
    fit_table,
)
from mes.render.words import OUTCOME_KINDS, outcome_names, share
from mes.results import OutcomeChange, OutcomeInfo, OutcomeResult, ScoreReport, ShownGroup

NAME_LIMIT = 40


def outcome_table(report: ScoreReport, lang: Lang = "en", width: int = 10_000) -> Fitted | None:
    """Per shown group, each outcome's figures, fitted to ``width`` like the groups table (the
    intervals and shares give way first, names are cut distinctly and listed); None when the
    file has no outcome questions."""
    outcomes = report.instrument.outcomes
    if not outcomes:
        return None
    names = outcome_names(report.instrument, lang)
    groups = [g for g in report.groups if isinstance(g, ShownGroup)]
    columns: list[Column] = []
    for outcome in outcomes:
        headers = _headers(outcome, names[outcome.key], lang)
        per_group = [_cells(outcome, _find(g, outcome.key), g.respondents) for g in groups]
        for i, header in enumerate(headers):
            rank = KEEP if i == 0 else (INTERVAL if outcome.kind == "enps" and i == 1 else SHARES)
            columns.append(Column(header, [cells[i] for cells in per_group], rank))
    rows = [_name(g, lang) for g in groups]
    fitted = fit_table(tr(lang, "Group"), rows, columns, width, lang, name_rank=EXTRA)
    title = tr(lang, "Outcomes beside the MES") + ": " + "; ".join(names.values())
    fitted.table.title = title
    fitted.table.title_justify = "left"
    return fitted


def _find(group: ShownGroup, key: str) -> OutcomeResult | None:
    return next((o for o in group.outcomes if o.key == key), None)


def _name(group: ShownGroup, lang: Lang) -> Name:
    if group.dimension == "organisation":
        return Name(tr(lang, "Organisation"), style="bold")
    indent = 4 if group.dimension == "team" and len(group.path) > 1 else 2
    style = "bold" if group.dimension == "department" else ""
    return Name(inert_text(group.name), indent, style)


def outcome_notes(report: ScoreReport, lang: Lang = "en") -> list[str]:
    """The lines under the outcome table: the study's context and how eNPS is computed."""
    notes = []
    for outcome in report.instrument.outcomes:
        if outcome.kind == "energy":
            notes.append(
                tr(
                    lang,
                    (
                        "Context (MSI 2020, 1,012 Dutch employees): 19% go home with a lot of "
                        "energy, 33% with (almost) none. Not targets."
                    ),
                )
            )
        elif outcome.kind == "enps":
            notes.append(
                tr(
                    lang,
                    (
                        "eNPS = % promoters (≥{high}) − % detractors (≤{low}), −100..100; "
                        "interval: Wald, from one multinomial sample."
                    ),
                    high=outcome.high_at,
                    low=outcome.low_at,
                )
            )
    return list(dict.fromkeys(notes))


def _headers(outcome: OutcomeInfo, name: str, lang: Lang) -> list[str]:
    scale = tr(lang, "{low}–{high}", low=outcome.low, high=outcome.high)
    if outcome.kind == "energy":
        return [
            f"{tr(lang, 'Energy')}\n{scale}",
            tr(lang, "a lot\n≥{at}", at=outcome.high_at),
            tr(lang, "little\n≤{at}", at=outcome.low_at),
        ]
    if outcome.kind == "enps":
        return [
            tr(lang, "eNPS"),
            tr(lang, "95% CI"),
            tr(lang, "prom.\n≥{at}", at=outcome.high_at),
            tr(lang, "detr.\n≤{at}", at=outcome.low_at),
        ]
    return [
        f"{name}\n{scale}",
        tr(lang, "0–100"),
        tr(lang, "fav.\n≥{at}", at=outcome.high_at),
    ]


def _cells(info: OutcomeInfo, result: OutcomeResult | None, respondents: int) -> list[Cell]:
    if result is None:
        return ["–"] * (4 if info.kind == "enps" else 3)
    on = "" if result.n == respondents else f" ({result.n})"
    if info.kind == "enps":
        ci = result.enps_ci
        interval = f"{ci.low:+.0f}…{ci.high:+.0f}" if ci is not None else "–"
        value = f"{result.enps:+.0f}{on}" if result.enps is not None else "–"
        return [value, interval, share(result.high_share), share(result.low_share)]
    if info.kind == "energy":
        return [f"{result.mean:.1f}{on}", share(result.high_share), share(result.low_share)]
    return [f"{result.mean:.1f}{on}", f"{result.mean_100:.0f}", share(result.high_share)]


def outcome_change_table(
    rows: Sequence[tuple[Name | Section, Sequence[OutcomeChange]]],
    lang: Lang = "en",
    width: int = 10_000,
    name_cap: int = NAME_CAP,
) -> Fitted | None:
    """Per group (its name and its outcome changes, or a section heading): each outcome's
    old → new, the change with its interval, and the label by the MES's rule; None when no
    group has an outcome change.
    Fitted to ``width`` like the MES change table: the intervals go first, then the names are
    cut (distinctly, listed in full); the figures and the arrows stay whole. ``name_cap``: the
    name width of the MES change table above, so that both cut a name alike. The note on how
    to read it is `outcome_change_note`."""
    kinds = {c.key: c.kind for _, changes in rows for c in changes}
    keys = list(kinds)
    if not keys:
        return None
    names = {
        key: tr(lang, OUTCOME_KINDS[kind]) if kind in OUTCOME_KINDS else key
        for key, kind in kinds.items()
    }
    table_rows: list[Name | Section] = []
    shown: list[dict[str, OutcomeChange]] = []
    heading: Section | None = None
    for row, changes in rows:
        if isinstance(row, Section):
            heading = row
        elif changes:  # a heading only above groups that have a row
            table_rows += [heading, row] if heading is not None else [row]
            heading = None
            shown.append({c.key: c for c in changes})
    columns: list[Column] = []
    for key in keys:
        pairs: list[Cell] = []
        deltas: list[Cell] = []
        intervals: list[Cell] = []
        for by_key in shown:
            c = by_key.get(key)
            if c is None:
                pairs.append("–")
                deltas.append("")
                intervals.append("")
                continue
            digits = 0 if c.kind == "enps" else 1
            pairs.append(f"{c.old:.{digits}f}→{c.new:.{digits}f}")
            deltas.append(f"{c.change:+.{digits}f} {_ARROWS[c.label]}")
            intervals.append(f"{c.ci.low:+.{digits}f}…{c.ci.high:+.{digits}f}" if c.ci else "–")
        name = names.get(key, key)
        ci = tr(lang, "95% CI")
        columns += [
            Column(name, pairs),
            Column("Δ", deltas),
            Column(ci, intervals, INTERVAL, lost=f"{ci} ({name})"),
        ]
    fitted = fit_table(tr(lang, "Group"), table_rows, columns, width,
                       lang, name_rank=INTERVAL, name_cap=name_cap)  # fmt: skip
    fitted.table.title = tr(lang, "Change in the outcomes")
    fitted.table.title_justify = "left"
    return fitted


def outcome_change_note(lang: Lang = "en") -> str:
    """How to read the outcome change table: the arrows and the tests."""
    return tr(
        lang,
        (
            "↑ ↓: significant at the confidence level and at least the minimum "
            "change (on 0-100; eNPS in its own points); energy: Welch's test; "
            "eNPS: the difference of two independent eNPS values (z-test)."
        ),
    )


_ARROWS = {"rising": "↑", "falling": "↓", "stable": "→"}
