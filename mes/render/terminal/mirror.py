"""The terminal view of a `MirrorReport`: the organisation per aspect, blind spots per group,
and the summary in plain words, fitted to the console's width by `mes.render.terminal.fit`
(at 80 columns the organisation's table leaves out n, the mean on the answer scale and p).

Every text from the input (group names, file names) goes through `inert_text` into Rich `Text`,
so brackets are printed as written and escape sequences are never acted on.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from mes.messages import N_
from mes.mirror_results import MirrorGroup, MirrorReport
from mes.render import Lang, inert_text
from mes.render.catalogue import tr, tr_ctx
from mes.render.mirror_sentences import notes, summary
from mes.render.terminal.fit import (
    DETAIL,
    FIGURE,
    INTERVAL,
    Cell,
    Column,
    Fitted,
    Fold,
    Name,
    Section,
    emit,
    emit_text,
    fit_table,
    wrapped,
)
from mes.render.words import (
    aspect_names,
    group_label,
    interval,
    number,
    p_text,
    signed,
    verdict_word,
)

STYLES = {"underestimate": "green", "overestimate": "red"}


def render_mirror(report: MirrorReport, console: Console, lang: Lang = "en") -> None:
    """Print the whole mirror report to ``console``, its tables fitted to its width."""
    width = console.width
    emit(console, *_title(report, lang))
    console.print()
    fitted = [aspect_table(report, lang, width)]
    emit(console, fitted[0].table, width=max(width, fitted[0].table_width))
    groups = [g for g in report.groups if g.dimension != "organisation"]
    if groups:
        console.print()
        heading = tr(
            lang,
            (
                "Blind spots per group: gaps that are significant and at least {m} "
                "points (+ customers rate higher than employees expect, − lower)"
            ),
            m=f"{report.settings.min_change:g}",
        )
        emit(console, wrapped(heading, width, "bold"))
        fitted.append(blind_spot_table(report, groups, lang, width))
        emit(console, fitted[-1].table, width=max(width, fitted[-1].table_width))
    console.print()
    emit_text(console, summary(report, lang))
    table_notes = list(dict.fromkeys(n for f in fitted for n in f.notes))
    emit_text(console, table_notes + notes(report, lang), "dim")


def _title(report: MirrorReport, lang: Lang) -> list[Text]:
    out = []
    head = Text()
    head.append(tr(lang, "Mirror survey"), style="bold")
    head.append(f" · {len(report.definition.aspects)} {tr(lang, 'aspects')}")
    out.append(head)
    for side, info, counted in (
        (tr(lang, "Employees"), report.employees, tr_ctx(lang, "mirror", "scored")),
        (tr(lang, "Customers"), report.customers, tr(lang, "responses")),
    ):
        line = Text(f"{side}: {inert_text(info.file)}")
        extra = []
        if info.sheet:
            extra.append(f"{tr(lang, 'sheet')} {inert_text(info.sheet)}")
        if info.responses is not None:
            extra.append(f"{info.responses} {counted}")
        if extra:
            line.append(f" ({', '.join(extra)})")
        out.append(line)
    return out


def aspect_table(report: MirrorReport, lang: Lang = "en", width: int = 10_000) -> Fitted:
    """Per aspect for the organisation: both scores, the gap, its interval, p and the verdict.

    Wide: n and the mean on the answer scale beside each score, and p. Within ``width``
    columns those give way first, then the interval; the gap and the verdict stay.
    """
    org = report.organisation
    names = aspect_names(report, lang)
    conf = f"{report.settings.confidence:.0%}"
    aspects = list(org.aspects)
    suppressed = org.suppressed or not aspects
    lost = tr(lang, "each mean on the answer scale and its n")

    def side(key: str, pick: str) -> Column:
        sides = [getattr(a, pick) for a in aspects]
        full = [_side(s.mean, s.mean_on_scale, s.n, compact=False) for s in sides]
        short = [_side(s.mean, s.mean_on_scale, s.n, compact=True) for s in sides]
        narrow = Fold(DETAIL, cells=["–"] * suppressed + short, lost=lost)
        return Column(tr(lang, key), ["–"] * suppressed + full, folds=(narrow,))

    dash: list[Cell] = ["–"] * suppressed
    columns = [
        side(N_("Customers"), "customers"),
        side(N_("Employees"), "employees"),
        Column(
            tr(lang, "Gap"),
            dash + [Text(signed(a.gap), style=STYLES.get(a.verdict or "", "")) for a in aspects],
        ),
        Column(
            tr(lang, "{conf} CI", conf=conf),
            dash + [interval(a.test.ci.low, a.test.ci.high) if a.test else "–" for a in aspects],
            INTERVAL,
        ),
        Column(
            tr(lang, "p"),
            dash + [p_text(a.test.p) if a.test else "–" for a in aspects],
            DETAIL,
        ),
        Column(
            tr(lang, "Verdict"),
            [Text(tr(lang, "suppressed"))] * suppressed
            + [
                Text(verdict_word(a.verdict, lang), style=STYLES.get(a.verdict or "", ""))
                for a in aspects
            ],
            justify="left",
        ),
    ]
    rows: list[Name | Section] = [Name(tr(lang, "Organisation"), style="bold")] * suppressed
    rows += [Name(names[a.aspect], style="bold") for a in aspects]
    return fit_table(tr(lang, "Organisation"), rows, columns, width, lang,
                     name_rank=INTERVAL)  # fmt: skip


def _side(mean: float | None, on_scale: float | None, n: int | None, compact: bool) -> str:
    if mean is None:
        return "–"
    if compact:
        return f"{mean:.1f}"
    return f"{mean:.1f} ({on_scale:.2f}, n {n})"


def _indent(group: MirrorGroup) -> str:
    return "    " if group.dimension == "team" and len(group.path) > 1 else "  "


def blind_spot_table(
    report: MirrorReport, groups: list[MirrorGroup], lang: Lang = "en", width: int = 10_000
) -> Fitted:
    """One row per department and team: n of both sides, and its blind spots one per line,
    largest gap first (+ employees underestimate the aspect, − they overestimate it)."""
    names = aspect_names(report, lang)
    k = report.settings.min_group_size
    cells = [_spot_row(g, names, k, lang) for g in groups]
    columns = [
        Column(tr(lang, "n\nstaff"), [c[0] for c in cells], FIGURE),
        Column(tr(lang, "n\ncust."), [c[1] for c in cells], FIGURE),
        Column(tr(lang, "Blind spots (gap)"), [c[2] for c in cells], justify="left"),
    ]
    rows: list[Name | Section] = [
        Name(inert_text(group_label(g, lang)), len(_indent(g)),
             "bold" if g.dimension == "department" else "")
        for g in groups
    ]  # fmt: skip
    return fit_table(tr(lang, "Group"), rows, columns, width, lang)


def _spot_row(group: MirrorGroup, names: dict[str, str], k: int, lang: Lang) -> list[Cell]:
    if group.suppressed:  # the reason is in the notes under the tables
        return ["–", "–", Text(tr(lang, "suppressed"), style="dim italic")]
    cells: list[Cell] = [
        str(group.employees) if group.employees is not None else "–",
        str(group.customers) if group.customers is not None else "–",
    ]
    spots = sorted(
        (a for a in group.aspects if a.verdict in STYLES and a.gap is not None),
        key=lambda a: -abs(a.gap or 0.0),
    )
    if spots:
        text = Text()
        for i, a in enumerate(spots):
            text.append(("\n" if i else "") + f"{signed(a.gap)} {names[a.aspect]}",
                        style=STYLES[a.verdict or ""])  # fmt: skip
        cells.append(text)
    elif all(a.gap is None for a in group.aspects):
        cells.append(Text(tr(lang, "no gap shown"), style="dim italic"))
    else:
        cells.append(Text(tr(lang, "in line on every aspect"), style="dim"))
    return cells


__all__ = ["aspect_table", "blind_spot_table", "number", "render_mirror"]
