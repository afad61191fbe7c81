"""The terminal view of ``mes drivers``: per outcome, the organisation's traits as drivers (r
and share of R² with their intervals), the reading in plain words, and a table of every shown
group's shares and priority. Groups not computed show no figure, only why.

Names from the input go through `inert_text` into Rich `Text`, never as markup.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from mes.render import Lang, inert_text
from mes.render.catalogue import tr, tr_ctx
from mes.render.driver_sentences import (
    method_lines,
    outcome_title,
    r_text,
    reading,
    trait_label,
)
from mes.render.terminal.fit import (
    HEADERS,
    INTERVAL,
    NBSP,
    TRAITS,
    Cell,
    Column,
    Fitted,
    Fold,
    Name,
    Section,
    emit,
    emit_fitted,
    emit_text,
    fit_table,
    fold_header,
    wrap,
)
from mes.render.words import decimal, percent
from mes.results import (
    DriversReport,
    DriversResult,
    GroupDrivers,
    InstrumentInfo,
    OutcomeDrivers,
    SourceInfo,
)

NAME_LIMIT = 40


def render_drivers(report: DriversReport, console: Console, lang: Lang = "en") -> None:
    """Print every outcome's drivers, then how they were computed."""
    render_drivers_result(report.drivers, report.instrument, report.source, console, lang)


def render_drivers_result(
    result: DriversResult,
    instrument: InstrumentInfo,
    source: SourceInfo,
    console: Console,
    lang: Lang = "en",
) -> None:
    for i, outcome in enumerate(result.outcomes):
        if i:
            console.print()
        _outcome(result, outcome, instrument, source, console, lang)
    console.print()
    emit_text(console, method_lines(result, lang), "dim")


def title_text(bold: str, rest: str, width: int) -> Text:
    """A title line: ``bold`` then ``rest``, wrapped at words within ``width`` (`wrap`)."""
    text = Text("\n".join(wrap(bold + rest, width)))
    # wrap only turns spaces into line breaks, so the bold part keeps its place
    text.stylize("bold", 0, len(bold))
    return text


def where_text(file: str, sheet: str | None, lang: Lang) -> str:
    """ " · file (sheet X)", with the sheet kept on one line with its name."""
    where = f" ·{NBSP}{inert_text(file)}"
    if sheet:
        named = tr(lang, "(sheet {name})", name=inert_text(sheet))
        where += NBSP + named.replace(" ", NBSP)
    return where


def _outcome(
    result: DriversResult,
    outcome: OutcomeDrivers,
    instrument: InstrumentInfo,
    source: SourceInfo,
    console: Console,
    lang: Lang,
) -> None:
    org = outcome.groups[0] if outcome.groups else None
    bold = tr(lang, "Drivers of {outcome}", outcome=outcome_title(outcome, lang))
    where = where_text(source.file, source.sheet, lang)
    emit(console, title_text(bold, where, console.width))
    if org is None or org.dimension != "organisation":
        none = tr(
            lang,
            (
                "No group has {min} or more people with every trait and the outcome "
                "answered: nothing is computed."
            ),
            min=result.settings.min_people,
        )
        emit_text(console, [none])
        return
    if org.computed and org.n is not None:
        label = tr(lang, "Organisation")
        rests = tr(lang, "rests on {n} people with every trait and the outcome answered", n=org.n)
        emit_text(console, [f"{label}: {rests}"])
        emit_fitted(console, trait_table(org, instrument, result.settings.confidence, lang,
                                         console.width), lang)  # fmt: skip
    emit_text(console, reading(org, outcome, instrument, result, lang))
    computed = [g for g in outcome.groups if g.reason != "too-few-people" and g is not org]
    if computed:
        console.print()
        emit(console, Text(tr(lang, "Per group: each trait's share of R²"), style="bold"))
        emit_fitted(console, groups_table(outcome, instrument, lang, console.width), lang)
    skipped = [g for g in outcome.groups if g.reason == "too-few-people" and g is not org]
    if skipped:
        names = ", ".join(inert_text(_name(g, lang), NAME_LIMIT) for g in skipped)
        note = tr(
            lang,
            ("Not computed (fewer than {min} people with every trait and the outcome): {groups}."),
            min=result.settings.min_people,
            groups=names,
        )
        emit_text(console, [note], "dim")


def trait_table(
    group: GroupDrivers,
    instrument: InstrumentInfo,
    confidence: float,
    lang: Lang,
    width: int = 10_000,
) -> Fitted:
    """One row per trait, strongest driver first: score, r with its interval, share of R²
    with its interval, rank. Within ``width`` the long header folds, then the intervals go."""
    ci = f"{percent(confidence, lang, None)} {'CI' if lang == 'en' else 'BI'}"
    traits = sorted(group.traits or [], key=lambda t: t.rank)
    share_long = tr(lang, "Share of R²")
    columns = [
        Column(tr(lang, "Score"), ["–" if t.score is None else f"{t.score:.0f}" for t in traits]),
        Column(tr(lang, "r"), [r_text(t.r, lang) for t in traits]),
        Column(
            ci,
            [f"{r_text(t.r_ci.low, lang)}–{r_text(t.r_ci.high, lang)}" for t in traits],
            INTERVAL,
            lost=f"{ci} ({tr(lang, 'r')})",
        ),
        Column(
            share_long,
            [percent(t.share, lang) for t in traits],
            folds=(Fold(HEADERS, header=fold_header(share_long)),),
        ),
        Column(
            ci,
            [
                f"{decimal(100 * t.share_ci.low, lang, 0)}–{percent(t.share_ci.high, lang)}"
                for t in traits
            ],
            INTERVAL,
            lost=f"{ci} ({share_long})",
        ),
        Column(tr(lang, "Rank"), [str(t.rank) for t in traits]),
    ]
    rows: list[Name | Section] = [Name(trait_label(instrument, t.key, lang)) for t in traits]
    return fit_table(tr(lang, "Trait"), rows, columns, width, lang)


def _name(group: GroupDrivers, lang: Lang) -> str:
    return tr(lang, "Organisation") if group.dimension == "organisation" else group.name


def _indent(group: GroupDrivers) -> int:
    if group.dimension == "organisation":
        return 0
    if group.dimension == "team" and len(group.path) > 1:
        return 4
    return 2


def groups_table(
    outcome: OutcomeDrivers, instrument: InstrumentInfo, lang: Lang, width: int = 10_000
) -> Fitted:
    """Every shown group: people, R², each trait's share of R² (instrument order), priority.
    Fitted to ``width`` by `fit_table`: the trait headers fold first, then the group names are
    cut (distinctly, listed in full under the table), then the trait columns are left out, the
    organisation's weakest driver first; n, R² and the priority always stay. A group without
    figures says why in the row."""
    keys = [t.key for t in instrument.traits]
    # Only the groups with figures; the others are listed under the table with the reason.
    groups = [g for g in outcome.groups if g.reason != "too-few-people"]
    org = next((g for g in groups if g.dimension == "organisation"), None)
    org_rank = {t.key: t.rank for t in (org.traits or [])} if org is not None else {}
    computed = [g.computed and g.traits is not None and g.r2 is not None for g in groups]

    def cells(fn: object, blank: Cell = "–") -> list[Cell]:
        assert callable(fn)
        return [fn(g) if ok else blank for g, ok in zip(groups, computed, strict=True)]

    columns = [
        Column("n", cells(lambda g: str(g.n))),
        Column(tr(lang, "R²"), cells(lambda g: decimal(g.r2, lang, 2))),
    ]
    for key in keys:
        label = trait_label(instrument, key, lang)
        # The organisation's weakest driver gives way first.
        rank = TRAITS - org_rank.get(key, len(keys) + 1)
        columns.append(
            Column(
                label.replace(" ", "\n"),
                cells(lambda g, key=key: _share(g, key, lang)),
                max(rank, HEADERS + 1),
                folds=(Fold(HEADERS, header=fold_header(label)),),
                lost=label,
            )
        )
    columns.append(
        Column(
            tr(lang, "Priority"),
            cells(lambda g: trait_label(instrument, g.priority, lang) if g.priority else "–", ""),
            justify="left",
        )
    )
    notes: list[Cell | None] = [
        None if ok else Text(_why(g, lang), style="dim italic")
        for g, ok in zip(groups, computed, strict=True)
    ]
    rows: list[Name | Section] = []
    previous = None
    for group in groups:
        if group.id.startswith("by:") and group.dimension != previous:
            rows.append(Section(f"{tr(lang, 'By')} {inert_text(group.dimension)}"))
        previous = group.dimension
        bold = group.dimension in ("organisation", "department")
        rows.append(Name(inert_text(_name(group, lang)), _indent(group), "bold" if bold else ""))
    return fit_table(tr(lang, "Group"), rows, columns, width, lang, name_rank=HEADERS,
                     notes=notes)  # fmt: skip


def _share(group: GroupDrivers, key: str, lang: Lang) -> str:
    shares = {t.key: percent(t.share, lang) for t in group.traits or []}
    return shares.get(key, "–")


def _why(group: GroupDrivers, lang: Lang) -> str:
    """Why a group has no figures, in the row where its priority would be."""
    if group.reason == "no-variation":
        return tr(lang, "no spread")
    if group.reason == "outcome-hidden":
        return tr_ctx(lang, "drivers", "hidden")
    return tr(lang, "too few")
