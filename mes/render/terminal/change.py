"""The terminal views of a `DiffReport` and a `TrendReport`, made to fit 120 columns.

Groups are laid out as in ``mes score`` (organisation, departments with their teams indented,
then each ``--by`` breakdown), with siblings sorted by change, the largest rise first, and groups
without a change after them. Arrows and colour mark only what the report labels rising or
falling; n of both quarters is always shown. The change per trait has a table of its own, so that
neither table needs more than 120 columns. Group names go through `inert_text` into Rich `Text`,
never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mes.messages import N_
from mes.render import Lang, inert_text
from mes.render.catalogue import tr
from mes.render.terminal.score import NAME_LIMIT
from mes.render.words import display_name, paired_text, score
from mes.results import (
    ChangeLabel,
    DiffReport,
    GroupChange,
    Headcount,
    QuarterInfo,
    TrendGroup,
    TrendReport,
)

G = TypeVar("G", GroupChange, TrendGroup)

ARROWS: dict[ChangeLabel | None, str] = {"rising": "↑", "falling": "↓", "stable": "→", None: " "}
STYLES: dict[ChangeLabel | None, str] = {"rising": "green", "falling": "red"}
SPARKS = "▁▂▃▄▅▆▇█"

NO_PAIRED_TEST = N_("no test: all alike")


# --- Shared pieces ----------------------------------------------------------------------------


def signed(value: float | None, digits: int = 1) -> str:
    """A change with its sign; a change that rounds to zero is +0.0, never -0.0."""
    if value is None:
        return "–"
    return f"{round(value, digits) + 0.0:+.{digits}f}"


def p_value(p: float) -> str:
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def change_cell(change: float | None, label: ChangeLabel | None) -> Text:
    """``↑ +16.5`` in green, ``↓ -16.3`` in red, ``→ +1.4`` plain."""
    if change is None:
        return Text("–")
    return Text(f"{ARROWS[label]} {signed(change)}", style=STYLES.get(label, ""))


#: The words of a change's label and of a group's status, marked for the catalogue.
_WORDS = {
    "rising": N_("rising"),
    "falling": N_("falling"),
    "stable": N_("stable"),
    "new": N_("new"),
    "gone": N_("gone"),
    "suppressed": N_("suppressed"),
}


#: Why the paired view of a group is withheld.
PAIRED_REASONS = {
    "too-few-stayers": N_("fewer than {k} stayed"),
    "few-joined-or-left": N_("fewer than {k} joined or left"),
    "protects-another-group": N_("protects another group"),
    "parent-suppressed": N_("hidden with its parent"),
}

#: Why a change has no test.
NO_TEST = {
    "no-spread": N_("no test: no spread"),
    "one-respondent": N_("no test: n = 1"),
    "instrument-changed": N_("not compared"),
}


def _no_test(reason: str | None, lang: Lang) -> str:
    return tr(lang, NO_TEST[reason]) if reason in NO_TEST else "–"


def label_cell(label: ChangeLabel | None, lang: Lang) -> Text:
    return Text(tr(lang, _WORDS[label]) if label else "–", style=STYLES.get(label, ""))


def interval(low: float, high: float) -> str:
    return f"{signed(low)}…{signed(high)}"


def headcount(count: Headcount) -> str:
    if count.exact is not None:
        return str(count.exact)
    return f"<{count.below}" if count.below is not None else f"≥{count.at_least}"


def _table() -> Table:
    return Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold",
        padding=(0, 1, 0, 0),
    )  # fmt: skip


def _name(dimension: str, path: Sequence[str], lang: Lang, old_path: Sequence[str] | None) -> Text:
    """The group's own name, indented as in ``mes score``; a renamed group's old name below."""
    if dimension == "organisation":
        return Text(tr(lang, "Organisation"), style="bold")
    indent = "    " if dimension == "team" and len(path) > 1 else "  "
    name = Text(indent + inert_text(path[-1] if path else "", NAME_LIMIT))
    if dimension == "department":
        name.stylize("bold")
    if old_path:  # on a line of its own, so that neither name is cut short
        moved = list(old_path[:-1]) != list(path[:-1])
        was = f"({tr(lang, 'was')} {' / '.join(old_path) if moved else old_path[-1]})"
        name.append("\n" + indent + inert_text(was, NAME_LIMIT), style="dim")
    return name


def ordered(groups: Sequence[G], key: Callable[[G], tuple[int, float, str]]) -> list[G]:
    """Display order: the organisation; each department followed by its teams; teams in no
    department; then each ``--by`` breakdown. Siblings are sorted by ``key``."""
    tree = [g for g in groups if g.dimension in ("organisation", "department", "team")]
    departments = sorted((g for g in tree if g.dimension == "department"), key=key)
    teams = [g for g in tree if g.dimension == "team"]
    out = [g for g in tree if g.dimension == "organisation"]
    placed: set[int] = set()
    for dept in departments:
        out.append(dept)
        own = [t for t in teams if len(t.path) == 2 and _same(t.path[0], dept.path[0])]
        out += sorted(own, key=key)
        placed |= {id(t) for t in own}
    out += sorted((t for t in teams if id(t) not in placed), key=key)
    breakdowns = [g for g in groups if g.dimension not in ("organisation", "department", "team")]
    for dimension in dict.fromkeys(g.dimension for g in breakdowns):
        out += sorted((g for g in breakdowns if g.dimension == dimension), key=key)
    return out


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _add_rows(
    table: Table, groups: Sequence[G], lang: Lang, row: Callable[[G], Sequence[Text | str]]
) -> None:
    previous = None
    for g in groups:
        if g.dimension not in ("organisation", "department", "team") and g.dimension != previous:
            table.add_section()
            table.add_row(Text(f"{tr(lang, 'By')} {inert_text(g.dimension)}", style="italic"))
        previous = g.dimension
        table.add_row(*row(g))


def _instrument_line(fingerprints: Sequence[str], names: Sequence[str], lang: Lang) -> str:
    """The instrument once, or each distinct one in order when it changed."""
    distinct = dict(zip(fingerprints, names, strict=True))
    listed = " → ".join(f"{inert_text(n)} ({fp})" for fp, n in distinct.items())
    return tr(lang, "Instrument: {instruments}", instruments=listed)


def _rename_lines(renames: Sequence[tuple[str, str, bool]], lang: Lang) -> list[str]:
    return [
        tr(lang, "Renamed: {old} → {new}", old=inert_text(old), new=inert_text(new))
        if hit
        else tr(
            lang,
            "Renamed: {old} → {new} (matched nothing)",
            old=inert_text(old),
            new=inert_text(new),
        )
        for old, new, hit in renames
    ]


# --- mes diff ---------------------------------------------------------------------------------


def render_diff(report: DiffReport, console: Console, lang: Lang = "en") -> None:
    """Print the change table, the change per trait, the paired table if any, and the footer."""
    title = Text()
    title.append(tr(lang, "MES change"), style="bold")
    title.append(
        f" · {inert_text(report.old.label)}{_count(report.old.scored)} → "
        f"{inert_text(report.new.label)}{_count(report.new.scored)}"
    )
    console.print(title)
    response = response_line([report.old, report.new], lang)
    if response:
        console.print(Text(response))
    console.print(diff_table(report, lang))
    if any(g.traits for g in report.groups):
        console.print(trait_table(report, lang))
    if report.paired.available:
        console.print(Text(tr(lang, "Same people (paired)"), style="bold"))
        console.print(paired_table(report, lang))
    console.print(diff_footer(report, lang))


def response_line(quarters: list[QuarterInfo], lang: Lang = "en") -> str:
    """The organisation's response per quarter, where quarters were scored with a headcount."""
    parts = []
    for q in quarters:
        r = q.response
        if r is None or r.rate is None:
            parts.append(f"{inert_text(q.label)} –")
        else:
            of = tr(lang, "{responded} of {invited}", responded=r.responded, invited=r.invited)
            parts.append(f"{inert_text(q.label)} {of} ({100 * r.rate:.0f}%)")
    if all(q.response is None for q in quarters):
        return ""
    return tr(lang, "Response: {quarters}", quarters=" → ".join(parts))


def diff_order(report: DiffReport) -> list[GroupChange]:
    return ordered(report.groups, _diff_sort_key)


def _diff_sort_key(g: GroupChange) -> tuple[int, float, str]:
    name = "/".join(g.path).casefold()
    if g.status == "compared":
        return (0 if g.mes_change is not None else 1, -(g.mes_change or 0.0), name)
    return ({"new": 2, "gone": 3, "suppressed": 4}[g.status], 0.0, name)


def diff_table(report: DiffReport, lang: Lang = "en") -> Table:
    """Per group: n and MES in both quarters, the change with its interval, p, g and verdict."""
    table = _table()
    table.add_column(tr(lang, "Group"), no_wrap=True, max_width=NAME_LIMIT + 4)
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column(tr(lang, "MES"), justify="right", no_wrap=True)
    table.add_column(tr(lang, "Change"), justify="right", no_wrap=True)
    conf = f"{report.settings.confidence:.0%}"
    table.add_column(tr(lang, "{conf} CI", conf=conf), justify="right", no_wrap=True)
    table.add_column("p", justify="right", no_wrap=True)
    table.add_column("g", justify="right", no_wrap=True)
    table.add_column(tr(lang, "Verdict"), no_wrap=True)
    _add_rows(table, diff_order(report), lang, lambda g: _diff_row(g, lang))
    return table


def _diff_row(g: GroupChange, lang: Lang) -> list[Text | str]:
    name = _name(g.dimension, g.path, lang, g.old_path)
    before = (str(g.old.n), score(g.old.mes)) if g.old else ("–", "–")
    after = (str(g.new.n), score(g.new.mes)) if g.new else ("–", "–")
    if g.status == "suppressed":
        # No figures and no count; which quarter hid it is listed under the table.
        return [
            name,
            "",
            "",
            "",
            "",
            "",
            "",
            Text(tr(lang, "suppressed"), style="dim italic"),
        ]
    counts = f"{before[0]} → {after[0]}"
    mes = f"{before[1]} → {after[1]}"
    if g.status != "compared":
        return [
            name,
            counts,
            mes,
            "",
            "",
            "",
            "",
            Text(tr(lang, _WORDS[g.status]), style="italic"),
        ]
    test = g.test
    verdict = label_cell(g.label, lang)
    if test is None:
        verdict = Text(_no_test(g.reason, lang), style="dim italic")
    return [
        name,
        counts,
        mes,
        change_cell(g.mes_change, g.label),
        interval(test.ci.low, test.ci.high) if test else "",
        p_value(test.p) if test else "",
        f"{test.hedges_g:.2f}" if test and test.hedges_g is not None else "",
        verdict,
    ]


def trait_table(report: DiffReport, lang: Lang = "en") -> Table:
    """Per compared group: the change in the share customer-energetic and in each trait."""
    table = _table()
    table.add_column(tr(lang, "Group"), no_wrap=True, max_width=NAME_LIMIT + 4)
    table.add_column(f"{tr(lang, 'Energetic')} (pp)", justify="right", min_width=6, max_width=13)
    for trait in report.traits:
        name = display_name(trait.name, trait.name_nl, lang)
        table.add_column(inert_text(name), justify="right", min_width=6, max_width=9)
    keys = [t.key for t in report.traits]

    def row(g: GroupChange) -> list[Text | str]:
        changes = {t.key: t.change for t in g.traits or []}
        energetic = None if g.energetic_change is None else 100 * g.energetic_change
        return [
            _name(g.dimension, g.path, lang, None),
            signed(energetic, 0),
            *[signed(changes.get(k)) for k in keys],
        ]

    _add_rows(table, [g for g in diff_order(report) if g.status == "compared"], lang, row)
    return table


def paired_table(report: DiffReport, lang: Lang = "en") -> Table:
    """Per group: who stayed, joined and left, and the stayers' own change, where allowed."""
    k = report.settings.min_group_size
    table = _table()
    table.add_column(tr(lang, "Group"), no_wrap=True, max_width=NAME_LIMIT + 4)
    for key in (N_("Stayed"), N_("Joined"), N_("Left")):
        table.add_column(tr(lang, key), justify="right")
    table.add_column(tr(lang, "Change"), justify="right", no_wrap=True)
    table.add_column(f"{report.settings.confidence:.0%} CI", justify="right", no_wrap=True)
    table.add_column("p", justify="right", no_wrap=True)

    def row(g: GroupChange) -> list[Text | str]:
        paired = g.paired
        assert paired is not None
        name = _name(g.dimension, g.path, lang, None)
        counts = [headcount(paired.stayed), headcount(paired.joined), headcount(paired.left)]
        if not paired.shown:
            reason = paired.reason or ""
            why = tr(lang, PAIRED_REASONS[reason], k=k) if reason in PAIRED_REASONS else reason
            return [
                name,
                *counts,
                "",
                "",
                Text(f"{tr(lang, 'withheld')}: {why}", style="dim"),
            ]
        test = paired.test
        return [
            name,
            *counts,
            signed(paired.mes_change),
            interval(test.ci.low, test.ci.high) if test else "",
            p_value(test.p) if test else Text(tr(lang, NO_PAIRED_TEST), style="dim italic"),
        ]

    _add_rows(table, [g for g in diff_order(report) if g.paired is not None], lang, row)
    return table


def diff_footer(report: DiffReport, lang: Lang = "en") -> Text:
    """How the verdict is reached, what was hidden, instruments, renames, and the paired view."""
    st = report.settings
    old, new = inert_text(report.old.label), inert_text(report.new.label)
    lines = [
        tr(
            lang,
            "Rising / falling: Welch's test significant at {conf} and a change of at least {m} "
            "points; otherwise stable. Small groups will mostly be stable: with few respondents "
            "only a large change is significant.",
            conf=f"{st.confidence:.0%}",
            m=f"{st.min_change:g}",
        ),
        tr(
            lang,
            "n: scored respondents {old} → {new}. CI: interval of the change. g: Hedges' g. "
            "Energetic: change in percentage points.",
            old=old,
            new=new,
        ),
    ]
    organisation = tr(lang, "Organisation")
    hidden = [
        tr(
            lang,
            "{group} (in {quarters})",
            group=inert_text(" / ".join(g.path) or organisation, NAME_LIMIT),
            quarters=tr(lang, " and ").join(old if s == "old" else new for s in g.suppressed_in),
        )
        for g in diff_order(report)
        if g.status == "suppressed"
    ]
    if hidden:
        lines.append(
            tr(
                lang,
                "Suppressed (fewer than {k} respondents, or hidden to protect another group), so "
                "no change: {groups}.",
                k=st.min_group_size,
                groups="; ".join(hidden),
            )
        )
    fingerprints = [report.old.instrument_fingerprint, report.new.instrument_fingerprint]
    line = _instrument_line(fingerprints, [report.old.instrument, report.new.instrument], lang)
    if not report.mes_compared:
        line += tr(lang, "; MES not compared (a trait changed).")
    lines.append(line)
    lines += _rename_lines([(r.old, r.new, bool(r.groups)) for r in report.renames], lang)
    if not report.paired.available and report.paired.reason != "not-requested":
        lines.append(
            tr(
                lang,
                "Paired view: not available: {reason}.",
                reason=inert_text(paired_text(report.paired, lang)),
            )
        )
    return Text("\n".join(lines), style="dim")


# --- mes trend --------------------------------------------------------------------------------


#: A sparkline spans at least this many MES points, so that a stable group (62.1, 62.7, 62.6)
#: draws a flat line instead of a dramatic swing; real changes of ten points or more still fill it.
SPARK_MIN_SPAN = 10.0


def sparkline(values: Sequence[float | None]) -> str:
    """One block per quarter, scaled to the group's own range (at least `SPARK_MIN_SPAN` points
    wide, centred on it); gaps stay gaps."""
    known = [v for v in values if v is not None]
    if not known:
        return " " * len(values)
    low, high = min(known), max(known)
    if high - low < SPARK_MIN_SPAN:
        middle = (low + high) / 2
        low, high = middle - SPARK_MIN_SPAN / 2, middle + SPARK_MIN_SPAN / 2
    top = len(SPARKS) - 1
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        elif high - low < 1e-9:
            out.append(SPARKS[top // 2])
        else:
            out.append(SPARKS[round((v - low) / (high - low) * top)])
    return "".join(out)


def render_trend(report: TrendReport, console: Console, lang: Lang = "en") -> None:
    """Print MES per group per quarter with a sparkline and the label of the last change."""
    title = Text()
    title.append(tr(lang, "MES trend"), style="bold")
    title.append(" · " + " → ".join(inert_text(q.label) for q in report.quarters))
    console.print(title)
    response = response_line(report.quarters, lang)
    if response:
        console.print(Text(response))
    console.print(trend_table(report, lang))
    console.print(trend_footer(report, lang))


def _trend_sort_key(g: TrendGroup) -> tuple[int, float, str]:
    name = "/".join(g.path).casefold()
    return (1, 0.0, name) if g.last_change is None else (0, -g.last_change, name)


def trend_table(report: TrendReport, lang: Lang = "en") -> Table:
    """One row per group: MES (n) per quarter, a sparkline, the last change and its verdict."""
    table = _table()
    table.add_column(tr(lang, "Group"), no_wrap=True, max_width=NAME_LIMIT + 4)
    for q in report.quarters:
        table.add_column(Text(inert_text(q.label)), justify="right", no_wrap=True)
    table.add_column(tr(lang, "Trend"), no_wrap=True)
    table.add_column(tr(lang, "Last change"), justify="right", no_wrap=True)
    table.add_column(tr(lang, "Verdict"), no_wrap=True)
    _add_rows(table, ordered(report.groups, _trend_sort_key), lang, lambda g: _trend_row(g, lang))
    return table


def _trend_row(g: TrendGroup, lang: Lang) -> list[Text | str]:
    cells: list[Text | str] = [_name(g.dimension, g.path, lang, None)]
    for point in g.points:
        if not point.present:
            cells.append("")
        elif point.suppressed or point.mes is None:
            cells.append(Text(tr(lang, "suppressed"), style="dim italic"))
        else:
            cells.append(Text(score(point.mes)) + Text(f" ({point.n})", style="dim"))
    cells.append(sparkline([p.mes for p in g.points]))
    cells.append(change_cell(g.last_change, g.last_label))
    if g.last_label is None:
        cells.append(Text("–", style="dim"))
    elif g.last_test is None:
        cells.append(Text(_no_test(g.last_reason, lang), style="dim italic"))
    else:
        cells.append(label_cell(g.last_label, lang))
    return cells


def trend_footer(report: TrendReport, lang: Lang = "en") -> Text:
    st = report.settings
    lines = [
        tr(
            lang,
            "Cells: MES (scored respondents). Sparklines span each group's own lowest to highest "
            "MES (at least {span} points); a gap is a quarter where the group is absent or "
            "suppressed.",
            span=f"{SPARK_MIN_SPAN:g}",
        ),
        tr(
            lang,
            "Last change: {before} → {after}; rising / falling when Welch's test is significant "
            "at {conf} and the change is at least {m} points. Small groups will mostly be "
            "stable: with few respondents only a large change is significant.",
            before=inert_text(report.quarters[-2].label),
            after=inert_text(report.quarters[-1].label),
            conf=f"{st.confidence:.0%}",
            m=f"{st.min_change:g}",
        ),
        _instrument_line(
            [q.instrument_fingerprint for q in report.quarters],
            [q.instrument for q in report.quarters],
            lang,
        ),
    ]
    lines += _rename_lines([(r.old, r.new, bool(r.groups)) for r in report.renames], lang)
    return Text("\n".join(lines), style="dim")


def _count(scored: int | None) -> str:
    """A quarter's number of scored respondents, unless its organisation is suppressed."""
    return "" if scored is None else f" ({scored})"
