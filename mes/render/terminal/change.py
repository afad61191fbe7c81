"""The terminal views of a `DiffReport` and a `TrendReport`, fitted to the console's width.

Groups are laid out as in ``mes score`` (organisation, departments with their teams indented,
then each ``--by`` breakdown), with siblings sorted by change, the largest rise first, and groups
without a change after them. Arrows and colour mark only what the report labels rising or
falling. Every table goes through `mes.render.terminal.fit`: at 80 columns g, p and the interval
give way (diff) or the sparkline and the n per quarter (trend); the MES of both quarters, the
change and the verdict always stay whole. The change per trait has a table of its own. Group
names go through `inert_text` into Rich `Text`, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from rich.console import Console
from rich.text import Text

from mes.messages import N_
from mes.render import Lang, inert_text
from mes.render.catalogue import tr
from mes.render.terminal.fit import (
    DETAIL,
    FIGURE,
    HEADERS,
    INTERVAL,
    NAME_CAP,
    Cell,
    Column,
    Fitted,
    Fold,
    Name,
    Section,
    band_style,
    emit,
    emit_text,
    fit_table,
    fold_header,
)
from mes.render.terminal.outcomes import outcome_change_note, outcome_change_table
from mes.render.words import display_name, paired_text, score
from mes.results import (
    ChangeLabel,
    DiffReport,
    GroupChange,
    Headcount,
    OutcomeChange,
    QuarterInfo,
    TrendGroup,
    TrendPoint,
    TrendReport,
)

G = TypeVar("G", GroupChange, TrendGroup)

ARROWS: dict[ChangeLabel | None, str] = {"rising": "↑", "falling": "↓", "stable": "→", None: " "}
STYLES: dict[ChangeLabel | None, str] = {"rising": "green", "falling": "red"}
SPARKS = "▁▂▃▄▅▆▇█"

NO_PAIRED_TEST = N_("no test: all alike")

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


def label_cell(label: ChangeLabel | None, lang: Lang) -> Text:
    return Text(tr(lang, _WORDS[label]) if label else "–", style=STYLES.get(label, ""))


def interval(low: float, high: float) -> str:
    return f"{signed(low)}…{signed(high)}"


def headcount(count: Headcount) -> str:
    if count.exact is not None:
        return str(count.exact)
    return f"<{count.below}" if count.below is not None else f"≥{count.at_least}"


def _name(dimension: str, path: Sequence[str], lang: Lang, old_path: Sequence[str] | None) -> Name:
    """The group's own name, indented as in ``mes score``; a renamed group's old name below."""
    if dimension == "organisation":
        return Name(tr(lang, "Organisation"), style="bold")
    indent = 4 if dimension == "team" and len(path) > 1 else 2
    was = None
    if old_path:  # on a line of its own, so that neither name is cut short
        moved = list(old_path[:-1]) != list(path[:-1])
        was = f"({tr(lang, 'was')} {' / '.join(old_path) if moved else old_path[-1]})"
        was = inert_text(was)
    style = "bold" if dimension == "department" else ""
    return Name(inert_text(path[-1] if path else ""), indent, style, was)


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


def _rows(groups: Sequence[G], lang: Lang, name: Callable[[G], Name]) -> list[Name | Section]:
    """Names in display order, with a section heading before each ``--by`` breakdown."""
    rows: list[Name | Section] = []
    previous = None
    for g in groups:
        if g.dimension not in ("organisation", "department", "team") and g.dimension != previous:
            rows.append(Section(f"{tr(lang, 'By')} {inert_text(g.dimension)}"))
        previous = g.dimension
        rows.append(name(g))
    return rows


def _score_pair(before: float | None, after: float | None) -> Text:
    """``62.7 → 62.6``, each coloured by its band."""
    text = Text(score(before), style=band_style(before))
    text.append(" → ")
    text.append(score(after), style=band_style(after))
    return text


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
    emit(console, title)
    response = response_line([report.old, report.new], lang)
    if response:
        emit_text(console, [response])
    width = console.width
    tables = [diff_table(report, lang, width)]
    if any(g.traits for g in report.groups):
        tables.append(trait_table(report, lang, width))
    for fitted in tables:
        emit(console, fitted.table, width=max(width, fitted.table_width))
    if report.paired.available:
        emit(console, Text(tr(lang, "Same people (paired)"), style="bold"))
        fitted = paired_table(report, lang, width)
        emit(console, fitted.table, width=max(width, fitted.table_width))
        tables.append(fitted)
    groups = diff_order(report)
    outcomes = _outcome_rows(groups, [g.outcomes or [] for g in groups], lang)
    outcome_table = _print_outcomes(console, outcomes, lang, tables[0])
    if outcome_table is not None:
        tables.append(outcome_table)
    notes = list(dict.fromkeys(n for t in tables for n in t.notes))
    emit_text(console, notes + diff_footer_lines(report, lang), "dim")


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


def diff_table(report: DiffReport, lang: Lang = "en", width: int = 10_000) -> Fitted:
    """Per group: n and MES in both quarters, the change with its interval, p, g and verdict.
    Within ``width``: g goes first, then p, then the interval, then n."""
    groups = diff_order(report)
    compared = [g.status == "compared" for g in groups]
    tests = [g.test if ok else None for g, ok in zip(groups, compared, strict=True)]
    columns = [
        Column("n", [_counts(g) for g in groups], FIGURE),
        Column(tr(lang, "MES"), [_mes_pair(g) for g in groups]),
        Column(
            tr(lang, "Change"),
            [
                change_cell(g.mes_change, g.label) if ok else ""
                for g, ok in zip(groups, compared, strict=True)
            ],
        ),
        Column(
            tr(lang, "{conf} CI", conf=f"{report.settings.confidence:.0%}"),
            [interval(t.ci.low, t.ci.high) if t else "" for t in tests],
            INTERVAL,
        ),
        Column("p", [p_value(t.p) if t else "" for t in tests], DETAIL + 5),
        Column(
            "g",
            [f"{t.hedges_g:.2f}" if t and t.hedges_g is not None else "" for t in tests],
            DETAIL,
        ),
        Column(tr(lang, "Verdict"), [_verdict(g, lang) for g in groups], justify="left"),
    ]
    rows = _rows(groups, lang, lambda g: _name(g.dimension, g.path, lang, g.old_path))
    return fit_table(tr(lang, "Group"), rows, columns, width, lang, name_rank=INTERVAL)


def _counts(g: GroupChange) -> str:
    if g.status == "suppressed":
        return ""  # no figures and no count; which quarter hid it is listed under the table
    return f"{g.old.n if g.old else '–'} → {g.new.n if g.new else '–'}"


def _mes_pair(g: GroupChange) -> Cell:
    if g.status == "suppressed":
        return ""
    return _score_pair(g.old.mes if g.old else None, g.new.mes if g.new else None)


def _verdict(g: GroupChange, lang: Lang) -> Text:
    if g.status == "suppressed":
        return Text(tr(lang, "suppressed"), style="dim italic")
    if g.status != "compared":
        return Text(tr(lang, _WORDS[g.status]), style="italic")
    if g.test is None:
        return Text(_no_test(g.reason, lang), style="dim italic")
    return label_cell(g.label, lang)


def trait_table(report: DiffReport, lang: Lang = "en", width: int = 10_000) -> Fitted:
    """Per compared group: the change in the share customer-energetic and in each trait."""
    groups = [g for g in diff_order(report) if g.status == "compared"]
    energetic = [None if g.energetic_change is None else 100 * g.energetic_change for g in groups]
    columns = [
        Column(
            f"{tr(lang, 'Energetic')}\n(pp)",
            [signed(e, 0) for e in energetic],
            FIGURE,
            folds=(Fold(HEADERS, header=tr(lang, "Ener-\ngetic") + "\n(pp)"),),
        )
    ]
    for trait in report.traits:
        name = inert_text(display_name(trait.name, trait.name_nl, lang))
        changes = [{t.key: t.change for t in g.traits or []}.get(trait.key) for g in groups]
        columns.append(
            Column(
                name.replace(" ", "\n"),
                [signed(c) for c in changes],
                folds=(Fold(HEADERS, header=fold_header(name)),),
            )
        )
    rows = _rows(groups, lang, lambda g: _name(g.dimension, g.path, lang, None))
    return fit_table(tr(lang, "Group"), rows, columns, width, lang, name_rank=HEADERS)


def paired_table(report: DiffReport, lang: Lang = "en", width: int = 10_000) -> Fitted:
    """Per group: who stayed, joined and left, and the stayers' own change, where allowed."""
    k = report.settings.min_group_size
    groups = [g for g in diff_order(report) if g.paired is not None]
    papers = [g.paired for g in groups]
    assert all(p is not None for p in papers)
    columns = [
        Column(tr(lang, words), [headcount(getattr(p, key)) for p in papers if p])
        for key, words in (("stayed", N_("Stayed")), ("joined", N_("Joined")), ("left", N_("Left")))
    ]
    change: list[Cell] = []
    ci: list[Cell] = []
    p_cells: list[Cell] = []
    notes: list[Cell | None] = []  # why a group's stayers are withheld ends its row
    for paired in papers:
        assert paired is not None
        test = paired.test
        if not paired.shown:
            reason = paired.reason or ""
            why = tr(lang, PAIRED_REASONS[reason], k=k) if reason in PAIRED_REASONS else reason
            notes.append(Text(f"{tr(lang, 'withheld')}: {why}", style="dim"))
            change.append("")
            ci.append("")
            p_cells.append("")
            continue
        notes.append(None)
        no_test = Text(tr(lang, NO_PAIRED_TEST), style="dim italic")
        no_test = Text(tr(lang, NO_PAIRED_TEST), style="dim italic")
        change.append(signed(paired.mes_change))
        ci.append(interval(test.ci.low, test.ci.high) if test else "")
        p_cells.append(p_value(test.p) if test else no_test)
    columns += [
        Column(tr(lang, "Change"), change),
        Column(tr(lang, "{conf} CI", conf=f"{report.settings.confidence:.0%}"), ci, INTERVAL),
        Column("p", p_cells, DETAIL),
    ]
    rows = _rows(groups, lang, lambda g: _name(g.dimension, g.path, lang, None))
    return fit_table(tr(lang, "Group"), rows, columns, width, lang, name_rank=INTERVAL,
                     notes=notes)  # fmt: skip


def diff_footer_lines(report: DiffReport, lang: Lang = "en") -> list[str]:
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
            group=inert_text(" / ".join(g.path) or organisation),
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
    return lines


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
    emit(console, title)
    response = response_line(report.quarters, lang)
    if response:
        emit_text(console, [response])
    fitted = trend_table(report, lang, console.width)
    emit(console, fitted.table, width=max(console.width, fitted.table_width))
    groups = ordered(report.groups, _trend_sort_key)
    rows = _outcome_rows(groups, [g.last_outcomes or [] for g in groups], lang)
    outcomes = _print_outcomes(console, rows, lang, fitted)
    notes = fitted.notes + (outcomes.notes if outcomes is not None else [])
    emit_text(console, list(dict.fromkeys(notes)) + trend_footer_lines(report, lang), "dim")


def _print_outcomes(
    console: Console,
    rows: list[tuple[Name | Section, Sequence[OutcomeChange]]],
    lang: Lang,
    main: Fitted,
) -> Fitted | None:
    """The change of the outcome questions (energy, eNPS) when both quarters have them, with
    names cut as in the ``main`` table above; its notes are left to the caller."""
    name_width = main.table.columns[0].width if main.table.columns else None
    fitted = outcome_change_table(rows, lang, console.width, name_width or NAME_CAP)
    if fitted is None:
        return None
    emit(console, fitted.table, width=max(console.width, fitted.table_width))
    emit_text(console, [outcome_change_note(lang)], "dim")
    return fitted


def _outcome_rows(
    groups: Sequence[G],
    changes: Sequence[Sequence[OutcomeChange]],
    lang: Lang,
) -> list[tuple[Name | Section, Sequence[OutcomeChange]]]:
    """The rows of the outcome change table: the groups as in the MES change table (same order,
    names, headings), each with its outcome changes."""
    by_group = {id(g): c for g, c in zip(groups, changes, strict=True)}
    rows = _rows(groups, lang, lambda g: _name(g.dimension, g.path, lang, None))
    out: list[tuple[Name | Section, Sequence[OutcomeChange]]] = []
    names = iter(groups)
    for row in rows:
        out.append((row, [] if isinstance(row, Section) else by_group[id(next(names))]))
    return out


def _trend_sort_key(g: TrendGroup) -> tuple[int, float, str]:
    name = "/".join(g.path).casefold()
    return (1, 0.0, name) if g.last_change is None else (0, -g.last_change, name)


def trend_table(report: TrendReport, lang: Lang = "en", width: int = 10_000) -> Fitted:
    """One row per group: MES (n) per quarter, a sparkline, the last change and its verdict.
    Within ``width``: the sparkline goes first, then the n per quarter; the MES of every
    quarter, the last change and the verdict stay."""
    groups = ordered(report.groups, _trend_sort_key)
    columns = []
    for i, q in enumerate(report.quarters):
        points = [g.points[i] for g in groups]
        columns.append(
            Column(
                inert_text(q.label),
                [_point(p, lang, with_n=True) for p in points],
                folds=(
                    Fold(
                        DETAIL,
                        cells=[_point(p, lang, with_n=False) for p in points],
                        lost=tr(lang, "n per quarter"),
                    ),
                ),
            )
        )
    columns += [
        Column(
            tr(lang, "Trend"),
            [sparkline([p.mes for p in g.points]) for g in groups],
            DETAIL - 2,  # before the n per quarter
            justify="left",
            lost=tr(lang, "Trend"),
        ),
        Column(
            tr(lang, "Last change"),
            [change_cell(g.last_change, g.last_label) for g in groups],
            folds=(Fold(HEADERS, header=fold_header(tr(lang, "Last change"))),),
        ),
        Column(tr(lang, "Verdict"), [_last_verdict(g, lang) for g in groups], justify="left"),
    ]
    rows = _rows(groups, lang, lambda g: _name(g.dimension, g.path, lang, None))
    return fit_table(tr(lang, "Group"), rows, columns, width, lang, name_rank=INTERVAL,
                     formats=("--format json",))  # fmt: skip


def _point(point: TrendPoint, lang: Lang, *, with_n: bool) -> Cell:
    if not point.present:
        return ""
    if point.suppressed or point.mes is None:
        if not with_n:
            return Text("–", style="dim")
        return Text(tr(lang, "suppressed"), style="dim italic")
    text = Text(score(point.mes), style=band_style(point.mes))
    if with_n:
        text.append(f" ({point.n})", style="dim")
    return text


def _last_verdict(g: TrendGroup, lang: Lang) -> Text:
    last = g.points[-1]
    if last.present and (last.suppressed or last.mes is None):
        return Text(tr(lang, "suppressed"), style="dim italic")
    if g.last_label is None:
        return Text("–", style="dim")
    if g.last_test is None:
        return Text(_no_test(g.last_reason, lang), style="dim italic")
    return label_cell(g.last_label, lang)


def trend_footer_lines(report: TrendReport, lang: Lang = "en") -> list[str]:
    st = report.settings
    lines = [
        tr(
            lang,
            "Cells: MES (scored respondents); blank: not in that quarter; suppressed (– when the "
            "n are left out): too few respondents to show. Sparklines span each group's own "
            "lowest to highest MES (at least {span} points); a gap is a quarter where the group "
            "is absent or suppressed.",
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
    return lines


def _count(scored: int | None) -> str:
    """A quarter's number of scored respondents, unless its organisation is suppressed."""
    return "" if scored is None else f" ({scored})"
